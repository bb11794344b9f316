"""The rules that look at a plan as a whole once it is computed (a reference that does not
resolve, a published figure that disagrees, a level with no base …): each a function from the
plan and its report to findings, run by `validate` and `check` alike."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from govplan.codes import CodeName
from govplan.errors import Finding, Location
from govplan.messages import said
from govplan.model import Plan
from govplan.results import PUBLISHED_ZH, Report
from govplan.terms import Direction, Form, Kind, Measure, Status, Verdict
from govplan.units import UnitError, is_counting, is_open
from govplan.values import in_unit


def _warning(
    plan: Plan, path: tuple[str | int, ...], code: CodeName, variant: str = "", /, **fields: object
) -> Finding:
    """The finding at `path` of the plan, its message from messages.txt."""
    location = plan.marks.at(path) if plan.marks else Location(plan.file)
    return said(location, code, variant, **fields)


def rule_unresolved_reference(plan: Plan, report: Report) -> Iterator[Finding]:
    """A relative target (与经济增长同步) whose reference indicator is not in the plan."""
    for index, ind in enumerate(plan.indicators):
        ref = ind.target.sync
        if ind.target.form is Form.SYNC and ref and plan.indicator(ref) is None:
            yield _warning(
                plan,
                ("indicators", index, "target"),
                "unresolved-reference",
                target=ind.target.text,
                ref=ref,
            )


def _shown(value: Decimal | str | None) -> str:
    """A number as a person writes it (35.56, not 35.55978131685286427382933207)."""
    from govplan.render.numbers import plain

    if value is None:
        return "none"
    return value if isinstance(value, str) else plain(value, 4)


def rule_inconsistent_reported(plan: Plan, report: Report) -> Iterator[Finding]:
    """A published figure that does not match govplan's, even allowing for rounding."""
    for index, result in enumerate(report.results):
        for entry in result.audit:
            if entry.verdict is not Verdict.INCONSISTENT:
                continue
            yield _warning(
                plan,
                ("indicators", index, "reported", entry.field),
                "inconsistent-reported",
                field=entry.field,
                field_zh=PUBLISHED_ZH[entry.field],
                reported=_shown(entry.reported),
                computed=_shown(entry.computed),
                why=f" ({entry.reason.text('en')})" if entry.reason else "",
                why_zh=f" ({entry.reason.text('zh')})" if entry.reason else "",
            )


def rule_catalogue_id(plan: Plan, report: Report) -> Iterator[Finding]:
    """An indicator named as a catalogue indicator (or its alias) but under another id."""
    from govplan.catalogue import by_id, match_name

    for index, ind in enumerate(plan.indicators):
        entry = match_name(ind.name)
        if entry is not None and entry.id != ind.id and by_id(ind.id) is None:
            yield _warning(
                plan,
                ("indicators", index, "id"),
                "catalogue-id",
                name=ind.name,
                id=entry.id,
                zh=entry.zh,
            )


def rule_negative_count(plan: Plan, report: Report) -> Iterator[Finding]:
    """An actual below zero for a count of things."""
    for index, ind in enumerate(plan.indicators):
        actual = ind.actual
        if actual is None or actual.number >= 0 or actual.unit is None:
            continue
        if ind.kind is Kind.QUANTITY and (is_open(actual.unit) or is_counting(actual.unit)):
            yield _warning(
                plan,
                ("indicators", index, "actual"),
                "negative-count",
                text=actual.text,
            )


def rule_series_order(plan: Plan, report: Report) -> Iterator[Finding]:
    """A year-to-date quantity that shrinks: an earlier figure above a later one."""
    for index, ind in enumerate(plan.indicators):
        if ind.kind is not Kind.QUANTITY or not ind.series:
            continue
        unit = ind.target.unit
        points = [*ind.series, *([("actual", ind.actual)] if ind.actual is not None else [])]
        try:
            numbers = [(period, in_unit(value, unit)) for period, value in points]
        except UnitError:
            continue  # reported as bad-series or unit-mismatch already
        for (before, a), (after, b) in itertools.pairwise(numbers):
            if a > b:
                at: tuple[str | int, ...] = ("indicators", index, "series", before)
                yield _warning(
                    plan,
                    at,
                    "series-order",
                    before=before,
                    a=f"{a:f}",
                    after=after,
                    b=f"{b:f}",
                )


def rule_no_completion(plan: Plan, report: Report) -> Iterator[Finding]:
    """An at-least target of zero or below for a quantity: no completion ratio."""
    for index, result in enumerate(report.results):
        ind = result.indicator
        value = ind.target.value
        if ind.kind is not Kind.QUANTITY or value is None or value.number > 0:
            continue
        if result.better is Direction.UP:
            yield _warning(
                plan,
                ("indicators", index, "target"),
                "no-completion",
                target=ind.target.text,
            )


def rule_no_base(plan: Plan, report: Report) -> Iterator[Finding]:
    """A five-year level target without the base year's level: no share can be computed."""
    for index, result in enumerate(report.results):
        ind = result.indicator
        # only where a share is wanted: figures in, and not settled by meeting the target
        if (
            ind.measure is Measure.LEVEL
            and ind.base is None
            and ind.years
            and result.status is Status.UNKNOWN
        ):
            yield _warning(
                plan,
                ("indicators", index, "target"),
                "no-base",
                target=ind.target.text,
                last=plan.span.last if plan.span else "",
            )


def rule_nothing_to_compound(plan: Plan, report: Report) -> Iterator[Finding]:
    """A five-year rate, change or total whose figures do not reach back to the base year."""
    for index, result in enumerate(report.results):
        ind = result.indicator
        measure = ind.measure
        if measure not in (Measure.AVERAGE, Measure.CHANGE, Measure.TOTAL) or not ind.years:
            continue
        if result.status is Status.PENDING:
            years = ", ".join(str(f.year) for f in ind.years)
            yield _warning(
                plan,
                ("indicators", index, "series"),
                "nothing-to-compound",
                years=years,
            )


RULES: tuple[Callable[[Plan, Report], Iterable[Finding]], ...] = (
    rule_unresolved_reference,
    rule_inconsistent_reported,
    rule_catalogue_id,
    rule_negative_count,
    rule_no_completion,
    rule_series_order,
    rule_no_base,
    rule_nothing_to_compound,
)


def rule_findings(plan: Plan, report: Report, loaded: Iterable[Finding] = ()) -> list[Finding]:
    """Every rule's findings for a plan, with those of loading it (the YAML 1.1 traps, a
    GB18030 file), in line order, without those a comment silences (`# govplan:
    ignore[CODE]` on the line or the line above)."""
    findings = [*loaded, *(f for rule in RULES for f in rule(plan, report))]
    if plan.marks is not None:
        findings = [f for f in findings if not plan.marks.suppresses(f)]
    return sorted(findings, key=lambda f: (f.location.line, f.location.column))
