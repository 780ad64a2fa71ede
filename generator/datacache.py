"""Pieces of the whole-catalog data files from the last build, so that a rebuild
encodes only the records that changed.

The files beside the pages (katalog.json, the CSV tables, katalog.xlsx, the
planner's list, the internship feed, the schemas) each hold every record. Each
is assembled from fragments: a module's line of katalog.json, its rows of the
CSV tables, its entry in the planner's list, a compressed run of rows of a
workbook sheet, an internship's feed entry, a whole small file. A fragment is
stored with a key made of everything it was made from:

- the build as a whole (`fingerprint`): the generator's code, the parsed
  site_config.yml, the versions of Python, zlib (the workbook's deflate output)
  and pydantic (the record schemas), the rules of the site's time zone; the
  build's day only for the fragments that show it (the feed);
- the records it reads, by the digest of the file each was read from
  (`catalog.digests`, the record cache's: it also covers the file's place and
  the site's time zone), and what it reads of the catalog around them (a
  module's prerequisites as resolved, a workbook run's first row number).

A rebuild computes each fragment's key again and takes the stored fragment
only if the key is the same; anything without a digest (the record cache off)
is made every time. So the files are the same bytes with or without the cache,
and a stale fragment needs an input missing from its key: the tests change
each kind of input and compare with a run without cache, byte for byte.

The state is a folder of one file per section (a section: one kind of
fragment), each a sequence of checksummed frames of fragments in the order
they are asked for (modules by key), so a section is read and written as a
stream: no process holds the fragments of every file at once (37 MB of them
at 10,000 modules). A frame whose fragments were all reused is copied into
the next state as it was read. A build writes the next state into a pending
folder named after its output folder; `commit` makes it current once the new
site is published, and `discard` drops it when the build failed, so the state
never describes files that were not published.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import struct
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.cache import code_fingerprint, make_folder, zone_rules

STATE_VERSION = 1
STATE_NAME = f"data-v{STATE_VERSION}"  # the committed state, beside the record cache
PENDING_PREFIX = f"{STATE_NAME}-"  # + a digest of the output folder + PENDING_SUFFIX
PENDING_SUFFIX = ".pending"
OLD_PREFIX = f".{STATE_NAME}-old-"  # a replaced state, removed right after
COMPLETE = "complete"  # written last into a pending state: every section is whole
BATCH = 512  # fragments a frame, on average
STALE_AFTER = 24 * 3600  # a pending state left this long by a killed build is removed
_FRAME = struct.Struct("<II")  # payload length, CRC-32 of the payload
_LIBRARIES = ("pydantic", "pydantic-core")  # they write the record schemas


def fingerprint(catalog: Any) -> bytes:
    """What every fragment depends on: the code, the site's settings, the libraries."""
    h = hashlib.blake2b(code_fingerprint(), digest_size=20)
    h.update(f"{STATE_VERSION}|{sys.implementation.name}|{sys.version_info[:3]}|".encode())
    h.update(f"{zlib.ZLIB_RUNTIME_VERSION}|".encode())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}|".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?|".encode())
    h.update(catalog.config.model_dump_json().encode("utf-8"))
    # The zone's rules, as zoneinfo reads them: katalog.json and the feed write times
    # with their UTC offset, which a new tz database may change for the same file.
    h.update(zone_rules(catalog.config.timezone))
    return h.digest()


def pending_path(folder: Path, out: Path) -> Path:
    """The pending state of a build into `out` (known to the process that commits it)."""
    name = hashlib.blake2b(os.fsencode(Path(out).resolve()), digest_size=8).hexdigest()
    return folder / f"{PENDING_PREFIX}{name}{PENDING_SUFFIX}"


