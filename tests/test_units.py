"""The unit registry: Chinese multipliers, area, currencies and counting words."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govplan.units import UnitError, check_unit, factor, is_counting, unit_shaped
from tests.fuzz import examples


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("万人", "人", "10000"),
        ("人", "万人", "0.0001"),
        ("亿元", "万元", "10000"),
        ("名", "人", "1"),
        ("公顷", "平方米", "10000"),
        ("平方公里", "平方米", "1000000"),
        ("公里", "米", "1000"),
        ("万千瓦", "千瓦", "10000"),
        ("微克/立方米", "微克/立方米", "1"),
    ],
)
def test_factor(source: str, target: str, expected: str) -> None:
    assert factor(source, target) == Decimal(expected)


def test_mu_to_hectares() -> None:
    assert round(Decimal(3900) * factor("亩", "公顷"), 6) == Decimal(260)


def test_four_wan_people_against_41029_people() -> None:
    assert Decimal("4.0") * factor("万人", "人") == Decimal(40000)


@pytest.mark.parametrize(
    ("source", "target"), [("亿元", "亿美元"), ("人", "平方米"), ("人", "户"), ("%", "个")]
)
def test_incompatible_units_name_both(source: str, target: str) -> None:
    with pytest.raises(UnitError) as info:
        factor(source, target)
    assert source in str(info.value) and target in str(info.value)
    assert (info.value.unit, info.value.other) == (source, target)


@pytest.mark.parametrize("unit", ["斤斤", "米)", "*", "x" * 50])
def test_unknown_units(unit: str) -> None:
    with pytest.raises(UnitError):
        check_unit(unit)


@pytest.mark.parametrize(
    ("unit", "counting"),
    [("家", True), ("人", True), ("名", True), ("户", True), ("万人", False), ("公里", False),
     ("%", False), ("亿美元", False), ("平方米", False)],
)  # fmt: skip
def test_is_counting(unit: str, counting: bool) -> None:
    assert is_counting(unit) is counting


def test_registry_is_not_pints_default() -> None:
    from govplan.units import registry

    reg = registry()
    assert "meter" not in reg  # pint's default file defines it; ours does not
    assert registry() is reg  # built once per process


def test_shipped_facts_are_what_pint_says_now() -> None:
    # Fails after an edit of units.txt until `make units` is run.
    from govplan.units import FACTS_FILE, facts_table

    shipped = json.loads((Path("govplan") / FACTS_FILE).read_text(encoding="utf-8"))
    assert shipped == facts_table(), "unitfacts.json is not units.txt's: run `make units`"


def test_a_stale_table_is_not_used_and_never_gives_a_wrong_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After an edit of units.txt without `make units`, pint answers (人 stays people, 米 a
    length: no false unit-mismatch between 人 and 万人), with a warning saying what to run."""
    from govplan import units

    monkeypatch.setattr(units, "definitions_digest", lambda: "edited")
    for cached in (units._shipped, units.facts, units.factor):
        cached.cache_clear()
    try:
        assert units._shipped() == {}
        assert "make units" in capsys.readouterr().err
        assert units.facts("人") == ((("[people]", 1),), Decimal(1))
        assert units.factor("万人", "人") == Decimal(10000)
        assert units.facts("米") == ((("[length]", 1),), Decimal(1))
        assert units.facts("艘") == ((("[word:艘]", 1),), Decimal(1))  # still an open word
    finally:
        for cached in (units._shipped, units.facts, units.factor):
            cached.cache_clear()


def test_unit_names_are_pints_own_reading_of_units_txt() -> None:
    """Names, symbols and aliases as pint parsed units.txt: no line of its syntax (an
    @alias, a prefix) ever becomes a name of its own."""
    from govplan.units import registry, unit_names

    names = unit_names()
    assert all(" " not in n and not n.startswith("@") and "=" not in n for n in names)
    assert {"人", "名", "万人", "亿元", "平方米", "平米"} <= set(names)
    for definition in dict(registry()._units).values():
        assert definition.name.startswith("[") or definition.name in names


_unit_text = st.text(
    alphabet="万亿千百元美人户米公里平方吨克瓦时个家件/km%", min_size=1, max_size=6
)


@settings(max_examples=examples(100), deadline=None)
@given(_unit_text)
def test_the_table_and_the_compound_rules_answer_as_pint_does(unit: str) -> None:
    # Where pint can read a unit string, govplan's own answer (table, then compound
    # rules) must be pint's; where govplan answers and pint cannot, the string is one of
    # the compound forms pint has no rule for (千人, 起/万人).
    from govplan import units

    assume(unit_shaped(unit))  # anything else is refused before either
    ours = units._shipped().get(unit) or units._compound(unit)
    pints = units._from_pint(unit)
    if pints is not None and ours is not None:
        assert ours[0] == pints[0] and ours[1] == pints[1], unit


# The shape a unit must have, as the plan format describes it: a word of CJK (the basic
# block) or Latin letters, or a quotient of two.
_SHAPE = re.compile(r"[\u4e00-\u9fffA-Za-z]+(?:/[\u4e00-\u9fffA-Za-z]+)?")


@given(st.text(alphabet=st.sampled_from("亿元万人鿿一\u4dff\ua000kmKM/ .%2_·（"), max_size=8))
@settings(max_examples=examples(300))
def test_the_unit_shape_is_the_documented_one(text: str) -> None:
    assert unit_shaped(text) == (_SHAPE.fullmatch(text) is not None), text
