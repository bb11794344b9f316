"""The command line, through Typer's CliRunner: stdout and stderr checked separately."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from govplan.cli.main import app
from tests.built import report_of_path

PLAN = "plans/gongshu-2022.yaml"
runner = CliRunner()


def test_table() -> None:
    result = runner.invoke(app, ["check", PLAN])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    for heading in ("序号", "指标", "目标", "实际", "差距", "完成率", "状态", "核对"):
        assert heading in out
    assert "2022年拱墅区主要指标(工作)执行情况表" in out
    assert "地区生产总值增长" in out and "新建社区婴幼儿成长驿站" in out
    assert "−5.5 pp" in out and "61.67%" in out and "415.4%" in out
    assert "达标 18 / 未达标 12 / 待报 0" in out
    assert "一致 30, 不一致 0" in out
    assert "\x1b[" not in out  # no colour codes when not on a terminal
    rows = [
        line for line in out.splitlines() if line.startswith("│") and line[1:7].strip().isdigit()
    ]
    assert len(rows) == 30


def test_table_in_english_with_notes() -> None:
    result = runner.invoke(app, ["check", PLAN, "--lang", "en", "--notes"])
    assert result.exit_code == 0
    assert "Completion" in result.stdout and "missed" in result.stdout
    assert "met 18 / missed 12 / pending 0" in result.stdout
    note_line = next(line for line in result.stdout.splitlines() if line.startswith("  10 "))
    # a catalogue indicator is named in English; the note is the document's own words
    assert note_line.split() == [
        "10",
        "Newly",
        "listed",
        "companies",
        "楚环科技已上市,凯大催化、利尔达科技已过会。",
    ]
    assert "GDP growth" in result.stdout


def test_json_is_the_machine_output_contract() -> None:
    result = runner.invoke(app, ["check", PLAN, "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) == {"valid", "plan", "results", "summary"} and data["valid"] is True
    assert data["plan"]["district"] == "拱墅区" and data["plan"]["year"] == 2022
    assert data["plan"]["period"] == "year"
    assert len(data["results"]) == 30
    for row in data["results"]:
        assert {"id", "name", "status", "gap", "gap_unit", "completion", "audit"} <= set(row)
        assert all(a["verdict"] == "consistent" for a in row["audit"])
    gdp = data["results"][0]
    assert (gdp["gap"], gdp["gap_unit"], gdp["completion"]) == (-5.5, "pp", None)
    fdi = next(r for r in data["results"] if r["id"] == "fdi")
    assert fdi["completion"] == pytest.approx(61.666666666666664)
    assert fdi["audit"][0] == {
        "field": "completion",
        "reported": 62.12,
        "computed": fdi["completion"],
        "verdict": "consistent",
        "reported_range": [62.115, 62.125],
        "computed_range": [pytest.approx(60.8333333), 62.5],
    }
    assert data["summary"]["met"] == 18 and data["summary"]["missed"] == 12
    assert data["summary"]["audit"] == {"consistent": 30, "inconsistent": 0}


def test_csv_and_markdown() -> None:
    result = runner.invoke(app, ["check", PLAN, "-f", "csv", "--lang", "en"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 30 and rows[0]["id"] == "gdp" and rows[0]["gap"] == "-5.5"
    assert rows[14]["audit"] == "completion=consistent"
    result = runner.invoke(app, ["check", PLAN, "-f", "markdown"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "### 2022年拱墅区主要指标(工作)执行情况表"
    assert sum(1 for line in lines if line.startswith("| ") and line[2:4].strip().isdigit()) == 30


def test_explain() -> None:
    result = runner.invoke(app, ["check", PLAN, "--explain", "fdi", "--lang", "en"])
    assert result.exit_code == 0
    out = result.stdout
    assert "'6以上' -> at least" in out
    assert "completion  61.666667%" in out
    assert "[62.115, 62.125)" in out and "[60.8333, 62.5)" in out
    assert "as printed it stands for [3.65, 3.75)" in out
    assert "implies an actual of 3.7272 亿美元" in out
    assert "-> consistent" in out and "inconsistent" not in out  # not a substring match


def test_explain_unknown_id_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", PLAN, "--explain", "nope", "--lang", "en"])
    assert result.exit_code == 2
    assert "no indicator with id 'nope'" in result.stderr and result.stdout == ""
    said_zh = runner.invoke(app, ["check", PLAN, "--explain", "nope", "--lang", "zh"]).stderr
    assert said_zh == "govplan: 没有 id 为 'nope' 的指标\n"


def test_an_unknown_rule_code_is_named_in_both_languages() -> None:
    for lang, said in (("en", "unknown code 'yaml12'; did you mean 'yaml11'?"),
                       ("zh", "未知的检查代码 'yaml12'; 是否应为 'yaml11'?")):  # fmt: skip
        result = runner.invoke(app, ["rule", "yaml12", "--lang", lang])
        assert result.exit_code == 2 and result.stderr == f"govplan rule: {said}\n"


def test_fail_on_missed_and_inconsistent(write: Callable[..., str]) -> None:
    assert runner.invoke(app, ["check", PLAN, "--fail-on", "missed"]).exit_code == 1
    assert runner.invoke(app, ["check", PLAN, "--fail-on", "inconsistent"]).exit_code == 0
    bad = write(
        "district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%, actual: 8%, reported: {gap: 3}}\n"
    )
    assert runner.invoke(app, ["check", bad, "--fail-on", "inconsistent"]).exit_code == 1
    result = runner.invoke(app, ["check", PLAN, "--fail-on", "everything"])
    assert result.exit_code == 2 and "--fail-on" in result.stderr


def test_invalid_plan_is_located_on_stderr_exit_2(write: Callable[..., str]) -> None:
    path = write("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, taget: 7%}\n")
    result = runner.invoke(app, ["check", path])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        f"{path}:4:22: error unknown-field unknown field 'taget'; did you mean 'target'?"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_one_bad_file_does_not_hide_the_others(write: Callable[..., str]) -> None:
    bad = write("district: [", name="bad.yaml")
    result = runner.invoke(app, ["check", bad, PLAN, "-f", "json"])
    assert result.exit_code == 2
    assert "bad.yaml:" in result.stderr and "yaml-syntax" in result.stderr
    # two paths: an array in their order, the invalid one in its place with its findings
    bad_entry, good = json.loads(result.stdout)
    assert bad_entry["valid"] is False and bad_entry["plan"] == {"file": bad}
    assert bad_entry["findings"][0]["code"] == "yaml-syntax"
    assert good["valid"] is True and good["plan"]["district"] == "拱墅区"


def test_json_shape_does_not_depend_on_the_day(write: Callable[..., str]) -> None:
    bad = write("district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, taget: 7%}\n")
    alone = json.loads(runner.invoke(app, ["check", bad, "-f", "json"]).stdout)
    assert alone["valid"] is False and alone["findings"][0]["line"] == 4  # one path: an object
    data = json.loads(runner.invoke(app, ["check", PLAN, "-f", "json"]).stdout)
    assert set(data["summary"]) >= {"met", "missed", "pending", "unknown", "done", "ahead",
                                    "on-track", "behind"}  # fmt: skip
    assert data["summary"]["done"] == 0


def test_several_plans_give_a_json_array(write: Callable[..., str]) -> None:
    other = write("district: b\nyear: 2023\nindicators:\n  - {id: a, name: A, target: 7%}\n")
    result = runner.invoke(app, ["check", PLAN, other, "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["plan"]["district"] for d in data] == ["拱墅区", "b"]
    assert data[1]["results"][0]["status"] == "pending"


def test_missing_file_and_usage_errors() -> None:
    result = runner.invoke(app, ["check", "nope.yaml"])
    assert result.exit_code == 2 and "nope.yaml: error io no such file" in result.stderr
    assert runner.invoke(app, ["check", PLAN, "-f", "xml"]).exit_code == 2
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_version() -> None:
    from govplan import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"govplan {__version__}"


def test_internal_error_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govplan import check as check_module
    from govplan.cli import main as main_module

    def boom(paths: object, config: object = None) -> None:
        raise RuntimeError("boom")

    class Left(Exception):
        """os._exit, caught: the process's end, with its status."""

    def leave(status: int) -> None:
        raise Left(status)

    monkeypatch.setattr(check_module, "run_check", boom)
    monkeypatch.setattr("sys.argv", ["govplan", "check", PLAN])
    monkeypatch.setattr(os, "_exit", leave)
    monkeypatch.delenv("GOVPLAN_DEBUG", raising=False)
    with pytest.raises(Left) as info:
        main_module.main()
    assert info.value.args == (3,)
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


