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
from govplan.said import spoken
from govplan.terms import Direction, Form, Kind, Lang

FORM_WORDS: dict[Form, str] = {
    Form.MIN: "at least",
    Form.MAX: "at most (lower is better)",
    Form.ABOUT: "about",
    Form.TIERS: "two tiers: floor (确保) and stretch (力争)",
    Form.SYNC: "keep pace with another indicator's actual",
    Form.TEXT: "qualitative (no number to compare)",
    Form.PROGRESS: "progress task (% done against the calendar)",
    Form.SIGN: "sign-only: a change of that sign, of any size",
}


DIRECTION_WORDS: dict[Direction, str] = {
    Direction.UP: "more is better",
    Direction.DOWN: "less is better",
    Direction.BAND: "closest to the target is best",
}


def _range(pair: tuple[Decimal, Decimal] | None) -> str:
    return "-" if pair is None else f"[{plain(pair[0], 4)}, {plain(pair[1], 4)})"


def _implied_actual(result: Result, entry: AuditEntry) -> str | None:
    """For a published completion: the unrounded actual it implies, which is how a rate
    like 62.12% can be consistent with a printed actual of 3.7 against 6."""
    base = result.completion_base
    if entry.field != "completion" or not base or isinstance(entry.reported, str):
        return None
    implied = entry.reported * base / HUNDRED
    unit = result.indicator.target.unit or ""
    return (
        f"the published {plain(entry.reported, 6)}% implies an actual of {plain(implied, 4)} {unit}"
    )


def _pace_text(pace: Pace) -> str:
    left = 12 - pace.months
    if pace.rate:
        text = (
            f"the other {left} months need growth of {plain(pace.needed, 4)}% (from base and "
            f"base_ytd), against {plain(pace.so_far, 4)}% so far; the full year at this pace: "
            f"{plain(pace.projection, 4)}%"
        )
        plausible = "more than 10 pp above the target"
    else:
        unit = pace.unit or ""
        text = (
            f"(target − actual) / {left} months left = {plain(pace.needed, 4)} {unit} a month, "
            f"against actual / {pace.months} = {plain(pace.so_far, 4)} {unit} so far; year-end "
            f"at this pace: {plain(pace.projection, 4)} {unit}"
        )
        plausible = "more than twice the pace so far"
    return text + ("" if pace.reachable else f"; out of reach at a plausible pace ({plausible})")


def _no_completion(result: Result) -> str:
    if result.better is not Direction.UP:
        return "less (or closer) is better, so a ratio to the target means nothing"
    return "the target is zero or below, so a ratio to it means nothing"


def explain_lines(result: Result, lang: str = "en") -> list[str]:
    ind = result.indicator
    target = ind.target
    lines = [f"{ind.id}: {ind.name}  ({ind.location})"]
    add = lines.append
    add(f"  target      {target.text!r} -> {FORM_WORDS[target.form]}")
    for word, meaning in target.words:
        said = meaning.text(lang)
        add(f"              {word!r}: {said}" if word else f"              {said}")
    if target.multiple is not None and target.value is None:
        add(f"              the base times {target.multiple}: no `base:` given, so no number")
    if target.value is not None:
        add(f"              bound {target.value.number:f} {target.unit or '(no unit)'}")
    if target.stretch is not None:
        add(f"              stretch {target.stretch.number:f} {target.stretch.unit or ''}")
    if target.sync:
        add(f"              refers to indicator {target.sync!r}")
    add(
        f"  kind        {ind.kind.value}"
        + ("" if ind.unit is None else f"; indicator unit {ind.unit}")
    )
    add(f"  direction   {ind.direction.value} ({DIRECTION_WORDS[ind.direction]})")
    measured = ind.measured
    if measured is not None:
        approx = " (approximate)" if measured.approximate else ""
        add(f"  actual      {measured.text!r} = {measured.number:f} {measured.unit or ''}{approx}")
        half = spread(measured)
        if half:
            low, high = measured.number - half, measured.number + half
            add(f"              as printed it stands for [{low:f}, {high:f})")
        else:
            add("              a whole count: exact")
        if result.actual is not None and measured.number != result.actual:
            converted = f"{plain(result.actual, 6)} {target.unit or ''}"
            add(f"              = {converted} in the target's unit")
    elif ind.actual_text:
        add(f"  actual      {ind.actual_text!r} (words)")
    else:
        add("  actual      not reported")
    for period, value in ind.series:
        add(f"  series      {period}: {value.text!r} (year to date)")
    if result.expected is not None:
        add(f"  schedule    {plain(result.expected)}% of the work is due by the end of the period")
    if result.pace is not None:
        add(f"  pace        {_pace_text(result.pace)}")
    if result.reference_actual is not None:
        add(f"  reference   {result.reference} actual = {plain(result.reference_actual, 6)}")
    if result.tolerance is not None:
        add(f"  tolerance   {plain(result.tolerance, 6)}")
    if result.formula:
        add(f"  formula     {spoken(result.formula, lang)}")
    if result.gap is not None:
        add(f"  gap         {signed(result.gap, 6)} {result.gap_unit or ''}")
    if result.stretch_gap is not None:
        add(f"  stretch gap {signed(result.stretch_gap, 6)} {result.gap_unit or ''}")
    if result.completion is not None:
        add(f"  completion  {plain(result.completion, 6)}%")
    elif ind.kind is Kind.QUANTITY and result.actual is not None:
        add(f"  completion  none: {_no_completion(result)}")
    status = result.status.value
    if result.stretch_met is not None:
        status += f" (stretch {'met' if result.stretch_met else 'not met'})"
    reason = f": {result.reason.text(lang)}" if result.reason else ""
    add(f"  status      {status}{reason}")
    for entry in result.audit:
        reported = entry.reported if isinstance(entry.reported, str) else plain(entry.reported, 6)
        computed = entry.computed
        shown = computed if isinstance(computed, str) or computed is None else plain(computed, 6)
        add(
            f"  audit       {entry.field}: reported {reported}, computed {shown} -> {entry.verdict}"
        )
        if entry.reported_range is not None:
            add(f"              reported as printed stands for {_range(entry.reported_range)}")
        if entry.computed_range is not None:
            add(
                f"              computed from the actual as printed spans "
                f"{_range(entry.computed_range)}"
            )
        if entry.reason:
            add(f"              {entry.reason.text(lang)}")
        implied = _implied_actual(result, entry)
        if implied:
            add(f"              {implied}")
    if ind.note:
        add(f"  note        {ind.note}")
    return lines


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
    if lang == "zh":
        from govplan.render.explain_zh import chinese

        # the first line names the indicator and its place; the rest are govplan's words
        lines = [lines[0], *map(chinese, lines[1:])]
    return [*lines, *_span_lines(result, lang)]


def render_text(results: Sequence[Result], lang: str = "en") -> str:
    return "\n".join("\n".join(_lines(r, lang)) + "\n" for r in results)


def render_markdown(results: Sequence[Result], lang: str = "en") -> str:
    return "".join(f"```text\n{chr(10).join(_lines(r, lang))}\n```\n\n" for r in results)
