"""The `validate` use case: every file under the given paths checked, every finding
collected (errors and warnings), one bad file never hiding another."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from govplan.check import evaluate
from govplan.codes import CodeName
from govplan.errors import Finding, Location, PlanInvalid, Severity
from govplan.exitcodes import ExitCode
from govplan.model import Plan, load_plan
from govplan.results import Report
from govplan.terms import Form, Verdict

PLAN_SUFFIXES = (".yaml", ".yml")


def _warning(plan: Plan, path: tuple[str | int, ...], code: CodeName, message: str) -> Finding:
    location = plan.marks.at(path) if plan.marks else Location(plan.file)
    return Finding(location, code, message, Severity.WARNING)


def rule_load_warnings(plan: Plan, report: Report) -> Iterator[Finding]:
    """YAML 1.1 traps noticed while loading."""
    yield from plan.warnings


def rule_unresolved_reference(plan: Plan, report: Report) -> Iterator[Finding]:
    """A relative target (与经济增长同步) whose reference indicator is not in the plan."""
    for index, ind in enumerate(plan.indicators):
        ref = ind.target.sync
        if ind.target.form is Form.SYNC and ref and plan.indicator(ref) is None:
            yield _warning(
                plan,
                ("indicators", index, "target"),
                "unresolved-reference",
                f"target {ind.target.text!r} refers to indicator {ref!r}, which is not in "
                f"the plan; add it or use {{sync: ID}}",
            )


def rule_inconsistent_reported(plan: Plan, report: Report) -> Iterator[Finding]:
    """A published figure that does not match govplan's, even allowing for rounding."""
    for index, result in enumerate(report.results):
        for entry in result.audit:
            if entry.verdict is not Verdict.INCONSISTENT:
                continue
            computed = "none" if entry.computed is None else str(entry.computed)
            why = f" ({entry.reason})" if entry.reason else ""
            yield _warning(
                plan,
                ("indicators", index, "reported", entry.field),
                "inconsistent-reported",
                f"published {entry.field} {entry.reported} does not match govplan's "
                f"{computed}{why}",
            )


def rule_catalogue_id(plan: Plan, report: Report) -> Iterator[Finding]:
    """An indicator named as a catalogue indicator (or its alias) but under another id."""
    from govplan.catalogue import by_id, match_name

    for index, ind in enumerate(plan.indicators):
        entry = match_name(ind.name)
        if entry is not None and entry.id != ind.id and by_id(ind.id) is None:
            yield _warning(
                plan,
                ("indicators", index, "id"),
                "catalogue-id",
                f"{ind.name!r} is the catalogue indicator {entry.id!r} ({entry.zh}); use id "
                f"{entry.id!r} so that `govplan compare` lines it up with other plans",
            )


RULES: tuple[Callable[[Plan, Report], Iterable[Finding]], ...] = (
    rule_load_warnings,
    rule_unresolved_reference,
    rule_inconsistent_reported,
    rule_catalogue_id,
)


def validate_file(path: str) -> list[Finding]:
    """Every finding for one plan file, errors and warnings together, in line order."""
    try:
        plan = load_plan(path)
    except PlanInvalid as exc:
        return list(exc.findings)
    report = evaluate(plan)
    findings = [f for rule in RULES for f in rule(plan, report)]
    return sorted(findings, key=lambda f: (f.location.line, f.location.column))


def plan_files(paths: Sequence[str]) -> Iterator[tuple[str, Finding | None]]:
    """The plan files under `paths`, in a stable order: (file, None), or (path, finding)
    for a path that cannot be used (missing, or a directory with no plans)."""
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files if f.endswith(PLAN_SUFFIXES)]
            if not found:
                yield (
                    path,
                    Finding(
                        Location(path),
                        "no-plans",
                        "no plan files (*.yaml, *.yml) in this directory",
                    ),
                )
            for file in sorted(found):
                yield file, None
        elif not os.path.exists(path):
            yield path, Finding(Location(path), "io", "no such file or directory")
        else:
            yield path, None


@dataclass
class FileResult:
    file: str
    findings: list[Finding]


def _validate_one(item: tuple[str, Finding | None]) -> FileResult:
    file, problem = item
    return FileResult(file, [problem] if problem else validate_file(file))


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16


def validate_paths(paths: Sequence[str], *, jobs: int | None = None) -> Iterator[FileResult]:
    """Validate every plan under `paths`, in order, streaming: each result is yielded as
    soon as it and those before it are done, so memory does not grow with the number of
    files. `jobs` worker processes (default: one per core) share the files."""
    jobs = jobs or os.cpu_count() or 1
    items = plan_files(paths)
    if jobs <= 1:
        yield from map(_validate_one, items)
        return
    head = []
    for item in items:
        head.append(item)
        if len(head) >= PARALLEL_THRESHOLD:
            break
    if len(head) < PARALLEL_THRESHOLD:
        yield from map(_validate_one, head)
        return
    import itertools
    import multiprocessing

    with multiprocessing.Pool(jobs) as pool:
        yield from pool.imap(_validate_one, itertools.chain(head, items), chunksize=8)


def exit_code(errors: int, warnings: int, *, strict: bool) -> ExitCode:
    if errors:
        return ExitCode.INVALID
    if warnings and strict:
        return ExitCode.FINDINGS
    return ExitCode.OK
