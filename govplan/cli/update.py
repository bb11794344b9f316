"""`govplan update`: actuals from a spreadsheet written into a plan file."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govplan.cli.options import diagnostics_lang, format_option, lang_option, write_atomically
from govplan.errors import Finding, Location
from govplan.exitcodes import ExitCode
from govplan.messages import said
from govplan.render.formats import FINDINGS_FORMATS, findings_renderer
from govplan.said import Said
from govplan.terms import Lang

if TYPE_CHECKING:
    from govplan.sheets import Sheet
    from govplan.update import Change

BOM = b"\xef\xbb\xbf"
SHOWN = 50  # findings printed to a terminal before the rest are counted


def update(
    plan: Annotated[Path, typer.Argument(metavar="PLAN", help="The plan file to update.")],
    actuals: Annotated[
        Path,
        typer.Option(
            "--actuals",
            metavar="FILE",
            help="A .csv or .xlsx sheet: a header row (title and blank rows above it are "
            "skipped) with a name (指标, 指标名称, 主要工作内容) or id column and figure columns "
            "(实际, 完成值, 1-6月, 本年累计; 单位; 完成进度; 完成率; 差距).",
        ),
    ],
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            metavar="NAME",
            help="The worksheet to read (needed when a workbook has several visible sheets).",
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="FIELD=HEADER,...",
            help="Say which header holds what, e.g. name=指标名称,actual=1-6月累计,unit=单位 "
            "(fields: id name group actual unit progress completion gap).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
    ] = False,
    fmt: Annotated[
        str,
        format_option(
            FINDINGS_FORMATS,
            "Format of the findings (text goes to stderr; the others are a report on stdout).",
        ),
    ] = "text",
    lang: Annotated[Lang | None, lang_option("messages")] = None,
) -> None:
    """Write actuals (and progress, published 完成率 and 差距) from a spreadsheet into a plan,
    changing only the values written: comments, order, quoting, line endings and a byte-order
    mark stay. Rows match indicators by id, then by name, then by the catalogue's names.
    Cells are read as the sheet shows them: a cell shown as 6.5% is 6.5%, a float is rounded
    to the 15 digits Excel shows. Every problem is a finding located at its cell
    (actuals.xlsx:Sheet1!C5, actuals.csv:5:3); with any error nothing is written. The file is
    locked while written and refused if it changed meanwhile.

    Exit codes: 0 written (or shown); 2 a row, the sheet or the plan is invalid, or the file
    cannot be written; 3 internal error.
    """
    from govplan.sheets import parse_columns
    from govplan.update import editable, plan_update

    words = diagnostics_lang(lang)
    name = str(plan)
    if name == "-":
        raise typer.BadParameter("update writes the plan file: give its path", param_hint="PLAN")
    given = None
    if columns is not None:
        try:
            given = parse_columns(columns)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--columns") from None
    source, problems = editable(name)
    if source is None:
        _fail(name, problems, fmt, words)
    assert source is not None
    raw, text = source.raw, source.text
    result = plan_update(text, source.loaded, source.plan, actuals, sheet_name=sheet, columns=given)
    if result.errors:
        _fail(name, result.findings, fmt, words)
    _report(name, result.findings, fmt, words)
    counted = _counted(result.changes)
    named = result.sheet if result.sheet and result.sheet.name else None
    if dry_run:
        if fmt == "text":
            diff = difflib.unified_diff(
                text.splitlines(keepends=True),
                result.text.splitlines(keepends=True),
                fromfile=name,
                tofile=f"{name} (updated)",
            )
            sys.stdout.write("".join(diff))
        _summary(words, True, counted, name, actuals, named)
        raise typer.Exit(ExitCode.OK)
    if result.text != text:
        data = result.text.encode("utf-8")
        problem = write_plan(plan, raw, BOM + data if raw.startswith(BOM) else data)
        if problem is not None:
            _fail(name, [problem], fmt, words)
    _summary(words, False, counted, name, actuals, named)
    raise typer.Exit(ExitCode.OK)


def _counted(changes: list[Change]) -> Said:
    changed = sum(c.figures_changed for c in changes)
    return Said.of(
        "update.changed-one" if changed == 1 else "update.changed",
        indicators=len(changes),
        figures=changed,
    )


def _summary(
    words: str, dry_run: bool, counted: Said, name: str, actuals: object, sheet: Sheet | None
) -> None:
    """What update did (or would do), on stderr: how many indicators, from which sheet."""
    if sheet is None:
        told = Said.of(
            "update.would-update" if dry_run else "update.updated",
            changed=counted, name=name, actuals=actuals,
        )  # fmt: skip
    else:
        told = Said.of(
            "update.would-update-sheet" if dry_run else "update.updated-sheet",
            changed=counted, name=name, actuals=actuals, sheet=sheet.name, row=sheet.header_row,
        )  # fmt: skip
    _say(told.text(words))


def write_plan(path: Path, before: bytes, data: bytes) -> Finding | None:
    """Replace the plan's bytes, or say why not: through a symlink to the file it names,
    keeping its mode (and owner where allowed), under a lock, and only while the file still
    holds `before` (another update or an editor may have written it since it was read)."""
    real = Path(os.path.realpath(path))
    at = Location(str(path))
    try:
        info = os.stat(real)
        if not info.st_mode & stat.S_IWUSR or not os.access(real, os.W_OK):
            return said(at, "io", "read-only")
        with open(real, "rb") as held:
            _lock(held.fileno())  # released when closed, after the rename
            if held.read() != before:
                return said(at, "plan-changed")
            write_atomically(real, data, stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):  # not ours to give away; the mode is kept
                os.chown(real, info.st_uid, info.st_gid)
    except OSError as exc:
        return said(at, "io", "cannot-write", why=exc.strerror or exc)
    return None


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: the byte comparison under the rename still refuses
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _report(name: str, findings: list[Finding], fmt: str, words: str) -> None:
    from govplan.validate import FileResult

    if not findings and fmt == "text":
        return
    if fmt != "text":
        sys.stdout.write(findings_renderer(fmt)([FileResult(name, findings)], words))
        return
    for finding in findings[:SHOWN]:
        sys.stderr.write(f"{finding.line(words)}\n")
    if len(findings) > SHOWN:
        more = Said.of("cli.more-findings", more=len(findings) - SHOWN)
        sys.stderr.write(f"govplan: {more.text(words)}\n")


def _fail(name: str, findings: list[Finding], fmt: str, words: str) -> None:
    _report(name, findings, fmt, words)
    _say(Said.of("update.nothing-written").text(words))
    raise typer.Exit(ExitCode.INVALID)


def _say(message: str) -> None:
    sys.stderr.write(f"govplan update: {message}\n")
