"""Plain text for pipes and logs: the trend as one line per indicator, no box drawing."""

from __future__ import annotations

from collections.abc import Sequence

from govplan.render.cells import Options, trend_cells, trend_heading, trend_words
from govplan.results import Report
from govplan.trend import Trend


def render_trend(trends: Sequence[tuple[Report, list[Trend]]], options: Options) -> str:
    lang = options.lang
    lines = []
    for report, found in trends:
        lines.append(trend_heading(report, lang))
        words = trend_words(report, lang)
        for trend in found:
            c = trend_cells(trend, lang)
            line = f"  {c['indicator']}  {c['chart']}  {c['figures']}"
            if c["schedule"]:
                line += f"  | {words['schedule']} {c['schedule_chart']} {c['schedule']}"
            if c["projection"]:
                line += f"  | {words['projection']} {c['projection']}"
            lines.append(line)
    return "\n".join(lines) + "\n"
