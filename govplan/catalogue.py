"""The indicator catalogue (govplan/catalogue.yaml): standard ids, names and aliases, so
that indicators named differently across plans are recognised as the same."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from govplan.shipped import shipped
from govplan.terms import Attribute, Direction
from govplan.values import normalize

_UNIT_SUFFIX = re.compile(r"\([^()]*\)$")
_NOISE_WORDS = ("力争", "增长")


@dataclass(frozen=True)
class Entry:
    id: str
    zh: str
    en: str
    kind: str
    direction: Direction
    aliases: tuple[str, ...]
    # the national 纲要's 预期性/约束性, where it was read: a five-year plan's default
    attribute: Attribute | None = None


def name_key(name: str) -> str:
    """A name as compared: NFKC, no spaces, no trailing "(unit)", without 增长 and 力争."""
    key = _UNIT_SUFFIX.sub("", normalize(name))
    for word in _NOISE_WORDS:
        key = key.replace(word, "")
    return key


@functools.cache
def entries() -> tuple[Entry, ...]:
    """The catalogue, read once per process."""
    import yaml

    text = shipped("catalogue.yaml").read_text(encoding="utf-8")
    # the package's own data, text throughout: the C loader when there is one (the
    # pure-Python one costs tens of milliseconds on every run), without YAML's type guessing
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return tuple(
        Entry(
            id=e["id"],
            zh=e["zh"],
            en=e["en"],
            kind=e["kind"],
            direction=Direction(e["direction"]),
            aliases=tuple(e.get("aliases") or ()),
            attribute=Attribute(e["attribute"]) if e.get("attribute") else None,
        )
        for e in yaml.load(text, Loader=loader)
    )


@functools.cache
def _by_name() -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for entry in entries():
        for name in (entry.zh, *entry.aliases):
            index.setdefault(name_key(name), entry)
    return index


@functools.cache
def _by_id() -> dict[str, Entry]:
    return {entry.id: entry for entry in entries()}


def by_id(ident: str) -> Entry | None:
    return _by_id().get(ident)


@functools.lru_cache(maxsize=4096)  # plans repeat the same names
def match_name(name: str) -> Entry | None:
    """The catalogue entry an indicator name stands for, if any."""
    return _by_name().get(name_key(name))
