"""The target grammar: targets as the documents write them (`增长5.5%左右(确保5%以上)`,
`提升至60%以上`, `下降3%`, `全省前3`, `0起`) and the structured form, parsed into one Target.

The words themselves are data (words.txt, via govplan.words); this module is the order in
which they are read: tier word, rank scope, verb, prefix, number, unit, suffix."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from govplan.codes import CodeName
from govplan.said import Said, SaidError
from govplan.terms import Direction, Form, Relation
from govplan.units import UnitError, factor, is_open, known_units
from govplan.values import (
    NUMBER,
    RANK_UNIT,
    Value,
    ValueSyntaxError,
    in_unit,
    lookalike,
    normalize,
    parse_number,
    parse_value,
    read_rank,
    split_value,
)
from govplan.words import (
    NumeralUnclear,
    Vocabulary,
    chinese_number,
    percent_in_words,
    vague_number,
    vocabulary,
)

ECONOMIC_GROWTH_ID = "gdp"


class TargetSyntaxError(SaidError):
    """A target that is none of the forms of the plan format; `part` is what was not read.
    `core` is what was said before the forms the grammar reads (with `forms`)."""

    def __init__(
        self,
        said: Said,
        code: CodeName = "bad-target",
        part: str | None = None,
        *,
        forms: Said | None = None,
    ) -> None:
        self.core = said
        if forms is not None:
            said = Said.of(
                "span.with-forms" if forms.key == "span.forms" else "target.with-forms",
                what=said,
                forms=forms,
            )
        super().__init__(said)
        self.code = code
        self.part = part


FORMS = Said.of("target.forms")


class NumberInWords(TargetSyntaxError):
    """A number written in words that govplan will not guess (三五家, 上百家, 第零): refused,
    never taken for a qualitative target, whose status would be unknown and pass CI."""


@dataclass(frozen=True)
class Target:
    """A parsed target. `value` is the bound (the floor for two tiers); `stated` says whether
    the words gave the direction (`以上`, `降至`) or the indicator's direction decides (`7%`)."""

    form: Form
    text: str
    value: Value | None = None
    stretch: Value | None = None
    tolerance: Decimal | None = None
    sync: str | None = None
    direction: Direction = Direction.UP
    stated: bool = True
    multiple: Decimal | None = None  # 翻一番: the base times this, where a base is given
    relation: Relation = Relation.AT_LEAST  # a relative target's: 同步, 高于 or 低于
    words: tuple[tuple[str, Said], ...] = ()  # (word, what it meant), for --explain

    @property
    def unit(self) -> str | None:
        return self.value.unit if self.value is not None else None

    def _with(self, **changes: Any) -> Target:
        # dataclasses.replace, without its per-call introspection: every target that states
        # no direction (7%, 3500个) is copied once per indicator
        return Target(**{**self.__dict__, **changes})

    def resolved(self, known: Direction | None) -> Target:
        """The target with an indicator's direction (declared or catalogued; None when it
        has neither) applied where its words said none. Without one, a bare number is at
        least (up) and a fall (下降3%, -3%) a reduction: at most (down)."""
        if self.stated or self.form in (Form.SYNC, Form.TEXT, Form.PROGRESS):
            return self
        if self.form is Form.SIGN:  # 好转, 改善: to the indicator's better side
            better = known or Direction.UP
            how = Said.of(
                "word.sign-direction-own" if known else "word.sign-direction-default",
                direction=Said.of(f"direction.{better}"),
            )
            return self._with(direction=better, words=(*self.words, ("", how)))
        direction = known or self.direction
        how = Said.of(
            "word.direction-own" if known is not None else "word.direction-words",
            direction=Said.of(f"direction.{direction}"),
        )
        words = (*self.words, ("", how))
        if self.form is Form.MAX:  # a fall whose better side is the indicator's
            if direction is Direction.UP:
                return self._with(form=Form.MIN, direction=direction, words=words)
            if direction is Direction.BAND:
                return self._with(form=Form.ABOUT, direction=direction, words=words)
            return self._with(words=words)
        if self.form is Form.MIN:
            if direction is Direction.DOWN:
                return self._with(form=Form.MAX, direction=direction, words=words)
            if direction is Direction.BAND:
                return self._with(form=Form.ABOUT, direction=direction, words=words)
            return self._with(words=words)
        if self.form is Form.ABOUT:
            return self._with(direction=direction, words=words)
        if self.form is Form.TIERS and direction is not self.direction:
            if direction is Direction.BAND:
                return self._with(direction=direction, words=words)
            # a range read the other way (5%-6% on a lower-is-better indicator, a range of
            # falls on a better-high one): the easier end is the floor
            floor, stretch = self.stretch, self.value
            return self._with(value=floor, stretch=stretch, direction=direction, words=words)
        return self._with(words=words)


