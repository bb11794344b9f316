"""Values as plans write them: a number with an optional unit, its printed precision and
whether it is approximate (`10%左右`, `约3.4万人`)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from govplan.codes import CodeName
from govplan.precision import product
from govplan.said import Said, SaidError
from govplan.terms import Bound
from govplan.units import RATIO, UnitError, check_unit, factor
from govplan.words import NumeralUnclear, chinese_number, vocabulary

MAX_DIGITS = 30

NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?"
_VALUE = re.compile(rf"(?P<number>{NUMBER})(?P<unit>[^\d+\-.,].*)?")
_APPROX_PREFIX = ("大约", "约")
_APPROX_SUFFIX = ("左右",)


class ValueSyntaxError(SaidError):
    """Text that is not a value of the plan format; `code` is the finding code to report."""

    def __init__(self, said: Said, code: CodeName = "bad-value") -> None:
        super().__init__(said)
        self.code = code


# Squared CJK units (㎡, ㎞, ㎏) hold digits after NFKC but are units, not numbers.
_SQUARED_UNITS = range(0x3371, 0x3400)


def lookalike(text: str) -> Said | None:
    """Why `text` cannot be read, if it holds a character that is a digit only after NFKC
    normalisation, or a digit of another script (10² would read as 102, ① as 1, ٣ as 3);
    ASCII and full-width digits are the digits plans write."""
    if text.isascii():
        return None
    for ch in text:
        if ch.isascii() or "\uff10" <= ch <= "\uff19" or ord(ch) in _SQUARED_UNITS:
            continue
        if ch.isdigit() or any(c.isdigit() for c in unicodedata.normalize("NFKC", ch)):
            return Said.of("value.lookalike-char", char=ch, code=f"{ord(ch):04X}")
    return None


def normalize(text: str) -> str:
    """NFKC (full-width digits, ％, ，, ．, （）, ／ become ASCII), minus signs unified,
    white space removed: plans are copied from documents and word processors."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("−", "-").replace("–", "-").replace("﹣", "-")
    return "".join(text.split())


@dataclass(frozen=True)
class Value:
    """A number in a unit as written; `number` is exact, `decimals` is what was printed."""

    number: Decimal
    unit: str | None
    text: str
    approximate: bool = False
    bound: Bound | None = None  # an actual given as a bound (超143万人, 正增长), not a number

    @property
    def half_step(self) -> Decimal:
        """Half of the last printed digit: `3.7` stands for [3.65, 3.75)."""
        exponent = self.number.as_tuple().exponent
        assert isinstance(exponent, int)
        return Decimal(5).scaleb(exponent - 1)

    @property
    def decimals(self) -> int:
        exponent = self.number.as_tuple().exponent
        assert isinstance(exponent, int)
        return max(0, -exponent)


def parse_number(text: str) -> Decimal:
    """A decimal number as written (thousands separators allowed), bounded in length."""
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_DIGITS:
        raise ValueSyntaxError(Said.of("value.digits", digits=digits, limit=MAX_DIGITS))
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueSyntaxError(Said.of("value.not-a-number", text=text)) from None
    if not number.is_finite():
        raise ValueSyntaxError(Said.of("value.not-finite", text=text))
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and abs(exponent) > MAX_DIGITS:
        raise ValueSyntaxError(Said.of("value.out-of-range", text=text))
    return number


def split_value(text: str) -> tuple[Decimal, str | None]:
    """`4.0万人` -> (Decimal('4.0'), '万人'); the unit is checked against the registry."""
    m = _VALUE.fullmatch(text)
    if m is None:
        raise ValueSyntaxError(Said.of("value.not-a-value", text=text))
    number = parse_number(m.group("number"))
    unit = m.group("unit") or None
    if unit is not None and unit != RATIO and any(ch.isdigit() for ch in unit):
        # "5%以上,确保6%": more than one number, so not a single value at all
        raise ValueSyntaxError(Said.of("value.not-a-value", text=text))
    if unit is not None:
        try:
            check_unit(unit)
        except UnitError as exc:
            raise ValueSyntaxError(exc.said, code="unknown-unit") from None
    return number, unit


