"""`govplan init`: a ready repository of plan files, with an example plan, the schema for
editors, a pre-commit hook and CI jobs; never overwriting a file that exists."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

EXAMPLE_PLAN = """\
# yaml-language-server: $schema=../plan.schema.json
# An example plan: replace it with your district's. `govplan check plans/example.yaml`
# shows the table; `govplan validate plans/` checks every plan as CI does.
govplan: 1
district: 示例区
year: 2024
title: 2024年示例区主要指标执行情况
indicators:
  - id: gdp
    name: 地区生产总值增长
    group: 主要预期目标
    target: 5.5%左右(确保5%以上)
    actual: 5.2%
  - id: fdi
    name: 实际利用外资
    target: 6亿美元以上
    actual: 6.3亿美元
  - id: parking-spaces
    name: 新增停车泊位
    target: 3500个
    actual: 3700个
"""


def _readme(source: str) -> str:
    return f"""\
# Plans

Development-plan targets and actuals, one YAML file per district and period in `plans/`,
checked with govplan, a command-line tool. govplan is not on PyPI: CI installs it with

```sh
python -m pip install "{source}"
```

and so can you (in a virtual environment), then:

```sh
govplan check plans/example.yaml      # the execution table
govplan validate plans/               # every finding in every plan (what CI runs)
```

Editors with the YAML language server check plans as you type against `plan.schema.json`
(the first line of each plan points at it; `.vscode/settings.json` maps it too).
"""


class SourceRefused(ValueError):
    """A --source that would work only on this machine, or none that CI could use."""


# A requirement pip can install anywhere: a name with an optional version, or a VCS URL.
_REQUIREMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*([<>=!~].*)?$")
_VCS = re.compile(r"^(?:govplan\s*@\s*)?(git|hg|svn|bzr)\+(https?|ssh|git)://\S+$")


def ci_source(source: str) -> str:
    """The pip argument CI installs govplan with: a package requirement (`govplan`,
    `govplan==1.2`) or a VCS URL (`git+https://…@TAG`, written `govplan @ git+…`); a local
    path is refused, since it exists only on this machine."""
    text = source.strip()
    if _VCS.match(text):
        return text if text.startswith("govplan") else f"govplan @ {text}"
    # as pip reads its argument: a path has a separator or starts with a dot or ~
    looks_like_path = any(c in text for c in "/\\") or text.startswith((".", "~", "file:"))
    if _REQUIREMENT.match(text) and not looks_like_path:
        return text
    raise SourceRefused(
        f"--source {source!r} is not a package requirement or a git URL: a local path "
        "exists only on this machine, and CI elsewhere cannot install from it; give "
        "git+https://…/govplan@TAG, or --source-path to write the path anyway"
    )


def _precommit(source: str) -> str:
    return f"""\
# govplan validates the plan files before each commit. It runs the govplan installed on
# the machine that commits: python -m pip install "{source}"
repos:
  - repo: local
    hooks:
      - id: govplan-validate
        name: govplan validate
        entry: govplan validate
        language: system
        files: ^plans/.*\\.ya?ml$
"""


LOCAL_NOTE = (
    "# govplan is installed from a path on the machine where `govplan init` ran: this job "
    "works only there\n"
)


def _github(source: str, note: str = "") -> str:
    return f"""\
{note}name: plans
on: [push, pull_request]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "{source}"
      # GITHUB_ACTIONS is set, so findings become annotations on the pull request
      - run: govplan validate plans/
"""


def _gitlab(source: str, note: str = "") -> str:
    return f"""\
{note}validate-plans:
  image: python:3.12
  script:
    - python -m pip install "{source}"
    # the findings in the merge request's code-quality widget, then in the job's log
    - govplan validate plans/ -f gitlab --quiet > gl-code-quality-report.json || true
    - govplan validate plans/
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
"""


VSCODE = json.dumps({"yaml.schemas": {"./plan.schema.json": ["plans/*.yaml"]}}, indent=2) + "\n"


@dataclass(frozen=True)
class Created:
    written: list[Path]
    skipped: list[Path]  # existed already: never overwritten


def scaffold(folder: Path, source: str, schema: str, *, local: bool = False) -> Created:
    """Write the repository's files under `folder`; existing files are left alone. `local`:
    `source` is a path on this machine, and the jobs say they work only here."""
    note = LOCAL_NOTE if local else ""
    files = {
        Path("plans/example.yaml"): EXAMPLE_PLAN,
        Path("plan.schema.json"): schema,
        Path(".vscode/settings.json"): VSCODE,
        Path(".pre-commit-config.yaml"): _precommit(source),
        Path(".github/workflows/plans.yml"): _github(source, note),
        Path(".gitlab-ci.yml"): _gitlab(source, note),
        Path("README.md"): _readme(source),
    }
    written, skipped = [], []
    for relative, text in files.items():
        path = folder / relative
        if path.exists():
            skipped.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:  # "x": never over a file made meanwhile
            fh.write(text)
        written.append(path)
    return Created(written, skipped)


def install_source() -> str:
    """How CI should install govplan: where this govplan came from (a git URL as pip
    recorded it), else its package name; SourceRefused where it came from a local folder,
    which CI cannot reach."""
    import importlib.metadata

    try:
        direct = importlib.metadata.distribution("govplan").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        direct = None
    if direct:
        data = json.loads(direct)
        url = str(data.get("url", ""))
        vcs = data.get("vcs_info")
        if vcs and url:
            return f"govplan @ git+{url}@{vcs.get('commit_id', '')}".rstrip("@")
        if url.startswith("file://"):
            raise SourceRefused(
                f"this govplan was installed from a folder on this machine "
                f"({url.removeprefix('file://')}), which CI cannot reach; give --source "
                "git+https://…/govplan@TAG (or a package requirement), or --source-path to "
                "write the path anyway"
            )
    return "govplan"
