"""`govplan update`: figures read from a spreadsheet, matched to a plan's indicators and written
in as the plan would be written by hand; every problem is a located finding, and a plan with
any error is not written at all."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govplan.catalogue import match_name
from govplan.errors import Finding, Location, Severity
from govplan.load import Loaded, Marks, decode, load_text, read_bytes, reading
from govplan.messages import refusal, said
from govplan.model import NOT_REPORTED, Indicator, Plan, build_plan
from govplan.periods import MONTHS
from govplan.said import Said
from govplan.sheets import (
    FIGURES,
    Cell,
    Column,
    Sheet,
    data_rows,
    find_header,
    read_sheet,
    split_bracketed,
)
from govplan.terms import Kind
from govplan.values import NUMBER, ValueSyntaxError, normalize, parse_value
from govplan.yamledit import EditRefused, apply, changed

ROW_MARGIN = 100  # rows a sheet may have beyond ten per indicator (titles, notes, groups)
_BARE = re.compile(NUMBER)


@dataclass(frozen=True)
class Change:
    row: int  # the sheet's row
    indicator: str  # its id
    index: int  # its place in the plan's list
    values: dict[str, Any]  # actual / progress, and reported: {completion, gap}
    column: int = 0  # the cell of its first figure, where a finding of it is placed
    figures_changed: int = 0  # figures that differ from what the plan holds


@dataclass
class Update:
    """The plan text as it would be written, the changes, and every finding."""

    text: str
    changes: list[Change] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sheet: Sheet | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@dataclass(frozen=True)
class Editable:
    """A plan file as update edits it: its bytes and text, its data with their marks, and
    the plan."""

    raw: bytes
    text: str
    loaded: Loaded
    plan: Plan


def editable(path: str) -> tuple[Editable | None, list[Finding]]:
    """The plan file read for editing (strictly UTF-8, since it is written back), or none
    and the errors why it cannot be edited."""
    raw, stopped = reading(lambda: read_bytes(path))
    if raw is None:
        return None, stopped
    text, stopped = reading(lambda: decode(raw, path))
    if text is None:
        return None, stopped
    loaded, stopped = reading(lambda: load_text(text, path))
    if loaded is None:
        return None, stopped
    plan, found = build_plan(loaded)
    if plan is None:
        return None, [f for f in found if f.severity is Severity.ERROR]
    return Editable(raw, text, loaded, plan), []


def max_rows(plan: Plan) -> int:
    return 10 * len(plan.indicators) + ROW_MARGIN


def plan_update(
    text: str,
    loaded: Loaded,
    plan: Plan,
    sheet_path: Path,
    *,
    sheet_name: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Update:
    """The plan (`text`, already loaded and built without errors) with the sheet's figures
    written in; nothing is changed where any finding is an error."""
    from govplan.sheets import SheetRefused

    try:
        sheet, warnings = read_sheet(sheet_path, sheet=sheet_name, max_rows=max_rows(plan))
    except SheetRefused as exc:
        return Update(text, findings=[exc.finding])
    findings = warnings + find_header(sheet, dict(columns or {}))
    if any(f.severity is Severity.ERROR for f in findings):
        return Update(text, findings=findings, sheet=sheet)
    findings += _period_of_columns(sheet, plan)
    matcher = _Matcher(loaded.data["indicators"], plan)
    rows_of: dict[int, list[int]] = defaultdict(list)
    changes: list[Change] = []
    for number, cells, group in data_rows(sheet):
        figures = {k: c for k in FIGURES if (c := sheet.cell(cells, k)) is not None}
        if not any(c.text or c.problem for c in figures.values()):
            continue  # a title, group or blank row: nothing to write
        index, problem = matcher.match(sheet, number, cells, group)
        if problem is not None:
            findings.append(problem)
            continue
        assert index is not None
        rows_of[index].append(number)
        indicator = plan.indicators[index]
        values, problems = _figures(sheet, number, cells, figures, indicator)
        findings += problems
        if values:
            first = next(c.column for c in figures.values() if c.text)
            differ = _differing(loaded.data["indicators"][index], values)
            changes.append(Change(number, indicator.id, index, values, first, differ))
    for index, rows in rows_of.items():
        if len(rows) > 1:
            ind = plan.indicators[index]
            listed = ", ".join(str(r) for r in rows)
            findings.append(
                said(sheet.at(rows[1]), "duplicate-row", rows=listed, name=ind.name, id=ind.id)
            )
    result = Update(text, changes, findings, sheet)
    if result.errors or not changes:
        return result
    return _written(result, loaded, plan)


def _differing(item: dict[str, Any], values: dict[str, Any]) -> int:
    """How many of the figures differ from the plan's (a published figure counts alone)."""
    reported = item.get("reported")
    held: dict[str, Any] = reported if isinstance(reported, dict) else {}
    count = len([k for k, v in values.items() if k != "reported" and item.get(k) != v])
    return count + len([k for k, v in values.get("reported", {}).items() if held.get(k) != v])