Q2 = "plans/gongshu-2024-q2.yaml"


def test_progress_table_shows_bars_against_the_schedule() -> None:
    result = runner.invoke(app, ["check", Q2, "--status", "behind"])
    assert result.exit_code == 0
    out = result.stdout
    assert "时序进度 50%" in out
    assert "████████░░│░░░░░░░░░" in out  # 42%: 8 of 20 cells, the mark at 50%
    assert "滞后 2" in out and "区人力社保局" in out


def test_progress_bar() -> None:
    from decimal import Decimal

    from govplan.render.table import progress_bar

    assert progress_bar(Decimal(100), Decimal(50)).plain == "██████████│█████████"
    assert progress_bar(None, Decimal(25)).plain == "░░░░░│░░░░░░░░░░░░░░"
    assert progress_bar(Decimal(145), Decimal(100)).plain == "███████████████████│"


def test_by_lead_json_and_csv() -> None:
    result = runner.invoke(app, ["check", Q2, "--by", "lead", "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["by"] == "lead" and "results" not in data
    leads = {r["key"]: r for r in data["rollups"]}
    assert leads["区住建局"]["total"] == 16
    worst = leads["区人力社保局"]["worst"]
    assert worst["id"] == "task-012" and worst["gap"] == -8
    assert worst["name"].startswith("建强杭州国际人才创业创新园") and worst["name"].endswith(
        "4万名以上。"
    )
    assert sum(r["total"] for r in data["rollups"]) == 159
    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(
                    app, ["check", Q2, "--by", "group", "-f", "csv", "--lang", "en"]
                ).stdout
            )
        )
    )
    assert len(rows) == 24 and rows[0]["key"] == "主要经济指标" and rows[0]["pending"] == "1"


