"""Calendar files (issue 4): every .ics read by `icalendar` and by an independent reader.

The second reader (tests/schedulehelpers.py) shares no code with `icalendar`: it
unfolds the raw lines itself, resolves TZID through the file's own VTIMEZONE and
expands RRULEs with python-dateutil. Both must agree on every event.

The controlled fixture (tests/fixtures/schedule, built on 2026-03-01 WIB) names the
events checked one by one; the shipped sample is checked for the general rules and
against its YAML session times. UIDs must survive a rebuild, new and renamed files,
reordered lists and edited titles.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path

import icalendar
import pytest
import yaml

pytest.register_assert_rewrite("sitehelpers", "schedulehelpers")

from schedulehelpers import (  # noqa: E402
    SCHEDULE,
    SCHEDULE_EPOCH,
    SCHEDULE_TODAY,
    SITE_URL,
    WIB,
    Calendar,
    calendars,
    page,
    parse_when,
    read_calendar,
)
from sitehelpers import REPO, SAMPLE_EPOCH, build_in_process  # noqa: E402

pytest_plugins = ["sitehelpers", "schedulehelpers"]

DOMAIN = "portal.example.go.id"
TZID = "Asia/Jakarta"


def uid(*parts: str) -> str:
    """The UID the fixture's records get: their place (partner, id, offering, part)."""
    return ".".join(parts) + "@" + DOMAIN


PRIMA_S1 = uid("usu", "pelayanan-prima", "angkatan-1", "sesi-1")
PRIMA_S2 = uid("usu", "pelayanan-prima", "angkatan-1", "sesi-2")
PRIMA_1_DEADLINE = uid("usu", "pelayanan-prima", "angkatan-1", "batas-pendaftaran")
PRIMA_2 = uid("usu", "pelayanan-prima", "angkatan-2")
PRIMA_2_DEADLINE = uid("usu", "pelayanan-prima", "angkatan-2", "batas-pendaftaran")
PRIMA_3 = uid("usu", "pelayanan-prima", "angkatan-3")
LITERASI_1 = uid("unimed", "literasi-digital", "a1")
LITERASI_2 = uid("unimed", "literasi-digital", "a2")
FORUM_MONTHLY = uid("forum", "usu", "forum-pelayanan")
FORUM_BIWEEKLY = uid("forum", "unimed", "klinik-digital")
FORUM_ONCE = uid("forum", "unimed", "temu-alumni")
FORUM_COUNTED = uid("forum", "usu", "kelas-singkat")

EXPECTED_FILES = {
    "jadwal.ics",
    "modul/usu/pelayanan-prima/jadwal.ics",
    "modul/unimed/literasi-digital/jadwal.ics",
    "modul/unimed/kepemimpinan-digital/jadwal.ics",
    "mitra/usu/jadwal.ics",
    "mitra/unimed/jadwal.ics",
    "kompetensi/pelayanan-publik/jadwal.ics",
    "kompetensi/literasi-digital/jadwal.ics",
    "kompetensi/kepemimpinan/jadwal.ics",
    "forum/usu/forum-pelayanan/jadwal.ics",
    "forum/unimed/klinik-digital/jadwal.ics",
    "forum/unimed/temu-alumni/jadwal.ics",
    "forum/usu/kelas-singkat/jadwal.ics",
}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def load(site: Path, rel: str = "jadwal.ics") -> Calendar:
    return read_calendar((site / rel).read_bytes(), rel)


# ------------------------------------------------------------ every file, two readers


