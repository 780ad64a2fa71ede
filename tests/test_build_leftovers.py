"""A killed build leaves its half-written site beside the output (at 10,000 modules
a whole site): the next build removes it, never the folder of a build still running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")


from generator.build import build  # noqa: E402
from generator.folders import STALE_UNLOCKED_AFTER  # noqa: E402

pytest_plugins = ["sitehelpers"]


@pytest.fixture
def env(mini_build_env: Path) -> Path:
    return mini_build_env


def _leftover(parent: Path, name: str, *, age: float) -> Path:
    folder = parent / name
    (folder / "modul").mkdir(parents=True)
    (folder / "modul" / "index.html").write_text("<p>setengah jadi</p>", encoding="utf-8")
    past = time.time() - age
    os.utime(folder, (past, past))
    return folder


def _holder(folder: Path) -> subprocess.Popen:
    """Another process holding `folder`, as a running build holds its new site."""
    code = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('siap', flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "siap"
    return proc


def test_the_next_build_removes_a_killed_builds_site_but_not_a_running_one(
    mini_project, env, tmp_path
):
    out = tmp_path / "site"
    old = STALE_UNLOCKED_AFTER + 60
    killed = _leftover(tmp_path, ".site-baru-dibunuh", age=old)
    running = _leftover(tmp_path, ".site-baru-berjalan", age=old)
    fresh = _leftover(tmp_path, ".site-baru-baru", age=1)  # may be locked an instant later
    other = _leftover(tmp_path, ".lain-baru-x", age=old)  # another output's
    holder = _holder(running)
    try:
        build(mini_project / "site_config.yml", out)
        assert not killed.exists()
        assert (running / "modul" / "index.html").is_file()
        assert fresh.exists() and other.exists()
    finally:
        holder.kill()
        holder.wait()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.glob(".site-*")) == [fresh.name, running.name]
    # Once its build has ended, however it ended, the folder is a leftover too.
    past = time.time() - old
    os.utime(running, (past, past))
    build(mini_project / "site_config.yml", out)
    assert not running.exists() and fresh.exists()


def test_a_build_killed_halfway_leaves_nothing_after_the_next(mini_project, env, tmp_path):
    out = tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--output", str(out)],
        cwd=mini_project,
        env={**os.environ, "KURIKULUM_CACHE_DIR": str(env)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".site-baru-*/assets")):
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its render process
        proc.wait()
    left = list(tmp_path.glob(".site-baru-*"))
    assert left and not out.exists()
    past = time.time() - STALE_UNLOCKED_AFTER - 60
    for folder in left:
        os.utime(folder, (past, past))
    build(mini_project / "site_config.yml", out)
    assert list(tmp_path.glob(".site-baru-*")) == []
    assert (out / "index.html").is_file()
