"""Decimal arithmetic at a precision that covers every number a plan can hold, so that a
gap or a verdict is never the product of rounding."""

from __future__ import annotations

import decimal
from decimal import Decimal

# What the loader admits: at most 30 digits, exponents within ±30, so a number's digits lie
# between 10^-30 and 10^59. A unit's factor stays within about 10^±66 (one multiplier word
# over a prefixed unit, over another such). At 160 digits a product of a number and a factor
# is exact, and so is any difference that matters: a difference of numbers further apart
# than that is rounded, but rounding never changes its sign, so no verdict changes. Only a
# division, or a factor that does not terminate (亩 is 10000/15 m²), is inexact, and those
# are rounded again to SIGNIFICANT digits (below).
PRECISION = 160

# An inexact conversion (15亩 in 公顷) is rounded to this many significant digits, far beyond
# the 30 a plan can write, so that 15亩 is exactly 1公顷 again and a target is met, not
# missed by 10^-150.
SIGNIFICANT = 60

# What a computed number may reach: beyond it a result is refused, not printed (JSON numbers
# are IEEE doubles, whose range ends near 1.8e308).
MAGNITUDE = Decimal("1e120")


def context() -> decimal.Context:
    """The context for all of govplan's arithmetic (use with decimal.localcontext)."""
    return decimal.Context(prec=PRECISION, rounding=decimal.ROUND_HALF_EVEN, Emax=999, Emin=-999)


def product(number: Decimal, factor: Decimal) -> Decimal:
    """number × factor, exact where it can be; an inexact product is rounded to SIGNIFICANT
    digits so that conversions that should cancel do."""
    with decimal.localcontext(context()) as ctx:
        result = number * factor
        if ctx.flags[decimal.Inexact]:
            result = round_significant(result)
        return result


def round_significant(number: Decimal, digits: int = SIGNIFICANT) -> Decimal:
    if not number:
        return number
    with decimal.localcontext(context()) as ctx:
        ctx.prec = digits
        return +number


def within_bounds(number: Decimal | None) -> bool:
    return number is None or (number.is_finite() and abs(number) < MAGNITUDE)
