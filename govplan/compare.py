"""Comparing plans side by side: one row per indicator (by id), one cell per plan, values in
one unit per row; the change between years of one district, or the best of several."""

from __future__ import annotations

import decimal
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govplan.catalogue import by_id
from govplan.model import Indicator, Plan
from govplan.periods import order
from govplan.precision import context, product
from govplan.results import Report, Result
from govplan.terms import CompareMode, Direction, Kind
from govplan.units import UnitError, factor


@dataclass(frozen=True)
class Cell:
    """One indicator in one plan, with its numbers in the row's unit (None when the target
    has no number or its unit cannot be converted to the row's)."""

    result: Result
    target_value: Decimal | None
    actual_value: Decimal | None
    best: bool = False


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    unit: str | None
    cells: tuple[Cell | None, ...]  # one per plan, None where the plan lacks the indicator
    target_change: Decimal | None = None  # last − first target, in the row's unit (pp for %)
    actual_change: Decimal | None = None
    note: str | None = None  # "units-differ" when a plan's unit cannot convert to the row's

    @property
    def present(self) -> int:
        return sum(1 for c in self.cells if c is not None)


@dataclass(frozen=True)
class Comparison:
    reports: tuple[Report, ...]
    mode: CompareMode
    rows: tuple[Row, ...]
    skipped: tuple[Report, ...] = ()  # plans of progress tasks only: nothing to line up


def _convert(number: Decimal | None, unit: str | None, row_unit: str | None) -> Decimal | None:
    """`number` in `unit` expressed in the row's unit; None when it cannot be."""
    if number is None or unit == row_unit:
        return number
    if unit is None or row_unit is None:
        return None
    try:
        return product(number, factor(unit, row_unit))
    except UnitError:
        return None


def _basis(result: Result, plan: Plan) -> tuple[str, int, str]:
    """What a cell's actual measures: a five-year result's measure at the year its figures
    reach, else the plan's year and period. Actuals are ranked only on one basis."""
    ev = result.evaluation
    if ev is not None:
        return (ev.measure.value, ev.year, "span")
    return ("year", plan.year, plan.period)


def _row(
    ident: str, by_plan: Sequence[dict[str, Result]], mode: CompareMode, plans: Sequence[Plan]
) -> Row:
    results: list[Result | None] = [results.get(ident) for results in by_plan]
    first = next(r for r in results if r is not None)
    entry = by_id(ident)
    name = entry.zh if entry else first.indicator.name
    row_unit = next(
        (r.indicator.target.unit for r in results if r is not None and r.indicator.target.unit),
        None,
    )
    cells: list[Cell | None] = []
    unconverted = False
    for result in results:
        if result is None:
            cells.append(None)
            continue
        ind = result.indicator
        target = ind.target
        # The headline figure: for two tiers the stretch (5.5 in "5.5%左右(确保5%以上)").
        headline = target.stretch or target.value
        target_value = _convert(
            headline.number if headline else None, headline.unit if headline else None, row_unit
        )
        # result.actual is in the target's unit; a relative target has none, so its own
        actual_unit = target.unit or (ind.actual.unit if ind.actual else None)
        actual_value = _convert(result.actual, actual_unit, row_unit)
        if target.value is not None and target_value is None:
            unconverted = True
        cells.append(Cell(result, target_value, actual_value))
    present = [c for c in cells if c is not None]
    target_change = actual_change = None
    if mode is CompareMode.YEARS and len(present) >= 2:
        a, b = present[0], present[-1]
        if a.target_value is not None and b.target_value is not None:
            target_change = b.target_value - a.target_value
        if a.actual_value is not None and b.actual_value is not None:
            actual_change = b.actual_value - a.actual_value
    bases = {
        _basis(c.result, plan)
        for c, plan in zip(cells, plans, strict=True)
        if c is not None and c.actual_value is not None
    }
    if mode is CompareMode.DISTRICTS and len(bases) == 1:
        # a 年均 rate against one year's growth, or 2022 against 2023, has no best
        cells = _mark_best(cells, _direction(first.indicator))
    note = "units-differ" if unconverted else None  # a label key; renderers word it
    return Row(ident, name, row_unit, tuple(cells), target_change, actual_change, note)


def _direction(indicator: Indicator) -> Direction:
    """Which way is better for this row: the target's words (全省前3 is lower-is-better),
    else the indicator's direction."""
    if indicator.target.value is not None:
        return indicator.target.direction
    return indicator.direction


def _mark_best(cells: list[Cell | None], direction: Direction) -> list[Cell | None]:
    measured = [c for c in cells if c is not None and c.actual_value is not None]
    if len(measured) < 2 or direction is Direction.BAND:
        return cells  # close-to-target indicators have no best actual, only a nearest
    values = [c.actual_value for c in measured if c.actual_value is not None]
    best = max(values) if direction is Direction.UP else min(values)
    return [
        Cell(c.result, c.target_value, c.actual_value, best=True)
        if c is not None and c.actual_value == best
        else c
        for c in cells
    ]


def _when(plan: Plan) -> tuple[int, tuple[int, str]]:
    """Plans in calendar order: by year, then by how much of the year the period covers
    (Q1, M04, H1, Q3, year), not by the period's name (where H1 sorts before Q1)."""
    return (plan.year, order(plan.period))


def compare(
    reports: Sequence[Report],
    *,
    only_common: bool = False,
    ids: Collection[str] = (),
) -> Comparison:
    """Line plans up by indicator id. Progress tasks are left out (they belong to one
    report), and so are plans that hold nothing else.
    Plans of one district are ordered by year and show changes; otherwise they are lined up
    in the order given and the best actual is marked."""

    def tasks_only(report: Report) -> bool:
        return all(x.indicator.kind is Kind.PROGRESS for x in report.results)

    skipped = tuple(r for r in reports if tasks_only(r))
    reports = [r for r in reports if not tasks_only(r)]
    districts = {r.plan.district for r in reports}
    one_district = len(districts) == 1 and len(reports) > 1
    mode = CompareMode.YEARS if one_district else CompareMode.DISTRICTS
    ordered = tuple(
        sorted(reports, key=lambda r: _when(r.plan)) if mode is CompareMode.YEARS else reports
    )
    # Each plan's results by id, built once, so that lining up n indicators is linear.
    by_plan = [
        {r.indicator.id: r for r in report.results if r.indicator.kind is not Kind.PROGRESS}
        for report in ordered
    ]
    seen = list(dict.fromkeys(ident for results in by_plan for ident in results))
    if ids:
        wanted = set(ids)
        seen = [i for i in seen if i in wanted]
    with decimal.localcontext(context()):
        plans = [report.plan for report in ordered]
        rows = [_row(ident, by_plan, mode, plans) for ident in seen]
    if only_common:
        rows = [r for r in rows if r.present == len(ordered)]
    return Comparison(ordered, mode, tuple(rows), skipped)
