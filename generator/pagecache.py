"""The pages of the last build that a rebuild can keep: only what changed is rendered.

Each record page (and each module's calendar) of a build is stored with a
fingerprint of everything its rendering read:

- the build as a whole (`global_fingerprint`): the generator's code, every
  template and asset, site_config.yml, the versions of MkDocs, Material and
  the Markdown and HTML libraries, the build's day and whether drafts are in;
- the page itself: its URL, template, title, description, breadcrumbs and
  context, pickled with every record in it replaced by its kind, key and the
  digest of the file it was read from (`Tokens`), so a record's fingerprint
  changes exactly when its file does;
- what the templates asked the catalog while rendering it (`catalog.partner(m)`,
  `catalog.next_offering(m)`, `catalog.partners`...): the template sees the
  catalog through `Traced`, which writes down each question and a digest of
  its answer. A later build asks each question again of the new catalog and
  keeps the page only if every answer is the same.

A page whose fingerprint and answers are unchanged is hard-linked from the
published site (a copy where links are not possible) when the file there is
still the one this build wrote (same size, modification time and inode);
anything else is rendered. Anything that cannot be fingerprinted (an object
that does not pickle, a question about something that is not a record) is
simply rendered every time. So a stale page needs a change that reaches the
page without passing through any of those inputs: the tests edit each kind of
record, the competencies, site_config.yml and the templates, and compare the
rebuilt site with a build without any cache, byte for byte.

The state lives in the record cache's folder, one file per output folder; a
build writes it as pending and `commit` makes it current once the new site
has replaced the old one, so a failed build never points at files that were
not published. `commit` also removes the states of output folders that no
longer exist (`prune`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.cache import code_fingerprint, make_folder, zone_rules

PACKAGE = Path(__file__).resolve().parent
STATE_VERSION = 2
KINDS = ("partners", "modules", "programs", "internships", "forums")
# Libraries whose output ends up in pages.
_LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "cmarkgfm", "nh3", "pydantic")

# An entry: (fingerprint, trace, records mentioned, size, mtime_ns, inode) of a
# written page. The records a page mentions (kind, key) tell the preview which
# pages to render first after an edit.
Entry = tuple[bytes, tuple, frozenset, int, int, int]


class Uncacheable(Exception):
    """The page read something the cache cannot fingerprint: render it every time."""


def global_fingerprint(
    config_path: Path, *, today: date, drafts: bool, zone: str | None = None
) -> bytes:
    """Everything every page depends on: code, templates, assets, site_config.yml,
    libraries, and the rules of the site's time zone `zone` (the pages show times
    with their UTC offset, which a new tz database may change)."""
    h = hashlib.blake2b(code_fingerprint(), digest_size=20)
    if zone is not None:
        h.update(zone_rules(zone))
    for folder in (PACKAGE / "templates", PACKAGE / "assets"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\x00")
                h.update(path.read_bytes())
    h.update(Path(config_path).read_bytes())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\x00".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?\x00".encode())
    h.update(f"{sys.version_info[:2]}|{today.isoformat()}|{drafts}".encode())
    return h.digest()


class Tokens:
    """Stand-ins for the catalog's records, by object identity.

    A record becomes (kind, key, digest of its file); an offering (module key,
    position, the module's digest); a competency (its id, the digest of
    competencies.yml). Only records whose file digest is known get one (the
    record cache gives it); the others are pickled whole.
    """

    def __init__(self, catalog: Any):
        self.catalog = catalog
        by_id: dict[int, tuple] = {id(catalog): ("catalog",), id(catalog.config): ("config",)}
        types: set[type] = {type(catalog), type(catalog.config)}
        digests = getattr(catalog, "digests", {}) or {}
        for kind in KINDS:
            for key, record in getattr(catalog, kind).items():
                digest = digests.get((kind, key))
                if digest is None:
                    continue
                by_id[id(record)] = (kind, key, digest)
                types.add(type(record))
                if kind == "modules":
                    for index, offering in enumerate(record.offerings):
                        by_id[id(offering)] = ("offering", key, index, digest)
                        types.add(type(offering))
        # The schedule's entries are made from one offering each and the site's
        # time zone (part of the whole build's fingerprint).
        for item in getattr(catalog, "_schedule", ()):
            token = by_id.get(id(item.offering))
            if token is not None:
                by_id[id(item)] = ("scheduled", *token[1:])
                types.add(type(item))
        path = getattr(catalog, "competency_path", None)
        if path is not None:
            try:
                digest = hashlib.blake2b(Path(path).read_bytes(), digest_size=20).digest()
            except OSError:
                digest = None
            if digest is not None:
                for cid, comp in catalog.competencies.items():
                    by_id[id(comp)] = ("competencies", cid, digest)
                    types.add(type(comp))
        self.by_id = by_id
        # Only objects of these types can stand for a token: the pickler asks about
        # them alone (a dispatch table) and pickles everything else at C speed.
        self.types = types

    def digest(self, value: Any, seen: set | None = None) -> Any:
        """A digest of `value` with every known record replaced by its token.

        A record, a plain value or an enum member stands for itself (most answers
        are one of those); anything else is pickled and hashed. The tokens met
        are added to `seen`.
        """
        by_id = self.by_id
        token = by_id.get(id(value))
        if token is not None:
            if seen is not None:
                seen.add(token)
            return token
        if value is None or type(value) in (str, int, bool):
            return ("val", value)
        if isinstance(value, Enum):
            return ("enum", type(value).__qualname__, value.value)

        def reduce(obj: Any) -> Any:
            token = by_id.get(id(obj))
            if token is None:
                return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
            if seen is not None:
                seen.add(token)
            return (_token, token)

        buf = io.BytesIO()
        pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = dict.fromkeys(self.types, reduce)
        try:
            pickler.dump(value)
        except Exception as exc:  # noqa: BLE001 - not picklable: not cacheable
            raise Uncacheable(str(exc)) from None
        return hashlib.blake2b(buf.getbuffer(), digest_size=20).digest()

    def argument(self, value: Any, seen: set | None = None) -> tuple:
        """How a question's argument is written down, to be asked again later."""
        token = self.by_id.get(id(value))
        if token is not None:
            if seen is not None:
                seen.add(token)
            return ("ref", token)
        if value is None or isinstance(value, str | int | float | bool):
            return ("val", value)
        if isinstance(value, tuple):
            return ("tuple", tuple(self.argument(v, seen) for v in value))
        raise Uncacheable(f"argumen {type(value).__name__}")

    def resolve(self, arg: tuple) -> Any:
        """The new catalog's object for a written-down argument (KeyError if gone)."""
        how, value = arg
        if how == "val":
            return value
        if how == "tuple":
            return tuple(self.resolve(v) for v in value)
        kind = value[0]
        if kind == "catalog":
            return self.catalog
        if kind == "config":
            return self.catalog.config
        if kind == "offering":
            return self.catalog.modules[value[1]].offerings[value[2]]
        if kind in KINDS or kind == "competencies":
            return getattr(self.catalog, kind)[value[1]]
        raise KeyError(kind)


