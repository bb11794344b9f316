"""Finding messages from their templates (messages.txt), in English and Chinese at once."""

from __future__ import annotations

import functools
import re
import string
from typing import NamedTuple

from govplan.codes import CodeName
from govplan.errors import Finding, Location
from govplan.shipped import shipped


class Template(NamedTuple):
    en: str
    zh: str

    def fields(self, lang: str) -> frozenset[str]:
        """The particulars the text in `lang` takes."""
        text = self.zh if lang == "zh" else self.en
        return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)

    @property
    def particulars(self) -> frozenset[str]:
        """What a finding must give: both languages' fields."""
        return self.fields("en") | self.fields("zh")


_SECTION = re.compile(r"\[([a-z0-9-]+(?:\.[a-z0-9-]+)?)\]")


def parse_templates(text: str) -> dict[str, Template]:
    """messages.txt: `[code]` or `[code.variant]`, then `en = ...` and `zh = ...`."""
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
                raise ValueError(f"messages.txt:{number}: [{section}] is given twice")
            found[section] = {}
            continue
        key, sep, value = line.partition(" = ")
        if section is None or not sep or key not in ("en", "zh") or key in found[section]:
            raise ValueError(f"messages.txt:{number}: expected `en = ...` or `zh = ...`")
        found[section][key] = value
    incomplete = [s for s, texts in found.items() if set(texts) != {"en", "zh"}]
    if incomplete:
        raise ValueError(f"messages.txt: [{incomplete[0]}] needs both en and zh")
    return {s: Template(texts["en"], texts["zh"]) for s, texts in found.items()}


@functools.cache
def templates() -> dict[str, Template]:
    return parse_templates(shipped("messages.txt").read_text(encoding="utf-8"))


def said(location: Location, code: CodeName, variant: str = "", **fields: object) -> Finding:
    """A finding whose message is the template `code` (or `code.variant`) filled with its
    particulars, in both languages."""
    template = templates()[f"{code}.{variant}" if variant else code]
    return Finding(
        location,
        code,
        template.en.format(**fields),
        message_zh=template.zh.format(**fields),
    )
