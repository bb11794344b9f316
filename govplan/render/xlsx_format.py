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
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from govplan.compare import Comparison
from govplan.render.cells import Options
from govplan.render.labels import label
from govplan.render.layout import Layout, Row, layout
from govplan.render.numbers import completion_text, gap_text, percent_text, plain
from govplan.render.spreadsheet import inert_cell
from govplan.render.statuses import LOOKS
from govplan.results import Report
from govplan.terms import CompareMode, Lang, Status, Verdict

STATUS_FILL: dict[Status, str] = {status: look.fill for status, look in LOOKS.items()}


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


# Columns whose text wraps (at most this wide); every other column is as wide as its widest
# cell, so that no number shows as ### at 100% zoom.
WRAP_WIDTH = {"indicator": 30, "task": 40, "target": 24, "note": 60, "lead": 16, "reason": 40,
              "plan": 40}  # fmt: skip
LINE_HEIGHT = 15  # points per line of the default 11-point font
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
# The printable width of A4 portrait at the default font, in Excel's character units.
PORTRAIT_WIDTH = 90


class _Grid:
    """A sheet's table as it is written: each cell's shown text, to fit columns and rows."""

    def __init__(self, sheet: Worksheet, keys: Sequence[str]) -> None:
        self.sheet = sheet
        self.keys = list(keys)
        self.widths: dict[int, int] = {}
        self.shown: dict[int, list[tuple[int, str]]] = {}  # row -> (column, text)

    def write(self, r: int, values: Sequence[Any], shown: Sequence[str] | None = None) -> None:
        for c, value in enumerate(values, 1):
            if isinstance(value, str):
                value = inert_cell(value)
            cell = self.sheet.cell(row=r, column=c, value=value)
            text = shown[c - 1] if shown is not None else _plain_text(value)
            self.shown.setdefault(r, []).append((c, text))
            key = self.keys[c - 1] if c - 1 < len(self.keys) else ""
            wrap = key in WRAP_WIDTH
            width = _width(text) if not wrap else min(_width(text), WRAP_WIDTH[key])
            self.widths[c] = max(self.widths.get(c, 0), width)
            cell.alignment = Alignment(vertical="center", wrap_text=wrap)
            cell.border = BORDER

    def fit(self) -> None:
        """Column widths from the cells, and row heights for the lines wrapped text takes."""
        for column, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = max(width + 2, 6)
        for r, cells in self.shown.items():
            lines = 1
            for c, text in cells:
                usable = max(self.widths.get(c, 1), 1)
                lines = max(lines, -(-_width(text) // usable))
            if lines > 1:
                self.sheet.row_dimensions[r].height = LINE_HEIGHT * lines

    @property
    def total_width(self) -> int:
        return sum(w + 2 for w in self.widths.values())


def _plain_text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "plan"
    title, n = base, 2
    while title in taken:
        title, n = f"{base[:25]}~{n}", n + 1
    taken.add(title)
    return title


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


def _shown_values(row: Row, layout_: Layout) -> list[str]:
    """What Excel shows in each cell of the row (a number with its unit in the format)."""
    if layout_.tasks:
        return [
            str(row.number),
            row.name,
            row.lead,
            percent_text(row.actual),
            percent_text(row.expected),
            gap_text(row.gap, "pp"),
            row.status_text,
            row.note,
        ]
    actual = row.actual_text
    if row.actual is not None:
        actual = f"{row.actual}{row.unit}"
    return [
        str(row.number),
        row.name,
        row.target,
        actual,
        gap_text(row.gap, row.gap_unit).replace(" ", ""),
        completion_text(row.completion),
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


def _page_setup(sheet: Worksheet, grid: _Grid, header_row: int) -> None:
    """A4, landscape when the table is wider than portrait allows, one page wide, the header
    row repeated on every printed page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    wide = grid.total_width > PORTRAIT_WIDTH
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def _heading(sheet: Worksheet, title: str, source: str, columns: int) -> int:
    """The title merged and centred over the table, the source line under it; the row the
    header goes in."""
    cell = sheet.cell(row=1, column=1, value=inert_cell(title))
    cell.font = Font(bold=True, size=14)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.row_dimensions[1].height = 24
    if not source:
        return 2
    line = sheet.cell(row=2, column=1, value=inert_cell(source))
    line.font = Font(italic=True, size=9, color="595959")
    line.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    return 3


def _header(grid: _Grid, r: int, heads: Sequence[str]) -> None:
    grid.write(r, heads)
    for c in range(1, len(heads) + 1):
        cell = grid.sheet.cell(row=r, column=c)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _plan_sheet(sheet: Worksheet, lay: Layout) -> None:
    grid = _Grid(sheet, lay.keys)
    columns = len(lay.heads)
    header = _heading(sheet, lay.title, lay.source, columns)
    _header(grid, header, lay.heads)
    r = header + 1
    status_column = lay.keys.index("status") + 1
    for row in lay.rows:
        if isinstance(row, str):
            sheet.cell(row=r, column=1).border = BORDER
            cell = sheet.cell(row=r, column=2, value=inert_cell(row))
            cell.font = Font(bold=True)
            sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=columns)
            for c in range(2, columns + 1):
                sheet.cell(row=r, column=c).border = BORDER
            r += 1
            continue
        grid.write(r, _data_values(row, lay), _shown_values(row, lay))
        for column, number_format in _formats(row, lay).items():
            sheet.cell(row=r, column=column).number_format = number_format
        fill = STATUS_FILL[row.status]
        sheet.cell(row=r, column=status_column).fill = PatternFill("solid", fgColor=fill)
        r += 1
    last = get_column_letter(columns)
    sheet.freeze_panes = f"A{header + 1}"
    sheet.auto_filter.ref = f"A{header}:{last}{max(r - 1, header)}"
    summary = sheet.cell(row=r + 1, column=1, value=inert_cell(lay.summary))
    summary.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=columns)
    grid.widths[1] = max(grid.widths.get(1, 2), 2)
    grid.fit()
    usable = max(grid.total_width, 1)
    sheet.row_dimensions[r + 1].height = LINE_HEIGHT * max(1, -(-_width(lay.summary) // usable))
    _page_setup(sheet, grid, header)


AUDIT_KEYS = ("plan", "no", "indicator", "field", "reported", "computed", "verdict", "reason")


def _audit_sheet(sheet: Worksheet, layouts: Sequence[Layout], lang: Lang) -> None:
    # the plan column only where several plans share the sheet
    keys = AUDIT_KEYS if len(layouts) > 1 else AUDIT_KEYS[1:]
    grid = _Grid(sheet, keys)
    _header(grid, 1, [label(k, lang) for k in keys])
    sheet.freeze_panes = "A2"
    verdict_column = keys.index("verdict") + 1
    r = 2
    for lay in layouts:
        for row in lay.rows:
            if isinstance(row, str):
                continue
            for entry in row.result.audit:
                reported, computed = entry.reported, entry.computed
                values: list[Any] = [
                    row.number,
                    row.name,
                    label(entry.field, lang),
                    label(reported, lang) if isinstance(reported, str) else _number(reported),
                    label(computed, lang) if isinstance(computed, str) else _number(computed),
                    label(entry.verdict.value, lang),
                    entry.reason.text(lang.value) if entry.reason else "",
                ]
                if len(keys) == len(AUDIT_KEYS):
                    values.insert(0, lay.title)
                shown = [_plain_text(v) for v in values]
                if isinstance(computed, Decimal):
                    # govplan's figure to the places a reader compares, all digits kept
                    shown[keys.index("computed")] = plain(computed, 4)
                    sheet_format = "0.####"
                else:
                    sheet_format = "General"
                grid.write(r, values, shown)
                sheet.cell(row=r, column=keys.index("computed") + 1).number_format = sheet_format
                bad = entry.verdict is Verdict.INCONSISTENT
                colour = STATUS_FILL[Status.MISSED if bad else Status.MET]
                sheet.cell(row=r, column=verdict_column).fill = PatternFill("solid", fgColor=colour)
                r += 1
    grid.fit()
    _page_setup(sheet, grid, 1)


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
    """One row per indicator; for each plan its target as written, its actual as a number in
    the row's unit, the unit and the status, each in a column of its own."""
    from govplan.render.cells import plan_label, target_text

    lang = options.lang
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = label("comparison", lang)[:31]
    plans = len(comparison.reports)
    heads = [label("indicator", lang)]
    keys = ["indicator"]
    for i in range(plans):
        name = plan_label(comparison, i, lang)
        heads += [f"{name} {label(k, lang)}" for k in ("target", "actual", "unit", "status")]
        keys += ["target", "actual", "unit", "status"]
    years = comparison.mode is CompareMode.YEARS
    if years:
        heads.append(label("target_change", lang))
        keys.append("change")
    grid = _Grid(sheet, keys)
    _header(grid, 1, heads)
    for r, row in enumerate(comparison.rows, 2):
        values: list[Any] = [row.name]
        shown = [row.name]
        for cell in row.cells:
            if cell is None:
                values += [None, None, None, None]
                shown += ["", "", "", ""]
                continue
            status = label(cell.result.status.value, lang)
            unit = row.unit or ""
            actual = cell.actual_value
            values += [target_text(cell.result), _number(actual), unit, status]
            shown += [target_text(cell.result), "" if actual is None else str(actual), unit, status]
        if years:
            change_unit = "pp" if row.unit == "%" else (row.unit or "")
            values.append(_number(row.target_change))
            shown.append(gap_text(row.target_change, change_unit).replace(" ", ""))
        grid.write(r, values, shown)
        if years:
            change_unit = "pp" if row.unit == "%" else (row.unit or "")
            sheet.cell(row=r, column=len(values)).number_format = _unit_format(
                change_unit, signed=True
            )
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{max(len(comparison.rows) + 1, 1)}"
    grid.fit()
    _page_setup(sheet, grid, 1)
    return _save(book)
