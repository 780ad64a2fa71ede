"""The live preview (`kurikulum serve`) as curriculum editors use it.

Each test is a moment an editor meets while the preview is open: a page opened
while a file is broken, many tabs, a file saved in steps, a rename saved together
with a settings change, a file system that reports no changes, a closed terminal,
a busy port, a preview started on a broken curriculum; and what the editor must
see then. Passes are driven by hand (`full`, `quick`) where the rebuild loop's
timing does not matter, so that each test says what it checks.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI_EPOCH, edit_file, fetch, free_port, wait_for_port  # noqa: E402

from generator import serve as serve_module  # noqa: E402
from generator.serve import (  # noqa: E402
    LOCK_FILE,
    WORK_PREFIX,
    Preview,
    Superseded,
    _Handler,
    _Server,
)

pytest_plugins = ["sitehelpers"]

MODULE = "curriculum/unimed/modules/pelayanan-lanjut.yml"
MODULE_PAGE = "modul/unimed/pelayanan-lanjut/"
OTHER_PAGE = "forum/usu/forum-pelayanan/"  # shows nothing of MODULE
SOURCE = "curriculum/usu/modules/pelayanan-prima.yml"
NEW = "curriculum/usu/modules/modul-susulan.yml"  # a module no record refers to
NEW_PAGE = "modul/usu/modul-susulan/index.html"


@pytest.fixture
def project(mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KURIKULUM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MINI_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return mini_project


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    p = Preview(project / "site_config.yml")
    try:
        p.start()
        yield p
    finally:
        p.close()


@contextlib.contextmanager
def serving(preview: Preview) -> Iterator[str]:
    """The preview's server in a thread; its base URL."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(preview.site)))
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.stopping = True
        server.shutdown()
        server.server_close()


_edit = edit_file


def _env(tmp: Path) -> dict[str, str]:
    """The environment of a `kurikulum serve` subprocess whose work folder is in `tmp`."""
    return {**os.environ, "TMPDIR": str(tmp), "NO_MKDOCS_2_WARNING": "1"}


def _until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} after {seconds} s"
        time.sleep(0.05)


# ------------------------------------------------------------------ serving


def test_the_preview_serves_its_site_and_no_other_file(preview: Preview) -> None:
    """`/../` in an address reached every file of the computer (the preview may listen
    on the network with --host 0.0.0.0)."""
    (preview.work / "rahasia.txt").write_text("kata sandi editor", encoding="utf-8")
    with serving(preview) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])
        for path in (
            "/../rahasia.txt",
            "/..%2frahasia.txt",
            "/%2e%2e/rahasia.txt",
            "/modul/../../rahasia.txt",
            "/..%5crahasia.txt",
        ):
            for method in ("GET", "HEAD"):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                try:
                    conn.request(method, path)
                    response = conn.getresponse()
                    body = response.read()
                finally:
                    conn.close()
                assert response.status == 404, (method, path, response.status)
                assert b"kata sandi" not in body, (method, path)
        css = next((preview.site / "assets").rglob("*.css")).relative_to(preview.site)
        status, ctype, body = fetch(base + css.as_posix())
        assert status == 200 and "css" in ctype and body


def test_a_page_elsewhere_cannot_read_the_preview_under_its_own_name(preview: Preview) -> None:
    """DNS rebinding: evil.example points its name at 127.0.0.1, and a script of its
    page reads http://evil.example:PORT/ as its own site. The browser sends that name
    as Host; the preview answers 403 to it and serves its own names as before."""
    with serving(preview) as base:
        port = int(base.rstrip("/").rsplit(":", 1)[1])

        def get(host: str | None, method: str = "GET", path: str = "/") -> tuple[int, bytes]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                conn.putrequest(method, path, skip_host=True)
                if host is not None:
                    conn.putheader("Host", host)
                conn.endheaders()
                response = conn.getresponse()
                return response.status, response.read()
            finally:
                conn.close()

        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example"):
            for method, path in (("GET", "/"), ("GET", f"/{MODULE_PAGE}"), ("HEAD", "/")):
                status, body = get(host, method, path)
                assert status == 403, (host, method, path, status)
                assert b"Pelayanan" not in body
            status, body = get(host, "GET", serve_module.RELOAD_PATH + "?e=-1")
            assert status == 403, (host, status)
        assert "Alamat tidak dikenal" in get("evil.example")[1].decode("utf-8")
        for host in (
            f"127.0.0.1:{port}",
            f"localhost:{port}",
            f"[::1]:{port}",
            f"{socket.gethostname()}:{port}",
            None,
        ):
            status, body = get(host, "GET", f"/{MODULE_PAGE}")
            assert status == 200 and b"<html" in body, (host, status)