def check_calendar_file(path: Path, label: str, seen: set[str]) -> list[str]:
    """Both readers on one file: the RFC 5545 rules both can see, and their agreement.

    The own reader reads every file; `icalendar` (slow: ~2 ms an event) reads each file
    that holds an event not in `seen`, so every distinct event passes through both.
    """
    data = path.read_bytes()
    ours = read_calendar(data, label)
    errors: list[str] = []
    uids = [e.value("UID") for e in ours.events]
    if dupes := sorted({u for u in uids if uids.count(u) > 1}):
        errors.append(f"{label}: UIDs used twice: {dupes}")
    errors += _own_rules(ours, label)
    if set(uids) <= seen and uids:
        return errors
    seen.update(u for u in uids if u)
    theirs = icalendar.Calendar.from_ical(data)
    for comp in theirs.walk():
        errors += [f"{label}: icalendar: {comp.name}: {e}" for e in getattr(comp, "errors", [])]
    theirs_by_uid = {str(e["UID"]): e for e in theirs.walk("VEVENT")}
    if set(theirs_by_uid) != set(uids):
        errors.append(f"{label}: the readers see different events")
    for event in ours.events:
        u = event.value("UID") or "?"
        where = f"{label} {u}"
        other = theirs_by_uid.get(u)
        if other is None:
            continue
        for name in ("DTSTART", "DTEND"):
            if event.get(name) is None:
                continue
            mine = ours.moment(event, name)
            their = other.decoded(name)
            if isinstance(their, datetime):
                their = their.astimezone(UTC)
            if mine != their:
                errors.append(f"{where}: {name} {mine} (own reader) != {their} (icalendar)")
        if str(other["SUMMARY"]) != event.one("SUMMARY").text:
            errors.append(f"{where}: SUMMARY differs between the readers")
        if str(other["DESCRIPTION"]) != event.one("DESCRIPTION").text:
            errors.append(f"{where}: DESCRIPTION differs between the readers")
        if event.get("RRULE"):
            their_rule = other["RRULE"].to_ical().decode()
            if _rule_parts(their_rule) != _rule_parts(event.one("RRULE").value):
                errors.append(f"{where}: RRULE {event.one('RRULE').value} != {their_rule}")
    return errors


def _own_rules(ours: Calendar, label: str) -> list[str]:
    errors: list[str] = []
    root = ours.root
    if root.value("VERSION") != "2.0" or not root.value("PRODID"):
        errors.append(f"{label}: VERSION:2.0 and PRODID are required")
    used_tzids = {p.params["TZID"] for e in ours.events for p in e.props if "TZID" in p.params}
    if missing := used_tzids - set(root.timezones):
        errors.append(f"{label}: TZID without VTIMEZONE: {sorted(missing)}")
    for event in ours.events:
        u = event.value("UID") or "?"
        where = f"{label} {u}"
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "DESCRIPTION"):
            if len(event.all(name)) != 1:
                errors.append(f"{where}: {len(event.all(name))} {name}, wanted 1")
        if event.get("DTEND") and event.get("DURATION"):
            errors.append(f"{where}: both DTEND and DURATION")
        start = ours.moment(event, "DTSTART")
        end = ours.moment(event, "DTEND") if event.get("DTEND") else start
        if type(start) is not type(end):
            errors.append(
                f"{where}: DTSTART is a {type(start).__name__}, DTEND a {type(end).__name__}; "
                "RFC 5545 3.6.1 wants the same value type"
            )
        elif end <= start and event.get("DTEND"):
            errors.append(f"{where}: DTEND {end} not after DTSTART {start}")
        for name in ("DTSTART", "DTEND"):
            prop = event.get(name)
            if prop and prop.params.get("VALUE") != "DATE" and "TZID" not in prop.params:
                errors.append(f"{where}: {name}:{prop.value} has no TZID (floating or UTC)")
    return errors


def _rule_parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";"))


def test_fixture_has_every_calendar_file(schedule_site: Path) -> None:
    assert set(calendars(schedule_site)) == EXPECTED_FILES


@pytest.mark.parametrize("site_name", ["schedule_site", "sample_site"])
def test_every_calendar_parses_with_both_readers(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_name)
    files = calendars(site)
    assert "jadwal.ics" in files
    assert len(files) > 5
    errors: list[str] = []
    seen: set[str] = set()
    # Event-rich files first: the per-partner and per-competency files repeat their events.
    order = sorted(files, key=lambda rel: (rel != "jadwal.ics", rel.split("/")[0] != "modul", rel))
    for rel in order:
        errors += check_calendar_file(files[rel], rel, seen)
    assert not errors, "\n".join(errors[:40])


def test_jakarta_vtimezone(schedule_site: Path) -> None:
    cal = load(schedule_site)
    assert list(cal.root.timezones) == [TZID]
    tz = cal.root.timezones[TZID]
    assert {obs.one("TZOFFSETTO").value for obs in tz.children} == {"+0700"}
    assert cal.utc_offset(TZID, datetime(2026, 4, 6, 8)) == timedelta(hours=7)


