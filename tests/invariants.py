"""What must hold of every result, whatever the plan: status, gap, direction, completion
and the numbers themselves agree. Used by the property tests."""

from __future__ import annotations

from decimal import Decimal, localcontext

from govplan.precision import context
from govplan.results import HUNDRED, Report, Result
from govplan.terms import Direction, Form, Kind, Status


def check_result(result: Result) -> None:
    ind = result.indicator
    target = ind.target
    for name in ("gap", "completion", "actual", "stretch_gap", "shortfall"):
        number = getattr(result, name)
        assert number is None or number.is_finite(), (name, number)
    if result.gap is None or not result.status.settled:
        return
    shortfall = result.shortfall
    assert shortfall is not None
    # One notion of "short": a settled result falls short exactly when its shortfall
    # exceeds what still counts as met.
    if result.status is Status.DONE:
        assert shortfall <= 0
    else:
        assert result.status.falls_short == (shortfall > result.allowance), result
    if target.form is Form.MAX:
        assert result.better is Direction.DOWN
    if target.form is Form.MIN:
        assert result.better is Direction.UP
    if result.expected is not None and target.form is not Form.PROGRESS:
        # a year-to-date quantity judged against the schedule share: gap in pp
        assert result.completion is not None and result.gap_unit == "pp"
        assert result.gap == result.completion - result.expected
        assert result.status in (Status.MET, Status.AHEAD, Status.ON_TRACK, Status.BEHIND)
    elif target.form in (Form.MIN, Form.MAX, Form.ABOUT) and result.actual is not None:
        assert target.value is not None
        assert result.gap == result.actual - target.value.number
    if result.completion is not None:
        assert ind.kind in (Kind.QUANTITY, Kind.PROGRESS)
        assert result.completion_base is not None and result.completion_base > 0
        if ind.kind is Kind.QUANTITY:
            assert result.actual is not None
            with localcontext(context()):
                expected = HUNDRED * result.actual / result.completion_base
            assert result.completion == expected
    if result.better is not Direction.UP and target.form is not Form.PROGRESS:
        assert result.completion is None  # less-is-better has no ratio to the target
    assert result.allowance >= Decimal(0)


def check_report(report: Report) -> None:
    assert len(report.results) == len(report.plan.indicators)
    with localcontext(context()):  # govplan's own precision, for the sums checked above
        for result in report.results:
            check_result(result)
