"""The loader: marks, bounds, and every hostile input turned into a located error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govplan import load
from govplan.errors import Finding
from govplan.load import Refused, load_text, read_file, reading
from govplan.model import read_plan
from tests.fuzz import examples


def fails(text: str) -> Refused:
    with pytest.raises(Refused) as info:
        load_text(text, "p.yaml")
    return info.value


def stopped(path: str) -> list[Finding]:
    """The findings that stop reading a file (it must not be read)."""
    loaded, found = reading(lambda: read_file(path))
    assert loaded is None and found
    return found


def test_marks_point_at_keys_and_values() -> None:
    loaded = load_text("district: 拱墅区\nindicators:\n  - id: gdp\n    target: 7%\n", "p.yaml")
    assert loaded.data == {"district": "拱墅区", "indicators": [{"id": "gdp", "target": "7%"}]}
    assert str(loaded.marks.at(("indicators", 0, "target"))) == "p.yaml:4:13"
    assert str(loaded.marks.at(("indicators", 0, "target"), key=True)) == "p.yaml:4:5"
    assert str(loaded.marks.at(("indicators", 0))) == "p.yaml:3:5"
    # an absent node falls back to its nearest ancestor
    assert str(loaded.marks.at(("indicators", 0, "actual"))) == "p.yaml:3:5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", "no"),  # YAML 1.1 would make this False
        ("a: 010", "010"),  # ... octal 8
        ("a: 1:12", "1:12"),  # ... sexagesimal 72
        ("a: 2022-09-31", "2022-09-31"),  # ... a ValueError in PyYAML's date constructor
        ("a: 001", "001"),
        ("a: 1.4539e4", "1.4539e4"),
        ("a: ~", None),
        ("a:", None),
        ("a: 'null'", "null"),
    ],
)
def test_plain_scalars_stay_text(text: str, expected: object) -> None:
    assert load_text(text, "p.yaml").data == {"a": expected}


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    err = fails("district: a\nindicators: []\nyear: 1\nindicators: []\n")
    (finding,) = err.findings
    assert finding.code == "duplicate-key"
    assert (finding.location.line, finding.location.column) == (4, 1)
    assert "first at line 2" in finding.message


def test_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    err = fails("\n".join(lines))
    assert err.findings[0].code == "too-large"
    assert err.findings[0].location.line > 1


def test_small_aliases_are_allowed() -> None:
    assert load_text("a: &x 7%\nb: *x\n", "p.yaml").data == {"a": "7%", "b": "7%"}


@pytest.fixture(params=["fast", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each case runs with the C parser first (where PyYAML has it) and with none at all."""
    if request.param == "pure":
        import yaml

        monkeypatch.setattr(load, "_loader_class", lambda: yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize("depth", [65, 999, 1_001, 30_000])
def test_deep_flow_nesting_is_an_error_not_a_crash(depth: int, parser: str) -> None:
    # libyaml 0.2.5 as bundled in PyYAML 6.0.4 refuses flow nesting past 1,000 levels with
    # its own message before any event reaches govplan; the verdict must not depend on it.
    err = fails("a: " + "[" * depth + "]" * depth)
    assert err.findings[0].code == "too-deep"
    assert (err.findings[0].location.line, err.findings[0].location.column) == (1, 67)
    assert err.findings[0].message == "nesting deeper than 64 levels"


@pytest.mark.parametrize(
    "text",
    [
        "district: [",
        "a: [1, 2\n",
        "a: {b: 1\nc: 2\n",
        "a:\n  - b\n c: 1\n",
        "a: 'unclosed\n",
        "a: b: c\n",
        "a: \x07\n",
        "\ta: 1\n",
    ],
)
def test_a_syntax_error_is_the_same_whichever_parser_reads_first(text: str) -> None:
    import yaml

    fast = fails(text).findings
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(load, "_loader_class", lambda: yaml.SafeLoader)
        pure = fails(text).findings
    assert [(f.code, f.location, f.message) for f in fast] == [
        (f.code, f.location, f.message) for f in pure
    ]


def test_deep_block_nesting_is_an_error(parser: str) -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(200))
    assert fails(text).findings[0].code == "too-deep"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("base: &b {a: 1}\nx:\n  <<: *b\n", "merge keys"),
        ("a: !!python/object:os.system x\n", "tag"),
        ("a: !custom 1\n", "tag"),
        ("a: 1\n---\nb: 2\n", "several YAML documents"),
        ("a: [1, 2\n", "expected"),
        ("? [a, b]\n: c\n", "plain text"),
        ("a: *nowhere\n", "alias"),
    ],
)
def test_yaml_hazards_are_located_errors(text: str, needle: str) -> None:
    err = fails(text)
    assert needle in err.findings[0].message
    assert err.findings[0].location.line >= 1


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "~\n"])
def test_empty_file(text: str) -> None:
    assert fails(text).findings[0].code == "empty"


