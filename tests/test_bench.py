"""The benchmark scripts run against the code as it is: their timed snippets are Python
text that neither mypy nor an import sees, so a renamed function would break `make bench`
unnoticed. Each snippet runs once here, on the shipped plans (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType


def _stages() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stages", Path("bench") / "stages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stage_snippets_run_against_the_current_code(tmp_path: Path) -> None:
    stages = _stages()
    out = tmp_path / "check.json"
    for fmt in ("json", "table"):
        args = [stages.CHECK_STAGES, "plans/gongshu-2022.yaml", fmt, str(out)]
        done = subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        seconds = json.loads(out.read_text())
        assert len(seconds) == len(stages.CHECK_NAMES) and all(s >= 0 for s in seconds)
    corpus = tmp_path / "corpus.json"
    args = [stages.CORPUS_STAGES, "plans", "3", str(corpus)]
    done = subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert set(json.loads(corpus.read_text())) == {"floor", *stages.CORPUS_NAMES}
