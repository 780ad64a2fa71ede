"""`kurikulum schema FOLDER`: one Draft 2020-12 JSON Schema per record kind, for editors' tools."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import BASE_FILES, PELAYANAN_PRIMA, REPO

from generator.cli import main
from generator.yamlio import parse_yaml

KINDS = {
    "partner": "usu/partner.yml",
    "module": "usu/modules/pelayanan-prima.yml",
    "program": "usu/programs/jalur-pelayanan.yml",
    "internship": "usu/internships/magang-akademik.yml",
    "forum": "usu/forums/forum-pelayanan.yml",
    "competencies": "competencies.yml",
}
ALL_KINDS = {*KINDS, "site_config"}


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    outdir = tmp_path_factory.mktemp("schema") / "out"
    result = CliRunner().invoke(main, ["schema", str(outdir)])
    assert result.exit_code == 0, result.output
    written = sorted(Path(line) for line in result.output.split())
    assert written == sorted(outdir.glob("*.schema.json"))
    return {
        path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in written
    }


def as_editor_sees(text: str) -> Any:
    """The data a YAML editor extension validates: whole numbers and booleans typed, rest text.

    Our reader keeps every scalar as text; editors' YAML 1.2 tools type `24` as a
    number and `true` as a boolean, so the schema must accept those forms.
    """
    doc, problems = parse_yaml(text.encode("utf-8"))
    assert not problems, problems

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, str) and re.fullmatch(r"-?(0|[1-9][0-9]*)", value):
            return int(value)
        if value in ("true", "false"):
            return value == "true"
        return value

    return convert(doc.data)


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def test_one_schema_per_record_kind(schemas):
    assert set(schemas) == ALL_KINDS


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_each_schema_is_valid_draft_2020_12(schemas, kind):
    schema = schemas[kind]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"]


def _properties(node: Any, where: str = "#"):
    """Every (location, name, property schema) below `node`."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}/properties/{name}", name, prop
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{where}/{i}")


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_every_field_has_a_description(schemas, kind):
    found = list(_properties(schemas[kind]))
    assert found, "a schema without fields"
    missing = [where for where, _, prop in found if not str(prop.get("description", "")).strip()]
    assert missing == []


def test_descriptions_are_written_for_editors_in_indonesian(schemas):
    module = schemas["module"]["properties"]
    assert module["jp"]["description"].startswith("Jumlah jam pelajaran")
    offering = schemas["module"]["$defs"]["Offering"]["properties"]
    assert "meliputi seluruh hari" in offering["end"]["description"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_valid_base_records_validate(schemas, kind):
    assert errors(schemas[kind], as_editor_sees(BASE_FILES[KINDS[kind]])) == []


def test_repository_site_config_validates(schemas):
    text = (REPO / "site_config.yml").read_text(encoding="utf-8")
    assert errors(schemas["site_config"], as_editor_sees(text)) == []


def test_shipped_like_module_validates(schemas):
    data = as_editor_sees(PELAYANAN_PRIMA)
    assert data["jp"] == 24 and data["offerings"][0]["quota"] == 30
    assert errors(schemas["module"], data) == []


def test_module_with_an_unknown_field_fails(schemas):
    data = as_editor_sees(PELAYANAN_PRIMA + "metod: pelatihan\n")
    found = errors(schemas["module"], data)
    assert len(found) == 1 and "metod" in found[0]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["offerings"][0].update(strat="2026-02-10"), "offerings/0"),
        (lambda d: d.update(method="pelatihn"), "method"),
        (lambda d: d.update(jp=0), "jp"),
        (lambda d: d["offerings"][0].update(quota=0), "offerings/0/quota"),
        (lambda d: d["offerings"][0].update(id="Angkatan 1"), "offerings/0/id"),
        (lambda d: d["offerings"][0].update(start="10:30"), "offerings/0/start"),
        (lambda d: d.update(topics="Standar"), "topics"),
        (lambda d: d.pop("title"), ""),
    ],
    ids=[
        "nested-unknown",
        "enum",
        "jp-0",
        "quota-0",
        "bad-id",
        "time-as-date",
        "text-for-list",
        "missing-title",
    ],
)
def test_module_mistakes_fail_schema_validation(schemas, change, where):
    data = as_editor_sees(PELAYANAN_PRIMA)
    change(data)
    found = errors(schemas["module"], data)
    assert found and all(e.startswith(f"{where}:") for e in found), found


def test_competency_dictionary_schema_checks_ids_and_entries(schemas):
    schema = schemas["competencies"]
    assert errors(schema, {"Etika_ASN": {"name": "Etika", "type": "teknis"}})
    assert errors(schema, {"etika": {"name": "Etika", "type": "teknis", "nama": "x"}})
    assert errors(schema, {"etika": {"name": "Etika", "type": "teknis"}}) == []


def test_schema_command_creates_missing_folders(tmp_path):
    outdir = tmp_path / "a" / "b"
    result = CliRunner().invoke(main, ["schema", str(outdir)])
    assert result.exit_code == 0
    assert {p.name for p in outdir.iterdir()} == {f"{k}.schema.json" for k in ALL_KINDS}


def test_shipped_curriculum_validates_against_its_schemas(schemas):
    """What `kurikulum check` accepts, the published schema accepts too (no false alarms)."""
    folders = {"modules": "module", "programs": "program", "internships": "internship",
               "forums": "forum"}  # fmt: skip
    files = sorted((REPO / "curriculum").rglob("*.yml"))
    assert files, "curriculum/ is empty"
    found = {}
    for path in files:
        if path.name in ("competencies.yml", "partner.yml"):
            kind = path.stem if path.name == "competencies.yml" else "partner"
        else:
            kind = folders[path.parent.name]
        text = path.read_text(encoding="utf-8")
        problems = errors(schemas[kind], as_editor_sees(text))
        if problems:
            found[str(path.relative_to(REPO))] = problems
    assert found == {}
