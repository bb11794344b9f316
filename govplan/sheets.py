"""Spreadsheets as analysts keep them (CSV, xlsx), read as located cells the way they show."""

from __future__ import annotations

import csv
import datetime
import functools
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from govplan.codes import CodeName
from govplan.errors import Finding, Location, column_letter
from govplan.messages import said
from govplan.said import Said
from govplan.shipped import shipped
from govplan.values import normalize
from govplan.words import Vocabulary, parse_vocabulary

MAX_FILE_BYTES = 32 * 1024 * 1024  # the sheet file as stored
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # an xlsx's parts, unpacked
# A part other than a worksheet (shared strings, styles) is read whole by openpyxl: about
# 8 MB of memory and half a second for each MiB. A real sheet's are well under 1 MiB.
MAX_WHOLE_PART_BYTES = 8 * 1024 * 1024
MAX_PARTS = 10_000  # parts in an xlsx
MAX_COLUMNS = 256  # cells read in a row
# Cells a workbook row may hold: openpyxl builds a row whole before yielding it, so a row of
# millions of cells would take minutes and gigabytes. Rows are scanned for this first.
MAX_ROW_CELLS = 1024
MAX_CELL_CHARS = 131_072  # a CSV cell (Python's csv default)
HEADER_ROWS = 30  # rows searched for the header (a title, blank rows, notes above it)

# The keys a column can have, in the order they are reported.
FIELDS = ("id", "name", "project", "group", "actual", "unit", "progress", "completion", "gap")
FIGURES = ("actual", "progress", "completion", "gap")

# "1-6月", "1－12月实际", "1~6月累计": a year-to-date column and the months it covers.
_YTD = re.compile(
    r"(\d{1,2})[-~—至到](\d{1,2})月(?:份)?(?:实际|累计|完成|实际完成|累计完成)?(?:值|数)?"
)
_BRACKETED = re.compile(r"^(.+?)\(([^()]+)\)$")


@functools.cache
def headers() -> Vocabulary:
    """The shipped header vocabulary (headers.txt), read once per process."""
    return parse_vocabulary(shipped("headers.txt").read_text("utf-8"))


@dataclass(frozen=True)
class Cell:
    """One cell as the sheet shows it: `text` is ready to be a plan value (a percent cell's
    number times 100, float noise rounded away); `problem` says why it cannot be one."""

    text: str
    column: int  # 1-based
    percent: bool = False  # formatted as a percentage: text is the percentage number
    problem: Said | None = None


@dataclass(frozen=True)
class Column:
    key: str  # one of FIELDS
    index: int  # 1-based
    header: str  # as written
    unit: str | None = None  # from the header: 增速(%) is in %
    months: int | None = None  # a year-to-date header (1-6月): the months it covers


@dataclass
class Sheet:
    """The cells of one sheet, the header found in it, and where each row stands."""

    file: str
    name: str | None  # a workbook's sheet name; None for CSV
    rows: list[tuple[int, list[Cell]]]  # (1-based row number, cells)
    header_row: int = 0
    columns: dict[str, Column] = field(default_factory=dict)

    def at(self, row: int, column: int = 0) -> Location:
        return Location(self.file, row, column, self.name)

    def cell(self, cells: list[Cell], key: str) -> Cell | None:
        column = self.columns.get(key)
        if column is None or column.index > len(cells):
            return None
        return cells[column.index - 1]


class SheetRefused(Exception):
    """The sheet cannot be read at all; `finding` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def _refuse(
    file: str,
    code: CodeName,
    variant: str = "",
    /,
    at: Location | None = None,
    **fields: object,
) -> SheetRefused:
    """The sheet cannot be read: the finding, its message messages.txt's code.variant."""
    return SheetRefused(said(at or Location(file), code, variant, **fields))


