"""Plans built for a test from a file or a text: the plan or report it must give, or the
findings that must stop it (each failure names the findings it did not expect)."""

from __future__ import annotations

from govplan.analysis import analyze
from govplan.errors import Finding
from govplan.model import Plan, plan_from_text, read_plan
from govplan.results import Report


def plan_of(path: str) -> Plan:
    plan, findings = read_plan(path)
    assert plan is not None, [str(f) for f in findings]
    return plan


def plan_of_text(text: str, name: str = "p.yaml") -> Plan:
    plan, findings = plan_from_text(text, name)
    assert plan is not None, [str(f) for f in findings]
    return plan


def report_of_path(path: str) -> Report:
    analysis = analyze(path)
    assert analysis.report is not None, [str(f) for f in analysis.findings]
    return analysis.report


def refusal(path: str) -> list[Finding]:
    """The findings of a plan file that must not build (at least one of them an error)."""
    plan, findings = read_plan(path)
    assert plan is None, f"{path} was built"
    return findings


def refusal_of_text(text: str, name: str = "p.yaml") -> list[Finding]:
    plan, findings = plan_from_text(text, name)
    assert plan is None, "the text was built"
    return findings


def findings_of(path: str) -> list[Finding]:
    """Every finding of a plan file, as validate shows them (before any settings)."""
    return list(analyze(path).findings)
