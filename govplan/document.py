"""The shape of a plan file (fields, types, required keys), declared once with pydantic;
its errors are turned into located findings, and the JSON Schema is derived from it."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from govplan.codes import CodeName
from govplan.errors import Finding
from govplan.load import Loaded, Marks
from govplan.messages import refusal, said
from govplan.said import Said

# Numbers may be written bare (7) or as text with a unit ("7%"); the loader keeps both as text.
Number = float | str
Kind = Literal["rate", "quantity", "progress", "qualitative"]
DirectionWord = Literal["up", "down", "band"]
Period = Literal[
    "year", "H1", "Q1", "Q2", "Q3", "Q4",
    "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12",
]  # fmt: skip
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StructuredTarget(_Strict):
    """The structured form of a target; exactly one of its forms is given."""

    min: Number | None = None
    max: Number | None = None
    about: Number | None = None
    floor: Number | None = None
    stretch: Number | None = None
    unit: str | None = None
    tolerance: Number | None = None
    sync: str | None = Field(default=None, pattern=ID_PATTERN)
    text: str | None = None
    progress: bool | None = None


class ReportedDoc(_Strict):
    """Figures as the source document published them, to be audited."""

    completion: Number | None = Field(default=None, description="the published 完成率, e.g. 25%")
    gap: Number | None = Field(
        default=None, description="the published gap, in pp for rates, else the target's unit"
    )
    status: str | None = Field(
        default=None,
        description="the published verdict as the document grades it: 完成, 未完成, "
        "基本完成, 超额完成, 达标, 未达标; for a five-year plan also 提前实现, 快于预期, "
        "符合预期, 滞后于预期 (or met, missed, achieved, ahead, on-track, behind)",
    )


class IndicatorDoc(_Strict):
    """One indicator (or task) of a plan."""

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    name: str = Field(min_length=1)
    group: str | None = None
    lead: str | None = None
    unit: str | None = None
    kind: Kind | None = None
    direction: DirectionWord | None = Field(
        default=None,
        description="which way is better: up (more), down (less), band (close to the target); "
        "the catalogue's default for its indicators, else up",
    )
    tolerance: Number | None = None
    target: Number | StructuredTarget
    attribute: Literal["预期性", "约束性"] | None = Field(
        default=None,
        description="a five-year indicator's attribute: 预期性 (expected) or 约束性 (binding)",
    )
    base: Number | None = Field(
        default=None,
        description="last year's full-year actual (the base of 翻一番-style targets); in a "
        "five-year plan, the base year's level",
    )
    base_ytd: Number | None = Field(
        default=None,
        description="last year's year-to-date actual at the plan's period (with base: the "
        "growth a rate target needs over the rest of the year)",
    )
    series: dict[Period | int, Number] | None = Field(
        default=None,
        description="earlier year-to-date figures of this year, period -> value (Q1: 180亿元); "
        "in a five-year plan, each year's figure, year -> value (2021: 8.4%)",
    )
    actual: Number | None = None
    progress: Number | None = None
    note: str | None = None
    source: str | None = Field(default=None, description="the words of the source document")
    reported: ReportedDoc | None = None


class PlanHead(_Strict):
    """A plan file's fields; indicators are checked one by one (see validate_document)."""

    govplan: int = Field(default=1, ge=1, le=1, description="format version")
    district: str = Field(min_length=1)
    city: str | None = None
    year: int = Field(ge=1949, le=2100)
    period: Period = "year"
    span: str | None = Field(
        default=None,
        description="a five-year plan's years, e.g. 2021-2025 (the base year is the one before); "
        "`year` is then the year its figures reach",
    )
    title: str | None = None
    source: dict[str, str | None] | None = None
    indicators: list[Any] = Field(min_length=1)


class PlanDoc(PlanHead):
    """A govplan plan file (format version 1)."""

    # Only `govplan schema` uses it (plans are checked head and indicators apart), so its
    # validator is built when first asked for, not on every start.
    model_config = ConfigDict(defer_build=True)
    indicators: list[IndicatorDoc] = Field(min_length=1)


def _fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the mapping at `loc` (for "did you mean")."""
    if not loc:
        return PlanDoc
    if loc[0] == "indicators" and len(loc) == 2:
        return IndicatorDoc
    if loc[0] == "indicators" and len(loc) >= 3:
        owners: dict[str, type[BaseModel]] = {"target": StructuredTarget, "reported": ReportedDoc}
        return owners.get(str(loc[2]))
    return None


def _sentence(msg: str) -> str:
    """pydantic's message as the rest of a sentence (only its first letter lowered)."""
    return msg[:1].lower() + msg[1:]


# Fields whose problems have a code of their own.
_FIELD_CODES: dict[str, CodeName] = {
    "year": "bad-year",
    "period": "bad-period",
    "govplan": "bad-version",
}


