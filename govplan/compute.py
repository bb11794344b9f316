"""What govplan computes for each indicator: gap, completion and status, exactly as the
plan format's table says, in exact decimal arithmetic."""

from __future__ import annotations

import decimal
from dataclasses import replace
from decimal import Decimal

from govplan.model import Indicator, Plan, names_a_change
from govplan.periods import schedule_share
from govplan.precision import context
from govplan.results import HUNDRED, Judgement, Report, Result
from govplan.said import Said
from govplan.schedule import ON_TRACK_BAND, against_schedule, in_year
from govplan.targets import Target
from govplan.terms import Bound, Direction, Form, Kind, Relation, Status
from govplan.tolerance import effective_tolerance
from govplan.units import UnitError
from govplan.values import in_unit, written_as_change


def _gap_unit(indicator: Indicator, target: Target) -> str | None:
    if target.unit == "%" or indicator.kind is Kind.RATE:
        return "pp" if target.unit in ("%", None) else target.unit
    return target.unit


def _progress(indicator: Indicator, period: str) -> Judgement:
    expected = schedule_share(period)
    if indicator.progress is None:
        return Judgement(Status.PENDING, expected=expected, reason=Said.of("reason.no-progress"))
    done = indicator.progress.number
    gap = done - expected
    status = Status.DONE if done >= HUNDRED else against_schedule(gap)
    return Judgement(
        status,
        gap=gap,
        gap_unit="pp",
        completion=done,
        completion_base=HUNDRED,
        expected=expected,
        actual=done,
        formula=(Said.of("formula.progress", period=period, share=f"{expected:g}%"),),
        allowance=ON_TRACK_BAND,
    )


def _sync(indicator: Indicator, plan: Plan) -> Judgement:
    ref_id = indicator.target.sync or ""
    reference = plan.indicator(ref_id)
    base = Judgement(Status.PENDING, gap_unit="pp", reference=ref_id)
    if indicator.actual is None:
        return base
    if reference is None:
        return Judgement(
            Status.UNKNOWN,
            reference=ref_id,
            reason=Said.of("reason.reference-missing", ref=ref_id),
        )
    if reference.actual is None:
        return Judgement(
            Status.UNKNOWN,
            reference=ref_id,
            reason=Said.of("reason.reference-no-actual", ref=ref_id),
        )
    if reference.actual.bound is not None:
        return Judgement(
            Status.UNKNOWN,
            reference=ref_id,
            reason=Said.of("reason.reference-a-bound", ref=ref_id, actual=reference.actual.text),
        )
    try:
        ref_actual = in_unit(reference.actual, indicator.actual.unit)
    except UnitError as exc:
        return Judgement(Status.UNKNOWN, reference=ref_id, reason=exc.said)
    actual = indicator.actual.number
    gap = actual - ref_actual
    unit = indicator.actual.unit
    relation = indicator.target.relation
    return Judgement(
        Status.MET if relation_met(relation, gap) else Status.MISSED,
        gap=gap,
        gap_unit="pp" if unit in ("%", None) else unit,  # growth rates, or amounts
        reference=ref_id,
        reference_actual=ref_actual,
        reference_value=reference.actual,
        actual=actual,
        formula=(Said.of("formula.relative", ref=ref_id, test=_RELATION_TEST[relation]),),
        better=Direction.DOWN if relation is Relation.BELOW else Direction.UP,
    )


_RELATION_TEST = {Relation.AT_LEAST: "≥ 0", Relation.ABOVE: "> 0", Relation.BELOW: "< 0"}


def relation_met(relation: Relation, gap: Decimal) -> bool:
    """A relative target's verdict on actual − reference."""
    if relation is Relation.ABOVE:
        return gap > 0
    if relation is Relation.BELOW:
        return gap < 0
    return gap >= 0


