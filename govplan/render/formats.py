"""The output formats of each command: a format name, where its renderer lives
(`module:function` under govplan.render) and the facts of the format that commands act on
(bytes, streamed line by line, honours --by, a file of it starts with a BOM, told --strict,
lists unreadable plans). The `--format` choices are these tables' keys, and a renderer is
imported only when its format is asked for (rich only for the table). Each registry's
renderers have one signature, its Protocol below; a test checks every entry against it, so a
renderer that could not be called fails the suite, not a user's run. A new format is one
module with a pure function and one line here."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

if TYPE_CHECKING:  # for annotations only: the formats import these when they are used
    from govplan.compare import Comparison
    from govplan.render.cells import Options
    from govplan.results import Report, Result
    from govplan.trend import Trend
    from govplan.validate import FileResult


class Format(NamedTuple):
    spec: str  # module:function under govplan.render
    binary: bool = False  # bytes: written only to a file (-o)
    streamed: bool = False  # one line per finding, written file by file
    rollup: bool = False  # honours --by (a roll-up per group or lead department)
    bom: bool = False  # a file of it starts with a UTF-8 BOM, so that Excel reads it as UTF-8
    strict: bool = False  # its renderer is told --strict (how a warning counts)
    invalid: bool = False  # lists the plans that could not be read, in their place


REPORT_FORMATS: dict[str, Format] = {
    "table": Format("table:render_report", rollup=True),
    "json": Format("json_format:render_report", rollup=True, invalid=True),
    "csv": Format("csv_format:render_report", rollup=True, bom=True),
    "markdown": Format("markdown_format:render_report", rollup=True),
    "xlsx": Format("xlsx_format:render_report", binary=True),
    "docx": Format("docx_format:render_report", binary=True),
    "html": Format("html_format:render_report"),
}

COMPARISON_FORMATS: dict[str, Format] = {
    "table": Format("table:render_comparison"),
    "json": Format("json_format:render_comparison"),
    "csv": Format("csv_format:render_comparison", bom=True),
    "markdown": Format("markdown_format:render_comparison"),
    "xlsx": Format("xlsx_format:render_comparison", binary=True),
}

# `trend`: the year so far; text for pipes, the rich table for terminals.
TREND_FORMATS: dict[str, Format] = {
    "table": Format("table:render_trend"),
    "text": Format("text_format:render_trend"),
    "json": Format("json_format:render_trend"),
    "csv": Format("csv_format:render_trend", bom=True),
}

# `check --explain ID`: one indicator, step by step.
EXPLAIN_FORMATS: dict[str, Format] = {
    "table": Format("explain:render_text"),
    "json": Format("json_format:render_explanation"),
    "markdown": Format("explain:render_markdown"),
}

# `validate`: findings.
FINDINGS_FORMATS: dict[str, Format] = {
    "text": Format("findings:render_text", streamed=True),
    "json": Format("findings:render_json"),
    "github": Format("findings:render_github", streamed=True),
    "gitlab": Format("gitlab_format:render_gitlab"),
    "sarif": Format("sarif_format:render_sarif"),
    "junit": Format("junit_format:render_junit", strict=True),
}

# Formats whose renderers return bytes, of any registry.
BINARY_FORMATS = frozenset(
    name
    for registry in (REPORT_FORMATS, COMPARISON_FORMATS)
    for name, found in registry.items()
    if found.binary
)


class ReportRenderer(Protocol):
    def __call__(self, reports: Sequence[Report], options: Options) -> Any: ...


class ComparisonRenderer(Protocol):
    def __call__(self, comparison: Comparison, options: Options) -> Any: ...


class TrendRenderer(Protocol):
    def __call__(self, trends: Sequence[tuple[Report, list[Trend]]], options: Options) -> Any: ...


class ExplainRenderer(Protocol):
    def __call__(self, results: Sequence[Result], lang: str = "en") -> str: ...


class FindingsRenderer(Protocol):
    def __call__(self, results: Sequence[FileResult], lang: str = "en") -> str: ...


# Each registry, with the parameters its renderers take (the test reads these).
REGISTRIES: dict[str, tuple[dict[str, Format], tuple[str, ...]]] = {
    "report": (REPORT_FORMATS, ("reports", "options")),
    "comparison": (COMPARISON_FORMATS, ("comparison", "options")),
    "explain": (EXPLAIN_FORMATS, ("results", "lang")),
    "trend": (TREND_FORMATS, ("trends", "options")),
    "findings": (FINDINGS_FORMATS, ("results", "lang")),
}


def _load(found: Format) -> Any:
    module, _, function = found.spec.partition(":")
    return getattr(importlib.import_module(f"govplan.render.{module}"), function)


def report_renderer(name: str) -> ReportRenderer:
    return cast(ReportRenderer, _load(REPORT_FORMATS[name]))


def comparison_renderer(name: str) -> ComparisonRenderer:
    return cast(ComparisonRenderer, _load(COMPARISON_FORMATS[name]))


def trend_renderer(name: str) -> TrendRenderer:
    return cast(TrendRenderer, _load(TREND_FORMATS[name]))


def explain_renderer(name: str) -> ExplainRenderer:
    return cast(ExplainRenderer, _load(EXPLAIN_FORMATS[name]))


def findings_renderer(name: str) -> FindingsRenderer:
    return cast(FindingsRenderer, _load(FINDINGS_FORMATS[name]))
