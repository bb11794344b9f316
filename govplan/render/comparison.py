"""Output formats of `compare`: table, JSON, CSV and Markdown, each a pure function of the
comparison."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from govplan.compare import Cell, Comparison, Row
from govplan.render.cells import Options
from govplan.render.labels import label
from govplan.render.numbers import json_number, plain, signed

if TYPE_CHECKING:
    from rich.console import RenderableType


def plan_label(comparison: Comparison, index: int) -> str:
    """`拱墅区2022`; just `2022` when every plan is of one district."""
    plan = comparison.reports[index].plan
    period = "" if plan.period == "year" else f" {plan.period}"
    district = "" if comparison.mode == "years" else plan.district
    return f"{district}{plan.year}{period}"


def _num(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)


def _value_text(value: Decimal | None, unit: str | None) -> str:
    if value is None:
        return ""
    return f"{plain(value, 4)}{unit or ''}"


def change_text(row: Row) -> str | None:
    """`7% → 5.5%左右(确保5%以上)`: the targets as written, first year to last."""
    present = [c for c in row.cells if c is not None]
    if len(present) < 2:
        return None
    return " → ".join(c.result.indicator.target.text for c in present)


def _delta_text(row: Row) -> str:
    if row.target_change is None:
        return ""
    unit = "pp" if row.unit == "%" else (row.unit or "")
    return f"{signed(row.target_change, 4)} {unit}".strip()


def _cell_dict(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    ind = cell.result.indicator
    return {
        "target": ind.target.text,
        "target_value": _num(cell.target_value),
        "actual": ind.actual.text if ind.actual else None,
        "actual_value": _num(cell.actual_value),
        "status": cell.result.status.value,
        "best": cell.best,
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "mode": comparison.mode,
        "plans": [
            {
                "file": r.plan.file,
                "district": r.plan.district,
                "year": r.plan.year,
                "period": r.plan.period,
            }
            for r in comparison.reports
        ],
        "rows": [
            {
                "id": row.id,
                "name": row.name,
                "unit": row.unit,
                "cells": [_cell_dict(c) for c in row.cells],
                "change": change_text(row),
                "target_change": _num(row.target_change),
                "actual_change": _num(row.actual_change),
                "note": row.note,
            }
            for row in comparison.rows
        ],
    }


def render_json(comparison: Comparison, options: Options) -> str:
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n"


def render_csv(comparison: Comparison, options: Options) -> str:
    """One line per indicator and plan, numbers in the row's unit, unrounded."""
    out = io.StringIO()
    columns = ["id", "name", "unit", "plan", "district", "year", "target", "target_value",
               "actual", "actual_value", "status", "best"]  # fmt: skip
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for row in comparison.rows:
        for index, cell in enumerate(row.cells):
            data = _cell_dict(cell)
            if data is None:
                continue
            plan = comparison.reports[index].plan
            writer.writerow(
                {"id": row.id, "name": row.name, "unit": row.unit or "",
                 "plan": plan.file, "district": plan.district, "year": plan.year, **data}
            )  # fmt: skip
    return out.getvalue()


def display_rows(comparison: Comparison, lang: str) -> tuple[list[str], list[list[str]]]:
    """Headings and cells for people (table and Markdown)."""
    heads = [label("indicator", lang)]
    for i in range(len(comparison.reports)):
        name = plan_label(comparison, i)
        heads += [f"{name} {label('target', lang)}", f"{name} {label('actual', lang)}"]
    if comparison.mode == "years":
        heads.append(label("target_change", lang))
    rows = []
    for row in comparison.rows:
        cells = [row.name + (f" ({row.unit})" if row.unit and row.unit != "%" else "")]
        for cell in row.cells:
            if cell is None:
                cells += ["", ""]
                continue
            ind = cell.result.indicator
            actual = _value_text(cell.actual_value, "%" if row.unit == "%" else "")
            if not actual and ind.actual is not None:
                actual = ind.actual.text
            if actual:
                actual += f" {label(cell.result.status.value, lang)}"
            if cell.best:
                actual = "★ " + actual
            cells += [ind.target.text, actual]
        if comparison.mode == "years":
            cells.append(_delta_text(row))
        rows.append(cells)
    return heads, rows


def render_markdown(comparison: Comparison, options: Options) -> str:
    heads, rows = display_rows(comparison, options.lang)
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_table(comparison: Comparison, options: Options) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    heads, rows = display_rows(comparison, options.lang)
    table = Table(header_style="bold")
    for i, head in enumerate(heads):
        table.add_column(head, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    parts: list[RenderableType] = [table]
    if comparison.mode == "districts" and any(
        c and c.best for r in comparison.rows for c in r.cells
    ):
        parts.append(Text("★ " + label("best", options.lang), style="dim"))
    notes = [f"{r.name}: {label(r.note, options.lang)}" for r in comparison.rows if r.note]
    parts += [Text(n, style="dim") for n in notes]
    return Group(*parts)


COMPARE_REPORTER_BY_NAME: dict[str, Callable[[Comparison, Options], str | RenderableType]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
