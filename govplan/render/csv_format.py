"""CSV output: one row per indicator (or roll-up), and one per indicator and plan for a
comparison; numbers unrounded, each with its unit in the next column; headers and status
words in the chosen language; text that a spreadsheet would run as a formula made inert."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from govplan.compare import Comparison
from govplan.inert import inert
from govplan.render.cells import Options, indicator_name, status_text_of
from govplan.render.data import cell_dict, report_dict, rollup_dicts, trend_dict
from govplan.render.labels import label
from govplan.render.spreadsheet import inert_cell
from govplan.results import Report, Result
from govplan.terms import Kind, Lang, RollupKey, Status
from govplan.trend import Trend

STATUS_WORDS = tuple(s.value for s in Status)

CSV_COLUMNS = (
    "file", "id", "name", "group", "lead", "kind", "target", "actual", "actual_value", "unit",
    "status", "gap", "gap_unit", "completion", "stretch_met", "expected", "audit", "note",
    "pace_needed", "pace_so_far", "projection", "reachable",
)  # fmt: skip

# Header labels where a column's label differs from its key's (labels.py has both languages).
_HEADS = {"name": "indicator", "completion": "completion_pct", "expected": "expected_pct",
          "stretch_met": "stretch_met_col", "total": "total", "name_en": "csv_name_en",
          "district": "csv_district", "year": "csv_year", "target_value": "csv_target_value",
          "period": "csv_period", "value": "csv_value",
          "projected": "csv_projected"}  # fmt: skip

ROLLUP_CSV_COLUMNS = (
    "file", "key", "total", *STATUS_WORDS, "mean_progress", "worst_id", "worst_gap",
)  # fmt: skip

COMPARISON_CSV_COLUMNS = (
    "id", "name", "name_en", "unit", "plan", "district", "year", "target", "target_value",
    "actual", "actual_value", "status", "best",
)  # fmt: skip


def _write(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([_head(c, lang) for c in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _head(column: str, lang: Lang) -> str:
    if lang is Lang.EN:
        return column  # the English headers are the machine names
    return label(_HEADS.get(column, column), lang)


def _cell(value: Any) -> Any:
    return inert_cell(inert(value)) if isinstance(value, str) else value


def _rollup_rows(reports: Sequence[Report], by: RollupKey, lang: Lang) -> Iterable[dict[str, Any]]:
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


def _result_rows(reports: Sequence[Report], lang: Lang) -> Iterable[dict[str, Any]]:
    for report in reports:
        data = report_dict(report)
        for result, row in zip(report.results, data["results"], strict=True):
            words = (lambda w: w) if lang is Lang.EN else (lambda w: label(w, lang))
            audit = ";".join(
                f"{words(a['field'])}={words(a['verdict'])}" for a in row.get("audit", [])
            )
            yield {
                **row,
                "file": data["plan"]["file"],
                "name": indicator_name(result.indicator, lang),
                "target": row["target"]["text"],
                "unit": _unit(result),
                "status": status_text_of(result.status, lang)
                if lang is Lang.ZH and result.evaluation is not None
                else label(row["status"], lang)
                if lang is Lang.ZH
                else row["status"],
                "audit": audit,
                **_pace_cells(row.get("pace")),
            }


def _unit(result: Result) -> str:
    """The unit of actual_value: the target's (a task's progress is in %)."""
    ind = result.indicator
    if ind.kind is Kind.PROGRESS:
        return "%"
    return ind.target.unit or (ind.actual.unit if ind.actual else None) or ind.unit or ""


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
        return _write(
            ROLLUP_CSV_COLUMNS, _rollup_rows(reports, options.by, options.lang), options.lang
        )
    return _write(CSV_COLUMNS, _result_rows(reports, options.lang), options.lang)


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
    return _write(TREND_CSV_COLUMNS, _trend_rows(trends), options.lang)


def _comparison_rows(comparison: Comparison, lang: Lang) -> Iterable[dict[str, Any]]:
    from govplan.catalogue import by_id

    for row in comparison.rows:
        entry = by_id(row.id)
        name_en = entry.en if entry is not None else ""
        # the name in the chosen language where the catalogue has it; both always in columns
        name = name_en if lang is Lang.EN and name_en else row.name
        for index, cell in enumerate(row.cells):
            data = cell_dict(cell)
            if data is None:
                continue
            plan = comparison.reports[index].plan
            yield {"id": row.id, "name": name, "name_en": name_en, "unit": row.unit or "",
                   "plan": plan.file, "district": plan.district, "year": plan.year,
                   **data}  # fmt: skip


def render_comparison(comparison: Comparison, options: Options) -> str:
    """One line per indicator and plan, numbers in the row's unit."""
    rows = _comparison_rows(comparison, options.lang)
    return _write(COMPARISON_CSV_COLUMNS, rows, options.lang)
