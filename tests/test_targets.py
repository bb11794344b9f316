"""The target grammar: every written form of the plan format, and the structured form."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govplan.targets import TargetSyntaxError, parse_target
from govplan.terms import Direction, Form

# written, form, bound, stretch, unit
WRITTEN = [
    ("7%", Form.MIN, "7", None, "%"),
    ("20", Form.MIN, "20", None, None),
    ("735亿元", Form.MIN, "735", None, "亿元"),
    ("力争25%", Form.MIN, "25", None, "%"),
    ("确保5%", Form.MIN, "5", None, "%"),
    ("7%以上", Form.MIN, "7", None, "%"),
    ("不低于7%", Form.MIN, "7", None, "%"),
    ("≥7%", Form.MIN, "7", None, "%"),
    (">=7%", Form.MIN, "7", None, "%"),
    ("6以上", Form.MIN, "6", None, None),
    ("1000以上", Form.MIN, "1000", None, None),
    ("6亿美元以上", Form.MIN, "6", None, "亿美元"),
    ("5.5%左右", Form.ABOUT, "5.5", None, "%"),
    ("约5.5%", Form.ABOUT, "5.5", None, "%"),
    ("确保5%以上,力争5.5%", Form.TIERS, "5", "5.5", "%"),
    ("确保5.0%,力争5.5%以上", Form.TIERS, "5.0", "5.5", "%"),
    ("5.5%左右(确保5%以上)", Form.TIERS, "5", "5.5", "%"),
    ("力争5.5%,确保5%", Form.TIERS, "5", "5.5", "%"),
    ("确保５％以上，力争５．５％", Form.TIERS, "5", "5.5", "%"),
    ("5.5%左右（确保5%以上）", Form.TIERS, "5", "5.5", "%"),
    ("31以下", Form.MAX, "31", None, None),
    ("降至31微克/立方米以下", Form.MAX, "31", None, "微克/立方米"),
    ("不超过3%", Form.MAX, "3", None, "%"),
    ("≤31", Form.MAX, "31", None, None),
    ("控制在3%以内", Form.MAX, "3", None, "%"),
    ("７％", Form.MIN, "7", None, "%"),
]


@pytest.mark.parametrize(("text", "form", "bound", "stretch", "unit"), WRITTEN)
def test_written_forms(
    text: str, form: Form, bound: str, stretch: str | None, unit: str | None
) -> None:
    target = parse_target(text)
    assert target.form is form
    assert target.value is not None and target.value.number == Decimal(bound)
    assert target.unit == unit
    if stretch is None:
        assert target.stretch is None
    else:
        assert target.stretch is not None and target.stretch.number == Decimal(stretch)
    assert target.text == text.strip()


def test_direction() -> None:
    assert parse_target("31以下").direction == "down"
    assert parse_target("7%").direction == "up"


@pytest.mark.parametrize("text", ["与经济增长同步", "与经济增长基本同步", "与经济增长保持同步"])
def test_relative(text: str) -> None:
    target = parse_target(text)
    assert (target.form, target.sync, target.value) == (Form.SYNC, "gdp", None)


@pytest.mark.parametrize("text", ["完成市下达目标任务", "确保完成", "实现全覆盖"])
def test_qualitative(text: str) -> None:
    assert parse_target(text).form is Form.TEXT


def test_bare_number_takes_the_indicator_unit() -> None:
    assert parse_target("6以上", unit="亿美元").unit == "亿美元"


@pytest.mark.parametrize(
    ("raw", "form", "bound", "unit"),
    [
        ({"min": 7, "unit": "%"}, Form.MIN, "7", "%"),
        ({"max": 31, "unit": "微克/立方米"}, Form.MAX, "31", "微克/立方米"),
        ({"about": 5.5, "unit": "%", "tolerance": 0.3}, Form.ABOUT, "5.5", "%"),
        ({"floor": 5, "stretch": 5.5, "unit": "%"}, Form.TIERS, "5", "%"),
        ({"min": "4.0万人"}, Form.MIN, "4.0", "万人"),
    ],
)
def test_structured(raw: dict[str, object], form: Form, bound: str, unit: str) -> None:
    target = parse_target(raw)
    assert target.form is form
    assert target.value is not None and target.value.number == Decimal(bound)
    assert target.unit == unit


def test_structured_tolerance_sync_text_progress() -> None:
    assert parse_target({"about": 5.5, "tolerance": "0.3"}).tolerance == Decimal("0.3")
    assert parse_target({"sync": "gdp"}).sync == "gdp"
    assert parse_target({"text": "完成市下达目标任务"}).form is Form.TEXT
    assert parse_target({"progress": True}).form is Form.PROGRESS


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("提升到了7%", "the word '提升到了' before the number is not known"),
        ("7%以下以上", "mixes"),
        ("确保5%以上,确保6%", "not a two-tier form"),
        ("确保5%以下,力争4%以上", "'at least' on one tier and 'at most' on the other"),
        ("确保6%以上,力争5%", "the stretch is the harder one"),
        ("7%以上吧", "'吧' after the qualifier is not read; write '7%以上'"),
        ("3家企业", "the unit '家企业' is not known; did you mean '家'"),
        ("5%-3%", "from the lower number to the higher one"),
        ("", "empty"),
        ({"min": 7, "max": 9}, "exactly one"),
        ({}, "exactly one"),
        ({"floor": 5}, "needs stretch"),
        ({"min": "abc"}, "target min"),
        ({"progress": "no"}, "progress: true"),
    ],
)
def test_bad_targets(raw: object, needle: str) -> None:
    with pytest.raises(TargetSyntaxError, match=needle):
        parse_target(raw)


def test_unknown_verb_shows_the_nearest_accepted_writing() -> None:
    with pytest.raises(TargetSyntaxError) as info:
        parse_target("提升到了1.2%")
    assert str(info.value).endswith("write '提升到1.2%'")  # only a rewrite that means the same
    assert info.value.part == "提升到了"


_target_chars = (
    st.sampled_from(list("0123456789.%,()以上下左右约确保力争不低于超过≥≤<>=万亿元人-"))
    | st.characters()
)


@given(st.text(_target_chars, max_size=40))
def test_arbitrary_targets_raise_only_target_syntax_error(text: str) -> None:
    with contextlib.suppress(TargetSyntaxError):
        parse_target(text)


@pytest.mark.parametrize("text", ["第0", "前0位", "全省第0"])
def test_a_rank_below_one_is_no_target(text: str) -> None:
    with pytest.raises(TargetSyntaxError, match="a rank is a position counted from 1"):
        parse_target(text)


# Numbers written in words, as Chinese writes them (each was misread before: 二〇家 as 2,
# 两千五 as 2005, 一万二千人 as a qualitative target).
NUMERALS = [
    ("二〇家", Form.MIN, "20", "家"),
    ("一〇〇家", Form.MIN, "100", "家"),
    ("三〇〇万元", Form.MIN, "300", "万元"),
    ("两千五百个", Form.MIN, "2500", "个"),
    ("新增两千五个", Form.MIN, "2500", "个"),  # the last digit one place below 千
    ("三千五百亩", Form.MIN, "3500", "亩"),
    ("一百五十家", Form.MIN, "150", "家"),
    ("一百五家", Form.MIN, "150", "家"),
    ("一百零五家", Form.MIN, "105", "家"),  # 零 holds a place: no abbreviation
    ("两千零五个", Form.MIN, "2005", "个"),
    ("一万二千人", Form.MIN, "12000", "人"),
    ("三万五千人", Form.MIN, "35000", "人"),
    ("三万人", Form.MIN, "3", "万人"),  # 万 at the end belongs to the unit
    ("一点五万人", Form.MIN, "1.5", "万人"),
    ("增长百分之五", Form.MIN, "5", "%"),
    ("百分之五点五以上", Form.MIN, "5.5", "%"),
    ("提高三成", Form.MIN, "30", "%"),
    ("两成半以上", Form.MIN, "25", "%"),
    ("十五个", Form.MIN, "15", "个"),
    ("百家以上", Form.MIN, "100", "家"),
]


@pytest.mark.parametrize(("text", "form", "bound", "unit"), NUMERALS)
def test_numbers_in_words(text: str, form: Form, bound: str, unit: str) -> None:
    target = parse_target(text)
    assert (target.form, target.value and target.value.number, target.unit) == (
        form,
        Decimal(bound),
        unit,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10²个", "is read as a digit only after normalisation"),
        ("10³亿元", "is read as a digit only after normalisation"),
        ("①家", "is read as a digit only after normalisation"),
        ("٣٠%", "is read as a digit only after normalisation"),
        ("九九家", "runs two digits together"),
        ("三五家", "runs two digits together"),
        ("上百家", "holds a vague number (上百)"),
        ("新增数十个", "holds a vague number (数十)"),
        ("第零", "a rank is a position counted from 1"),
    ],
)
def test_numbers_that_would_be_guessed_are_refused(text: str, message: str) -> None:
    with pytest.raises(TargetSyntaxError, match=re.escape(message)):
        parse_target(text)


@pytest.mark.parametrize(
    "text", ["打造一批", "一流营商环境", "三大攻坚战取得成效", "十大工程", "完成市下达目标任务"]
)
def test_numerals_in_idioms_stay_text(text: str) -> None:
    assert parse_target(text).form is Form.TEXT


def test_a_vague_size_may_be_kept_as_text_explicitly() -> None:
    assert parse_target({"text": "上百家"}).form is Form.TEXT


def test_a_trailing_exhortation_is_not_read_and_explain_says_so() -> None:
    target = parse_target("增长6.5%左右,在实际工作中争取更好结果")
    assert (target.form, target.value and target.value.number) == (Form.ABOUT, Decimal("6.5"))
    assert target.text == "增长6.5%左右,在实际工作中争取更好结果"
    said = {word: meaning.text() for word, meaning in target.words}
    assert said["在实际工作中争取更好结果"] == "an exhortation with no number: not read"
    # a clause with a number is a stretch, not an exhortation; any other clause is refused
    assert parse_target("确保5%以上,力争5.5%").form is Form.TIERS
    with pytest.raises(TargetSyntaxError):
        parse_target("增长5%,确保完成")


@pytest.mark.parametrize("text", ["分别增长8%、9%", "力争分别达到3%和5%"])
def test_two_indicators_in_one_phrase_are_refused(text: str) -> None:
    with pytest.raises(TargetSyntaxError, match="sets targets for two indicators at once"):
        parse_target(text)


@pytest.mark.parametrize(
    ("text", "direction", "stated"),
    [
        # the national and provincial reports' sign-only targets (contract, 2026-12-02)
        ("继续下降", Direction.DOWN, True),
        ("持续降低", Direction.DOWN, True),
        ("实现正增长", Direction.UP, True),
        ("保持增长", Direction.UP, True),
        ("稳步提升", Direction.UP, True),
        ("较上年好转", Direction.UP, False),  # better: the indicator's side
        ("持续改善", Direction.UP, False),
    ],
)
def test_sign_only_targets(text: str, direction: Direction, stated: bool) -> None:
    target = parse_target(text)
    assert (target.form, target.value, target.direction, target.stated) == (
        Form.SIGN,
        None,
        direction,
        stated,
    )
    if not stated:  # 好转 on PM2.5 (better low) is a fall
        assert target.resolved(Direction.DOWN).direction is Direction.DOWN
