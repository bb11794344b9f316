"""Choosing and ordering results: --status, --lead, --sort."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from decimal import Decimal

from govplan.compute import Report, Result, Status


def _gap_key(result: Result) -> tuple[int, Decimal]:
    # Missing gaps sort last; among the rest the most negative (furthest behind) first.
    return (0, result.gap) if result.gap is not None else (1, Decimal(0))


def _completion_key(result: Result) -> tuple[int, Decimal]:
    return (0, result.completion) if result.completion is not None else (1, Decimal(0))


def select(
    report: Report,
    *,
    statuses: Collection[Status] = (),
    lead: str | None = None,
    sort: str = "plan",
) -> Report:
    """The report with only the results asked for, in the order asked for. `lead` matches
    any part of the lead department's name (`住建` finds 区住建局)."""
    results = list(report.results)
    if statuses:
        results = [r for r in results if r.status in statuses]
    if lead:
        results = [r for r in results if lead in (r.indicator.lead or "")]
    if sort == "gap":
        results.sort(key=_gap_key)
    elif sort == "completion":
        results.sort(key=_completion_key)
    elif sort == "id":
        results.sort(key=lambda r: r.indicator.id)
    return replace(report, results=tuple(results))
