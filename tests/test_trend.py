"""The trend: series to the plan's period, the schedule share at each, the projection; and
the H1 plan of 2024 against the seed it was derived from."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import yaml
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.terms import Status
from govplan.trend import spark, trends
from tests.built import report_of_path

runner = CliRunner()
H1 = "plans/gongshu-2024-h1.yaml"
DATA = Path(__file__).parent / "data"  # the lines of the seed documents the tests need

PLAN = (
    "district: 拱墅区\nyear: 2024\nperiod: Q3\nindicators:\n"
    "  - {id: fai, name: 固定资产投资, target: 740亿元以上, actual: 560亿元, "
    "series: {Q1: 180亿元, H1: 396.64亿元}}\n"
    "  - {id: gdp, name: GDP, target: 5.5%, actual: 5.1%, series: {Q1: 4.2%, H1: 4.8%}}\n"
)


def test_points_schedule_and_projection(write: Callable[..., str]) -> None:
    report = report_of_path(write(PLAN))
    fai, gdp = trends(report)
    assert [p.period for p in fai.points] == ["Q1", "H1", "Q3"]
    assert [p.schedule for p in fai.points] == [25, 50, 75]
    assert fai.points[1].completion == Decimal("53.6")
    # Q3: 560 in 9 months; year-end at that pace 560 × 12 / 9 = 746.67 (100.9% of 740)
    assert fai.projection is not None and round(fai.projection, 2) == Decimal("746.67")
    assert gdp.points[-1].completion is None and [p.value for p in gdp.points][-1] == Decimal("5.1")
    assert trends(report, ["gdp"]) == [gdp]


def test_sparkline() -> None:
    assert spark([Decimal(0), Decimal(50), Decimal(100)], Decimal(0), Decimal(100)) == "▁▅█"
    assert spark([Decimal(5)], Decimal(5), Decimal(5)) == "▁"


def test_trend_formats(write: Callable[..., str]) -> None:
    path = write(PLAN)
    text = runner.invoke(app, ["trend", path]).stdout  # a pipe: plain text
    assert "┃" not in text and "一季度 180亿元 (24.32%) → 上半年 396.64亿元 (53.6%)" in text
    assert "时序进度 ▃▅▇ 25% → 50% → 75%" in text
    table = runner.invoke(app, ["trend", path, "-f", "table"]).stdout
    assert "走势" in table and "746.67亿元" in table
    (plan,) = json.loads(runner.invoke(app, ["trend", path, "-f", "json"]).stdout)
    assert [t["id"] for t in plan["trends"]] == ["fai", "gdp"]
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(app, ["trend", path, "-f", "csv", "--lang", "en"]).stdout)
        )
    )
    assert [r["period"] for r in rows if r["id"] == "fai"] == ["Q1", "H1", "Q3", "year"]
    only = runner.invoke(app, ["trend", path, "--ids", "gdp"]).stdout
    assert "GDP" in only and "固定资产投资" not in only


def test_the_h1_plan_at_mid_year() -> None:
    report = report_of_path(H1)
    status = {r.indicator.id: r.status for r in report.results}
    assert status["fixed-asset-investment"] is Status.AHEAD  # 53.6% vs 50%
    assert status["financial-value-added"] is Status.ON_TRACK  # 50% vs 50%
    assert all(a.verdict == "consistent" for r in report.results for a in r.audit)


def test_the_h1_plan_matches_the_seed() -> None:
    lines = (DATA / "seed-001-h1-tasks.txt").read_text(encoding="utf-8").splitlines()
    plan = yaml.safe_load(Path(H1).read_text(encoding="utf-8"))
    for ind in plan["indicators"]:
        sentence = ind["source"].split(" ", 1)[1]
        at = lines.index(sentence)
        # the task's 完成进度 is the first percentage after its text (lead department between)
        published = next(x for x in lines[at + 1 : at + 8] if re.fullmatch(r"[\d.]+%", x.strip()))
        assert ind["reported"]["completion"] == published.strip(), ind["id"]
        assert ind["target"].rstrip("以上") in sentence


def test_compare_lines_up_the_periods_of_one_year(write: Callable[..., str]) -> None:
    q1 = write(
        "district: 拱墅区\nyear: 2024\nperiod: Q1\nindicators:\n"
        "  - {id: fai, name: 固定资产投资, target: 740亿元以上, actual: 180亿元}\n",
        name="q1.yaml",
    )
    h1 = write("district: 拱墅区\nyear: 2024\nperiod: H1\nindicators:\n"
               "  - {id: fai, name: 固定资产投资, target: 740亿元以上, actual: 396.64亿元}\n", name="h1.yaml")  # fmt: skip
    data = json.loads(runner.invoke(app, ["compare", h1, q1, "-f", "json"]).stdout)
    assert [p["period"] for p in data["plans"]] == ["Q1", "H1"]
    (row,) = data["rows"]
    assert row["actual_change"] == 216.64 and row["target_change"] == 0
    table = runner.invoke(app, ["compare", h1, q1]).stdout
    assert "2024 Q1" in table and "2024 H1" in table


def test_a_five_year_plan_shows_each_year_against_the_expected_path() -> None:
    report = report_of_path("plans/china-2021-2025.yaml")
    energy, urban = (
        next(t for t in trends(report) if t.result.indicator.id == i)
        for i in ("energy-intensity", "urbanisation")
    )
    # each year judged as of that year: 2021-2024 累计 −2.7, −2.80, −7.3 (since 2020), −10.82
    assert [p.period for p in energy.points] == ["2021", "2022", "2023", "2024"]
    assert [round(p.value, 2) for p in energy.points] == [
        Decimal("-2.7"), Decimal("-2.8"), Decimal("-7.3"), Decimal("-10.82"),
    ]  # fmt: skip
    # covered 20% of the 13.5% fall in 2021 where an even yearly fall covers 21.2%
    assert round(energy.points[0].completion or 0, 1) == Decimal("20.0")
    assert [round(p.schedule, 1) for p in energy.points] == [
        Decimal("21.2"), Decimal("41.7"), Decimal("61.7"), Decimal("81.1"),
    ]  # fmt: skip
    assert energy.span is not None and energy.target == Decimal("-13.5")
    # a level: linear expected shares, and the 2025 level at the pace so far
    assert [p.schedule for p in urban.points] == [40, 60, 80]
    assert urban.projection is not None and round(urban.projection, 2) == Decimal("67.78")
    out = runner.invoke(app, ["trend", "plans/china-2021-2025.yaml", "-f", "text"]).stdout
    assert out.startswith("全国 十四五 (2021-2025), 数据至 2025年")
    assert "应完成" in out and "时序进度" not in out and "按目前进度2025年" in out
    data = json.loads(
        runner.invoke(app, ["trend", "plans/china-2021-2025.yaml", "-f", "json"]).stdout
    )
    assert data[0]["span"] == "2021-2025"