@dataclass(frozen=True)
class _Bound:
    form: Form
    value: Value
    direction: Direction
    stated: bool
    words: tuple[tuple[str, Said], ...]
    tier: str | None = None  # "floor" | "stretch"
    increment: bool = False


_NUMBER_AT_START = re.compile(NUMBER)
_HAS_DIGIT = re.compile(r"\d")
_NON_FINITE = frozenset({".inf", ".nan", "inf", "nan", "infinity"})
_TIER_SEPARATORS = re.compile(r"[,;、]")
_BRACKETED = re.compile(r"(?P<outer>[^()]+)\((?P<inner>[^()]+)\)")
_ALT_UNIT = re.compile(r"\((?P<alt>[^()\d]{1,4})\)$")


# The sections of words.txt whose words --explain names by what they mean (said.txt's
# word.SECTION, spaces as dashes).
_MEANT = frozenset(
    {"tier floor", "tier stretch", "verb up", "verb down", "verb hold", "verb decrease",
     "prefix about", "suffix up", "suffix down", "suffix about", "open up", "rank scope",
     "time base", "increment"}
)  # fmt: skip


def _words_meaning(section: str) -> Said:
    if section in _MEANT:
        return Said.of(f"word.{section.replace(' ', '-')}")
    return Said.of("word.section", name=section)


class _Reader:
    """Reads one bound (a value with its words) from the front and back of a text."""

    def __init__(self, text: str, original: str, vocab: Vocabulary) -> None:
        self.text = text
        self.rest = text
        self.original = original
        self.vocab = vocab
        self.words: list[tuple[str, Said]] = []

    def take_prefix(self, *sections: str) -> str | None:
        hit = self.vocab.prefix(self.rest, *sections)
        if hit is None:
            return None
        word, section = hit
        self.rest = self.rest[len(word) :]
        self.words.append((word, _words_meaning(section)))
        return section

    def take_suffix(self, *sections: str) -> str | None:
        hit = self.vocab.suffix(self.rest, *sections)
        if hit is None or hit[0] == self.rest:
            return None
        word, section = hit
        self.rest = self.rest[: -len(word)]
        self.words.append((word, _words_meaning(section)))
        return section


def _read_bound(text: str, unit: str | None, original: str) -> _Bound | None:
    """One bound, e.g. `不低于7%`, `力争实现735亿元`, `下降3%左右`, `全省前3`, `零事故`.
    None when the text holds no number at all (qualitative); TargetSyntaxError when it holds
    a number but words around it are not understood."""
    vocab = vocabulary()
    r = _Reader(text, original, vocab)
    tier_section = r.take_prefix("tier floor", "tier stretch")
    tier = {"tier floor": "floor", "tier stretch": "stretch"}.get(tier_section or "")
    r.take_prefix("time base")
    increment = r.take_prefix("increment") is not None
    rank = _read_rank(r)
    if rank is not None:
        return replace(rank, tier=tier, increment=increment)
    verb = r.take_prefix("verb up", "verb down", "verb hold", "verb decrease")
    about_prefix = r.take_prefix("prefix about")
    suffix = r.take_suffix("suffix up", "suffix down", "suffix about", "open up")
    if suffix == "open up":  # 80%多: more than 80%
        suffix = "suffix up"
    if suffix is not None and r.take_suffix("suffix up", "suffix down", "suffix about"):
        raise TargetSyntaxError(
            Said.of(
                "target.two-qualifiers",
                target=original,
                first=r.words[-1][0],
                second=r.words[-2][0],
            )
        )
    alt = _ALT_UNIT.search(r.rest)
    if alt is not None:
        r.rest = r.rest[: alt.start()]
        r.words.append((alt.group(0), Said.of("word.alt-unit")))
    zero = _read_zero(r)
    if zero is not None:
        number, own_unit, opened = zero, r.rest or None, None
    else:
        parsed = _read_number(r)
        if parsed is None:
            return None
        number, own_unit, opened = parsed
    value_unit = own_unit or unit
    if own_unit is not None:
        _check_unit(own_unit, r.original, number)
    ups = [s for s in (verb, suffix, opened) if s in ("verb up", "suffix up", "open up")]
    downs = [s for s in (verb, suffix) if s in ("verb down", "suffix down")]
    about = about_prefix is not None or suffix == "suffix about"
    value = Value(number, value_unit, original.strip())
    form, direction, stated = _meaning(verb, suffix, about, ups, downs, number, r)
    if verb == "verb decrease":
        value = Value(-number, value_unit, original.strip())
    return _Bound(form, value, direction, stated, tuple(r.words), tier, increment)


