"""Cells read as the sheet shows them, and headers as analysts' tables write them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.sheets import cell_of, excel_number, header_key, parse_columns, percent_format
from tests.fuzz import examples


@pytest.mark.parametrize(
    ("value", "number_format", "text", "percent"),
    [
        (0.065, "0.0%", "6.5", True),  # shown 6.5%: stored 0.065
        (0.536, "0.00%", "53.6", True),
        (-0.042, "#,##0.0%;[Red]-#,##0.0%", "-4.2", True),
        (6.5, '0.0"%"', "6.5", True),  # a % shown, not scaled
        (6.5, "0.0\\%", "6.5", True),
        (0.7 + 0.1, "General", "0.8", False),  # Excel's cached =0.7+0.1
        (396.64, "0.00", "396.64", False),
        (1e-7, "General", "0.0000001", False),
        (1800, "#,##0", "1800", False),
        (100.0, "General", "100", False),
        ("  4.2亿美元 ", "General", "4.2亿美元", False),
        ("/", "@", "/", False),
    ],
)
def test_a_cell_as_the_sheet_shows_it(
    value: object, number_format: str, text: str, percent: bool
) -> None:
    cell = cell_of(value, 3, number_format)
    assert (cell.text, cell.percent, cell.problem) == (text, percent, None)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (datetime.date(2024, 6, 30), "a date cell"),
        (datetime.datetime(2024, 6, 30, 12, 0), "a date cell"),
        (True, "a TRUE/FALSE cell"),
        ("#DIV/0!", "an error value #DIV/0!"),
        ("#N/A", "an error value #N/A"),
        (float("nan"), "not a finite number"),
    ],
)
def test_cells_that_are_no_figure(value: object, problem: str) -> None:
    cell = cell_of(value, 2)
    assert cell.problem is not None and cell.problem.text("en").startswith(problem)
    assert cell.problem.text("zh") != cell.problem.text("en")


@settings(max_examples=examples(300))
@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4))
def test_a_decimal_typed_into_excel_reads_back_as_typed(typed: Decimal) -> None:
    # what a person types has at most 15 significant digits; Excel stores the nearest float
    assert excel_number(float(typed)) == typed
    shown = cell_of(float(typed) / 100, 1, "0.00%")
    assert Decimal(shown.text) == typed.normalize()


@pytest.mark.parametrize(
    ("number_format", "scaled", "shown"),
    [("0%", True, True), ("0.0%", True, True), ('0.0"%"', False, True), ("General", False, False),
     ('[$-804]0.00"元"', False, False), ('"增长"0.0%', True, True)],
)  # fmt: skip
def test_percent_formats(number_format: str, scaled: bool, shown: bool) -> None:
    assert percent_format(number_format) == (scaled, shown)


@pytest.mark.parametrize(
    ("header", "key", "unit", "months"),
    [
        ("指标名称", "name", None, None),
        ("主要工作内容", "name", None, None),
        ("项目名称", "project", None, None),
        ("实际\n完成", "actual", None, None),  # a header wrapped in its cell
        ("1-12月实际", "actual", None, 12),
        ("1－6月", "actual", None, 6),  # full-width hyphen
        ("1-6月累计", "actual", None, 6),
        ("4-6月", "actual", None, -6),  # one quarter, not year to date
        ("本年累计", "actual", None, None),
        ("增速(%)", None, "%", None),  # the unit is read; the word is no column of ours
        ("金额（亿元）", None, "亿元", None),
        ("完成值（万元）", "actual", "万元", None),
        ("计量单位", "unit", None, None),
        ("完成率(%)", "completion", "%", None),
        ("完成进度", "progress", None, None),
        ("序号", "other", None, None),
        ("年度目标", "other", None, None),
        ("ID", "id", None, None),
    ],
)
def test_headers_as_tables_write_them(
    header: str, key: str | None, unit: str | None, months: int | None
) -> None:
    assert header_key(header) == (key, unit, months)


def test_columns_option() -> None:
    assert parse_columns("name=指标名称, actual=1-6月累计,unit=单位") == {
        "name": "指标名称", "actual": "1-6月累计", "unit": "单位"}  # fmt: skip
    with pytest.raises(ValueError, match="write FIELD=HEADER"):
        parse_columns("actual")
    with pytest.raises(ValueError, match="'project' is not a column field"):
        parse_columns("project=项目")
