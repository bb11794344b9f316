"""`govplan update`: figures from the spreadsheets analysts keep, written into a plan with only
the values changing; a bad row, sheet or write leaves the file byte for byte as it was."""

from __future__ import annotations

import difflib
import errno
import json
import os
import stat
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from tests.built import plan_of

runner = CliRunner()

PLAN = """\
# 2023 targets, with a comment that must survive
district: 拱墅区
year: 2023
indicators:
  - id: gdp
    name: "地区生产总值增长"   # quoted, with a trailing comment
    target: "5.5%左右(确保5%以上)"
    source: "地区生产总值增长5.5%左右(确保5%以上);"

  - id: fdi
    name: 实际利用外资
    target: 6亿美元以上
    actual: 1亿美元

  - {id: talent, name: 新引进人才, target: 3万人}
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def run(*args: str) -> Any:
    return runner.invoke(app, ["update", *args])


def workbook(
    path: Path,
    rows: Sequence[Sequence[Any]],
    formats: dict[str, str] | None = None,
    title: str = "Sheet1",
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def no_space(path: Path, data: bytes, mode: int | None = None) -> None:
    """A write_atomically on a full disk."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# -- matching and writing --------------------------------------------------------------


def test_only_the_actual_lines_change(plan: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "actuals.csv"
    # matched by id, by exact name, and by the catalogue's name for gdp
    sheet.write_text("id,指标,实际,单位\nfdi,,4.2,亿美元\n,新引进人才,3.4万人,\n,地区生产总值增长,5.1,%\n",
                     encoding="utf-8-sig")  # fmt: skip
    said_zh = run(str(plan), "--actuals", str(sheet), "--dry-run", "--lang", "zh").stderr
    assert f"将更新 {plan} 中的 3 项指标 (改动 3 个数字), 数据来自 {sheet}" in said_zh
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert "updated 3 indicators (3 figures changed)" in result.stderr
    after = plan.read_text(encoding="utf-8")
    assert changed_lines(PLAN, after) == [
        "+    actual: 5.1%",
        "-    actual: 1亿美元",
        "+    actual: 4.2亿美元",
        "-  - {id: talent, name: 新引进人才, target: 3万人}",
        "+  - {id: talent, name: 新引进人才, target: 3万人, actual: 3.4万人}",
    ]
    assert "# quoted, with a trailing comment" in after
    check = runner.invoke(app, ["check", str(plan), "-f", "json"])
    assert check.exit_code == 0


def test_a_bad_row_writes_nothing_and_says_where(plan: Path, tmp_path: Path) -> None:
    before = plan.read_bytes()
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\nnope,3\ngdp,abc\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{sheet}:3:1: error unmatched-row no indicator with id 'nope'" in result.stderr
    assert f"{sheet}:4:2: error bad-cell actual 'abc' for 地区生产总值增长 (gdp)" in result.stderr
    assert "nothing was written" in result.stderr
    assert plan.read_bytes() == before
    # a value that parses but does not fit the plan (a unit mismatch) is refused at its cell
    sheet.write_text("id,actual\nfdi,4.2亿元\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}:2:2: error unit-mismatch" in result.stderr
    assert plan.read_bytes() == before


def test_dry_run_shows_a_diff(plan: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\n", encoding="utf-8")
    before = plan.read_bytes()
    result = run(str(plan), "--actuals", str(sheet), "--dry-run")
    assert result.exit_code == 0
    assert "-    actual: 1亿美元\n+    actual: 4.2亿美元\n" in result.stdout
    assert plan.read_bytes() == before


def test_every_shipped_plan_updated_with_its_own_figures_is_unchanged(tmp_path: Path) -> None:
    """Each shipped plan's actuals and progress written back over themselves: not a byte moves
    (the editor touches values only, and writes them as they were written)."""

    for path in sorted(Path("plans").glob("*.yaml")):
        plan = plan_of(str(path))
        rows = [["id", "实际", "完成进度"]]
        for ind in plan.indicators:
            if ind.actual is not None or ind.progress is not None:
                rows.append([ind.id, ind.actual.text if ind.actual else "",
                             ind.progress.text if ind.progress else ""])  # fmt: skip
        if len(rows) == 1:
            continue
        sheet = tmp_path / f"{path.stem}.csv"
        with sheet.open("w", encoding="utf-8", newline="") as fh:
            import csv

            csv.writer(fh).writerows(rows)
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        result = run(str(copy), "--actuals", str(sheet))
        assert result.exit_code == 0, (path, result.stderr)
        assert copy.read_bytes() == path.read_bytes(), path


def test_every_shipped_plan_gets_new_actuals_on_their_lines_only(tmp_path: Path) -> None:
    from govplan.terms import Kind

    for path in sorted(Path("plans").glob("*.yaml")):
        plan = plan_of(str(path))
        rows = [["id", "实际"]]
        for ind in plan.indicators:
            if ind.actual is not None and ind.kind is not Kind.PROGRESS and ind.actual.unit:
                rows.append([ind.id, f"{ind.actual.number + 1}{ind.actual.unit}"])
        if len(rows) == 1:
            continue
        sheet = tmp_path / f"{path.stem}.csv"
        sheet.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        result = run(str(copy), "--actuals", str(sheet))
        assert result.exit_code == 0, (path, result.stderr)
        lines = changed_lines(path.read_text("utf-8"), copy.read_text("utf-8"))
        assert lines and all("actual:" in line for line in lines), (path, lines[:4])
        assert len(lines) == 2 * (len(rows) - 1), path


def test_a_plain_scalar_stays_plain_and_a_quoted_one_quoted(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "district: x\nyear: 2023\nindicators:\n"
        "  - {id: a, name: A, target: 5, actual: 5}   # plain\n"
        "  - {id: b, name: B, target: 5, actual: '5'}\n"
        '  - {id: c, name: C, target: 5, actual: "5"}\n',
        encoding="utf-8",
    )
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\na,6\nb,6\nc,6\n", encoding="utf-8")
    assert run(str(plan), "--actuals", str(sheet)).exit_code == 0
    assert plan.read_text("utf-8").splitlines()[3:] == [
        "  - {id: a, name: A, target: 5, actual: 6}   # plain",
        "  - {id: b, name: B, target: 5, actual: '6'}",
        '  - {id: c, name: C, target: 5, actual: "6"}',
    ]


def test_crlf_markers_and_a_byte_order_mark_are_kept(tmp_path: Path) -> None:
    text = "\ufeff# Notepad\r\n---\r\ndistrict: x\r\nyear: 2023\r\nindicators:\r\n" \
           "  - id: a\r\n    name: A\r\n    target: 5家  # 目标\r\n...\r\n"  # fmt: skip
    plan = tmp_path / "p.yaml"
    plan.write_bytes(text.encode("utf-8"))
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\na,7家\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 0, result.stderr
    expected = text.replace("# 目标\r\n", "# 目标\r\n    actual: 7家\r\n")
    assert plan.read_bytes() == expected.encode("utf-8")


def test_an_empty_reported_is_filled(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("district: x\nyear: 2023\nindicators:\n  - id: fdi\n    name: 实际利用外资\n"
                    "    target: 6亿美元以上\n    actual: 3.7亿美元\n    reported:\n", "utf-8")  # fmt: skip
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,完成率\nfdi,61.67%\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert plan.read_text("utf-8").endswith("    reported: {completion: 61.67%}\n")


def test_an_invalid_plan_is_not_updated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "district: x\nyear: 2023\nindicators:\n  - {id: a, name: A, taget: 5}\n", "utf-8"
    )
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\na,5\n", encoding="utf-8")
    result = run(str(bad), "--actuals", str(sheet))
    assert result.exit_code == 2 and "unknown-field" in result.stderr


# -- cells as the sheet shows them -----------------------------------------------------

TASKS = """\
district: x
year: 2024
period: Q2
indicators:
  - {id: gdp, name: 地区生产总值增长, target: 5.5%}
  - {id: parking, name: 新增停车泊位, target: 3500个}
  - {id: t1, name: 推进城中村改造, target: {progress: true}}
  - {id: fdi, name: 实际利用外资, target: 0.8亿美元以上}
"""


@pytest.fixture
def tasks(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.yaml"
    path.write_text(TASKS, encoding="utf-8")
    return path


def test_percent_cells_are_read_as_shown(tasks: Path, tmp_path: Path) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "完成进度"],
                                          ["地区生产总值增长", 0.065, None],
                                          ["推进城中村改造", None, 0.536]],
                    {"B2": "0.0%", "C3": "0.0%"})  # fmt: skip
    result = run(str(tasks), "--actuals", str(book))
    assert result.exit_code == 0, result.stderr
    text = tasks.read_text("utf-8")
    assert "target: 5.5%, actual: 6.5%}" in text
    assert "target: {progress: true}, progress: 53.6%}" in text


def test_a_percent_cell_for_a_count_is_refused_at_its_cell(tasks: Path, tmp_path: Path) -> None:
    before = tasks.read_bytes()
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月"], ["新增停车泊位", 0.53]], {"B2": "0%"})
    result = run(str(tasks), "--actuals", str(book))
    assert result.exit_code == 2
    assert (
        f"{book}:Sheet1!B2: error bad-cell 1-6月 '53' for 新增停车泊位 (parking): a percentage cell"
        in result.stderr
    )
    assert tasks.read_bytes() == before


def test_float_noise_is_rounded_as_excel_shows_it(tasks: Path, tmp_path: Path) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "单位"],
                                          ["实际利用外资", 0.7 + 0.1, "亿美元"]])  # fmt: skip
    assert 0.7 + 0.1 == 0.7999999999999999
    assert run(str(tasks), "--actuals", str(book)).exit_code == 0
    assert "actual: 0.8亿美元}" in tasks.read_text("utf-8")
    check = runner.invoke(app, ["check", str(tasks), "-f", "json"])
    status = {r["id"]: r["status"] for r in json.loads(check.stdout)["results"]}
    assert status["fdi"] == "met"


