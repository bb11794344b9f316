"""`check --explain ID`: how one indicator was read, computed and audited, step by step."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govplan.audit import spread
from govplan.fiveyear import Written
from govplan.inert import inert
from govplan.render.cells import evaluation_line
from govplan.render.numbers import plain, signed
from govplan.results import HUNDRED, AuditEntry, Pace, Report, Result
from govplan.said import Said, spoken
from govplan.terms import Direction, Form, Kind, Lang, Status

# The words for each form and direction (said.txt's form.* and better.*): a new member of
# either set fails the tests until it has its text.
FORM_WORDS: dict[Form, Said] = {form: Said.of(f"form.{form}") for form in Form}
DIRECTION_WORDS: dict[Direction, Said] = {d: Said.of(f"better.{d}") for d in Direction}


def _range(pair: tuple[Decimal, Decimal] | None) -> str:
    return "-" if pair is None else f"[{plain(pair[0], 4)}, {plain(pair[1], 4)})"


def _implied_actual(result: Result, entry: AuditEntry) -> Said | None:
    """For a published completion: the unrounded actual it implies, which is how a rate
    like 62.12% can be consistent with a printed actual of 3.7 against 6."""
    base = result.completion_base
    if entry.field != "completion" or not base or isinstance(entry.reported, str):
        return None
    implied = entry.reported * base / HUNDRED
    unit = result.indicator.target.unit or ""
    reported = plain(entry.reported, 6)
    return Said.of("explain.implied", reported=reported, actual=plain(implied, 4), unit=unit)


def _pace(pace: Pace) -> tuple[Said, ...]:
    left = 12 - pace.months
    numbers = {
        "needed": plain(pace.needed, 4),
        "so_far": plain(pace.so_far, 4),
        "projection": plain(pace.projection, 4),
    }
    if pace.rate:
        said = Said.of("explain.pace-rate", left=left, **numbers)
        beyond = Said.of("explain.out-of-reach-rate")
    else:
        unit = pace.unit or ""
        said = Said.of("explain.pace-quantity", left=left, months=pace.months, unit=unit, **numbers)
        beyond = Said.of("explain.out-of-reach-quantity")
    return (said,) if pace.reachable else (said, beyond)


def _as_status(text: Decimal | str | None) -> str | Said:
    """A published or computed figure as shown: a status by its name in the language."""
    if isinstance(text, str):
        return Said.of(f"status.{text}") if text in _STATUS_VALUES else text
    return "none" if text is None else plain(text, 6)


_STATUS_VALUES = frozenset(s.value for s in Status)


class _Lines:
    """The explanation's lines in one language: a label, then what is said."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []

    def add(self, label: str, *said: Said | str) -> None:
        """A line: `label` (said.txt's label.*, or "" to go on under the last one)."""
        text = "".join(s if isinstance(s, str) else s.text(self.lang) for s in said)
        if not label:
            self.lines.append(" " * 14 + text)
            return
        name = Said.of(f"label.{label}").text(self.lang)
        # a Chinese character is two columns wide
        width = 2 * len(name) if self.lang == "zh" else len(name)
        head = name + " " * max(1, 12 - width)
        self.lines.append(f"  {head}{text}")


def explain_lines(result: Result, lang: str = "en") -> list[str]:
    ind = result.indicator
    target = ind.target
    out = _Lines(lang)
    out.lines.append(f"{ind.id}: {ind.name}  ({ind.location})")
    out.add("target", f"{target.text!r} -> ", FORM_WORDS[target.form])
    for word, meaning in target.words:
        out.add("", f"{word!r}: " if word else "", meaning)
    if target.multiple is not None and target.value is None:
        out.add("", Said.of("explain.no-base-multiple", multiple=target.multiple))
    no_unit = Said.of("explain.no-unit").text(lang)
    if target.value is not None:
        number, unit = f"{target.value.number:f}", target.unit or no_unit
        out.add("", Said.of("explain.bound", number=number, unit=unit))
    if target.stretch is not None:
        number, unit = f"{target.stretch.number:f}", target.stretch.unit or ""
        out.add("", Said.of("explain.stretch", number=number, unit=unit))
    if target.sync:
        out.add("", Said.of("explain.refers-to", ref=target.sync))
    kind = Said.of(f"kind.{ind.kind}")
    if ind.unit is None:
        out.add("kind", Said.of("explain.kind", kind=kind))
    else:
        out.add("kind", Said.of("explain.kind-unit", kind=kind, unit=ind.unit))
    direction = Said.of(f"direction.{ind.direction}")
    better = DIRECTION_WORDS[ind.direction]
    out.add("direction", Said.of("explain.direction", direction=direction, better=better))
    _actual_lines(out, result)
    if result.expected is not None:
        out.add("schedule", Said.of("explain.schedule", share=plain(result.expected)))
    if result.pace is not None:
        out.add("pace", *_pace(result.pace))
    if result.reference_actual is not None:
        value = plain(result.reference_actual, 6)
        out.add("reference", Said.of("explain.reference", ref=result.reference, value=value))
    if result.tolerance is not None:
        out.add("tolerance", plain(result.tolerance, 6))
    if result.formula:
        out.add("formula", spoken(result.formula, lang))
    if result.gap is not None:
        out.add("gap", f"{signed(result.gap, 6)} {result.gap_unit or ''}")
    if result.stretch_gap is not None:
        out.add("stretch-gap", f"{signed(result.stretch_gap, 6)} {result.gap_unit or ''}")
    if result.completion is not None:
        out.add("completion", f"{plain(result.completion, 6)}%")
    elif ind.kind is Kind.QUANTITY and result.actual is not None:
        down = result.better is not Direction.UP
        out.add(
            "completion",
            Said.of("explain.completion-none-down" if down else "explain.completion-none-zero"),
        )
    status: Said = Said.of(f"status.{result.status}")
    if result.stretch_met is not None:
        status = Said.of(
            "explain.stretch-met" if result.stretch_met else "explain.stretch-not-met",
            status=status,
        )
    reason: tuple[Said | str, ...] = (": ", result.reason) if result.reason else ()
    out.add("status", status, *reason)
    for entry in result.audit:
        _audit_lines(out, result, entry)
    if ind.note:
        out.add("note", ind.note)
    return out.lines


