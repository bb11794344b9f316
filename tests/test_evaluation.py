"""Five-year plans judged over their span: hand-worked cases from the 十四五 figures, the
compounding identities as properties, and the refusals a wrong span deserves."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.fiveyear import Span, SpanSyntaxError, Written, read_figure, read_span_target
from govplan.results import Report, Result
from govplan.terms import Attribute, Lang, Measure, Status
from tests.built import refusal, report_of_path

Write = Callable[..., str]


def span_report(write: Write, indicators: str, year: int = 2023) -> Report:
    head = f"govplan: 1\ndistrict: 全国\nspan: 2021-2025\nyear: {year}\nindicators:\n"
    return report_of_path(write(head + indicators))


def one(write: Write, indicator: str, year: int = 2023) -> Result:
    return span_report(write, indicator, year).results[0]


def near(value: Decimal | None, expected: str, places: int = 1) -> bool:
    assert value is not None
    return round(value, places) == Decimal(expected)


def test_average_rate_on_track_as_the_issue_works_it(write: Write) -> None:
    # 年均增长5.5% against 8.4%, 3%, 5.2%: 56.9% of the five-year growth covered, 56.8% expected
    r = one(write, "  - {id: gdp, name: 国内生产总值增长, target: 年均增长5.5%, "
                   "series: {2021: 8.4%, 2022: 3%, 2023: 5.2%}}\n")  # fmt: skip
    ev = r.evaluation
    assert ev is not None and ev.measure is Measure.AVERAGE and ev.year == 2023
    assert near(ev.covered, "56.9") and near(ev.expected, "56.8")
    assert r.status is Status.ON_TRACK and r.gap_unit == "pp" and near(r.gap, "0.1")
    assert near(ev.average, "5.51", 2) and near(ev.needed, "5.48", 2)


def test_change_behind_with_the_arithmetic_an_analyst_checks(write: Write) -> None:
    # 2021-2023 累计下降3.28%, 五年目标13.5%: 完成24.3%; 每年均匀下降2.86%时应完成61.7%;
    # 滞后37.4个百分点; 余下两年需年均下降5.4%
    r = one(write, "  - {id: energy-intensity, name: 单位GDP能耗, attribute: 约束性, "
                   "target: 累计降低13.5%, "
                   "series: {2021: 下降2.7%, 2022: 下降0.1%, 2023: 下降0.5%}}\n")  # fmt: skip
    ev = r.evaluation
    assert ev is not None
    assert near(ev.so_far, "-3.28", 2) and near(ev.covered, "24.3") and near(ev.expected, "61.7")
    assert near(ev.even, "-2.86", 2) and near(r.gap, "-37.4") and near(ev.needed, "-5.4")
    assert r.status is Status.BEHIND


def test_level_shares_are_linear_and_met_early_is_achieved(write: Write) -> None:
    on_path = one(write, "  - {id: a, name: 城镇化率, base: 60%, target: 65%, actual: 63%}\n")
    assert on_path.evaluation is not None
    assert on_path.evaluation.covered == 60 and on_path.evaluation.expected == 60
    assert on_path.status is Status.ON_TRACK and on_path.gap == 0
    early = one(write, "  - {id: a, name: 城镇化率, base: 60.6%, target: 65%, actual: 66.16%}\n")
    assert early.status is Status.ACHIEVED


def test_before_the_last_year_the_path_is_shown_and_the_verdict_kept(write: Write) -> None:
    # 63% of a 65% target in 2023: on the path (60% covered, 60% expected), and as the
    # figures stand the target is not yet met (63 − 65 = −2 pp); in 2025 only the verdict
    item = "  - {id: a, name: 城镇化率, base: 60%, target: 65%, actual: 63%}\n"
    r = one(write, item)
    assert r.schedule is not None and r.shown is r.schedule and r.status is Status.ON_TRACK
    assert r.verdict.status is Status.MISSED and r.verdict.gap == -2
    last = one(write, item, year=2025)
    assert last.schedule is None and last.status is Status.MISSED and last.completion == 60


def test_last_year_is_met_or_missed_on_the_whole_span(write: Write) -> None:
    item = "  - {id: a, name: 森林覆盖率, base: 23.04%, target: 达到24.1%, actual: 24.0%}\n"
    r = one(write, item, year=2025)
    assert r.status is Status.MISSED and near(r.gap, "-0.1", 1) and r.gap_unit == "pp"


def test_level_without_base_is_unknown_until_met(write: Write) -> None:
    r = one(write, "  - {id: a, name: 参保率, target: 提高到95%, actual: 93%}\n")
    assert r.status is Status.UNKNOWN and r.reason and "base" in r.reason.text()
    met = one(write, "  - {id: a, name: 医师数, unit: 人, target: 达到3.2人, actual: 3.4}\n")
    assert met.status is Status.ACHIEVED


def test_increment_counts_from_the_base(write: Write) -> None:
    r = one(write, "  - {id: a, name: 人均预期寿命, unit: 岁, base: 77.93, target: 再提高1岁, "
                   "series: {2021: 78.2, 2023: 78.6}}\n")  # fmt: skip
    ev = r.evaluation
    assert ev is not None and ev.goal == Decimal("78.93")
    assert near(ev.covered, "67") and r.status is Status.AHEAD  # 67% against 60%


def test_total_sums_the_years(write: Write) -> None:
    r = one(write, "  - {id: a, name: 城镇新增就业, target: 累计新增50万人, "
                   "series: {2021: 12万人, 2022: 11万人, 2023: 9万人}}\n")  # fmt: skip
    ev = r.evaluation
    assert ev is not None and ev.so_far == 32 and ev.covered == 64 and ev.expected == 60
    assert r.status is Status.ON_TRACK and ev.needed == 9


def test_a_missing_year_judges_the_latest_complete_one(write: Write) -> None:
    r = one(write, "  - {id: a, name: 单位GDP二氧化碳排放, target: 累计降低18%, "
                   "series: {2021: 下降3.8%, 2022: 下降0.8%}}\n", year=2025)  # fmt: skip
    assert r.evaluation is not None and r.evaluation.year == 2022
    gap = one(write, "  - {id: a, name: 单位GDP二氧化碳排放, target: 累计降低18%, "
                     "series: {2022: 下降0.8%}}\n")  # fmt: skip
    assert gap.status is Status.PENDING


def test_relative_on_average_over_the_years(write: Write) -> None:
    report = span_report(
        write,
        "  - {id: gdp, name: 国内生产总值增长, target: 保持在合理区间, "
        "series: {2021: 8.1%, 2022: 3.0%, 2023: 5.2%, 2024: 5.0%}}\n"
        "  - {id: income, name: 居民收入增长, target: 与国内生产总值增长基本同步, "
        "series: {2024: 年均增长5.5%}}\n",
        year=2024,
    )
    r = report.results[1]
    assert r.evaluation is not None and near(r.evaluation.reference_average, "5.31", 2)
    assert r.status is Status.ON_TRACK and near(r.gap, "0.19", 2)


def test_binding_indicators_behind_are_called_out(write: Write) -> None:
    report = span_report(
        write,
        "  - {id: a, name: 能耗, attribute: 约束性, target: 累计降低13.5%, "
        "series: {2021: 下降0.5%, 2022: 下降0.5%, 2023: 下降0.5%}}\n",
    )
    assert [r.indicator.id for r in report.binding_short()] == ["a"]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("2025年达到65%", Measure.LEVEL),
        (">6.5亿吨", Measure.LEVEL),
        ("年均增长6%左右", Measure.AVERAGE),
        ("年均6%以上", Measure.AVERAGE),
        ("五年累计下降13.5%", Measure.CHANGE),
        ("比2020年下降18%", Measure.CHANGE),
        ("较2020年降低20%", Measure.CHANGE),
        ("累计新增50万人", Measure.TOTAL),
        ("五年累计完成投资1万亿元", Measure.TOTAL),
        ("高于GDP增长", Measure.RELATIVE),
        ("与GDP增长基本同步", Measure.RELATIVE),
        ("保持在合理区间", Measure.TEXT),
        ("从每万人6.3件上升到12件", Measure.LEVEL),
    ],
)
def test_the_contract_forms(text: str, measure: Measure) -> None:
    assert read_span_target(text, Span(2021, 2025), unit=None).measure is measure


@pytest.mark.parametrize(
    "text",
    ["增长6%", "2030年达到65%", "比2019年下降18%", "〔18〕"],
)
def test_forms_that_would_be_guessed_are_refused(text: str) -> None:
    with pytest.raises(SpanSyntaxError):
        read_span_target(text, Span(2021, 2025), unit="%", name="某指标")


def test_a_year_outside_the_span_is_a_located_finding(write: Write) -> None:
    head = "govplan: 1\ndistrict: 全国\nspan: 2021-2025\nyear: 2026\nindicators:\n"
    found = refusal(write(head + "  - {id: a, name: A, target: 65%, series: {2019: 60%}}\n"))
    codes = {f.code for f in found}
    assert codes == {"bad-span", "bad-series"}


def test_figures_by_year_need_a_span(write: Write) -> None:
    head = "district: 测试区\nyear: 2022\nindicators:\n"
    found = refusal(write(head + "  - {id: a, name: A, target: 7%, series: {2021: 6%}}\n"))
    assert [f.code for f in found] == ["bad-series"]


def test_figures_say_how_they_were_written() -> None:
    span = Span(2021, 2025)
    assert read_figure("累计降低约7.3%", 2023, span, unit="%").written is Written.SINCE_BASE
    assert read_figure("年均增长5.5%", 2024, span, unit="%").written is Written.AVERAGE
    assert read_figure("实际增长2.9%", 2022, span, unit="%").value.number == Decimal("2.9")


rates = st.decimals(min_value=Decimal("-20"), max_value=Decimal("20"), places=1)


@settings(max_examples=60, deadline=None)
@given(target=rates.filter(lambda r: r != 0), year=st.integers(min_value=2021, max_value=2024))
def test_an_even_path_is_on_track_with_no_gap(target: Decimal, year: int) -> None:
    """Growing exactly at the target rate every year covers exactly the expected share."""
    from govplan.evaluation import evaluate_indicator
    from govplan.model import Indicator, Plan

    span = Span(2021, 2025)
    over = read_span_target(f"年均增长{target}%", span, unit=None)
    from govplan.errors import Location
    from govplan.fiveyear import Figure
    from govplan.terms import Kind
    from govplan.values import Value

    figures = tuple(Figure(y, Value(target, "%", f"{target}%")) for y in range(2021, year + 1))
    ind = Indicator("a", "A", Kind.RATE, over.target, Location("p"), over=over, years=figures)
    plan = Plan("p", "全国", year, "year", (ind,), span=span)
    import decimal

    from govplan.precision import context

    with decimal.localcontext(context()):
        r = evaluate_indicator(ind, plan, span)
    assert r.evaluation is not None and r.gap is not None
    assert abs(r.gap) < Decimal("1e-20") and r.status is Status.ON_TRACK


def test_the_13th_plan_against_its_published_evaluation() -> None:
    """The 十三五 ecological table judged at its end, against what the 国新办 said in 2021:
    "超过“十三五”目标13.4/4.4/10.8个百分点", all 完成; the 优良天数 gap of 2.5 pp answers a target
    of 84.5%, not the table's >80%, and is the one published figure that disagrees."""
    report = report_of_path("plans/china-2016-2020-ecology.yaml")
    by_id = {r.indicator.id: r for r in report.results}
    judged = {i: r for i, r in by_id.items() if r.status.settled}
    assert {i: r.status for i, r in judged.items()} == {
        "good-air-days": Status.MET,
        "pm25-reduction": Status.MET,
        "surface-water": Status.MET,
        "surface-water-worst": Status.MET,
    }
    assert {i: round(r.gap, 1) for i, r in judged.items() if r.gap is not None} == {
        "good-air-days": Decimal(7),
        "pm25-reduction": Decimal("-10.8"),
        "surface-water": Decimal("13.4"),
        "surface-water-worst": Decimal("-4.4"),
    }
    verdicts = {(i, a.field): a.verdict.value for i, r in judged.items() for a in r.audit}
    assert verdicts == {
        ("good-air-days", "status"): "consistent",
        ("good-air-days", "gap"): "inconsistent",
        ("pm25-reduction", "status"): "consistent",
        ("pm25-reduction", "gap"): "consistent",
        ("surface-water", "status"): "consistent",
        ("surface-water", "gap"): "consistent",
        ("surface-water-worst", "status"): "consistent",
        ("surface-water-worst", "gap"): "consistent",
    }
    # the four tables rows with no figure read stay pending, never guessed
    assert sorted(i for i, r in by_id.items() if r.status is Status.PENDING) == [
        "coastal-water", "groundwater-very-poor", "heavy-pollution-reduction",
        "water-function-zones",
    ]  # fmt: skip


