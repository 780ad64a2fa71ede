"""The search indexing step (generator/search.py) and the search metadata of pages."""

from __future__ import annotations

import json
import re
import shutil
from base64 import b64decode
from pathlib import Path

import pytest

from generator.search import (
    DOCS_DIR,
    FUNCTION_ROOTS,
    MARKER,
    _Indexer,
    commit_docs,
    drop_repeated_items,
    index_site,
    main_content,
    mark_labels,
    omit_sections,
    visible_text,
)
from generator.searchindex import base36, decode_postings, encode_postings

pytest.register_assert_rewrite("sitehelpers")
pytest_plugins = ["sitehelpers"]

PAGE = """<html lang="id"><body><header>Beranda Modul</header>
<div class="md-content"><article>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Modul</span></div>
<nav class="kk-breadcrumbs"><a href="/">Beranda</a></nav>
<h1>Pengembangan Kepemimpinan</h1>
<p class="kk-lead">Pelatihan pengelolaan kinerja.</p>
<dl class="kk-facts"><div><dt>Jam pelajaran</dt><dd>24 JP</dd></div></dl>
<h2 id="jadwal">Jadwal angkatan</h2>
<div class="kk-table-wrap"><table><tr><td>Gedung Serbaguna</td></tr></table></div>
<h2 id="deskripsi">Deskripsi</h2>
<div class="kk-prose"><p>Peserta mempelajari kependudukan.</p></div>
<ul class="kk-cards"><li>Modul lain: perpajakan</li></ul>
</div>
</article></div><footer>Dikelola oleh BKPSDM</footer></body></html>"""


def test_main_content_is_the_pagefind_body_element():
    body = main_content(PAGE)
    assert body is not None
    assert body.startswith('<div class="kk-page" data-pagefind-body>')
    assert body.endswith("</div>")
    assert "Dikelola" not in body and "<header>" not in body
    assert body.count("<div") == body.count("</div>")
    assert main_content("<html><body><p>tanpa badan</p></body></html>") is None


def test_labels_sections_and_other_records_are_left_out():
    text = " ".join(visible_text(mark_labels(omit_sections(main_content(PAGE)))).split())
    # The facts (JP, method, partner ...) are filters and result metadata, not text.
    assert text.startswith("Pengembangan Kepemimpinan Pelatihan pengelolaan kinerja. Peserta")
    for gone in (
        "24 JP",
        "Jam pelajaran",
        "Jadwal",
        "Gedung",
        "Deskripsi",
        "perpajakan",
        "Beranda",
        "Modul",
    ):
        assert gone not in text
    assert "Peserta mempelajari kependudukan." in text


def test_a_page_is_indexed_by_its_words_and_their_roots_with_weights():
    doc = _Indexer().document(PAGE, "modul/x/y/")
    assert doc is not None and doc.url == "modul/x/y/"
    assert doc.title == "Pengembangan Kepemimpinan"
    # The title weighs 7 (its words and their roots), body text 1.
    assert doc.words["pengembangan"] == 7 and doc.words["kepemimpinan"] == 7
    assert doc.words["kependudukan"] == 1 and doc.words["pelatihan"] == 1
    assert doc.roots["kembang"] == 7 and doc.roots["pimpin"] == 7
    # kependudukan (population) is of penduduk (LEXICAL_ROOTS), not of duduk (sit).
    assert doc.roots["penduduk"] == 1 and doc.roots["latih"] == 1 and doc.roots["kelola"] == 1
    assert "duduk" not in doc.roots
    # Labels, left-out sections and other records give neither words nor roots.
    for gone in ("jadwal", "gedung", "perpajakan", "jam", "beranda", "deskripsi", "24"):
        assert gone not in doc.words, gone
    assert "pajak" not in doc.roots and "jadwal" not in doc.roots
    # Without a summary, results show the first words after the title (no labels).
    assert doc.summary == "Pelatihan pengelolaan kinerja. Peserta mempelajari kependudukan."
    assert doc.filters == [("jenis", "Modul")] and doc.meta == {}


def test_filters_and_result_metadata_come_from_the_search_element():
    page = PAGE.replace(
        '<span data-pagefind-filter="jenis">Modul</span>',
        '<span data-pagefind-filter="jenis">Modul</span>'
        '<span data-pagefind-filter="mitra">USU &amp; Mitra</span>'
        '<span data-pagefind-meta="jenis">Modul</span><span data-pagefind-meta="jp">24</span>'
        '<span data-pagefind-meta="ringkasan">Pelatihan pengelolaan kinerja.</span>',
    )
    doc = _Indexer().document(page, "modul/x/y/")
    assert doc.filters == [("jenis", "Modul"), ("mitra", "USU & Mitra")]
    # Only what results show; the summary is shown, its words are the lead paragraph's.
    assert doc.meta == {"jenis": "Modul", "jp": "24"}
    assert doc.summary == "Pelatihan pengelolaan kinerja."
    # The partner's name (a filter the facts list shows) is indexed as body text.
    assert doc.words["pengelolaan"] == 1 and doc.words["usu"] == 1


