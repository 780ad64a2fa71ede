"""A portal whose zone is not WIB (site_config.yml `timezone: Asia/Makassar`) never
tells its editors that times are written in WIB.

Times written without a zone are read in the portal's own zone. The schema's field
descriptions, the editor guide, `kurikulum new` and `kurikulum check` say so for
every portal, and name the site's zone (WITA, WIT, ...) wherever the site is known.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI, MINI_EPOCH, build_in_process  # noqa: E402

from generator.cli import main  # noqa: E402
from generator.guide import TABLES, guide_text  # noqa: E402
from generator.scaffold import KINDS as NEW_KINDS  # noqa: E402
from generator.scaffold import fields, template  # noqa: E402
from generator.schema import (  # noqa: E402
    KINDS,
    PORTAL_ZONE,
    SITE_FOLDER,
    schema_files,
    schema_for,
    write_schemas,
)

# "jam WIB", "dalam WIB", "jam dalam WIB": WIB named as the zone times are written in.
SAYS_TIMES_ARE_WIB = re.compile(r"\b(?:jam|dalam) (?:dalam )?WIB\b")
MODULE = "curriculum/usu/modules/pelayanan-prima.yml"


def descriptions(node: Any) -> list[str]:
    if isinstance(node, list):
        return [text for item in node for text in descriptions(item)]
    if not isinstance(node, dict):
        return []
    found = [node["description"]] if isinstance(node.get("description"), str) else []
    return found + [text for value in node.values() for text in descriptions(value)]


def time_fields() -> list[tuple[str, str, str]]:
    """(kind, field path, description) of every field that holds a time of day."""
    return [
        (kind, doc.path, doc.description)
        for kind, model in TABLES.items()
        for doc in fields(model)
        if doc.shape.scalar in ("_moment", "_datetime")
    ]


# ------------------------------------------------------------ the model's words


def test_there_are_time_fields_to_check():
    paths = {(kind, path) for kind, path, _ in time_fields()}
    assert {("module", "offerings[].sessions[].start"), ("forum", "schedule.first")} <= paths


@pytest.mark.parametrize(("kind", "path", "text"), time_fields())
def test_every_time_field_says_the_portals_zone(kind, path, text):
    assert PORTAL_ZONE in text, f"{kind} {path}: {text}"
    assert not SAYS_TIMES_ARE_WIB.search(text), f"{kind} {path}: {text}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_schema_says_times_are_in_wib(kind):
    for text in descriptions(schema_for(kind)):
        assert not SAYS_TIMES_ARE_WIB.search(text), text


def test_the_timezone_setting_says_what_it_is_for():
    text = schema_for("site_config")["properties"]["timezone"]["description"]
    assert "Asia/Makassar (WITA)" in text and "Asia/Jayapura (WIT)" in text
    assert "tanpa zona dibaca dalam zona ini" in text


# ------------------------------------------------------------ a schema for one site


def test_a_wita_sites_schema_names_wita_not_wib():
    module = schema_for("module", "Asia/Makassar")
    session = module["$defs"]["Session"]["properties"]["start"]["description"]
    assert session == (
        "Mulai sesi: tanggal dan jam WITA (zona waktu portal ini, Asia/Makassar), "
        "misalnya 2026-02-10 08:00."
    )
    forum = schema_for("forum", "Asia/Makassar")
    assert "jam WITA" in forum["$defs"]["Schedule"]["properties"]["first"]["description"]
    for kind in KINDS:
        if kind != "site_config":  # which lists the zones a portal may choose
            assert "WIB" not in json.dumps(schema_for(kind, "Asia/Makassar")), kind


def test_a_wit_site_and_a_zone_without_an_indonesian_name():
    offering = schema_for("module", "Asia/Jayapura")["$defs"]["Offering"]["properties"]
    assert "jam WIT (zona waktu portal ini, Asia/Jayapura)" in offering["end"]["description"]
    far = schema_for("forum", "Pacific/Kiritimati")["$defs"]["Schedule"]["properties"]
    assert "jam menurut zona waktu Pacific/Kiritimati" in far["first"]["description"]


def test_the_same_schemas_only_name_a_zone_when_told():
    """Without a site (the published files today, `kurikulum schema`), the words fit
    every portal; with its zone, only the descriptions change."""
    assert schema_for("module", None) == schema_for("module")

    def without_descriptions(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: without_descriptions(v) for k, v in node.items() if k != "description"}
        if isinstance(node, list):
            return [without_descriptions(v) for v in node]
        return node

    for kind in KINDS:
        assert without_descriptions(schema_for(kind, "Asia/Makassar")) == without_descriptions(
            schema_for(kind)
        )


def test_schema_files_and_the_schema_folder_name_the_zone(tmp_path: Path):
    files = schema_files("Asia/Makassar")
    module = json.loads(files[f"{SITE_FOLDER}/module.schema.json"])
    assert module == schema_for("module", "Asia/Makassar")
    written = write_schemas(tmp_path / "skema", "Asia/Jayapura")
    text = (tmp_path / "skema" / "forum.schema.json").read_text(encoding="utf-8")
    assert len(written) == len(KINDS) and "jam WIT (zona waktu portal ini" in text


def test_the_guides_tables_name_the_sites_zone_when_told():
    generic = guide_text()
    assert PORTAL_ZONE in generic
    wita = guide_text(timezone="Asia/Makassar")
    assert PORTAL_ZONE not in wita and "jam WITA (zona waktu portal ini, Asia/Makassar)" in wita


# ------------------------------------------------------------ `kurikulum new`


@pytest.mark.parametrize("kind", sorted(NEW_KINDS))
def test_new_templates_do_not_say_wib(kind):
    text = template(kind, key="usu/baru" if kind != "partner" else "baru", schema=None)
    assert not SAYS_TIMES_ARE_WIB.search(text), text
    assert "zona waktu portal: kolom timezone di site_config.yml" in text


# ------------------------------------------------------------ a WITA portal, built


@pytest.fixture(scope="module")
def wita_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wita") / "project"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".kurikulum-cache"))
    config = root / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "timezone: Asia/Jakarta" in text
    config.write_text(text.replace("timezone: Asia/Jakarta", "timezone: Asia/Makassar"), "utf-8")
    return root


@pytest.fixture(scope="module")
def wita_site(wita_project: Path) -> Path:
    return build_in_process(
        wita_project / "site_config.yml", wita_project.parent / "site", MINI_EPOCH
    )


def test_the_guide_page_of_a_wita_portal_says_wita(wita_site: Path):
    html = (wita_site / "panduan/index.html").read_text(encoding="utf-8")
    assert "Portal ini memakai WITA (<code>timezone: Asia/Makassar</code>" in html
    assert "dibaca dalam WITA" in html
    assert not SAYS_TIMES_ARE_WIB.search(html)


def test_the_calendars_of_a_wita_portal_are_in_wita(wita_site: Path):
    calendar = (wita_site / "jadwal.ics").read_text(encoding="utf-8")
    assert "X-WR-TIMEZONE:Asia/Makassar" in calendar and "TZNAME:WITA" in calendar
    assert "DTSTART;TZID=Asia/Makassar:20260406T080000" in calendar  # as written, 08:00
    assert "WIB" not in calendar and "+0700" not in calendar


def test_the_published_schemas_of_a_wita_portal_do_not_say_wib(wita_site: Path):
    for kind in ("module", "forum"):
        schema = json.loads(
            (wita_site / SITE_FOLDER / f"{kind}.schema.json").read_text(encoding="utf-8")
        )
        for text in descriptions(schema):
            assert not SAYS_TIMES_ARE_WIB.search(text), text


def test_check_on_a_wita_portal_says_wita(wita_project: Path, monkeypatch):
    module = wita_project / MODULE
    original = module.read_text(encoding="utf-8")
    assert "    start: 2026-02-10 08:00\n" in original
    bad = original.replace("    start: 2026-02-10 08:00\n", "    start: 10/02/2026 8.00\n", 1)
    bad = bad.replace("    end: 2026-04-08 16:00\n", "    end: besok sore\n", 1)
    module.write_text(bad, encoding="utf-8")
    try:
        monkeypatch.chdir(wita_project)
        result = CliRunner().invoke(main, ["check", "--no-cache"])
    finally:
        module.write_text(original, encoding="utf-8")
    assert result.exit_code == 1, result.output
    assert (
        "waktu '10/02/2026 8.00' tidak sah; tulis menjadi 2026-02-10 08:00 "
        "(tahun-bulan-hari jam:menit; jam tanpa zona berarti WITA)." in result.output
    )
    assert "tanggal dan jam 2026-02-10 08:00 (WITA)" in result.output
    assert "2026-02-10T08:00+07:00 (WIB)" in result.output  # another zone, named
    assert not SAYS_TIMES_ARE_WIB.search(result.output)


def test_new_on_a_wita_portal_does_not_say_wib(wita_project: Path, monkeypatch):
    monkeypatch.chdir(wita_project)
    result = CliRunner().invoke(main, ["new", "forum", "usu/forum-baru"])
    assert result.exit_code == 0, result.output
    made = wita_project / "curriculum/usu/forums/forum-baru.yml"
    try:
        text = made.read_text(encoding="utf-8")
    finally:
        made.unlink()
    assert not SAYS_TIMES_ARE_WIB.search(text), text
    assert "menurut zona waktu portal" in text