def _token(*parts: Any) -> tuple:
    """What a token stands for in a pickled fingerprint (never unpickled)."""
    return parts


class Traced:
    """The catalog as a template sees it while a page is fingerprinted: every question
    (attribute or method call) and its answer are written down.

    Each name is looked up on the catalog once per page; the recording method
    (or the value, already written down) is then kept on the instance, so later
    lookups are plain attribute reads.
    """

    def __init__(self, catalog: Any):
        self._kk_catalog = catalog
        self._kk_calls: list[tuple] = []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._kk_catalog, name)
        calls = self._kk_calls
        if callable(value):
            method = value

            def value(*args: Any, **kwargs: Any) -> Any:
                result = method(*args, **kwargs)
                named = tuple(sorted(kwargs.items())) if kwargs else ()
                calls.append((name, True, args, named, result))
                return result

        else:
            calls.append((name, False, (), (), value))
        self.__dict__[name] = value
        return value


@dataclass
class PageCache:
    """What one build reuses from the last one into `out`, and what it records for the next."""

    folder: Path
    out: Path
    global_fp: bytes
    tokens: Tokens
    old_pages: dict[str, Entry] = field(default_factory=dict)
    old_calendars: dict[str, tuple] = field(default_factory=dict)
    old_data: tuple[str, ...] = ()  # the other files the last build wrote
    # Answers of this catalog already digested (with the records they mention):
    # many pages ask the same questions.
    answers: dict[tuple, tuple] = field(default_factory=dict)

    @classmethod
    def open(
        cls, folder: Path, out: Path, catalog: Any, config_path: Path, *, drafts: bool
    ) -> PageCache:
        global_fp = global_fingerprint(
            config_path, today=catalog.today, drafts=drafts, zone=catalog.config.timezone
        )
        cache = cls(folder, Path(out).resolve(), global_fp, Tokens(catalog))
        try:
            with open(cache.state_path, "rb") as file:
                state = pickle.load(file)
                if (
                    isinstance(state, dict)
                    and state.get("version") == STATE_VERSION
                    and state.get("global") == global_fp
                    and state.get("out") == str(cache.out)
                ):
                    pages, calendars = _read_parts(file)
                    cache.old_pages, cache.old_calendars = pages, calendars
                    cache.old_data = state.get("data", ())
        except Exception:  # noqa: BLE001 - missing or unreadable: render everything
            pass
        return cache

    @property
    def state_path(self) -> Path:
        return state_path(self.folder, self.out)

    # -- pages

    def fingerprint(self, page: Any, seen: set | None = None) -> bytes | None:
        try:
            return self.tokens.digest(
                (
                    page.url,
                    page.template,
                    page.title,
                    page.description,
                    page.breadcrumbs,
                    page.indexed,
                    page.jsonld,
                    page.context,
                ),
                seen,
            )
        except Uncacheable:
            return None

    def trace(self, traced: Traced, mentioned: set | None = None) -> tuple | None:
        """The questions a render asked, written down to be asked again (None: cannot).

        The tokens of records in the questions and answers go to `mentioned`.
        """
        seen: dict[tuple, Any] = {}
        tokens = self.tokens
        answers = self.answers
        try:
            argument = tokens.argument
            for name, called, args, kwargs, result in traced._kk_calls:
                key = (
                    name,
                    called,
                    tuple([argument(a, mentioned) for a in args]),
                    tuple([(k, argument(v, mentioned)) for k, v in kwargs]),
                )
                if key not in seen:
                    answer = answers.get(key)
                    if answer is None or len(answer) != 2 or answer[1] is None:
                        found: set = set()
                        answer = answers[key] = (tokens.digest(result, found), frozenset(found))
                    seen[key] = answer[0]
                    if mentioned is not None:
                        mentioned |= answer[1]
        except Uncacheable:
            return None
        return tuple((*key, digest) for key, digest in seen.items())

    def answers_hold(self, trace: tuple) -> bool:
        """Whether every question of `trace` gets the same answer from this catalog."""
        tokens = self.tokens
        catalog = tokens.catalog
        answers = self.answers
        for name, called, args, kwargs, digest in trace:
            key = (name, called, args, kwargs)
            now = answers.get(key)
            if now is None:
                try:
                    value = getattr(catalog, name)
                    if called:
                        value = value(
                            *(tokens.resolve(a) for a in args),
                            **{k: tokens.resolve(v) for k, v in kwargs},
                        )
                    # Mentions are only collected by `trace`: None marks them unknown.
                    now = answers[key] = (tokens.digest(value), None)
                except Exception:  # noqa: BLE001 - a record gone, a question that fails
                    return False
            if now[0] != digest:
                return False
        return True

    def reusable_page(self, url: str, fp: bytes | None) -> tuple[Path, Entry] | None:
        if fp is None:
            return None
        entry = self.old_pages.get(url)
        if entry is None or entry[0] != fp:
            return None
        path = self.out / url / "index.html"
        if not _same_file(path, entry) or not self.answers_hold(entry[1]):
            return None
        return path, entry

    # -- module calendars

    def calendar_key(self, module: Any, partner: Any) -> bytes | None:
        try:
            return self.tokens.digest((module, partner))
        except Uncacheable:
            return None

    def reusable_calendar(self, module_key: str, key: bytes | None, path: str) -> tuple | None:
        """(published file, its entry) when the module's calendar is unchanged."""
        if key is None:
            return None
        entry = self.old_calendars.get(module_key)
        if entry is None or entry[0] != key:
            return None
        target = self.out / path
        return (target, entry) if _same_file(target, entry[2:]) else None

    def part_path(self, index: int) -> Path:
        """Where worker `index` writes its entries while it renders (`PartWriter`)."""
        return self.state_path.with_suffix(f".part{index}")

    def save_pending(self, parts: list[Path], data: tuple[str, ...] = ()) -> None:
        """Write the next state: a header, then the entries the workers wrote to `parts`.

        The entries go from the workers' files to the state file as bytes: no
        process holds all of them (77 MB of objects at 10,000 modules).
        """
        state = {
            "version": STATE_VERSION,
            "global": self.global_fp,
            "out": str(self.out),
            "data": data,
        }
        try:
            make_folder(self.folder)
            pending = _pending(self.state_path)
            with open(pending, "wb") as file:
                pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
                for part in parts:
                    with open(part, "rb") as source:
                        shutil.copyfileobj(source, file)
        except OSError:
            _pending(self.state_path).unlink(missing_ok=True)  # the next build renders all
        finally:
            for part in parts:
                part.unlink(missing_ok=True)

    def pending_entries(self) -> dict[str, Entry]:
        """The page entries of the state just saved (the preview's quick pass reads them)."""
        try:
            with open(_pending(self.state_path), "rb") as file:
                pickle.load(file)
                return _read_parts(file)[0]
        except Exception:  # noqa: BLE001 - missing or unreadable: no quick pass
            return {}


