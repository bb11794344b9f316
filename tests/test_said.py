"""said.txt: every text govplan says about a result, in both languages, asked for with the
fields it takes; a status's name is the one the tables show."""

from __future__ import annotations

import ast

from govplan.render.statuses import LOOKS
from govplan.results import PUBLISHED_ZH
from govplan.said import CATALOGUE, Said, catalogue
from govplan.targets import _MEANT
from govplan.terms import Direction, Form, Kind, Status, Verdict
from tests import scan
from tests.scan import calls, strings


def _asked() -> list[tuple[str, int, str, frozenset[str] | None]]:
    """Every Said.of("key", ...) in govplan whose key is written out, and every label of
    --explain (out.add("target", ...) is said.txt's label.target)."""
    asked: list[tuple[str, int, str, frozenset[str] | None]] = []
    for path, node in calls():
        if not isinstance(node.func, ast.Attribute) or not node.args:
            continue
        if path.name == "explain.py" and node.func.attr == "add":
            labels = [f"label.{text}" for text in strings(node.args[0]) if text]
            asked += [(str(path), node.lineno, label, frozenset()) for label in labels]
            continue
        owner = node.func.value
        if node.func.attr != "of" or not (isinstance(owner, ast.Name) and owner.id == "Said"):
            continue
        asked += [(str(path), node.lineno, key, scan.fields(node)) for key in strings(node.args[0])]
    return asked


def test_every_text_asked_for_is_there_with_its_fields() -> None:
    asked = _asked()
    assert len(asked) > 20  # the scan sees the calls
    texts = catalogue(CATALOGUE)
    for file, line, key, fields in asked:
        assert key in texts, f"{file}:{line}: no [{key}] in {CATALOGUE}"
        if fields is not None:
            assert fields == texts[key].particulars, f"{file}:{line}: {key}"
    # the keys made from a closed set: every member has its text
    made = {f"status.{s}" for s in Status} | {f"direction.{d}" for d in Direction}
    made |= {f"word.{section.replace(' ', '-')}" for section in _MEANT} | {"word.section"}
    made |= {f"form.{f}" for f in Form} | {f"better.{d}" for d in Direction}
    made |= {f"kind.{k}" for k in Kind} | {f"verdict.{v}" for v in Verdict}
    made |= {f"field.{name}" for name in PUBLISHED_ZH}
    assert made <= set(texts), made - set(texts)
    unused = set(texts) - {key for _, _, key, _ in asked} - made
    assert not unused, unused


def test_both_languages_take_the_same_particulars() -> None:
    for key, template in catalogue(CATALOGUE).items():
        assert template.fields("en") == {f.removesuffix("_zh") for f in template.fields("zh")}, key
        # Chinese, or nothing but particulars and signs ({text!r} = {number} {unit})
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in template.zh)
        assert chinese or template.zh == template.en, key


def test_a_status_is_named_as_the_tables_name_it() -> None:
    for status in Status:
        said = Said.of(f"status.{status}")
        assert said.text("en") == status.value
        assert said.text("zh") == LOOKS[status].zh


def test_a_reason_speaks_each_language_whole() -> None:
    """A bound's verdict, with the status inside it spoken in the same language."""
    reason = Said.of("reason.bound-settled", actual="超143万人", status=Said.of("status.met"))
    assert reason.text("en") == (
        "the actual '超143万人' is a bound, not a number: met for every value it allows; its "
        "gap and completion are not known"
    )
    assert reason.text("zh") == (
        "实际值 '超143万人' 是一个界限, 不是确数: 它允许的每个值都达标; 差距和完成率未知"
    )
