"""The portal's own static search index: what `assets/search/search.js` reads.

Written by `generator.search.index_site` into `cari/` of the built site. It
replaces Pagefind's bundle, whose indexing took about 1 GB and 13-28 s at
10,000 modules (4.6 GB at 50,000) and whose search time grows with the square
of the pages a word is on (docs/benchmarks.md). Pages keep Pagefind's markup
(`data-pagefind-body`, `-ignore`, `-filter`, `-meta`, `-weight`), so running
Pagefind on a built site still works.

Layout (all names below `cari/`):

- `indeks.json` (read first, revalidated on every visit): the format version,
  the page numbers in use (`halaman`; a number of a page that is not indexed
  stays unused), the number of pages (`dokumen`), the folder of this build's page files, the dictionary
  shards ([first term, file], in term order) and the filter file.
- `kamus/k-<hash>.json`, a dictionary shard: `{"k": {word: [df, postings]},
  "a": {root: [df, postings]}, "n": {name: [df, postings]}}` for the words
  (found by prefix), the dictionary roots (found exactly) and the names
  (found exactly; "n" only in shards that have one) of one range of the
  sorted terms, about SHARD_BYTES; the manifest lists each shard's first
  term. A name is the exact name a page answers to (a competency's: see
  `generator.search.name_key`), so that the query naming it puts it first. `postings` is the
  posting list in base64 when it is short, else the name of a file
  `p/<hash>.bin` holding it.
- A posting list (binary): the pages holding the term, grouped by the
  term's weight on the page (the sum of the weights of its occurrences: 7 in
  the title, 1 in body text, `data-pagefind-weight` where set; rounded down
  to one of WEIGHT_STEPS). varint(number of groups), then per group
  varint(weight), a kind byte and the pages: kind 0, varint(count) and the
  gaps between page numbers (the first from -1); kind 1, a bitmap:
  varint(first byte), varint(byte count) and the bytes (bit i of byte b is
  page 8 * b + i). Each group takes the smaller of the two.
- `saring-<hash>.json`: per filter, its values with their page counts and
  posting lists (base64, every weight 1).
- `h/<build>/<n>.json`, the result data of pages PAGES_PER_FILE * n to
  PAGES_PER_FILE * (n + 1) - 1 (n in base 36): a list with, per page, null
  (not indexed) or its URL (relative to the site's root), title, result
  metadata and summary. `<build>` changes with any page, so that files can be
  cached for ever. Eight pages a file: a new file costs about 1 ms on the
  disks measured (most of the step's time with one file a page), and a
  result list of 10 loads about as many bytes as with one file a page.

Deterministic: the same pages give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

FORMAT_VERSION = 1
MANIFEST = "indeks.json"
SHARD_BYTES = 8 * 1024
INLINE_BYTES = 48
PAGES_PER_FILE = 8
# A term's weight on a page, rounded down to one of these: fewer groups per
# posting list (smaller files) at little cost to the ranking, which saturates
# with the weight anyway (BM25).
WEIGHT_STEPS = (1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 64)


@dataclass
class Doc:
    """One page as the index sees it."""

    url: str  # relative to the site root: "modul/usu/pelayanan-prima/"
    title: str
    summary: str  # shown under the title in results
    meta: dict[str, str]
    filters: list[tuple[str, str]]
    words: dict[str, int]  # word -> weight on the page
    roots: dict[str, int] = field(default_factory=dict)  # dictionary root -> weight
    plain: list[str] = field(default_factory=list)  # the words of letters (and hyphens)
    names: list[str] = field(default_factory=list)  # exact names (search.name_key)


class Batch:
    """Pages in increasing number order, as posting arrays; what a worker process sends.

    A page number may be skipped (a page that is not indexed), so that worker
    processes can number and write page files before the writer sees them.
    """

    def __init__(self) -> None:
        self.size = 0  # page numbers in use: the last one + 1
        self.pages = 0  # pages added
        self.first = -1  # the first page's number
        # term -> (pages, weights rounded down to WEIGHT_STEPS), in page order
        self.words: dict[str, tuple[array, array]] = {}
        self.roots: dict[str, tuple[array, array]] = {}
        self.names: dict[str, array] = {}
        self.filters: dict[str, dict[str, array]] = {}
        self.digests: list[tuple[int, bytes]] = []  # (result file number, digest)

    def add(self, number: int, doc: Doc) -> None:
        """Add page `number` (its result data is written by `write_pages`)."""
        if number < self.size:
            raise ValueError(f"page {number} after page {self.size - 1}")
        if not self.pages:
            self.first = number
        self.size = number + 1
        self.pages += 1
        steps = _STEP_OF
        top = len(steps) - 1
        for table, terms in ((self.words, doc.words), (self.roots, doc.roots)):
            for term, weight in terms.items():
                postings = table.get(term)
                if postings is None:
                    postings = table[term] = (array("I"), array("B"))
                postings[0].append(number)
                postings[1].append(steps[weight if weight < top else top])
        for name in doc.names:
            pages = self.names.get(name)
            if pages is None:
                pages = self.names[name] = array("I")
            if not pages or pages[-1] != number:
                pages.append(number)
        for name, value in doc.filters:
            values = self.filters.setdefault(name, {})
            pages = values.get(value)
            if pages is None:
                pages = values[value] = array("I")
            if not pages or pages[-1] != number:
                pages.append(number)


SEARCH_PAGE = "index.html"  # /cari/ itself, a page of the site beside the index


class IndexWriter(Batch):
    """Collects batches (their result files written by `write_pages`) and writes the index."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.staging = self.folder / "h" / ".baru"
        # What an earlier index left (in place, as the preview builds), but not the
        # search page (cari/index.html, from the page plan).
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name == SEARCH_PAGE:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        self.staging.mkdir(parents=True)

    def merge(self, batch: Batch) -> None:
        """Add a batch of pages numbered after the pages already here."""
        if not batch.pages:
            return
        if batch.first < self.size:
            raise ValueError(f"page {batch.first} after page {self.size - 1}")
        self.size = batch.size
        self.pages += batch.pages
        for table, more in ((self.words, batch.words), (self.roots, batch.roots)):
            for term, (pages, weights) in more.items():
                postings = table.get(term)
                if postings is None:
                    table[term] = (pages, weights)
                else:
                    postings[0].extend(pages)
                    postings[1].extend(weights)
        for name, pages in batch.names.items():
            if name in self.names:
                self.names[name].extend(pages)
            else:
                self.names[name] = pages
        for name, values in batch.filters.items():
            mine = self.filters.setdefault(name, {})
            for value, pages in values.items():
                if value in mine:
                    mine[value].extend(pages)
                else:
                    mine[value] = pages
        self.digests.extend(batch.digests)

    def write(self) -> dict[str, object]:
        """Write the dictionary, the posting files and the manifest; returns the manifest."""
        digest = hashlib.blake2b(digest_size=8)
        for number, page in self.digests:
            digest.update(number.to_bytes(4, "big") + page)
        build = digest.hexdigest()[:10]
        os.replace(self.staging, self.folder / "h" / build)
        (self.folder / "kamus").mkdir()
        (self.folder / "p").mkdir()
        entries: dict[str, dict[str, list]] = {}  # term -> {space: [df, postings]}
        for space, table in (("k", self.words), ("a", self.roots)):
            for term in sorted(table):
                pages, weights = table.pop(term)
                entry = [len(pages), self._store(encode_postings(pages, weights))]
                entries.setdefault(term, {})[space] = entry
        for name in sorted(self.names):
            pages = self.names[name]
            entries.setdefault(name, {})["n"] = [len(pages), _b64(encode_postings(pages, None))]
        shards = self._write_shards(entries)
        filters = {}
        for name in sorted(self.filters):
            values = self.filters[name]
            filters[name] = {
                value: [len(values[value]), _b64(encode_postings(values[value], None))]
                for value in sorted(values)
            }
        filter_file = _named(self.folder, "saring", _json(filters))
        manifest = {
            "versi": FORMAT_VERSION,
            "halaman": self.size,
            "dokumen": self.pages,
            "berkas": f"h/{build}/",
            "per_berkas": PAGES_PER_FILE,
            "kamus": shards,
            "saring": filter_file,
        }
        (self.folder / MANIFEST).write_bytes(_json(manifest))
        return manifest

    def _store(self, data: bytes) -> str:
        if len(data) <= INLINE_BYTES:
            return _b64(data)
        name = f"{hashlib.blake2b(data, digest_size=8).hexdigest()}.bin"
        path = self.folder / "p" / name
        if not path.exists():
            path.write_bytes(data)
        return name

    def _write_shards(self, entries: dict[str, dict[str, list]]) -> list[list[str]]:
        """Cut the sorted terms into shards of about SHARD_BYTES: [[first term, file]]."""
        shards: list[list[str]] = []
        content: dict[str, dict[str, list]] = {"k": {}, "a": {}}
        first = ""
        size = 0
        for term in sorted(entries):
            if size > SHARD_BYTES:
                shards.append([first, self._shard(content)])
                content = {"k": {}, "a": {}}
                size = 0
            if not size:
                first = term
            for space, entry in entries[term].items():
                content.setdefault(space, {})[term] = entry
                size += len(term) + len(entry[1]) + 12
        if size:
            shards.append([first, self._shard(content)])
        return shards

    def _shard(self, content: dict[str, dict[str, list]]) -> str:
        return _named(self.folder / "kamus", "k", _json(content), "kamus/")


