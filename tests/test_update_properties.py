"""`update` then `check` gives what writing the sheet's values into the plan by hand gives, for
generated plans (block and flow layouts, comments, quoting) and generated sheets (percent
cells, float cells, text numbers, units in headers or columns, title rows); or a located
refusal and an unchanged file."""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govplan.cli.main import app
from tests.fuzz import examples

runner = CliRunner()


@dataclass(frozen=True)
class Spec:
    """One generated indicator: its target, and the figure the sheet gives it."""

    kind: str  # "rate" | "count" | "money"
    target: str
    old_actual: str | None
    layout: str  # "block" | "flow"
    quote: str  # "" | "'" | '"': how the plan writes its old actual
    comment: bool
    figure: Decimal | None  # None: no row in the sheet
    cell: str  # how the sheet holds it: "percent" | "float" | "text" | "text-unit" | "thousands"


UNITS = {"rate": "%", "count": "个", "money": "亿元"}

decimals = st.decimals(min_value=Decimal("-20"), max_value=Decimal("5000"), places=2).map(
    lambda d: d.normalize() if d != d.to_integral() else d.quantize(Decimal(1))
)


@st.composite
def specs(draw: Any) -> Spec:
    kind = draw(st.sampled_from(["rate", "count", "money"]))
    number = draw(st.integers(min_value=1, max_value=900))
    target = draw(
        st.sampled_from(
            {
                "rate": [
                    f"{number / 10}%",
                    f"增长{number / 10}%",
                    f"{number / 10}%以上",
                    f"{number / 10}%左右",
                ],
                "count": [f"{number}个", f"新增{number}个", f"{number}个以上"],
                "money": [f"{number}亿元", f"{number}亿元以上", f"实现{number}亿元"],
            }[kind]
        )
    )
    figure = draw(st.none() | decimals)
    if kind != "rate" and figure is not None:
        figure = abs(figure)
    # a percentage for a count or an amount is a wrong cell: the update must refuse it
    cells = ["percent", "float", "text", "text-unit", "thousands"]
    return Spec(
        kind=kind,
        target=target,
        old_actual=draw(st.none() | st.just(f"1{UNITS[kind]}")),
        layout=draw(st.sampled_from(["block", "flow"])),
        quote=draw(st.sampled_from(["", "'", '"'])),
        comment=draw(st.booleans()),
        figure=figure,
        cell=draw(st.sampled_from(cells)),
    )


def plan_text(indicators: list[Spec], actuals: dict[int, str] | None = None) -> str:
    """The plan as a person writes it; `actuals` are written in by hand."""
    lines = ["# generated", "district: 测试区", "year: 2023", "indicators:"]
    for n, spec in enumerate(indicators):
        actual = (actuals or {}).get(n, spec.old_actual)
        q = spec.quote or ('"' if actual is not None and "," in actual else "")
        written = f"{q}{actual}{q}" if actual is not None else None
        if spec.layout == "flow":
            extra = f", actual: {written}" if written is not None else ""
            lines.append(f"  - {{id: i{n}, name: 指标{n}, target: {spec.target}{extra}}}")
        else:
            lines += [f"  - id: i{n}", f"    name: 指标{n}",
                      f"    target: {spec.target}" + ("  # 目标" if spec.comment else "")]  # fmt: skip
            if written is not None:
                lines.append(f"    actual: {written}")
            lines.append("")
    return "\n".join(lines) + "\n"


def sheet_file(
    folder: Path, indicators: list[Spec], title: bool, csv: bool
) -> tuple[Path, dict[int, str]]:
    """The sheet, and what each of its figures shows (what a person would copy by hand)."""
    shown: dict[int, str] = {}
    rows: list[list[Any]] = []
    formats: dict[tuple[int, int], str] = {}
    for n, spec in enumerate(indicators):
        if spec.figure is None:
            continue
        unit = UNITS[spec.kind]
        d = spec.figure
        text = f"{d}"
        if spec.cell == "percent" and not csv:
            value: Any = float(d) / 100
            formats[(len(rows), 2)] = "0.00%"
            row_unit = None
        elif spec.cell == "percent":
            value, row_unit = f"{d}%", None
        elif spec.cell == "float" and not csv:
            value, row_unit = float(d), unit
        elif spec.cell == "thousands" and abs(d) >= 1000 and spec.kind != "rate":
            whole = int(d)
            rest = f"{d}"[len(str(whole)) :]
            value, row_unit = f"{whole:,}{rest}", unit
            text = f"{whole:,}{rest}"
        elif spec.cell == "text-unit":
            value, row_unit = f"{d}{unit}", None
        else:
            value, row_unit = f"{d}", unit
        rows.append([f"指标{n}", value, row_unit])
        shown[n] = f"{text}{unit}"
    header = ["指标名称", "实际完成", "计量单位"]
    top = [["2023年主要指标执行情况"], []] if title else []
    if csv:
        path = folder / "a.csv"
        import csv as csv_module

        with path.open("w", encoding="utf-8", newline="") as fh:
            csv_module.writer(fh).writerows([*top, header, *rows])
        return path, shown
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in [*top, header, *rows]:
        ws.append(row)
    first = len(top) + 2
    for (r, c), fmt in formats.items():
        ws.cell(row=first + r, column=c).number_format = fmt
    path = folder / "a.xlsx"
    book.save(path)
    return path, shown


def results(plan: Path) -> list[dict[str, Any]]:
    done = runner.invoke(app, ["check", str(plan), "-f", "json"])
    assert done.exit_code in (0, 1), done.stderr
    keep = ("id", "status", "gap", "gap_unit", "completion")
    return [{k: r.get(k) for k in keep} for r in json.loads(done.stdout)["results"]]


# a sheet cell: a.xlsx:Sheet!B4 or a.csv:4:2
LOCATED = re.compile(r"^\S+(?::[^!\s]+![A-Z]+\d+|:\d+:\d+): error (bad-cell|unit-mismatch) ", re.M)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(specs(), min_size=1, max_size=6), st.booleans(), st.booleans())
def test_update_then_check_is_writing_by_hand(
    indicators: list[Spec], title: bool, csv: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        before = plan_text(indicators)
        plan = folder / "plan.yaml"
        plan.write_text(before, encoding="utf-8")
        sheet, shown = sheet_file(folder, indicators, title, csv)
        done = runner.invoke(app, ["update", str(plan), "--actuals", str(sheet)])
        wrong = [
            s
            for s in indicators
            if s.figure is not None and s.cell == "percent" and s.kind != "rate"
        ]
        if wrong:
            assert done.exit_code == 2, done.stderr
            assert len(LOCATED.findall(done.stderr)) == len(wrong), done.stderr
            assert plan.read_text(encoding="utf-8") == before
            return
        assert done.exit_code == 0, done.stderr
        by_hand = folder / "by-hand.yaml"
        by_hand.write_text(plan_text(indicators, shown), encoding="utf-8")
        assert results(plan) == results(by_hand)
        # only actual lines changed, and the comments stayed
        after = plan.read_text(encoding="utf-8")
        assert after.count("# 目标") == before.count("# 目标")
        kept = [line for line in before.splitlines() if "actual:" not in line and "{" not in line]
        assert [
            line for line in after.splitlines() if "actual:" not in line and "{" not in line
        ] == kept
