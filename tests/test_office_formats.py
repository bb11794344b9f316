"""Where analysts work: xlsx, docx, html and CSV files, each read back and checked."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from tests.built import report_of_path

runner = CliRunner()
PLAN = "plans/gongshu-2022.yaml"
HOSTILE = "=SUM(A1:A9)+cmd"  # a name copied from a spreadsheet


def test_xlsx_refuses_a_terminal() -> None:
    result = runner.invoke(app, ["check", PLAN, "-f", "xlsx"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "binary format; write it to a file with -o FILE.xlsx" in result.stderr


def test_xlsx_of_the_2022_plan(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["check", PLAN, "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    book = openpyxl.load_workbook(out)
    sheet, audit = book.worksheets
    assert sheet.title.startswith("2022年拱墅区主要指标") and audit.title == "公布数据核对"
    assert sheet["A1"].value == "2022年拱墅区主要指标(工作)执行情况表"
    assert "A1:I1" in {str(r) for r in sheet.merged_cells.ranges}  # the title over the table
    assert sheet["A1"].alignment.horizontal == "center"
    assert sheet["A2"].value.startswith("来源: ") and "2023-05-11" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == ["序号", "指标", "目标", "实际", "差距", "完成率",
                                           "状态", "核对", "备注"]  # fmt: skip
    data = [row for row in sheet.iter_rows(min_row=4) if isinstance(row[0].value, int)]
    assert len(data) == 30 and sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref.startswith("A3:I")
    gdp = data[0]
    assert gdp[1].value == "地区生产总值增长" and gdp[3].value == 1.5 and gdp[4].value == -5.5
    assert gdp[3].number_format == 'General"%"' and "pp" in gdp[4].number_format
    parking = next(r for r in data if r[1].value == "新增停车泊位(个)")
    assert parking[3].value == 14539 and parking[5].value == pytest.approx(4.154)
    assert parking[5].number_format == "0.00%"
    assert parking[6].fill.fgColor.rgb.endswith("C6EFCE")  # met: green
    assert gdp[6].fill.fgColor.rgb.endswith("FFC7CE")  # missed: red
    assert gdp[0].border.left.style == "thin"
    assert audit.max_row == 31  # a header and one entry per published figure
    assert {c.value for c in audit["F"][1:]} == {"一致"}  # one plan: no plan column
    for each in (sheet, audit):
        # A4, one page wide, the header row repeated on every printed page
        assert str(each.page_setup.paperSize) == each.PAPERSIZE_A4
        assert each.sheet_properties.pageSetUpPr.fitToPage and each.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$3:$3" and sheet.page_setup.orientation == "landscape"
    _assert_every_cell_fits(sheet, first_row=3)
    _assert_every_cell_fits(audit, first_row=1)


def _shown(cell: Any) -> str:
    """What Excel shows: a number with the unit its format appends, a percentage as one."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = cell.number_format
    if fmt == "0.####":
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if fmt.endswith("%") and not fmt.endswith('"%"'):
        places = len(fmt.partition(".")[2]) - 1 if "." in fmt else 0
        return f"{value * 100:.{places}f}%"
    units = re.findall(r'"([^"]*)"', fmt)
    sign = "+" if fmt.startswith("+") and value > 0 else ""
    return f"{sign}{value}{units[0] if units else ''}"


