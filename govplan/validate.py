"""The `validate` use case: every file under the given paths checked, every finding
collected (errors and warnings), one bad file never hiding another."""

from __future__ import annotations

import collections
import gc
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govplan.check import evaluate
from govplan.codes import CodeName
from govplan.config import Config
from govplan.errors import Finding, Location, PlanInvalid, shown_path
from govplan.exitcodes import ExitCode
from govplan.load import STDIN, STDIN_NAME
from govplan.model import Plan, load_plan
from govplan.paths import plan_files
from govplan.results import Report
from govplan.terms import Direction, Form, Kind, Measure, Status, Verdict
from govplan.units import UnitError, is_counting, is_open
from govplan.values import in_unit


def _warning(plan: Plan, path: tuple[str | int, ...], code: CodeName, message: str) -> Finding:
    location = plan.marks.at(path) if plan.marks else Location(plan.file)
    return Finding(location, code, message)


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


def _shown(value: Decimal | str | None) -> str:
    """A number as a person writes it (35.56, not 35.55978131685286427382933207)."""
    from govplan.render.numbers import plain

    if value is None:
        return "none"
    return value if isinstance(value, str) else plain(value, 4)


def rule_inconsistent_reported(plan: Plan, report: Report) -> Iterator[Finding]:
    """A published figure that does not match govplan's, even allowing for rounding."""
    for index, result in enumerate(report.results):
        for entry in result.audit:
            if entry.verdict is not Verdict.INCONSISTENT:
                continue
            computed = _shown(entry.computed)
            why = f" ({entry.reason})" if entry.reason else ""
            yield _warning(
                plan,
                ("indicators", index, "reported", entry.field),
                "inconsistent-reported",
                f"published {entry.field} {_shown(entry.reported)} does not match govplan's "
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


def rule_negative_count(plan: Plan, report: Report) -> Iterator[Finding]:
    """An actual below zero for a count of things."""
    for index, ind in enumerate(plan.indicators):
        actual = ind.actual
        if actual is None or actual.number >= 0 or actual.unit is None:
            continue
        if ind.kind is Kind.QUANTITY and (is_open(actual.unit) or is_counting(actual.unit)):
            yield _warning(
                plan,
                ("indicators", index, "actual"),
                "negative-count",
                f"actual {actual.text!r} is a count below zero; write the count itself",
            )


def rule_series_order(plan: Plan, report: Report) -> Iterator[Finding]:
    """A year-to-date quantity that shrinks: an earlier figure above a later one."""
    for index, ind in enumerate(plan.indicators):
        if ind.kind is not Kind.QUANTITY or not ind.series:
            continue
        unit = ind.target.unit
        points = [*ind.series, *([("actual", ind.actual)] if ind.actual is not None else [])]
        try:
            numbers = [(period, in_unit(value, unit)) for period, value in points]
        except UnitError:
            continue  # reported as bad-series or unit-mismatch already
        for (before, a), (after, b) in itertools.pairwise(numbers):
            if a > b:
                at: tuple[str | int, ...] = ("indicators", index, "series", before)
                yield _warning(
                    plan,
                    at,
                    "series-order",
                    f"year-to-date {before} ({a:f}) is above {after} ({b:f}); a quantity "
                    "summed from January cannot shrink",
                )


def rule_no_completion(plan: Plan, report: Report) -> Iterator[Finding]:
    """An at-least target of zero or below for a quantity: no completion ratio."""
    for index, result in enumerate(report.results):
        ind = result.indicator
        value = ind.target.value
        if ind.kind is not Kind.QUANTITY or value is None or value.number > 0:
            continue
        if result.better is Direction.UP:
            yield _warning(
                plan,
                ("indicators", index, "target"),
                "no-completion",
                f"target {ind.target.text!r} is zero or below, so completion (actual / target) "
                "is not computed",
            )


def rule_no_base(plan: Plan, report: Report) -> Iterator[Finding]:
    """A five-year level target without the base year's level: no share can be computed."""
    for index, result in enumerate(report.results):
        ind = result.indicator
        # only where a share is wanted: figures in, and not settled by meeting the target
        if (
            ind.measure is Measure.LEVEL
            and ind.base is None
            and ind.years
            and result.status is Status.UNKNOWN
        ):
            yield _warning(
                plan,
                ("indicators", index, "target"),
                "no-base",
                f"target {ind.target.text!r} is a level in {plan.span.last if plan.span else ''}"
                "; without `base:` (the base year's level) the share covered cannot be "
                "computed and the status is unknown until the target is met",
            )


def rule_nothing_to_compound(plan: Plan, report: Report) -> Iterator[Finding]:
    """A five-year rate, change or total whose figures do not reach back to the base year."""
    for index, result in enumerate(report.results):
        ind = result.indicator
        measure = ind.measure
        if measure not in (Measure.AVERAGE, Measure.CHANGE, Measure.TOTAL) or not ind.years:
            continue
        if result.status is Status.PENDING:
            years = ", ".join(str(f.year) for f in ind.years)
            yield _warning(
                plan,
                ("indicators", index, "series"),
                "nothing-to-compound",
                f"the figures ({years}) do not reach back to the base year without a gap; "
                "add the missing years, or a figure since the base year (累计下降7.3%)",
            )


RULES: tuple[Callable[[Plan, Report], Iterable[Finding]], ...] = (
    rule_load_warnings,
    rule_unresolved_reference,
    rule_inconsistent_reported,
    rule_catalogue_id,
    rule_negative_count,
    rule_no_completion,
    rule_series_order,
    rule_no_base,
    rule_nothing_to_compound,
)


def validate_file(path: str) -> list[Finding]:
    """Every finding for one plan file, errors and warnings together, in line order."""
    try:
        plan = load_plan(path)
    except PlanInvalid as exc:
        return list(exc.findings)
    report = evaluate(plan)
    findings = [f for rule in RULES for f in rule(plan, report)]
    if plan.marks is not None:  # `# govplan: ignore[code]` on the line or the line above
        findings = [f for f in findings if not plan.marks.suppresses(f)]
    return sorted(findings, key=lambda f: (f.location.line, f.location.column))


@dataclass
class FileResult:
    file: str
    findings: list[Finding]


def _validate_one(item: tuple[str, Finding | None]) -> FileResult:
    file, problem = item
    name = STDIN_NAME if file == STDIN else shown_path(file)
    return FileResult(name, [problem] if problem else validate_file(file))


def _validate_batch(items: list[tuple[str, Finding | None]]) -> list[FileResult]:
    return [_validate_one(item) for item in items]


def _quiet_worker(collector: tuple[int, ...], parent: int) -> None:
    # Ctrl-C is the parent's to handle: workers ignore it and are shut down with the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*collector)  # the parent's settings, also where workers are spawned
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when its parent ends, however it ends (SIGTERM, SIGHUP or SIGQUIT
    from a cancelled CI job, SIGKILL): a worker left behind would hold the job's output pipe
    open, and the job would never end. Linux's PR_SET_PDEATHSIG; elsewhere the pool's own
    shutdown is all there is."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was in place
        os._exit(1)


class WorkerDied(Exception):
    """A worker process ended without a result (killed, or out of memory)."""


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16
BATCH = 8  # files per task: fewer round trips between processes


def worker_count(jobs: int | None) -> int:
    """Worker processes: as asked, but never more than the machine has cores."""
    cores = os.cpu_count() or 1
    return max(1, min(jobs or cores, cores))


def validate_paths(
    paths: Sequence[str], *, jobs: int | None = None, config: Config | None = None
) -> Iterator[FileResult]:
    """Every plan under `paths` validated (see _validate_paths), with the repository's
    settings applied: excluded files skipped, findings selected and their severities set."""
    config = config or Config()
    named = {p for p in paths if not os.path.isdir(p)}  # a file named is always checked
    kept = (item for item in plan_files(paths) if item[0] in named or not config.excluded(item[0]))
    checked = 0
    for result in _validate_paths(kept, jobs):
        checked += 1
        yield FileResult(result.file, config.adjust(result.findings))
    if not checked and paths:
        where = Location(paths[0])
        message = f"every plan file under the paths is excluded by {config.source}'s exclude"
        yield FileResult(paths[0], [Finding(where, "no-plans", message)])


def _validate_paths(
    items: Iterator[tuple[str, Finding | None]], jobs: int | None
) -> Iterator[FileResult]:
    """Validate every plan under `paths`, in order, streaming: each result is yielded as
    soon as it and those before it are done, and only a few batches are in flight at once, so
    memory does not grow with the number of files. `jobs` worker processes (default and at
    most: one per core) share the files."""
    workers = worker_count(jobs)
    head = list(itertools.islice(items, PARALLEL_THRESHOLD))
    if workers <= 1 or len(head) < PARALLEL_THRESHOLD:
        yield from map(_validate_one, itertools.chain(head, items))
        return
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    batches = _batches(itertools.chain(head, items))
    pending: collections.deque[Future[list[FileResult]]] = collections.deque()
    with ProcessPoolExecutor(
        workers, initializer=_quiet_worker, initargs=(gc.get_threshold(), os.getpid())
    ) as pool:
        try:
            for batch in itertools.islice(batches, workers * 4):
                pending.append(pool.submit(_validate_batch, batch))
            while pending:
                results = pending.popleft().result()
                following = next(batches, None)
                if following is not None:
                    pending.append(pool.submit(_validate_batch, following))
                yield from results
        except BrokenProcessPool:
            raise WorkerDied("a worker process ended without a result (killed?)") from None
        finally:
            for future in pending:
                future.cancel()


def _batches(
    items: Iterator[tuple[str, Finding | None]],
) -> Iterator[list[tuple[str, Finding | None]]]:
    while batch := list(itertools.islice(items, BATCH)):
        yield batch


def exit_code(errors: int, warnings: int, *, strict: bool) -> ExitCode:
    if errors:
        return ExitCode.INVALID
    if warnings and strict:
        return ExitCode.FINDINGS
    return ExitCode.OK
