"""`govplan update`: actuals from a spreadsheet written into a plan file."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer

from govplan.cli.options import write_atomically
from govplan.exitcodes import ExitCode


def _fail(lines: list[str]) -> None:
    for line in lines:
        sys.stderr.write(f"{line}\n")
    sys.stderr.write("govplan update: nothing was written\n")
    raise typer.Exit(ExitCode.INVALID)


def update(
    plan: Annotated[Path, typer.Argument(metavar="PLAN", help="The plan file to update.")],
    actuals: Annotated[
        Path,
        typer.Option(
            "--actuals",
            metavar="FILE",
            help="A .csv or .xlsx sheet with a header row: id or 指标/name, actual/实际 "
            "(and optionally unit/单位, progress/进度, 完成率, 差距).",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")
    ] = False,
) -> None:
    """Write actuals (and progress, published figures) from a spreadsheet into a plan,
    keeping its comments, order and quoting. Rows are matched by id, then by exact name, then
    by the catalogue's names. The result is validated first; if any row fails to match or
    parse, nothing is written. Exit codes: 0 written (or shown); 2 a row or the plan is
    invalid; 3 internal error.
    """
    from govplan.errors import PlanInvalid
    from govplan.load import decode, load_text
    from govplan.model import build_plan
    from govplan.update import SheetError, plan_update, validate_update

    try:
        text = decode(plan.read_bytes(), str(plan))
    except OSError as exc:
        _fail([f"{plan}: {exc.strerror or exc}"])
    except PlanInvalid as exc:
        _fail([str(f) for f in exc.findings])
    try:
        build_plan(load_text(text, str(plan)))  # the plan as it is must be valid first
    except PlanInvalid as exc:
        errors = [f for f in exc.findings if f.severity.value == "error"]
        if errors:
            _fail([str(f) for f in errors])
    try:
        result = plan_update(text, str(plan), actuals)
    except SheetError as exc:
        _fail([str(exc)])
    if result.problems:
        _fail(result.problems)
    findings = validate_update(result, str(plan))
    if findings:
        _fail([f"{f} (from {actuals})" for f in findings])
    if dry_run:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=str(plan),
            tofile=f"{plan} (updated)",
        )
        sys.stdout.write("".join(diff))
    elif result.text != text:
        write_atomically(plan, result.text.encode("utf-8"), plan.stat().st_mode & 0o777)
    verb = "would update" if dry_run else "updated"
    sys.stderr.write(f"govplan: {verb} {len(result.changes)} indicators in {plan}\n")
    raise typer.Exit(ExitCode.OK)
