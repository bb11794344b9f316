"""Reading plan files: bounded, safe YAML loading that keeps every node's line and column."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from govplan.codes import CodeName
from govplan.errors import Finding, Location, Severity
from govplan.messages import refusal, said
from govplan.said import Said

# A plan is a few kilobytes; the bounds sit far above any real plan and far below what
# would make the parser or anything walking its result crash or hang. The node bound admits
# a national roll-up (about 2,850 county-level districts, ten headline indicators each:
# 30,000 indicators of four fields) and still stops an alias bomb before it costs memory.
MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 300_000

Path = tuple[str | int, ...]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ALLOWED_TAGS = frozenset(
    {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
)
# Plain scalars that YAML 1.1 tools (and PyYAML) would turn into something else: one
# regex, tried only on scalars whose first character could start such a value.
_YAML11_TRAP = re.compile(
    r"(?P<boolean>yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)"
    r"|(?P<octal>[-+]?0[0-7_]+)"
    r"|(?P<base60>[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)"
    r"|(?P<date>\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?)"
)
_YAML11_FIRST = frozenset("yYnNoO+-0123456789")
_YAML11_WHAT = {  # (in English, in Chinese)
    "boolean": ("a boolean", "布尔值"),
    "octal": ("an octal number", "八进制数"),
    "base60": ("a base-60 number", "六十进制数"),
    "date": ("a date", "日期"),
}
_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*：")


@dataclass
class Marks:
    """Where each node of a loaded document stands: path -> (line, column), 1-based."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # line -> the codes `# govplan: ignore[code, code]` silences there (empty: every code)
    suppressed: dict[int, frozenset[str]] = field(default_factory=dict)

    def suppresses(self, finding: Finding) -> bool:
        """A warning silenced by a comment on its line or the line above. An error never is:
        a plan with one does not load, whatever a comment says."""
        if finding.severity is not Severity.WARNING:
            return False
        codes = self.suppressed.get(finding.location.line)
        return codes is not None and (not codes or finding.code in codes)

    def at(self, path: Path, *, key: bool = False) -> Location:
        """The location of a node, or of its nearest ancestor when the node itself is absent."""
        p = tuple(path)
        while True:
            found = (self.keys.get(p) if key else None) or self.values.get(p)
            if found is not None:
                return Location(self.file, found[0], found[1])
            if not p:
                return Location(self.file)
            p = p[:-1]


@dataclass
class Loaded:
    """A plan file's data (plain dicts, lists, strings and None) and the marks of its nodes."""

    data: Any
    marks: Marks
    warnings: list[Finding] = field(default_factory=list)


class Refused(Exception):
    """Reading stopped at something it cannot read past (bytes that are not text, YAML that
    does not parse). It never leaves this stage: `reading` turns it into the findings it
    carries, which every command then sees as values."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings


T = TypeVar("T")


def reading(step: Callable[[], T]) -> tuple[T | None, list[Finding]]:
    """A reading step's value and no findings, or no value and the findings that stopped it."""
    try:
        return step(), []
    except Refused as exc:
        return None, exc.findings


def _fail(
    file: str, line: int, column: int, code: CodeName, variant: str = "", /, **fields: object
) -> Refused:
    """Reading stops here, with the finding whose message is messages.txt's code.variant."""
    return Refused([said(Location(file, line, column), code, variant, **fields)])


class _ParserRefused(Refused):
    """The YAML library itself refused the text (as opposed to a rule of govplan's)."""


_BREAK = re.compile(r"\r\n|\r|\n")


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of text[index], with LF, CRLF and a bare CR each one line
    break, as YAML counts them."""
    breaks = list(_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def decode_leniently(raw: bytes, file: str) -> tuple[str, list[Finding]]:
    """A plan file's text: UTF-8, or GBK/GB18030 (Notepad's "ANSI" on a Chinese Windows)
    where it is not UTF-8 but reads cleanly as GB18030 and holds Chinese, with a
    `legacy-encoding` warning that gives the fix; anything else is refused as decode does."""
    try:
        return decode(raw, file), []
    except Refused:
        text = _as_gb18030(raw)
        if text is None:
            raise
    line, column = _first_non_ascii(text)
    name = os.path.basename(file) or "plan.yaml"
    return text, [said(Location(file, line, column), "legacy-encoding", name=name)]


def _as_gb18030(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16/32: decode says so
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    # Chinese text, not bytes of another encoding that happen to pair up
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else None


def _first_non_ascii(text: str) -> tuple[int, int]:
    at = next((i for i, ch in enumerate(text) if not ch.isascii()), 0)
    return position(text, at)


def decode(raw: bytes, file: str) -> str:
    """Decode a plan file's bytes as UTF-8 (with or without BOM), or say exactly why not."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if raw.startswith(bom):
            raise _fail(file, 1, 1, "encoding", "bom", name=name)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, column = position(before, len(before))
        try:
            gbk = bool(raw.decode("gb18030"))
        except UnicodeDecodeError:
            gbk = False
        byte = f"{raw[exc.start]:02x}"
        raise _fail(
            file, line, column, "encoding", "byte-gbk" if gbk else "byte", byte=byte
        ) from None


