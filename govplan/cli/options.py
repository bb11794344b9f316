"""Options and output helpers the commands share: --format from a registry, findings on
stderr, a report on stdout."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from govplan.errors import Finding
from govplan.exitcodes import ExitCode
from govplan.render.formats import BINARY_FORMATS, FINDINGS_FORMATS
from govplan.terms import Lang

if TYPE_CHECKING:
    from govplan.config import Config


def _choice(registry: Mapping[str, object]) -> Callable[[str], str]:
    """A --format parser whose choices are a format registry's names."""

    def parse(value: str) -> str:
        if value not in registry:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(registry)}")
        return value

    return parse


def format_option(registry: Mapping[str, object], help_text: str) -> Any:
    return typer.Option(
        "--format",
        "-f",
        metavar="|".join(registry),
        parser=_choice(registry),
        autocompletion=lambda: list(registry),
        help=help_text,
    )


def unknown_ids(wanted: Iterable[str], known: Iterable[str]) -> None:
    """--ids with an id no plan has is a usage error naming the nearest one."""
    import difflib

    have = sorted(set(known))
    for ident in wanted:
        if ident not in have:
            close = difflib.get_close_matches(ident, have, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise typer.BadParameter(f"no indicator with id {ident!r}{hint}", param_hint="--ids")


def lang_option(what: str = "labels and messages") -> Any:
    return typer.Option(
        "--lang",
        help=f"Language of {what}: zh (the default) or en; without it, messages follow LANG "
        "(en_* gives English).",
    )


def diagnostics_lang(lang: Lang | None) -> str:
    """The language of findings: --lang when given, else English when the locale is
    English (LC_ALL, LC_MESSAGES or LANG starting with en), else Chinese, as the tables."""
    if lang is not None:
        return lang.value
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def report_findings(findings: Iterable[Finding], lang: str = "en") -> None:
    for finding in findings:
        sys.stderr.write(f"{finding.line(lang)}\n")


def settings(lang: str) -> Config:
    """The repository's settings ([tool.govplan] or .govplan.toml, from the current folder
    up), or the defaults; a bad settings file ends the command (exit 2), located."""
    from govplan.config import Config, ConfigInvalid, find_config, load_config

    found = find_config(Path.cwd())
    try:
        # the findings formats: the settings' `format` is validate's
        return load_config(found, FINDINGS_FORMATS) if found is not None else Config()
    except ConfigInvalid as exc:
        sys.stderr.write(f"{exc.finding.line(lang)}\n")
        raise typer.Exit(ExitCode.INVALID) from None


def output_option() -> Any:
    return typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (needed for xlsx and docx; a CSV file gets a UTF-8 "
        "byte-order mark so that Excel reads it as UTF-8).",
    )


def check_destination(fmt: str, output: Path | None) -> None:
    """Binary formats go only to a file: refuse before any work is done."""
    if fmt in BINARY_FORMATS and output is None:
        raise typer.BadParameter(
            f"{fmt} is a binary format; write it to a file with -o FILE.{fmt}",
            param_hint="--format",
        )


def deliver(output: object, destination: Path | None, *, bom: bool = False) -> None:
    """The report to stdout, or to a file written atomically (temp file, then rename); `bom`:
    the file starts with a UTF-8 byte-order mark (the format's fact)."""
    if destination is None:
        show(output)
        return
    if isinstance(output, bytes):
        data = output
    elif isinstance(output, str):
        # Excel opens a CSV file as the system's code page unless it starts with a BOM.
        data = output.encode("utf-8-sig" if bom else "utf-8")
    else:
        data = _rendered(output).encode("utf-8")
    save(destination, data)


def save(destination: Path, data: bytes) -> None:
    """`data` written to a file atomically; a failure (a full disk, a folder that cannot be
    written) is exit 2 with the reason, the file left as it was."""
    try:
        write_atomically(destination, data)
    except OSError as exc:
        sys.stderr.write(
            f"govplan: cannot write {destination}: {exc.strerror or exc}; it is left as it was\n"
        )
        raise typer.Exit(ExitCode.INVALID) from None


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `path` so that readers see the old file or the new one, never half of one: a
    temporary file in the same folder, then a rename. A symlink is followed to the file it
    names (the link stays a link); a device or a FIFO (`-o /dev/null`) is written into,
    never replaced. `mode`: the permissions to give; by default an existing file's, else
    what the umask gives a new file (0644 usually)."""
    path = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "wb") as stream:
            stream.write(data)
        return
    if mode is None:
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: set it straight back
    os.umask(mask)
    return mask


def _rendered(output: object) -> str:
    from rich.console import Console

    console = Console(width=120, no_color=True, record=True, file=io.StringIO(), emoji=False)
    console.print(output)
    return console.export_text()


def _pipe_width() -> int:
    """The width of output that is not a terminal: COLUMNS where it is a width, else 120
    (which keeps Chinese rows on one line); a stray COLUMNS=abc is ignored, as rich does."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 120


def _plain_stdout() -> bool:
    """Standard output is what rich would draw to without colour or substitutions: not a
    terminal (by rich's own tests: TTY_COMPATIBLE, FORCE_COLOR, isatty), UTF-8, not Windows
    (whose consoles get other box characters)."""
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ or sys.platform == "win32":
        return False
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    try:
        return encoding.startswith("utf") and not sys.stdout.isatty()
    except ValueError:  # closed
        return False


def show(output: object) -> None:
    """A report to stdout: text as is, a rich renderable through a console."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    plain = getattr(output, "plain", None)
    if plain is not None and _plain_stdout():
        text = plain(_pipe_width())
        if text is not None:  # rich's own lines, written without rich
            sys.stdout.write(text)
            return
    from rich.console import Console

    # No :emoji: codes: a plan's text is printed as written (and rich's emoji table, a few
    # milliseconds to import, is never loaded).
    console = Console(emoji=False)
    if not console.is_terminal:
        # Piped or captured: no colour, and a width that keeps Chinese rows on one line.
        console = Console(width=_pipe_width(), no_color=True, emoji=False)
    console.print(output)
