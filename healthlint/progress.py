"""A progress bar on stderr for long runs: only on a terminal, never with --quiet, never in CI logs."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from collections.abc import Iterator, Sequence

MIN_FILES = 20  # fewer files finish before a bar would be worth drawing
UPDATES = 50  # work is handed out in about this many chunks, so parallel linting keeps its batches


def wanted(n_files: int, quiet: bool, stream=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    return not quiet and n_files >= MIN_FILES and stream.isatty()


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@contextmanager
def bar(total: int, label: str, enabled: bool):
    """Yield update(n): advance the bar by n items (a no-op when disabled)."""
    if not enabled:
        yield lambda n: None
        return
    import click  # only for a bar: a one-file run never imports click

    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=False,
                           width=30) as pb:
        yield pb.update


def chunk_size(total: int) -> int:
    return max(1, total // UPDATES)
