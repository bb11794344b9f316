"""Bad input never gives a wrong number: each reproduction of crafted values, impossible
targets, hostile files and hostile text, pinned."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govplan.analysis import evaluate
from govplan.cli.main import app
from govplan.terms import Status
from tests.built import plan_of_text, refusal_of_text
from tests.fuzz import examples

runner = CliRunner()
HEAD = "district: x\nyear: 2023\nindicators:\n"


def _refuse(value: str) -> object:
    raise ValueError(f"not strict JSON: {value}")


def strict_json(text: str) -> object:
    return json.loads(text, parse_constant=_refuse)


def findings(path: str) -> list[tuple[int, str, str]]:
    result = runner.invoke(app, ["validate", path, "-f", "json"])
    data = strict_json(result.stdout)
    assert isinstance(data, dict)
    return [(f["line"], f["severity"], f["code"]) for f in data["findings"]]


@pytest.mark.parametrize(
    ("unit", "words"),
    [("米**0.5", "not a unit"), ("亿元**99/元**98", "not a unit"), ("percent", "percentage")],
)
def test_crafted_units_are_located_findings(
    write: Callable[..., str], unit: str, words: str
) -> None:
    path = write(HEAD + f'  - {{id: a, name: A, unit: "{unit}", target: 5, actual: 4}}\n')
    result = runner.invoke(app, ["check", path, "-f", "json"])
    assert result.exit_code == 2
    assert "plan.yaml:4:" in result.stderr and "unknown-unit" in result.stderr
    assert words in result.stderr
    assert strict_json(result.stdout) == {  # the machine output says so too
        "valid": False,
        "plan": {"file": path},
        "findings": [json.loads(result.stdout)["findings"][0]],
    }


def test_a_percentage_spelt_out_is_not_a_quantity(write: Callable[..., str]) -> None:
    path = write(HEAD + "  - {id: a, name: A, target: 7percent, actual: 8percent}\n")
    assert "unknown-unit" in runner.invoke(app, ["check", path]).stderr


def test_the_largest_numbers_render_in_every_format(write: Callable[..., str]) -> None:
    path = write(
        HEAD + "  - {id: a, name: A, target: 100000000000000000000000000000, actual: 5}\n"
        "  - {id: b, name: B, target: 1e-30, actual: 1}\n"
    )
    for fmt in ("table", "json", "csv", "markdown"):
        result = runner.invoke(app, ["check", path, "-f", fmt])
        assert result.exit_code == 0, (fmt, result.stderr)
    data = strict_json(runner.invoke(app, ["check", path, "-f", "json"]).stdout)
    assert isinstance(data, dict)
    assert [r["status"] for r in data["results"]] == ["missed", "met"]


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(min_value=10**25, max_value=10**30 - 1))
def test_thirty_digits_compare_exactly(n: int) -> None:
    # n people against the same number written in 万人 with four decimals: met, gap 0.
    digits = str(n)
    wan = f"{digits[:-4]}.{digits[-4:]}"  # exactly n / 10^4, written out
    text = HEAD + f'  - {{id: a, name: A, target: "{wan}万人", actual: "{n}人"}}\n'
    (result,) = evaluate(plan_of_text(text, "p.yaml")).results
    assert result.status is Status.MET and result.gap == 0


def test_an_inexact_conversion_still_meets_an_equal_target() -> None:
    text = HEAD + (
        "  - {id: a, name: A, target: 1公顷以上, actual: 15亩}\n"
        "  - {id: b, name: B, target: 15亩以上, actual: 1公顷}\n"
    )
    results = evaluate(plan_of_text(text, "p.yaml")).results
    assert [(r.status, r.gap) for r in results] == [(Status.MET, Decimal(0))] * 2


def test_beyond_the_stated_magnitude_is_refused(write: Callable[..., str]) -> None:
    path = write(
        HEAD
        + '  - {id: a, name: A, target: "1微克", actual: "999999999999999999999999999999e30万亿吨"}\n'
    )
    assert (4, "error", "bad-value") in findings(path)


def test_no_completion_for_a_target_of_zero_or_below(write: Callable[..., str]) -> None:
    path = write(HEAD + "  - {id: a, name: A, unit: 家, target: -5以上, actual: 5}\n")
    data = strict_json(runner.invoke(app, ["check", path, "-f", "json"]).stdout)
    assert isinstance(data, dict) and data["results"][0]["completion"] is None
    assert (4, "warning", "no-completion") in findings(path)
    explained = runner.invoke(app, ["check", path, "--explain", "a", "--lang", "en"]).stdout
    assert "completion  none: the target is zero or below" in explained


def test_negative_tolerance_is_an_error(write: Callable[..., str]) -> None:
    structured = write(
        HEAD + "  - {id: a, name: A, target: {about: 100, tolerance: -10}, actual: 105}\n"
    )
    assert (4, "error", "bad-tolerance") in findings(structured)
    own = write(
        HEAD + "  - {id: a, name: A, target: 100左右, tolerance: -10, actual: 105}\n", name="b.yaml"
    )
    assert (4, "error", "bad-tolerance") in findings(own)


def test_floor_above_stretch_is_an_error(write: Callable[..., str]) -> None:
    path = write(
        HEAD + '  - {id: a, name: A, target: "确保6%以上,力争5%", actual: 5.5%}\n'
        "  - {id: b, name: B, target: {floor: 6%, stretch: 5%}, actual: 5.5%}\n"
    )
    assert [f for f in findings(path) if f[2] == "bad-target"] == [
        (4, "error", "bad-target"),
        (5, "error", "bad-target"),
    ]


def test_a_count_below_zero_is_a_warning(write: Callable[..., str]) -> None:
    path = write(HEAD + "  - {id: a, name: A, target: 3家, actual: -2家}\n")
    assert findings(path) == [(4, "warning", "negative-count")]


def test_keeping_pace_on_amounts_has_no_pp(write: Callable[..., str]) -> None:
    path = write(
        HEAD + "  - {id: gdp, name: GDP, target: 100亿元, actual: 110亿元}\n"
        "  - {id: b, name: B, target: 与经济增长同步, actual: 105亿元}\n"
    )
    data = strict_json(runner.invoke(app, ["check", path, "-f", "json"]).stdout)
    assert isinstance(data, dict)
    assert data["results"][1]["gap_unit"] == "亿元" and data["results"][1]["gap"] == -5


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_lines_and_columns_for_every_line_ending(write: Callable[..., str], newline: bytes) -> None:
    lines = [
        b"district: x",
        b"year: 2023",
        b"indicators:",
        b'  - {id: a, name: "A\xff", target: 5}',
    ]
    path = write("", raw=newline.join(lines) + newline)
    result = runner.invoke(app, ["validate", path])
    assert "plan.yaml:4:21: error encoding" in result.stdout
    control = [*lines[:3], b'  - {id: a, name: "A\x01", target: 5}']
    path = write("", name="c.yaml", raw=newline.join(control) + newline)
    assert "c.yaml:4:21: error yaml-syntax" in runner.invoke(app, ["validate", path]).stdout


def test_only_regular_files_are_read(write: Callable[..., str], tmp_path: Path) -> None:
    good = write(HEAD + "  - {id: a, name: A, target: 5, actual: 6}\n")
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["check", str(fifo), good, "-f", "json"])
    assert result.exit_code == 2
    assert "x.yaml: error io is not a regular file" in result.stderr
    assert strict_json(result.stdout)  # the good plan is still reported
    folder = runner.invoke(app, ["validate", str(tmp_path)])
    assert "x.yaml: error io is not a regular file" in folder.stdout


def test_an_unreadable_folder_is_a_located_error(
    write: Callable[..., str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(HEAD + "  - {id: a, name: A, target: 5, actual: 6}\n")
    real_walk = os.walk

    def walk(top: str, onerror: Callable[[OSError], None]) -> object:
        onerror(PermissionError(13, "Permission denied", os.path.join(top, "locked")))
        return real_walk(top, onerror=onerror)

    monkeypatch.setattr("govplan.validate.os.walk", walk)
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "locked: error io cannot list: Permission denied" in result.stdout
    assert "1 files" not in result.stderr  # the readable plan and the folder's error


def test_file_names_are_shown_safely(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff\x1b[2Kplan.yaml")
    (tmp_path / name).write_text(HEAD + "  - {id: a, name: A, target: 5, actual: x}\n", "utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "-f", "json"])
    assert "\x1b" not in result.stdout and "\udcff" not in result.stdout
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["file"].endswith("\\xff\\x1b[2Kplan.yaml")


def test_jobs_are_bounded_by_the_cores() -> None:
    from govplan.validate import worker_count

    assert worker_count(10**20) == (os.cpu_count() or 1)
    assert worker_count(None) == (os.cpu_count() or 1) and worker_count(1) == 1


def test_a_dead_worker_is_an_error_not_a_hang(
    write: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govplan import validate

    if (os.cpu_count() or 1) < 2:
        pytest.skip("needs two cores for worker processes")
    for i in range(validate.PARALLEL_THRESHOLD + 4):
        write(HEAD + "  - {id: a, name: A, target: 5, actual: 6}\n", name=f"p{i}.yaml")
    monkeypatch.setattr(validate, "analyze", _die)  # inherited by forked workers
    result = runner.invoke(app, ["validate", str(Path(write("", name="x.txt")).parent), "-j", "2"])
    assert result.exit_code == 3
    assert "worker process ended without a result" in result.stderr


def _die(path: str) -> object:
    os._exit(9)


HOSTILE = "\x1b]0;pwned\x07\x1b[2K\rspoofed row"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_control_sequences_from_a_plan_never_reach_the_output(
    write: Callable[..., str], fmt: str
) -> None:
    name = json.dumps(HOSTILE)
    path = write(
        HEAD + f"  - {{id: a, name: {name}, group: {name}, target: 5, actual: 6, note: {name}}}\n"
    )
    out = runner.invoke(app, ["check", path, "-f", fmt, "--notes"]).stdout
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    explained = runner.invoke(app, ["check", path, "--explain", "a", "--lang", "en"]).stdout
    assert "\x1b" not in explained
    assert "\\x1b]0;pwned" in explained


def test_rich_markup_in_a_plan_is_text(write: Callable[..., str]) -> None:
    path = write(HEAD + '  - {id: a, name: "[bold red]x[/]", target: 5, actual: 6}\n')
    assert "[bold red]x[/]" in runner.invoke(app, ["check", path]).stdout


@pytest.mark.parametrize(
    ("field", "value", "code", "en", "zh"),
    [
        # each kind of shape error the plan format's fields can give, in govplan's words
        ("name", "[1]", "bad-type", "name: should be text (got a list)", "name: 应为文本 (实际为 列表)"),
        ("tolerance", "{a: 1}", "bad-type", "tolerance: should be a number", "tolerance: 应为数字"),
        ("reported", "5", "bad-type", "reported: should be a mapping", "reported: 应为映射"),
        ("series", "[1]", "bad-type", "series: should be a mapping", "series: 应为映射"),
        ("name", "''", "bad-type", "name: should be text that is not empty", "name: 应为非空文本"),
        ("id", "a" * 81, "bad-type", "id: should be text of at most 80 characters",
         "id: 应为不超过 80 个字符的文本"),
        ("direction", "sideways", "bad-value", "direction 'sideways' is not one of 'up', 'down', 'band'",
         "direction 'sideways' 不是以下之一: 'up', 'down', 'band'"),
    ],
)  # fmt: skip
def test_shape_errors_are_said_in_both_languages(
    field: str, value: str, code: str, en: str, zh: str
) -> None:
    item = {"id": "a", "name": "指标", "target": "7%", field: value}
    flow = ", ".join(f"{k}: {v}" for k, v in item.items())
    text = f"district: x\nyear: 2023\nindicators:\n  - {{{flow}}}\n"
    (finding,) = refusal_of_text(text)
    assert finding.code == code and finding.text("en").startswith(en), finding.text("en")
    assert finding.text("zh").startswith(zh), finding.text("zh")
    assert "nput should" not in finding.text("zh") + finding.text("en")


@pytest.mark.parametrize(
    ("head", "code", "en", "zh"),
    [
        ("year: abc", "bad-year", "year: should be a whole number (got 'abc')", "year: 应为整数"),
        ("year: 1900", "bad-year", "year: should be at least 1949", "year: 应为不小于 1949 的值"),
        ("year: 2200", "bad-year", "year: should be at most 2100", "year: 应为不大于 2100 的值"),
        ("govplan: 2\nyear: 2023", "bad-version", "govplan: should be at most 1", "govplan: 应为不大于 1"),
        ("year: 2023\nperiod: Q5", "bad-period", "period: should be one of 'year', 'H1', 'Q1',",
         "period: 应为以下之一: 'year', 'H1', 'Q1',"),
    ],
)  # fmt: skip
def test_the_head_fields_are_said_in_both_languages(head: str, code: str, en: str, zh: str) -> None:
    text = f"district: x\n{head}\nindicators:\n  - {{id: a, name: 指标, target: 7%}}\n"
    (finding,) = refusal_of_text(text)
    assert finding.code == code and finding.text("en").startswith(en), finding.text("en")
    assert finding.text("zh").startswith(zh), finding.text("zh")
    # pydantic's own English (its "input should", its "or") is never passed on
    assert "nput should" not in finding.text("en") + finding.text("zh")
    assert " or " not in finding.text("zh")


def test_an_empty_list_of_indicators_is_named_as_such() -> None:
    (finding,) = refusal_of_text("district: x\nyear: 2023\nindicators: []\n")
    assert (
        finding.text("en")
        == "indicators: should be a list of at least 1 item(s) (got an empty list)"
    )
    assert finding.text("zh") == "indicators: 应为至少有 1 项的列表 (实际为 空列表)"
