"""Word documents (python-docx): the execution table as a Word table laid out as a 附件 is:
A4 with the margins of official documents (GB/T 9704), landscape when the table is wide,
columns as wide as their content, the header row repeated on each page, title and source."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from govplan.render.cells import Options
from govplan.render.layout import Layout, Row, layout
from govplan.render.numbers import completion_text, gap_text, percent_text, plain
from govplan.results import Report

# GB/T 9704 (党政机关公文格式): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# Fonts a government office has: 仿宋 for text, 宋体 in tables, 黑体 for headings.
TEXT_FONT, TABLE_FONT, HEADING_FONT = "仿宋", "宋体", "黑体"
TABLE_SIZE = Pt(9)  # 小五
# Text widths in character units (a CJK character is two) that a column may take before it
# wraps, and that a page holds at the table's size.
WRAP = {"indicator": 30, "task": 40, "target": 16, "note": 40, "lead": 12}
UNIT_MM = 2.0  # a 9 pt digit in a wide font (DejaVu, Arial); a CJK character is two
PADDING_MM = 4.5  # a cell's left and right margins in Word's default table style, and a little
MIN_WRAPPED_MM = 15.0


def _cells(row: Row, lay: Layout) -> list[str]:
    if lay.tasks:
        return [str(row.number), row.name, row.lead, percent_text(row.actual),
                percent_text(row.expected), gap_text(row.gap, row.gap_unit), row.status_text,
                row.note]  # fmt: skip
    # the actual as written (6.999% stays 6.999%): never rounded onto its target
    actual = row.actual_text or (_amount(row.actual, row.unit) if row.actual is not None else "")
    return [str(row.number), row.name, row.target, actual, gap_text(row.gap, row.gap_unit),
            completion_text(row.completion), row.status_text, row.audit, row.note]  # fmt: skip


def _amount(value: Decimal, unit: str) -> str:
    return f"{plain(value)}{unit}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _font(run: Any, name: str, size: Pt | None = None, *, bold: bool = False) -> None:
    """A run in `name` for Chinese text too: Word takes East Asian text's font from
    w:eastAsia, which python-docx's font.name leaves unset."""
    run.font.name = name
    run.font.bold = bold or None
    if size is not None:
        run.font.size = size
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _repeat_header(row: Any) -> None:
    """The row is repeated at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def column_units(lay: Layout) -> list[int]:
    """Each column's width in character units: its widest cell, wrapped ones capped."""
    texts = [list(lay.heads)]
    texts += [_cells(row, lay) for row in lay.rows if isinstance(row, Row)]
    units = []
    for index, key in enumerate(lay.keys):
        widest = max(_width(t[index]) for t in texts)
        units.append(max(min(widest, WRAP.get(key, widest)), 2))
    return units


def column_widths(keys: Sequence[str], natural: Sequence[float], text_width: float) -> list[float]:
    """Widths in mm: each column that does not wrap as wide as its content; the columns
    that wrap (name, note) share the rest of the page in proportion to their content."""
    wrapped = [i for i, key in enumerate(keys) if key in WRAP]
    fixed = sum(w for i, w in enumerate(natural) if i not in wrapped)
    room = max(text_width - fixed, MIN_WRAPPED_MM * len(wrapped))
    want = sum(natural[i] for i in wrapped) or 1.0
    return [
        max(MIN_WRAPPED_MM, room * natural[i] / want) if i in wrapped else natural[i]
        for i in range(len(natural))
    ]


def _section(document: Any, landscape: bool, first: bool) -> Any:
    from docx.enum.section import WD_SECTION

    section = document.sections[0] if first else document.add_section(WD_SECTION.NEW_PAGE)
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, length in MARGINS.items():
        setattr(section, f"{side}_margin", length)
    return section


def _paragraph(document: Any, text: str, font: str, size: Pt, *, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), font, size, bold=bold)


def _plan(document: Any, report: Report, options: Options, first: bool) -> None:
    lay = layout(report, options)
    natural = [u * UNIT_MM + PADDING_MM for u in column_units(lay)]
    portrait_text = (A4[0] - MARGINS["left"] - MARGINS["right"]) / Mm(1)
    landscape = sum(natural) > portrait_text
    section = _section(document, landscape, first)
    text_width = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
    widths = [Mm(w) for w in column_widths(lay.keys, natural, text_width)]
    _paragraph(document, lay.title, HEADING_FONT, Pt(16))
    if lay.source:
        _paragraph(document, lay.source, TEXT_FONT, Pt(10.5))
    table = document.add_table(rows=1, cols=len(lay.heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, head in zip(table.rows[0].cells, lay.heads, strict=True):
        _font(cell.paragraphs[0].add_run(head), HEADING_FONT, TABLE_SIZE, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    for row in lay.rows:
        cells = table.add_row().cells
        if isinstance(row, str):  # a group row spans the table, as in the documents
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            _font(merged.paragraphs[0].add_run(row), TABLE_FONT, TABLE_SIZE, bold=True)
            continue
        for cell, text in zip(cells, _cells(row, lay), strict=True):
            _font(cell.paragraphs[0].add_run(text), TABLE_FONT, TABLE_SIZE)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    summary = document.add_paragraph()
    _font(summary.add_run(lay.summary), TEXT_FONT, Pt(10.5))


def render_report(reports: Sequence[Report], options: Options) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = TEXT_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TEXT_FONT)
    for index, report in enumerate(reports):
        _plan(document, report, options, first=index == 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