def _assert_every_cell_fits(sheet: Any, first_row: int) -> None:
    """Each cell's text fits its column at the default font (CJK counted as two): a number
    on one line (else Excel shows ###), wrapped text in the lines its row's height gives."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    merged = {c for r in sheet.merged_cells.ranges for row in r.cells for c in [row]}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            text = _shown(cell)
            if not text or (cell.row, cell.column) in merged:
                continue
            column = sheet.column_dimensions[cell.column_letter].width
            if cell.alignment.wrap_text:
                height = sheet.row_dimensions[cell.row].height or 15
                lines = -(-width(text) // max(int(column) - 2, 1))
                assert lines * 15 <= height + 0.01, (cell.coordinate, text, column, height)
            else:
                assert width(text) <= column, (cell.coordinate, text, column)


def test_xlsx_comparison_keeps_numbers_as_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "c.xlsx"
    result = runner.invoke(
        app,
        ["compare", PLAN, "plans/gongshu-2023.yaml", "--only", "common", "-f", "xlsx", "-o",
         str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out).worksheets[0]
    heads = [c.value for c in sheet[1]]
    assert heads[:5] == ["指标", "2022 目标", "2022 实际", "2022 单位", "2022 状态"]
    gdp = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "地区生产总值增长")
    assert gdp[2].value == 1.5 and gdp[3].value == "%" and gdp[4].value == "未达标"
    assert gdp[-1].value == -1.5 and "pp" in gdp[-1].number_format  # 7% → 5.5%左右
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for r in sheet for c in r)
    _assert_every_cell_fits(sheet, first_row=1)


def test_csv_to_a_file_has_a_bom_and_inert_formulas(
    write: Callable[..., str], tmp_path: Path
) -> None:
    path = write(
        "district: x\nyear: 2023\nindicators:\n"
        f'  - {{id: a, name: "{HOSTILE}", target: 5家, actual: 6家}}\n'
        '  - {id: b, name: "-3 items", target: 5家, actual: 4家}\n'
    )
    out = tmp_path / "t.csv"
    assert runner.invoke(app, ["check", path, "-f", "csv", "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["指标"] == "'" + HOSTILE
    assert rows[1]["指标"] == "'-3 items" and rows[1]["差距"] == "-1"  # numbers stay numbers
    assert rows[0]["实际值"] == "6" and rows[0]["单位"] == "家" and rows[0]["状态"] == "达标"
    piped = runner.invoke(app, ["check", path, "-f", "csv"]).stdout
    assert not piped.startswith("\ufeff")  # a pipe gets plain UTF-8
    openpyxl = pytest.importorskip("openpyxl")
    book_path = tmp_path / "t.xlsx"
    runner.invoke(app, ["check", path, "-f", "xlsx", "-o", str(book_path)])
    sheet = openpyxl.load_workbook(book_path).worksheets[0]
    names = [c.value for c in sheet["B"] if c.value]
    assert "'" + HOSTILE in names and "'-3 items" in names


def test_docx_reads_back(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.shared import Mm

    out = tmp_path / "t.docx"
    assert runner.invoke(app, ["check", PLAN, "-f", "docx", "-o", str(out)]).exit_code == 0
    document = docx.Document(str(out))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][:4] == ["序号", "指标", "目标", "实际"]
    data = [r for r in table.rows[1:] if r.cells[0].text.isdigit()]
    assert len(data) == 30
    assert [c.text for c in data[0].cells][:5] == ["1", "地区生产总值增长", "7%", "1.5%", "−5.5 pp"]
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2022年拱墅区主要指标(工作)执行情况表"
    assert texts[1].startswith("来源: ") and "区发改经信局" in texts[1]
    assert any(t.startswith("达标 18 / 未达标 12") for t in texts)
    # A4 landscape (the table is wider than portrait allows), GB/T 9704 margins
    (section,) = document.sections

    def near(length: int, mm: float) -> bool:  # Word stores lengths in twips
        return abs(length - Mm(mm)) < Mm(0.1)

    assert near(section.page_width, 297) and near(section.page_height, 210)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert all(near(m, mm) for m, mm in zip(margins, (37, 35, 28, 26), strict=True)), margins
    # the header row is repeated on every page the table runs onto
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    # columns as wide as their content: the note wider than the status, the status than 序号,
    # and together the width of the page
    widths = [c.width for c in table.columns]
    number, name, status, note = widths[0], widths[1], widths[6], widths[8]
    assert note > name > status > number
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(widths) - text_width) < Mm(2)
    # the table's text is in 宋体 for Chinese too (w:eastAsia), headings in 黑体
    run = data[0].cells[1].paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia")) == "宋体"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_office_files_print_on_two_pages(tmp_path: Path, fmt: str) -> None:
    """Printed by LibreOffice, the 2022 table takes at most two A4 pages, and no number is
    shown as ### (a column too narrow for it)."""
    out = tmp_path / f"t.{fmt}"
    assert runner.invoke(app, ["check", PLAN, "-f", fmt, "-o", str(out)]).exit_code == 0
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},  # a profile of its own: tests run at once
    )
    pdf = tmp_path / "t.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages <= 2, pages
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "###" not in text and "地区生产总值增长" in text


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.remote: list[str] = []
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.rows += tag == "tr"
        for name, value in attrs:
            if name in ("src", "href") and value and "://" in value:
                self.remote.append(value)


