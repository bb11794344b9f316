"""Five-year targets and figures as 规划纲要 write them: what a target measures over its span
(a level, an average rate, a change, a total, relative or qualitative) and how each year's
figure is written (the year's own, since the base year, or an average so far)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from govplan.said import Said, SaidError
from govplan.targets import Target, TargetSyntaxError, parse_target
from govplan.terms import Form, Measure
from govplan.values import Value, ValueSyntaxError, normalize, parse_value
from govplan.words import vocabulary

_SPAN = re.compile(r"^(\d{4})[-~至到](\d{4})$")
LONGEST_SPAN = 10  # years; 规划纲要 run five, 远景目标 fifteen are written as levels of one year
_LAST_YEAR = re.compile(r"^(?:到|至|在)?(\d{4})年(?:末|底)?(?:时)?,?")
_SINCE = re.compile(r"^(?:比|较|相比|相较于?|与)(\d{4})年(?:末|底)?(?:相比)?")
_FROM = re.compile(
    r"^(?:从|由)(?P<start>.+?)(?:上升|提高|提升|增加|增长|下降|降低|减少|降|升)?(?:到|至)"
    r"(?P<end>.+)$"
)
_FIRST_NUMBER = re.compile(r"\d[\d.,]*.*$")
_BRACKETED = re.compile(r"^〔(?P<inner>[^〔〕]+)〕$")
_CHANGE_VERB = re.compile(r"^(?:增长|下降|降低|减少|提高|上升|提升|增加|压减|压降|降)(?!到|至)")
_VERB_ABOUT = re.compile(r"^(增长|下降|降低|减少|提高|上升|提升|增加)约")
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")
_FALL_NAME = ("下降", "降低", "减少", "压减", "削减")
_RISE_NAME = ("增长", "提高", "增加", "上升", "提升")
_SHARE_UNITS = frozenset({"%"})
_POINT_UNITS = frozenset({"个百分点", "百分点", "pp"})


FOURTH_PLAN = 1971  # the first year of the fourth five-year plan (四五)


@dataclass(frozen=True)
class Span:
    """A five-year plan's years: from `first` to `last`; the base year is the one before."""

    first: int
    last: int

    @property
    def base(self) -> int:
        return self.first - 1

    @property
    def length(self) -> int:
        return self.last - self.base

    @property
    def ordinal(self) -> int | None:
        """Which five-year plan the span is (14 for 2021-2025), counted from the fourth
        (1971-1975), after which they ran without a break; None for other spans."""
        if self.first < FOURTH_PLAN or self.length != 5 or (self.first - FOURTH_PLAN) % 5:
            return None
        return 4 + (self.first - FOURTH_PLAN) // 5

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"


def parse_span(raw: str) -> Span:
    """`2021-2025`; SaidError (a ValueError) with the way to write it otherwise."""
    match = _SPAN.match(normalize(str(raw)))
    if match is None:
        raise SaidError(Said.of("span.not-two-years", span=raw))
    first, last = int(match.group(1)), int(match.group(2))
    if not first < last <= first + LONGEST_SPAN - 1:
        raise SaidError(Said.of("span.backward", span=raw, longest=LONGEST_SPAN))
    return Span(first, last)


class Written(StrEnum):
    """How a year's figure is written."""

    YEAR = "year"  # the year's own: a level, the year's change (增长8.4%), the year's amount
    SINCE_BASE = "since-base"  # from the base year to this one (累计下降7.3%, 比2020年增长48%)
    AVERAGE = "average"  # an average annual rate from the base year to this one (年均增长5.5%)


@dataclass(frozen=True)
class Figure:
    year: int
    value: Value
    written: Written = Written.YEAR


@dataclass(frozen=True)
class SpanTarget:
    """A target over a span. `target` is the bound in the measure's own terms: the level, the
    average annual rate (%), the change over the span (%), or the total. An `increment` level
    (提高1岁) is the base plus `target`; `start` is a base the words themselves give
    (从6.3件上升到12件)."""

    measure: Measure
    target: Target
    increment: bool = False
    start: Value | None = None
    words: tuple[tuple[str, Said], ...] = ()


