"""govplan validate: the corpus of bad files, warnings, formats, directories, the schema."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.codes import CODE_NAMES, CODES, rules_markdown
from govplan.errors import Severity
from tests.built import findings_of

CORPUS = Path(__file__).parent / "corpus"
runner = CliRunner()


def _expected() -> list[tuple[str, str, int | None]]:
    rows = []
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, code, at = line.split("\t")
        rows.append((name, code, None if at == "-" else int(at)))
    return rows


EXPECTED = _expected()


def test_every_corpus_file_has_an_expectation() -> None:
    assert {name for name, _, _ in EXPECTED} == {p.name for p in CORPUS.glob("*.yaml")}


@pytest.fixture(params=["fast", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every corpus case with libyaml's parser and with PyYAML's pure-Python one."""
    if request.param == "pure":
        import yaml

        from govplan import load

        monkeypatch.setattr(load, "_loader_class", lambda: yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize(("name", "code", "line"), EXPECTED)
def test_corpus(name: str, code: str, line: int | None, loader: str) -> None:
    path = str(CORPUS / name)
    findings = findings_of(path)
    hits = [f for f in findings if f.code == code and f.severity is Severity.ERROR]
    assert hits, findings
    if line is not None:
        assert hits[0].location.line == line, hits[0]
    assert all(f.location.file == path for f in findings)
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 2
    assert f"error {code} " in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_hundred_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: nothing is written or read
    (finding,) = findings_of(str(big))
    assert finding.code == "too-large"


def test_deep_block_nesting(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    # block nesting grows the file quadratically: 1,000 levels is already 1 MB
    deep.write_text("".join("  " * i + f"k{i}:\n" for i in range(1_000)), encoding="utf-8")
    (finding,) = findings_of(str(deep))
    assert finding.code == "too-deep"


def test_plans_directory_is_clean() -> None:
    result = runner.invoke(app, ["validate", "plans/"])
    assert result.exit_code == 0, result.stdout
    # The one finding is the published evaluation's own: the 十三五 优良天数 gap of 2.5 pp
    # answers a target of 84.5%, not the table's >80% (the plan file's header says so).
    assert result.stdout.splitlines() == [
        "plans/china-2016-2020-ecology.yaml:46:33: warning inconsistent-reported published gap "
        "2.5 does not match govplan's 7"
    ]
    shipped = len(list(Path("plans").glob("*.yaml")))
    assert f"{shipped} files, 0 errors, 1 warnings" in result.stderr


def test_all_findings_of_all_files_in_one_run(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text("district: [", encoding="utf-8")
    (tmp_path / "sub" / "b.yml").write_text(
        "district: x\nyear: 2022\nindicators:\n  - {id: A, name: A, target: 提升到了7%}\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 2, "errors": 3, "warnings": 0}
    codes = sorted((Path(f["file"]).name, f["code"], f["line"]) for f in data["findings"])
    assert codes == [
        ("a.yaml", "yaml-syntax", 1),
        ("b.yml", "bad-id", 4),
        ("b.yml", "bad-target", 4),
    ]


def test_directory_without_plans_and_missing_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path), "nowhere.yaml"])
    assert result.exit_code == 2
    assert "error no-plans" in result.stdout and "nowhere.yaml: error io" in result.stdout


def test_warnings_exit_0_or_1_with_strict(write: Callable[..., str]) -> None:
    path = write(
        "district: a\nyear: 2022\nindicators:\n"
        "  - {id: a, name: A, target: 7%, actual: 8%, reported: {gap: 3}}\n"
        "  - {id: b, name: B, target: 与经济增长同步, actual: 3%, note: no}\n"
        "  - {id: c, name: C, unit: 个, target: 0, actual: -2}\n"
    )
    findings = [(f.location.line, f.code, f.severity) for f in findings_of(path)]
    assert findings == [
        (4, "inconsistent-reported", Severity.WARNING),
        (5, "unresolved-reference", Severity.WARNING),
        (5, "yaml11", Severity.WARNING),
        (6, "negative-count", Severity.WARNING),
    ]
    assert runner.invoke(app, ["validate", path]).exit_code == 0
    assert runner.invoke(app, ["validate", path, "--strict"]).exit_code == 1


def test_tab_after_colon_is_read(write: Callable[..., str]) -> None:
    path = write("district:\ta\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%}\n")
    assert findings_of(path) == []


def test_github_annotations_chosen_automatically(write: Callable[..., str]) -> None:
    path = write("district: a\nyear: 2022\nindicators:\n  - {id: a, name: 'A, b', taget: '7%'}\n")
    result = runner.invoke(app, ["validate", path], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert (
        f"::error file={path},line=4,col=27,title=unknown-field::unknown field 'taget'; did you mean 'target'?"
        in lines
    )
    plain = runner.invoke(app, ["validate", path], env={"GITHUB_ACTIONS": ""})
    assert plain.stdout.startswith(f"{path}:")


def test_every_code_is_documented() -> None:
    written = (Path("docs") / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), "docs/rules.md is not codes.py's: run `make rules`"


def test_emit_sites_use_only_documented_codes() -> None:
    # Every Finding's code is typed CodeName, so mypy (in CI) checks each emit site against
    # this list; the list and the documented table must be the same set.
    assert len(CODE_NAMES) == len(set(CODE_NAMES))
    assert set(CODE_NAMES) == set(CODES)


def test_every_documented_code_is_emitted_somewhere() -> None:
    import ast

    literals: set[str] = set()
    for source in Path("govplan").rglob("*.py"):
        if source.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
    assert set(CODES) - literals == set()


def test_schema_is_derived_from_the_model_and_accepts_every_plan() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert json.loads((Path("docs") / "plan.schema.json").read_text(encoding="utf-8")) == schema
    for plan in sorted(Path("plans").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(plan.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {
                "district": "a",
                "year": 2022,
                "indicators": [{"id": "a", "name": "A", "taget": "7%"}],
            },
            schema,
        )


def test_validate_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, target: 7%}\n", encoding="utf-8"
    )
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    runner.invoke(app, ["validate", str(path)])
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_catalogue_name_under_another_id_is_a_warning(write: Callable[..., str]) -> None:
    path = write(
        "district: a\nyear: 2022\nindicators:\n  - {id: growth, name: 地区生产总值增长, target: 7%}\n  - {id: trade, name: 商贸业增加值增长, target: 9%}\n"
    )
    (finding,) = findings_of(path)
    assert (finding.location.line, finding.code, finding.severity) == (
        4,
        "catalogue-id",
        Severity.WARNING,
    )
    assert "'gdp'" in finding.message


# The common mistakes of people typing plans in Chinese: a located message in Chinese that
# says what to type instead (the corpus files hold one mistake each).
TYPING = [
    ("full-width-space.yaml", 5, "缩进中有全角空格; 请改用半角空格缩进"),
    ("tab-indent.yaml", 5, "缩进中有制表符 (Tab); YAML 只能用空格缩进, 请把 Tab 换成空格"),
    ("bad-indent.yaml", 7, "此行缩进与上文不一致"),
    ("colon-in-value.yaml", 6, '请给整个值加上引号: name: "目标: 7%"'),
    ("unclosed-quote.yaml", 6, "此处的引号没有闭合"),
    ("full-width-colon.yaml", None, "请改为半角冒号 ':'"),
]


@pytest.mark.parametrize(("name", "line", "words"), TYPING)
def test_typing_mistakes_are_told_in_chinese(name: str, line: int | None, words: str) -> None:
    path = str(CORPUS / name)
    result = runner.invoke(app, ["validate", path, "--lang", "zh"])
    assert result.exit_code == 2
    (shown,) = result.stdout.splitlines()
    assert words in shown and " error yaml-syntax " in shown
    if line is not None:
        assert shown.startswith(f"{path}:{line}:")
    english = runner.invoke(app, ["validate", path, "--lang", "en"]).stdout
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english.split(" yaml-syntax ")[1][:12])


