"""Output formats of `validate`: text, JSON and GitHub annotations, each a pure function
of the findings."""

from __future__ import annotations

import json
from collections.abc import Sequence

from govplan.errors import Finding, Severity
from govplan.inert import inert
from govplan.validate import FileResult


def _all(results: Sequence[FileResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def summary(results: Sequence[FileResult]) -> dict[str, int]:
    findings = _all(results)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return {"files": len(results), "errors": errors, "warnings": len(findings) - errors}


def render_text(results: Sequence[FileResult], lang: str = "en") -> str:
    """`file:line:col: error|warning CODE message`, one line each."""
    return "".join(f"{f.line(lang)}\n" for f in _all(results))


def render_json(results: Sequence[FileResult], lang: str = "en") -> str:
    """Every finding, with its message in English and in Chinese, and the counts."""
    findings = [f.as_dict() for f in _all(results)]
    payload = {"findings": findings, "summary": summary(results)}
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command escaping: % CR LF always, and : , in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(results: Sequence[FileResult], lang: str = "en") -> str:
    """`::error file=…,line=…,col=…,title=CODE::message` annotations for GitHub Actions."""
    lines = []
    for f in _all(results):
        props = [f"file={_escape(f.location.file, prop=True)}"]
        if f.location.line:
            props.append(f"line={f.location.line}")
        if f.location.column:
            props.append(f"col={f.location.column}")
        props.append(f"title={_escape(f.code, prop=True)}")
        lines.append(f"::{f.severity.value} {','.join(props)}::{_escape(inert(f.text(lang)))}\n")
    return "".join(lines)