def _meaning(
    verb: str | None,
    suffix: str | None,
    about: bool,
    ups: list[str],
    downs: list[str],
    number: Decimal,
    r: _Reader,
) -> tuple[Form, Direction, bool]:
    """Form, direction and whether the words stated it, from the words read around a number."""
    if verb == "verb decrease":
        # 下降5.5%: the number's sign; which side is better is the indicator's (revenue,
        # better high, is met by −1.9%), and only where it has none a reduction (at most)
        if about:
            return Form.ABOUT, Direction.DOWN, False
        if suffix == "suffix down":  # 下降3%以内: the fall is at most 3%
            return Form.MIN, Direction.UP, True
        if suffix == "suffix up":  # 下降3%以上: a fall of at least 3%
            return Form.MAX, Direction.DOWN, True
        return Form.MAX, Direction.DOWN, False
    if ups and downs:
        raise TargetSyntaxError(
            Said.of(
                "target.least-and-most",
                target=r.original,
                ups=_said(r, ups),
                downs=_said(r, downs),
            )
        )
    if about and (suffix in ("suffix up", "suffix down")):
        raise TargetSyntaxError(Said.of("target.about-and-bound", target=r.original))
    if about:
        # 增长5.5%左右: the verb says what the number is, not which side of it is good
        return (Form.ABOUT, Direction.DOWN, True) if downs else (Form.ABOUT, Direction.UP, False)
    if downs:
        return Form.MAX, Direction.DOWN, True
    if ups:
        return Form.MIN, Direction.UP, True
    if number == 0:  # a bare zero is a cap (0起, 零事故): a floor of 0 would always be met
        r.words.append(("0", Said.of("word.bare-zero")))
        return Form.MAX, Direction.DOWN, True
    if number < 0:  # -5.00%: a fall, judged as 下降5% is
        return Form.MAX, Direction.DOWN, False
    return Form.MIN, Direction.UP, False


def _said(r: _Reader, sections: list[str]) -> str:
    meanings = {_words_meaning(s) for s in sections}
    return ", ".join(repr(w) for w, m in r.words if m in meanings)


def _read_rank(r: _Reader) -> _Bound | None:
    """`全省前3`, `前3位`, `第1`, `全市第一名`: a rank, at most N (unit 位)."""
    rank = read_rank(r.rest)
    if rank is None:
        return None
    if rank.number < 1 or rank.number != rank.number.to_integral_value():
        why = Said.of("target.rank-below-one", number=rank.number)
        raise NumberInWords(Said.of("target.of", target=r.original, why=why))
    if rank.scope:
        r.words.append((rank.scope, _words_meaning("rank scope")))
    r.words.append((rank.word, Said.of("word.rank")))
    value = Value(rank.number, RANK_UNIT, r.original.strip())
    return _Bound(Form.MAX, value, Direction.DOWN, True, tuple(r.words))


def _read_zero(r: _Reader) -> Decimal | None:
    """`零事故`, `零增长`, `零直排`: zero written as a word, with the unit it implies."""
    hit = r.vocab.prefix(r.rest, "zero")
    if hit is None or _HAS_DIGIT.search(r.rest):
        return None
    word = hit[0]
    implied = r.vocab.value("zero", word)
    r.words.append((r.rest, Said.of("word.zero")))
    r.rest = implied or ""
    return Decimal(0)


def _read_number(r: _Reader) -> tuple[Decimal, str | None, str | None] | None:
    """The number (digits, or Chinese numerals), an open-ended 余/多, and the unit text."""
    m = _NUMBER_AT_START.match(r.rest)
    if m is not None:
        try:
            number = parse_number(m.group(0))
        except ValueSyntaxError as exc:
            raise TargetSyntaxError(Said.of("target.of", target=r.original, why=exc.said)) from None
        tail = r.rest[m.end() :]
    else:
        if _HAS_DIGIT.search(r.rest):
            _not_understood(r)
        if r.vocab.prefix(r.rest, "idiom") is not None:
            return None
        percent = percent_in_words(r.rest)
        if percent is not None:  # 百分之五, 三成: a percentage in words
            number, read = percent
            r.words.append((r.rest[:read], Said.of("word.percent-in-words", number=number)))
            return number, "%" + r.rest[read:], None
        try:
            cn = chinese_number(r.rest)
        except NumeralUnclear as exc:
            raise NumberInWords(Said.of("target.of", target=r.original, why=exc.said)) from None
        if cn is None:
            return None
        number, read = cn
        tail = r.rest[read:]
        r.words.append((r.rest[:read], Said.of("word.number-in-words", number=number)))
    opened = None
    multiplier = next((w for w in ("万亿", "亿", "万") if tail.startswith(w)), "")
    after = r.vocab.prefix(tail[len(multiplier) :], "open up") if multiplier else None
    if after is not None:  # 7.1万余个: more than 7.1万 个
        tail = multiplier + tail[len(multiplier) + len(after[0]) :]
        r.words.append((after[0], _words_meaning("open up")))
        return number, tail or None, "open up"
    hit = r.vocab.prefix(tail, "open up")
    if hit is not None and (len(tail) > len(hit[0]) or not tail[len(hit[0]) :]):
        tail = tail[len(hit[0]) :]
        r.words.append((hit[0], _words_meaning("open up")))
        opened = "open up"
    return number, tail or None, opened


