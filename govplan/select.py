"""Choosing and ordering results: --status, --lead, --sort."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from decimal import Decimal

from govplan.results import Report, Result
from govplan.terms import SortKey, Status

SortOrder = tuple[int, Decimal | str]


def _shortfall_key(result: Result) -> SortOrder:
    # Results that fall short first, furthest short first; then the rest, least margin
    # first; results without a gap last. Direction-aware through Result.shortfall.
    shortfall = result.shortfall
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
