"""Markdown output: the check report and the comparison as pipe tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from govplan.compare import Comparison
from govplan.inert import inert
from govplan.render.cells import (
    Options,
    comparison_rows,
    comparison_title,
    numbering,
    pace_lines,
    plan_title,
    rollup_rows,
    row_cells,
    summary_line,
)
from govplan.render.labels import label
from govplan.results import Report

_COLUMNS = ("no", "indicator", "target", "actual", "gap", "completion", "status", "audit")


_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape(text: str) -> str:
    """A cell that cannot break its table or carry markup: pipes escaped, line breaks made
    spaces, < > as entities (Markdown passes HTML through: a plan's <script> stays text), and
    & where it would start an entity (&lt;), so that R&D reads as written."""
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return inert(" ".join(text.replace("|", "\\|").splitlines()))


def table(heads: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """The one Markdown table writer: a header, its rule, one line per row."""
    lines = ["| " + " | ".join(escape(h) for h in heads) + " |"]
    lines.append("|" + "|".join("---" for _ in heads) + "|")
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    return lines


def render_report(reports: Sequence[Report], options: Options) -> str:
    lang = options.lang
    lines: list[str] = []
    for report in reports:
        keys = [*_COLUMNS, "note"] if options.notes else list(_COLUMNS)
        if report.plan.span is not None:
            keys.insert(keys.index("completion") + 1, "expected")
        lines += [f"### {escape(plan_title(report))}", ""]
        if options.by:
            rows = rollup_rows(report, options.by, lang)
            if rows:
                lines += table(list(rows[0]), [list(r.values()) for r in rows])
            lines.append("")
            continue
        numbers = numbering(report)
        heads = [label("expected_share" if k == "expected" else k, lang) for k in keys]
        body: list[list[str]] = []
        group = None
        for result in report.results:
            if result.indicator.group and result.indicator.group != group:
                # a group row as the table has it: the group's name, bold, in the name column
                group = result.indicator.group
                body.append(["", f"**{group}**", *([""] * (len(keys) - 2))])
            c = row_cells(result, numbers[result.indicator.id], options)
            body.append([c[k] for k in keys])
        lines += table(heads, body)
        lines += ["", summary_line(report, lang), ""]
        paces = pace_lines(report, lang)
        if paces:
            heading = label("span_progress" if report.plan.span is not None else "pace", lang)
            lines += [f"**{heading}**", "", *(f"- {escape(p)}" for p in paces), ""]
    return "\n".join(lines)


def render_comparison(comparison: Comparison, options: Options) -> str:
    heads, rows = comparison_rows(comparison, options.lang)
    title = f"## {escape(comparison_title(comparison, options.lang))}\n\n"
    return title + "\n".join(table(heads, rows)) + "\n"