def _not_understood(r: _Reader) -> None:
    """A number preceded by words that are not in the vocabulary: say which, and how to
    write it instead."""
    m = re.search(r"\d", r.text)
    assert m is not None
    head = r.text[: m.start()]
    tier = r.vocab.prefix(head, "tier floor", "tier stretch")
    if tier is not None:  # the tier word is fine; what follows it is the question
        head = head[len(tier[0]) :]
    known = [
        w
        for s in ("verb up", "verb down", "verb hold", "verb decrease", "tier floor")
        for w in r.vocab.words(s)
        if not w.isascii()
    ]
    # A rewrite is offered only where it means what the author wrote: a known verb followed
    # by particles that change nothing (提升到了 is 提升到). Any other guess (a near word, a
    # qualifier added) could turn a fall into a rise or a five-year average into one year's
    # growth, so the message then names the word and the forms only.
    particles = set("".join(r.vocab.words("particle")))
    verb = next((w for w in sorted(known, key=len, reverse=True) if head.startswith(w)), None)
    if verb is not None and head[len(verb) :] and set(head[len(verb) :]) <= particles:
        # the whole target rewritten (a tier of 5.5%左右(确保5%以上) is read on its own)
        rewrite = r.original.strip().replace(head, verb, 1)
        if head in r.original and _reads(rewrite):
            why = Said.of("target.unknown-word-rewrite", word=head, rewrite=rewrite)
            raise TargetSyntaxError(Said.of("target.of", target=r.original, why=why), part=head)
    why = Said.of("target.unknown-word", word=head)
    raise TargetSyntaxError(
        Said.of("target.of", target=r.original, why=why), part=head, forms=FORMS
    )


def _reads(text: str) -> bool:
    try:
        parse_target(text)
    except (TargetSyntaxError, ValueSyntaxError):
        return False
    return True


def _check_unit(unit: str, original: str, number: Decimal) -> None:
    if unit == "%":
        return
    try:
        split_value(f"1{unit}")
    except ValueSyntaxError as exc:
        if exc.code != "unknown-unit":
            why = Said.of("target.not-unit-or-qualifier", unit=unit)
            raise TargetSyntaxError(
                Said.of("target.of", target=original, why=why), part=unit, forms=FORMS
            ) from None
        trailing = _after_qualifier(unit)
        if trailing is not None and original.endswith(trailing):
            particles = set("".join(vocabulary().words("particle")))
            if set(trailing) <= particles and _reads(original[: -len(trailing)]):
                why = Said.of(  # 7%以上吧: a particle that changes nothing
                    "target.after-qualifier-rewrite",
                    trailing=trailing,
                    rewrite=original[: -len(trailing)],
                )
                raise TargetSyntaxError(
                    Said.of("target.of", target=original, why=why), part=trailing
                ) from None
            # otherwise no rewrite: dropping words would choose a meaning for the author
            why = Said.of("target.after-qualifier", trailing=trailing)
            raise TargetSyntaxError(
                Said.of("target.of", target=original, why=why), part=trailing, forms=FORMS
            ) from None
        import difflib  # only for a unit it does not know

        near = difflib.get_close_matches(unit, known_units(), n=2, cutoff=0.4)
        why = (
            Said.of(
                "target.unknown-unit-near",
                unit=unit,
                near=" or ".join(map(repr, near)),
                near_zh=" 或 ".join(map(repr, near)),
            )
            if near
            else Said.of("target.unknown-unit", unit=unit)
        )
        raise TargetSyntaxError(
            Said.of("target.of", target=original, why=why), code="unknown-unit", part=unit
        ) from None


