"""The indicator catalogue: names and aliases across plans map to one id."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from govplan.catalogue import by_id, entries, match_name, name_key
from govplan.terms import Direction


def test_ids_are_unique_and_slugs() -> None:
    ids = [e.id for e in entries()]
    assert len(ids) == len(set(ids))
    assert all(e.kind in ("rate", "quantity") for e in entries())
    assert {e.direction for e in entries()} <= {Direction.UP, Direction.DOWN, Direction.BAND}
    # consumer prices are a ceiling (the plan format, changed 2026-12-02; it was a band)
    assert next(e for e in entries() if e.id == "cpi").direction is Direction.DOWN


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("地区生产总值增长", "gdp"),
        ("城镇调查失业率", "unemployment-rate"),
        ("居民消费价格涨幅", "cpi"),
        ("单位地区生产总值能耗", "energy-intensity"),
        ("地区生产总值", "gdp"),
        ("一般公共预算收入", "budget-revenue"),
        ("地方一般公共预算收入", "budget-revenue"),
        ("财政收入增长", "budget-revenue"),
        ("固定资产投资力争增长", "fixed-asset-investment"),
        ("实际利用外资(亿美元)", "fdi"),
        ("新增就业(万人)", "new-jobs"),
        ("Ｒ＆Ｄ经费支出力争增长", "rd-spending"),
        ("加梯(台)", "elevators"),
    ],
)
def test_match_name(name: str, ident: str) -> None:
    entry = match_name(name)
    assert entry is not None and entry.id == ident


def test_unrelated_names_do_not_match() -> None:
    assert match_name("商贸业增加值增长") is None
    assert name_key("企业上市(家)") == "企业上市"


def test_every_indicator_in_more_than_one_plan_is_in_the_catalogue() -> None:
    seen: dict[str, set[str]] = {}
    for path in Path("plans").glob("*.yaml"):
        for ind in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]:
            if ind["target"] != {"progress": True}:
                seen.setdefault(ind["id"], set()).add(path.name)
    shared = {ident for ident, files in seen.items() if len(files) > 1}
    assert shared, "the plans share indicators"
    assert all(by_id(ident) is not None for ident in shared), shared - {e.id for e in entries()}


def test_every_data_file_of_the_package_is_shipped() -> None:
    # a data file missing from package-data works in the editable install and fails after
    # a plain `pip install .`
    import tomllib

    root = Path(__file__).resolve().parents[1]
    shipped = set(
        tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
            "govplan"
        ]
    )
    present = {
        p.name for p in (root / "govplan").iterdir() if p.suffix in (".txt", ".yaml", ".typed")
    }
    assert present <= shipped
