"""What govplan says about a result (why it is unknown, how it was computed) as a value: a
template of said.txt and its particulars, spoken in English or Chinese only when shown."""

from __future__ import annotations

import functools
import re
import string
from typing import NamedTuple

from govplan.shipped import shipped


class Template(NamedTuple):
    """One text in English and in Chinese, with its particulars as str.format fields."""

    en: str
    zh: str

    def fields(self, lang: str) -> frozenset[str]:
        """The particulars the text in `lang` takes."""
        text = self.zh if lang == "zh" else self.en
        return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)

    @property
    def particulars(self) -> frozenset[str]:
        """What a user of the template must give: both languages' fields."""
        return self.fields("en") | self.fields("zh")


_SECTION = re.compile(r"\[([a-z0-9-]+(?:\.[a-z0-9-]+)?)\]")


def parse_templates(text: str, name: str) -> dict[str, Template]:
    """A catalogue of templates (messages.txt, said.txt): `[key]` or `[key.variant]`, then
    `en = ...` and `zh = ...`; a malformed one is refused with its line."""
    found: dict[str, dict[str, str]] = {}
    section = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head = _SECTION.fullmatch(line)
        if head:
            section = head.group(1)
            if section in found:
                raise ValueError(f"{name}:{number}: [{section}] is given twice")
            found[section] = {}
            continue
        key, sep, value = line.partition(" = ")
        if section is None or not sep or key not in ("en", "zh") or key in found[section]:
            raise ValueError(f"{name}:{number}: expected `en = ...` or `zh = ...`")
        found[section][key] = value
    incomplete = [s for s, texts in found.items() if set(texts) != {"en", "zh"}]
    if incomplete:
        raise ValueError(f"{name}: [{incomplete[0]}] needs both en and zh")
    return {s: Template(texts["en"], texts["zh"]) for s, texts in found.items()}


@functools.cache
def catalogue(name: str) -> dict[str, Template]:
    """One of the package's catalogues, read once."""
    return parse_templates(shipped(name).read_text(encoding="utf-8"), name)


CATALOGUE = "said.txt"


class Said(NamedTuple):
    """A template's key and its particulars; a particular may itself be Said (a status's
    name), and is then spoken in the same language."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **fields: object) -> Said:
        return cls(key, tuple(fields.items()))

    def text(self, lang: str = "en") -> str:
        template = catalogue(CATALOGUE)[self.key]
        values = {k: v.text(lang) if isinstance(v, Said) else v for k, v in self.fields}
        return (template.zh if lang == "zh" else template.en).format(**values)


class SaidError(ValueError):
    """An error whose message is said in both languages; str() is the English, and a finding
    made from it takes both."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.text("en"))
        self.said = said


def spoken(parts: tuple[Said, ...], lang: str = "en") -> str:
    """Several things said, one after another (a formula's steps)."""
    return "; ".join(part.text(lang) for part in parts)
