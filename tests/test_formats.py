"""The format registries: every entry resolves to a renderer, and --format offers exactly
the registry's names."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.render.formats import REGISTRIES, renderer

runner = CliRunner()

COMMAND_OF = {"report": "check", "comparison": "compare", "findings": "validate"}


@pytest.mark.parametrize(
    ("registry", "name"), [(r, n) for r, table in REGISTRIES.items() for n in table]
)
def test_every_entry_is_a_function(registry: str, name: str) -> None:
    fn = renderer(REGISTRIES[registry][name])
    assert inspect.isfunction(fn), (registry, name)


@pytest.mark.parametrize("registry", sorted(COMMAND_OF))
def test_format_choices_come_from_the_registry(registry: str) -> None:
    help_text = runner.invoke(app, [COMMAND_OF[registry], "--help"], env={"COLUMNS": "200"})
    assert "|".join(REGISTRIES[registry]) in help_text.stdout


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
