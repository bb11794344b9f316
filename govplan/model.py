"""The plan model: a validated document turned into typed indicators with parsed targets
and values, every semantic problem collected as a located finding."""

from __future__ import annotations

import decimal
import functools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from govplan.catalogue import by_id, match_name
from govplan.codes import CodeName
from govplan.document import IndicatorDoc, PlanHead, validate_document
from govplan.errors import Finding, Location
from govplan.fiveyear import (
    Figure,
    Span,
    SpanSyntaxError,
    SpanTarget,
    Written,
    parse_span,
    read_figure,
    read_span_target,
)
from govplan.load import Loaded, Marks, load_text, read_file, reading
from govplan.messages import refusal, said
from govplan.periods import YEAR, months, order
from govplan.precision import MAGNITUDE, context, within_bounds
from govplan.said import Said, SaidError
from govplan.targets import Target, TargetSyntaxError, parse_target
from govplan.terms import Attribute, Direction, Form, Kind, Measure, Status
from govplan.units import RATIO, UnitError, check_unit
from govplan.values import (
    RANK_UNIT,
    Value,
    ValueSyntaxError,
    in_unit,
    is_change_only,
    normalize,
    parse_number,
    parse_value,
    without_time_base,
)
from govplan.words import vocabulary

NOT_REPORTED = frozenset({"/", "-", "—"})  # as printed for "not reported", after NFKC


@functools.lru_cache(maxsize=8192)  # every value field asks; plans repeat their values
def _not_reported(raw: str) -> bool:
    return normalize(raw) in NOT_REPORTED


@dataclass(frozen=True)
class Reported:
    """Published figures to audit."""

    completion: Value | None = None
    gap: Value | None = None
    status: Status | None = None  # the verdict the document claims
    status_text: str | None = None  # as it wrote it (完成, 滞后于预期)
    nearly: bool = False  # 基本完成: met, or missed within the default tolerance of "about"


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    kind: Kind
    target: Target
    location: Location
    direction: Direction = Direction.UP
    group: str | None = None
    lead: str | None = None
    unit: str | None = None
    tolerance: Decimal | None = None
    actual: Value | None = None
    actual_text: str | None = None  # qualitative targets report in words
    progress: Value | None = None
    note: str | None = None
    source: str | None = None
    reported: Reported | None = None
    base: Value | None = None  # last year's full-year actual
    base_ytd: Value | None = None  # last year's year-to-date actual at the plan's period
    series: tuple[tuple[str, Value], ...] = ()  # earlier year-to-date figures, in order
    # A five-year plan's: the target over the span, and each year's figure, in year order
    # (the actual at the plan's year among them).
    attribute: Attribute | None = None
    over: SpanTarget | None = None
    years: tuple[Figure, ...] = ()

    @property
    def measure(self) -> Measure | None:
        return self.over.measure if self.over is not None else None

    @property
    def measured(self) -> Value | None:
        """What was reported against the target: a task's progress, else the actual."""
        return self.progress if self.kind is Kind.PROGRESS else self.actual


@dataclass(frozen=True)
class Plan:
    file: str
    district: str
    year: int
    period: str
    indicators: tuple[Indicator, ...]
    city: str | None = None
    title: str | None = None
    source: dict[str, str | None] = field(default_factory=dict)
    span: Span | None = None
    marks: Marks | None = field(default=None, compare=False, repr=False)

    def indicator(self, ident: str) -> Indicator | None:
        return self._by_id.get(ident)

    @functools.cached_property
    def _by_id(self) -> dict[str, Indicator]:
        # Built once, so that n relative targets look up their references in linear time.
        return {i.id: i for i in self.indicators}


def _infer_kind(doc: IndicatorDoc, target: Target) -> Kind:
    if doc.kind is not None:
        return Kind(doc.kind)
    if target.form is Form.PROGRESS:
        return Kind.PROGRESS
    if target.form is Form.TEXT:
        return Kind.QUALITATIVE
    if target.form in (Form.SYNC, Form.SIGN) or target.unit in _RATE_UNITS:
        return Kind.RATE
    return Kind.QUANTITY


_RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "pp", RATIO})  # no completion
_PP_UNITS = frozenset({"个百分点", "百分点", "pp"})


