"""Open data: the whole catalog as JSON, as CSV tables and as one workbook of those
tables (katalog.xlsx, for spreadsheet users), under /data/.

Columns and keys are stable, rows sorted by key, so that two builds of the
same curriculum give the same bytes and a diff between two exports shows
what changed: katalog.json holds one record a line (`_document`).

Each file is assembled from per-record fragments (a module's line, its rows,
a run of workbook rows) that a `DataCache` keeps between builds: a rebuild
encodes only the records that changed, and the bytes are the same with or
without it (see `generator.datacache`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from generator.catalog import Catalog
from generator.datacache import DataCache, Section, once, section
from generator.exports.xlsx import RUN, Run, rows_run, workbook_of_runs
from generator.model import CompetencyType, Level, Method, Mode, OfferingStatus, PartnerKind
from generator.pages import PLANNER_INDEX

FORMAT_VERSION = 1
WORKBOOK_PATH = "data/katalog.xlsx"
SHEETS = {"modul": "Modul", "angkatan": "Angkatan", "magang": "Magang", "mitra": "Mitra"}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _url(catalog: Catalog, path: str) -> str:
    """A page's address in the data files: absolute with `url` in site_config.yml;
    without it, relative to /data/ where the files are ("../modul/usu/x/"), so that
    it resolves wherever the site is served (from the server's root it did not
    under a sub-path)."""
    base = catalog.config.url
    return (base.rstrip("/") + "/" + path) if base else "../" + path


def _module(catalog: Catalog, m: Any) -> dict[str, Any]:
    return {
        "id": m.key,
        "partner": m.partner_id,
        "title": m.title,
        "summary": m.summary,
        "method": m.method.value,
        "classical": m.method.is_classical,
        "mode": m.mode.value,
        "jp": m.jp,
        "level": m.level.value if m.level else None,
        "competency_type": m.competency_type.value,
        "competencies": list(m.competencies),
        "prerequisites": [p.key for p in catalog.prerequisites(m)],
        "fee": m.fee,
        "certificate": m.certificate,
        "url": _url(catalog, f"modul/{m.partner_id}/{m.id}/"),
        "offerings": [
            {
                "id": o.id,
                "name": o.name,
                "start": _iso(o.start),
                "end": _iso(o.end),
                "venue": o.venue.name if o.venue else None,
                "city": o.venue.city if o.venue else None,
                "online": bool(o.online),
                "quota": o.quota,
                "full": o.full,
                "registration_opens": _iso(o.registration.opens) if o.registration else None,
                "registration_closes": _iso(o.registration.closes) if o.registration else None,
                "registration_url": o.registration.url if o.registration else None,
                "status": o.status.value,
            }
            for o in m.offerings
        ],
    }


def catalog_json(catalog: Catalog, *, modules: bool = True) -> dict[str, Any]:
    """The whole catalog (with an empty list of modules: `modules=False`)."""
    cfg = catalog.config
    return {
        "format_version": FORMAT_VERSION,
        "title": cfg.title,
        "licence": cfg.licence,
        "publisher": cfg.owner.name if cfg.owner else None,
        "timezone": cfg.timezone,
        "annual_jp_target": cfg.annual_jp_target,
        "competencies": [
            {"id": cid, "name": c.name, "type": c.type.value, "description": c.description}
            for cid, c in catalog.competencies.items()
        ],
        "partners": [
            {
                "id": p.id,
                "name": p.name,
                "short_name": p.short_name,
                "kind": p.kind.value,
                "city": p.city,
                "website": p.website,
                "email": p.email,
                "phone": p.phone,
            }
            for p in catalog.partners.values()
        ],
        "modules": [_module(catalog, m) for m in _by_key(catalog.modules)] if modules else [],
        "programs": [
            {
                "id": p.key,
                "partner": p.partner_id,
                "title": p.title,
                "summary": p.summary,
                "modules": [m.key for m in catalog.program_modules(p)],
                "jp": catalog.program_jp(p),
                "url": _url(catalog, f"program/{p.partner_id}/{p.id}/"),
            }
            for p in _by_key(catalog.programs)
        ],
        "internships": [
            {
                "id": i.key,
                "partner": i.partner_id,
                "title": i.title,
                "summary": i.summary,
                "unit": i.host.unit if i.host else None,
                "start": _iso(i.start),
                "end": _iso(i.end),
                "quota": i.quota,
                "jp": i.jp,
                "application_opens": _iso(i.application.opens) if i.application else None,
                "application_closes": _iso(i.application.closes) if i.application else None,
                "competencies": list(i.competencies),
                "url": _url(catalog, f"magang/{i.partner_id}/{i.id}/"),
            }
            for i in _by_key(catalog.internships)
        ],
        "forums": [
            {
                "id": f.key,
                "partner": f.partner_id,
                "title": f.title,
                "summary": f.summary,
                "first": _iso(f.schedule.first),
                "duration_minutes": f.schedule.duration_minutes,
                "recurrence": f.schedule.recurrence,
                "until": _iso(f.schedule.until),
                "url": _url(catalog, f"forum/{f.partner_id}/{f.id}/"),
            }
            for f in _by_key(catalog.forums)
        ],
    }


SCHEMA_PATH = "data/katalog.schema.json"


def _object(description: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema object whose keys are exactly `properties`, all always present."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def _items(description: str, item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "description": description, "items": item}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _codes(choice: Any, description: str) -> dict[str, Any]:
    return {"type": "string", "enum": [c.value for c in choice], "description": description}


def katalog_schema(catalog: Catalog) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of katalog.json, for the data's consumers.

    It describes what `catalog_json` writes, closed at every level, so that a
    partner's validator notices a change of the format (and the tests do first).
    """
    day = {"type": "string", "format": "date", "description": "Tanggal (ISO 8601)."}
    moment = {
        "type": "string",
        "format": "date-time",
        "description": "Tanggal dan jam dengan zona (ISO 8601 / RFC 3339).",
    }
    day_or_moment = {"anyOf": [day, moment]}
    # Editors' links may hold non-ASCII letters: an IRI (RFC 3987), not always a URI.
    url = {"type": "string", "format": "iri", "description": "Alamat lengkap."}
    page = (
        {"type": "string", "format": "uri", "description": "Alamat halaman di portal."}
        if catalog.config.url
        else {
            "type": "string",
            "pattern": "^\\.\\./",
            "description": "Alamat halaman di portal, relatif terhadap folder data/.",
        }
    )
    whole = {"type": "integer", "minimum": 1}
    key = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"}
    ident = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
    offering = _object(
        "Satu angkatan (jadwal pelaksanaan) modul.",
        {
            "id": ident,
            "name": _or_null(_text("Nama angkatan.")),
            "start": day_or_moment,
            "end": day_or_moment,
            "venue": _or_null(_text("Tempat pelaksanaan.")),
            "city": _or_null(_text("Kota.")),
            "online": {"type": "boolean", "description": "Memiliki kelas daring."},
            "quota": _or_null(whole),
            "full": {"type": "boolean", "description": "Kuota sudah terpenuhi."},
            "registration_opens": _or_null(day),
            "registration_closes": _or_null(day),
            "registration_url": _or_null(url),
            "status": _codes(OfferingStatus, "Status angkatan."),
        },
    )
    module = _object(
        "Satu modul pelatihan.",
        {
            "id": key,
            "partner": ident,
            "title": _text("Judul modul."),
            "summary": _text("Ringkasan."),
            "method": _codes(Method, "Bentuk pengembangan kompetensi (Peraturan LAN 10/2018)."),
            "classical": {"type": "boolean", "description": "Klasikal (true) atau nonklasikal."},
            "mode": _codes(Mode, "Moda pelaksanaan."),
            "jp": {**whole, "maximum": 1000, "description": "Jam pelajaran (1 JP = 45 menit)."},
            "level": _or_null(_codes(Level, "Jenjang.")),
            "competency_type": _codes(CompetencyType, "Jenis kompetensi."),
            "competencies": _items("Id kompetensi.", ident),
            "prerequisites": _items("Id modul prasyarat.", key),
            "fee": _or_null(_text("Biaya.")),
            "certificate": _or_null(_text("Sertifikat.")),
            "url": page,
            "offerings": _items("Angkatan modul.", offering),
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _url(catalog, SCHEMA_PATH) if catalog.config.url else None,
        "title": "katalog.json",
        "description": f"Data terbuka {catalog.config.title}: seluruh katalog dalam satu berkas.",
        **_object(
            "Seluruh katalog.",
            {
                "format_version": {"const": FORMAT_VERSION},
                "title": _text("Nama portal."),
                "licence": _or_null(_text("Lisensi data.")),
                "publisher": _or_null(_text("Penerbit data.")),
                "timezone": _text("Zona waktu IANA jadwal tanpa zona."),
                "annual_jp_target": whole,
                "competencies": _items(
                    "Kamus kompetensi.",
                    _object(
                        "Satu kompetensi.",
                        {
                            "id": ident,
                            "name": _text("Nama kompetensi."),
                            "type": _codes(CompetencyType, "Jenis kompetensi."),
                            "description": _or_null(_text("Uraian.")),
                        },
                    ),
                ),
                "partners": _items(
                    "Mitra penyelenggara.",
                    _object(
                        "Satu mitra.",
                        {
                            "id": ident,
                            "name": _text("Nama mitra."),
                            "short_name": _or_null(_text("Singkatan.")),
                            "kind": _codes(PartnerKind, "Jenis lembaga."),
                            "city": _or_null(_text("Kota.")),
                            "website": _or_null(url),
                            "email": _or_null(_text("Alamat surel.")),
                            "phone": _or_null(_text("Nomor telepon (teks).")),
                        },
                    ),
                ),
                "modules": _items("Modul, urut menurut id.", module),
                "programs": _items(
                    "Program, urut menurut id.",
                    _object(
                        "Satu program: rangkaian modul.",
                        {
                            "id": key,
                            "partner": ident,
                            "title": _text("Judul program."),
                            "summary": _text("Ringkasan."),
                            "modules": _items("Id modul, dalam urutan yang dianjurkan.", key),
                            "jp": {"type": "integer", "minimum": 0},
                            "url": page,
                        },
                    ),
                ),
                "internships": _items(
                    "Panggilan magang, urut menurut id.",
                    _object(
                        "Satu panggilan magang.",
                        {
                            "id": key,
                            "partner": ident,
                            "title": _text("Judul magang."),
                            "summary": _text("Ringkasan."),
                            "unit": _or_null(_text("Unit penerima.")),
                            "start": day,
                            "end": day,
                            "quota": whole,
                            "jp": _or_null(whole),
                            "application_opens": _or_null(day),
                            "application_closes": _or_null(day),
                            "competencies": _items("Id kompetensi.", ident),
                            "url": page,
                        },
                    ),
                ),
                "forums": _items(
                    "Forum diskusi, urut menurut id.",
                    _object(
                        "Satu forum berkala.",
                        {
                            "id": key,
                            "partner": ident,
                            "title": _text("Nama forum."),
                            "summary": _text("Ringkasan."),
                            "first": moment,
                            "duration_minutes": whole,
                            "recurrence": _or_null(_text("Aturan pengulangan RFC 5545 (RRULE).")),
                            "until": _or_null(day),
                            "url": page,
                        },
                    ),
                ),
            },
        ),
    }


def _by_key(records: dict) -> list:
    return [records[k] for k in sorted(records)]


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _document(data: dict[str, Any]) -> str:
    """`data` as JSON with one top-level key, and one item of each list, a line.

    A line per record keeps the file readable and a diff between two exports
    short, like an indented dump, and stays on the json module's C encoder,
    which `indent` turns off (an indented dump took 30 s at 50,000 modules).
    """
    return _document_bytes(data).decode("utf-8")


def _document_bytes(
    data: dict[str, Any], encoded: dict[str, Sequence[bytes]] | None = None
) -> bytes:
    """`_document` in UTF-8, with the items of some lists already encoded (`encoded`:
    key -> each item's JSON, as `_encode` writes it, in UTF-8). One join of all the
    pieces: joining each list first copied the modules' lines twice."""
    encoded = encoded or {}
    pieces = [b"{\n"]
    for n, key in enumerate(sorted(data.keys() | encoded.keys())):
        if n:
            pieces.append(b",\n")
        name = _encode(key).encode("utf-8")
        value = data.get(key)
        items = encoded.get(key)
        if items is None and isinstance(value, list):
            items = [_encode(item).encode("utf-8") for item in value]
        if items:
            pieces += [b" ", name, b": [\n  ", *_between(items, b",\n  "), b"\n ]"]
        else:
            value = [] if items is not None else value
            pieces += [b" ", name, b": ", _encode(value).encode("utf-8")]
    pieces.append(b"\n}\n")
    return b"".join(pieces)


def _between(items: Sequence[bytes], separator: bytes) -> list[bytes]:
    """`items` with `separator` between them, to be joined with the rest of a file."""
    out = [separator] * (2 * len(items) - 1)
    out[::2] = items
    return out


class _CsvRows:
    """Rows as the CSV files write them, one fragment at a time: the rows of a file are
    written independently of each other, so the fragments simply follow each other."""

    def __init__(self) -> None:
        self.buf = io.StringIO()
        self.writer = csv.writer(self.buf, lineterminator="\r\n")

    def __call__(self, rows: Sequence[Sequence[Any]]) -> bytes:
        self.buf.seek(0)
        self.buf.truncate()
        for row in rows:
            self.writer.writerow(["" if v is None else v for v in row])
        return self.buf.getvalue().encode("utf-8")


def _csv(header: list[str], rows: list[bytes]) -> bytes:
    """A CSV file of a header and rows already written (`_CsvRows`)."""
    # A BOM so that spreadsheet programs read the Indonesian text as UTF-8.
    return b"".join(["\ufeff".encode(), _CsvRows()([header]), *rows])


def _planner_entry(catalog: Catalog, m: Any) -> bytes:
    """A module's entry of the planner's list (`planner_script`)."""
    data = json.dumps(
        {
            "id": m.key,
            "t": m.title,
            "jp": m.jp,
            "p": catalog.partner(m).display_name,
            "m": m.method.label,
            "u": f"modul/{m.partner_id}/{m.id}/",
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode("utf-8")


def planner_index(catalog: Catalog) -> list[dict[str, Any]]:
    """The few fields the JP planner needs of each module, loaded only on /rencana/."""
    return [json.loads(_planner_entry(catalog, m)) for m in catalog.modules.values()]


def planner_script(catalog: Catalog, entries: dict[str, bytes] | None = None) -> bytes:
    """`planner_index` as a script that sets `window.kkRencanaModul`; `entries`, each
    module's entry by key, when they are at hand.

    A script, not a JSON file: a page opened from a folder (`file://`) may load a
    script beside it, but the browser refuses it any fetch, so the planner works
    from a copy of the site on a laptop too. U+2028 and U+2029 are escaped: raw,
    older browsers read them as line ends inside a string.
    """
    if entries is None:
        entries = {key: _planner_entry(catalog, m) for key, m in catalog.modules.items()}
    # The catalog's order (by title), as the planner lists them.
    listed = [entries[k] for k in catalog.modules]
    return b"".join([b"window.kkRencanaModul=[", *_between(listed, b","), b"];\n"])


def data_files(catalog: Catalog, cache: DataCache | None = None) -> dict[str, bytes]:
    return dict(data_file_items(catalog, cache))


class _Modules:
    """The modules in key order, each with the key of its fragments (`DataCache.key`:
    its file, its partner's, its prerequisites as resolved), and the table rows of
    those encoded in this run, for the tables after katalog.json."""

    def __init__(self, catalog: Catalog, cache: DataCache | None):
        self.catalog = catalog
        self.cache = cache
        self.names = sorted(catalog.modules)
        self.records = [catalog.modules[k] for k in self.names]
        self.keys: list[tuple | None] = [None] * len(self.records)
        if cache is not None:
            digests, prerequisites = cache.digests, catalog.prerequisites
            self.keys = [
                cache.key(
                    digests.get(("modules", name)),
                    digests.get(("partners", m.partner_id)),
                    tuple([p.key for p in before]) if (before := prerequisites(m)) else (),
                )
                for name, m in zip(self.names, self.records, strict=True)
            ]
        self._rows: dict[str, tuple[list[Any], list[list[Any]]]] = {}

    def fragments(self, name: str, make: Callable[[Any], Any]) -> list[Any]:
        """Each module's fragment of section `name`: stored, or `make(module)`."""
        out = []
        with section(self.cache, name) as stored:
            get, put = stored.get, stored.put
            for key, module, fkey in zip(self.names, self.records, self.keys, strict=True):
                value = get(key, fkey)
                if value is None:
                    value = make(module)
                put(key, fkey, value)
                out.append(value)
        return out

    def line(self, module: Any) -> bytes:
        """The module's line of katalog.json (its table rows kept for the tables)."""
        data = _module(self.catalog, module)
        self._rows[module.key] = (_module_row(data), _offering_rows(data))
        return _encode(data).encode("utf-8")

    def rows(self, module: Any) -> tuple[list[Any], list[list[Any]]]:
        """(its row of modul.csv, its rows of angkatan.csv)."""
        found = self._rows.get(module.key)
        if found is None:
            data = _module(self.catalog, module)
            found = (_module_row(data), _offering_rows(data))
        return found


def data_file_items(
    catalog: Catalog, cache: DataCache | None = None
) -> Iterator[tuple[str, bytes]]:
    """The open-data files one after the other (site-relative path, content): a caller
    that writes each as it comes holds one at a time (at 50,000 modules, all of them
    at once were hundreds of megabytes on top of the catalog). With `cache`, only the
    fragments of records that changed are made."""
    modules = _Modules(catalog, cache)
    planner = modules.fragments("planner", lambda m: _planner_entry(catalog, m))
    yield PLANNER_INDEX, planner_script(catalog, dict(zip(modules.names, planner, strict=True)))
    del planner
    yield SCHEMA_PATH, once(cache, "katalog-schema", lambda: _schema_file(catalog))
    data = catalog_json(catalog, modules=False)
    lines = modules.fragments("katalog-modules", modules.line)
    yield "data/katalog.json", _document_bytes(data, {"modules": lines})
    del lines
    rows = _CsvRows()
    module_rows = modules.fragments("modul-csv", lambda m: rows([modules.rows(m)[0]]))
    yield "data/modul.csv", _csv(MODULE_COLUMNS, module_rows)
    del module_rows
    offering_rows = modules.fragments("angkatan-csv", lambda m: rows(modules.rows(m)[1]))
    yield "data/angkatan.csv", _csv(OFFERING_COLUMNS, offering_rows)
    del offering_rows
    internships = [_internship_row(i) for i in data["internships"]]
    partners = [_partner_row(p) for p in data["partners"]]
    yield "data/magang.csv", _csv(INTERNSHIP_COLUMNS, [rows([r]) for r in internships])
    yield "data/mitra.csv", _csv(PARTNER_COLUMNS, [rows([r]) for r in partners])

    # The workbook: the same tables, each sheet in runs of RUN records.
    def key(*parts: Any) -> tuple | None:
        return cache.key(*parts) if cache is not None else None

    def record(kind: str, name: str) -> bytes | None:
        return cache.record(kind, name) if cache is not None else None

    def groups(records: list, keys: list, make: Callable[[Any], list]) -> Iterator[tuple]:
        for start in range(0, len(records), RUN):
            chunk = records[start : start + RUN]
            yield (
                tuple(keys[start : start + RUN]),
                lambda chunk=chunk: [row for record in chunk for row in make(record)],
            )

    internship_keys = [key(record("internships", i["id"])) for i in data["internships"]]
    partner_keys = [key(record("partners", p["id"])) for p in data["partners"]]
    with section(cache, "workbook") as stored:
        sheets = {
            SHEETS["modul"]: (
                MODULE_COLUMNS,
                groups(modules.records, modules.keys, lambda m: [modules.rows(m)[0]]),
            ),
            SHEETS["angkatan"]: (
                OFFERING_COLUMNS,
                groups(modules.records, modules.keys, lambda m: modules.rows(m)[1]),
            ),
            SHEETS["magang"]: (
                INTERNSHIP_COLUMNS,
                groups(internships, internship_keys, lambda r: [r]),
            ),
            SHEETS["mitra"]: (PARTNER_COLUMNS, groups(partners, partner_keys, lambda r: [r])),
        }
        runs = {
            name: (header, _runs(stored, key, index, len(header), chunks))
            for index, (name, (header, chunks)) in enumerate(sheets.items())
        }
    yield WORKBOOK_PATH, workbook_of_runs(runs)


def _runs(
    stored: Section,
    key: Callable[..., tuple | None],
    sheet: int,
    columns: int,
    groups: Iterator[tuple[tuple, Callable[[], list]]],
) -> list[Run]:
    """A sheet's runs of rows: stored when the run's records and first row are the
    same, else deflated again (`rows_run`)."""
    runs = []
    first = 2
    for index, (keys, make) in enumerate(groups):
        # Not kept when one of its records cannot be (no digest).
        fkey = None if None in keys else DataCache.digest(key(sheet, first, keys))
        name = f"{sheet}:{index:09d}"
        run = stored.get(name, fkey)
        if run is None:
            run = rows_run(first, columns, make())
        stored.put(name, fkey, run)
        runs.append(run)
        first += run.rows
    return runs


def _schema_file(catalog: Catalog) -> bytes:
    schema = {k: v for k, v in katalog_schema(catalog).items() if v is not None}
    return (json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


MODULE_COLUMNS = [
    "id",
    "mitra",
    "judul",
    "metode",
    "moda",
    "jp",
    "jenjang",
    "jenis_kompetensi",
    "kompetensi",
    "url",
]
OFFERING_COLUMNS = [
    "modul",
    "angkatan",
    "nama",
    "mulai",
    "selesai",
    "tempat",
    "kota",
    "daring",
    "kuota",
    "penuh",
    "pendaftaran_dibuka",
    "pendaftaran_ditutup",
    "status",
]
INTERNSHIP_COLUMNS = [
    "id",
    "mitra",
    "judul",
    "unit",
    "mulai",
    "selesai",
    "kuota",
    "jp",
    "pendaftaran_ditutup",
    "url",
]
PARTNER_COLUMNS = ["id", "nama", "singkatan", "jenis", "kota", "situs", "surel", "telepon"]


# katalog.json's records as rows of the CSV files and the workbook.


def _module_row(m: dict[str, Any]) -> list[Any]:
    return [
        m["id"],
        m["partner"],
        m["title"],
        m["method"],
        m["mode"],
        m["jp"],
        m["level"],
        m["competency_type"],
        " ".join(m["competencies"]),
        m["url"],
    ]


def _offering_rows(m: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            m["id"],
            o["id"],
            o["name"],
            o["start"],
            o["end"],
            o["venue"],
            o["city"],
            "ya" if o["online"] else "tidak",
            o["quota"],
            "ya" if o["full"] else "tidak",
            o["registration_opens"],
            o["registration_closes"],
            # In Indonesian like the table's other values ("ya"/"tidak"): the
            # status's label; katalog.json keeps the curriculum's codes.
            OfferingStatus(o["status"]).label.lower(),
        ]
        for o in m["offerings"]
    ]


def _internship_row(i: dict[str, Any]) -> list[Any]:
    return [
        i["id"],
        i["partner"],
        i["title"],
        i["unit"],
        i["start"],
        i["end"],
        i["quota"],
        i["jp"],
        i["application_closes"],
        i["url"],
    ]


def _partner_row(p: dict[str, Any]) -> list[Any]:
    return [
        p["id"],
        p["name"],
        p["short_name"],
        p["kind"],
        p["city"],
        p["website"],
        p["email"],
        p["phone"],
    ]


__all__ = [
    "PLANNER_INDEX",
    "data_file_items",
    "data_files",
    "catalog_json",
    "katalog_schema",
    "planner_index",
    "planner_script",
]
