"""Shared helpers: write a plan file from text and load it."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from govplan.results import Report
from tests.built import report_of_path

# Messages follow the locale when --lang is not given; the tests read them in English unless
# they ask for Chinese, whatever the machine's locale.
os.environ["LANG"] = "en_US.UTF-8"
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
# Tables to a pipe are as wide as COLUMNS says (120 when unset); test workers may inherit
# another width, so the tests say theirs (those about narrow terminals pass their own).
os.environ["COLUMNS"] = "120"

HEADER = "district: 测试区\nyear: 2022\n"


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., str]:
    """Write `text` (dedented) to a file in a temporary folder and return its path."""

    def _write(text: str, name: str = "plan.yaml", *, raw: bytes | None = None) -> str:
        path = tmp_path / name
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture
def report_of(write: Callable[..., str]) -> Callable[[str], Report]:
    """Compute a plan whose indicators are given as YAML list items."""

    def _report(indicators: str) -> Report:
        body = textwrap.dedent(indicators)
        return report_of_path(write(HEADER + "indicators:\n" + body))

    return _report
