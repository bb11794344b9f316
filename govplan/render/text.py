"""The JSON, CSV and Markdown reports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from govplan.compute import Report, Status
from govplan.render.cells import Options, numbering, rollup_rows, row_cells, summary_line
from govplan.render.data import report_dict, rollup_dicts
from govplan.render.labels import label

STATUS_WORDS = tuple(s.value for s in Status)


def render_json(reports: Sequence[Report], options: Options) -> str:
    """One object for one plan (as the plan format says); an array for several."""
    data = [report_dict(r, options.by) for r in reports]
    payload = data[0] if len(data) == 1 else data
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "file", "id", "name", "group", "lead", "kind", "target", "actual", "status",
    "gap", "gap_unit", "completion", "stretch_met", "expected", "audit", "note",
)  # fmt: skip


ROLLUP_CSV_COLUMNS = (
    "file",
    "key",
    "total",
    *STATUS_WORDS,
    "mean_progress",
    "worst_id",
    "worst_gap",
)


def _rollup_csv(reports: Sequence[Report], by: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ROLLUP_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for report in reports:
        for roll in rollup_dicts(report, by):
            worst = roll["worst"] or {}
            writer.writerow(
                {
                    "file": report.plan.file,
                    "key": roll["key"],
                    "total": roll["total"],
                    **{s: roll["counts"].get(s, 0) for s in STATUS_WORDS},
                    "mean_progress": roll["mean_progress"],
                    "worst_id": worst.get("id"),
                    "worst_gap": worst.get("gap"),
                }
            )
    return out.getvalue()


def render_csv(reports: Sequence[Report], options: Options) -> str:
    """One row per indicator (or per roll-up), numbers unrounded, audit verdicts joined as
    field=verdict."""
    if options.by:
        return _rollup_csv(reports, options.by)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for report in reports:
        data = report_dict(report)
        for row in data["results"]:
            writer.writerow(
                {
                    **row,
                    "file": data["plan"]["file"],
                    "target": row["target"]["text"],
                    "audit": ";".join(f"{a['field']}={a['verdict']}" for a in row.get("audit", [])),
                }
            )
    return out.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(reports: Sequence[Report], options: Options) -> str:
    lang = options.lang
    heads = ["no", "indicator", "target", "actual", "gap", "completion", "status", "audit"]
    if options.notes:
        heads.append("note")
    lines: list[str] = []
    for report in reports:
        plan = report.plan
        lines.append(f"### {plan.title or f'{plan.district} {plan.year}'}")
        lines.append("")
        if options.by:
            lines.extend(_md_table(rollup_rows(report, options.by, lang)))
            lines.append("")
            continue
        lines.append("| " + " | ".join(label(h, lang) for h in heads) + " |")
        lines.append("|" + "|".join("---" for _ in heads) + "|")
        numbers = numbering(report)
        for result in report.results:
            cells = row_cells(result, numbers[result.indicator.id], options)
            lines.append("| " + " | ".join(_md_escape(cells[h]) for h in heads) + " |")
        lines.append("")
        lines.append(summary_line(report, lang))
        lines.append("")
    return "\n".join(lines)


def _md_table(rows: list[dict[str, str]]) -> list[str]:
    if not rows:
        return []
    heads = list(rows[0])
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    lines += ["| " + " | ".join(_md_escape(row[h]) for h in heads) + " |" for row in rows]
    return lines
