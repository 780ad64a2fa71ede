"""Every machine-read file of a build, as a strict consumer reads it.

A calendar app (RFC 5545), a feed reader (RFC 4287) and a partner's data
pipeline (JSON Schema, CSV in a spreadsheet) each get a curriculum full of
awkward values: `&`, `<`, quotes, commas, semicolons, backslashes, emoji, a
very long Indonesian word, newlines, an offering over midnight, one in another
zone, a one-day and a cancelled multi-day all-day offering, and a link with
characters a URI may not hold. The files are planned in-process (no MkDocs).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest

from generator.catalog import Catalog
from generator.exports import plan_files

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
TODAY = date(2026, 12, 1)
SITE = "https://portal.example.go.id/"
WIB = ZoneInfo("Asia/Jakarta")

TITLE = (
    'Tes & <b>Judul</b> "kutip", koma; titik-koma \\ garis miring 🎓 '
    "PertanggungjawabanPemberdayaanKesejahteraanMasyarakatBerkelanjutanKotaMedan"
)
NASTY_MODULE = """\
title: "Tes & <b>Judul</b> \\"kutip\\", koma; titik-koma \\\\ garis miring 🎓 \
PertanggungjawabanPemberdayaanKesejahteraanMasyarakatBerkelanjutanKotaMedan"
summary: "Baris satu, koma; titik-koma\\nbaris dua \\\\ <tag> & ]]> selesai"
method: pelatihan
mode: campuran
jp: 12
competency_type: teknis
competencies:
  - pelayanan-publik
offerings:
  - id: lewat-tengah-malam
    name: "Malam, \\"spesial\\"; ya"
    start: 2026-12-20 22:00
    end: 2026-12-21 02:00
    venue:
      name: "Aula \\"Merdeka\\", Lt. 2; Ruang A\\\\B"
      address: "Jl. Sudirman No. 1,\\nPadang Bulan"
      city: Medan
    online: https://contoh.id/kelas?a=1&b=2
    registration:
      url: https://contoh.id/daftar/pelatihan-ñ?kode="A"{1}
      closes: 2026-12-18
  - id: zona-wita
    start: 2026-12-22T09:00+08:00
    end: 2026-12-22T12:00+08:00
  - id: satu-hari
    start: 2026-12-24
    end: 2026-12-24
  - id: beberapa-hari
    start: 2026-12-28
    end: 2026-12-31
    status: cancelled
"""
NASTY_INTERNSHIP = """\
title: "Magang & <Uji> \\"kutip\\" ]]> 🎓"
summary: "Ringkasan & <b>tebal</b>, tanpa titik di akhir"
host:
  unit: "Unit \\"A\\", B; C & D"
  city: Medan
start: 2027-01-18
end: 2027-02-12
quota: 6
jp: 80
competencies:
  - pelayanan-publik
application:
  url: https://contoh.id/magang?a=1&b=2
  closes: 2026-12-30
