"""Surgical edits of YAML text: values set at the parser's spans, nothing else touched."""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from govplan.said import Said, SaidError

# Every line break the YAML parser counts (YAML 1.1: also NEL, LS, PS), so that its
# (line, column) marks map back onto offsets in the text.
_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")

# A new key goes after the first of these the mapping has (actual after target, as plans
# write it); else after the mapping's last entry.
AFTER: dict[str, tuple[str, ...]] = {
    "actual": ("target",),
    "progress": ("target",),
    "reported": ("actual", "progress", "target"),
}

Key = str | int
Path = tuple[Key, ...]


class EditRefused(SaidError):
    """The value cannot be written without changing more of the file than the value: where
    (1-based line) and why, said in both languages."""

    def __init__(self, line: int, said: Said) -> None:
        super().__init__(said)
        self.line = line


class _Node:
    """A node of the document with its span; inside the mappings being edited, mappings
    and sequences also hold their entries."""

    __slots__ = ("end", "items", "keys", "kind", "line", "start", "style", "value")

    def __init__(
        self, kind: str, start: int, end: int, line: int, style: str | None, value: str | None
    ) -> None:
        self.kind = kind  # "scalar" | "alias" | "map" | "seq"
        self.start = start  # offsets into the text
        self.end = end
        self.line = line  # 1-based line of the start
        self.style = style  # scalar: None (plain) ' " | >; collections: "flow" | "block"
        self.value = value
        self.keys: dict[str, tuple[_Node, _Node]] = {}  # key -> (key node, value node)
        self.items: list[_Node] = []

    def last_end(self) -> int:
        """The offset just after this node's last character of content: for a block
        collection, that of its last entry (its end mark lies at the next token)."""
        if self.kind in ("scalar", "alias") or self.style == "flow":
            return self.end
        if self.kind == "map" and self.keys:
            return list(self.keys.values())[-1][1].last_end()
        if self.kind == "seq" and self.items:
            return self.items[-1].last_end()
        return self.end


def _offsets(text: str) -> list[int]:
    """Where each line starts; and, past the last line, the end of the text (a parser may
    place a closing mark on the line after a last line that has no line break)."""
    return [0, *(m.end() for m in _BREAKS.finditer(text)), len(text)]


