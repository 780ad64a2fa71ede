"""`kurikulum serve`: the live preview rebuilds when a curriculum file, a template
or site_config.yml changes, and an editor's mistake never stops the server."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
MODULE = Path("curriculum/unimed/modules/pelayanan-lanjut.yml")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = None
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def preview(tmp_path):
    site = tmp_path / "portal"
    shutil.copytree(MINI, site)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield site, f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        assert b"Traceback" not in (proc.stdout.read() if proc.stdout else b"")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # A later mtime, also on file systems with coarse timestamps.
    later = time.time() + 2
    os.utime(path, (later, later))


def test_serve_rebuilds_on_curriculum_and_config_changes(preview):
    site, base = preview
    page = base + "modul/unimed/pelayanan-lanjut/"
    body = _wait_for(page, "<h1>")
    assert "Direvisi Sekali" not in body

    # A curriculum edit shows up without restarting the server.
    _edit(site / MODULE, "title: ", "title: Direvisi Sekali ")
    _wait_for(page, "Direvisi Sekali")

    # A broken edit is reported and the preview keeps serving the last good site.
    _edit(site / MODULE, "jp: ", "jp: dua")
    time.sleep(3)
    assert "Direvisi Sekali" in (_get(page) or "")

    # Fixing it brings the preview back; a site_config.yml change is picked up too.
    _edit(site / MODULE, "jp: dua", "jp: ")
    _edit(site / "site_config.yml", "title: ", "title: Pratinjau Baru ")
    _wait_for(base, "Pratinjau Baru")
