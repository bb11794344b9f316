"""CSV output: one row per indicator (or roll-up), and one per indicator and plan for a
comparison; numbers unrounded."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from govplan.compare import Comparison
from govplan.inert import inert
from govplan.render.cells import Options
from govplan.render.data import cell_dict, report_dict, rollup_dicts, trend_dict
from govplan.results import Report
from govplan.terms import RollupKey, Status
from govplan.trend import Trend

STATUS_WORDS = tuple(s.value for s in Status)

CSV_COLUMNS = (
    "file", "id", "name", "group", "lead", "kind", "target", "actual", "status",
    "gap", "gap_unit", "completion", "stretch_met", "expected", "audit", "note",
    "pace_needed", "pace_so_far", "projection", "reachable",
)  # fmt: skip

ROLLUP_CSV_COLUMNS = (
    "file", "key", "total", *STATUS_WORDS, "mean_progress", "worst_id", "worst_gap",
)  # fmt: skip

COMPARISON_CSV_COLUMNS = (
    "id", "name", "unit", "plan", "district", "year", "target", "target_value",
    "actual", "actual_value", "status", "best",
)  # fmt: skip


def _write(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: inert(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows)
    return out.getvalue()


def _rollup_rows(reports: Sequence[Report], by: RollupKey) -> Iterable[dict[str, Any]]:
    for report in reports:
        for roll in rollup_dicts(report, by):
            worst = roll["worst"] or {}
            yield {
                "file": report.plan.file,
                "key": roll["key"],
                "total": roll["total"],
                **{s: roll["counts"].get(s, 0) for s in STATUS_WORDS},
                "mean_progress": roll["mean_progress"],
                "worst_id": worst.get("id"),
                "worst_gap": worst.get("gap"),
            }


def _result_rows(reports: Sequence[Report]) -> Iterable[dict[str, Any]]:
    for report in reports:
        data = report_dict(report)
        for row in data["results"]:
            yield {
                **row,
                "file": data["plan"]["file"],
                "target": row["target"]["text"],
                "audit": ";".join(f"{a['field']}={a['verdict']}" for a in row.get("audit", [])),
                **_pace_cells(row.get("pace")),
            }


def _pace_cells(pace: dict[str, Any] | None) -> dict[str, Any]:
    """The pace in four columns: per month for a quantity, growth in % for a rate."""
    if pace is None:
        return {}
    per = "growth" if pace["unit"] == "%" and "needed_growth" in pace else "per_month"
    return {
        "pace_needed": pace[f"needed_{per}"],
        "pace_so_far": pace[f"so_far_{per}"],
        "projection": pace["projection"],
        "reachable": pace["reachable"],
    }


def render_report(reports: Sequence[Report], options: Options) -> str:
    """One row per indicator (or per roll-up), audit verdicts joined as field=verdict."""
    if options.by:
        return _write(ROLLUP_CSV_COLUMNS, _rollup_rows(reports, options.by))
    return _write(CSV_COLUMNS, _result_rows(reports))


TREND_CSV_COLUMNS = (
    "file", "id", "name", "period", "value", "unit", "completion", "schedule", "projected",
)  # fmt: skip


def _trend_rows(trends: Sequence[tuple[Report, list[Trend]]]) -> Iterable[dict[str, Any]]:
    for report, found in trends:
        for trend in found:
            data = trend_dict(trend)
            common = {"file": report.plan.file, "id": data["id"], "name": data["name"],
                      "unit": data["unit"] or ""}  # fmt: skip
            for point in data["points"]:
                yield {**common, **point, "projected": False}
            if data["projection"] is not None:
                yield {**common, "period": "year", "value": data["projection"],
                       "completion": data["projected_completion"], "schedule": 100,
                       "projected": True}  # fmt: skip


def render_trend(trends: Sequence[tuple[Report, list[Trend]]], options: Options) -> str:
    """One line per indicator and period, and a projected year-end line."""
    return _write(TREND_CSV_COLUMNS, _trend_rows(trends))


def _comparison_rows(comparison: Comparison) -> Iterable[dict[str, Any]]:
    for row in comparison.rows:
        for index, cell in enumerate(row.cells):
            data = cell_dict(cell)
            if data is None:
                continue
            plan = comparison.reports[index].plan
            yield {"id": row.id, "name": row.name, "unit": row.unit or "", "plan": plan.file,
                   "district": plan.district, "year": plan.year, **data}  # fmt: skip


def render_comparison(comparison: Comparison, options: Options) -> str:
    """One line per indicator and plan, numbers in the row's unit."""
    return _write(COMPARISON_CSV_COLUMNS, _comparison_rows(comparison))