# ------------------------------------------------------------ offerings, one by one


def test_sessions_at_the_right_wib_hour(schedule_site: Path) -> None:
    """Two sessions at 08:00–12:00 WIB: two events, 01:00Z–05:00Z, and no whole-offering block."""
    for rel in ("jadwal.ics", "modul/usu/pelayanan-prima/jadwal.ics", "mitra/usu/jadwal.ics"):
        cal = load(schedule_site, rel)
        theirs = icalendar.Calendar.from_ical((schedule_site / rel).read_bytes())
        by_uid = {str(e["UID"]): e for e in theirs.walk("VEVENT")}
        for u, day in ((PRIMA_S1, 6), (PRIMA_S2, 7)):
            raw = cal.raw_event(u)
            assert f"DTSTART;TZID={TZID}:202604{day:02}T080000" in raw, raw
            assert f"DTEND;TZID={TZID}:202604{day:02}T120000" in raw, raw
            event = cal.event(u)
            assert cal.moment(event, "DTSTART") == utc(2026, 4, day, 1, 0)
            assert cal.moment(event, "DTEND") == utc(2026, 4, day, 5, 0)
            start = by_uid[u].decoded("DTSTART")
            assert start.astimezone(UTC) == utc(2026, 4, day, 1, 0)
            assert str(start.tzinfo) == TZID
        titles = [cal.event(u).one("SUMMARY").text for u in (PRIMA_S1, PRIMA_S2)]
        assert "Hari pertama" in titles[0] and "Hari kedua" in titles[1]
        assert all("Pelayanan Prima" in t for t in titles)
        offering = [
            e.value("UID")
            for e in cal.events
            if (e.value("UID") or "").startswith("usu.pelayanan-prima.angkatan-1")
        ]
        assert sorted(offering) == sorted([PRIMA_S1, PRIMA_S2, PRIMA_1_DEADLINE]), offering


def test_date_only_offering_is_all_day(schedule_site: Path) -> None:
    cal = load(schedule_site)
    raw = cal.raw_event(PRIMA_2)
    assert "DTSTART;VALUE=DATE:20260511" in raw
    assert "DTEND;VALUE=DATE:20260514" in raw, "11–13 Mei: DTEND is the day after, exclusive"
    event = icalendar.Calendar.from_ical((schedule_site / "jadwal.ics").read_bytes())
    found = [e for e in event.walk("VEVENT") if str(e["UID"]) == PRIMA_2][0]
    assert found.decoded("DTSTART") == date(2026, 5, 11)
    assert found.decoded("DTEND") == date(2026, 5, 14)


def test_timed_start_with_date_only_end(schedule_site: Path) -> None:
    """`start: 2026-03-16T09:00+07:00, end: 2026-03-20`: the end covers 20 March."""
    cal = load(schedule_site)
    event = cal.event(LITERASI_1)
    assert f"DTSTART;TZID={TZID}:20260316T090000" in cal.raw_event(LITERASI_1)
    assert cal.moment(event, "DTSTART") == utc(2026, 3, 16, 2, 0)
    assert cal.moment(event, "DTEND") == utc(2026, 3, 20, 17, 0)  # 21 March 00:00 WIB


def test_cancelled_and_postponed(schedule_site: Path) -> None:
    cal = load(schedule_site)
    cancelled = cal.event(PRIMA_3)
    assert cancelled.one("STATUS").value == "CANCELLED"
    assert int(cancelled.one("SEQUENCE").value) > 0, "a cancellation is a revision of the event"
    postponed = cal.event(LITERASI_2)
    assert postponed.one("STATUS").value != "CANCELLED"
    for u in (PRIMA_S1, PRIMA_2, FORUM_MONTHLY):
        assert cal.event(u).one("STATUS").value == "CONFIRMED"
    assert not [
        e
        for e in cal.events
        if (e.value("UID") or "").startswith("usu.pelayanan-prima.angkatan-3.")
    ], "a cancelled offering has no registration deadline to remind of"


