"""Numbers for display: rounded for people, never with float artefacts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

MINUS = "−"


def plain(number: Decimal, places: int = 2) -> str:
    """`61.666…` -> `61.67`, `236.0` -> `236`, `-5.5` -> `-5.5` (no exponent, no trailing 0)."""
    # Precision enough for the integer digits too, so that any finite number rounds.
    with localcontext(prec=max(28, number.adjusted() + places + 2)):
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{plain(value)}%"


def json_number(number: Decimal) -> int | float:
    """A Decimal as a JSON number, unrounded: integral values stay integers."""
    if number == number.to_integral_value() and abs(number) < Decimal(10) ** 15:
        return int(number)
    return float(number)


def json_or_none(number: Decimal | None) -> int | float | None:
    return None if number is None else json_number(number)