def bounded(indicator: Indicator) -> Judgement:
    target = indicator.target
    assert target.value is not None
    if indicator.actual is None:
        return Judgement(Status.PENDING, gap_unit=_gap_unit(indicator, target))
    unit = target.unit
    actual = in_unit(indicator.actual, unit)
    bound = target.value.number
    gap = actual - bound
    gap_unit = _gap_unit(indicator, target)
    ratio_meaningful = indicator.kind is Kind.QUANTITY
    tolerance = None
    stretch_met = None
    stretch_gap = None
    completion_base = bound
    better = target.direction
    if target.form is Form.MIN:
        better = Direction.UP
    if target.form is Form.MAX:
        better = Direction.DOWN
        met = actual <= bound
        formula = Said.of("formula.max")
        ratio_meaningful = False
    elif target.form is Form.ABOUT:
        tolerance = effective_tolerance(indicator, target)
        if target.direction is Direction.DOWN:
            met = actual <= bound + tolerance
            formula = Said.of("formula.about-down", tolerance=f"{tolerance:f}")
            ratio_meaningful = False
        elif target.direction is Direction.BAND:
            met = abs(actual - bound) <= tolerance
            formula = Said.of("formula.about-band", tolerance=f"{tolerance:f}")
            ratio_meaningful = False
        else:
            met = actual >= bound - tolerance
            formula = Said.of("formula.about-up", tolerance=f"{tolerance:f}")
    else:
        met = actual >= bound
        formula = Said.of("formula.min")
    if target.form is Form.TIERS:
        assert target.stretch is not None
        stretch = in_unit(target.stretch, unit)
        completion_base = stretch
        if target.direction is Direction.BAND:  # a range on a close-to-target indicator
            low, high = bound, stretch
            met = low <= actual <= high
            gap = actual - high if actual > high else actual - low if actual < low else Decimal(0)
            ratio_meaningful = False
            formula = Said.of("formula.range")
        elif target.direction is Direction.DOWN:
            met = actual <= bound
            stretch_gap = actual - stretch
            stretch_met = actual <= stretch
            ratio_meaningful = False
            formula = Said.of("formula.tiers-down")
        else:
            stretch_gap = actual - stretch
            stretch_met = actual >= stretch
            formula = Said.of("formula.tiers-up")
    completion = None
    steps: tuple[Said, ...] = (formula,)
    if ratio_meaningful and completion_base > 0:
        completion = HUNDRED * actual / completion_base
        over = Said.of(
            "formula.completion-stretch" if target.stretch else "formula.completion-target"
        )
        steps = (formula, over)
    return Judgement(
        Status.MET if met else Status.MISSED,
        gap=gap,
        gap_unit=gap_unit,
        completion=completion,
        completion_base=completion_base if completion is not None else None,
        stretch_met=stretch_met,
        stretch_gap=stretch_gap,
        tolerance=tolerance,
        actual=actual,
        formula=steps,
        better=better,
        allowance=tolerance or Decimal(0),
    )


# Far above any actual a plan holds: where a verdict at the bound and here agree, it holds
# for every value the bound allows.
_FAR = Decimal("1e40")
_JUST_ABOVE = Decimal("1e-40")


def _from_a_bound(indicator: Indicator, plan: Plan) -> Result:
    """An actual given as a bound (超143万人, 6.1%以上, 正增长): judged at the bound and far
    above it; the verdict stands where both agree, else it is unknown. Its gap and completion
    are not known (only that they are at least those at the bound)."""
    actual = indicator.actual
    assert actual is not None and actual.bound is not None
    start = actual.number + (_JUST_ABOVE if actual.bound is Bound.ABOVE else 0)

    def at(number: Decimal) -> Result:
        return compute_indicator(
            replace(indicator, actual=replace(actual, number=number, bound=None)), plan
        )

    low, high = at(start), at(start + _FAR)
    if low.status is not high.status or not low.status.settled:
        reason = Said.of("reason.bound-split", actual=actual.text)
        return Result(indicator, Judgement(Status.UNKNOWN, reason=reason))
    stretch = low.stretch_met if low.stretch_met is high.stretch_met else None
    settled = Said.of(
        "reason.bound-settled", actual=actual.text, status=Said.of(f"status.{low.status}")
    )

    def unmeasured(judgement: Judgement) -> Judgement:
        # the verdict holds; the numbers behind it do not (they depend on where the
        # actual lies above its bound)
        return replace(
            judgement,
            gap=None,
            completion=None,
            completion_base=None,
            stretch_met=stretch,
            stretch_gap=None,
            actual=None,
            reason=settled,
        )

    schedule = None if low.schedule is None else unmeasured(low.schedule)
    return Result(indicator, unmeasured(low.verdict), schedule)


