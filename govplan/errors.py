"""Located findings and the exception that carries them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum

from govplan.codes import CODES_ZH, CodeName
from govplan.inert import inert


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@functools.lru_cache(maxsize=256)  # a file's name is shown in each of its findings
def shown_path(path: str) -> str:
    """A path as text that is safe to print: bytes that are not UTF-8 (which Python keeps as
    surrogates) as \\xNN, control characters as \\xNN too."""
    return inert(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


@dataclass(frozen=True, order=True)
class Location:
    """A place in a plan file; line and column are 1-based, 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __post_init__(self) -> None:
        # A file name is shown, never trusted: undecodable bytes and control characters
        # are escaped so that no message or JSON document carries them raw.
        object.__setattr__(self, "file", shown_path(self.file))

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        if self.column <= 0:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file, always with its location and a stable code."""

    location: Location
    code: CodeName
    message: str
    severity: Severity = Severity.ERROR
    message_zh: str | None = None  # the message in Chinese, where it has its own

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
        return f"{CODES_ZH[self.code][0]}: {self.message}"

    def line(self, lang: str) -> str:
        """`file:line:col: error|warning CODE message`; severity and code stay as they are
        (tools match them), the message follows the language."""
        return f"{self.location}: {self.severity.value} {self.code} {inert(self.text(lang))}"

    def as_dict(self) -> dict[str, str | int | None]:
        """The finding in machine output (JSON)."""
        return {
            "file": self.location.file,
            "line": self.location.line or None,
            "column": self.location.column or None,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "message_zh": self.text("zh"),
        }


class PlanInvalid(Exception):
    """A plan file could not be read or does not follow the plan format."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings
