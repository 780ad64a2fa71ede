"""The search index: Pagefind over each page's main content, with Indonesian roots.

A step of `kurikulum build`, run on the rendered site before it is swapped in:

1. Every page that `templates/pages/_search_meta.html` marks (`data-kk-cari`:
   modules, programs, internships, forums, partners) is indexed; list pages,
   the home page and competency pages are not, since they only repeat the
   records' own pages.
2. Of each page only its main content (the `data-pagefind-body` element) is
   indexed: the record's own text (title, summary, description, objectives,
   topics, audience, competencies). Field labels, section headings,
   breadcrumbs, the facts list (JP, method, mode, partner, fee: filters and
   result metadata already), instructors, schedules and lists of other
   records are left out (LABEL_TAGS, LABEL_CLASSES, OMITTED_SECTIONS), and so
   is a list item that repeats an earlier one (topics listed in the
   description and again under "Pokok bahasan"). What Pagefind would ignore
   is not even written into its copy. Less text per page is less Pagefind
   memory and time and smaller index chunks for the browser to load.
3. Each page's Sastrawi roots (pengembangan → kembang, kepemimpinan → pimpin)
   are added once, at the end of its indexed content, in the copy handed to
   Pagefind: the published page does not carry them, and the browser trims
   them from excerpts (their count is the `akar` meta field). Roots of
   function words (selama → lama, secara → cara: FUNCTION_ROOTS) are not.
4. Pagefind indexes these copies as Indonesian (`--force-language id`) into
   `pagefind/`, and `cari/akar.txt` (the dictionary roots present in the index,
   for the browser's stemmer) and `cari/kata.txt` (the indexed words, most
   frequent first, for "did you mean") are written beside it. The bundle is
   then made reproducible and its page list smaller (`make_reproducible`).

The Python API of Pagefind reads one reply per 0.1 s (16 minutes for 10,000
pages), so the bundled binary runs once on a folder of the prepared copies
(in memory, on tmpfs, where there is one).

Measured on a 10,000-module synthetic catalog (bench/search_size.py,
docs/benchmarks.md): Pagefind's own indexing (17-26 s, about 1 GB) and its
search time for words on thousands of pages (its scoring loops over every
matching page for every matching page) are the limits this step cannot
lower further without indexing less of each record's own text.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

PAGEFIND_DIR = "pagefind"
SEARCH_DIR = "cari"
ROOTS_FILE = "akar.txt"
WORDS_FILE = "kata.txt"
MARKER = "data-kk-cari"

# Elements whose text is a label or repeats other pages: kept out of the index.
LABEL_TAGS = ("dt", "h2", "thead", "caption", "nav", "button")
LABEL_CLASSES = ("kk-edit", "kk-table-wrap", "kk-cards", "kk-pager", "kk-calendar", "kk-facts")
# Page sections (from <h2 id=...> to the next <h2>) that list other records or
# dates rather than describe the page's own record: left out of the index.
OMITTED_SECTIONS = (
    "jadwal", "keterkaitan", "program", "pertemuan", "cara-mendaftar", "modul-terkait",
    "narahubung", "pengajar",
)  # fmt: skip

# Pagefind files the portal does not use (it has its own search box).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",  # search.js runs Pagefind in the page (noWorker)
    "wasm.unknown.pagefind",
)

_BODY_RE = re.compile(r"<div\b[^>]*\bdata-pagefind-body\b[^>]*>")
_DIV_RE = re.compile(r"<(/?)div\b[^>]*>")
_TAGS = "|".join(LABEL_TAGS)
_CLASSES = "|".join(LABEL_CLASSES)
_LABEL_RE = re.compile(
    rf"<(?:{_TAGS})(?=[\s>])|<[a-z][a-z0-9]*(?=\s[^>]*\bclass=\"(?:[^\"]*\s)?(?:{_CLASSES})[\s\"])"
)
_SECTION_RE = re.compile(r'<h2\b[^>]*\bid="({})"'.format("|".join(OMITTED_SECTIONS)))
_H2_RE = re.compile(r"<h2\b")
_IGNORED_RE = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>")
_TAG_RE = re.compile(r"<[^>]*>")
_LI_RE = re.compile(r"<li>((?:(?!<li\b).)*?)</li>", re.DOTALL)
_H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Roots of function words (selama -> lama, secara -> cara, sebagai -> bagai,
# setelah -> telah, setiap -> tiap, memperoleh -> oleh): they are not added to
# pages nor listed in cari/akar.txt, so the browser's stemmer leaves such words
# as typed. Added, they were four of the ten roots of a typical page, made
# "lama" or "cara" match nearly every page, and cost Pagefind memory.
FUNCTION_ROOTS = frozenset(
    ("bagai", "cara", "hadap", "lama", "oleh", "sebut", "telah", "tiap", "untuk")
)
# Result metadata the search box does not read. Pagefind indexes the words of
# every metadata field as well as the content, so the summary (`ringkasan`,
# already the page's lead paragraph) would be indexed twice: it is left out of
# the copy Pagefind reads.
UNUSED_META = ("ringkasan",)
_UNUSED_META_RE = re.compile(
    r'<span data-pagefind-meta="(?:{})">[^<]*</span>'.format("|".join(UNUSED_META))
)


@dataclass
class SearchStats:
    pages: int
    roots: int
    words: int
    seconds: float  # in all
    pagefind_seconds: float = 0.0  # of which Pagefind itself


class SearchIndexError(RuntimeError):
    pass


def index_site(site: Path, catalog: Any = None, reuse: Any = None) -> SearchStats:
    """Index the rendered site at `site` in place (adds pagefind/ and cari/).

    `reuse` (a `pagecache.SearchReuse`) links the published bundle instead of
    running Pagefind when the copies it would index are the same.
    """
    started = time.perf_counter()
    site = Path(site)
    indexer = _Indexer()
    work = Path(tempfile.mkdtemp(prefix=".kurikulum-cari-", dir=_scratch(site)))
    copies = hashlib.blake2b(digest_size=20)
    try:
        pages = 0
        for path in _pages(site):
            text = _marked_text(path)
            if text is None:
                continue
            doc = indexer.prepare(text)
            if doc is None:
                continue
            relative = path.relative_to(site)
            target = work / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(doc, encoding="utf-8")
            copies.update(f"{relative.as_posix()}\x00{len(doc)}\x00".encode())
            copies.update(doc.encode("utf-8", "surrogatepass"))
            pages += 1
        out = site / PAGEFIND_DIR
        shutil.rmtree(out, ignore_errors=True)
        pagefind_started = time.perf_counter()
        digest = copies.digest()
        if pages and not (reuse is not None and reuse.reuse(digest, PAGEFIND_DIR, site)):
            _run_pagefind(work, out)
            for name in _UNUSED:
                (out / name).unlink(missing_ok=True)
            make_reproducible(out)
            if reuse is not None:
                reuse.save_pending(digest, PAGEFIND_DIR, site)
        pagefind_seconds = time.perf_counter() - pagefind_started
        cari = site / SEARCH_DIR
        cari.mkdir(exist_ok=True)
        roots = sorted(indexer.dictionary_roots)
        words = sorted(indexer.frequency.items(), key=lambda kv: (-kv[1], kv[0]))
        (cari / ROOTS_FILE).write_text("\n".join(roots) + "\n", encoding="utf-8")
        (cari / WORDS_FILE).write_text("\n".join(w for w, _ in words) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return SearchStats(
        pages, len(roots), len(words), time.perf_counter() - started, pagefind_seconds
    )


_SCRATCH_MIN_FREE = 1 << 30


def _scratch(site: Path) -> Path:
    """Where the copies for Pagefind are written: memory (tmpfs) when there is one.

    Creating and deleting 11,000 small files on a disk costs seconds (14 s of a
    60 s indexing on a 10,000-module catalog, most of it in unlink); on tmpfs
    they cost little, and the copies (about 4 KB a page) are deleted at once.
    """
    shm = Path("/dev/shm")
    try:
        if os.access(shm, os.W_OK):
            free = os.statvfs(shm)
            # Only a roomy one (containers often have 64 MB): 50,000 pages
            # need about 130 MB.
            if free.f_bavail * free.f_frsize >= _SCRATCH_MIN_FREE:
                return shm
    except OSError:
        pass
    return site.parent


def _marked_text(path: Path, block: int = 1 << 16) -> str | None:
    """The page's text if it carries MARKER, else None; read a block at a time.

    List pages can be large (the schedule archive of a 10,000-module catalog
    is 10 MB) and are not indexed: read whole, one of them was most of the
    memory the step used. In record pages the marker is in the first block.
    """
    marker = MARKER.encode()
    with path.open("rb") as f:
        head = f.read(block)
        if marker in head:
            return (head + f.read()).decode("utf-8")
        tail = head[-len(marker) :]
        while chunk := f.read(block):
            if marker in tail + chunk:
                return path.read_text(encoding="utf-8")
            tail = chunk[-len(marker) :]
    return None


def _pages(site: Path) -> list[Path]:
    """Every index.html below `site` (os.walk: several times faster than rglob here)."""
    found = []
    for folder, dirs, files in os.walk(site):
        dirs[:] = [d for d in dirs if d not in (PAGEFIND_DIR, "assets")]
        if "index.html" in files:
            found.append(Path(folder) / "index.html")
    return sorted(found)


class _Indexer:
    """Turns a rendered page into the copy Pagefind indexes; collects words and roots."""

    def __init__(self) -> None:
        self.stem = _stemmer()
        self.dictionary = _dictionary()
        self.frequency: Counter[str] = Counter()  # pages each word appears on
        self.dictionary_roots: set[str] = set()
        self._words: dict[str, tuple[tuple[str, ...], str | None, str]] = {}
        self._snowball: dict[str, str] = {}
        self._snowball_stemmer = _snowball()

    def snowball(self, word: str) -> str:
        stem = self._snowball.get(word)
        if stem is None:
            stem = self._snowball[word] = self._snowball_stemmer.stemWord(word)
        return stem

    def root(self, word: str) -> str:
        return self.word(word)[1] or word

    def word(self, word: str) -> tuple[tuple[str, ...], str | None, str]:
        """(Snowball stems of the word and its parts, its root or None, the root's stem)."""
        known = self._words.get(word)
        if known is None:
            root = self.stem(word) or word
            if root in FUNCTION_ROOTS:
                root = word  # selama stays selama: "lama" would be on every page
            elif root in self.dictionary:
                self.dictionary_roots.add(root)
            stems = tuple({self.snowball(part) for part in (word, *word.split("-"))})
            other = None if root == word else root
            known = (stems, other, self.snowball(root) if other else "")
            self._words[word] = known
        return known

    def prepare(self, page: str) -> str | None:
        body = main_content(page)
        if body is None:
            return None
        body = drop_repeated_items(mark_labels(omit_sections(_UNUSED_META_RE.sub("", body))))
        body = strip_ignored(body)
        words = set(_WORD_RE.findall(visible_text(body).lower()))
        self.frequency.update(w for w in words if len(w) > 1)
        # A root is added only where Pagefind's own (Snowball) stemming does not
        # already file the page under it: pelayanan and layan both stem to
        # "layan", but pengembangan stems to "embang" and kembang to "kembang".
        stems: set[str] = set()
        candidates = []
        for w in words:
            word_stems, root, root_stem = self.word(w)
            stems.update(word_stems)
            if root is not None:
                candidates.append((root, root_stem))
        roots = {root for root, root_stem in candidates if root_stem not in stems}
        # Roots of title words weigh what the title weighs (Pagefind gives <h1> 7),
        # so that a page found through a root still ranks by where the word is.
        heading = _H1_RE.search(body)
        title = set(_WORD_RE.findall(html.unescape(heading[1]).lower())) if heading else set()
        in_title = sorted(roots.intersection(self.root(w) for w in title))
        others = sorted(roots.difference(in_title))
        added = f'<div data-kk-akar data-pagefind-meta="akar:{len(roots)}">' if roots else ""
        if in_title:
            added += f'<p data-pagefind-weight="7">{" ".join(in_title)}</p>'
        if others:
            added += f"<p>{' '.join(others)}</p>"
        if roots:
            added += "</div>"
        # Insert before the body element's closing tag.
        body = body[: body.rfind("</div>")] + added + "</div>"
        return (
            '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"></head>'
            f"<body>{body}</body></html>"
        )


def main_content(page: str) -> str | None:
    """The element marked `data-pagefind-body`, found by counting <div> tags.

    Record text is escaped and sanitized Markdown has no <div>, so the divs in
    our pages are the templates' own and always balanced.
    """
    start = _BODY_RE.search(page)
    if start is None:
        return None
    depth = 0
    for tag in _DIV_RE.finditer(page, start.start()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return page[start.start() : tag.end()]
    return None


def omit_sections(body: str) -> str:
    """Cut the OMITTED_SECTIONS out: each runs from its heading to the next <h2>."""
    while (m := _SECTION_RE.search(body)) is not None:
        nxt = _H2_RE.search(body, m.end())
        end = nxt.start() if nxt else body.rfind("</div>")
        body = body[: m.start()] + body[end:]
    return body


def drop_repeated_items(body: str) -> str:
    """Mark list items whose text an earlier item of the page already has.

    A module's topics are often listed in its description and again under
    "Pokok bahasan": the second copy finds no page the first does not, and
    indexing it costs Pagefind memory and time and the index bytes.
    """
    seen: set[str] = set()

    def once(m: re.Match[str]) -> str:
        text = " ".join(html.unescape(_TAG_RE.sub(" ", m[1])).lower().split())
        if text in seen:
            return "<li data-pagefind-ignore>" + m[1] + "</li>"
        seen.add(text)
        return m[0]

    return _LI_RE.sub(once, body)


def mark_labels(body: str) -> str:
    """Add data-pagefind-ignore to the label elements (LABEL_TAGS, LABEL_CLASSES)."""
    return _LABEL_RE.sub(lambda m: m[0] + " data-pagefind-ignore", body)


def visible_text(body: str) -> str:
    """The text Pagefind indexes: without elements marked data-pagefind-ignore."""
    parts = []
    pos = 0
    while (m := _IGNORED_RE.search(body, pos)) is not None:
        parts.append(body[pos : m.start()])
        pos = _element_end(body, m[1], m.end())
    parts.append(body[pos:])
    return html.unescape(_TAG_RE.sub(" ", " ".join(parts)))


def strip_ignored(body: str) -> str:
    """Leave out the elements Pagefind would ignore: a smaller copy to write and parse.

    The search metadata element (MARKER) stays: Pagefind reads its filters and
    metadata although their text is not indexed.
    """
    parts = []
    pos = 0
    while (m := _IGNORED_RE.search(body, pos)) is not None:
        end = _element_end(body, m[1], m.end())
        parts.append(body[pos : end if MARKER in m[0] else m.start()])
        pos = end
    parts.append(body[pos:])
    return "".join(parts)


def _element_end(body: str, tag: str, start: int) -> int:
    depth = 1
    for m in _tag_re(tag).finditer(body, start):
        depth += -1 if m[1] else 1
        if depth == 0:
            return m.end()
    return len(body)


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

    dictionary = ArrayDictionary(StemmerFactory().get_words())
    return CachedStemmer(ArrayCache(), Stemmer(dictionary)).stem, dictionary


def _stemmer():
    return _sastrawi()[0]


def _snowball():
    """Pagefind's stemmer for Indonesian (Snowball), to know which roots it misses."""
    import snowballstemmer

    return snowballstemmer.stemmer("indonesian")


class _Dictionary:
    """The dictionary roots, for `in` (Sastrawi's ArrayDictionary has `contains`)."""

    def __init__(self, words: Any) -> None:
        self._words = words

    def __contains__(self, word: object) -> bool:
        return bool(word) and self._words.contains(word)


def _dictionary() -> _Dictionary:
    return _Dictionary(_sastrawi()[1])


def _pagefind_command() -> list[str]:
    try:
        from pagefind.service import get_executable
    except ImportError:  # pragma: no cover - pagefind[bin] is a dependency
        return [sys.executable, "-m", "pagefind"]
    binary = get_executable()
    if binary is None:
        raise SearchIndexError(
            "Pagefind tidak ditemukan: pasang dengan `pip install 'pagefind[bin]'`."
        )
    return [str(binary)]


def _run_pagefind(source: Path, output: Path) -> None:
    cmd = [
        *_pagefind_command(),
        "--site",
        str(source),
        "--output-path",
        str(output),
        "--force-language",
        "id",
        "--silent",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind gagal membuat indeks pencarian:\n" + "\n".join(detail))


# ---------------------------------------------------------------- reproducible output
#
# Pagefind writes the values of each filter in hash-map order, so two runs on
# the same pages give different filter files (and hence file names, and a
# different metadata file): Pagefind issue 638. The files are gzipped CBOR
# after a `pagefind_dcd` signature; the values are sorted here and the files
# renamed after their content, so that two builds are byte for byte the same.

_SIGNATURE = b"pagefind_dcd"


def make_reproducible(bundle: Path) -> None:
    """Sort Pagefind's filter files, shorten fragment names, rename files by content.

    Every page's fragment name is listed in the metadata file that the first
    query loads: Pagefind's 10-character content hashes cost 6.5 bytes a page
    (74 KB at 11,000 pages). Fragments are renamed `<build>/<n>` instead, `n`
    in base 36 and `<build>` a hash of all fragments, so that a changed site
    gets new fragment URLs (safe to cache for ever, like Pagefind's own).
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = _read_cbor(path)
        values.sort(key=lambda item: item[0])
        data = _encode_cbor([name, values])
        lang = path.stem.split("_", 1)[0]
        new = f"{lang}_{hashlib.sha256(data).hexdigest()[:7]}"
        path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(_pack(data))
        renamed[path.stem] = new
    text = entry_path.read_text(encoding="utf-8")
    for lang, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_cbor(meta_path)
        _rename_fragments(bundle, meta[1])
        _flatten_lengths(meta[1])
        filters = meta[3]
        for item in filters:
            item[1] = renamed.get(item[1], item[1])
        filters.sort(key=lambda item: item[0])
        data = _encode_cbor(meta)
        new = f"{lang}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{new}.pf_meta").write_bytes(_pack(data))
        text = text.replace(f'"{info["hash"]}"', f'"{new}"')
    entry_path.write_text(text, encoding="utf-8")


def _flatten_lengths(pages: list) -> None:
    """Give every page the mean word count: a quarter less page list to download.

    The page list (loaded by the first query) holds each page's fragment name
    and word count; the counts, all different, cost 10 KB of its 38 KB gzipped
    at 11,000 pages. Pagefind uses them only to rank long pages lower (BM25
    length normalization); with equal counts a page ranks by how often and
    where (title, headings) it holds the words, as with `ranking.pageLength` 0.
    """
    if pages:
        mean = round(sum(count for _name, count in pages) / len(pages))
        for page in pages:
            page[1] = mean


def _rename_fragments(bundle: Path, pages: list) -> None:
    folder = bundle / "fragment"
    digest = hashlib.sha256()
    for name, _count in pages:
        digest.update(name.encode() + b"\n")
    build = digest.hexdigest()[:6]
    (folder / build).mkdir(exist_ok=True)
    for number, page in enumerate(pages):
        new = f"{build}/{_base36(number)}"
        (folder / f"{page[0]}.pf_fragment").rename(folder / f"{new}.pf_fragment")
        page[0] = new


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[number % 36]
    while number := number // 36:
        out = digits[number % 36] + out
    return out


def _read_cbor(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise SearchIndexError(f"{path.name}: not a Pagefind file of a known version")
    value, end = _decode_cbor(raw, len(_SIGNATURE))
    if end != len(raw) or _encode_cbor(value) != raw[len(_SIGNATURE) :]:
        raise SearchIndexError(f"{path.name}: unexpected Pagefind file layout")
    return value


def _pack(data: bytes) -> bytes:
    return gzip.compress(_SIGNATURE + data, compresslevel=9, mtime=0)


def _decode_cbor(buf: bytes, pos: int) -> tuple[Any, int]:
    """The CBOR subset Pagefind writes: integers, strings, arrays, maps, simple values."""
    head = buf[pos]
    major, info = head >> 5, head & 31
    pos += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos
        raise SearchIndexError("unexpected CBOR value in the Pagefind index")
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(buf[pos : pos + size], "big")
        pos += size
    else:
        raise SearchIndexError("unexpected CBOR length in the Pagefind index")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        chunk = buf[pos : pos + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode_cbor(buf, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _decode_cbor(buf, pos)
            value, pos = _decode_cbor(buf, pos)
            pairs.append((key, value))
        return _Map(pairs), pos
    raise SearchIndexError("unexpected CBOR type in the Pagefind index")


class _Map(list):
    """A CBOR map, its pairs kept in file order."""


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise SearchIndexError("CBOR value too large")


def _encode_cbor(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, _Map):
        return _cbor_head(5, len(value)) + b"".join(
            _encode_cbor(k) + _encode_cbor(v) for k, v in value
        )
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_encode_cbor(v) for v in value)
    raise SearchIndexError(f"cannot write {type(value).__name__} into the Pagefind index")
