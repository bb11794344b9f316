"""Numbers for display: rounded for people, never with float artefacts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

MINUS = "−"


def plain(number: Decimal, places: int = 2, *, side_of: Decimal = Decimal(0)) -> str:
    """`61.666…` -> `61.67`, `236.0` -> `236`, `-5.5` -> `-5.5` (no exponent, no trailing 0).

    Rounding never moves a number onto or across `side_of` (0 unless said): a shortfall of
    0.001 prints as -0.001, not 0, and a completion of 99.999 (side_of=100) as 99.999, not 100,
    so that no printed figure contradicts the status beside it. As many places are shown as
    that takes (the number is exact, so there is always enough)."""
    exponent = number.as_tuple().exponent
    most = max(places, -exponent) if isinstance(exponent, int) else places
    for shown in range(places, most + 1):
        rounded = _rounded(number, shown)
        if (rounded > side_of) == (number > side_of) and (rounded < side_of) == (number < side_of):
            break
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rounded(number: Decimal, places: int) -> Decimal:
    # Precision enough for the integer digits too, so that any finite number rounds.
    with localcontext(prec=max(28, number.adjusted() + places + 2)):
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# Multipliers written in front of a unit, largest first: an amount below one of them is read
# in the next smaller (0.17万场次 is 1666.67场次).
_PREFIXES = (("万亿", Decimal("1e12")), ("亿", Decimal("1e8")), ("万", Decimal("1e4")))


def amount_text(number: Decimal, unit: str | None) -> str:
    """An amount in the unit that reads best: the unit as given, unless the amount is below
    one of its multiplier (0.17万场次 reads 1666.67场次, 0.5亿元 reads 5000万元)."""
    unit = unit or ""
    while number and abs(number) < 1:
        prefix = next(((p, f) for p, f in _PREFIXES if unit.startswith(p) and unit != p), None)
        if prefix is None:
            break
        word, size = prefix
        smaller = next(((p, f) for p, f in _PREFIXES if f < size), ("", Decimal(1)))
        number, unit = number * size / smaller[1], smaller[0] + unit[len(word) :]
    return f"{plain(number)}{unit}"


def signed(number: Decimal, places: int = 2) -> str:
    text = plain(number, places)
    if text == "0":
        return text
    return text.replace("-", MINUS) if text.startswith("-") else f"+{text}"


def gap_text(gap: Decimal | None, unit: str | None) -> str:
    if gap is None:
        return ""
    suffix = f" {unit}" if unit else ""
    return f"{signed(gap)}{suffix}"


def percent_text(value: Decimal | None, *, side_of: Decimal = Decimal(0)) -> str:
    return "" if value is None else f"{plain(value, side_of=side_of)}%"


def completion_text(value: Decimal | None) -> str:
    """A completion rate: 99.999% is never printed as 100%."""
    return percent_text(value, side_of=Decimal(100))


def json_number(number: Decimal) -> int | float:
    """A Decimal as a JSON number, unrounded: integral values stay integers."""
    if number == number.to_integral_value() and abs(number) < Decimal(10) ** 15:
        return int(number)
    return float(number)


def json_or_none(number: Decimal | None) -> int | float | None:
    return None if number is None else json_number(number)