"""


def _project(tmp_path: Path, **config: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".kurikulum-cache"))
    usu = root / "curriculum" / "usu"
    (usu / "modules" / "uji-format.yml").write_text(NASTY_MODULE, encoding="utf-8")
    (usu / "internships" / "uji-format.yml").write_text(NASTY_INTERNSHIP, encoding="utf-8")
    cfg = root / "site_config.yml"
    text = cfg.read_text(encoding="utf-8")
    for key, value in config.items():
        text = re.sub(rf"(?m)^{key}:.*\n", "", text) + f"{key}: {value}\n"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def _files(cfg: Path) -> dict[str, bytes]:
    catalog = Catalog.from_folder(config_path=cfg, today=TODAY, cache=False)
    return plan_files(catalog)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _files(_project(tmp_path_factory.mktemp("fmt"), url=SITE))


@pytest.fixture(scope="module")
def files_no_url(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _files(_project(tmp_path_factory.mktemp("fmt-no-url")))


# ------------------------------------------------------------------ iCalendar


def _calendars(files: dict[str, bytes]) -> dict[str, bytes]:
    found = {path: raw for path, raw in files.items() if path.endswith(".ics")}
    assert "jadwal.ics" in found and "modul/usu/uji-format/jadwal.ics" in found
    return found


def _unfolded(raw: bytes) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", raw.decode("utf-8")).split("\r\n")[:-1]


def _check_raw_calendar(path: str, raw: bytes) -> None:
    """What a line-based reader (and RFC 5545 3.1) demands of the bytes."""
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), path
    assert not re.search(rb"(?<!\r)\n|\r(?!\n)", raw), f"{path}: a line not ended by CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"{path}: {len(line)} octets: {line!r}"
        line.decode("utf-8")  # a fold never splits a character
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), f"{path}: control in {line!r}"
    lines = _unfolded(raw)
    tzids = {line[5:] for line in lines if line.startswith("TZID:")}
    for line in lines:
        name, _, value = line.partition(":")
        prop = name.split(";")[0]
        for param in re.findall(r";TZID=([^;:]+)", name):
            assert param in tzids, f"{path}: TZID {param} has no VTIMEZONE: {line}"
        if prop in ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME"):
            bare = re.sub(r"\\[\\;,nN]", "", value)
            assert not re.search(r"[\\;,]", bare), f"{path}: unescaped TEXT: {line}"
        if prop == "URL":
            assert re.fullmatch(
                r"[a-z][a-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", value
            ), f"{path}: URL is not an RFC 3986 URI: {value}"


def _check_parsed_calendar(path: str, raw: bytes) -> None:
    cal = icalendar.Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal.get("PRODID"), path
    uids = [str(ev["UID"]) for ev in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)), f"{path}: a UID twice"
    for ev in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            assert required in ev, f"{path}: {ev.get('UID')} without {required}"
        stamp = ev.decoded("DTSTAMP")
        assert stamp.utcoffset() == timedelta(0), f"{path}: DTSTAMP not in UTC"
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is type(end), f"{path}: {ev['UID']}: DTSTART and DTEND differ in type"
        assert end > start, f"{path}: {ev['UID']}: DTEND {end} not after DTSTART {start}"
        if isinstance(start, datetime):
            assert start.tzinfo is not None, f"{path}: {ev['UID']}: floating time"


def test_every_calendar_is_valid_rfc5545(files: dict[str, bytes]) -> None:
    for path, raw in _calendars(files).items():
        _check_raw_calendar(path, raw)
        _check_parsed_calendar(path, raw)


def test_same_uid_is_the_same_event_in_every_calendar(files: dict[str, bytes]) -> None:
    seen: dict[str, bytes] = {}
    for path, raw in _calendars(files).items():
        for ev in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
            body = ev.to_ical()
            assert seen.setdefault(str(ev["UID"]), body) == body, f"{path}: {ev['UID']}"


def _events(files: dict[str, bytes], path: str) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(files[path])
    return {str(ev["UID"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}


def test_awkward_text_reads_back_unchanged(files: dict[str, bytes]) -> None:
    events = _events(files, "modul/usu/uji-format/jadwal.ics")
    night = events["usu.uji-format.lewat-tengah-malam"]
    assert str(night["SUMMARY"]) == TITLE + ' (Malam, "spesial"; ya)'
    assert str(night["LOCATION"]).startswith(
        'Aula "Merdeka", Lt. 2; Ruang A\\B, Jl. Sudirman No. 1,\nPadang Bulan, Medan'
    )
    assert str(night["DESCRIPTION"]).startswith(
        "Baris satu, koma; titik-koma\nbaris dua \\ <tag> & ]]> selesai\n"
    )
    # icalendar keeps X- values raw; Apple and Google read X-WR-CALNAME as TEXT.
    names = _unfolded(files["modul/usu/uji-format/jadwal.ics"])
    escaped = TITLE.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    assert "X-WR-CALNAME:" + escaped in names


def test_edge_dates_land_where_a_calendar_app_shows_them(files: dict[str, bytes]) -> None:
    events = _events(files, "modul/usu/uji-format/jadwal.ics")
    night = events["usu.uji-format.lewat-tengah-malam"]
    assert night.decoded("DTSTART") == datetime(2026, 12, 20, 22, 0, tzinfo=WIB)
    assert night.decoded("DTEND") == datetime(2026, 12, 21, 2, 0, tzinfo=WIB)
    wita = events["usu.uji-format.zona-wita"]  # 09:00 WITA is 08:00 WIB, the same instant
    assert wita.decoded("DTSTART") == datetime(2026, 12, 22, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert wita.decoded("DTEND") - wita.decoded("DTSTART") == timedelta(hours=3)
    one_day = events["usu.uji-format.satu-hari"]
    assert one_day.decoded("DTSTART") == date(2026, 12, 24)
    assert one_day.decoded("DTEND") == date(2026, 12, 25)  # exclusive: the day after
    cancelled = events["usu.uji-format.beberapa-hari"]
    assert (cancelled.decoded("DTSTART"), cancelled.decoded("DTEND")) == (
        date(2026, 12, 28),
        date(2027, 1, 1),
    )
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled.decoded("SEQUENCE") > night.decoded("SEQUENCE")
    deadline = events["usu.uji-format.lewat-tengah-malam.batas-pendaftaran"]
    assert (deadline.decoded("DTSTART"), deadline.decoded("DTEND")) == (
        date(2026, 12, 18),
        date(2026, 12, 19),
    )
    assert deadline["TRANSP"] == "TRANSPARENT"


def test_url_property_is_a_uri_that_opens_the_same_page(files: dict[str, bytes]) -> None:
    """An editor's link with 'ñ', quotes and braces: strict parsers want a URI."""
    raw = files["modul/usu/uji-format/jadwal.ics"]
    deadline = _events(files, "modul/usu/uji-format/jadwal.ics")[
        "usu.uji-format.lewat-tengah-malam.batas-pendaftaran"
    ]
    assert str(deadline["URL"]) == "https://contoh.id/daftar/pelatihan-%C3%B1?kode=%22A%22%7B1%7D"
    # Links already valid are left byte for byte (query separators included).
    assert b"\r\nURL:https://portal.example.go.id/modul/usu/uji-format/\r\n" in raw


