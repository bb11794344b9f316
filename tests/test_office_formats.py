"""Where analysts work: xlsx, docx, html and CSV files, each read back and checked."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app

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
    assert [c.value for c in sheet[2]] == ["序号", "指标", "目标", "实际", "差距", "完成率",
                                           "状态", "核对", "备注"]  # fmt: skip
    data = [row for row in sheet.iter_rows(min_row=3) if isinstance(row[0].value, int)]
    assert len(data) == 30 and sheet.freeze_panes == "A3"
    gdp = data[0]
    assert gdp[1].value == "地区生产总值增长" and gdp[3].value == 1.5 and gdp[4].value == -5.5
    assert gdp[3].number_format == 'General"%"' and "pp" in gdp[4].number_format
    parking = next(r for r in data if r[1].value == "新增停车泊位(个)")
    assert parking[3].value == 14539 and parking[5].value == pytest.approx(4.154)
    assert parking[5].number_format == "0.00%"
    assert parking[6].fill.fgColor.rgb.endswith("C6EFCE")  # met: green
    assert gdp[6].fill.fgColor.rgb.endswith("FFC7CE")  # missed: red
    assert audit.max_row == 31  # a header and one entry per published figure
    assert {c.value for c in audit["G"][1:]} == {"一致"}


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
    assert any(t.startswith("达标 18 / 未达标 12") for t in texts)


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


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
def test_html_renders_in_a_real_browser(tmp_path: Path) -> None:
    page = tmp_path / "t.html"
    runner.invoke(app, ["check", PLAN, "-f", "html", "-o", str(page)])
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--window-size=1400,1800", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1400, 1800)
    assert "CONSOLE" not in done.stderr and "Uncaught" not in done.stderr


def test_compare_in_english_names_catalogue_indicators() -> None:
    result = runner.invoke(
        app, ["compare", "plans/gongshu-2022.yaml", "plans/gongshu-2023.yaml", "--lang", "en"]
    )
    assert "GDP growth" in result.stdout and "地区生产总值增长" not in result.stdout
    assert "未达标" not in result.stdout  # no Chinese status words in English cells
