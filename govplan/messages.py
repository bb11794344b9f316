"""Finding messages from their templates (messages.txt), in English and Chinese at once."""

from __future__ import annotations

from govplan.codes import CodeName
from govplan.errors import Finding, Location
from govplan.said import Said, Template, catalogue

CATALOGUE = "messages.txt"


def templates() -> dict[str, Template]:
    return catalogue(CATALOGUE)


def said(location: Location, code: CodeName, variant: str = "", /, **fields: object) -> Finding:
    """A finding whose message is the template `code` (or `code.variant`) filled with its
    particulars, in both languages."""
    template = templates()[f"{code}.{variant}" if variant else code]
    return Finding(
        location,
        code,
        template.en.format(**fields),
        message_zh=template.zh.format(**fields),
    )


def refusal(location: Location, code: CodeName, said: Said, head: str = "") -> Finding:
    """A finding from what a parser said (a SaidError's), after `head` (the field as the
    plan writes it: `actual: `), in both languages."""
    return Finding(location, code, head + said.text("en"), message_zh=head + said.text("zh"))
