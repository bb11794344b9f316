"""The year so far, indicator by indicator: the year-to-date figures from the first period
to the plan's own, the schedule share at each, and the year-end at the pace so far; for a
five-year plan, each year's figure with the share covered beside the share expected."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from govplan.fiveyear import Span
from govplan.model import Plan
from govplan.periods import schedule_share
from govplan.results import HUNDRED, Report, Result
from govplan.terms import Direction, Kind, Measure
from govplan.units import UnitError
from govplan.values import in_unit


@dataclass(frozen=True)
class Point:
    period: str  # a period code (Q1, M05), or a five-year plan's year (2023)
    value: Decimal  # in the target's unit; a five-year plan's measure so far
    completion: Decimal | None  # % of the annual target (quantities); the share covered
    schedule: Decimal  # the schedule share at the end of the period; the share expected


@dataclass(frozen=True)
class Trend:
    result: Result
    unit: str | None
    target: Decimal | None
    points: tuple[Point, ...]
    projection: Decimal | None  # the year-end at the pace so far (a level: the last year's)
    projected_completion: Decimal | None
    span: Span | None = None  # a five-year plan's: the points are its years

    @property
    def shares(self) -> bool:
        """Charted as shares of the target against the expected ones: a quantity through
        the year, any five-year measure over the span."""
        return self.span is not None or self.result.indicator.kind is Kind.QUANTITY


def _trend(result: Result, period: str) -> Trend | None:
    ind = result.indicator
    target = ind.target
    if ind.kind not in (Kind.QUANTITY, Kind.RATE) or target.value is None:
        return None
    unit = target.unit
    bound = target.value.number
    # a share of the target only for an amount to reach (at least): a ceiling (PM2.5 以下,
    # 10起以下) is met or not so far, never a share against 时序进度
    with_ratio = ind.kind is Kind.QUANTITY and bound > 0 and target.direction is Direction.UP
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


def _span_trend(result: Result, plan: Plan, span: Span) -> Trend | None:
    """Each year the figures reach, judged as of that year: what they measure, the share of
    the way covered, and the share an even path expects by then."""
    from govplan.evaluation import evaluate_indicator

    ev = result.evaluation
    if ev is None or ev.measure in (Measure.TEXT, Measure.RELATIVE):
        return None
    ind = result.indicator
    points = []
    for year in sorted({f.year for f in ind.years}):
        earlier = replace(ind, years=tuple(f for f in ind.years if f.year <= year))
        then = evaluate_indicator(earlier, replace(plan, year=year), span).evaluation
        if then is None or then.year != year or then.so_far is None:
            continue  # a year the figures do not reach without a gap
        expected = then.expected
        if expected is None:  # a level without base: no share covered, the years still pass
            expected = HUNDRED * (year - span.base) / span.length
        points.append(Point(str(year), then.so_far, then.covered, expected))
    if not points:
        return None
    return Trend(result, ev.unit, ev.goal, tuple(points), ev.projection, None, span)


def trends(report: Report, ids: Collection[str] = ()) -> list[Trend]:
    """One trend per indicator with a number to follow (the `ids` asked for, or all)."""
    wanted = set(ids)
    found = []
    span = report.plan.span
    for result in report.results:
        if wanted and result.indicator.id not in wanted:
            continue
        if span is not None:
            trend = _span_trend(result, report.plan, span)
        else:
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