def _impossible_rank(target: Target, actual: Value | None) -> bool:
    """A rank below 1, or between two positions (第0, -1, 2.5)."""
    if target.unit != RANK_UNIT or actual is None or actual.unit != RANK_UNIT:
        return False
    return actual.number < 1 or actual.number != actual.number.to_integral_value()


def _words_only(raw: Any) -> bool:
    """An actual with no digit in it (明显改善), other than the changes govplan reads."""
    if raw is None or not isinstance(raw, str):
        return False
    return not re.search(r"\d", raw) and not is_change_only(raw) and not _not_reported(raw)


_CHANGE_NAME = re.compile(r"(增长|增速|增幅|涨幅|下降|降低|减少|降幅)$")
_UNIT_SUFFIX = re.compile(r"\([^()]*\)$")


# The words that make a target a change (下降3%; a five-year change from the base year).
_CHANGE_WORDS = frozenset({"word.verb-decrease", "word.span-change"})


def _measures_change(name: str, target: Target) -> bool:
    """A target on a change rather than a level: its words say so (增长5%, 下降3%, 提高0.5个
    百分点), or the name does (规上工业增加值增长, 居民消费价格涨幅)."""
    if any(meaning.key in _CHANGE_WORDS for _, meaning in target.words):
        return True
    if target.unit in _PP_UNITS:
        return True
    rest = without_time_base(normalize(target.text))
    if vocabulary().prefix(rest, "verb decrease", "actual up") is not None:
        return True  # 同比增长5%, 下降3%: the words of a change
    return names_a_change(name)


def names_a_change(name: str, ident: str | None = None) -> bool:
    """An indicator of a change by its name (规上工业增加值增长, 居民消费价格涨幅), or by its
    catalogue entry's (gdp: 地区生产总值增长)."""
    if _CHANGE_NAME.search(_UNIT_SUFFIX.sub("", normalize(name))):
        return True
    entry = (by_id(ident) if ident else None) or match_name(name)
    return entry is not None and _CHANGE_NAME.search(entry.zh) is not None


def _known_direction(doc: IndicatorDoc) -> Direction | None:
    """The indicator's own `direction:`, else the catalogue's for its id or name; None when
    it has neither (the indicator is then up, and a fall target a reduction)."""
    if doc.direction is not None:
        return Direction(doc.direction)
    entry = by_id(doc.id) or match_name(doc.name)
    return entry.direction if entry is not None else None


def _default_attribute(doc: IndicatorDoc) -> Attribute | None:
    """The indicator's own `attribute:`, else the national 纲要's for its catalogue entry."""
    if doc.attribute:
        return Attribute(doc.attribute)
    entry = by_id(doc.id) or match_name(doc.name)
    return entry.attribute if entry is not None else None


def _with_base(target: Target, base: Value | None) -> Target:
    """`翻一番` with a base: at least the base times the multiple, in the base's unit."""
    if target.multiple is None or base is None:
        return target
    bound = Value(base.number * target.multiple, base.unit, target.text)
    meaning = Said.of("word.base-times", multiple=target.multiple, bound=bound.number)
    words = (*target.words, (base.text, meaning))
    return Target(Form.MIN, target.text, bound, words=words)


