"""Drafting a plan from a document's own sentences: each target sentence split into an
indicator name and a target with the target grammar, ids given, and the plan written as YAML."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from govplan.targets import TargetSyntaxError, parse_target
from govplan.terms import Form
from govplan.units import is_open
from govplan.values import normalize
from govplan.words import Vocabulary, vocabulary

SCHEMA_MODELINE = "# yaml-language-server: $schema=../docs/plan.schema.json"
MAX_ID = 48

# Numbering at the start of a line: 1. 1、 (一) 一、 ① 第一,
_NUMBERING = re.compile(
    r"^(?:[-—·•*]+|\d{1,3}[.、)]|\(\d{1,3}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|[①-⑳])"
)
_SENTENCES = re.compile(r"[;。!?]")
_DIGIT = re.compile(r"\d")
_NUMBER_RUN = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(20\d\d)年")


@dataclass(frozen=True)
class Drafted:
    """One indicator drafted from a sentence."""

    id: str
    name: str
    target: str
    source: str
    line: int


@dataclass(frozen=True)
class Unread:
    """A line that looks like a target but was not read; kept in the output as a comment."""

    file: str
    line: int
    text: str
    reason: str


@dataclass
class Draft:
    indicators: list[Drafted] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    skipped: int = 0  # lines with no target at all
    year_seen: int | None = None


# The words that may stand before a number in a target, nearest the number first: each slot
# is taken at most once, walking left from the number (力争 | 实现 | 约 | 735亿元).
_SLOTS = (
    ("prefix about", "rank top", "rank position"),
    ("rank scope",),
    ("verb up", "verb down", "verb hold", "verb decrease"),
    ("increment",),
    ("tier floor", "tier stretch"),
)


@functools.cache
def _slot_words() -> tuple[tuple[str, ...], ...]:
    """The words of each slot, longest first, read once from the vocabulary."""
    vocab = vocabulary()
    return tuple(
        tuple(sorted((w for s in sections for w in vocab.words(s) if not w.isascii()), key=len,
                     reverse=True))
        for sections in _SLOTS
    )  # fmt: skip


def _target_start(clause: str, at: int) -> int:
    """Where the target phrase before the number at `at` begins: the grammar words (tier,
    verb, qualifier, rank) that end right at the number, in the grammar's order."""
    start = at
    for words in _slot_words():
        for word in words:
            if start - len(word) >= 0 and clause.startswith(word, start - len(word)):
                start -= len(word)
                break
    return start


def _longest_target(clause: str, start: int, digit: int, lead: str = "") -> tuple[str, int] | None:
    """The longest text from `start` (ending past the number at `digit`) that parses as a
    target with a number, with `lead` (a tier word from the head of the clause) in front;
    (phrase, end)."""
    number = _NUMBER_RUN.match(clause, digit)
    first_end = number.end() if number else digit + 1
    for end in range(len(clause), first_end - 1, -1):
        phrase = lead + clause[start:end]
        try:
            target = parse_target(phrase)
        except TargetSyntaxError:
            continue
        if target.form is not Form.TEXT:
            return phrase, end
    return None


def _strip_tier(name: str, vocab: Vocabulary) -> tuple[str, str]:
    """A tier word at the head of a clause (力争R&D经费支出增长25%) belongs to the target."""
    hit = vocab.prefix(name, "tier floor", "tier stretch")
    if hit is None:
        return name, ""
    return name[len(hit[0]) :], hit[0]