def parse_value(raw: object, *, unit: str | None = None, allow_approximate: bool = True) -> Value:
    """Parse a value written in a plan (`1.5%`, `3.7`, `4.0万人`, `10%左右`, `约3.4万人`).

    A bare number takes `unit`. Raises ValueSyntaxError with a message fit for a person.
    """
    if isinstance(raw, str):
        return _parse_text(raw, unit, allow_approximate)
    return _parse_value(raw, unit, allow_approximate)


# Plans repeat the same few values; a Value is immutable, so parsing is memoised.
@functools.lru_cache(maxsize=8192)
def _parse_text(raw: str, unit: str | None, allow_approximate: bool) -> Value:
    return _parse_value(raw, unit, allow_approximate)


# The form most values take (7.2%, 185张, -3.4): ASCII digits, then nothing or a unit.
_PLAIN = re.compile(r"(?P<number>-?[0-9]{1,30}(?:\.[0-9]{1,30})?)(?P<unit>[^\s0-9+\-.,:]*)")


def _plain_value(raw: str, unit: str | None) -> Value | None:
    """A value of the commonest form read without the full reading's word lookups, or None
    for anything else (words, marks to normalise, an unknown unit), which the full reading
    takes and judges. Both readings give the same Value (a test checks every unit name)."""
    m = _PLAIN.fullmatch(raw)
    if m is None or len(m.group("number")) > MAX_DIGITS:
        return None
    own = m.group("unit") or None
    if own is not None:
        if any(ch.isdigit() for ch in own) or not unicodedata.is_normalized("NFKC", own):
            return None
        try:
            check_unit(own)
        except UnitError:
            return None
    return Value(Decimal(m.group("number")), own or unit, raw)


def _parse_value(raw: object, unit: str | None, allow_approximate: bool) -> Value:
    plain = _plain_value(raw, unit) if isinstance(raw, str) else None
    return plain if plain is not None else _read_value(raw, unit, allow_approximate)


