"""The terminal tables for people (rich): indicators, progress tasks, roll-ups and the
comparison."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from govplan.compare import Comparison
from govplan.inert import inert
from govplan.periods import schedule_share, through_the_year
from govplan.render.cells import (
    Options,
    comparison_rows,
    numbering,
    pace_lines,
    rollup_rows,
    row_cells,
    shorten,
    summary_line,
    trend_cells,
)
from govplan.render.labels import label
from govplan.render.numbers import percent_text
from govplan.results import Report
from govplan.terms import CompareMode, Kind, RollupKey, Status
from govplan.trend import Trend

STATUS_STYLE: dict[Status, str] = {
    Status.MET: "green",
    Status.DONE: "green",
    Status.AHEAD: "green",
    Status.ON_TRACK: "cyan",
    Status.MISSED: "bold red",
    Status.BEHIND: "bold red",
    Status.PENDING: "dim",
    Status.UNKNOWN: "yellow",
}
BAR_WIDTH = 20
TASK_WIDTH = 30


def progress_bar(done: Decimal | None, expected: Decimal) -> Text:
    """`██████████│░░░░░░░░░`: progress filled, the schedule share marked with │."""
    cells = ["░"] * BAR_WIDTH
    if done is not None:
        filled = int(min(done, Decimal(100)) * BAR_WIDTH / 100)
        for i in range(filled):
            cells[i] = "█"
    mark = min(int(expected * BAR_WIDTH / 100), BAR_WIDTH - 1)
    cells[mark] = "│"
    return Text("".join(cells))


def _title(report: Report) -> str:
    plan = report.plan
    return inert(plan.title or f"{plan.district} {plan.year}")


def _text(cell: str) -> Text:
    # Plan text goes into the table as Text, never as a str, which rich would read as markup
    # ("[link=...]" in a name would become a link).
    return Text(cell)


def _footer(report: Report, options: Options, noted: int, notes: Table) -> list[RenderableType]:
    footer: list[RenderableType] = [Text(summary_line(report, options.lang))]
    paces = pace_lines(report, options.lang)
    if paces:
        footer.append(Text(label("pace", options.lang) + ":", style="bold"))
        footer += [Text("  " + line) for line in paces]
    if notes.row_count:
        footer += [Text(label("note", options.lang) + ":", style="bold"), notes]
    if noted:
        footer.append(Text("* " + label("notes_hint", options.lang).format(n=noted), style="dim"))
    return footer


def _notes_grid() -> Table:
    notes = Table.grid(padding=(0, 1))
    notes.add_column(justify="right", min_width=4)
    notes.add_column(no_wrap=True)
    notes.add_column(overflow="fold")
    return notes


def _indicator_table(report: Report, options: Options) -> RenderableType:
    lang = options.lang
    title = _title(report)
    if through_the_year(report.plan.period):
        share = schedule_share(report.plan.period)
        title += f"  ({label('schedule', options.lang)} {percent_text(share)})"
    table = Table(title=_text(title), title_style="bold", header_style="bold")
    for key, justify in (
        ("no", "right"),
        ("indicator", "left"),
        ("target", "right"),
        ("actual", "right"),
        ("gap", "right"),
        ("completion", "right"),
        ("status", "left"),
        ("audit", "center"),
    ):
        table.add_column(label(key, lang), justify=justify, overflow="fold")  # type: ignore[arg-type]
    group = None
    noted = 0
    notes = _notes_grid()
    numbers = numbering(report)
    for result in report.results:
        ind = result.indicator
        if ind.group and ind.group != group:
            if group is not None:
                table.add_section()
            group = ind.group
            table.add_row("", Text(inert(group), style="bold"))
        cells = row_cells(result, numbers[ind.id], options)
        name = Text(cells["indicator"])
        if cells["note"] and not options.notes:
            noted += 1
            name.append(" *", style="dim")
        table.add_row(
            cells["no"],
            name,
            _text(cells["target"]),
            _text(cells["actual"]),
            Text(cells["gap"], style="red" if result.status.falls_short else ""),
            cells["completion"],
            Text(cells["status"], style=STATUS_STYLE[result.status]),
            Text(cells["audit"], style="green" if cells["audit"] == "✓" else "bold red"),
        )
        if options.notes and cells["note"]:
            notes.add_row(cells["no"], _text(cells["indicator"]), _text(cells["note"]))
    return Group(table, *_footer(report, options, noted, notes))


def _task_table(report: Report, options: Options) -> RenderableType:
    """Progress tasks: a bar per task against the schedule mark; behind tasks stand out."""
    lang = options.lang
    expected = next((r.expected for r in report.results if r.expected is not None), None)
    title = _title(report)
    if expected is not None:
        title += f"  ({label('schedule', lang)} {percent_text(expected)})"
    table = Table(title=_text(title), title_style="bold", header_style="bold")
    table.add_column(label("no", lang), justify="right")
    table.add_column(label("task", lang), max_width=TASK_WIDTH, no_wrap=True)
    table.add_column(label("lead", lang), no_wrap=True)
    table.add_column(label("progress", lang), no_wrap=True)
    table.add_column("%", justify="right")
    table.add_column(label("gap", lang), justify="right")
    table.add_column(label("status", lang), no_wrap=True)
    numbers = numbering(report)
    for result in report.results:
        ind = result.indicator
        style = STATUS_STYLE[result.status]
        row_style = "bold red" if result.status is Status.BEHIND else None
        cells = row_cells(result, numbers[ind.id], options)
        table.add_row(
            cells["no"],
            _text(shorten(cells["indicator"], TASK_WIDTH)),
            _text(inert(ind.lead or "")),
            progress_bar(result.completion, result.expected or Decimal(100)),
            _text(cells["actual"] or "/"),
            cells["gap"],
            Text(cells["status"], style=style),
            style=row_style,
        )
    return Group(table, Text(summary_line(report, lang)))


def _rollup_table(report: Report, options: Options, by: RollupKey) -> RenderableType:
    rows = rollup_rows(report, by, options.lang)
    table = Table(title=_text(_title(report)), title_style="bold", header_style="bold")
    heads = list(rows[0]) if rows else [label(by.value, options.lang)]
    for i, head in enumerate(heads):
        # the key and the worst task are text; the columns between are numbers
        table.add_column(_text(head), justify="left" if i in (0, len(heads) - 1) else "right")
    for row in rows:
        table.add_row(*map(_text, row.values()))
    return Group(table, Text(summary_line(report, options.lang)))


def _one(report: Report, options: Options) -> RenderableType:
    if options.by:
        return _rollup_table(report, options, options.by)
    if report.results and all(r.indicator.kind is Kind.PROGRESS for r in report.results):
        return _task_table(report, options)
    return _indicator_table(report, options)


def render_report(reports: Sequence[Report], options: Options) -> RenderableType:
    return Group(*(_one(r, options) for r in reports))


def render_trend(trends: Sequence[tuple[Report, list[Trend]]], options: Options) -> RenderableType:
    lang = options.lang
    parts: list[RenderableType] = []
    for report, found in trends:
        plan = report.plan
        table = Table(
            title=_text(inert(f"{plan.district} {plan.year} {plan.period}")),
            title_style="bold",
            header_style="bold",
        )
        for key in ("indicator", "trend", "figures", "schedule", "projection", "status"):
            table.add_column(label(key, lang))
        for trend in found:
            c = trend_cells(trend, lang)
            chart = Text(c["chart"], style=STATUS_STYLE[trend.result.status])
            schedule = f"{c['schedule_chart']} {c['schedule']}".strip()
            table.add_row(
                _text(c["indicator"]),
                chart,
                _text(c["figures"]),
                _text(schedule),
                _text(c["projection"]),
                Text(c["status"], style=STATUS_STYLE[trend.result.status]),
            )
        parts.append(table)
    return Group(*parts)


def render_comparison(comparison: Comparison, options: Options) -> RenderableType:
    heads, rows = comparison_rows(comparison, options.lang)
    table = Table(header_style="bold")
    for i, head in enumerate(heads):
        table.add_column(_text(head), justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*map(_text, row))
    parts: list[RenderableType] = [table]
    if comparison.mode is CompareMode.DISTRICTS and any(
        c and c.best for r in comparison.rows for c in r.cells
    ):
        parts.append(Text("★ " + label("best", options.lang), style="dim"))
    notes = [f"{r.name}: {label(r.note, options.lang)}" for r in comparison.rows if r.note]
    parts += [Text(inert(n), style="dim") for n in notes]
    return Group(*parts)
