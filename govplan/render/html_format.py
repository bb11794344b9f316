"""One self-contained web page per report: inline CSS, no scripts and nothing fetched; the
table with a bar per indicator (actual against target, the schedule marked for tasks and
year-to-date rows), the summary, the notes and the audit."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from govplan.render.cells import Options, plan_title
from govplan.render.labels import label
from govplan.render.layout import Layout, Row, layout
from govplan.render.numbers import completion_text, gap_text, percent_text, plain
from govplan.render.statuses import css
from govplan.results import Report
from govplan.terms import Lang, Status

STYLE = (
    """
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
"Source Han Sans SC","WenQuanYi Micro Hei","SimSun",sans-serif;margin:2em;color:#222}
h1{font-size:1.3em;text-align:center;margin-bottom:.2em}
p.source{text-align:center;color:#555;font-size:.9em;margin-top:0}
td.status,th.status{white-space:nowrap;min-width:4em}
tr[title]{cursor:help}
@page{size:A4 landscape;margin:15mm 12mm}
@media print{body{margin:0;font-size:9pt}table{page-break-inside:auto}
tr{page-break-inside:avoid}thead{display:table-header-group}.bar{display:none}}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:middle}
th{background:#f2f2f2}
td.n{text-align:right;white-space:nowrap}
tr.group td{font-weight:bold;background:#fafafa}
.bar{position:relative;width:10em;height:.9em;background:#eee}
.fill{position:absolute;left:0;top:0;bottom:0;background:#6a9fd8}
.mark{position:absolute;top:-.2em;bottom:-.2em;width:2px;background:#222}
.summary{font-weight:bold}
"""
    + css()
    + "\n"
)

SCALE = Decimal(150)  # a bar spans 0..150% of its target, so that overshoot shows


def _bar(row: Row) -> str:
    """Actual against target: filled to the completion, the mark at the target (100%), or at
    the schedule share for tasks and year-to-date rows. Rates (no completion) get none."""
    done = row.actual if row.expected is not None and row.completion is None else row.completion
    if done is None or done < 0:
        return ""
    mark = row.expected if row.expected is not None else Decimal(100)
    width = min(done, SCALE) * 100 / SCALE
    at = min(mark, SCALE) * 100 / SCALE
    return (
        f'<div class="bar" title="{escape(completion_text(done))}">'
        f'<div class="fill" style="width:{width:.1f}%"></div>'
        f'<div class="mark" style="left:{at:.1f}%"></div></div>'
    )


def _cells(row: Row, lay: Layout) -> list[tuple[str, bool]]:
    """(html, numeric) per column."""
    if lay.tasks:
        return [(str(row.number), True), (escape(row.name), False), (escape(row.lead), False),
                (escape(percent_text(row.actual)), True),
                (escape(percent_text(row.expected)), True),
                (escape(gap_text(row.gap, row.gap_unit)), True)]  # fmt: skip
    # the actual as written (6.999% stays 6.999%): never rounded onto its target
    actual = row.actual_text or (f"{plain(row.actual)}{row.unit}" if row.actual is not None else "")
    return [(str(row.number), True), (escape(row.name), False), (escape(row.target), True),
            (escape(actual), True), (escape(gap_text(row.gap, row.gap_unit)), True),
            (escape(completion_text(row.completion)), True)]  # fmt: skip


def _status(row: Row) -> str:
    return f'<td class="status {row.status.value}">{escape(row.status_text)}</td>'


def _plan(report: Report, options: Options) -> list[str]:
    lang = options.lang
    lay = layout(report, options)
    heads = [*lay.heads[:6], "", label("status", lang)]
    if not lay.tasks:
        heads.append(label("audit", lang))
    out = [f"<h1>{escape(lay.title)}</h1>"]
    if lay.source:
        out.append(f'<p class="source">{escape(lay.source)}</p>')
    out.append("<table>")
    out.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr></thead>")
    for row in lay.rows:
        if isinstance(row, str):
            out.append(f'<tr class="group"><td></td><td colspan="{len(heads) - 1}">'
                       f"{escape(row)}</td></tr>")  # fmt: skip
            continue
        tds = "".join(
            f'<td class="n">{c}</td>' if numeric else f"<td>{c}</td>"
            for c, numeric in _cells(row, lay)
        )
        audit = "" if lay.tasks else f"<td>{escape(row.audit)}</td>"
        # the document's own words, on hover: where a reader finds the figure
        words = row.result.indicator.source
        title = f' title="{escape(words)}"' if words else ""
        out.append(f"<tr{title}>{tds}<td>{_bar(row)}</td>{_status(row)}{audit}</tr>")
    out.append("</table>")
    out.append(f'<p class="summary">{escape(lay.summary)}</p>')
    noted = [r for r in lay.rows if isinstance(r, Row) and r.note]
    if noted:
        out.append(f"<h2>{escape(label('note', lang))}</h2><ol>")
        out += [f'<li value="{r.number}">{escape(r.name)}: {escape(r.note)}</li>' for r in noted]
        out.append("</ol>")
    out += _audit(lay, lang)
    return out


def _audit(lay: Layout, lang: Lang) -> list[str]:
    entries = [(r, e) for r in lay.rows if isinstance(r, Row) for e in r.result.audit]
    if not entries:
        return []
    keys = ("no", "indicator", "field", "reported", "computed", "verdict")
    heads = [label(k, lang) for k in keys]
    out = [f"<h2>{escape(label('audit_sheet', lang))}</h2>", "<table>"]
    out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr>")
    for row, entry in entries:
        shown = [
            label(v, lang) if isinstance(v, str) else ("" if v is None else plain(v, 4))
            for v in (entry.reported, entry.computed)
        ]
        bad = entry.verdict.value == "inconsistent"
        verdict_class = Status.MISSED.value if bad else Status.MET.value
        out.append(
            f'<tr><td class="n">{row.number}</td><td>{escape(row.name)}</td>'
            f"<td>{escape(label(entry.field, lang))}</td>"
            f'<td class="n">{escape(shown[0])}</td>'
            f'<td class="n">{escape(shown[1])}</td>'
            f'<td class="{verdict_class}">{escape(label(entry.verdict.value, lang))}</td></tr>'
        )
    out.append("</table>")
    return out


def render_report(reports: Sequence[Report], options: Options) -> str:
    lang = "zh-CN" if options.lang is Lang.ZH else "en"
    title = plan_title(reports[0]) if reports else "govplan"
    body = [line for report in reports for line in _plan(report, options)]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
