"""Auditing published figures with the printed precision of the inputs."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from govplan.results import Report
from tests.built import refusal

ReportOf = Callable[[str], Report]


@pytest.mark.parametrize(
    ("published", "verdict"),
    [("62.12%", "consistent"), ("70%", "inconsistent"), ("62.6%", "inconsistent")],
)
def test_completion_allows_for_the_actuals_rounding(
    report_of: ReportOf, published: str, verdict: str
) -> None:
    r = report_of(
        f"  - {{id: fdi, name: 外资, unit: 亿美元, target: 6以上, actual: 3.7, reported: {{completion: {published}}}}}\n"
    ).results[0]
    (entry,) = r.audit
    assert (entry.field, entry.verdict) == ("completion", verdict)
    assert entry.computed_range is not None
    assert [round(x, 2) for x in entry.computed_range] == [Decimal("60.83"), Decimal("62.50")]


def test_whole_counts_are_exact(report_of: ReportOf) -> None:
    # 1 家 of 4 is exactly 25%; a published 30% must not pass as rounding.
    r = report_of(
        "  - {id: l, name: 上市, unit: 家, target: 4, actual: 1, reported: {completion: 30%}}\n"
    ).results[0]
    assert r.audit[0].verdict == "inconsistent"


@pytest.mark.parametrize(
    ("gap", "verdict"),
    [(-5.5, "consistent"), (-5.4, "inconsistent"), (-5, "consistent"), (-7, "inconsistent")],
)
def test_gap(report_of: ReportOf, gap: float, verdict: str) -> None:
    r = report_of(
        f"  - {{id: gdp, name: GDP, target: 7%, actual: 1.5%, reported: {{gap: {gap}}}}}\n"
    ).results[0]
    assert r.audit[0].verdict == verdict


def test_status(report_of: ReportOf) -> None:
    report = report_of(
        "  - {id: gdp, name: GDP, target: 7%, actual: 1.5%, reported: {status: met}}\n"
        "  - {id: b, name: B, target: 7%, actual: 8%, reported: {status: met}}\n"
    )
    assert [r.audit[0].verdict for r in report.results] == ["inconsistent", "consistent"]
    assert report.inconsistent() == 1


def test_completion_published_for_a_rate_is_flagged(report_of: ReportOf) -> None:
    r = report_of(
        "  - {id: g, name: G, target: 7%, actual: 8%, reported: {completion: 114%}}\n"
    ).results[0]
    assert r.audit[0].verdict == "inconsistent" and r.audit[0].computed is None
    assert "no completion" in (r.audit[0].reason.text() if r.audit[0].reason else "")


@pytest.mark.parametrize(
    ("target", "actual", "gap", "verdict"),
    [
        ("4.5万人", "4.6029万人", "1029人", "consistent"),  # 1029人 is 0.1029万人
        ("4.5万人", "4.6029万人", "1100人", "inconsistent"),
        ("5万元", "6万元", "0.0001亿元", "consistent"),
        ("5%", "4.4%", "-0.6个百分点", "consistent"),
        ("5%", "4.4%", "-0.6pp", "consistent"),
    ],
)
def test_a_published_gap_with_a_unit_is_compared_in_the_targets_unit(
    report_of: ReportOf, target: str, actual: str, gap: str, verdict: str
) -> None:
    r = report_of(
        f"  - {{id: a, name: A, target: {target}, actual: {actual}, reported: {{gap: {gap}}}}}\n"
    ).results[0]
    assert r.audit[0].verdict == verdict


@pytest.mark.parametrize(
    ("target", "gap", "message"),
    [("5个", "1人", "units '人' and '个' cannot be converted"),
     ("5%", "-1.8亿元", "the gap of a rate is in percentage points")],
)  # fmt: skip
def test_a_published_gap_in_another_dimension_is_a_unit_mismatch(
    write: Callable[..., str], target: str, gap: str, message: str
) -> None:
    path = write(
        f"district: x\nyear: 2023\nindicators:\n  - {{id: a, name: A, target: {target}, reported: {{gap: {gap}}}}}\n"
    )
    (finding,) = refusal(path)
    assert finding.code == "unit-mismatch" and message in finding.message


@pytest.mark.parametrize(
    ("actual", "published", "verdict"),
    [
        ("8%", "完成", "consistent"),
        ("8%", "超额完成", "consistent"),
        ("8%", "达标", "consistent"),
        ("8%", "未完成", "inconsistent"),
        ("6.5%", "未达标", "consistent"),
        # 基本完成: met, or missed by no more than the default tolerance of "about" (0.5 pp)
        ("6.8%", "基本完成", "consistent"),
        ("6.5%", "基本完成", "consistent"),
        ("6.4%", "基本完成", "inconsistent"),
        ("8%", "基本完成", "consistent"),
    ],
)
def test_status_as_the_documents_grade_it(
    report_of: ReportOf, actual: str, published: str, verdict: str
) -> None:
    r = report_of(
        f"  - {{id: gdp, name: GDP, target: 7%, actual: {actual}, "
        f"reported: {{status: {published}}}}}\n"
    ).results[0]
    (entry,) = r.audit
    assert (entry.field, entry.reported, entry.verdict) == ("status", published, verdict)


def test_an_unknown_grade_is_a_located_refusal(write: Callable[..., str]) -> None:
    path = write(
        "district: 测试区\nyear: 2022\nindicators:\n"
        "  - {id: gdp, name: GDP, target: 7%, actual: 8%, reported: {status: 优秀}}\n"
    )
    (finding,) = refusal(path)
    assert finding.code == "bad-value" and finding.location.line == 4
    assert "'优秀'" in finding.message and "基本完成" in finding.message


def test_a_figure_with_nothing_to_check_it_against_is_unverifiable(report_of: ReportOf) -> None:
    report = report_of(
        # no actual yet: the published gap and status cannot be checked
        "  - {id: a, name: A, target: 7%, reported: {gap: -5.5, status: 未完成}}\n"
        # an actual given as a bound decides the status but gives no gap
        "  - {id: b, name: B, target: 5%, actual: 6.1%以上, reported: {gap: 1.1, status: 完成}}\n"
        # a completion for a rate is a slip in the document, not a thing govplan cannot check
        "  - {id: c, name: C, target: 7%, actual: 1.5%, reported: {completion: 21%}}\n"
    )
    verdicts = [[(e.field, e.verdict.value) for e in r.audit] for r in report.results]
    assert verdicts == [
        [("gap", "unverifiable"), ("status", "unverifiable")],
        [("gap", "unverifiable"), ("status", "consistent")],
        [("completion", "inconsistent")],
    ]
    assert report.inconsistent() == 1  # --fail-on inconsistent counts only the slip
    from govplan.render.cells import audit_mark, summary_line
    from govplan.terms import Lang

    assert audit_mark(report.results[0]) == "? gap, status"
    assert "一致 1, 不一致 1, 无法核对 3" in summary_line(report, Lang.ZH)
