"""Surgical YAML edits: the text reads back as the old data with exactly the changes, and no
byte outside the values moves."""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan.yamledit import EditRefused, apply, changed, scalar
from tests.fuzz import examples


def load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.BaseLoader)  # every scalar a string, as plans are read


@pytest.mark.parametrize(
    ("text", "changes", "expected"),
    [
        # replaced in place: the comment, the quoting and the line ending stay
        ("a:\n  x: 1  # c\n", {("a",): {"x": "2"}}, "a:\n  x: 2  # c\n"),
        ("a:\r\n  x: '1'\r\n", {("a",): {"x": "2"}}, "a:\r\n  x: '2'\r\n"),
        ('a: {x: "1", y: 2}\n', {("a",): {"x": "2"}}, 'a: {x: "2", y: 2}\n'),
        # a new key after its anchor, at the anchor's indentation, after its comment
        ("- id: a\n  target: 5  # t\n  note: n\n", {(0,): {"actual": "6"}},
         "- id: a\n  target: 5  # t\n  actual: 6\n  note: n\n"),
        # in a flow mapping, after the anchor's value
        ("- {id: a, target: 5, note: n}\n", {(0,): {"actual": "6"}},
         "- {id: a, target: 5, actual: 6, note: n}\n"),
        # no anchor: after the last entry, even one closing the file without a newline
        ("- id: a\n  name: A", {(0,): {"actual": "6"}}, "- id: a\n  name: A\n  actual: 6"),
        # a CR-only file (classic Mac) keeps its line ending
        ("- id: a\r  target: 5\r", {(0,): {"actual": "6"}}, "- id: a\r  target: 5\r  actual: 6\r"),
        # nothing after `reported:`, or ~: the mapping goes there
        ("- id: a\n  reported:\n", {(0,): {"reported": {"gap": "-1"}}},
         "- id: a\n  reported: {gap: -1}\n"),
        ("- id: a\n  reported: ~  # later\n", {(0,): {"reported": {"gap": "-1"}}},
         "- id: a\n  reported: {gap: -1}  # later\n"),
        # into a nested block mapping
        ("- id: a\n  reported:\n    gap: 1\n", {(0,): {"reported": {"gap": "2", "completion": "5%"}}},
         "- id: a\n  reported:\n    gap: 2\n    completion: 5%\n"),
        # text that cannot be plain is double-quoted; YAML 1.1 words are quoted too
        ("- {id: a, target: 5}\n", {(0,): {"actual": "1,234个"}}, '- {id: a, target: 5, actual: "1,234个"}\n'),
        ("- {id: a, target: 5}\n", {(0,): {"actual": "no"}}, '- {id: a, target: 5, actual: "no"}\n'),
        ("- {id: a, target: 5}\n", {(0,): {"actual": "-4.2%"}}, "- {id: a, target: 5, actual: -4.2%}\n"),
        # markers and a document end stay where they are
        ("---\n- {id: a, target: 5}\n...\n", {(0,): {"actual": "6"}}, "---\n- {id: a, target: 5, actual: 6}\n...\n"),
    ],
)  # fmt: skip
def test_edits(text: str, changes: dict[Any, dict[str, Any]], expected: str) -> None:
    out = apply(text, changes)
    assert out == expected
    assert load(out) == changed(load(text), changes)


@pytest.mark.parametrize(
    ("text", "changes", "message"),
    [
        ("- id: a\n  actual: |\n    5\n", {(0,): {"actual": "6"}}, "block scalar"),
        ("- id: a\n  actual: [5]\n", {(0,): {"actual": "6"}}, "a list, a mapping or an alias"),
        # changing an alias would change its anchor's other uses too
        ("x: &v 5\nitems:\n  - {id: a, actual: *v}\n", {("items", 0): {"actual": "6"}}, "an alias"),
        ("a: 1\n", {("b",): {"x": "6"}}, "no mapping at b"),
    ],
)
def test_what_cannot_be_written_in_place_is_refused(
    text: str, changes: dict[Any, dict[str, Any]], message: str
) -> None:
    with pytest.raises(EditRefused, match=message):
        apply(text, changes)


@pytest.mark.parametrize(
    "text",
    ["5", "5.1%", "-4.2%", "1,234个", "no", "yes", "null", "~", "", " 5", "a: b", "a #b", "#x",
     "- x", "?x", "'q'", '"q"', "2024-06-30", "1:12", "0x1F", "全年目标", "100%以上", "[1]", "@x",
     "`x", "{a}", "%x", "!x", "&a", "*a", "|x", ">x", "x\\y", "é", "\u3000x"],
)  # fmt: skip
def test_a_scalar_reads_back_as_itself_in_block_and_flow(text: str) -> None:
    for style in (None, "'", '"'):
        written = scalar(text, style)
        assert load(f"k: {written}\n") == {"k": text}, (text, style, written)
        assert load(f"{{k: {written}, j: 1}}\n") == {"k": text, "j": "1"}, (text, style)


# -- generated documents ---------------------------------------------------------------

words = st.text(st.sampled_from("ab5%个.-,: #'\"元中"), min_size=1, max_size=8)


@st.composite
def documents(draw: Any) -> tuple[str, dict[Any, dict[str, Any]]]:
    """A plan-shaped document in a random style, and changes to make to it."""
    count = draw(st.integers(1, 4))
    items = []
    for n in range(count):
        item: dict[str, Any] = {"id": f"i{n}", "target": draw(words)}
        if draw(st.booleans()):
            item["actual"] = draw(words)
        if draw(st.booleans()):
            item["reported"] = {"gap": draw(words)} if draw(st.booleans()) else None
        if draw(st.booleans()):
            item["note"] = draw(words)
        items.append(item)
    out = io.StringIO()
    yaml.dump({"district": "x", "indicators": items}, out, allow_unicode=True,
              default_flow_style=draw(st.sampled_from([False, None, True])),
              default_style=draw(st.sampled_from([None, "'", '"'])),
              indent=draw(st.sampled_from([2, 4])), sort_keys=False)  # fmt: skip
    text = out.getvalue()
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    changes: dict[Any, dict[str, Any]] = {}
    for n in draw(st.sets(st.integers(0, count - 1))):
        change: dict[str, Any] = {"actual": draw(words)}
        if draw(st.booleans()):
            change["reported"] = {"completion": draw(words)}
        changes[("indicators", n)] = change
    return text, changes


@settings(max_examples=examples(200), deadline=None)
@given(documents())
def test_generated_documents_read_back_as_changed(
    case: tuple[str, dict[Any, dict[str, Any]]],
) -> None:
    text, changes = case
    try:
        out = apply(text, changes)
    except EditRefused:
        return  # refused is safe; a wrong text is not
    assert load(out) == changed(load(text), changes)
    # outside the changed indicators, not a line moved
    if not changes:
        assert out == text
