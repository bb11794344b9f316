"""Every table keyed by one of the core's closed sets covers every member, so a new member
cannot crash a renderer or vanish from a summary unnoticed."""

from __future__ import annotations

from pathlib import Path

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


def test_fail_on_missed_fires_exactly_on_a_shortfall(tmp_path: Path) -> None:
    """--fail-on missed exits 1 on a missed target or a task behind, and on nothing else:
    met, achieved, ahead, on track, done, pending and unknown all pass a CI gate."""
    from typer.testing import CliRunner

    from govplan.cli.main import app

    head = "district: x\nyear: 2024\nperiod: H1\nindicators:\n"
    cases = {
        "missed": "  - {id: a, name: A, target: 7%, actual: 6%}\n",
        "behind": "  - {id: t, name: T, kind: progress, target: 完成, progress: 30%}\n",
        "ahead": "  - {id: t, name: T, kind: progress, target: 完成, progress: 70%}\n",
        "done": "  - {id: t, name: T, kind: progress, target: 完成, progress: 100%}\n",
        "met": "  - {id: a, name: A, target: 7%, actual: 8%}\n",
        "pending": "  - {id: a, name: A, target: 7%}\n",
        "unknown": "  - {id: a, name: A, target: 与经济增长同步, actual: 8%}\n",
    }
    for status, indicator in cases.items():
        plan = tmp_path / f"{status}.yaml"
        plan.write_text(head + indicator, encoding="utf-8")
        result = CliRunner().invoke(app, ["check", str(plan), "--fail-on", "missed"])
        expected = 1 if status in ("missed", "behind") else 0
        assert result.exit_code == expected, (status, result.stdout)


def test_every_status_is_shown_from_one_place() -> None:
    """Words, terminal style, spreadsheet fill and web colour of each status come from
    govplan.render.statuses (a new status without a case there fails mypy: assert_never)."""
    from govplan.render.html_format import STYLE
    from govplan.render.statuses import LOOKS
    from govplan.render.xlsx_format import STATUS_FILL

    assert set(LOOKS) == set(Status) == set(STATUS_STYLE) == set(STATUS_FILL)
    for status, look in LOOKS.items():
        assert label(status.value, Lang.ZH) == look.zh and label(status.value, Lang.EN) == look.en
        assert f".{status.value}{{color:{look.colour}" in STYLE
