"""The live preview (`kurikulum serve`): an edit shows first on the pages of the
edited record, then everywhere; after every full pass the preview is the site a
fresh build makes (drafts in, no search index); a broken edit keeps the last
good site and is shown on every open page."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI_EPOCH, edit_file, free_port, snapshot, wait_for_port  # noqa: E402

from generator.build import build  # noqa: E402
from generator.serve import RELOAD_PATH, Preview, _Handler, _Server  # noqa: E402

MODULE = "curriculum/usu/modules/pelayanan-prima.yml"
OTHER = "curriculum/unimed/modules/pelayanan-lanjut.yml"
UNIMED = "curriculum/unimed/partner.yml"
PAGE = "modul/usu/pelayanan-prima/index.html"
PROGRAM_PAGE = "program/usu/jalur-pelayanan/index.html"

pytest_plugins = ["sitehelpers"]


@pytest.fixture
def project(mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = mini_project
    monkeypatch.setenv("KURIKULUM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MINI_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return root


@pytest.fixture
def preview(project: Path):
    reports: list = []
    p = Preview(project / "site_config.yml", report=reports.append)
    p.reports = reports  # type: ignore[attr-defined]
    p.start()
    try:
        yield p
    finally:
        p.close()


_edit = edit_file


def _fresh(project: Path, tmp_path: Path) -> dict:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    build(project / "site_config.yml", out, include_drafts=True, cache=False)
    return snapshot(out)


def test_the_quick_pass_renders_the_pages_that_show_the_edited_record(preview, project):
    path = _edit(project, MODULE, "title: Pelayanan Prima", "title: Layanan Kilat Terpadu")
    rendered = preview.quick({path})
    assert rendered >= 2
    # The module's own page, and the program page of another partner that lists it.
    assert "Layanan Kilat Terpadu" in (preview.site / PAGE).read_text(encoding="utf-8")
    assert "Layanan Kilat Terpadu" in (preview.site / PROGRAM_PAGE).read_text(encoding="utf-8")


def test_the_quick_pass_is_not_held_up_by_the_cycle_collector(preview, project, monkeypatch):
    """A full collection of a large catalog's heap takes longer than the quick pass:
    the collector waits while the edited pages are rendered, and runs again after."""
    from generator import pagecache

    seen = []
    real = pagecache.write_atomically

    def write(path, data):
        seen.append(gc.isenabled())
        return real(path, data)

    monkeypatch.setattr(pagecache, "write_atomically", write)
    path = _edit(project, MODULE, "title: Pelayanan Prima", "title: Layanan Tanpa Jeda")
    assert preview.quick({path}) >= 2
    assert seen and not any(seen)
    assert gc.isenabled()


def test_pages_of_the_quick_pass_equal_those_of_a_fresh_build(preview, project, tmp_path):
    _edit(project, MODULE, "title: Pelayanan Prima", "title: Aa Pertama di Daftar")
    path = _edit(project, MODULE, "closes: 2026-03-20", "closes: 2026-02-25")
    assert preview.quick({path}) >= 2
    fresh = _fresh(project, tmp_path)
    for page in (PAGE, PROGRAM_PAGE, "mitra/usu/index.html"):
        assert (preview.site / page).read_bytes() == fresh[page], page


def test_a_partner_edit_reaches_the_pages_that_name_the_partner(preview, project):
    path = _edit(project, UNIMED, "short_name: Unimed", "short_name: UNIMED Kota")
    assert preview.quick({path}) >= 2
    assert "UNIMED Kota" in (preview.site / PROGRAM_PAGE).read_text(encoding="utf-8")
    assert "UNIMED Kota" in (preview.site / "modul/unimed/pelayanan-lanjut/index.html").read_text(
        encoding="utf-8"
    )


def test_edits_the_quick_pass_leaves_to_the_full_pass(preview, project):
    config = _edit(project, "site_config.yml", "title: ", "title: Baru ")
    assert preview.quick({config}) == 0
    broken = _edit(project, OTHER, "jp: ", "jp: dua")
    assert preview.quick({broken}) == 0
    _edit(project, OTHER, "jp: dua", "jp: ")
    # A new partner's folder: the pages that list partners wait for the full pass.
    partner = project / "curriculum/uinsu/partner.yml"
    partner.parent.mkdir()
    shutil.copy(project / UNIMED, partner)
    assert preview.quick({str(partner)}) == 0
    partner.unlink()
    # A removed module that a program still lists: the full pass reports it.
    removed = project / MODULE
    removed.unlink()
    assert preview.quick({str(removed)}) == 0


def test_a_new_record_shows_at_once_on_its_page_and_its_partners(preview, project, tmp_path):
    """A module saved in a new file: its page and its partner's list before the full
    pass, the same bytes a fresh build gives them."""
    new = project / "curriculum/unimed/modules/arsip-digital.yml"
    text = (project / OTHER).read_text(encoding="utf-8")
    new.write_text(text.replace("title: ", "title: Arsip Digital Kelurahan ", 1), encoding="utf-8")
    assert not (preview.site / "modul/unimed/arsip-digital").exists()
    assert preview.quick({str(new)}) >= 2
    page = preview.site / "modul/unimed/arsip-digital/index.html"
    assert "Arsip Digital Kelurahan" in page.read_text(encoding="utf-8")
    partner = preview.site / "mitra/unimed/index.html"
    assert "Arsip Digital Kelurahan" in partner.read_text(encoding="utf-8")
    fresh = _fresh(project, tmp_path)
    for rel in ("modul/unimed/arsip-digital/index.html", "mitra/unimed/index.html"):
        assert (preview.site / rel).read_bytes() == fresh[rel], rel


def test_a_removed_record_leaves_its_page_and_its_partners_list_at_once(preview, project, tmp_path):
    new = project / "curriculum/unimed/modules/arsip-digital.yml"
    text = (project / OTHER).read_text(encoding="utf-8")
    new.write_text(text.replace("title: ", "title: Arsip Digital Kelurahan ", 1), "utf-8")
    assert preview.full()
    page = preview.site / "modul/unimed/arsip-digital/index.html"
    partner = preview.site / "mitra/unimed/index.html"
    assert page.is_file() and "Arsip Digital Kelurahan" in partner.read_text(encoding="utf-8")
    new.unlink()
    assert preview.quick({str(new)}) >= 2
    assert not page.exists() and not page.parent.exists()
    assert "Arsip Digital Kelurahan" not in partner.read_text(encoding="utf-8")
    assert partner.read_bytes() == _fresh(project, tmp_path)["mitra/unimed/index.html"]


def test_a_new_program_shows_on_the_pages_of_its_modules(preview, project):
    new = project / "curriculum/usu/programs/jalur-kilat.yml"
    new.write_text(
        "title: Jalur Layanan Kilat\n"
        "summary: Dua modul pelayanan untuk petugas loket.\n"
        "modules:\n  - pelayanan-prima\n  - unimed/pelayanan-lanjut\n",
        encoding="utf-8",
    )
    assert preview.quick({str(new)}) >= 3
    for rel in (
        "program/usu/jalur-kilat/index.html",
        "mitra/usu/index.html",
        PAGE,
        "modul/unimed/pelayanan-lanjut/index.html",
    ):
        assert "Jalur Layanan Kilat" in (preview.site / rel).read_text(encoding="utf-8"), rel


def test_a_renamed_competency_shows_at_once_where_it_is_named(preview, project, tmp_path):
    """competencies.yml: the competency's page and the records naming it before the full
    pass, as a fresh build gives them; the other competencies' pages (and the
    dictionary, a section page) are left to the full pass."""
    comps = "curriculum/competencies.yml"
    other = preview.site / "kompetensi/kepemimpinan/index.html"
    untouched = other.stat().st_mtime_ns
    path = _edit(project, comps, "name: Pelayanan Publik", "name: Layanan Warga Prima")
    assert preview.quick({path}) >= 4
    shown = (
        "kompetensi/pelayanan-publik/index.html",
        PAGE,
        "modul/unimed/pelayanan-lanjut/index.html",
        "magang/usu/magang-layanan/index.html",
    )
    fresh = _fresh(project, tmp_path)
    for rel in shown:
        text = (preview.site / rel).read_text(encoding="utf-8")
        assert "Layanan Warga Prima" in text, rel
        assert (preview.site / rel).read_bytes() == fresh[rel], rel
    assert other.stat().st_mtime_ns == untouched


def test_a_competency_added_or_broken_waits_for_the_full_pass(preview, project):
    comps = "curriculum/competencies.yml"
    path = _edit(project, comps, "pelayanan-publik:\n", "pelayanan-publik:\n  nama: X\n")
    assert preview.quick({path}) == 0
    _edit(project, comps, "  nama: X\n", "")
    text = (project / comps).read_text(encoding="utf-8")
    (project / comps).write_text(
        text + "etika-digital:\n  name: Etika Digital\n  type: sosial-kultural\n",
        encoding="utf-8",
    )
    assert preview.quick({path}) == 0
    assert preview.full()


def test_after_each_full_pass_the_preview_is_a_fresh_build(preview, project, tmp_path):
    version = preview.version
    steps = [
        lambda: _edit(project, MODULE, "title: Pelayanan Prima", "title: Layanan Kilat Terpadu"),
        lambda: _edit(project, UNIMED, "short_name: Unimed", "short_name: UNIMED Kota"),
        lambda: _edit(
            project, "curriculum/competencies.yml", "name: Pelayanan Publik", "name: Layanan Umum"
        ),
        lambda: shutil.copy(project / MODULE, project / "curriculum/usu/modules/salinan.yml"),
        lambda: (project / "curriculum/usu/modules/salinan.yml").unlink(),
        lambda: _edit(project, "site_config.yml", "title: ", "title: Pratinjau "),
    ]
    for step in steps:
        step()
        assert preview.full()
        # Search index included: the full pass indexes the preview too.
        assert snapshot(preview.site) == _fresh(project, tmp_path)
    assert not (preview.site / "modul/usu/salinan").exists()
    assert preview.version == version + len(steps)


def test_a_broken_edit_keeps_the_last_good_site_and_lists_the_problems(preview, project):
    before = snapshot(preview.site)
    _edit(project, OTHER, "jp: ", "jp: dua")
    assert not preview.full()
    assert snapshot(preview.site) == before
    assert preview.errors and all("pelayanan-lanjut.yml:" in e for e in preview.errors)
    assert preview.reports and preview.reports[-1]
    _edit(project, OTHER, "jp: dua", "jp: ")
    assert preview.full()
    assert preview.errors == []


def test_pages_wait_for_the_next_change_and_carry_the_reload_script(preview):
    handler = type("Handler", (_Handler,), {"preview": preview})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(preview.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(base + "/modul/usu/pelayanan-prima/") as response:
            page = response.read().decode("utf-8")
        assert RELOAD_PATH in page and page.rstrip().endswith("</html>")
        with urllib.request.urlopen(base + "/modul/usu/pelayanan-prima") as response:
            assert response.url.endswith("/pelayanan-prima/")  # redirected
        answers: list[dict] = []

        def wait() -> None:
            url = f"{base}{RELOAD_PATH}?e={preview.event}"
            with urllib.request.urlopen(url, timeout=30) as response:
                answers.append(json.loads(response.read()))

        waiter = threading.Thread(target=wait)
        started = time.monotonic()
        waiter.start()
        time.sleep(0.5)
        assert answers == []  # still waiting: nothing changed
        preview._publish(["a.yml:1:1: jp: galat"], content=False)
        waiter.join(5)
        assert time.monotonic() - started < 5
        assert answers[0]["errors"] == ["a.yml:1:1: jp: galat"]
        assert answers[0]["version"] == preview.version
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/tidak/ada/")
        assert missing.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def served(project: Path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        env={**os.environ},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, proc, timeout=60)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        output = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
        assert "Traceback" not in output, output
        assert "permintaan gagal" not in output, output


def test_an_open_tab_reloads_itself_and_shows_problems(browser, served, project):
    tab = browser.new_page()
    try:
        tab.goto(served + "modul/unimed/pelayanan-lanjut/")
        tab.wait_for_selector("h1")
        _edit(project, OTHER, "title: ", "title: Direvisi Langsung ")
        tab.wait_for_function(
            "(document.querySelector('h1') || {textContent: ''}).textContent"
            ".includes('Direvisi Langsung')",
            timeout=15000,
        )
        _edit(project, OTHER, "jp: ", "jp: dua")
        box = tab.wait_for_selector("#kk-pratinjau-galat", timeout=15000)
        text = box.text_content() or ""
        assert "galat pada kurikulum" in text and "pelayanan-lanjut.yml" in text
        _edit(project, OTHER, "jp: dua", "jp: ")
        tab.wait_for_selector("#kk-pratinjau-galat", state="detached", timeout=15000)
    finally:
        tab.close()


def test_serve_rebuilds_on_curriculum_and_config_changes(served, project):
    page = served + "modul/unimed/pelayanan-lanjut/"
    body = _wait_for(page, "<h1>")
    assert "Direvisi Sekali" not in body
    # A curriculum edit shows up without restarting the server.
    _edit(project, OTHER, "title: ", "title: Direvisi Sekali ")
    _wait_for(page, "Direvisi Sekali")
    # A broken edit is reported and the preview keeps serving the last good site.
    _edit(project, OTHER, "jp: ", "jp: dua")
    time.sleep(3)
    assert "Direvisi Sekali" in (_get(page) or "")
    # Fixing it brings the preview back; a site_config.yml change is picked up too.
    _edit(project, OTHER, "jp: dua", "jp: ")
    _edit(project, "site_config.yml", "title: ", "title: Pratinjau Baru ")
    _wait_for(served, "Pratinjau Baru")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


def test_the_preview_keeps_its_search_views_apart_from_the_build(project, tmp_path):
    """`kurikulum build` and the preview each keep the parsed views of their own site;
    a preview pass must not make the next build parse every page again."""
    from generator.search import DOCS_DIR

    build(project / "site_config.yml", tmp_path / "out")
    views = tmp_path / "cache" / DOCS_DIR
    before = {p.name: p.read_bytes() for p in views.iterdir()}
    assert before
    preview = Preview(project / "site_config.yml")
    try:
        preview.start()
        _edit(project, MODULE, "title: ", "title: Pratinjau ")
        assert preview.full()
    finally:
        preview.close()
    assert {p.name: p.read_bytes() for p in views.iterdir()} == before


def test_search_works_in_the_preview_before_any_edit(preview, project, tmp_path):
    fresh = _fresh(project, tmp_path)
    site = snapshot(preview.site)
    index = [name for name in fresh if name.startswith("cari/")]
    assert "cari/indeks.json" in index
    assert {name: site.get(name) for name in index} == {name: fresh[name] for name in index}