def split_clause(clause: str) -> list[tuple[str, str]]:
    """(name, target) pairs in one clause of a sentence; [] when it holds no target."""
    vocab = vocabulary()
    whole = vocab.words("sync") + vocab.words("multiple")
    for word in sorted(whole, key=len, reverse=True):  # 财政收入增长与经济增长保持同步
        if clause.endswith(word) and len(clause) > len(word):
            name = clause[: -len(word)]
            name, tier = _strip_tier(name, vocab)
            return [(name, tier + word)]
    segments: list[tuple[str, str]] = []  # (text before the target, target phrase)
    # 确保出让经营性用地626亩,力争再出让122亩: the tier word at the head belongs to the target
    head = vocab.prefix(clause, "tier floor", "tier stretch")
    lead = head[0] if head is not None else ""
    rest, pos = clause[len(lead) :], 0
    while True:
        m = _DIGIT.search(rest, pos)
        if m is None:
            break
        number = _NUMBER_RUN.match(rest, m.start())
        after = number.end() if number else m.end()
        start = _target_start(rest, m.start())
        skip = _is_date_at(rest, m.start(), after) or _is_quoted(rest, m.start())
        found = None if skip else _longest_target(rest, start, m.start(), lead)
        if found is None:
            pos = after
            continue
        phrase, end = found
        if vocab.prefix(rest[end:], "suffix up", "suffix down", "suffix about", "open up"):
            pos = after  # 35岁以下大学生: a qualifier of the name, not a target of its own
            continue
        if _inside_a_word(phrase, rest[end : end + 1]):
            pos = after  # 58同城, 4大场馆: the number is part of a name
            continue
        segments.append((rest[:start], phrase))
        rest, pos, lead = rest[end:], 0, ""
    if not segments:
        return []
    # 新引进35岁以下大学生4万名以上: a number followed by more name and then the target is
    # part of the name
    i = 0
    while i < len(segments) - 1:
        if segments[i + 1][0]:
            joined = segments[i][0] + segments[i][1] + segments[i + 1][0]
            segments[i + 1] = (joined, segments[i + 1][1])
            del segments[i]
        else:
            i += 1
    base = (segments[0][0] + rest).strip()
    phrases = [p for _, p in segments]
    if not base:  # 收储10宗: the verb is all the name there is
        verb = vocab.prefix(phrases[0], "verb up", "verb down", "verb hold")
        if verb is not None and len(verb[0]) < len(phrases[0]):
            base = verb[0]
            phrases[0] = phrases[0][len(verb[0]) :]
    if len(phrases) == 1:
        return [(base, phrases[0])]
    # 出让经营性用地7宗424亩: one name, two units; tell them apart by unit
    units = [_unit_of(p) for p in phrases]
    return [(f"{base}({u})" if u else base, p) for u, p in zip(units, phrases, strict=True)]


def _inside_a_word(phrase: str, following: str) -> bool:
    """A number with no unit, or an open counting word, run straight into more text."""
    if not following or not "\u4e00" <= following <= "\u9fff":
        return False
    unit = _unit_of(phrase)
    return not unit or is_open(unit) or unit in vocabulary().words("name unit")


def _is_quoted(text: str, at: int) -> bool:
    """A number inside quotes (“1612”, “12345”) is part of a name."""
    return text.count("“", 0, at) > text.count("”", 0, at)


def _is_date_at(text: str, start: int, end: int) -> bool:
    """2023年, 7月, 15日 in a sentence: a date, not a target."""
    unit = text[end : end + 1]
    if unit in ("月", "日", "号"):
        return True
    return unit == "年" and end - start == 4


def _unit_of(phrase: str) -> str:
    try:
        return parse_target(phrase).unit or ""
    except TargetSyntaxError:
        return ""


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth, current = 0, ""
    for ch in text:
        depth += ch in "(“"
        depth -= ch in ")”"
        if ch in separators and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p for p in parts if p]


def _clauses(sentence: str) -> list[str]:
    """Clauses of a sentence (split at commas, then at 、 between items that each hold a
    number), with a tier clause (力争再出让122亩, 力争6%) kept with the one before it."""
    vocab = vocabulary()
    pieces: list[str] = []
    for clause in _split_outside_brackets(sentence, ","):
        items: list[str] = []
        for item in _split_outside_brackets(clause, "、"):
            if items and not _DIGIT.search(items[-1]):  # 清理批而未供、供而未用、低效用地3900亩
                items[-1] = f"{items[-1]}、{item}"
            else:
                items.append(item)
        pieces.extend(items)
    merged: list[str] = []
    for part in pieces:
        tier = vocab.prefix(part, "tier floor", "tier stretch")
        if merged and tier is not None and _is_bare_tier(part[len(tier[0]) :], vocab):
            merged[-1] = f"{merged[-1]},{part}"
        else:
            merged.append(part)
    return merged


