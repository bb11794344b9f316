"""Through the year: year-to-date actuals against annual targets, the schedule share, and
the pace the rest of the year needs. Each expected figure is worked out by hand beside it."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal, localcontext

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.precision import context
from govplan.results import Report
from govplan.terms import Lang, Status
from tests.built import report_of_path

runner = CliRunner()


@pytest.fixture
def ytd(write: Callable[..., str]) -> Callable[..., Report]:

    def _report(period: str, *indicators: str) -> Report:
        body = "".join(f"  - {i}\n" for i in indicators)
        text = f"district: 测试区\nyear: 2024\nperiod: {period}\nindicators:\n{body}"
        return report_of_path(write(text))

    return _report


def exact(expression: str) -> Decimal:
    """`a`, `a / b` or `a - b / c` of decimal literals, evaluated in Decimal."""
    terms = expression.split(" - ")
    value = _quotient(terms[0])
    for term in terms[1:]:
        value -= _quotient(term)
    return value


def _quotient(text: str) -> Decimal:
    top, _, bottom = text.partition(" / ")
    return Decimal(top) / Decimal(bottom) if bottom else Decimal(top)


FAI = "{id: fai, name: 固定资产投资, target: 740亿元以上, actual: %s}"


@pytest.mark.parametrize(
    ("period", "actual", "share", "status", "gap"),
    [
        # H1: 396.64 / 740 = 53.6%; share 50%; gap +3.6 pp: ahead (the seed's figure)
        ("H1", "396.64亿元", "50", Status.AHEAD, "3.6"),
        # Q1: 185 / 740 = 25%; share 25%: on track
        ("Q1", "185亿元", "25", Status.ON_TRACK, "0"),
        # Q3: 518 / 740 = 70%; share 75%: 5 pp behind
        ("Q3", "518亿元", "75", Status.BEHIND, "-5"),
        # M05: 5/12 = 41.666..%; 310.8 / 740 = 42%; gap +0.333.. pp: within ±0.5, on track
        ("M05", "310.8亿元", "500 / 12", Status.ON_TRACK, "42 - 500 / 12"),
        # Q1 and already above the annual target: met
        ("Q1", "750亿元", "25", Status.MET, "750 / 7.4 - 25"),
    ],
)
def test_quantity_against_the_schedule(
    ytd: Callable[..., Report],
    period: str,
    actual: str,
    share: str,
    status: Status,
    gap: str,
) -> None:
    (r,) = ytd(period, FAI % actual).results
    assert r.status is status and r.gap_unit == "pp"
    with localcontext(context()):  # the sums by hand, at govplan's precision
        assert r.expected == exact(share)
        assert r.gap == exact(gap)
        assert r.completion == 100 * Decimal(actual.removesuffix("亿元")) / 740


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_share(ytd: Callable[..., Report], month: int) -> None:
    # 3500 parking spaces; M{m}: share = 100 m / 12; an actual of 3500 m / 12 is on track
    # (completion = share), except that M12 is the year's end: met.
    actual = Decimal(3500) * month / 12
    (r,) = ytd(
        f"M{month:02d}", f"{{id: p, name: 停车泊位, target: 3500个, actual: {actual:.6f}个}}"
    ).results
    if month == 12:
        assert r.status is Status.MET and r.expected is None and r.gap == 0
    else:
        assert r.status is Status.ON_TRACK and abs(r.gap or Decimal(0)) < Decimal("0.001")


def test_q4_is_the_years_end(ytd: Callable[..., Report]) -> None:
    (r,) = ytd("Q4", FAI % "700亿元").results
    assert r.status is Status.MISSED and r.gap == -40 and r.gap_unit == "亿元"


def test_rates_and_caps_are_met_or_missed_so_far(ytd: Callable[..., Report]) -> None:
    report = ytd(
        "H1",
        "{id: gdp, name: GDP, target: 5.5%, actual: 4.8%}",
        "{id: pm25, name: PM2.5, target: 31微克/立方米以下, actual: 33微克/立方米}",
    )
    gdp, pm = report.results
    assert gdp.status is Status.MISSED and gdp.gap == Decimal("-0.7") and gdp.expected is None
    assert pm.status is Status.MISSED and pm.gap == 2 and pm.expected is None


def test_two_tiers_are_judged_by_the_floor(ytd: Callable[..., Report]) -> None:
    # floor 20, stretch 25 (家); H1 actual 9: 45% of the floor, 5 pp behind; stretch not met
    (r,) = ytd("H1", '{id: t, name: 企业, target: "确保20家以上,力争25家", actual: 9家}').results
    assert r.status is Status.BEHIND and r.completion == 45 and r.gap == -5
    assert r.stretch_met is False
    # the two 完成率 are kept apart and each says what it is over: the schedule's over the
    # floor (9 / 20), compute's year-end verdict over the stretch (9 / 25)
    assert r.schedule is not None and r.schedule.completion_base == 20
    assert r.verdict.completion == 36 and r.verdict.completion_base == 25
    assert r.verdict.status is Status.MISSED  # as the figures stand, the floor is not reached
    (formula,) = r.formula
    assert "floor (确保)" in formula.text(Lang.EN) and "全年确保目标" in formula.text(Lang.ZH)


def test_a_single_target_through_the_year_is_over_the_target(ytd: Callable[..., Report]) -> None:
    (r,) = ytd("H1", FAI % "370亿元").results
    assert (
        r.verdict.status is Status.MISSED and r.verdict.gap == -370 and r.verdict.gap_unit == "亿元"
    )
    assert r.schedule is not None and r.status is Status.ON_TRACK and r.gap == 0
    (formula,) = r.formula
    assert "/ annual target;" in formula.text(Lang.EN)


def test_a_years_end_has_no_schedule(ytd: Callable[..., Report]) -> None:
    (r,) = ytd("Q4", FAI % "700亿元").results
    assert r.schedule is None and r.pace is None and r.shown is r.verdict


def test_quantity_pace_by_hand(ytd: Callable[..., Report]) -> None:
    # H1 of 740 with 396.64 done: (740 − 396.64) / 6 = 57.2266.. a month needed, 396.64 / 6
    # = 66.1066.. a month so far, year-end at that pace 396.64 × 2 = 793.28.
    (r,) = ytd("H1", FAI % "396.64亿元").results
    pace = r.pace
    assert pace is not None and not pace.rate and pace.reachable
    assert round(pace.needed, 4) == Decimal("57.2267")
    assert round(pace.so_far, 4) == Decimal("66.1067") and pace.projection == Decimal("793.28")
    # 1000 of 3500 spaces by H1: 416.67 a month needed, 166.67 so far: more than twice, so
    # out of reach at a plausible pace
    (late,) = ytd("H1", "{id: p, name: 停车泊位, target: 3500个, actual: 1000个}").results
    assert late.pace is not None and not late.pace.reachable


def test_rate_pace_by_hand(ytd: Callable[..., Report]) -> None:
    # base 2200 (last year), base_ytd 1050 (last H1); H1 growth 4.8%, target 5.5%.
    # this H1: 1050 × 1.048 = 1100.4; the year needs 2200 × 1.055 = 2321; the rest needs
    # 2321 − 1100.4 = 1220.6 against last year's 2200 − 1050 = 1150: growth 6.1391..%.
    (r,) = ytd(
        "H1", "{id: gdp, name: GDP, target: 5.5%, actual: 4.8%, base: 2200亿元, base_ytd: 1050亿元}"
    ).results
    pace = r.pace
    assert pace is not None and pace.rate and pace.reachable
    assert round(pace.needed, 4) == Decimal("6.1391") and pace.projection == Decimal("4.8")
    # H1 growth of −6% against 5.5%: this H1 987; the rest needs 1334 against 1150:
    # 16.0% growth, more than 10 pp above the target: out of reach
    (far,) = ytd(
        "H1", "{id: gdp, name: GDP, target: 5.5%, actual: -6%, base: 2200亿元, base_ytd: 1050亿元}"
    ).results
    assert far.pace is not None and not far.pace.reachable
    assert round(far.pace.needed, 2) == Decimal("16.00")


def test_every_format_shows_the_schedule(write: Callable[..., str]) -> None:
    path = write(
        "district: 拱墅区\nyear: 2024\nperiod: H1\nindicators:\n"
        "  - {id: fai, name: 固定资产投资, target: 740亿元以上, actual: 396.64亿元, "
        "series: {Q1: 180亿元}}\n"
    )
    table = runner.invoke(app, ["check", path]).stdout
    assert "时序进度 50%" in table and "超进度" in table and "+3.6 pp" in table
    assert "需月均 57.23亿元, 上半年月均 66.11亿元" in table
    data = json.loads(runner.invoke(app, ["check", path, "-f", "json"]).stdout)
    (r,) = data["results"]
    assert r["status"] == "ahead" and r["expected"] == 50 and r["gap"] == 3.6
    assert r["pace"]["reachable"] is True and r["series"][0]["period"] == "Q1"
    csv_out = runner.invoke(app, ["check", path, "-f", "csv"]).stdout
    assert "超进度" in csv_out and "793.28" in csv_out
    md = runner.invoke(app, ["check", path, "-f", "markdown"]).stdout
    assert "| 超进度 |" in md and "- 固定资产投资: 需月均" in md
    explained = runner.invoke(app, ["check", path, "--explain", "fai", "--lang", "en"]).stdout
    assert "schedule    50%" in explained and "series      Q1" in explained
    assert "57.2267 亿元 a month" in explained


def test_validate_checks_the_series(write: Callable[..., str]) -> None:
    path = write(
        "district: 拱墅区\nyear: 2024\nperiod: H1\nindicators:\n"
        "  - {id: a, name: A, target: 740亿元以上, actual: 300亿元, series: {Q3: 500亿元}}\n"
        "  - {id: b, name: B, target: 740亿元以上, actual: 300亿元, base: 7亿美元}\n"
        "  - {id: c, name: C, target: 740亿元以上, actual: 300亿元, series: {Q1: 350亿元}}\n"
    )
    result = runner.invoke(app, ["validate", path, "-f", "json"])
    found = [(f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert (5, "bad-series") in found and (6, "unit-mismatch") in found
    fixed = path.replace("plan.yaml", "c.yaml")
    write(
        "district: 拱墅区\nyear: 2024\nperiod: H1\nindicators:\n"
        "  - {id: c, name: C, target: 740亿元以上, actual: 300亿元, series: {Q1: 350亿元}}\n",
        name="c.yaml",
    )
    result = runner.invoke(app, ["validate", fixed, "-f", "json"])
    assert [(f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]] == [
        (5, "series-order")
    ]
