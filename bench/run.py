"""Benchmarks: govplan against its yardsticks, interleaved in one run, medians of repeated
runs and peak memory; writes docs/performance.md.

    python bench/run.py [--runs 10] [--corpus-runs 3] [--files 10000] [--out docs/performance.md]

Needs the project installed in .venv (make run) and, for the comparison with the tool people
would otherwise use, check-jsonschema (make bench installs it).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLAN = "plans/gongshu-2022.yaml"
TASKS = "plans/gongshu-2024-q2.yaml"
GOALS = {"json": 1.25, "table": 1.4, "tasks": 1.4, "validate": 1.5}
# Bytecode written on the warm-up run, as an installed program has it: a stale .pyc recompiled
# on every timed run (PYTHONDONTWRITEBYTECODE set in the environment) is not the program's cost.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
PEAK = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def peak_kib(cmd: list[str]) -> int:
    """Peak resident memory of the largest process the command ran (KiB)."""
    out = subprocess.run(
        [sys.executable, "-c", PEAK, *cmd], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    return int(out.stdout.strip() or 0)


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds (runs interleaved, so drift hits every command alike) and peak KiB."""
    for cmd in commands.values():  # warm the file cache and govplan's unit cache
        timed(cmd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
    return {
        name: (statistics.median(samples[name]), peak_kib(cmd)) for name, cmd in commands.items()
    }


def machine() -> str:
    cpu = platform.processor() or "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def row(name: str, result: tuple[float, int], floor: float | None) -> str:
    seconds, kib = result
    ratio = f"{seconds / floor:.2f}x" if floor else ""
    return f"| {name} | {seconds * 1000:.0f} ms | {ratio} | {kib / 1024:.0f} MiB |"


def regressions(ratios: dict[str, float], committed: Path) -> int:
    """1 when a ratio is more than 10% above the one docs/performance.md committed."""
    text = committed.read_text(encoding="utf-8")
    worse = []
    for key, ratio in ratios.items():
        import re

        label = {"json": "`check -f json`", "table": "`check` table vs", "tasks": "159-task",
                 "validate": "`validate` vs"}[key]  # fmt: skip
        m = re.search(rf"\|[^|\n]*{re.escape(label)}[^|\n]*\| ([\d.]+)x \|", text)
        if m and ratio > float(m.group(1)) * 1.1:
            worse.append(f"{key}: {ratio:.2f}x against {m.group(1)}x committed")
    sys.stdout.write("\n".join(worse or ["no ratio regressed by more than 10%"]) + "\n")
    return 1 if worse else 0


def stage_tables(runs: int, folder: Path, files: int) -> list[str]:
    from stages import tables  # type: ignore[import-not-found]

    lines: list[str] = tables(runs, folder, files)
    return lines


def update_tables(indicators: int, runs: int) -> list[str]:
    from update import tables  # type: ignore[import-not-found]

    lines: list[str] = tables(indicators, runs)
    return lines


def scaling(govplan: str) -> list[str]:
    """Time and peak memory of `check -f json` on one plan of growing size."""
    from worst import write_plans  # type: ignore[import-not-found]

    lines = [
        "## Scaling",
        "",
        "`check -f json` on one generated plan (four fields an indicator). 30,000 indicators",
        "of four fields are 270,000 nodes, within the loader's 300,000-node limit.",
        "",
        "| indicators | median | per indicator | peak memory |",
        "|---|---|---|---|",
    ]
    for n in (30, 300, 3000, 30000):
        with tempfile.TemporaryDirectory() as tmp:
            plan = write_plans(Path(tmp), n)["a"]
            seconds, kib = measure({"n": [govplan, "check", str(plan), "-f", "json"]}, 3)["n"]
        lines.append(f"| {n} | {seconds * 1000:.0f} ms | {seconds / n * 1e6:.0f} µs | "
                     f"{kib / 1024:.0f} MiB |")  # fmt: skip
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="runs per single-plan command")
    parser.add_argument("--corpus-runs", type=int, default=3, help="runs per corpus command")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument(
        "--cjs-files",
        type=int,
        default=1_000,
        help="files given to check-jsonschema (about 60 ms each), compared per file",
    )
    parser.add_argument(
        "--update-indicators", type=int, default=10_000, help="the plan `update` is timed on"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument(
        "--check",
        action="store_true",
        help="measure, and exit 1 if a goal's ratio is over 10%% worse than --out says",
    )
    args = parser.parse_args()
    py, govplan = str(BIN / "python"), str(BIN / "govplan")
    jobs = os.cpu_count() or 1

    single = measure(
        {
            "govplan check -f json": [govplan, "check", PLAN, "-f", "json"],
            "govplan check (table)": [govplan, "check", PLAN],
            "govplan check (159-task table)": [govplan, "check", TASKS],
            "Typer floor (159 tasks)": [py, "bench/floor_typer.py", TASKS],
            "govplan --version": [govplan, "--version"],
            "govplan --help": [govplan, "--help"],
            "Typer floor": [py, "bench/floor_typer.py", PLAN],
            "interpreter floor": [py, "bench/floor_python.py", PLAN],
        },
        args.runs,
    )
    typer_floor = single["Typer floor"][0]

    work = Path(tempfile.mkdtemp(prefix="govplan-bench-"))
    try:
        subprocess.run(
            [py, "bench/generate.py", str(work / "big"), "--files", str(args.files)],
            cwd=ROOT,
            check=True,
        )
        small = max(args.files // 10, 1)
        subprocess.run(
            [py, "bench/generate.py", str(work / "small"), "--files", str(small)],
            cwd=ROOT,
            check=True,
        )
        schema = work / "plan.schema.json"
        schema.write_text(
            subprocess.run([govplan, "schema"], capture_output=True, text=True, check=True).stdout
        )
        corpus_cmds = {
            f"govplan validate ({args.files} files, -j {jobs})": [
                govplan,
                "validate",
                str(work / "big"),
                "-j",
                str(jobs),
            ],
            f"C-loader parse loop ({args.files} files, -j {jobs})": [
                py,
                "bench/floor_parse.py",
                str(work / "big"),
                "-j",
                str(jobs),
            ],
        }
        cjs = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
        if cjs:
            files = sorted(str(p) for p in (work / "big").glob("*.yaml"))[: args.cjs_files]
            corpus_cmds[f"check-jsonschema ({len(files)} of the files)"] = [
                *(cjs, "--schemafile", str(schema), *files)
            ]
        corpus = measure(corpus_cmds, args.corpus_runs)
        small_run = measure(
            {"validate": [govplan, "validate", str(work / "small"), "-j", str(jobs)]},
            args.corpus_runs,
        )["validate"]
        where = [] if args.check else stage_tables(args.runs, work / "big", min(args.files, 1000))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    names = list(corpus)
    validate, floor_parse = corpus[names[0]], corpus[names[1]]
    lines = [
        "# Performance",
        "",
        f"Measured by `bench/run.py` on {datetime.date.today().isoformat()}: {machine()}.",
        f"Single-plan commands: median of {args.runs} runs; corpus commands: median of "
        f"{args.corpus_runs} runs; all interleaved in one run, after one warm-up each. Peak "
        "memory is the resident size of the largest process a command ran.",
        "",
        "## One plan (`plans/gongshu-2022.yaml`, 30 indicators)",
        "",
        "| command | median | vs Typer floor | peak memory |",
        "|---|---|---|---|",
    ]
    for name, result in single.items():
        lines.append(row(name, result, typer_floor))
    lines += [
        "",
        "The Typer floor is a minimal Typer app that loads the same file with the C loader and",
        "prints it; the interpreter floor does the same without Typer.",
        "",
        f"## Validating {args.files} generated plans",
        "",
        "`bench/generate.py`: 30-200 indicators each, every target form, some task reports.",
        "",
        "| command | median | vs C-loader loop | peak memory |",
        "|---|---|---|---|",
    ]
    for name, result in corpus.items():
        # check-jsonschema runs over fewer files: its ratio is given per file below instead
        same_files = not name.startswith("check-jsonschema")
        lines.append(row(name, result, floor_parse[0] if same_files else None))
    if cjs:
        cjs_per_file = corpus[names[2]][0] / min(args.cjs_files, args.files)
        per_file = validate[0] / args.files
        lines += [
            "",
            f"Per file, govplan validate is {cjs_per_file / per_file:.1f}x faster than "
            "check-jsonschema with the exported schema (which checks only the shape): "
            f"{per_file * 1000:.2f} ms against {cjs_per_file * 1000:.1f} ms.",
        ]
    small_ms, big_ms = small_run[0] / small * 1000, validate[0] / args.files * 1000
    lines += [
        "",
        f"`govplan validate` over {small} files: {small_run[0] * 1000:.0f} ms ({small_ms:.2f} ms a "
        f"file), peak {small_run[1] / 1024:.0f} MiB; over {args.files} files: "
        f"{validate[0] * 1000:.0f} ms ({big_ms:.2f} ms a file), peak {validate[1] / 1024:.0f} MiB. "
        "Time is linear in the number of files (less the workers' start, paid once), and "
        "results stream, so memory does not grow with it.",
        "",
    ]
    tasks_floor = single["Typer floor (159 tasks)"][0]
    ratios = {
        "json": single["govplan check -f json"][0] / typer_floor,
        "table": single["govplan check (table)"][0] / typer_floor,
        "tasks": single["govplan check (159-task table)"][0] / tasks_floor,
        "validate": validate[0] / floor_parse[0],
    }
    names_of = {
        "json": "`check -f json` vs Typer floor",
        "table": "`check` table vs Typer floor",
        "tasks": "`check` 159-task table vs Typer floor on that file",
        "validate": f"`validate` vs C-loader loop ({args.files} files, -j {jobs})",
    }
    goal_rows = [
        (names_of[k], ratios[k], f"<= {GOALS[k]}x", "met" if ratios[k] <= GOALS[k] else "not met")
        for k in GOALS
    ]
    if args.check:
        sys.exit(regressions(ratios, args.out))
    lines += where
    lines += scaling(govplan)
    lines += update_tables(args.update_indicators, args.corpus_runs)
    lines += ["## Goals", "", "| measure | reached | goal | |", "|---|---|---|---|"]
    lines += [f"| {w} | {r:.2f}x | {g} | {m} |" for w, r, g, m in goal_rows]
    lines.append("")
    args.out.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines))


if __name__ == "__main__":
    main()
