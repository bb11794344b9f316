"""How each status is shown, in one place: its words in Chinese and English (and a five-year
plan's), its terminal style, its spreadsheet fill and its colour on a web page. A new status
is one case here: mypy fails on `look` until it has one (assert_never)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from govplan.terms import Status

GREEN, RED, BLUE, GREY, AMBER = "C6EFCE", "FFC7CE", "DDEBF7", "EDEDED", "FFEB9C"


@dataclass(frozen=True)
class Look:
    zh: str
    en: str
    style: str  # the terminal's (rich)
    fill: str  # a spreadsheet cell's background, RGB
    colour: str  # the text on a web page
    bold: bool = False  # on a web page
    span_zh: str | None = None  # a five-year plan's word, where it differs
    span_en: str | None = None


def look(status: Status) -> Look:
    match status:
        case Status.MET:
            return Look("达标", "met", "green", GREEN, "#1a7f37", span_zh="完成")
        case Status.MISSED:
            return Look("未达标", "missed", "bold red", RED, "#cf222e", True, span_zh="未完成")
        case Status.PENDING:
            return Look("待报", "pending", "dim", GREY, "#777")
        case Status.UNKNOWN:
            return Look("未知", "unknown", "yellow", AMBER, "#9a6700")
        case Status.DONE:
            return Look("已完成", "done", "green", GREEN, "#1a7f37")
        case Status.AHEAD:
            return Look(
                "超进度", "ahead", "green", GREEN, "#1a7f37",
                span_zh="快于预期", span_en="ahead of plan",
            )  # fmt: skip
        case Status.ON_TRACK:
            return Look("符合进度", "on track", "cyan", BLUE, "#0969da", span_zh="符合预期")
        case Status.BEHIND:
            return Look(
                "滞后", "behind", "bold red", RED, "#cf222e", True,
                span_zh="滞后于预期", span_en="behind plan",
            )  # fmt: skip
        case Status.ACHIEVED:
            return Look("提前实现", "achieved early", "bold green", GREEN, "#1a7f37")
        case _:
            assert_never(status)


LOOKS: dict[Status, Look] = {status: look(status) for status in Status}


def words(lang: str) -> dict[str, str]:
    """The labels of the statuses (met -> 达标), and of a five-year plan's where they differ
    (span:met -> 完成)."""
    zh = lang == "zh"
    found = {s.value: (shown.zh if zh else shown.en) for s, shown in LOOKS.items()}
    for s, shown in LOOKS.items():
        # English names a five-year status apart where Chinese does (完成 is met)
        span = shown.span_zh if zh else shown.span_en or (shown.en if shown.span_zh else None)
        if span is not None:
            found[f"span:{s.value}"] = span
    return found


def css() -> str:
    """A web page's rules: one class per status, its colour (bold where it warns)."""
    return "".join(
        f".{s.value}{{color:{shown.colour}{';font-weight:bold' if shown.bold else ''}}}"
        for s, shown in LOOKS.items()
    )