def test_a_later_revision_never_has_a_lower_sequence(schedule_site: Path, tmp_path: Path) -> None:
    """A calendar app keeps the version with the highest SEQUENCE: the postponed
    offering scheduled again on new dates, a day later, must win over the postponed one."""
    root = tmp_path / "input"
    shutil.copytree(SCHEDULE, root)
    path = root / "curriculum" / "unimed" / "modules" / "literasi-digital.yml"
    text = path.read_text(encoding="utf-8")
    old = "    start: 2026-04-20\n    end: 2026-04-21\n"
    assert old in text and "    status: postponed\n" in text
    text = text.replace(old, "    start: 2026-05-18\n    end: 2026-05-19\n")
    path.write_text(text.replace("    status: postponed\n", ""), encoding="utf-8")
    next_day = str(int(SCHEDULE_EPOCH) + 86400)
    later = load(build_in_process(root / "site_config.yml", tmp_path / "site", next_day))
    before = load(schedule_site)
    postponed, rescheduled = before.event(LITERASI_2), later.event(LITERASI_2)
    assert rescheduled.one("STATUS").value == "CONFIRMED"
    assert postponed.one("STATUS").value == "TENTATIVE"
    assert int(rescheduled.one("SEQUENCE").value) > int(postponed.one("SEQUENCE").value)
    # Within one build, a cancellation outranks a scheduled offering.
    assert int(before.event(PRIMA_3).one("SEQUENCE").value) > int(
        before.event(PRIMA_2).one("SEQUENCE").value
    )


def test_registration_deadlines_are_events(schedule_site: Path) -> None:
    cal = load(schedule_site)
    for u, closes, start in (
        (PRIMA_1_DEADLINE, date(2026, 3, 31), "20260331"),
        (PRIMA_2_DEADLINE, date(2026, 5, 4), "20260504"),
    ):
        event = cal.event(u)
        assert f"DTSTART;VALUE=DATE:{start}" in cal.raw_event(u)
        assert cal.moment(event, "DTSTART") == closes
        assert cal.moment(event, "DTEND") == closes + timedelta(days=1)
        summary = event.one("SUMMARY").text
        assert "pendaftaran" in summary.lower() and "Pelayanan Prima" in summary
        assert event.one("URL").value == "https://www.usu.ac.id/daftar"


def test_event_properties(schedule_site: Path) -> None:
    cal = load(schedule_site, "modul/usu/pelayanan-prima/jadwal.ics")
    event = cal.event(PRIMA_S1)
    assert event.one("URL").value == SITE_URL + "modul/usu/pelayanan-prima/"
    location = event.one("LOCATION").text
    assert "Gedung Pusat Pelatihan USU" in location and "Medan" in location
    description = event.one("DESCRIPTION").text
    assert "Universitas Sumatera Utara" in description
    assert "WIB" in description
    assert cal.event(PRIMA_2).one("SEQUENCE").value == event.one("SEQUENCE").value
    assert cal.event(PRIMA_2).one("LOCATION").text.endswith("https://meet.example.org/prima")
    # Every offering and forum event says where and links to its page.
    everything = load(schedule_site)
    for e in everything.events:
        u = e.value("UID") or ""
        if u.split("@")[0].endswith("batas-pendaftaran"):
            continue
        assert e.get("LOCATION"), f"{u}: no LOCATION"
        url = e.one("URL").value
        assert url.startswith(SITE_URL) and url.endswith("/"), f"{u}: URL {url}"
        rel = url.removeprefix(SITE_URL)
        assert (schedule_site / rel / "index.html").is_file(), f"{u}: URL {url} has no page"


def test_dtstamp_is_the_build_day(schedule_site: Path) -> None:
    cal = load(schedule_site)
    stamps = {e.one("DTSTAMP").value for e in cal.events}
    # Midnight of the build's day in Medan (UTC+7) is 17:00 UTC the day before:
    # never later than the build itself.
    start = datetime.combine(SCHEDULE_TODAY, time(0), tzinfo=WIB).astimezone(UTC)
    assert stamps == {start.strftime("%Y%m%dT%H%M%SZ")}
    assert start.strftime("%H%M") == "1700"


# ------------------------------------------------------------------------ forums


FORUM_PAGES = {
    FORUM_MONTHLY: "forum/usu/forum-pelayanan/",
    FORUM_BIWEEKLY: "forum/unimed/klinik-digital/",
    FORUM_ONCE: "forum/unimed/temu-alumni/",
}


