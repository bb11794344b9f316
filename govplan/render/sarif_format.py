"""SARIF 2.1.0 (GitHub code scanning and most security dashboards): one run, govplan's rules
with their help text and docs/rules.md anchors, one result per finding."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Sequence
from typing import Any

from govplan import __version__
from govplan.codes import CODES
from govplan.errors import Severity
from govplan.validate import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES_DOC = "docs/rules.md"


def _rules(lang: str) -> list[dict[str, Any]]:
    rules = []
    for code, rule in CODES.items():
        what, why, fix = rule.text(lang)
        rules.append(
            {
                "id": code,
                "name": code,
                "shortDescription": {"text": what},
                "fullDescription": {"text": _full(what, why, lang)},
                "help": {
                    "text": f"{fix} (see {RULES_DOC}#{code})",
                    "markdown": f"{fix}. See [{code}]({RULES_DOC}#{code}).",
                },
                "defaultConfiguration": {"level": rule.severity},
                "properties": {"docs": f"{RULES_DOC}#{code}"},
            }
        )
    return rules


def _full(what: str, why: str, lang: str) -> str:
    return f"{what}。为何重要: {why}。" if lang == "zh" else f"{what}. Why: {why}."


def render_sarif(results: Sequence[FileResult], lang: str = "en") -> str:
    index = {code: i for i, code in enumerate(CODES)}
    found = []
    for result in results:
        for f in result.findings:
            # a URI reference: a space, #, % or ? in a file name is percent-encoded
            uri = urllib.parse.quote(f.location.file.replace("\\", "/"), safe="/")
            location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if f.location.line > 0:
                region: dict[str, int] = {"startLine": f.location.line}
                if f.location.column > 0:
                    region["startColumn"] = f.location.column
                location["region"] = region
            found.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": "error" if f.severity is Severity.ERROR else "warning",
                    "message": {"text": f.text(lang)},
                    "locations": [{"physicalLocation": location}],
                }
            )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govplan",
                        "version": __version__,
                        "rules": _rules(lang),
                    }
                },
                "results": found,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