def _actual_lines(out: _Lines, result: Result) -> None:
    ind = result.indicator
    measured = ind.measured
    if measured is not None:
        number, unit = f"{measured.number:f}", measured.unit or ""
        actual = Said.of(
            "explain.actual-approximate" if measured.approximate else "explain.actual",
            text=measured.text,
            number=number,
            unit=unit,
        )
        out.add("actual", actual)
        half = spread(measured)
        if half:
            low, high = f"{measured.number - half:f}", f"{measured.number + half:f}"
            out.add("", Said.of("explain.printed", low=low, high=high))
        else:
            out.add("", Said.of("explain.exact"))
        if result.actual is not None and measured.number != result.actual:
            value = f"{plain(result.actual, 6)} {ind.target.unit or ''}"
            out.add("", Said.of("explain.converted", value=value))
    elif ind.actual_text:
        out.add("actual", Said.of("explain.in-words", text=ind.actual_text))
    else:
        out.add("actual", Said.of("explain.not-reported"))
    for period, figure in ind.series:
        out.add("series", Said.of("explain.series", period=period, text=figure.text))


def _audit_lines(out: _Lines, result: Result, entry: AuditEntry) -> None:
    out.add(
        "audit",
        Said.of(
            "explain.audit",
            field=Said.of(f"field.{entry.field}"),
            reported=_as_status(entry.reported),
            computed=_as_status(entry.computed),
            verdict=Said.of(f"verdict.{entry.verdict}"),
        ),
    )
    if entry.reported_range is not None:
        out.add("", Said.of("explain.reported-range", range=_range(entry.reported_range)))
    if entry.computed_range is not None:
        out.add("", Said.of("explain.computed-range", range=_range(entry.computed_range)))
    if entry.reason:
        out.add("", entry.reason)
    implied = _implied_actual(result, entry)
    if implied:
        out.add("", implied)


def find(reports: Sequence[Report], ident: str) -> list[Result]:
    """Indicator `ident` in each plan that has it."""
    return [r for report in reports for r in report.results if r.indicator.id == ident]


_WRITTEN = {
    Written.YEAR: ("the year's figure", "当年数"),
    Written.SINCE_BASE: ("since the base year", "自基期累计"),
    Written.AVERAGE: ("average a year since the base year", "自基期年均"),
}


def _span_lines(result: Result, lang: str) -> list[str]:
    """A five-year indicator's figures by year and the arithmetic of its judgement, written
    in the chosen language directly."""
    ev = result.evaluation
    if ev is None:
        return []
    zh = lang == "zh"
    lines = []
    for figure in result.indicator.years:
        said = _WRITTEN[figure.written][1 if zh else 0]
        head = "各年        " if zh else "year        "
        lines.append(f"  {head}{figure.year}: {figure.value.text!r} ({said})")
    line = evaluation_line(result, Lang(lang))
    if line is not None:
        lines.append(f"  {'五年进度    ' if zh else 'span        '}{line}")
    return [inert(line) for line in lines]


def _lines(result: Result, lang: str) -> list[str]:
    lines = [inert(line) for line in explain_lines(result, lang)]
    return [*lines, *_span_lines(result, lang)]


def render_text(results: Sequence[Result], lang: str = "en") -> str:
    return "\n".join("\n".join(_lines(r, lang)) + "\n" for r in results)


def render_markdown(results: Sequence[Result], lang: str = "en") -> str:
    return "".join(f"```text\n{chr(10).join(_lines(r, lang))}\n```\n\n" for r in results)
