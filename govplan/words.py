"""The target vocabulary (verbs, qualifiers, tier, rank, zero and numeral words), loaded once
from the shipped `words.txt`."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

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


def chinese_number(text: str) -> tuple[Decimal, int] | None:
    """A number written in Chinese numerals at the start of `text` (百, 两, 三千, 十五,
    一百二十): (value, characters read), or None. 万 and 亿 are left to the unit."""
    vocab = vocabulary()
    digits, units = vocab.values.get("digit", {}), vocab.values.get("numeral unit", {})
    total = Decimal(0)
    pending: Decimal | None = None
    read = 0
    for ch in text:
        if ch in digits and digits[ch] == "0" and read:  # 两千零五: 零 only holds a place
            pass
        elif ch in digits:
            if pending is not None:  # two digits in a row (一二) is not a number
                break
            pending = Decimal(digits[ch])
        elif ch in units:
            total += (pending if pending is not None else Decimal(1)) * Decimal(units[ch])
            pending = None
        else:
            break
        read += 1
    if read == 0:
        return None
    if pending is not None:
        total += pending
    return total, read
