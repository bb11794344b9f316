"""The allowance of "about" targets (左右): the default tolerance and the one in force."""

from __future__ import annotations

from decimal import Decimal

from govplan.model import Indicator
from govplan.targets import Target
from govplan.terms import Kind

RATE_TOLERANCE = Decimal("0.5")  # pp, default for "about" rate targets
QUANTITY_TOLERANCE = Decimal("0.05")  # share of the target, default for "about" quantities


def effective_tolerance(indicator: Indicator, target: Target) -> Decimal:
    if indicator.tolerance is not None:
        return indicator.tolerance
    if target.tolerance is not None:
        return target.tolerance
    assert target.value is not None
    # never more than half the target's own size: 增长0.1%左右 is met from +0.05%, and
    # 提高0.3个百分点左右 never by a change the other way
    half = abs(target.value.number) / 2
    if indicator.kind is Kind.RATE:
        return min(RATE_TOLERANCE, half)
    return min(abs(target.value.number) * QUANTITY_TOLERANCE, half)
