"""The machine form of a report (the plan format's "Machine output"), shared by JSON and CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from govplan.compute import AuditEntry, Report, Result
from govplan.render.numbers import json_number
from govplan.rollup import rollup


def _num(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)


def _range(pair: tuple[Decimal, Decimal] | None) -> list[int | float] | None:
    return None if pair is None else [json_number(pair[0]), json_number(pair[1])]


def audit_dict(entry: AuditEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "field": entry.field,
        "reported": entry.reported if isinstance(entry.reported, str) else _num(entry.reported),
        "computed": entry.computed
        if isinstance(entry.computed, str) or entry.computed is None
        else _num(entry.computed),
        "verdict": entry.verdict,
    }
    if entry.reported_range is not None:
        out["reported_range"] = _range(entry.reported_range)
    if entry.computed_range is not None:
        out["computed_range"] = _range(entry.computed_range)
    if entry.reason:
        out["reason"] = entry.reason
    return out


def result_dict(result: Result) -> dict[str, Any]:
    ind = result.indicator
    target = ind.target
    measured = ind.progress if ind.kind == "progress" else ind.actual
    out: dict[str, Any] = {
        "id": ind.id,
        "name": ind.name,
        "group": ind.group,
        "lead": ind.lead,
        "kind": ind.kind,
        "line": ind.location.line,
        "target": {
            "text": target.text,
            "form": target.form.value,
            "direction": target.direction,
            "value": _num(target.value.number) if target.value else None,
            "stretch": _num(target.stretch.number) if target.stretch else None,
            "unit": target.unit,
            "sync": target.sync,
        },
        "actual": measured.text if measured is not None else ind.actual_text,
        "actual_value": _num(result.actual),
        "actual_approximate": bool(measured and measured.approximate),
        "status": result.status.value,
        "gap": _num(result.gap),
        "gap_unit": result.gap_unit,
        "completion": _num(result.completion),
    }
    if target.stretch is not None:
        out["stretch_met"] = result.stretch_met
        out["stretch_gap"] = _num(result.stretch_gap)
    if result.tolerance is not None:
        out["tolerance"] = _num(result.tolerance)
    if result.expected is not None:
        out["expected"] = _num(result.expected)
    if result.reference is not None:
        out["reference"] = result.reference
        out["reference_actual"] = _num(result.reference_actual)
    if result.reason:
        out["reason"] = result.reason
    out["note"] = ind.note
    if ind.reported is not None:
        out["audit"] = [audit_dict(a) for a in result.audit]
    return out


def rollup_dicts(report: Report, by: str) -> list[dict[str, Any]]:
    out = []
    for roll in rollup(report, by):
        worst = roll.worst
        out.append(
            {
                "key": roll.key,
                "total": roll.total,
                "counts": {k: v for k, v in roll.counts.items() if v},
                "mean_progress": _num(roll.mean_progress),
                "worst": None
                if worst is None
                else {
                    "id": worst.indicator.id,
                    "name": worst.indicator.name,
                    "gap": _num(worst.gap),
                },
            }
        )
    return out


def report_dict(report: Report, by: str | None = None) -> dict[str, Any]:
    plan = report.plan
    summary: dict[str, Any] = {"total": len(report.results)}
    summary.update({k: v for k, v in report.counts().items() if v})
    audited = [a for r in report.results for a in r.audit]
    summary["audit"] = {
        "consistent": sum(1 for a in audited if a.verdict == "consistent"),
        "inconsistent": sum(1 for a in audited if a.verdict == "inconsistent"),
    }
    body: dict[str, Any] = (
        {"by": by, "rollups": rollup_dicts(report, by)}
        if by
        else {"results": [result_dict(r) for r in report.results]}
    )
    return {
        "plan": {
            "file": plan.file,
            "district": plan.district,
            "city": plan.city,
            "year": plan.year,
            "period": plan.period,
            "title": plan.title,
            "source": plan.source or None,
        },
        **body,
        "summary": summary,
    }