def page_meetings(site: Path, url: str) -> list[tuple[datetime, datetime]]:
    """The meetings a forum page lists under "Pertemuan berikutnya"."""
    tree = page(site, url)
    heading = tree.find("h2", id="pertemuan")
    assert heading is not None, f"{url}: no 'Pertemuan berikutnya'"
    siblings = [c for c in heading.parent.children if not isinstance(c, str)]
    after = siblings[siblings.index(heading) + 1]
    return [parse_when(li.text) for li in after.find_all("li")]


def test_forum_is_one_event_with_its_series(schedule_site: Path) -> None:
    cal = load(schedule_site, "forum/usu/forum-pelayanan/jadwal.ics")
    assert len(cal.events) == 1
    event = cal.events[0]
    assert event.value("UID") == FORUM_MONTHLY
    rule = event.one("RRULE").value
    assert "FREQ=MONTHLY" in rule and "BYDAY=2TH" in rule
    assert f"DTSTART;TZID={TZID}:20260108T140000" in cal.raw_event(FORUM_MONTHLY)
    series = cal.occurrences(event)
    # The second Thursday of each month of 2026, 14:00 WIB (07:00Z), until 31 December.
    assert len(series) == 12
    assert series[0] == utc(2026, 1, 8, 7, 0)
    assert series[-1] == utc(2026, 12, 10, 7, 0)
    assert all(s.astimezone(WIB).weekday() == 3 and 8 <= s.day <= 14 for s in series)
    assert cal.moment(event, "DTEND") - cal.moment(event, "DTSTART") == timedelta(minutes=90)


def test_forum_series_includes_its_until_day(schedule_site: Path) -> None:
    """Every other Wednesday from 4 February until 24 June: 24 June is a meeting."""
    cal = load(schedule_site, "forum/unimed/klinik-digital/jadwal.ics")
    series = cal.occurrences(cal.event(FORUM_BIWEEKLY))
    assert len(series) == 11
    assert series[-1] == utc(2026, 6, 24, 2, 30)
    assert {(b - a) for a, b in zip(series, series[1:], strict=False)} == {timedelta(days=14)}


def test_forum_with_count_and_until(schedule_site: Path) -> None:
    """`COUNT=6` and `until: 2026-03-20`: three Tuesdays, one RRULE without COUNT and UNTIL both."""
    cal = load(schedule_site, "forum/usu/kelas-singkat/jadwal.ics")
    event = cal.event(FORUM_COUNTED)
    parts = _rule_parts(event.one("RRULE").value)
    assert not ("COUNT" in parts and "UNTIL" in parts), parts
    assert cal.occurrences(event) == [utc(2026, 3, d, 8, 0) for d in (3, 10, 17)]


def test_one_off_forum_has_no_rrule(schedule_site: Path) -> None:
    cal = load(schedule_site, "forum/unimed/temu-alumni/jadwal.ics")
    event = cal.event(FORUM_ONCE)
    assert event.get("RRULE") is None
    assert cal.occurrences(event) == [utc(2026, 3, 20, 6, 0)]