def write_pages(staging: Path, pages: list[tuple[int, Doc]]) -> list[tuple[int, bytes]]:
    """Write the result files of `pages` (numbered, in order) into `staging`.

    Returns (file number, digest) per file written, for `Batch.digests`. The
    pages of one file must all be given in one call.
    """
    files: dict[int, list] = {}
    for number, doc in pages:
        slots = files.get(number // PAGES_PER_FILE)
        if slots is None:
            slots = files[number // PAGES_PER_FILE] = [None] * PAGES_PER_FILE
        slots[number % PAGES_PER_FILE] = {
            "url": doc.url,
            "title": doc.title,
            "meta": doc.meta,
            "summary": doc.summary,
        }
    written = []
    for file_number, slots in files.items():
        while slots[-1] is None:
            slots.pop()
        data = _json(slots)
        (staging / f"{base36(file_number)}.json").write_bytes(data)
        written.append((file_number, hashlib.blake2b(data, digest_size=16).digest()))
    return written


def encode_postings(pages: Sequence[int], weights: Sequence[int] | None) -> bytes:
    """The posting list format described in the module's docstring."""
    groups: dict[int, list[int]] = {}
    if weights is None:
        groups[1] = list(pages)
    else:
        steps = _STEP_OF
        top = len(steps) - 1
        found = {steps[w if w < top else top] for w in set(weights)}
        if len(found) == 1:
            groups[found.pop()] = list(pages)
        else:
            lists = {w: [] for w in set(weights)}
            for page, weight in zip(pages, weights, strict=True):
                lists[weight].append(page)
            for weight, members in lists.items():
                step = steps[weight if weight < top else top]
                groups[step] = sorted(groups.get(step, []) + members)
    out = bytearray(_varint(len(groups)))
    for weight in sorted(groups, reverse=True):
        members = groups[weight]
        out += _varint(weight)
        first, last = members[0] >> 3, members[-1] >> 3
        span = last - first + 1
        if span + 4 < len(members):  # denser than one page a byte: a bitmap is smaller
            bitmap = bytearray(span)
            for page in members:
                bitmap[(page >> 3) - first] |= 1 << (page & 7)
            out += b"\x01" + _varint(first) + _varint(span) + bitmap
        else:
            out += b"\x00" + _varint(len(members))
            previous = -1
            for page in members:
                gap = page - previous
                previous = page
                if gap < 0x80:
                    out.append(gap)
                else:
                    out += _varint(gap)
    return bytes(out)


def decode_postings(data: bytes) -> dict[int, int]:
    """Page -> weight (for tests and tools; the browser has its own decoder)."""
    pos = 0

    def varint() -> int:
        nonlocal pos
        value = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    found: dict[int, int] = {}
    for _ in range(varint()):
        weight = varint()
        kind = data[pos]
        pos += 1
        if kind == 0:
            page = -1
            for _ in range(varint()):
                page += varint()
                found[page] = weight
        else:
            first, count = varint(), varint()
            for b in range(count):
                byte = data[pos + b]
                for bit in range(8):
                    if byte >> bit & 1:
                        found[(first + b) * 8 + bit] = weight
            pos += count
    return found


def _step(weight: int) -> int:
    best = 1
    for step in WEIGHT_STEPS:
        if step > weight:
            break
        best = step
    return best


_STEP_OF = tuple(_step(w) for w in range(WEIGHT_STEPS[-1] + 1))


def _varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _named(folder: Path, stem: str, data: bytes, relative: str = "") -> str:
    """Write `data` as `<stem>-<hash>.json` (cacheable for ever); its name from cari/."""
    name = f"{stem}-{hashlib.blake2b(data, digest_size=5).hexdigest()}.json"
    (folder / name).write_bytes(data)
    return relative + name


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[number % 36]
    while number := number // 36:
        out = digits[number % 36] + out
    return out