@pytest.mark.parametrize(
    ("header", "bound", "allowed"),
    [
        ("localhost:8000", "127.0.0.1", True),
        ("LOCALHOST.", "127.0.0.1", True),
        ("app.localhost:8000", "127.0.0.1", True),
        ("192.168.1.20:8000", "0.0.0.0", True),
        ("[fe80::1]:8000", "::", True),
        ("laptop-editor:8000", "laptop-editor", True),
        ("attacker.example", "0.0.0.0", False),
        ("localhost.attacker.example", "127.0.0.1", False),
        ("127.0.0.1.nip.io:8000", "127.0.0.1", False),
        ("", "127.0.0.1", True),
    ],
)
def test_which_host_names_the_preview_serves(header: str, bound: str, allowed: bool) -> None:
    assert serve_module.host_allowed(header, bound) is allowed


# ------------------------------------------------------------------ browser


def test_a_page_opened_while_a_file_is_broken_shows_the_problems_at_once(
    browser, preview: Preview, project: Path
) -> None:
    """A page loaded (a link followed, a reload) while the curriculum is broken showed
    no box until the next change, or 25 s; and an error quoting what the editor typed
    is shown as text."""
    _edit(project, MODULE, "jp: 16", "jp: </script><b>dua</b>")
    assert not preview.full()
    with serving(preview) as base:
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto(base + OTHER_PAGE)
            box = tab.wait_for_selector("#kk-pratinjau-galat", timeout=3000)
            text = box.text_content() or ""
            assert "1 galat pada kurikulum" in text
            assert re.search(
                r"pelayanan-lanjut\.yml:\d+:\d+: error: jp: '</script><b>dua</b>'", text
            )
            assert tab.locator("#kk-pratinjau-galat b").count() == 0
            assert "Forum" in (tab.text_content("h1") or "")
            _edit(project, MODULE, "jp: </script><b>dua</b>", "jp: 16")
            assert preview.full()
            tab.wait_for_selector("#kk-pratinjau-galat", state="detached", timeout=5000)
        finally:
            context.close()


def test_seven_tabs_load_and_only_those_whose_page_changed_reload(
    browser, preview: Preview, project: Path
) -> None:
    """A browser opens at most six connections to one server: with a waiting request
    per tab, a seventh preview tab did not load. And every save reloaded every tab."""
    with serving(preview) as base:
        context = browser.new_context()
        try:
            tabs = []
            for i in range(7):
                tab = context.new_page()
                started = time.monotonic()
                tab.goto(base + (OTHER_PAGE if i == 0 else MODULE_PAGE), timeout=8000)
                assert time.monotonic() - started < 5, f"tab {i + 1} took too long"
                tab.evaluate("window.kkBelumDimuatUlang = true")
                tabs.append(tab)
            _edit(project, MODULE, "title: ", "title: Direvisi Tujuh Tab ")
            assert preview.full()
            for tab in tabs[1:]:
                tab.wait_for_function(
                    "(document.querySelector('h1') || {textContent: ''}).textContent"
                    ".includes('Tujuh Tab')",
                    timeout=10000,
                )
                assert tab.evaluate("window.kkBelumDimuatUlang") is None
            time.sleep(0.5)  # the forum tab has asked whether its page changed
            assert tabs[0].evaluate("window.kkBelumDimuatUlang") is True
        finally:
            context.close()


# ------------------------------------------------------------------ passes


def test_the_page_of_a_file_deleted_after_a_cut_short_pass_goes(
    preview: Preview, project: Path
) -> None:
    """A pass cut short by a newer save had written the new module's page; the module
    deleted (or renamed) before the next pass, its page stayed online and in search."""
    shutil.copy(project / SOURCE, project / NEW)
    page = preview.site / NEW_PAGE

    def newer_save() -> None:  # a save arriving while MkDocs writes the pages
        if page.exists():
            raise Superseded

    preview._checkpoint = newer_save  # type: ignore[method-assign]
    with pytest.raises(Superseded):
        preview.full()
    assert page.exists()
    del preview._checkpoint
    (project / NEW).unlink()
    assert preview.full()
    assert not page.exists()
    index = [p for p in (preview.site / "cari").rglob("*") if p.is_file()]
    assert index and not any("modul-susulan" in p.read_text(errors="ignore") for p in index)


