"""The machine form of a report (the plan format's "Machine output"), shared by JSON and CSV."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from govplan.errors import Finding, shown_path
from govplan.render.numbers import json_number
from govplan.render.numbers import json_or_none as _num
from govplan.results import AuditEntry, Evaluation, Pace, Report, Result
from govplan.terms import RollupKey, Status, Verdict
from govplan.values import in_unit

if TYPE_CHECKING:  # for annotations only: the comparison and the trend load with their commands
    from govplan.compare import Cell, Comparison
    from govplan.trend import Trend


def _range(pair: tuple[Decimal, Decimal] | None) -> list[int | float] | None:
    return None if pair is None else [json_number(pair[0]), json_number(pair[1])]


def audit_dict(entry: AuditEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "field": entry.field,
        "reported": entry.reported if isinstance(entry.reported, str) else _num(entry.reported),
        "computed": entry.computed
        if isinstance(entry.computed, str) or entry.computed is None
        else _num(entry.computed),
        "verdict": entry.verdict.value,
    }
    if entry.reported_range is not None:
        out["reported_range"] = _range(entry.reported_range)
    if entry.computed_range is not None:
        out["computed_range"] = _range(entry.computed_range)
    if entry.reason:
        out["reason"] = entry.reason.text("en")
    return out


def pace_dict(pace: Pace) -> dict[str, Any]:
    per = "growth" if pace.rate else "per_month"
    return {
        "months": pace.months,
        f"needed_{per}": _num(pace.needed),
        f"so_far_{per}": _num(pace.so_far),
        "projection": _num(pace.projection),
        "unit": pace.unit,
        "reachable": pace.reachable,
    }


def evaluation_dict(evaluation: Evaluation) -> dict[str, Any]:
    """A five-year target's judgement: the year judged, the shares and the rates."""
    return {
        "measure": evaluation.measure.value,
        "year": evaluation.year,
        "base_year": evaluation.base_year,
        "last_year": evaluation.last,
        "covered": _num(evaluation.covered),
        "expected": _num(evaluation.expected),
        "so_far": _num(evaluation.so_far),
        "unit": evaluation.unit,
        "goal": _num(evaluation.goal),
        "base": _num(evaluation.base),
        "average": _num(evaluation.average),
        "needed": _num(evaluation.needed),
        "projection": _num(evaluation.projection),
        "reference_average": _num(evaluation.reference_average),
        "years": [
            {"year": year, "value": _num(own), "reference": _num(ref)}
            for year, own, ref in evaluation.years
        ],
    }