def test_text_numbers_separators_full_width_and_not_reported(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("指标,1-6月,单位,完成进度\n新增停车泊位,\"1,234\",个,\n地区生产总值增长,６．１％,,\n"
                     "推进城中村改造,,,—\n", encoding="utf-8")  # fmt: skip
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 0, result.stderr
    text = tasks.read_text("utf-8")
    # as printed; quoted where a comma would end the value inside { }
    assert 'actual: "1,234个"}' in text and "actual: ６．１％}" in text
    assert "progress: /}" in text  # the format's own "not reported"


def test_a_date_cell_is_refused_with_its_address(tasks: Path, tmp_path: Path) -> None:
    import datetime

    book = workbook(
        tmp_path / "a.xlsx", [["指标", "1-6月"], ["新增停车泊位", datetime.date(2024, 6, 30)]]
    )
    result = run(str(tasks), "--actuals", str(book))
    assert result.exit_code == 2
    assert f"{book}:Sheet1!B2: error bad-cell 1-6月: a date cell" in result.stderr


def test_a_formula_never_calculated_is_refused(tasks: Path, tmp_path: Path) -> None:
    book = workbook(
        tmp_path / "a.xlsx", [["指标", "1-6月", "单位"], ["新增停车泊位", "=1000+234", "个"]]
    )
    result = run(str(tasks), "--actuals", str(book))
    assert result.exit_code == 2
    assert f"{book}:Sheet1!B2: error bad-cell" in result.stderr
    assert "open and save it in Excel" in result.stderr


def test_a_stale_dimension_drops_no_row(tasks: Path, tmp_path: Path) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "单位"], ["新增停车泊位", 1800, "个"],
                                          ["实际利用外资", 0.5, "亿美元"]])  # fmt: skip
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(stale, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:C3"/>' in data
                data = data.replace(b'<dimension ref="A1:C3"/>', b'<dimension ref="A1:C2"/>')
            dst.writestr(item, data)
    result = run(str(tasks), "--actuals", str(stale))
    assert result.exit_code == 0, result.stderr
    assert "updated 2 indicators" in result.stderr
    assert "actual: 0.5亿美元}" in tasks.read_text("utf-8")


# -- rows and indicators ---------------------------------------------------------------


def test_several_rows_for_one_indicator_are_refused(tasks: Path, tmp_path: Path) -> None:
    before = tasks.read_bytes()
    sheet = tmp_path / "a.csv"
    # by name, by catalogue name and by the catalogue's English alias: all gdp
    sheet.write_text("指标,1-6月\n地区生产总值增长,5.1%\n新增停车泊位,1800个\n地区生产总值,5.2%\nGDP,5.3%\n",
                     encoding="utf-8")  # fmt: skip
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}:4:0" not in result.stderr
    assert (
        "error duplicate-row rows 2, 4, 5 all give figures for 地区生产总值增长 (gdp)"
        in result.stderr
    )
    assert tasks.read_bytes() == before