class _Builder:
    """Builds one indicator, collecting findings instead of stopping at the first."""

    def __init__(
        self,
        marks: Marks,
        index: int,
        period: str = YEAR,
        span: Span | None = None,
        year: int = 0,
    ) -> None:
        self.marks = marks
        self.path: tuple[str | int, ...] = ("indicators", index)
        self.period = period
        self.span = span
        self.year = year
        self.findings: list[Finding] = []

    def refused(
        self, fieldname: str | int, code: CodeName, head: str, exc: SaidError, *at: str | int
    ) -> None:
        """A finding at the field from a parser's refusal, said in both languages after
        `head` (the field's name as the plan writes it: `actual: `)."""
        where = self.marks.at((*self.path, fieldname, *at))
        self.findings.append(refusal(where, code, exc.said, head))

    def say(
        self,
        fieldname: str | int,
        code: CodeName,
        variant: str = "",
        /,
        *,
        at: tuple[str | int, ...] = (),
        **fields: object,
    ) -> None:
        """A finding at the field, its message from messages.txt."""
        where = self.marks.at((*self.path, fieldname, *at))
        self.findings.append(said(where, code, variant, **fields))

    def series(
        self, doc: IndicatorDoc, unit: str | None, target_unit: str | None
    ) -> tuple[tuple[str, Value], ...]:
        """The earlier year-to-date figures, in calendar order; each entry checked."""
        entries = []
        periods: dict[str, Any] = {}
        for key, raw in (doc.series or {}).items():
            if isinstance(key, int):
                self.say("series", "bad-series", "year-in-a-year", at=(key,), key=key)
            else:
                periods[key] = raw
        for period, raw in sorted(periods.items(), key=lambda kv: order(kv[0])):
            if months(period) >= months(self.period):
                self.say(
                    "series",
                    "bad-series",
                    "not-before",
                    at=(period,),
                    key=period,
                    period=self.period,
                )
                continue
            try:
                value = parse_value(raw, unit=unit)
            except ValueSyntaxError as exc:
                self.refused("series", "bad-series", f"series {period}: ", exc, period)
                continue
            if target_unit is None or self.comparable(
                "series", value, target_unit, period, code="bad-series"
            ):
                entries.append((period, value))
        return tuple(entries)

    def value(self, fieldname: str, raw: Any, unit: str | None) -> Value | None:
        if raw is None:
            return None
        if isinstance(raw, str) and _not_reported(raw):
            return None
        try:
            return parse_value(raw, unit=unit)
        except ValueSyntaxError as exc:
            self.refused(fieldname, exc.code, f"{fieldname}: ", exc)
            return None

    def change_only(self, doc: IndicatorDoc, target: Target, actual: Value) -> Value | None:
        """持平 and 正增长 are changes: against a target that is a change (增长5%, 下降3%, a
        name ending 增长 or 涨幅, a sign-only target) they are 0 or above 0 in its unit;
        against a level (失业率 5.5%以内) they would be a wrong number, and are refused."""
        if target.form is Form.SIGN or _measures_change(doc.name, target):
            unit = target.unit if target.unit in ("%", "‰", *_PP_UNITS) else "%"
            return replace(actual, unit=unit)
        self.say("actual", "bad-value", "change-on-a-level", text=actual.text, target=target.text)
        return None

    def _gap_fits(self, gap: Value, kind: Kind, target: Target) -> bool:
        """A published gap written with a unit: a rate's in percentage points (个百分点, pp),
        a quantity's in a unit that converts to the target's (1029人 on a 万人 target);
        another dimension is a unit-mismatch, never a number taken without its unit."""
        if kind is Kind.RATE or target.unit == "%":
            if gap.unit in _PP_UNITS or gap.unit == target.unit:
                return True
            self.say("reported", "unit-mismatch", "rate-gap", at=("gap",), text=gap.text)
            return False
        return self.comparable("reported", gap, target.unit, "gap")

    def comparable(
        self,
        fieldname: str,
        value: Value | None,
        target_unit: str | None,
        *at: str,
        against: str = "target",
        code: CodeName = "unit-mismatch",
    ) -> bool:
        """The value's unit must convert to the target's (亿元 vs 亿美元 is an error), or to
        what else it is measured `against`; a finding (`code`, at the field and `at`) if
        not. True when it converts."""
        if value is None or value.unit == target_unit:
            return True
        name = " ".join((fieldname, *at))
        if value.unit is None or target_unit is None:
            if target_unit is None:
                told = Said.of("unit.none-against", name=name, unit=value.unit, against=against)
            else:
                told = Said.of("unit.none", name=name, unit=target_unit, against=against)
            where = self.marks.at((*self.path, fieldname, *at))
            self.findings.append(refusal(where, code, told))
            return False
        try:
            converted = in_unit(value, target_unit)
        except UnitError as exc:
            self.refused(fieldname, code, f"{name} vs {against}: ", exc, *at)
            return False
        if not within_bounds(converted):
            shown = {"converted": f"{converted:.3e}", "limit": f"{MAGNITUDE:.0e}"}
            self.say(
                fieldname, "bad-value", "beyond", at=at, name=fieldname, text=value.text,
                unit=target_unit, **shown,
            )  # fmt: skip
            return False
        return True

    def build(self, doc: IndicatorDoc) -> Indicator | None:
        unit = normalize(doc.unit) if doc.unit else None
        if unit is not None:
            try:
                check_unit(unit)
            except UnitError as exc:
                self.refused("unit", "unknown-unit", "", exc)
                unit = None
        raw_target = (
            doc.target.model_dump() if not isinstance(doc.target, (str, float)) else doc.target
        )
        if self.span is not None:
            return self.build_over_span(doc, unit, raw_target, self.span)
        try:
            target = parse_target(raw_target, unit=unit)
        except TargetSyntaxError as exc:
            self.refused("target", exc.code, "", exc)
            return None
        tolerance = self.tolerance(doc, target)
        base = self.value("base", doc.base, unit)
        known = _known_direction(doc)
        direction = known or Direction.UP
        target = _with_base(target, base).resolved(known)
        if target.form is Form.SYNC and target.sync == doc.id:
            self.say("target", "bad-target", "self-sync", id=doc.id)
        kind = _infer_kind(doc, target)
        if kind is Kind.PROGRESS and target.form is not Form.PROGRESS:
            target = Target(Form.PROGRESS, target.text)
        # a rank's actual may be a bare number (2 for 第2)
        actual_unit = unit or (RANK_UNIT if target.unit == RANK_UNIT else None)
        actual_text = None
        if target.form is Form.TEXT and doc.actual is not None:
            actual, actual_text = None, str(doc.actual)
        elif target.form is Form.SIGN and _words_only(doc.actual):
            # 生态环境质量持续改善 reported in words: kept as written, judged unknown
            actual, actual_text = None, str(doc.actual)
        else:
            actual = self.value("actual", doc.actual, actual_unit)
        if actual is not None and is_change_only(actual.text):
            actual = self.change_only(doc, target, actual)
        if _impossible_rank(target, actual):
            assert actual is not None
            self.say("actual", "bad-value", "rank", text=actual.text)
            actual = None
        progress = self.value("progress", doc.progress, "%")
        if progress is not None and progress.unit != "%":
            self.say("progress", "bad-progress", "not-a-share", text=progress.text)
        elif progress is not None and not (0 <= progress.number <= 999):
            self.say("progress", "bad-progress", "outside", text=progress.text)
        if kind is Kind.PROGRESS and actual is not None:
            self.say("actual", "bad-progress", "actual")
        if kind is not Kind.PROGRESS and progress is not None:
            self.say("progress", "bad-progress", "not-a-task")
        if target.value is not None:
            self.comparable("actual", actual, target.unit)
        if target.stretch is not None:
            self.comparable("target", target.stretch, target.unit)
        base_ytd = self.value("base_ytd", doc.base_ytd, unit)
        if kind is Kind.QUANTITY and target.value is not None and target.multiple is None:
            self.comparable("base", base, target.unit)
        if base is not None:
            self.comparable("base_ytd", base_ytd, base.unit, against="base")
        series = self.series(doc, None if target.form is Form.TEXT else actual_unit, target.unit)
        reported = self.reported(doc, kind, target)
        return Indicator(
            id=doc.id,
            name=doc.name,
            kind=kind,
            target=target,
            location=self.marks.at(self.path),
            direction=direction,
            group=doc.group,
            lead=doc.lead,
            unit=unit,
            tolerance=tolerance,
            actual=actual,
            actual_text=actual_text,
            progress=progress,
            note=doc.note,
            source=doc.source,
            reported=reported,
            base=base,
            base_ytd=base_ytd,
            series=series,
        )

    def tolerance(self, doc: IndicatorDoc, target: Target) -> Decimal | None:
        tolerance = target.tolerance
        if doc.tolerance is not None:
            try:
                tolerance = parse_number(normalize(str(doc.tolerance)))
            except ValueSyntaxError as exc:
                self.refused("tolerance", "bad-value", "tolerance: ", exc)
            if tolerance is not None and tolerance < 0:
                self.say("tolerance", "bad-tolerance", given=doc.tolerance)
                tolerance = None
        return tolerance

    def reported(self, doc: IndicatorDoc, kind: Kind, target: Target) -> Reported | None:
        if doc.reported is None:
            return None
        gap_unit = target.unit if target.unit != "%" else None
        gap = self.value("reported", doc.reported.gap, gap_unit)
        if gap is not None and gap.unit is not None and not self._gap_fits(gap, kind, target):
            gap = None
        status, nearly = self.reported_status(doc.reported.status)
        return Reported(
            completion=self.value("reported", doc.reported.completion, "%"),
            gap=gap,
            status=status,
            status_text=doc.reported.status if status is not None else None,
            nearly=nearly,
        )

    def reported_status(self, raw: str | None) -> tuple[Status | None, bool]:
        """A published verdict as the documents grade it ([reported status] in words.txt)."""
        if raw is None:
            return None, False
        meaning = vocabulary().value("reported status", normalize(raw).replace(" ", ""))
        if meaning is None:
            self.say("reported", "bad-value", "grade", at=("status",), given=raw)
            return None, False
        if meaning == "nearly":
            return Status.MET, True
        return Status(meaning), False

    def build_over_span(
        self, doc: IndicatorDoc, unit: str | None, raw_target: Any, span: Span
    ) -> Indicator | None:
        """An indicator of a five-year plan: its target over the span, and each year's figure."""
        try:
            over = read_span_target(raw_target, span, unit=unit, name=doc.name)
        except TargetSyntaxError as exc:
            self.refused("target", exc.code, "", exc)
            return None
        known = _known_direction(doc)
        direction = known or Direction.UP
        target = over.target.resolved(known)
        over = replace(over, target=target)
        measure = over.measure
        base = self.value("base", doc.base, unit)
        if base is None and over.start is not None:
            base = over.start
        figure_unit: str | None
        if measure in (Measure.AVERAGE, Measure.CHANGE, Measure.RELATIVE):
            kind, figure_unit = Kind.RATE, "%"
        elif measure is Measure.TEXT:
            kind, figure_unit = Kind.QUALITATIVE, unit
        else:
            kind = _infer_kind(doc, target)
            figure_unit = unit or target.unit
            if over.increment and target.unit in _PP_UNITS:
                figure_unit = unit or "%"
            elif over.increment and base is not None:
                figure_unit = base.unit
        if doc.kind is not None:
            kind = Kind(doc.kind)
        if measure is Measure.LEVEL and base is not None:
            level_unit = "%" if over.increment and target.unit in _PP_UNITS else figure_unit
            self.comparable("base", base, level_unit)
        years: dict[int, Figure] = {}
        actual_text = None
        for key, raw in sorted((doc.series or {}).items(), key=lambda kv: str(kv[0])):
            figure = self.figure("series", key, raw, span, figure_unit, over)
            if figure is not None:
                years[figure.year] = figure
        actual = None
        if measure is Measure.TEXT:
            actual_text = None if doc.actual is None else str(doc.actual)
        elif doc.actual is not None and not (
            isinstance(doc.actual, str) and _not_reported(doc.actual)
        ):
            figure = self.figure("actual", self.year, doc.actual, span, figure_unit, over)
            if figure is not None and figure.year in years:
                self.say("series", "bad-series", "twice", at=(self.year,), year=self.year)
            elif figure is not None:
                years[figure.year] = figure
                actual = figure.value
        return Indicator(
            id=doc.id,
            name=doc.name,
            kind=kind,
            target=target,
            location=self.marks.at(self.path),
            direction=direction,
            group=doc.group,
            lead=doc.lead,
            unit=unit,
            tolerance=self.tolerance(doc, target),
            actual=actual,
            actual_text=actual_text,
            note=doc.note,
            source=doc.source,
            reported=self.reported(doc, kind, target),
            base=base,
            attribute=_default_attribute(doc),
            over=over,
            years=tuple(years[y] for y in sorted(years)),
        )

    def figure(
        self,
        fieldname: str,
        key: int | str,
        raw: Any,
        span: Span,
        unit: str | None,
        over: SpanTarget,
    ) -> Figure | None:
        """One year's figure, checked against the span, the plan's year and the measure."""
        at: tuple[str | int, ...] = (key,) if fieldname == "series" else ()
        if not isinstance(key, int):
            self.say(fieldname, "bad-series", "period-in-a-span", at=at, key=key)
            return None
        if not span.first <= key <= self.year:
            if not span.first <= key <= span.last:
                self.say(fieldname, "bad-series", "outside-span", at=at, key=key, span=span)
            else:
                self.say(fieldname, "bad-series", "after-year", at=at, key=key, year=self.year)
            return None
        if isinstance(raw, str) and _not_reported(raw):
            return None
        try:
            figure = read_figure(raw, key, span, unit=unit)
        except (SpanSyntaxError, ValueSyntaxError) as exc:
            code: CodeName = "bad-series" if at else "bad-value"
            self.refused(fieldname, code, f"{fieldname} ", exc, *at)
            return None
        measure = over.measure
        name = f"{fieldname} {key}" if at else fieldname
        if measure is Measure.LEVEL and figure.written is not Written.YEAR:
            self.say(fieldname, "bad-series", "level", at=at, name=name, text=figure.value.text)
            return None
        if measure is Measure.TOTAL and figure.written is Written.AVERAGE:
            self.say(fieldname, "bad-series", "total", at=at, name=name, text=figure.value.text)
            return None
        if measure in (Measure.AVERAGE, Measure.CHANGE, Measure.RELATIVE):
            if figure.value.unit != "%":
                self.say(
                    fieldname,
                    "unit-mismatch",
                    "rate-figure",
                    at=at,
                    name=name,
                    text=figure.value.text,
                )
                return None
            if figure.value.number <= -100:
                self.say(fieldname, "bad-value", "fall-of-all", at=at, name=name)
                return None
            return figure
        if measure is Measure.TEXT and unit is None:
            return figure  # a qualitative target's figures (gdp's growth) stand as written
        if not self.comparable(fieldname, figure.value, unit, *map(str, at)):
            return None
        return figure