def test_hyphenated_words_are_found_whole_and_by_their_parts():
    page = PAGE.replace("Peserta mempelajari kependudukan.", "Layanan e-Government.")
    doc = _Indexer().document(page, "u/")
    assert {"e-government", "government", "egovernment"} <= set(doc.words)


def test_each_element_weighs_its_own_text_and_inline_tags_keep_words_whole():
    prose = (
        '<div class="kk-prose"><p>Pe<b>layanan</b> publik<!-- catatan -->nya</p>'
        "<h3>Arsip <em>vital</em></h3>"
        '<div data-pagefind-weight="3">retensi <span data-pagefind-weight="3">berkas</span>'
        "<h4>klasifikasi</h4> musnah</div><P>Kota<BR>Medan</P></div>"
    )
    page = PAGE.replace(
        '<div class="kk-prose"><p>Peserta mempelajari kependudukan.</p></div>', prose
    )
    doc = _Indexer().document(page, "u/")
    words = doc.words
    assert words["pelayanan"] == 1 and words["publiknya"] == 1
    assert "catatan" not in words and "layanan" not in words
    assert words["arsip"] == 5 and words["vital"] == 5  # <h3>
    assert words["retensi"] == 3 and words["berkas"] == 3 and words["musnah"] == 3
    assert words["klasifikasi"] == 4  # <h4> inside an element of weight 3
    assert words["kota"] == 1 and words["medan"] == 1  # upper-case tags still separate
    assert doc.title == "Pengembangan Kepemimpinan"


def test_repeated_list_items_are_indexed_once():
    body = (
        "<div><ul><li>Klasifikasi arsip</li><li>Arsip <b>vital</b></li></ul>"
        "<ol><li>Klasifikasi  Arsip</li><li>Arsip vital</li><li>Retensi</li></ol></div>"
    )
    text = " ".join(visible_text(drop_repeated_items(body)).split())
    assert text == "Klasifikasi arsip Arsip vital Retensi"


def test_function_words_give_no_roots():
    page = PAGE.replace(
        "Peserta mempelajari kependudukan.",
        "Selama pelatihan peserta secara aktif mempelajari kependudukan sebagai bekal.",
    )
    doc = _Indexer().document(page, "u/")
    assert "penduduk" in doc.roots
    assert not set(doc.roots) & FUNCTION_ROOTS, doc.roots  # lama, cara, bagai, serta
    assert "selama" in doc.words and "secara" in doc.words


@pytest.mark.parametrize(
    "pages",
    [
        [0],
        [5, 9, 700, 70000],
        list(range(0, 4000, 2)),  # dense: a bitmap
        list(range(3, 3000)),
    ],
)
def test_posting_lists_round_trip(pages):
    weights = [1 + (p % 9) * 3 for p in pages]
    found = decode_postings(encode_postings(pages, weights))
    # Weights are rounded down to the steps; pages all come back.
    assert sorted(found) == pages
    for page, weight in zip(pages, weights, strict=True):
        assert found[page] <= weight and found[page] >= weight * 0.75
    assert decode_postings(encode_postings(pages, None)) == dict.fromkeys(pages, 1)


def test_dense_posting_lists_are_small():
    dense = list(range(0, 11000, 2))
    assert len(encode_postings(dense, [1] * len(dense))) < 11000 / 8 + 16
    sparse = [10, 5000, 10000]
    assert len(encode_postings(sparse, [1, 1, 1])) < 12


# ---------------------------------------------------------------- the built site


def test_mini_site_has_a_search_index(mini_site: Path):
    cari = mini_site / "cari"
    manifest = json.loads((cari / "indeks.json").read_text())
    marked = {
        p.parent.relative_to(mini_site).as_posix() + "/"
        for p in mini_site.rglob("index.html")
        if MARKER in p.read_text(encoding="utf-8")
    }
    assert manifest["versi"] == 1 and manifest["dokumen"] == len(marked) > 0
    files = list((cari / manifest["berkas"]).glob("*.json"))
    assert len(files) <= manifest["halaman"] // manifest["per_berkas"] + 1
    pages = [p for f in files for p in json.loads(f.read_text()) if p is not None]
    assert len(pages) == len(marked) and {p["url"] for p in pages} == marked
    assert all(p["title"] and p["meta"]["jenis"] and p["summary"] for p in pages)
    # Every word of every shard is in term order, each shard after the one before.
    firsts = [first for first, _ in manifest["kamus"]]
    assert firsts == sorted(firsts)
    for first, name in manifest["kamus"]:
        shard = json.loads((cari / name).read_text())
        assert min(list(shard["k"]) + list(shard["a"])) == first
    roots = (cari / "akar.txt").read_text(encoding="utf-8").split()
    words = (cari / "kata.txt").read_text(encoding="utf-8").split()
    assert roots == sorted(set(roots)) and "layan" in roots
    assert "pelayanan" in words and len(words) == len(set(words))


