"""Index-side fixes of the third search audit (generator/search.py).

- the addresses in the facts list of internships, forums and partners, and an
  internship's period, are indexed (`fact_words`), as the schedules' venues
  and months are: "Padang Bulan" finds the internships hosted there;
- the terms of several words that search.js GLOSS gives for an abbreviation
  ("humas" -> hubungan masyarakat) are indexed as one word where a page has
  their words next to each other (GLOSS_PHRASES, `phrase_terms`), so that the
  abbreviation finds those pages, not every page with the words apart;
- loan words whose meaning left their base's keep their own root
  (LEXICAL_LOANS: sosialisasi is not sosial), in search.py and stem.js alike;
  kinerja (performance) is not kerja (work: LEXICAL_ROOTS).

The query side is covered by the evaluation set (tests/search_eval.yml,
bench/search_eval.py: "humas", "latsar", "sosialisasi", "Padang Bulan" ...).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from sitehelpers import REPO

from generator.search import (
    GLOSS_PHRASES,
    LEXICAL_LOANS,
    _dictionary,
    _Indexer,
    _stemmer,
    base_root,
    fact_words,
    phrase_terms,
)

SEARCH_JS = REPO / "generator" / "assets" / "search" / "search.js"
STEM_JS = REPO / "generator" / "assets" / "search" / "stem.js"

INTERNSHIP = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Magang</span><span data-pagefind-meta="jenis">Magang</span>
<span data-pagefind-meta="mitra">USU</span></div>
<h1>Magang Pengelolaan Arsip</h1>
<dl class="kk-facts" aria-label="Ringkasan magang">
  <div><dt>Penyelenggara</dt><dd><a href="../../../mitra/usu/">Universitas Sumatera Utara</a></dd></div>
<div><dt>Unit penerima</dt><dd>Pusat Sistem Informasi, Universitas Sumatera Utara<br><small>Jl. Dr. T.
Mansur No. 9, Padang Bulan, Medan</small></dd></div>  <div><dt>Pelaksanaan</dt><dd>18 Januari
&ndash; 12 Maret 2027</dd></div>
  <div><dt>Kuota</dt><dd>6 orang</dd></div></dl>
<h2 id="deskripsi">Deskripsi</h2>
<p>Peserta membantu pranata hubungan masyarakat. Hubungan kerja dengan masyarakat luas.</p>
<p>Diselenggarakan bersama Dinas Kependudukan dan Pencatatan Sipil, bidang sosial-kultural.</p>
</div></body></html>"""

PARTNER_FACTS = """<dl class="kk-facts" aria-label="Profil mitra">
<div><dt>Kota</dt><dd>Medan</dd></div>
<div><dt>Alamat</dt><dd>Jl. Almamater No. 1, Kampus USU, Padang Bulan, Medan 20155</dd></div>
<div><dt>Tempat</dt><dd>Ruang Rapat III</dd></div></dl>"""


def test_the_facts_lists_addresses_and_an_internships_period_are_words():
    words = fact_words(INTERNSHIP)
    assert "Jl. Dr. T. Mansur No. 9, Padang Bulan, Medan" in words
    # Months between the first and the last, with their years.
    assert {"januari", "februari", "maret", "2027", "februari2027"} <= set(words)
    # A partner's address whole; a venue's or a unit's name is no address.
    assert fact_words(PARTNER_FACTS) == [
        "Jl. Almamater No. 1, Kampus USU, Padang Bulan, Medan 20155"
    ]
    doc = _Indexer().document(INTERNSHIP, "magang/usu/magang-arsip/")
    assert doc is not None
    assert doc.words["padang"] == 1 and doc.words["mansur"] == 1 and doc.words["maret2027"] == 1
    assert "sistem" not in doc.words and "orang" not in doc.words  # the unit's name, the quota


def test_gloss_terms_are_words_where_their_words_are_next_to_each_other():
    doc = _Indexer().document(INTERNSHIP, "magang/usu/magang-arsip/")
    assert doc is not None
    # "pranata hubungan masyarakat" once; "Hubungan kerja dengan masyarakat" is no term.
    assert doc.words["hubungan masyarakat"] == 1
    # "dan" between the words does not part them; a hyphenated word is its parts.
    assert doc.words["kependudukan pencatatan sipil"] == 1
    assert doc.words["pencatatan sipil"] == 1
    assert doc.words["sosial kultural"] == 1
    # Terms are no words of the vocabulary ("did you mean") and have no root.
    assert not any(" " in w for w in doc.plain) and not any(" " in r for r in doc.roots)
    assert phrase_terms(["hubungan", "kerja", "masyarakat"]) == []
    assert phrase_terms(["tanda", "tangan", "elektronik"]) == [
        "tanda tangan",
        "tanda tangan elektronik",
    ]


def _js_list(path, name: str, pattern: str) -> set[str]:
    text = path.read_text(encoding="utf-8")
    start = text.index(name)
    body = text[start : text.index("}" if name.endswith("{") else ";", start)]
    return set(re.findall(pattern, body))


def test_gloss_phrases_are_the_multi_word_glosses_of_search_js():
    values = _js_list(SEARCH_JS, "var GLOSS = {", r':\s*"([^"]*)"')
    assert {v for v in values if " " in v} == set(GLOSS_PHRASES)


def test_lexical_loans_keep_their_own_root_in_both_stemmers():
    assert _js_list(STEM_JS, "var LEXICAL_LOANS", r'"([a-z]+)"') == set(LEXICAL_LOANS)
    stem, dictionary = _stemmer(), _dictionary()
    cases = {
        "sosialisasi": "sosialisasi",
        "menyosialisasikan": "sosialisasi",
        "organisasi": "organisasi",
        "realisasi": "realisasi",
        # The loan-suffix rule as before.
        "digitalisasi": "digital",
        "efektivitas": "efektif",
        "akuntabilitas": "akuntabel",
        # kinerja (performance) is not kerja (work).
        "kinerja": "kinerja",
        "pekerjaan": "kerja",
    }
    assert {w: base_root(w, stem, dictionary) for w in cases} == cases


_ROOTER = """
const kk = require(process.argv[process.argv.length - 1]);
const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const root = kk.rooter(new Set(data.roots));
process.stdout.write(JSON.stringify(data.words.map(w => root(w))));
"""


def test_stem_js_keeps_lexical_loans_whole_with_the_index_roots():
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("no Node.js (tests/test_search_recall.py compares the stemmers in Chromium)")
    # The roots an index of such pages holds, without "sosialisasi": the
    # stemmer must not strip it down to "sosial".
    roots = ["sosial", "organ", "real", "digital", "efektif", "akuntabel", "kinerja", "kerja"]
    words = ["sosialisasi", "menyosialisasikan", "organisasi", "digitalisasi", "efektivitas",
             "akuntabilitas", "kinerja"]  # fmt: skip
    out = subprocess.run(
        [node, "-e", _ROOTER, str(STEM_JS)],
        input=json.dumps({"roots": roots, "words": words}),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == [
        "sosialisasi", "sosialisasi", "organisasi", "digital", "efektif", "akuntabel", "kinerja",
    ]  # fmt: skip