STDIN = "-"  # the path that means standard input
STDIN_NAME = "<stdin>"  # how standard input is named in messages and output


def read_file(path: str) -> Loaded:
    """Read and load one plan file (`-`: standard input); every failure is a Refused
    with a location (see `reading`)."""
    name = STDIN_NAME if path == STDIN else path
    text, warnings = decode_leniently(read_bytes(path), name)
    loaded = load_text(text, name)
    loaded.warnings[:0] = warnings
    return loaded


def read_bytes(path: str) -> bytes:
    """A plan file's bytes (`-`: standard input), through the guards every command shares:
    regular files only (a FIFO or a device would block or never end), at most MAX_BYTES."""
    if path == STDIN:
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise _fail(STDIN_NAME, 0, 0, "too-large", "stdin", limit=MAX_BYTES)
        return raw
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            raise _fail(path, 0, 0, "io", "not-regular")
        size = info.st_size
        if size > MAX_BYTES:
            raise _fail(path, 0, 0, "too-large", "file", size=size, limit=MAX_BYTES)
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise _fail(path, 0, 0, "io", "directory") from None
    except FileNotFoundError:
        raise _fail(path, 0, 0, "io", "no-such-file") from None
    except OSError as exc:
        raise _fail(path, 0, 0, "io", "os", why=exc.strerror or str(exc)) from None
    if len(raw) > MAX_BYTES:
        raise _fail(path, 0, 0, "too-large", "read", limit=MAX_BYTES)
    return raw


