"""Open data: the whole catalog as JSON, as CSV tables and as one workbook of those
tables (katalog.xlsx, for spreadsheet users), under /data/.

Columns and keys are stable, rows sorted by key, so that two builds of the
same curriculum give the same bytes and a diff between two exports shows
what changed: katalog.json holds one record a line (`_document`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from generator.catalog import Catalog
from generator.exports.xlsx import Table, workbook
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


def catalog_json(catalog: Catalog) -> dict[str, Any]:
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
        "modules": [_module(catalog, m) for m in _by_key(catalog.modules)],
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


def _document(data: dict[str, Any]) -> str:
    """`data` as JSON with one top-level key, and one item of each list, a line.

    A line per record keeps the file readable and a diff between two exports
    short, like an indented dump, and stays on the json module's C encoder,
    which `indent` turns off (an indented dump took 30 s at 50,000 modules).
    """
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    lines = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            items = ",\n  ".join(encode(item) for item in value)
            lines.append(f" {encode(key)}: [\n  {items}\n ]")
        else:
            lines.append(f" {encode(key)}: {encode(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    # A BOM so that spreadsheet programs read the Indonesian text as UTF-8.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def planner_index(catalog: Catalog) -> list[dict[str, Any]]:
    """The few fields the JP planner needs of each module, loaded only on /rencana/."""
    return [
        {
            "id": m.key,
            "t": m.title,
            "jp": m.jp,
            "p": catalog.partner(m).display_name,
            "m": m.method.label,
            "u": f"modul/{m.partner_id}/{m.id}/",
        }
        for m in catalog.modules.values()
    ]


def planner_script(catalog: Catalog) -> bytes:
    """`planner_index` as a script that sets `window.kkRencanaModul`.

    A script, not a JSON file: a page opened from a folder (`file://`) may load a
    script beside it, but the browser refuses it any fetch, so the planner works
    from a copy of the site on a laptop too. U+2028 and U+2029 are escaped: raw,
    older browsers read them as line ends inside a string.
    """
    data = json.dumps(planner_index(catalog), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.kkRencanaModul={data};\n".encode()


def data_files(catalog: Catalog) -> dict[str, bytes]:
    return dict(data_file_items(catalog))


def data_file_items(catalog: Catalog) -> Iterator[tuple[str, bytes]]:
    """The open-data files one after the other (site-relative path, content): a caller
    that writes each as it comes holds one at a time (at 50,000 modules, all of them
    at once were hundreds of megabytes on top of the catalog)."""
    yield PLANNER_INDEX, planner_script(catalog)
    yield (
        SCHEMA_PATH,
        (
            json.dumps(
                {k: v for k, v in katalog_schema(catalog).items() if v is not None},
                ensure_ascii=False,
                indent=1,
                sort_keys=True,
            )
            + "\n"
        ).encode("utf-8"),
    )
    data = catalog_json(catalog)
    yield "data/katalog.json", _document(data).encode("utf-8")
    tables = _tables(data)
    del data
    for name, (header, rows) in tables.items():
        yield f"data/{name}.csv", _csv(header, rows)
    yield (
        WORKBOOK_PATH,
        workbook({SHEETS[name]: (header, rows) for name, (header, rows) in tables.items()}),
    )


def _tables(data: dict[str, Any]) -> dict[str, Table]:
    """katalog.json's records as the tables of the CSV files and the workbook."""
    modules = data["modules"]
    # Each table once: a CSV file for programs, and a sheet of katalog.xlsx.
    tables: dict[str, Table] = {
        "modul": (
            [
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
            ],
            [
                [
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
                for m in modules
            ],
        ),
        "angkatan": (
            [
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
            ],
            [
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
                for m in modules
                for o in m["offerings"]
            ],
        ),
        "magang": (
            [
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
            ],
            [
                [
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
                for i in data["internships"]
            ],
        ),
        "mitra": (
            ["id", "nama", "singkatan", "jenis", "kota", "situs", "surel", "telepon"],
            [
                [
                    p["id"],
                    p["name"],
                    p["short_name"],
                    p["kind"],
                    p["city"],
                    p["website"],
                    p["email"],
                    p["phone"],
                ]
                for p in data["partners"]
            ],
        ),
    }
    return tables


__all__ = [
    "PLANNER_INDEX",
    "data_file_items",
    "data_files",
    "catalog_json",
    "katalog_schema",
    "planner_index",
    "planner_script",
]
