"""Roll-ups: results summarised per category (group) or per lead department."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from govplan.results import Report, Result
from govplan.terms import RollupKey, Status

UNASSIGNED = "-"


@dataclass(frozen=True)
class Rollup:
    """One category or lead department: its results' counts, mean progress and worst."""

    key: str
    results: tuple[Result, ...]
    counts: dict[Status, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def mean_progress(self) -> Decimal | None:
        """Mean % done over the tasks that reported progress."""
        done = [
            r.completion
            for r in self.results
            if r.expected is not None and r.completion is not None
        ]
        return sum(done, Decimal(0)) / len(done) if done else None

    @property
    def worst(self) -> Result | None:
        """The result furthest short of its mark, among those that fall short and are
        measured in percentage points (tasks against the schedule, rates against the target,
        so that the shortfalls compare); None if none falls short."""
        short = [
            (r.shortfall, r)
            for r in self.results
            if r.status.falls_short and r.gap_unit == "pp" and r.shortfall is not None
        ]
        return max(short, key=lambda pair: pair[0])[1] if short else None


def rollup(report: Report, by: RollupKey) -> list[Rollup]:
    """Roll-ups in the order each key first appears in the plan."""
    buckets: dict[str, list[Result]] = {}
    for result in report.results:
        key = getattr(result.indicator, by.value) or UNASSIGNED
        buckets.setdefault(key, []).append(result)
    rollups = []
    for key, results in buckets.items():
        counts = dict.fromkeys(Status, 0)
        for r in results:
            counts[r.status] += 1
        rollups.append(Rollup(key, tuple(results), counts))
    return rollups
