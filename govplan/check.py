"""The `check` use case: load and compute plans, one bad file never hiding the others."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from govplan.compute import Report, Status, compute_plan
from govplan.errors import Finding, PlanInvalid
from govplan.exitcodes import ExitCode
from govplan.model import load_plan


class FailOn(StrEnum):
    MISSED = "missed"  # a target missed or a task behind schedule
    INCONSISTENT = "inconsistent"  # a published figure that does not match govplan's


@dataclass
class CheckOutcome:
    reports: list[Report] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def exit_code(self, fail_on: Iterable[FailOn] = ()) -> ExitCode:
        if self.findings:
            return ExitCode.INVALID
        conditions = set(fail_on)
        for report in self.reports:
            statuses = {r.status for r in report.results}
            if FailOn.MISSED in conditions and statuses & {Status.MISSED, Status.BEHIND}:
                return ExitCode.FINDINGS
            if FailOn.INCONSISTENT in conditions and report.inconsistent():
                return ExitCode.FINDINGS
        return ExitCode.OK


def run_check(paths: Sequence[str]) -> CheckOutcome:
    outcome = CheckOutcome()
    for path in paths:
        try:
            outcome.reports.append(compute_plan(load_plan(path)))
        except PlanInvalid as exc:
            outcome.findings.extend(exc.findings)
    return outcome
