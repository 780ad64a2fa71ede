"""Reading the curriculum folder: every file parsed and validated, every problem kept.

Layout (DESIGN.md): `competencies.yml`, then one folder per partner holding
`partner.yml` and the folders `modules/`, `programs/`, `internships/` and
`forums/`, one record per file named after its id.

The folder walk is cheap and runs first; parsing and validating the record
files is the expensive part and, for a large curriculum, runs in a pool of
worker processes that send back validated records (with only the positions
the cross-record rules still need) and their problems.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.cache import LazyDocument, RecordCache
from generator.config import display_path
from generator.model import (
    DEFAULT_TZ,
    ID_RE,
    PAGER_SEGMENT,
    RECORD_KINDS,
    Competency,
    Forum,
    Internship,
    Module,
    Partner,
    Program,
    Record,
    _rebuild,
    _slugify,
)
from generator.pools import worker_signals
from generator.problems import Problem, Severity, suggestion
from generator.validate import salvage, validate
from generator.yamlio import Document, meant_yml, misnamed_file, parse_yaml, read_raw, read_yaml

COMPETENCIES_FILE = "competencies.yml"
PARTNER_FILE = "partner.yml"
# Fields whose positions the cross-record rules (references, cycles) still need.
REF_FIELDS = frozenset({"prerequisites", "competencies", "modules", "related_modules"})
# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 600
CHUNK = 250

_MODELS: dict[str, type[Record]] = {"partners": Partner, **RECORD_KINDS}


@dataclass
class Loaded:
    """Everything that validated on its own, plus every problem met on the way."""

    root: Path
    competencies: dict[str, Competency] = field(default_factory=dict)
    competency_doc: Document | None = None
    partners: dict[str, Partner] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    internships: dict[str, Internship] = field(default_factory=dict)
    forums: dict[str, Forum] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # Keys of records that exist but failed validation: references to them are not
    # reported again as unknown.
    broken: set[str] = field(default_factory=set)
    # Partial records of files that failed validation, checked but never published.
    salvaged: dict[str, dict[str, Record]] = field(default_factory=dict)
    # (kind, key) -> the record cache's digest of the file a record came from
    # (only when the cache is on): what the page cache knows a record by.
    digests: dict[tuple[str, str], bytes] = field(default_factory=dict)
    # competencies.yml is missing or unreadable (already reported): references to
    # competencies cannot be judged, and are not reported one by one.
    no_dictionary: bool = False

    def records(self, kind: str) -> dict[str, Record]:
        return getattr(self, kind)

    def checked(self, kind: str) -> list[Record]:
        """Valid and salvaged records of a kind: what the cross-record rules look at."""
        return [*self.records(kind).values(), *self.salvaged.get(kind, {}).values()]


@dataclass(frozen=True)
class _Task:
    kind: str  # "partners", "modules", ...
    path: Path
    record_id: str
    partner_id: str
    display: str = ""  # the path as messages show it

    @property
    def key(self) -> str:
        return f"{self.partner_id}/{self.record_id}" if self.partner_id else self.record_id


def load_curriculum(
    root: Path,
    *,
    tz: tzinfo = DEFAULT_TZ,
    only: set[Path] | None = None,
    jobs: int | None = None,
    full: bool = True,
    cache: RecordCache | None = None,
) -> Loaded:
    """Read every file below `root`.

    `only`, when given, limits parsing to those files (resolved paths); the
    others are still listed so that references to them resolve. `jobs` caps
    the worker processes (default: one per core; 1 reads in this process).
    `full=False` (for `check`) keeps of each record only what the
    cross-record rules read, which is much cheaper to send between processes.
    `cache` gives the records of files read before (see `generator.cache`).
    """
    loaded = Loaded(root=root)
    if not root.is_dir():
        loaded.problems.append(
            Problem(
                display_path(root),
                1,
                1,
                "",
                "folder kurikulum tidak ditemukan; periksa kolom 'curriculum' di "
                "site_config.yml atau argumen perintah.",
            )
        )
        return loaded

    comp_path = root / COMPETENCIES_FILE
    renamed = None
    if comp_path.exists():
        _load_competencies(loaded, comp_path)
    else:
        loaded.no_dictionary = True
        renamed = misnamed_file(root, ("competencies", "competency", "kompetensi"))
        if renamed is not None:
            loaded.problems.append(
                Problem(
                    display_path(renamed),
                    1,
                    1,
                    "",
                    f"ganti nama berkas ini menjadi {COMPETENCIES_FILE}; kamus kompetensi hanya "
                    "dibaca dari berkas dengan nama itu.",
                )
            )
        else:
            loaded.problems.append(
                Problem(
                    display_path(comp_path),
                    1,
                    1,
                    "",
                    "kamus kompetensi competencies.yml tidak ditemukan; buat berkas itu di "
                    "folder kurikulum.",
                )
            )

    tasks: list[_Task] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name == COMPETENCIES_FILE:
            continue
        if entry == renamed:
            continue
        if entry.is_dir():
            tasks += _walk_partner(loaded, entry)
        elif entry.suffix in (".yml", ".yaml"):
            loaded.problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    "",
                    "berkas ini tidak dikenal di folder kurikulum; rekaman mitra disimpan di "
                    "<mitra>/partner.yml, modul di <mitra>/modules/<id>.yml.",
                )
            )

    wanted = [t for t in tasks if only is None or t.path.resolve() in only]
    with _no_gc():
        _read_records(loaded, tasks, wanted, tz, jobs, full, cache)
    return loaded


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while records pile up, then freeze them.

    Reading builds millions of long-lived objects and no cycles; at 10,000
    modules the collector's repeated scans of that growing heap cost more
    than the parsing itself (21 s of 36 s). Frozen objects are skipped by
    later collections, which helps every phase after this one too.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _read_records(
    loaded: Loaded,
    tasks: list[_Task],
    wanted: list[_Task],
    tz: tzinfo,
    jobs: int | None,
    full: bool,
    cache: RecordCache | None = None,
) -> None:
    # Files not read in this run still exist: references to them resolve.
    skipped = {t.key for t in tasks} - {t.key for t in wanted}
    loaded.broken |= skipped
    if cache is None:
        for results in _run(wanted, tz, jobs, full):
            for result in results:
                _merge(loaded, result)
        return
    # Records from the cache where the file is unchanged; the rest read as usual.
    # Results are merged in task order either way: the output must not depend on
    # what the cache held. Once there are enough misses for workers, they start
    # on them while the remaining files are looked up, and each chunk's records
    # are stored as it comes back (at 50,000 modules both loops were a serial
    # 10 s with the workers idle).
    results: list[tuple | None] = [None] * len(wanted)
    misses: list[int] = []
    digests: list[bytes] = []
    # The bytes of missed files, for reading them here without a second read;
    # not kept once workers read the misses (they read the files).
    raws: list[bytes | None] | None = []
    zone = getattr(tz, "key", str(tz))
    workers = _workers(PARALLEL_MIN_FILES, tz, jobs)
    pool: ProcessPoolExecutor | None = None
    submitted: list[tuple[int, Future]] = []  # (first miss, future of its chunk)
    sent = 0  # misses handed to workers

    def submit(final: bool = False) -> None:
        nonlocal pool, sent, raws
        if pool is None and (workers <= 1 or len(misses) < PARALLEL_MIN_FILES):
            return
        while len(misses) - sent >= CHUNK or (final and sent < len(misses)):
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_signals)
                raws = None
            chunk = [wanted[i] for i in misses[sent : sent + CHUNK]]
            future = pool.submit(_load_chunk_in_worker, chunk, tz.key, True)  # type: ignore[attr-defined]
            submitted.append((sent, future))
            sent += len(chunk)

    def store(index: int, digest: bytes, result: tuple) -> None:
        results[index] = result
        record = result[2]
        if record is not None:
            loaded.digests[(wanted[index].kind, wanted[index].key)] = digest
            cache.put_record(digest, record, result[4])

    try:
        for index, task in enumerate(wanted):
            display = task.display or display_path(task.path)
            parts = (task.kind, task.key, display, zone)
            # A file unchanged since the last run (same stat) is not read again.
            digest, st = cache.known(task.path, parts)
            hit = cache.get_record(digest) if digest is not None else None
            if hit is None:
                raw, problems = read_raw(task.path, display)
                if raw is None:
                    results[index] = (task, 1, None, None, problems)
                    continue
                digest = cache.digest(raw, *parts)
                cache.note(task.path, st, parts, digest)
                hit = cache.get_record(digest)
            if hit is None:
                misses.append(index)
                digests.append(digest)
                if raws is not None:
                    raws.append(raw)
                submit()
                continue
            record, problems = hit
            loaded.digests[(task.kind, task.key)] = digest
            record.bind(
                id=task.record_id,
                partner_id=task.partner_id,
                source=LazyDocument(task.path, display),
            )
            results[index] = (task, 1, record, None, list(problems))
        if pool is None:
            if misses:
                # Whole records (not `check`'s reference stubs): they go into the cache.
                chunk = _load_chunk([wanted[i] for i in misses], tz, raws)
                for index, digest, result in zip(misses, digests, chunk, strict=True):
                    store(index, digest, result)
        else:
            submit(final=True)
            for first, future in submitted:
                for offset, result in enumerate(future.result()):
                    store(misses[first + offset], digests[first + offset], result)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    for result in results:
        _merge(loaded, result)
    cache.save()


def _run(tasks: list[_Task], tz: tzinfo, jobs: int | None, full: bool = True):
    """Chunks of results, in task order; in worker processes when it pays."""
    workers = _workers(len(tasks), tz, jobs)
    if workers <= 1:
        yield _load_chunk(tasks, tz)
        return
    tz_name = tz.key  # type: ignore[attr-defined]
    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)), initializer=worker_signals
    ) as pool:
        yield from pool.map(
            _load_chunk_in_worker, chunks, [tz_name] * len(chunks), [full] * len(chunks)
        )


def _workers(files: int, tz: tzinfo, jobs: int | None) -> int:
    """How many worker processes read `files` files (1: this process)."""
    workers = jobs if jobs is not None else _default_jobs()
    if files < PARALLEL_MIN_FILES or getattr(tz, "key", None) is None:
        return 1
    return workers


def _default_jobs() -> int:
    """Worker processes for reading, by default: one per core.

    On the 2-vCPU machine this project is measured on, reading 11,352 files
    took 4.5–5.2 s in two workers against 8.9–9.4 s in one process, once
    records came back cheaply (a record's file, not its position table; for
    `check` only its references, built without pydantic's `model_construct`,
    which had made two workers slower than one).
    """
    return os.cpu_count() or 1


def _load_chunk_in_worker(tasks: list[_Task], tz_name: str, full: bool = True) -> list[tuple]:
    with _no_gc():
        results = _load_chunk(tasks, ZoneInfo(tz_name))
    # Send back only what the cross-record rules need of each file's positions
    # (and, for `check`, of each record).
    out = []
    for task, files, record, partial, problems in results:
        if not full:
            record, partial = _refs_only(record), _refs_only(partial)
        for r in (record, partial):
            if r is not None and type(r.source) is Document:
                r._source = r.source.slim(REF_FIELDS)
        out.append((task, files, record, partial, problems))
    return out


def _refs_only(record: Record | None) -> Record | None:
    """A copy of `record` with only its references (the rest at their defaults).

    Built straight from a field dict: pydantic's `model_construct` cost about
    0.8 ms a record, twice the time of reading and validating the file.
    """
    if record is None:
        return None
    cls = type(record)
    defaults = _STUB_DEFAULTS.get(cls)
    if defaults is None:
        defaults = _STUB_DEFAULTS[cls] = {
            name: None if info.is_required() else info.get_default(call_default_factory=True)
            for name, info in cls.model_fields.items()
            if name not in REF_FIELDS
        }
    fields = dict(defaults)
    for name in REF_FIELDS:
        if name in cls.model_fields:
            fields[name] = record.__dict__[name]
    return _rebuild(cls, fields, dict(record.__pydantic_private__))


# Per record class: its fields other than references, at their defaults (stubs
# are only read, so one default list may serve them all).
_STUB_DEFAULTS: dict[type, dict] = {}


def _load_chunk(
    tasks: list[_Task], tz: tzinfo, raws: list[bytes | None] | None = None
) -> list[tuple]:
    """(task, files read, record or None, salvaged record or None, problems) per task.

    `raws`, when given, holds each file's bytes, already read.
    """
    from generator.checks import record_problems

    context = {"tz": tz}
    results = []
    for index, task in enumerate(tasks):
        model = _MODELS[task.kind]
        display = task.display or display_path(task.path)
        raw = raws[index] if raws is not None else None
        if raw is None:
            doc, problems = read_yaml(task.path, display)
        else:
            doc, problems = parse_yaml(raw, path=task.path, display=display)
        record = partial = None
        if doc is not None:
            record, more = validate(model, doc, doc.data, context=context)
            if record is None and isinstance(doc.data, dict):
                more = _wrong_folder(task, doc, more)
            problems += more
            if record is None:
                if isinstance(doc.data, dict):
                    partial, source = salvage(model, doc.data, context=context, doc=doc)
                    partial.bind(id=task.record_id, partner_id=task.partner_id, source=source)
                    problems += record_problems(partial)
            else:
                record.bind(id=task.record_id, partner_id=task.partner_id, source=doc)
                problems += record_problems(record)
                # Only a message needs the table of positions: after the per-record
                # rules, keep the file's name and read it again if a reference turns
                # out broken. At 10,000 modules the tables were 250 MB.
                record.bind(
                    id=task.record_id,
                    partner_id=task.partner_id,
                    source=LazyDocument(task.path, display),
                )
        results.append((task, 1, record, partial, problems))
    return results


_KIND_LABELS = {
    "partners": "data mitra",
    "modules": "modul",
    "programs": "program",
    "internships": "magang",
    "forums": "forum",
}


def _wrong_folder(task: _Task, doc: Document, problems: list[Problem]) -> list[Problem]:
    """One message instead of one per field for a record saved in another kind's
    folder (a module in programs/): its fields are all another kind's."""
    keys = set(doc.data)
    model = _MODELS[task.kind]
    foreign = sorted(keys - set(model.model_fields))
    if not foreign:
        return problems
    for kind, other in _MODELS.items():
        if kind == task.kind or not keys <= set(other.model_fields):
            continue
        required = {name for name, info in other.model_fields.items() if info.is_required()}
        if len(foreign) < 2 and not required <= keys:
            continue  # one unknown field: more likely a typo than the wrong folder
        label = _KIND_LABELS[kind]
        target = (
            f"{task.partner_id}/{PARTNER_FILE}"
            if kind == "partners"
            else f"{task.partner_id}/{kind}/{task.record_id}.yml"
        )
        kept = [p for p in problems if not p.message.startswith(("kolom wajib", "kolom '"))]
        return [
            Problem(
                doc.display,
                1,
                1,
                "",
                f"berkas ini tampaknya berisi {label} (kolom {', '.join(foreign[:3])} bukan "
                f"kolom {_KIND_LABELS[task.kind]}), tetapi disimpan di folder {task.kind}/; "
                f"pindahkan ke {target}.",
            ),
            *kept,
        ]
    return problems