def test_a_utc_site_writes_utc_times_not_a_tzid_without_vtimezone(tmp_path: Path) -> None:
    """icalendar makes no VTIMEZONE for UTC: TZID=UTC would dangle (RFC 5545 3.2.19)."""
    files = _files(_project(tmp_path, url=SITE, timezone="UTC"))
    for path, raw in _calendars(files).items():
        _check_raw_calendar(path, raw)
        _check_parsed_calendar(path, raw)
    events = _events(files, "modul/usu/uji-format/jadwal.ics")
    assert events["usu.uji-format.lewat-tengah-malam"].decoded("DTSTART") == datetime(
        2026, 12, 20, 22, 0, tzinfo=ZoneInfo("UTC")
    )
    forum = files["forum/usu/forum-pelayanan/jadwal.ics"].decode()
    assert re.search(r"\r\nDTSTART:\d{8}T\d{6}Z\r\n", forum)
    assert re.search(r"\r\nRRULE:[^\r]*UNTIL=\d{8}T\d{6}Z", forum)


# ------------------------------------------------------------------ Atom

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def _feed(files: dict[str, bytes]):
    from xml.etree import ElementTree

    raw = files["magang/feed.xml"]
    return raw, ElementTree.fromstring(raw)


def test_feed_is_well_formed_atom_with_required_elements(files: dict[str, bytes]) -> None:
    raw, root = _feed(files)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(ATOM + name) is not None, name
    selves = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in selves] == [SITE + "magang/feed.xml"]
    for el in root.iter():
        if el.tag in (f"{ATOM}updated", f"{ATOM}published"):
            assert RFC3339.fullmatch(el.text or ""), el.text
    entries = root.findall(f"{ATOM}entry")
    assert entries and len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.findtext(ATOM + name), name
        assert urlsplit(entry.find(f"{ATOM}link").get("href")).scheme == "https"
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if e.id.endswith("/usu/uji-format"))
    assert entry.title == 'Magang & <Uji> "kutip" ]]> 🎓'
    assert entry.summary.startswith("Ringkasan & <b>tebal</b>, tanpa titik di akhir.")


