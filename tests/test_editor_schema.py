"""The published JSON Schemas (/data/schema/) agree with `kurikulum check` on every shipped record.

A file is seen two ways: by our loader, which keeps every scalar as text
(`jp: "24"`), and by an editor's YAML extension, which types scalars with the
YAML 1.2 core schema (`jp: 24` a number, `phone: 0618211633` the number
618211633, `start: 2026-02-10` text, an empty `topics:` null). For a valid
file the schema must accept both; for the usual mistakes it still complains.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import BASE_FILES, PELAYANAN_PRIMA, REPO

from generator.exports import plan_files
from generator.scaffold import template
from generator.schema import KINDS, SITE_FOLDER, schema_files, schema_for
from generator.yamlio import parse_yaml

FOLDER_KINDS = {"modules": "module", "programs": "program", "internships": "internship",
                "forums": "forum"}  # fmt: skip


class Core12Loader(yaml.SafeLoader):
    """PyYAML reading scalars as YAML 1.2's core schema does (no dates, no `yes`, no octal 0...)."""


Core12Loader.yaml_implicit_resolvers = {}
_CORE = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
]  # fmt: skip
for _tag, _pattern, _first in _CORE:
    Core12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first) + [None])


def _int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = loader.construct_scalar(node).lower().replace(".inf", "inf").replace(".nan", "nan")
    return float(text)


Core12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Core12Loader.add_constructor("tag:yaml.org,2002:float", _float)


def as_extension_sees(text: str) -> Any:
    return yaml.load(text, Loader=Core12Loader)  # noqa: S506 - a SafeLoader subclass


def as_we_read(text: str) -> Any:
    doc, problems = parse_yaml(text.encode("utf-8"))
    assert not problems, problems
    return doc.data


def errors(kind: str, instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind])
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


SCHEMAS = {kind: schema_for(kind) for kind in KINDS}


def kind_of(path: Path) -> str:
    if path.name == "competencies.yml":
        return "competencies"
    if path.name == "partner.yml":
        return "partner"
    return FOLDER_KINDS[path.parent.name]


def shipped() -> list[Path]:
    files = sorted((REPO / "curriculum").rglob("*.yml"))
    assert len(files) > 50
    return files


def test_the_core_12_reader_types_as_an_extension_does():
    data = as_extension_sees(
        "a: 24\nb: 0618211633\nc: 2026-02-10\nd: yes\ne: true\nf:\ng: '24'\nh: 1.5\ni: 10:30\n"
    )
    assert data == {"a": 24, "b": 618211633, "c": "2026-02-10", "d": "yes", "e": True,
                    "f": None, "g": "24", "h": 1.5, "i": "10:30"}  # fmt: skip


@pytest.mark.parametrize("reader", [as_we_read, as_extension_sees], ids=["all-text", "yaml-1.2"])
def test_every_shipped_record_validates_against_the_published_schema(reader):
    found = {}
    for path in shipped():
        problems = errors(kind_of(path), reader(path.read_text(encoding="utf-8")))
        if problems:
            found[path.relative_to(REPO).as_posix()] = problems
    assert found == {}


@pytest.mark.parametrize("reader", [as_we_read, as_extension_sees], ids=["all-text", "yaml-1.2"])
def test_site_config_validates(reader):
    text = (REPO / "site_config.yml").read_text(encoding="utf-8")
    assert errors("site_config", reader(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "phone: 0618211633",  # a number to YAML 1.2, text to us: keeps its zero
        "short_name: 2026",
        "email: pelatihan@usu.ac.id\ncity:",  # an empty optional field is null
    ],
)
def test_valid_values_a_yaml_extension_types_differently_are_accepted(text):
    partner = "name: Universitas\nkind: universitas\n" + text + "\n"
    for reader in (as_we_read, as_extension_sees):
        assert errors("partner", reader(partner)) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ("jp: 24", "jp: 24 JP"),
        ("method: pelatihan", "method: pelatihn"),
        ("jp: 24", "jp: 0"),
        ("jp: 24", "jp: -3"),
        ("    quota: 30", "    quota: banyak"),
        ("  - id: angkatan-1", "  - id: Angkatan 1"),
        ("title: Pelayanan Prima", "title:"),
        ("level: dasar", "levle: dasar"),
    ],
)
def test_mistakes_are_still_flagged_both_ways(change, where):
    text = PELAYANAN_PRIMA.replace(change, where)
    assert text != PELAYANAN_PRIMA
    for reader in (as_we_read, as_extension_sees):
        assert errors("module", reader(text)), (where, reader.__name__)


@pytest.mark.parametrize("kind", ["partner", "module", "program", "internship", "forum"])
def test_templates_from_new_agree_with_the_schema(kind):
    """Filled: valid. Fresh from `new`: the schema complains at the required fields only."""
    key = "usu" if kind == "partner" else "usu/contoh"
    filled = template(kind, key=key, schema=None, filled=True)
    fresh = template(kind, key=key, schema=None)
    for reader in (as_we_read, as_extension_sees):
        assert errors(kind, reader(filled)) == []
        flagged = {e.split(":")[0].split("/")[0] for e in errors(kind, reader(fresh))}
        model = KINDS[kind][0]
        assert flagged == {n for n, i in model.model_fields.items() if i.is_required()}


def test_schemas_are_published_with_the_site():
    """plan_files carries /data/schema/<kind>.schema.json, the same JSON `kurikulum schema` writes."""
    from generator.catalog import Catalog

    catalog = Catalog.from_folder(config_path=REPO / "site_config.yml")
    files = plan_files(catalog)
    for kind in KINDS:
        path = f"{SITE_FOLDER}/{kind}.schema.json"
        assert path == f"data/schema/{kind}.schema.json"
        assert json.loads(files[path]) == schema_for(kind, catalog.config.timezone)
    published = {k: v for k, v in files.items() if k.startswith(SITE_FOLDER)}
    assert published == schema_files(catalog.config.timezone)


def test_the_base_records_of_the_tests_validate_both_ways():
    for path, text in BASE_FILES.items():
        kind = kind_of(Path(path))
        for reader in (as_we_read, as_extension_sees):
            assert errors(kind, reader(text)) == [], path
