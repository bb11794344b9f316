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
            help="How CI installs govplan: a git URL (git+https://…@TAG) or a package "
            "requirement; default: where this govplan was installed from.",
        ),
    ] = None,
    source_path: Annotated[
        Path | None,
        typer.Option(
            "--source-path",
            metavar="PATH",
            help="Install govplan from this folder: the jobs then work only on this machine "
            "(they say so).",
        ),
    ] = None,
) -> None:
    """Create a plan repository: plans/example.yaml, the JSON Schema and editor settings, a
    pre-commit hook, a GitHub Actions workflow, a GitLab CI job and a README. Existing files
    are never overwritten (they are listed as skipped). Exit codes: 0 done; 2 usage.
    """
    from govplan.document import json_schema
    from govplan.init import SourceRefused, ci_source, install_source, scaffold

    if folder.exists() and not folder.is_dir():
        sys.stderr.write(f"govplan init: {folder} is a file, not a folder\n")
        raise typer.Exit(ExitCode.INVALID)
    if source is not None and source_path is not None:
        raise typer.BadParameter("give --source or --source-path, not both")
    try:
        if source_path is not None:
            pip_source, local = str(source_path.resolve()), True
        else:
            pip_source, local = ci_source(source) if source else install_source(), False
    except SourceRefused as exc:
        sys.stderr.write(f"govplan init: {exc}\n")
        raise typer.Exit(ExitCode.INVALID) from None
    schema = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    created = scaffold(folder, pip_source, schema, local=local)
    for path in created.written:
        sys.stdout.write(f"created {path}\n")
    for path in created.skipped:
        sys.stdout.write(f"skipped {path} (exists)\n")
    sys.stderr.write(
        f"govplan: next, `govplan check {folder / 'plans/example.yaml'}` and "
        f"`govplan validate {folder / 'plans'}`\n"
    )
    raise typer.Exit(ExitCode.OK)