def test_the_printed_digits_bound_a_compounded_change(write: Write) -> None:
    # −2.7%, −0.1%, −0.5%, −3.8%, −5.0% compound to −11.61% (±0.23 pp from the printed
    # digits), 1.89 pp short of 13.5%: a published gap of 1.9 pp is consistent, 1.5 is not
    figures = "{2021: 下降2.7%, 2022: 下降0.1%, 2023: 下降0.5%, 2024: 下降3.8%, 2025: 下降5.0%}"
    for published, verdict in (("1.9", "consistent"), ("1.5", "inconsistent")):
        r = one(write, f"  - {{id: e, name: 能耗, target: 累计降低13.5%, series: {figures}, "
                       f"reported: {{gap: {published}}}}}\n", 2025)  # fmt: skip
        ev = r.evaluation
        assert ev is not None and ev.final and ev.spread is not None
        assert near(ev.so_far, "-11.61", 2) and near(ev.spread, "0.23", 2)
        (entry,) = r.audit
        assert entry.verdict == verdict, (published, entry)


def test_published_five_year_verdicts_are_audited(write: Write) -> None:
    # 滞后于预期 as the mid-term evaluation writes it, against govplan's behind
    report = span_report(write, (
        "  - {id: e, name: 能耗, target: 累计降低13.5%, reported: {status: 滞后于预期}, "
        "series: {2021: 下降2.7%, 2022: 下降0.1%, 2023: 下降0.5%}}\n"
        "  - {id: u, name: 城镇化率, base: 63.89%, target: 65%, reported: {status: 符合预期}, "
        "series: {2023: 66.16%}}\n"
        "  - {id: w, name: 地表水, base: 83.4%, target: 85%, reported: {status: 已完成}, "
        "series: {2023: 89.4%}}\n"
    ))  # fmt: skip
    assert [(r.status, r.audit[0].verdict.value) for r in report.results] == [
        (Status.BEHIND, "consistent"),
        (Status.ACHIEVED, "inconsistent"),  # 提前实现, not merely on the path
        (Status.ACHIEVED, "consistent"),  # 已完成 before the last year: achieved early
    ]