def read_sheet(
    path: Path, *, sheet: str | None = None, max_rows: int = 100_000
) -> tuple[Sheet, list[Finding]]:
    """The rows of a CSV or of one worksheet of an xlsx workbook, with warnings (a CSV read
    as GB18030). Raises SheetRefused for a file that cannot be read as a sheet at all."""
    file = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse(file, "io", "sheet-no-such-file") from None
    except OSError as exc:
        raise _refuse(file, "io", "os", why=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(file, "io", "sheet-directory")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(file, "io", "not-regular")
    if info.st_size > MAX_FILE_BYTES:
        raise _refuse(file, "sheet-too-large", "file", size=info.st_size, limit=MAX_FILE_BYTES)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet, max_rows), []
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise _refuse(file, "bad-sheet", "sheet-for-csv")
        return _read_csv(path, max_rows, "\t" if suffix == ".tsv" else ",")
    if suffix == ".xls":
        raise _refuse(file, "bad-sheet", "xls")
    raise _refuse(file, "bad-sheet", "kind")


# -- CSV -------------------------------------------------------------------------------


def _read_csv(path: Path, max_rows: int, delimiter: str) -> tuple[Sheet, list[Finding]]:
    """The rows of a CSV file, read as a stream (so that a huge file costs only the rows
    read before the row limit): UTF-8, else GB18030 with a warning."""
    file = str(path)
    try:
        return Sheet(file, None, _csv_rows(path, "utf-8-sig", max_rows, delimiter)), []
    except UnicodeDecodeError:
        pass
    # Excel on a Chinese Windows saves "CSV (逗号分隔)" in the system code page (GBK).
    try:
        rows = _csv_rows(path, "gb18030", max_rows, delimiter)
    except UnicodeDecodeError:
        raise _refuse(file, "encoding", "csv") from None
    # a warning, as declared ("encoding" is the refusal, an error)
    warning = said(Location(file), "legacy-encoding", "csv")
    return Sheet(file, None, rows), [warning]


def _csv_rows(
    path: Path, encoding: str, max_rows: int, delimiter: str
) -> list[tuple[int, list[Cell]]]:
    file = str(path)
    rows: list[tuple[int, list[Cell]]] = []
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(_bounded_lines(fh, file), delimiter=delimiter)
        try:
            for number, row in enumerate(reader, 1):
                if number > max_rows:
                    raise _too_many(file, None, max_rows)
                cells = [_text_cell(value, i) for i, value in enumerate(row[:MAX_COLUMNS], 1)]
                rows.append((number, cells))
        except csv.Error as exc:
            where = Location(file, reader.line_num)
            if "field larger than" in str(exc):
                raise _refuse(
                    file, "bad-sheet", "cell-too-long", at=where, limit=MAX_CELL_CHARS
                ) from None
            raise _refuse(file, "bad-sheet", "csv", at=where, why=str(exc)) from None
    return rows


MAX_LINE_CHARS = 1024 * 1024  # a CSV line: a row of actuals is well under a kilobyte


def _bounded_lines(fh: Any, file: str) -> Iterator[str]:
    """The lines of a text file, each read up to MAX_LINE_CHARS (a row of a million cells
    would otherwise be parsed whole before it could be refused)."""
    number = 0
    while line := fh.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise _refuse(file, "sheet-too-large", "line", number=number, limit=MAX_LINE_CHARS)
        yield line


def _too_many(file: str, name: str | None, max_rows: int) -> SheetRefused:
    where = f"sheet {name!r} " if name else ""
    where_zh = f"工作表 {name!r} " if name else ""
    return _refuse(file, "sheet-too-large", "rows", where=where, where_zh=where_zh, limit=max_rows)


def _text_cell(value: str, column: int) -> Cell:
    text = value.strip()
    return Cell(text, column)


# -- xlsx ------------------------------------------------------------------------------


