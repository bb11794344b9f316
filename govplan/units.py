"""The program's one unit registry, built from the shipped definitions file, and conversions.

pint is the authority on units, but importing it costs more than everything else a check
does. So what pint says about every unit name of units.txt, bare and with each prefix (its
dimensions and its factor to base units), is shipped beside it as unitfacts.json, written by
`make units` and checked against pint by the tests. A process answers from that table and
from the compound rules below (起/万人, 千人), and imports pint only for a string neither
knows. Nothing is cached on disk at run time, so nothing outside the package can change an
answer.
"""

from __future__ import annotations

import decimal
import functools
import hashlib
import json
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

from govplan.precision import context
from govplan.said import Said, SaidError
from govplan.shipped import shipped
from govplan.words import vocabulary

if TYPE_CHECKING:
    import pint

MAX_UNIT_LENGTH = 40


def _letters(part: str) -> bool:
    return part != "" and all(
        "\u4e00" <= c <= "\u9fff" or "a" <= c <= "z" or "A" <= c <= "Z" for c in part
    )


def unit_shaped(unit: str) -> bool:
    """What a unit looks like in a plan: a word of CJK or Latin letters (亿元, 万人, km) or a
    quotient of two (件/万人). pint's own parser accepts far more (stray punctuation, powers
    such as 米**0.5), none of which a plan means; such text is refused before pint sees it.
    Tested letter by letter: a regular expression with a class of the CJK block takes
    about 2.6 ms to compile, paid by every run."""
    parts = unit.split("/")
    return len(parts) <= 2 and all(_letters(p) for p in parts)


# Dimensions of measured quantities; every other base dimension is a counting word.
_MEASURED = frozenset(
    {"[length]", "[mass]", "[time]", "[power]", "[currency_cny]", "[currency_usd]",
     "[coal_equivalent]", "[age]", "[score]", "[multiple]", "[percentage_point]"}
)  # fmt: skip

Dims = tuple[tuple[str, int], ...]
Facts = tuple[Dims, Decimal] | None  # None: not a unit


class UnitError(SaidError):
    """A unit that is not defined, or two units that cannot be converted into each other."""

    def __init__(self, said: Said, *, unit: str, other: str | None = None) -> None:
        super().__init__(said)
        self.unit = unit
        self.other = other


def _definitions() -> bytes:
    return shipped("units.txt").read_bytes()


@functools.cache
def registry() -> pint.UnitRegistry[Decimal]:
    """The registry, built once per process from govplan/units.txt (not pint's default)."""
    import pint

    # Definitions such as 亩 = 10000 / 15 * 平方米 are computed as the registry loads.
    with decimal.localcontext(context()):
        return pint.UnitRegistry(
            str(shipped("units.txt")),
            non_int_type=Decimal,
            cache_folder=None,
            on_redefinition="raise",
        )


FACTS_FILE = "unitfacts.json"


def definitions_digest() -> str:
    """The digest of units.txt that the facts table was written from."""
    return hashlib.sha256(_definitions()).hexdigest()


