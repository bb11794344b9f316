"""The worst inputs within the loader's limits (300,000 nodes a file): time and peak memory
of each path whose cost grows with the plan, so that none is worse than linear.

    python bench/worst.py [--indicators 33000]

Prints the table of docs/limits.md: run it at the limit (33,000 indicators of four fields)
and at a tenth of it (--indicators 3300) to show that each path is linear.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from run import measure  # type: ignore[import-not-found]

HEAD = "district: {d}\nyear: 2023\nindicators:\n"


def _count(i: int, actual: int) -> str:
    return f"  - {{id: q{i}, name: 指标{i}, target: {i + 1}家以上, actual: {actual}家}}\n"


def write_plans(folder: Path, n: int) -> dict[str, Path]:
    # Four fields an indicator: the most indicators the node limit admits.
    plans = {
        "sync": HEAD.format(d="x")
        + "  - {id: gdp, name: GDP, target: 6%, actual: 6.5%}\n"
        + "".join(
            f"  - {{id: s{i}, name: 收入{i}, target: 与经济增长同步, actual: {5 + i % 3}%}}\n"
            for i in range(n)
        ),
        "a": HEAD.format(d="甲区") + "".join(_count(i, i) for i in range(n)),
        "b": HEAD.format(d="乙区") + "".join(_count(i, i + 2) for i in range(n)),
    }
    paths = {}
    for name, text in plans.items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=33000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    govplan = str(Path(sys.executable).parent / "govplan")
    with tempfile.TemporaryDirectory() as tmp:
        p = write_plans(Path(tmp), args.indicators)
        commands = {
            f"check -f json, {args.indicators} relative targets": [
                govplan, "check", str(p["sync"]), "-f", "json"],
            f"check -f json, {args.indicators} indicators": [
                govplan, "check", str(p["a"]), "-f", "json"],
            f"check (table to a pipe), {args.indicators} indicators": [
                govplan, "check", str(p["a"])],
            f"compare -f json, two plans of {args.indicators}": [
                govplan, "compare", str(p["a"]), str(p["b"]), "-f", "json"],
            f"compare (table to a pipe), two plans of {args.indicators}": [
                govplan, "compare", str(p["a"]), str(p["b"])],
        }  # fmt: skip
        results = measure(commands, args.runs)
    print("| input | median s | peak MiB |\n|---|---:|---:|")
    for name, (seconds, kib) in results.items():
        print(f"| {name} | {seconds:.1f} | {kib / 1024:.0f} |")


if __name__ == "__main__":
    main()
