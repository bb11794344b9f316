"""`govplan update` on a plan of 10,000 indicators, against `govplan check -f json` on the same
plan (reading and judging it once) in the same run; where its time goes, stage by stage; and
what refusing hostile sheets costs.

    python bench/update.py [--indicators 10000] [--runs 5]

Prints the section of docs/performance.md (bench/run.py includes it). Every run after the
warm-up writes the figures the plan already holds: all the work is done (read, match,
locate, splice, read back, build), the file is not written again.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from run import BIN, measure  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parent.parent


def write_inputs(folder: Path, n: int) -> dict[str, Path]:
    """A plan of `n` indicators written as people write them (block style, a comment, a
    blank line between indicators), and its sheets: CSV, and xlsx with a title row."""
    import openpyxl

    lines = ["# generated\ndistrict: 测试区\nyear: 2023\nindicators:\n"]
    for i in range(n):
        lines.append(
            f"  - id: q{i}\n    name: 指标{i}\n    group: 其它指标\n"
            f"    target: {i + 1}家以上  # 目标\n    actual: {i}家\n\n"
        )
    plan = folder / "plan.yaml"
    plan.write_text("".join(lines), encoding="utf-8")
    csv = folder / "actuals.csv"
    csv.write_text(
        "序号,指标,实际,单位\n" + "".join(f"{i + 1},指标{i},{i + 3},家\n" for i in range(n)),
        encoding="utf-8",
    )
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["执行情况"])
    sheet.append(["序号", "指标", "实际", "单位"])
    for i in range(n):
        sheet.append([i + 1, f"指标{i}", i + 3, "家"])
    xlsx = folder / "actuals.xlsx"
    book.save(xlsx)
    return {"plan": plan, "csv": csv, "xlsx": xlsx}


def hostile(folder: Path) -> dict[str, Path]:
    """Sheets the bounds refuse: each would take minutes or gigabytes if read."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "实际"])
    base = folder / "base.xlsx"
    book.save(base)
    with zipfile.ZipFile(base) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    out = {}

    def variant(name: str, replace: dict[str, bytes]) -> None:
        path = folder / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for part, data in {**parts, **replace}.items():
                dst.writestr(part, data)
        out[name] = path

    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet_xml = parts["xl/worksheets/sheet1.xml"]
    rows = b"".join(row % (n, n) for n in range(2, 3_000_000))
    variant(
        "rows.xlsx (190 MB of rows)",
        {"xl/worksheets/sheet1.xml": sheet_xml.replace(b"</sheetData>", rows + b"</sheetData>")},
    )
    wide = b'<row r="2">' + b'<c r="A2"><v>1</v></c>' * 2_000_000 + b"</row></sheetData>"
    variant(
        "wide.xlsx (one row of 2,000,000 cells)",
        {"xl/worksheets/sheet1.xml": sheet_xml.replace(b"</sheetData>", wide)},
    )
    strings = b"".join(b"<si><t>s%d</t></si>" % i for i in range(2_400_000))
    variant(
        "strings.xlsx (56 MB of shared strings)",
        {"xl/sharedStrings.xml": b"<sst>" + strings + b"</sst>"},
    )
    lines = folder / "lines.csv"
    with lines.open("w", encoding="utf-8") as fh:
        fh.write("指标,实际\n")
        fh.writelines(f"A{i},1个\n" for i in range(2_000_000))
    out["lines.csv (2,000,000 rows)"] = lines
    return out


def stages(inputs: dict[str, Path], runs: int) -> list[tuple[str, float]]:
    """In one process, each stage of an update of every indicator (median of `runs`)."""
    import govplan.cli  # noqa: F401  (the collector's settings of the command line)
    from govplan.load import decode, load_text, read_bytes
    from govplan.model import build_plan
    from govplan.update import _errors_of_changed, plan_update
    from govplan.yamledit import apply, changed

    timings: dict[str, list[float]] = {}

    def timed(name: str, start: float) -> float:
        now = time.perf_counter()
        timings.setdefault(name, []).append(now - start)
        return now

    name = str(inputs["plan"])
    for _ in range(runs):
        t = time.perf_counter()
        text = decode(read_bytes(name), name)
        loaded = load_text(text, name)
        t = timed("read and load the plan", t)
        plan, _ = build_plan(loaded)
        t = timed("build the plan (it must be valid first)", t)
        result = plan_update(text, loaded, plan, inputs["csv"])
        t = timed("plan_update, all of it (CSV sheet)", t)
        from govplan.sheets import read_sheet

        read_sheet(inputs["xlsx"], max_rows=200_000)
        t = timed("  read the xlsx sheet instead (not in the CSV total)", t)
        read_sheet(inputs["csv"], max_rows=200_000)
        t = timed("  read the CSV sheet", t)
        changes = {("indicators", c.index): c.values for c in result.changes}
        new_text = apply(text, changes)
        t = timed("  locate the values and splice the text", t)
        new = load_text(new_text, name)
        assert new.data == changed(loaded.data, changes)
        t = timed("  read the new text back and compare", t)
        _errors_of_changed(new, [c.index for c in result.changes])
        timed("  build the changed indicators", t)
    return [(k, sorted(v)[len(v) // 2]) for k, v in timings.items()]


def tables(indicators: int, runs: int) -> list[str]:
    govplan = str(BIN / "govplan")
    lines = [
        f"## `update` on {indicators:,} indicators",
        "",
        f"`bench/update.py`: a generated plan of {indicators:,} indicators written as people write",
        "them (block style, a comment on each target), every actual given by the sheet. The",
        "yardstick is `check -f json` on the same plan, in the same run.",
        "",
        "| command | median | vs check -f json | peak memory |",
        "|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_inputs(Path(tmp), indicators)
        plan = str(inputs["plan"])
        results = measure(
            {
                "govplan check -f json": [govplan, "check", plan, "-f", "json"],
                "govplan update --actuals (CSV)": [
                    govplan,
                    "update",
                    plan,
                    "--actuals",
                    str(inputs["csv"]),
                ],
                "govplan update --actuals (xlsx)": [
                    govplan,
                    "update",
                    plan,
                    "--actuals",
                    str(inputs["xlsx"]),
                ],
            },
            runs,
        )
        floor = results["govplan check -f json"][0]
        for name, (seconds, kib) in results.items():
            lines.append(
                f"| {name} | {seconds:.2f} s | {seconds / floor:.2f}x | {kib / 1024:.0f} MiB |"
            )
        lines += [
            "",
            "Where the time goes, in one process (median of the runs):",
            "",
            "| stage | seconds |",
            "|---|---|",
        ]
        lines += [f"| {name} | {seconds:.2f} |" for name, seconds in stages(inputs, runs)]
        lines += [
            "",
            "Hostile sheets, each refused with one `sheet-too-large` error, against a plan of one",
            "indicator:",
            "",
            "| sheet | median | peak memory |",
            "|---|---|---|",
        ]
        small = Path(tmp) / "small.yaml"
        small.write_text(
            "district: x\nyear: 2023\nindicators:\n  - {id: a, name: A, target: 5个}\n", "utf-8"
        )
        bad = hostile(Path(tmp))
        refused = measure(
            {k: [govplan, "update", str(small), "--actuals", str(p)] for k, p in bad.items()}, 3
        )
        for name, (seconds, kib) in refused.items():
            lines.append(f"| {name} | {seconds:.2f} s | {kib / 1024:.0f} MiB |")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.stdout.write("\n".join(tables(args.indicators, args.runs)) + "\n")


if __name__ == "__main__":
    main()
