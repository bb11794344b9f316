"""The format registries: every entry resolves to a renderer, and --format offers exactly
the registry's names."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.render.formats import REGISTRIES, Format, _load

runner = CliRunner()

COMMAND_OF = {"report": "check", "comparison": "compare", "findings": "validate"}


@pytest.mark.parametrize(
    ("registry", "name"), [(r, n) for r, (table, _) in REGISTRIES.items() for n in table]
)
def test_every_entry_is_a_renderer_of_its_registrys_signature(registry: str, name: str) -> None:
    """A renderer that could not be called as its command calls it fails here, not in a
    user's run: the registry's parameters, in order, and nothing else required."""
    table, parameters = REGISTRIES[registry]
    fn = _load(table[name])
    assert inspect.isfunction(fn), (registry, name)
    params = list(inspect.signature(fn).parameters.values())
    assert [p.name for p in params[: len(parameters)]] == list(parameters), (registry, name)
    extra = [p for p in params[len(parameters) :] if p.default is inspect.Parameter.empty]
    assert not extra, (registry, name, extra)


def test_a_renderer_of_the_wrong_signature_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above fails on the experiment: a report renderer that takes one argument."""
    import types

    module = types.ModuleType("govplan.render.broken")
    module.render_report = lambda reports: ""  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "govplan.render.broken", module)
    fn = _load(Format("broken:render_report"))
    names = [p.name for p in inspect.signature(fn).parameters.values()]
    assert names != list(REGISTRIES["report"][1])


@pytest.mark.parametrize("registry", sorted(COMMAND_OF))
def test_format_choices_come_from_the_registry(registry: str) -> None:
    help_text = runner.invoke(app, [COMMAND_OF[registry], "--help"], env={"COLUMNS": "200"})
    assert "|".join(REGISTRIES[registry][0]) in help_text.stdout


def test_an_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    result = runner.invoke(app, ["check", "plans/gongshu-2022.yaml", "-f", "yaml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "table, json, csv, markdown" in result.stderr


def test_explain_refuses_a_format_it_has_not() -> None:
    result = runner.invoke(
        app, ["check", "plans/gongshu-2022.yaml", "--explain", "gdp", "--lang", "en", "-f", "csv"]
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert "--explain gives table, json, markdown" in result.stderr


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_an_option_a_format_cannot_honour_is_an_error(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"t.{fmt}"
    result = runner.invoke(
        app, ["check", "plans/gongshu-2024-q2.yaml", "--by", "lead", "-f", fmt, "-o", str(out)]
    )
    assert result.exit_code == 2 and "--by is shown by table" in result.stderr
    assert not out.exists()
