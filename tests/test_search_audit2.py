"""Index-side fixes of the second search audit (generator/search.py).

- what a page is (the "jenis" filter: Modul, Program ...) is indexed as a word,
  so "program kepemimpinan" finds the program, not pages that say "program";
- the partner's short name (result metadata "mitra": "USU") is indexed beside
  its full name, so "Unimed" finds every record of Unimed;
- the facts line of each step of a program ("8 JP · Seminar · UINSU") is left
  out, so "8 jp" finds records of 8 JP, not programs listing one.

The query side (search.js: loan spellings, the prefix-aware correction
allowance, glosses) is covered by the evaluation set (tests/search_eval.yml,
bench/search_eval.py).
"""

from __future__ import annotations

from generator.search import _Indexer, mark_labels, visible_text

PROGRAM = """<html lang="id"><body>
<div class="kk-page" data-pagefind-body>
<div class="kk-search-meta" hidden data-pagefind-ignore data-kk-cari>
<span data-pagefind-filter="jenis">Program</span><span data-pagefind-meta="jenis">Program</span>
<span data-pagefind-filter="mitra">Universitas Islam Negeri Sumatera Utara</span>
<span data-pagefind-meta="mitra">UINSU</span>
<span data-pagefind-meta="jp">54</span></div>
<h1>Harmoni Sosial Kultural</h1>
<p class="kk-lead">Lima modul tentang wawasan kebangsaan.</p>
<h2 id="modul">Urutan modul</h2>
<ol class="kk-steps">
  <li><a href="../../../modul/uinsu/wawasan-kebangsaan/">Wawasan Kebangsaan</a>
    <small>8 JP · Seminar · Unimed</small></li>
  <li><a href="../../../modul/unimed/etika-asn/">Etika ASN</a>
    <small>6 JP · Pelatihan · Unimed</small></li>
</ol>
<p>Catatan <small>kecil</small> di luar urutan.</p>
</div></body></html>"""


def test_a_programs_steps_keep_their_titles_but_not_their_facts_lines():
    text = " ".join(visible_text(mark_labels(PROGRAM)).split())
    assert "Wawasan Kebangsaan" in text and "Etika ASN" in text
    assert "8 JP" not in text and "Seminar" not in text and "Unimed" not in text
    # A <small> outside the steps is text as before.
    assert "kecil" in text
    doc = _Indexer().document(PROGRAM, "program/uinsu/harmoni/")
    assert doc is not None
    assert "8" not in doc.words and "seminar" not in doc.words and "unimed" not in doc.words
    # The program's own JP are its words.
    assert doc.words["54"] == 1 and doc.words["jp"] == 1


def test_what_the_page_is_and_its_partners_short_name_are_words():
    doc = _Indexer().document(PROGRAM, "program/uinsu/harmoni/")
    assert doc is not None
    assert doc.words["program"] >= 1
    assert doc.words["uinsu"] == 1
    assert doc.words["islam"] == 1  # the partner's full name, as before
    assert doc.meta == {"jenis": "Program", "mitra": "UINSU", "jp": "54"}
