"""Every table keyed by one of the core's closed sets covers every member, so a new member
cannot crash a renderer or vanish from a summary unnoticed."""

from __future__ import annotations

from govplan.render.explain import DIRECTION_WORDS, FORM_WORDS
from govplan.render.labels import _LABELS, label
from govplan.render.table import STATUS_STYLE
from govplan.select import SORT_KEYS
from govplan.terms import (
    SUMMARY_ORDER,
    Direction,
    Form,
    Lang,
    RollupKey,
    SortKey,
    Status,
    Verdict,
)


def test_status_tables_cover_every_status() -> None:
    assert set(STATUS_STYLE) == set(Status)
    assert sorted(SUMMARY_ORDER) == sorted(Status) and len(SUMMARY_ORDER) == len(Status)


def test_explain_words_cover_every_form_and_direction() -> None:
    assert set(FORM_WORDS) == set(Form)
    assert set(DIRECTION_WORDS) == set(Direction)


def test_every_sort_key_has_an_order() -> None:
    assert set(SORT_KEYS) == set(SortKey)


def test_every_word_shown_to_people_has_a_label_in_every_language() -> None:
    assert set(_LABELS) == set(Lang)
    shown = [*(s.value for s in Status), *(k.value for k in RollupKey), *(v.value for v in Verdict)]
    for lang in Lang:
        missing = [key for key in shown if key not in _LABELS[lang]]
        assert not missing, (lang, missing)
    assert label(Status.ON_TRACK.value, Lang.ZH) == "符合进度"


def test_falls_short_is_missed_or_behind() -> None:
    assert {s for s in Status if s.falls_short} == {Status.MISSED, Status.BEHIND}
    assert {s for s in Status if not s.settled} == {Status.PENDING, Status.UNKNOWN}