def test_a_word_and_its_root_point_to_the_pages_that_hold_them(mini_site: Path):
    cari = mini_site / "cari"
    manifest = json.loads((cari / "indeks.json").read_text())
    shards = [json.loads((cari / name).read_text()) for _, name in manifest["kamus"]]
    words = {w: e for s in shards for w, e in s["k"].items()}
    roots = {r: e for s in shards for r, e in s["a"].items()}

    def pages(entry):
        df, ref = entry
        data = (cari / "p" / ref).read_bytes() if ref.endswith(".bin") else b64decode(ref)
        found = decode_postings(data)
        assert len(found) == df
        per = manifest["per_berkas"]
        return {
            json.loads((cari / manifest["berkas"] / f"{base36(n // per)}.json").read_text())[
                n % per
            ]["url"]
            for n in found
        }

    with_word = pages(words["pelayanan"])
    with_root = pages(roots["layan"])
    assert with_word and with_word <= with_root
    for url in with_root:
        text = (mini_site / url / "index.html").read_text(encoding="utf-8").lower()
        assert "layan" in text, url


def test_only_record_pages_are_indexed(mini_site: Path):
    indexed = {
        p.parent.relative_to(mini_site).as_posix()
        for p in mini_site.rglob("index.html")
        if MARKER in p.read_text(encoding="utf-8")
    }
    assert indexed
    for url in indexed:
        kinds = {"modul", "program", "magang", "forum", "mitra", "kompetensi"}
        assert url.split("/")[0] in kinds, url
        assert url.count("/") >= 1, url  # a record, not a list page
    assert "modul" not in indexed and "." not in indexed
    # Each competency's first page (later pages only list more of its modules).
    competencies = {p.parent.name for p in (mini_site / "kompetensi").glob("*/index.html")}
    assert competencies and {f"kompetensi/{c}" for c in competencies} <= indexed
    assert not [u for u in indexed if u.startswith("kompetensi/") and u.count("/") > 1]


def test_module_page_has_filters_and_meta(mini_site: Path):
    html = (mini_site / "modul" / "usu" / "pelayanan-prima" / "index.html").read_text()
    meta = main_content(html).split("data-kk-cari>", 1)[1].split("</div>", 1)[0]
    filters = dict(re.findall(r'data-pagefind-filter="([a-z_]+)">([^<]*)<', meta))
    assert filters["jenis"] == "Modul"
    for key in ("metode", "moda", "mitra", "jenis_kompetensi", "kompetensi"):
        assert filters.get(key), key
    metas = dict(re.findall(r'data-pagefind-meta="([a-z]+)">([^<]*)<', meta))
    assert metas["jenis"] == "Modul" and metas["jp"].isdigit() and metas["mitra"]


def test_indexing_twice_gives_the_same_files(mini_site: Path, tmp_path: Path):
    copy = tmp_path / "site"
    shutil.copytree(mini_site, copy)
    index_site(copy)
    first = {p.relative_to(copy).as_posix(): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    index_site(copy)
    second = {
        p.relative_to(copy).as_posix(): p.read_bytes() for p in copy.rglob("*") if p.is_file()
    }
    assert first == second


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("workers", [False, True], ids=["here", "in-workers"])
def test_a_rebuild_parses_only_pages_written_again(
    mini_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
):
    from generator import search

    if workers:  # the mini site is small: read it in worker processes all the same
        monkeypatch.setattr(search, "PARALLEL_FROM", 1)
    site, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(mini_site, site)
    shutil.rmtree(site / "cari")
    pages = sorted(site.rglob("index.html"))
    first = index_site(site, cache)
    assert first.parsed == len(pages) > 10
    commit_docs(cache, first.pending)
    indexed = _tree(site / "cari")

    again = index_site(site, cache)
    commit_docs(cache, again.pending)
    assert again.parsed == 0
    assert _tree(site / "cari") == indexed

    # A page written again (a new file, as a build writes it) is parsed again, and
    # the index is the one a build without the cache makes.
    page = site / "modul" / "usu" / "pelayanan-prima" / "index.html"
    html_ = page.read_text(encoding="utf-8").replace("Pelayanan Prima", "Layanan Unggul")
    page.unlink()
    page.write_text(html_, encoding="utf-8")
    edited = index_site(site, cache)
    commit_docs(cache, edited.pending)
    assert edited.parsed == 1
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh)
    index_site(fresh)
    assert _tree(site / "cari") == _tree(fresh / "cari") != indexed
    assert "layanan" in (site / "cari" / "kata.txt").read_text(encoding="utf-8").split()

    # Changed where it lies (same file, same size): its time changed, so it is read.
    data = page.read_bytes().replace(b"Layanan Unggul", b"Layanan Ungguh")
    page.write_bytes(data)
    assert index_site(site, cache).parsed == 1


def test_an_unreadable_doc_cache_means_parsing_everything(mini_site: Path, tmp_path: Path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(mini_site, site)
    (cache / DOCS_DIR).mkdir(parents=True)
    (cache / DOCS_DIR / "1.pickle").write_bytes(b"not a pickle at all")
    stats = index_site(site, cache)
    pages = [p for p in site.rglob("index.html") if p.parent != site / "cari"]
    assert (site / "cari" / "index.html").is_file()  # the search page: not a document
    assert stats.parsed == len(pages)
    commit_docs(cache, stats.pending)
    assert index_site(site, cache).parsed == 0
