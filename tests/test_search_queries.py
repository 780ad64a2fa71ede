"""Queries as an ASN types them on a phone, run through the real search.

- Words typed with a hyphen or run together ("pelayanan-publik",
  "pelayananpublik") find what the words typed apart find.
- An abbreviation typed in capitals is not "corrected" to a close word
  (SKPD is not SIPD); abbreviations and English words the curricula do not
  use find the records through the words they do use (diklat -> pelatihan,
  leadership -> kepemimpinan, egov -> SPBE).
- A question typed as a sentence ("saya ingin ...", "bagaimana cara ...")
  needs none of its question words, and a long query with few pages having
  every word shows the pages with most of them after those.
- A method and a topic that no record has together ("seminar kepemimpinan")
  show records on the topic first.
- "jadwal januari" finds what runs in January; "20 jp" the records of 20 JP.
- The index: a record's address is not indexed written solid, nor the piece
  of a word its cut-short address ends in; its JP are.

The browser tests use the sample site served at /portal/ (sitehelpers).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import open_tab  # noqa: E402

from generator.search import _Indexer  # noqa: E402

pytest.register_assert_rewrite("sitehelpers")
pytest_plugins = ["sitehelpers"]

PAGE = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Magang</span>
<span data-pagefind-meta="jp">20</span></div>
<h1>Magang Keamanan Informasi di Dinas Penanaman Modal dan Pelayanan Terpadu</h1>
<div class="kk-prose"><p>Pelayanan perizinan yang aman.</p></div>
</div></body></html>"""


# ---------------------------------------------------------------- the index


def test_the_address_is_indexed_as_words_not_written_solid():
    doc = _Indexer().document(PAGE, "magang/unimed/keamanan-informasi-dpmptsp/")
    assert doc is not None
    assert "dpmptsp" in doc.words and "keamanan-informasi-dpmptsp" in doc.words
    assert "keamananinformasidpmptsp" not in doc.words


MODULE_WITH_SCHEDULE = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Modul</span></div>
<h1>Pengelolaan Arsip Dinamis</h1>
<div class="kk-prose"><p>Menata arsip kantor.</p></div>
<h2 id="jadwal">Jadwal angkatan</h2>
<table><tbody><tr>
<td data-label="Waktu">10 Februari 2026</td>
<td role="cell" data-label="Tempat">Ruang Seminar Lantai 2<br><small>Jl. Ngumban Surbakti
No. 25, Sempakata, Medan Selayang, Medan</small>
<br><a href="https://meet.example.org/x">Tautan kelas daring</a></td>
</tr></tbody></table>
</div></body></html>"""


def test_the_places_of_a_modules_offerings_are_words_but_not_the_venue_name():
    doc = _Indexer().document(MODULE_WITH_SCHEDULE, "modul/usu/pengelolaan-arsip-dinamis/")
    assert doc is not None
    assert {"selayang", "sempakata", "ngumban", "medan", "februari"} <= doc.words.keys()
    # "Ruang Seminar" would answer a query about seminars; the link is not a place.
    assert "seminar" not in doc.words and "ruang" not in doc.words
    assert "tautan" not in doc.words


def test_a_cut_short_address_does_not_index_its_last_piece():
    doc = _Indexer().document(PAGE, "magang/unimed/magang-keamanan-modal-dan-pelayana/")
    assert doc is not None
    # "pelayana" is the start of "pelayanan", cut: no word of its own.
    assert "pelayana" not in doc.words and "pelayana" not in doc.plain
    assert "pelayanan" in doc.words


def test_the_learning_hours_are_words():
    doc = _Indexer().document(PAGE, "magang/unimed/keamanan-informasi/")
    assert doc is not None
    assert doc.words.get("20") == 1 and doc.words.get("jp") == 1


# ---------------------------------------------------------------- in the browser


@pytest.fixture
def page(browser, http_portal: str):
    with open_tab(browser, http_portal + "modul/") as tab:
        yield tab


def _search(page, query: str, limit: int = 10) -> dict:
    return page.evaluate("([q, n]) => window.portalSearch(q, {}, {limit: n})", [query, limit])


def _urls(answer: dict) -> list[str]:
    return [r["url"].removeprefix("/portal/") for r in answer["results"]]


def test_hyphenated_and_run_together_words(page):
    apart = _search(page, "pelayanan publik", limit=100)
    assert apart["total"] > 20
    hyphen = _search(page, "pelayanan-publik", limit=100)
    assert hyphen["total"] == apart["total"] and hyphen["suggestion"] is None
    solid = _search(page, "pelayananpublik", limit=100)
    assert solid["suggestion"] == "pelayanan publik"
    assert sorted(_urls(solid)) == sorted(_urls(apart))


def test_abbreviations_and_english_words(page):
    # In capitals, an abbreviation: not one letter away from SIPD.
    assert _search(page, "SKPD")["suggestion"] != "sipd"
    assert _search(page, "SIPB")["total"] == 0
    assert _search(page, "sipb")["suggestion"] == "sipd"  # in lower case, a typo
    assert _search(page, "latsar")["suggestion"] != "latar"
    diklat = _search(page, "diklat")
    assert diklat["suggestion"] == "pelatihan" and diklat["total"] >= 10
    leadership = _search(page, "leadership")
    assert leadership["suggestion"] == "kepemimpinan"
    assert _urls(leadership)[0] == "kompetensi/kepemimpinan/"
    for query in ("egov", "e-government"):
        assert _urls(_search(page, query))[0] == "modul/diskominfo-medan/dasar-spbe/", query
    service = _search(page, "public service")
    assert not service["partial"]
    assert "kompetensi/pelayanan-publik/" in _urls(service)[:5]


def test_questions_typed_as_sentences(page):
    answer = _search(page, "saya ingin belajar mengelola arsip digital di kantor")
    assert answer["suggestion"] is None  # not "daya belajar ..."
    assert "modul/unimed/arsip-digital/" in _urls(answer)[:3]
    answer = _search(page, "bagaimana cara menyusun anggaran daerah")
    assert not answer["partial"]
    assert set(_urls(answer)[:2]) == {
        "kompetensi/perencanaan-anggaran/",
        "modul/umsu/perencanaan-anggaran/",
    }


def test_a_long_query_shows_pages_with_most_of_its_words(page):
    query = "pelatihan tentang pelayanan publik untuk staf kelurahan di medan"
    answer = _search(page, query)
    assert answer["total"] > 5
    titles = [r["title"] for r in answer["results"][:5]]
    assert len([t for t in titles if "Pelayanan" in t]) >= 3, titles


def test_a_method_and_a_topic_no_record_has_together(page):
    answer = _search(page, "seminar kepemimpinan")
    first = _urls(answer)[:4]
    assert all("kepemimpinan" in u for u in first), first


def test_schedule_and_learning_hours(page, sample_site: Path):
    assert _search(page, "jadwal januari")["total"] == _search(page, "januari")["total"]
    hours = [r["jp"] for r in _search(page, "20 jp")["results"]]
    assert hours[:2] == [20, 20], hours
    # The number typed last is searched (whole), not left for the next key.
    hours = [r["jp"] for r in _search(page, "jp 20")["results"]]
    assert hours.count(20) == 2 and hours.index(20) < 3, hours