def _loader_class() -> type[Any]:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@contextlib.contextmanager
def _parser(text: str, file: str, loader_class: type[Any]) -> Iterator[Callable[[], Any]]:
    """The parser's next-event function (None after the last event); its errors, raised in
    the `with` block, come out as located findings."""
    import yaml

    loader = None
    try:
        loader = loader_class(text)
        yield loader.get_event  # one call an event: most of the loader's time is per event
    except UnicodeEncodeError as exc:  # a lone surrogate, which the C parser cannot take
        line, column = position(text, exc.start)
        char = f"{ord(text[exc.start]):04X}"
        raise _fail(file, line, column, "encoding", "surrogate", char=char) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}"
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        explained = _explain(exc, text)
        if explained is not None:
            line, column, problem, zh = explained
            raise _refused(file, line, column, problem, zh) from None
        told = _parser_said(exc.context, exc.problem)
        if told is not None:
            finding = refusal(Location(file, line, column), "yaml-syntax", told)
            raise _ParserRefused([finding]) from None
        raise _refused(file, line, column, problem) from None
    except yaml.reader.ReaderError as exc:
        pos = exc.position if isinstance(exc.position, int) else 0
        line, column = position(text, pos)
        char = exc.character
        shown = f"U+{ord(char) if isinstance(char, str) else char:04X}"
        finding = said(Location(file, line, column), "yaml-syntax", "character", char=shown)
        raise _ParserRefused([finding]) from None
    except yaml.YAMLError as exc:
        raise _refused(file, 0, 0, str(exc).splitlines()[0]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _refused(
    file: str, line: int, column: int, problem: str, zh: str | None = None
) -> _ParserRefused:
    finding = Finding(Location(file, line, column), "yaml-syntax", problem, message_zh=zh)
    return _ParserRefused([finding])


# PyYAML's words for where it was and what it found, as patterns over its messages
_WHILE = re.compile(r"while (?P<doing>scanning|parsing) (?P<thing>.+)")
_CANNOT_START = re.compile(r"found character (?P<char>.+) that cannot start any token")
_EXPECTED = re.compile(r"expected (?P<what>.+), but (?P<verb>found|got) (?P<found>.+)")
_ESCAPE = re.compile(r"found unknown escape character (?P<char>.+)")


def _parser_thing(thing: str) -> Said | None:
    """What PyYAML was reading, in both languages."""
    match thing:
        case "a quoted scalar":
            return Said.of("yaml.quoted")
        case "a double-quoted scalar":
            return Said.of("yaml.double-quoted")
        case "a single-quoted scalar":
            return Said.of("yaml.single-quoted")
        case "a plain scalar":
            return Said.of("yaml.plain")
        case "a block scalar":
            return Said.of("yaml.block-scalar")
        case "a simple key":
            return Said.of("yaml.simple-key")
        case "a block mapping":
            return Said.of("yaml.block-mapping")
        case "a block collection":
            return Said.of("yaml.block-collection")
        case "a flow sequence":
            return Said.of("yaml.flow-sequence")
        case "a flow mapping":
            return Said.of("yaml.flow-mapping")
        case "a node":
            return Said.of("yaml.node")
        case "for the next token":
            return Said.of("yaml.next-token")
        case "an alias":
            return Said.of("yaml.alias")
        case "an anchor":
            return Said.of("yaml.anchor")
        case "a tag":
            return Said.of("yaml.tag")
        case "a directive":
            return Said.of("yaml.directive")
        case _:
            return None


def _parser_problem(problem: str) -> Said | None:
    """What PyYAML found, in both languages (its English word for word)."""
    if m := _CANNOT_START.fullmatch(problem):
        return Said.of("yaml.cannot-start", char=m["char"])
    if m := _ESCAPE.fullmatch(problem):
        return Said.of("yaml.escape", char=m["char"])
    if m := _EXPECTED.fullmatch(problem):
        if m["verb"] == "got":
            return Said.of("yaml.expected-got", what=m["what"], found=m["found"])
        return Said.of("yaml.expected-found", what=m["what"], found=m["found"])
    match problem:
        case "could not find expected ':'":
            return Said.of("yaml.no-colon")
        case "mapping values are not allowed here":
            return Said.of("yaml.no-value")
        case "mapping keys are not allowed here":
            return Said.of("yaml.no-key")
        case "sequence entries are not allowed here":
            return Said.of("yaml.no-entry")
        case "found unexpected end of stream":
            return Said.of("yaml.end")
        case "invalid indentation or unclosed '[' or '{'":
            return Said.of("yaml.unclosed")
        case _:
            return None


def _parser_said(context: str | None, problem: str | None) -> Said | None:
    """PyYAML's message (`context: problem`) in both languages; None for words it has not
    been seen to use, which are then shown as PyYAML wrote them."""
    found = _parser_problem(problem) if problem else None
    if found is None:
        return None
    if not context:
        return found
    doing = _WHILE.fullmatch(context)
    thing = _parser_thing(doing["thing"]) if doing else None
    if doing is None or thing is None:
        return None
    if doing["doing"] == "scanning":
        return Said.of("yaml.while-scanning", thing=thing, problem=found)
    return Said.of("yaml.while-parsing", thing=thing, problem=found)


_COLON_IN_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^:#\s][^:]*?):\s+(\S.*?:\s.*)$")


def _explain(exc: Any, text: str) -> tuple[int, int, str, str] | None:
    """What the parser's words mean for the common mistakes of people typing plans, in
    English and Chinese, with where to look: (line, column, message, message in Chinese)."""
    problem = str(exc.problem or "")
    mark = exc.problem_mark
    lines = text.splitlines()
    if "unexpected end of stream" in problem and "quoted scalar" in str(exc.context or ""):
        start = exc.context_mark
        return (
            start.line + 1,
            start.column + 1,
            "the quote opened here is never closed; close it at the end of the value",
            "此处的引号没有闭合; 请在值的末尾补上同样的引号",
        )
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    if problem == "mapping values are not allowed here":
        m = _COLON_IN_VALUE.match(line)
        if m:
            key, value = m.group(2), m.group(3)
            fix = f'{key}: "{value}"'
            return (
                mark.line + 1,
                mark.column + 1,
                f"a colon and a space inside a value; quote the whole value: {fix}",
                f"值中含有冒号加空格; 请给整个值加上引号: {fix}",
            )
    if "expected <block end>" in problem or problem == "mapping values are not allowed here":
        return (
            mark.line + 1,
            mark.column + 1,
            "this line's indentation does not match the lines above; align it with the "
            "other fields of the same indicator",
            "此行缩进与上文不一致; 同一指标的各字段请对齐 (缩进相同的空格数)",
        )
    return None


def _check_typing(text: str, file: str) -> None:
    """The mistakes of people typing plans that PyYAML reports lines away from the cause, or
    in words that do not say what to do: named at their place, in both languages."""
    if "\t" not in text and "\u3000" not in text and "：" not in text:
        return  # nothing to look for: most files, checked at C speed
    for number, line in enumerate(text.splitlines(), 1):
        m = _FULLWIDTH_COLON.match(line)
        if m:
            raise _fail(file, number, m.end(), "yaml-syntax", "full-width-colon", key=m.group(2))
        indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in indent:
            raise _fail(file, number, indent.index("\t") + 1, "yaml-syntax", "tab")
        if "\u3000" in indent:
            at = indent.index("\u3000") + 1
            raise _fail(file, number, at, "yaml-syntax", "full-width-space")


class _Container:
    __slots__ = ("anchor", "is_list", "key_mark", "path", "pending_key", "size", "value")

    def __init__(self, value: Any, path: Path, anchor: str | None) -> None:
        self.value = value
        self.is_list = isinstance(value, list)
        self.path = path
        self.pending_key: str | None = None
        self.key_mark: tuple[int, int] = (0, 0)
        self.anchor = anchor
        self.size = 1


def load_text(text: str, file: str) -> Loaded:
    """Load a plan's YAML text: the C parser when it is there, for speed.

    When the C parser refuses the text, the pure-Python parser reads it again and its verdict
    is the one reported. libyaml's own limits and wording change between releases (6.0.4
    refuses flow nesting past 1,000 levels before govplan's depth check sees an event); the
    pure-Python parser has neither, so what a bad file is told depends on the file alone.
    """
    import yaml

    _check_typing(text, file)
    fast = _loader_class()
    try:
        loaded = _build(text, file, fast)
    except _ParserRefused:
        if fast is yaml.SafeLoader:
            raise
        loaded = _build(text, file, yaml.SafeLoader)
    loaded.marks.suppressed.update(suppressions(text))
    return loaded


# `# govplan: ignore[unit-mismatch, no-base]`, or `# govplan: ignore` for every code
_SUPPRESSION = re.compile(r"#\s*govplan:\s*ignore(?:\[(?P<codes>[^\]]*)\])?")


def suppressions(text: str) -> dict[int, frozenset[str]]:
    """The lines each suppression comment covers: its own, and the next when the comment
    stands alone on its line (the line-above form)."""
    found: dict[int, frozenset[str]] = {}
    if "govplan:" not in text:
        return found
    for number, line in enumerate(text.splitlines(), 1):
        hit = _SUPPRESSION.search(line)
        if hit is None:
            continue
        listed = hit.group("codes") or ""
        codes = frozenset(c.strip() for c in listed.split(",") if c.strip())
        covered = [number, number + 1] if not line[: hit.start()].strip() else [number]
        for at in covered:
            before = found.get(at)
            # an empty set silences every code, and stays so when joined with a list
            found[at] = (
                codes if before is None else (before | codes if before and codes else frozenset())
            )
    return found


def _build(text: str, file: str, loader_class: type[Any]) -> Loaded:
    """Build plain data from YAML text without recursion, keeping marks; bounded in depth
    and in expanded size (alias bombs), rejecting duplicate keys, merge keys and custom tags.

    Plain scalars stay strings (YAML 1.1's `no`, `010`, `1:12` and dates are not
    converted): the plan model decides what each field means.
    """
    import yaml

    marks = Marks(file)
    values, keys = marks.values, marks.keys
    warnings: list[Finding] = []
    stack: list[_Container] = []
    anchors: dict[str, tuple[Any, int]] = {}
    nodes = 0
    documents = 0
    root: Any = None
    have_root = False

    def where(ev: Any) -> tuple[int, int]:
        return (ev.start_mark.line + 1, ev.start_mark.column + 1)

    def too_many(at: tuple[int, int]) -> Refused:
        return _fail(file, at[0], at[1], "too-large", "nodes", limit=MAX_NODES)

    def key(parent: _Container, value: Any, at: tuple[int, int], ev: Any) -> None:
        """`value` read where a mapping expects a key."""
        if not isinstance(value, str):
            raise _fail(file, at[0], at[1], "yaml-syntax", "key-not-text")
        if value == "<<" and getattr(ev, "implicit", (False,))[0]:  # an alias is no merge key
            raise _fail(file, at[0], at[1], "yaml-syntax", "merge-key")
        if value in parent.value:
            first = keys.get((*parent.path, value), (0, 0))
            raise _fail(file, at[0], at[1], "duplicate-key", key=value, first=first[0])
        parent.pending_key = value
        parent.key_mark = at

    def attach(value: Any, size: int, ev: Any, *, new_nodes: int) -> None:
        # size: nodes this value expands to; new_nodes: how many of them are not counted yet
        nonlocal root, have_root, nodes
        nodes += new_nodes
        if nodes > MAX_NODES:
            raise too_many(where(ev))
        if not stack:
            root, have_root = value, True
            return
        parent = stack[-1]
        parent.size += size
        if parent.is_list:
            parent.value.append(value)  # its mark was taken when the node started
            return
        if parent.pending_key is None:
            key(parent, value, where(ev), ev)
            return
        name = parent.pending_key
        keys[(*parent.path, name)] = parent.key_mark
        parent.value[name] = value
        parent.pending_key = None

    def child_path() -> Path:
        if not stack:
            return ()
        parent = stack[-1]
        if parent.is_list:
            return (*parent.path, len(parent.value))
        if parent.pending_key is None:
            return (*parent.path, "<key>")
        return (*parent.path, parent.pending_key)

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    with _parser(text, file, loader_class) as next_event:
        while (ev := next_event()) is not None:
            cls = ev.__class__
            if cls is scalar_event:
                # Most events are scalars: this path does inline what attach() does for the rest.
                tag = ev.tag
                mark = ev.start_mark
                at = (mark.line + 1, mark.column + 1)
                if tag not in _ALLOWED_TAGS:
                    raise _fail(file, at[0], at[1], "yaml-syntax", "tag", tag=tag)
                value = ev.value
                if tag is None and ev.implicit[0]:
                    if value in _NULLS:
                        value = None
                    elif value[0] in _YAML11_FIRST:
                        found = _YAML11_TRAP.fullmatch(value)
                        trap = _YAML11_WHAT[found.lastgroup or ""] if found else None
                        if trap is not None:
                            place = Location(file, at[0], at[1])
                            en, zh = trap
                            warnings.append(said(place, "yaml11", value=value, trap=en, trap_zh=zh))
                if ev.anchor:
                    anchors[ev.anchor] = (value, 1)
                nodes += 1
                if nodes > MAX_NODES:
                    raise too_many(at)
                if not stack:
                    values.setdefault((), at)
                    root, have_root = value, True
                    continue
                parent = stack[-1]
                parent.size += 1
                if parent.is_list:
                    values.setdefault((*parent.path, len(parent.value)), at)
                    parent.value.append(value)
                elif parent.pending_key is None:
                    if value.__class__ is str and value != "<<" and value not in parent.value:
                        parent.pending_key, parent.key_mark = value, at  # a new plain key
                    else:
                        key(parent, value, at, ev)
                else:
                    name = parent.pending_key
                    path = (*parent.path, name)
                    values.setdefault(path, at)
                    keys[path] = parent.key_mark
                    parent.value[name] = value
                    parent.pending_key = None
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, col = where(ev)
                    raise _fail(file, line, col, "yaml-syntax", "documents")
            elif cls is alias_event:
                if ev.anchor not in anchors:
                    line, col = where(ev)
                    raise _fail(file, line, col, "yaml-syntax", "unknown-alias", anchor=ev.anchor)
                value, size = anchors[ev.anchor]
                values.setdefault(child_path(), where(ev))
                attach(value, size, ev, new_nodes=size)
            elif cls in starts:
                tag = ev.tag
                if tag not in _ALLOWED_TAGS:
                    line, col = where(ev)
                    raise _fail(file, line, col, "yaml-syntax", "tag", tag=tag)
                if stack and not stack[-1].is_list and stack[-1].pending_key is None:
                    line, col = where(ev)
                    raise _fail(file, line, col, "yaml-syntax", "key-not-text")
                if len(stack) >= MAX_DEPTH:
                    line, col = where(ev)
                    raise _fail(file, line, col, "too-deep", limit=MAX_DEPTH)
                path = child_path()
                values.setdefault(path, where(ev))
                container: Any = {} if cls is yaml.MappingStartEvent else []
                stack.append(_Container(container, path, ev.anchor))
            elif cls in ends:
                done = stack.pop()
                if done.anchor:
                    anchors[done.anchor] = (done.value, done.size)
                # Its children were counted as they came; only the container itself is new.
                attach(done.value, done.size, ev, new_nodes=1)

    if not have_root or root is None:
        raise _fail(file, 1, 1, "empty")
    return Loaded(root, marks, warnings)
