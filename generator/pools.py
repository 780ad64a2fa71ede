"""Forked worker pools that end when they are told to, in the build and in the preview.

A pool's `terminate()` ends its workers with SIGTERM. `kurikulum serve` turns
SIGTERM into KeyboardInterrupt (so that the server shuts down cleanly), and a
forked worker inherits that handler: a worker interrupted while it held the
pool's task-queue lock left the other one waiting for it, and the preview's
full pass waiting for both, for ever (seen once in a 10,000-module preview).
So every worker first restores the default SIGTERM (and leaves Ctrl+C to the
process that started it), and a pool that finished its work is closed and
joined, its workers leaving on their own, before anything is terminated.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import Any


def worker_signals() -> None:
    """A worker's signals: SIGTERM ends it; Ctrl+C is its parent's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def fork_pool(workers: int, **options: Any) -> Iterator[Pool]:
    """A pool of `workers` forked processes (`worker_signals` in each), closed and
    joined when the block ends normally, terminated when it raises."""
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=worker_signals, **options)
    try:
        yield pool
        pool.close()
        pool.join()
    finally:
        pool.terminate()
