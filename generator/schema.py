"""JSON Schemas of the record kinds, generated from the model for editors' tools."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import (
    ID_PATTERN,
    ZONE_LABELS,
    Competency,
    Forum,
    Internship,
    Module,
    Partner,
    Program,
    SiteConfig,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Where the site publishes the schemas (`/data/schema/<kind>.schema.json`).
SITE_FOLDER = "data/schema"

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


# How the model's descriptions name the zone of a time written without one: the
# portal's own (site_config.yml `timezone`), whichever it is. A schema made for one
# site (`timezone` given) names that zone instead: "jam WITA (zona waktu portal ini,
# Asia/Makassar)".
PORTAL_ZONE = (
    "menurut zona waktu portal (kolom timezone di site_config.yml; WIB untuk Asia/Jakarta)"
)


def site_zone_words(timezone: str) -> str:
    """`PORTAL_ZONE` for the site whose `timezone` is known: WIB, WITA, WIT, or its IANA name."""
    label = ZONE_LABELS.get(timezone)
    if label is not None:
        return f"{label} (zona waktu portal ini, {timezone})"
    return f"menurut zona waktu {timezone} (zona waktu portal ini)"


def name_site_zone(text: str, timezone: str | None) -> str:
    """`text` with the portal's zone named, when the site (its `timezone`) is known."""
    return text if timezone is None else text.replace(PORTAL_ZONE, site_zone_words(timezone))


def schema_for(kind: str, timezone: str | None = None) -> dict[str, Any]:
    """The JSON Schema of `kind`; with the site's `timezone`, its times name that zone."""
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
    if timezone is not None:
        schema = _named_zone(schema, timezone)
    return {"$schema": DRAFT, "title": title, **_as_editors_see(schema)}


def _named_zone(node: Any, timezone: str) -> Any:
    if isinstance(node, list):
        return [_named_zone(item, timezone) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        k: name_site_zone(v, timezone)
        if k == "description" and isinstance(v, str)
        else _named_zone(v, timezone)
        for k, v in node.items()
    }


def schema_files(timezone: str | None = None) -> dict[str, bytes]:
    """The schemas as the site publishes them: site-relative path → JSON.

    `timezone` (site_config.yml): the descriptions name the site's zone (WITA, ...)
    instead of "the portal's zone"."""
    return {
        f"{SITE_FOLDER}/{kind}.schema.json": _dump(schema_for(kind, timezone)) for kind in KINDS
    }


def _dump(schema: dict[str, Any]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------- YAML as tools see it
#
# The model reads every scalar as text (see `yamlio`), so `jp: "24"`, `full: yes`
# and `phone: 0618211633` are all valid. An editor's YAML extension types the
# same file with YAML 1.2: `24` is a number, `true` a boolean, `0618211633` the
# number 618211633, and an empty `topics:` is null. The published schema accepts
# both readings of a valid file, so neither the extension nor a test on our own
# all-text data raises a false alarm; `kurikulum check` stays the judge.

# Whole numbers as the model reads them (model._whole_number): digits 0-9, no sign
# but a minus, no leading zero, no separator; spaces around are dropped. A YAML 1.2
# tool reads `+5`, `007`, `40.0` and `1e2` as numbers the integer branch accepts:
# there the schema cannot see what was written, and `kurikulum check` refuses them.
_INT_TEXT = r"^\s*-?(0|[1-9][0-9]*)\s*$"
_POSITIVE_TEXT = r"^\s*[1-9][0-9]*\s*$"
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


_BOOL_TEXT = "^(" + "|".join(_any_case(w) for w in _BOOL_WORDS) + ")$"
# Text a YAML 1.2 tool reads as a number: an id such as `2026`, a phone number.
_DIGITS = ("2026", "0618211633")


def _as_editors_see(schema: dict[str, Any]) -> dict[str, Any]:
    """The model's schema, widened to accept every reading of a valid file (see above)."""
    out = _widen(schema)
    for name, definition in out.get("$defs", {}).items():
        out["$defs"][name] = _widen(definition)
    return out


def _widen(node: Any) -> Any:
    if isinstance(node, list):
        return [_widen(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: v if k == "$defs" else _widen(v) for k, v in node.items()}
    if isinstance(node.get("properties"), dict):
        required = set(node.get("required", ()))
        node["properties"] = {
            name: prop if name in required else _nullable(prop)
            for name, prop in node["properties"].items()
        }
    return _scalar(node)


def _scalar(node: dict[str, Any]) -> dict[str, Any]:
    """A scalar schema that also accepts the other readings of the same text.

    Type lists, not `anyOf`: keywords apply to their own type only (`pattern` to
    strings, `minimum` to numbers), and a flat schema keeps each error at its field.
    """
    kind = node.get("type")
    if kind not in ("integer", "boolean", "string") or "enum" in node or "format" in node:
        return node
    pattern = node.get("pattern")
    if kind == "integer":
        # As text, only "not below 1" is expressed; the extension sees a number anyway.
        text = _POSITIVE_TEXT if node.get("minimum", 0) >= 1 else _INT_TEXT
        return {**node, "type": ["integer", "string"], "pattern": text}
    if kind == "boolean":
        return {**node, "type": ["boolean", "string", "integer"], "pattern": _BOOL_TEXT,
                "minimum": 0, "maximum": 1}  # fmt: skip
    if pattern is None:
        return {**node, "type": ["string", "number", "boolean"]}
    if any(re.search(pattern, digits) for digits in _DIGITS):
        return {**node, "type": ["string", "integer"], "minimum": 0}
    return node  # dates, URLs, RRULEs: YAML 1.2 reads them as text too


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """An optional field: YAML reads `field:` with nothing after it as null."""
    kind = prop.get("type")
    if isinstance(kind, str):
        kind = [kind]
    if kind is not None:
        return prop if "null" in kind else {**prop, "type": [*kind, "null"]}
    branches = prop.get("anyOf", [])
    if any(b.get("type") == "null" for b in branches):
        return prop
    if "anyOf" in prop:
        return {**prop, "anyOf": [*branches, {"type": "null"}]}
    outer = {k: v for k, v in prop.items() if k in ("title", "description", "default")}
    branch = {k: v for k, v in prop.items() if k not in outer}
    return {**outer, "anyOf": [branch, {"type": "null"}]}


def write_schemas(outdir: Path, timezone: str | None = None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = outdir / f"{kind}.schema.json"
        path.write_bytes(_dump(schema_for(kind, timezone)))
        written.append(path)
    return written
