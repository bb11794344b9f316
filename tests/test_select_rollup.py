"""Filters, sorting and roll-ups on the 2024 Q2 task report."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from govplan.results import Report
from govplan.rollup import rollup
from govplan.select import select
from govplan.terms import RollupKey, SortKey, Status
from tests.built import report_of_path


@pytest.fixture(scope="module")
def q2() -> Report:
    return report_of_path("plans/gongshu-2024-q2.yaml")


def test_status_filter(q2: Report) -> None:
    shown = select(q2, statuses=[Status.BEHIND])
    assert [r.indicator.id for r in shown.results] == ["task-012", "task-068"]


def test_lead_filter_matches_part_of_the_name(q2: Report) -> None:
    shown = select(q2, lead="住建")
    assert len(shown.results) == 16
    assert {r.indicator.lead for r in shown.results} == {"区住建局"}


def test_sort_by_gap_puts_the_furthest_behind_first_and_missing_last(q2: Report) -> None:
    ordered = select(q2, sort=SortKey.GAP).results
    assert [r.completion for r in ordered[:2]] == [Decimal(42), Decimal(45)]
    assert ordered[-1].gap is None


def test_rollup_by_lead(q2: Report) -> None:
    rolls = {r.key: r for r in rollup(q2, RollupKey.LEAD)}
    assert sum(r.total for r in rolls.values()) == 159
    assert rolls["区发改经信局"].total == 30 and rolls["区住建局"].total == 16
    hr = rolls["区人力社保局"]
    assert hr.counts[Status.BEHIND] == 1
    assert hr.worst is not None and hr.worst.indicator.id == "task-012"
    assert rolls["区财政局"].worst is None  # nothing below the schedule
    assert rolls["区科技局"].mean_progress == Decimal(50)


def test_rollup_by_group_keeps_plan_order(q2: Report) -> None:
    rolls = rollup(q2, RollupKey.GROUP)
    assert rolls[0].key == "主要经济指标" and rolls[0].total == 5
    assert len(rolls) == 24


def test_an_unknown_rollup_key_is_a_usage_error_naming_the_keys() -> None:
    from typer.testing import CliRunner

    from govplan.cli.main import app

    result = CliRunner().invoke(app, ["check", "plans/gongshu-2024-q2.yaml", "--by", "district"])
    assert result.exit_code == 2
    assert all(key.value in result.stderr for key in RollupKey)


DIRECTIONS = """\
  - {id: gdp, name: 地区生产总值增长, group: 经济, target: 7%, actual: 6%}
  - {id: deficit, name: 赤字率, group: 经济, target: 控制在3%以内, actual: 0.5%}
  - {id: fdi, name: 实际利用外资, group: 经济, target: 6亿美元以上, actual: 6.5亿美元}
"""


def test_sort_by_gap_knows_that_under_a_cap_is_ahead(report_of: Callable[[str], Report]) -> None:
    # The met cap's gap is −2.5 pp and the missed GDP's −1 pp; under a cap lower is better,
    # so the cap is ahead and must not come first as "furthest behind".
    report = report_of(DIRECTIONS)
    ordered = [r.indicator.id for r in select(report, sort=SortKey.GAP).results]
    assert ordered[0] == "gdp"
    assert ordered.index("deficit") > ordered.index("gdp")


def test_worst_of_a_group_is_one_that_falls_short(report_of: Callable[[str], Report]) -> None:
    (economy,) = rollup(report_of(DIRECTIONS), RollupKey.GROUP)
    assert economy.worst is not None and economy.worst.indicator.id == "gdp"
    met_only = report_of(DIRECTIONS.replace("actual: 6%", "actual: 7.5%"))
    assert rollup(met_only, RollupKey.GROUP)[0].worst is None


def test_sort_gap_ranks_by_how_far_short_against_what_was_asked() -> None:
    """pp, 家 and 亿美元 compare as shares of their targets: 商贸业 −13.2 pp on 9% (147%) before
    R&D −24.7 pp on 25% (99%), 企业上市 3 of 4 家 (75%) before 社零 −5 pp on 7% (71%) and
    外资 2.3 of 6亿美元 (38%), which comes before 金融业 −0.7 pp on 6% (12%)."""
    from govplan.select import relative_shortfall, select
    from govplan.terms import SortKey

    report = select(report_of_path("plans/gongshu-2022.yaml"), sort=SortKey.GAP)
    missed = [r.indicator.id for r in report.results if r.status.falls_short]
    order = {ident: i for i, ident in enumerate(missed)}
    assert order["trade-value-added"] < order["rd-spending"] < order["listed-companies"]
    assert order["listed-companies"] < order["retail-sales"] < order["fdi"]
    assert order["fdi"] < order["finance-value-added"] == len(missed) - 1
    shares = [relative_shortfall(r) for r in report.results if r.status.falls_short]
    assert shares == sorted(shares, reverse=True)  # type: ignore[type-var]
