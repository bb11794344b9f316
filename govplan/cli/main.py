"""The `govplan` command: a thin layer that parses options and calls the core."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

# govplan uses no pydantic plugins; looking for them scans every installed package's
# metadata (importlib.metadata, about 20 ms of every run). Set before pydantic is imported.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from govplan import __version__
from govplan.cli.draft import draft as draft_command
from govplan.cli.init import init as init_command
from govplan.cli.options import (
    check_destination,
    deliver,
    diagnostics_lang,
    format_option,
    lang_option,
    output_option,
    report_findings,
    settings,
    show,
    unknown_ids,
)
from govplan.cli.rule import rule as rule_command
from govplan.cli.trend import trend as trend_command
from govplan.cli.update import update as update_command
from govplan.cli.validate import validate as validate_command
from govplan.exitcodes import ExitCode
from govplan.render.formats import (
    COMPARISON_FORMATS,
    EXPLAIN_FORMATS,
    REPORT_FORMATS,
    comparison_renderer,
    explain_renderer,
    report_renderer,
)
from govplan.terms import FailOn, Lang, RollupKey, SortKey, Status

app = typer.Typer(
    name="govplan",
    help="Indicator calculator for government development plans: gaps, completion and "
    "status from plan files, with the published figures audited.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion for bash, zsh, fish and PowerShell
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"govplan {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """govplan: plan files in, gaps, completion and status out."""


@app.command()
def check(
    plans: Annotated[list[Path], typer.Argument(metavar="PLAN...", help="Plan files (YAML).")],
    fmt: Annotated[str, format_option(REPORT_FORMATS, "Output format.")] = "table",
    output: Annotated[Path | None, output_option()] = None,
    lang: Annotated[Lang | None, lang_option()] = None,
    explain: Annotated[
        str | None,
        typer.Option("--explain", metavar="ID", help="Explain how one indicator was computed."),
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="missed|inconsistent|binding|CODE",
            help="Exit 1 when a target is missed (or a task behind), a published figure "
            "is inconsistent, (binding) a binding 约束性 five-year indicator is behind or "
            "missed, or a finding of this code is shown (e.g. unresolved-reference). May be "
            "repeated.",
        ),
    ] = None,
    notes: Annotated[
        bool, typer.Option("--notes", help="List the notes (备注) below the table.")
    ] = False,
    by: Annotated[
        RollupKey | None,
        typer.Option("--by", help="Summarise per category (group) or lead department."),
    ] = None,
    status: Annotated[
        list[Status] | None,
        typer.Option("--status", help="Show only results with this status. May be repeated."),
    ] = None,
    lead: Annotated[
        str | None,
        typer.Option(
            "--lead", metavar="TEXT", help="Show only tasks whose lead department contains TEXT."
        ),
    ] = None,
    sort: Annotated[
        SortKey,
        typer.Option(
            "--sort",
            help="Order: as in the plan, by gap (furthest behind first), completion or id.",
        ),
    ] = SortKey.PLAN,
) -> None:
    """Compute gaps, completion and status for each indicator, and audit published figures.

    Exit codes: 0 plans valid; 1 a --fail-on condition was hit; 2 invalid plan or usage;
    3 internal error.
    """
    from govplan.check import run_check
    from govplan.render.cells import Options
    from govplan.select import select

    conditions, codes = _fail_on(fail_on or [])
    if by is not None and not REPORT_FORMATS[fmt].rollup:
        rolled = ", ".join(name for name, found in REPORT_FORMATS.items() if found.rollup)
        raise typer.BadParameter(f"--by is shown by {rolled}, not {fmt}", param_hint="--by")
    check_destination(fmt, output)
    if explain is not None and fmt not in EXPLAIN_FORMATS:
        raise typer.BadParameter(
            f"--explain gives {', '.join(EXPLAIN_FORMATS)}, not {fmt}", param_hint="--format"
        )
    outcome = run_check([str(p) for p in plans], settings(diagnostics_lang(lang)))
    report_findings(outcome.findings, diagnostics_lang(lang))
    if explain is not None:
        from govplan.render.explain import find

        found = find(outcome.reports, explain)
        if not found and outcome.reports:
            from govplan.said import Said

            told = Said.of("cli.no-indicator", id=explain).text(diagnostics_lang(lang))
            sys.stderr.write(f"govplan: {told}\n")
            raise typer.Exit(ExitCode.INVALID)
        show(explain_renderer(fmt)(found, (lang or Lang.ZH).value))
        raise typer.Exit(outcome.exit_code(conditions, codes))
    invalid = tuple(
        (index, found.file, found.findings)
        for index, found in enumerate(outcome.files)
        if found.report is None
    )
    options = Options(
        lang=lang or Lang.ZH, notes=notes, by=by, paths=len(outcome.files), invalid=invalid
    )
    shown = [
        select(report, statuses=status or [], lead=lead, sort=sort) for report in outcome.reports
    ]
    facts = REPORT_FORMATS[fmt]
    if shown or (invalid and facts.invalid):
        deliver(report_renderer(fmt)(shown, options), output, bom=facts.bom)
    raise typer.Exit(outcome.exit_code(conditions, codes))


def _fail_on(names: Sequence[str]) -> tuple[list[FailOn], frozenset[str]]:
    """--fail-on's words: the conditions on results, and the finding codes."""
    from difflib import get_close_matches

    from govplan.codes import CODES

    conditions, codes = [], set()
    words = [c.value for c in FailOn]
    for name in names:
        if name in words:
            conditions.append(FailOn(name))
        elif name in CODES:
            codes.add(name)
        else:
            near = get_close_matches(name, [*words, *CODES], n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise typer.BadParameter(
                f"{name!r} is neither {', '.join(words)} nor a finding code{hint}",
                param_hint="--fail-on",
            )
    return conditions, frozenset(codes)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the plan file format (for editors and other validators)."""
    import json

    from govplan.document import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


class Only(StrEnum):
    all = "all"
    common = "common"


@app.command()
def compare(
    plans: Annotated[
        list[str], typer.Argument(metavar="PLAN...", help="Plan files or glob patterns.")
    ],
    fmt: Annotated[str, format_option(COMPARISON_FORMATS, "Output format.")] = "table",
    output: Annotated[Path | None, output_option()] = None,
    lang: Annotated[Lang | None, lang_option()] = None,
    only: Annotated[
        Only, typer.Option("--only", help="common: only indicators present in every plan.")
    ] = Only.all,
    ids: Annotated[
        str | None,
        typer.Option("--ids", metavar="ID,ID", help="Only these indicators, e.g. gdp,fdi."),
    ] = None,
) -> None:
    """Districts and years side by side: one row per indicator, one column group per plan.

    Plans of one district show the change of target between years; plans of several
    districts are lined up with the best actual marked (★). Values are converted to one unit
    per row. Exit codes: 0 ok; 2 invalid plan or usage; 3 internal error.
    """
    from govplan.check import run_check
    from govplan.compare import compare as compare_plans
    from govplan.render.cells import Options
    from govplan.said import Said

    check_destination(fmt, output)
    outcome = run_check(plans, settings(diagnostics_lang(lang)))
    report_findings(outcome.findings, diagnostics_lang(lang))
    if outcome.reports:
        wanted = [i.strip() for i in ids.split(",") if i.strip()] if ids else []
        unknown_ids(wanted, [r.indicator.id for rep in outcome.reports for r in rep.results])
        comparison = compare_plans(outcome.reports, only_common=only is Only.common, ids=wanted)
        for report in comparison.skipped:
            told = Said.of("cli.not-compared", file=report.plan.file)
            sys.stderr.write(f"govplan: {told.text(diagnostics_lang(lang))}\n")
        deliver(
            comparison_renderer(fmt)(comparison, Options(lang=lang or Lang.ZH)),
            output,
            bom=COMPARISON_FORMATS[fmt].bom,
        )
    raise typer.Exit(outcome.exit_code())


# Commands that live in modules of their own (each imports its core only when run).
app.command()(draft_command)
app.command()(trend_command)
app.command()(update_command)
app.command()(init_command)
app.command()(validate_command)
app.command()(rule_command)


def main() -> NoReturn:
    """Console entry point: an unexpected exception is a bug (exit 3), never mistaken for
    "plan invalid" (2) or "findings" (1)."""
    try:
        _run()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(ExitCode.OK)


def _leave(code: object) -> NoReturn:
    """End the process at once, as mypy's command line does: the output is flushed here and
    every file govplan writes is closed (and renamed into place) before its command returns,
    so tearing down the interpreter's objects, about 30 ms of a 250 ms `check` (measured in
    docs/performance.md), would serve no one. (GOVPLAN_DEBUG's traceback leaves the usual way.)"""
    if isinstance(code, str):  # sys.exit("message"): said on stderr, exit 1, as Python does
        sys.stderr.write(f"{code}\n")
    status = code if isinstance(code, int) else 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        # a reader gone, a stream closed: nothing more can be said
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _run() -> None:
    _escaping_streams()
    try:
        try:
            if "--help" in sys.argv or "-h" in sys.argv:
                _localized_help()
            else:
                app()
        finally:
            # Output still buffered fails here, inside the handlers, not at interpreter exit.
            sys.stdout.flush()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("govplan: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`govplan check ... | head`): what it wanted, it has.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush into the closed pipe
        sys.exit(ExitCode.OK)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise_internal(exc)
        sys.stderr.write(f"govplan: cannot write the output: {exc.strerror or exc}\n")
        sys.exit(ExitCode.INVALID)
    except Exception as exc:  # the last line of defence; everything expected is handled
        raise_internal(exc)


def _localized_help() -> None:
    """--help in the user's language (Chinese under --lang zh or a Chinese locale)."""
    import typer.main

    from govplan.cli.localize import help_language, localize

    command = typer.main.get_command(app)
    if help_language(sys.argv[1:]) == "zh":
        localize(command)
    command(prog_name="govplan")


def _escaping_streams() -> None:
    """Output to a stream that is not UTF-8 (a Chinese Windows console or a redirect there is
    GBK; latin-1, ascii): what its encoding cannot show is written as an escape (\\u2212),
    never an error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


# A write to stdout or a file failing for the machine's reasons, not govplan's.
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS})


def raise_internal(exc: BaseException) -> NoReturn:
    if os.environ.get("GOVPLAN_DEBUG"):
        raise exc
    sys.stderr.write(
        f"govplan: internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in govplan; run with GOVPLAN_DEBUG=1 for the traceback.\n"
    )
    sys.exit(ExitCode.INTERNAL)
