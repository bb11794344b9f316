"""messages.txt: every template in both languages with the same fields, and every message
the code asks for is there with the fields it gives."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.codes import CODES
from govplan.messages import templates
from govplan.said import Template, parse_templates
from tests import scan
from tests.scan import calls, strings

runner = CliRunner()


def test_every_template_is_a_codes_and_speaks_both_languages_with_the_same_fields() -> None:
    for section, template in templates().items():
        assert section.split(".")[0] in CODES, section
        # the same particulars, a NAME_zh standing for NAME's Chinese wording
        assert template.fields("en") == {f.removesuffix("_zh") for f in template.fields("zh")}, (
            section
        )
        assert any("\u4e00" <= ch <= "\u9fff" for ch in template.zh), section


_MAKERS = ("said", "say", "_warning", "_fail", "_refuse", "whole", "fail")


def _asked() -> list[tuple[str, int, str, frozenset[str] | None]]:
    """Every call in govplan that makes a finding from messages.txt: (file, line, section,
    the fields it names, or None where it passes them as **fields)."""
    asked = []
    for path, node in calls():
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in _MAKERS:
            continue
        texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        code = next((t for t in texts if isinstance(t, str) and t in CODES), None)
        if code is None:
            continue  # the definition's own call, passing its parameters on
        at = texts.index(code) + 1
        variants = strings(node.args[at]) if at < len(node.args) else [""]
        named = scan.fields(node, besides=frozenset({"at"}))
        for variant in variants:
            section = f"{code}.{variant}" if variant else code
            asked.append((str(path), node.lineno, section, named))
    return asked


def test_every_message_asked_for_is_there_with_its_fields() -> None:
    asked = _asked()
    assert len(asked) > 30  # the scan sees the calls
    for file, line, section, fields in asked:
        assert section in templates(), f"{file}:{line}: no [{section}] in messages.txt"
        if fields is not None:
            assert fields == templates()[section].particulars, f"{file}:{line}: {section}"
    used = {section for _, _, section, _ in asked}
    assert set(templates()) <= used, set(templates()) - used  # none left unused


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[a]\nen = x\n", "needs both en and zh"),
        ("[a]\nen = x\nzh = 甲\n[a]\nen = y\nzh = 乙\n", "given twice"),
        ("en = x\n", "expected `en = ...`"),
        ("[a]\nfr = x\n", "expected `en = ...`"),
    ],
)
def test_a_malformed_catalogue_is_refused_with_its_line(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=r"messages\.txt:") as caught:
        parse_templates(text, "messages.txt")
    assert problem in str(caught.value)


def test_a_template_fills_both_languages() -> None:
    template = Template("published {field}", "公布的{field_zh}")
    assert template.particulars == {"field", "field_zh"}


def test_chinese_messages_are_chinese_throughout(tmp_path: Path) -> None:
    """A misspelt field, a duplicate id and an unresolved reference, as a Chinese analyst
    reads them: the particulars in a Chinese sentence, not an English one."""
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "district: 测试区\nyear: 2022\nindicators:\n"
        "  - {id: a, name: 甲, taget: 7%}\n"
        "  - {id: b, name: 乙, target: 5%, actual: 6%}\n"
        "  - {id: b, name: 丙, target: 3%}\n",
        encoding="utf-8",
    )
    out = runner.invoke(app, ["validate", str(plan), "--lang", "zh"]).stdout
    assert "未知字段 'taget'; 是否应为 'target'?" in out
    assert "指标 id 'b' 重复使用 (首次在第 5 行)" in out
    english = runner.invoke(app, ["validate", str(plan), "--lang", "en"]).stdout
    assert "unknown field 'taget'; did you mean 'target'?" in english
    warned = tmp_path / "w.yaml"
    warned.write_text(
        "district: 测试区\nyear: 2022\nindicators:\n"
        "  - {id: a, name: 居民收入, target: 与经济增长同步, actual: 6%}\n",
        encoding="utf-8",
    )
    check = runner.invoke(app, ["check", str(warned), "--lang", "zh"])
    assert "引用的指标 'gdp' 不在计划中" in check.stderr
