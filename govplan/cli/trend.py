"""`govplan trend`: the year so far, one line per indicator."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from govplan.cli.options import (
    diagnostics_lang,
    format_option,
    lang_option,
    report_findings,
    settings,
    show,
    unknown_ids,
)
from govplan.render.formats import TREND_FORMATS, trend_renderer
from govplan.terms import Lang


def trend(
    plans: Annotated[list[Path], typer.Argument(metavar="PLAN...", help="Plan files (YAML).")],
    fmt: Annotated[
        str | None,
        format_option(TREND_FORMATS, "Output format; table on a terminal, text in a pipe."),
    ] = None,
    ids: Annotated[
        str | None,
        typer.Option("--ids", metavar="ID,ID", help="Only these indicators, e.g. gdp,fdi."),
    ] = None,
    lang: Annotated[Lang | None, lang_option()] = None,
) -> None:
    """The year so far: each indicator's year-to-date figures from its `series` to the plan's
    period as a small chart, the schedule share (时序进度) at each, and the year-end at the
    pace so far. Exit codes: 0 ok; 2 invalid plan or usage; 3 internal error.
    """
    from govplan.check import run_check
    from govplan.render.cells import Options
    from govplan.trend import trends

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "text"
    outcome = run_check([str(p) for p in plans], settings(diagnostics_lang(lang)))
    report_findings(outcome.findings, diagnostics_lang(lang))
    wanted = [i.strip() for i in ids.split(",") if i.strip()] if ids else []
    unknown_ids(wanted, [r.indicator.id for rep in outcome.reports for r in rep.results])
    found = [(report, trends(report, wanted)) for report in outcome.reports]
    if found:
        show(trend_renderer(fmt)(found, Options(lang=lang or Lang.ZH)))
    raise typer.Exit(outcome.exit_code())
