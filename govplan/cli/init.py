"""`govplan init`: a plan repository in one command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from govplan.exitcodes import ExitCode


def init(
    folder: Annotated[Path, typer.Argument(metavar="[DIR]", help="Where to create it.")] = Path(
        "."
    ),
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="PIP-SPEC",
            help="How CI installs govplan (a git URL, a path, or a version); default: where "
            "this govplan was installed from.",
        ),
    ] = None,
) -> None:
    """Create a plan repository: plans/example.yaml, the JSON Schema and editor settings, a
    pre-commit hook, a GitHub Actions workflow, a GitLab CI job and a README. Existing files
    are never overwritten (they are listed as skipped). Exit codes: 0 done; 2 usage.
    """
    from govplan.document import json_schema
    from govplan.init import install_source, scaffold

    if folder.exists() and not folder.is_dir():
        sys.stderr.write(f"govplan init: {folder} is a file, not a folder\n")
        raise typer.Exit(ExitCode.INVALID)
    schema = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    created = scaffold(folder, source or install_source(), schema)
    for path in created.written:
        sys.stdout.write(f"created {path}\n")
    for path in created.skipped:
        sys.stdout.write(f"skipped {path} (exists)\n")
    sys.stderr.write(
        f"govplan: next, `govplan check {folder / 'plans/example.yaml'}` and "
        f"`govplan validate {folder / 'plans'}`\n"
    )
    raise typer.Exit(ExitCode.OK)
