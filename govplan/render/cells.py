"""Display cells for people: one result's row, a plan's summary line, roll-up rows and the
comparison's rows, shared by the terminal table, Markdown and the other human formats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, assert_never

from govplan.catalogue import by_id, match_name
from govplan.errors import Finding
from govplan.inert import inert
from govplan.model import Indicator
from govplan.periods import name as period_name
from govplan.render.labels import _LABELS as _SPAN_LABELS
from govplan.render.labels import label
from govplan.render.numbers import (
    MINUS,
    amount_text,
    completion_text,
    gap_text,
    percent_text,
    plain,
    signed,
)
from govplan.results import HUNDRED, Report, Result
from govplan.terms import (
    SUMMARY_ORDER,
    Attribute,
    CompareMode,
    Kind,
    Lang,
    Measure,
    RollupKey,
    Status,
    Verdict,
)

if TYPE_CHECKING:  # the comparison, roll-up and trend are imported by the formats that show them
    from govplan.compare import Comparison, Row
    from govplan.fiveyear import Span
    from govplan.trend import Trend


@dataclass(frozen=True)
class Options:
    """What the person asked for: language, whether to show notes, and a roll-up key."""

    lang: Lang = Lang.ZH
    notes: bool = False
    by: RollupKey | None = None  # roll up by group or lead instead of listing results
    # machine formats: how many paths were asked for (one: an object; several: an array),
    # and the invalid plans among them, by their place in that list, with their findings
    paths: int = 1
    invalid: tuple[tuple[int, str, tuple[Finding, ...]], ...] = ()


def audit_mark(result: Result) -> str:
    if not result.audit:
        return ""
    if not result.inconsistent:
        unchecked = [a.field for a in result.audit if a.verdict is Verdict.UNVERIFIABLE]
        return "? " + ", ".join(unchecked) if unchecked else "✓"
    bad = (a.field for a in result.audit if a.verdict is Verdict.INCONSISTENT)
    return "✗ " + ", ".join(bad)


def status_text(result: Result, lang: Lang) -> str:
    key = result.status.value
    if result.evaluation is not None:  # 符合预期, 滞后于预期: the words of five-year evaluations
        key = f"span:{key}" if f"span:{key}" in _SPAN_LABELS[lang] else key
    text = label(key, lang)
    if result.stretch_met:
        text += f" ({label('stretch_met', lang)})"
    stretch = result.indicator.target.stretch
    if result.stretch_met is False and result.status is Status.MET and stretch is not None:
        # 达标 on the floor only: the headline (力争) figure is the one a reader looks for
        shown = f"{plain(stretch.number)}{stretch.unit or ''}"
        text += f" ({label('stretch_missed', lang).format(stretch=shown)})"
    return text


# A number as written in a target (6, 5.5, 1,200), not followed by more of the number, a
# numeral multiplier (6万) or a unit of its own.
_BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?![\d.,%万亿千百十A-Za-z])")


def target_text(result: Result) -> str:
    """The target as written, with the indicator's unit put where the document would put it
    when the target inherits it: `6以上` of 亿美元 reads `6亿美元以上`."""
    ind = result.indicator
    text = ind.target.text
    unit = ind.unit
    if not unit or unit in text or ind.target.unit != unit:
        return text
    return _BARE_NUMBER.sub(lambda m: m.group(0) + unit, text)


def _amount(number: Decimal, unit: str | None) -> str:
    return amount_text(number, unit)


def _rate(number: Decimal, lang: Lang) -> str:
    """A change in words: 下降3.28% / 增长5.51% (−3.28% / +5.51% in English)."""
    value = f"{plain(abs(number))}%"
    return label("fall" if number < 0 else "rise", lang).format(value=value)


def _years(first: int, year: int) -> str:
    return f"{first}-{year}" if first < year else str(year)


def evaluation_text(result: Result, lang: Lang) -> str:
    """What a five-year indicator's figures reach, naming the years: `2023年 66.16%`,
    `2021-2023 累计 下降3.28%`, `2021-2023 年均 增长5.51%`."""
    ev = result.evaluation
    assert ev is not None
    if ev.so_far is None:
        return _actual_text(result)
    where = {"year": ev.year, "range": _years(ev.first, ev.year)}
    match ev.measure:
        case Measure.LEVEL:
            return label("ev_level", lang).format(value=_amount(ev.so_far, ev.unit), **where)
        case Measure.AVERAGE | Measure.RELATIVE:
            assert ev.average is not None
            return label("ev_rate", lang).format(value=_rate(ev.average, lang), **where)
        case Measure.CHANGE:
            return label("ev_change", lang).format(value=_rate(ev.so_far, lang), **where)
        case Measure.TOTAL:
            return label("ev_total", lang).format(value=_amount(ev.so_far, ev.unit), **where)
        case Measure.TEXT:
            return _actual_text(result)
        case _:
            assert_never(ev.measure)


def evaluation_line(result: Result, lang: Lang) -> str | None:
    """The arithmetic an analyst checks by hand, in one line (--explain and the footer)."""
    ev = result.evaluation
    if ev is None or ev.so_far is None:
        return None
    name = indicator_name(result.indicator, lang)
    target = target_text(result)
    covered, expected = percent_text(ev.covered), percent_text(ev.expected)
    gap = ""
    if ev.final:
        # the last year: the verdict on the whole span, not a place on the path
        gap = label("final_verdict", lang).format(status=status_text_of(result.status, lang))
    elif ev.covered is not None and ev.expected is not None:
        diff = ev.covered - ev.expected
        gap = label("gap_ahead" if diff >= 0 else "gap_behind", lang).format(gap=plain(abs(diff)))
    left = ev.last - ev.year
    where = {"name": name, "range": _years(ev.first, ev.year), "year": ev.year, "last": ev.last}
    match ev.measure:
        case Measure.CHANGE | Measure.AVERAGE:
            assert ev.even is not None and ev.average is not None and ev.goal is not None
            needed = ""
            if ev.needed is not None and left:
                rate = _rate(ev.needed, lang)
                needed = label("needed_rate", lang).format(years=left, rate=rate)
            key = "line_change" if ev.measure is Measure.CHANGE else "line_average"
            return label(key, lang).format(
                change=_rate(ev.so_far, lang),
                average=_rate(ev.average, lang),
                target=target,
                goal=_rate(ev.goal, lang),
                even=_rate(ev.even, lang),
                covered=covered,
                expected=expected,
                gap=gap,
                needed=needed,
                **where,
            )
        case Measure.LEVEL:
            level, goal = _amount(ev.so_far, ev.unit), _amount(ev.goal or Decimal(0), ev.unit)
            if ev.base is None or ev.covered is None:
                return label("line_level_nobase", lang).format(level=level, goal=goal, **where)
            projection = _amount(ev.projection, ev.unit) if ev.projection is not None else ""
            return label("line_level_final" if ev.final else "line_level", lang).format(
                level=level,
                base=_amount(ev.base, ev.unit),
                goal=goal,
                covered=covered,
                expected=expected,
                gap=gap,
                projection=projection,
                **where,
            )
        case Measure.TOTAL:
            needed = ""
            if ev.needed is not None and left:
                amount = _amount(ev.needed, ev.unit)
                needed = label("needed_amount", lang).format(years=left, amount=amount)
            return label("line_total", lang).format(
                so_far=_amount(ev.so_far, ev.unit),
                goal=_amount(ev.goal or Decimal(0), ev.unit),
                covered=covered,
                expected=expected,
                gap=gap,
                needed=needed,
                **where,
            )
        case Measure.RELATIVE:
            assert ev.average is not None and ev.reference_average is not None
            years = ", ".join(f"{y} {plain(own)}%/{plain(ref)}%" for y, own, ref in ev.years)
            return label("line_relative", lang).format(
                average=_rate(ev.average, lang),
                ref=result.reference or "",
                reference=_rate(ev.reference_average, lang),
                years=years or "-",
                **where,
            )
        case Measure.TEXT:
            return None
        case _:
            assert_never(ev.measure)


def attribute_lines(report: Report, lang: Lang) -> list[str]:
    """A five-year plan's statuses counted by attribute (约束性 8 项: 提前实现 2, 符合预期 4,
    滞后于预期 2), and the binding indicators behind or missed, named."""
    if report.plan.span is None:
        return []
    lines = []
    groups: dict[Attribute | None, list[Result]] = {}
    for result in report.results:
        groups.setdefault(result.indicator.attribute, []).append(result)
    order: list[Attribute | None] = [*Attribute, None]
    for attribute in sorted(groups, key=order.index):
        results = groups[attribute]
        key = label(f"attribute:{attribute.value}" if attribute else "unattributed", lang)
        counts = [
            f"{status_text_of(s, lang)} {n}"
            for s in SUMMARY_ORDER
            if (n := sum(1 for r in results if r.status is s))
        ]
        lines.append(
            label("by_attribute", lang).format(
                attribute=key, n=len(results), counts=", ".join(counts)
            )
        )
    short = report.binding_short()
    if short:
        names = "、".join(
            f"{indicator_name(r.indicator, lang)} ({gap_text(r.gap, r.gap_unit)})" for r in short
        )
        lines.append(label("binding_short", lang).format(names=names))
    return [inert(line) for line in lines]


def status_text_of(status: Status, lang: Lang) -> str:
    """A five-year status word (符合预期 rather than a task's 符合进度)."""
    key = f"span:{status.value}"
    return label(key if key in _SPAN_LABELS[lang] else status.value, lang)


def _actual_text(result: Result) -> str:
    ind = result.indicator
    measured = ind.measured
    text = measured.text if measured is not None else (ind.actual_text or "")
    if text.startswith("-") and text[1:2].isdigit():
        text = MINUS + text[1:]  # one minus sign in what people read (JSON keeps "-")
    unit = ind.unit
    # A bare number written in a plan takes the indicator's unit for display.
    return f"{text} {unit}" if unit and text[-1:].isdigit() else text


def indicator_name(indicator: Indicator, lang: Lang) -> str:
    """The indicator's name; in English, the catalogue's English name where it is a
    catalogue indicator (by id or by name), else the name as written."""
    if lang is Lang.EN:
        entry = by_id(indicator.id) or match_name(indicator.name)
        if entry is not None:
            return entry.en
    return indicator.name


def row_cells(result: Result, number: int, options: Options) -> dict[str, str]:
    ind = result.indicator
    progress = ind.kind is Kind.PROGRESS
    cells = {
        "no": str(number),
        "id": ind.id,
        "indicator": indicator_name(ind, options.lang),
        "target": percent_text(result.expected) if progress else target_text(result),
        "actual": _actual_text(result)
        if result.evaluation is None
        else evaluation_text(result, options.lang),
        "expected": percent_text(result.evaluation.expected) if result.evaluation else "",
        "attribute": ind.attribute.value if ind.attribute else "",
        "gap": gap_text(result.gap, result.gap_unit),
        "completion": "" if progress else completion_text(result.completion),
        "status": status_text(result, options.lang),
        "audit": audit_mark(result),
        "note": ind.note or (result.reason.text(options.lang.value) if result.reason else ""),
    }
    return {key: inert(text) for key, text in cells.items()}


def summary_line(report: Report, lang: Lang) -> str:
    counts = report.counts()
    # Indicator plans always show 达标 / 未达标 / 待报, even at zero; others only when present.
    always = (Status.MET, Status.MISSED, Status.PENDING) if _has_indicators(report) else ()
    if report.plan.span is not None:
        always = ()
    parts = [
        f"{status_text_of(s, lang) if report.plan.span else label(s.value, lang)} {counts[s]}"
        for s in SUMMARY_ORDER
        if counts[s] or s in always
    ]
    line = " / ".join(parts)
    attributes = attribute_lines(report, lang)
    if attributes:
        line += "; " + "; ".join(attributes)
    audited = sum(len(r.audit) for r in report.results)
    if audited:
        bad = report.inconsistent()
        unchecked = sum(
            1 for r in report.results for a in r.audit if a.verdict is Verdict.UNVERIFIABLE
        )
        ok = audited - bad - unchecked
        line += "; " + label("audit_summary", lang).format(total=audited, ok=ok, bad=bad)
        if unchecked:
            line += label("audit_unverifiable", lang).format(n=unchecked)
    return line


def _has_indicators(report: Report) -> bool:
    return any(r.indicator.kind is not Kind.PROGRESS for r in report.results)


def rollup_rows(report: Report, by: RollupKey, lang: Lang) -> list[dict[str, str]]:
    """One row of display cells per roll-up, headed in the chosen language."""
    from govplan.rollup import rollup

    rows = []
    rollups = rollup(report, by)  # keys are plan text: made inert below
    # One column per status that occurs in the plan, in the summary's order.
    present = [s for s in SUMMARY_ORDER if any(r.counts[s] for r in rollups)]
    for roll in rollups:
        worst = roll.worst
        rows.append(
            {
                label(by.value, lang): inert(roll.key),
                label("total", lang): str(roll.total),
                **{label(s.value, lang): str(roll.counts[s]) for s in present},
                label("mean_progress", lang): percent_text(roll.mean_progress),
                label("worst", lang): ""
                if worst is None
                else inert(
                    f"{shorten(worst.indicator.name, 24)} ({gap_text(worst.gap, worst.gap_unit)})"
                ),
            }
        )
    return rows


def pace_lines(report: Report, lang: Lang) -> list[str]:
    """One line per indicator with a pace: what the rest of the year needs (需月均 57.5亿元,
    上半年月均 65.8亿元) and the year-end at the pace so far."""
    lines = []
    period = period_name(report.plan.period, lang.value)
    for result in report.results:
        line_of_span = evaluation_line(result, lang)
        if line_of_span is not None:
            lines.append(inert(line_of_span))
        pace = result.pace
        if pace is None:
            continue
        unit = "%" if pace.rate else (pace.unit or "")

        def shown(number: Decimal, unit: str = unit, rate: bool = pace.rate) -> str:
            # a quantity in the unit that reads best: 1666.67场次 a month, not 0.17万场次
            return f"{plain(number)}{unit}" if rate else amount_text(number, unit)

        line = label("pace_rate" if pace.rate else "pace_quantity", lang).format(
            name=indicator_name(result.indicator, lang),
            needed=shown(pace.needed),
            so_far=shown(pace.so_far),
            projection=shown(pace.projection),
            period=period,
        )
        if not pace.reachable:
            line += label("unreachable_rate" if pace.rate else "unreachable_quantity", lang)
        lines.append(inert(line))
    return lines


def shorten(text: str, width: int) -> str:
    """Long task content cut for the table (JSON and CSV keep it whole)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def plan_title(report: Report) -> str:
    """The plan's title, or its district and year."""
    plan = report.plan
    title = plan.title or f"{plan.district} {plan.year}"
    if plan.span is not None:
        title += f" ({label('span_title', Lang.ZH).format(span=plan.span, year=plan.year)})"
    return inert(title)


def source_line(report: Report, lang: Lang) -> str:
    """`来源: 2022年拱墅区…执行情况表, 区发改经信局, 2023-05-11`: the plan's source, as its
    file gives it ("" where it gives none)."""
    source = report.plan.source or {}
    parts = [str(source[k]) for k in ("title", "publisher", "date") if source.get(k)]
    return inert(label("source_line", lang).format(source=", ".join(parts))) if parts else ""


def numbering(report: Report) -> dict[str, int]:
    """Each indicator's number in its plan (序号), which filtering and sorting keep."""
    return {ind.id: i for i, ind in enumerate(report.plan.indicators, 1)}


# The comparison, for people.


def plan_label(comparison: Comparison, index: int, lang: Lang) -> str:
    """`拱墅区2022`; just `2022` when every plan is of one district."""
    plan = comparison.reports[index].plan
    district = "" if comparison.mode is CompareMode.YEARS else plan.district
    if plan.span is not None:
        return f"{district}{span_name(plan.span, lang)}"
    period = "" if plan.period == "year" else f" {plan.period}"
    return f"{district}{plan.year}{period}"


def span_name(span: Span, lang: Lang) -> str:
    """`十四五 (2021-2025)`, `14th FYP (2021-2025)`; the years alone for other spans."""
    n = span.ordinal
    if n is None:
        return str(span)
    if lang is Lang.ZH:
        name = ("十" if n >= 10 else "") + "一二三四五六七八九"[n % 10 - 1] if n % 10 else "十"
        return f"{name}五 ({span})"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} FYP ({span})"