def test_every_code_has_chinese_and_english_texts() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    for code, c in CODES.items():
        assert all(c.text("en")) and all(c.text("zh")), code
        # the Chinese text is Chinese, not an English text copied over
        assert all(han.search(t) for t in c.text("zh")[:2]), code


def test_the_locale_chooses_the_language_of_messages(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text(
        "district: a\nyear: 2022\nindicators:\n  - {id: a, name: A, taget: 7%}\n", "utf-8"
    )
    chinese = runner.invoke(app, ["validate", str(bad)], env={"LANG": "zh_CN.UTF-8"})
    assert "error unknown-field 未知字段 'taget'; 是否应为 'target'?" in chinese.stdout
    english = runner.invoke(app, ["validate", str(bad)], env={"LANG": "en_GB.UTF-8"})
    assert "error unknown-field unknown field 'taget'" in english.stdout
    data = json.loads(runner.invoke(app, ["validate", str(bad), "-f", "json"]).stdout)
    zh = {f["code"]: f["message_zh"] for f in data["findings"]}
    assert zh["unknown-field"] == "未知字段 'taget'; 是否应为 'target'?"
    assert zh["missing-field"] == "缺少必填字段 'target'"


def test_a_findings_severity_is_its_codes() -> None:
    """A check cannot choose a severity: the code's declared one is the finding's, and only
    a repository's settings override it (so SARIF, exit codes and docs never disagree)."""
    from govplan.codes import CODES
    from govplan.errors import Finding, Location

    for code, declared in CODES.items():
        assert Finding(Location("p.yaml", 1, 1), code, "m").severity == declared.severity
    made = Finding(Location("p.yaml"), "yaml11", "m", override=Severity.ERROR)
    assert made.severity is Severity.ERROR
    with pytest.raises(TypeError):
        Finding(Location("p.yaml"), "yaml11", "m", Severity.ERROR)  # type: ignore[call-arg]