def _read_xlsx(path: Path, wanted: str | None, max_rows: int) -> Sheet:
    import zipfile

    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse(file, "bad-sheet", "xlsx", why=str(exc)) from None
    unpacked = sum(p.file_size for p in parts)
    whole = [p for p in parts if not p.filename.startswith("xl/worksheets/")]
    big = max(whole, key=lambda p: p.file_size, default=None)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(
            file,
            "sheet-too-large",
            "unpacked",
            unpacked=unpacked,
            parts=len(parts),
            limit=MAX_UNPACKED_BYTES,
        )
    if big is not None and big.file_size > MAX_WHOLE_PART_BYTES:
        raise _refuse(
            file,
            "sheet-too-large",
            "part",
            part=big.filename,
            size=big.file_size,
            limit=MAX_WHOLE_PART_BYTES,
        )
    try:
        with zipfile.ZipFile(path) as archive:
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    _scan_rows(archive, part.filename, file, max_rows)
        return _worksheet(path, wanted, max_rows)
    except SheetRefused:
        raise
    except Exception as exc:  # openpyxl and the XML parsers raise many kinds
        why = f"{type(exc).__name__}: {exc}"
        raise _refuse(file, "bad-sheet", "xlsx", why=why) from None


# A row's start or end tag, or a cell's start tag, with or without a namespace prefix.
_ROW_OR_CELL = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]{0,15}:)?(row|c)(?=[\s/>])")


def _scan_rows(archive: Any, member: str, file: str, max_rows: int) -> None:
    """Refuse a worksheet part with a row wider than MAX_ROW_CELLS, reading its bytes as a
    stream (up to max_rows rows: the rest is never read)."""
    rows = cells = 0
    tail = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            buffer = tail + chunk
            # a tag cut by the chunk's end is read with the next chunk
            limit = len(buffer) if not chunk else max(len(buffer) - 32, 0)
            for match in _ROW_OR_CELL.finditer(buffer, 0, limit):
                closing, tag = match.groups()
                if tag == b"c":
                    if closing:
                        continue
                    cells += 1
                    if cells > MAX_ROW_CELLS:
                        raise _refuse(
                            file, "sheet-too-large", "wide-row", member=member, limit=MAX_ROW_CELLS
                        )
                elif closing:
                    rows += 1
                    if rows >= max_rows:
                        return
                else:
                    cells = 0
            if not chunk:
                return
            tail = buffer[limit:]


def _worksheet(path: Path, wanted: str | None, max_rows: int) -> Sheet:
    from openpyxl import load_workbook

    file = str(path)
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        names = book.sheetnames
        if wanted is not None:
            if wanted not in names:
                raise _refuse(file, "bad-sheet", "no-sheet", wanted=wanted, names=_listed(names))
            chosen = wanted
        else:
            visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
            if not visible:
                raise _refuse(file, "bad-sheet", "no-visible", names=_listed(names))
            if len(visible) > 1:
                raise _refuse(
                    file,
                    "bad-sheet",
                    "several-visible",
                    count=len(visible),
                    names=_listed(visible),
                    first=visible[0],
                )
            chosen = visible[0]
        values, empty = _cells(book[chosen], file, chosen, max_rows)
    finally:
        book.close()
    # A cell written with no value may be a formula that was never calculated: ask the
    # workbook's formulas about those cells only.
    if empty:
        values = _formulas(path, chosen, values, empty)
    return Sheet(file, chosen, values)


