"""Through the year: a year-to-date actual against an annual target, judged against the
schedule share (时序进度), and the pace the rest of the year needs."""

from __future__ import annotations

from decimal import Decimal

from govplan.model import Indicator
from govplan.periods import months, schedule_share, through_the_year
from govplan.results import HUNDRED, Judgement, Pace
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


def _on_schedule(ind: Indicator, verdict: Judgement) -> bool:
    """An annual quantity target where more is better: judged against the schedule."""
    target = ind.target
    return (
        ind.kind is Kind.QUANTITY
        and verdict.better is Direction.UP
        and target.form in _QUANTITY_FORMS
        and target.value is not None
        and target.value.number > 0
        and verdict.actual is not None
    )


def _quantity_pace(actual: Decimal, bound: Decimal, elapsed: int, unit: str | None) -> Pace:
    left = 12 - elapsed
    so_far = actual / elapsed
    needed = max(bound - actual, Decimal(0)) / left
    reachable = needed <= PLAUSIBLE_FACTOR * so_far if so_far > 0 else needed == 0
    return Pace(elapsed, needed, so_far, actual * 12 / elapsed, unit, reachable)


def _rate_pace(ind: Indicator, verdict: Judgement, elapsed: int) -> Pace | None:
    """The growth the rest of the year needs for an annual growth target, from last year's
    full-year (base) and year-to-date (base_ytd) amounts."""
    target = ind.target
    if (
        ind.kind is not Kind.RATE
        or verdict.better is not Direction.UP
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


def in_year(
    ind: Indicator, verdict: Judgement, period: str
) -> tuple[Judgement | None, Pace | None]:
    """The judgement of a year-to-date actual against the schedule share, and the pace the
    rest of the year needs, as the plan format's "Through the year" says; a full year's (or
    Q4's, M12's) verdict has neither. Completion is over the floor (确保) of two tiers: what
    must be met by the year's end, where the year-end verdict's is over the stretch."""
    if not through_the_year(period) or verdict.actual is None:
        return None, None
    elapsed = months(period)
    if not _on_schedule(ind, verdict):
        return None, _rate_pace(ind, verdict, elapsed)
    target = ind.target
    assert target.value is not None and verdict.actual is not None
    bound = target.value.number
    actual = verdict.actual
    share = schedule_share(period)
    completion = HUNDRED * actual / bound
    gap = completion - share
    # met once the annual target is reached already; else against the schedule
    status = Status.MET if verdict.status is Status.MET else against_schedule(gap)
    written = f"{share:.4g}%"
    formula = (
        Said.of("formula.year-to-date-floor", period=period, share=written)
        if target.form is Form.TIERS
        else Said.of("formula.year-to-date", period=period, share=written)
    )
    judgement = Judgement(
        status,
        gap=gap,
        gap_unit="pp",
        completion=completion,
        completion_base=bound,
        stretch_met=verdict.stretch_met,
        tolerance=verdict.tolerance,
        expected=share,
        actual=actual,
        formula=(formula,),
        allowance=ON_TRACK_BAND,
    )
    return judgement, _quantity_pace(actual, bound, elapsed, target.unit)
