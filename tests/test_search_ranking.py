"""What a search finds first, and the search cache a killed build leaves behind.

- A competency page (/kompetensi/<id>/, every module building the
  competency) is indexed for its own text, and its name typed whole puts it
  first; a word of its name alone does not.
- A query naming a training form ("pelatihan") finds the records of that
  form before a record about it (an internship organising trainings).
- The DocCache folder of a build killed while indexing is removed by the
  next build, never the folder of a build still running.

The browser tests use the sample site served at /portal/ (sitehelpers).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.search import DOCS_DIR, _Indexer, commit_docs, index_site

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import REPO, open_tab  # noqa: E402

pytest_plugins = ["sitehelpers"]


def _page(title: str, method: str, body: str) -> str:
    return (
        '<html lang="id"><body><div class="kk-page" data-pagefind-body>'
        '<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>'
        f'<span data-pagefind-filter="metode">{method}</span></div>'
        f'<h1>{title}</h1><div class="kk-prose">{body}</div></div></body></html>'
    )


def test_the_training_form_outweighs_a_title_that_mentions_it():
    indexer = _Indexer()
    training = indexer.document(
        _page("Pelayanan Prima", "Pelatihan", "<p>Pelatihan pelayanan yang ramah.</p>"),
        "modul/a/pelayanan-prima/",
    )
    internship = indexer.document(
        _page(
            "Magang Penyelenggaraan Pelatihan",
            "Magang",
            "<p>Evaluasi pelatihan, kebutuhan pelatihan, dan pascapelatihan.</p>"
            "<ul><li>Menyelenggarakan pelatihan terakreditasi</li></ul>",
        ),
        "magang/a/magang-penyelenggaraan-pelatihan/",
    )
    assert training is not None and internship is not None
    # A training is one before an internship that talks about trainings.
    assert training.words["pelatihan"] > internship.words["pelatihan"]
    # The browser's reranking reads the form from the result data.
    assert training.meta["metode"] == "Pelatihan" and internship.meta["metode"] == "Magang"


def test_address_words_count_only_where_the_text_lacks_them():
    page = _page("Pelayanan Prima", "Pelatihan", "<p>Layanan cepat.</p>")
    doc = _Indexer().document(page, "modul/a/pelayanan-prima-oss/")
    assert doc is not None
    # "pelayanan" is in the title (7) and again in the address: still 7.
    assert doc.words["pelayanan"] == doc.words["prima"] == 7
    # An abbreviation only the address has is still found.
    assert doc.words["oss"] == 1


# ---------------------------------------------------------------- the built sample


def _index_pages(site: Path) -> dict[str, dict]:
    manifest = json.loads((site / "cari" / "indeks.json").read_text(encoding="utf-8"))
    pages = {}
    for path in (site / "cari" / manifest["berkas"]).glob("*.json"):
        for page in json.loads(path.read_text(encoding="utf-8")):
            if page:
                pages[page["url"]] = page
    return pages


def test_competency_pages_are_indexed_for_their_own_text(sample_site: Path):
    pages = _index_pages(sample_site)
    page = pages["kompetensi/pengelolaan-arsip/"]
    assert page["title"] == "Pengelolaan Arsip"
    assert page["meta"]["jenis"] == "Kompetensi"
    assert page["meta"]["rincian"] == "Teknis · 3 modul · 1 magang"
    assert page["summary"].startswith("Kemampuan mengelola arsip dinamis")
    assert sum(url.startswith("kompetensi/") for url in pages) == len(
        list((sample_site / "kompetensi").glob("*/index.html"))
    )
    html = (sample_site / "kompetensi/pengelolaan-arsip/index.html").read_text(encoding="utf-8")
    doc = _Indexer().document(html, "kompetensi/pengelolaan-arsip/")
    assert doc is not None and doc.words["arsip"] >= 7
    # Not for the modules and internships it lists: those have their own pages.
    assert "Alih Media" in html and "Universitas USU" in html
    assert "alih" not in doc.words and "universitas" not in doc.words
    # The filters: type "Kompetensi", and the competency itself (with its modules).
    filters = dict(doc.filters)
    assert filters["jenis"] == "Kompetensi" and filters["kompetensi"] == "Pengelolaan Arsip"


@pytest.fixture
def page(browser, http_portal: str):
    with open_tab(browser, http_portal + "modul/") as tab:
        yield tab


def _search(page, query: str, filters: str = "{}", limit: int = 10) -> list[dict]:
    answer = page.evaluate(f"() => window.portalSearch({query!r}, {filters}, {{limit: {limit}}})")
    return answer["results"]


def test_a_competency_name_finds_its_page_first(page, http_portal: str):
    sys.path.insert(0, str(REPO / "bench"))
    from search_eval import SearchBox

    for query, url in (
        ("pengelolaan arsip", "/portal/kompetensi/pengelolaan-arsip/"),
        ("Literasi Digital", "/portal/kompetensi/literasi-digital/"),
        ("kepemimpinan", "/portal/kompetensi/kepemimpinan/"),
    ):
        results = _search(page, query)
        assert results[0]["url"] == url, (query, [r["url"] for r in results])
        assert results[0]["type"] == "Kompetensi"
        # The modules building it follow.
        assert any(r["url"].startswith("/portal/modul/") for r in results[1:4]), results
    # A word of a competency's name alone finds the records first.
    first = _search(page, "arsip")[:3]
    assert all(not r["url"].startswith("/portal/kompetensi/") for r in first), first
    # In the box: its type, and what it gathers, in Indonesian.
    box = SearchBox(page, http_portal)
    shown = box.search("pengelolaan arsip")
    assert shown.urls[0] == "kompetensi/pengelolaan-arsip/"
    result = page.locator(".kk-result").first
    assert result.locator(".kk-result__type").text_content() == "Kompetensi"
    assert result.locator(".kk-result__meta").inner_text() == "Teknis · 3 modul · 1 magang"
    # The type filter offers competencies.
    box.set_filter("jenis", "Kompetensi")
    shown = box.search("arsip")
    assert shown.urls == ["kompetensi/pengelolaan-arsip/"]


def test_a_training_form_finds_records_of_that_form_first(page, sample_site: Path):
    def method(url: str) -> str | None:
        html = (sample_site / url.removeprefix("/portal/") / "index.html").read_text("utf-8")
        found = re.search(r'data-pagefind-filter="metode">([^<]*)<', html)
        return found[1] if found else None

    results = _search(page, "pelatihan")
    # The sample has 12 trainings: the first 10 results are trainings, the
    # internship titled "Magang Penyelenggaraan Pelatihan" comes after them.
    assert [method(r["url"]) for r in results] == ["Pelatihan"] * 10, [r["url"] for r in results]
    everything = [r["url"] for r in _search(page, "pelatihan", limit=100)]
    internship = everything.index("/portal/magang/bpsdm-sumut/magang-penyelenggaraan-pelatihan/")
    trainings = [i for i, url in enumerate(everything) if method(url) == "Pelatihan"]
    assert len(trainings) == 12 and max(trainings) < internship
    # Typed with another word, the form still puts its records first.
    results = _search(page, "pelatihan kepemimpinan")
    assert [method(r["url"]) for r in results[:2]] == ["Pelatihan"] * 2, results
    # Each form: "seminar" finds the seminars first, "magang" the internships.
    assert method(_search(page, "seminar")[0]["url"]) == "Seminar"
    assert all(method(r["url"]) == "Magang" for r in _search(page, "magang")[:5])


# ---------------------------------------------------------------- a killed build

_HOLD = """
import sys, time
from pathlib import Path
from generator.search import DocCache
docs = DocCache(Path(sys.argv[1]))
(docs.pending / "1.pickle").write_bytes(b"half written")
print(docs.pending, flush=True)
time.sleep(120)
"""


def _indexing(cache: Path) -> tuple[subprocess.Popen, Path]:
    """A process in the middle of indexing with `cache`: its new DocCache folder."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(cache)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_later_build_removes_what_a_killed_build_left_in_the_cache(
    mini_site: Path, tmp_path: Path
):
    import shutil

    site, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(mini_site, site)
    cache.mkdir()
    killed, killed_folder = _indexing(cache)
    running, running_folder = _indexing(cache)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        # A folder of an older generator (no lock), and the replaced folder a
        # build killed while committing left.
        legacy = cache / ".cari-baru-abc123"
        legacy.mkdir()
        (legacy / "9.pickle").write_bytes(b"x")
        replaced = cache / ".cari-lama-def456"
        (replaced / "x").mkdir(parents=True)
        for folder in (killed_folder, running_folder, legacy, replaced):
            _age(folder, 3600)
        # Made an instant ago, not yet locked by the build making it.
        just_made = cache / ".cari-baru-new789"
        just_made.mkdir()

        stats = index_site(site, cache)
        commit_docs(cache, stats.pending)

        left = sorted(p.name for p in cache.iterdir())
        assert not killed_folder.exists() and not legacy.exists() and not replaced.exists()
        # The running build's folder stays, lock held, however old it looks.
        assert running_folder.exists() and (running_folder / "1.pickle").exists()
        assert just_made.exists()
        assert sorted([DOCS_DIR, running_folder.name, just_made.name, ".gitignore"]) == left
        # The next run reads the committed cache: nothing parsed again.
        assert index_site(site, cache).parsed == 0
    finally:
        for proc in (killed, running):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_names_leave_out_the_words_the_browser_leaves_out():
    """A name's key (search.py) is the key search.js makes of the query naming it."""
    from generator.search import QUERY_STOPWORDS, name_key

    js = (REPO / "generator/assets/search/search.js").read_text(encoding="utf-8")
    listed = re.search(r"STOPWORDS = new Set\(\((.*?)\)\.split", js, re.DOTALL)
    assert listed is not None
    words = " ".join(re.findall(r'"([^"]*)"', listed[1])).split()
    assert set(words) == QUERY_STOPWORDS
    assert name_key("Pengadaan Barang/Jasa Pemerintah") == "barang jasa pemerintah pengadaan"
    assert name_key("Kearifan Lokal dan Keberagaman Budaya") == name_key(
        "budaya keberagaman kearifan lokal"
    )
