"""The search indexing step (generator/search.py) and the search metadata of pages."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.search import (
    FUNCTION_ROOTS,
    MARKER,
    SearchIndexError,
    _decode_cbor,
    _encode_cbor,
    _Indexer,
    _read_cbor,
    _scratch,
    drop_repeated_items,
    index_site,
    main_content,
    mark_labels,
    omit_sections,
    visible_text,
)

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


def test_roots_are_added_once_at_the_end_with_their_count():
    indexer = _Indexer()
    doc = indexer.prepare(PAGE)
    assert doc is not None and doc.startswith('<!DOCTYPE html><html lang="id">')
    m = re.search(
        r'<div data-kk-akar data-pagefind-meta="akar:(\d+)">'
        r'<p data-pagefind-weight="7">([a-z ]+)</p><p>([a-z ]+)</p></div></div></body>',
        doc,
    )
    assert m, doc
    in_title, others = m[2].split(), m[3].split()
    roots = in_title + others
    assert int(m[1]) == len(roots) == len(set(roots))
    assert in_title == sorted(in_title) and others == sorted(others)
    assert set(in_title) == {"kembang", "pimpin"}  # the title: Pengembangan Kepemimpinan
    for root in ("kembang", "pimpin", "kelola", "duduk"):  # roots Snowball misses
        assert root in roots
    # Pagefind's Snowball stemming already files "pelatihan" under "latih".
    assert "latih" not in roots and "latih" in indexer.dictionary_roots
    # Words only in labels or left-out sections give no roots.
    assert "jadwal" not in roots and "pajak" not in roots
    # The published page itself is not changed, and the dictionary holds the roots.
    assert "data-kk-akar" not in PAGE
    assert {"kembang", "pimpin", "kelola"} <= indexer.dictionary_roots
    assert indexer.frequency["kependudukan"] == 1


def test_the_copy_for_pagefind_holds_only_what_is_indexed():
    page = PAGE.replace(
        '<span data-pagefind-filter="jenis">Modul</span>',
        '<span data-pagefind-filter="jenis">Modul</span>'
        '<span data-pagefind-meta="ringkasan">Pelatihan pengelolaan kinerja.</span>',
    )
    doc = _Indexer().prepare(page)
    assert doc is not None
    # The summary is the lead paragraph already: not a second time as metadata.
    assert "ringkasan" not in doc and doc.count("Pelatihan pengelolaan kinerja.") == 1
    # Ignored elements are left out, the search metadata (filters) stays.
    for gone in ("Jam pelajaran", "24 JP", "Gedung", "perpajakan", "Beranda", "<h2"):
        assert gone not in doc, gone
    assert 'data-pagefind-filter="jenis">Modul<' in doc and MARKER in doc


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
    indexer = _Indexer()
    doc = indexer.prepare(page)
    added = re.search(r"<div data-kk-akar[^>]*>(.*?)</div>", doc)[1]
    roots = set(re.sub(r"<[^>]+>", " ", added).split())
    assert "duduk" in roots
    assert not roots & FUNCTION_ROOTS, roots  # lama, cara, bagai
    assert not indexer.dictionary_roots & FUNCTION_ROOTS


def test_copies_go_to_a_roomy_tmpfs_or_beside_the_site(tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    assert _scratch(site) in (Path("/dev/shm"), tmp_path)
    monkeypatch.setattr("generator.search._SCRATCH_MIN_FREE", 1 << 62)
    assert _scratch(site) == tmp_path


def test_cbor_round_trip_and_refusal():
    value = ["jenjang", [["Dasar", [0, 3, 300]], ["Lanjut", [70000]]], True, None, -2, b"x"]
    data = _encode_cbor(value)
    assert _decode_cbor(data, 0) == (value, len(data))
    with pytest.raises(SearchIndexError):
        _encode_cbor(1.5)


# ---------------------------------------------------------------- the built site


def test_mini_site_has_a_search_index(mini_site: Path):
    entry = json.loads((mini_site / "pagefind" / "pagefind-entry.json").read_text())
    marked = [p for p in mini_site.rglob("index.html") if MARKER in p.read_text(encoding="utf-8")]
    assert entry["languages"]["id"]["page_count"] == len(marked) > 0
    assert (mini_site / "pagefind" / "pagefind.js").is_file()
    assert not (mini_site / "pagefind" / "pagefind-ui.js").exists()
    assert not (mini_site / "pagefind" / "pagefind-worker.js").exists()  # noWorker
    # The page list carries one word count for all pages (a smaller first download).
    (meta_path,) = (mini_site / "pagefind").glob("*.pf_meta")
    counts = {count for _name, count in _read_cbor(meta_path)[1]}
    assert len(counts) == 1
    roots = (mini_site / "cari" / "akar.txt").read_text(encoding="utf-8").split()
    words = (mini_site / "cari" / "kata.txt").read_text(encoding="utf-8").split()
    assert roots == sorted(set(roots)) and "layan" in roots
    assert "pelayanan" in words and len(words) == len(set(words))
    # The published pages carry no roots.
    for page in marked:
        assert "data-kk-akar" not in page.read_text(encoding="utf-8")


def test_only_record_pages_are_indexed(mini_site: Path):
    indexed = {
        p.parent.relative_to(mini_site).as_posix()
        for p in mini_site.rglob("index.html")
        if MARKER in p.read_text(encoding="utf-8")
    }
    assert indexed
    for url in indexed:
        assert url.split("/")[0] in {"modul", "program", "magang", "forum", "mitra"}, url
        assert url.count("/") >= 1, url  # a record, not a list page
    assert "modul" not in indexed and "." not in indexed


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
    # The filter files are sorted: each value list in order.
    for path in (copy / "pagefind" / "filter").glob("*.pf_filter"):
        raw = gzip.decompress(path.read_bytes())
        (name, values), _ = _decode_cbor(raw, len(b"pagefind_dcd"))
        assert [v[0] for v in values] == sorted(v[0] for v in values), name
