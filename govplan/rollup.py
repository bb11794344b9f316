"""Roll-ups: results summarised per category (group) or per lead department."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from govplan.compute import Report, Result, Status

ROLLUP_KEYS = ("group", "lead")
UNASSIGNED = "-"


@dataclass(frozen=True)
class Rollup:
    """One category or lead department: its results' counts, mean progress and worst."""

    key: str
    results: tuple[Result, ...]
    counts: dict[str, int] = field(default_factory=dict)

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
        """The result furthest below its mark, among those measured in percentage points
        (tasks against the schedule, rates against the target); None if all are on or above."""
        comparable = [r for r in self.results if r.gap is not None and r.gap_unit == "pp"]
        if not comparable:
            return None
        worst = min(comparable, key=lambda r: r.gap or Decimal(0))
        return worst if worst.gap is not None and worst.gap < 0 else None


def rollup(report: Report, by: str) -> list[Rollup]:
    """Roll-ups in the order each key first appears in the plan."""
    if by not in ROLLUP_KEYS:
        raise ValueError(f"cannot roll up by {by!r}; choose one of {', '.join(ROLLUP_KEYS)}")
    buckets: dict[str, list[Result]] = {}
    for result in report.results:
        key = getattr(result.indicator, by) or UNASSIGNED
        buckets.setdefault(key, []).append(result)
    rollups = []
    for key, results in buckets.items():
        counts = {s.value: 0 for s in Status}
        for r in results:
            counts[r.status.value] += 1
        rollups.append(Rollup(key, tuple(results), counts))
    return rollups