def test_a_rename_saved_together_with_a_settings_change_leaves_no_old_page(
    preview: Preview, project: Path
) -> None:
    """A change of site_config.yml starts the page cache afresh; a module renamed in
    the same pass kept its old page."""
    shutil.copy(project / SOURCE, project / NEW)
    assert preview.full()
    assert (preview.site / NEW_PAGE).exists()
    _edit(project, "site_config.yml", "title: Portal Uji Kurikulum", "title: Portal Uji Baru")
    (project / NEW).rename(project / "curriculum/usu/modules/modul-pengganti.yml")
    assert preview.full()
    assert (preview.site / "modul/usu/modul-pengganti/index.html").exists()
    assert not (preview.site / NEW_PAGE).exists()
    assert not (preview.site / NEW_PAGE).parent.exists()


def test_saving_another_file_keeps_the_problems_of_the_broken_one_listed(
    preview: Preview, project: Path
) -> None:
    """The quick pass emptied the problems box (until the full pass put it back) when
    any other file was saved."""
    _edit(project, MODULE, "jp: 16", "jp: dua")
    assert not preview.full()
    broken = list(preview.errors)
    assert broken and all("pelayanan-lanjut.yml:" in e for e in broken)
    other = _edit(project, SOURCE, "title: Pelayanan Prima", "title: Pelayanan Utama")
    assert preview.quick({other}) >= 1
    assert preview.errors == broken
    fixed = _edit(project, MODULE, "jp: dua", "jp: 16")
    assert preview.quick({fixed}) >= 1
    assert preview.errors == []


