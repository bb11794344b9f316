"""What govplan's source asks of its catalogues, read from its syntax tree: the calls, the
strings an argument can be, and the fields a call names."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path


def calls() -> Iterator[tuple[Path, ast.Call]]:
    """Every call in govplan's modules, with its file."""
    for path in sorted(Path("govplan").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield path, node


def strings(node: ast.expr | None) -> list[str]:
    """The strings an argument can be: a literal, or either branch of `"a" if x else "b"`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return [*strings(node.body), *strings(node.orelse)]
    return []


def fields(call: ast.Call, *, besides: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """The keyword arguments a call names (less `besides`), or None where it passes them
    as **fields (checked where they are written, not here)."""
    if any(k.arg is None for k in call.keywords):
        return None
    return frozenset(k.arg for k in call.keywords if k.arg is not None and k.arg not in besides)