def _after_qualifier(unit: str) -> str | None:
    """In `%以上吧`: the words after a qualifier (`吧`), which nothing reads."""
    vocab = vocabulary()
    for word in (w for s in ("suffix up", "suffix down", "suffix about") for w in vocab.words(s)):
        at = unit.find(word)
        if at >= 0 and unit[at + len(word) :]:
            return unit[at + len(word) :]
    return None


_FALL_RANGE = re.compile(
    rf"^(?P<a>{NUMBER})(?P<unit_a>%|‰)?(?P<sep>[-~～至到—])(?P<b>{NUMBER})(?P<unit_b>.*)$"
)


_SIGN_MEANING = {
    "sign down": (Direction.DOWN, True, Said.of("word.sign-down")),
    "sign up": (Direction.UP, True, Said.of("word.sign-up")),
    "sign better": (Direction.UP, False, Said.of("word.sign-better")),
}


def _read_sign(text: str, original: str, vocab: Vocabulary) -> Target | None:
    """`继续下降`, `实现正增长`, `较上年好转`: a change of that sign, of any size."""
    words: list[tuple[str, Said]] = []
    time_base = vocab.prefix(text, "time base")
    rest = text
    if time_base is not None:
        rest = text[len(time_base[0]) :]
        words.append((time_base[0], _words_meaning("time base")))
    for section, (direction, stated, meaning) in _SIGN_MEANING.items():
        if rest in vocab.words(section):
            words.append((rest, meaning))
            return Target(
                Form.SIGN, original, direction=direction, stated=stated, words=tuple(words)
            )
    return None


def _read_fall_range(text: str, unit: str | None, original: str) -> Target | None:
    """`-4.0~-4.5%`, `-4.0%~-4.5%`, `下降4%-4.5%`, `下降4%至4.5%`, `降低4~4.5%`: two tiers of
    falls. As a reduction (the side the words give) the smaller fall is the floor (−4.0) and
    the larger the stretch (−4.5); an indicator that is better high reads it the other way."""
    vocab = vocabulary()
    r = _Reader(text, original, vocab)
    r.take_prefix("time base")
    verb = r.take_prefix("verb decrease")
    m = _FALL_RANGE.match(r.rest)
    if m is None:
        return None
    a, b = (parse_number(m.group(k)) for k in ("a", "b"))
    signed = m.group("a").startswith("-") and m.group("b").startswith("-")
    if verb is not None:
        if m.group("a")[0] in "+-" or m.group("b")[0] in "+-":
            return None
        a, b = -a, -b
    elif not signed:
        return None
    tail = m.group("unit_b")
    value_unit = _unit_of_range(m.group("unit_a"), tail, unit, original, b)
    if a == b:
        raise TargetSyntaxError(Said.of("target.same-ends", target=original))
    small, large = (a, b) if a > b else (b, a)  # −4.0 is a smaller fall than −4.5
    words = (
        *r.words,
        (m.group("sep"), Said.of("word.fall-range")),
    )
    return Target(
        Form.TIERS,
        original.strip(),
        Value(small, value_unit, original.strip()),
        Value(large, value_unit, original.strip()),
        direction=Direction.DOWN,
        stated=False,
        words=words,
    )


def _unit_of_range(
    first: str | None, tail: str, unit: str | None, original: str, number: Decimal
) -> str | None:
    """The unit of a range of falls: the one after its second number (`-4.5%`), which the
    first may repeat (`-4.0%~-4.5%`), else the indicator's."""
    if tail and not tail.startswith(("%", "‰")):
        why = Said.of("target.fall-range-unit")
        raise TargetSyntaxError(Said.of("target.of", target=original, why=why))
    found = tail or first or unit
    if first and tail and first != tail:
        why = Said.of("target.ends-in-two-units", first=first, second=tail)
        raise TargetSyntaxError(Said.of("target.of", target=original, why=why))
    if found is not None and found not in ("%", "‰"):
        _check_unit(found, original, number)
    return found


