"""Through the year: a year-to-date actual against an annual target, judged against the
schedule share (时序进度), and the pace the rest of the year needs."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from govplan.model import Indicator
from govplan.periods import months, schedule_share, through_the_year
from govplan.results import HUNDRED, Pace, Result
from govplan.said import Said
from govplan.terms import Direction, Form, Kind, Status
from govplan.values import in_unit

ON_TRACK_BAND = Decimal("0.5")  # pp either side of the schedule share
# What counts as a plausible pace for the rest of the year (docs/computation.md): a quantity
# at most twice its monthly amount so far; a growth rate at most 10 pp above its target.
PLAUSIBLE_FACTOR = Decimal(2)
PLAUSIBLE_EXTRA_PP = Decimal(10)

_QUANTITY_FORMS = (Form.MIN, Form.TIERS, Form.ABOUT)


def against_schedule(gap: Decimal) -> Status:
    """Done work against the schedule share (gap in pp): on track within ±0.5 pp."""
    if abs(gap) <= ON_TRACK_BAND:
        return Status.ON_TRACK
    return Status.AHEAD if gap > 0 else Status.BEHIND


def _on_schedule(result: Result) -> bool:
    """An annual quantity target where more is better: judged against the schedule."""
    ind = result.indicator
    target = ind.target
    return (
        ind.kind is Kind.QUANTITY
        and result.better is Direction.UP
        and target.form in _QUANTITY_FORMS
        and target.value is not None
        and target.value.number > 0
        and result.actual is not None
    )


def _quantity_pace(actual: Decimal, bound: Decimal, elapsed: int, unit: str | None) -> Pace:
    left = 12 - elapsed
    so_far = actual / elapsed
    needed = max(bound - actual, Decimal(0)) / left
    reachable = needed <= PLAUSIBLE_FACTOR * so_far if so_far > 0 else needed == 0
    return Pace(elapsed, needed, so_far, actual * 12 / elapsed, unit, reachable)


def _rate_pace(ind: Indicator, result: Result, elapsed: int) -> Pace | None:
    """The growth the rest of the year needs for an annual growth target, from last year's
    full-year (base) and year-to-date (base_ytd) amounts."""
    target = ind.target
    if (
        ind.kind is not Kind.RATE
        or result.better is not Direction.UP
        or target.unit != "%"
        or target.value is None
        or ind.actual is None
        or ind.actual.unit != "%"
        or ind.base is None
        or ind.base_ytd is None
    ):
        return None
    full = ind.base.number
    ytd = in_unit(ind.base_ytd, ind.base.unit)
    rest_last_year = full - ytd
    if full <= 0 or rest_last_year <= 0:
        return None
    growth, goal = ind.actual.number, target.value.number
    needed_rest = full * (1 + goal / HUNDRED) - ytd * (1 + growth / HUNDRED)
    needed = HUNDRED * (needed_rest / rest_last_year - 1)
    reachable = needed <= goal + PLAUSIBLE_EXTRA_PP
    return Pace(elapsed, needed, growth, growth, "%", reachable, rate=True)


def judge(result: Result, period: str) -> Result:
    """A year-end result of a year-to-date actual, judged as the plan format's "Through the
    year" says; results of a full year (or Q4, M12) are returned as they are."""
    if not through_the_year(period) or result.actual is None:
        return result
    ind = result.indicator
    elapsed = months(period)
    if not _on_schedule(result):
        pace = _rate_pace(ind, result, elapsed)
        return result if pace is None else replace(result, pace=pace)
    assert ind.target.value is not None and result.actual is not None
    bound = ind.target.value.number  # the floor (确保) of two tiers: what must be met
    actual = result.actual
    share = schedule_share(period)
    completion = HUNDRED * actual / bound
    gap = completion - share
    # met once the annual target is reached already; else against the schedule
    status = Status.MET if result.status is Status.MET else against_schedule(gap)
    return replace(
        result,
        status=status,
        gap=gap,
        gap_unit="pp",
        completion=completion,
        completion_base=bound,
        expected=share,
        stretch_gap=None,
        allowance=ON_TRACK_BAND,
        better=Direction.UP,
        formula=(Said.of("formula.year-to-date", period=period, share=f"{share:.4g}%"),),
        pace=_quantity_pace(actual, bound, elapsed, ind.target.unit),
    )
