"""Numbers rounded for people never contradict the status beside them: a shortfall is never
printed as 0, a completion under 100 never as 100%, an actual never rounded onto its target."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.render.numbers import plain
from tests.fuzz import examples

runner = CliRunner()
exact = st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=6, allow_nan=False)


@settings(max_examples=examples(500))
@given(exact, st.sampled_from([Decimal(0), Decimal(100)]), st.integers(min_value=0, max_value=4))
def test_rounding_keeps_the_side(number: Decimal, side: Decimal, places: int) -> None:
    shown = Decimal(plain(number, places, side_of=side))
    assert (shown > side) == (number > side) and (shown < side) == (number < side)
    # and it is still the number, to the places shown
    digits = max(places, -int(shown.as_tuple().exponent))
    assert abs(shown - number) <= Decimal(5).scaleb(-digits - 1)


def _number(text: str) -> Decimal | None:
    found = re.search(r"[+\-−]?\d+(?:\.\d+)?", text.replace(",", ""))
    return Decimal(found.group(0).replace("−", "-")) if found else None


def _sign(x: Decimal) -> int:
    return (x > 0) - (x < 0)


@settings(max_examples=examples(40), deadline=None)
@given(
    st.sampled_from(["%", "个", "亿元"]),
    st.integers(min_value=1, max_value=2000),
    st.integers(min_value=-3, max_value=3),
    st.integers(min_value=1, max_value=6),
)
def test_printed_gaps_and_completions_agree_with_the_status(
    unit: str, whole: int, offset: int, digits: int
) -> None:
    target = Decimal(whole)
    actual = target + Decimal(offset).scaleb(-digits)  # 0.000001 to 3 off the target
    if unit == "个":
        actual = actual.to_integral_value()
    plan = f"district: x\nyear: 2023\nindicators:\n  - {{id: a, name: A, target: '{target}{unit}', actual: '{actual}{unit}'}}\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(plan, encoding="utf-8")
        gap, completion = actual - target, (100 * actual / target if unit != "%" else None)
        cells = []
        md = runner.invoke(app, ["check", str(path), "-f", "markdown"]).stdout
        row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
        cells.append([c.strip() for c in row.strip("|").split("|")][3:6])
        table = runner.invoke(app, ["check", str(path)]).stdout
        row = next(line for line in table.splitlines() if line.strip().startswith("│    1"))
        cells.append([c.strip() for c in row.strip().strip("│").split("│")][3:6])
        html_path = Path(tmp) / "p.html"
        runner.invoke(app, ["check", str(path), "-f", "html", "-o", str(html_path)])
        tds = re.findall(r'<td class="n">([^<]*)</td>', html_path.read_text("utf-8"))
        cells.append(tds[2:5])
        for shown_actual, shown_gap, shown_completion in cells:
            assert _number(shown_actual) == actual, (shown_actual, actual)  # as written
            printed = _number(shown_gap)
            assert printed is not None and _sign(printed) == _sign(gap), (shown_gap, gap)
            if completion is not None:
                printed = _number(shown_completion)
                assert printed is not None and (printed >= 100) == (completion >= 100)
                assert (printed == 100) == (completion == 100), (shown_completion, completion)
        data = next(
            csv.DictReader(
                io.StringIO(
                    runner.invoke(app, ["check", str(path), "-f", "csv", "--lang", "en"]).stdout
                )
            )
        )
        assert Decimal(data["gap"]) == gap  # machine formats are not rounded at all


@settings(max_examples=examples(40), deadline=None)
@given(
    st.integers(min_value=1, max_value=9000),
    st.sampled_from(["元", "万元", "亿元"]),
    st.integers(min_value=1, max_value=9000),
    st.sampled_from(["元", "万元", "亿元"]),
)
def test_an_exported_target_means_what_the_plan_says(
    low: int, low_unit: str, high: int, high_unit: str
) -> None:
    """JSON's value and stretch are both in `unit`: read back with it, they are the plan's."""
    import json

    from govplan.units import factor

    scale = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
    if low * scale[low_unit] >= high * scale[high_unit]:
        return  # a range is written low to high
    plan = f"district: x\nyear: 2023\nindicators:\n  - {{id: a, name: A, target: '{low}{low_unit}-{high}{high_unit}'}}\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(plan, encoding="utf-8")
        target = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).stdout)[
            "results"
        ][0]["target"]
    to_yuan = factor(target["unit"], "元")
    assert Decimal(str(target["value"])) * to_yuan == low * scale[low_unit]
    assert Decimal(str(target["stretch"])) * to_yuan == high * scale[high_unit]


def test_a_workbook_shows_a_completion_under_100_under_100(tmp_path: Path) -> None:
    import openpyxl

    plan = tmp_path / "p.yaml"
    plan.write_text("district: x\nyear: 2023\nindicators:\n  - {id: a, name: A, target: 100000个, actual: 99999个}\n",
                    encoding="utf-8")  # fmt: skip
    out = tmp_path / "p.xlsx"
    assert runner.invoke(app, ["check", str(plan), "-f", "xlsx", "-o", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 0.99999)
    assert cell.number_format == "0.000%"  # 99.999%, where 0.00% would show 100.00%