def _period_of_columns(sheet: Sheet, plan: Plan) -> list[Finding]:
    """A year-to-date header (1-6月) must cover the plan's own months."""
    out = []
    for column in sheet.columns.values():
        if column.months is None:
            continue
        want = MONTHS[plan.period]
        where = sheet.at(sheet.header_row, column.index)
        if column.months < 0:
            out.append(said(where, "bad-sheet", "part-of-year", header=column.header, want=want))
        elif column.months != want:
            out.append(
                said(
                    where,
                    "bad-sheet",
                    "other-period",
                    header=column.header,
                    months=column.months,
                    period=plan.period,
                    want=want,
                )
            )
    return out


class _Matcher:
    """Rows to indicators: by id, by the exact name (normalised), by the name without a
    bracketed unit, then by the catalogue's names; a name of several indicators is told
    apart by the row's group, or refused."""

    def __init__(self, items: list[Any], plan: Plan) -> None:
        self.plan = plan
        self.by_id = {ind.id: i for i, ind in enumerate(plan.indicators)}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for i, ind in enumerate(plan.indicators):
            self.by_name[normalize(ind.name)].append(i)

    def match(
        self, sheet: Sheet, number: int, cells: list[Cell], group: str | None
    ) -> tuple[int | None, Finding | None]:
        id_cell, name_cell = sheet.cell(cells, "id"), sheet.cell(cells, "name")
        ident = id_cell.text.strip() if id_cell is not None else ""
        name = name_cell.text.strip() if name_cell is not None else ""
        if ident:
            if ident in self.by_id:
                return self.by_id[ident], None
            where = sheet.at(number, id_cell.column if id_cell else 0)
            near = self._near(ident, ids=True)
            if near is not None:
                return None, said(where, "unmatched-row", "id-near", id=ident, near=near)
            return None, said(where, "unmatched-row", "id", id=ident)
        if not name:
            return None, said(sheet.at(number), "unmatched-row", "no-name")
        column = name_cell.column if name_cell else 0
        key = normalize(name)
        found = self.by_name.get(key, [])
        if not found:
            bracketed = split_bracketed(key)  # 实际利用外资(亿美元)
            if bracketed is not None:
                found = self.by_name.get(bracketed[0], [])
        if not found:
            entry = match_name(name)
            if entry is not None and entry.id in self.by_id:
                found = [self.by_id[entry.id]]
        if len(found) > 1 and group:
            in_group = [
                i
                for i in found
                if normalize(self.plan.indicators[i].group or "") == normalize(group)
            ]
            found = in_group or found
        if len(found) == 1:
            return found[0], None
        if found:
            listed = ", ".join(
                f"{self.plan.indicators[i].id} ({self.plan.indicators[i].group or 'no group'})"
                for i in found
            )
            where = sheet.at(number, column)
            count = len(found)
            return None, said(where, "ambiguous-name", name=name, count=count, listed=listed)
        where = sheet.at(number, column)
        near = self._near(name)
        if near is not None:
            return None, said(where, "unmatched-row", "name-near", name=name, near=near)
        return None, said(where, "unmatched-row", "name", name=name)

    def _near(self, text: str, *, ids: bool = False) -> str | None:
        import difflib

        pool = list(self.by_id) if ids else [ind.name for ind in self.plan.indicators]
        close = difflib.get_close_matches(text, pool, n=1, cutoff=0.6)
        return close[0] if close else None


def _figures(
    sheet: Sheet, number: int, cells: list[Cell], figures: dict[str, Cell], ind: Indicator
) -> tuple[dict[str, Any], list[Finding]]:
    """A row's figures as plan values, or the findings of the cells that are not."""
    values: dict[str, Any] = {}
    reported: dict[str, str] = {}
    problems: list[Finding] = []
    unit_cell = sheet.cell(cells, "unit")
    row_unit = normalize(unit_cell.text) if unit_cell is not None and unit_cell.text else None
    if row_unit is None:
        row_unit = _unit_in_name(sheet.cell(cells, "name"))
    for key, cell in figures.items():
        column = sheet.columns[key]
        if cell.problem is not None:
            where = sheet.at(number, cell.column)
            problems.append(refusal(where, "bad-cell", cell.problem, f"{column.header}: "))
            continue
        if not cell.text:
            continue
        try:
            text = _value(key, cell, column, row_unit, ind)
        except ValueSyntaxError as exc:
            head = f"{column.header} {cell.text!r}"
            problems.append(
                Finding(
                    sheet.at(number, cell.column),
                    "bad-cell",
                    f"{head} for {ind.name} ({ind.id}): {exc.said.text('en')}",
                    message_zh=f"{head} ({ind.name}, {ind.id}): {exc.said.text('zh')}",
                )
            )
            continue
        if text is None:
            continue
        if key in ("completion", "gap"):
            reported[key] = text
        else:
            values[key] = text
    if reported:
        values["reported"] = reported
    return values, problems