def test_a_file_saved_while_it_is_read_is_read_again_not_reported_empty(
    preview: Preview, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's save empties the file, then writes it: read in between, the box
    said "berkas kosong" about a file the editor never emptied."""
    if preview.observer is not None:  # no file-system events (a network drive): polling
        preview.observer.stop()
        preview.observer = None
    path = project / MODULE
    saved = path.read_text(encoding="utf-8").replace("title: ", "title: Tersimpan Utuh ", 1)
    real = serve_module.check_curriculum

    def read_mid_save(**kwargs):
        path.write_text("", encoding="utf-8")
        try:
            return real(**kwargs)
        finally:
            path.write_text(saved, encoding="utf-8")

    monkeypatch.setattr(serve_module, "check_curriculum", read_mid_save)
    with pytest.raises(Superseded):
        preview.full()
    assert preview.errors == []
    monkeypatch.setattr(serve_module, "check_curriculum", real)
    assert preview.full()
    page = (preview.site / MODULE_PAGE / "index.html").read_text(encoding="utf-8")
    assert "Tersimpan Utuh" in page


def test_saves_a_file_system_does_not_announce_are_seen_at_once(
    preview: Preview, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a network drive or Windows' drives under WSL, file-system events never come:
    every save waited for the next full look (5 s)."""

    class Deaf:  # watching "works", and no event ever comes
        def stop(self) -> None:
            pass

        def schedule(self, *args, **kwargs) -> None:
            pass

    if preview.observer is not None:
        preview.observer.stop()
    preview.observer = Deaf()
    monkeypatch.setattr(serve_module, "RESCAN_SECONDS", 0.2)
    for i in range(2):
        path = _edit(project, MODULE, "title: ", f"title: Tanpa Kabar {i} ")
        assert path in preview.wait_for_change()
    monkeypatch.setattr(serve_module, "RESCAN_SECONDS", 60)
    path = _edit(project, MODULE, "title: ", "title: Kabar Ketiga ")
    seen: list[set[str]] = []
    waiter = threading.Thread(target=lambda: seen.append(preview.wait_for_change()), daemon=True)
    waiter.start()
    waiter.join(3)
    assert seen and path in seen[0]


# ------------------------------------------------------------------ lifecycle


def test_the_work_folder_of_a_killed_preview_is_removed_by_the_next(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview killed (SIGKILL, a crash, a power cut) left its whole site in /tmp."""
    fcntl = pytest.importorskip("fcntl")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    killed = tmp / f"{WORK_PREFIX}dibunuh"
    (killed / "site").mkdir(parents=True)
    (killed / LOCK_FILE).touch()
    running = tmp / f"{WORK_PREFIX}berjalan"
    (running / "site").mkdir(parents=True)
    held = os.open(running / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)
    unknown = tmp / f"{WORK_PREFIX}tanpa-kunci"  # not ours to judge
    unknown.mkdir()
    try:
        p = Preview(project / "site_config.yml")
        try:
            assert p.work.parent == tmp
            _until(lambda: not killed.exists(), 10, "the killed preview's folder is still there")
            assert running.exists() and unknown.exists()
        finally:
            p.close()
        left = [running, unknown]
        _until(lambda: sorted(tmp.glob(f"{WORK_PREFIX}*")) == left, 10, "a folder too many")
    finally:
        os.close(held)


def test_closing_the_terminal_during_the_first_build_leaves_nothing(
    project: Path, tmp_path: Path
) -> None:
    """SIGHUP (the terminal window closed) or SIGTERM before the preview was ready
    killed it on the spot, its work folder left behind."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(free_port())],
        cwd=project,
        env=_env(tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _until(lambda: any(tmp.glob(f"{WORK_PREFIX}*")), 30, "no work folder")
        proc.send_signal(signal.SIGHUP)
        code = proc.wait(30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    output = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    assert code == 0, output
    assert "Traceback" not in output and "Pratinjau dihentikan." in output, output
    _until(lambda: not any(tmp.glob(f"{WORK_PREFIX}*")), 10, "the work folder is left")


def _hangup_left_to_the_preview(_: int) -> bool:
    return signal.getsignal(signal.SIGHUP) == signal.SIG_IGN


@pytest.mark.skipif(not hasattr(signal, "SIGHUP") or not hasattr(os, "fork"), reason="POSIX")
def test_render_workers_leave_a_closed_terminal_to_the_preview() -> None:
    """A closed terminal hangs up the whole process group: the preview's forked render
    workers died mid-share with a KeyboardInterrupt traceback each, and the preview
    waited 30 s for their pages before it stopped."""
    from types import SimpleNamespace

    from generator.pools import fork_pool

    restore = serve_module._stop_on_signals(SimpleNamespace(stopping=False))
    try:
        with fork_pool(1) as pool:
            assert pool.map(_hangup_left_to_the_preview, [0]) == [True]
    finally:
        restore()
    assert signal.getsignal(signal.SIGHUP) != signal.SIG_IGN


def test_a_port_in_use_is_said_in_indonesian_before_building(project: Path, tmp_path: Path) -> None:
    """A busy port ended in a Python traceback, after the whole first build."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=project,
            env=_env(tmp),
            capture_output=True,
            text=True,
            timeout=60,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert f"Galat: port {port} sudah dipakai program lain" in result.stderr
    assert "kurikulum serve --port " in result.stderr
    assert not any(tmp.glob(f"{WORK_PREFIX}*")), "a build began"


def test_a_preview_started_on_a_broken_file_shows_it_then_the_site(
    project: Path, tmp_path: Path
) -> None:
    """Started while a file was broken, the preview printed the problems and quit: the
    editor had to fix the file without it."""
    _edit(project, MODULE, "jp: 16", "jp: dua")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        env=_env(tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for_port(port, proc, timeout=60)
        status, ctype, body = fetch(base + MODULE_PAGE)
        page = body.decode("utf-8")
        assert status == 503 and ctype.startswith("text/html")
        assert '<html lang="id">' in page and "Pratinjau belum dapat dibangun" in page
        assert re.search(r"pelayanan-lanjut\.yml:\d+:\d+: error: jp: 'dua'", page)
        _edit(project, MODULE, "jp: dua", "jp: 16")
        _until(lambda: fetch(base + MODULE_PAGE)[0] == 200, 30, "the site did not come")
        assert b"Inovasi Pelayanan Lanjut" in fetch(base + MODULE_PAGE)[2]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    output = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    assert "Traceback" not in output, output
    assert "Pratinjau belum dapat dibangun karena galat di atas" in output, output
    assert proc.returncode == 0, output


def test_a_pass_that_cannot_write_says_why_in_indonesian(tmp_path: Path) -> None:
    """A full disk during a pass printed Python's English '[Errno 28] No space left
    on device' in the terminal and on the page."""
    import errno

    failed = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "modul.html"))
    text = serve_module._failure(failed)
    assert text.startswith("pratinjau tidak dapat ditulis: ruang diska habis (")
    assert "modul.html" in text and "Errno" not in text
    assert serve_module._failure(RuntimeError("lain")) == "lain"