def result_dict(result: Result) -> dict[str, Any]:
    ind = result.indicator
    target = ind.target
    measured = ind.measured
    out: dict[str, Any] = {
        "id": ind.id,
        "name": ind.name,
        "group": ind.group,
        "lead": ind.lead,
        "kind": ind.kind.value,
        "line": ind.location.line,
        "target": {
            "text": target.text,
            "form": target.form.value,
            "direction": target.direction.value,
            "value": _num(target.value.number) if target.value else None,
            "stretch": _num(in_unit(target.stretch, target.unit)) if target.stretch else None,
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
    if result.pace is not None:
        out["pace"] = pace_dict(result.pace)
    if result.evaluation is not None:
        out["attribute"] = ind.attribute.value if ind.attribute else None
        out["expected"] = _num(result.evaluation.expected)
        out["evaluation"] = evaluation_dict(result.evaluation)
        out["series"] = [
            {"year": f.year, "value": _num(f.value.number), "text": f.value.text,
             "written": f.written.value}
            for f in ind.years
        ]  # fmt: skip
    if ind.series:
        out["series"] = [
            {"period": period, "value": _num(value.number), "text": value.text}
            for period, value in ind.series
        ]
    if result.reference is not None:
        out["reference"] = result.reference
        out["reference_actual"] = _num(result.reference_actual)
    if result.reason:
        out["reason"] = result.reason.text("en")
    out["note"] = ind.note
    if ind.reported is not None:
        out["audit"] = [audit_dict(a) for a in result.audit]
    return out


def rollup_dicts(report: Report, by: RollupKey) -> list[dict[str, Any]]:
    from govplan.rollup import rollup

    out = []
    for roll in rollup(report, by):
        worst = roll.worst
        out.append(
            {
                "key": roll.key,
                "total": roll.total,
                "counts": {k.value: v for k, v in roll.counts.items() if v},
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


def report_dict(report: Report, by: RollupKey | None = None) -> dict[str, Any]:
    plan = report.plan
    # every status key, zeros included, so that scripts never meet a missing key
    summary: dict[str, Any] = {"total": len(report.results)}
    summary.update(
        {
            k.value: v
            for k, v in report.counts().items()
            # achieved is a five-year status: a year's plan never has it, and says nothing of it
            if k is not Status.ACHIEVED or v or report.plan.span is not None
        }
    )
    audited = [a for r in report.results for a in r.audit]
    if report.plan.span is not None:
        by_attribute: dict[str, dict[str, int]] = {}
        for result in report.results:
            attribute = result.indicator.attribute
            counts = by_attribute.setdefault(attribute.value if attribute else "none", {})
            counts[result.status.value] = counts.get(result.status.value, 0) + 1
        summary["by_attribute"] = by_attribute
        summary["binding_short"] = [r.indicator.id for r in report.binding_short()]
    verdicts = {verdict: sum(1 for a in audited if a.verdict is verdict) for verdict in Verdict}
    # unverifiable figures are counted where there are any (plans without keep their JSON)
    summary["audit"] = {
        verdict.value: n
        for verdict, n in verdicts.items()
        if n or verdict is not Verdict.UNVERIFIABLE
    }
    body: dict[str, Any] = (
        {"by": by.value, "rollups": rollup_dicts(report, by)}
        if by
        else {"results": [result_dict(r) for r in report.results]}
    )
    return {
        "valid": True,
        "plan": {
            "file": plan.file,
            "district": plan.district,
            "city": plan.city,
            "year": plan.year,
            "period": plan.period,
            "title": plan.title,
            "source": plan.source or None,
            **({"span": str(plan.span)} if plan.span is not None else {}),
        },
        **body,
        "summary": summary,
    }


def invalid_dict(file: str, findings: Sequence[Finding]) -> dict[str, Any]:
    """An invalid plan in the machine output: where it is and what is wrong with it."""
    return {
        "valid": False,
        "plan": {"file": shown_path(file)},
        "findings": [f.as_dict() for f in findings],
    }


def trend_dict(trend: Trend) -> dict[str, Any]:
    ind = trend.result.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": trend.unit,
        "target": _num(trend.target),
        "status": trend.result.status.value,
        "points": [
            {
                "period": p.period,
                "value": _num(p.value),
                "completion": _num(p.completion),
                "schedule": _num(p.schedule),
            }
            for p in trend.points
        ],
        "projection": _num(trend.projection),
        "projected_completion": _num(trend.projected_completion),
    }


def cell_dict(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    ind = cell.result.indicator
    data = {
        "target": ind.target.text,
        "target_value": _num(cell.target_value),
        "actual": ind.actual.text if ind.actual else None,
        "actual_value": _num(cell.actual_value),
        "status": cell.result.status.value,
        "best": cell.best,
    }
    ev = cell.result.evaluation
    if ev is not None:  # a five-year result: the year its figures reach, and what they measure
        data |= {"judged_year": ev.year, "measure": ev.measure.value}
    return data


def _name_en(ident: str) -> str | None:
    from govplan.catalogue import by_id

    entry = by_id(ident)
    return entry.en if entry is not None else None


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    from govplan.render.cells import change_text

    return {
        "mode": comparison.mode.value,
        "plans": [
            {
                "file": r.plan.file,
                "district": r.plan.district,
                "year": r.plan.year,
                "period": r.plan.period,
                **({"span": str(r.plan.span)} if r.plan.span else {}),
            }
            for r in comparison.reports
        ],
        "rows": [
            {
                "id": row.id,
                "name": row.name,
                "name_en": _name_en(row.id),
                "unit": row.unit,
                "cells": [cell_dict(c) for c in row.cells],
                "change": change_text(row),
                "target_change": _num(row.target_change),
                "actual_change": _num(row.actual_change),
                "note": row.note,
            }
            for row in comparison.rows
        ],
    }
