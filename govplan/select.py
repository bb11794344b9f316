"""Choosing and ordering results: --status, --lead, --sort."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from decimal import Decimal

from govplan.results import Report, Result
from govplan.terms import Kind, SortKey, Status

SortOrder = tuple[int, Decimal | str]


def relative_shortfall(result: Result) -> Decimal | None:
    """How far short against the size of what was asked, so that pp, 家 and 亿美元 compare:
    a quantity's shortfall over its target (1家 of 4家: 0.75), a rate's pp over the target's
    size (−5.5 pp on 7%: 0.79), a task's over the schedule share (−8 pp on 50%: 0.16), a
    five-year share's over the share expected; the shortfall itself where the size is 0."""
    shortfall = result.shortfall
    if shortfall is None:
        return None
    size: Decimal | None = None
    if result.evaluation is not None and not result.evaluation.final:
        size = result.evaluation.expected
    elif result.indicator.kind is Kind.PROGRESS:
        size = result.expected
    elif result.reference_actual is not None:
        size = result.reference_actual
    elif result.indicator.target.value is not None:
        size = result.indicator.target.value.number
        if result.evaluation is not None and result.evaluation.goal is not None:
            size = result.evaluation.goal
    if not size:
        return shortfall
    return shortfall / abs(size)


def _shortfall_key(result: Result) -> SortOrder:
    # Results that fall short first, furthest short (against what was asked) first; then the
    # rest, least margin first; results without a gap last. Direction-aware through
    # Result.shortfall.
    shortfall = relative_shortfall(result)
    if shortfall is None:
        return (2, Decimal(0))
    return (0 if result.status.falls_short else 1, -shortfall)


def _completion_key(result: Result) -> SortOrder:
    return (0, result.completion) if result.completion is not None else (1, Decimal(0))


def _plan_key(result: Result) -> SortOrder:
    return (0, Decimal(0))  # a stable sort keeps the plan's order


def _id_key(result: Result) -> SortOrder:
    return (0, result.indicator.id)


SORT_KEYS: dict[SortKey, Callable[[Result], SortOrder]] = {
    SortKey.PLAN: _plan_key,
    SortKey.GAP: _shortfall_key,
    SortKey.COMPLETION: _completion_key,
    SortKey.ID: _id_key,
}


def select(
    report: Report,
    *,
    statuses: Collection[Status] = (),
    lead: str | None = None,
    sort: SortKey = SortKey.PLAN,
) -> Report:
    """The report with only the results asked for, in the order asked for. `lead` matches
    any part of the lead department's name (`住建` finds 区住建局)."""
    results = list(report.results)
    if statuses:
        results = [r for r in results if r.status in statuses]
    if lead:
        results = [r for r in results if lead in (r.indicator.lead or "")]
    results.sort(key=SORT_KEYS[sort])
    return replace(report, results=tuple(results))
