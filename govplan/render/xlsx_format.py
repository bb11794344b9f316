"""Excel workbooks (openpyxl): the execution table as the documents lay it out, one sheet per
plan, numbers stored as numbers with their units in the number format, and a sheet with the
audit of published figures; the comparison as one sheet."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from govplan.compare import Comparison
from govplan.render.cells import Options, comparison_rows
from govplan.render.labels import label
from govplan.render.layout import Layout, Row, layout
from govplan.render.numbers import completion_text
from govplan.render.spreadsheet import inert_cell
from govplan.results import Report
from govplan.terms import Lang, Status, Verdict

STATUS_FILL: dict[Status, str] = {
    Status.MET: "C6EFCE",
    Status.DONE: "C6EFCE",
    Status.AHEAD: "C6EFCE",
    Status.ACHIEVED: "C6EFCE",
    Status.ON_TRACK: "DDEBF7",
    Status.MISSED: "FFC7CE",
    Status.BEHIND: "FFC7CE",
    Status.PENDING: "EDEDED",
    Status.UNKNOWN: "FFEB9C",
}


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return (
        int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)
    )


def _unit_format(unit: str, signed: bool = False) -> str:
    """A number format that shows the unit after the number, the number staying a number."""
    quoted = '"' + unit.replace('"', "") + '"' if unit else ""
    # General shows the number as stored (no forced decimals, no trailing point)
    if not signed:
        return f"General{quoted}"
    return f"+General{quoted};-General{quoted};General{quoted}"


def _width(text: str) -> int:
    # East Asian wide characters take two columns in Excel's default fonts.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(sheet: Worksheet, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), 60)


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "plan"
    title, n = base, 2
    while title in taken:
        title, n = f"{base[:25]}~{n}", n + 1
    taken.add(title)
    return title


def _write_row(sheet: Worksheet, r: int, values: Sequence[Any], widths: dict[int, int]) -> None:
    for c, value in enumerate(values, 1):
        if isinstance(value, str):
            value = inert_cell(value)
        cell = sheet.cell(row=r, column=c, value=value)
        shown = value if isinstance(value, str) else ("" if value is None else str(value))
        widths[c] = max(widths.get(c, 0), _width(shown))
        cell.alignment = Alignment(vertical="center", wrap_text=isinstance(value, str))


def _data_values(row: Row, layout_: Layout) -> list[Any]:
    if layout_.tasks:
        return [
            row.number,
            row.name,
            row.lead,
            _percent(row.actual),
            _percent(row.expected),
            _number(row.gap),
            row.status_text,
            row.note,
        ]
    actual: Any = _number(row.actual) if row.actual is not None else row.actual_text
    return [
        row.number,
        row.name,
        row.target,
        actual,
        _number(row.gap),
        _percent(row.completion),
        row.status_text,
        row.audit,
        row.note,
    ]


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else float(value / 100)


def _formats(row: Row, layout_: Layout) -> dict[int, str]:
    if layout_.tasks:
        return {4: "0.0%", 5: "0.0%", 6: _unit_format("pp", signed=True)}
    return {
        4: _unit_format(row.unit),
        5: _unit_format(row.gap_unit, signed=True),
        6: _completion_format(row.completion),
    }


def _completion_format(value: Decimal | None) -> str:
    """Two decimals, or as many as keep a completion under 100% from showing as 100.00%."""
    shown = completion_text(value).rstrip("%")
    places = max(2, len(shown.partition(".")[2]))
    return "0." + "0" * places + "%"


def _plan_sheet(sheet: Worksheet, lay: Layout) -> None:
    widths: dict[int, int] = {}
    sheet.cell(row=1, column=1, value=inert_cell(lay.title)).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(lay.heads))
    _write_row(sheet, 2, lay.heads, widths)
    for c in range(1, len(lay.heads) + 1):
        sheet.cell(row=2, column=c).font = Font(bold=True)
    sheet.freeze_panes = "A3"
    r = 3
    status_column = lay.keys.index("status") + 1
    for row in lay.rows:
        if isinstance(row, str):
            sheet.cell(row=r, column=2, value=inert_cell(row)).font = Font(bold=True)
            r += 1
            continue
        _write_row(sheet, r, _data_values(row, lay), widths)
        for column, number_format in _formats(row, lay).items():
            sheet.cell(row=r, column=column).number_format = number_format
        fill = STATUS_FILL[row.status]
        sheet.cell(row=r, column=status_column).fill = PatternFill("solid", fgColor=fill)
        r += 1
    sheet.cell(row=r + 1, column=1, value=inert_cell(lay.summary))
    widths[1] = min(widths.get(1, 4), 6)
    _fit(sheet, widths)


AUDIT_KEYS = ("plan", "no", "indicator", "field", "reported", "computed", "verdict", "reason")


def _audit_sheet(sheet: Worksheet, layouts: Sequence[Layout], lang: Lang) -> None:
    widths: dict[int, int] = {}
    _write_row(sheet, 1, [label(k, lang) for k in AUDIT_KEYS], widths)
    sheet.freeze_panes = "A2"
    r = 2
    for lay in layouts:
        for row in lay.rows:
            if isinstance(row, str):
                continue
            for entry in row.result.audit:
                reported = entry.reported
                computed = entry.computed
                _write_row(
                    sheet,
                    r,
                    [
                        lay.title,
                        row.number,
                        row.name,
                        label(entry.field, lang),
                        label(reported, lang) if isinstance(reported, str) else _number(reported),
                        label(computed, lang) if isinstance(computed, str) else _number(computed),
                        label(entry.verdict.value, lang),
                        entry.reason or "",
                    ],
                    widths,
                )
                bad = entry.verdict is Verdict.INCONSISTENT
                colour = STATUS_FILL[Status.MISSED if bad else Status.MET]
                sheet.cell(row=r, column=7).fill = PatternFill("solid", fgColor=colour)
                r += 1
    _fit(sheet, widths)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_report(reports: Sequence[Report], options: Options) -> bytes:
    book = Workbook()
    taken: set[str] = set()
    layouts = [layout(report, options) for report in reports]
    for index, lay in enumerate(layouts):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = _sheet_title(lay.title, taken)
        _plan_sheet(sheet, lay)
    if any(r.audit for report in reports for r in report.results):
        audit = book.create_sheet()
        audit.title = _sheet_title(label("audit_sheet", options.lang), taken)
        _audit_sheet(audit, layouts, options.lang)
    return _save(book)


def render_comparison(comparison: Comparison, options: Options) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = label("comparison", options.lang)[:31]
    heads, rows = comparison_rows(comparison, options.lang)
    widths: dict[int, int] = {}
    _write_row(sheet, 1, heads, widths)
    for c in range(1, len(heads) + 1):
        sheet.cell(row=1, column=c).font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for r, row in enumerate(rows, 2):
        _write_row(sheet, r, row, widths)
    _fit(sheet, widths)
    return _save(book)
