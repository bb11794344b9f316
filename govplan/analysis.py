"""One plan file analysed: its plan, its report and every stage's findings, as values."""

from __future__ import annotations

from dataclasses import dataclass, replace

from govplan.audit import audit_report
from govplan.compute import compute_plan
from govplan.config import Config
from govplan.errors import Finding
from govplan.evaluation import evaluate_plan
from govplan.model import Plan, read_plan
from govplan.results import Report
from govplan.rules import rule_findings


@dataclass(frozen=True)
class Analysis:
    """What every command sees of one plan file, as beancount's loader gives `entries,
    errors`: the plan and its report when it could be built, and the findings of reading,
    shape, building, computing, the audit and the rules, in line order, in one tuple."""

    file: str
    plan: Plan | None
    report: Report | None
    findings: tuple[Finding, ...]

    def with_settings(self, config: Config) -> Analysis:
        """The findings a repository's settings keep, at the severities they set (all of them
        for a plan that could not be built)."""
        kept = config.adjust(list(self.findings), built=self.plan is not None)
        return replace(self, findings=tuple(kept))


def evaluate(plan: Plan) -> Report:
    """A plan's results: computed, then its published figures audited."""
    if plan.span is not None:
        return audit_report(evaluate_plan(plan))
    return audit_report(compute_plan(plan))


def _analysed(file: str, plan: Plan | None, found: list[Finding]) -> Analysis:
    if plan is None:
        return Analysis(file, None, None, tuple(found))
    report = evaluate(plan)
    return Analysis(file, plan, report, tuple(rule_findings(plan, report, found)))


def analyze(path: str) -> Analysis:
    """One plan file (`-`: standard input) read, built, computed, audited and linted."""
    plan, found = read_plan(path)
    return _analysed(path, plan, found)


def unreadable(path: str, problem: Finding) -> Analysis:
    """A path that holds no plan (a folder without plans, a pattern that matches nothing)."""
    return Analysis(path, None, None, (problem,))