def _merge(loaded: Loaded, result: tuple) -> None:
    task, files, record, partial, problems = result
    loaded.files += files
    loaded.problems += problems
    if record is not None:
        loaded.records(task.kind)[task.key] = record
        return
    loaded.broken.add(task.key)
    if partial is not None:
        loaded.salvaged.setdefault(task.kind, {})[task.key] = partial


def _load_competencies(loaded: Loaded, path: Path) -> None:
    from generator.checks import competency_problems

    loaded.files += 1
    doc, problems = read_yaml(path, display_path(path))
    loaded.problems += problems
    if doc is None:
        loaded.no_dictionary = True
        return
    loaded.competency_doc = doc
    if not isinstance(doc.data, dict):
        loaded.no_dictionary = True
        loaded.problems.append(
            doc.problem(
                (), "kamus kompetensi harus berupa pemetaan 'id: {name, type, description}'."
            )
        )
        return
    for comp_id, data in doc.data.items():
        if not ID_RE.match(comp_id):
            # References use the id it should have: not reported again.
            loaded.broken.add(_slugify(comp_id))
            loaded.problems.append(
                doc.problem(
                    (comp_id,),
                    f"id kompetensi '{comp_id}' tidak sah; gunakan huruf kecil, angka dan tanda "
                    f"hubung, misalnya '{_slugify(comp_id)}'.",
                    key=True,
                )
            )
            continue
        comp, problems = validate(Competency, doc, data, (comp_id,))
        loaded.problems += problems
        if comp is None:
            loaded.broken.add(comp_id)
        else:
            loaded.competencies[comp_id] = comp
    loaded.problems += competency_problems(doc, loaded.competencies)


