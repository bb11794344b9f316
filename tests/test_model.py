"""The plan model: shape and semantic errors, each located and collected together."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govplan.errors import PlanInvalid
from govplan.model import load_plan


def errors(write: Callable[..., str], text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(PlanInvalid) as info:
        load_plan(write(text))
    return [(f.location.line, f.code, f.message) for f in info.value.findings]


def test_unknown_field_suggests_the_nearest(write: Callable[..., str]) -> None:
    found = errors(
        write,
        """\
        district: 拱墅区
        year: 2022
        indicators:
          - id: gdp
            name: GDP
            taget: 7%
        """,
    )
    assert (6, "unknown-field", "unknown field 'taget'; did you mean 'target'?") in found
    assert any(code == "missing-field" and "'target'" in msg for _, code, msg in found)


def test_unknown_top_level_and_reported_fields(write: Callable[..., str]) -> None:
    found = errors(
        write,
        """\
        distrct: 拱墅区
        year: 2022
        indicators:
          - {id: a, name: A, target: 7%, reported: {complete: 25%}}
        """,
    )
    messages = {msg for _, _, msg in found}
    assert "unknown field 'distrct'; did you mean 'district'?" in messages
    assert "unknown field 'complete'; did you mean 'completion'?" in messages


def test_all_problems_are_reported_at_once(write: Callable[..., str]) -> None:
    found = errors(
        write,
        """\
        district: 拱墅区
        year: twenty
        period: Q5
        indicators:
          - {id: GDP, name: A, target: 7%}
          - {id: b, name: B, target: 增长7%}
          - {id: c, name: C, target: 7%, actual: no}
          - {id: c, name: D, target: 6亿美元, actual: 3.7亿元}
        """,
    )
    codes = [(line, code) for line, code, _ in found]
    assert (2, "bad-year") in codes
    assert (3, "bad-period") in codes
    assert (5, "bad-id") in codes
    assert (6, "bad-target") in codes
    assert (7, "bad-value") in codes
    assert (8, "duplicate-id") in codes
    assert (8, "unit-mismatch") in codes
    mismatch = next(msg for _, code, msg in found if code == "unit-mismatch")
    assert "'亿元'" in mismatch and "'亿美元'" in mismatch


def test_actual_written_no_is_not_zero(write: Callable[..., str]) -> None:
    found = errors(
        write,
        "district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%, actual: no}\n",
    )
    assert found == [(4, "bad-value", "actual: 'no' is not a number with an optional unit")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- just a list\n", "bad-type"),
        ("district: a\nyear: 2022\nindicators: []\n", "bad-type"),
        ("district: a\nyear: 2022\n", "missing-field"),
        ("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%, unit: 斤斤}\n", "unknown-unit"),
        ("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: {min: 1, maxx: 2}}\n", "unknown-field"),
        ("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 与经济增长同步, kind: bogus}\n", "bad-value"),
        ("district: a\nyear: 2022\nindicators:\n  - {id: gdp, name: A, target: 与经济增长同步}\n", "bad-target"),
        ("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: {progress: true}, progress: 1200%}\n", "bad-progress"),
        ("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%, progress: 50%}\n", "bad-progress"),
        ("govplan: 2\ndistrict: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%}\n", "bad-version"),
    ],
)  # fmt: skip
def test_invalid_plans(write: Callable[..., str], text: str, code: str) -> None:
    assert code in [c for _, c, _ in errors(write, text)]


def test_a_valid_plan_loads(write: Callable[..., str]) -> None:
    plan = load_plan(
        write(
            """\
            district: 滨江区
            year: 2023
            indicators:
              - {id: talent, name: 新引进人才数, unit: 万人, target: 4.0, actual: 41029人}
              - {id: q, name: Q, target: 完成市下达目标任务, actual: 已完成}
            """
        )
    )
    talent = plan.indicators[0]
    assert talent.kind == "quantity" and talent.unit == "万人"
    assert talent.actual is not None and talent.actual.unit == "人"
    assert plan.indicators[1].kind == "qualitative"
    assert plan.indicators[1].actual_text == "已完成"
    assert plan.period == "year" and plan.indicator("q") is plan.indicators[1]
