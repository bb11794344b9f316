"""Every plan in plans/ checks cleanly, and the figures the issues pin down hold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govplan.results import Report
from govplan.terms import Status
from tests.built import report_of_path

PLANS = sorted(str(p) for p in Path("plans").glob("*.yaml"))


def report(path: str) -> Report:
    return report_of_path(path)


def by_id(rep: Report, ident: str) -> object:
    return next(r for r in rep.results if r.indicator.id == ident)


@pytest.mark.parametrize("path", PLANS)
def test_every_plan_is_valid_and_carries_its_provenance(path: str) -> None:
    rep = report(path)
    assert rep.results
    assert rep.plan.source, "every plan names its source document"


@pytest.mark.parametrize(
    "path", ["plans/binjiang-2024.yaml", "plans/gongshu-2023.yaml", "plans/xihu-2023.yaml"]
)
def test_target_lists_are_all_pending_with_targets_parsed(path: str) -> None:
    rep = report(path)
    assert {r.status for r in rep.results} == {Status.PENDING}
    for r in rep.results:
        assert r.indicator.source, f"{r.indicator.id} carries the document's words"
        if r.indicator.kind != "qualitative":
            assert r.indicator.target.value is not None or r.indicator.target.sync


def test_gongshu_2024_q2_tasks() -> None:
    rep = report("plans/gongshu-2024-q2.yaml")
    assert len(rep.results) == 159
    counts = rep.counts()
    assert counts[Status.BEHIND] == 2 and counts[Status.DONE] == 4
    assert counts[Status.PENDING] == 1
    assert counts[Status.ON_TRACK] + counts[Status.AHEAD] == 152
    behind = sorted(
        r.completion for r in rep.results if r.status is Status.BEHIND and r.completion is not None
    )
    assert behind == [Decimal(42), Decimal(45)]
    assert all(r.expected == Decimal(50) for r in rep.results)
    first = rep.results[0]
    assert first.indicator.group == "主要经济指标" and first.status is Status.PENDING
    # rows without a category or lead inherit the one above
    task_53 = rep.results[52]
    assert (task_53.indicator.group, task_53.indicator.lead) == ("为企服务十件事", "区发改经信局")


def test_binjiang_2023() -> None:
    rep = report("plans/binjiang-2023.yaml")
    gdp = by_id(rep, "gdp")
    assert gdp.status is Status.MET and gdp.stretch_met is True  # type: ignore[attr-defined]
    talent = by_id(rep, "new-talent")
    assert round(talent.completion, 2) == Decimal("102.57")  # type: ignore[attr-defined]
    income = by_id(rep, "urban-income")
    assert income.gap == Decimal("-2.4") and income.gap_unit == "pp"  # type: ignore[attr-defined]
    assert income.status is Status.MISSED  # type: ignore[attr-defined]
    rd = by_id(rep, "rd-intensity")
    assert rd.indicator.actual.approximate is True  # type: ignore[attr-defined]
