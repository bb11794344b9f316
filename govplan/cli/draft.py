"""`govplan draft`: a plan file drafted from a document's target sentences."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from govplan.cli.options import diagnostics_lang, lang_option, save, settings
from govplan.exitcodes import ExitCode
from govplan.periods import MONTHS
from govplan.said import Said, SaidError
from govplan.terms import Lang

if TYPE_CHECKING:
    from govplan.documents import Block

PERIODS = tuple(MONTHS)


def _read(source: str, words: str) -> tuple[str, list[Block]]:
    """A document's lines and tables (text, html or docx), read through the guards plan
    files have (regular files only, at most 8 MiB): a FIFO, a device or a huge file is
    refused, not read forever."""
    from govplan.documents import DocumentError, document_blocks
    from govplan.load import STDIN_NAME, read_bytes, reading

    name = STDIN_NAME if source == "-" else source
    if source != "-" and os.path.isdir(source):
        _fail(words, Said.of("draft.directory", name=source))
    raw, stopped = reading(lambda: read_bytes(source))
    if raw is None:
        _fail(words, stopped[0].line(words))
    blocks: list[Block] = []
    try:
        blocks = document_blocks(raw, name)
    except DocumentError as exc:
        _fail(words, exc.said)
    return name, blocks


def _fail(words: str, message: Said | str) -> NoReturn:
    """A usage or input error that stops draft before anything is written (exit 2)."""
    told = message.text(words) if isinstance(message, Said) else message
    sys.stderr.write(f"govplan draft: {told}\n")
    raise typer.Exit(ExitCode.INVALID)


def draft(
    texts: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...",
            help="Documents: text of target sentences or a whole report (.txt, .html, "
            ".docx), or - for stdin.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PLAN", help="Write the plan here (else stdout)."),
    ] = None,
    district: Annotated[str, typer.Option("--district", help="The plan's district.")] = "待填写",
    year: Annotated[
        int | None,
        typer.Option("--year", min=1949, max=2100, help="Plan year (default: first in the text)."),
    ] = None,
    period: Annotated[str, typer.Option("--period", help="year, H1, Q1..Q4, M01..M12.")] = "year",
    span: Annotated[
        str | None,
        typer.Option(
            "--span",
            metavar="FIRST-LAST",
            help="Read a five-year plan (规划纲要): 2021-2025. The year defaults to its first.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing PLAN.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a line was not read (still written).")
    ] = False,
    lang: Annotated[Lang | None, lang_option("messages")] = None,
) -> None:
    """Draft a plan from a document's own target sentences, e.g. 地区生产总值增长5.5%左右(确保
    5%以上) or 新增国家高新技术企业84家、省科技型中小企业186家以上.

    Each sentence is split into indicator name and target with the target grammar; ids are
    the catalogue's or a pinyin slug; the sentence is kept under `source:`. With --span, the
    sentences are a 纲要's: 到2025年,常住人口城镇化率达到65%; 年均增长6%; 五年累计下降13.5%;
    (约束性) gives the attribute; 分别 pairs names with figures. Lines without a
    target are skipped and counted; a line that looks like a target but is not read is kept
    as a comment and reported as a `not-read` finding (file:line), which the repository's
    settings select, ignore or make an error as they do validate's. What is written always
    passes `govplan validate`. Exit codes: 0 written; 1 written, with lines not read and
    --strict; 2 bad input, no target found, a `not-read` made an error by the settings, or
    PLAN exists without --force; 3 internal error.
    """
    from govplan.draft import draft_document, render_plan, schema_modeline
    from govplan.errors import Severity
    from govplan.fiveyear import Span, parse_span
    from govplan.model import plan_from_text

    words = diagnostics_lang(lang)
    if period not in PERIODS:
        _fail(words, Said.of("draft.period", period=period, periods=", ".join(PERIODS)))
    plan_span: Span | None = None
    if span is not None:
        try:
            plan_span = parse_span(span)
        except SaidError as exc:
            _fail(words, Said.of("draft.span", why=exc.said))
        if period != "year":
            _fail(words, Said.of("draft.span-period"))
        if year is not None and not plan_span.first <= year <= plan_span.last:
            _fail(words, Said.of("draft.year-outside", year=year, span=plan_span))
    if output is not None and output.exists() and not force:
        _fail(words, Said.of("draft.exists", output=output))
    sources = [_read(source, words) for source in texts]
    lines = [block for _, blocks in sources for block in blocks]  # a table counts as one
    result = draft_document(sources, plan_span)
    findings = settings(words).adjust([unread.finding() for unread in result.unread])
    for finding in findings:
        sys.stderr.write(f"{finding.line(words)}\n")
    if any(f.severity is Severity.ERROR for f in findings):  # made errors by the settings
        _fail(words, Said.of("draft.unread-errors"))
    if not result.indicators:
        _fail(words, Said.of("draft.no-target", lines=len(lines)))
    # a five-year plan drafted from its 纲要 has no figures yet: its first year
    plan_year = year or (plan_span.first if plan_span else result.year_seen)
    if plan_year is None:
        _fail(words, Said.of("draft.no-year"))
    # the modeline points at the nearest schema from where the plan goes (stdout: here)
    modeline = schema_modeline(output.parent if output is not None else Path.cwd())
    text = render_plan(
        result,
        district=district,
        year=plan_year,
        period=period,
        span=plan_span,
        modeline=modeline,
        lang=words,
    )
    # the contract of this command: what it writes is a valid plan (else a bug: exit 3)
    _, found = plan_from_text(text, str(output or "<draft>"))
    errors = [f for f in found if f.severity is Severity.ERROR]
    if errors:
        raise RuntimeError(f"the drafted plan does not validate: {errors[0]}")
    if output is None:
        sys.stdout.write(text)
    else:
        save(output, text.encode("utf-8"))
    from govplan.said import spoken

    told = [
        Said.of(
            "draft.summary-qualitative",
            indicators=len(result.indicators),
            count=result.qualitative,
            lines=len(lines),
        )
        if result.qualitative
        else Said.of("draft.summary", indicators=len(result.indicators), lines=len(lines)),
        Said.of("draft.summary-skipped", count=result.skipped),
        Said.of("draft.summary-unread", count=len(result.unread)),
    ]
    if result.outside:
        told.append(Said.of("draft.summary-outside", count=result.outside))
    if district == "待填写":
        told.append(Said.of("draft.summary-district"))
    sys.stderr.write(f"govplan draft: {spoken(tuple(told), words)}\n")
    if strict and findings:
        raise typer.Exit(ExitCode.FINDINGS)
