"""What the index holds of a page, and the roots it files words under.

The words a page shows beyond its prose (its mode with the gloss, "Luring
(tatap muka)"; its address, "perizinan-oss-rba"; its instructors; the months of
its schedule) are found; loan affixes (digitalisasi, antikorupsi) reach their
root, and derived words whose meaning left the root's (kependudukan,
pemerintahan, peserta, pengadaan) do not reach an unrelated one. The browser's
stem.js `rooter` gives the same roots as search.py `base_root` (Node.js, else
Chromium; skipped when neither is, failed when CI=true).
"""

from __future__ import annotations

import pytest

from generator.search import (
    FUNCTION_ROOTS,
    KIND_WEIGHT,
    _dictionary,
    _Indexer,
    _stemmer,
    base_root,
)

pytest.register_assert_rewrite("sitehelpers")
pytest_plugins = ["sitehelpers"]

from sitehelpers import REPO  # noqa: E402
from test_search_stemmer import js_roots  # noqa: E402

PAGE = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Modul</span>
<span data-pagefind-filter="mitra">Politeknik Negeri Medan</span>
<span data-pagefind-filter="metode">Bimbingan Teknis</span>
<span data-pagefind-filter="moda">Luring (tatap muka)</span>
<span data-pagefind-filter="bulan">2026-12</span></div>
<h1>Perizinan Berusaha</h1>
<dl class="kk-facts"><div><dt>Moda</dt><dd>Luring (tatap muka)</dd></div>
<div><dt>Biaya</dt><dd>Rp1.600.000 per peserta</dd></div></dl>
<h2 id="jadwal">Jadwal angkatan</h2>
<div class="kk-table-wrap"><table><tr><td>Angkatan I</td><td>1–4 Desember 2026</td>
<td>Gedung Serbaguna</td></tr></table></div>
<h2 id="deskripsi">Deskripsi</h2>
<div class="kk-prose"><p>Verifikasi izin usaha.</p></div>
<h2 id="pengajar">Pengajar</h2>
<ul><li>Dr. Indah Sari, M.Si., Psikolog, Narasumber (Fakultas Psikologi)</li></ul>
<h2 id="narahubung">Narahubung</h2>
<ul><li>Unit Pelatihan</li></ul>
</div></body></html>"""

PARTNER = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Mitra</span></div>
<h1>Politeknik Negeri Medan</h1>
<h2 id="jadwal">Angkatan mendatang</h2>
<ul class="kk-events"><li class="kk-event"><p class="kk-event__when">19 Januari 2027</p>
<h3 class="kk-event__title"><a href="../../modul/p/x/">Modul X</a></h3></li></ul>
</div></body></html>"""


@pytest.fixture(scope="module")
def doc():
    return _Indexer().document(PAGE, "modul/bpsdm-sumut/perizinan-oss-rba/")


def test_the_mode_and_method_are_found_with_their_glosses(doc):
    for word in ("luring", "tatap", "muka", "bimbingan", "teknis", "politeknik"):
        # The method (what kind of learning the record is) weighs more than its title.
        assert doc.words.get(word) == (KIND_WEIGHT if word in ("bimbingan", "teknis") else 1), word
        assert word in doc.plain, word  # so cari/kata.txt lists it: no "did you mean"
    # The facts list itself stays out (labels, fee): only the filters' values count.
    for gone in ("biaya", "rp1", "moda", "2026-12"):
        assert gone not in doc.words, gone
    daring = _Indexer().document(PAGE.replace("Luring (tatap muka)", "Daring (online)"), "m/a/b/")
    assert daring.words.get("online") == 1 and "luring" not in daring.words


def test_the_address_words_are_found(doc):
    for word in ("perizinan", "oss", "rba", "perizinan-oss-rba"):
        assert word in doc.words, word
    assert "rba" in doc.plain


def test_instructors_and_schedule_months_are_found_but_not_the_rest(doc):
    for word in ("narasumber", "psikolog", "psikologi", "indah", "desember", "2026"):
        assert word in doc.words, word
    # The rest of the schedule (places, labels) and the contacts stay out.
    for gone in ("gedung", "serbaguna", "angkatan", "unit", "jadwal", "pengajar"):
        assert gone not in doc.words, gone


def test_a_partners_list_of_other_records_offerings_gives_no_months():
    partner = _Indexer().document(PARTNER, "mitra/polmed/")
    assert "januari" not in partner.words and "2027" not in partner.words


def test_the_index_is_the_same_for_the_same_page(doc):
    again = _Indexer().document(PAGE, "modul/bpsdm-sumut/perizinan-oss-rba/")
    assert list(again.words.items()) == list(doc.words.items())
    assert again.roots == doc.roots and again.plain == doc.plain


ROOTS = {
    # loan suffixes
    "digitalisasi": "digital",
    "digitalisasinya": "digital",
    "nasionalisme": "nasional",
    "efektivitas": "efektif",
    "akuntabilitas": "akuntabel",
    "profesionalitas": "profesional",
    "standardisasi": "standar",
    # loan prefixes written solid
    "antikorupsi": "korupsi",
    "antarlembaga": "lembaga",
    # derived words with a meaning of their own
    "kependudukan": "penduduk",
    "penduduk": "penduduk",
    "pemerintahan": "pemerintah",
    "kedudukan": "duduk",
    # words that keep their roots
    "pelayanan": "layan",
    "kepemimpinan": "pimpin",
    "korupsi": "korupsi",
    "digital": "digital",
    "integritas": "integritas",
    "antisipasi": "antisipasi",
    "seminar": "seminar",
}

# Roots that are function words: such words are indexed as written only.
NO_ROOT = ("peserta", "pengadaan", "pendapatan", "selama")


def test_roots_of_loan_affixes_and_derived_words():
    indexer = _Indexer()
    got = {word: indexer.root(word) for word in ROOTS}
    assert got == ROOTS
    for word in NO_ROOT:
        assert indexer.root(word) is None, word
    assert {"serta", "ada", "dapat"} <= FUNCTION_ROOTS


def test_the_browser_files_query_words_under_the_same_roots():
    """stem.js `rooter`, given the roots an index holds, reaches the root the build
    filed each word under (words of the shipped curriculum and affixed forms)."""
    import re

    indexer = _Indexer()
    words = set(ROOTS) | set(NO_ROOT)
    for path in (REPO / "curriculum").rglob("*.yml"):
        words |= set(re.findall(r"[a-z]+(?:-[a-z]+)*", path.read_text(encoding="utf-8").lower()))
    for base in ("digital", "modern", "sosial", "nasional", "aktif", "korupsi", "lembaga"):
        words |= {base + "isasi", base + "isme", "anti" + base, "non" + base, "pasca" + base}
    words = sorted(words)
    python = {w: indexer.root(w) for w in words}
    roots = sorted({r for r in python.values() if r is not None})
    got = dict(zip(words, js_roots(roots, words, "rooter"), strict=True))
    wrong = [(w, r, got[w]) for w, r in python.items() if r is not None and got[w] != r]
    assert not wrong, f"{len(wrong)} of {len(words)} differ, e.g. {wrong[:10]}"
    # And with the whole dictionary, the two agree on the loan and compound steps.
    stem, dictionary = _stemmer(), _dictionary()
    for word in ROOTS:
        assert base_root(word, stem, dictionary) == ROOTS[word], word
