"""Search as ASN type it on a phone: an audit beyond tests/search_eval.yml.

The index:

- a record whose fee says it is free ("Tanpa biaya", "Gratis", "Rp0") has
  the word "gratis" (its fee is in the facts list, which is not indexed);
- the months of a schedule are those its offerings run in: the months
  between an offering's first and last (a three-month course runs in the
  middle month too), not the registration period's; a month with its year is
  also one word ("februari2027").

In headless Chromium, on the sample site served at /portal/:

- words some pages have also find their gloss's pages ("online" finds what
  is "daring"), ranked after them; abbreviations and informal words no page
  has are replaced ("medsos" -> media sosial, "hybrid" -> campuran, "public
  speaking" -> komunikasi publik);
- keyboard slips: caps lock on ("ARSP DIGITAL"), a space inside a word ("pela
  yanan"), a number and a word run together ("20jp"), an abbreviation in
  capitals that is not a prefix ("TIK" is not "tiket"), a known two-letter
  abbreviation ("JF") searched at all, a derived word of an unknown root
  ("kebhinekaan"), no function word offered as a correction;
- times: "bulan depan" and "bulan ini" are months of the browser's clock,
  "bulan desember" is "desember", "Februari 2027" is that month of that year,
  "des 2026" and "bulan feb" are December 2026 and February;
- a sentence ranks the pages with its rarer subject words first;
- nothing to find: a word no page has, left with only a kind of record
  ("pelatihan excel"), finds nothing, and the box says which word and links
  to the module list; a word left out of results found for the others is
  named; a correction that finds nothing is not offered.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import REPO, open_tab  # noqa: E402

from generator.search import _Indexer, is_free, schedule_words  # noqa: E402

pytest_plugins = ["sitehelpers"]

sys.path.insert(0, str(REPO / "bench"))
from search_eval import SearchBox  # noqa: E402

TODAY = "2026-12-07T12:00:00"

MODULE = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Modul</span></div>
<h1>Pengelolaan Arsip Dinamis</h1>
<dl class="kk-facts"><div><dt>Jam pelajaran</dt><dd>24 JP</dd></div>
<div><dt>Biaya</dt><dd>{fee}</dd></div></dl>
<div class="kk-prose"><p>Menata arsip kantor.</p></div>
<h2 id="jadwal">Jadwal angkatan</h2>
<table><tbody><tr>
<td data-label="Angkatan">Angkatan I Tahun 2026</td>
<td data-label="Waktu">6 April 2026 – 26 Juni 2026</td>
<td data-label="Pendaftaran">5 Januari 2026 – 2 Maret 2026</td>
</tr></tbody></table>
</div></body></html>"""


# ---------------------------------------------------------------- the index


@pytest.mark.parametrize(
    ("fee", "free"),
    [
        ("Tanpa biaya", True),
        ("Tanpa biaya bagi ASN Pemerintah Kota Medan", True),
        ("Gratis", True),
        ("Tidak dipungut biaya", True),
        ("Rp0", True),
        ("Rp 0,-", True),
        ("Rp900.000 per peserta", False),
        ("Rp 0.500", False),
        ("", False),
    ],
)
def test_a_free_fee_is_recognised(fee: str, free: bool):
    assert is_free(f"<dt>Biaya</dt><dd>{fee}</dd>") is free
    doc = _Indexer().document(MODULE.format(fee=fee), "modul/unimed/kearsipan-dinamis/")
    assert doc is not None
    assert ("gratis" in doc.words) is free
    # The fee's own words stay out of the index (the facts list is not indexed).
    assert "biaya" not in doc.words


def test_schedule_months_are_those_the_offerings_run_in():
    words = schedule_words(MODULE.format(fee="Gratis"))
    assert {"april", "mei", "juni", "2026", "april2026", "mei2026", "juni2026"} <= set(words)
    # The registration period (January to March) is not when the module runs.
    assert not {"januari", "maret", "januari2026"} & set(words)


def test_a_month_without_its_year_has_the_next_ones():
    body = """<h2 id="jadwal">Jadwal</h2><table><tr>
    <td data-label="Waktu">9 Februari – 6 Maret 2027</td></tr><tr>
    <td data-label="Waktu">6 April 2027 – 26 Juni 2028</td></tr></table>"""
    # (A span of a year or more fills no months.)
    assert schedule_words(body) == [
        "februari", "2027", "februari2027", "maret", "maret2027", "april", "april2027",
        "juni", "2028", "juni2028",
    ]  # fmt: skip


