"""The target grammar on the documents' own phrases (tests/data/phrases.tsv), and on every
word of the vocabulary (words.txt) as a property."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govplan.targets import parse_target
from govplan.terms import Direction, Form
from govplan.words import parse_vocabulary, vocabulary

TABLE = Path(__file__).parent / "data" / "phrases.tsv"


def _rows() -> list[list[str]]:
    lines = [ln for ln in TABLE.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    header, *rows = (ln.split("\t") for ln in lines)
    assert header == ["source", "phrase", "form", "direction", "stated", "bound", "stretch", "unit"]
    return rows


ROWS = _rows()


def test_the_table_is_large_and_mostly_from_the_seeds() -> None:
    assert len(ROWS) >= 150
    assert sum(1 for r in ROWS if r[0].startswith("seed")) >= 150
    assert len({r[1] for r in ROWS}) == len(ROWS), "each phrase once"


@pytest.mark.parametrize(
    ("source", "phrase", "form", "direction", "stated", "bound", "stretch", "unit"),
    ROWS,
    ids=[r[1] for r in ROWS],
)
def test_phrase_means_what_an_analyst_reads(
    source: str,
    phrase: str,
    form: str,
    direction: str,
    stated: str,
    bound: str,
    stretch: str,
    unit: str,
) -> None:
    target = parse_target(phrase)
    assert target.form is Form(form)
    assert target.direction is Direction(direction)
    assert target.stated is (stated == "stated")
    assert (target.value.number if target.value else None) == (Decimal(bound) if bound else None)
    assert (target.stretch.number if target.stretch else None) == (
        Decimal(stretch) if stretch else None
    )
    assert (target.unit or "") == unit


@pytest.mark.parametrize(
    ("phrase", "multiple"),
    [("翻一番", "2"), ("力争双倍增", "2"), ("倍增", "2"), ("翻两番", "4"), ("力争实现翻番", "2")],
)
def test_multiples_have_no_number_without_a_base(phrase: str, multiple: str) -> None:
    target = parse_target(phrase)
    assert (target.form, target.value, target.multiple) == (Form.TEXT, None, Decimal(multiple))


@pytest.mark.parametrize(
    ("phrase", "qualitative"),
    [
        ("实现全覆盖", True),
        ("完成市下达目标任务", True),
        ("持续下降", False),  # sign-only since 2026-12-02: a fall of any size
        ("前列", True),
        ("打造一流营商环境", True),
        ("打造一批", True),
        ("三大产品", True),
        ("十件实事", True),
        ("两年", False),
        ("新增百家以上", False),
    ],
)
def test_phrases_without_a_number_are_qualitative_on_purpose(
    phrase: str, qualitative: bool
) -> None:
    assert (parse_target(phrase).form is Form.TEXT) is qualitative


_VERBS = st.sampled_from(
    [(w, s) for s in ("verb up", "verb down", "verb decrease") for w in vocabulary().words(s)]
)
_NUMBERS = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(99999), places=1)
_UNITS = st.sampled_from(["%", "亿元", "家", "个", "万人", "公里", "起", "艘"])


@given(_VERBS, _NUMBERS, _UNITS)
def test_every_verb_of_the_vocabulary_reads_its_number(
    verb: tuple[str, str], number: Decimal, unit: str
) -> None:
    word, section = verb
    target = parse_target(f"{word}{number}{unit}")
    assert target.unit == unit and target.value is not None
    if section == "verb decrease":
        assert target.value.number == -number and target.form is Form.MAX
    else:
        assert target.value.number == number
        assert target.form is (Form.MIN if section == "verb up" else Form.MAX)


def test_vocabulary_format() -> None:
    vocab = parse_vocabulary("# c\n[verb up]\n增长 提升至  # tail\n[multiple]\n翻一番 = 2\n")
    assert vocab.words("verb up") == ("提升至", "增长")  # longest first
    assert vocab.value("multiple", "翻一番") == "2"
    with pytest.raises(ValueError, match="before any"):
        parse_vocabulary("增长\n")


_PIECES = st.sampled_from(
    [w for words in vocabulary().sections.values() for w in words]
    + list("0123456789.%-~,()以上下左右约万亿元人家个起第前零一二百千")
)


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_any_string_of_vocabulary_words_is_read_or_refused(text: str) -> None:
    from govplan.targets import TargetSyntaxError
    from govplan.values import ValueSyntaxError, parse_value

    with contextlib.suppress(TargetSyntaxError):
        parse_target(text)
    with contextlib.suppress(ValueSyntaxError):
        parse_value(text)


def _meaning(text: str) -> tuple[object, ...]:
    t = parse_target(text)
    return (t.form, t.direction, t.value and t.value.number, t.stretch and t.stretch.number, t.unit)


REFUSED = ["年均增长6%左右", "五年累计下降13.5%", "3%左右以上", "5.5%以内以上",
           "增长2013年下降20%", "力争再增长5%", "比2020年下降18%"]  # fmt: skip


def _suggestions(text: str) -> list[str]:
    from govplan.targets import TargetSyntaxError

    try:
        parse_target(text)
    except TargetSyntaxError as exc:
        return re.findall(r"write '([^']*)'", str(exc))
    return []


@pytest.mark.parametrize("phrase", [r[1] for r in ROWS], ids=[r[1] for r in ROWS])
def test_a_suggestion_means_what_the_phrase_means(phrase: str) -> None:
    """Each table phrase with a particle after its verb (提升到了1.2%): refused, and whatever
    rewrite the message offers parses to exactly the phrase's meaning."""
    vocab = vocabulary()
    verb = vocab.prefix(phrase, "verb up", "verb down", "verb hold", "verb decrease")
    if verb is None or not any("\u4e00" <= ch <= "\u9fff" for ch in verb[0]):
        return
    garbled = verb[0] + "了" + phrase[len(verb[0]) :]
    for rewrite in _suggestions(garbled):
        assert _meaning(rewrite) == _meaning(phrase), (garbled, rewrite)


@pytest.mark.parametrize("phrase", REFUSED)
def test_no_rewrite_that_would_change_the_meaning(phrase: str) -> None:
    """Phrases whose words govplan does not read (yet): every rewrite offered must parse; none
    is offered for them, since each would change what the author wrote."""
    for rewrite in _suggestions(phrase):
        assert _meaning(rewrite)  # parses
    assert _suggestions(phrase) == [], phrase
