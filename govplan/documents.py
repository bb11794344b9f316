"""The documents `draft` reads: the lines of a text, an html page or a Word (docx) file."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import PurePath

from govplan.load import decode
from govplan.said import Said, SaidError

# Elements that end a line of text in a page (a paragraph, a list item, a table row ...).
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
     "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "title"}
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})
# A cell of a table row, in one line: the draft grammar splits clauses at commas.
_CELL = ","


class DocumentError(SaidError):
    """A document that cannot be read as what its name says it is."""


Rows = list[list[str]]  # a table: its rows of cell texts
Block = str | Rows  # a line of text, or a table


def document_blocks(data: bytes, name: str) -> list[Block]:
    """A document in order: lines of text, and tables as rows of cells (a docx's); an html
    page's text by block (scripts and styles left out); else the text's lines (UTF-8)."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".docx":
        return _docx_blocks(data, name)
    text = decode(data, name)
    if suffix in (".html", ".htm", ".xhtml"):
        return list(_html_lines(text))
    return list(text.splitlines())


def flatten(rows: Rows) -> list[str]:
    """A table that is not a table of targets, as lines: each row's cells joined."""
    return [_CELL.join(cells) for cells in rows]


def _docx_blocks(data: bytes, name: str) -> list[Block]:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(Said.of("draft.not-docx", name=name, why=str(exc))) from None
    blocks: list[Block] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text)
        elif isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                # a merged cell is repeated in each column it spans: kept in the first
                rows.append([c if i == 0 or c != cells[i - 1] else "" for i, c in enumerate(cells)])
            blocks.append(rows)
    return blocks


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.lines.append("")
        elif tag in ("td", "th") and self.lines[-1]:
            self.lines[-1] += _CELL

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.lines[-1] += data.replace("\n", " ")


def _html_lines(text: str) -> list[str]:
    parser = _Text()
    parser.feed(text)
    parser.close()
    return [line.strip() for line in parser.lines if line.strip()]
