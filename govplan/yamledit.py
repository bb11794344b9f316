"""Surgical edits of YAML text: values set at the parser's spans, nothing else touched."""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

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


class EditRefused(ValueError):
    """The value cannot be written without changing more of the file than the value: the
    message says where (1-based line) and why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class _Node:
    kind: str  # "scalar" | "map" | "seq"
    start: int  # offsets into the text
    end: int
    line: int  # 1-based line of the start
    style: str | None = (
        None  # scalar: None (plain), "'", '"', "|", ">"; collections: "flow" | "block"
    )
    value: str | None = None
    keys: dict[str, tuple[_Node, _Node]] = field(default_factory=dict)  # key -> (key, value)
    items: list[_Node] = field(default_factory=list)

    def last_end(self) -> int:
        """The offset just after this node's last character of content: for a block
        collection, that of its last entry (its end mark lies at the next token)."""
        if self.kind == "scalar" or self.style == "flow":
            return self.end
        if self.kind == "map" and self.keys:
            return list(self.keys.values())[-1][1].last_end()
        if self.kind == "seq" and self.items:
            return self.items[-1].last_end()
        return self.end


def _offsets(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAKS.finditer(text))]


def _tree(text: str) -> _Node:
    """The document's nodes with their spans, from the parser's events."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    starts = _offsets(text)

    def offset(mark: Any) -> int:
        return int(starts[mark.line] + mark.column)

    def node(kind: str, event: Any, style: str | None, value: str | None = None) -> _Node:
        line = int(event.start_mark.line) + 1
        return _Node(kind, offset(event.start_mark), offset(event.end_mark), line, style, value)

    loader = loader_class(text)
    stack: list[_Node] = []
    pending_keys: list[_Node | None] = []
    root: _Node | None = None
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent):
                style = event.style if event.style in ("'", '"', "|", ">") else None
                _attach(stack, pending_keys, node("scalar", event, style, event.value))
            elif isinstance(event, yaml.AliasEvent):
                _attach(stack, pending_keys, node("alias", event, None))
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                started = node(kind, event, "flow" if event.flow_style else "block")
                _attach(stack, pending_keys, started)
                stack.append(started)
                pending_keys.append(None)
                root = root or started
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done = stack.pop()
                pending_keys.pop()
                done.end = offset(event.end_mark)
    finally:
        loader.dispose()
    if root is None:
        raise EditRefused(1, "the file holds no mapping to write into")
    return root


def _attach(stack: list[_Node], keys: list[_Node | None], node: _Node) -> None:
    if not stack:
        return
    parent = stack[-1]
    if parent.kind == "seq":
        parent.items.append(node)
        return
    key = keys[-1]
    if key is None:
        keys[-1] = node  # a key (plans' keys are plain scalars)
        return
    parent.keys[str(key.value)] = (key, node)
    keys[-1] = None


def _find(root: _Node, path: Path) -> _Node | None:
    node: _Node | None = root
    for step in path:
        if node is None:
            return None
        if isinstance(step, int):
            node = node.items[step] if node.kind == "seq" and step < len(node.items) else None
        else:
            entry = node.keys.get(step) if node.kind == "map" else None
            node = entry[1] if entry is not None else None
    return node


# Text that reads back as itself when written plain, in block and in flow context alike: no
# indicator character first (`-`, `?`, `:` only before a non-space), none of : # , [ ] { } in it.
_PLAIN_SAFE = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|[-?:](?=[^\s,\[\]{}]))[^#:\[\]{},]*")


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
    root = _tree(text)
    newline = _BREAKS.search(text)
    eol = newline.group() if newline else "\n"
    edits: list[_Edit] = []
    for path, values in changes.items():
        mapping = _find(root, path)
        if mapping is None or mapping.kind != "map":
            raise EditRefused(root.line, f"no mapping at {'/'.join(map(str, path))}")
        edits += _edits(text, mapping, values, eol)
    edits.sort(key=lambda e: (e.start, e.order), reverse=True)
    out = text
    for edit in edits:
        out = out[: edit.start] + edit.text + out[edit.end :]
    return out


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
                raise EditRefused(node.line, f"'{key}' is not a mapping")
            continue
        if node.kind != "scalar":
            raise EditRefused(node.line, f"'{key}' holds a list, a mapping or an alias")
        if node.style in ("|", ">"):
            raise EditRefused(node.line, f"'{key}' is a block scalar; write it on one line")
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
        raise EditRefused(key_node.line, "no ':' after the key")
    return _Edit(colon + 1, colon + 1, " " + rendered, 0)


def _insertions(text: str, mapping: _Node, new: list[tuple[str, Any]], eol: str) -> Iterator[_Edit]:
    if not mapping.keys:
        raise EditRefused(mapping.line, "an empty mapping")
    keys = list(mapping.keys)
    for order, (key, value) in enumerate(new):
        anchor = next((k for k in AFTER.get(key, ()) if k in mapping.keys), keys[-1])
        key_node, value_node = mapping.keys[anchor]
        rendered = flow_mapping(value) if isinstance(value, Mapping) else scalar(str(value))
        if mapping.style == "flow":
            at = value_node.last_end()
            yield _Edit(at, at, f", {key}: {rendered}", order)
            continue
        line_start = text.rfind("\n", 0, key_node.start) + 1
        indent = text[line_start : key_node.start]
        if indent.strip(" ") and not indent.strip(" ").endswith("-"):
            raise EditRefused(key_node.line, "a key not at the start of its line")
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
