"""Drafting a plan from a document's own sentences: each target sentence split into an
indicator name and a target with the target grammar (a five-year plan's with the span's),
ids given, and the plan written as YAML."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from govplan.documents import Block, Rows, flatten
from govplan.errors import Finding, Location
from govplan.fiveyear import Span, read_span_target
from govplan.messages import refusal
from govplan.said import Said
from govplan.targets import Target, TargetSyntaxError, parse_target
from govplan.terms import Attribute, Form
from govplan.units import is_open
from govplan.values import normalize
from govplan.words import Vocabulary, vocabulary

SCHEMA_NAME = "plan.schema.json"


def schema_modeline(folder: Path) -> str | None:
    """The editor modeline pointing at the nearest plan.schema.json (beside, or under docs/)
    from the folder the plan goes to, up to the root; None where there is none."""
    here = folder.resolve()
    for place in (here, *here.parents):
        for candidate in (place / SCHEMA_NAME, place / "docs" / SCHEMA_NAME):
            if candidate.is_file():
                relative = os.path.relpath(candidate, here).replace(os.sep, "/")
                return f"# yaml-language-server: $schema={relative}"
    return None


MAX_ID = 48

# Numbering at the start of a line: 1. 1、 (一) 一、 ① 第一,
_NUMBERING = re.compile(
    r"^(?:[-—·•*]+|\d{1,3}[.、)]|\(\d{1,3}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|[①-⑳])"
)
_SENTENCES = re.compile(r"[;。!?]")
_DIGIT = re.compile(r"\d")
_NUMBER_RUN = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(20\d\d)年")
# A 纲要's attribute after a target: 降低13.5%(约束性), 【预期性】
_ATTRIBUTE = re.compile(r"[(\[【〔]?(约束性|预期性)(?:指标)?[)\]】〕]?")
# Words of a five-year target before its verb: 年均, 累计, 比2020年, 2025年, 到2025年
_SPAN_LEAD = re.compile(r"(?:(?:到|至|在)?20\d\d年(?:末|底)?|(?:比|较)20\d\d年(?:末|底)?)$")
# A level from the base year's to the last year's: 从6.3件上升到12件
_FROM_TO = re.compile(
    r"^(?P<name>.+?)(?P<target>(?:从|由)[^从由]*\d[^从由]*(?:到|至)[^从由]*\d.*)$"
)
# 分别: names, then one verb and as many figures (A和B分别增长8%、9%)
_RESPECTIVELY = re.compile(r"^(?P<names>.+?)分别(?P<verb>\D*?)(?P<figures>\d.*)$")
_NAME_JOINS = re.compile(r"和|与|及|、")
# A sentence of a whole document that commits to a number
_COMMITS = re.compile(r"确保|力争")
# The words that open a list of targets: 今年发展主要预期目标是:, 主要预期目标为:
_LEAD_IN = re.compile(r"(?:主要)?(?:预期)?(?:目标|指标)(?:任务)?(?:是|为|如下)?:")
# What cannot follow the end of a target: the number or its unit goes on
_NUMBER_GOES_ON = frozenset("%‰.0123456789")


@dataclass(frozen=True)
class Drafted:
    """One indicator drafted from a sentence."""

    id: str
    name: str
    target: str
    source: str
    line: int
    attribute: Attribute | None = None
    # from a table of targets and actuals (附件): the row's other cells, as written
    group: str | None = None
    unit: str | None = None
    actual: str | None = None
    completion: str | None = None
    gap: str | None = None
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Unread:
    """A line that looks like a target but was not read; kept in the output as a comment."""

    file: str
    line: int
    text: str
    reason: Said

    def finding(self) -> Finding:
        """The line as a finding, located at its line of the document."""
        told = Said.of("draft.not-read", reason=self.reason, text=self.text)
        return refusal(Location(self.file, self.line), "not-read", told)


@dataclass
class Draft:
    indicators: list[Drafted] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    skipped: int = 0  # lines with no target at all
    qualitative: int = 0  # clauses of a list of targets kept as qualitative targets
    outside: int = 0  # lines of a whole document outside its lists of targets
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


def _target_start(clause: str, at: int, span: Span | None = None) -> int:
    """Where the target phrase before the number at `at` begins: the grammar words (tier,
    verb, qualifier, rank) that end right at the number, in the grammar's order; in a
    five-year plan also 年均, 累计 and the years before them (比2020年, 到2025年)."""
    start = at
    for words in _slot_words():
        for word in words:
            if start - len(word) >= 0 and clause.startswith(word, start - len(word)):
                start -= len(word)
                break
    if span is not None:
        hit = vocabulary().suffix(clause[:start], "span average", "span cumulative")
        if hit is not None:
            start -= len(hit[0])
        lead = _SPAN_LEAD.search(clause[:start])
        if lead is not None:
            start = lead.start()
    return start


def _reads(phrase: str, span: Span | None) -> Target:
    """The phrase as a target (a five-year plan's when `span` is given), or TargetSyntaxError."""
    if span is None:
        return parse_target(phrase)
    return read_span_target(phrase, span, unit=None).target


def _longest_target(
    clause: str, start: int, digit: int, lead: str = "", span: Span | None = None
) -> tuple[str, int] | None:
    """The longest text from `start` (ending past the number at `digit`) that parses as a
    target with a number, with `lead` (a tier word from the head of the clause) in front;
    (phrase, end)."""
    number = _NUMBER_RUN.match(clause, digit)
    first_end = number.end() if number else digit + 1
    for end in range(len(clause), first_end - 1, -1):
        phrase = lead + clause[start:end]
        try:
            target = _reads(phrase, span)
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


def split_clause(clause: str, span: Span | None = None) -> list[tuple[str, str]]:
    """(name, target) pairs in one clause of a sentence; [] when it holds no target."""
    vocab = vocabulary()
    if span is not None:
        from_to = _FROM_TO.match(clause)
        if from_to is not None:  # 每万人口高价值发明专利拥有量从6.3件上升到12件
            try:
                _reads(from_to.group("target"), span)
            except TargetSyntaxError:
                pass
            else:
                return [(from_to.group("name"), from_to.group("target"))]
    signed = _sign_clause(clause, vocab)
    if signed:
        return signed
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
        start = _target_start(rest, m.start(), span)
        skip = _is_date_at(rest, m.start(), after) or _is_quoted(rest, m.start())
        found = None if skip else _longest_target(rest, start, m.start(), lead, span)
        if found is None:
            pos = after
            continue
        phrase, end = found
        if phrase[:1].isdigit() and vocab.suffix(rest[:start], "descriptive"):
            pos = after  # 项目总投资50亿元, 共9项: a description, not a target
            continue
        if vocab.prefix(rest[end:], "suffix up", "suffix down", "suffix about", "open up"):
            pos = after  # 35岁以下大学生: a qualifier of the name, not a target of its own
            continue
        if phrase[-1:].isdigit() and rest[end : end + 1] in _NUMBER_GOES_ON:
            pos = after  # 降低13.5 before %: the number and its unit are one
            continue
        if _inside_a_word(phrase, rest[end : end + 1], span):
            pos = after  # 58同城, 4大场馆: the number is part of a name
            continue
        segments.append((rest[:start], phrase))
        rest, pos, lead = rest[end:], 0, ""
    if not segments:
        if span is not None:
            _why_not(clause, span)
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
    if span is not None and len(phrases) == 1:
        # 累计新增城镇就业50万人: the 累计 (or 年均) before the name belongs to the target
        moved = vocab.prefix(base, "span average", "span cumulative")
        if moved is not None and not vocab.prefix(phrases[0], "span average", "span cumulative"):
            base, phrases[0] = base[len(moved[0]) :], moved[0] + phrases[0]
    if not base:  # 收储10宗: the verb is all the name there is
        verb = vocab.prefix(phrases[0], "verb up", "verb down", "verb hold")
        if verb is not None and len(verb[0]) < len(phrases[0]):
            base = verb[0]
            phrases[0] = phrases[0][len(verb[0]) :]
    if len(phrases) == 1:
        return [(base, phrases[0])]
    # 出让经营性用地7宗424亩: one name, two units; tell them apart by unit
    units = [_unit_of(p, span) for p in phrases]
    return [(f"{base}({u})" if u else base, p) for u, p in zip(units, phrases, strict=True)]


def _sign_clause(clause: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """`生态环境质量持续改善`, `A和B继续下降`: a sign-only target for each name; [] for any
    other clause."""
    if _DIGIT.search(clause):
        return []
    sign = vocab.suffix(clause, "sign down", "sign up", "sign better")
    if sign is None or len(sign[0]) >= len(clause):
        return []
    names, word = clause[: -len(sign[0])], sign[0]
    time_base = vocab.suffix(names, "time base")  # 较上年好转
    if time_base is not None and len(time_base[0]) < len(names):
        names, word = names[: -len(time_base[0])], time_base[0] + word
    # names as written: 单位国内生产总值能耗和主要污染物排放量 is 能耗 per unit of GDP and
    # pollutant emissions (not per unit), so no head is carried from one name to the next
    return [(n, word) for n in re.split("和|及|、", names) if n]


def _why_not(clause: str, span: Span) -> None:
    """A five-year target the span's grammar refuses (降低13.5% with no 累计 or 年均, a
    target for another year): TargetSyntaxError saying why, rather than a skipped line."""
    for m in _NUMBER_RUN.finditer(clause):
        if not _is_date_at(clause, m.start(), m.end()):
            _reads(clause[_target_start(clause, m.start(), span) :], span)
            return


def _inside_a_word(phrase: str, following: str, span: Span | None = None) -> bool:
    """A number with no unit, or an open counting word, run straight into more text."""
    if not following or not "\u4e00" <= following <= "\u9fff":
        return False
    unit = _unit_of(phrase, span)
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


def _unit_of(phrase: str, span: Span | None = None) -> str:
    try:
        return _reads(phrase, span).unit or ""
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
        if "分别" in clause:  # A和B分别增长8%、9%: its figures are split with its names
            pieces.append(clause)
            continue
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


def respectively(clause: str) -> list[str]:
    """`A和B分别增长8%、9%` as `A增长8%` and `B增长9%`; the clause itself without 分别.
    TargetSyntaxError when the names and the figures do not pair up."""
    match = _RESPECTIVELY.match(clause)
    if match is None:
        return [clause]
    names = [n for n in _NAME_JOINS.split(match.group("names")) if n]
    figures = _split_outside_brackets(match.group("figures"), "、")
    if len(names) != len(figures) or len(names) < 2:
        raise TargetSyntaxError(
            Said.of(
                "draft.respectively-count", clause=clause, names=len(names), figures=len(figures)
            )
        )
    unit = re.sub(r"^[\d.]+", "", figures[-1])  # 8、9%: the last figure's unit serves all
    out = []
    for name, figure in zip(names, figures, strict=True):
        # names as written: a head such as 单位国内生产总值 is not carried to the next name
        # (能耗和主要污染物排放量: only the first is per unit); the analyst completes them
        if re.fullmatch(r"[\d.]+", figure):
            figure += unit
        out.append(f"{name}{match.group('verb')}{figure}")
    return out


def _attribute(text: str) -> tuple[str, Attribute | None]:
    """A 纲要's (约束性) marker taken out of the text, and the attribute it gives."""
    found = _ATTRIBUTE.search(text)
    if found is None:
        return text, None
    return text[: found.start()] + text[found.end() :], Attribute(found.group(1))


def draft_lines(lines: Iterable[tuple[str, int, str]], span: Span | None = None) -> Draft:
    """Read target sentences, one or several per line: (file, line number, text); with
    `span`, as a five-year plan's (年均增长6%, 累计降低13.5%, (约束性)).

    A whole document (a report with a lead-in such as 今年发展主要预期目标是:) is read for its
    lists of targets and the sentences that commit to a number (确保, 力争); its other
    sentences describe the past or the work (总投资50亿元, 共9项) and are counted as skipped,
    never drafted."""
    draft = Draft()
    rows = [(file, number, raw, normalize(raw)) for file, number, raw in lines]
    whole = any(_LEAD_IN.search(text) for *_, text in rows)
    listing_follows = False  # a lead-in ended its line: the list follows, an item a line
    for file, number, raw, line in rows:
        text = _NUMBERING.sub("", line)
        if not text:
            continue
        year = _YEAR.search(text)
        if year and draft.year_seen is None:
            draft.year_seen = int(year.group(1))
        if whole:
            # an item of the list is numbered (——, 1., (一)); a line that is not ends it
            listing_follows = listing_follows and _NUMBERING.match(line) is not None
            parts = [(text, True)] if listing_follows else _document_parts(text)
            lead = _LEAD_IN.search(text)
            if lead is not None:
                listing_follows = not text[lead.end() :].strip(" 。")
        else:
            parts = _parts(text)
        found, unread = _read_parts(draft, parts, span, (file, number, raw), whole=whole)
        if not found and not unread:
            if whole and not any(listing for _, listing in parts):
                draft.outside += 1  # prose of a whole document: not a target
            elif _DIGIT.search(text) and _looks_like_target(text) and len(text) < 80:
                draft.unread.append(Unread(file, number, raw.strip(), Said.of("draft.no-form")))
            else:
                draft.skipped += 1
            continue
        for name, phrase, sentence, attribute in found:
            draft.indicators.append(
                Drafted("", name.strip() or phrase, phrase, sentence, number, attribute)
            )
    draft.indicators = _with_ids(draft.indicators)
    return draft


Found = list[tuple[str, str, str, Attribute | None]]  # name, target, sentence, attribute


def _read_parts(
    draft: Draft,
    parts: list[tuple[str, bool]],
    span: Span | None,
    where: tuple[str, int, str],
    *,
    whole: bool = False,
) -> tuple[Found, bool]:
    """The targets of a line's parts (`whole`: of a whole document); and whether any clause
    was reported unread."""
    file, number, raw = where
    found: Found = []
    unread = False
    for part, listing in parts:
        for sentence in _SENTENCES.split(part):
            for clause in _clauses(sentence):
                attribute = None
                if span is not None:
                    clause, attribute = _attribute(clause)
                try:
                    pairs = [p for piece in respectively(clause) for p in split_clause(piece, span)]
                except TargetSyntaxError as exc:
                    draft.unread.append(Unread(file, number, raw.strip(), exc.said))
                    unread = True
                    continue
                if not pairs and listing and clause and not _DIGIT.search(clause):
                    # 国际收支保持基本平衡 in a list of targets: a qualitative target
                    pairs = [_qualitative(clause)]
                    draft.qualitative += 1
                if whole and not listing:
                    # outside a list, a target needs its name in the sentence: a table's
                    # lone cell (确保5.0%) is no indicator
                    pairs = [(n, t) for n, t in pairs if n.strip()]
                found.extend((n, t, sentence, attribute) for n, t in pairs)
    return found, unread


def _document_parts(text: str) -> list[tuple[str, bool]]:
    """A line of a whole document in the parts that are read: a list of targets after a
    lead-in, and the sentences elsewhere that commit to a number with 确保 or 力争; nothing
    else."""
    split = _parts(text)
    committed = [
        (sentence, False)
        for p, listing in split
        if not listing
        for sentence in _SENTENCES.split(p)
        if _DIGIT.search(sentence) and _COMMITS.search(sentence)
    ]
    return [(p, listing) for p, listing in split if listing] + committed


def _parts(text: str) -> list[tuple[str, bool]]:
    """The line in parts, each saying whether it is a list of targets: after a lead-in
    (今年发展主要预期目标是:) up to the sentence's end, every clause is a target, qualitative
    ones too; the lead-in itself is no indicator's name."""
    lead = _LEAD_IN.search(text)
    if lead is None:
        return [(text, False)]
    listing, _, rest = text[lead.end() :].partition("。")
    parts = [(text[: lead.start()], False), (listing, True), (rest, False)]
    return [(p, listing_) for p, listing_ in parts if p]


def _qualitative(clause: str) -> tuple[str, str]:
    """A clause with no number in a list of targets: its name and its words, split at a
    verb that keeps a level (国际收支 / 保持基本平衡), else the clause as both."""
    hold = re.search("|".join(map(re.escape, _hold_words())), clause)
    if hold is not None and hold.start() >= 2:
        return clause[: hold.start()], clause[hold.start() :]
    return clause, clause


@functools.cache
def _hold_words() -> tuple[str, ...]:
    words = vocabulary().words("verb hold")
    return tuple(sorted((w for w in words if not w.isascii()), key=len, reverse=True))


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


def _indicator_lines(item: Drafted) -> list[str]:
    reported = [
        f"{key}: {_q(value)}"
        for key, value in (
            ("completion", item.completion),
            ("gap", item.gap),
            ("status", item.status),
        )
        if value
    ]
    optional = [
        ("group", item.group),
        ("attribute", item.attribute.value if item.attribute else None),
        ("unit", item.unit),
    ]
    return [
        f"  - id: {item.id}",
        f"    name: {_q(item.name)}",
        *(f"    {key}: {_q(value)}" for key, value in optional if value),
        f"    target: {_q(item.target)}",
        *([f"    actual: {_q(item.actual)}"] if item.actual else []),
        *([f"    reported: {{{', '.join(reported)}}}"] if reported else []),
        *([f"    note: {_q(item.note)}"] if item.note else []),
        f"    source: {_q(item.source)}",
    ]


def draft_document(sources: list[tuple[str, list[Block]]], span: Span | None = None) -> Draft:
    """Documents in blocks (lines, and tables as rows): a table whose header names the
    indicator and its target (指标 / 单位 / 年度目标 / 完成 / 完成率 / 备注) gives a row per
    indicator with its actual and published figures; other tables are read as lines."""
    total = Draft()
    for file, blocks in sources:
        lines: list[tuple[str, int, str]] = []
        tabled: list[Drafted] = []
        number = 0
        for block in blocks:
            if isinstance(block, str):
                number += 1
                lines.append((file, number, block))
                continue
            read = _table(block, file, number + 1)
            if read is None:
                for row in flatten(block):
                    number += 1
                    lines.append((file, number, row))
                continue
            tabled += read[0]
            total.unread += read[1]
            number += len(block)
        draft = draft_lines(lines, span)
        total.indicators += sorted([*draft.indicators, *tabled], key=lambda d: d.line)
        total.unread += draft.unread
        total.skipped += draft.skipped
        total.qualitative += draft.qualitative
        total.outside += draft.outside
        total.year_seen = total.year_seen or draft.year_seen
    total.indicators = _with_ids(total.indicators)
    return total


_TABLE_HEADER_ROWS = 3  # a title row or two may stand above the header


Fields = list[tuple[str | None, str | None]]  # what each header cell names, and its unit


def _header_fields(header: list[str]) -> Fields:
    from govplan.sheets import table_field

    return [table_field(cell) if cell else (None, None) for cell in header]


def _cell(row: list[str], fields: Fields, key: str) -> str:
    index = next((i for i, (k, _) in enumerate(fields) if k == key), None)
    return row[index].strip() if index is not None and index < len(row) else ""


def _table_header(rows: Rows) -> tuple[int, Fields] | None:
    """The header row of a table of targets and what each of its cells names."""
    for at, header in enumerate(rows[:_TABLE_HEADER_ROWS]):
        fields = _header_fields(header)
        names = [f for f, _ in fields]
        if "name" in names and "target" in names:
            return at, fields
    return None


# A published gap written in the 完成率 column of a rate: 低于目标5.5个百分点, 高于目标0.5个百分点
_WORDED_GAP = re.compile(r"^(低于|高于|超过?|超出)(?:预期)?目标([\d.]+)个?百分点$")


def _table(rows: Rows, file: str, first: int) -> tuple[list[Drafted], list[Unread]] | None:
    """A table of targets (附件): its header row names at least the indicator and its
    target; None for any other table."""
    found = _table_header(rows)
    if found is None:
        return None
    at, fields = found
    columns: dict[str, int] = {}
    units: dict[str, str] = {}
    headers = [fields]
    if at + 1 < len(rows):
        # a second header row under merged cells (2022年完成情况 over 完成 | 完成率(%))
        under = _header_fields(rows[at + 1])
        name_above = _cell(rows[at], fields, "name")
        # the name cell is empty or merged down from the header's (指标名称 twice)
        if any(key for key, _ in under) and _cell(rows[at + 1], fields, "name") in (
            "",
            name_above,
        ):
            headers.append(under)
            at += 1
    for header in headers:
        for index, (key, unit) in enumerate(header):
            if key is not None and key not in columns:
                columns[key] = index
                if unit:
                    units[key] = unit
    items: list[Drafted] = []
    unread: list[Unread] = []
    group = None
    for offset, row in enumerate(rows[at + 1 :], at + 1):

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        name, target = cell("name"), cell("target")
        texts = {c.strip() for c in row if c.strip()}
        if (len(texts) == 1 and not target) or (name and not target and not cell("actual")):
            group = texts.pop()  # a row that names a group of the rows below it
            continue
        if not name or not target:
            continue
        completion, gap, status = cell("completion") or None, cell("gap") or None, None
        worded = _WORDED_GAP.match(normalize(completion or ""))
        if worded is not None:  # 低于目标5.5个百分点 in the 完成率 column: the published gap
            sign = "-" if worded.group(1) == "低于" else ""
            completion, gap = None, f"{sign}{worded.group(2)}"
        elif completion and vocabulary().value("reported status", normalize(completion)):
            completion, status = None, completion  # 完成目标: a published verdict
        item = Drafted(
            "",
            name,
            target,
            "table row: " + " | ".join(c for c in row if c),
            first + offset,
            group=group,
            unit=cell("unit") or units.get("target") or units.get("actual") or None,
            actual=cell("actual") or None,
            completion=completion,
            gap=gap,
            status=status,
            note=cell("note") or None,
        )
        checked, problem = _checked(item)
        if problem is not None:
            unread.append(Unread(file, first + offset, " | ".join(row), problem))
        if checked is not None:
            items.append(checked)
    return items, unread


def _checked(item: Drafted) -> tuple[Drafted | None, Said | None]:
    """The row as an indicator that validates: whole, else without its published figures
    (which the reason names), else none."""
    from govplan.errors import Severity
    from govplan.model import plan_from_text

    def problem(candidate: Drafted) -> Said | None:
        lines = [
            "district: x",
            "year: 2000",
            "indicators:",
            *_indicator_lines(replace(candidate, id="x")),
        ]
        _, found = plan_from_text("\n".join(lines) + "\n", "<row>")
        errors = [f for f in found if f.severity is Severity.ERROR]
        if not errors:
            return None
        # the finding's own words, in both languages
        first = errors[0]
        return Said.of("draft.row-refused", text=first.text("en"), text_zh=first.text("zh"))

    whole = problem(item)
    if whole is None:
        return item, None
    # leave out the published figures first, then the actual: as little as will validate
    for fewer in (
        replace(item, completion=None, gap=None, status=None),
        replace(item, actual=None, completion=None, gap=None, status=None),
    ):
        if problem(fewer) is None:
            return fewer, Said.of("draft.figures-left-out", why=whole)
    return None, whole


def _comment(said: Said, lang: str) -> list[str]:
    """YAML comment lines of a text (its lines split at ` / ` in the catalogue)."""
    return [f"# {line}" for line in said.text(lang).split(" / ")]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_plan(
    draft: Draft,
    *,
    district: str,
    year: int,
    period: str = "year",
    span: Span | None = None,
    modeline: str | None = None,
    lang: str = "en",
) -> str:
    """The drafted plan as YAML, with the schema modeline (where one is given); unread lines
    as comments, in `lang`."""
    out = [
        *([modeline] if modeline else []),
        *_comment(Said.of("draft.drafted"), lang),
        f"district: {_q(district)}",
    ]
    if span is not None:
        out += [f"span: {span}", *_comment(Said.of("draft.span-year"), lang)]
    out.append(f"year: {year}")
    if period != "year":
        out.append(f"period: {period}")
    out.append("indicators:")
    for item in draft.indicators:
        out += _indicator_lines(item)
    for unread in draft.unread:
        where = f"{unread.file}:{unread.line}"
        told = Said.of("draft.not-read-comment", where=where, reason=unread.reason)
        out.append(f"# {told.text(lang)}: {unread.text}")
    return "\n".join(out) + "\n"
