"""The unit registry: Chinese multipliers, area, currencies and counting words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govplan.units import UnitError, check_unit, factor, is_counting


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


def test_cache_answers_as_pint_does(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from govplan import units

    monkeypatch.setenv("GOVPLAN_CACHE_DIR", str(tmp_path))
    for fn in (units._store, units.facts, units.check_unit, units.factor, units.is_counting):
        fn.cache_clear()
    try:
        cold = [units.factor(a, b) for a, b in (("万人", "人"), ("亩", "公顷"), ("亿元", "万元"))]
        units.check_unit("亿美元")
        cached = list(tmp_path.glob("units-*.json"))  # type: ignore[attr-defined]
        assert len(cached) == 1
        for fn in (units._store, units.facts, units.check_unit, units.factor):
            fn.cache_clear()
        monkeypatch.setattr(
            units, "registry", lambda: pytest.fail("pint consulted on a warm cache")
        )
        warm = [units.factor(a, b) for a, b in (("万人", "人"), ("亩", "公顷"), ("亿元", "万元"))]
        assert warm == cold
        with pytest.raises(UnitError):
            units.factor("亿元", "亿美元")
    finally:
        for fn in (units._store, units.facts, units.check_unit, units.factor, units.is_counting):
            fn.cache_clear()
