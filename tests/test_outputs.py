"""Where output goes: streams of any encoding, files, devices, FIFOs and symlinks; and what
plan text can do inside machine and document formats (nothing)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.inert import inert
from govplan.render.markdown_format import escape as render_markdown_cell

runner = CliRunner()
PLAN = "plans/gongshu-2022.yaml"


@pytest.mark.parametrize("encoding", ["gbk", "latin-1", "ascii"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_a_stdout_that_is_not_utf8_gets_output_never_exit_3(encoding: str, fmt: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govplan", "check", PLAN, "-f", fmt],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    text = done.stdout.decode(encoding)
    assert "gdp" in text or "2022" in text
    if encoding == "gbk":  # Chinese stays readable; only what GBK lacks is escaped
        assert "地区生产总值" in text


def test_o_writes_into_a_device_and_never_replaces_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", PLAN, "-f", "json", "-o", "/dev/null"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_o_writes_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["check", PLAN, "-f", "json", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["plan"]["district"] == "拱墅区"


def test_o_through_a_symlink_writes_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert runner.invoke(app, ["check", PLAN, "-f", "json", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["plan"]["year"] == 2022


def test_new_files_follow_the_umask_and_old_ones_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        new = tmp_path / "new.json"
        assert runner.invoke(app, ["check", PLAN, "-f", "json", "-o", str(new)]).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
    finally:
        os.umask(old)
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    assert runner.invoke(app, ["check", PLAN, "-f", "json", "-o", str(kept)]).exit_code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604


HOSTILE = 'district: x\nyear: 2023\nindicators:\n  - id: a\n    name: "<script>alert(1)</script>\\x1b[31m<img src=x onerror=y>"\n    target: 5个\n    taget: 5\n'


def test_plan_text_cannot_break_junit_sarif_or_markdown(tmp_path: Path) -> None:
    plan = tmp_path / "a b#c%d?.yaml"
    plan.write_text(HOSTILE, encoding="utf-8")
    junit = runner.invoke(app, ["validate", str(plan), "-f", "junit"]).stdout
    ET.fromstring(junit)  # parses: no raw control character reached the XML
    sarif = json.loads(runner.invoke(app, ["validate", str(plan), "-f", "sarif"]).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri.endswith("a%20b%23c%25d%3F.yaml")
    good = tmp_path / "good.yaml"
    good.write_text(HOSTILE.replace("    taget: 5\n", ""), encoding="utf-8")
    markdown = runner.invoke(app, ["check", str(good), "-f", "markdown"]).stdout
    assert "<script>" not in markdown and "<img" not in markdown and "\x1b" not in markdown
    assert "&lt;script&gt;" in markdown
    # an entity in plan text stays text; a plain & (R&D) stays as written
    assert render_markdown_cell("&lt;b&gt; R&D") == "&amp;lt;b&amp;gt; R&D"


@pytest.mark.parametrize(
    "hidden",
    [
        "\u061c",
        "\u00ad",
        "\u180e",
        "\ufff9",
        "\U000e0041",
        "\u3164",
        "\u115f",
        "\u202e",
        "\x1b",
        "\u2066",
    ],
)
def test_format_characters_and_fillers_are_shown_escaped(hidden: str) -> None:
    shown = inert(f"a{hidden}b")
    assert hidden not in shown and shown.startswith("a\\") and shown.endswith("b")


def test_one_minus_sign_group_rows_and_chinese_headers() -> None:
    """People read − in every human format, machines get -; Markdown has the table's group
    rows; a Chinese CSV has no English header."""
    import csv as csv_module
    import io
    import re

    md = runner.invoke(app, ["check", "plans/gongshu-2022.yaml", "-f", "markdown"]).stdout
    assert "|  | **主要预期目标** |" in md and "|  | **其它指标** |" in md
    assert "| −4.2% |" in md and "-4.2" not in md
    table = runner.invoke(app, ["check", "plans/gongshu-2022.yaml"]).stdout
    assert "−4.2%" in table and "-4.2" not in table
    data = json.loads(runner.invoke(app, ["check", "plans/gongshu-2022.yaml", "-f", "json"]).stdout)
    assert next(r for r in data["results"] if r["id"] == "trade-value-added")["actual"] == "-4.2%"
    for args in (
        ["check", "plans/gongshu-2022.yaml", "-f", "csv"],
        ["compare", "plans/gongshu-2022.yaml", "plans/binjiang-2023.yaml", "-f", "csv"],
        ["trend", "plans/gongshu-2024-h1.yaml", "-f", "csv"],
    ):
        head = next(csv_module.reader(io.StringIO(runner.invoke(app, args).stdout)))
        assert not [h for h in head if re.search("[A-Za-z]{2,}", h)], (args, head)
