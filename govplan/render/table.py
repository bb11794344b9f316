"""The terminal tables for people (rich): indicators, progress tasks, roll-ups and the
comparison."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.cells import cell_len

from govplan.inert import inert
from govplan.periods import schedule_share, through_the_year
from govplan.render.cells import (
    Options,
    comparison_rows,
    comparison_title,
    numbering,
    pace_lines,
    plan_title,
    rollup_rows,
    row_cells,
    shorten,
    summary_line,
    trend_cells,
    trend_heading,
    trend_words,
)
from govplan.render.grid import Block, Cell, Column, Drawn, Fitted, Grid, Line
from govplan.render.labels import label
from govplan.render.numbers import percent_text
from govplan.render.statuses import LOOKS
from govplan.results import Report
from govplan.terms import CompareMode, Kind, Lang, RollupKey, Status

if TYPE_CHECKING:  # for annotations only: the comparison and the trend load with their commands
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from govplan.compare import Comparison
    from govplan.trend import Trend

STATUS_STYLE: dict[Status, str] = {status: look.style for status, look in LOOKS.items()}
BAR_WIDTH = 20
TASK_WIDTH = 30


def progress_bar(done: Decimal | None, expected: Decimal, width: int = BAR_WIDTH) -> Cell:
    """`██████████│░░░░░░░░░`: progress filled, the schedule share marked with │."""
    cells = ["░"] * width
    if done is not None:
        filled = int(min(done, Decimal(100)) * width / 100)
        for i in range(filled):
            cells[i] = "█"
    mark = min(int(expected * width / 100), width - 1)
    cells[mark] = "│"
    return Cell("".join(cells))


def _text(cell: str) -> Text:
    from rich.text import Text

    # Plan text goes into the table as Text, never as a str, which rich would read as markup
    # ("[link=...]" in a name would become a link).
    return Text(cell)


def _footer(
    report: Report, options: Options, noted: int, notes: list[tuple[str, str, str]]
) -> list[Block]:
    footer: list[Block] = [Line(summary_line(report, options.lang))]
    paces = pace_lines(report, options.lang)
    if paces:
        heading = "span_progress" if report.plan.span is not None else "pace"
        footer.append(Line(label(heading, options.lang) + ":", style="bold"))
        footer += [Line("  " + line) for line in paces]
    if notes:
        footer += [
            Line(label("note", options.lang) + ":", style="bold"),
            Drawn(lambda: _notes(notes)),
        ]
    if noted:
        footer.append(Line("* " + label("notes_hint", options.lang).format(n=noted), style="dim"))
    return footer


def _notes(rows: list[tuple[str, str, str]]) -> Table:
    """The notes below the table: number, indicator and the note, which folds."""
    from rich.table import Table

    notes = Table.grid(padding=(0, 1))
    notes.add_column(justify="right", min_width=4)
    notes.add_column(no_wrap=True)
    notes.add_column(overflow="fold")
    for number, name, note in rows:
        notes.add_row(number, _text(name), _text(note))
    return notes


def _indicator_table_at(report: Report, options: Options, width: int) -> list[Block]:
    """Numbers, status and audit keep their whole width; the name and the target wrap. Below
    100 columns the table drops its outer border and inner rules to leave them room."""
    lang = options.lang
    title = plan_title(report)
    if through_the_year(report.plan.period):
        share = schedule_share(report.plan.period)
        title += f"  ({label('schedule', options.lang)} {percent_text(share)})"
    numbers = numbering(report)
    rows = [row_cells(r, numbers[r.indicator.id], options) for r in report.results]
    # Numbers and status are never cut or wrapped; the name (and the target) wrap in what is
    # left. Too narrow for that, the audit column goes first (the summary line still counts
    # the audit), then the target (the name still says what is measured).
    fixed_keys = ["no", "actual", "gap", "completion", "status", "audit"]
    if report.plan.span is not None:  # the share expected by the year judged, beside the covered
        fixed_keys.insert(fixed_keys.index("completion") + 1, "expected")
    text_keys = ["indicator", "target"]
    widths: dict[str, int] | None = None
    # the target column must hold its widest number with its unit (60万平方米): the name
    # gives up cells for it (it wraps anywhere); where even that is too little, it goes
    whole = max((_widest_token(r["target"]) for r in rows), default=0)
    for drop in ((), ("audit",), ("audit", "target")):
        fixed = [k for k in fixed_keys if k not in drop]
        texts = [k for k in text_keys if k not in drop]
        natural = [_widest(rows, k, lang) + (2 if k == "indicator" else 0) for k in texts]
        ratios = [3, 1][: len(texts)]
        shared = _share(width, [_widest(rows, k, lang) for k in fixed], natural, ratios)
        if shared is None:
            continue
        widths = dict(zip(texts, shared, strict=True))
        if "target" in widths:
            more = min(max(0, whole - widths["target"]), max(0, widths["indicator"] - 6))
            widths["target"] += more
            widths["indicator"] -= more
            if widths["target"] < whole:
                widths = None
                continue
        break
    if widths is None:  # narrower than any table: one indicator a line, every figure kept
        return [Drawn(lambda: _indicator_lines(report, options, rows, title))]
    shown = {*fixed, *texts}
    columns = [
        Column(label("no", lang), justify="right", no_wrap=True),
        Column(label("indicator", lang), overflow="fold", width=widths["indicator"]),
    ]
    if "target" in shown:
        columns.append(
            Column(label("target", lang), justify="right", overflow="fold", width=widths["target"])
        )
    for key in ("actual", "gap", "completion", "expected"):
        if key in shown:
            heading = label("expected_share" if key == "expected" else key, lang)
            columns.append(Column(heading, justify="right", no_wrap=True))
    columns.append(Column(label("status", lang), no_wrap=True))
    if "audit" in shown:
        columns.append(Column(label("audit", lang), justify="center", no_wrap=True))
    table = Grid(title, columns, compact=width < 100)
    group = None
    noted = 0
    notes: list[tuple[str, str, str]] = []
    for result, cells in zip(report.results, rows, strict=True):
        ind = result.indicator
        if ind.group and ind.group != group:
            if group is not None:
                table.add_section()
            group = ind.group
            table.add_row(Cell("", raw=True), Cell(inert(group), style="bold"))
        marked = bool(cells["note"]) and not options.notes
        noted += marked
        name_width = widths["indicator"] - (2 if marked else 0)
        row = [
            Cell(cells["no"], raw=True),
            Cell(
                wrap_whole(cells["indicator"], name_width),
                tail=" *" if marked else "",
                tail_style="dim",
            ),
        ]
        if "target" in shown:
            row.append(Cell(wrap_whole(cells["target"], widths["target"])))
        row += [
            Cell(cells["actual"]),
            Cell(cells["gap"], style="red" if result.status.falls_short else ""),
            Cell(cells["completion"], raw=True),
        ]
        if "expected" in shown:
            row.append(Cell(cells["expected"], raw=True))
        row += [
            Cell(cells["status"], style=STATUS_STYLE[result.status]),
        ]
        if "audit" in shown:
            row.append(Cell(cells["audit"], style="green" if cells["audit"] == "✓" else "bold red"))
        table.add_row(*row)
        if options.notes and cells["note"]:
            notes.append((cells["no"], cells["indicator"], cells["note"]))
    left_out = [label(k, lang) for k in ("target", "audit") if k not in shown]
    announced = [Line(label("columns_left_out", lang).format(columns="、".join(left_out)))]
    return [table, *(announced if left_out else []), *_footer(report, options, noted, notes)]


# A number with what must stay on its line: 3500个, 31微克/立方米, 5.5%, −5.5 (its sign, its
# decimals and the unit after it; a qualifier such as 以上 may go to the next line).
_UNBROKEN = re.compile(
    r"[+\-−]?\d[\d.,]*"
    r"(?:[%‰]|[A-Za-z/\u4e00-\u9fff]{0,6}?(?=[^A-Za-z/\u4e00-\u9fff]|$|以上|以下|左右|以内))?"
)


def _widest_token(text: str) -> int:
    return max((cell_len(m.group(0)) for m in _UNBROKEN.finditer(text)), default=0)


def wrap_whole(text: str, width: int) -> str:
    """`text` in lines of at most `width` cells, broken between characters, but never inside
    a number and its unit (185张, 3500个): they move to the next line together."""
    if width <= 0 or cell_len(text) <= width:
        return text
    pieces: list[str] = []
    at = 0
    for m in _UNBROKEN.finditer(text):
        if m.start() > at:
            pieces += list(text[at : m.start()])
        if m.group(0):
            pieces.append(m.group(0))
        at = max(at, m.end())
    pieces += list(text[at:])
    lines, line = [], ""
    for piece in pieces:
        if line and cell_len(line + piece) > width:
            lines.append(line)
            line = piece.lstrip()
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


def _widest(rows: Sequence[dict[str, str]], key: str, lang: Lang) -> int:
    return max([cell_len(label(key, lang)), *(cell_len(r[key]) for r in rows)])


def _share(
    width: int, fixed: Sequence[int], natural: Sequence[int], ratio: Sequence[int]
) -> list[int] | None:
    """Widths for the text columns once the fixed ones (numbers, status) have theirs: their
    natural widths if they fit, else the room left split by ratio; None if even four
    columns each do not fit (then the caller drops a column and asks again)."""
    columns = len(fixed) + len(natural)
    room = width - sum(fixed) - 3 * columns - 1  # a space each side and a rule between
    if sum(natural) <= room:
        return list(natural)
    if room < 4 * len(natural):
        return None
    total = sum(ratio)
    shares = [max(4, room * r // total) for r in ratio]
    return [min(s, n) for s, n in zip(shares, natural, strict=True)]


def _indicator_lines(
    report: Report, options: Options, rows: Sequence[dict[str, str]], title: str
) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    lang = options.lang
    lines: list[RenderableType] = [Text(title, style="bold")]
    for result, cells in zip(report.results, rows, strict=True):
        figures = [f"{label(k, lang)} {cells[k]}" for k in ("target", "actual", "gap", "completion")
                   if cells[k]]  # fmt: skip
        line = Text(f"{cells['no']}. {cells['indicator']}: {', '.join(figures)}  ")
        line.append(cells["status"], style=STATUS_STYLE[result.status])
        lines.append(line)
    lines.append(Text(summary_line(report, lang)))
    return Group(*lines)


def _task_table_at(report: Report, options: Options, width: int) -> list[Block]:
    """Progress tasks: a bar per task against the schedule mark; behind tasks stand out.
    Narrower than 100 columns the bar shrinks, narrower than 80 it goes; the numbers and the
    status are always whole, the task text and the lead department are shortened."""
    lang = options.lang
    expected = next((r.expected for r in report.results if r.expected is not None), None)
    title = plan_title(report)
    if expected is not None:
        title += f"  ({label('schedule', lang)} {percent_text(expected)})"
    numbers = numbering(report)
    rows = [row_cells(r, numbers[r.indicator.id], options) for r in report.results]
    leads = [inert(r.indicator.lead or "") for r in report.results]
    fixed = [_widest(rows, k, lang) for k in ("no", "actual", "gap", "status")]
    natural = [TASK_WIDTH, max([cell_len(label("lead", lang)), *map(cell_len, leads)])]
    # The bar gives way first: full, then half, then gone; the task and the lead are cut
    # (…) to what is left; numbers and status stay whole.
    for bar in (BAR_WIDTH, BAR_WIDTH // 2, 0):
        shared = _share(width, [*fixed, *([bar] if bar else [])], natural, [3, 1])
        # room for a readable task, and a lead department on two lines at most (区发改经信局)
        if shared is not None and ((shared[0] >= 16 and shared[1] >= 6) or bar == 0):
            break
    task_width, lead_width = shared or [8, 4]
    columns = [
        Column(label("no", lang), justify="right", no_wrap=True),
        Column(label("task", lang), no_wrap=True, overflow="ellipsis", width=task_width),
        Column(label("lead", lang), overflow="fold", width=lead_width),
    ]
    if bar:
        columns.append(Column(label("progress", lang), no_wrap=True, width=bar))
    columns += [
        Column("%", justify="right", no_wrap=True),
        Column(label("gap", lang), justify="right", no_wrap=True),
        Column(label("status", lang), no_wrap=True),
    ]
    table = Grid(title, columns, compact=width < 100)
    for result, cells in zip(report.results, rows, strict=True):
        ind = result.indicator
        style = STATUS_STYLE[result.status]
        row_style = "bold red" if result.status is Status.BEHIND else None
        row = [
            Cell(cells["no"], raw=True),
            Cell(shorten(cells["indicator"], task_width)),
            Cell(wrap_whole(inert(ind.lead or ""), lead_width)),  # wrapped, never cut
        ]
        if bar:
            row.append(progress_bar(result.completion, result.expected or Decimal(100), bar))
        row += [
            Cell(cells["actual"] or "/"),
            Cell(cells["gap"], raw=True),
            Cell(cells["status"], style=style),
        ]
        table.add_row(*row, style=row_style)
    return [table, Line(summary_line(report, lang))]


def _rollup_table(report: Report, options: Options, by: RollupKey) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    rows = rollup_rows(report, by, options.lang)
    table = Table(title=_text(plan_title(report)), title_style="bold", header_style="bold")
    heads = list(rows[0]) if rows else [label(by.value, options.lang)]
    for i, head in enumerate(heads):
        # the key and the worst task are text (they wrap); the columns between are numbers
        if i in (0, len(heads) - 1):
            table.add_column(_text(head), overflow="fold", min_width=8, ratio=1)
        else:
            table.add_column(_text(head), justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*map(_text, row.values()))
    return Group(table, Text(summary_line(report, options.lang)))


def _one(report: Report, options: Options) -> Callable[[int], Sequence[Block]]:
    """What one report shows at a width."""
    if options.by:
        by = options.by
        return lambda width: [Drawn(lambda: _rollup_table(report, options, by))]
    if report.results and all(r.indicator.kind is Kind.PROGRESS for r in report.results):
        return lambda width: _task_table_at(report, options, width)
    return lambda width: _indicator_table_at(report, options, width)


def render_report(reports: Sequence[Report], options: Options) -> Fitted:
    """The reports for a terminal (through rich) or, where rich would draw them the same
    way, as text written directly (`Fitted.plain`)."""
    return Fitted(*(_one(r, options) for r in reports))


def render_trend(trends: Sequence[tuple[Report, list[Trend]]], options: Options) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    lang = options.lang
    parts: list[RenderableType] = []
    for report, found in trends:
        table = Table(
            title=_text(inert(trend_heading(report, lang))),
            title_style="bold",
            header_style="bold",
        )
        words = trend_words(report, lang)
        for key in ("indicator", "trend", "figures", "schedule", "projection", "status"):
            table.add_column(words.get(key) or label(key, lang))
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
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    heads, rows = comparison_rows(comparison, options.lang)
    title = comparison_title(comparison, options.lang)
    table = Table(title=_text(title), title_style="bold", header_style="bold")
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
