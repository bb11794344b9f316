"""Which heavy modules each path imports: exact and noise-free, unlike timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HEAVY = ("pint", "rich", "yaml", "pydantic", "govplan.model", "govplan.compute", "openpyxl",
         "docx", "pypinyin", "govplan.draft", "govplan.update",
         "govplan.compare", "govplan.trend", "govplan.rollup", "rich._emoji_codes",
         "rich.console", "tomllib")  # fmt: skip
PLAN = "plans/gongshu-2022.yaml"

# One probe process imports the command line once, then forks a child per question: each
# child runs one command and reports which heavy modules it imported. A fork starts from
# the same modules as a new process would after that import, at a fraction of the cost.
PROBE = """
import json, os, sys
from govplan.cli.main import app
for line in sys.stdin:
    args, modules, out, cwd = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        sys.argv = ["govplan", *args]
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        try:
            app()
        except SystemExit:
            pass
        with open(out, "w") as fh:
            json.dump([m for m in modules if m in sys.modules], fh)
        os._exit(0)
    os.waitpid(pid, 0)
    print("done", flush=True)
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The probe's home folder: where a cache would be written, were there one."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def probe(home: Path) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=30)


@pytest.fixture
def imported(probe: subprocess.Popen[str], tmp_path: Path) -> Callable[..., set[str]]:
    """The heavy modules `govplan ARGS` imports, as a new process would."""

    def ask(*args: str) -> set[str]:
        out = tmp_path / "modules.json"
        assert probe.stdin is not None and probe.stdout is not None
        probe.stdin.write(json.dumps([args, HEAVY, str(out), os.getcwd()]) + "\n")
        probe.stdin.flush()
        assert probe.stdout.readline() == "done\n"
        return set(json.loads(out.read_text()))

    return ask


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_nothing_heavy(
    imported: Callable[..., set[str]], args: tuple[str, ...]
) -> None:
    assert imported(*args) == set()


def test_command_help_imports_only_what_typer_itself_needs(
    imported: Callable[..., set[str]],
) -> None:
    # Typer builds pydantic adapters for a command's parameters; nothing of govplan's loads.
    assert imported("check", "--help") <= {"pydantic"}


def test_json_check_needs_neither_rich_nor_pint(
    imported: Callable[..., set[str]], home: Path
) -> None:
    # pint's answers ship as unitfacts.json: even a first run on a new machine needs no pint
    first = imported("check", PLAN, "-f", "json")
    # tomllib: this repository's pyproject.toml names govplan, so it is read for settings
    assert first == {"yaml", "pydantic", "govplan.model", "govplan.compute", "tomllib"}
    assert list(home.rglob("*")) == []  # nothing cached


def test_no_settings_file_no_toml_reader(
    imported: Callable[..., set[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = Path(PLAN).resolve()
    (tmp_path / ".git").mkdir()  # the repository's root: the search for settings ends here
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "plans"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "tomllib" not in imported("check", str(plan), "-f", "json")


def test_validate_is_lean_too(imported: Callable[..., set[str]]) -> None:
    assert imported("validate", "plans/") & {"pint", "rich"} == set()


def test_a_piped_table_needs_rich_only_where_a_cell_wraps(
    imported: Callable[..., set[str]],
) -> None:
    # Nothing wraps: rich's own lines are written without rich's layout (only its cell widths)
    assert imported("check", PLAN) & {"rich.console", "rich._emoji_codes"} == set()
    # binjiang's long names and targets wrap at 120 columns: rich draws that table, and a
    # plan's text is printed as written (no :emoji: codes), so their table stays out
    wrapped = imported("check", "plans/binjiang-2023.yaml")
    assert "rich.console" in wrapped and "rich._emoji_codes" not in wrapped


@pytest.mark.parametrize(
    ("args", "needs", "never"),
    [
        (("check", PLAN, "-f", "csv"), set(), {"rich", "openpyxl", "docx"}),
        (("check", PLAN, "-f", "html"), set(), {"rich", "openpyxl", "docx"}),
        (("check", PLAN, "-f", "markdown"), set(), {"rich", "openpyxl", "docx"}),
        (("validate", "plans/"), set(), {"rich", "pint", "openpyxl", "docx"}),
    ],
)
def test_each_format_imports_only_what_it_uses(
    imported: Callable[..., set[str]], args: tuple[str, ...], needs: set[str], never: set[str]
) -> None:
    found = imported(*args)
    assert needs <= found and not (found & never), found


def test_binary_formats_import_their_library_only(
    imported: Callable[..., set[str]], tmp_path: Path
) -> None:
    xlsx = imported("check", PLAN, "-f", "xlsx", "-o", str(tmp_path / "t.xlsx"))
    assert "openpyxl" in xlsx and not xlsx & {"rich", "docx"}
    docx = imported("check", PLAN, "-f", "docx", "-o", str(tmp_path / "t.docx"))
    assert "docx" in docx and not docx & {"rich", "openpyxl"}


def test_draft_and_update_import_their_own(
    imported: Callable[..., set[str]], tmp_path: Path
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("2023年\n地区生产总值增长5.5%左右。\n", encoding="utf-8")
    draft = imported("draft", str(text), "-o", str(tmp_path / "d.yaml"))
    assert "govplan.draft" in draft and not draft & {"rich", "openpyxl"}
    sheet = tmp_path / "a.csv"
    sheet.write_text("id,actual\ngdp,1.5%\n", encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(Path(PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    update = imported("update", str(plan), "--actuals", str(sheet), "--dry-run")
    # a CSV sheet needs no workbook reader; the plan is read by govplan's own loader
    assert "govplan.update" in update and not update & {"rich", "openpyxl", "docx"}


def test_comparison_trend_and_rollup_load_with_their_commands(
    imported: Callable[..., set[str]],
) -> None:
    assert "govplan.compare" in imported("compare", PLAN, "plans/gongshu-2023.yaml")
    assert "govplan.trend" in imported("trend", "plans/gongshu-2024-h1.yaml")
    assert "govplan.rollup" in imported("check", PLAN, "--by", "group", "-f", "json")
