"""`govplan update`: actuals from a sheet into a commented plan, only the actual lines
changing; a bad row leaves the file byte for byte as it was."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app

runner = CliRunner()

PLAN = """\
# 2023 targets, with a comment that must survive
district: 拱墅区
year: 2023
indicators:
  - id: gdp
    name: "地区生产总值增长"   # quoted, with a trailing comment
    target: "5.5%左右(确保5%以上)"
    source: "地区生产总值增长5.5%左右(确保5%以上);"

  - id: fdi
    name: 实际利用外资
    target: 6亿美元以上
    actual: 1亿美元

  - {id: talent, name: 新引进人才, target: 3万人}
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_only_the_actual_lines_change(plan: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "actuals.csv"
    # matched by id, by exact name, and by the catalogue's name for gdp
    sheet.write_text("id,指标,实际,单位\nfdi,,4.2,亿美元\n,新引进人才,3.4万人,\n,地区生产总值增长,5.1,%\n",
                     encoding="utf-8-sig")  # fmt: skip
    result = runner.invoke(app, ["update", str(plan), "--actuals", str(sheet)])
    assert result.exit_code == 0, result.stderr
    assert "updated 3 indicators" in result.stderr
    after = plan.read_text(encoding="utf-8")
    assert changed_lines(PLAN, after) == [
        "+    actual: 5.1%",
        "-    actual: 1亿美元",
        "+    actual: 4.2亿美元",
        "-  - {id: talent, name: 新引进人才, target: 3万人}",
        "+  - {id: talent, name: 新引进人才, target: 3万人, actual: 3.4万人}",
    ]
    assert "# quoted, with a trailing comment" in after
    check = runner.invoke(app, ["check", str(plan), "-f", "json"])
    assert check.exit_code == 0


def test_a_bad_row_writes_nothing(plan: Path, tmp_path: Path) -> None:
    before = plan.read_bytes()
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\nnope,3\ngdp,abc\n", encoding="utf-8")
    result = runner.invoke(app, ["update", str(plan), "--actuals", str(sheet)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "actuals.csv: row 3: no indicator with id or name 'nope'" in result.stderr
    assert "actuals.csv: row 4: actual 'abc'" in result.stderr
    assert "nothing was written" in result.stderr
    assert plan.read_bytes() == before
    # a value that parses but does not fit the plan (a unit mismatch) is refused too
    sheet.write_text("id,actual\nfdi,4.2亿元\n", encoding="utf-8")
    result = runner.invoke(app, ["update", str(plan), "--actuals", str(sheet)])
    assert result.exit_code == 2 and "unit-mismatch" in result.stderr
    assert plan.read_bytes() == before


def test_dry_run_shows_a_diff(plan: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\nfdi,4.2亿美元\n", encoding="utf-8")
    before = plan.read_bytes()
    result = runner.invoke(app, ["update", str(plan), "--actuals", str(sheet), "--dry-run"])
    assert result.exit_code == 0
    assert "-    actual: 1亿美元\n+    actual: 4.2亿美元\n" in result.stdout
    assert plan.read_bytes() == before


def test_actuals_from_a_workbook(plan: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标", "实际", "单位"])
    sheet.append(["实际利用外资", 4.2, "亿美元"])  # a float cell: written as 4.2, not 4.2000001
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = runner.invoke(app, ["update", str(plan), "--actuals", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "    actual: 4.2亿美元\n" in plan.read_text(encoding="utf-8")


def test_every_shipped_plan_round_trips_unchanged(tmp_path: Path) -> None:
    from govplan.update import plan_update

    sheet = tmp_path / "empty.csv"
    sheet.write_text("id,actual\n", encoding="utf-8")
    for path in sorted(Path("plans").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        update = plan_update(text, str(path), sheet)
        assert update.problems == [] and update.text == text, path


def test_a_layout_that_cannot_be_kept_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "odd.yaml"
    shutil.copy("plans/gongshu-2022.yaml", odd)
    # two spaces after a colon: valid YAML that a round trip would tidy away
    odd.write_text(odd.read_text(encoding="utf-8").replace("year: 2022", "year:  2022"), "utf-8")
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\ngdp,5%\n", encoding="utf-8")
    before = odd.read_bytes()
    result = runner.invoke(app, ["update", str(odd), "--actuals", str(sheet)])
    assert result.exit_code == 2 and "layout cannot be kept exactly" in result.stderr
    assert odd.read_bytes() == before


def test_an_invalid_plan_is_not_updated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "district: x\nyear: 2023\nindicators:\n  - {id: a, name: A, taget: 5}\n", "utf-8"
    )
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\na,5\n", encoding="utf-8")
    result = runner.invoke(app, ["update", str(bad), "--actuals", str(sheet)])
    assert result.exit_code == 2 and "unknown-field" in result.stderr
