"""The JSON, CSV and Markdown reports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from govplan.compute import Report
from govplan.render.cells import Options, row_cells, summary_line
from govplan.render.data import report_dict
from govplan.render.labels import label


def render_json(reports: Sequence[Report], options: Options) -> str:
    """One object for one plan (as the plan format says); an array for several."""
    data = [report_dict(r) for r in reports]
    payload = data[0] if len(data) == 1 else data
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "file", "id", "name", "group", "lead", "kind", "target", "actual", "status",
    "gap", "gap_unit", "completion", "stretch_met", "expected", "audit", "note",
)  # fmt: skip


def render_csv(reports: Sequence[Report], options: Options) -> str:
    """One row per indicator, numbers unrounded, audit verdicts joined as field=verdict."""
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
        lines.append("| " + " | ".join(label(h, lang) for h in heads) + " |")
        lines.append("|" + "|".join("---" for _ in heads) + "|")
        for number, result in enumerate(report.results, 1):
            cells = row_cells(result, number, options)
            lines.append("| " + " | ".join(_md_escape(cells[h]) for h in heads) + " |")
        lines.append("")
        lines.append(summary_line(report, lang))
        lines.append("")
    return "\n".join(lines)
