"""Lint many files on several cores. Results come back in input order, identical to a serial run.

Workers are forked where the platform allows it, so they inherit the parent's loaded rules and
start in milliseconds; elsewhere they are spawned and build their own Linter from the same
arguments. Each worker lints batches of (path, text) pairs the parent has already read (rule by
rule: engine.lint_documents), so reading errors and the cache stay in the parent.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from .finding import FileResult

MIN_FILES_PER_WORKER = 4  # below this a pool costs more than it saves
MIN_CHARS = 40_000  # about 6,000 words: less is faster on one core
BATCH_FILES = 16  # files linted together, rule by rule (engine.lint_documents)
BATCH_CHARS = 500_000  # and at most about this much text in a batch, unless one file is larger

_linter = None  # the worker's Linter: inherited when forked, built by _init when spawned


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worth_it(jobs: int, items: Sequence[tuple[str, str]]) -> bool:
    return (jobs > 1 and len(items) >= 2 * MIN_FILES_PER_WORKER
            and sum(len(text) for _, text in items) >= MIN_CHARS)


def _init(args) -> None:
    global _linter
    if args is not None:
        from .api import Linter

        config, use_config, select, ignore = args
        _linter = Linter(config, use_config=use_config, select=select, ignore=ignore)


def batches(items: Sequence[tuple[str, str]], size: int) -> Iterator[Sequence[tuple[str, str]]]:
    """Consecutive runs of at most `size` items and about BATCH_CHARS characters (one huge file
    is a batch of its own: a batch's documents are all held at once)."""
    batch: list[tuple[str, str]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) == size or chars + len(item[1]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[1])
    if batch:
        yield batch


def _work(batch: Sequence[tuple[str, str]]) -> list[FileResult]:
    # The parent has the texts: do not send them back.
    return [FileResult(r.path, r.findings, r.error) for r in _linter.lint_texts(batch)]


def lint_parallel(linter, items: list[tuple[str, str]], jobs: int) -> Iterator[FileResult]:
    """FileResults for (path, text) items, in order, linted by `jobs` processes."""
    global _linter
    import multiprocessing  # only here: a one-file run never pays for it

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        ctx, init_args = multiprocessing.get_context("fork"), None
        _linter = linter  # the children see it as it is now
    else:  # pragma: no cover - Windows and macOS defaults
        ctx, init_args = multiprocessing.get_context("spawn"), linter.init_args
    jobs = min(jobs, len(items))
    size = max(1, min(BATCH_FILES, len(items) // (jobs * 4)))
    with ctx.Pool(jobs, initializer=_init, initargs=(init_args,)) as pool:
        results = (result for done in pool.imap(_work, batches(items, size)) for result in done)
        for (path, text), result in zip(items, results):
            yield FileResult(result.path, result.findings, result.error, text if result.error is None else None)
    _linter = None