class PartWriter:
    """A worker's page and calendar entries, written to its part file in batches."""

    BATCH = 512

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: Any = None
        self.pages: dict[str, Entry] = {}

    def page(self, url: str, entry: Entry) -> None:
        self.pages[url] = entry
        if len(self.pages) >= self.BATCH:
            self._dump("pages", self.pages)
            self.pages = {}

    def calendars(self, entries: dict[str, tuple]) -> None:
        self._dump("calendars", entries)

    def close(self) -> None:
        if self.pages:
            self._dump("pages", self.pages)
            self.pages = {}
        if self.file is not None:
            self.file.close()
            self.file = None

    def _dump(self, kind: str, entries: dict) -> None:
        if self.file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        pickle.dump((kind, entries), self.file, protocol=pickle.HIGHEST_PROTOCOL)


def _read_parts(file: Any) -> tuple[dict[str, Entry], dict[str, tuple]]:
    """The (pages, calendars) entries after a state's header, sorted by key."""
    pages: dict[str, Entry] = {}
    calendars: dict[str, tuple] = {}
    while True:
        try:
            kind, entries = pickle.load(file)
        except EOFError:
            break
        (pages if kind == "pages" else calendars).update(entries)
    return dict(sorted(pages.items())), dict(sorted(calendars.items()))