def _read_range(text: str, unit: str | None, original: str) -> Target | None:
    """`5%-6%`, `5～6%`, `5-6%`, `增长5%至6%`, `6.5%-7%`: two tiers, low end and high end."""
    vocab = vocabulary()
    r = _Reader(text, original, vocab)
    r.take_prefix("tier stretch", "tier floor")
    verb = r.take_prefix("verb up", "verb hold")
    body = r.rest
    m = _NUMBER_AT_START.match(body)
    if m is None or body.startswith(("-", "+")):
        return None
    after = body[m.end() :]
    low_unit = ""
    for i, ch in enumerate(after):
        if ch in vocab.words("range"):
            low_unit, after = after[:i], after[i + 1 :]
            break
    else:
        return None
    if not after or not (after[0].isdigit()):
        return None
    high = _read_bound(after, unit, original)
    if high is None or high.form is not Form.MIN or high.tier is not None:
        return None
    try:
        low_number = parse_number(m.group(0))
    except ValueSyntaxError as exc:
        raise TargetSyntaxError(Said.of("target.of", target=original, why=exc.said)) from None
    low = Value(low_number, low_unit or high.value.unit, original.strip())
    if low_unit:
        _check_unit(low_unit, original, low_number)
    _same_unit(low, high.value, original)
    if in_unit(low, high.value.unit) >= high.value.number:
        raise TargetSyntaxError(Said.of("target.range-order", target=original))
    words = (*r.words, ("-", Said.of("word.range")), *high.words)
    stated = high.stated or verb == "verb up"
    return Target(
        Form.TIERS,
        original.strip(),
        low,
        high.value,
        direction=Direction.UP,
        stated=stated,
        words=words,
    )


def _same_unit(a: Value, b: Value, original: str) -> None:
    if a.unit == b.unit or a.unit is None or b.unit is None:
        return
    try:
        factor(a.unit, b.unit)
    except UnitError:
        why = Said.of("target.units-not-comparable", first=a.unit, second=b.unit)
        raise TargetSyntaxError(
            Said.of("target.of", target=original, why=why),
            code="unit-mismatch",
        ) from None


def _tiers(text: str, unit: str | None, original: str) -> Target | None:
    """`确保5%以上,力争5.5%`, `力争5.5%,确保5%`, `5.5%左右(确保5%以上)`,
    `确保626亩,力争再出让122亩`, `增长8%、力争9%` (no 确保: the first is the floor); None
    if not two tiers."""
    vocab = vocabulary()
    parts: list[str]
    m = _BRACKETED.fullmatch(text)
    if m and _HAS_DIGIT.search(m.group("inner")):
        parts = [m.group("outer"), m.group("inner")]
    else:
        parts = [p for p in _TIER_SEPARATORS.split(text) if p]
    if len(parts) != 2:
        return None
    floors = [p for p in parts if vocab.prefix(p, "tier floor")]
    if not floors and _HAS_DIGIT.search(parts[0]) and _HAS_DIGIT.search(parts[1]):
        # 增长8%、力争9%, 增长8%,争取9%: a target, then a stretch: the first is the floor
        first_tier = vocab.prefix(parts[0], "tier floor", "tier stretch")
        if first_tier is None and vocab.prefix(parts[1], "tier stretch") is not None:
            floors = [parts[0]]
    if len(floors) != 1:
        return None
    floor_text = floors[0]
    stretch_text = next(p for p in parts if p is not floor_text)
    floor = _read_bound(floor_text, unit, original)
    stretch = _read_bound(stretch_text, unit if floor is None else floor.value.unit, original)
    if floor is None or stretch is None:
        return None
    stretch_value = stretch.value
    if stretch.increment:
        _same_unit(floor.value, stretch.value, original)
        total = floor.value.number + in_unit(stretch.value, floor.value.unit)
        stretch_value = Value(total, floor.value.unit, original.strip())
    _same_unit(floor.value, stretch_value, original)
    down = Direction.DOWN in (floor.direction, stretch.direction) and (
        floor.stated or stretch.stated
    )
    up_stated = any(b.stated and b.direction is Direction.UP for b in (floor, stretch))
    if down and up_stated:
        raise TargetSyntaxError(Said.of("target.tiers-both-ways", target=original))
    direction = Direction.DOWN if down else Direction.UP
    f, s = floor.value.number, in_unit(stretch_value, floor.value.unit)
    if (direction is Direction.UP and s < f) or (direction is Direction.DOWN and s > f):
        raise TargetSyntaxError(
            Said.of(
                "target.stretch-below" if direction is Direction.UP else "target.stretch-above",
                target=original,
                stretch=stretch_value.number,
                floor=floor.value.number,
            )
        )
    words = (*floor.words, *stretch.words)
    stated = floor.stated or stretch.stated
    return Target(
        Form.TIERS,
        original.strip(),
        floor.value,
        stretch_value,
        direction=direction,
        stated=stated,
        words=words,
    )


def parse_target(raw: object, *, unit: str | None = None) -> Target:
    """Parse a target as written in a plan, or its structured form (a mapping)."""
    if isinstance(raw, dict):
        return parse_structured(raw, unit=unit)
    if isinstance(raw, str):
        return _parse_written(raw, unit)
    return _parse_target(raw, unit)


