"""The terminal table for people (rich)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from govplan.compute import Report, Status
from govplan.render.cells import Options, row_cells, summary_line
from govplan.render.labels import label

STATUS_STYLE = {
    Status.MET: "green",
    Status.DONE: "green",
    Status.AHEAD: "green",
    Status.ON_TRACK: "cyan",
    Status.MISSED: "bold red",
    Status.BEHIND: "bold red",
    Status.PENDING: "dim",
    Status.UNKNOWN: "yellow",
}


def _table(report: Report, options: Options) -> RenderableType:
    lang = options.lang
    plan = report.plan
    title = plan.title or f"{plan.district} {plan.year}"
    table = Table(title=title, title_style="bold", header_style="bold", expand=False)
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
    notes = Table.grid(padding=(0, 1))
    notes.add_column(justify="right", min_width=4)
    notes.add_column(no_wrap=True)
    notes.add_column(overflow="fold")
    for number, result in enumerate(report.results, 1):
        ind = result.indicator
        if ind.group and ind.group != group:
            group = ind.group
            if number > 1:
                table.add_section()
            table.add_row("", Text(group, style="bold"))
        cells = row_cells(result, number, options)
        name = Text(cells["indicator"])
        if (ind.note or result.reason) and not options.notes:
            noted += 1
            name.append(" *", style="dim")
        style = STATUS_STYLE[result.status]
        audit_style = "green" if cells["audit"] == "✓" else "bold red"
        row: list[RenderableType] = [
            cells["no"],
            name,
            cells["target"],
            cells["actual"],
            Text(cells["gap"], style="red" if cells["gap"].startswith("−") else ""),
            cells["completion"],
            Text(cells["status"], style=style),
            Text(cells["audit"], style=audit_style),
        ]
        table.add_row(*row)
        if options.notes and cells["note"]:
            notes.add_row(cells["no"], cells["indicator"], cells["note"])
    footer: list[RenderableType] = [Text(summary_line(report, lang))]
    if notes.row_count:
        footer += [Text(label("note", lang) + ":", style="bold"), notes]
    if noted:
        footer.append(Text("* " + label("notes_hint", lang).format(n=noted), style="dim"))
    return Group(table, *footer)


def render_table(reports: Sequence[Report], options: Options) -> RenderableType:
    return Group(*(_table(r, options) for r in reports))