Built = tuple[Plan | None, list[Finding]]


def build_plan(loaded: Loaded) -> Built:
    """Shape-check and build a loaded plan: the plan (none when any error was found) and
    every finding, the loader's warnings among them, in line order."""
    with decimal.localcontext(context()):  # numbers of 30 digits, exactly
        return _build_plan(loaded)


def _build_plan(loaded: Loaded) -> Built:
    marks = loaded.marks
    head, docs, findings = validate_document(loaded)
    indicators: list[Indicator] = []
    first_seen: dict[str, int] = {}  # id -> index of its first indicator
    span = _span(head, marks, findings) if head is not None else None
    for index, (ind_doc, well_formed) in enumerate(docs):
        if ind_doc is None:
            continue
        builder = _Builder(
            marks,
            index,
            head.period if head is not None else YEAR,
            span,
            head.year if head is not None else 0,
        )
        built = builder.build(ind_doc)
        findings.extend(builder.findings)
        if not well_formed:
            continue  # its own findings are in; a salvaged indicator never becomes a result
        first = first_seen.setdefault(ind_doc.id, index)
        if first != index:  # located only when it is a finding: most plans have none
            line = marks.at(("indicators", first, "id")).line
            where = marks.at(("indicators", index, "id"))
            findings.append(said(where, "duplicate-id", id=ind_doc.id, line=line))
        if built is not None:
            indicators.append(built)
    # The loader's warnings travel with the errors: every finding of a file, together.
    found = sorted([*findings, *loaded.warnings], key=lambda f: f.location)
    if findings or head is None:
        return None, found
    doc = head
    plan = Plan(
        file=marks.file,
        district=doc.district,
        year=doc.year,
        period=doc.period,
        indicators=tuple(indicators),
        city=doc.city,
        title=doc.title,
        source=dict(doc.source or {}),
        span=span,
        marks=marks,
    )
    return plan, found


def _span(head: PlanHead, marks: Marks, findings: list[Finding]) -> Span | None:
    """A five-year plan's span, with `year` inside it and the whole year as its period."""
    if head.span is None:
        return None
    try:
        span = parse_span(head.span)
    except SaidError as exc:
        findings.append(refusal(marks.at(("span",)), "bad-span", exc.said))
        return None
    if not span.first <= head.year <= span.last:
        where = marks.at(("year",))
        first, last = span.first, span.last
        findings.append(
            said(
                where, "bad-span", "year-outside", year=head.year, span=span, first=first, last=last
            )
        )
    if head.period != YEAR:
        findings.append(said(marks.at(("period",)), "bad-span", "period", period=head.period))
    return span


def read_plan(path: str) -> Built:
    """Read, shape-check and build one plan file (`-`: standard input): the plan, or none,
    and every finding of reading and building it."""
    loaded, stopped = reading(lambda: read_file(path))
    return build_plan(loaded) if loaded is not None else (None, stopped)


def plan_from_text(text: str, name: str) -> Built:
    """A plan file's text (already decoded) read and built, as read_plan does a file."""
    loaded, stopped = reading(lambda: load_text(text, name))
    return build_plan(loaded) if loaded is not None else (None, stopped)