@functools.cache
def _shipped() -> dict[str, Facts]:
    """pint's answers for the names of units.txt, as shipped; empty (so that pint answers
    everything) if units.txt changed since the table was written: never a wrong answer, a
    slower one, and a warning saying how to bring the table up to date."""
    text = shipped(FACTS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    if data.get("definitions") != definitions_digest():
        sys.stderr.write(
            f"govplan: warning: {FACTS_FILE} was written from another units.txt; units are "
            "read from pint directly (slower). Run `make units` to write it again.\n"
        )
        return {}
    return {unit: _decode(entry) for unit, entry in data["units"].items()}


def _decode(entry: list[object]) -> Facts:
    dims, number = entry
    assert isinstance(dims, list) and isinstance(number, str)
    return tuple((str(d), int(p)) for d, p in dims), Decimal(number)


def _encode(found: Facts) -> list[object] | None:
    return None if found is None else [[list(d) for d in found[0]], f"{found[1]:f}"]


def unit_names() -> list[str]:
    """Every name, symbol and alias of units.txt, bare and with each prefix (万人, 亿元,
    万亿元), as pint parsed them (so that its own syntax, @alias lines included, is read by
    pint alone)."""
    reg = registry()
    names: list[str] = []
    for definition in dict(reg._units).values():
        spelled = (definition.name, definition.defined_symbol, *definition.aliases)
        names += [n for n in spelled if n and not n.startswith("[") and n not in names]
    prefixes = [p for p in dict(reg._prefixes) if p]
    return names + [p + n for p in prefixes for n in names if n not in SHARES]


def facts_table() -> dict[str, object]:
    """The shipped table as pint gives it now (what `make units` writes)."""
    units = {name: _encode(_from_pint(name)) for name in unit_names()}
    return {"definitions": definitions_digest(), "units": dict(sorted(units.items()))}


def write_facts_table() -> None:
    # One unit a line, so that a change to units.txt reads as a small diff.
    table = facts_table()
    units = table["units"]
    assert isinstance(units, dict)
    lines = [json.dumps(u, ensure_ascii=False) + ": " + json.dumps(f) for u, f in units.items()]
    text = (
        f'{{"definitions": "{table["definitions"]}",\n"units": {{\n' + ",\n".join(lines) + "\n}}\n"
    )
    shipped(FACTS_FILE).write_text(text, encoding="utf-8")


def _from_pint(unit: str) -> Facts:
    try:
        with decimal.localcontext(context()):
            base = registry().Quantity(Decimal(1), unit).to_base_units()
    except Exception:  # pint raises a variety of parser errors for arbitrary text
        return None
    powers = dict(base.dimensionality).items()
    if any(Decimal(str(p)) != int(Decimal(str(p))) for _, p in powers):
        return None  # a fractional power is no unit a plan means
    dims = tuple(sorted((str(d), int(Decimal(str(p)))) for d, p in powers))
    return dims, Decimal(base.magnitude)


# Multipliers that documents put in front of a counting word pint does not know (千人 in
# 张/千人); 万, 亿 and 万亿 are pint prefixes for the units it does know.
_MULTIPLIERS = (("万亿", Decimal("1e12")), ("亿", Decimal("1e8")), ("万", Decimal("1e4")),
                ("千", Decimal("1e3")), ("百", Decimal("1e2")))  # fmt: skip


def is_counting_word(word: str) -> bool:
    """An open counting word (量词): any one Chinese character that is not part of the target
    grammar's own words (起, 例, 艘, 架, 部, 期 ...), a listed longer one (批次), or X次."""
    vocab = vocabulary()
    if word in vocab.words("counting"):
        return True
    if not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return False
    if len(word) == 1:
        return word not in vocab.grammar_characters
    return len(word) == 2 and word[1] == "次" and word[0] not in vocab.grammar_characters


def _compound(unit: str) -> Facts:
    """Units pint does not know: an open counting word, a multiple of a unit (千人), or a
    quotient (起/万人). Each open counting word is a dimension of its own."""
    if unit.count("/") == 1:
        top, bottom = unit.split("/")
        a, b = (facts(top), facts(bottom)) if top and bottom else (None, None)
        if a is None or b is None:
            return None
        dims: dict[str, int] = dict(a[0])
        for dim, power in b[0]:
            dims[dim] = dims.get(dim, 0) - power
        with decimal.localcontext(context()):
            return tuple(sorted((d, p) for d, p in dims.items() if p)), a[1] / b[1]
    word_facts = _word(unit)
    if word_facts is not None:
        return word_facts
    for word, multiplier in _MULTIPLIERS:
        if unit.startswith(word) and len(unit) > len(word):
            # One multiplier word, over a unit that has none of its own beyond a prefix
            # (千人, 千万元; not 万万万亿元), so that factors stay within 10^±66.
            rest = _word(unit[len(word) :])
            return None if rest is None else (rest[0], rest[1] * multiplier)
    return None


def _word(unit: str) -> Facts:
    """A unit of units.txt (with its prefix), or an open counting word."""
    shipped = _shipped()
    if unit in shipped:
        return shipped[unit]
    if not shipped:  # a stale table: what pint knows is never taken for an open word
        from_pint = _from_pint(unit)
        if from_pint is not None:
            return from_pint
    if is_counting_word(unit):
        return ((f"[word:{unit}]", 1),), Decimal(1)
    return None


@functools.cache
def facts(unit: str) -> Facts:
    """(dimensions, factor to base units) of a unit string, or None if it is not a unit."""
    shipped = _shipped()
    if unit in shipped:
        return shipped[unit]
    if not shipped:  # a stale table: pint first, so that 人 stays people, not a new word
        from_pint = _from_pint(unit)
        if from_pint is not None:
            return from_pint
    found = _compound(unit)
    return found if found is not None else _from_pint(unit)


@functools.cache
def known_units() -> tuple[str, ...]:
    """The unit names of units.txt, as pint read them (for "did you mean" in messages)."""
    return tuple(n for n in unit_names() if n not in SHARES)


# Shares written with a sign: a rate in % (percent) or in ‰ (per mille). Each is a unit of its
# own in the plan format (a rate's gap is in points of it); they convert into each other.
SHARES = {"%": Decimal("0.01"), "‰": Decimal("0.001")}
# A ratio to one (城乡居民收入比 2.2:1): the number before the colon, in a unit of its own that
# converts to nothing else.
RATIO = ":1"
_RATIO_FACTS: tuple[Dims, Decimal] = ((("[ratio]", 1),), Decimal(1))


@functools.cache
def check_unit(unit: str) -> None:
    """Raise UnitError unless `unit` is a unit govplan knows."""
    if unit in SHARES or unit == RATIO:
        return
    if len(unit) > MAX_UNIT_LENGTH:
        raise UnitError(Said.of("unit.too-long", unit=unit[:MAX_UNIT_LENGTH]), unit=unit)
    if not unit_shaped(unit):
        raise UnitError(Said.of("unit.not-a-unit", unit=unit), unit=unit)
    found = facts(unit)
    if found is None:
        raise UnitError(Said.of("unit.unknown", unit=unit), unit=unit)
    if not found[0]:
        # 7percent: a percentage spelt out would be read as a quantity with a completion
        raise UnitError(Said.of("unit.percentage", unit=unit), unit=unit)


def _facts_of(unit: str) -> tuple[Dims, Decimal]:
    if unit in SHARES:
        return (), SHARES[unit]
    if unit == RATIO:
        return _RATIO_FACTS
    check_unit(unit)
    found = facts(unit)
    assert found is not None
    return found


@functools.cache
def factor(from_unit: str, to_unit: str) -> Decimal:
    """The number that converts a magnitude in `from_unit` into `to_unit`."""
    if from_unit == to_unit:
        return Decimal(1)
    (dims_from, base_from), (dims_to, base_to) = _facts_of(from_unit), _facts_of(to_unit)
    if dims_from != dims_to:
        said = Said.of("unit.not-convertible", unit=from_unit, other=to_unit)
        raise UnitError(said, unit=from_unit, other=to_unit)
    with decimal.localcontext(context()):
        return base_from / base_to


@functools.cache
def is_counting(unit: str) -> bool:
    """True for a plain counting word (个, 家, 人, 名 ...), whose whole numbers are exact;
    false for measured units and for multiples (万人 is rounded to the 万)."""
    if unit in SHARES or unit == RATIO:
        return False
    dims, base = _facts_of(unit)
    return len(dims) == 1 and dims[0][1] == 1 and dims[0][0] not in _MEASURED and base == 1


def is_open(unit: str) -> bool:
    """True when the unit rests on an open counting word (起, 艘) rather than units.txt."""
    found = facts(unit) if unit_shaped(unit) else None
    return found is not None and any(d.startswith("[word:") for d, _ in found[0])
