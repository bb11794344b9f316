"""Plan repositories in CI: GitLab code quality, SARIF and JUnit output, the configuration
file, --quiet, shell completion and standard input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.codes import CODES

runner = CliRunner()
BAD = "tests/corpus/unknown-field.yaml"
WARN = "tests/corpus/yaml11-no.yaml"
DATA = Path(__file__).parent / "data"


def test_gitlab_code_quality() -> None:
    result = runner.invoke(app, ["validate", BAD, "plans/gongshu-2022.yaml", "-f", "gitlab"])
    assert result.exit_code == 2
    issues = json.loads(result.stdout)
    assert [i["check_name"] for i in issues] == ["missing-field", "unknown-field"]
    first = issues[1]
    assert first["severity"] == "major" and first["location"] == {
        "path": BAD,
        "lines": {"begin": 6},
    }
    again = json.loads(runner.invoke(app, ["validate", BAD, "-f", "gitlab"]).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # stable
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_sarif_validates_against_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = runner.invoke(app, ["validate", BAD, WARN, "-f", "sarif", "--lang", "en"])
    log = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    assert all(r["properties"]["docs"] == f"docs/rules.md#{r['id']}" for r in rules)
    docs = Path("docs/rules.md").read_text(encoding="utf-8")
    assert all(f'<a id="{r["id"]}"></a>' in docs for r in rules)  # the anchors exist
    levels = {(r["ruleId"], r["level"]) for r in run["results"]}
    assert ("unknown-field", "error") in levels and ("yaml11", "warning") in levels
    region = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 6, "startColumn": 5}


def test_junit_has_one_testcase_per_finding() -> None:
    """The schema allows one <failure> per testcase: each finding is a case of its own,
    an error a failure, a warning skipped (a failure under --strict); a clean file passes."""
    result = runner.invoke(app, ["validate", BAD, "plans/gongshu-2022.yaml", WARN, "-f", "junit"])
    root = ET.fromstring(result.stdout)
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        f"{BAD}:4:5 missing-field",
        f"{BAD}:6:5 unknown-field",
        "plans/gongshu-2022.yaml",
        f"{WARN}:7:13 bad-value",
        f"{WARN}:7:13 yaml11",
    ]
    assert all(len(c.findall("failure")) <= 1 for c in cases)
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "3", "1")
    assert cases[2].findall("*") == []  # the clean plan passes
    assert cases[4].find("skipped") is not None and cases[4].find("failure") is None
    strict = runner.invoke(app, ["validate", WARN, "-f", "junit", "--strict"])
    (suite,) = ET.fromstring(strict.stdout).findall("testsuite")
    assert (suite.get("failures"), suite.get("skipped")) == ("2", "0")


def test_a_warning_is_silenced_by_a_comment_an_error_never(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "district: x\nyear: 2023\nindicators:\n"
        "  # govplan: ignore[unresolved-reference]\n"
        "  - {id: b, name: B, target: 与经济增长同步, actual: 5%}\n"
        "  - {id: c, name: C, target: 与经济增长同步, actual: 5%}  # govplan: ignore\n"
        "  - {id: d, name: D, target: 与经济增长同步, actual: 5%}  # govplan: ignore[yaml11]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 0
    assert [line.split(":")[1] for line in result.stdout.splitlines()] == ["7"]  # only d's
    broken = tmp_path / "q.yaml"
    broken.write_text(
        "district: x\nyear: 2023\nindicators:\n"
        "  - {id: a, name: A, target: 5万人, actual: 3亿元}  # govplan: ignore[unit-mismatch]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2 and "unit-mismatch" in result.stdout


def test_select_ignore_statistics_and_rule() -> None:
    selected = runner.invoke(app, ["validate", BAD, WARN, "--select", "yaml11"])
    # the errors that keep a plan from being built are shown whatever is selected
    codes = [line.split()[1:3] for line in selected.stdout.splitlines()]
    assert codes == [["error", "missing-field"], ["error", "unknown-field"],
                     ["error", "bad-value"], ["warning", "yaml11"]]  # fmt: skip
    assert selected.exit_code == 2
    ignored = runner.invoke(app, ["validate", WARN, "--ignore", "yaml11,bad-value"])
    assert ignored.exit_code == 2 and "warning yaml11" not in ignored.stdout
    assert "error bad-value" in ignored.stdout
    clean = runner.invoke(app, ["validate", "plans/gongshu-2022.yaml", "--select", "yaml11"])
    assert (clean.exit_code, clean.stdout) == (0, "")
    typo = runner.invoke(app, ["validate", WARN, "--ignore", "yaml12"])
    assert typo.exit_code == 2 and "did you mean 'yaml11'" in typo.stderr
    stats = runner.invoke(app, ["validate", BAD, WARN, "--statistics", "--lang", "en"])
    rows = [line.split()[:3] for line in stats.stdout.splitlines()]
    assert rows == [
        ["1", "error", "bad-value"],
        ["1", "error", "missing-field"],
        ["1", "error", "unknown-field"],
        ["1", "warning", "yaml11"],
    ]
    explained = runner.invoke(app, ["rule", "unit-mismatch", "--lang", "en"])
    assert explained.exit_code == 0 and CODES["unit-mismatch"].why in explained.stdout
    assert "# govplan: ignore[unit-mismatch]" in explained.stdout
    assert "含义" in runner.invoke(app, ["rule", "unit-mismatch", "--lang", "zh"]).stdout
    unknown = runner.invoke(app, ["rule", "unit-mismach"])
    assert unknown.exit_code == 2 and "did you mean 'unit-mismatch'" in unknown.stderr
    listed = runner.invoke(app, ["rule"]).stdout.splitlines()
    assert len(listed) == len(CODES)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    """A temporary plan repository, entered as the current folder."""
    (tmp_path / "plans" / "drafts").mkdir(parents=True)
    Path(BAD).read_bytes()
    (tmp_path / "plans" / "a.yaml").write_bytes(Path(WARN).read_bytes())
    (tmp_path / "plans" / "drafts" / "b.yaml").write_bytes(Path(BAD).read_bytes())
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def test_configuration_changes_severities_and_exclusions(repo: Path) -> None:
    before = runner.invoke(app, ["validate", "plans"])
    assert before.exit_code == 2 and "b.yaml" in before.stdout
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "plans"\n\n[tool.govplan]\nexclude = ["plans/drafts/*"]\n'
        'severity = {yaml11 = "error"}\nformat = "github"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "plans"])
    assert "b.yaml" not in result.stdout  # excluded
    assert result.stdout.startswith("::error ") and "yaml11" in result.stdout  # made an error
    assert result.exit_code == 2
    text = runner.invoke(app, ["validate", "plans", "-f", "text"]).stdout  # the option wins
    assert "error yaml11" in text
    shown = runner.invoke(app, ["validate", "--show-config"]).stdout
    assert f"# from {repo / 'pyproject.toml'}" in shown and "'yaml11': 'error'" in shown
    (repo / ".govplan.toml").write_text('ignore = ["yaml11"]\n', encoding="utf-8")
    quiet = runner.invoke(app, ["validate", "plans", "--quiet"])  # .govplan.toml comes first
    assert quiet.exit_code == 2 and quiet.stderr == ""  # no summary line
    assert "yaml11" not in quiet.stdout and "drafts/b.yaml" in quiet.stdout  # its own settings


def test_an_unknown_key_or_code_is_located(repo: Path) -> None:
    (repo / ".govplan.toml").write_text(
        '# settings\nselect = ["yaml11"]\nignore = ["yaml12"]\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert result.exit_code == 2
    assert (
        f"{repo / '.govplan.toml'}:3: error bad-config ignore: unknown finding code 'yaml12'"
        in result.stderr
    )
    (repo / ".govplan.toml").write_text("jobz = 2\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert ".govplan.toml:1: error bad-config unknown setting 'jobz'" in result.stderr


def test_standard_input_is_read_as_stdin() -> None:
    text = Path(BAD).read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", "-"], input=text)
    assert result.exit_code == 2 and result.stdout.startswith("<stdin>:")
    plan = Path("plans/gongshu-2022.yaml").read_text(encoding="utf-8")
    checked = runner.invoke(app, ["check", "-", "-f", "json"], input=plan)
    assert checked.exit_code == 0 and json.loads(checked.stdout)["plan"]["file"] == "<stdin>"


def test_shell_completion_completes_govplans_commands() -> None:
    """The completion script's answer for `govplan va<TAB>` is govplan's own command."""
    env = {**os.environ, "_GOVPLAN_COMPLETE": "complete_bash", "COMP_WORDS": "govplan va",
           "COMP_CWORD": "1"}  # fmt: skip
    script = Path(sys.executable).parent / "govplan"  # the console script pip installed
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True)
    assert "validate" in done.stdout.split()


def test_numbers_in_messages_read_as_a_person_writes_them(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("district: x\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 6, "
                    "actual: 3.7, reported: {completion: 39.12%}}\n", encoding="utf-8")  # fmt: skip
    out = runner.invoke(app, ["validate", str(plan), "--lang", "en"]).stdout
    assert "published completion 39.12 does not match govplan's 61.6667" in out


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ignore = ['yaml11']  # 注释\n".encode("gbk"), "is not UTF-8; save the file as UTF-8"),
        (b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deep"),
    ],
    ids=["gbk", "deep"],
)
def test_a_settings_file_that_cannot_be_read_is_bad_config(
    repo: Path, raw: bytes, message: str
) -> None:
    (repo / ".govplan.toml").write_bytes(raw)
    result = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert (
        result.exit_code == 2 and "error bad-config" in result.stderr and message in result.stderr
    )


def test_govplan_settings_of_the_wrong_type_are_bad_config(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool]\ngovplan = "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert (
        result.exit_code == 2 and "error bad-config [tool.govplan] must be a table" in result.stderr
    )


def test_settings_above_the_repository_never_apply(repo: Path) -> None:
    inner = repo / "checkout"
    (inner / ".git").mkdir(parents=True)
    (inner / "plans").mkdir()
    (inner / "plans" / "b.yaml").write_bytes((repo / "plans" / "drafts" / "b.yaml").read_bytes())
    (repo / ".govplan.toml").write_text('ignore = ["missing-field", "unknown-field"]\n', "utf-8")
    os.chdir(inner)
    result = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert result.exit_code == 2 and "missing-field" in result.stdout
    assert "(settings:" not in result.stderr
    (inner / ".govplan.toml").write_text('ignore = ["yaml11"]\n', "utf-8")
    result = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert f"(settings: {inner / '.govplan.toml'})" in result.stderr  # the summary names it


def test_a_file_named_is_checked_whatever_exclude_says(repo: Path) -> None:
    (repo / ".govplan.toml").write_text('exclude = ["*", "*/*", "*/*/*"]\n', "utf-8")
    named = runner.invoke(app, ["validate", "plans/drafts/b.yaml", "--lang", "en"])
    assert named.exit_code == 2 and "missing-field" in named.stdout
    folder = runner.invoke(app, ["validate", "plans", "--lang", "en"])
    assert folder.exit_code == 2
    assert "error no-plans every plan file under the paths is excluded" in folder.stdout


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT])
def test_workers_end_with_a_cancelled_validate(tmp_path: Path, sig: signal.Signals) -> None:
    """A cancelled CI job signals the parent only; its workers must not outlive it (they
    would hold the job's output pipe open forever)."""
    plan = Path("plans/gongshu-2024-q2.yaml").read_bytes()
    for n in range(400):
        (tmp_path / f"p{n}.yaml").write_bytes(plan)
    proc = subprocess.Popen([sys.executable, "-m", "govplan", "validate", str(tmp_path), "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + 20
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert workers, "validate -j 2 started no workers"
    proc.send_signal(sig)
    proc.wait(timeout=20)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _children(parent: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_settings_format_that_is_no_findings_format_is_bad_config_at_its_line(
    repo: Path,
) -> None:
    (repo / ".govplan.toml").write_text('ignore = []\nformat = "sarif2"\n', encoding="utf-8")
    for lang, said in (("en", "is not one of text, json"), ("zh", "不是以下之一: text, json")):
        result = runner.invoke(app, ["validate", "plans", "--lang", lang])
        where = f"{repo / '.govplan.toml'}:2: error bad-config format 'sarif2' "
        assert result.exit_code == 2 and where + said in result.stderr, result.stderr
