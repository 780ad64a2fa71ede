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

Deterministic: the same pages give the same bytes. `IndexWriter` writes an
index whole; `IndexUpdate` updates one written before to pages changed in
their places, to the same bytes.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import os
import shutil
from array import array
from collections import Counter
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
        self.refs: Counter[str] = Counter()  # posting file -> the entries naming it
        clear_index(self.folder)
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
        build = build_id(self.digests)
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
        manifest = make_manifest(self.size, self.pages, build, shards, filter_file)
        (self.folder / MANIFEST).write_bytes(_json(manifest))
        return manifest

    def _store(self, data: bytes) -> str:
        if len(data) <= INLINE_BYTES:
            return _b64(data)
        name = posting_file(data)
        self.refs[name] += 1
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


def clear_index(folder: Path) -> None:
    """Remove what an earlier index left in `folder` (in place, as the preview builds),
    but not the search page (cari/index.html, from the page plan)."""
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name == SEARCH_PAGE:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


class IndexUpdate:
    """The changes of some pages, applied to a written index (`source`, the `cari/`
    folder of the published site) by rewriting only what they touch.

    Page numbers do not move: a page changes, or stops or starts being
    indexed, in its place. Each term a changed page gains, loses or weighs
    otherwise has its posting list read back from the old index, changed and
    encoded again; the dictionary shards are cut again from the first one
    holding a changed term until the cut meets an old shard boundary with
    nothing changed after it up to the next changed shard (a shard's end
    depends only on its own terms' sizes); the result files holding a changed
    page are written again. Everything else is taken from `source` as it is:
    hard links into a new folder, or left where it is when the index is
    updated in place. The bytes are those `IndexWriter` writes for the same
    pages (tests/test_search_incremental.py checks).

    The old posting list of a changed term must hold what the old page gave it,
    and the files of the old index must be there: else ValueError or OSError is
    raised and the caller writes the index whole (in place, nothing is changed
    before the files are found to be those the manifest names; in a new folder,
    what was written is removed by `IndexWriter`).
    """

    def __init__(
        self, source: Path, manifest: bytes, refs: dict[str, int], digests: dict[int, bytes]
    ) -> None:
        self.source = Path(source)
        self.old = json.loads(manifest)
        if self.old.get("versi") != FORMAT_VERSION or self.old.get("per_berkas") != PAGES_PER_FILE:
            raise ValueError("another index format")
        self.refs: Counter[str] = Counter(refs)  # posting file -> entries naming it
        self.old_postings = {name for name, count in refs.items() if count > 0}
        self.digests = dict(digests)  # result file number -> digest
        self._old_digests = set(digests)
        # (space, term) -> page -> (old weight, new weight); None: not on the page.
        self.terms: dict[tuple[str, str], dict[int, tuple[int | None, int | None]]] = {}
        self.filters: dict[tuple[str, str], dict[int, tuple[int | None, int | None]]] = {}
        self.results: dict[int, dict[str, object] | None] = {}  # page -> its new result data
        self.changes = 0  # (page, term) changes held in `terms` and `filters`
        self.roots_added: set[str] = set()  # roots of the index that were not in it
        self.roots_removed: set[str] = set()  # roots no longer on any page
        self._postings: dict[str, bytes] = {}  # new posting files

    def page(self, number: int, old: Doc | None, new: Doc | None) -> None:
        """Page `number` was `old` and is now `new` (None: not indexed); once per page."""
        steps = _STEP_OF
        top = len(steps) - 1
        for space, before, after in (
            ("k", old.words if old else {}, new.words if new else {}),
            ("a", old.roots if old else {}, new.roots if new else {}),
        ):
            for term, weight in after.items():
                step = steps[weight if weight < top else top]
                was = before.get(term)
                if was is not None:
                    was = steps[was if was < top else top]
                if was != step:
                    self.terms.setdefault((space, term), {})[number] = (was, step)
                    self.changes += 1
            for term, weight in before.items():
                if term not in after:
                    step = steps[weight if weight < top else top]
                    self.terms.setdefault((space, term), {})[number] = (step, None)
                    self.changes += 1
        # Names and filter values: on the page or not (weight 1).
        names = (set(old.names) if old else set(), set(new.names) if new else set())
        for name in names[0] ^ names[1]:
            change = (None, 1) if name in names[1] else (1, None)
            self.terms.setdefault(("n", name), {})[number] = change
            self.changes += 1
        filters = (set(old.filters) if old else set(), set(new.filters) if new else set())
        for item in filters[0] ^ filters[1]:
            change = (None, 1) if item in filters[1] else (1, None)
            self.filters.setdefault(item, {})[number] = change
            self.changes += 1
        before_data = result_data(old) if old else None
        after_data = result_data(new) if new else None
        if before_data != after_data:
            self.results[number] = after_data

    def prepare(self, size: int, pages: int) -> None:
        """Work out the new index (nothing written yet): its dictionary shards, filter
        file and result files, and `roots_added`, `roots_removed`. `size` and
        `pages`: the manifest's `halaman` and `dokumen`."""
        self.shards, self._shard_data = self._shards()
        self.filter_file, self._filter_data = self._filters()
        self._result_data = self._results()
        self.build = build_id(sorted(self.digests.items()))
        manifest = make_manifest(size, pages, self.build, self.shards, self.filter_file)
        self.manifest = _json(manifest)

    def write(self, folder: Path, files: dict[str, bytes]) -> bytes:
        """Write the prepared index into `folder` (`source` itself, or the `cari/` of a
        new site), with `files` (name -> bytes: the vocabulary files) beside it;
        returns the manifest's bytes."""
        folder = Path(folder)
        postings = {name for name, count in self.refs.items() if count > 0}
        shards = {name for _, name in self.shards}
        if folder.is_dir() and os.path.samefile(folder, self.source):
            self._write_in_place(folder, postings, shards)
        else:
            self._write_beside(folder, postings, shards)
        for name, data in files.items():
            _replace(folder / name, data)
        (folder / MANIFEST).write_bytes(self.manifest)
        return self.manifest

    # ------------------------------------------------------------------ changes

    def _postings_of(self, ref: str) -> bytes:
        if ref.endswith(".bin"):
            return (self.source / "p" / ref).read_bytes()
        return base64.b64decode(ref, validate=True)

    def _changed(
        self, entry: list | None, changes: dict[int, tuple[int | None, int | None]]
    ) -> dict[int, int]:
        """The pages of a posting list (`entry`: [df, postings] or None) once changed."""
        found = decode_postings(self._postings_of(entry[1])) if entry is not None else {}
        if entry is not None and len(found) != entry[0]:
            raise ValueError("a posting list and its count disagree")
        for page, (was, now) in changes.items():
            if found.get(page) != was:
                raise ValueError("the index does not hold what the page gave it")
            if now is None:
                del found[page]
            else:
                found[page] = now
        return found

    def _entry(
        self,
        space: str,
        term: str,
        entry: list | None,
        changes: dict[int, tuple[int | None, int | None]],
    ) -> list | None:
        """A dictionary entry once changed (None: no page holds the term any more)."""
        found = self._changed(entry, changes)
        if entry is not None and entry[1].endswith(".bin"):
            self.refs[entry[1]] -= 1
        if space == "a" and (entry is None) != (not found):
            (self.roots_added if found else self.roots_removed).add(term)
        if not found:
            return None
        pages = sorted(found)
        if space == "n":
            return [len(pages), _b64(encode_postings(pages, None))]
        data = encode_postings(pages, [found[p] for p in pages])
        if len(data) <= INLINE_BYTES:
            return [len(pages), _b64(data)]
        name = posting_file(data)
        self.refs[name] += 1
        self._postings[name] = data
        return [len(pages), name]

    def _shard_terms(self, index: int, changes: dict) -> list[tuple[str, dict[str, list]]]:
        """The terms of old shard `index` with `changes` (term -> space -> page changes)
        applied, in order: (term, {space: entry})."""
        content = json.loads((self.source / self.old["kamus"][index][1]).read_bytes())
        table: dict[str, dict[str, list]] = {}
        for space, entries in content.items():
            for term, entry in entries.items():
                table.setdefault(term, {})[space] = entry
        for term, spaces in changes.items():
            current = table.setdefault(term, {})
            for space, change in spaces.items():
                entry = self._entry(space, term, current.get(space), change)
                if entry is None:
                    current.pop(space, None)
                else:
                    current[space] = entry
            if not current:
                del table[term]
        return sorted(table.items())

    def _shards(self) -> tuple[list[list[str]], dict[str, bytes]]:
        """The new shard list ([first term, file]) and the new shards' bytes by file.

        Shards before the first changed one are kept. From there the terms are cut as
        `IndexWriter._write_shards` cuts them, until a shard would start where an old
        one does that holds no change (nor a new term before its first): the old
        shards from there on are kept, up to the next changed one.
        """
        old = self.old["kamus"]
        if not self.terms:
            return old, {}
        if not old:
            raise ValueError("no dictionary to update")
        firsts = [first for first, _ in old]
        by_shard: dict[int, dict[str, dict[str, dict]]] = {}
        for (space, term), change in self.terms.items():
            index = max(0, bisect.bisect_right(firsts, term) - 1)
            by_shard.setdefault(index, {}).setdefault(term, {})[space] = change
        shards: list[list[str]] = []
        data: dict[str, bytes] = {}
        content: dict[str, dict[str, list]] = {"k": {}, "a": {}}
        first = ""
        size = 0

        def cut() -> None:
            nonlocal content, size
            shard = _json(content)
            name = "kamus/" + named_file("k", shard)
            shards.append([first, name])
            data[name] = shard
            content = {"k": {}, "a": {}}
            size = 0

        kept = 0  # the old shards before this one are done
        for start in sorted(by_shard):
            if start < kept:
                continue  # cut already, with the shards before it
            shards.extend(old[kept:start])
            index = start
            while index < len(old):
                if index > start and index not in by_shard and (size > SHARD_BYTES or not size):
                    break  # the old shard `index` starts a shard here, as it did
                for term, spaces in self._shard_terms(index, by_shard.get(index, {})):
                    if size > SHARD_BYTES:
                        cut()
                    if not size:
                        first = term
                    for space, entry in spaces.items():
                        content.setdefault(space, {})[term] = entry
                        size += len(term) + len(entry[1]) + 12
                index += 1
            if size:
                cut()
            kept = index
        shards.extend(old[kept:])
        return shards, data

    def _filters(self) -> tuple[str, bytes | None]:
        """The filter file's name and its new bytes (None: unchanged)."""
        if not self.filters:
            return self.old["saring"], None
        filters = json.loads((self.source / self.old["saring"]).read_bytes())
        for (name, value), changes in sorted(self.filters.items()):
            values = filters.setdefault(name, {})
            found = self._changed(values.get(value), changes)
            if found:
                pages = sorted(found)
                values[value] = [len(pages), _b64(encode_postings(pages, None))]
            else:
                values.pop(value, None)
                if not values:
                    del filters[name]
        data = _json(filters)
        return named_file("saring", data), data

    def _results(self) -> dict[int, bytes | None]:
        """The result files holding a changed page: number -> new bytes (None: no page
        left in it); `digests` updated."""
        folder = self.source / self.old["berkas"]
        files: dict[int, bytes | None] = {}
        touched = sorted({page // PAGES_PER_FILE for page in self.results})
        for number in touched:
            if number in self.digests:
                slots = json.loads((folder / f"{base36(number)}.json").read_bytes())
                slots += [None] * (PAGES_PER_FILE - len(slots))
            else:
                slots = [None] * PAGES_PER_FILE
            for page in range(number * PAGES_PER_FILE, (number + 1) * PAGES_PER_FILE):
                if page in self.results:
                    slots[page % PAGES_PER_FILE] = self.results[page]
            data = files[number] = result_file(slots)
            if data is None:
                self.digests.pop(number, None)
            else:
                self.digests[number] = result_digest(data)
        return files

    # ------------------------------------------------------------------ files

    def _write_beside(self, folder: Path, postings: set[str], shards: set[str]) -> None:
        """The new index in `folder` (emptied first): the unchanged files linked from
        the old one."""
        source = self.source
        clear_index(folder)
        for sub in ("kamus", "p", f"h/{self.build}"):
            (folder / sub).mkdir(parents=True)
        for name in sorted(postings):
            if name in self.old_postings:
                _link(source / "p" / name, folder / "p" / name)
            else:
                (folder / "p" / name).write_bytes(self._postings[name])
        for name in sorted(shards):
            if name in self._shard_data:
                (folder / name).write_bytes(self._shard_data[name])
            else:
                _link(source / name, folder / name)
        if self._filter_data is None:
            _link(source / self.filter_file, folder / self.filter_file)
        else:
            (folder / self.filter_file).write_bytes(self._filter_data)
        old_files = source / self.old["berkas"]
        new_files = folder / "h" / self.build
        for number in sorted(self.digests):
            name = f"{base36(number)}.json"
            data = self._result_data.get(number)
            if data is None:
                _link(old_files / name, new_files / name)
            else:
                (new_files / name).write_bytes(data)

    def _write_in_place(self, folder: Path, postings: set[str], shards: set[str]) -> None:
        """Update the old index where it is, once its files are found to be the ones
        described. Its manifest goes first, so that an update cut short leaves no
        index that a later one would take for the old one."""
        old_build = self.old["berkas"][len("h/") : -1]
        old_shards = {name for _, name in self.old["kamus"]}
        expected = {
            "": {MANIFEST, "kamus", "p", "h", self.old["saring"]},
            "p": self.old_postings,
            "kamus": {name[len("kamus/") :] for name in old_shards},
            "h": {old_build},
            f"h/{old_build}": {f"{base36(number)}.json" for number in self._old_digests},
        }
        for sub, names in expected.items():
            found = set(os.listdir(folder / sub))
            if not sub:
                found -= {SEARCH_PAGE, "akar.txt", "kata.txt"}
            if found != names:
                raise ValueError(f"cari/{sub} is not the index described")
        (folder / MANIFEST).unlink()
        for name in sorted(self.old_postings - postings):
            (folder / "p" / name).unlink()
        for name in sorted(postings - self.old_postings):
            _replace(folder / "p" / name, self._postings[name])
        for name in sorted(old_shards - shards):
            (folder / name).unlink()
        for name in sorted(shards - old_shards):
            _replace(folder / name, self._shard_data[name])
        if self.filter_file != self.old["saring"]:
            assert self._filter_data is not None
            _replace(folder / self.filter_file, self._filter_data)
            (folder / self.old["saring"]).unlink()
        if self.build != old_build:
            os.rename(folder / "h" / old_build, folder / "h" / self.build)
        for number, data in sorted(self._result_data.items()):
            path = folder / "h" / self.build / f"{base36(number)}.json"
            if data is None:
                path.unlink(missing_ok=True)
            else:
                _replace(path, data)


def _link(source: Path, target: Path) -> None:
    """`target` becomes the file `source`: a hard link, else a copy (FileNotFoundError
    when `source` is missing)."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(source, target)


def _replace(path: Path, data: bytes) -> None:
    """Write `data` as a new file at `path` (never into a file that is there: it may
    be a hard link to a published one)."""
    temporary = path.with_name(path.name + ".baru")
    temporary.write_bytes(data)
    os.replace(temporary, path)


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
        slots[number % PAGES_PER_FILE] = result_data(doc)
    written = []
    for file_number, slots in files.items():
        data = result_file(slots)
        assert data is not None
        (staging / f"{base36(file_number)}.json").write_bytes(data)
        written.append((file_number, result_digest(data)))
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
    name = named_file(stem, data)
    (folder / name).write_bytes(data)
    return relative + name


def named_file(stem: str, data: bytes) -> str:
    """The name of the file `<stem>-<hash>.json` holding `data`."""
    return f"{stem}-{hashlib.blake2b(data, digest_size=5).hexdigest()}.json"


def posting_file(data: bytes) -> str:
    """The name of the file `p/<hash>.bin` holding a long posting list."""
    return f"{hashlib.blake2b(data, digest_size=8).hexdigest()}.bin"


def build_id(digests: Sequence[tuple[int, bytes]]) -> str:
    """The name of the folder of the result files, from (file number, digest) in order."""
    digest = hashlib.blake2b(digest_size=8)
    for number, page in digests:
        digest.update(number.to_bytes(4, "big") + page)
    return digest.hexdigest()[:10]


def make_manifest(
    size: int, pages: int, build: str, shards: list[list[str]], filter_file: str
) -> dict[str, object]:
    """`indeks.json`: see the module's docstring."""
    return {
        "versi": FORMAT_VERSION,
        "halaman": size,
        "dokumen": pages,
        "berkas": f"h/{build}/",
        "per_berkas": PAGES_PER_FILE,
        "kamus": shards,
        "saring": filter_file,
    }


def result_file(slots: list) -> bytes | None:
    """A result file's bytes from its PAGES_PER_FILE slots (None: no page), or None
    when it has no page (no file is written)."""
    end = len(slots)
    while end and slots[end - 1] is None:
        end -= 1
    return _json(slots[:end]) if end else None


def result_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def result_data(doc: Doc) -> dict[str, object]:
    """What a result file holds of a page."""
    return {"url": doc.url, "title": doc.title, "meta": doc.meta, "summary": doc.summary}


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[number % 36]
    while number := number // 36:
        out = digits[number % 36] + out
    return out
