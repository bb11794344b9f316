"""The target vocabulary (verbs, qualifiers, tier, rank, zero and numeral words), loaded once
from the shipped `words.txt`."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources


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
        return self._longest(text, sections, lambda n: text[:n])

    def suffix(self, text: str, *sections: str) -> tuple[str, str] | None:
        """The longest word of `sections` that `text` ends with, and its section."""
        return self._longest(text, sections, lambda n: text[len(text) - n :])

    def _longest(
        self, text: str, sections: tuple[str, ...], part: Callable[[int], str]
    ) -> tuple[str, str] | None:
        best: tuple[str, str] | None = None
        for section in sections:
            words, lengths = self._index.get(section, (frozenset(), ()))
            # one set lookup per word length, longest first: this section's longest fit
            word = next((part(n) for n in lengths if n <= len(text) and part(n) in words), None)
            if word is not None and (best is None or len(word) > len(best[0])):
                best = (word, section)
        return best

    @functools.cached_property
    def _index(self) -> dict[str, tuple[frozenset[str], tuple[int, ...]]]:
        return {
            section: (frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True)))
            for section, words in self.sections.items()
        }

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
    return parse_vocabulary(resources.files("govplan").joinpath("words.txt").read_text("utf-8"))


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