def _listed(names: Iterable[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _cells(
    ws: Any, file: str, name: str, max_rows: int
) -> tuple[list[tuple[int, list[Cell]]], set[tuple[int, int]]]:
    """The rows of a worksheet as cells, and where a cell is written with no value."""
    # Several exporters write a wrong <dimension>; forget it and read every row there is.
    ws.reset_dimensions()
    rows: list[tuple[int, list[Cell]]] = []
    valueless: set[tuple[int, int]] = set()
    for number, row in enumerate(ws.iter_rows(), 1):
        if number > max_rows:
            raise _too_many(file, name, max_rows)
        cells: list[Cell] = []
        for cell in row[:MAX_COLUMNS]:
            column = getattr(cell, "column", None)
            if column is None:  # a cell the file does not have (read-only mode fills it in)
                cells.append(Cell("", len(cells) + 1))
                continue
            if column > MAX_COLUMNS:
                break
            while len(cells) < column - 1:
                cells.append(Cell("", len(cells) + 1))
            if cell.value is None:
                valueless.add((number, column))
            cells.append(
                cell_of(cell.value, column, getattr(cell, "number_format", None) or "General")
            )
        rows.append((number, cells))
    return rows, valueless


def _formulas(
    path: Path, name: str, values: list[tuple[int, list[Cell]]], empty: set[tuple[int, int]]
) -> list[tuple[int, list[Cell]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = book[name]
        ws.reset_dimensions()
        formulas: set[tuple[int, int]] = set()
        last = max(r for r, _ in empty)
        for number, row in enumerate(ws.iter_rows(max_row=last), 1):
            for cell in row[:MAX_COLUMNS]:
                column = getattr(cell, "column", None)
                value = getattr(cell, "value", None)
                if (
                    column
                    and (number, column) in empty
                    and isinstance(value, str)
                    and value.startswith("=")
                ):
                    formulas.add((number, column))
    finally:
        book.close()
    if not formulas:
        return values
    problem = Said.of("cell.formula")
    return [
        (
            r,
            [
                Cell("", c.column, problem=problem) if (r, c.column) in formulas else c
                for c in cells
            ],
        )
        for r, cells in values
    ]


def cell_of(value: Any, column: int, number_format: str = "General") -> Cell:
    """A workbook cell's value as the sheet shows it."""
    if value is None:
        return Cell("", column)
    if isinstance(value, bool):
        return Cell(str(value), column, problem=Said.of("cell.boolean", value=value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        return Cell(
            str(value),
            column,
            problem=Said.of("cell.date", value=str(value)),
        )
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return Cell(str(value), column, problem=Said.of("cell.not-finite"))
        number = excel_number(value)
        scaled, shown = percent_format(number_format)
        if scaled:
            return Cell(_plain(number * 100), column, percent=True)
        return Cell(_plain(number), column, percent=shown)
    text = str(value).strip()
    if text.startswith("#") and text.endswith(("!", "?", "A")) and text.upper() in _ERRORS:
        return Cell(text, column, problem=Said.of("cell.error-value", text=text))
    return Cell(text, column)


_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def excel_number(value: int | float) -> Decimal:
    """A number as Excel shows it: a float to 15 significant digits, so that the 0.7999999999999999
    Excel caches for =0.7+0.1 is 0.8."""
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(format(value, ".15g"))
    except InvalidOperation:  # pragma: no cover (finite floats always format)
        return Decimal(repr(value))


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 6.5, 100, 0.0012."""
    text = f"{number.normalize():f}"
    return "0" if text in ("-0", "0") else text


def percent_format(number_format: str) -> tuple[bool, bool]:
    """(scaled, shown): whether a number format multiplies by 100 and shows % (0.0%), and
    whether it shows a % it does not scale for (0.0"%" or 0.0\\%)."""
    unquoted = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    if "%" in unquoted:
        return True, True
    return False, "%" in number_format


# -- the header ------------------------------------------------------------------------


def split_bracketed(text: str) -> tuple[str, str] | None:
    """A normalised text and what it ends with in brackets: 增速(%) is (增速, %), 实际利用外资
    (亿美元) is (实际利用外资, 亿美元); None without a bracket at its end."""
    found = _BRACKETED.match(text)
    return (found.group(1), found.group(2)) if found else None


def header_key(text: str) -> tuple[str | None, str | None, int | None]:
    """What a header names: (field, unit from its brackets, months of a year-to-date header)."""
    word = normalize(text)
    unit = None
    bracketed = split_bracketed(word)
    if bracketed is not None:
        word, unit = bracketed
    lowered = word.lower()
    vocab = headers()
    for key in FIELDS:
        if lowered in vocab.words(f"column {key}"):
            return key, unit, None
    for section in ("column other", "column target", "column note"):
        if lowered in vocab.words(section):
            # `update` reads neither targets nor notes; `draft` asks table_field for them
            return "other", unit, None
    ytd = _YTD.fullmatch(word)
    if ytd:
        first, last = int(ytd.group(1)), int(ytd.group(2))
        return "actual", unit, (last if first == 1 else -last)
    return None, unit, None


def table_field(text: str) -> tuple[str | None, str | None]:
    """What a header of a document's table names, for `draft`: the fields of header_key and
    also `target` and `note`; and the unit in its brackets."""
    key, unit, _ = header_key(text)
    word = normalize(text)
    bracketed = split_bracketed(word)
    if bracketed is not None:
        word = bracketed[0]
    for named in ("target", "note"):
        if word.lower() in headers().words(f"column {named}"):
            return named, unit
    return (key if key != "other" else None), unit


def find_header(sheet: Sheet, given: dict[str, str]) -> list[Finding]:
    """Find the header row (a title and blank rows may stand above it) and the columns;
    `given` maps fields to header texts (--columns), which win. Findings when the header
    is missing or a field has two columns."""
    problems: list[Finding] = []
    for number, cells in sheet.rows[:HEADER_ROWS]:
        texts = {c.column: normalize(c.text) for c in cells if c.text}
        if given:
            wanted = {k: normalize(v) for k, v in given.items()}
            if not all(v in texts.values() for v in wanted.values()):
                continue
        found: dict[str, list[Column]] = {}
        for cell in cells:
            if not cell.text:
                continue
            key, unit, months = header_key(cell.text)
            normal = texts[cell.column]
            for field_name, header in (given or {}).items():
                if normalize(header) == normal:
                    key = field_name
            if key is None or key == "other":
                continue
            found.setdefault(key, []).append(Column(key, cell.column, cell.text, unit, months))
        if not ({"id", "name", "project"} & set(found) and set(FIGURES) & set(found)):
            continue
        sheet.header_row = number
        if "name" not in found and "project" in found:
            found["name"] = [
                Column("name", c.index, c.header, c.unit, c.months) for c in found.pop("project")
            ]
        elif "project" in found:
            found.setdefault("group", []).extend(found.pop("project"))
        for key, columns in found.items():
            if len(columns) > 1:
                shown = ", ".join(f"{c.header!r} ({column_letter(c.index)})" for c in columns)
                where = sheet.at(number, columns[1].index)
                header = columns[0].header
                problems.append(
                    said(where, "bad-sheet", "two-columns", key=key, shown=shown, header=header)
                )
            sheet.columns[key] = columns[0]
        return problems
    listed = ", ".join(repr(v) for v in given.values())
    what, what_zh = (
        (f"the columns {listed}", f"列 {listed}")
        if given
        else (
            "a header row with a name column (指标, 指标名称, 主要工作内容 or id) and a figure "
            "column (实际, 完成值, 1-6月, 完成进度, 完成率 ...)",
            "表头行 (含名称列: 指标、指标名称、主要工作内容或 id; 和数字列: 实际、完成值、1-6月、"
            "完成进度、完成率 ...)",
        )
    )
    first = next(
        (
            [c.text for c in cells if c.text]
            for _, cells in sheet.rows
            if any(c.text for c in cells)
        ),
        [],
    )
    fields = {"what": what, "what_zh": what_zh, "rows": HEADER_ROWS, "first": first[:8]}
    return [said(sheet.at(0), "bad-sheet", "no-header", **fields)]


def parse_columns(spec: str) -> dict[str, str]:
    """--columns name=指标名称,actual=1-6月累计,unit=单位 as {field: header}; ValueError says
    what is wrong."""
    given: dict[str, str] = {}
    for part in (p for p in spec.split(",") if p.strip()):
        key, sep, header = part.partition("=")
        key = key.strip()
        if not sep or not header.strip():
            raise ValueError(f"{part!r}: write FIELD=HEADER, e.g. actual=1-6月累计")
        if key not in FIELDS or key == "project":
            fields = ", ".join(f for f in FIELDS if f != "project")
            raise ValueError(f"{key!r} is not a column field; use {fields}")
        given[key] = header.strip()
    return given


def data_rows(sheet: Sheet) -> Iterator[tuple[int, list[Cell], str | None]]:
    """The rows below the header, each with its group (a blank group cell belongs to the
    group above it, as task reports print them)."""
    group: str | None = None
    for number, cells in sheet.rows:
        if number <= sheet.header_row:
            continue
        cell = sheet.cell(cells, "group")
        if cell is not None and cell.text:
            group = cell.text
        yield number, cells, group