def test_a_name_of_two_indicators_is_refused_unless_the_group_tells(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("district: x\nyear: 2024\nperiod: Q2\nindicators:\n"
                    "  - {id: a, name: 完成年度任务, group: 教育, target: {progress: true}}\n"
                    "  - {id: b, name: 完成年度任务, group: 卫生, target: {progress: true}}\n", "utf-8")  # fmt: skip
    sheet = tmp_path / "a.csv"
    sheet.write_text("主要工作内容,完成进度\n完成年度任务,40%\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert (
        f"{sheet}:2:1: error ambiguous-name '完成年度任务' is the name of 2 indicators: a (教育), b (卫生)"
        in result.stderr
    )
    # with the task report's category column (filled once per group), each row finds its own
    sheet.write_text(
        "项目名称,主要工作内容,完成进度\n卫生,完成年度任务,40%\n教育,完成年度任务,60%\n",
        encoding="utf-8",
    )
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 0, result.stderr
    text = plan.read_text("utf-8")
    assert "group: 教育, target: {progress: true}, progress: 60%}" in text
    assert "group: 卫生, target: {progress: true}, progress: 40%}" in text


def test_title_rows_blank_rows_and_group_rows_are_skipped(tasks: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["2024年上半年主要指标完成情况"])
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["序号", "指标名称", "计量单位", "1-6月累计", "备注"])
    ws.append([None, "一、主要经济指标", None, None, None])  # a group row: nothing to write
    ws.append([1, "新增停车泊位", "个", 1800, "含临时泊位"])
    ws.append([2, "实际利用外资（亿美元）", None, 0.5, None])  # the unit in brackets
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = run(str(tasks), "--actuals", str(path))
    assert result.exit_code == 0, result.stderr
    assert "header row 3" in result.stderr
    text = tasks.read_text("utf-8")
    assert "actual: 1800个}" in text and "actual: 0.5亿美元}" in text


