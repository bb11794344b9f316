"""The year so far, indicator by indicator: the year-to-date figures from the first period
to the plan's own, the schedule share at each, and the year-end at the pace so far."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govplan.periods import schedule_share
from govplan.results import HUNDRED, Report, Result
from govplan.terms import Kind
from govplan.units import UnitError
from govplan.values import in_unit


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal  # in the target's unit
    completion: Decimal | None  # % of the annual target (quantities)
    schedule: Decimal  # the schedule share at the end of the period


@dataclass(frozen=True)
class Trend:
    result: Result
    unit: str | None
    target: Decimal | None
    points: tuple[Point, ...]
    projection: Decimal | None  # the year-end at the pace so far
    projected_completion: Decimal | None

    @property
    def quantity(self) -> bool:
        return self.result.indicator.kind is Kind.QUANTITY


def _trend(result: Result, period: str) -> Trend | None:
    ind = result.indicator
    target = ind.target
    if ind.kind not in (Kind.QUANTITY, Kind.RATE) or target.value is None:
        return None
    unit = target.unit
    bound = target.value.number
    with_ratio = ind.kind is Kind.QUANTITY and bound > 0
    raw = [*ind.series, *([(period, ind.actual)] if ind.actual is not None else [])]
    points = []
    for when, value in raw:
        try:
            number = in_unit(value, unit)
        except UnitError:
            return None  # validate reports it; a trend is not guessed
        completion = HUNDRED * number / bound if with_ratio else None
        points.append(Point(when, number, completion, schedule_share(when)))
    if not points:
        return None
    pace = result.pace
    projection = pace.projection if pace is not None else None
    projected = HUNDRED * projection / bound if projection is not None and with_ratio else None
    return Trend(result, unit, bound, tuple(points), projection, projected)


def trends(report: Report, ids: Collection[str] = ()) -> list[Trend]:
    """One trend per indicator with a number to follow (the `ids` asked for, or all)."""
    wanted = set(ids)
    found = []
    for result in report.results:
        if wanted and result.indicator.id not in wanted:
            continue
        trend = _trend(result, report.plan.period)
        if trend is not None:
            found.append(trend)
    return found


def spark(values: Sequence[Decimal], low: Decimal, high: Decimal) -> str:
    """Values as a sparkline (▁▂▃▄▅▆▇█) on the scale low..high."""
    bars = "▁▂▃▄▅▆▇█"
    if high <= low:
        return bars[0] * len(values)
    out = []
    for value in values:
        share = (min(max(value, low), high) - low) / (high - low)
        out.append(bars[min(int(share * len(bars)), len(bars) - 1)])
    return "".join(out)