def _check_id(loaded: Loaded, path: Path, stem: str, what: str) -> bool:
    if ID_RE.match(stem):
        return True
    loaded.problems.append(
        Problem(
            display_path(path),
            1,
            1,
            "",
            f"nama {what} '{stem}' bukan id yang sah; ganti namanya menjadi "
            f"'{_slugify(stem)}' (huruf kecil, angka, tanda hubung).",
        )
    )
    return False


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether a folder entry is a folder; a link that cannot be followed is not (it
    is then read as a file, and reading it tells the editor why it fails)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stems(folder: Path) -> set[str]:
    """The ids of the record files in `folder`, however their names are written."""
    try:
        names = [e.name for e in os.scandir(folder)]
    except OSError:
        return set()
    return {stem for name in names if (stem := meant_yml(name)) is not None}


def _walk_partner(loaded: Loaded, folder: Path) -> list[_Task]:
    """The record files of one partner folder; layout mistakes become problems."""
    partner_id = folder.name
    if not _check_id(loaded, folder, partner_id, "folder mitra"):
        # Its records exist under a name to fix: references to them (written with the
        # id the folder should have) are not reported again, one mistake, one message.
        slug = _slugify(partner_id)
        for kind in RECORD_KINDS:
            loaded.broken.update(f"{slug}/{stem}" for stem in _stems(folder / kind))
        return []
    if partner_id == PAGER_SEGMENT:
        loaded.problems.append(
            Problem(
                display_path(folder),
                1,
                1,
                "",
                f"nama folder mitra '{partner_id}' dipakai portal untuk halaman lanjutan daftar "
                f"(modul/{PAGER_SEGMENT}/2/ adalah halaman kedua daftar modul); ganti nama "
                f"folder itu, misalnya menjadi singkatan nama lembaga, lalu ubah rujukan "
                f"'{partner_id}/...' di rekaman lain.",
            )
        )
        for kind in RECORD_KINDS:
            loaded.broken.update(f"{partner_id}/{stem}" for stem in _stems(folder / kind))
        return []
    tasks: list[_Task] = []
    partner_path = folder / PARTNER_FILE
    renamed = None
    if not partner_path.exists():
        renamed = misnamed_file(folder, ("partner", "mitra"))
        if renamed is not None:
            loaded.problems.append(
                Problem(
                    display_path(renamed),
                    1,
                    1,
                    "",
                    f"ganti nama berkas ini menjadi {PARTNER_FILE}; data mitra hanya dibaca dari "
                    "berkas dengan nama itu.",
                )
            )
        else:
            loaded.problems.append(
                Problem(
                    display_path(folder),
                    1,
                    1,
                    "",
                    f"folder mitra '{partner_id}' tidak memuat partner.yml; tambahkan berkas itu "
                    "dengan kolom name dan kind.",
                )
            )
    else:
        tasks.append(_Task("partners", partner_path, partner_id, "", display_path(partner_path)))

    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name == PARTNER_FILE or entry == renamed:
            continue
        if entry.is_dir():
            if entry.name not in RECORD_KINDS:
                loaded.problems.append(
                    Problem(
                        display_path(entry),
                        1,
                        1,
                        "",
                        f"folder '{entry.name}' tidak dikenal.{suggestion(entry.name, RECORD_KINDS)} "
                        f"Gunakan {', '.join(RECORD_KINDS)}.",
                    )
                )
                # Its records exist, in the wrong folder: references to them are not
                # reported again, one mistake gives one message.
                loaded.broken.update(
                    f"{partner_id}/{e.name.rsplit('.', 1)[0]}"
                    for e in os.scandir(entry)
                    if e.name.endswith((".yml", ".yaml"))
                )
                continue
            # scandir knows which entries are folders without a stat call each.
            listing = sorted((e.name, _is_dir(e)) for e in os.scandir(entry))
            shown = display_path(entry)  # once per folder, not per file
            for name, is_dir in listing:
                file = entry / name
                if name.startswith((".", "_")):
                    continue
                if is_dir:
                    loaded.problems.append(
                        Problem(
                            display_path(file),
                            1,
                            1,
                            "",
                            f"folder '{name}' di dalam {entry.name}/ tidak dibaca; simpan setiap "
                            f"berkas rekaman langsung di {partner_id}/{entry.name}/, tanpa "
                            "subfolder.",
                        )
                    )
                    loaded.broken.update(f"{partner_id}/{stem}" for stem in _stems(file))
                    continue
                if file.suffix not in (".yml", ".yaml"):
                    meant = meant_yml(name)
                    if meant is None:
                        loaded.problems.append(
                            Problem(
                                display_path(file),
                                1,
                                1,
                                "",
                                f"berkas ini diabaikan: di folder {entry.name}/ hanya berkas "
                                ".yml yang dibaca; pindahkan berkas ini ke luar folder kurikulum.",
                                severity=Severity.WARNING,
                            )
                        )
                        continue
                    loaded.problems.append(
                        Problem(
                            display_path(file),
                            1,
                            1,
                            "",
                            "berkas ini tidak dibaca karena namanya tidak berakhiran .yml; "
                            f"ganti nama menjadi {meant}.yml.",
                        )
                    )
                    loaded.broken.add(f"{partner_id}/{meant}")
                    loaded.broken.add(f"{partner_id}/{_slugify(meant)}")
                    continue
                if file.suffix == ".yaml":
                    loaded.problems.append(
                        Problem(
                            display_path(file),
                            1,
                            1,
                            "",
                            f"gunakan akhiran .yml, bukan .yaml; ganti nama menjadi {file.stem}.yml.",
                        )
                    )
                    loaded.broken.add(f"{partner_id}/{file.stem}")
                    continue
                if file.suffix != ".yml":
                    continue
                # A bad file name is reported, and the file is still checked; references
                # to the id it should have are not reported again.
                if not _check_id(loaded, file, file.stem, "berkas"):
                    loaded.broken.add(f"{partner_id}/{_slugify(file.stem)}")
                tasks.append(_Task(entry.name, file, file.stem, partner_id, f"{shown}/{name}"))
        elif entry.suffix in (".yml", ".yaml"):
            loaded.broken.add(f"{partner_id}/{entry.stem}")  # its references: one message
            loaded.problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    "",
                    f"berkas ini tidak dikenal; simpan modul di {partner_id}/modules/, program "
                    f"di {partner_id}/programs/, magang di {partner_id}/internships/ dan forum "
                    f"di {partner_id}/forums/.",
                )
            )
    return tasks