@pytest.mark.parametrize("site_name", ["schedule_site", "sample_site"])
def test_forum_rrule_expansion_matches_the_page(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    """dateutil's expansion of the calendar's RRULE gives the meetings the forum page shows."""
    site: Path = request.getfixturevalue(site_name)
    forum_files = {rel: p for rel, p in calendars(site).items() if rel.startswith("forum/")}
    assert forum_files
    for rel in forum_files:
        cal = load(site, rel)
        assert len(cal.events) == 1, f"{rel}: a forum is one VEVENT"
        event = cal.events[0]
        duration = cal.moment(event, "DTEND") - cal.moment(event, "DTSTART")
        shown = page_meetings(site, rel.removesuffix("jadwal.ics"))
        build_day = _build_day(site)
        after = datetime.combine(build_day, datetime.min.time(), tzinfo=WIB)
        upcoming = [s for s in cal.occurrences(event) if s + duration >= after]
        expected = [(s.astimezone(WIB), (s + duration).astimezone(WIB)) for s in upcoming]
        assert shown == expected[: len(shown)], f"{rel}: page {shown} vs calendar {expected}"
        assert len(shown) >= min(len(expected), 3), f"{rel}: the page shows too few meetings"


def _build_day(site: Path) -> date:
    """The build's "today": the DTSTAMP of its calendars."""
    stamp = load(site).events[0].one("DTSTAMP").value
    made = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return made.astimezone(WIB).date()


# ------------------------------------------------------------ the shipped sample


def _raw_moment(text: str) -> datetime | date:
    """A YAML start/end as the editor wrote it, read without the project's model."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?(.*)", text.strip())
    assert m, text
    y, mo, d, hh, mm, ss, zone = m.groups()
    if hh is None:
        return date(int(y), int(mo), int(d))
    tz: tzinfo = WIB
    if zone == "Z":
        tz = UTC
    elif zone:
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        tz = timezone(-offset if zone.startswith("-") else offset)
    return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0), tzinfo=tz)


def test_sample_sessions_at_their_yaml_hours(sample_site: Path) -> None:
    """Each session the shipped YAML gives is one event in its module's calendar, at that hour."""
    checked = 0
    for path in sorted((REPO / "curriculum").glob("*/modules/*.yml")):
        partner, module = path.parent.parent.name, path.stem
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        if data.get("draft") == "true":
            continue
        rel = f"modul/{partner}/{module}/jadwal.ics"
        for offering in data.get("offerings") or []:
            sessions = offering.get("sessions") or []
            if not sessions:
                continue
            cal = load(sample_site, rel)
            prefix = f"{partner}.{module}.{offering['id']}."
            events = {
                (cal.moment(e, "DTSTART"), cal.moment(e, "DTEND")): e
                for e in cal.events
                if (e.value("UID") or "").startswith(prefix + "sesi-")
            }
            assert len(events) == len(sessions), f"{rel} {offering['id']}: sessions vs events"
            for s in sessions:
                start, end = _raw_moment(s["start"]), _raw_moment(s["end"])
                key = (
                    start.astimezone(UTC) if isinstance(start, datetime) else start,
                    end.astimezone(UTC) if isinstance(end, datetime) else end + timedelta(days=1),
                )
                assert key in events, f"{rel}: no event at {key} for session {s}"
                checked += 1
    assert checked >= 3, "the sample should have offerings with sessions"


def test_sample_cancelled_offerings_are_cancelled(sample_site: Path) -> None:
    cal = load(sample_site, "jadwal.ics")
    cancelled = [e for e in cal.events if e.one("STATUS").value == "CANCELLED"]
    assert cancelled, "the sample has a cancelled offering within the calendar's window"
    for e in cancelled:
        assert int(e.one("SEQUENCE").value) > 0
    forums = [e for e in cal.events if e.get("RRULE")]
    assert len(forums) >= 3, "three forums with their series"


# ------------------------------------------------------------ UIDs stay the same


def uid_map(site: Path) -> dict[str, dict[str, tuple]]:
    """file → UID → (DTSTART, DTEND, RRULE) of every event of every calendar."""
    out: dict[str, dict[str, tuple]] = {}
    for rel, _ in calendars(site).items():
        cal = load(site, rel)
        out[rel] = {
            e.value("UID") or "": (
                cal.moment(e, "DTSTART"),
                cal.moment(e, "DTEND") if e.get("DTEND") else None,
                e.value("RRULE"),
            )
            for e in cal.events
        }
    return out


def test_uids_unchanged_by_rebuilding(schedule_site: Path, schedule_rebuild: Path) -> None:
    first, second = calendars(schedule_site), calendars(schedule_rebuild)
    assert set(first) == set(second)
    for rel in first:
        assert first[rel].read_bytes() == second[rel].read_bytes(), f"{rel} differs on rebuild"
    assert uid_map(schedule_site) == uid_map(schedule_rebuild)


def test_uids_unchanged_by_new_renamed_and_reordered_files(
    schedule_site: Path, reordered_site: Path
) -> None:
    before, after = uid_map(schedule_site), uid_map(reordered_site)
    renamed = "unimed.kepemimpinan-digital."
    # The new records did arrive (so the variant really sorts first).
    assert uid("usu", "aaa-etika", "a1", "sesi-1") in after["jadwal.ics"]
    assert uid("forum", "usu", "aaa-apel") in after["jadwal.ics"]
    assert uid("unimed", "kepemimpinan-era-digital", "a1") in after["jadwal.ics"]
    for rel, events in before.items():
        if "kepemimpinan-digital" in rel:
            continue  # the renamed module's own calendar moved with it
        for u, when in events.items():
            if u.startswith(renamed):
                continue
            assert u in after[rel], f"{rel}: UID {u} disappeared"
            assert after[rel][u] == when, f"{rel}: {u} now {after[rel][u]}, was {when}"


def test_uids_unchanged_by_edited_titles(schedule_site: Path, retitled_site: Path) -> None:
    before, after = uid_map(schedule_site), uid_map(retitled_site)
    assert before == after
    cal = load(retitled_site)
    assert "Pelayanan Prima Berbasis Empati" in cal.event(PRIMA_S1).one("SUMMARY").text
    assert "Pembukaan dan standar pelayanan" in cal.event(PRIMA_S1).one("SUMMARY").text
    assert cal.event(FORUM_MONTHLY).one("SUMMARY").text == "Forum Bulanan Praktik Baik"


@pytest.mark.parametrize(
    "name",
    ["Pelatihan Dasar", "Etika, Integritas; dan Anti\\Korupsi", "Kepemimpinan Ä " * 12],
)
def test_calendar_name_is_escaped_and_folded(name: str) -> None:
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from generator.exports.ics import _Writer

    config = SimpleNamespace(tz=ZoneInfo(TZID), url="https://portal.example/")
    writer = _Writer(SimpleNamespace(config=config, today=date(2026, 3, 1)))
    data = writer.calendar(name, [])
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), data
    cal = icalendar.Calendar.from_ical(data)
    # X-WR-CALNAME is TEXT (RFC 5545 3.8.8.2: the default of non-standard
    # properties), escaped like SUMMARY; icalendar hands it over as written.
    raw = str(cal["X-WR-CALNAME"])
    assert re.sub(r"\\([\\;,nN])", lambda m: {"n": "\n", "N": "\n"}.get(m[1], m[1]), raw) == name
    assert str(cal["X-WR-TIMEZONE"]) == TZID
    assert list(cal.timezones) and cal["VERSION"] == "2.0"


