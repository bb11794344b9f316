"""`govplan init`: a scratch repository whose generated hook and CI commands run green on
the example plan and red on a broken one (locally: no network, govplan from this checkout)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from govplan.cli.main import app

runner = CliRunner()
BIN = str(Path(sys.executable).parent)


def _run(command: str, cwd: Path) -> int:
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True).returncode


def _hook_commands(repo: Path) -> list[str]:
    """What pre-commit would run: each hook's entry on the tracked files it matches."""
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    files = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True).stdout
    commands = []
    for hook in (h for r in config["repos"] for h in r["hooks"]):
        matched = [f for f in files.split() if re.search(hook["files"], f)]
        commands.append(f"{hook['entry']} {' '.join(map(shlex.quote, matched))}")
    return commands


def _ci_commands(repo: Path) -> list[str]:
    """The CI jobs' commands, but for installing govplan (it is on PATH already)."""
    github = yaml.safe_load((repo / ".github/workflows/plans.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    runs = [s["run"] for s in github["jobs"]["validate"]["steps"] if "run" in s]
    runs += gitlab["validate-plans"]["script"]
    return [r for r in runs if "pip install" not in r]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("how", ["--source", "--source-path"])
def test_a_repository_in_one_command(tmp_path: Path, how: str) -> None:
    repo = tmp_path / "plans-repo"
    checkout = str(Path.cwd())
    source = "git+https://example.org/govplan.git@v1.0" if how == "--source" else checkout
    result = runner.invoke(app, ["init", str(repo), how, source])
    assert result.exit_code == 0, result.stderr
    assert "created " in result.stdout and (repo / "plans/example.yaml").is_file()
    workflow = (repo / ".github/workflows/plans.yml").read_text("utf-8")
    if how == "--source-path":
        assert f'pip install "{checkout}"' in workflow
        assert workflow.startswith("# govplan is installed from a path on the machine")
    else:  # what pip installs anywhere, and no path of this machine
        assert f'pip install "govplan @ {source}"' in workflow and checkout not in workflow
    first = (repo / "plans/example.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../plan.schema.json"
    assert (repo / "plan.schema.json").is_file()
    for command in (
        "git init -q",
        "git add -A",
        "git -c user.email=a@b -c user.name=a commit -qm init",
    ):
        assert _run(command, repo) == 0
    hooks, jobs = _hook_commands(repo), _ci_commands(repo)
    assert hooks and jobs
    assert all(_run(c, repo) == 0 for c in hooks + jobs), hooks + jobs  # green
    plan = repo / "plans/example.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("target: 3500个", "taget: 3500个"), "utf-8"
    )
    _run("git add -A", repo)
    # red on a broken plan: the hook fails, and so does a job (its commands run in order)
    assert all(_run(c, repo) != 0 for c in hooks)
    assert [_run(c, repo) != 0 for c in jobs].count(True) >= 2  # GitHub's and GitLab's


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path), "--source", "govplan"])
    assert result.exit_code == 0
    assert f"skipped {tmp_path / 'README.md'} (exists)" in result.stdout
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"
    again = runner.invoke(app, ["init", str(tmp_path), "--source", "govplan"])
    assert "created" not in again.stdout and again.stdout.count("skipped") == 7


def test_init_without_source_refuses_a_govplan_installed_from_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where this govplan came from a folder (pip install .), CI elsewhere cannot install
    it from there: init says so and writes nothing, rather than a path in the jobs."""
    import importlib.metadata

    class Installed:
        def read_text(self, name: str) -> str | None:
            return '{"url": "file:///home/me/govplan", "dir_info": {}}'

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Installed())
    result = runner.invoke(app, ["init", str(tmp_path / "repo")])
    assert result.exit_code == 2 and "/home/me/govplan" in result.stderr
    assert "--source" in result.stderr and not (tmp_path / "repo").exists()


def test_init_writes_no_path_that_exists_only_here(tmp_path: Path) -> None:
    """--source takes what pip installs anywhere (a requirement, a git URL); a local path is
    refused (--source-path writes it, saying so), and nothing generated names this machine."""
    url = "git+https://example.org/govplan.git@v1.0"
    repo = tmp_path / "repo"
    result = runner.invoke(app, ["init", str(repo), "--source", url])
    assert result.exit_code == 0, result.stderr
    written = {p: p.read_text(encoding="utf-8") for p in repo.rglob("*") if p.is_file()}
    for path, text in written.items():
        assert str(tmp_path) not in text and str(Path.cwd()) not in text, path
        assert "pypi.org" not in text, path  # govplan is not published there
    assert f'pip install "govplan @ {url}"' in written[repo / ".gitlab-ci.yml"]
    assert f"govplan @ {url}" in written[repo / "README.md"]
    for local in (str(Path.cwd()), "./govplan", "../govplan", "file:///srv/govplan"):
        refused = runner.invoke(app, ["init", str(tmp_path / "other"), "--source", local])
        assert refused.exit_code == 2 and "--source-path" in refused.stderr, local
    assert (
        runner.invoke(app, ["init", str(tmp_path / "ok"), "--source", "govplan==1.0"]).exit_code
        == 0
    )


def test_a_drafted_plan_points_at_the_repositorys_schema(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    assert runner.invoke(app, ["init", str(repo), "--source", "govplan"]).exit_code == 0
    text = tmp_path / "targets.txt"
    text.write_text("地区生产总值增长6%\n", encoding="utf-8")
    out = repo / "plans" / "x.yaml"
    result = runner.invoke(app, ["draft", str(text), "--year", "2024", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../plan.schema.json"
    lone = tmp_path / "elsewhere" / "y.yaml"
    lone.parent.mkdir()
    runner.invoke(app, ["draft", str(text), "--year", "2024", "-o", str(lone)])
    assert not lone.read_text(encoding="utf-8").startswith("# yaml-language-server")