def test_the_catalogue_gives_the_national_attribute(write: Write) -> None:
    report = span_report(write, (
        "  - {id: energy-intensity, name: 单位GDP能耗, target: 累计降低13.5%}\n"
        "  - {id: patents, name: 每万人口高价值发明专利拥有量, unit: 件, target: 12件}\n"
        "  - {id: urbanisation, name: 常住人口城镇化率, target: 65%}\n"
        "  - {id: forest-coverage, name: 森林覆盖率, attribute: 预期性, target: 24.1%}\n"
    ))  # fmt: skip
    assert [r.indicator.attribute for r in report.results] == [
        Attribute.BINDING,
        Attribute.EXPECTED,
        None,  # the 纲要's attribute was not read: none is given
        Attribute.EXPECTED,  # the plan's own word wins
    ]


def test_the_last_year_speaks_a_verdict(write: Write) -> None:
    from govplan.render.cells import evaluation_line

    r = one(write, "  - {id: u, name: 城镇化率, base: 63.89%, target: 65%, "
                   "series: {2025: 64.5%}}\n", 2025)  # fmt: skip
    line = evaluation_line(r, Lang.ZH)
    assert r.status is Status.MISSED and line is not None
    assert line.endswith("五年结论: 未完成") and "按目前进度" not in line