def test_feed_summary_keeps_the_editors_summary_a_sentence(files: dict[str, bytes]) -> None:
    """A summary without a final period ran into 'Penyelenggara: ...' in readers."""
    entry = next(
        e for e in feedparser.parse(files["magang/feed.xml"]).entries if "uji-format" in e.id
    )
    assert "di akhir. Penyelenggara: " in entry.summary


def test_feed_without_site_url_is_still_valid(files_no_url: dict[str, bytes]) -> None:
    raw, root = _feed(files_no_url)
    assert not feedparser.parse(raw).bozo
    assert all(link.get("rel") != "self" for link in root.findall(f"{ATOM}link"))


# ------------------------------------------------------------------ open data


def _validator(files: dict[str, bytes]) -> jsonschema.Draft202012Validator:
    assert "data/katalog.schema.json" in files, "the data's schema is not published"
    schema = json.loads(files["data/katalog.schema.json"].decode("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("variant", ["files", "files_no_url"])
def test_katalog_json_is_valid_against_the_published_schema(variant, request) -> None:
    files = request.getfixturevalue(variant)
    raw = files["data/katalog.json"]
    assert not raw.startswith(b"\xef\xbb\xbf")
    data = json.loads(raw.decode("utf-8"))
    errors = [f"{list(e.path)}: {e.message}" for e in _validator(files).iter_errors(data)]
    assert not errors, "\n".join(errors[:10])
    module = next(m for m in data["modules"] if m["id"] == "usu/uji-format")
    assert module["title"] == TITLE
    assert module["offerings"][0]["start"] == "2026-12-20T22:00:00+07:00"


def test_schema_catches_a_changed_format(files: dict[str, bytes]) -> None:
    """Closed objects: a renamed, dropped or mistyped key fails a partner's validation."""
    validator = _validator(files)
    data = json.loads(files["data/katalog.json"])
    module = data["modules"][0]
    for change in (
        {"judul": module["title"]},
        {"jp": "24"},
        {"method": "lokakarya"},
    ):
        broken = json.loads(json.dumps(data))
        broken["modules"][0].update(change)
        assert not validator.is_valid(broken), change
    broken = json.loads(json.dumps(data))
    del broken["modules"][0]["offerings"][0]["status"]
    assert not validator.is_valid(broken)


def test_csv_tables_read_in_python_and_spreadsheets(files: dict[str, bytes]) -> None:
    data = json.loads(files["data/katalog.json"])
    expected = {
        "data/modul.csv": len(data["modules"]),
        "data/angkatan.csv": sum(len(m["offerings"]) for m in data["modules"]),
        "data/magang.csv": len(data["internships"]),
        "data/mitra.csv": len(data["partners"]),
    }
    for path, count in expected.items():
        raw = files[path]
        assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: no BOM, spreadsheets read mojibake"
        text = raw.decode("utf-8-sig")
        assert "\r\n" in text and not re.search(r"(?<!\r)\n", text.replace('"', "")), path
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) - 1 == count, f"{path}: one row per record"
        assert len({len(row) for row in rows}) == 1, f"{path}: ragged rows"
    modules = list(csv.DictReader(io.StringIO(files["data/modul.csv"].decode("utf-8-sig"))))
    assert next(r for r in modules if r["id"] == "usu/uji-format")["judul"] == TITLE
    offerings = list(csv.DictReader(io.StringIO(files["data/angkatan.csv"].decode("utf-8-sig"))))
    night = next(r for r in offerings if r["angkatan"] == "lewat-tengah-malam")
    assert night["tempat"] == 'Aula "Merdeka", Lt. 2; Ruang A\\B'
    assert night["mulai"] == "2026-12-20T22:00:00+07:00"
    internships = list(csv.DictReader(io.StringIO(files["data/magang.csv"].decode("utf-8-sig"))))
    assert (
        next(r for r in internships if r["id"] == "usu/uji-format")["unit"] == 'Unit "A", B; C & D'
    )