def _mappings(text: str, wanted: set[Path]) -> dict[Path, _Node]:
    """The mappings at the `wanted` paths, each with its entries' spans, from one pass over
    the parser's events; elsewhere only the path is followed (no node is made)."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    starts = _offsets(text)
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    nodes = (scalar_event, map_start, seq_start, alias_event)

    def node(event: Any) -> _Node:
        begin, end = event.start_mark, event.end_mark
        cls = event.__class__
        if cls is scalar_event:
            kind, style = "scalar", event.style if event.style in ("'", '"', "|", ">") else None
        elif cls is alias_event:
            kind, style = "alias", None
        else:
            kind = "map" if cls is map_start else "seq"
            style = "flow" if event.flow_style else "block"
        start, stop = starts[begin.line] + begin.column, starts[end.line] + end.column
        return _Node(kind, start, stop, begin.line + 1, style, getattr(event, "value", None))

    found: dict[Path, _Node] = {}
    # Each open collection: [path, its node where recorded, is a mapping, the key just read
    # (a mapping's: its node where recorded, else its text) or the next index (a sequence's)].
    stack: list[list[Any]] = []
    loader = loader_class(text)
    try:
        while (event := loader.get_event()) is not None:
            cls = event.__class__
            if cls in ends:
                done = stack.pop()
                if done[1] is not None:
                    done[1].end = starts[event.end_mark.line] + event.end_mark.column
                continue
            if cls not in nodes:
                continue  # stream and document events
            parent = stack[-1] if stack else None
            key: Any = None
            path: Path = ()
            if parent is not None and parent[2]:
                if parent[3] is None:  # a key (plans' keys are plain scalars)
                    parent[3] = node(event) if parent[1] is not None else event.value
                    continue
                key, parent[3] = parent[3], None
                path = (*parent[0], str(key.value if isinstance(key, _Node) else key))
            elif parent is not None:
                path = (*parent[0], parent[3])
                parent[3] += 1
            made = None
            if parent is not None and parent[1] is not None:
                made = node(event)
                if parent[2]:
                    parent[1].keys[str(key.value)] = (key, made)
                else:
                    parent[1].items.append(made)
            if path in wanted:
                made = made or node(event)
                found[path] = made
            if cls is map_start:
                stack.append([path, made, True, None])
            elif cls is seq_start:
                stack.append([path, made, False, 0])
    finally:
        loader.dispose()
    return found


# Text that reads back as itself when written plain, in block and in flow context alike: no
# indicator character first (`-` only before a non-space: `?` and `:` start a plain scalar in
# block context only), none of : # , [ ] { } in it.
_PLAIN_SAFE = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^\s,\[\]{}]))[^#:\[\]{},]*")


@functools.cache
def _resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


def scalar(text: str, style: str | None = None) -> str:
    """`text` as a YAML scalar in `style` where that reads back as the same string: plain
    (None) when it can be, else double-quoted."""
    import yaml

    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if style is None and _PLAIN_SAFE.fullmatch(text) and text == text.strip():
        # Plain only where no YAML 1.1 reader would take it for a boolean, null or date.
        tag = _resolver().resolve(yaml.ScalarNode, text, (True, False))
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return text
    return json.dumps(text, ensure_ascii=False)


def flow_mapping(values: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in values.items()) + "}"


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str
    order: int  # among insertions at one offset, the earlier first


def apply(text: str, changes: Mapping[Path, Mapping[str, str]]) -> str:
    """`text` with each mapping at a path given the keys and values of its change: an
    existing scalar replaced in place (its quoting kept), a new key inserted after its
    anchor (`AFTER`) in the mapping's own style, a nested mapping (`reported`) likewise.
    Raises EditRefused where that cannot be done without touching more than the values."""
    found = _mappings(text, set(changes))
    newline = _BREAKS.search(text)
    eol = newline.group() if newline else "\n"
    edits: list[_Edit] = []
    for path, values in changes.items():
        mapping = found.get(path)
        if mapping is None or mapping.kind != "map":
            raise EditRefused(1, Said.of("edit.no-mapping", path="/".join(map(str, path))))
        edits += _edits(text, mapping, values, eol)
    edits.sort(key=lambda e: (e.start, e.order))
    pieces, done = [], 0
    for edit in edits:
        if edit.start < done:
            raise EditRefused(1, Said.of("edit.overlap"))  # cannot happen for distinct keys
        pieces += [text[done : edit.start], edit.text]
        done = edit.end
    pieces.append(text[done:])
    return "".join(pieces)


def _edits(text: str, mapping: _Node, values: Mapping[str, Any], eol: str) -> Iterator[_Edit]:
    new: list[tuple[str, Any]] = []
    for key, value in values.items():
        entry = mapping.keys.get(key)
        if entry is None:
            new.append((key, value))
            continue
        key_node, node = entry
        if isinstance(value, Mapping):
            if node.kind == "map":
                yield from _edits(text, node, value, eol)
            elif node.kind == "scalar" and node.style is None and node.value in ("", "~", "null"):
                yield _replace_null(text, key_node, node, flow_mapping(value))
            else:
                raise EditRefused(node.line, Said.of("edit.not-a-mapping", key=key))
            continue
        if node.kind != "scalar":
            raise EditRefused(node.line, Said.of("edit.not-a-scalar", key=key))
        if node.style in ("|", ">"):
            raise EditRefused(node.line, Said.of("edit.block-scalar", key=key))
        rendered = scalar(str(value), node.style if node.style != '"' else '"')
        if node.style is None and node.value in ("", "~", "null"):
            yield _replace_null(text, key_node, node, scalar(str(value)))
        else:
            yield _Edit(node.start, node.end, rendered, 0)
    if new:
        yield from _insertions(text, mapping, new, eol)


def _replace_null(text: str, key_node: _Node, node: _Node, rendered: str) -> _Edit:
    """`key:` with nothing (or ~, null) after it: the value goes after the colon."""
    if node.value in ("~", "null"):
        return _Edit(node.start, node.end, rendered, 0)
    colon = text.find(":", key_node.end)
    if colon < 0:
        raise EditRefused(key_node.line, Said.of("edit.no-colon"))
    return _Edit(colon + 1, colon + 1, " " + rendered, 0)


def _insertions(text: str, mapping: _Node, new: list[tuple[str, Any]], eol: str) -> Iterator[_Edit]:
    if not mapping.keys:
        raise EditRefused(mapping.line, Said.of("edit.empty-mapping"))
    keys = list(mapping.keys)
    for order, (key, value) in enumerate(new):
        anchor = next((k for k in AFTER.get(key, ()) if k in mapping.keys), keys[-1])
        key_node, value_node = mapping.keys[anchor]
        rendered = flow_mapping(value) if isinstance(value, Mapping) else scalar(str(value))
        if mapping.style == "flow":
            at = value_node.last_end()
            yield _Edit(at, at, f", {key}: {rendered}", order)
            continue
        line_start = max(text.rfind(ch, 0, key_node.start) for ch in "\n\r\x85\u2028\u2029") + 1
        indent = text[line_start : key_node.start]
        if indent.strip(" ") and not indent.strip(" ").endswith("-"):
            raise EditRefused(key_node.line, Said.of("edit.key-not-first"))
        # after the line holding the anchor's last character (and its trailing comment)
        last = max(value_node.last_end() - 1, key_node.start)
        match = _BREAKS.search(text, last)
        at = match.start() if match else len(text)
        yield _Edit(at, at, f"{eol}{' ' * len(indent)}{key}: {rendered}", order)


def changed(data: Any, changes: Mapping[Path, Mapping[str, Any]]) -> Any:
    """What `data` (plain loaded data) becomes with the changes: the meaning `apply` must
    give the text, to be checked against a fresh load of its result."""
    out = copy.deepcopy(data)
    for path, values in changes.items():
        target = out
        for step in path:
            target = target[step]
        _merge(target, values)
    return out


def _merge(target: dict[str, Any], values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, Mapping):
            if not isinstance(target.get(key), dict):
                target[key] = {}
            _merge(target[key], value)
        else:
            target[key] = value
