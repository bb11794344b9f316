"""Five-year plans judged at a year of their span: the share of the way covered against the
share expected by then, the average rate so far and what the remaining years need; in the
last year, met or missed on the whole span (the plan format's "Across the five years")."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import assert_never

from govplan.audit import spread
from govplan.compute import bounded, compute_indicator, relation_met
from govplan.fiveyear import Figure, Span, Written
from govplan.model import Indicator, Plan
from govplan.precision import context
from govplan.results import HUNDRED, Evaluation, Judgement, Report, Result
from govplan.said import Said
from govplan.terms import Measure, Status
from govplan.units import UnitError
from govplan.values import Value, in_unit

# Covered at least this far above (below) the expected share is ahead of (behind) plan.
AHEAD_BAND = Decimal(5)  # pp
ONE = Decimal(1)
_POINTS = frozenset({"个百分点", "百分点", "pp"})
# what a span's figures reach by a year: a change, an average rate, a sum
Measured = Callable[[dict[int, Figure]], Decimal | None]


def evaluate_plan(plan: Plan) -> Report:
    """The result of every indicator of a five-year plan at its `year` (audit comes later)."""
    assert plan.span is not None
    with decimal.localcontext(context()):
        return Report(plan, tuple(evaluate_indicator(i, plan, plan.span) for i in plan.indicators))


def evaluate_indicator(indicator: Indicator, plan: Plan, span: Span) -> Result:
    measure = indicator.measure
    if measure is None:
        return compute_indicator(indicator, plan)
    match measure:
        case Measure.TEXT:
            return compute_indicator(indicator, plan)  # qualitative, as in a year's plan
        case Measure.LEVEL:
            return _level(indicator, span)
        case Measure.AVERAGE | Measure.CHANGE:
            return _compounded(indicator, span, measure)
        case Measure.TOTAL:
            return _total(indicator, span)
        case Measure.RELATIVE:
            return _relative(indicator, plan, span)
        case _:
            assert_never(measure)


def _shell(indicator: Indicator, span: Span, year: int) -> Evaluation:
    measure = indicator.measure
    assert measure is not None
    return Evaluation(measure, year, span.first, span.last)


def _pending(indicator: Indicator, span: Span, year: int, reason: Said) -> Result:
    shell = _shell(indicator, span, year)
    return Result(indicator, Judgement(Status.PENDING, reason=reason), evaluation=shell)


def _on_path(covered: Decimal, expected: Decimal) -> Status:
    gap = covered - expected
    if gap >= AHEAD_BAND:
        return Status.AHEAD
    if gap < -AHEAD_BAND:
        return Status.BEHIND
    return Status.ON_TRACK


def _judged(
    indicator: Indicator,
    final: Judgement,
    evaluation: Evaluation,
    covered: Decimal | None,
    expected: Decimal | None,
    formula: Said,
    *,
    achieved: bool,
    reason: Said | None = None,
) -> Result:
    """The result at `evaluation.year`: in the last year the final verdict on the whole span;
    before it, that verdict (on the figures so far) with the schedule's judgement: achieved
    once the last year's target is met, else the covered share against the expected one
    (gap in pp)."""
    evaluation = replace(evaluation, covered=covered, expected=expected)
    if evaluation.final:
        verdict = replace(final, completion=covered, formula=(formula,))
        return Result(indicator, verdict, evaluation=evaluation)
    if covered is not None and expected is not None:
        schedule = Judgement(
            Status.ACHIEVED if achieved else _on_path(covered, expected),
            gap=covered - expected,
            gap_unit="pp",
            completion=covered,
            tolerance=final.tolerance,
            actual=final.actual,
            formula=(formula, Said.of("formula.span-gap")),
            reason=reason,
            allowance=AHEAD_BAND,
        )
        return Result(indicator, final, schedule, evaluation=evaluation)
    # no share to compare: met already, or not (a ceiling the base was within, a level with no base)
    status = Status.ACHIEVED if achieved else Status.UNKNOWN if reason else Status.BEHIND
    schedule = replace(final, status=status, formula=(formula,), reason=reason)
    return Result(indicator, final, schedule, evaluation=evaluation)


def _level(indicator: Indicator, span: Span) -> Result:
    """A level in the last year: covered = (actual − base) / (target − base), expected linear."""
    figures = [f for f in indicator.years if f.written is Written.YEAR]
    if not figures:
        return _pending(indicator, span, span.last, Said.of("reason.no-figure-yet"))
    latest = figures[-1]
    target = indicator.target
    assert target.value is not None and indicator.over is not None
    base = indicator.base
    if indicator.over.increment:
        if base is None:
            needs = Said.of("reason.increment-needs-base", target=target.text)
            shell = _shell(indicator, span, latest.year)
            return Result(indicator, Judgement(Status.UNKNOWN, reason=needs), evaluation=shell)
        step = target.value
        number = step.number if step.unit in _POINTS else in_unit(step, base.unit)
        bound = Value(base.number + number, base.unit, target.text)
        target = replace(target, value=bound)
    judged = replace(indicator, target=target, actual=latest.value)
    try:
        final = bounded(judged)
        level = in_unit(latest.value, target.unit)
        start = in_unit(base, target.unit) if base is not None else None
    except UnitError as exc:
        return Result(indicator, Judgement(Status.UNKNOWN, reason=exc.said))
    assert target.value is not None
    goal = target.value.number
    k, n = latest.year - span.base, span.length
    evaluation = replace(
        _shell(indicator, span, latest.year),
        so_far=level,
        unit=target.unit,
        goal=goal,
        base=start,
        projection=None if start is None else start + (level - start) * n / k,
        spread=in_unit(Value(spread(latest.value), latest.value.unit, ""), target.unit),
    )
    met = final.status is Status.MET
    formula = Said.of("formula.span-level")
    if start is None:
        reason = None if met or evaluation.final else Said.of("reason.level-needs-base")
        return _judged(
            indicator, final, evaluation, None, None, formula, achieved=met, reason=reason
        )
    held = bounded(replace(judged, actual=base)).status is Status.MET if base else False
    if goal == start or held:
        # a level the base already satisfied (a ceiling such as 5.5%以内): met or not so far
        return _judged(
            indicator,
            final,
            evaluation,
            None,
            None,
            Said.of("formula.level-held"),
            achieved=met,
        )
    covered = HUNDRED * (level - start) / (goal - start)
    expected = HUNDRED * k / n
    return _judged(indicator, final, evaluation, covered, expected, formula, achieved=met)


def _factor(figures: dict[int, Figure], year: int, base_year: int) -> Decimal | None:
    """1 + the change from the base year to `year`, compounding each year's change back to the
    nearest figure written since the base year; None when a year is missing."""
    factor = ONE
    while year > base_year:
        figure = figures.get(year)
        if figure is None:
            return None
        rate = ONE + figure.value.number / HUNDRED
        if figure.written is Written.SINCE_BASE:
            return factor * rate
        if figure.written is Written.AVERAGE:
            return factor * rate ** (year - base_year)
        factor *= rate
        year -= 1
    return factor


def _shifted(figures: dict[int, Figure], sign: int) -> dict[int, Figure]:
    """Each figure moved by half its last printed digit, up (sign 1) or down (-1): the ends
    of what the printed figures can stand for."""
    return {
        year: replace(f, value=replace(f.value, number=f.value.number + sign * spread(f.value)))
        for year, f in figures.items()
    }


def _spread(figures: dict[int, Figure], measured: Measured) -> Decimal | None:
    """Half the width of what `measured(figures)` can be, given the digits printed (the
    measures are monotonic in each figure, so the ends come from the figures' ends)."""
    middle = measured(figures)
    ends = [measured(_shifted(figures, sign)) for sign in (-1, 1)]
    if middle is None or ends[0] is None or ends[1] is None:
        return None
    return max(abs(ends[0] - middle), abs(ends[1] - middle))


def _latest_factor(indicator: Indicator, span: Span) -> tuple[int, Decimal] | None:
    figures = {f.year: f for f in indicator.years}
    for year in sorted(figures, reverse=True):
        factor = _factor(figures, year, span.base)
        if factor is not None and factor > 0:
            return year, factor
    return None


def _root(factor: Decimal, years: int | Decimal) -> Decimal:
    """The yearly rate (%) that compounds to `factor` over `years`."""
    return (factor ** (ONE / Decimal(years)) - ONE) * HUNDRED


def _compounded(indicator: Indicator, span: Span, measure: Measure) -> Result:
    """An average annual rate (年均增长6%: the span's growth is 1.06⁵ − 1) or a change over the
    span (累计降低13.5%): covered = change so far / change asked; expected = what an even
    yearly rate gives by then."""
    found = _latest_factor(indicator, span)
    if found is None:
        reason = Said.of("reason.nothing-yet" if not indicator.years else "reason.year-missing")
        return _pending(indicator, span, span.last, reason)
    year, factor = found
    target = indicator.target
    assert target.value is not None
    rate = ONE + target.value.number / HUNDRED
    k, n = year - span.base, span.length
    if rate <= 0:
        return Result(indicator, Judgement(Status.UNKNOWN, reason=Said.of("reason.fall-of-all")))
    if measure is Measure.AVERAGE:
        goal_factor, by_now = rate**n, rate**k
        measured = _root(factor, k)
    else:
        goal_factor, by_now = rate, rate ** (Decimal(k) / Decimal(n))
        measured = (factor - ONE) * HUNDRED
    change = (factor - ONE) * HUNDRED

    def measured_by(figures: dict[int, Figure]) -> Decimal | None:
        found = _factor(figures, year, span.base)
        if found is None or found <= 0:
            return None
        return _root(found, k) if measure is Measure.AVERAGE else (found - ONE) * HUNDRED

    evaluation = replace(
        _shell(indicator, span, year),
        so_far=change,
        unit="%",
        goal=(goal_factor - ONE) * HUNDRED,
        average=_root(factor, k),
        needed=_root(goal_factor / factor, n - k) if k < n else None,
        even=_root(goal_factor, n),
        spread=_spread({f.year: f for f in indicator.years}, measured_by),
    )
    final = bounded(replace(indicator, actual=Value(measured, "%", f"{measured}%")))
    formula = Said.of("formula.span-compounded")
    if goal_factor == ONE:
        return _judged(
            indicator, final, evaluation, None, None, formula, achieved=final.status is Status.MET
        )
    covered = HUNDRED * (factor - ONE) / (goal_factor - ONE)
    expected = HUNDRED * (by_now - ONE) / (goal_factor - ONE)
    return _judged(
        indicator, final, evaluation, covered, expected, formula, achieved=covered >= HUNDRED
    )


def _sum(figures: dict[int, Figure], year: int, base_year: int, unit: str | None) -> Decimal | None:
    total = Decimal(0)
    while year > base_year:
        figure = figures.get(year)
        if figure is None:
            return None
        amount = in_unit(figure.value, unit)
        if figure.written is Written.SINCE_BASE:
            return total + amount
        total += amount
        year -= 1
    return total


def _total(indicator: Indicator, span: Span) -> Result:
    """A total over the span (累计新增50万人): covered = sum so far / total; expected linear."""
    target = indicator.target
    assert target.value is not None
    figures = {f.year: f for f in indicator.years}
    found = None
    for year in sorted(figures, reverse=True):
        total = _sum(figures, year, span.base, target.unit)
        if total is not None:
            found = year, total
            break
    if found is None:
        reason = Said.of("reason.no-figure-yet" if not figures else "reason.sum-unknown")
        return _pending(indicator, span, span.last, reason)
    year, total = found
    goal = target.value.number
    k, n = year - span.base, span.length
    evaluation = replace(
        _shell(indicator, span, year),
        so_far=total,
        unit=target.unit,
        goal=goal,
        needed=(goal - total) / (n - k) if k < n else None,
        spread=_spread(figures, lambda shifted: _sum(shifted, year, span.base, target.unit)),
    )
    final = bounded(replace(indicator, actual=Value(total, target.unit, str(total))))
    formula = Said.of("formula.span-total")
    if goal <= 0:
        return _judged(
            indicator, final, evaluation, None, None, formula, achieved=final.status is Status.MET
        )
    covered = HUNDRED * total / goal
    return _judged(
        indicator,
        final,
        evaluation,
        covered,
        HUNDRED * k / n,
        formula,
        achieved=final.status is Status.MET,
    )


def _relative(indicator: Indicator, plan: Plan, span: Span) -> Result:
    """Against another indicator's growth (高于国内生产总值增长), each year and on average: the
    average annual rate so far against the reference's over the same years."""
    target = indicator.target
    ref_id = target.sync or ""
    reference = plan.indicator(ref_id)
    shell = _shell(indicator, span, span.last)
    if reference is None:
        reason = Said.of("reason.reference-missing", ref=ref_id)
        unknown = Judgement(Status.UNKNOWN, reference=ref_id, reason=reason)
        return Result(indicator, unknown, evaluation=shell)
    if any(f.value.unit != "%" for f in reference.years):
        reason = Said.of("reason.reference-not-rates", ref=ref_id)
        unknown = Judgement(Status.UNKNOWN, reference=ref_id, reason=reason)
        return Result(indicator, unknown, evaluation=shell)
    own = {f.year: f for f in indicator.years}
    theirs = {f.year: f for f in reference.years}
    for year in sorted(own, reverse=True):
        mine = _factor(own, year, span.base)
        other = _factor(theirs, year, span.base)
        if mine is not None and other is not None and mine > 0 and other > 0:
            break
    else:
        if not own:
            return _pending(indicator, span, span.last, Said.of("reason.no-figure-yet"))
        reason = Said.of("reason.no-common-year", ref=ref_id)
        unknown = Judgement(Status.UNKNOWN, reference=ref_id, reason=reason)
        return Result(indicator, unknown, evaluation=shell)
    k = year - span.base
    average, reference_average = _root(mine, k), _root(other, k)
    gap = average - reference_average
    each = tuple(
        (y, own[y].value.number, theirs[y].value.number)
        for y in range(span.first, year + 1)
        if y in own
        and y in theirs
        and own[y].written is Written.YEAR
        and theirs[y].written is Written.YEAR
    )
    met = relation_met(target.relation, gap)
    evaluation = replace(
        _shell(indicator, span, year),
        so_far=average,
        unit="%",
        average=average,
        reference_average=reference_average,
        years=each,
    )
    verdict = Judgement(
        Status.MET if met else Status.MISSED,
        gap=gap,
        gap_unit="pp",
        reference=ref_id,
        reference_actual=reference_average,
        actual=average,
        formula=(Said.of("formula.span-relative", ref=ref_id),),
    )
    # before the last year, the same comparison says whether the span is on its way
    schedule = (
        None
        if evaluation.final
        else replace(verdict, status=Status.ON_TRACK if met else Status.BEHIND)
    )
    return Result(indicator, verdict, schedule, evaluation=evaluation)
