"""The search index: each record page's main content, with Indonesian roots.

A step of `kurikulum build`, run on the rendered site before it is swapped in:

1. Every page that `templates/pages/_search_meta.html` marks (`data-kk-cari`:
   modules, programs, internships, forums, partners, and the first page of
   each competency) is indexed; list pages and the home page are not, since
   they only repeat the records' own pages. A competency page is indexed for
   its own text (name, type, description), not for the modules it lists.
2. Of each page only its main content (the `data-pagefind-body` element) is
   indexed: the record's own text (title, summary, description, objectives,
   topics, audience, competencies). Field labels, section headings,
   breadcrumbs, the facts list (JP, method, mode, partner, fee: filters and
   result metadata already), schedules and lists of other records are left
   out (LABEL_TAGS, LABEL_CLASSES, OMITTED_SECTIONS), and so is a list item
   that repeats an earlier one (topics listed in the description and again
   under "Pokok bahasan"). A module's instructors are kept: a trainer's name
   finds the modules they teach.
3. Every word is indexed as written (the browser finds it by prefix, so a
   word still being typed matches) and under its Sastrawi root when the root
   is a dictionary word (pengembangan -> kembang, kepemimpinan -> pimpin):
   the browser reduces query words to roots with the same algorithm
   (assets/search/stem.js). Roots of function words (selama -> lama, secara
   -> cara: FUNCTION_ROOTS) are not. A word weighs 7 in the title, 1 in body
   text, or its element's `data-pagefind-weight`; the record's method (what
   kind of learning it is: Pelatihan, Seminar, Magang ...) weighs KIND_WEIGHT,
   more than the title, since a page's kind is what a query naming it asks
   for. The words of the page's address count only where its text lacks them
   (not written solid, nor the cut piece a shortened address ends in), the
   record's JP are words ("20 jp"), a free record has the word "gratis"
   (FREE_WORD), and its schedule gives the months it runs in, also with their
   years as one word ("mei2026": `schedule_words`); so do an internship's
   period and the addresses in the facts list (a host unit's, a venue's, a
   partner's: `fact_words`), though the rest of that list is not indexed.
4. The index (generator/searchindex.py) goes to `cari/`, with `cari/akar.txt`
   (the roots in the index, for the browser's stemmer) and `cari/kata.txt`
   (the indexed words, most frequent first, for "did you mean").
5. With a cache folder, each page's view (a Doc) is kept by its file's inode,
   size and modification time (`DocCache`): the page cache hard-links pages
   that did not change, so a rebuild parses only the pages written again.
   The folders a killed build left there are removed by the next one
   (`remove_stale`).
6. Given the published site too, a rebuild whose pages are the same ones as
   the published site's (the same paths: page numbers do not move) updates
   the published index (`_update`, `searchindex.IndexUpdate`): only the
   posting lists, dictionary shards, filter file and result files that the
   changed pages touch are written again, the others hard-linked from it (or
   left where they are when the site is indexed in place). The DocCache
   folder holds what that takes (its state), committed with it when the site
   is published. A page added or removed, too many pages changed, no state,
   a state of another generator, or a published index other than the one the
   state describes: the index is written whole. The bytes are the same either
   way (tests/test_search_incremental.py). At 10,000 modules, a rebuild after
   a module's title was edited indexes in 0.3 s (up to 1 s on a busy
   machine) instead of 3-7 s.

Pages keep Pagefind's markup conventions (`data-pagefind-body`, `-ignore`,
`-filter`, `-meta`, `-weight`): the portal reads them itself. Pagefind 1.5.2
was the indexer until its memory (about 1 GB at 10,000 modules, 4.6 GB at
50,000), its indexing time and its search time on words found on thousands of
pages kept the portal from its targets (docs/benchmarks.md).
"""

from __future__ import annotations

import bisect
import contextlib
import html
import multiprocessing as mp
import os
import pickle
import re
import shutil
import tempfile
import time
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import folders
from generator.pools import fork_pool
from generator.searchindex import (
    MANIFEST,
    PAGES_PER_FILE,
    Batch,
    Doc,
    IndexUpdate,
    IndexWriter,
    write_pages,
)

DOCS_DIR = "cari-v1"  # in the cache folder: see DocCache
NEW_DOCS_PREFIX = ".cari-baru-"  # a run's DocCache folder until it is committed
OLD_DOCS_PREFIX = ".cari-lama-"  # the replaced DocCache folder, being removed
# Folders of those two kinds that a killed run left are removed by the next one
# (generator/folders.py).

SEARCH_DIR = "cari"
ROOTS_FILE = "akar.txt"
WORDS_FILE = "kata.txt"
MARKER = "data-kk-cari"

# Elements whose text is a label or repeats other pages: kept out of the index.
LABEL_TAGS = ("dt", "h2", "thead", "caption", "nav", "button")
LABEL_CLASSES = ("kk-edit", "kk-table-wrap", "kk-cards", "kk-pager", "kk-calendar", "kk-facts")
# A program's steps (<ol class="kk-steps">) name its modules, which say what the
# program covers, each with a line of that module's facts (<small>: "24 JP ·
# Pelatihan · UINSU"): those lines are left out like the page's own facts list,
# or "24 jp" would find every program listing a module of 24 JP.
STEPS_CLASS = "kk-steps"
# Page sections (from <h2 id=...> to the next <h2>) that list other records or
# dates rather than describe the page's own record: left out of the index.
OMITTED_SECTIONS = (
    "jadwal", "keterkaitan", "program", "pertemuan", "cara-mendaftar", "modul-terkait",
    "narahubung",
)  # fmt: skip
# Of these sections, the schedules: their month names (and years, and each month
# with its year as one word: "desember2026") are indexed, so that "Desember"
# finds what runs or meets in December; the rest of them is not.
SCHEDULE_SECTIONS = ("jadwal", "pertemuan")
MONTHS = (
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember",
)  # fmt: skip
# Filters whose values the page shows in its facts list or its heading (method,
# mode, level, competency type, partner, and what the page is: Modul, Program,
# Magang, Forum, Kompetensi, Mitra): indexed as body text, glosses included
# ("Daring (online)", "Luring (tatap muka)"), though the facts list itself is
# not. So "program kepemimpinan" or "modul arsip" finds the programs or modules
# about it, not the pages that happen to say "program" or "modul"; search.js
# reads these words as a wish for a kind of record (WISH_FILTERS), not a subject.
INDEXED_FILTERS = ("metode", "moda", "jenjang", "jenis_kompetensi", "mitra", "jenis")
# The filter naming what kind of learning a record is (Pelatihan, Seminar, Magang,
# Forum Diskusi ...). Its words weigh KIND_WEIGHT, more than the title's 7: a
# query "pelatihan" asks for trainings before an internship titled "Magang
# Penyelenggaraan Pelatihan" (about training, and saying so five times). It is
# also kept with the result data (as "metode"), for the browser's reranking.
KIND_FILTER = "metode"
KIND_WEIGHT = 10
# Result metadata the search box shows (type, partner, JP, a detail line); others
# are not kept.
RESULT_META = ("jenis", "mitra", "jp", "rincian")
# The learning hours (JP) a record gives are indexed as words ("20 jp"), though
# the facts list showing them is not: "20 jp" finds the records of 20 JP (search.js
# matches a number whole).
JP_META = "jp"
# The partner's short name ("USU", "Polmed", "BPSDM Sumut"), shown with each
# result, is indexed as body text too, beside its full name (the "mitra"
# filter): "Unimed" finds every record of Unimed, not those whose text or
# instructors happen to name it.
PARTNER_META = "mitra"
SUMMARY_META = "ringkasan"  # shown under the title in results; its words are indexed in the text
# A record's fee is in the facts list, which is not indexed; a free one ("Tanpa
# biaya", "Gratis", "Tidak dipungut biaya", "Rp0") gives the page the word
# FREE_WORD, what an ASN types ("pelatihan gratis"; search.js glosses "free").
FEE_LABEL = "Biaya"
FREE_WORD = "gratis"
_FEE_RE = re.compile(rf"<dt>\s*{FEE_LABEL}\s*</dt>\s*<dd\b[^>]*>(.*?)</dd>", re.S | re.I)
# Where an internship or a forum takes place, in the facts list (not indexed):
# the address and city under the host unit's or the venue's name ("Arsip
# Universitas, Universitas Sumatera Utara<br><small>Jl. Dr. T. Mansur No. 9,
# Padang Bulan, Medan</small>"), and a partner's address. Indexed as body text,
# as the schedules' venues are (`schedule_words`), so that "Padang Bulan" finds
# the internships there too. Not the unit's or venue's name: "Ruang Rapat",
# "Pusat Sistem Informasi" would answer queries about meetings or information
# systems.
PLACE_LABELS = ("Tempat", "Unit penerima", "Alamat")
ADDRESS_LABEL = "Alamat"  # its whole value is an address
# An internship's dates are in its facts list too ("Pelaksanaan: 11 Januari – 5
# Februari 2027"), not in a schedule section: their months and years are
# indexed as a schedule's are ("magang januari", "magang 2027").
PERIOD_LABEL = "Pelaksanaan"
_PLACE_RE = re.compile(
    r"<dt>\s*({})\s*</dt>\s*<dd\b[^>]*>(.*?)</dd>".format("|".join((*PLACE_LABELS, PERIOD_LABEL))),
    re.S,
)
_SMALL_TEXT_RE = re.compile(r"<small\b[^>]*>(.*?)</small>", re.S)
_FREE_RE = re.compile(
    r"\b(?:tanpa\s+biaya|gratis|tidak\s+dipungut\s+biaya|bebas\s+biaya|tidak\s+berbayar|cuma-cuma)\b"
    r"|^\s*rp\.?\s*0+(?:[.,]0+)*(?![.,]?[0-9])",
    re.I,
)
# The exact name a page answers to (a competency's): a query of just those words
# puts the page first (`name_key`; search.js looks the query's key up). Its words
# are in the page's title already, so they weigh nothing more.
NAME_META = "nama"
# search.js STOPWORDS: query words a page need not contain, left out of names too.
QUERY_STOPWORDS = frozenset(
    ("dan", "atau", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "dalam", "bagi",
     "oleh", "ini", "itu", "serta", "tentang", "terhadap", "sebagai", "secara", "para",
     "saya", "aku", "kami", "kita", "ingin", "mau", "bagaimana", "gimana", "apa", "apakah",
     "adakah", "ada", "cara", "tolong", "mohon", "ikut", "mengikuti", "cari", "mencari",
     "carikan", "yg", "utk", "dgn", "dr", "dlm", "tsb", "jadwal", "seorang", "saja", "mendaftar",
     "daftar", "bidang", "jenis")
)  # fmt: skip
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
# Elements that do not separate words ("<b>pe</b>layanan" is one word).
INLINE_TAGS = frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
     "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var")
)  # fmt: skip
VOID_TAGS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr")
)  # fmt: skip

