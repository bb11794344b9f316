"""Located findings: every problem govplan reports is one of these values."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum

from govplan.codes import CODES, CodeName
from govplan.inert import inert


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@functools.lru_cache(maxsize=256)  # a file's name is shown in each of its findings
def shown_path(path: str) -> str:
    """A path as text that is safe to print: bytes that are not UTF-8 (which Python keeps as
    surrogates) as \\xNN, control characters as \\xNN too."""
    return inert(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def column_letter(column: int) -> str:
    """A spreadsheet's letters for a 1-based column: 1 is A, 27 is AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class Location:
    """A place in a plan file, or a cell of a spreadsheet; line (row) and column are 1-based,
    0 when unknown. `sheet` names a workbook's sheet: the place is then `file:Sheet1!C5`."""

    file: str
    line: int = 0
    column: int = 0
    sheet: str | None = None

    def __post_init__(self) -> None:
        # A file name is shown, never trusted: undecodable bytes and control characters
        # are escaped so that no message or JSON document carries them raw.
        object.__setattr__(self, "file", shown_path(self.file))

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{inert(self.sheet)}!{self.cell}"
        if self.line <= 0:
            return self.file
        if self.column <= 0:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def cell(self) -> str:
        """A spreadsheet's name for the place: C5, a whole row 5:5, or nothing."""
        if self.line <= 0:
            return ""
        if self.column <= 0:
            return f"{self.line}:{self.line}"
        return f"{column_letter(self.column)}{self.line}"


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file, always with its location and a stable code. Its
    severity is the code's, as govplan/codes.py declares it: a check cannot choose another;
    only a repository's settings can (`override`)."""

    location: Location
    code: CodeName
    message: str
    message_zh: str | None = field(default=None, kw_only=True)  # its own Chinese message
    override: Severity | None = field(default=None, kw_only=True)  # [tool.govplan] severity
    severity: Severity = field(init=False)

    def __post_init__(self) -> None:
        declared = Severity(CODES[self.code].severity)
        object.__setattr__(self, "severity", self.override or declared)

    def __str__(self) -> str:
        return self.line("en")

    def text(self, lang: str) -> str:
        """The message in `lang` ("zh" or "en"). A Chinese message of its own where the
        finding has one (the common YAML mistakes); else the code's Chinese summary, then the
        particulars as found."""
        if lang != "zh":
            return self.message
        if self.message_zh is not None:
            return self.message_zh
        return f"{CODES[self.code].what_zh}: {self.message}"

    def line(self, lang: str) -> str:
        """`file:line:col: error|warning CODE message`; severity and code stay as they are
        (tools match them), the message follows the language."""
        return f"{self.location}: {self.severity.value} {self.code} {inert(self.text(lang))}"

    def as_dict(self) -> dict[str, str | int | None]:
        """The finding in machine output (JSON); a spreadsheet's place also as its sheet and
        cell (`line` is then the row)."""
        found: dict[str, str | int | None] = {
            "file": self.location.file,
            "line": self.location.line or None,
            "column": self.location.column or None,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "message_zh": self.text("zh"),
        }
        if self.location.sheet is not None:
            found["sheet"] = self.location.sheet
            found["cell"] = self.location.cell or None
        return found
