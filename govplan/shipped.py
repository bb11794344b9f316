"""The data files shipped inside the package (units, unit facts, words, catalogue)."""

from __future__ import annotations

from pathlib import Path

# Beside this module: govplan is always installed unpacked (pip does not install packages
# as zip files), and a path costs nothing to import, unlike importlib.resources, whose
# readers cost a few milliseconds at every start.
HERE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The path of one of the package's data files."""
    return HERE / name
