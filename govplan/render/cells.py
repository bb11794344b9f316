"""Display cells for one result, shared by the terminal table and Markdown."""

from __future__ import annotations

from dataclasses import dataclass

from govplan.compute import Report, Result, Status
from govplan.render.labels import label
from govplan.render.numbers import gap_text, percent_text
from govplan.rollup import rollup

SUMMARY_ORDER = (
    Status.MET, Status.MISSED, Status.DONE, Status.AHEAD, Status.ON_TRACK, Status.BEHIND,
    Status.PENDING, Status.UNKNOWN,
)  # fmt: skip


@dataclass(frozen=True)
class Options:
    """What the person asked for: language and whether to show notes."""

    lang: str = "zh"
    notes: bool = False
    by: str | None = None  # roll up by "group" or "lead" instead of listing results


def audit_mark(result: Result) -> str:
    if not result.audit:
        return ""
    if all(a.verdict == "consistent" for a in result.audit):
        return "✓"
    return "✗ " + ", ".join(a.field for a in result.audit if a.verdict == "inconsistent")


def status_text(result: Result, lang: str) -> str:
    text = label(result.status.value, lang)
    if result.stretch_met:
        text += f" ({label('stretch_met', lang)})"
    return text


def _with_unit(text: str, unit: str | None) -> str:
    """A bare number written in a plan takes the indicator's unit for display."""
    return f"{text} {unit}" if unit and text[-1:].isdigit() else text


def row_cells(result: Result, number: int, options: Options) -> dict[str, str]:
    ind = result.indicator
    measured = ind.progress if ind.kind == "progress" else ind.actual
    actual = measured.text if measured is not None else (ind.actual_text or "")
    target = ind.target.text if ind.kind != "progress" else f"{percent_text(result.expected)}"
    actual = _with_unit(actual, ind.unit)
    target = _with_unit(target, ind.unit) if ind.kind != "progress" else target
    return {
        "no": str(number),
        "id": ind.id,
        "indicator": ind.name,
        "target": target,
        "actual": actual,
        "gap": gap_text(result.gap, result.gap_unit),
        "completion": percent_text(result.completion) if ind.kind != "progress" else "",
        "status": status_text(result, options.lang),
        "audit": audit_mark(result),
        "note": ind.note or result.reason or "",
    }


def summary_line(report: Report, lang: str) -> str:
    counts = report.counts()
    # Indicator plans always show 达标 / 未达标 / 待报, even at zero; others only when present.
    always = (Status.MET, Status.MISSED, Status.PENDING) if _has_indicators(report) else ()
    parts = [
        f"{label(s.value, lang)} {counts[s.value]}"
        for s in SUMMARY_ORDER
        if counts[s.value] or s in always
    ]
    line = " / ".join(parts)
    audited = [a for r in report.results for a in r.audit]
    if audited:
        bad = sum(1 for a in audited if a.verdict == "inconsistent")
        line += "; " + label("audit_summary", lang).format(
            total=len(audited), ok=len(audited) - bad, bad=bad
        )
    return line


def _has_indicators(report: Report) -> bool:
    return any(r.indicator.kind != "progress" for r in report.results)


def rollup_rows(report: Report, by: str, lang: str) -> list[dict[str, str]]:
    """One row of display cells per roll-up, headed in the chosen language."""
    rows = []
    rollups = rollup(report, by)
    # One column per status that occurs in the plan, in the summary's order.
    present = [s for s in SUMMARY_ORDER if any(r.counts[s.value] for r in rollups)]
    for roll in rollups:
        worst = roll.worst
        rows.append(
            {
                label(by, lang): roll.key,
                label("total", lang): str(roll.total),
                **{label(s.value, lang): str(roll.counts[s.value]) for s in present},
                label("mean_progress", lang): percent_text(roll.mean_progress),
                label("worst", lang): ""
                if worst is None
                else f"{shorten(worst.indicator.name, 24)} ({gap_text(worst.gap, worst.gap_unit)})",
            }
        )
    return rows


def shorten(text: str, width: int) -> str:
    """Long task content cut for the table (JSON and CSV keep it whole)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def numbering(report: Report) -> dict[str, int]:
    """Each indicator's number in its plan (序号), which filtering and sorting keep."""
    return {ind.id: i for i, ind in enumerate(report.plan.indicators, 1)}
