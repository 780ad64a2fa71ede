"""A content-addressed cache of validated records, so that a rebuild reads only edits.

Reading and validating a curriculum file costs about half a millisecond;
taking its validated record from the cache costs a fifth of that. An entry is
found by a digest of everything the result depends on: the file's bytes, its
kind, id, partner and displayed path, the site's time zone, and the
generator itself (its version and the bytes of its Python sources). Any
change to one of them is a different digest, so a stale entry is never found;
entries no run asked for are dropped when the cache is written again.

Only records that validated are kept, with their warnings. Their position
table (`yamlio.Document`) is not: a `LazyDocument` reads the file again in
the rare case a later message needs a line number.

The cache lives in `.kurikulum-cache/` beside site_config.yml (or the
current folder for `kurikulum check DIR`), with its own `.gitignore`;
`KURIKULUM_CACHE_DIR` moves it and `KURIKULUM_CACHE=0` (or `--no-cache`)
turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
import zoneinfo
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.model import _rebuild
from generator.yamlio import Document, read_yaml

CACHE_DIR_NAME = ".kurikulum-cache"
RECORDS_FILE = "records-v1.pickle"
STATS_FILE = "stats-v1.pickle"
# A file whose modification or status change is this close to (or after) the start
# of the run that looked at it is read again next time, whatever its stat says:
# on a file system that keeps times to the second (or two, FAT), a second edit
# within that time, of the same size, would leave the same stat.
RACY_NS = 2_000_000_000
_PACKAGE = Path(__file__).resolve().parent


def make_folder(folder: Path) -> None:
    """Create a cache folder with its own .gitignore (raises OSError if it cannot)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Dibuat oleh kurikulum: cache, jangan dikomit.\n*\n")


def enabled() -> bool:
    return os.environ.get("KURIKULUM_CACHE", "1").lower() not in ("0", "false", "no", "off")


def default_dir(base: Path) -> Path | None:
    """The cache folder for a project rooted at `base` (None when caching is off).

    KURIKULUM_CACHE_DIR puts it elsewhere (a CI cache, a test's temporary folder).
    """
    if not enabled():
        return None
    elsewhere = os.environ.get("KURIKULUM_CACHE_DIR")
    return Path(elsewhere) if elsewhere else base / CACHE_DIR_NAME


@cache
def code_fingerprint() -> bytes:
    """The generator's version and the bytes of its Python sources.

    During development the version stays the same while the code changes;
    hashing the sources (a few dozen files, about a millisecond) keeps a
    changed rule or model from ever reusing an old result.
    """
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


class LazyDocument(Document):
    """A document whose data and positions are read from its file on first use."""

    __slots__ = ()

    def __init__(self, path: Path, display: str):  # data and positions: on first use
        self.path = path
        self.display = display

    def __getattr__(self, name: str) -> Any:
        if name not in ("data", "_values", "_keys", "_blocks"):
            raise AttributeError(name)
        doc, _ = read_yaml(self.path, self.display)
        if doc is None:  # the file changed or went away since it was read: no positions
            doc = Document(self.path, self.display)
        for slot in ("data", "_values", "_keys", "_blocks"):
            object.__setattr__(self, slot, getattr(doc, slot))
        return getattr(self, name)

    def __reduce__(self):
        return (LazyDocument, (self.path, self.display))


