"""The target grammar: written targets (`7%以上`, `确保5%以上,力争5.5%`, `与经济增长同步`)
and the structured form, both parsed into one Target value."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from govplan.values import Value, ValueSyntaxError, normalize, parse_number, parse_value


class Form(StrEnum):
    MIN = "min"  # at least
    MAX = "max"  # at most (lower is better)
    ABOUT = "about"  # about, met within a tolerance below
    TIERS = "tiers"  # floor (确保) and stretch (力争)
    SYNC = "sync"  # at least another indicator's actual
    TEXT = "text"  # qualitative
    PROGRESS = "progress"  # a task reported as % done


FORMS_HELP = (
    "7% | 7%以上 | 不低于7% | 5.5%左右 | 约5.5% | 确保5%以上,力争5.5% | 5.5%左右(确保5%以上) | "
    "31以下 | 降至31微克/立方米以下 | 不超过3% | 控制在3%以内 | 与经济增长同步 | "
    "text without numbers"
)

ECONOMIC_GROWTH_ID = "gdp"


class TargetSyntaxError(ValueError):
    """A target that is none of the forms of the plan format."""

    def __init__(self, message: str, code: str = "bad-target") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Target:
    """A parsed target. `value` is the bound (the floor for two tiers)."""

    form: Form
    text: str
    value: Value | None = None
    stretch: Value | None = None
    tolerance: Decimal | None = None
    sync: str | None = None

    @property
    def unit(self) -> str | None:
        return self.value.unit if self.value is not None else None

    @property
    def direction(self) -> str:
        return "down" if self.form is Form.MAX else "up"


_UP_PREFIXES = ("不低于", ">=", "≥", "力争", "确保", "达到")
_ABOUT_PREFIXES = ("大约", "约")
_DOWN_PREFIXES = ("不超过", "不高于", "<=", "≤", "控制在", "降至", "降到", "降低到")
_UP_SUFFIXES = ("以上",)
_ABOUT_SUFFIXES = ("左右",)
_DOWN_SUFFIXES = ("以下", "以内")
_SYNC = re.compile(r"与经济增长(?:保持)?(?:基本)?同步")
_TIER_SEPARATORS = re.compile(r"[,;、]")
_BRACKETED = re.compile(r"(?P<outer>[^()]+)\((?P<inner>[^()]+)\)")
_HAS_DIGIT = re.compile(r"\d")
_NON_FINITE = frozenset({".inf", ".nan", "inf", "nan", "infinity"})


def _strip_affix(text: str, options: tuple[str, ...], *, prefix: bool) -> tuple[str, str | None]:
    for word in options:
        if prefix and text.startswith(word):
            return text[len(word) :], word
        if not prefix and text.endswith(word):
            return text[: -len(word)], word
    return text, None


def _bound(text: str, unit: str | None, original: str) -> tuple[Form, Value]:
    """One bound: a value with its qualifiers, e.g. `不低于7%`, `31以下`, `5.5%左右`."""
    rest, up_p = _strip_affix(text, _UP_PREFIXES, prefix=True)
    rest, about_p = _strip_affix(rest, _ABOUT_PREFIXES, prefix=True)
    rest, down_p = _strip_affix(rest, _DOWN_PREFIXES, prefix=True)
    rest, up_s = _strip_affix(rest, _UP_SUFFIXES, prefix=False)
    rest, about_s = _strip_affix(rest, _ABOUT_SUFFIXES, prefix=False)
    rest, down_s = _strip_affix(rest, _DOWN_SUFFIXES, prefix=False)
    up = bool(up_s) or (bool(up_p) and up_p not in ("力争", "确保", "达到"))
    about = bool(about_p or about_s)
    down = bool(down_p or down_s)
    if sum((up, about, down)) > 1:
        raise TargetSyntaxError(f"target {original!r} mixes 'at least', 'about' and 'at most'")
    try:
        value = parse_value(rest, unit=unit, allow_approximate=False)
    except ValueSyntaxError as exc:
        if exc.code == "unknown-unit":
            raise TargetSyntaxError(f"target {original!r}: {exc}", code=exc.code) from None
        raise TargetSyntaxError(
            f"target {original!r} is not a form govplan reads ({exc}); forms: {FORMS_HELP}"
        ) from None
    value = Value(value.number, value.unit, original.strip())
    if down:
        return Form.MAX, value
    if about:
        return Form.ABOUT, value
    return Form.MIN, value


def _tiers(text: str, unit: str | None, original: str) -> Target | None:
    """`确保5%以上,力争5.5%`, `力争5.5%,确保5%`, `5.5%左右(确保5%以上)`; None if not two tiers."""
    parts: list[str]
    m = _BRACKETED.fullmatch(text)
    if m:
        parts = [m.group("outer"), m.group("inner")]
    else:
        parts = [p for p in _TIER_SEPARATORS.split(text) if p]
    if len(parts) != 2:
        return None
    floor_text = next((p for p in parts if p.startswith("确保")), None)
    stretch_text = next((p for p in parts if p is not floor_text), None)
    if floor_text is None or stretch_text is None:
        return None
    if stretch_text.startswith("确保"):
        return None
    floor_form, floor = _bound(floor_text, unit, original)
    stretch_form, stretch = _bound(stretch_text, unit, original)
    if Form.MAX in (floor_form, stretch_form):
        raise TargetSyntaxError(f"two-tier target {original!r} must be 'at least' on both tiers")
    return Target(Form.TIERS, original.strip(), floor, stretch)


def parse_target(raw: object, *, unit: str | None = None) -> Target:
    """Parse a target as written in a plan, or its structured form (a mapping)."""
    if isinstance(raw, dict):
        return parse_structured(raw, unit=unit)
    if isinstance(raw, str):
        return _parse_written(raw, unit)
    return _parse_target(raw, unit)


# Plans repeat the same targets ("7%", "完成市下达目标任务"); a Target is immutable.
@functools.lru_cache(maxsize=8192)
def _parse_written(raw: str, unit: str | None) -> Target:
    return _parse_target(raw, unit)


def _parse_target(raw: object, unit: str | None) -> Target:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        raise TargetSyntaxError(f"target must be text, a number or a mapping, got {raw!r}")
    original = str(raw).strip()
    text = normalize(original)
    if not text:
        raise TargetSyntaxError("target is empty")
    if text.lower().lstrip("+-") in _NON_FINITE:
        raise TargetSyntaxError(f"target {original!r} is not a finite number")
    if _SYNC.fullmatch(text):
        return Target(Form.SYNC, original, sync=ECONOMIC_GROWTH_ID)
    if not _HAS_DIGIT.search(text):
        return Target(Form.TEXT, original)
    if "确保" in text and ("力争" in text or "(" in text):
        tiers = _tiers(text, unit, original)
        if tiers is not None:
            return tiers
        raise TargetSyntaxError(
            f"target {original!r} names 确保 but is not a two-tier form; forms: {FORMS_HELP}"
        )
    form, value = _bound(text, unit, original)
    return Target(form, original, value)


_STRUCTURED_KEYS = ("min", "max", "about", "floor", "stretch", "sync", "text", "progress")


def parse_structured(raw: dict[str, Any], *, unit: str | None = None) -> Target:
    """The structured form: {min: 7, unit: "%"}, {floor: 5, stretch: 5.5}, {sync: gdp}, ..."""
    present = [k for k in _STRUCTURED_KEYS if raw.get(k) is not None]
    unit = raw.get("unit") or unit
    unit = normalize(unit) if isinstance(unit, str) else unit

    def value(key: str) -> Value:
        try:
            return parse_value(raw[key], unit=unit, allow_approximate=False)
        except ValueSyntaxError as exc:
            raise TargetSyntaxError(f"target {key}: {exc}", code=exc.code) from None

    tolerance = None
    if raw.get("tolerance") is not None:
        try:
            tolerance = parse_number(normalize(str(raw["tolerance"])))
        except ValueSyntaxError as exc:
            raise TargetSyntaxError(f"target tolerance: {exc}") from None

    def shown(key: str) -> str:
        # The structured form, displayed the way the written form reads.
        v = value(key)
        return f"{v.number}{v.unit or ''}"

    if present == ["floor", "stretch"]:
        text = f"确保{shown('floor')},力争{shown('stretch')}"
        return Target(Form.TIERS, text, value("floor"), value("stretch"), tolerance)
    if len(present) != 1:
        raise TargetSyntaxError(
            "a structured target has exactly one of min, max, about, sync, text, progress "
            f"(or floor with stretch); got {', '.join(present) or 'none'}"
        )
    key = present[0]
    if key in ("min", "max", "about"):
        symbol = {"min": "≥", "max": "≤", "about": "≈"}[key]
        return Target(Form(key), f"{symbol}{shown(key)}", value(key), tolerance=tolerance)
    if key == "sync":
        return Target(Form.SYNC, f"与{raw['sync']}同步", sync=str(raw["sync"]))
    if key == "text":
        return Target(Form.TEXT, str(raw["text"]))
    if key == "progress":
        if str(raw["progress"]).lower() not in ("true", "yes", "1"):
            raise TargetSyntaxError("target progress: write `progress: true`")
        return Target(Form.PROGRESS, "progress")
    raise TargetSyntaxError(f"target {key} needs {'stretch' if key == 'floor' else 'floor'} too")