def test_a_unit_in_the_header_is_the_columns_unit(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("指标,实际完成(%)\n地区生产总值增长,6.1\n", encoding="utf-8")
    assert (
        run(str(tasks), "--actuals", str(sheet), "--columns", "actual=实际完成(%)").exit_code == 0
    )
    assert "actual: 6.1%}" in tasks.read_text("utf-8")


def test_columns_say_which_header_holds_what(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("项目,上半年数,口径\n新增停车泊位,1800,个\n", encoding="utf-8")
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 2 and "error bad-sheet no a header row" in result.stderr
    assert "--columns name=指标名称,actual=1-6月累计,unit=单位" in result.stderr
    result = run(
        str(tasks), "--actuals", str(sheet), "--columns", "name=项目,actual=上半年数,unit=口径"
    )
    assert result.exit_code == 0, result.stderr
    assert "actual: 1800个}" in tasks.read_text("utf-8")
    result = run(str(tasks), "--actuals", str(sheet), "--columns", "actul=上半年数")
    assert result.exit_code == 2 and "'actul' is not a column field" in result.stderr


def test_two_figure_columns_for_one_field_are_refused(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("指标,1-6月,本年累计\n新增停车泊位,1800个,1900个\n", encoding="utf-8")
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert "two columns could hold actual: '1-6月' (B), '本年累计' (C)" in result.stderr


def test_a_year_to_date_column_of_another_period_is_refused(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("指标,1-9月\n新增停车泊位,1800个\n", encoding="utf-8")
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert (
        f"{sheet}:1:2: error bad-sheet column '1-9月' holds figures to month 9, but the plan's period is Q2"
        in result.stderr
    )


# -- workbooks -------------------------------------------------------------------------


def test_a_hidden_first_sheet_is_not_read(tasks: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "底稿"
    hidden.append(["指标", "1-6月", "单位"])
    hidden.append(["新增停车泊位", 99, "个"])
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("上报")
    shown.append(["指标", "1-6月", "单位"])
    shown.append(["新增停车泊位", 1800, "个"])
    book.active = 1
    path = tmp_path / "a.xlsx"
    book.save(path)
    assert run(str(tasks), "--actuals", str(path)).exit_code == 0
    assert "actual: 1800个}" in tasks.read_text("utf-8")
    assert run(str(tasks), "--actuals", str(path), "--sheet", "底稿").exit_code == 0
    assert "actual: 99个}" in tasks.read_text("utf-8")


def test_several_visible_sheets_need_sheet(tasks: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "一季度"
    first.append(["指标", "实际", "单位"])
    first.append(["新增停车泊位", 700, "个"])
    second = book.create_sheet("二季度")
    second.append(["指标", "实际", "单位"])
    second.append(["新增停车泊位", 1800, "个"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = run(str(tasks), "--actuals", str(path))
    assert result.exit_code == 2
    assert (
        "the workbook has 2 visible sheets ('一季度', '二季度'); choose one with --sheet"
        in result.stderr
    )
    assert run(str(tasks), "--actuals", str(path), "--sheet", "二季度").exit_code == 0
    assert "actual: 1800个}" in tasks.read_text("utf-8")
    result = run(str(tasks), "--actuals", str(path), "--sheet", "三季度")
    assert result.exit_code == 2 and "no sheet '三季度'" in result.stderr


def test_findings_are_in_every_findings_format(tasks: Path, tmp_path: Path) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月"], ["新增停车泊位", 0.53]], {"B2": "0%"})
    result = run(str(tasks), "--actuals", str(book), "-f", "json")
    assert result.exit_code == 2
    (finding,) = json.loads(result.stdout)["findings"]
    assert (
        finding["code"] == "bad-cell" and finding["sheet"] == "Sheet1" and finding["cell"] == "B2"
    )
    assert finding["line"] == 2 and finding["column"] == 2
    for fmt in ("sarif", "junit", "github", "gitlab"):
        result = run(str(tasks), "--actuals", str(book), "-f", fmt)
        assert result.exit_code == 2 and "bad-cell" in result.stdout, fmt


# -- hostile and broken sheets ---------------------------------------------------------


def test_a_damaged_workbook_is_one_clear_error(tasks: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(str(tasks), "--actuals", str(path))
    assert result.exit_code == 2 and "error bad-sheet not a readable xlsx workbook" in result.stderr


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_entities_in_a_sheet_are_refused(tasks: Path, tmp_path: Path, doctype: str) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "单位"], ["新增停车泊位", 1800, "个"]])
    bad = tmp_path / "bad.xlsx"
    entity = "&d;" if "ENTITY d" in doctype else "&e;"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename).decode("utf-8")
            if item.filename == "xl/worksheets/sheet1.xml":
                head, _, body = data.partition("?>")
                data = f"{head}?>{doctype}{body}".replace("<v>1800</v>", f"<v>{entity}</v>")
            dst.writestr(item, data)
    before = tasks.read_bytes()
    result = run(str(tasks), "--actuals", str(bad))
    assert result.exit_code == 2, result.stderr
    assert "not a readable xlsx workbook" in result.stderr and "internal error" not in result.stderr
    assert tasks.read_bytes() == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tasks: Path, tmp_path: Path) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "单位"], ["新增停车泊位", 1800, "个"]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("xl/padding.xml", b" " * (65 * 1024 * 1024))  # compresses to ~64 KB
    assert bomb.stat().st_size < 1024 * 1024
    result = run(str(tasks), "--actuals", str(bomb))
    assert (
        result.exit_code == 2 and "error sheet-too-large the workbook unpacks to" in result.stderr
    )


def _with_part(book: Path, out: Path, name: str, data: bytes, rels: bool = False) -> Path:
    """`book` with one part added or replaced (and, for shared strings, referenced)."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == name:
                continue
            if rels and item.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            dst.writestr(item, body)
        dst.writestr(name, data)
    return out


def test_shared_strings_are_bounded(tasks: Path, tmp_path: Path) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "单位"], ["新增停车泊位", 1800, "个"]])
    strings = b"".join(b"<si><t>s%d</t></si>" % i for i in range(600_000))
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + strings
        + b"</sst>"
    )
    bad = _with_part(book, tmp_path / "bad.xlsx", "xl/sharedStrings.xml", sst, rels=True)
    result = run(str(tasks), "--actuals", str(bad))
    assert result.exit_code == 2
    assert "error sheet-too-large the workbook's xl/sharedStrings.xml unpacks to" in result.stderr


def test_a_row_of_a_million_cells_is_refused_before_it_is_built(
    tasks: Path, tmp_path: Path
) -> None:
    book = workbook(tmp_path / "a.xlsx", [["指标", "1-6月", "单位"], ["新增停车泊位", 1800, "个"]])
    with zipfile.ZipFile(book) as src:
        sheet = src.read("xl/worksheets/sheet1.xml")
    wide = b'<row r="3">' + b'<c r="A3"><v>1</v></c>' * 1_000_000 + b"</row></sheetData>"
    bad = _with_part(
        book,
        tmp_path / "bad.xlsx",
        "xl/worksheets/sheet1.xml",
        sheet.replace(b"</sheetData>", wide),
    )
    result = run(str(tasks), "--actuals", str(bad))
    assert result.exit_code == 2
    assert "xl/worksheets/sheet1.xml has a row of more than 1024 cells" in result.stderr
    # a row of 1,024 cells (wider than is read, 256) is a sheet like any other
    fine = b'<row r="3">' + b'<c r="A3"><v>1</v></c>' * 1024 + b"</row></sheetData>"
    ok = _with_part(
        book, tmp_path / "ok.xlsx", "xl/worksheets/sheet1.xml", sheet.replace(b"</sheetData>", fine)
    )
    result = run(str(tasks), "--actuals", str(ok))
    assert result.exit_code in (0, 2) and "sheet-too-large" not in result.stderr, result.stderr


def test_more_rows_than_the_plan_could_fill_is_refused(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("指标,实际\n" + "新增停车泊位,1个\n" * 200, encoding="utf-8")
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert "error sheet-too-large has more than 140 rows" in result.stderr


def test_a_huge_csv_cell_is_a_clear_error(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("指标,实际\n新增停车泊位," + "1" * 140_000 + "\n", encoding="utf-8")
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert (
        f"{sheet}:2: error bad-sheet not a readable CSV file: a cell is longer than 131072"
        in result.stderr
    )


def test_many_problems_are_capped_on_the_terminal(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    items = "".join(f"  - {{id: i{n}, name: 指标{n}, target: 5个}}\n" for n in range(100))
    plan.write_text("district: x\nyear: 2023\nindicators:\n" + items, encoding="utf-8")
    sheet = tmp_path / "a.csv"
    sheet.write_text(
        "指标,实际\n" + "".join(f"指标{n},abc\n" for n in range(100)), encoding="utf-8"
    )
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert result.stderr.count("error bad-cell") == 50
    assert "50 more findings not shown (all of them: --format json)" in result.stderr
    result = run(str(plan), "--actuals", str(sheet), "-f", "json")
    assert len(json.loads(result.stdout)["findings"]) == 100


def test_a_gbk_csv_is_read_with_a_warning(tasks: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_bytes("指标,实际,单位\n新增停车泊位,1800,个\n".encode("gbk"))
    result = run(str(tasks), "--actuals", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert "warning legacy-encoding read as GB18030" in result.stderr
    assert "actual: 1800个}" in tasks.read_text("utf-8")


# -- the plan file on disk -------------------------------------------------------------


def test_a_symlinked_plan_is_written_through(plan: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(plan)
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\n", encoding="utf-8")
    assert run(str(link), "--actuals", str(sheet)).exit_code == 0
    assert link.is_symlink()
    assert "actual: 4.2亿美元" in plan.read_text("utf-8")


def test_a_read_only_plan_is_refused(plan: Path, tmp_path: Path) -> None:
    plan.chmod(0o444)
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 2 and "error io the file is read-only" in result.stderr
    assert plan.read_text("utf-8") == PLAN
    assert stat.S_IMODE(plan.stat().st_mode) == 0o444


def test_the_mode_is_kept(plan: Path, tmp_path: Path) -> None:
    plan.chmod(0o640)
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\n", encoding="utf-8")
    assert run(str(plan), "--actuals", str(sheet)).exit_code == 0
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640


def test_a_failed_write_is_exit_2_and_leaves_the_plan(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govplan.cli.update as cli_update

    monkeypatch.setattr(cli_update, "write_atomically", no_space)
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\n", encoding="utf-8")
    result = run(str(plan), "--actuals", str(sheet))
    assert result.exit_code == 2
    assert "cannot write the plan: No space left on device; it is left as it was" in result.stderr
    assert plan.read_text("utf-8") == PLAN


def test_a_plan_changed_meanwhile_is_not_overwritten(plan: Path) -> None:
    from govplan.cli.update import write_plan

    read_before = plan.read_bytes()
    plan.write_text(PLAN.replace("1亿美元", "2亿美元"), encoding="utf-8")  # another writer
    problem = write_plan(plan, read_before, b"district: lost\n")
    assert problem is not None and problem.code == "plan-changed"
    assert "2亿美元" in plan.read_text("utf-8")


def test_two_updates_at_once_never_lose_a_write(plan: Path, tmp_path: Path) -> None:
    """Racing processes: each either lands its write, or says it did not (exit 2); a
    success is never reported for a write that was lost."""
    sheets = []
    for n, value in enumerate(["4.1亿美元", "4.2亿美元", "4.3亿美元", "4.4亿美元"]):
        sheet = tmp_path / f"s{n}.csv"
        sheet.write_text(f"id,actual\nfdi,{value}\n", encoding="utf-8")
        sheets.append(sheet)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "govplan", "update", str(plan), "--actuals", str(s)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for s in sheets
    ]
    outcomes = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    winners = [s for s, (code, _) in zip(sheets, outcomes, strict=True) if code == 0]
    assert winners, outcomes
    for code, err in outcomes:
        assert code in (0, 2) and (code == 0 or "plan-changed" in err), err
    final = plan.read_text("utf-8")
    # the file holds the last successful writer's figure; every winner wrote on what it read
    assert any(s.read_text("utf-8").split(",")[-1].strip() in final for s in winners)


def test_fifos_devices_and_stdin_are_refused_as_plans(tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\na,5\n", encoding="utf-8")
    result = run("-", "--actuals", str(sheet))
    assert result.exit_code == 2 and "update writes the plan file: give its path" in result.stderr
    result = run("/dev/zero", "--actuals", str(sheet))
    assert result.exit_code == 2 and "is not a regular file" in result.stderr
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = run(str(fifo), "--actuals", str(sheet))
    assert result.exit_code == 2 and "is not a regular file" in result.stderr


# -- other commands' writes ------------------------------------------------------------


def test_a_full_disk_is_exit_2_for_check_and_draft(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "govplan", "check", "plans/gongshu-2022.yaml"],
                              stdout=full, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "cannot write the output: No space left on device" in done.stderr
    assert "internal error" not in done.stderr


def test_draft_to_a_failing_disk_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import govplan.cli.options as options

    monkeypatch.setattr(options, "write_atomically", no_space)
    text = tmp_path / "t.txt"
    text.write_text("2023年\n地区生产总值增长5.5%左右。\n", encoding="utf-8")
    result = runner.invoke(app, ["draft", str(text), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert not (tmp_path / "d.yaml").exists()


def test_a_closed_pipe_is_not_an_error() -> None:
    done = subprocess.run(
        f"{sys.executable} -m govplan check plans/gongshu-2024-q2.yaml -f json | head -c 10",
        shell=True, capture_output=True, text=True,
        executable="/bin/bash", env={**os.environ, "SHELLOPTS": ""},
    )  # fmt: skip
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    pipe = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {sys.executable} -m govplan check plans/gongshu-2024-q2.yaml -f json | head -c 10 >/dev/null"]
    )  # fmt: skip
    assert pipe.returncode == 0
