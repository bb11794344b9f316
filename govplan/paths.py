"""The plan files a command is given: files, folders searched for plans, glob patterns."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from govplan.errors import Finding, Location
from govplan.load import STDIN
from govplan.messages import said

PLAN_SUFFIXES = (".yaml", ".yml")


def plan_files(paths: Sequence[str]) -> Iterator[tuple[str, Finding | None]]:
    """The plan files under `paths` (files, folders searched for *.yaml/*.yml, and glob
    patterns that a shell left quoted, as Windows shells do), in a stable order: (file, None),
    or (path, finding) for a path that cannot be used (missing, unreadable, a folder with no
    plans, a pattern that matches nothing)."""
    import glob

    for pattern in paths:
        if pattern == STDIN or not glob.has_magic(pattern):
            yield from _plan_files_at(pattern)
            continue
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            yield pattern, said(Location(pattern), "io", "no-match")
        for match in matches:
            yield from _plan_files_at(match)


def _plan_files_at(path: str) -> Iterator[tuple[str, Finding | None]]:
    """One path: a file, or the plan files of a folder."""
    if os.path.isdir(path):
        found: list[str] = []
        unreadable: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=unreadable.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, f) for f in files if f.endswith(PLAN_SUFFIXES)]
        for error in unreadable:
            where = Location(error.filename or path)
            yield (
                error.filename or path,
                said(where, "io", "cannot-list", why=error.strerror),
            )
        if not found and not unreadable:
            yield (
                path,
                said(Location(path), "no-plans"),
            )
        for file in sorted(found):
            yield file, None
    elif path == STDIN:
        yield path, None
    elif not os.path.exists(path):
        yield path, said(Location(path), "io", "no-such-path")
    else:
        yield path, None
