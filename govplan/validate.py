"""The `validate` use case: every file under the given paths checked, every finding
collected (errors and warnings), one bad file never hiding another."""

from __future__ import annotations

import collections
import gc
import itertools
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from govplan.analysis import analyze
from govplan.config import Config
from govplan.errors import Finding, Location, shown_path
from govplan.exitcodes import ExitCode
from govplan.load import STDIN, STDIN_NAME
from govplan.messages import said
from govplan.paths import plan_files


@dataclass
class FileResult:
    file: str
    findings: list[Finding]
    built: bool = False  # the plan was built: the repository's settings apply to its findings


def _validate_one(item: tuple[str, Finding | None]) -> FileResult:
    file, problem = item
    name = STDIN_NAME if file == STDIN else shown_path(file)
    if problem is not None:
        return FileResult(name, [problem], built=False)
    analysis = analyze(file)  # a worker sends back the findings, not the plan
    return FileResult(name, list(analysis.findings), built=analysis.plan is not None)


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
        findings = config.adjust(result.findings, built=result.built)
        yield FileResult(result.file, findings, result.built)
    if not checked and paths:
        found = said(Location(paths[0]), "no-plans", "excluded", source=config.source)
        yield FileResult(paths[0], [found], built=False)


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