def _unit_in_name(cell: Cell | None) -> str | None:
    """The unit a name carries in brackets, as tables print it: 实际利用外资(亿美元)."""
    bracketed = split_bracketed(normalize(cell.text)) if cell is not None else None
    if bracketed is None:
        return None
    try:
        unit = parse_value(f"1{bracketed[1]}").unit
    except ValueSyntaxError:
        return None
    return bracketed[1] if unit else None


def _value(
    key: str, cell: Cell, column: Column, row_unit: str | None, ind: Indicator
) -> str | None:
    """One cell as the value a person would write in the plan; ValueSyntaxError when it is
    not one. None: nothing to write (a published figure left blank as / or —)."""
    text = cell.text
    if normalize(text) in NOT_REPORTED:
        return "/" if key in ("actual", "progress") else None
    bare = _BARE.fullmatch(normalize(text)) is not None
    if cell.percent:
        if key == "gap":
            if ind.kind is not Kind.RATE:
                kind = ind.kind
                raise ValueSyntaxError(
                    Said.of(
                        "cell.percent-gap",
                        kind=kind,
                        kind_zh=Said.of(f"kind.{kind}"),
                        target=ind.target.text,
                    )
                )
            return text  # a rate's gap is in percentage points: the number shown
        if key == "actual" and ind.kind is not Kind.RATE:
            raise ValueSyntaxError(
                Said.of("cell.percent-actual", text=text, target=ind.target.text)
            )
        if (
            key == "actual"
            and ind.target.value is not None
            and ind.target.value.unit not in (None, "%")
        ):
            shown = ind.target.value.unit
            raise ValueSyntaxError(Said.of("cell.percent-unit", text=text, unit=shown))
        text = f"{text}%" if bare else text
    elif bare:
        unit = (row_unit or column.unit) if key == "actual" else column.unit
        if unit and key in ("actual", "completion", "progress"):
            text += unit
    parse_value(text)
    return text


def _written(result: Update, loaded: Loaded, plan: Plan) -> Update:
    """The text with the changes written, checked: it must read back as the old plan with
    exactly these values changed, and build without errors."""
    changes: dict[tuple[str | int, ...], dict[str, Any]] = {
        ("indicators", c.index): c.values for c in result.changes
    }
    file = plan.file
    try:
        text = apply(result.text, changes)
    except EditRefused as exc:
        result.findings.append(refusal(Location(file, exc.line), "cannot-edit", exc.said))
        return result
    new, stopped = reading(lambda: load_text(text, file))
    if new is None:  # apply writes only scalars that read back as themselves
        result.findings += stopped
        return result
    if new.data != changed(loaded.data, changes):
        result.findings.append(said(Location(file), "cannot-edit", "read-back"))
        return result
    errors = _errors_of_changed(new, [c.index for c in result.changes])
    if errors:
        result.findings += _at_rows(result, errors, new)
        return result
    result.text = text
    return result


def _errors_of_changed(new: Loaded, indexes: list[int]) -> list[Finding]:
    """The errors of the written plan. It reads back as the old plan (valid) with only these
    indicators' figures changed, so only they can have new errors: they are built alone,
    with their own marks, as a plan of their own."""
    keep = {index: n for n, index in enumerate(indexes)}
    marks = Marks(new.marks.file)
    for source, target in ((new.marks.values, marks.values), (new.marks.keys, marks.keys)):
        for path, at in source.items():
            if len(path) < 2 or path[0] != "indicators":
                target[path] = at
            elif path[1] in keep:
                target[("indicators", keep[int(path[1])], *path[2:])] = at
    items = new.data["indicators"]
    data = {**new.data, "indicators": [items[i] for i in indexes]}
    _, found = build_plan(Loaded(data, marks))
    return [f for f in found if f.severity is Severity.ERROR]


def _at_rows(result: Update, findings: list[Finding], new: Loaded) -> list[Finding]:
    """Findings of the written plan, each placed at the sheet cell whose figure caused it."""
    sheet = result.sheet
    if sheet is None:
        return findings
    count = len(new.data["indicators"])
    lines = [new.marks.values.get(("indicators", i), (0, 0))[0] for i in range(count)]
    cells = {c.index: (c.row, c.column) for c in result.changes}
    out = []
    for finding in findings:
        at = bisect.bisect_right(lines, finding.location.line) - 1
        if at not in cells:
            out.append(finding)
            continue
        where = f"in the plan as it would be written, at {finding.location}"
        where_zh = f"写入后的计划中, 位于 {finding.location}"
        out.append(
            Finding(
                sheet.at(*cells[at]),
                finding.code,
                f"{finding.message} ({where})",
                message_zh=f"{finding.text('zh')} ({where_zh})",
                override=finding.override,
            )
        )
    return out