class RecordCache:
    """Validated records by content digest, loaded from and saved to one file."""

    def __init__(self, folder: Path | None, salt: str = ""):
        self.folder = folder
        self.salt = code_fingerprint() + salt.encode()
        self.entries: dict[bytes, bytes] = {}
        self.used: set[bytes] = set()
        self.added = 0
        self.hits = 0
        # Each file's stat at the last run, with the digest its bytes had then
        # (`known`): an unchanged file is not read again. Only stats taken before
        # `trusted_before` (the last run's start, less RACY_NS) are believed.
        self.started = time.time_ns()
        self.stats: dict[str, tuple] = {}
        self.new_stats: dict[str, tuple] = {}
        self.trusted_before = 0
        self.racy = False  # a file's stat matched but was too recent to believe
        if folder is not None:
            try:
                with open(folder / RECORDS_FILE, "rb") as file:
                    stored = pickle.load(file)
                if isinstance(stored, dict):
                    self.entries = stored
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError):
                self.entries = {}  # missing or unreadable: start empty
            try:
                with open(folder / STATS_FILE, "rb") as file:
                    salt_then, started_then, stats = pickle.load(file)
                if salt_then == self.salt and isinstance(stats, dict):
                    self.stats = stats
                    self.trusted_before = started_then - RACY_NS
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
                self.stats = {}

    def known(self, path: Path, parts: tuple[str, ...]) -> tuple[bytes | None, Any]:
        """(the digest of `path` as read before, if its stat shows it unchanged since;
        the stat, for `note`). The stat is taken before the file is read: an edit
        while it is read makes the next run's stat differ."""
        try:
            st = os.stat(path)
        except OSError:
            return None, None
        key = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        entry = self.stats.get(os.fspath(path))
        if entry is not None and entry[0] == key and entry[1] == parts:
            if max(st.st_mtime_ns, st.st_ctime_ns) < self.trusted_before:
                self.new_stats[os.fspath(path)] = entry
                return entry[2], st
            self.racy = True  # read again; believed once a later run has started
        return None, st

    def note(self, path: Path, st: Any, parts: tuple[str, ...], digest: bytes) -> None:
        """Remember the digest of the bytes read from `path` after `known` gave `st`."""
        if st is None or self.folder is None:
            return
        key = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        self.new_stats[os.fspath(path)] = (key, parts, digest)

    def digest(self, raw: bytes, *parts: str) -> bytes:
        h = hashlib.blake2b(self.salt, digest_size=20)
        for part in parts:
            # A file name may hold bytes that are not UTF-8 (kept as surrogates).
            h.update(part.encode("utf-8", "surrogateescape"))
            h.update(b"\x00")
        h.update(raw)
        return h.digest()

    def get_record(self, digest: bytes) -> tuple[Any, list] | None:
        """(record without its source, its warnings), or None."""
        value = self.get(digest)
        if value is None:
            return None
        cls, fields, private, problems = value
        return _rebuild(cls, fields, private), problems

    def put_record(self, digest: bytes, record: Any, problems: list) -> None:
        private = {**record.__pydantic_private__, "_source": None}
        self.put(digest, (type(record), record.__dict__, private, problems))

    def get(self, digest: bytes) -> Any | None:
        blob = self.entries.get(digest)
        if blob is None:
            return None
        try:
            value = pickle.loads(blob)
        except Exception:  # noqa: BLE001 - an unreadable entry is a miss
            return None
        self.used.add(digest)
        self.hits += 1
        return value

    def put(self, digest: bytes, value: Any) -> None:
        if self.folder is None:
            return
        self.entries[digest] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.used.add(digest)
        self.added += 1

    def save(self) -> None:
        """Write the entries this run used and the files' stats, when anything changed
        (atomically)."""
        if self.folder is None:
            return
        if self.added or len(self.used) != len(self.entries):
            keep = {d: self.entries[d] for d in sorted(self.used)}
            self._write(RECORDS_FILE, keep)
        if self.racy or self.new_stats != self.stats:
            self._write(STATS_FILE, (self.salt, self.started, self.new_stats))

    def _write(self, name: str, value: Any) -> None:
        try:
            make_folder(self.folder)
            fd, tmp = tempfile.mkstemp(prefix=".records-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as file:
                    pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
                os.chmod(tmp, 0o644)
                os.replace(tmp, self.folder / name)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only checkout still builds, only without the cache


def zone_rules(name: str) -> bytes:
    """The bytes of the zone file zoneinfo reads for `name` (as it looks: the system's
    database first, then the tzdata package): pages and data files show times with
    their UTC offset, which a new tz database may change for the same curriculum."""
    for base in zoneinfo.TZPATH:
        with contextlib.suppress(OSError, ValueError):
            return (Path(base) / name).read_bytes()
    try:
        from importlib import resources

        return resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes()
    except Exception:  # noqa: BLE001 - no file (UTC): nothing that can change
        return b"?"