# Plans repeat the same targets ("7%", "完成市下达目标任务"); a Target is immutable.
@functools.lru_cache(maxsize=8192)
def _parse_written(raw: str, unit: str | None) -> Target:
    return _parse_target(raw, unit)


def _parse_target(raw: object, unit: str | None) -> Target:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        raise TargetSyntaxError(Said.of("target.not-text", given=raw))
    original = str(raw).strip()
    unreadable = lookalike(original)
    if unreadable is not None:
        raise TargetSyntaxError(Said.of("target.of", target=original, why=unreadable))
    text = normalize(original)
    if not text:
        raise TargetSyntaxError(Said.of("target.empty"))
    tier = vocabulary().prefix(text, "tier floor", "tier stretch")
    if text[len(tier[0]) if tier else 0 :].startswith("分别"):
        raise TargetSyntaxError(Said.of("target.respectively", target=original))
    head, exhortation = _exhortation(text)
    if exhortation is not None:
        target = _parse_target(head, unit)
        meaning = Said.of("word.exhortation")
        return replace(target, text=original, words=(*target.words, (exhortation, meaning)))
    if text.lower().lstrip("+-") in _NON_FINITE:
        raise TargetSyntaxError(Said.of("target.not-finite", target=original))
    vocab = vocabulary()
    relative = _read_relative(text, original, vocab)
    if relative is not None:
        return relative
    multiple = _read_multiple(text, vocab)
    if multiple is not None:
        return Target(
            Form.TEXT,
            original,
            multiple=multiple,
            words=((text, Said.of("word.multiple", multiple=multiple)),),
        )
    sign = _read_sign(text, original, vocab)
    if sign is not None:
        return sign
    tiers = _tiers(text, unit, original)
    if tiers is not None:
        return tiers
    if vocab.prefix(text, "tier floor") and _TIER_SEPARATORS.search(text):
        raise TargetSyntaxError(Said.of("target.not-two-tiers", target=original))
    ranged = _read_fall_range(text, unit, original) or _read_range(text, unit, original)
    if ranged is not None:
        return ranged
    digits = _HAS_DIGIT.search(text) is not None
    try:
        bound = _read_bound(text, unit, original)
    except (TargetSyntaxError, ValueSyntaxError) as exc:
        if not digits and not isinstance(exc, NumberInWords):
            # 一流营商环境, 三大产品: numerals in words that are not a target
            return _text(text, original)
        if isinstance(exc, TargetSyntaxError):
            raise
        why = exc.said
        raise TargetSyntaxError(
            Said.of("target.of", target=original, why=why), code=exc.code
        ) from None
    if bound is not None and not digits and bound.value.unit and is_open(bound.value.unit):
        # 一流, 一批: a numeral before a word that is not a unit of govplan's is an idiom
        return _text(text, original)
    if bound is None:
        if _HAS_DIGIT.search(text):
            raise TargetSyntaxError(Said.of("target.number-not-read", target=original), forms=FORMS)
        return _text(text, original)
    return Target(
        bound.form,
        original,
        bound.value,
        direction=bound.direction,
        stated=bound.stated,
        words=bound.words,
    )


_RELATION_MEANING = {
    Relation.AT_LEAST: Said.of("word.relation-at-least"),
    Relation.ABOVE: Said.of("word.relation-above"),
    Relation.BELOW: Said.of("word.relation-below"),
}


def _read_relative(text: str, original: str, vocab: Vocabulary) -> Target | None:
    """`与经济增长同步`, `与国内生产总值增长基本同步`, `高于GDP增长`, `低于经济增长`: a target
    against economic growth (indicator gdp); None for any other text."""
    relation = None
    rest = text
    if text in vocab.words("sync"):
        relation, rest = Relation.AT_LEAST, ""
    else:
        lead = vocab.prefix(rest, "relative lead", "relative above", "relative below")
        if lead is not None:
            rest = rest[len(lead[0]) :]
        reference = vocab.prefix(rest, "relative reference")
        if reference is None:
            return None
        rest = rest[len(reference[0]) :]
        section = lead[1] if lead is not None else None
        if section == "relative above":
            relation = Relation.ABOVE
        elif section == "relative below":
            relation = Relation.BELOW
        else:
            pace = vocab.prefix(rest, "relative pace")
            if pace is None:
                return None
            relation, rest = Relation.AT_LEAST, rest[len(pace[0]) :]
    if rest.rstrip("。.") or relation is None:
        return None
    return Target(
        Form.SYNC,
        original,
        sync=ECONOMIC_GROWTH_ID,
        relation=relation,
        words=((text, _RELATION_MEANING[relation]),),
    )


