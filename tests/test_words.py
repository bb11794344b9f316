"""Chinese numerals read back as the numbers they write."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.words import chinese_number, percent_in_words
from tests.fuzz import examples

DIGITS = "零一二三四五六七八九"


def below_ten_thousand(n: int) -> str:
    """1..9999 as written in full: 一千零二十, 一百一十."""
    out, gap = "", False
    for unit, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // place % 10
        if digit:
            out += ("零" if gap else "") + DIGITS[digit] + unit
            gap = False
        elif out:
            gap = True
    return out


def written(n: int) -> str:
    """1..99,999,999 in Chinese numerals, 零 where a place is skipped (三万零五)."""
    high, low = divmod(n, 10_000)
    text = below_ten_thousand(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + below_ten_thousand(low)
    return text


@settings(max_examples=examples(500))
@given(st.integers(min_value=1, max_value=99_999_999))
def test_a_number_written_in_full_reads_back(n: int) -> None:
    text = written(n) + "个"
    found = chinese_number(text)
    assert found is not None
    value, read = found
    rest = text[read:]
    # 万 at the end of a number is left to the unit (三万人 is 3 万人)
    assert (value * 10_000 if rest.startswith("万") else value) == n, text
    assert rest in ("个", "万个")


@settings(max_examples=examples(200))
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_a_last_digit_is_one_place_below_the_unit(first: int, second: int) -> None:
    for unit, place in (("千", 1000), ("百", 100), ("万", 10_000)):
        text = f"{DIGITS[first]}{unit}{DIGITS[second]}"
        assert chinese_number(text) == (Decimal(first * place + second * place // 10), 3), text


@settings(max_examples=examples(200))
@given(st.integers(min_value=0, max_value=9999))
def test_digit_by_digit(n: int) -> None:
    text = "".join("〇" if ch == "0" else DIGITS[int(ch)] for ch in f"{n:04d}") + "年"
    assert chinese_number(text) == (Decimal(n), 4)


@settings(max_examples=examples(100))
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_percentages_in_words(whole: int, tenth: int) -> None:
    text = "百分之" + written(whole) + (f"点{DIGITS[tenth]}" if tenth else "")
    assert percent_in_words(text) == (Decimal(whole) + Decimal(tenth) / 10, len(text))