_BODY_RE = re.compile(r"<div\b[^>]*\bdata-pagefind-body\b[^>]*>")
_DIV_RE = re.compile(r"<(/?)div\b[^>]*>")
_TAGS = "|".join(LABEL_TAGS)
_CLASSES = "|".join(LABEL_CLASSES)
_LABEL_TAG_RE = re.compile(rf"<(?:{_TAGS})(?=[\s>])")
_LABEL_CLASS_RE = re.compile(rf'class="(?:[^"]*\s)?(?:{_CLASSES})[\s"]')
_STEPS_RE = re.compile(rf'<ol\b[^>]*\bclass="(?:[^"]*\s)?{STEPS_CLASS}["\s][^>]*>')
_SMALL_RE = re.compile(r"<small(?=[\s>])")
_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?=\s)")
_BODY_ATTR = "data-pagefind-body"
_IGNORE_ATTR = "data-pagefind-ignore"
_SECTION_RE = re.compile(r'<h2\b[^>]*\bid="({})"'.format("|".join(OMITTED_SECTIONS)))
_SCHEDULE_RE = re.compile(r'<h2\b[^>]*\bid="(?:{})"'.format("|".join(SCHEDULE_SECTIONS)))
_MONTH_RE = re.compile(r"\b({})\b(?:\s+(\d{{4}})\b)?".format("|".join(MONTHS)), re.IGNORECASE)
_H2_RE = re.compile(r"<h2\b")
# A schedule table's time cells: an offering's start and end (and its sessions),
# where its months are read; not from the registration cells, whose dates say
# when to register ("pelatihan januari" asks what runs in January).
TIME_LABEL = "Waktu"
# The address under a venue's name in a schedule table's place cell.
_ADDRESS_RE = re.compile(
    r'<td\b[^>]*\bdata-label="Tempat"[^>]*>[^<]*<br><small>(.*?)</small>', re.S
)
_IGNORED_RE = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>")
_TAG_RE = re.compile(r"<[^>]*>")
_WEIGHT_ATTR = "data-pagefind-weight"
_WEIGHT_RE = re.compile(r'\bdata-pagefind-weight="([0-9.]+)"')
# The start tags of elements that may weigh differently from their parent (tag
# names in lower case: `_lower_tags`; re.IGNORECASE made these four times slower).
_HEADING_RE = re.compile(r"<(h[1-6])(?![a-zA-Z0-9])[^>]*>")
_WEIGHTED_RE = re.compile(
    r"<(h[1-6])(?![a-zA-Z0-9])[^>]*>|<([a-z][a-z0-9]*)\b[^>]*\bdata-pagefind-weight=[^>]*>"
)
# Inline tags and comments go without a trace ("<b>pe</b>layanan" is one word);
# any other tag separates words.
_INLINE_RE = re.compile(
    r"<(?:!--.*?--|/?(?:{})(?![a-zA-Z0-9])[^>]*)>".format("|".join(sorted(INLINE_TAGS))),
    re.DOTALL,
)
_BLOCK_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_UPPER_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[A-Z]|</?[A-Z]")
_TAG_NAME_RE = re.compile(r"(</?)([a-zA-Z][a-zA-Z0-9]*)")
_LI_OPEN_RE = re.compile(r"<li\b")
_FIELD_RE = re.compile(r'<[a-z]+ data-pagefind-(filter|meta)="([^"]*)"[^>]*>([^<]*)<')
# Query words in the browser are matched the same way (search.js `words`).
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Roots of function words (selama -> lama, secara -> cara, sebagai -> bagai,
# setelah -> telah, setiap -> tiap, memperoleh -> oleh): they are not indexed
# nor listed in cari/akar.txt, so the browser's stemmer leaves such words as
# typed. Indexed, "lama" or "cara" would match nearly every page.
# Likewise "ada", "dapat" and "serta": pengadaan (procurement) is not about "ada"
# (there is), pendapatan (revenue) not about "dapat" (can), peserta (participant)
# not about "serta" (and).
FUNCTION_ROOTS = frozenset(
    ("ada", "bagai", "cara", "dapat", "hadap", "lama", "oleh", "sebut", "serta", "telah",
     "tiap", "untuk")
)  # fmt: skip
# Derived words whose meaning left their root's, added to the stemmer's
# dictionary so that they and their own derivatives stop there: kependudukan
# (population) -> penduduk, not duduk (sit; menduduki jabatan, to hold an office);
# pemerintahan -> pemerintah (government), not perintah (command); kinerja
# (performance: "e-kinerja", "coaching kinerja") -> kinerja, not kerja (work:
# "unit kerja", "rencana kerja").
LEXICAL_ROOTS = ("pemerintah", "penduduk", "kinerja")
# Loan-word prefixes written solid ("antikorupsi", "pascasarjana", "nonaktif"):
# a word the stemmer leaves outside the dictionary gets the root of its rest
# (at least 4 letters) when that is a dictionary root. Longer prefixes first.
COMPOUND_PREFIXES = ("antar", "anti", "multi", "pasca", "non", "pra", "swa")
# Loan suffixes (-isasi, -isme, -itas): a root ending so is replaced by the root
# it is built on when that is in the dictionary (digitalisasi -> digital,
# nasionalisme -> nasional, efektivitas -> efektif, akuntabilitas -> akuntabel,
# profesionalitas -> profesional). The first rule that gives a dictionary word
# of at least 4 letters wins. stem.js has the same two lists.
LOAN_SUFFIXES = (
    ("isasi", ""), ("disasi", ""), ("isme", ""), ("ivitas", "if"), ("bilitas", "bel"),
    ("alitas", "al"),
)  # fmt: skip
# Loan words whose meaning left their base's, kept whole by that rule (and by
# stem.js, which has the same list): sosialisasi (an information campaign) is
# not about what is sosial, organisasi not about an organ, realisasi (anggaran)
# not about what is real, mobilisasi not about a car (mobil). Being a word of
# the dictionary tells nothing: digitalisasi, efektivitas and akuntabilitas
# are there too, and are about what is digital, efektif, akuntabel.
LEXICAL_LOANS = frozenset(
    ("sosialisasi", "organisasi", "realisasi", "realitas", "mobilisasi", "lokalisasi",
     "spesialisasi", "rasionalisasi", "formalitas")
)  # fmt: skip
# The terms of several words that search.js GLOSS gives for an abbreviation or
# another word ("humas" -> hubungan masyarakat, "pbj" -> pengadaan barang jasa):
# a page with the words next to each other (in that order, "dan" and "serta"
# between them skipped: "Kependudukan dan Pencatatan Sipil") also holds the
# term as one word, its words joined by a space ("hubungan masyarakat"), which
# no query word can be (search.js `words` splits at spaces). search.js looks
# the term up for the abbreviation, so that "humas" finds the pages about
# hubungan masyarakat, not every page that says "hubungan" somewhere and
# "masyarakat" somewhere else. Exactly the GLOSS values with a space
# (tests/test_search_audit3.py checks).
GLOSS_PHRASES = (
    "administrasi kependudukan", "akuntabilitas kinerja", "analisis jabatan", "anggaran daerah",
    "aplikasi web", "barang milik daerah", "basis data", "bimbingan teknis",
    "harga perkiraan sendiri", "hubungan masyarakat", "jabatan fungsional",
    "kepemimpinan administrator", "kepemimpinan nasional", "kepemimpinan pengawas",
    "kependudukan pencatatan sipil", "keselamatan kesehatan kerja", "komunikasi informatika",
    "komunikasi publik", "kota cerdas", "mal pelayanan publik", "media sosial",
    "musyawarah perencanaan pembangunan", "naskah dinas elektronik", "pejabat pembuat komitmen",
    "pelatihan dasar cpns", "pelayanan prima", "pelayanan terpadu satu pintu",
    "pemerintah daerah", "pemerintah kabupaten", "pemerintah kota", "pemerintah provinsi",
    "pencatatan sipil", "pengadaan barang jasa", "pengarusutamaan gender", "perangkat daerah",
    "perangkat keras", "perangkat lunak", "persetujuan bangunan gedung", "rencana kerja",
    "rencana strategis", "sasaran kinerja pegawai", "sosial kultural",
    "standar operasional prosedur", "sumber daya manusia", "survei kepuasan masyarakat",
    "tanda tangan", "tanda tangan elektronik", "tata kelola", "teknologi informasi",
    "usaha mikro", "zona integritas",
)  # fmt: skip
# Words between a term's words that do not part them.
PHRASE_JOINERS = frozenset(("dan", "serta"))


@dataclass
class SearchStats:
    pages: int
    roots: int
    words: int
    seconds: float
    parsed: int = 0  # pages read and parsed (the others came from the DocCache)
    pending: Path | None = None  # the new DocCache folder: `commit_docs` once published
    cached: bool = False  # whether a DocCache of an earlier run was there
    updated: bool = False  # whether the published index was updated, not written whole


STATE_FILE = "state.pickle"  # in a DocCache folder: see DocCache
STATE_VERSION = 1
PART_SUFFIX = ".docs"
# A DocCache folder's parts are compacted (the views in use copied into one new
# part) when more than a GARBAGE_SHARE-th of their bytes (and at least
# GARBAGE_MIN) are views no page uses any more (of pages written again since),
# or when there are more than MAX_PARTS of them.
GARBAGE_SHARE = 4
GARBAGE_MIN = 1 << 20
MAX_PARTS = 32
# The published index is updated (`_update`) when at most a quarter of the pages
# (or PARALLEL_FROM pages) changed, and while the terms they changed on them
# (an entry each in memory, about 100 bytes) are at most UPDATE_CHANGES; else
# the index is written whole. At 10,000 modules, with a word added to the title
# of 1,400 modules (a tenth of the pages), the update took 2.4 s and writing the
# index whole 8.4 s; with 10,000 of them, 8.3 s and 12.5 s (the changed pages are
# parsed here, not by two workers, but nothing else is read or written again).
UPDATE_SHARE = 4
UPDATE_CHANGES = 300_000


class DocCache:
    """Each page's Doc from the last indexing, with the (inode, size, mtime) of the
    file it was read from, and what the next run needs to update the index that
    indexing wrote (the state).

    A page the page cache reused is a hard link to the file indexed last time:
    same inode, size and time, so its Doc is taken as it was. A page written
    again is a new file (a new inode), so it is parsed again.

    The cache is a folder (DOCS_DIR): part files of pickled Docs (`.docs`, one
    per process that parsed pages: `_DocParts`; workers write their own, so the
    Docs never pass through the parent, about 3.4 KB a page, 170 MB at 50,000
    modules) and STATE_FILE, a pickled dict:

    - `salt` (the generator's code fingerprint: another version parses
      everything), `version` (STATE_VERSION);
    - `paths`: the site's pages (`_pages`), a page's number being its place;
    - `keys`: (inode, size, mtime) of each page's file, `where`: (part,
      offset, length) of its Doc's bytes in `parts` (part -1: none), three
      numbers a page in two arrays;
    - `index` (None when there is none): what `_update` needs of the index
      written: its manifest's bytes, which pages are indexed, the result
      files' digests, the pages each word is on (`counts`, for kata.txt, with
      the words in kata.txt's order), the roots (akar.txt), and the posting
      files with the number of entries naming each.

    At 10,000 modules the state is 1.6 MB, read in 3 ms into 2.7 MB of memory
    (about 135 bytes a page, plus the vocabulary); the parts are 40 MB, read
    only where a page's Doc is needed.

    A run's folder is new, its parts either written or linked from the
    committed folder (those of its pages' Docs that did not change), and it
    replaces the committed one only when the site it describes is published
    (`commit_docs`; `discard_docs` when the build fails): the state always
    describes the published index.
    """

    def __init__(self, folder: Path | None):
        from generator.cache import code_fingerprint, make_folder

        self.state: dict[str, Any] | None = None
        self.source: Path | None = None  # the committed folder
        self.fds: dict[str, int] = {}  # its parts, open: name -> descriptor
        self.pending: Path | None = None
        self.token = ""  # in this run's part names
        if folder is None:
            return
        self.source = folder / DOCS_DIR
        self.state = self._read(code_fingerprint())
        try:
            make_folder(folder)
            remove_stale(folder)
            self.pending = Path(tempfile.mkdtemp(prefix=NEW_DOCS_PREFIX, dir=folder))
        except OSError:
            self.pending = None  # a read-only checkout still builds, without the cache
        else:
            folders.hold(self.pending)
            self.token = self.pending.name[len(NEW_DOCS_PREFIX) :]

    def _read(self, salt: bytes) -> dict[str, Any] | None:
        assert self.source is not None
        try:
            with open(self.source / STATE_FILE, "rb") as file:
                state = pickle.load(file)
            if state["salt"] != salt or state["version"] != STATE_VERSION:
                return None
            paths, keys, where = state["paths"], state["keys"], state["where"]
            if not (
                isinstance(paths, list)
                and isinstance(keys, array)
                and keys.typecode == "Q"
                and isinstance(where, array)
                and where.typecode == "q"
                and len(keys) == len(where) == 3 * len(paths)
            ):
                return None
            for name in state["parts"]:
                self.fds[name] = os.open(self.source / name, os.O_RDONLY | _BINARY)
        except Exception:  # none, unreadable, cut short, of another layout: parse all
            self.close()
            return None
        return state

    def known(self) -> dict[str, tuple]:
        """Page -> (inode, size, mtime, part, offset, length) of each Doc kept."""
        state = self.state
        if state is None:
            return {}
        keys, where, parts = state["keys"], state["where"], state["parts"]
        found = {}
        for number, rel in enumerate(state["paths"]):
            at = 3 * number
            if where[at] >= 0:
                found[rel] = (*keys[at : at + 3], parts[where[at]], where[at + 1], where[at + 2])
        return found

    def blob(self, number: int) -> bytes | None:
        """The bytes of page `number`'s Doc in the state (None: not kept)."""
        assert self.state is not None
        where = self.state["where"]
        part = where[3 * number]
        if part < 0:
            return None
        name = self.state["parts"][part]
        return _pread(self.fds[name], where[3 * number + 2], where[3 * number + 1])

    def finish(
        self,
        paths: list[str],
        keys: array,
        where: array,
        parts: list[str],
        index: dict[str, Any] | None,
    ) -> None:
        """Write this run's state into its new folder, with the parts it uses (those of
        the committed folder linked, or copied, into it). Where that fails the new
        folder holds no state: the next run indexes whole."""
        if self.pending is None:
            return
        _DocParts.close(self.pending)
        from generator.cache import code_fingerprint

        try:
            where, parts = self._keep_parts(where, parts)
            state = {
                "salt": code_fingerprint(),
                "version": STATE_VERSION,
                "paths": paths,
                "keys": keys,
                "where": where,
                "parts": parts,
                "index": index,
            }
            with open(self.pending / STATE_FILE, "wb") as file:
                pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
        except (OSError, EOFError):  # EOFError: a committed part cut short meanwhile
            with contextlib.suppress(OSError):
                (self.pending / STATE_FILE).unlink(missing_ok=True)

    def _keep_parts(self, where: array, parts: list[str]) -> tuple[array, list[str]]:
        """The parts the pages' Docs are in, in the new folder; compacted into one when
        they hold much that no page uses (GARBAGE_SHARE, MAX_PARTS)."""
        assert self.pending is not None
        used = sorted(set(where[0::3]) - {-1})
        sizes = []
        for part in used:
            name = parts[part]
            if name in self.fds:  # a committed part
                sizes.append(os.fstat(self.fds[name]).st_size)
            else:
                sizes.append((self.pending / name).stat().st_size)
        live = sum(where[2::3])
        if len(used) > MAX_PARTS or sum(sizes) - live > max(live // GARBAGE_SHARE, GARBAGE_MIN):
            return self._compact(where, parts)
        place = {part: i for i, part in enumerate(used)}
        where = array("q", where)
        for at in range(0, len(where), 3):
            if where[at] >= 0:
                where[at] = place[where[at]]
        names = [parts[part] for part in used]
        for name in names:
            if name in self.fds:
                self._link(name)
        for extra in set(parts) - set(names) - set(self.fds):  # written here, unused
            with contextlib.suppress(OSError):
                (self.pending / extra).unlink()
        return where, names

    def _link(self, name: str) -> None:
        """Link the committed part `name` into the new folder; a copy of the file held
        open when the committed folder was replaced meanwhile (by another build)."""
        assert self.pending is not None and self.source is not None
        target = self.pending / name
        fd = self.fds[name]
        held = os.fstat(fd)
        try:
            os.link(self.source / name, target)
            linked = os.stat(target)
            if (linked.st_ino, linked.st_dev) == (held.st_ino, held.st_dev):
                return
            target.unlink()
        except OSError:
            pass
        with open(target, "wb") as out:
            offset = 0
            while offset < held.st_size:
                chunk = _pread(fd, min(1 << 20, held.st_size - offset), offset)
                out.write(chunk)
                offset += len(chunk)

    def _compact(self, where: array, parts: list[str]) -> tuple[array, list[str]]:
        """Copy the Docs in use into one new part, in page order."""
        assert self.pending is not None
        name = f"{self.token}-{os.getpid()}-c{PART_SUFFIX}"
        opened: dict[str, int] = {}
        where = array("q", where)
        try:
            with open(self.pending / name, "wb") as out:
                for at in range(0, len(where), 3):
                    part = where[at]
                    if part < 0:
                        continue
                    source = parts[part]
                    fd = opened.get(source)
                    if fd is None:
                        fd = self.fds.get(source)
                        if fd is None:
                            fd = os.open(self.pending / source, os.O_RDONLY | _BINARY)
                            opened[source] = fd
                    blob = _pread(fd, where[at + 2], where[at + 1])
                    where[at], where[at + 1] = 0, out.tell()
                    out.write(blob)
        finally:
            for fd in opened.values():
                os.close(fd)
        for extra in set(parts) - set(self.fds):  # written here, copied
            with contextlib.suppress(OSError):
                (self.pending / extra).unlink()
        return where, [name]

    def close(self) -> None:
        for fd in self.fds.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self.fds = {}


_BINARY = getattr(os, "O_BINARY", 0)


def _pread(fd: int, length: int, offset: int) -> bytes:
    """`length` bytes at `offset` of the open file `fd` (without moving a position that
    forked processes share, where the system can)."""
    if hasattr(os, "pread"):
        data = os.pread(fd, length, offset)
    else:  # pragma: no cover - Windows, where nothing is forked
        os.lseek(fd, offset, os.SEEK_SET)
        data = os.read(fd, length)
    if len(data) != length:
        raise EOFError(f"{length} bytes at {offset}: {len(data)} found")
    return data


def remove_stale(cache_dir: Path, now: float | None = None) -> list[Path]:
    """Remove the DocCache folders that killed runs left in `cache_dir`; returns them.

    A run's new folder (NEW_DOCS_PREFIX) is held by its run (`folders.hold`) and
    removed only when no process holds it and it is older than a minute; a replaced
    folder (OLD_DOCS_PREFIX), which nobody writes, once it is older than a minute.
    """
    return folders.remove_stale(cache_dir, NEW_DOCS_PREFIX, (OLD_DOCS_PREFIX,), now)


class _DocParts:
    """This process's part file in a run's DocCache folder (opened on first use)."""

    files: dict[Path, Any] = {}

    @classmethod
    def write(cls, folder: Path, token: str, blob: bytes) -> tuple[str, int, int]:
        """Append a Doc's bytes; returns where they are: (part, offset, length)."""
        out = cls.files.get(folder)
        if out is None:
            name = f"{token}-{os.getpid()}{PART_SUFFIX}"
            out = cls.files[folder] = open(folder / name, "wb")  # noqa: SIM115
        offset = out.tell()
        out.write(blob)
        return os.path.basename(out.name), offset, len(blob)

    @classmethod
    def flush(cls, folder: Path) -> None:
        out = cls.files.get(folder)
        if out is not None:
            out.flush()  # a pool's workers are ended without cleanup

    @classmethod
    def close(cls, folder: Path) -> None:
        out = cls.files.pop(folder, None)
        if out is not None:
            out.close()


def commit_docs(cache_dir: Path | None, pending: Path | None) -> None:
    """Make the DocCache folder of a published site the one the next run reads."""
    if cache_dir is None or pending is None:
        return
    current = cache_dir / DOCS_DIR
    try:
        if current.exists():
            old = Path(tempfile.mkdtemp(prefix=OLD_DOCS_PREFIX, dir=cache_dir))
            current.rename(old / "x")
            pending.rename(current)
            shutil.rmtree(old, ignore_errors=True)
        else:
            pending.rename(current)
    except OSError:
        discard_docs(pending)
    else:
        folders.release(pending)


def discard_docs(pending: Path | None) -> None:
    if pending is not None:
        _DocParts.close(pending)
        shutil.rmtree(pending, ignore_errors=True)
        folders.release(pending)


def index_site(
    site: Path, cache_dir: Path | None = None, published: Path | None = None
) -> SearchStats:
    """Index the rendered site at `site` in place (writes `cari/`).

    With `cache_dir`, pages unchanged since the last indexing are not parsed
    again; the stats name the new cache folder, for `commit_docs`. With
    `published` too (the folder of the published site, which unchanged pages
    were linked from; `site` itself when a site is indexed in place), the
    index published there is updated when the pages are the same ones as then
    (`_update`): only what the changed pages touch is written again, the rest
    linked from it (or left in place). Else, or when anything does not fit
    (no state, another generator, the published index not the one the state
    describes), the index is written whole. Either way the bytes are the same.
    """
    started = time.perf_counter()
    site = Path(site)
    docs = DocCache(cache_dir)
    try:
        paths = _pages(site)
        stats = None
        if published is not None and docs.state is not None:
            try:
                stats = _update(site, Path(published), paths, docs)
            except Exception:  # the published index is not what the state says: write it whole
                stats = None
        if stats is None:
            stats = _index_whole(site, paths, docs)
    except BaseException:
        docs.close()
        discard_docs(docs.pending)
        raise
    docs.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _index_whole(site: Path, paths: list[str], docs: DocCache) -> SearchStats:
    """Index every page (those unchanged from their Docs in the DocCache)."""
    writer = IndexWriter(site / SEARCH_DIR)
    frequency: Counter[str] = Counter()  # pages each word is on
    in_index: set[str] = set()
    parsed = 0
    keys = array("Q")
    where = array("q")
    parts: dict[str, int] = {}
    indexed = bytearray()
    for batch, words, fresh, views in _batches(site, paths, writer.staging, docs):
        writer.merge(batch)
        frequency.update(words)
        in_index.update(batch.roots)
        parsed += fresh
        for key, place, has in views:
            keys.extend(key or _NO_KEY)
            if place is None:
                where.extend((-1, 0, 0))
            else:
                where.extend((parts.setdefault(place[0], len(parts)), place[1], place[2]))
            indexed.append(has)
    if docs.pending is not None:
        _DocParts.close(docs.pending)  # when the pages were read here
    writer.write()
    folder = site / SEARCH_DIR
    roots = sorted(in_index)
    words = [w for w, _ in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0]))]
    (folder / ROOTS_FILE).write_bytes(_lines(roots))
    (folder / WORDS_FILE).write_bytes(_lines(words))
    index = {
        "manifest": (folder / MANIFEST).read_bytes(),
        "indexed": indexed,
        "digests": dict(writer.digests),
        "counts": dict(frequency),
        "words": words,
        "roots": roots,
        "refs": dict(writer.refs),
    }
    docs.finish(paths, keys, where, list(parts), index)
    reused = docs.state is not None
    return SearchStats(writer.pages, len(roots), len(words), 0.0, parsed, docs.pending, reused)