def test_calendars_of_many_modules_keep_recent_and_coming_events(sample_site: Path) -> None:
    """A module's calendar keeps its history; jadwal.ics and the partner and competency
    calendars drop what ended more than ARCHIVE_DAYS before the build."""
    from generator.exports.ics import ARCHIVE_DAYS

    today = datetime.fromtimestamp(int(SAMPLE_EPOCH), UTC).date()
    horizon = today - timedelta(days=ARCHIVE_DAYS)

    def uids(path: Path) -> dict[str, date]:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        out = {}
        for event in cal.walk("VEVENT"):
            end = event.decoded("DTEND")
            out[str(event["UID"])] = end.date() if isinstance(end, datetime) else end
        return out

    # An offering's events (sessions, its registration deadline) go together, by
    # the end of the offering: the latest DTEND among them. An all-day event's
    # DTEND is the next day, so the day at the horizon is left out of both sets.
    ends: dict[str, date] = {}
    partners: dict[str, str] = {}
    events: dict[str, list[str]] = {}
    for path in sample_site.glob("modul/*/*/jadwal.ics"):
        for uid_, end in uids(path).items():
            offering = ".".join(uid_.split("@")[0].split(".")[:3])
            ends[offering] = max(ends.get(offering, end), end)
            partners[offering] = path.parts[-3]
            events.setdefault(offering, []).append(uid_)
    old = {u: partners[o] for o in ends if ends[o] < horizon for u in events[o]}
    recent = {
        u: partners[o] for o in ends if ends[o] - timedelta(days=1) >= horizon for u in events[o]
    }
    assert old and recent
    many = ["jadwal.ics", *sample_site.glob("mitra/*/jadwal.ics")]
    many += list(sample_site.glob("kompetensi/*/jadwal.ics"))
    for path in many:
        found = uids(sample_site / path)
        assert not found.keys() & old.keys(), path
    for uid_, partner in recent.items():
        assert uid_ in uids(sample_site / "mitra" / partner / "jadwal.ics")