def test_long_content_is_shortened_in_the_table_but_whole_in_json() -> None:
    table = runner.invoke(app, ["check", Q2, "--status", "behind"]).stdout
    assert "建强杭州国际人才创业创新园,高…" in table
    data = json.loads(runner.invoke(app, ["check", Q2, "--status", "behind", "-f", "json"]).stdout)
    assert data["results"][0]["name"].endswith("新引进35岁以下大学生4万名以上。")


def test_filters_and_sort_from_the_command_line() -> None:
    data = json.loads(
        runner.invoke(
            app, ["check", Q2, "--lead", "区住建局", "--sort", "gap", "-f", "json"]
        ).stdout
    )
    assert len(data["results"]) == 16
    assert data["results"][0]["id"] == "task-068"
    bad = runner.invoke(app, ["check", Q2, "--status", "late"])
    assert bad.exit_code == 2


def test_explain_names_the_words_read_and_the_direction(tmp_path: object) -> None:
    from pathlib import Path

    plan = Path(str(tmp_path)) / "p.yaml"
    plan.write_text(
        "district: 测试区\nyear: 2023\nindicators:\n"
        "  - {id: energy-intensity, name: 单位GDP能耗, target: 降低2.5%左右, actual: 下降2.2%}\n"
        "  - {id: unemployment-rate, name: 城镇调查失业率, target: 5.5%左右, actual: 6.4%}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["check", str(plan), "--explain", "energy-intensity", "--lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    assert "'降低': a decrease" in result.stdout and "'左右': about" in result.stdout
    assert "met if actual ≤ target + 0.5 (about)" in result.stdout
    assert "status      met" in result.stdout
    result = runner.invoke(
        app, ["check", str(plan), "--explain", "unemployment-rate", "--lang", "en"]
    )
    assert "direction   down (less is better)" in result.stdout
    assert "direction down (the indicator's)" in result.stdout
    assert "status      missed" in result.stdout
    data = json.loads(runner.invoke(app, ["check", str(plan), "-f", "json"]).stdout)
    assert [r["target"]["direction"] for r in data["results"]] == ["down", "down"]


def test_validate_keeps_a_files_warnings_beside_its_errors(write: Callable[..., str]) -> None:
    path = write(
        "district: a\nyear: 2022\nindicators:\n"
        "  - {id: a, name: A, target: 7%, actual: on}\n"
        "  - {id: b, name: B, target: 7%, actual: 7 apples}\n"
    )
    result = runner.invoke(app, ["validate", path, "-f", "json"])
    assert result.exit_code == 2
    found = [(f["line"], f["severity"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert (4, "warning", "yaml11") in found
    assert any(severity == "error" for _, severity, _ in found)


def test_a_target_that_inherits_its_unit_shows_it(write: Callable[..., str]) -> None:
    path = write(
        "district: a\nyear: 2022\nindicators:\n"
        "  - {id: fdi, name: 实际利用外资, unit: 亿美元, target: 6以上, actual: 3.7}\n"
    )
    out = runner.invoke(app, ["check", path, "-f", "markdown"]).stdout
    assert "| 6亿美元以上 | 3.7 亿美元 |" in out


def test_explain_follows_the_format() -> None:
    result = runner.invoke(app, ["check", PLAN, "--explain", "gdp", "--lang", "en", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    (data,) = json.loads(result.stdout)
    assert data["id"] == "gdp" and data["gap"] == -5.5 and data["file"] == PLAN
    assert any(line.startswith("  formula") for line in data["explanation"])
    md = runner.invoke(
        app, ["check", PLAN, "--explain", "gdp", "--lang", "en", "-f", "markdown"]
    ).stdout
    assert md.startswith("```text\ngdp: ")


def test_the_gap_is_red_only_when_the_result_falls_short(write: Callable[..., str]) -> None:
    from rich.console import Console

    from govplan.render.cells import Options
    from govplan.render.table import render_report

    path = write(
        "district: a\nyear: 2022\nindicators:\n"
        "  - {id: deficit, name: 赤字率, target: 控制在3%以内, actual: 1%}\n"
        "  - {id: gdp, name: 地区生产总值增长, target: 7%, actual: 6%}\n"
    )
    console = Console(record=True, width=200, force_terminal=True, color_system="standard")
    console.print(render_report([report_of_path(path)], Options()))
    lines = console.export_text(styles=True).splitlines()
    red = "\x1b[31m"
    (cap,) = [line for line in lines if "赤字率" in line]
    (gdp,) = [line for line in lines if "地区生产总值增长" in line]
    assert f"{red}−2 pp" not in cap and "−2 pp" in cap  # under the cap: ahead, not red
    assert f"{red}−1 pp" in gdp


def test_short_help_and_version() -> None:
    from govplan import __version__

    assert runner.invoke(app, ["-V"]).stdout == f"govplan {__version__}\n"
    assert "Usage: govplan" in runner.invoke(app, ["-h"]).stdout
    assert "--format" in runner.invoke(app, ["check", "-h"]).stdout


def test_an_unknown_id_is_named_with_the_nearest() -> None:
    result = runner.invoke(app, ["compare", PLAN, "plans/gongshu-2023.yaml", "--ids", "gdp,gpd"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "no indicator with id 'gpd'; did you mean 'gdp'?" in result.stderr


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_narrow_terminals_keep_every_number(width: int) -> None:
    # every progress figure and gap of the 159 tasks, and every gap of the 2022 table,
    # appears whole in the table however narrow the terminal
    for plan, keys in ((Q2, ("actual", "gap")), (PLAN, ("gap", "completion"))):
        data = json.loads(runner.invoke(app, ["check", plan, "-f", "json"]).stdout)
        out = runner.invoke(app, ["check", plan], env={"COLUMNS": str(width)}).stdout
        assert max(len(line) for line in out.splitlines()) <= width
        for key, result in ((k, r) for k in keys for r in data["results"]):
            if key == "actual" and result["actual"]:
                assert result["actual"] in out, (width, result["id"])
            if key == "gap" and result["gap"] is not None:
                shown = f"{result['gap']:+g}".replace("-", "−").replace("+0", "0")
                assert shown.lstrip("+−") in out, (width, result["id"], shown)
            if key == "completion" and result["completion"] is not None:
                assert f"{round(result['completion'], 2):g}%" in out, (width, result["id"])


def test_explain_speaks_chinese_by_default() -> None:
    import re

    from govplan.render.explain import render_text

    untranslated: set[str] = set()
    for plan in sorted(Path("plans").glob("*.yaml")):
        text = render_text(list(report_of_path(str(plan)).results), "zh")
        for line in text.splitlines():
            if not line.startswith("  "):
                continue  # the heading line: the indicator's id and place
            shown = re.sub(r"'[^']*'", "", line)  # the plan's own words, quoted
            untranslated |= set(re.findall(r"[A-Za-z]{3,}", shown))
    # what may stay: an indicator's id (gdp) and a field name of the plan format (base)
    assert untranslated <= {"GDP", "gdp", "base"}, sorted(untranslated)
    out = runner.invoke(app, ["check", PLAN, "--explain", "fdi"]).stdout
    assert "  目标        '6以上' -> 不低于" in out and "  状态        未达标" in out


@pytest.mark.parametrize("columns", ["abc", "0", "-5", ""])
def test_a_stray_columns_value_means_the_usual_width(columns: str) -> None:
    usual = runner.invoke(app, ["check", PLAN], env={"COLUMNS": "120"})
    result = runner.invoke(app, ["check", PLAN], env={"COLUMNS": columns})
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == usual.stdout


def test_json_gives_a_stretch_in_the_targets_unit(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("district: x\nyear: 2023\nindicators:\n  - {id: a, name: A, target: 5000万元-1亿元}\n",
                    encoding="utf-8")  # fmt: skip
    target = json.loads(runner.invoke(app, ["check", str(plan), "-f", "json"]).stdout)["results"][
        0
    ]["target"]
    assert (target["value"], target["stretch"], target["unit"]) == (5000, 10000, "万元")


@pytest.mark.parametrize("command", ["check", "compare", "validate", "trend"])
def test_folders_and_quoted_globs_are_plans(command: str, tmp_path: Path) -> None:
    """`govplan check plans` and `"plans/*.yaml"` (what Windows shells pass through) read
    every plan there, as validate does; an empty folder is no-plans, a pattern matching
    nothing a located io error, both exit 2."""
    extra = ["-f", "json"] if command in ("check", "compare", "trend") else []
    folder = runner.invoke(app, [command, "plans", *extra])
    pattern = runner.invoke(app, [command, "plans/gongshu-202[23].yaml", *extra])
    assert folder.exit_code in (0, 1) and pattern.exit_code in (0, 1), folder.stderr
    if command == "check":
        files = {plan["plan"]["file"] for plan in json.loads(folder.stdout)}
        assert len(files) == len(list(Path("plans").glob("*.yaml")))
        assert len(json.loads(pattern.stdout)) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, [command, str(empty), *extra])
    assert result.exit_code == 2 and "no-plans" in result.stderr + result.stdout
    result = runner.invoke(app, [command, str(tmp_path / "*.yaml"), *extra])
    assert result.exit_code == 2 and "no file matches" in result.stderr + result.stdout


@pytest.mark.parametrize("width", [80, 90, 100])
def test_a_narrow_terminal_shows_every_figure_and_says_what_it_left_out(width: int) -> None:
    out = runner.invoke(app, ["check", PLAN], env={"COLUMNS": str(width)}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    # a column left out is said so; all nine fit from 90 columns on
    assert ("列已省略, 加宽终端 (或设 COLUMNS=120) 查看" in out) == (width < 90), width
    data = json.loads(runner.invoke(app, ["check", PLAN, "-f", "json"]).stdout)
    for result in data["results"]:
        assert json_number_shown(result["actual_value"], out), result["id"]
    if "目标、核对列已省略" in out:
        return  # the target column went whole: nothing of it is shown broken
    from govplan.render.cells import target_text

    lines = out.splitlines()
    for result in report_of_path(PLAN).results:
        target = target_text(result)  # as the table shows it (6亿美元以上)
        for token in re.findall(r"\d[\d.,]*(?:%|[^\d\s,(以]{0,4})", target):
            # a number never wraps apart from its unit: each stays whole on one line
            assert any(token in line for line in lines), (target, token)
    if width != 80:
        return
    tasks = runner.invoke(app, ["check", "plans/gongshu-2024-q2.yaml"], env={"COLUMNS": "80"})
    assert "区发…" not in tasks.stdout and "区发" in tasks.stdout  # leads wrap, never cut
    assert tasks.stdout.count("符合进度") + tasks.stdout.count("超进度") > 100


def test_wrap_whole_keeps_a_number_with_its_unit() -> None:
    from govplan.render.table import wrap_whole

    assert wrap_whole("新增停车泊位3500个", 10) == "新增停车泊\n位3500个"
    assert wrap_whole("降至31微克/立方米以下", 15) == "降至\n31微克/立方米以\n下"
    assert wrap_whole("确保5.0%,力争5.5%以上", 11) == "确保5.0%,力\n争5.5%以上"
    assert wrap_whole("7%", 1) == "7%"  # a token wider than the column stays whole


def json_number_shown(value: float | None, out: str) -> bool:
    """An actual's number appears in the table as printed (1.5, 13.6, 14539)."""
    if value is None:
        return True
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown.replace("-", "−") in out  # one minus sign in what people read


def test_help_follows_lang_and_the_locale() -> None:
    """--help in Chinese under --lang zh or a Chinese locale, in English otherwise; every
    command and option of the Chinese help file exists (a stale text would be dead)."""
    import subprocess
    import sys

    from govplan.cli.localize import help_language, help_texts

    assert help_language(["check", "-h", "--lang", "zh"]) == "zh"
    assert help_language(["check", "--lang=en", "-h"]) == "en"

    def helped(args: list[str], lang: str) -> str:
        env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
        command = [sys.executable, "-m", "govplan", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env).stdout

    assert "计算每项指标的差距" in helped(["check", "--help"], "zh_CN.UTF-8")
    assert "Compute gaps" in helped(["check", "--help"], "en_US.UTF-8")
    assert "只检查这些代码" in helped(["validate", "-h", "--lang", "zh"], "en_US.UTF-8")
    import typer.main

    group = typer.main.get_command(app)
    for section, texts in help_texts().items():
        if section == "govplan":
            continue
        command = group.commands[section]  # type: ignore[attr-defined]
        known = {n for p in command.params for n in (*getattr(p, "opts", []), p.name)}
        assert set(texts) - {"help"} <= known, (section, set(texts) - {"help"} - known)


def test_check_shows_validates_findings_and_fails_on_a_code(tmp_path: Path) -> None:
    """One stream of findings: check prints the warnings validate prints (a file with
    `note: no` and an unresolved 与经济增长同步 gets both from each), and --fail-on names codes."""
    plan = tmp_path / "w.yaml"
    plan.write_text(
        "district: x\nyear: 2023\nindicators:\n"
        "  - {id: a, name: A, target: 与经济增长同步, actual: 5%, note: no}\n",
        encoding="utf-8",
    )
    checked = runner.invoke(app, ["check", str(plan), "--lang", "en"])
    validated = runner.invoke(app, ["validate", str(plan), "--lang", "en"])
    codes = {"unresolved-reference", "yaml11"}
    assert {line.split()[2] for line in checked.stderr.splitlines() if " warning " in line} == codes
    assert {line.split()[2] for line in validated.stdout.splitlines()} == codes
    assert checked.exit_code == 0
    failed = runner.invoke(app, ["check", str(plan), "--fail-on", "unresolved-reference"])
    assert failed.exit_code == 1
    typo = runner.invoke(app, ["check", str(plan), "--fail-on", "unresolved-referense"])
    assert typo.exit_code == 2 and "did you mean 'unresolved-reference'" in typo.stderr


def test_check_applies_the_repositorys_settings_as_validate_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "w.yaml"
    plan.write_text(
        "district: x\nyear: 2023\nindicators:\n"
        "  - {id: a, name: A, target: 与经济增长同步, actual: 5%, note: no}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".govplan.toml").write_text('ignore = ["yaml11"]\n', encoding="utf-8")
    checked = runner.invoke(app, ["check", "w.yaml"])
    assert "unresolved-reference" in checked.stderr and "yaml11" not in checked.stderr
    (tmp_path / ".govplan.toml").write_text(
        'severity = {unresolved-reference = "error"}\n', encoding="utf-8"
    )
    for command in ("check", "validate"):
        assert runner.invoke(app, [command, "w.yaml"]).exit_code == 2, command


def test_the_console_entry_point_leaves_with_its_output_whole_and_its_exit_code(
    tmp_path: Path,
) -> None:
    # main() ends the process without tearing the interpreter down: what it printed must
    # still arrive whole, and the exit code be the command's.
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "govplan", *args], capture_output=True)

    shown = run("check", "plans/gongshu-2022.yaml", "-f", "json", "--lang", "en")
    assert shown.returncode == 0 and len(json.loads(shown.stdout)["results"]) == 30
    many = run("validate", "plans/", "-f", "json", "--lang", "en")
    assert many.returncode == 0 and json.loads(many.stdout) is not None
    assert many.stderr.decode().startswith("govplan: 10 files, 0 errors")
    missing = run("check", str(tmp_path / "none.yaml"), "--lang", "en")
    assert missing.returncode == 2 and b"none.yaml" in missing.stderr
    behind = run("check", "plans/gongshu-2022.yaml", "--fail-on", "missed", "-f", "csv")
    assert behind.returncode == 1 and behind.stdout.count(b"\n") == 31  # header and 30 rows
    out = tmp_path / "report.xlsx"
    written = run("check", "plans/gongshu-2022.yaml", "-f", "xlsx", "-o", str(out))
    assert written.returncode == 0 and out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]  # no temporary file left
