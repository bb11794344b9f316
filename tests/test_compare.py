"""Comparisons: years of one district, several districts, unit alignment, filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.compare import Comparison, compare
from govplan.render.cells import change_text
from tests.built import report_of_path

runner = CliRunner()


def comparison(*paths: str, **kwargs: object) -> Comparison:
    return compare([report_of_path(p) for p in paths], **kwargs)  # type: ignore[arg-type]


def row(c: Comparison, ident: str):  # type: ignore[no-untyped-def]
    return next(r for r in c.rows if r.id == ident)


def test_districts_line_up_on_shared_indicators() -> None:
    c = comparison("plans/gongshu-2022.yaml", "plans/binjiang-2023.yaml")
    assert c.mode == "districts"
    for ident in ("gdp", "fixed-asset-investment", "budget-revenue"):
        assert row(c, ident).present == 2
    assert row(c, "industry-value-added").cells[1] is None  # listed, not dropped
    assert row(c, "new-talent").cells[0] is None
    assert len(c.rows) == 30 + 3  # 30 Gongshu rows, plus Binjiang's three of its own
    gdp = row(c, "gdp")
    # 8.0% in 2023 is not "better" than 1.5% in 2022: actuals of different years are not ranked
    assert [cell.best for cell in gdp.cells] == [False, False]
    revenue = row(c, "budget-revenue")
    assert revenue.cells[0].actual_value == Decimal("13.6")  # relative target, own unit


def test_years_show_target_changes() -> None:
    c = comparison("plans/gongshu-2023.yaml", "plans/gongshu-2022.yaml")
    assert c.mode == "years"
    assert [r.plan.year for r in c.reports] == [2022, 2023]  # ordered by year
    gdp = row(c, "gdp")
    assert change_text(gdp) == "7% → 5.5%左右(确保5%以上)"
    assert gdp.target_change == Decimal("-1.5")
    industry = row(c, "industry-value-added")
    assert change_text(industry) == "3% → 4%以上" and industry.target_change == Decimal(1)
    fai = row(c, "fixed-asset-investment")
    assert fai.target_change is None and fai.note == "units-differ"  # 7% vs 735亿元


def test_units_align_per_row() -> None:
    c = comparison("plans/binjiang-2023.yaml", "plans/binjiang-2024.yaml")
    talent = row(c, "new-talent")
    assert talent.unit == "万人"
    assert talent.cells[0].actual_value == Decimal("4.1029")  # 41029人 in 万人
    assert talent.target_change == Decimal("0.2")  # 4.0万人 -> 4.2万人


def test_only_common_and_ids() -> None:
    c = comparison("plans/gongshu-2022.yaml", "plans/binjiang-2023.yaml", only_common=True)
    assert [r.id for r in c.rows] == ["gdp", "budget-revenue", "fixed-asset-investment"]
    c = comparison("plans/gongshu-2022.yaml", "plans/gongshu-2023.yaml", ids=["fdi", "gdp"])
    assert [r.id for r in c.rows] == ["gdp", "fdi"]


def test_cli_compare_table_and_json() -> None:
    result = runner.invoke(
        app, ["compare", "plans/gongshu-2022.yaml", "plans/gongshu-2023.yaml", "--only", "common"]
    )
    assert result.exit_code == 0, result.stderr
    assert "目标变化" in result.stdout and "−1.5 pp" in result.stdout
    assert "5.5%左右(确保5%以上)" in result.stdout
    data = json.loads(
        runner.invoke(
            app,
            [
                "compare",
                "plans/gongshu-2022.yaml",
                "plans/binjiang-2023.yaml",
                "-f",
                "json",
                "--ids",
                "gdp",
            ],
        ).stdout
    )
    assert data["mode"] == "districts" and len(data["plans"]) == 2
    (gdp,) = data["rows"]
    assert [c["best"] for c in gdp["cells"]] == [False, False]  # 2022 and 2023


def test_best_only_among_actuals_of_one_basis(write: Callable[..., str]) -> None:
    def plan(name: str, district: str, ident: str, actual: str) -> str:
        return write(
            f"district: {district}\nyear: 2021\nindicators:\n"
            f"  - {{id: {ident}, name: {ident}, target: 7%, actual: {actual}}}\n",
            name,
        )

    a, b = plan("a.yaml", "甲区", "gdp", "1.5%"), plan("b.yaml", "乙区", "gdp", "8.0%")
    c = comparison(a, b)
    assert [cell.best for cell in row(c, "gdp").cells] == [False, True]  # 8.0% beats 1.5%
    # a five-year plan's 年均 rate is not ranked against one year's growth, even the same year's
    c = comparison("plans/china-2021-2025.yaml", plan("c.yaml", "乙区", "rd-spending", "10%"))
    cells = row(c, "rd-spending").cells
    assert all(cell is not None and cell.actual_value is not None for cell in cells)
    assert [cell.best for cell in cells if cell] == [False, False]


def test_cli_compare_expands_globs_and_skips_task_reports() -> None:
    result = runner.invoke(
        app, ["compare", "plans/gongshu-*.yaml", "-f", "csv", "--ids", "gdp", "--lang", "en"]
    )
    assert result.exit_code == 0
    assert "gongshu-2024-q2.yaml: only progress tasks; not compared" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,name,name_en,unit,plan") and len(lines) == 4  # 3 years
    assert lines[1].split(",")[1:3] == ["GDP growth", "GDP growth"]  # English under --lang en
    assert "plans/gongshu-2024.yaml,拱墅区,2024,增长5.5%,5.5" in lines[3]


def test_cli_compare_invalid_plan_exit_2(tmp_path: object) -> None:
    result = runner.invoke(app, ["compare", "plans/gongshu-2022.yaml", "missing.yaml"])
    assert result.exit_code == 2 and "missing.yaml: error io" in result.stderr


def test_best_follows_the_target_words_and_band_has_none(tmp_path: Path) -> None:
    from govplan.check import run_check
    from govplan.compare import compare as compare_plans

    paths = []
    for district, rank, cpi in (("甲区", "全省第2", "2.9%"), ("乙区", "全省第5", "1%")):
        p = tmp_path / f"{district}.yaml"
        p.write_text(
            f"district: {district}\nyear: 2023\nindicators:\n"
            f"  - {{id: rank, name: 综合考评排名, target: 全省前3, actual: {rank}}}\n"
            f"  - {{id: cpi, name: 居民消费价格涨幅, target: 3%左右, actual: {cpi}}}\n"
            f"  - {{id: price, name: 价格水平, direction: band, target: 3%左右, actual: {cpi}}}\n",
            encoding="utf-8",
        )
        paths.append(str(p))
    comparison = compare_plans(run_check(paths).reports, only_common=False, ids=[])
    rows = {row.id: row for row in comparison.rows}
    assert [c.best for c in rows["rank"].cells if c] == [True, False]  # 2nd place is best
    assert [c.best for c in rows["price"].cells if c] == [False, False]  # a band: none best
    assert [c.best for c in rows["cpi"].cells if c] == [False, True]  # a ceiling: lower is best


def test_periods_in_calendar_order(write: Callable[..., str]) -> None:
    plans = [
        write(f"district: a\nyear: 2024\nperiod: {p}\nindicators:\n"
              f"  - {{id: gdp, name: GDP, target: 6%, actual: {a}}}\n", name=f"{p}.yaml")
        for p, a in (("year", "6%"), ("H1", "5.8%"), ("Q1", "5.5%"), ("M08", "5.9%"))
    ]  # fmt: skip
    c = comparison(*plans)
    assert [r.plan.period for r in c.reports] == ["Q1", "H1", "M08", "year"]


def test_markdown_cells_keep_their_row(write: Callable[..., str]) -> None:
    a = write(
        "district: a\nyear: 2023\nindicators:\n"
        '  - {id: x, name: "two\\nlines | and a pipe", target: 5, actual: 6}\n',
        name="a.yaml",
    )
    b = write("district: b\nyear: 2023\nindicators:\n"
              "  - {id: x, name: X, target: 5, actual: 4}\n", name="b.yaml")  # fmt: skip
    out = runner.invoke(app, ["compare", a, b, "-f", "markdown"]).stdout
    lines = out.splitlines()
    assert lines[0] == "## 对比: a2023 / b2023"  # a title naming the plans
    assert len(lines) == 5 and "two lines \\| and a pipe" in lines[4]


def test_every_compared_value_has_its_unit_and_the_table_a_title() -> None:
    result = runner.invoke(
        app,
        ["compare", "plans/gongshu-2022.yaml", "plans/binjiang-2023.yaml", "--ids",
         "new-talent,gdp"],
    )  # fmt: skip
    assert "对比: 拱墅区2022 / 滨江区2023" in result.stdout
    assert "4.1029万人" in result.stdout  # 41029人 in the row's 万人, with its unit
    data = json.loads(
        runner.invoke(
            app, ["compare", "plans/gongshu-2022.yaml", "plans/binjiang-2023.yaml", "-f", "json"]
        ).stdout
    )
    gdp = next(r for r in data["rows"] if r["id"] == "gdp")
    assert (gdp["name"], gdp["name_en"]) == ("地区生产总值增长", "GDP growth")


def test_a_comparison_written_as_csv_has_a_bom_and_json_none(tmp_path: Path) -> None:
    """Excel reads a CSV file as UTF-8 only after a byte-order mark; JSON takes none."""
    plans = ["plans/gongshu-2022.yaml", "plans/gongshu-2023.yaml"]
    for fmt, starts in (("csv", True), ("json", False)):
        out = tmp_path / f"c.{fmt}"
        result = runner.invoke(app, ["compare", *plans, "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        assert out.read_bytes().startswith(b"\xef\xbb\xbf") is starts, fmt
