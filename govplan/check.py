"""The `check` use case: plans analysed and their results judged, one bad file never hiding
the others."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from govplan.analysis import Analysis, analyze, unreadable
from govplan.config import Config
from govplan.errors import Finding, Severity
from govplan.exitcodes import ExitCode
from govplan.paths import plan_files
from govplan.results import Report
from govplan.terms import FailOn


@dataclass
class CheckOutcome:
    files: list[Analysis] = field(default_factory=list)  # every path, in the order given

    @property
    def reports(self) -> list[Report]:
        return [a.report for a in self.files if a.report is not None]

    @property
    def findings(self) -> list[Finding]:
        return [finding for analysis in self.files for finding in analysis.findings]

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


def run_check(paths: Sequence[str], config: Config | None = None) -> CheckOutcome:
    """Every plan under `paths` (files, folders, glob patterns) analysed, with the
    repository's settings (select, ignore, severity) applied to its findings."""
    config = config or Config()
    outcome = CheckOutcome()
    for path, problem in plan_files(paths):
        found = unreadable(path, problem) if problem is not None else analyze(path)
        outcome.files.append(found.with_settings(config))
    return outcome
