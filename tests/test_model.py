"""The plan model: shape and semantic errors, each located and collected together."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govplan.analysis import evaluate
from govplan.model import plan_from_text
from tests.built import plan_of, refusal, refusal_of_text
from tests.fuzz import examples
from tests.invariants import check_report


def errors(write: Callable[..., str], text: str) -> list[tuple[int, str, str]]:
    return [(f.location.line, f.code, f.message) for f in refusal(write(text))]


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
          - {id: b, name: B, target: 提升到了7%}
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
    # the error, and with it (never dropped) the warning about YAML 1.1 readers
    assert found == [
        (4, "bad-value", "actual: 'no' is not a number with an optional unit"),
        (
            4,
            "yaml11",
            "'no' is read as text here, but as a boolean by YAML 1.1 tools; quote it: 'no'",
        ),
    ]


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
    plan = plan_of(
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


# Arbitrary YAML documents, shaped loosely like plans, through the whole pipeline.
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "7%",
            "确保5%以上,力争5.5%",
            "与经济增长同步",
            "4.0万人",
            "/",
            "no",
            "010",
            "6以上",
            "降至31以下",
        ]
    ),
)
_keys = st.sampled_from(
    ["district", "year", "period", "indicators", "id", "name", "target", "actual", "unit",
     "progress", "reported", "gap", "completion", "status", "min", "floor", "stretch", "sync",
     "kind", "tolerance", "source", "extra"]
)  # fmt: skip
_documents = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=6),
    max_leaves=30,
)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents)
def test_arbitrary_yaml_documents_give_a_plan_or_findings(document: object) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    plan, found = plan_from_text(text, "p.yaml")
    if plan is None:
        assert any(f.severity.value == "error" for f in found)
        return
    check_report(evaluate(plan))  # a valid plan always computes, and consistently


_values = st.one_of(
    st.sampled_from(
        [
            "7%",
            "1.5%",
            "-4.2%",
            "3.7",
            "0",
            "41029人",
            "4.0万人",
            "3.4万人",
            "10%左右",
            "735亿元",
            "6亿美元",
            "31微克/立方米",
            "/",
            "12",
            "1e3",
        ]
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
)
_targets = st.one_of(
    st.sampled_from(
        [
            "7%",
            "7%以上",
            "5.5%左右",
            "确保5%以上,力争5.5%",
            "5.5%左右(确保5%以上)",
            "31以下",
            "与经济增长同步",
            "完成市下达目标任务",
            "6以上",
            "0",
            "约100",
        ]
    ),
    st.fixed_dictionaries({"min": _values}),
    st.fixed_dictionaries({"floor": _values, "stretch": _values}),
)
_indicators = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["gdp", "a", "b", "c"]),
            "name": st.just("指标"),
            "target": _targets,
        },
        optional={
            "actual": _values,
            "unit": st.sampled_from(["%", "万人", "人", "个", "亿元"]),
            "reported": st.fixed_dictionaries(
                {},
                optional={
                    "gap": _values,
                    "completion": _values,
                    "status": st.sampled_from(["met", "missed"]),
                },
            ),
            "tolerance": _values,
            "kind": st.sampled_from(["rate", "quantity", "progress", "qualitative"]),
        },
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_indicators, st.sampled_from(["year", "Q2", "M07"]))
def test_near_valid_plans_compute_or_raise_plan_invalid(
    indicators: list[object], period: str
) -> None:
    text = yaml.safe_dump(
        {"district": "x", "year": 2022, "period": period, "indicators": indicators},
        allow_unicode=True,
    )
    plan, _ = plan_from_text(text, "p.yaml")
    if plan is not None:
        check_report(evaluate(plan))


@pytest.mark.parametrize("actual", ["0", "-1", "2.5", "第0"])
def test_a_rank_actual_below_one_is_bad_value(actual: str) -> None:
    text = f"district: x\nyear: 2023\nindicators:\n  - {{id: r, name: 排名, target: 全省前3, actual: '{actual}'}}\n"
    codes = [f.code for f in refusal_of_text(text)]
    assert codes and set(codes) <= {"bad-value"}
