"""The program's one unit registry, built from the shipped definitions file, and conversions."""

from __future__ import annotations

import functools
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

MAX_UNIT_LENGTH = 40


class UnitError(ValueError):
    """A unit that is not defined, or two units that cannot be converted into each other."""

    def __init__(self, message: str, *, unit: str, other: str | None = None) -> None:
        super().__init__(message)
        self.unit = unit
        self.other = other


@functools.cache
def registry() -> pint.UnitRegistry[Decimal]:
    """The registry, built once per process from govplan/units.txt (not pint's default)."""
    import pint

    definitions = resources.files("govplan").joinpath("units.txt")
    with resources.as_file(definitions) as path:
        return pint.UnitRegistry(
            str(path), non_int_type=Decimal, cache_folder=None, on_redefinition="raise"
        )


@functools.cache
def check_unit(unit: str) -> None:
    """Raise UnitError unless `unit` is a unit govplan knows."""
    if unit == "%":
        return
    if len(unit) > MAX_UNIT_LENGTH:
        raise UnitError(f"unit {unit[:MAX_UNIT_LENGTH]!r}… is too long", unit=unit)
    try:
        registry().parse_units(unit)
    except Exception:  # pint raises a variety of parser errors for arbitrary text
        raise UnitError(f"unknown unit {unit!r}", unit=unit) from None


@functools.cache
def factor(from_unit: str, to_unit: str) -> Decimal:
    """The number that converts a magnitude in `from_unit` into `to_unit`."""
    if from_unit == to_unit:
        return Decimal(1)
    check_unit(from_unit)
    check_unit(to_unit)
    import pint

    reg = registry()
    try:
        value = reg.Quantity(Decimal(1), from_unit).to(to_unit).magnitude
    except pint.DimensionalityError:
        raise UnitError(
            f"units {from_unit!r} and {to_unit!r} cannot be converted into each other",
            unit=from_unit,
            other=to_unit,
        ) from None
    return Decimal(value)


# Dimensions of measured quantities; every other base dimension is a counting word.
_MEASURED = frozenset(
    {"[length]", "[mass]", "[time]", "[power]", "[currency_cny]", "[currency_usd]"}
)


@functools.cache
def is_counting(unit: str) -> bool:
    """True for a plain counting word (个, 家, 人, 名 ...), whose whole numbers are exact;
    false for measured units and for multiples (万人 is rounded to the 万)."""
    if unit == "%":
        return False
    check_unit(unit)
    reg = registry()
    base = reg.Quantity(Decimal(1), unit).to_base_units()
    dims = dict(base.dimensionality)
    if len(dims) != 1:
        return False
    ((dim, power),) = dims.items()
    return power == 1 and dim not in _MEASURED and base.magnitude == 1
