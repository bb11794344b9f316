"""`govplan validate`: plan files checked like code, for CI and pre-commit."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from govplan.cli.options import diagnostics_lang, format_option, lang_option, settings
from govplan.exitcodes import ExitCode
from govplan.render.formats import FINDINGS_FORMATS, findings_renderer
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
    select: Annotated[
        str | None,
        typer.Option(
            "--select", metavar="CODE,CODE", help="Only these codes (instead of the config's)."
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(
            "--ignore", metavar="CODE,CODE", help="Leave these codes out (with the config's)."
        ),
    ] = None,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics", help="Print how many findings of each code, not the findings."
        ),
    ] = False,
) -> None:
    """Check plan files like code: every finding in every file, each as
    file:line:col: error|warning CODE message. Settings: [tool.govplan] in pyproject.toml or
    a .govplan.toml (select, ignore, severity, exclude, format, jobs), the nearest from the
    current folder up; options win.

    A warning is silenced by `# govplan: ignore[CODE]` on its line or alone on the line
    above (`# govplan: ignore` silences every code there); an error never is. `govplan rule
    CODE` explains a code.

    Exit codes: 0 clean (warnings allowed); 1 warnings with --strict; 2 errors, or a bad
    setting; 3 internal error.
    """
    from govplan.config import describe
    from govplan.render.findings import summary
    from govplan.validate import WorkerDied, exit_code, validate_paths

    words = diagnostics_lang(lang)
    config = _with_options(settings(words), select, ignore)
    if show_config:
        sys.stdout.write(describe(config))
        raise typer.Exit(ExitCode.OK)
    if not paths:
        raise typer.BadParameter("give the plan files or folders to check", param_hint="PATH")
    if fmt is None:
        # the settings' format was checked when they were read (bad-config)
        fmt = config.format or ("github" if os.environ.get("GITHUB_ACTIONS") else "text")
    render: Any = findings_renderer(fmt)
    if FINDINGS_FORMATS[fmt].strict:  # JUnit says how a warning counts: skipped, or failed
        import functools

        render = functools.partial(render, strict=strict)
    # lines file by file; documents at the end
    streamed = FINDINGS_FORMATS[fmt].streamed and not statistics
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
    if statistics:
        sys.stdout.write(_statistics(results, words))
    elif not streamed:
        sys.stdout.write(render(results, words))
    if not quiet:
        from govplan.said import Said

        numbers = {"files": counts["files"], "errors": counts["errors"]}
        line = (
            Said.of("summary.validate", **numbers, warnings=counts["warnings"])
            if config.source is None
            else Said.of(
                "summary.validate-settings",
                **numbers,
                warnings=counts["warnings"],
                source=config.source,
            )
        )
        sys.stderr.write(f"govplan: {line.text(words)}\n")
    raise typer.Exit(exit_code(counts["errors"], counts["warnings"], strict=strict))


def _codes(option: str, raw: str | None) -> frozenset[str] | None:
    """A --select or --ignore list, each code checked against the registry."""
    if raw is None:
        return None
    from difflib import get_close_matches

    from govplan.codes import CODES

    codes = frozenset(c.strip() for c in raw.split(",") if c.strip())
    for code in sorted(codes - set(CODES)):
        near = get_close_matches(code, list(CODES), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else "; `govplan rule` lists the codes"
        raise typer.BadParameter(f"unknown code {code!r}{hint}", param_hint=option)
    return codes


def _with_options(config: Any, select: str | None, ignore: str | None) -> Any:
    """The settings with the command line's --select (in place of the config's) and
    --ignore (added to the config's)."""
    from dataclasses import replace

    chosen = _codes("--select", select)
    ignored = _codes("--ignore", ignore)
    if chosen is not None:
        config = replace(config, select=chosen)
    if ignored:
        config = replace(config, ignore=config.ignore | ignored)
    return config


def _statistics(results: list[Any], lang: str) -> str:
    """`  3  warning  unresolved-reference  <what the code means>`, most frequent first."""
    from govplan.codes import CODES

    counts = Counter((f.code, f.severity.value) for r in results for f in r.findings)
    lines = []
    for (code, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        what = CODES[code].text(lang)[0]
        lines.append(f"{n:>5}  {severity:<7}  {code:<24}  {what}")
    return "\n".join(lines) + ("\n" if lines else "")
