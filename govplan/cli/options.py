"""Options and output helpers the commands share: --format from a registry, findings on
stderr, a report on stdout."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

import typer


def _choice(registry: dict[str, str]) -> Callable[[str], str]:
    """A --format parser whose choices are a format registry's names."""

    def parse(value: str) -> str:
        if value not in registry:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(registry)}")
        return value

    return parse


def format_option(registry: dict[str, str], help_text: str) -> Any:
    return typer.Option(
        "--format",
        "-f",
        metavar="|".join(registry),
        parser=_choice(registry),
        autocompletion=lambda: list(registry),
        help=help_text,
    )


def report_findings(findings: Iterable[object]) -> None:
    for finding in findings:
        sys.stderr.write(f"{finding}\n")


def show(output: object) -> None:
    """A report to stdout: text as is, a rich renderable through a console."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        # Piped or captured: no colour, and a width that keeps Chinese rows on one line.
        console = Console(width=int(os.environ.get("COLUMNS", "120")), no_color=True)
    console.print(output)
