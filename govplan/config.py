"""Settings for a repository of plans: `[tool.govplan]` in pyproject.toml or a
`.govplan.toml`, found by walking up from the current folder. Command-line options win."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govplan.codes import CODES, CodeName
from govplan.errors import Finding, Location, Severity
from govplan.messages import said

KEYS = ("select", "ignore", "severity", "exclude", "format", "jobs")


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file it came from; None: the defaults
    select: frozenset[str] | None = None  # only these codes (None: all)
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)  # code -> made error/warning
    exclude: tuple[str, ...] = ()  # globs, relative to the config file's folder
    format: str | None = None
    jobs: int | None = None

    def keeps(self, finding: Finding) -> bool:
        if self.select is not None and finding.code not in self.select:
            return False
        return finding.code not in self.ignore

    def adjust(self, findings: list[Finding], *, built: bool = True) -> list[Finding]:
        """The findings this repository wants, at its severities. The errors of a plan that
        could not be built (`built` false) are kept as errors whatever the settings say, as
        ruff never hides a syntax error: they are why the plan has no results, and no
        setting makes an unreadable plan readable."""
        kept = []
        for finding in findings:
            stops = not built and finding.severity is Severity.ERROR
            if not stops and not self.keeps(finding):
                continue
            severity = None if stops else self.severity.get(finding.code)
            kept.append(finding if severity is None else replace(finding, override=severity))
        return kept

    def excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        root = self.source.parent if self.source is not None else Path(".")
        try:
            relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = Path(path).as_posix()
        return any(fnmatch.fnmatch(relative, pattern) for pattern in self.exclude)


class ConfigInvalid(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


MAX_CONFIG_BYTES = 1024 * 1024


def find_config(start: Path) -> Path | None:
    """The nearest .govplan.toml, or pyproject.toml that says govplan, from `start` up to
    the repository's root (the folder holding .git): a settings file in a CI runner's
    workspace, /tmp or $HOME above the repository never applies to it."""
    for folder in (start, *start.parents):
        own = folder / ".govplan.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _mentions_govplan(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _mentions_govplan(pyproject: Path) -> bool:
    """Whether pyproject.toml has govplan settings, however written ([tool.govplan], a
    `govplan` key under [tool], or dotted keys); one that does not parse but names
    govplan is taken, so that its error is shown rather than its settings ignored."""
    try:
        with open(pyproject, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError:
        return False
    if b"govplan" not in raw:
        return False
    import tomllib  # here, not at the top: most runs have no settings to read

    try:
        tool = tomllib.loads(raw.decode("utf-8")).get("tool")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True
    return isinstance(tool, dict) and "govplan" in tool


def _line(text: str, word: str) -> int:
    """The line where `word` is written (TOML readers give no positions)."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(rf"(^|[\s\"'\[,{{]){re.escape(word)}([\s\"'=,\]}}]|$)", line):
            return number
    return 0


def load_config(path: Path, formats: Collection[str]) -> Config:
    """The settings in `path`; ConfigInvalid, located, for a file that cannot be read (not
    UTF-8, too large, nested too deep, not TOML) or an unknown key, code or value; `formats`
    are the names its `format` may take."""

    def whole(code: CodeName, variant: str, /, **fields: object) -> ConfigInvalid:
        return ConfigInvalid(said(Location(str(path)), code, variant, **fields))

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise whole("bad-config", "unreadable", why=exc.strerror or exc) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise whole("bad-config", "too-large", limit=MAX_CONFIG_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise whole("bad-config", "encoding", byte=f"{raw[exc.start]:02x}") from None

    def fail(word: str, code: CodeName, variant: str, /, **fields: object) -> ConfigInvalid:
        where = Location(str(path), _line(text, word))
        return ConfigInvalid(said(where, code, variant, **fields))

    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise whole("bad-config", "toml", why=str(exc)) from None
    except RecursionError:
        raise whole("bad-config", "too-deep") from None
    if path.name == ".govplan.toml":
        table: Any = data
    else:
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise fail("tool", "bad-config", "tool")
        table = tool.get("govplan", {})
    if not isinstance(table, dict):
        raise fail("govplan", "bad-config", "govplan")
    for key in table:
        if key not in KEYS:
            raise fail(key, "bad-config", "unknown-setting", key=key, known=", ".join(KEYS))

    def codes(key: str) -> frozenset[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise fail(key, "bad-config", "codes", key=key)
        for code in value:
            if code not in CODES:
                raise fail(code, "bad-config", "unknown-code", key=key, code=code)
        return frozenset(value)

    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise fail("severity", "bad-config", "severity-table")
    for code, level in raw_severity.items():
        if code not in CODES:
            raise fail(code, "bad-config", "severity-code", code=code)
        if level not in ("error", "warning"):
            raise fail(code, "bad-config", "severity-level", code=code, level=level)
        severity[code] = Severity(level)
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(g, str) for g in exclude):
        raise fail("exclude", "bad-config", "exclude")
    fmt = table.get("format")
    if fmt is not None and not isinstance(fmt, str):
        raise fail("format", "bad-config", "format")
    if fmt is not None and fmt not in formats:
        known = ", ".join(formats)
        raise fail("format", "bad-config", "format-unknown", given=fmt, known=known)
    jobs = table.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise fail("jobs", "bad-config", "jobs")
    return Config(
        source=path,
        select=codes("select") if "select" in table else None,
        ignore=codes("ignore"),
        severity=severity,
        exclude=tuple(exclude),
        format=fmt,
        jobs=jobs,
    )


def describe(config: Config) -> str:
    """What is in force and where it came from (for --show-config)."""
    origin = (
        str(config.source) if config.source else "defaults (no .govplan.toml or [tool.govplan])"
    )
    lines = [f"# from {origin}"]
    lines.append(f"select = {sorted(config.select) if config.select is not None else 'all codes'}")
    lines.append(f"ignore = {sorted(config.ignore)}")
    lines.append(f"severity = { {k: v.value for k, v in sorted(config.severity.items())} }")
    lines.append(f"exclude = {list(config.exclude)}")
    lines.append(f"format = {config.format or 'text (github under GITHUB_ACTIONS)'}")
    lines.append(f"jobs = {config.jobs or 'one per core'}")
    return "\n".join(lines) + "\n"
