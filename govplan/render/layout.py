"""The execution table as the documents lay it out (the 附件 tables): a title, a header,
group rows and data rows with typed values; the shared layout of xlsx, docx and html."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from govplan.inert import inert
from govplan.render.cells import (
    Options,
    audit_mark,
    evaluation_line,
    evaluation_text,
    indicator_name,
    numbering,
    plan_title,
    source_line,
    status_text,
    target_text,
)
from govplan.render.labels import label
from govplan.results import Report, Result
from govplan.terms import Kind, Lang, Status


@dataclass(frozen=True)
class Row:
    """One indicator or task: numbers as numbers (None where there is none)."""

    result: Result
    number: int
    name: str
    target: str  # as written, or the schedule share of a task
    actual: Decimal | None  # in the target's unit (a task: % done)
    actual_text: str  # as written, for actuals in words
    unit: str
    gap: Decimal | None
    gap_unit: str
    completion: Decimal | None  # percent
    expected: Decimal | None  # the schedule share, percent
    status: Status
    status_text: str
    audit: str
    note: str
    lead: str


@dataclass(frozen=True)
class Layout:
    title: str
    source: str  # the source line under the title ("" where the plan names none)
    tasks: bool  # a progress report: task columns
    heads: tuple[str, ...]
    keys: tuple[str, ...]
    rows: tuple[Row | str, ...]  # a str is a group row
    summary: str


INDICATOR_KEYS = ("no", "indicator", "target", "actual", "gap", "completion", "status", "audit",
                  "note")  # fmt: skip
TASK_KEYS = ("no", "task", "lead", "progress", "schedule", "gap", "status", "note")


def _row(result: Result, number: int, lang: Lang) -> Row:
    ind = result.indicator
    measured = ind.measured
    task = ind.kind is Kind.PROGRESS
    # a relative target has no unit of its own: its actual keeps its (13.6%, not 13.6)
    own = measured.unit if measured is not None else None
    unit = "%" if task else (ind.target.unit or ind.unit or own or "")
    actual_text = measured.text if measured is not None else ind.actual_text or ""
    reason = result.reason.text(lang.value) if result.reason else ""
    note = ind.note or reason
    if result.evaluation is not None:
        # a five-year indicator: what its figures reach, naming the years, and the share
        # expected by then beside the covered one (the completion column)
        actual_text = evaluation_text(result, lang)
        line = evaluation_line(result, lang)
        note = "; ".join(part for part in (line or "", note) if part)
    return Row(
        result=result,
        number=number,
        name=inert(indicator_name(ind, lang)),
        target=inert("" if task else target_text(result)),
        actual=result.actual,
        actual_text=inert(actual_text),
        unit=inert(unit),
        gap=result.gap,
        gap_unit=inert(result.gap_unit or ""),
        completion=None if task else result.completion,
        expected=result.expected,
        status=result.status,
        status_text=status_text(result, lang),
        audit=audit_mark(result),
        note=inert(note),
        lead=inert(ind.lead or ""),
    )


def layout(report: Report, options: Options) -> Layout:
    from govplan.render.cells import summary_line

    lang = options.lang
    tasks = bool(report.results) and all(r.indicator.kind is Kind.PROGRESS for r in report.results)
    keys = TASK_KEYS if tasks else INDICATOR_KEYS
    numbers = numbering(report)
    rows: list[Row | str] = []
    group = None
    for result in report.results:
        ind = result.indicator
        if ind.group and ind.group != group:
            group = ind.group
            rows.append(inert(group))
        rows.append(_row(result, numbers[ind.id], lang))
    return Layout(
        title=plan_title(report),
        source=source_line(report, lang),
        tasks=tasks,
        heads=tuple(label(k, lang) for k in keys),
        keys=keys,
        rows=tuple(rows),
        summary=summary_line(report, lang),
    )