class DataCache:
    """The fragments of the last published build (read) and those of this one (written
    to the pending state)."""

    def __init__(self, folder: Path, out: Path, catalog: Any):
        self.folder = Path(folder)
        self.out = Path(out).resolve()
        self.global_key = fingerprint(catalog)
        self.today = catalog.today.isoformat()
        self.digests: dict[tuple[str, str], bytes] = getattr(catalog, "digests", None) or {}
        self.current = self.folder / STATE_NAME
        self.pending: Path | None = pending_path(self.folder, self.out)
        self.hits = self.misses = 0
        self.frame_ends: dict[str, bool] = {}  # see `Section.put`
        try:
            make_folder(self.folder)
            shutil.rmtree(self.pending, ignore_errors=True)  # what a killed build left
            self.pending.mkdir()
        except OSError:
            self.pending = None  # a read-only checkout: the old state is still read

    @classmethod
    def open(cls, folder: Path, out: Path, catalog: Any) -> DataCache:
        """The cache of a build of `catalog` into `out`, its state in `folder`."""
        return cls(folder, out, catalog)

    def record(self, kind: str, key: str) -> bytes | None:
        """The digest of the file a record was read from (None: unknown, not cacheable)."""
        return self.digests.get((kind, key))

    def key(self, *parts: Any, day: bool = False) -> tuple | None:
        """A fragment's key: `parts` (strings, numbers, digests and tuples of them), with
        the build's day when the fragment shows it (`day`); None if a part is None (a
        record without a digest: made every time). The build's fingerprint is in each
        section's header."""
        for part in parts:
            if part is None:
                return None
        return (*parts, self.today) if day else parts

    @staticmethod
    def digest(key: tuple | None) -> bytes | None:
        """A short stand-in for a long key (a workbook run's: its records' keys)."""
        if key is None:
            return None
        return hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=20).digest()

    def section(self, name: str) -> Section:
        return Section(self, name)

    def finish(self) -> None:
        """Mark the pending state complete: every section of this build is in it."""
        if self.pending is None:
            return
        try:
            (self.pending / COMPLETE).write_bytes(self.global_key)
        except OSError:
            self.pending = None