def test_html_is_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    assert runner.invoke(app, ["check", PLAN, "-f", "html", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert page.remote == [] and "script" not in page.tags and "link" not in page.tags
    assert text.count('class="bar"') >= 16  # every quantity with a completion
    assert "公布数据核对" in text and "达标 18 / 未达标 12" in text
    english = runner.invoke(app, ["check", PLAN, "-f", "html", "--lang", "en"]).stdout
    assert '<html lang="en">' in english and "GDP growth" in english


@pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdftotext") is None,
    reason="headless Chromium (and poppler-utils) are not installed",
)
def test_html_prints_on_a4_in_a_real_browser(tmp_path: Path) -> None:
    """Chromium prints the page as its print stylesheet says (A4 landscape) with every
    figure and status in it, and logs no script error."""
    page = tmp_path / "t.html"
    runner.invoke(app, ["check", PLAN, "-f", "html", "-o", str(page)])
    pdf = tmp_path / "t.pdf"
    done = subprocess.run(
        ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size is not None
    width, height = float(size.group(1)), float(size.group(2))
    assert abs(width - 842) < 2 and abs(height - 595) < 2  # A4 landscape, in points
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    for shown in ("2022年拱墅区主要指标(工作)执行情况表", "地区生产总值增长", "14539", "未达标"):
        assert shown in text, shown
    assert "CONSOLE" not in done.stderr and "Uncaught" not in done.stderr


def test_compare_in_english_names_catalogue_indicators() -> None:
    result = runner.invoke(
        app, ["compare", "plans/gongshu-2022.yaml", "plans/gongshu-2023.yaml", "--lang", "en"]
    )
    assert "GDP growth" in result.stdout and "地区生产总值增长" not in result.stdout
    assert "未达标" not in result.stdout  # no Chinese status words in English cells


def test_numbers_people_read(write: Callable[..., str], tmp_path: Path) -> None:
    """What a reader copies is what the document would print: a relative target's actual
    keeps its %, a two-tier result says which tier it missed, a quantity a month keeps a
    unit it reads in, a ceiling is no share of 时序进度, every word of a Chinese column is
    Chinese."""
    from decimal import Decimal

    from govplan.render.cells import status_text
    from govplan.render.numbers import amount_text
    from govplan.terms import Lang
    from govplan.trend import trends

    openpyxl = pytest.importorskip("openpyxl")
    assert amount_text(Decimal("0.1667"), "万场次") == "1667场次"
    assert amount_text(Decimal("0.5"), "亿元") == "5000万元"
    assert amount_text(Decimal("1.2"), "亿元") == "1.2亿元"
    path = write(
        "district: x\nyear: 2023\nperiod: Q3\nindicators:\n"
        "  - {id: gdp, name: 地区生产总值增长, target: 5.5%左右(确保5%以上), actual: 5.2%}\n"
        "  - {id: r, name: 一般公共预算收入, target: 与经济增长同步, actual: 13.6%}\n"
        "  - {id: t, name: 任务, kind: progress, target: 完成, progress: /}\n"
        "  - {id: pm25, name: PM2.5平均浓度, unit: 微克/立方米, target: 31以下, actual: 32, "
        "series: {H1: 33}}\n"
    )
    report = report_of_path(path)
    gdp = report.results[0]
    assert status_text(gdp, Lang.ZH) == "达标 (未达力争5.5%)"
    assert status_text(gdp, Lang.EN) == "met (stretch 5.5% missed)"
    out = tmp_path / "n.xlsx"
    assert runner.invoke(app, ["check", path, "-f", "xlsx", "-o", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=4) if isinstance(r[0].value, int)}
    revenue = rows["一般公共预算收入"]
    assert revenue[3].value == 13.6 and revenue[3].number_format == 'General"%"'
    assert rows["任务"][8].value == "进度未报告"  # the reason, in Chinese
    (pm25,) = [t for t in trends(report) if t.result.indicator.id == "pm25"]
    assert all(p.completion is None for p in pm25.points)  # not 106% of a ceiling
