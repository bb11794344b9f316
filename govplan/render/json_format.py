"""JSON output: the plan format's machine output for reports, comparisons and explanations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govplan.render.cells import Options
from govplan.render.data import (
    comparison_dict,
    invalid_dict,
    report_dict,
    result_dict,
    trend_dict,
)
from govplan.results import Report, Result

if TYPE_CHECKING:  # for annotations only: the comparison and the trend load with their commands
    from govplan.compare import Comparison
    from govplan.trend import Trend


def dumps(payload: Any) -> str:
    # Strict JSON: a NaN or an infinity is a bug to report (exit 3), never output.
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_report(reports: Sequence[Report], options: Options) -> str:
    """One object for one path (as the plan format says), an array for several, in the
    order given, whatever their validity: an invalid plan is `{"plan": {"file"}, "valid":
    false, "findings": [...]}` in its place."""
    data: list[dict[str, Any]] = [report_dict(r, options.by) for r in reports]
    for index, file, findings in options.invalid:
        data.insert(index, invalid_dict(file, findings))
    return dumps(data[0] if options.paths == 1 and len(data) == 1 else data)


def render_comparison(comparison: Comparison, options: Options) -> str:
    return dumps(comparison_dict(comparison))


def render_trend(trends: Sequence[tuple[Report, list[Trend]]], options: Options) -> str:
    """An array: one object per plan, with one trend per indicator."""
    return dumps(
        [
            {
                "file": report.plan.file,
                "period": report.plan.period,
                # a five-year plan's points are its years; completion is the share covered
                # and schedule the share expected by then
                **({"span": str(report.plan.span)} if report.plan.span else {}),
                "trends": [trend_dict(t) for t in found],
            }
            for report, found in trends
        ]
    )


def render_explanation(results: Sequence[Result], lang: str = "en") -> str:
    """Each plan's result for the indicator, with the explanation's steps as lines."""
    from govplan.render.explain import explain_lines

    data = [
        {"file": r.indicator.location.file, **result_dict(r), "explanation": explain_lines(r)}
        for r in results
    ]
    return dumps(data)