class SpanSyntaxError(TargetSyntaxError):
    """A five-year target or figure that is not one of the forms (see "Across the five years")."""


SPAN_FORMS = Said.of("span.forms")


def _since_base(text: str, span: Span, what: Said) -> re.Match[str] | None:
    """`比2020年`, `较2020年末` at the start of `text`: the span's base year, or refused."""
    since = _SINCE.match(text)
    if since is not None and int(since.group(1)) != span.base:
        raise SpanSyntaxError(
            Said.of("span.base-year", what=what, year=since.group(1), span=span, base=span.base)
        )
    return since


def _strip(raw: object) -> tuple[str, str]:
    original = str(raw).strip()
    return original, normalize(original).translate(_QUOTES)


def read_span_target(raw: object, span: Span, *, unit: str | None, name: str = "") -> SpanTarget:
    """A five-year target as written (see SPAN_FORMS), or SpanSyntaxError saying how to write it."""
    if isinstance(raw, dict):
        target = parse_target(raw, unit=unit)
        return SpanTarget(_measure_of(target), target)
    original, text = _strip(raw)
    words: list[tuple[str, Said]] = []
    year = _LAST_YEAR.match(text)
    if year is not None and year.end() < len(text):
        if int(year.group(1)) != span.last:
            raise SpanSyntaxError(
                Said.of(
                    "span.last-year",
                    target=original,
                    year=year.group(1),
                    span=span,
                    last=span.last,
                )
            )
        words.append((year.group(0), Said.of("word.last-year", last=span.last)))
        text = text[year.end() :]
    bracket = _BRACKETED.match(text)
    if bracket is not None:
        return _bracketed(original, bracket.group("inner"), unit, name, words)
    vocab = vocabulary()
    since = _since_base(text, span, Said.of("span.target", target=original))
    if since is not None:
        words.append((since.group(0), Said.of("word.since-base", base=span.base)))
        return _over_span(original, text[since.end() :], unit, words, cumulative=False)
    hit = vocab.prefix(text, "span average", "span cumulative")
    if hit is not None:
        word, section = hit
        rest = text[len(word) :]
        if section == "span average":
            words.append((word, Said.of("word.span-average")))
            target = _parse(original, rest, "%")
            if target.unit not in _SHARE_UNITS:
                raise SpanSyntaxError(Said.of("span.average-percent", target=original))
            return SpanTarget(Measure.AVERAGE, _as(target, original, words), words=tuple(words))
        over = (word, Said.of("word.span-cumulative"))
        return _over_span(original, rest, unit, [*words, over], cumulative=True)
    start = _FROM.match(text)
    if start is not None:
        number = _FIRST_NUMBER.search(start.group("start"))  # 从每万人6.3件: the 6.3件
        try:
            first = parse_value(number.group(0), unit=unit) if number else None
        except ValueSyntaxError:
            first = None
        if first is not None:
            level = Said.of("word.from-level", level=first.text)
            words.append((text[: start.start("end")], level))
            target = _parse(original, "达到" + start.group("end"), unit)
            return SpanTarget(
                Measure.LEVEL, _as(target, original, words), start=first, words=tuple(words)
            )
    increment = vocab.prefix(text, "span increment")
    if increment is not None and not text[len(increment[0]) :].startswith(("到", "至")):
        target = _parse(original, text, unit)
        if target.unit in _SHARE_UNITS:
            raise _ambiguous_change(original)
        if target.value is not None:
            words.append((increment[0], Said.of("word.span-increment")))
            return SpanTarget(
                Measure.LEVEL, _as(target, original, words), increment=True, words=tuple(words)
            )
    target = _parse(original, text, unit)
    if target.unit in _SHARE_UNITS and _CHANGE_VERB.match(text):
        raise _ambiguous_change(original)
    return SpanTarget(_measure_of(target), _as(target, original, words), words=tuple(words))


def _measure_of(target: Target) -> Measure:
    if target.form in (Form.TEXT, Form.SIGN):  # 持续改善 over five years: in words
        return Measure.TEXT
    if target.form is Form.SYNC:
        return Measure.RELATIVE
    return Measure.LEVEL


