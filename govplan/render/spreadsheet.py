"""Text for spreadsheets: a cell that Excel or LibreOffice would run as a formula is made
inert, as OWASP advises against CSV injection."""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


def inert_cell(text: str) -> str:
    """A text cell a spreadsheet will not run: one that starts like a formula (= + - @, tab,
    carriage return) gets a leading apostrophe, unless it is just a number (-3.4%), which a
    spreadsheet reads as the number it is."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
