"""`govplan update`: actuals (and progress, published figures) read from a spreadsheet and
written into a plan, keeping its comments, order and quoting; validated before anything is
written, and all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from govplan.catalogue import match_name
from govplan.errors import Finding, PlanInvalid
from govplan.load import load_text

# Header words, English and as the statistics bureau's sheets write them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号", "指标编号"),
    "name": ("name", "指标", "指标名称", "名称", "主要指标", "任务"),
    "actual": ("actual", "实际", "实际值", "完成值", "完成情况"),
    "unit": ("unit", "单位", "计量单位"),
    "progress": ("progress", "进度", "完成进度"),
    "completion": ("completion", "完成率", "reported_completion", "公布完成率"),
    "gap": ("gap", "差距", "reported_gap"),
}


class SheetError(ValueError):
    """A sheet that cannot be read at all (missing, not CSV or xlsx, no header)."""


@dataclass
class Change:
    row: int  # the sheet's row number (1 is the header)
    indicator: str
    values: dict[str, str]


@dataclass
class Update:
    text: str  # the plan as it will be written
    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # per row, with its number


def _cell(value: Any) -> str:
    """A spreadsheet cell as plan text: numbers as written (396.64, not 396.63999)."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        try:
            return f"{Decimal(text).normalize():f}"
        except InvalidOperation:
            return text
    return str(value).strip()


def read_sheet(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (UTF-8, with or without BOM) or an xlsx's first sheet."""
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise SheetError(f"{path}: not a readable xlsx workbook ({exc})") from None
        table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    elif path.suffix.lower() == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise SheetError(f"{path}: not UTF-8; save the CSV as UTF-8") from None
        table = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise SheetError(f"{path}: give a .csv or .xlsx file")
    if not table:
        raise SheetError(f"{path}: the sheet is empty")
    return table[0], table[1:]


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, word in enumerate(header):
        for key, words in COLUMNS.items():
            if word.strip().lower() in words and key not in found:
                found[key] = index
    return found


def _indicator_index(data: Any) -> tuple[dict[str, int], dict[str, int]]:
    by_id: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for index, item in enumerate(data.get("indicators") or []):
        if isinstance(item, dict):
            by_id.setdefault(str(item.get("id")), index)
            by_name.setdefault(str(item.get("name")), index)
    return by_id, by_name


def _match(row: dict[str, str], by_id: dict[str, int], by_name: dict[str, int]) -> int | None:
    """By id, then by exact name, then by the catalogue's names for an indicator's id."""
    if row.get("id") and row["id"] in by_id:
        return by_id[row["id"]]
    name = row.get("name", "")
    if name in by_name:
        return by_name[name]
    entry = match_name(name) if name else None
    if entry is not None and entry.id in by_id:
        return by_id[entry.id]
    return None


def _rows(header: list[str], rows: list[list[str]]) -> Iterator[tuple[int, dict[str, str]]]:
    columns = _columns(header)
    for number, row in enumerate(rows, 2):
        values = {key: row[i] if i < len(row) else "" for key, i in columns.items()}
        if any(values.values()):
            yield number, values


def plan_update(plan_text: str, plan_file: str, sheet: Path) -> Update:
    """The plan text with the sheet's figures written in, and every row's problem."""
    header, rows = read_sheet(sheet)
    columns = _columns(header)
    problems = []
    if "id" not in columns and "name" not in columns:
        problems.append(f"{sheet}: row 1: no id or 指标/name column in {header}")
    if not {"actual", "progress", "completion", "gap"} & set(columns):
        problems.append(f"{sheet}: row 1: no actual/实际 (or progress/进度) column in {header}")
    if problems:
        return Update(plan_text, problems=problems)
    yaml = _faithful(plan_text)
    if yaml is None:
        # ruamel would reformat lines the sheet does not touch: refuse rather than rewrite
        problems.append(
            f"{plan_file}: its layout cannot be kept exactly (indentation or line breaks "
            "that ruamel.yaml would change); update it by hand, or reformat it once and rerun"
        )
        return Update(plan_text, problems=problems)
    data = yaml.load(plan_text)
    by_id, by_name = _indicator_index(data)
    changes = []
    for number, row in _rows(header, rows):
        index = _match(row, by_id, by_name)
        if index is None:
            shown = row.get("id") or row.get("name")
            problems.append(f"{sheet}: row {number}: no indicator with id or name {shown!r}")
            continue
        item = data["indicators"][index]
        values = _values(row)
        bad = _unreadable(values)
        if bad:
            problems += [f"{sheet}: row {number}: {message}" for message in bad]
            continue
        for key, value in values.items():
            if key in ("completion", "gap"):
                if "reported" not in item:
                    _put(item, "reported", CommentedMap())
                item["reported"][key] = value
            else:
                _put(item, key, value)
        changes.append(Change(number, str(item["id"]), values))
    return Update(_dump(yaml, data), changes, problems)


# (mapping, sequence, offset) indentations seen in plan files: `indicators:` then `  - id:`
# (the shipped plans), then `- id:` flush with the key, then four-space styles.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 2), (4, 4, 0))


def _faithful(text: str) -> Any:
    """A round-trip YAML whose output of the unchanged plan is the plan byte for byte, so
    that an update changes only the lines it writes; None if no indentation style does."""
    from ruamel.yaml import YAML

    for mapping, sequence, offset in _INDENTS:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096  # never re-wrap a long line
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        if _dump(yaml, yaml.load(text)) == text:
            return yaml
    return None


# A new figure goes after the first of these an indicator has (actual after target, as
# the shipped plans write it); else at the end.
_AFTER = {"actual": ("target",), "progress": ("target",), "reported": ("actual", "progress")}


def _put(item: Any, key: str, value: Any) -> None:
    """Set `key`, keeping the mapping's layout: an existing key keeps its place; a new one
    goes where the plans put it, and a comment or blank line that closed the mapping stays
    at its end."""
    if key in item:
        item[key] = value
        return
    keys = list(item)
    anchor = next((k for k in _AFTER.get(key, ()) if k in item), None)
    if anchor is not None and keys.index(anchor) < len(keys) - 1:
        item.insert(keys.index(anchor) + 1, key, value)
        return
    last = keys[-1] if keys else None
    item[key] = value
    if last is not None and last in item.ca.items:  # the closing blank line moves down
        item.ca.items[key] = item.ca.items.pop(last)


def _values(row: dict[str, str]) -> dict[str, str]:
    out = {}
    unit = row.get("unit", "")
    for key in ("actual", "progress", "completion", "gap"):
        value = row.get(key, "")
        if not value:
            continue
        if key == "actual" and unit and _is_number(value):
            value += unit
        out[key] = value
    return out


def _unreadable(values: dict[str, str]) -> list[str]:
    """What in a row's figures is not a value of the plan format, said as the row's problem."""
    from govplan.values import ValueSyntaxError, parse_value

    problems = []
    for key, value in values.items():
        try:
            parse_value(value)
        except ValueSyntaxError as exc:
            problems.append(f"{key} {value!r}: {exc}")
    return problems


def _is_number(text: str) -> bool:
    try:
        Decimal(text.replace(",", ""))
    except InvalidOperation:
        return False
    return True


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def validate_update(update: Update, plan_file: str) -> list[Finding]:
    """The findings of the plan as it would be written (none: safe to write)."""
    from govplan.model import build_plan

    try:
        build_plan(load_text(update.text, plan_file))
    except PlanInvalid as exc:
        return [f for f in exc.findings if f.severity.value == "error"]
    return []
