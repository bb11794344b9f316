"""`govplan rule`: what a finding code means, why it matters and how to fix it."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from govplan.cli.options import diagnostics_lang, lang_option
from govplan.exitcodes import ExitCode
from govplan.terms import Lang


def rule(
    code: Annotated[
        str | None, typer.Argument(metavar="[CODE]", help="A code, e.g. unit-mismatch.")
    ] = None,
    lang: Annotated[Lang | None, lang_option("the explanation")] = None,
) -> None:
    """Explain a finding code (what it finds, why it matters, how to fix it and how to
    silence it); without CODE, list every code. Exit codes: 0 ok; 2 unknown code."""
    from difflib import get_close_matches

    from govplan.codes import CODES
    from govplan.said import Said

    words = diagnostics_lang(lang)
    if code is None:
        for name, c in CODES.items():
            what = c.text(words)[0]
            sys.stdout.write(f"{name:<24} {c.severity:<7} {what}\n")
        return
    if code not in CODES:
        near = get_close_matches(code, list(CODES), n=1)
        told = (
            Said.of("cli.unknown-code-near", code=code, near=near[0])
            if near
            else Said.of("cli.unknown-code", code=code)
        )
        sys.stderr.write(f"govplan rule: {told.text(words)}\n")
        raise typer.Exit(ExitCode.INVALID)
    c = CODES[code]
    if words == "zh":
        what, why, fix = c.text(words)
        severity = {"error": "错误", "warning": "警告"}[c.severity]
        lines = [
            f"{code} ({severity})",
            f"  含义: {what}",
            f"  为何: {why}",
            f"  修改: {fix}",
            f"  忽略: 在该行或上一行写 # govplan: ignore[{code}] (仅限警告), 或在配置中 ignore",
        ]
    else:
        lines = [
            f"{code} ({c.severity})",
            f"  what: {c.what}",
            f"  why:  {c.why}",
            f"  fix:  {c.fix}",
            f"  silence: # govplan: ignore[{code}] on the line or the line above (warnings "
            "only), or ignore it in the settings",
        ]
    sys.stdout.write("\n".join(lines) + "\n")
