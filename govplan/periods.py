"""Reporting periods: how many months of the year each covers, and the schedule share
(时序进度) that follows from it."""

from __future__ import annotations

from decimal import Decimal

YEAR = "year"

# Months of the year a period's figures cover: year-to-date at its end.
MONTHS: dict[str, int] = {
    "Q1": 3, "H1": 6, "Q2": 6, "Q3": 9, "Q4": 12, YEAR: 12,
    **{f"M{m:02d}": m for m in range(1, 13)},
}  # fmt: skip


def months(period: str) -> int:
    return MONTHS[period]


def schedule_share(period: str) -> Decimal:
    """The share of the year elapsed at the end of the period, in percent (H1: 50)."""
    return Decimal(100) * MONTHS[period] / 12


def through_the_year(period: str) -> bool:
    """True for a period that ends before the year does (Q4 and M12 end with it)."""
    return MONTHS[period] < 12


def order(period: str) -> tuple[int, str]:
    """Calendar order: by the months covered (Q1, M04, H1, Q3, year), then by name."""
    return (MONTHS[period], period)


_NAMES_ZH = {
    "Q1": "一季度",
    "H1": "上半年",
    "Q2": "上半年",
    "Q3": "前三季度",
    "Q4": "全年",
    YEAR: "全年",
}


def name(period: str, lang: str) -> str:
    """A period as the documents name it (上半年, 1-5月), or its code in English."""
    if lang != "zh":
        return period
    if period in _NAMES_ZH:
        return _NAMES_ZH[period]
    m = MONTHS[period]
    return "1月" if m == 1 else f"1-{m}月"