def _is_bare_tier(rest: str, vocab: Vocabulary) -> bool:
    """力争6%, 力争再出让122亩: a tier with a number and no name of its own."""
    inc = vocab.prefix(rest, "increment")
    if inc is not None:
        return True
    verb = vocab.prefix(rest, "verb up", "verb down", "verb hold")
    if verb is not None:
        rest = rest[len(verb[0]) :]
    return bool(rest) and rest[0].isdigit()


def draft_lines(lines: Iterable[tuple[str, int, str]]) -> Draft:
    """Read target sentences, one or several per line: (file, line number, text)."""
    draft = Draft()
    for file, number, raw in lines:
        text = _NUMBERING.sub("", normalize(raw))
        if not text:
            continue
        year = _YEAR.search(text)
        if year and draft.year_seen is None:
            draft.year_seen = int(year.group(1))
        found: list[tuple[str, str, str]] = []  # name, target, the sentence it came from
        unread = len(draft.unread)
        for sentence in _SENTENCES.split(text):
            for clause in _clauses(sentence):
                try:
                    found.extend((n, t, sentence) for n, t in split_clause(clause))
                except TargetSyntaxError as exc:
                    draft.unread.append(Unread(file, number, raw.strip(), str(exc)))
        if not found and len(draft.unread) == unread:
            if _DIGIT.search(text) and _looks_like_target(text) and len(text) < 80:
                draft.unread.append(Unread(file, number, raw.strip(), "no target form was read"))
            else:
                draft.skipped += 1
            continue
        for name, phrase, sentence in found:
            draft.indicators.append(Drafted("", name.strip() or phrase, phrase, sentence, number))
    draft.indicators = _with_ids(draft.indicators)
    return draft


def _looks_like_target(text: str) -> bool:
    vocab = vocabulary()
    return any(w in text for s in ("verb up", "verb down", "tier stretch") for w in vocab.words(s))


def slug(name: str) -> str:
    """A readable ascii id for a Chinese name: its pinyin, hyphenated, bounded in length."""
    from pypinyin import lazy_pinyin

    text = "-".join(lazy_pinyin(name))  # runs of other characters come through whole
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(text) > MAX_ID:
        text = text[:MAX_ID].rsplit("-", 1)[0]
    return text or "indicator"


def _with_ids(items: list[Drafted]) -> list[Drafted]:
    from govplan.catalogue import match_name

    used: set[str] = set()
    following: dict[str, int] = {}  # the next suffix to try for an id: linear, not quadratic
    out = []
    for item in items:
        entry = match_name(item.name)
        ident = entry.id if entry is not None else slug(item.name)
        candidate, n = ident, following.get(ident, 2)
        while candidate in used:
            candidate, n = f"{ident}-{n}", n + 1
        following[ident] = n
        used.add(candidate)
        out.append(replace(item, id=candidate))
    return out


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_plan(draft: Draft, *, district: str, year: int, period: str = "year") -> str:
    """The drafted plan as YAML, with the schema modeline; unread lines as comments."""
    out = [
        SCHEMA_MODELINE,
        "# Drafted by `govplan draft` from the document's sentences; check each target",
        "# against the document before relying on it.",
        f"district: {_q(district)}",
        f"year: {year}",
    ]
    if period != "year":
        out.append(f"period: {period}")
    out.append("indicators:")
    for item in draft.indicators:
        out += [
            f"  - id: {item.id}",
            f"    name: {_q(item.name)}",
            f"    target: {_q(item.target)}",
            f"    source: {_q(item.source)}",
        ]
    for unread in draft.unread:
        where = f"{unread.file}:{unread.line}"
        out.append(f"# not read ({where}, {unread.reason}): {unread.text}")
    return "\n".join(out) + "\n"
