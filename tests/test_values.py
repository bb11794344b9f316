"""Values: numbers, units, approximation and printed precision."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govplan.values import ValueSyntaxError, normalize, parse_value


@pytest.mark.parametrize(
    ("text", "number", "unit", "approximate"),
    [
        ("1.5%", "1.5", "%", False),
        ("3.7", "3.7", None, False),
        ("41029人", "41029", "人", False),
        ("4.0万人", "4.0", "万人", False),
        ("735亿元", "735", "亿元", False),
        ("6亿美元", "6", "亿美元", False),
        ("71.8万平方米", "71.8", "万平方米", False),
        ("3900亩", "3900", "亩", False),
        ("23.6公里", "23.6", "公里", False),
        ("31微克/立方米", "31", "微克/立方米", False),
        ("-4.2%", "-4.2", "%", False),
        ("10%左右", "10", "%", True),
        ("约3.4万人", "3.4", "万人", True),
        ("１２．５％", "12.5", "%", False),  # full-width digits, point and percent
        ("31微克／立方米", "31", "微克/立方米", False),  # full-width slash is a ratio
        ("−4.2%", "-4.2", "%", False),  # U+2212 minus
        ("1,000", "1000", None, False),
        (" 7 % ", "7", "%", False),
        (7, "7", None, False),
    ],
)
def test_parse_value(text: object, number: str, unit: str | None, approximate: bool) -> None:
    value = parse_value(text)
    assert value.number == Decimal(number)
    assert value.unit == unit
    assert value.approximate is approximate


def test_bare_number_takes_the_given_unit() -> None:
    assert parse_value("3", unit="万人").unit == "万人"
    assert parse_value("41029人", unit="万人").unit == "人"


@pytest.mark.parametrize(("text", "half"), [("3.7", "0.05"), ("62.12%", "0.005"), ("137", "0.5")])
def test_printed_precision(text: str, half: str) -> None:
    assert parse_value(text).half_step == Decimal(half)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("abc", "not a number"),
        ("1" * 5000, "digits"),
        ("nan", "not a number"),
        ("inf%", "not a number"),
        ("7斤斤", "unknown unit"),
        ("1e99999", "out of range"),
    ],
)
def test_bad_values(text: str, needle: str) -> None:
    with pytest.raises(ValueSyntaxError, match=needle):
        parse_value(text)


def test_approximate_refused_where_exact_is_required() -> None:
    with pytest.raises(ValueSyntaxError, match="approximate"):
        parse_value("10%左右", allow_approximate=False)


@pytest.mark.parametrize("bad", [True, None, [1], {"a": 1}])
def test_non_scalars_are_refused(bad: object) -> None:
    with pytest.raises(ValueSyntaxError):
        parse_value(bad)


def test_normalize() -> None:
    assert normalize("确保５％以上，力争５．５％") == "确保5%以上,力争5.5%"


@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_value_syntax_error(text: str) -> None:
    with contextlib.suppress(ValueSyntaxError):
        parse_value(text)


def _both_readings(text: str, unit: str | None) -> None:
    """The quick reading of the commonest form gives what the full reading gives, or leaves
    the text to it; never another number, unit or bound."""
    from govplan.values import _plain_value, _read_value

    quick = _plain_value(text, unit)
    if quick is None:
        return
    for allow_approximate in (True, False):
        assert _read_value(text, unit, allow_approximate) == quick, (text, unit)


@pytest.mark.parametrize(
    "number", ["7", "-3.4", "0", "185", "0.50", "007", "1" * 30, "1" * 20 + "." + "1" * 20]
)
def test_the_quick_reading_agrees_for_every_unit_name(number: str) -> None:
    from govplan.units import SHARES, known_units

    others = ("", "个百分点", "以上", "余户", "多人", "左右", "ｋｍ", "㎡", "²个")
    for name in (*known_units(), *SHARES, *others):
        _both_readings(number + name, None)
        _both_readings(number + name, "%")


@given(
    st.text(alphabet="0123456789.-+,:%‰万亿元人个户以上余多约左右第名位同比增长下降持平 ²①",
            max_size=12),
    st.sampled_from([None, "%", "万元", "个"]),
)  # fmt: skip
def test_the_quick_reading_agrees_with_the_full_one(text: str, unit: str | None) -> None:
    _both_readings(text, unit)