def compute_indicator(indicator: Indicator, plan: Plan) -> Result:
    """The result of one indicator, without audit: compute's verdict and, through the year,
    the schedule's judgement and the pace."""
    actual = indicator.actual
    if actual is not None and actual.bound is not None and indicator.kind is not Kind.PROGRESS:
        return _from_a_bound(indicator, plan)
    form = indicator.target.form
    if indicator.kind is Kind.PROGRESS or form is Form.PROGRESS:
        return Result(indicator, _progress(indicator, plan.period))
    if form is Form.SYNC:
        return Result(indicator, _sync(indicator, plan))
    if form is Form.SIGN:
        return Result(indicator, _sign(indicator))
    if form is Form.TEXT:
        return Result(indicator, _qualitative(indicator))
    verdict = bounded(indicator)
    schedule, pace = in_year(indicator, verdict, plan.period)
    return Result(indicator, verdict, schedule, pace)


def _qualitative(indicator: Indicator) -> Judgement:
    """A target in words: the status the document reported, if any."""
    reported = indicator.reported
    if reported is not None and reported.status is not None:
        return Judgement(
            reported.status,
            formula=(Said.of("formula.qualitative"),),
            reason=Said.of("reason.published-as", grade=reported.status_text)
            if reported.nearly
            else None,
        )
    if indicator.actual is None and indicator.actual_text is None:
        return Judgement(Status.PENDING)
    return Judgement(Status.UNKNOWN, reason=Said.of("reason.qualitative-unreported"))


def _sign(indicator: Indicator) -> Judgement:
    """A sign-only target (继续下降, 实现正增长, 较上年好转): met when the change has that
    sign. The change is the actual where it is one (下降3.4%, -3.4%, 持平, an indicator of
    growth), else the actual level less `base` (last year's level)."""
    actual = indicator.actual
    if actual is None:
        if indicator.actual_text is not None:
            return Judgement(
                Status.UNKNOWN,
                reason=Said.of("reason.sign-in-words"),
            )
        return Judgement(Status.PENDING)
    base = indicator.base
    if written_as_change(actual.text) or (
        base is None and names_a_change(indicator.name, indicator.id)
    ):
        change, unit = actual.number, actual.unit
        formula = Said.of("formula.change-is-actual")
    elif base is not None:
        try:
            change, unit = actual.number - in_unit(base, actual.unit), actual.unit
        except UnitError as exc:
            return Judgement(Status.UNKNOWN, reason=exc.said)
        formula = Said.of("formula.change-from-base")
    else:
        return Judgement(
            Status.UNKNOWN,
            reason=Said.of("reason.sign-of-a-level", actual=actual.text),
        )
    down = indicator.target.direction is Direction.DOWN
    met = change < 0 if down else change > 0
    return Judgement(
        Status.MET if met else Status.MISSED,
        gap=change,
        gap_unit="pp" if unit in ("%", None) else unit,
        actual=change,
        formula=(formula, Said.of("formula.sign-down" if down else "formula.sign-up")),
        better=Direction.DOWN if down else Direction.UP,
    )


def compute_plan(plan: Plan) -> Report:
    """The result of every indicator of a plan (the audit of published figures is a later
    step: govplan.audit.audit_report)."""
    with decimal.localcontext(context()):
        return Report(plan, tuple(compute_indicator(i, plan) for i in plan.indicators))