def comparison_title(comparison: Comparison, lang: Lang) -> str:
    """`对比: 拱墅区2022 / 滨江区2023`: the plans lined up, in their order."""
    names = " / ".join(plan_label(comparison, i, lang) for i in range(len(comparison.reports)))
    if comparison.mode is CompareMode.YEARS and comparison.reports:
        names = f"{comparison.reports[0].plan.district} {names}"
    return inert(label("comparison_title", lang).format(plans=names))


def change_text(row: Row) -> str | None:
    """`7% → 5.5%左右(确保5%以上)`: the targets as written, first year to last."""
    present = [c for c in row.cells if c is not None]
    if len(present) < 2:
        return None
    return " → ".join(c.result.indicator.target.text for c in present)


def _delta_text(row: Row) -> str:
    if row.target_change is None:
        return ""
    unit = "pp" if row.unit == "%" else (row.unit or "")
    return f"{signed(row.target_change, 4)} {unit}".strip()


def comparison_rows(comparison: Comparison, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """Headings and cells for people (table and Markdown)."""
    heads = [label("indicator", lang)]
    for i in range(len(comparison.reports)):
        name = plan_label(comparison, i, lang)
        heads += [f"{name} {label('target', lang)}", f"{name} {label('actual', lang)}"]
    years = comparison.mode is CompareMode.YEARS
    if years:
        heads.append(label("target_change", lang))
    rows = []
    for row in comparison.rows:
        entry = by_id(row.id) if lang is Lang.EN else None
        name = entry.en if entry is not None else row.name
        cells = [name + (f" ({row.unit})" if row.unit and row.unit != "%" else "")]
        for cell in row.cells:
            if cell is None:
                cells += ["", ""]
                continue
            ind = cell.result.indicator
            actual = ""
            if cell.result.evaluation is not None:
                # a five-year result: what its figures reach, naming the years, and its word
                shown = evaluation_text(cell.result, lang)
                status = status_text_of(cell.result.status, lang)
                actual = f"{shown} {status}" if shown else ""
            elif cell.actual_value is not None:
                # every value with its unit (in the row's unit: 4.1029万人 beside 4.0万人)
                actual = plain(cell.actual_value, 4) + (row.unit or "")
            elif ind.actual is not None:
                actual = ind.actual.text
            if actual and cell.result.evaluation is None:
                actual += f" {label(cell.result.status.value, lang)}"
            if cell.best:
                actual = "★ " + actual
            cells += [target_text(cell.result), actual]
        if years:
            cells.append(_delta_text(row))
        rows.append([inert(c) for c in cells])
    return [inert(h) for h in heads], rows


# The trend, for people.


def trend_heading(report: Report, lang: Lang) -> str:
    """`拱墅区 2024 Q2`; a five-year plan's `全国 十四五 (2021-2025), 数据至 2025年`."""
    plan = report.plan
    if plan.span is None:
        return f"{plan.district} {plan.year} {plan.period}"
    reach = label("span_reach", lang).format(year=plan.year)
    return f"{plan.district} {span_name(plan.span, lang)}, {reach}"


def trend_words(report: Report, lang: Lang) -> dict[str, str]:
    """The headings of the schedule and projection: 时序进度 and 按目前进度全年 through a
    year, 应完成 and 按目前进度2025年 over a span."""
    span = report.plan.span
    if span is None:
        return {"schedule": label("schedule", lang), "projection": label("projection", lang)}
    return {
        "figures": label("span_figures", lang),
        "schedule": label("expected_share", lang),
        "projection": label("span_projection", lang).format(last=span.last),
    }


def trend_cells(trend: Trend, lang: Lang) -> dict[str, str]:
    """`走势 ▂▅`, the periods' figures, the schedule share at each, and the projection."""
    from govplan.trend import spark

    unit = trend.unit or ""
    points = trend.points

    def when(period: str) -> str:
        if trend.span is not None:  # a five-year plan's year
            return f"{period}年" if lang is Lang.ZH else period
        return period_name(period, lang.value)

    if trend.shares and all(p.completion is not None for p in points):
        done = [p.completion or Decimal(0) for p in points]
        high = max([HUNDRED, *done, *(p.schedule for p in points)])
        chart = spark(done, Decimal(0), high)
        schedule = spark([p.schedule for p in points], Decimal(0), high)
        figures = " → ".join(
            f"{when(p.period)} {plain(p.value)}{unit} ({completion_text(p.completion)})"
            for p in points
        )
    else:
        values = [p.value for p in points]
        reference = [trend.target] if trend.target is not None else []
        chart = spark(values, min([Decimal(0), *values]), max([*values, *reference]))
        schedule = ""
        figures = " → ".join(f"{when(p.period)} {plain(p.value)}{unit}" for p in points)
    projection = ""
    if trend.projection is not None:
        projection = f"{plain(trend.projection)}{unit}"
        if trend.projected_completion is not None:
            projection += f" ({completion_text(trend.projected_completion)})"
    shares = " → ".join(percent_text(p.schedule) for p in points) if schedule else ""
    cells = {
        "indicator": indicator_name(trend.result.indicator, lang),
        "target": target_text(trend.result),
        "chart": chart,
        "schedule_chart": schedule,
        "figures": figures,
        "schedule": shares,
        "projection": projection,
        "status": status_text(trend.result, lang),
    }
    return {key: inert(text) for key, text in cells.items()}
