"""The 2022 Gongshu table (seed 000's attachment), row by row: govplan reproduces every
published gap and completion rate, and audits every published figure as consistent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govplan.results import Report
from govplan.terms import Status
from tests.built import report_of_path

PLAN = "plans/gongshu-2022.yaml"

# No., id, status, gap as published ("低于目标5.5个百分点" = -5.5 pp) or None,
# completion as published (its printed precision) or None.
ROWS = [
    (1, "gdp", "missed", "-5.5", None),
    (2, "budget-revenue", "met", None, None),
    (3, "industry-value-added", "missed", "-0.6", None),
    (4, "services-value-added", "missed", "-5.5", None),
    (5, "fixed-asset-investment", "met", "5.1", None),
    (6, "rd-spending", "missed", "-24.7", None),
    (7, "retail-sales", "missed", "-5", None),
    (8, "trade-value-added", "missed", "-13.2", None),
    (9, "finance-value-added", "missed", "-0.7", None),
    (10, "listed-companies", "missed", None, "25"),
    (11, "digital-economy-value-added", "missed", "-18.5", None),
    (12, "life-health-value-added", "missed", "-1.6", None),
    (13, "culture-value-added", "missed", "-6.8", None),
    (14, "major-projects", "met", None, "100"),
    (15, "fdi", "missed", None, "62.12"),  # 3.7/6 = 61.67%; 3.7 stands for [3.65, 3.75)
    (16, "new-high-tech-firms", "met", None, "114.18"),
    (17, "tech-smes", "met", None, "258.43"),
    (18, "high-level-talent", "met", None, "143.5"),
    (19, "old-community-renovation", "met", None, "100"),
    (20, "elevators", "met", None, "102.5"),
    (21, "resettled-households", "met", None, "137"),
    (22, "roads-completed", "met", None, "144"),
    (23, "parking-spaces", "met", None, "415.4"),
    (24, "green-space", "met", None, "119.7"),
    (25, "greenways", "met", None, "236"),
    (26, "schools-completed", "met", None, "100"),
    (27, "fitness-sites", "met", None, "100"),
    (28, "new-jobs", "met", None, "113.3"),
    (29, "dementia-care-beds", "met", None, "101.1"),
    (30, "infant-stations", "met", None, "100"),
]


@pytest.fixture(scope="module")
def report() -> Report:
    return report_of_path(PLAN)


def test_thirty_rows_in_order(report: Report) -> None:
    assert [r.indicator.id for r in report.results] == [row[1] for row in ROWS]
    assert report.counts()[Status.MET] == 18 and report.counts()[Status.MISSED] == 12


@pytest.mark.parametrize(("number", "ident", "status", "gap", "completion"), ROWS)
def test_row(
    report: Report, number: int, ident: str, status: str, gap: str | None, completion: str | None
) -> None:
    result = report.results[number - 1]
    assert result.indicator.id == ident
    assert result.status is Status(status)
    if gap is not None:
        assert result.gap == Decimal(gap)
        assert result.gap_unit == "pp"
    if completion is not None and ident != "fdi":
        places = -Decimal(completion).as_tuple().exponent  # type: ignore[operator]
        assert result.completion is not None
        assert round(result.completion, places) == Decimal(completion)
    assert result.audit, "every row carries a published figure"
    assert all(a.verdict == "consistent" for a in result.audit), result.audit


def test_fdi_is_consistent_only_once_rounding_is_counted(report: Report) -> None:
    fdi = report.results[14]
    assert round(fdi.completion or 0, 2) == Decimal("61.67")  # not the published 62.12
    (entry,) = fdi.audit
    assert entry.verdict == "consistent"
    assert entry.computed_range is not None
    low, high = entry.computed_range
    assert low < Decimal("62.12") < high


def test_budget_revenue_keeps_pace_with_gdp(report: Report) -> None:
    revenue = report.results[1]
    assert revenue.reference == "gdp"
    assert revenue.gap == Decimal("12.1")
