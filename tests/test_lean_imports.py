"""Which heavy modules each path imports: exact and noise-free, unlike timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pint", "rich", "yaml", "pydantic", "govplan.model", "govplan.compute", "openpyxl",
         "docx", "ruamel.yaml", "pypinyin", "govplan.draft", "govplan.update")  # fmt: skip
PLAN = "plans/gongshu-2022.yaml"

PROBE = """
import json, sys
args, modules, out = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
sys.argv = ["govplan", *args]
from govplan.cli.main import app
try:
    app()
except SystemExit:
    pass
heavy = [m for m in modules if m in sys.modules]
with open(out, "w") as fh:
    json.dump(heavy, fh)
"""


def imported(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY), str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return set(json.loads(out.read_text()))


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_nothing_heavy(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert imported(tmp_path, *args) == set()


def test_command_help_imports_only_what_typer_itself_needs(tmp_path: Path) -> None:
    # Typer builds pydantic adapters for a command's parameters; nothing of govplan's loads.
    assert imported(tmp_path, "check", "--help") <= {"pydantic"}


def test_json_check_needs_neither_rich_nor_pint(tmp_path: Path) -> None:
    # pint's answers ship as unitfacts.json: even a first run on a new machine needs no pint
    first = imported(tmp_path, "check", PLAN, "-f", "json")
    assert first == {"yaml", "pydantic", "govplan.model", "govplan.compute"}
    assert list(tmp_path.rglob("*.json")) == [tmp_path / "modules.json"]  # nothing cached


def test_validate_is_lean_too(tmp_path: Path) -> None:
    assert imported(tmp_path, "validate", "plans/") & {"pint", "rich"} == set()


def test_table_needs_rich(tmp_path: Path) -> None:
    assert "rich" in imported(tmp_path, "check", PLAN)


@pytest.mark.parametrize(
    ("args", "needs", "never"),
    [
        (("check", PLAN, "-f", "csv"), set(), {"rich", "openpyxl", "docx", "ruamel.yaml"}),
        (("check", PLAN, "-f", "html"), set(), {"rich", "openpyxl", "docx", "ruamel.yaml"}),
        (("check", PLAN, "-f", "markdown"), set(), {"rich", "openpyxl", "docx"}),
        (("validate", "plans/"), set(), {"rich", "pint", "openpyxl", "docx", "ruamel.yaml"}),
    ],
)
def test_each_format_imports_only_what_it_uses(
    tmp_path: Path, args: tuple[str, ...], needs: set[str], never: set[str]
) -> None:
    found = imported(tmp_path, *args)
    assert needs <= found and not (found & never), found


def test_binary_formats_import_their_library_only(tmp_path: Path) -> None:
    xlsx = imported(tmp_path, "check", PLAN, "-f", "xlsx", "-o", str(tmp_path / "t.xlsx"))
    assert "openpyxl" in xlsx and not xlsx & {"rich", "docx", "ruamel.yaml"}
    docx = imported(tmp_path, "check", PLAN, "-f", "docx", "-o", str(tmp_path / "t.docx"))
    assert "docx" in docx and not docx & {"rich", "openpyxl", "ruamel.yaml"}


def test_draft_and_update_import_their_own(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("2023年\n地区生产总值增长5.5%左右。\n", encoding="utf-8")
    draft = imported(tmp_path, "draft", str(text), "-o", str(tmp_path / "d.yaml"))
    assert "govplan.draft" in draft and not draft & {"rich", "openpyxl", "ruamel.yaml"}
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\ngdp,1.5%\n", encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(Path(PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    update = imported(tmp_path, "update", str(plan), "--actuals", str(sheet), "--dry-run")
    assert "ruamel.yaml" in update and not update & {"rich", "openpyxl", "docx"}
