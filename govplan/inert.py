"""Text from a plan made inert for terminals and documents: no control or escape character
reaches the output, so a plan file cannot rewrite what its reader sees."""

from __future__ import annotations

import re

# Anything not printable: C0 and C1 controls (ESC starts a terminal escape sequence), DEL,
# and format characters such as the bidirectional overrides. White space becomes a space.
_UNSAFE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def inert(text: str) -> str:
    """`text` with white space other than a space turned into a space and every other
    unprintable character shown as its escape (`\\x1b`, `\\u202e`)."""
    if text.isprintable():
        return text
    return _UNSAFE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch.isspace():
        return " "
    return ascii(ch)[1:-1]