def _ambiguous_change(original: str) -> SpanSyntaxError:
    """A change with no 年均 or 累计: both readings are offered in the author's own words."""
    words = normalize(original)
    return SpanSyntaxError(Said.of("span.ambiguous-change", target=original, words=words))


def _parse(original: str, text: str, unit: str | None) -> Target:
    try:
        return parse_target(text, unit=unit)
    except TargetSyntaxError as exc:
        # what the target grammar said, without its forms: a five-year plan's are others
        said = exc.core
        if original not in said.text("en"):  # a part of the target: name the target
            said = Said.of("target.of", target=original, why=said)
        raise SpanSyntaxError(said, code=exc.code, part=exc.part, forms=SPAN_FORMS) from None


def _as(target: Target, original: str, words: list[tuple[str, Said]]) -> Target:
    """The target with the whole text as written and the span's words first."""
    return Target(**{**target.__dict__, "text": original, "words": (*words, *target.words)})


def _over_span(
    original: str, rest: str, unit: str | None, words: list[tuple[str, Said]], *, cumulative: bool
) -> SpanTarget:
    """After 累计 or 比2020年: a change in % (累计降低13.5%), an increase of a level in points
    or units (比2020年提高3个百分点), or a total (累计新增50万人)."""
    target = _parse(original, rest, unit)
    if target.form in (Form.TEXT, Form.SYNC) or target.value is None:
        raise SpanSyntaxError(
            Said.of("span.no-number", target=original, word=words[-1][0]), forms=SPAN_FORMS
        )
    if target.unit in _SHARE_UNITS:
        words.append(("", Said.of("word.span-change")))
        return SpanTarget(Measure.CHANGE, _as(target, original, words), words=tuple(words))
    if target.unit in _POINT_UNITS or not cumulative:
        return SpanTarget(
            Measure.LEVEL, _as(target, original, words), increment=True, words=tuple(words)
        )
    words.append(("", Said.of("word.span-total")))
    return SpanTarget(Measure.TOTAL, _as(target, original, words), words=tuple(words))


def _bracketed(
    original: str, inner: str, unit: str | None, name: str, words: list[tuple[str, Said]]
) -> SpanTarget:
    """`〔18〕`: the tables' mark of a five-year cumulative figure; the indicator's name says
    which way (细颗粒物浓度下降 〔18〕 is a fall of 18%), else it is refused."""
    name = normalize(name)
    if name.endswith(_FALL_NAME):
        verb = "下降"
    elif name.endswith(_RISE_NAME):
        verb = "增长" if (unit or "%") in _SHARE_UNITS else "新增"
    else:
        raise SpanSyntaxError(Said.of("span.bracketed-direction", target=original))
    words.append(("〔 〕", Said.of("word.bracketed", verb=verb)))
    return _over_span(original, verb + inner, unit or "%", words, cumulative=True)


def read_figure(raw: object, year: int, span: Span, *, unit: str | None) -> Figure:
    """One year's figure as written: the year's own (66.16%, 增长8.4%, 下降2.7%), or since the
    base year (累计下降7.3%, 比2020年增长48%), or an average so far (年均增长5.5%)."""
    original, text = _strip(raw)
    written = Written.YEAR
    since = _since_base(text, span, Said.of("span.figure", figure=original))
    if since is not None:
        written, text = Written.SINCE_BASE, text[since.end() :]
    else:
        hit = vocabulary().prefix(text, "span average", "span cumulative")
        if hit is not None:
            average = hit[1] == "span average"
            written = Written.AVERAGE if average else Written.SINCE_BASE
            text = text[len(hit[0]) :]
        for base_word in vocabulary().words("time base"):
            if text.startswith(base_word):
                text = text[len(base_word) :]
                break
    if text.startswith("实际") and not text[2:3].isdigit():
        text = text[2:]  # 实际增长2.9%: growth after prices, as every rate here is read
    text = _VERB_ABOUT.sub(r"约\1", text)  # 降低约7.3%: about a fall of 7.3%
    try:
        value = parse_value(text, unit=unit)
    except ValueSyntaxError as exc:
        raise SpanSyntaxError(
            Said.of("span.year", year=year, why=exc.said), code=exc.code
        ) from None
    return Figure(year, Value(value.number, value.unit, original, value.approximate), written)
