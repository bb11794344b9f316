"""GitLab code quality: a JSON array of issues, each with a fingerprint that stays the same
from run to run while the finding does (so a merge request shows what is new)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from govplan.errors import Severity
from govplan.validate import FileResult

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render_gitlab(results: Sequence[FileResult], lang: str = "en") -> str:
    issues = []
    seen: Counter[str] = Counter()
    for result in results:
        for f in result.findings:
            # file, code and message, not the line: moving a finding does not make it new;
            # the same finding twice in a file is told apart by its occurrence
            key = f"{f.location.file}\0{f.code}\0{f.message}"
            seen[key] += 1
            fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
            issues.append(
                {
                    "description": f"{f.code}: {f.text(lang)}",
                    "check_name": f.code,
                    "fingerprint": fingerprint,
                    "severity": _SEVERITY[f.severity],
                    "location": {
                        "path": f.location.file,
                        "lines": {"begin": max(f.location.line, 1)},
                    },
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
