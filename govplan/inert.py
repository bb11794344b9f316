"""Text from a plan made inert for terminals and documents: no control or escape character
reaches the output, so a plan file cannot rewrite what its reader sees."""

from __future__ import annotations

# Blank fillers: letters that print as nothing (Hangul fillers), so they can hide text.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def inert(text: str) -> str:
    """`text` with white space other than a space turned into a space, and every character
    Python does not call printable (C0 and C1 controls, DEL, every format character of
    Unicode Cf: bidirectional overrides, U+061C, the soft hyphen, U+180E, U+FFF9, the tag
    characters; surrogates, private use, unassigned) or that prints as a blank filler shown
    as its escape (`\\x1b`, `\\u202e`)."""
    if text.isprintable() and _FILLERS.isdisjoint(text):
        return text
    return "".join(_shown(ch) for ch in text)


def _shown(ch: str) -> str:
    if ch == " " or (ch.isprintable() and ch not in _FILLERS):
        return ch
    if ch.isspace():
        return " "
    return ascii(ch)[1:-1]