def _finding(error: Any, marks: Marks) -> Finding:
    """One pydantic error as a finding, at the key or at the value."""
    kind = error["type"]
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.endswith("]")))
    name = str(loc[-1]) if loc else "plan"
    given = error.get("input")
    at_value, at_key = marks.at(error["loc"]), marks.at(error["loc"], key=True)
    if len(loc) == 1 and name in _FIELD_CODES and kind != "missing":
        found = Said.of("shape.found", should=_should(error), got=repr(given))
        return refusal(at_value, _FIELD_CODES[name], found, f"{name}: ")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        import difflib  # only for a misspelt field

        close = difflib.get_close_matches(name, _fields(model), n=1) if model else []
        if close:
            return said(at_key, "unknown-field", "near", name=name, near=close[0])
        if model:
            known = ", ".join(_fields(model))
            return said(at_key, "unknown-field", "known", name=name, known=known)
        return said(at_key, "unknown-field", name=name)
    if kind == "missing":
        return said(at_key, "missing-field", name=name)
    if kind == "string_pattern_mismatch" and name in ("id", "sync"):
        return said(at_value, "bad-id", name=name, given=given)
    if kind == "literal_error":
        expected = _choices(error)
        return said(at_value, "bad-value", "not-one-of", name=name, given=given, expected=expected)
    got: Said | str = repr(given)
    if isinstance(given, dict):
        got = Said.of("shape.a-mapping")
    elif isinstance(given, list):
        got = Said.of("shape.a-list" if given else "shape.empty-list")
    found = Said.of("shape.found", should=_should(error), got=got)
    return refusal(at_value, "bad-type", found, f"{name}: ")


def _should(error: Any) -> Said:
    """What pydantic's error says the value should be, in govplan's words (both languages);
    a kind the plan format's fields cannot produce keeps pydantic's English."""
    ctx = error.get("ctx") or {}
    match error["type"]:
        case "string_type":
            return Said.of("shape.text")
        case "float_type" | "float_parsing":
            return Said.of("shape.number")
        case "dict_type" | "model_type":
            return Said.of("shape.mapping")
        case "list_type":
            return Said.of("shape.list")
        case "int_type" | "int_parsing" | "int_from_float" | "int_parsing_size":
            return Said.of("shape.whole")
        case "bool_type" | "bool_parsing":
            return Said.of("shape.boolean")
        case "greater_than_equal":
            return Said.of("shape.at-least", limit=ctx.get("ge"))
        case "less_than_equal":
            return Said.of("shape.at-most", limit=ctx.get("le"))
        case "string_too_short":
            return Said.of("shape.not-empty")
        case "string_too_long":
            return Said.of("shape.shorter", limit=ctx.get("max_length"))
        case "too_short":
            return Said.of("shape.items", least=ctx.get("min_length"))
        case "literal_error":
            return Said.of("shape.one-of", expected=_choices(error))
        case _:
            return Said.of("shape.other", says=_sentence(error["msg"]))


def _choices(error: Any) -> str:
    """The values a field allows, as pydantic lists them ('year', 'H1' or 'Q1'), without its
    English 'or', so that either language can show them."""
    expected = str((error.get("ctx") or {}).get("expected", ""))
    values = re.findall(r"'[^']*'", expected)
    return ", ".join(values) if values else expected


# How pydantic names the alternatives of `Number` (float | str) in an error's location; a
# stripped str is "constrained-str".
_UNION_MEMBERS = frozenset({"float", "str", "constrained-str"})


def _dedupe_union_errors(errors: list[Any]) -> list[Any]:
    # A field typed `A | B` reports one error per alternative; keep one per location,
    # preferring the mapping alternative's own messages when a mapping was given.
    seen: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        loc = tuple(error["loc"])
        key = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_MEMBERS))
        key = tuple(p for p in key if p != "StructuredTarget")
        if key not in seen:
            seen[key] = {**error, "loc": key}
    return list(seen.values())


def _findings(exc: ValidationError, marks: Marks, prefix: tuple[Any, ...] = ()) -> list[Finding]:
    findings = []
    for error in _dedupe_union_errors(exc.errors(include_url=False)):
        error = {**error, "loc": prefix + tuple(error["loc"])}
        findings.append(_finding(error, marks))
    return findings


# Stand-ins for an indicator's malformed or missing fields, so that its other fields are
# still checked (every finding in one run); such an indicator never reaches a result.
PLACEHOLDER_PREFIX = "invalid-"


def _salvage(item: Any, errors: list[Any], index: int) -> IndicatorDoc | None:
    if not isinstance(item, dict):
        return None
    bad = {str(e["loc"][0]) for e in errors if e["loc"]}
    kept = {k: v for k, v in item.items() if k not in bad and k in IndicatorDoc.model_fields}
    kept = {"id": f"{PLACEHOLDER_PREFIX}{index}", "name": "-", "target": "-", **kept}
    try:
        return IndicatorDoc.model_validate(kept)
    except ValidationError:
        return None


Shape = tuple[PlanHead | None, list[tuple[IndicatorDoc | None, bool]], list[Finding]]


def validate_document(loaded: Loaded) -> Shape:
    """Check the shape of a loaded plan: its head, then each indicator on its own, so that
    one malformed indicator does not hide the others' problems. Returns the head (None if
    malformed); per indicator, its document and whether it was well formed (a malformed
    one is salvaged from its well-formed fields, or None); and every finding."""
    marks: Marks = loaded.marks
    data = loaded.data
    if not isinstance(data, dict):
        return None, [], [said(marks.at(()), "bad-type", "not-a-mapping")]
    findings: list[Finding] = []
    head: PlanHead | None = None
    try:
        head = PlanHead.model_validate(data)
    except ValidationError as exc:
        findings.extend(_findings(exc, marks))
    items = data.get("indicators")
    indicators: list[tuple[IndicatorDoc | None, bool]] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            indicators.append((IndicatorDoc.model_validate(item), True))
        except ValidationError as exc:
            indicators.append((_salvage(item, exc.errors(), index), False))
            findings.extend(_findings(exc, marks, ("indicators", index)))
    return head, indicators, findings


def json_schema() -> dict[str, Any]:
    """The plan format as JSON Schema, derived from the models above."""
    schema = PlanDoc.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "govplan plan file"
    schema["description"] = (
        "A district's targets and actuals (format version 1); every field and form is "
        "described in govplan's docs/plan-format.md"
    )
    return schema