def test_full_width_colon_is_named_on_its_line() -> None:
    err = fails("year: 2022\ndistrict：拱墅区\n")
    finding = err.findings[0]
    assert finding.location.line == 2
    assert "full-width colon" in finding.message


def test_control_character_is_located() -> None:
    err = fails("a: 1\nb: \x07\n")
    assert err.findings[0].location.line == 2


@pytest.mark.parametrize(
    ("raw", "needle", "line"),
    [
        (b"a: 1\nb: \xff\xfe\n", "not valid UTF-8", 2),
        (b"a: 1\nname: caf\xe9\n", "not valid UTF-8", 2),  # latin-1: no Chinese in GB18030
        ("district: 拱墅区\n".encode("utf-16"), "UTF-16", 1),
    ],
)
def test_encodings(write: Callable[..., str], raw: bytes, needle: str, line: int) -> None:
    found = stopped(write("", raw=raw))
    assert needle in found[0].message
    assert found[0].location.line == line


def test_utf8_bom_is_accepted(write: Callable[..., str]) -> None:
    path = write("", raw="\ufeffdistrict: 拱墅区\n".encode())
    assert read_file(path).data == {"district": "拱墅区"}


def test_size_is_bounded_before_reading(
    write: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "MAX_BYTES", 100)
    assert stopped(write("a: " + "x" * 200))[0].code == "too-large"


def test_missing_file_and_directory(tmp_path: object) -> None:
    assert stopped("/nonexistent/plan.yaml")[0].message == "no such file"
    assert "directory" in stopped(str(tmp_path))[0].message


@settings(max_examples=examples(100), deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_escapes_as_another_exception(text: str) -> None:
    loaded, found = reading(lambda: load_text(text, "p.yaml"))
    if loaded is None:
        assert found and all(f.location.file == "p.yaml" for f in found)


_yaml_chars = st.sampled_from(list("abc:-[]{}&*!|>'\"#,? \n\t0123456789%万人<")) | st.characters()


@settings(max_examples=examples(100), deadline=None)
@given(st.text(_yaml_chars, max_size=200))
def test_yaml_like_text_never_escapes(text: str) -> None:
    reading(lambda: load_text(text, "p.yaml"))


def test_a_gbk_file_is_read_with_a_warning_that_says_how_to_convert_it(tmp_path: Path) -> None:
    """Notepad's "ANSI" on a Chinese Windows: the plan is read, with a legacy-encoding
    warning at its first Chinese character, and validate --strict fails on it."""
    from typer.testing import CliRunner

    from govplan.cli.main import app

    path = tmp_path / "plan.yaml"
    path.write_bytes(
        "district: 拱墅区\nyear: 2022\nindicators:\n"
        "  - {id: gdp, name: 地区生产总值增长, target: 7%, actual: 1.5%}\n".encode("gb18030")
    )
    plan, found = read_plan(str(path))
    assert plan is not None
    assert plan.district == "拱墅区" and plan.indicators[0].name == "地区生产总值增长"
    (warning,) = found
    assert warning.code == "legacy-encoding" and warning.location.line == 1
    assert "iconv -f GB18030 -t UTF-8" in warning.message and "-Encoding 936" in warning.message
    runner = CliRunner()
    check = runner.invoke(app, ["check", str(path)])
    assert check.exit_code == 0 and "legacy-encoding" in check.stderr  # shown, still valid
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == 1


@pytest.mark.parametrize(
    "text",
    [
        "a: @b\n",  # a character that cannot start a value
        "a: `x\n",
        "a: [1, 2\n",  # a flow sequence never closed
        "a: {b: 1\n",
        'a: "\\q"\n',  # an unknown escape
        "a: |0\n  x\n",  # a block scalar's indentation indicator
        "a: 'b\n",  # a quote never closed (explained by govplan's own words)
        "a:\n  - x\n y: 1\n",  # indentation (govplan's own words)
    ],
)
def test_parser_messages_are_said_in_both_languages(text: str) -> None:
    # The English is PyYAML's word for word (or govplan's own for the common mistakes);
    # the Chinese says the same, with nothing of PyYAML's English frame left.
    import yaml

    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=yaml.SafeLoader)
    exc = caught.value
    (finding,) = load.reading(lambda: load_text(text, "p.yaml"))[1]
    assert finding.code == "yaml-syntax"
    pyyaml = f"{exc.context}: {exc.problem}" if exc.context else str(exc.problem)
    english, chinese = finding.text("en"), finding.text("zh")
    assert english == pyyaml or "quote" in english or "indentation" in english
    assert any("\u4e00" <= c <= "\u9fff" for c in chinese)
    for frame in ("while ", "found character", "expected ", "unknown escape"):
        assert frame not in chinese, chinese


def test_a_message_pyyaml_has_not_been_seen_to_use_is_shown_as_written() -> None:
    assert load._parser_said("while scanning a thing", "found something new") is None
    assert load._parser_said(None, "found something new") is None
    said = load._parser_said(None, "could not find expected ':'")
    assert said is not None and said.text("en") == "could not find expected ':'"
