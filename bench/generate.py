"""A synthetic national corpus of plan files for benchmarks: realistic plans of 30-200
indicators using every target form, and some quarterly task reports. Deterministic.

    python bench/generate.py OUT_DIR [--files N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

DISTRICTS = [
    "拱墅区",
    "滨江区",
    "西湖区",
    "上城区",
    "萧山区",
    "余杭区",
    "临平区",
    "钱塘区",
    "富阳区",
    "临安区",
]
PERIODS = ["Q1", "H1", "Q3", "year"]
COUNT_UNITS = ["个", "家", "人", "户", "台", "条", "所", "处", "张", "座", "项", "辆"]
LEADS = ["区发改经信局", "区住建局", "区商务局", "区财政局", "区教育局", "区卫健局", "区民政局"]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _rate(rng: random.Random) -> str:
    return f"{rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15])}{rng.choice(['', '.5'])}%"


def _indicator(rng: random.Random, i: int) -> list[str]:
    """One indicator of a random form, with an actual most of the time."""
    form = rng.randrange(10)
    unit = None
    completion = None
    actual = f"{rng.uniform(-3, 16):.1f}%"
    if form == 0:
        target = _rate(rng)
    elif form == 1:
        target = f"{_rate(rng)}以上"
    elif form == 2:
        target = f"{_rate(rng)}左右"
    elif form == 3:
        target = f"确保5%以上,力争{rng.choice(['5.5', '6', '6.5'])}%"
    elif form == 4:
        target = "与经济增长同步"
    elif form == 5:
        target = f"降至{rng.randint(25, 40)}微克/立方米以下"
        actual = f"{rng.uniform(20, 45):.1f}微克/立方米"
    elif form == 6:
        unit = rng.choice(COUNT_UNITS)
        base = rng.randint(5, 5000)
        target = f"{base}以上" if rng.random() < 0.5 else str(base)
        count = int(base * rng.uniform(0.3, 2.5))
        actual, completion = str(count), 100 * count / base
    elif form == 7:
        unit = "万人"
        wan = rng.randint(10, 99) / 10
        people = rng.randint(10000, 99999)
        target, actual, completion = f"{wan}", f"{people}人", people / wan / 100
    elif form == 8:
        goal = rng.randint(100, 900)
        amount = round(rng.uniform(80, 1000), 1)
        target, actual, completion = f"{goal}亿元", f"{amount}亿元", 100 * amount / goal
    else:
        target = "完成市下达目标任务"
        actual = None
    lines = [f"  - id: i{i:03d}", f"    name: 指标{i}", f"    target: {_q(target)}"]
    if unit:
        lines.insert(2, f"    unit: {unit}")
    if actual is not None and rng.random() < 0.85:
        lines.append(f"    actual: {_q(actual)}")
        if completion is not None and rng.random() < 0.5:
            slip = rng.choice([1.1, 0.9]) if rng.random() < 0.05 else 1  # the odd published slip
            lines.append(f"    reported: {{completion: {completion * slip:.2f}%}}")
    if rng.random() < 0.2:
        lines.append(f"    note: {_q('受多种因素影响,' * rng.randint(1, 4))}")
    return lines


def plan_text(rng: random.Random, district: str, year: int) -> str:
    if rng.random() < 0.15:  # a quarterly task report
        lines = [
            f"district: {district}",
            f"year: {year}",
            f"period: {rng.choice(PERIODS)}",
            "indicators:",
        ]
        for i in range(rng.randint(30, 200)):
            progress = rng.choice(["/", f"{rng.randint(0, 130)}%", f"{rng.uniform(0, 100):.1f}%"])
            lines += [
                f"  - id: task-{i:03d}",
                f"    name: {_q('推进重点工作任务' + str(i) + '。')}",
                f"    group: 类别{i // 8}",
                f"    lead: {rng.choice(LEADS)}",
                "    target: {progress: true}",
                f"    progress: {_q(progress)}",
            ]
        return "\n".join(lines) + "\n"
    lines = [f"district: {district}", "city: 杭州市", f"year: {year}", "indicators:"]
    lines += [
        "  - id: gdp",
        "    name: 地区生产总值增长",
        f"    target: {_q(_rate(rng))}",
        f"    actual: {_q(f'{rng.uniform(0, 9):.1f}%')}",
    ]
    for i in range(rng.randint(29, 199)):
        lines += _indicator(rng, i)
    return "\n".join(lines) + "\n"


def generate(out: Path, files: int, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        district = f"{rng.choice(DISTRICTS)}{n // 10}"
        year = 2015 + n % 10
        (out / f"plan-{n:05d}.yaml").write_text(plan_text(rng, district, year), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.out, args.files, args.seed)


if __name__ == "__main__":
    main()
