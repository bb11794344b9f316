"""`govplan validate`: plan files checked like code, for CI and pre-commit."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from govplan.cli.options import diagnostics_lang, format_option, lang_option
from govplan.exitcodes import ExitCode
from govplan.render.formats import FINDINGS_FORMATS, renderer
from govplan.terms import Lang


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...", help="Plan files, directories to search, or - for stdin."
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        format_option(
            FINDINGS_FORMATS,
            "Output format; default: the config's, else github when GITHUB_ACTIONS is set, "
            "else text.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the findings: no summary line.")
    ] = False,
    lang: Annotated[Lang | None, lang_option("messages")] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: the config's, or one per core)."
        ),
    ] = None,
    show_config: Annotated[
        bool,
        typer.Option("--show-config", help="Print the settings in force and where they come from."),
    ] = False,
) -> None:
    """Check plan files like code: every finding in every file, each as
    file:line:col: error|warning CODE message. Settings: [tool.govplan] in pyproject.toml or
    a .govplan.toml (select, ignore, severity, exclude, format, jobs), the nearest from the
    current folder up; options win.

    Exit codes: 0 clean (warnings allowed); 1 warnings with --strict; 2 errors, or a bad
    setting; 3 internal error.
    """
    from govplan.config import Config, ConfigInvalid, describe, find_config, load_config
    from govplan.render.findings import STREAMED, summary
    from govplan.validate import WorkerDied, exit_code, validate_paths

    words = diagnostics_lang(lang)
    found = find_config(Path.cwd())
    try:
        config = load_config(found) if found is not None else Config()
    except ConfigInvalid as exc:
        sys.stderr.write(f"{exc.finding.line(words)}\n")
        raise typer.Exit(ExitCode.INVALID) from None
    if show_config:
        sys.stdout.write(describe(config))
        raise typer.Exit(ExitCode.OK)
    if not paths:
        raise typer.BadParameter("give the plan files or folders to check", param_hint="PATH")
    if fmt is None:
        fmt = config.format or ("github" if os.environ.get("GITHUB_ACTIONS") else "text")
        if fmt not in FINDINGS_FORMATS:
            sys.stderr.write(f"govplan: {config.source}: format {fmt!r} is not one of "
                             f"{', '.join(FINDINGS_FORMATS)}\n")  # fmt: skip
            raise typer.Exit(ExitCode.INVALID)
    render = renderer(FINDINGS_FORMATS[fmt])
    streamed = fmt in STREAMED  # line formats print file by file; documents at the end
    results = []  # kept only for formats written at the end; line formats keep counts
    counts = Counter({"files": 0, "errors": 0, "warnings": 0})
    try:
        for result in validate_paths(
            [str(p) for p in paths], jobs=jobs or config.jobs, config=config
        ):
            counts.update(summary([result]))
            if streamed:
                sys.stdout.write(render([result], words))
                sys.stdout.flush()
            else:
                results.append(result)
    except WorkerDied as exc:
        sys.stderr.write(f"govplan: {exc}; run again, or with -j 1\n")
        raise typer.Exit(ExitCode.INTERNAL) from None
    if not streamed:
        sys.stdout.write(render(results, words))
    settings = f" (settings: {config.source})" if config.source is not None else ""
    if not quiet:
        sys.stderr.write(
            f"govplan: {counts['files']} files, {counts['errors']} errors, "
            f"{counts['warnings']} warnings{settings}\n"
        )
    raise typer.Exit(exit_code(counts["errors"], counts["warnings"], strict=strict))
