"""Auditing published figures: each reported completion, gap and status against govplan's,
allowing for the digits the document printed (3.7 stands for [3.65, 3.75))."""

from __future__ import annotations

import decimal
from dataclasses import replace
from decimal import Decimal

from govplan.model import Reported
from govplan.precision import context
from govplan.results import HUNDRED, PUBLISHED_ZH, AuditEntry, Report, Result
from govplan.said import Said
from govplan.terms import Form, Kind, Status, Verdict
from govplan.tolerance import effective_tolerance
from govplan.units import is_counting
from govplan.values import Value, in_unit

ZERO = Decimal(0)
Interval = tuple[Decimal, Decimal]


def spread(value: Value) -> Decimal:
    """How far the true number may lie from the printed one: none for a whole count of
    things (161 家 is exact), half the last printed digit otherwise (3.7 -> 0.05)."""
    if value.decimals == 0 and (value.unit is None or is_counting(value.unit)):
        return ZERO
    return value.half_step


def _overlap(a: Interval, b: Interval) -> bool:
    """Printed numbers stand for half-open intervals ([3.65, 3.75) for 3.7), so touching
    ends do not overlap; an exact value is the degenerate interval [x, x]."""
    if a[0] == a[1]:
        return b[0] <= a[0] < b[1] or a[0] == b[0] == b[1]
    if b[0] == b[1]:
        return a[0] <= b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def _around(value: Decimal, half: Decimal) -> Interval:
    return (value - half, value + half)


def _ratio_range(actual: Interval, base: Decimal) -> Interval:
    low, high = HUNDRED * actual[0] / base, HUNDRED * actual[1] / base
    return (min(low, high), max(low, high))


def _in_gap_unit(gap: Value, target_unit: str | None, kind: Kind) -> tuple[Value, Decimal]:
    """A published gap in the unit govplan's gap is in, and half its last printed digit
    there: a quantity's converted to the target's unit (1029人 on a 万人 target is
    0.1029万人, ± 0.5人), a rate's percentage points as they are."""
    if gap.unit is None or kind is Kind.RATE or target_unit in (None, "%", gap.unit):
        return gap, gap.half_step
    half = in_unit(Value(gap.half_step, gap.unit, ""), target_unit)
    return Value(in_unit(gap, target_unit), target_unit, gap.text, gap.approximate), half


def _entry(
    name: str,
    reported: Value,
    computed: Decimal | None,
    computed_range: Interval | None,
    printed: Decimal | None = None,
    *,
    checkable: bool = True,
) -> AuditEntry:
    """`printed`: half the last digit the document printed, where the figure was converted.
    `checkable`: govplan reached a verdict on a number (else the figure is unverifiable)."""
    reported_range = _around(reported.number, reported.half_step if printed is None else printed)
    if computed is None or computed_range is None:
        if not checkable:
            return AuditEntry(
                name,
                reported.number,
                None,
                Verdict.UNVERIFIABLE,
                reported_range=reported_range,
                reason=Said.of("audit.no-actual"),
            )
        return AuditEntry(
            name,
            reported.number,
            None,
            Verdict.INCONSISTENT,
            reported_range=reported_range,
            reason=Said.of("audit.computes-none", field=name, field_zh=PUBLISHED_ZH[name]),
        )
    verdict = (
        Verdict.CONSISTENT if _overlap(reported_range, computed_range) else Verdict.INCONSISTENT
    )
    return AuditEntry(
        name,
        reported.number,
        computed,
        verdict,
        reported_range=reported_range,
        computed_range=computed_range,
    )


def audit_result(result: Result) -> tuple[AuditEntry, ...]:
    """One audit entry per published figure of the result's indicator, checked against what
    the result shows."""
    indicator = result.indicator
    reported = indicator.reported
    if reported is None:
        return ()
    entries: list[AuditEntry] = []
    measured = indicator.measured
    target = indicator.target
    actual_range: Interval | None = None
    evaluation = result.evaluation
    if evaluation is not None:
        # a five-year verdict: in its last year on the level, average, change or total the
        # figures reach (with the spread their printed digits leave); before it, on shares
        if evaluation.final and evaluation.spread is not None and result.actual is not None:
            actual_range = _around(result.actual, evaluation.spread)
    elif measured is not None and result.actual is not None:
        unit = target.unit if indicator.kind is not Kind.PROGRESS else "%"
        half = spread(measured)
        actual_range = _around(result.actual, in_unit(Value(half, measured.unit, ""), unit))
    # a figure of a result with no number behind it (no actual, an actual given as a bound,
    # a verdict govplan could not reach) cannot be checked: unverifiable, not inconsistent
    checkable = result.status.settled and result.actual is not None
    if reported.completion is not None:
        computed_range = None
        if result.completion_base and actual_range is not None:
            computed_range = _ratio_range(actual_range, result.completion_base or HUNDRED)
        entries.append(
            _entry(
                "completion",
                reported.completion,
                result.completion,
                computed_range,
                checkable=checkable,
            )
        )
    if reported.gap is not None:
        gap, printed = _in_gap_unit(reported.gap, target.unit, indicator.kind)
        computed_range = None
        if result.gap is not None and actual_range is not None:
            # The target (or the schedule share) is exact; the actual carries the spread,
            # and a relative target's reference actual carries its own.
            half = actual_range[1] - result.actual if result.actual is not None else ZERO
            if result.reference_value is not None:
                half += spread(result.reference_value)
            computed_range = _around(result.gap, half)
        entries.append(_entry("gap", gap, result.gap, computed_range, printed, checkable=checkable))
    if reported.status is not None and target.form is not Form.TEXT:
        entries.append(_status_entry(result, reported))
    return tuple(entries)


# A published 完成 agrees with a five-year target met before its last year, and 提前实现 with
# one met in its last year: both say the target was reached.
_AGREES: dict[Status, frozenset[Status]] = {
    Status.MET: frozenset({Status.MET, Status.ACHIEVED}),
    Status.ACHIEVED: frozenset({Status.MET, Status.ACHIEVED}),
}


def _status_entry(result: Result, reported: Reported) -> AuditEntry:
    """A published verdict against govplan's; 基本完成 also agrees with a miss no larger than
    the default tolerance of "about"."""
    claimed = reported.status
    assert claimed is not None
    written = reported.status_text or claimed.value
    computed = result.status
    if not computed.settled:
        return AuditEntry(
            "status",
            written,
            computed.value,
            Verdict.UNVERIFIABLE,
            reason=Said.of("audit.status-unsettled", status=Said.of(f"status.{computed}")),
        )
    same = computed in _AGREES.get(claimed, frozenset({claimed}))
    if not same and reported.nearly and computed is Status.MISSED:
        indicator = result.indicator
        shortfall = result.shortfall
        if shortfall is not None and indicator.target.value is not None:
            default = effective_tolerance(
                replace(indicator, tolerance=None), replace(indicator.target, tolerance=None)
            )
            same = shortfall <= default
    verdict = Verdict.CONSISTENT if same else Verdict.INCONSISTENT
    return AuditEntry("status", written, computed.value, verdict)


def audit_report(report: Report) -> Report:
    """The report with every result's published figures audited: the audit's value joined
    to the computed ones, once."""
    with decimal.localcontext(context()):
        audits = [audit_result(r) for r in report.results]
    if not any(audits):
        return report
    results = tuple(
        replace(r, audit=a) if a else r for r, a in zip(report.results, audits, strict=True)
    )
    return replace(report, results=results)
