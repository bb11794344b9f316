"""JUnit XML (Jenkins, GitLab test reports, Azure): a test case per file, a failure per
error; warnings go to the case's output."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from govplan.errors import Finding, Severity
from govplan.inert import inert
from govplan.validate import FileResult

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _errors(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if f.severity is Severity.ERROR]


def render_junit(results: Sequence[FileResult], lang: str = "en") -> str:
    failed = str(sum(1 for r in results if _errors(r)))
    tests = str(len(results))
    suites = ET.Element("testsuites", name="govplan", tests=tests, failures=failed, errors="0")
    suite = ET.SubElement(
        suites, "testsuite", name="govplan validate", tests=tests, failures=failed, errors="0"
    )
    for result in results:
        # XML 1.0 cannot hold control characters even as references: plan text is made inert
        case = ET.SubElement(
            suite, "testcase", name=inert(result.file), classname="govplan.validate"
        )
        for f in _errors(result):
            failure = ET.SubElement(case, "failure", message=inert(f.text(lang)), type=f.code)
            failure.text = f.line(lang)
        warnings = [f for f in result.findings if f.severity is Severity.WARNING]
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(f.line(lang) for f in warnings)
    ET.indent(suites)
    return XML_HEAD + ET.tostring(suites, encoding="unicode") + "\n"
