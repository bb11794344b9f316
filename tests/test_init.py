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
def test_a_repository_in_one_command(tmp_path: Path) -> None:
    repo = tmp_path / "plans-repo"
    checkout = str(Path.cwd())
    result = runner.invoke(app, ["init", str(repo), "--source", checkout])
    assert result.exit_code == 0, result.stderr
    assert "created " in result.stdout and (repo / "plans/example.yaml").is_file()
    assert f'pip install "{checkout}"' in (repo / ".github/workflows/plans.yml").read_text("utf-8")
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
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert "created" not in again.stdout and again.stdout.count("skipped") == 7