MENTIONS_LIMIT = 2000  # a page showing more records (schedules, lists) is not listed


def mentions(tokens: set) -> frozenset[tuple[str, str]]:
    """The records (kind, key) behind a set of tokens: an offering is its module's.

    Only the preview reads them, to render first the record pages that show an
    edited record; pages that show thousands (the schedule archive) wait for
    its full pass, and listing them would make the cache's state large.
    """
    if len(tokens) > MENTIONS_LIMIT:
        return frozenset()
    found = set()
    for token in tokens:
        kind = token[0]
        if kind in ("offering", "scheduled"):
            found.add(("modules", token[1]))
        elif kind in KINDS or kind == "competencies":
            found.add((kind, token[1]))
    return frozenset(found)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` in one step (a reader never sees half a page); a new inode."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def state_path(folder: Path, out: Path) -> Path:
    """The page-cache state file of one output folder."""
    name = hashlib.blake2b(os.fsencode(Path(out).resolve()), digest_size=8).hexdigest()
    return folder / f"pages-v{STATE_VERSION}-{name}.pickle"


def _pending(path: Path) -> Path:
    return path.with_suffix(".pending")


def commit(folder: Path | None, out: Path) -> None:
    """Make the pending state current: its files are now the published site."""
    if folder is None:
        return
    for path in _pending_files(folder, out):
        with contextlib.suppress(OSError):
            os.replace(_pending(path), path)
    prune(folder)


def prune(folder: Path) -> list[Path]:
    """Remove the states of output folders that no longer exist, and those of older
    state versions; returns them. A state is about 20 MB at 10,000 modules, and each
    output folder ever built (a test run, a benchmark) left one for ever.

    Only committed states go: a pending one may belong to a first build whose
    output does not exist until its swap.
    """
    removed = []
    for path in sorted(folder.glob("pages-v*.pickle")):
        stale = not path.name.startswith(f"pages-v{STATE_VERSION}-")
        if not stale:
            try:
                with open(path, "rb") as file:
                    header = pickle.load(file)
                stale = not Path(header["out"]).is_dir()
            except Exception:  # noqa: BLE001 - unreadable: no build can use it either
                stale = True
        if stale:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def discard(folder: Path | None, out: Path) -> None:
    """Drop a pending state (the build failed: its files were never published)."""
    if folder is not None:
        for path in _pending_files(folder, out):
            _pending(path).unlink(missing_ok=True)


def stat_entry(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


def _same_file(path: Path, entry: tuple) -> bool:
    """Whether `path` is still the file that was written (size, mtime, inode at [-3:])."""
    try:
        return stat_entry(path) == tuple(entry[-3:])
    except OSError:
        return False


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _pending_files(folder: Path, out: Path) -> list[Path]:
    return [state_path(folder, out)]
