"""The values compute and audit produce: one Result per indicator, a Report per plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from govplan.model import Indicator, Plan
from govplan.said import Said
from govplan.terms import Attribute, Direction, Measure, Status, Verdict
from govplan.values import Value

HUNDRED = Decimal(100)
# The published figures an audit checks, by their Chinese names in the 附件 tables.
PUBLISHED_ZH = {"completion": "完成率", "gap": "差距", "status": "状态"}


@dataclass(frozen=True)
class AuditEntry:
    """One published figure against govplan's: intervals allow for printed precision."""

    field: str
    reported: Decimal | str
    computed: Decimal | str | None
    verdict: Verdict
    reported_range: tuple[Decimal, Decimal] | None = None
    computed_range: tuple[Decimal, Decimal] | None = None
    reason: Said | None = None  # why the figure could not be checked, or disagrees


@dataclass(frozen=True)
class Pace:
    """What the rest of the year needs, against the pace so far.

    For a quantity: `needed` and `so_far` are amounts per month in `unit`, and `projection`
    is the year-end amount at the pace so far. For a growth rate (with base and base_ytd):
    `needed` is the growth the remaining months need, `so_far` the year-to-date growth, and
    `projection` the full-year growth at that pace, all in %."""

    months: int  # months elapsed
    needed: Decimal
    so_far: Decimal
    projection: Decimal
    unit: str | None
    reachable: bool  # at a plausible pace (docs/computation.md says what that is)
    rate: bool = False


@dataclass(frozen=True)
class Evaluation:
    """A five-year target judged at `year` of its span (docs/computation.md has the formulas).

    `covered` is the share of the way covered and `expected` the share expected by `year`,
    both in %. `so_far` is what the figures reach by `year`, in `unit`: a level, the change
    since the base year (%), the average annual rate (%) or the sum so far. `goal` is what the
    span asks in the same terms (an average's as the change over the whole span, %)."""

    measure: Measure
    year: int  # the year judged: the plan's, or the latest its figures reach
    first: int
    last: int
    covered: Decimal | None = None
    expected: Decimal | None = None
    so_far: Decimal | None = None
    unit: str | None = None
    goal: Decimal | None = None
    base: Decimal | None = None  # a level's base, in `unit`
    average: Decimal | None = None  # the average annual rate so far, %
    needed: Decimal | None = None  # a year in the remaining years: the rate (%) or the amount
    even: Decimal | None = None  # the even yearly rate (%) that reaches the goal in the last year
    projection: Decimal | None = None  # a level's in the last year, at the pace so far
    reference_average: Decimal | None = None  # a relative target's reference, %
    # a relative target's each year: (year, the indicator's rate, the reference's rate)
    years: tuple[tuple[int, Decimal, Decimal], ...] = ()
    # how far the measure the last year's verdict is taken on may lie from the computed one,
    # given the digits the figures printed (in the target's unit): the audit's allowance
    spread: Decimal | None = None

    @property
    def base_year(self) -> int:
        return self.first - 1

    @property
    def final(self) -> bool:
        """Judged on the last year: met or missed, no longer on a path."""
        return self.year == self.last


@dataclass(frozen=True)
class Judgement:
    """One stage's verdict on an indicator with the numbers behind it: compute's on the
    figures as they stand, or the schedule's (through the year, along a five-year span)
    against the share expected by now."""

    status: Status
    gap: Decimal | None = None
    gap_unit: str | None = None
    completion: Decimal | None = None
    completion_base: Decimal | None = None  # what completion is 100 × actual over
    stretch_met: bool | None = None
    stretch_gap: Decimal | None = None
    tolerance: Decimal | None = None
    expected: Decimal | None = None  # the schedule share (progress tasks, the year so far)
    reference: str | None = None  # relative targets: the indicator referred to
    reference_actual: Decimal | None = None
    reference_value: Value | None = None
    actual: Decimal | None = None  # the actual in the target's unit
    formula: tuple[Said, ...] = ()  # how it was computed, step by step
    reason: Said | None = None  # why the status is unknown or pending
    better: Direction = Direction.UP  # which way the gap is better
    allowance: Decimal = Decimal(0)  # how far short still counts as met (about, on track)


@dataclass(frozen=True)
class Result:
    """Everything computed for one indicator: each stage's value, composed once.

    `verdict` is compute's, on the figures as they stand (at a five-year span's end, on the
    whole span); `schedule` the judgement against the share expected by now, given through
    the year and along a span before its last year; `audit` the published figures checked
    against what is shown. What a report shows is the schedule's judgement where there is
    one, else the verdict: the properties below read that one."""

    indicator: Indicator
    verdict: Judgement
    schedule: Judgement | None = None
    pace: Pace | None = None  # through the year: what the rest of the year needs
    evaluation: Evaluation | None = None  # a five-year plan's judgement over its span
    audit: tuple[AuditEntry, ...] = field(default_factory=tuple)

    @property
    def shown(self) -> Judgement:
        return self.verdict if self.schedule is None else self.schedule

    @property
    def status(self) -> Status:
        return self.shown.status

    @property
    def gap(self) -> Decimal | None:
        return self.shown.gap

    @property
    def gap_unit(self) -> str | None:
        return self.shown.gap_unit

    @property
    def completion(self) -> Decimal | None:
        return self.shown.completion

    @property
    def completion_base(self) -> Decimal | None:
        return self.shown.completion_base

    @property
    def stretch_met(self) -> bool | None:
        return self.shown.stretch_met

    @property
    def stretch_gap(self) -> Decimal | None:
        return self.shown.stretch_gap

    @property
    def tolerance(self) -> Decimal | None:
        return self.shown.tolerance

    @property
    def expected(self) -> Decimal | None:
        return self.shown.expected

    @property
    def reference(self) -> str | None:
        return self.shown.reference

    @property
    def reference_actual(self) -> Decimal | None:
        return self.shown.reference_actual

    @property
    def reference_value(self) -> Value | None:
        return self.shown.reference_value

    @property
    def actual(self) -> Decimal | None:
        return self.shown.actual

    @property
    def formula(self) -> tuple[Said, ...]:
        return self.shown.formula

    @property
    def reason(self) -> Said | None:
        return self.shown.reason

    @property
    def better(self) -> Direction:
        return self.shown.better

    @property
    def allowance(self) -> Decimal:
        return self.shown.allowance

    @property
    def shortfall(self) -> Decimal | None:
        """How far the actual lies on the wrong side of its mark, in the gap's unit: positive
        when short, zero or negative when at or beyond it, whatever the direction. The one
        notion of "behind" that sorting, roll-ups, colours and --fail-on share; a settled
        result falls short exactly when its shortfall exceeds its allowance."""
        shown = self.shown
        if shown.gap is None:
            return None
        if shown.better is Direction.DOWN:
            return shown.gap
        if shown.better is Direction.BAND:
            return abs(shown.gap)
        return -shown.gap

    @property
    def inconsistent(self) -> int:
        return sum(1 for a in self.audit if a.verdict is Verdict.INCONSISTENT)


@dataclass(frozen=True)
class Report:
    """A plan with its results."""

    plan: Plan
    results: tuple[Result, ...]

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    def inconsistent(self) -> int:
        return sum(r.inconsistent for r in self.results)

    def binding_short(self) -> tuple[Result, ...]:
        """The binding (约束性) indicators behind plan or missed: what a five-year
        evaluation calls out, and what --fail-on binding fails on."""
        return tuple(
            r
            for r in self.results
            if r.indicator.attribute is Attribute.BINDING and r.status.falls_short
        )
