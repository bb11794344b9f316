"""The output formats of each command: a format name and where its renderer lives
(`module:function` under govplan.render). The `--format` choices are these tables' keys, and
a renderer is imported only when its format is asked for (rich only for the table). A new
format is one module with a pure function and one line here."""

from __future__ import annotations

import importlib
from typing import Any

REPORT_FORMATS: dict[str, str] = {
    "table": "table:render_report",
    "json": "json_format:render_report",
    "csv": "csv_format:render_report",
    "markdown": "markdown_format:render_report",
    "xlsx": "xlsx_format:render_report",
    "docx": "docx_format:render_report",
    "html": "html_format:render_report",
}

COMPARISON_FORMATS: dict[str, str] = {
    "table": "table:render_comparison",
    "json": "json_format:render_comparison",
    "csv": "csv_format:render_comparison",
    "markdown": "markdown_format:render_comparison",
    "xlsx": "xlsx_format:render_comparison",
}

# Formats whose renderers return bytes: written only to a file (-o).
BINARY_FORMATS = frozenset({"xlsx", "docx"})

# `trend`: the year so far; text for pipes, the rich table for terminals.
TREND_FORMATS: dict[str, str] = {
    "table": "table:render_trend",
    "text": "text_format:render_trend",
    "json": "json_format:render_trend",
    "csv": "csv_format:render_trend",
}

# `check --explain ID`: one indicator, step by step.
EXPLAIN_FORMATS: dict[str, str] = {
    "table": "explain:render_text",
    "json": "json_format:render_explanation",
    "markdown": "explain:render_markdown",
}

# `validate`: findings.
FINDINGS_FORMATS: dict[str, str] = {
    "text": "findings:render_text",
    "json": "findings:render_json",
    "github": "findings:render_github",
    "gitlab": "gitlab_format:render_gitlab",
    "sarif": "sarif_format:render_sarif",
    "junit": "junit_format:render_junit",
}

REGISTRIES: dict[str, dict[str, str]] = {
    "report": REPORT_FORMATS,
    "comparison": COMPARISON_FORMATS,
    "explain": EXPLAIN_FORMATS,
    "trend": TREND_FORMATS,
    "findings": FINDINGS_FORMATS,
}


def renderer(spec: str) -> Any:
    """The renderer a registry entry names, imported now."""
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(f"govplan.render.{module}"), function)
