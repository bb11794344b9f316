"""Results: the one direction-aware notion of "short", tied to status, gap and completion
over generated indicators of every form and direction."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govplan.analysis import evaluate
from govplan.model import plan_from_text
from govplan.results import Judgement, Result
from govplan.terms import Direction, Status
from tests.fuzz import examples
from tests.invariants import check_report

_numbers = st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False).map(
    lambda d: f"{d:f}"
)
_positive = st.decimals(min_value=0, max_value=1000, places=1).map(lambda d: f"{d:f}")


@st.composite
def _indicator(draw: st.DrawFn) -> dict[str, str]:
    a, b = sorted([Decimal(draw(_positive)), Decimal(draw(_positive))])
    unit = draw(st.sampled_from(["%", "", "亿元", "家"]))
    target = draw(
        st.sampled_from(
            [
                f"{a}{unit}",
                f"{a}{unit}以上",
                f"{a}{unit}以下",
                f"{a}{unit}左右",
                f"控制在{a}{unit}以内",
                f"确保{a}{unit}以上,力争{b}{unit}",
                f"{a}{unit}-{b}{unit}",
                f"降至{a}{unit}以下",
            ]
        )
    )
    ind = {"name": "指标", "target": target, "actual": draw(_numbers) + unit}
    if draw(st.booleans()):
        ind["direction"] = draw(st.sampled_from(["up", "down", "band"]))
    if draw(st.booleans()):
        ind["tolerance"] = draw(_positive)
    return ind


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_indicator(), min_size=1, max_size=5))
def test_status_gap_direction_and_completion_agree(indicators: list[dict[str, str]]) -> None:
    for i, ind in enumerate(indicators):
        ind["id"] = f"i{i}"
    text = yaml.safe_dump({"district": "x", "year": 2023, "indicators": indicators})
    plan, _ = plan_from_text(text, "p.yaml")
    if plan is None:
        return
    event("valid plan")
    check_report(evaluate(plan))


def _result(gap: str, better: Direction, status: Status, allowance: str = "0") -> Result:
    verdict = Judgement(status, gap=Decimal(gap), better=better, allowance=Decimal(allowance))
    return Result(indicator=None, verdict=verdict)  # type: ignore[arg-type]


def test_shortfall_follows_the_direction() -> None:
    assert _result("-2", Direction.UP, Status.MISSED).shortfall == 2
    assert _result("-2", Direction.DOWN, Status.MET).shortfall == -2  # under a cap: ahead
    assert _result("3", Direction.DOWN, Status.MISSED).shortfall == 3
    assert _result("-0.4", Direction.BAND, Status.MET).shortfall == Decimal("0.4")


_any_unit = st.sampled_from(
    ["%", "", "亿元", "家", "万人", "人", "亩", "公顷", "起", "米**2", "pp"]
)
_any_number = st.one_of(
    _numbers,
    st.sampled_from(["0", "-0", "1e30", "1e-30", "999999999999999999999999999999", "1,000"]),
)


@st.composite
def _hostile_indicator(draw: st.DrawFn) -> dict[str, str]:
    ind = draw(_indicator())
    unit = draw(_any_unit)
    ind["actual"] = draw(_any_number) + draw(st.sampled_from([unit, ""]))
    if draw(st.booleans()):
        ind["unit"] = unit
    if draw(st.booleans()):
        ind["tolerance"] = draw(_any_number)
    return ind


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_hostile_indicator(), min_size=1, max_size=4))
def test_any_plan_gives_strict_json_or_located_findings(
    indicators: list[dict[str, str]],
) -> None:
    import json
    import tempfile
    from pathlib import Path

    from typer.testing import CliRunner

    from govplan.cli.main import app

    for i, ind in enumerate(indicators):
        ind["id"] = f"i{i}"
    text = yaml.safe_dump({"district": "x", "year": 2023, "indicators": indicators})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        for fmt in ("json", "table"):
            result = CliRunner().invoke(app, ["check", str(path), "-f", fmt])
            assert result.exit_code in (0, 2), result.stderr
            if result.exit_code == 2:
                assert "p.yaml:" in result.stderr  # located
            elif fmt == "json":
                json.loads(result.stdout, parse_constant=lambda c: pytest.fail(c))
