"""Word documents (python-docx): the execution table as a Word table in the documents'
layout (title, header row, group rows, summary and notes), ready to paste into a report."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from govplan.render.cells import Options
from govplan.render.labels import label
from govplan.render.layout import Layout, Row, layout
from govplan.render.numbers import completion_text, gap_text, percent_text, plain
from govplan.results import Report


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


def _plan(document: object, report: Report, options: Options) -> None:
    from docx.document import Document as DocumentType

    assert isinstance(document, DocumentType)
    lay = layout(report, options)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(lay.title)
    run.bold = True
    run.font.size = Pt(14)
    table = document.add_table(rows=1, cols=len(lay.heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, lay.heads, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(head).bold = True
    for row in lay.rows:
        cells = table.add_row().cells
        if isinstance(row, str):  # a group row spans the table, as in the documents
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(row).bold = True
            continue
        for cell, text in zip(cells, _cells(row, lay), strict=True):
            cell.text = text
    document.add_paragraph(lay.summary)
    notes = [r for r in lay.rows if isinstance(r, Row) and r.note]
    if notes:
        document.add_paragraph(label("note", options.lang) + ":").runs[0].bold = True
        for row in notes:
            document.add_paragraph(f"{row.number}. {row.name}: {row.note}")


def render_report(reports: Sequence[Report], options: Options) -> bytes:
    document = Document()
    for index, report in enumerate(reports):
        if index:  # each plan on a page of its own
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _plan(document, report, options)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
