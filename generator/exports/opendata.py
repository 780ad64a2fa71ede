"""Open data: the whole catalog as JSON and as CSV tables, under /data/.

Columns and keys are stable, rows sorted by key, so that two builds of the
same curriculum give the same bytes and a diff between two exports shows
what changed: katalog.json holds one record a line (`_document`).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

from generator.catalog import Catalog

FORMAT_VERSION = 1
# The CSV tables are read in spreadsheets, in Indonesian like their other columns
# ("ya"/"tidak"); katalog.json keeps the curriculum's own codes.
STATUS_CSV = {"scheduled": "terjadwal", "cancelled": "dibatalkan", "postponed": "ditunda"}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _url(catalog: Catalog, path: str) -> str:
    base = catalog.config.url
    return (base.rstrip("/") + "/" + path) if base else "/" + path


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


def data_files(catalog: Catalog) -> dict[str, bytes]:
    data = catalog_json(catalog)
    modules = data["modules"]
    files = {
        "data/katalog.json": _document(data).encode("utf-8"),
        "data/modul.csv": _csv(
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
        "data/angkatan.csv": _csv(
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
                    STATUS_CSV[o["status"]],
                ]
                for m in modules
                for o in m["offerings"]
            ],
        ),
        "data/magang.csv": _csv(
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
        "data/mitra.csv": _csv(
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
        "data/rencana.json": json.dumps(
            planner_index(catalog), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8"),
    }
    return files


__all__ = ["data_files", "catalog_json", "planner_index"]
