"""The target vocabulary (verbs, qualifiers, tier, rank, zero and numeral words), loaded once
from the shipped `words.txt`."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from govplan.said import Said, SaidError
from govplan.shipped import shipped

# A merged index: (word length, {word: section}) longest first; first and last characters.
_Merged = tuple[tuple[tuple[int, dict[str, str]], ...], tuple[frozenset[str], frozenset[str]]]


@dataclass(frozen=True)
class Vocabulary:
    """Every section of words.txt: words longest first, and the values of `word = value`."""

    sections: dict[str, tuple[str, ...]]
    values: dict[str, dict[str, str]]

    def words(self, section: str) -> tuple[str, ...]:
        return self.sections.get(section, ())

    def value(self, section: str, word: str) -> str | None:
        return self.values.get(section, {}).get(word)

    def prefix(self, text: str, *sections: str) -> tuple[str, str] | None:
        """The longest word of `sections` that `text` starts with, and its section."""
        return self._longest(text, sections, from_end=False)

    def suffix(self, text: str, *sections: str) -> tuple[str, str] | None:
        """The longest word of `sections` that `text` ends with, and its section."""
        return self._longest(text, sections, from_end=True)

    def _longest(
        self, text: str, sections: tuple[str, ...], *, from_end: bool
    ) -> tuple[str, str] | None:
        index, ends = self._merged(sections)
        if not text or text[-1 if from_end else 0] not in ends[from_end]:
            return None  # no word of these sections starts (or ends) with that character
        size = len(text)
        # one dict lookup per word length, longest first; the first fit is the longest
        for length, words in index:
            if length > size:
                continue
            part = text[size - length :] if from_end else text[:length]
            section = words.get(part)
            if section is not None:
                return part, section
        return None

    def _merged(self, sections: tuple[str, ...]) -> _Merged:
        """The words of `sections` by length, longest first, each with the first of the
        sections that has it (so that on a tie the section named first wins); and the
        characters they start and end with."""
        found = self._merged_by_sections.get(sections)
        if found is None:
            by_length: dict[int, dict[str, str]] = {}
            for section in sections:
                for word in self.sections.get(section, ()):
                    by_length.setdefault(len(word), {}).setdefault(word, section)
            every = [word for words in by_length.values() for word in words]
            ends = (frozenset(w[0] for w in every), frozenset(w[-1] for w in every))
            found = (tuple(sorted(by_length.items(), reverse=True)), ends)
            self._merged_by_sections[sections] = found
        return found

    @functools.cached_property
    def _merged_by_sections(self) -> dict[tuple[str, ...], _Merged]:
        # filled on first use of each combination of sections (a handful, fixed by the code)
        return {}

    @functools.cached_property
    def grammar_characters(self) -> frozenset[str]:
        """Characters of verbs, qualifiers and tier words: never a counting word of their own."""
        chars: set[str] = set()
        for section, words in self.sections.items():
            if section.split()[0] in ("verb", "prefix", "suffix", "open", "tier", "increment"):
                for word in words:
                    chars.update(ch for ch in word if "\u4e00" <= ch <= "\u9fff")
        return frozenset(chars)


def parse_vocabulary(text: str) -> Vocabulary:
    """Read the words.txt format: `[section]` headings, then words or `word = value` lines."""
    sections: dict[str, list[str]] = {}
    values: dict[str, dict[str, str]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = " ".join(line[1:-1].split())
            sections.setdefault(current, [])
            continue
        if current is None:
            raise ValueError(f"words.txt line {number}: a word before any [section]")
        if " = " in line:
            word, value = (part.strip() for part in line.split(" = ", 1))
            sections[current].append(_norm(word))
            values.setdefault(current, {})[_norm(word)] = value
        else:
            sections[current].extend(_norm(w) for w in line.split())
    ordered = {k: tuple(sorted(set(v), key=lambda w: (-len(w), w))) for k, v in sections.items()}
    return Vocabulary(ordered, values)


def _norm(word: str) -> str:
    return unicodedata.normalize("NFKC", word)


@functools.cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    return parse_vocabulary(shipped("words.txt").read_text("utf-8"))


class NumeralUnclear(SaidError):
    """Chinese numerals that hold a number govplan will not guess (三五: three or five; 上百:
    a hundred or so); the message says what to write instead."""


_BIG = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_POINT = "点"


def chinese_number(text: str) -> tuple[Decimal, int] | None:
    """A number written in Chinese numerals at the start of `text`: (value, characters read),
    or None when it starts with none. Read as Chinese writes it:

    - positional: 一百二十 120, 两千零五 2005 (零 holds a place), 十五 15;
    - a last digit one place below the unit before it: 两千五 2500, 一百五 150, 三万五 35000;
    - 万 and 亿 inside a number (一万二千 12000); at its end they are left to the unit
      (三万人 is 3 万人);
    - a decimal point 点: 一点五 1.5 (一点五万人 is 1.5 万人);
    - digit by digit where 〇 is written, or three digits or more run together: 二〇 20,
      一〇〇 100, 二〇二三 2023, 一九九八 1998.

    Raises NumeralUnclear for two digits run together without 〇 (三五: three or five)."""
    vocab = vocabulary()
    digits, units = vocab.values.get("digit", {}), vocab.values.get("numeral unit", {})
    run = 0
    while run < len(text) and text[run] in digits:
        run += 1
    if run == 2 and "〇" not in text[:run] and text[0] not in "零〇":
        raise NumeralUnclear(Said.of("numeral.run-together", text=text[:run]))
    if run >= 2 and ("〇" in text[:run] or run >= 3):
        return Decimal("".join(digits[ch] for ch in text[:run])), run
    total = Decimal(0)  # what 万 and 亿 closed
    section = Decimal(0)  # below the last 万 or 亿
    pending: Decimal | None = None  # a digit waiting for its unit
    last_unit: Decimal | None = None
    zero_held = False
    read = 0
    while read < len(text):
        ch = text[read]
        if ch in digits:
            if digits[ch] == "0":
                if read == 0:
                    pending = Decimal(0)
                zero_held = True
            elif pending is not None and pending != 0:
                break  # two digits in a row end the number (handled above at its start)
            else:
                pending = Decimal(digits[ch])
        elif ch in units:
            unit = Decimal(units[ch])
            section += (pending if pending else Decimal(1)) * unit
            pending, last_unit, zero_held = None, unit, False
        elif ch in _BIG and read and _continues(text, read + 1, digits, units):
            big = _BIG[ch]
            total += (section + (pending or 0)) * big
            section, pending, last_unit, zero_held = Decimal(0), None, big, False
        elif ch == _POINT and read and read + 1 < len(text) and text[read + 1] in digits:
            fraction = ""  # 一点五, 三十点一: the digits after 点, one by one
            read += 1
            while read < len(text) and text[read] in digits:
                fraction += digits[text[read]]
                read += 1
            return total + section + (pending or 0) + Decimal(f"0.{fraction}"), read
        else:
            break
        read += 1
    if read == 0:
        return None
    if pending is not None and pending != 0:
        if last_unit is not None and not zero_held and last_unit >= 10:
            pending *= last_unit / 10  # 两千五: the digit one place below 千
        section += pending
    return total + section, read


def _continues(text: str, at: int, digits: dict[str, str], units: dict[str, str]) -> bool:
    """Whether a numeral follows (一万二千: 万 is inside the number)."""
    return at < len(text) and (text[at] in digits or text[at] in units)


# Vague numbers: a size without a number (上百家, 数十个, 几千人, 成百上千).
_VAGUE = (
    "上百",
    "上千",
    "上万",
    "数十",
    "数百",
    "数千",
    "数万",
    "几十",
    "几百",
    "几千",
    "几万",
    "成百",
    "成千",
    "若干",
)


def percent_in_words(text: str) -> tuple[Decimal, int] | None:
    """A percentage written in words at the start of `text`: 百分之五 5, 百分之五点五 5.5,
    百分之5 5; 三成 30, 三成五 35 (tenths). (value in %, characters read), or None."""
    if text.startswith("百分之"):
        body = text[3:]
        digits = re.match(r"\d+(?:\.\d+)?", body)
        if digits:
            return Decimal(digits.group(0)), 3 + digits.end()
        cn = chinese_number(body)
        if cn is None:
            return None
        return cn[0], 3 + cn[1]
    try:
        cn = chinese_number(text)
    except NumeralUnclear:
        return None  # the caller reads the number itself, and says what is unclear
    if cn is None or cn[0] >= 10 or not text[cn[1] :].startswith("成"):
        return None
    value, read = cn[0] * 10, cn[1] + 1
    tenth = (
        "5" if text[read : read + 1] == "半" else vocabulary().value("digit", text[read : read + 1])
    )
    if tenth is not None and tenth != "0":  # 三成五, 两成半: tenths of the tenth
        value, read = value + Decimal(tenth), read + 1
    return value, read


def vague_number(text: str) -> str | None:
    """The vague size a text holds (上百, 数十, ...), if any."""
    return next((word for word in _VAGUE if word in text), None)
