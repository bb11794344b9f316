"""Where the time goes: each stage of `check` timed in a new process (what a person waits
for), and each stage of `validate` per file, in one process over distinct files (what a
corpus pays).

    python bench/stages.py [--runs 10] [--corpus FOLDER] [--files 1000]

bench/run.py puts both tables in docs/performance.md; run alone, this prints them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

# One `check` in a new process, stage by stage, through the functions the command calls.
# Each stage's imports are counted in the stage that needs them first, as in the command.
CHECK_STAGES = """
import time
marks = [time.perf_counter()]
import os, sys, json
import typer, typer._adapters, yaml  # what the Typer floor imports too
marks.append(time.perf_counter())
from govplan.cli import main as _cli
from govplan.analysis import evaluate
from govplan.load import read_file
from govplan.model import build_plan
from govplan.render.cells import Options
from govplan.render.formats import report_renderer
from govplan.select import select
from govplan.cli.options import show
marks.append(time.perf_counter())
path, fmt, out = sys.argv[1:4]
loaded = read_file(path)
marks.append(time.perf_counter())
plan, _ = build_plan(loaded)
marks.append(time.perf_counter())
report = evaluate(plan)
marks.append(time.perf_counter())
stdout, sys.stdout = sys.stdout, open(os.devnull, "w", encoding="utf-8")
show(report_renderer(fmt)([select(report)], Options()))
sys.stdout.flush()
sys.stdout = stdout
marks.append(time.perf_counter())
with open(out, "w") as fh:
    json.dump([b - a for a, b in zip(marks, marks[1:])], fh)
"""
CHECK_NAMES = (
    "import Typer, PyYAML and pydantic (the Typer floor imports them too)",
    "import govplan's modules for the command",
    "read and parse the YAML (marks kept)",
    "shape check (pydantic) and model",
    "compute and audit",
    "render and write",
)


def check_stages(plan: str, fmt: str, runs: int) -> tuple[list[float], float]:
    """Median seconds of each stage over `runs` new processes, and the median wall time of
    the whole process (the rest is the interpreter's start and exit)."""
    samples: list[list[float]] = []
    walls: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stages.json"
        env = {**ENV, "COLUMNS": "120"}
        for _ in range(runs + 1):  # the first run warms the file cache
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", CHECK_STAGES, plan, fmt, str(out)],
                cwd=ROOT,
                env=env,
                check=True,
            )
            walls.append(time.perf_counter() - start)
            samples.append(json.loads(out.read_text()))
    kept = samples[1:]
    stages = [statistics.median(run[i] for run in kept) for i in range(len(CHECK_NAMES))]
    return stages, statistics.median(walls[1:])


# The stages of `validate` for one file, timed file by file in one pass over distinct files
# in one process, as a worker meets them (its memoised parses warm up on earlier files only).
CORPUS_STAGES = """
import glob, json, sys, time
import yaml
import govplan.cli  # the command line's settings (its garbage collector's thresholds)
from govplan.analysis import evaluate
from govplan.document import validate_document
from govplan.load import load_text
from govplan.model import build_plan
from govplan.rules import RULES
folder, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(glob.glob(folder + "/*.yaml"))[:count]
texts = [(f, open(f, encoding="utf-8").read()) for f in files]
clock = time.perf_counter
start = clock()
for _, text in texts:
    yaml.load(text, Loader=yaml.CSafeLoader)
total = {"floor": clock() - start, "load": 0.0, "shape": 0.0, "model": 0.0, "evaluate": 0.0,
         "rules": 0.0}
for file, text in texts:
    t0 = clock()
    loaded = load_text(text, file)
    t1 = clock()
    validate_document(loaded)
    t2 = clock()
    plan, _ = build_plan(loaded)  # runs the shape check again: counted in shape, not here
    t3 = clock()
    report = evaluate(plan)
    t4 = clock()
    [f for rule in RULES for f in rule(plan, report)]
    t5 = clock()
    for key, seconds in (("load", t1 - t0), ("shape", t2 - t1), ("model", t3 - t2 - (t2 - t1)),
                         ("evaluate", t4 - t3), ("rules", t5 - t4)):
        total[key] += seconds
with open(out, "w") as fh:
    json.dump({key: seconds / len(texts) for key, seconds in total.items()}, fh)
"""
CORPUS_NAMES = {
    "load": "read and parse the YAML (marks kept)",
    "shape": "shape check (pydantic)",
    "model": "model (targets, values, units, findings)",
    "evaluate": "compute and audit",
    "rules": "validate's warning rules",
}


def corpus_stages(folder: Path, files: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "corpus.json"
        subprocess.run(
            [sys.executable, "-c", CORPUS_STAGES, str(folder), str(files), str(out)],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
        result: dict[str, float] = json.loads(out.read_text())
    return result


def tables(runs: int, folder: Path, files: int) -> list[str]:
    """The section of docs/performance.md: both tables, in milliseconds."""
    from run import PLAN, TASKS  # type: ignore[import-not-found]

    columns = [(PLAN, "json"), (PLAN, "table"), (TASKS, "table")]
    measured = [check_stages(plan, fmt, runs) for plan, fmt in columns]
    lines = [
        "## Where the time goes",
        "",
        f"`check` in a new process, stage by stage (`bench/stages.py`; median of {runs} runs). "
        "The first row is the interpreter's own start and exit: the whole process's wall time "
        "less the stages timed inside it. The model's row includes what the first plan of a "
        "run pays once (the catalogue, the vocabulary, the unit facts).",
        "",
        "| stage | -f json | table | 159-task table |",
        "|---|---:|---:|---:|",
    ]
    rest = [wall - sum(stages) for stages, wall in measured]
    lines.append("| start Python, exit | " + " | ".join(f"{r * 1000:.1f}" for r in rest) + " |")
    for i, name in enumerate(CHECK_NAMES):
        cells = " | ".join(f"{stages[i] * 1000:.1f}" for stages, _ in measured)
        lines.append(f"| {name} | {cells} |")
    lines.append("| whole process | " + " | ".join(f"{w * 1000:.1f}" for _, w in measured) + " |")
    corpus = corpus_stages(folder, files)
    total = sum(corpus[k] for k in CORPUS_NAMES)
    lines += [
        "",
        f"`validate`, per file, in one process over {files} distinct generated plans, against "
        "the C loader's `yaml.load` of the same text:",
        "",
        "| stage | ms a file | vs C loader |",
        "|---|---:|---:|",
        f"| C loader (`yaml.load`, CSafeLoader) | {corpus['floor'] * 1000:.2f} | 1.00x |",
    ]
    for key, name in CORPUS_NAMES.items():
        lines.append(
            f"| {name} | {corpus[key] * 1000:.2f} | {corpus[key] / corpus['floor']:.2f}x |"
        )
    lines += [
        f"| all of govplan's stages | {total * 1000:.2f} | {total / corpus['floor']:.2f}x |",
        "",
        "Beyond these stages, `validate` starts its workers (each imports govplan) and sends "
        "results between processes.",
        "",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--corpus", type=Path, help="generated plans (default: 2000 made now)")
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus
        if folder is None:
            folder = Path(tmp) / "corpus"
            subprocess.run(
                [sys.executable, "bench/generate.py", str(folder), "--files", "2000"],
                cwd=ROOT,
                check=True,
            )
        sys.stdout.write("\n".join(tables(args.runs, folder, args.files)) + "\n")


if __name__ == "__main__":
    main()