class Section:
    """One kind of fragment: the old ones, read as a stream in the order they were
    written, and the new ones, written as they come.

    `get` must be asked in ascending order of `key`, the order `put` is called
    in (a key asked out of order is a miss). Use as a context manager.
    """

    def __init__(self, cache: DataCache | None, name: str):
        self.cache = cache
        self.name = name
        self._old = _frames(cache.current / name, cache.global_key) if cache else iter(())
        self._batch: list[tuple] = []
        self._at = 0
        self._next: tuple | None = None
        # The last old frames read, by their first key, with their bytes: a new batch
        # that is one of them entry for entry is written as those bytes, not pickled again.
        self._frames: dict[str, tuple[list[tuple], tuple[bytes, bytes]]] = {}
        self._advance()
        self._file: Any = None
        self._pending: list[tuple] = []
        # Whether a frame ends after a key (`put`), shared by the sections of a build.
        self._ends: dict[str, bool] = cache.frame_ends if cache is not None else {}
        if cache is not None and cache.pending is not None:
            try:
                self._file = open(cache.pending / name, "wb")  # noqa: SIM115 - closed in close()
                self._write({"version": STATE_VERSION, "global": cache.global_key, "name": name})
            except OSError:
                self._broken()

    def __enter__(self) -> Section:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _advance(self) -> None:
        """Move to the next old fragment (`_next`; None after the last)."""
        at = self._at
        if at >= len(self._batch):
            self._batch, raw = next(self._old, ([], (b"", b"")))
            at = 0
            if self._batch:
                if len(self._frames) > 2:
                    del self._frames[next(iter(self._frames))]
                self._frames[self._batch[0][0]] = (self._batch, raw)
        if at < len(self._batch):
            self._next = self._batch[at]
            self._at = at + 1
        else:
            self._next = None

    def get(self, key: str, fkey: Any) -> Any:
        """The stored fragment of `key` if it was made with the same `fkey`, else None."""
        if self.cache is None:
            return None
        found = self._next
        while found is not None and found[0] < key:
            self._advance()
            found = self._next
        if found is not None and found[0] == key:
            self._advance()
            if fkey is not None and found[1] == fkey:
                self.cache.hits += 1
                return found[2]
        self.cache.misses += 1
        return None

    def put(self, key: str, fkey: Any, value: Any) -> None:
        """Store `value` as `key`'s fragment made with `fkey` (None: not kept)."""
        if fkey is None or self._file is None:
            return
        self._pending.append((key, fkey, value))
        # A frame ends after a key chosen by its digest (and at the latest at 4 x BATCH):
        # after a record added or removed, the frames that follow end where they did,
        # and those unchanged are copied (`_flush`).
        ends = self._ends.get(key)
        if ends is None:
            ends = self._ends[key] = zlib.crc32(key.encode("utf-8", "surrogatepass")) % BATCH == 0
        if ends or len(self._pending) >= 4 * BATCH:
            self._flush()

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending or self._file is None:
            return
        old = self._frames.get(pending[0][0])
        if old is not None and len(old[0]) == len(pending):
            for (key, fkey, value), was in zip(pending, old[0], strict=True):
                if value is not was[2] or key != was[0] or fkey != was[1]:
                    break
            else:
                self._write_frame(*old[1])
                return
        self._write(pending)

    def _write(self, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._write_frame(_FRAME.pack(len(payload), zlib.crc32(payload)), payload)

    def _write_frame(self, head: bytes, payload: bytes) -> None:
        try:
            self._file.write(head)
            self._file.write(payload)
        except OSError:
            self._broken()

    def _broken(self) -> None:
        """A write failed (a full disk): this build leaves no state."""
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        if self.cache is not None and self.cache.pending is not None:
            shutil.rmtree(self.cache.pending, ignore_errors=True)
            self.cache.pending = None

    def close(self) -> None:
        self._flush()
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                self._broken()
            self._file = None
        close = getattr(self._old, "close", None)
        if close is not None:
            close()
        self._batch, self._next = [], None


def section(cache: DataCache | None, name: str) -> Section:
    """`cache`'s section `name`, or one that never finds anything (no cache)."""
    return Section(cache, name)


def once(cache: DataCache | None, name: str, make: Callable[[], Any]) -> Any:
    """A value that depends only on the build's fingerprint (a schema): stored, or `make()`."""
    with section(cache, name) as stored:
        fkey = cache.key(name) if cache is not None else None
        value = stored.get(name, fkey)
        if value is None:
            value = make()
        stored.put(name, fkey, value)
    return value


def _frames(path: Path, global_key: bytes) -> Iterator[tuple[list[tuple], tuple[bytes, bytes]]]:
    """The batches of a section file written with `global_key`, each with its frame's
    bytes; nothing if the file is missing, of another build configuration or damaged
    (from the damage on)."""
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed below, or when the generator is
    except OSError:
        return
    with file:
        first = True
        while True:
            try:
                head = file.read(_FRAME.size)
                if len(head) < _FRAME.size:
                    return
                size, crc = _FRAME.unpack(head)
                payload = file.read(size)
                if len(payload) != size or zlib.crc32(payload) != crc:
                    return
                value = pickle.loads(payload)
            except Exception:  # noqa: BLE001 - unreadable: the rest is made again
                return
            if first:
                if not (
                    isinstance(value, dict)
                    and value.get("version") == STATE_VERSION
                    and value.get("global") == global_key
                ):
                    return
                first = False
                continue
            if not isinstance(value, list) or not value:
                return
            yield value, (head, payload)


def commit(folder: Path | None, out: Path) -> None:
    """Make the pending state of the build into `out` current: that build is published."""
    if folder is None:
        return
    pending = pending_path(folder, out)
    if not (pending / COMPLETE).is_file():
        discard(folder, out)
        return
    current = folder / STATE_NAME
    old = folder / f"{OLD_PREFIX}{os.getpid()}"
    try:
        if current.exists():
            shutil.rmtree(old, ignore_errors=True)
            current.rename(old)
        pending.rename(current)
    except OSError:
        shutil.rmtree(pending, ignore_errors=True)  # another build's commit came first
    shutil.rmtree(old, ignore_errors=True)
    prune(folder)


def discard(folder: Path | None, out: Path) -> None:
    """Drop the pending state of a build into `out` that failed (nothing published)."""
    if folder is not None:
        shutil.rmtree(pending_path(folder, out), ignore_errors=True)


def prune(folder: Path, now: float | None = None) -> list[Path]:
    """Remove what killed builds left: pending states older than STALE_AFTER (a build
    into another folder may still be writing a recent one) and replaced states; and
    the states of other versions. Returns them."""
    now = time.time() if now is None else now
    removed = []
    for path in sorted(folder.glob("*data-v*")):
        name = path.name
        if name == STATE_NAME:
            continue
        if name.startswith(PENDING_PREFIX) and name.endswith(PENDING_SUFFIX):
            try:
                if now - path.stat().st_mtime <= STALE_AFTER:
                    continue
            except OSError:
                continue
        elif not name.startswith(("data-v", ".data-v")):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
