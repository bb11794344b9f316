"""Filters, sorting and roll-ups on the 2024 Q2 task report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govplan.compute import Report, Status, compute_plan
from govplan.model import load_plan
from govplan.rollup import rollup
from govplan.select import select


@pytest.fixture(scope="module")
def q2() -> Report:
    return compute_plan(load_plan("plans/gongshu-2024-q2.yaml"))


def test_status_filter(q2: Report) -> None:
    shown = select(q2, statuses=[Status.BEHIND])
    assert [r.indicator.id for r in shown.results] == ["task-012", "task-068"]


def test_lead_filter_matches_part_of_the_name(q2: Report) -> None:
    shown = select(q2, lead="住建")
    assert len(shown.results) == 16
    assert {r.indicator.lead for r in shown.results} == {"区住建局"}


def test_sort_by_gap_puts_the_furthest_behind_first_and_missing_last(q2: Report) -> None:
    ordered = select(q2, sort="gap").results
    assert [r.completion for r in ordered[:2]] == [Decimal(42), Decimal(45)]
    assert ordered[-1].gap is None


def test_rollup_by_lead(q2: Report) -> None:
    rolls = {r.key: r for r in rollup(q2, "lead")}
    assert sum(r.total for r in rolls.values()) == 159
    assert rolls["区发改经信局"].total == 30 and rolls["区住建局"].total == 16
    hr = rolls["区人力社保局"]
    assert hr.counts["behind"] == 1
    assert hr.worst is not None and hr.worst.indicator.id == "task-012"
    assert rolls["区财政局"].worst is None  # nothing below the schedule
    assert rolls["区科技局"].mean_progress == Decimal(50)


def test_rollup_by_group_keeps_plan_order(q2: Report) -> None:
    rolls = rollup(q2, "group")
    assert rolls[0].key == "主要经济指标" and rolls[0].total == 5
    assert len(rolls) == 24


def test_rollup_rejects_unknown_key(q2: Report) -> None:
    with pytest.raises(ValueError, match="cannot roll up"):
        rollup(q2, "district")