def _exhortation(text: str) -> tuple[str, str | None]:
    """A target and the exhortation after it (增长6%以上、争取实现更好的结果): a last clause,
    after , ; or 、, with no number, starting with a word of words.txt's [exhortation]."""
    cut = max(text.rfind(sep) for sep in ",;、")
    if cut <= 0:
        return text, None
    tail = text[cut + 1 :]
    if not tail or _HAS_DIGIT.search(tail) or vocabulary().prefix(tail, "exhortation") is None:
        return text, None
    return text[:cut], tail


def _text(text: str, original: str) -> Target:
    """A qualitative target, unless its words hold a size govplan cannot read exactly
    (上百家, 数十个): that is refused, since a qualitative target's status is unknown and
    would pass a CI gate."""
    vague = vague_number(text)
    if vague is not None:
        raise NumberInWords(Said.of("target.vague", target=original, vague=vague))
    return Target(Form.TEXT, original)


def _read_multiple(text: str, vocab: Vocabulary) -> Decimal | None:
    """`翻一番`, `双倍增`, `力争实现翻番`: a multiple of the base."""
    rest = text
    for sections in (("tier floor", "tier stretch"), ("verb up",)):
        hit = vocab.prefix(rest, *sections)
        if hit is not None:
            rest = rest[len(hit[0]) :]
    value = vocab.value("multiple", rest)
    return Decimal(value) if value is not None else None


_STRUCTURED_KEYS = ("min", "max", "about", "floor", "stretch", "sync", "text", "progress")


def parse_structured(raw: dict[str, Any], *, unit: str | None = None) -> Target:
    """The structured form: {min: 7, unit: "%"}, {floor: 5, stretch: 5.5}, {sync: gdp}, ..."""
    present = [k for k in _STRUCTURED_KEYS if raw.get(k) is not None]
    unit = raw.get("unit") or unit
    unit = normalize(unit) if isinstance(unit, str) else unit

    def value(key: str) -> Value:
        try:
            return parse_value(raw[key], unit=unit, allow_approximate=False)
        except ValueSyntaxError as exc:
            why = exc.said
            raise TargetSyntaxError(
                Said.of("target.key", key=key, why=why), code=exc.code
            ) from None

    tolerance = None
    if raw.get("tolerance") is not None:
        try:
            tolerance = parse_number(normalize(str(raw["tolerance"])))
        except ValueSyntaxError as exc:
            raise TargetSyntaxError(Said.of("target.key", key="tolerance", why=exc.said)) from None
        if tolerance < 0:
            raise TargetSyntaxError(
                Said.of("target.negative-tolerance", given=raw["tolerance"]), code="bad-tolerance"
            )

    def shown(key: str) -> str:
        # The structured form, displayed the way the written form reads.
        v = value(key)
        return f"{v.number}{v.unit or ''}"

    if present == ["floor", "stretch"]:
        text = f"确保{shown('floor')},力争{shown('stretch')}"
        floor, stretch = value("floor"), value("stretch")
        _same_unit(floor, stretch, text)
        if in_unit(stretch, floor.unit) < floor.number:
            raise TargetSyntaxError(
                Said.of("target.structured-stretch-below", floor=floor.text, stretch=stretch.text)
            )
        return Target(Form.TIERS, text, floor, stretch, tolerance)
    if len(present) != 1:
        got: str | Said = ", ".join(present) or Said.of("target.none")
        raise TargetSyntaxError(Said.of("target.structured-keys", got=got))
    key = present[0]
    if key in ("min", "max"):
        symbol = {"min": "≥", "max": "≤"}[key]
        direction = Direction.UP if key == "min" else Direction.DOWN
        return Target(
            Form(key), f"{symbol}{shown(key)}", value(key), tolerance=tolerance, direction=direction
        )
    if key == "about":
        return Target(Form.ABOUT, f"≈{shown(key)}", value(key), tolerance=tolerance, stated=False)
    if key == "sync":
        return Target(Form.SYNC, f"与{raw['sync']}同步", sync=str(raw["sync"]))
    if key == "text":
        return Target(Form.TEXT, str(raw["text"]))
    if key == "progress":
        if str(raw["progress"]).lower() not in ("true", "yes", "1"):
            raise TargetSyntaxError(Said.of("target.progress-true"))
        return Target(Form.PROGRESS, "progress")
    other = "stretch" if key == "floor" else "floor"
    raise TargetSyntaxError(Said.of("target.tier-alone", key=key, other=other))
