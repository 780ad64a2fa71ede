"""Folders a running build writes, and the removal of those a killed build left.

A build writes the new site, and the search cache, into temporary folders that
it renames into place at the end. Killed halfway (Ctrl+C twice, a CI timeout,
the OOM killer), it leaves them behind: at 10,000 modules a whole site beside
the published one. Each such folder is held by a lock on the folder itself
(flock on an open descriptor of it) for as long as a build writes it; the
kernel releases the lock when the process ends, however it ends. So a folder
whose lock can be taken belongs to no running build: unlike a process id, a
lock is not fooled by the id's reuse, nor by a build on another machine
sharing the folder.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

# A folder no process holds is removed once it is this old (seconds): it may have
# been made an instant ago, before its build took the lock, or by a generator
# without locks. Where folders cannot be locked (no fcntl), only age tells: a day,
# far longer than any build.
STALE_UNLOCKED_AFTER = 60
STALE_AFTER = 24 * 3600

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_HELD: dict[Path, int] = {}  # the folders this process holds, and their descriptors


def hold(folder: Path) -> None:
    """Take `folder`'s lock for this process (nothing where locks are missing)."""
    if fcntl is None or folder in _HELD:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # such folders are told stale by their age
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return
    _HELD[folder] = fd


def release(folder: Path) -> None:
    fd = _HELD.pop(folder, None)
    if fd is not None:
        os.close(fd)  # closing the last descriptor releases the lock


def rename_held(old: Path, new: Path) -> None:
    """A held folder was renamed from `old` to `new`: its lock goes with it."""
    fd = _HELD.pop(old, None)
    if fd is not None:
        _HELD[new] = fd


def held_here(folder: Path) -> bool:
    return folder in _HELD


def unheld(folder: Path) -> bool:
    """Whether no process holds `folder`'s lock (tried without waiting, then let go)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held by a running build
    finally:
        os.close(fd)
    return True


def remove_stale(
    parent: Path, written: str, done: tuple[str, ...] = (), now: float | None = None
) -> list[Path]:
    """Remove from `parent` the folders killed builds left; returns them.

    A folder named `written`* (one a build writes) goes only when no process
    holds its lock and it is older than STALE_UNLOCKED_AFTER (without fcntl:
    older than STALE_AFTER); a folder named after one of `done` (replaced, that
    nobody writes any more) when it is older than STALE_UNLOCKED_AFTER. Never
    a folder this process holds.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = sorted(parent.iterdir())
    except OSError:
        return removed
    for path in entries:
        name = path.name
        if not name.startswith((written, *done)) or path in _HELD:
            continue
        try:
            if path.is_symlink() or not path.is_dir():
                continue
            age = now - path.stat().st_mtime
        except OSError:
            continue
        if age < STALE_UNLOCKED_AFTER:
            continue
        if name.startswith(written) and not (
            unheld(path) if fcntl is not None else age >= STALE_AFTER
        ):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