def test_the_sample_free_modules_have_the_word(sample_site: Path):
    for rel, free in (
        ("modul/bpsdm-sumut/pelayanan-prima/", True),
        ("modul/umsu/e-katalog/", False),  # Rp400.000 per peserta
    ):
        page = (sample_site / rel / "index.html").read_text(encoding="utf-8")
        doc = _Indexer().document(page, rel)
        assert doc is not None
        assert ("gratis" in doc.words) is free, rel


# ---------------------------------------------------------------- in the browser


@pytest.fixture
def page(browser, http_portal: str):
    with open_tab(browser, http_portal + "modul/") as tab:
        yield tab


def _search(page, query: str, limit: int = 50, today: str = TODAY) -> dict:
    return page.evaluate(
        "([q, o]) => window.portalSearch(q, {}, o)", [query, {"limit": limit, "today": today}]
    )


def _urls(answer: dict) -> list[str]:
    return [r["url"].removeprefix("/portal/") for r in answer["results"]]


def test_a_word_some_pages_have_also_finds_its_gloss(page):
    daring = set(_urls(_search(page, "daring")))
    online = _search(page, "online")
    assert online["suggestion"] is None  # found as typed: nothing to correct
    assert daring <= set(_urls(online)), daring - set(_urls(online))
    # The gloss's words as written, not by root: "renja" is not every page with
    # a word of "rencana" and one of "kerja" ("kinerja").
    assert _search(page, "renja")["total"] < _search(page, "rencana kerja")["total"]
    # A gloss broader than the word ("kursus" is a method of its own) is not used.
    assert _search(page, "kursus")["total"] < _search(page, "pelatihan")["total"]


def test_abbreviations_informal_and_english_words(page):
    cases = {
        "medsos": ("media sosial", "modul/diskominfo-medan/pengelolaan-media-sosial/"),
        "hybrid": ("campuran", None),
        "adminduk": ("administrasi kependudukan", "kompetensi/pengelolaan-kependudukan/"),
        "public speaking": ("komunikasi publik", "kompetensi/komunikasi-publik/"),
        "analisa kebijakan": ("analisis kebijakan", "kompetensi/analisis-kebijakan/"),
        "dashboard": ("dasbor", "modul/polmed/visualisasi-data/"),
        "difabel": ("disabilitas", "modul/uinsu/pelayanan-inklusif/"),
    }
    for query, (suggestion, first) in cases.items():
        answer = _search(page, query)
        assert answer["suggestion"] == suggestion, query
        assert answer["total"] > 0 and not answer["partial"], query
        if first:
            assert _urls(answer)[0] == first, (query, _urls(answer)[:3])
    hybrid = set(_urls(_search(page, "hybrid")))
    assert hybrid == set(_urls(_search(page, "campuran")))


def test_keyboard_slips(page):
    apart = _search(page, "pelayanan publik")
    for query in ("pela yanan publik", "PELAYANAN PUBLK"):
        answer = _search(page, query)
        assert answer["suggestion"] == "pelayanan publik", query
        assert sorted(_urls(answer)) == sorted(_urls(apart)), query
    assert _search(page, "ARSP DIGITAL")["suggestion"] == "arsip digital"
    # A derived word whose root the index lacks: its base is corrected.
    assert _search(page, "kebhinekaan")["suggestion"] == "bhinneka"
    # A function word is no correction ("rapat" is not "dapat"): the word is named.
    rapat = _search(page, "memimpin rapat")
    assert rapat["suggestion"] is None and rapat["missing"] == ["rapat"]
    # In a short query of capitals, an abbreviation: not corrected.
    assert _search(page, "SKPD")["suggestion"] != "sipd"
    solid = _search(page, "20jp")
    assert solid["suggestion"] == "20 jp"
    assert sorted(_urls(solid)) == sorted(_urls(_search(page, "20 jp")))
    # An abbreviation in capitals is whole: "TIK" is not "tiket".
    assert "modul/diskominfo-medan/magang-pusat-data/" in _urls(_search(page, "tik"))
    assert "modul/diskominfo-medan/magang-pusat-data/" not in _urls(_search(page, "TIK"))


