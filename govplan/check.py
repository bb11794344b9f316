"""The `check` use case: load and compute plans, one bad file never hiding the others."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from govplan.audit import audit_report
from govplan.compute import compute_plan
from govplan.errors import Finding, PlanInvalid, Severity
from govplan.evaluation import evaluate_plan
from govplan.exitcodes import ExitCode
from govplan.model import Plan, load_plan
from govplan.paths import plan_files
from govplan.results import Report
from govplan.rules import rule_findings
from govplan.terms import FailOn


def evaluate(plan: Plan) -> Report:
    """A plan's results: computed, then its published figures audited."""
    if plan.span is not None:
        return audit_report(evaluate_plan(plan))
    return audit_report(compute_plan(plan))


@dataclass
class CheckOutcome:
    # every path in the order given, with its report or, for an invalid plan, its findings
    files: list[tuple[str, Report | None, list[Finding]]] = field(default_factory=list)

    @property
    def reports(self) -> list[Report]:
        return [report for _, report, _ in self.files if report is not None]

    @property
    def findings(self) -> list[Finding]:
        return [finding for _, _, findings in self.files for finding in findings]

    def exit_code(self, fail_on: Iterable[FailOn] = (), codes: Collection[str] = ()) -> ExitCode:
        # a plan that loaded with warnings (legacy-encoding) is still valid
        if any(f.severity is Severity.ERROR for f in self.findings):
            return ExitCode.INVALID
        if any(f.code in codes for f in self.findings):  # --fail-on unresolved-reference
            return ExitCode.FINDINGS
        conditions = set(fail_on)
        for report in self.reports:
            short = any(r.status.falls_short for r in report.results)
            if FailOn.MISSED in conditions and short:
                return ExitCode.FINDINGS
            if FailOn.INCONSISTENT in conditions and report.inconsistent():
                return ExitCode.FINDINGS
            if FailOn.BINDING in conditions and report.binding_short():
                return ExitCode.FINDINGS
        return ExitCode.OK


def run_check(paths: Sequence[str]) -> CheckOutcome:
    """Every plan under `paths` (files, folders, glob patterns) loaded and evaluated."""
    outcome = CheckOutcome()
    for path, problem in plan_files(paths):
        if problem is not None:  # a folder with no plans, a pattern matching nothing
            outcome.files.append((path, None, [problem]))
            continue
        try:
            report = evaluate(load_plan(path))
        except PlanInvalid as exc:
            outcome.files.append((path, None, list(exc.findings)))
        else:  # the same findings validate shows (the loader's warnings among them)
            outcome.files.append((path, report, rule_findings(report.plan, report)))
    return outcome