def _read_value(raw: object, unit: str | None, allow_approximate: bool) -> Value:
    """The full reading of a value: normalised, its words and bounds, its unit checked."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        raise ValueSyntaxError(Said.of("value.expected", given=raw))
    original = str(raw)
    unreadable = lookalike(original)
    if unreadable is not None:
        raise ValueSyntaxError(Said.of("value.lookalike", text=original, why=unreadable))
    text = normalize(original)
    if not text:
        raise ValueSyntaxError(Said.of("value.empty"))
    approximate = False
    for prefix in _APPROX_PREFIX:
        if text.startswith(prefix):
            text, approximate = text[len(prefix) :], True
            break
    for suffix in _APPROX_SUFFIX:
        if text.endswith(suffix):
            text, approximate = text[: -len(suffix)], True
            break
    if approximate and not allow_approximate:
        raise ValueSyntaxError(Said.of("value.approximate", text=original))
    bound = None
    if allow_approximate:  # an actual: 下降3.4%, 增长2%, 全市第7 as the documents report them
        whole = _whole_actual(text, unit, original)
        if whole is not None:
            return whole
        text, bound = _actual_words(text)
        worded = _worded_actual(text)
        if worded is not None:
            number, own_unit = worded
            return Value(number, own_unit or unit, original.strip(), approximate, bound)
    number, own_unit = split_value(text)
    return Value(number, own_unit or unit, original.strip(), approximate, bound)


_OPEN_NUMBER = re.compile(rf"^({NUMBER}万?)(余|多)(\D.*)$")


def without_time_base(text: str) -> str:
    """The text after a time-base word (同比, 比上年, 全年), which changes nothing."""
    time_base = vocabulary().prefix(text, "time base")
    return text[len(time_base[0]) :] if time_base else text


def _whole_actual(text: str, unit: str | None, original: str) -> Value | None:
    """`持平` (a change of 0) and `正增长` (a change above 0 of unknown size), time-base words
    (同比, 比上年) before them allowed."""
    vocab = vocabulary()
    rest = without_time_base(text)
    if rest in vocab.words("actual flat"):
        return Value(Decimal(0), unit, original.strip())
    if rest in vocab.words("actual positive"):
        return Value(Decimal(0), unit, original.strip(), bound=Bound.ABOVE)
    return None


def written_as_change(text: str) -> bool:
    """An actual written as a change: a rise or fall word (下降3.4%, 同比增长2%), a sign
    (-3.4%, +2%), or a change with no level (持平, 正增长)."""
    rest = without_time_base(normalize(text))
    return rest[:1] in ("-", "+") or _starts_worded(rest) or is_change_only(text)


@functools.lru_cache(maxsize=8192)  # asked of every actual; plans repeat their values
def is_change_only(text: str) -> bool:
    """An actual that is a change with no level (持平, 正增长): it can stand only against a
    target that is itself a change."""
    try:
        return _whole_actual(normalize(text), None, text) is not None
    except ValueSyntaxError:
        return False


def _actual_words(text: str) -> tuple[str, Bound | None]:
    """The actual without the words documents put around its number: time base (同比),
    plain words (平均为), a lower bound before or after it (超143万人, 6.1%以上)."""
    vocab = vocabulary()
    for section in ("time base", "actual plain"):
        hit = vocab.prefix(text, section)
        if hit is not None:
            rest = text[len(hit[0]) :]
            if rest[:1].isdigit() or _starts_worded(rest):
                text = rest
    bound = None
    before = vocab.prefix(text, "actual at least prefix")
    if before is not None and text[len(before[0]) :][:1].isdigit():
        text, bound = text[len(before[0]) :], Bound.AT_LEAST
    after = vocab.suffix(text, "actual at least suffix")
    if after is not None and len(after[0]) < len(text):
        text, bound = text[: -len(after[0])], Bound.AT_LEAST
    inside = _OPEN_NUMBER.match(text)  # 1600余户, 3万多人: at least 1600户, 3万人
    if inside is not None:
        text, bound = inside.group(1) + inside.group(3), Bound.AT_LEAST
    return text, bound


def _starts_worded(text: str) -> bool:
    """A change or rank word before the number (下降3.4%, 增长2%)."""
    return vocabulary().prefix(text, "verb decrease", "actual up") is not None


RANK_UNIT = "位"


@dataclass(frozen=True)
class Rank:
    """A rank as written: `全省前3` (top 3) or `全市第2名` (position 2)."""

    scope: str | None  # 全省, 全市 ...
    word: str  # 前 or 第
    top: bool  # 前N: within the top N; 第N: at position N
    number: Decimal


def read_rank(text: str) -> Rank | None:
    """The whole of `text` as a rank, or None: scope word, 前/第, a number in digits or
    numerals, and an optional 位/名."""
    vocab = vocabulary()
    scope = vocab.prefix(text, "rank scope")
    rest = text[len(scope[0]) :] if scope else text
    which = vocab.prefix(rest, "rank top", "rank position")
    if which is None:
        return None
    body = rest[len(which[0]) :]
    word = vocab.suffix(body, "rank word")
    if word is not None and word[0] != body:
        body = body[: -len(word[0])]
    if body.isdigit():
        number = parse_number(body)
    else:
        try:
            cn = chinese_number(body)
        except NumeralUnclear:
            return None
        if cn is None or cn[1] != len(body):
            return None
        number = cn[0]
    return Rank(scope[0] if scope else None, which[0], which[1] == "rank top", number)


def in_unit(value: Value, unit: str | None) -> Decimal:
    """The value's number expressed in `unit` (a plain number when either has none)."""
    if unit is None or value.unit is None or value.unit == unit:
        return value.number
    return product(value.number, factor(value.unit, unit))


def _worded_actual(text: str) -> tuple[Decimal, str | None] | None:
    """An actual written with words: a change (下降3.4% is −3.4%) or a rank (全省第2 is 2位)."""
    vocab = vocabulary()
    rank = read_rank(text)
    if rank is not None:
        return (rank.number, RANK_UNIT) if not rank.top else None
    change = vocab.prefix(text, "verb decrease", "actual up")
    if change is None or not text[len(change[0]) :][:1].isdigit():
        return None
    number, unit = split_value(text[len(change[0]) :])
    return (-number if change[1] == "verb decrease" else number), unit
