"""The tables written without rich are rich's own lines, character for character: every
shipped plan at many widths, and generated tables of every kind of cell."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from govplan.render.cells import Options
from govplan.render.grid import Cell, Column, Fitted, Grid, Line
from govplan.render.table import render_report
from govplan.terms import Lang
from tests.built import report_of_path
from tests.fuzz import examples

PLANS = sorted(Path("plans").glob("*.yaml"))
WIDTHS = (40, 60, 79, 80, 99, 100, 101, 120, 140, 200)


def by_rich(output: object, width: int) -> str:
    file = io.StringIO()
    Console(width=width, no_color=True, emoji=False, file=file, legacy_windows=False).print(output)
    return file.getvalue()


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", list(Lang))
def test_each_plan_is_rich_s_table_at_every_width(path: Path, lang: Lang) -> None:
    report = report_of_path(str(path))
    for notes in (False, True):
        output = render_report([report], Options(lang=lang, notes=notes))
        for width in WIDTHS:
            plain = output.plain(width)
            if plain is not None:
                assert plain == by_rich(output, width), (width, notes)


@pytest.mark.parametrize("path", ["plans/gongshu-2022.yaml", "plans/gongshu-2024-q2.yaml"])
def test_the_benchmarked_tables_need_no_rich_at_120(path: str) -> None:
    # The point of the plain form: a pipe or a CI log waits for rich's layout only where a
    # cell wraps (a long name or target, a group name wider than the names).
    assert render_report([report_of_path(path)], Options()).plain(120) is not None


def test_what_rich_would_wrap_is_left_to_rich() -> None:
    long = Grid("t", [Column("a", width=4, overflow="fold")])
    long.add_row(Cell("一二三四五"))
    assert long.plain(80) is None
    assert Fitted(lambda width: [Line("x" * 81)]).plain(80) is None
    assert Fitted(lambda width: [Line("x" * 80)]).plain(80) == "x" * 80 + "\n"
    markup = Grid("t", [Column("a")])
    markup.add_row(Cell("[b]x[/b]", raw=True))  # rich would read a raw str as markup
    assert markup.plain(80) is None
    for odd in ("trailing ", "a\tb", "a\x1bb"):  # rich strips, expands or escapes these
        grid = Grid("t", [Column("a")])
        grid.add_row(Cell(odd))
        assert grid.plain(80) is None, odd


def test_a_cut_cell_ends_as_rich_cuts_it() -> None:
    grid = Grid("区", [Column("牵头单位", no_wrap=True, width=5)])
    grid.add_row(Cell("区发改经信局"))
    plain = Fitted(lambda width: [grid]).plain(40)
    assert plain is not None and "区发…" in plain
    assert plain == by_rich(Fitted(lambda width: [grid]), 40)


TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab 12.%+−*…/") + list("区指标增长达标未拱墅") + ["％", "（", "）"]
    ),
    max_size=14,
)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    columns = [
        Column(
            draw(TEXT),
            justify=draw(st.sampled_from(["left", "right", "center"])),
            no_wrap=draw(st.booleans()),
            overflow=draw(st.sampled_from(["fold", "ellipsis"])),
            width=draw(st.none() | st.integers(1, 12)),
        )
        for _ in range(draw(st.integers(1, 6)))
    ]
    grid = Grid(draw(TEXT), columns, compact=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 6))):
        count = draw(st.integers(1, len(columns)))
        cells = [
            Cell(draw(TEXT), raw=draw(st.booleans()), tail=draw(st.sampled_from(["", " *"])))
            for _ in range(count)
        ]
        grid.add_row(*cells, style=draw(st.sampled_from([None, "bold red"])))
        if draw(st.booleans()):
            grid.add_section()
    return grid


@settings(max_examples=examples(300), deadline=None)
@given(grids(), st.lists(TEXT, max_size=3), st.integers(10, 160))
def test_generated_tables_are_rich_s_own(grid: Grid, lines: list[str], width: int) -> None:
    output = Fitted(lambda w: [grid, *map(Line, lines)])
    plain = output.plain(width)
    if plain is not None:
        assert plain == by_rich(output, width)