levels = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=1)


@settings(max_examples=80, deadline=None)
@given(target=levels, actual=levels, base=levels, word=st.sampled_from(["以上", "以下", "左右"]))
def test_the_last_year_agrees_with_an_annual_judgement(
    target: Decimal, actual: Decimal, base: Decimal, word: str
) -> None:
    """A level in the span's last year is judged exactly as a year's target of the same words
    on the same figure; a change written since the base year exactly as a year's change."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:

        def status(text: str) -> Status:
            path = Path(folder) / "p.yaml"
            path.write_text(text, encoding="utf-8")
            return report_of_path(str(path)).results[0].status

        annual = status(
            "district: 测试区\nyear: 2025\nindicators:\n"
            f"  - {{id: a, name: A, unit: '%', target: {target}%{word}, actual: {actual}%}}\n"
        )
        final = status(
            "district: 测试区\nspan: 2021-2025\nyear: 2025\nindicators:\n"
            f"  - {{id: a, name: A, unit: '%', base: {base}%, target: {target}%{word}, "
            f"series: {{2025: {actual}%}}}}\n"
        )
        assert final is annual
        # a fall of 100% or more is refused (nothing can compound from it)
        fall, aim = min(actual, Decimal("99.9")), min(target, Decimal("99.9"))
        annual = status(
            "district: 测试区\nyear: 2025\nindicators:\n"
            f"  - {{id: a, name: A, target: 下降{aim}%, actual: -{fall}%}}\n"
        )
        final = status(
            "district: 测试区\nspan: 2021-2025\nyear: 2025\nindicators:\n"
            f"  - {{id: a, name: A, target: 比2020年下降{aim}%, "
            f"series: {{2025: 比2020年下降{fall}%}}}}\n"
        )
        assert final is annual


@pytest.mark.parametrize("phrase", ["增长6%", "降低13.5%", "下降3%左右", "增长6%以上"])
def test_an_ambiguous_change_offers_both_readings_and_each_reads(phrase: str) -> None:
    """Over five years 降低13.5% may be each year's or the whole span's: the message offers
    both in the author's words, and each offered writing parses to that reading with the
    author's number."""
    import re

    span = Span(2021, 2025)
    with pytest.raises(SpanSyntaxError) as caught:
        read_span_target(phrase, span, unit=None)
    offered = re.findall(r"(?:年均|累计)\S+?(?= \()", str(caught.value))
    assert len(offered) == 2, str(caught.value)
    measures = [read_span_target(text, span, unit=None) for text in offered]
    assert [m.measure for m in measures] == [Measure.AVERAGE, Measure.CHANGE]
    from govplan.targets import parse_target

    written = parse_target(phrase).value  # the author's number, as a year's target reads it
    for m in measures:
        assert m.target.value is not None and written is not None
        assert m.target.value.number == written.number
