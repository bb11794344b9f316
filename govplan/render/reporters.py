"""The table of output formats: name -> pure function of the reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from govplan.compute import Report
from govplan.render.cells import Options

if TYPE_CHECKING:
    from rich.console import RenderableType

Reporter = Callable[[Sequence[Report], Options], "str | RenderableType"]


def _table(reports: Sequence[Report], options: Options) -> RenderableType:
    # rich is imported only for the table, so machine formats start faster.
    from govplan.render.table import render_table

    return render_table(reports, options)


def _text(name: str) -> Reporter:
    def run(reports: Sequence[Report], options: Options) -> str:
        from govplan.render import text

        fn: Callable[[Sequence[Report], Options], str] = getattr(text, f"render_{name}")
        return fn(reports, options)

    return run


REPORTER_BY_NAME: dict[str, Reporter] = {
    "table": _table,
    "json": _text("json"),
    "csv": _text("csv"),
    "markdown": _text("markdown"),
}
