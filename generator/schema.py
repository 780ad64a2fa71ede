"""JSON Schemas of the record kinds, generated from the model for editors' tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import (
    ID_PATTERN,
    Competency,
    Forum,
    Internship,
    Module,
    Partner,
    Program,
    SiteConfig,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# file name → (model, title); `competencies` is a mapping of ids to records.
KINDS: dict[str, tuple[type[BaseModel] | None, str]] = {
    "partner": (Partner, "Mitra (partner.yml)"),
    "module": (Module, "Modul pelatihan (<mitra>/modules/<id>.yml)"),
    "program": (Program, "Program (<mitra>/programs/<id>.yml)"),
    "internship": (Internship, "Magang (<mitra>/internships/<id>.yml)"),
    "forum": (Forum, "Forum diskusi (<mitra>/forums/<id>.yml)"),
    "competencies": (None, "Kamus kompetensi (competencies.yml)"),
    "site_config": (SiteConfig, "Pengaturan portal (site_config.yml)"),
}


def schema_for(kind: str) -> dict[str, Any]:
    model, title = KINDS[kind]
    if model is None:
        inner = Competency.model_json_schema()
        defs = inner.pop("$defs", {})
        schema: dict[str, Any] = {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": inner,
        }
        if defs:
            schema["$defs"] = defs
    else:
        schema = model.model_json_schema()
    schema.pop("title", None)
    return {"$schema": DRAFT, "title": title, **schema}


def write_schemas(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = outdir / f"{kind}.schema.json"
        path.write_text(
            json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written
