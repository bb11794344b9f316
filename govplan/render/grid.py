"""Tables as data: built once, drawn by rich for a terminal, or written as the very same
text without rich where the output is not a terminal (a pipe, a file, a CI log)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from rich.cells import cell_len, set_cell_size

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.table import Table

Justify = Literal["left", "right", "center"]
Overflow = Literal["fold", "ellipsis"]


class _Plain:
    """Value classes written out by hand: a dataclass costs about a millisecond to create at
    every start, and a table is drawn once per run."""

    __slots__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    __hash__ = None  # type: ignore[assignment]


class Cell(_Plain):
    """Text in a style; `raw` cells go to rich as a str (a terminal highlights the numbers
    in them), the others as Text (never read as markup); `tail` is appended in its own style
    (the note marker)."""

    __slots__ = ("raw", "style", "tail", "tail_style", "text")

    def __init__(
        self, text: str, style: str = "", raw: bool = False, tail: str = "", tail_style: str = ""
    ) -> None:
        self.text, self.style, self.raw = text, style, raw
        self.tail, self.tail_style = tail, tail_style

    @property
    def plain(self) -> str:
        return self.text + self.tail

    def rich(self) -> RenderableType:
        if self.raw:
            return self.plain
        from rich.text import Text

        text = Text(self.text, style=self.style)
        if self.tail:
            text.append(self.tail, style=self.tail_style)
        return text


class Column(_Plain):
    """A column as rich's Table.add_column takes it (the same defaults); `width` is the
    content's width (None: the widest cell's)."""

    __slots__ = ("header", "justify", "no_wrap", "overflow", "width")

    def __init__(
        self,
        header: str,
        justify: Justify = "left",
        no_wrap: bool = False,
        overflow: Overflow = "ellipsis",
        width: int | None = None,
    ) -> None:
        self.header, self.justify, self.no_wrap = header, justify, no_wrap
        self.overflow, self.width = overflow, width


class Row(_Plain):
    __slots__ = ("cells", "end_section", "style")

    def __init__(self, cells: tuple[Cell, ...], style: str | None = None) -> None:
        self.cells, self.style, self.end_section = cells, style, False


class Grid(_Plain):
    """One table: a title, columns, rows and sections. The heavy head with its outer edge,
    or, `compact`, a simple head without one."""

    __slots__ = ("columns", "compact", "rows", "title")

    def __init__(self, title: str, columns: list[Column], compact: bool = False) -> None:
        self.title, self.columns, self.compact = title, columns, compact
        self.rows: list[Row] = []

    def add_row(self, *cells: Cell, style: str | None = None) -> None:
        self.rows.append(Row(cells, style))

    def add_section(self) -> None:
        if self.rows:
            self.rows[-1].end_section = True

    def rich(self) -> Table:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(
            title=Text(self.title),
            title_style="bold",
            header_style="bold",
            box=box.SIMPLE_HEAD if self.compact else box.HEAVY_HEAD,
            show_edge=not self.compact,
            padding=(0, 1),
        )
        for c in self.columns:
            table.add_column(
                c.header, justify=c.justify, no_wrap=c.no_wrap, overflow=c.overflow, width=c.width
            )
        for row in self.rows:
            table.add_row(*(cell.rich() for cell in row.cells), style=row.style)
            if row.end_section:
                table.add_section()
        return table

    def plain(self, width: int) -> list[str] | None:
        """The lines rich draws for this table at `width` columns, or None where rich would
        wrap or squeeze something (or read markup): then rich itself draws it."""
        count = len(self.columns)
        # each cell's text and width, measured once: they size the columns and then fill them
        texts = [
            [c.plain for c in row.cells] + [""] * (count - len(row.cells)) for row in self.rows
        ]
        widths = [[cell_len(text) for text in row] for row in texts]
        sizes = []
        for i, column in enumerate(self.columns):
            widest = max([cell_len(column.header), *(row[i] for row in widths)])
            sizes.append(widest if column.width is None else column.width)
        edge = not self.compact
        total = sum(sizes) + 3 * len(sizes) - 1 + (2 if edge else 0)
        if total > width or cell_len(self.title) > total or not _safe(self.title):
            return None
        heads = _all(
            _fit(c.header, cell_len(c.header), s, c, raw=True)
            for c, s in zip(self.columns, sizes, strict=True)
        )
        body = []
        for row, row_texts, row_widths in zip(self.rows, texts, widths, strict=True):
            raws = [c.raw for c in row.cells] + [False] * (count - len(row.cells))
            cells = _all(
                _fit(text, length, size, column, raw=raw)
                for text, length, size, column, raw in zip(
                    row_texts, row_widths, sizes, self.columns, raws, strict=True
                )
            )
            if cells is None:
                return None
            body.append((cells, row.end_section))
        if heads is None:
            return None
        title = self.title.rstrip()
        lines = [_centred(title, total - cell_len(title))] if self.title else []
        rules = [size + 2 for size in sizes]
        bar = "│" if edge else " "
        if edge:
            lines.append(_rule("┏", "━", "┳", "┓", rules))
            lines.append("┃" + "┃".join(f" {h} " for h in heads) + "┃")
            lines.append(_rule("┡", "━", "╇", "┩", rules))
        else:
            lines.append(" ".join(f" {h} " for h in heads))
            lines.append(_rule("", "─", "─", "", rules))
        for index, (cells, end_section) in enumerate(body):
            inner = bar.join(f" {c} " for c in cells)
            lines.append(f"│{inner}│" if edge else inner)
            if end_section and index < len(body) - 1:  # rich draws no rule after the last row
                lines.append(_rule("├", "─", "┼", "┤", rules) if edge else " " * total)
        if edge:
            lines.append(_rule("└", "─", "┴", "┘", rules))
        return lines


def _all(items: Iterable[str | None]) -> list[str] | None:
    found = list(items)
    return None if any(item is None for item in found) else [i for i in found if i is not None]


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _safe(text: str) -> bool:
    """One line, no tabs or control characters, nothing trailing that rich would strip."""
    return not text[-1:].isspace() and _CONTROL.search(text) is None


def _fit(text: str, length: int, size: int, column: Column, *, raw: bool) -> str | None:
    """A cell's text (`length` cells wide) justified in its column as rich does it, or None
    where rich would wrap it (or strip, tab-expand or fold anything, or read markup in a raw
    str)."""
    if not _safe(text) or (raw and "[" in text):
        return None
    if length > size:
        if not (column.no_wrap and column.overflow == "ellipsis"):
            return None  # rich wraps or folds it
        text = set_cell_size(text, size - 1) + "…"
        length = cell_len(text)
    room = size - length
    if column.justify == "right":
        return " " * room + text
    if column.justify == "center":
        return _centred(text, room)
    return text + " " * room


def _centred(text: str, room: int) -> str:
    """`text` with `room` spaces shared out around it, the odd one on the right (as rich)."""
    return " " * (room // 2) + text + " " * (room - room // 2)


def _rule(left: str, line: str, cross: str, right: str, widths: Sequence[int]) -> str:
    return left + cross.join(line * w for w in widths) + right


class Line(_Plain):
    """A line of text below (or above) a table; rich wraps it if it is too long."""

    __slots__ = ("style", "text")

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def rich(self) -> RenderableType:
        from rich.text import Text

        return Text(self.text, style=self.style)

    def plain(self, width: int) -> list[str] | None:
        fits = cell_len(self.text) <= width and _safe(self.text.rstrip())
        return [self.text] if fits else None


class Drawn(_Plain):
    """Something only rich can draw (a grid of notes that fold): no plain form."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], RenderableType]) -> None:
        self.make = make

    def rich(self) -> RenderableType:
        return self.make()

    def plain(self, width: int) -> list[str] | None:
        return None


Block = Grid | Line | Drawn


class Fitted:
    """Output built for the width it is given: rich asks with the console's width; a pipe
    or a file is written directly (`plain`), through rich only where rich would wrap."""

    def __init__(self, *parts: Callable[[int], Sequence[Block]]) -> None:
        self.parts = parts  # each: the blocks to show at a width

    def plain(self, width: int) -> str | None:
        lines: list[str] = []
        for part in self.parts:
            for block in part(width):
                drawn = block.plain(width)
                if drawn is None:
                    return None
                lines += drawn
        return "".join(line + "\n" for line in lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        for part in self.parts:
            yield from (block.rich() for block in part(options.max_width))
