"""JUnit XML (Jenkins, GitLab test reports, Azure): a test case per finding, named by its
place and code; an error is a failure, a warning is skipped (a failure under --strict); a
file with no finding is one passing case."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from govplan.errors import Severity
from govplan.inert import inert
from govplan.validate import FileResult

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render_junit(results: Sequence[FileResult], lang: str = "en", *, strict: bool = False) -> str:
    suites = ET.Element("testsuites", name="govplan")
    suite = ET.SubElement(suites, "testsuite", name="govplan validate")
    tests = failures = skipped = 0
    for result in results:
        # XML 1.0 cannot hold control characters even as references: plan text is made inert
        file = inert(result.file)
        if not result.findings:
            ET.SubElement(suite, "testcase", name=file, classname=file)
            tests += 1
            continue
        for f in result.findings:
            where = f"{f.location.line}:{f.location.column}" if f.location.line else ""
            name = f"{file}:{where} {f.code}" if where else f"{file} {f.code}"
            case = ET.SubElement(suite, "testcase", name=name, classname=file)
            tests += 1
            if f.severity is Severity.ERROR or strict:
                failure = ET.SubElement(case, "failure", message=inert(f.text(lang)), type=f.code)
                failure.text = f.line(lang)
                failures += 1
            else:
                ET.SubElement(case, "skipped", message=inert(f.line(lang)))
                skipped += 1
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", str(skipped))
    ET.indent(suites)
    return XML_HEAD + ET.tostring(suites, encoding="unicode") + "\n"