def _update(site: Path, published: Path, paths: list[str], docs: DocCache) -> SearchStats | None:
    """Update the index published in `published` to the pages of `site` (IndexUpdate),
    when they are the pages it was written for, in the same places, and not too
    many of them changed (UPDATE_SHARE, UPDATE_CHANGES); None when that does not fit.

    A changed page is one whose file is not the one its Doc was read from (an
    inode, size or time of its own). Its old Doc (from the DocCache) and its
    new one give what changed; a page written again the same gives nothing.
    """
    state = docs.state
    index = state["index"] if state is not None else None
    if state is None or index is None or paths != state["paths"]:
        return None
    source = published / SEARCH_DIR
    try:
        manifest = (source / MANIFEST).read_bytes()
    except OSError:
        return None
    if manifest != index["manifest"]:
        return None  # another index than the one the state describes
    top = os.fspath(site)
    keys = array("Q")
    for rel in paths:
        keys.extend(_key(f"{top}/{rel}") or _NO_KEY)
    changed = _changed(keys, state["keys"])
    if len(changed) > max(PARALLEL_FROM, len(paths) // UPDATE_SHARE):
        return None
    update = IndexUpdate(source, manifest, index["refs"], index["digests"])
    indexed = bytearray(index["indexed"])
    plain: Counter[str] = Counter()  # the change in the pages each word is on
    fresh: list[tuple[int, bytes]] = []  # pages whose Doc changed, and its bytes
    for number in changed:
        blob = docs.blob(number)
        if blob is None:
            return None
        old = pickle.loads(blob)
        rel = paths[number]
        text = _marked_text(f"{top}/{rel}")
        new = None if text is None else _indexer().document(text, rel[: -len("index.html")])
        new_blob = pickle.dumps(new, protocol=pickle.HIGHEST_PROTOCOL)
        if new_blob == blob:
            continue  # written again the same
        fresh.append((number, new_blob))
        update.page(number, old, new)
        if update.changes > UPDATE_CHANGES:
            return None
        indexed[number] = new is not None
        before = {w for w in old.plain if len(w) > 1} if old is not None else set()
        after = {w for w in new.plain if len(w) > 1} if new is not None else set()
        plain.update(after - before)
        plain.subtract(before - after)
    update.prepare(indexed.rfind(1) + 1, indexed.count(1))
    counts = dict(index["counts"])
    words = list(index["words"])
    _reorder(words, counts, plain)
    roots = list(index["roots"])
    for root in update.roots_removed:
        at = bisect.bisect_left(roots, root)
        if at == len(roots) or roots[at] != root:
            raise ValueError(f"root {root!r} not in the index")
        del roots[at]
    for root in update.roots_added:
        at = bisect.bisect_left(roots, root)
        if at < len(roots) and roots[at] == root:
            raise ValueError(f"root {root!r} in the index already")
        roots.insert(at, root)
    files = {ROOTS_FILE: _lines(roots), WORDS_FILE: _lines(words)}
    manifest = update.write(site / SEARCH_DIR, files)
    stats = SearchStats(
        indexed.count(1), len(roots), len(words), 0.0, len(changed), docs.pending, True, True
    )
    # The index is written: from here on only the DocCache's new folder.
    if docs.pending is None:
        return stats
    where = array("q", state["where"])
    parts = list(state["parts"])
    if fresh:
        name = f"{docs.token}-{os.getpid()}-u{PART_SUFFIX}"
        try:
            with open(docs.pending / name, "wb") as out:
                for number, blob in fresh:
                    place = array("q", (len(parts), out.tell(), len(blob)))
                    where[3 * number : 3 * number + 3] = place
                    out.write(blob)
        except OSError:
            return stats  # a folder without a state: the next run indexes whole
        parts.append(name)
    state_index = {
        "manifest": manifest,
        "indexed": indexed,
        "digests": update.digests,
        "counts": counts,
        "words": words,
        "roots": roots,
        "refs": {name: count for name, count in update.refs.items() if count > 0},
    }
    docs.finish(paths, keys, where, parts, state_index)
    return stats


_MASK = (1 << 64) - 1
_NO_KEY = (_MASK, _MASK, _MASK)  # a file that could not be looked at


def _key(path: str) -> tuple[int, int, int] | None:
    """What tells a page's file from another: (inode, size, mtime), as unsigned 64-bit
    numbers (an array of them in the state); None when it cannot be looked at."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino & _MASK, st.st_size, st.st_mtime_ns & _MASK)


def _changed(keys: array, old: array) -> list[int]:
    """The numbers of the pages whose keys (three numbers a page) differ."""
    if keys == old:
        return []
    new_bytes, old_bytes = keys.tobytes(), old.tobytes()
    width = 3 * keys.itemsize
    block = 256 * width
    found = []
    for start in range(0, len(new_bytes), block):
        if new_bytes[start : start + block] != old_bytes[start : start + block]:
            end = min(start + block, len(new_bytes))
            for at in range(start, end, width):
                if new_bytes[at : at + width] != old_bytes[at : at + width]:
                    found.append(at // width)
    return found


def _reorder(words: list[str], counts: dict[str, int], change: Counter[str]) -> None:
    """Apply `change` to `counts` (word -> pages) and keep `words` in kata.txt's order
    (most pages first, then alphabetical)."""

    def key(word: str) -> tuple[int, str]:
        return (-counts[word], word)

    moved = [word for word, delta in change.items() if delta]
    for word in moved:
        if word in counts:
            at = bisect.bisect_left(words, key(word), key=key)
            if at == len(words) or words[at] != word:
                raise ValueError(f"word {word!r} out of place")
            del words[at]
    for word in moved:
        count = counts.get(word, 0) + change[word]
        if count < 0:
            raise ValueError(f"word {word!r} on fewer than no pages")
        if count:
            counts[word] = count
        else:
            counts.pop(word, None)
    for word in moved:
        if word in counts:
            bisect.insort(words, word, key=key)


def _lines(items: list[str]) -> bytes:
    """akar.txt and kata.txt: one item a line."""
    return ("\n".join(items) + "\n").encode("utf-8")


# Pages are read and parsed by worker processes, CHUNK pages at a time, when
# there are more than this many (a pool costs about 0.1 s to start).
PARALLEL_FROM = 400
CHUNK = 12 * PAGES_PER_FILE  # a result file is written by one worker
EXCERPT_WORDS = 30  # the summary of a page without one: its first words


def _batches(
    site: Path, paths: list[str], staging: Path, docs: DocCache
) -> Iterator[tuple[Batch, Counter, int, list]]:
    """The pages that carry MARKER, a Batch (the pages each word is on, how many
    were parsed, and where each page's Doc is: `_read_chunk`) per CHUNK paths; the
    pages' Docs go to the DocCache's new parts.

    A page's number is its place in `paths`; its file is written into
    `staging` by the process that reads it, which also builds the batch's
    posting arrays: the parent only concatenates them.
    """
    workers = min(2, os.cpu_count() or 1)
    known = docs.known()
    jobs = []
    for i in range(0, len(paths), CHUNK):
        chunk = paths[i : i + CHUNK]
        cached = [known.get(rel) for rel in chunk] if known else None
        jobs.append((site, staging, i, chunk, cached, docs.pending, docs.token, docs.fds))
    if workers < 2 or len(paths) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        yield from map(_read_chunk, jobs)
        return
    with fork_pool(workers) as pool:  # forked: the DocCache's open parts are theirs too
        yield from pool.imap(_read_chunk, jobs)


def _read_chunk(job: tuple) -> tuple[Batch, Counter, int, list]:
    """Read a chunk of pages: (batch, the pages each word is on, pages parsed, and per
    page its file's (inode, size, mtime) or None, where its Doc's bytes are
    in the DocCache: (part, offset, length) or None, and whether it is indexed)."""
    site, staging, start, paths, known, parts, token, fds = job
    indexer = _indexer()
    batch = Batch()
    words: Counter[str] = Counter()
    docs = []
    views = []
    parsed = 0
    top = os.fspath(site)
    for offset, rel in enumerate(paths):
        number = start + offset
        path = f"{top}/{rel}"
        # Stat before reading: a file replaced in between is a new inode next time.
        key = _key(path)
        cached = known[offset] if known else None
        place = None
        if cached is not None and key is not None and cached[:3] == key:
            try:
                doc = pickle.loads(_pread(fds[cached[3]], cached[5], cached[4]))
                place = cached[3:]
            except Exception:  # a part damaged or gone: the page is read again
                place = None
        if place is None:
            parsed += 1
            text = _marked_text(path)
            url = rel[: -len("index.html")]  # "" for the home page, else "a/b/"
            doc = None if text is None else indexer.document(text, url)
            if key is not None and parts is not None:
                blob = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
                place = _DocParts.write(parts, token, blob)
        views.append((key, place, doc is not None))
        if doc is not None:
            batch.add(number, doc)
            docs.append((number, doc))
            words.update(w for w in doc.plain if len(w) > 1)
    batch.digests = write_pages(staging, docs)
    if parts is not None:
        _DocParts.flush(parts)
    return batch, words, parsed, views


@cache
def _indexer() -> _Indexer:
    return _Indexer()


def _marked_text(path: str, block: int = 1 << 16) -> str | None:
    """The page's text if it carries MARKER, else None; read a block at a time.

    List pages can be large (the schedule archive of a 10,000-module catalog
    is 10 MB) and are not indexed: read whole, one of them was most of the
    memory the step used. In record pages the marker is in the first block.
    """
    marker = MARKER.encode()
    with open(path, "rb") as f:
        head = f.read(block)
        if marker in head:
            return (head + f.read()).decode("utf-8")
        tail = head[-len(marker) :]
        while chunk := f.read(block):
            if marker in tail + chunk:
                f.seek(0)
                return f.read().decode("utf-8")
            tail = chunk[-len(marker) :]
    return None


def _pages(site: Path) -> list[str]:
    """Every index.html below `site` (not in folders named SEARCH_DIR or "assets", nor
    through links to folders), as paths relative to it, in the order of their
    folders' names (scandir and strings: Path objects were a fifth of a rebuild's
    indexing at 10,000 modules, os.walk a third of the rest)."""
    found = []
    top = os.fspath(site)
    todo = [""]
    skipped = (SEARCH_DIR, "assets")
    while todo:
        rel = todo.pop()
        page = False
        try:
            with os.scandir(f"{top}/{rel}" if rel else top) as entries:
                for entry in entries:
                    name = entry.name
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        if name not in skipped and not entry.is_symlink():
                            todo.append(f"{rel}/{name}" if rel else name)
                    elif name == "index.html":
                        page = True
        except OSError:
            continue
        if page:
            found.append(f"{rel}/index.html" if rel else "index.html")
    return sorted(found, key=lambda rel: rel.split("/"))


def fold(text: str) -> str:
    """Lower case without accents (the browser folds queries the same way)."""
    text = text.lower()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class _Indexer:
    """Turns a rendered page into the index's view of it (a Doc)."""

    def __init__(self) -> None:
        self.stem = _stemmer()
        self.dictionary = _dictionary()
        self._roots: dict[str, str | None] = {}

    def root(self, word: str) -> str | None:
        """The word's dictionary root (maybe the word itself), or None."""
        try:
            return self._roots[word]
        except KeyError:
            pass
        root: str | None = base_root(word, self.stem, self.dictionary)
        if root in FUNCTION_ROOTS or root not in self.dictionary:
            root = None
        self._roots[word] = root
        return root

    def document(self, page: str, url: str) -> Doc | None:
        body = main_content(page)
        if body is None:
            return None
        extra = schedule_words(body)  # before the schedules are cut out
        extra += (word for word in fact_words(body) if word not in extra)
        if is_free(body):
            extra.append(FREE_WORD)
        kinds: list[str] = []
        body = drop_repeated_items(mark_labels(omit_sections(body)))
        marker = _ignored(body, 0)
        fields: list[tuple[str, str, str]] = []
        if marker is not None and MARKER in marker[0]:
            end = _element_end(body, marker[1], marker.end())[1]
            fields = _FIELD_RE.findall(body, marker.start(), end)
        body = strip_ignored(body)
        meta: dict[str, str] = {}
        filters: list[tuple[str, str]] = []
        summary = ""
        names: list[str] = []
        for kind, key, text in fields:
            if ":" in key:
                key, text = key.split(":", 1)
            value = " ".join(html.unescape(text).split())
            if kind == "filter":
                if value:
                    filters.append((key, value))
                    if key == KIND_FILTER:
                        kinds.append(value)
                        meta[key] = value
                    elif key in INDEXED_FILTERS:
                        extra.append(value)
            elif key in RESULT_META and value:
                meta[key] = value
                if key == JP_META and value.isdigit():
                    extra.append(f"{value} jp")
                elif key == PARTNER_META:
                    extra.append(value)
            elif key == SUMMARY_META:
                summary = value
            elif key == NAME_META and (name := name_key(value)):
                names.append(name)
        title, text, weighted = weighted_text(body, text=not summary)
        weighted[1] = " ".join((weighted.get(1, ""), *extra))
        if kinds:
            weighted[KIND_WEIGHT] = " ".join((weighted.get(KIND_WEIGHT, ""), *kinds))
        # A word's weight on the page: the sum of its occurrences' weights (a word
        # of weight w counted w times, by Counter's C loop).
        counts: Counter[str] = Counter()
        for weight, part in weighted.items():
            tokens = _tokens(part, phrases=True)
            counts.update(tokens * weight if weight != 1 else tokens)
        # The record's address ("perizinan-oss-rba", "integritas-antikorupsi"): its
        # words are often abbreviations the text does not spell out. Those the text
        # has are not counted again: the address mostly repeats the title, and
        # a title word found twice outweighed a title word plus a mention.
        # Its hyphens separate words: the address is not also indexed written solid
        # ("pelayananpublik": search.js splits such a query into its words). An
        # address cut short ("...-modal-dan-pelayana") ends in a piece of a word
        # of the text: that piece is no word ("pelayana publik" would find only
        # that page).
        address = _address_tokens(url)
        if address and address[-1] not in counts and any(w.startswith(address[-1]) for w in counts):
            address.pop()
        counts.update(w for w in address if w not in counts)
        words = dict(counts)
        plain = [w for w in words if w.isalpha() or ("-" in w and _WORD_RE.fullmatch(w))]
        known = self._roots
        roots: dict[str, int] = {}
        for word in plain:
            root = known[word] if word in known else self.root(word)
            if root is not None:
                roots[root] = roots.get(root, 0) + words[word]
        return Doc(
            url=url,
            title=title or url,
            summary=summary or " ".join(text.split()[:EXCERPT_WORDS]),
            meta=meta,
            filters=sorted(set(filters)),
            words=words,
            roots=roots,
            plain=plain,
            names=names,
        )


def name_key(text: str) -> str:
    """The key of a name in the index: its words folded, without the function words
    a query may leave out (QUERY_STOPWORDS), once each and sorted. search.js
    `nameKey` makes the same key of a query, so "Pengelolaan Arsip", "pengelolaan
    arsip" and "arsip pengelolaan" all name the page."""
    words = _TOKEN_RE.findall(fold(text))
    content = [w for w in words if w not in QUERY_STOPWORDS] or words
    return " ".join(sorted(set(content)))


def _address_tokens(url: str) -> list[str]:
    """The words of a record's address: its last segment whole ("perizinan-oss-rba")
    and then its parts, the last piece last."""
    tokens = _TOKEN_RE.findall(fold(url.rstrip("/").rpartition("/")[2]))
    return tokens + [piece for token in tokens if "-" in token for piece in token.split("-")]


def _tokens(text: str, *, phrases: bool = False) -> list[str]:
    """The words of some text as the index holds them: folded, and a hyphenated
    word also as its parts and written solid (search.js `words` reads queries
    the same way); with `phrases`, also the GLOSS_PHRASES it has (`phrase_terms`)."""
    tokens = _TOKEN_RE.findall(fold(text))
    pieces = [
        piece
        for token in tokens
        if "-" in token
        for piece in (*token.split("-"), token.replace("-", ""))
    ]
    found = phrase_terms(tokens, hyphens=bool(pieces)) if phrases else []
    return tokens + pieces + found if pieces or found else tokens


@cache
def _phrase_table() -> dict[str, tuple[tuple[str, ...], ...]]:
    """GLOSS_PHRASES by their first word, as tuples of words."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in GLOSS_PHRASES:
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append(words)
    return {first: tuple(found) for first, found in table.items()}


def phrase_terms(tokens: list[str], *, hyphens: bool = True) -> list[str]:
    """The GLOSS_PHRASES whose words follow each other in `tokens` (a hyphenated
    word counts as its parts: "sosial-kultural"; PHRASE_JOINERS between them
    are skipped), once per occurrence. `hyphens=False`: no token has a hyphen."""
    table = _phrase_table()
    if hyphens:
        tokens = [w for t in tokens for w in t.split("-")]
    if table.keys().isdisjoint(tokens):
        return []
    words = [w for w in tokens if w not in PHRASE_JOINERS]
    found = []
    for i, word in enumerate(words):
        for phrase in table.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.append(" ".join(phrase))
    return found


def base_root(word: str, stem: Any, dictionary: Any) -> str:
    """The word's root: Sastrawi's (`stem`), or for a compound outside the dictionary
    the root of its rest (COMPOUND_PREFIXES), then without a loan suffix
    (LOAN_SUFFIXES). stem.js `rooter` does the same with the index's roots."""
    root = stem(word) or word
    if root not in dictionary:
        for prefix in COMPOUND_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                rest = base_root(word[len(prefix) :], stem, dictionary)
                if rest in dictionary:
                    return rest
        # A loan word with a particle or pronoun ("akuntabilitasnya"): with only
        # the index's roots the stemmer keeps it whole.
        bare = _POSSESSIVE_RE.sub("", _PARTICLE_RE.sub("", word))
        if bare != word and loan_root(bare, dictionary) != bare:
            return loan_root(bare, dictionary)
    return loan_root(root, dictionary)


_PARTICLE_RE = re.compile(r"(lah|kah|tah|pun)$")
_POSSESSIVE_RE = re.compile(r"(ku|mu|nya)$")


def loan_root(root: str, dictionary: Any) -> str:
    """`root` without a loan suffix when that leaves a dictionary word (LOAN_SUFFIXES)."""
    if root in LEXICAL_LOANS:
        return root
    for suffix, replacement in LOAN_SUFFIXES:
        if root.endswith(suffix):
            base = root[: -len(suffix)] + replacement
            if len(base) >= 4 and base in dictionary:
                return base
    return root


def weighted_text(body: str, *, text: bool = True) -> tuple[str, str, dict[int, str]]:
    """(title, text after the title, {weight: text}) of an element's HTML.

    The title is the first <h1>; block elements separate words, inline ones
    do not. Headings weigh HEADING_WEIGHTS, `data-pagefind-weight` sets an
    element's weight, text weighs 1 elsewhere. With `text=False` the text
    after the title is left empty (a page with a summary needs no excerpt).

    Whole runs of markup are turned into text by two regular expressions
    (`_plain`); only the elements that weigh differently from their parent
    are visited one by one (`_weigh`): a few headings on a record page.
    """
    body = _lower_tags(body)
    runs: dict[int, list[str]] = {1: []}
    _weigh(body, 1, runs)
    title = ""
    rest = body
    first = _HEADING_RE.search(body)
    while first is not None and first[1] != "h1":
        first = _HEADING_RE.search(body, first.end())
    if first is not None:
        close, end = _element_end(body, first[1], first.end())
        title = " ".join(_plain(body[first.end() : close]).split())
        rest = body[: first.start()] + " " + body[end:]
    return (
        title,
        " ".join(_plain(rest).split()) if text else "",
        {weight: " ".join(run) for weight, run in runs.items()},
    )


def _weigh(html_text: str, weight: int, runs: dict[int, list[str]]) -> None:
    """Add the text of `html_text` to `runs[weight]`, and the text of each element in
    it that weighs otherwise (a heading, `data-pagefind-weight`) to its own weight.

    An element that weighs otherwise stands apart from the words around it, as
    the text of a new weight does in the browser's reading of the page.
    """
    pattern = _WEIGHTED_RE if _WEIGHT_ATTR in html_text else _HEADING_RE
    parts = []
    pos = 0
    for m in pattern.finditer(html_text):
        if m.start() < pos:
            continue  # inside an element already weighed
        tag = m[1] or m[2]
        if tag in VOID_TAGS or m[0][:-1].rstrip().endswith("/"):
            continue
        own = HEADING_WEIGHTS.get(tag, weight)
        found = _WEIGHT_RE.search(m[0])
        if found and found[1].count(".") <= 1 and found[1] != ".":
            own = max(1, round(float(found[1])))
        if own == weight:
            continue  # its text is its parent's; elements inside it are met next
        close, end = _element_end(html_text, tag, m.end())
        parts.append(html_text[pos : m.start()])
        _weigh(html_text[m.end() : close], own, runs)
        pos = end
    parts.append(html_text[pos:])
    runs.setdefault(weight, []).append(_plain(" ".join(parts)))


def _lower_tags(html_text: str) -> str:
    """The HTML with its tag names in lower case (ours always are)."""
    if _UPPER_TAG_RE.search(html_text) is None:
        return html_text
    return _TAG_NAME_RE.sub(lambda m: m[1] + m[2].lower(), html_text)


def _plain(html_text: str) -> str:
    """The text of some HTML: inline tags and comments dropped, other tags a space."""
    return html.unescape(_BLOCK_RE.sub(" ", _INLINE_RE.sub("", html_text)))


def main_content(page: str) -> str | None:
    """The element marked `data-pagefind-body`, found by counting <div> tags.

    Record text is escaped and sanitized Markdown has no <div>, so the divs in
    our pages are the templates' own and always balanced.
    """
    at = page.find(_BODY_ATTR)
    while at != -1:
        # The attribute's tag starts at the "<" before it (text has no raw "<").
        start = _BODY_RE.match(page, max(0, page.rfind("<", 0, at)))
        if start is not None:
            break
        at = page.find(_BODY_ATTR, at + 1)
    else:
        return None
    depth = 0
    for tag in _DIV_RE.finditer(page, start.start()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return page[start.start() : tag.end()]
    return None


def is_free(body: str) -> bool:
    """Whether the fee in the page's facts list (FEE_LABEL) says the record is free."""
    m = _FEE_RE.search(body)
    return m is not None and _FREE_RE.search(html.unescape(_TAG_RE.sub(" ", m[1]))) is not None


def fact_words(body: str) -> list[str]:
    """The addresses in the page's facts list (PLACE_LABELS: the line under a
    host unit's or venue's name, or a partner's address) and the months of its
    period (PERIOD_LABEL, as `schedule_words` gives them), once each."""
    if "kk-facts" not in body:
        return []
    found: dict[str, None] = {}
    for label, value in _PLACE_RE.findall(body):
        if label == PERIOD_LABEL:
            dates = _dated_months(html.unescape(_TAG_RE.sub(" ", value)))
            for month, year in dates + _months_between(dates):
                found.setdefault(month, None)
                if year:
                    found.setdefault(year, None)
                    found.setdefault(month + year, None)
            continue
        small = _SMALL_TEXT_RE.search(value)
        if small is not None:
            value = small[1]
        elif label != ADDRESS_LABEL:
            continue  # a name only
        place = " ".join(html.unescape(_TAG_RE.sub(" ", value)).split())
        if place:
            found[place] = None
    return list(found)


def schedule_words(body: str) -> list[str]:
    """The month names (with their years) and the addresses in the page's schedule
    sections (SCHEDULE_SECTIONS, from the heading to the next <h2>), in order,
    once each.

    The months are those the offerings and meetings run in: an offering's
    months between its first and its last ("6 April 2026 – 26 Juni 2026" runs
    in Mei too), not the registration periods. A month with its year is also
    one word ("mei2026"): search.js reads "Mei 2026" (and "bulan depan") so,
    which the month and the year of two different offerings do not match.

    A section that lists other records' offerings (a titled entry each: the
    partner page's "Angkatan mendatang") is not the page's own schedule.
    """
    found: dict[str, None] = {}
    for m in _SCHEDULE_RE.finditer(body):
        nxt = _H2_RE.search(body, m.end())
        section = body[m.end() : nxt.start() if nxt else len(body)]
        if "<h3" in section:
            continue  # other records' offerings, one titled entry each (a partner's)
        # A table's time cells (each offering's dates, its sessions'), else the
        # whole section (a forum's list of meetings); not the registration cells.
        cells = _cells(section, TIME_LABEL)
        texts = [section[start:end] for _, start, end, _ in cells] if cells else [section]
        for text in texts:
            dates = _dated_months(_TAG_RE.sub(" ", text))
            for month, year in dates + (_months_between(dates) if cells else []):
                found.setdefault(month, None)
                if year:
                    found.setdefault(year, None)
                    found.setdefault(month + year, None)
        # Where the offerings take place: the venue's address and city ("Jl.
        # Universitas No. 9, Padang Bulan, Medan Baru, Medan"), what an ASN looks
        # for next to a topic. Not the venue's name: "Ruang Seminar", "Lab
        # Jaringan" would answer queries about seminars or networks.
        for address in _ADDRESS_RE.findall(section):
            place = " ".join(_TAG_RE.sub(" ", address).split())
            if place:
                found[html.unescape(place)] = None
    return list(found)


def _cells(html_text: str, label: str) -> list[tuple[int, int, int, int]]:
    """The table cells of `html_text` whose data-label is `label`: (start of the
    start tag, start of the content, end of the content, end of the end tag)."""
    marker = f'data-label="{label}"'
    found = []
    at = html_text.find(marker)
    while at != -1:
        start = html_text.rfind("<td", 0, at)
        content = html_text.find(">", at) + 1
        end = html_text.find("</td>", content)
        if start == -1 or not content or end == -1:
            break
        found.append((start, content, end, end + len("</td>")))
        at = html_text.find(marker, end)
    return found


def _dated_months(text: str) -> list[tuple[str, str]]:
    """The (month, year) of each month name in `text`, in lower case, in order; a
    month written without its year ("6 April – 26 Juni 2026") has the year of the
    next month that has one, or "" when none follows."""
    found = [(month.lower(), year) for month, year in _MONTH_RE.findall(text)]
    year = ""
    for i in range(len(found) - 1, -1, -1):
        if found[i][1]:
            year = found[i][1]
        else:
            found[i] = (found[i][0], year)
    return found


def _months_between(dates: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (month, year) after the first of `dates` and before the last, when
    both have a year and the span is under a year."""
    if len(dates) < 2 or not dates[0][1] or not dates[-1][1]:
        return []
    first = int(dates[0][1]) * 12 + MONTHS.index(dates[0][0])
    last = int(dates[-1][1]) * 12 + MONTHS.index(dates[-1][0])
    if not 1 < last - first < 12:
        return []
    return [(MONTHS[n % 12], str(n // 12)) for n in range(first + 1, last)]


def omit_sections(body: str) -> str:
    """Cut the OMITTED_SECTIONS out: each runs from its heading to the next <h2>."""
    m = _SECTION_RE.search(body)
    if m is None:
        return body
    parts = []
    pos = 0
    while m is not None:
        parts.append(body[pos : m.start()])
        nxt = _H2_RE.search(body, m.end())
        if nxt is None:
            pos = body.rfind("</div>")
            break
        pos = nxt.start()
        m = _SECTION_RE.search(body, pos)
    parts.append(body[pos:])
    return "".join(parts)


def drop_repeated_items(body: str) -> str:
    """Mark list items whose text an earlier item of the page already has.

    A module's topics are often listed in its description and again under
    "Pokok bahasan": the second copy finds no page the first does not, and
    indexing it costs time and index bytes and weighs the topics twice.
    """
    seen: set[str] = set()
    parts = []
    pos = 0
    for start, end in _items(body):
        item = body[start + 4 : end - 5]
        if "<" in item or "&" in item:
            item = html.unescape(_TAG_RE.sub(" ", item))
        text = " ".join(item.lower().split())
        if text in seen:
            parts.append(body[pos:start])
            parts.append("<li data-pagefind-ignore>")
            pos = start + 4  # after "<li>"
        else:
            seen.add(text)
    if not parts:
        return body
    parts.append(body[pos:])
    return "".join(parts)


def _items(body: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `<li>...</li>` holding no other list item, in order."""
    start = body.find("<li>")
    while start != -1:
        close = body.find("</li>", start + 4)
        if close == -1:
            return
        if _LI_OPEN_RE.search(body, start + 4, close) is None:
            yield start, close + 5
            start = body.find("<li>", close + 5)
        else:
            start = body.find("<li>", start + 1)


def mark_labels(body: str) -> str:
    """Add data-pagefind-ignore to the label elements (LABEL_TAGS, LABEL_CLASSES)
    and to the facts lines of a program's steps (STEPS_CLASS)."""
    ends = {m.end() for m in _LABEL_TAG_RE.finditer(body)}
    for m in _STEPS_RE.finditer(body):
        close = _element_end(body, "ol", m.end())[0]
        ends.update(s.end() for s in _SMALL_RE.finditer(body, m.end(), close))
    for m in _LABEL_CLASS_RE.finditer(body):
        before = body[m.start() - 1 : m.start()]
        if before.isalnum() or before == "_":
            continue  # not an attribute named class
        # The class belongs to the tag that starts at the "<" before it.
        start = body.rfind("<", 0, m.start())
        name = _NAME_RE.match(body, start + 1) if start != -1 else None
        if name is not None and ">" not in body[name.end() : m.start()]:
            ends.add(name.end())
    if not ends:
        return body
    parts = []
    pos = 0
    for end in sorted(ends):
        parts.append(body[pos:end])
        parts.append(" data-pagefind-ignore")
        pos = end
    parts.append(body[pos:])
    return "".join(parts)


def visible_text(body: str) -> str:
    """The text that is indexed: without elements marked data-pagefind-ignore."""
    return html.unescape(_TAG_RE.sub(" ", strip_ignored(body)))


def strip_ignored(body: str) -> str:
    """Leave out the elements marked `data-pagefind-ignore` (the search metadata too);
    a space where each was, so that the words around it stay apart."""
    parts = []
    pos = 0
    while (m := _ignored(body, pos)) is not None:
        parts.append(body[pos : m.start()])
        pos = _element_end(body, m[1], m.end())[1]
    if not parts:
        return body
    parts.append(body[pos:])
    return " ".join(parts)


def _ignored(body: str, pos: int) -> re.Match[str] | None:
    """The first start tag from `pos` on that carries `data-pagefind-ignore`."""
    at = body.find(_IGNORE_ATTR, pos)
    while at != -1:
        start = body.rfind("<", pos, at)
        m = _IGNORED_RE.match(body, start) if start != -1 else None
        if m is not None:
            return m
        at = body.find(_IGNORE_ATTR, at + 1)
    return None


def _element_end(body: str, tag: str, start: int) -> tuple[int, int]:
    """Where the element whose start tag ends at `start` closes: (start, end) of its
    end tag, or the end of `body` twice when it is not closed."""
    depth = 1
    for m in _tag_re(tag).finditer(body, start):
        depth += -1 if m[1] else 1
        if depth == 0:
            return m.start(), m.end()
    return len(body), len(body)


@cache
def _tag_re(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}\b[^>]*>")


@cache
def _sastrawi() -> tuple[Any, Any]:
    """PySastrawi's stemmer and its dictionary, built once from one word list.

    (StemmerFactory.create_stemmer as it is, but the dictionary kept: reading
    the word list a second time for `_dictionary` cost 4 MB.)
    """
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Cache.ArrayCache import ArrayCache
    from Sastrawi.Stemmer.CachedStemmer import CachedStemmer
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    dictionary = ArrayDictionary(StemmerFactory().get_words() + list(LEXICAL_ROOTS))
    return CachedStemmer(ArrayCache(), Stemmer(dictionary)).stem, dictionary


def _stemmer():
    return _sastrawi()[0]


class _Dictionary:
    """The dictionary roots, for `in` (Sastrawi's ArrayDictionary has `contains`)."""

    def __init__(self, words: Any) -> None:
        self._words = words

    def __contains__(self, word: object) -> bool:
        return bool(word) and self._words.contains(word)


def _dictionary() -> _Dictionary:
    return _Dictionary(_sastrawi()[1])
