"""Worker pools (generator/pools.py): they end when told to, also inside the preview.

`kurikulum serve` turns SIGTERM into KeyboardInterrupt; forked workers used to
inherit that, and a pool torn down with terminate() could then wait for ever
for a worker that never ended (a preview's full pass hung so once).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import pytest

from generator.pools import fork_pool

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


@pytest.fixture
def sigterm_raises():
    """The preview's SIGTERM handler, in this process."""
    old = signal.signal(signal.SIGTERM, _raise_interrupt)
    yield
    signal.signal(signal.SIGTERM, old)


def _signals(_: int) -> tuple[bool, bool, int]:
    return (
        signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
        signal.getsignal(signal.SIGINT) == signal.SIG_IGN,
        os.getpid(),
    )


def _slow(x: int) -> int:
    time.sleep(0.001)
    return x


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that ended but was not reaped yet is a zombie: not running.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_end_on_sigterm_and_leave_ctrl_c_to_their_parent(sigterm_raises):
    with fork_pool(2) as pool:
        seen = pool.map(_signals, range(8), chunksize=1)
    assert all(term and interrupt for term, interrupt, _ in seen)
    for _, _, pid in seen:
        assert not _alive(pid), "a worker outlived its pool"


def test_a_pool_left_by_an_exception_is_terminated(sigterm_raises):
    pids: list[int] = []
    with pytest.raises(RuntimeError), fork_pool(2) as pool:
        pids = [pid for _, _, pid in pool.map(_signals, range(4), chunksize=1)]
        raise RuntimeError("the build failed")
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pids and not any(_alive(pid) for pid in pids)


def test_pools_started_from_a_thread_of_the_preview_never_hang(sigterm_raises):
    done = []

    def builder():  # as the preview's builder thread does, pool after pool
        for _ in range(40):
            with fork_pool(2) as pool:
                assert list(pool.imap(_slow, range(20))) == list(range(20))
            with fork_pool(2, maxtasksperchild=1) as pool:
                pool.starmap(_slow, [(i,) for i in range(4)], chunksize=1)
        done.append(True)

    thread = threading.Thread(target=builder, daemon=True)
    thread.start()
    thread.join(timeout=120)
    assert done, "a pool did not end within two minutes"