def test_times(page):
    # In December 2026, "bulan depan" is January 2027 and "bulan ini" December 2026.
    assert _urls(_search(page, "pelatihan bulan depan")) == _urls(
        _search(page, "pelatihan januari 2027")
    )
    assert _urls(_search(page, "jadwal bulan ini")) == _urls(_search(page, "desember 2026"))
    assert _urls(_search(page, "tahun depan")) == _urls(_search(page, "2027"))
    assert _search(page, "bulan desember")["total"] == _search(page, "desember")["total"]
    # Month names written short, after "bulan" or before a year.
    assert _urls(_search(page, "des 2026")) == _urls(_search(page, "desember 2026"))
    assert _urls(_search(page, "pelatihan bulan feb")) == _urls(_search(page, "pelatihan februari"))
    # A month with its year: not a record with an offering in January 2027 and
    # one in February 2026.
    month_year = _urls(_search(page, "februari 2027"))
    assert "modul/uinsu/moderasi-beragama/" in _urls(_search(page, "februari"))
    assert "modul/uinsu/moderasi-beragama/" in _urls(_search(page, "2027"))
    assert "modul/uinsu/moderasi-beragama/" not in month_year
    assert "modul/diskominfo-medan/keamanan-siber-opd/" in month_year
    # A three-month course runs in its middle month (PKP: "5 April – 25 Juni
    # 2027"), and its first month in its year.
    assert "modul/bpsdm-sumut/kepemimpinan-pengawas/" in _urls(_search(page, "mei 2027"))
    assert "modul/bpsdm-sumut/kepemimpinan-pengawas/" in _urls(_search(page, "april 2027"))


def test_free_trainings(page, sample_site: Path):
    answer = _search(page, "pelatihan gratis")
    assert answer["total"] >= 4 and not answer["partial"]
    for rel in _urls(answer):
        text = (sample_site / rel / "index.html").read_text(encoding="utf-8")
        assert is_free(text), rel
    assert _search(page, "free")["suggestion"] == "gratis"


def test_a_sentence_puts_its_rarer_subject_words_first(page):
    query = (
        "Saya seorang staf kelurahan di Medan Baru yang ingin mengikuti pelatihan tentang "
        "pengelolaan arsip digital secara daring pada bulan depan, apakah ada?"
    )
    assert _urls(_search(page, query))[0] == "modul/unimed/arsip-digital/"
    answer = _search(page, "tolong carikan magang di bidang keamanan siber")
    assert _urls(answer)[0] == "magang/diskominfo-medan/magang-medan-csirt/"


def test_nothing_to_find(page):
    for query in ("pelatihan excel", "magang asdfgh"):
        answer = _search(page, query)
        assert answer["total"] == 0, query
        assert answer["missing"] == [query.split()[1]]
    # A correction that finds nothing either is not offered.
    bmd = _search(page, "BMD")
    assert bmd["total"] == 0 and bmd["suggestion"] is None
    # A word left out of the results found for the others is named.
    some = _search(page, "akuntansi keuangan")
    assert some["missing"] == ["akuntansi"] and some["total"] > 0


def test_the_box_says_what_it_did_not_find(page, http_portal: str):
    box = SearchBox(page, http_portal)
    shown = box.search("pelatihan excel")
    assert not shown.urls
    assert shown.status.startswith("Tidak ada hasil untuk “pelatihan excel”")
    assert "“excel” tidak ditemukan" in shown.status
    assert "saringan" not in shown.status  # no filter was set
    link = page.locator(".kk-search__status a")
    assert link.get_attribute("href").endswith("/portal/modul/")
    shown = box.search("akuntansi keuangan")
    assert shown.urls
    assert shown.status.startswith("Kata “akuntansi” tidak ditemukan")
    # With a filter set, the way out is to loosen it.
    box.set_filter("jenis", "Magang")
    shown = box.search("dasbor")
    assert not shown.urls and "dengan saringan ini" in shown.status
    # A known abbreviation of two letters is searched ("JF", "K3").
    shown = box.search("JF")
    assert shown.status.startswith("Tidak ada hasil untuk “JF”")
