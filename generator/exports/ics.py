"""iCalendar files: everything, and one per module, partner, competency and forum.

The `icalendar` library makes the VTIMEZONE and reads our files back in the
tests; the events themselves are written here, because its serializer spent
about 15 ms per offering (most of it folding lines), minutes at 30,000.

Each event is serialized once and calendars are assembled from those bytes:
at 30,000 offerings that is what keeps this step linear. UIDs come from the
record's place (partner, id, offering id), never from its title or the order
of files, so a calendar client updates the same event after a rebuild.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from urllib.parse import quote, urlsplit

from icalendar import Calendar, Event

from generator.catalog import Catalog, ScheduledOffering, forum_meetings
from generator.model import (
    Forum,
    Module,
    OfferingStatus,
    end_instant,
    local_day,
    start_instant,
)
from generator.render import range_id

PRODID = "-//Portal Kurikulum//Jadwal Pengembangan Kompetensi ASN//ID"
# RFC 5545 wants SEQUENCE to grow with each revision, and a calendar app keeps
# the version with the highest one. Without state between builds the build's
# day stands for the revision: a later build never goes backwards (a postponed
# offering scheduled again, new dates), and within one day's builds the status
# orders the versions (a cancellation supersedes the morning's schedule).
_SEQUENCE = {OfferingStatus.SCHEDULED: 0, OfferingStatus.POSTPONED: 1, OfferingStatus.CANCELLED: 2}
_SEQUENCE_STEP = 4  # per day: more than any status's rank
_SEQUENCE_EPOCH = date(2020, 1, 1)
_STATUS = {
    OfferingStatus.SCHEDULED: "CONFIRMED",
    OfferingStatus.POSTPONED: "TENTATIVE",
    OfferingStatus.CANCELLED: "CANCELLED",
}
ARCHIVE_DAYS = 90  # calendars of many modules keep events that ended at most this long ago


def module_ics_url(module: Module) -> str:
    return f"modul/{module.partner_id}/{module.id}/jadwal.ics"


def forum_ics_url(forum: Forum) -> str:
    return f"forum/{forum.partner_id}/{forum.id}/jadwal.ics"


class _Writer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.tz = catalog.config.tz
        base = catalog.config.url
        self.base = base.rstrip("/") + "/" if base else None
        self.domain = urlsplit(base).hostname if base else None
        self.domain = self.domain or "portal-kurikulum"
        # DTSTAMP: when this calendar was made; the start of the build's day (in the
        # site's time zone, written in UTC) keeps it reproducible and never ahead of
        # the build.
        self.stamp = datetime.combine(catalog.today, time(0), tzinfo=self.tz).astimezone(UTC)
        self.tz_name = str(self.tz)
        self.vtimezone = _vtimezone(self.tz)
        # icalendar makes no VTIMEZONE for UTC (nor its aliases), and a TZID without
        # one breaks RFC 5545 (3.2.19): such a site's times are written in UTC ("Z").
        self.utc = not self.vtimezone
        self.dtstamp = f"DTSTAMP:{_day(self.stamp)}T{_clock(self.stamp)}Z"
        self.revision = max(0, (catalog.today - _SEQUENCE_EPOCH).days) * _SEQUENCE_STEP

    def url(self, path: str) -> str | None:
        return self.base + path if self.base else None

    def uid(self, *parts: str) -> str:
        return ".".join(parts) + "@" + self.domain

    def _event(
        self,
        *,
        uid: str,
        summary: str,
        start: date | datetime,
        end: date | datetime,
        description: str,
        location: str | None,
        url: str | None,
        status: str = "CONFIRMED",
        sequence: int = 0,
        transparent: bool = False,
        rrule: str | None = None,
    ) -> bytes:
        lines = [
            "BEGIN:VEVENT",
            f"UID:{_text(uid)}",
            self.dtstamp,
            f"SEQUENCE:{self.revision + sequence}",
            f"SUMMARY:{_text(summary)}",
        ]
        if isinstance(start, datetime):
            lines.append(self._when("DTSTART", start))
            # DTEND takes DTSTART's value type (RFC 5545 3.6.1): a date-only end
            # becomes the midnight that closes its day.
            lines.append(self._when("DTEND", end_instant(end, self.tz)))
        else:
            # All-day: DTEND is the day after the last day (exclusive).
            lines.append(f"DTSTART;VALUE=DATE:{_day(start)}")
            lines.append(f"DTEND;VALUE=DATE:{_day(local_day(end) + timedelta(days=1))}")
        if rrule:
            lines.append(f"RRULE:{rrule}")
        lines.append(f"STATUS:{status}")
        if location:
            lines.append(f"LOCATION:{_text(location)}")
        if url:
            lines.append(f"URL:{_uri(url)}")
        lines.append(f"DESCRIPTION:{_text(description)}")
        if transparent:
            lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
        return _lines(lines)

    def _when(self, name: str, moment: datetime) -> str:
        if self.utc:
            moment = moment.astimezone(UTC)
            return f"{name}:{_day(moment)}T{_clock(moment)}Z"
        local = moment.astimezone(self.tz)
        return f"{name};TZID={self.tz_name}:{_day(local)}T{_clock(local)}"

    def offering_events(self, item: ScheduledOffering) -> list[bytes]:
        module, offering = item.module, item.offering
        partner = self.catalog.partner(module)
        page = self.url(f"modul/{module.partner_id}/{module.id}/")
        uid_base = (module.partner_id, module.id, offering.id)
        title = module.title + (f" ({offering.name})" if offering.name else "")
        if offering.status is OfferingStatus.CANCELLED:
            title = f"DIBATALKAN: {title}"
        elif offering.status is OfferingStatus.POSTPONED:
            title = f"DITUNDA: {title}"
        location = _location(offering)
        lines = [
            module.summary,
            f"Penyelenggara: {partner.name}",
            f"{module.jp} JP · {module.method.label} · {module.mode.label}",
            f"Waktu: {range_id(offering.start, offering.end)}",
        ]
        if offering.online:
            lines.append(f"Tautan daring: {offering.online}")
        reg = offering.registration
        if reg and reg.url:
            lines.append(f"Pendaftaran: {reg.url}")
        if page:
            lines.append(f"Informasi: {page}")
        description = "\n".join(lines)
        common = dict(
            location=location,
            url=page,
            status=_STATUS[offering.status],
            sequence=_SEQUENCE[offering.status],
        )
        events: list[bytes] = []
        if offering.sessions:
            # Numbered in order of time, not of the YAML list: reordering keeps the UIDs.
            sessions = sorted(
                offering.sessions,
                key=lambda s: (start_instant(s.start, self.tz), end_instant(s.end, self.tz)),
            )
            for n, session in enumerate(sessions, start=1):
                summary = f"{title}: {session.title}" if session.title else f"{title}, sesi {n}"
                events.append(
                    self._event(
                        uid=self.uid(*uid_base, f"sesi-{n}"),
                        summary=summary,
                        start=session.start,
                        end=session.end,
                        description=description,
                        **common,
                    )
                )
        else:
            events.append(
                self._event(
                    uid=self.uid(*uid_base),
                    summary=title,
                    start=offering.start,
                    end=offering.end,
                    description=description,
                    **common,
                )
            )
        if reg and reg.closes and offering.status is not OfferingStatus.CANCELLED:
            events.append(
                self._event(
                    uid=self.uid(*uid_base, "batas-pendaftaran"),
                    summary=f"Batas pendaftaran: {title}",
                    start=reg.closes,
                    end=reg.closes,
                    description=description,
                    location=None,
                    url=reg.url or page,
                    transparent=True,
                )
            )
        return events

    def forum_event(self, forum: Forum) -> bytes:
        schedule = forum.schedule
        partner = self.catalog.partner(forum)
        page = self.url(f"forum/{forum.partner_id}/{forum.id}/")
        end = schedule.first + timedelta(minutes=schedule.duration_minutes)
        lines = [forum.summary, f"Penyelenggara: {partner.name}"]
        if forum.online:
            lines.append(f"Tautan daring: {forum.online}")
        if page:
            lines.append(f"Informasi: {page}")
        rule = schedule.recurrence
        if rule and schedule.until and "UNTIL=" not in rule:
            # With a zoned DTSTART, RFC 5545 wants UNTIL in UTC.
            last = datetime.combine(schedule.until, time(23, 59, 59), tzinfo=self.tz)
            if "COUNT=" in rule:
                # COUNT and UNTIL may not meet in one RRULE: end at the last meeting
                # that both allow, as the forum page does.
                meetings = forum_meetings(forum, limit=100_000)
                last = meetings[-1].start if meetings else last
                rule = ";".join(p for p in rule.split(";") if not p.startswith("COUNT="))
            rule += f";UNTIL={last.astimezone(UTC):%Y%m%dT%H%M%SZ}"
        return self._event(
            uid=self.uid("forum", forum.partner_id, forum.id),
            summary=forum.title,
            start=schedule.first,
            end=end,
            description="\n".join(lines),
            location=_location(forum),
            url=page,
            rrule=rule,
        )

    def calendar(self, name: str, events: list[bytes]) -> bytes:
        # The head is written here rather than by icalendar, which took about
        # 0.5 ms a calendar (a national catalog has 50,000 module calendars). One
        # join: adding the parts copied jadwal.ics (50 MB at 10,000 modules) twice.
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{_text(name)}",
            f"X-WR-TIMEZONE:{self.tz_name}",
        ]
        return b"".join([_lines(lines), self.vtimezone, *events, b"END:VCALENDAR\r\n"])


@lru_cache(maxsize=8)
def _vtimezone(tz: tzinfo) -> bytes:
    """The VTIMEZONE of `tz`, made by icalendar (about 80 ms: once per process)."""
    probe = Calendar()
    event = Event()
    event.add("dtstart", datetime(2026, 1, 1, tzinfo=tz))
    probe.add_component(event)
    probe.add_missing_timezones()
    return b"".join(zone.to_ical() for zone in probe.timezones)


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")  # never a bare CR: it would end the content line
    )


# Characters a URI may hold as they are (RFC 3986: reserved, unreserved and '%').
_URI_SAFE = "!#$%&'()*+,-./:;=?@[]_~"
_URI_OTHER = re.compile(r"[^A-Za-z0-9" + re.escape(_URI_SAFE) + "]")


def _uri(url: str) -> str:
    """`url` as an RFC 3986 URI: an editor's link may hold non-ASCII letters or
    characters such as a quote or a brace, which strict calendar parsers refuse
    in a URI value; they are percent-encoded (UTF-8), the rest is kept."""
    if not _URI_OTHER.search(url):
        return url
    return quote(url, safe=_URI_SAFE)


def _day(value: date) -> str:
    """YYYYMMDD, without strftime (about twice as slow)."""
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _clock(value: datetime) -> str:
    return f"{value.hour:02d}{value.minute:02d}{value.second:02d}"


def _lines(lines: list[str]) -> bytes:
    """Content lines, each ended by CRLF and folded when longer than 75 octets."""
    return ("\r\n".join([_fold(line) for line in lines]) + "\r\n").encode("utf-8")


def _fold(line: str) -> str:
    """One content line folded at 75 octets, without splitting a UTF-8 character."""
    if len(line) <= 75 and line.isascii():
        return line
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    if len(raw) == len(line):  # ASCII: every octet is a character
        return "\r\n ".join([line[:75]] + [line[i : i + 74] for i in range(75, len(line), 74)])
    parts = []
    start, limit = 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(parts)


def _location(record) -> str | None:
    parts = []
    venue = getattr(record, "venue", None)
    if venue is not None:
        parts.append(", ".join(p for p in (venue.name, venue.address, venue.city) if p))
    if getattr(record, "online", None):
        parts.append(f"Daring: {record.online}")
    return " · ".join(parts) or None


EventMap = dict[tuple[str, str], list[bytes]]


def offering_events(catalog: Catalog, modules: list[Module]) -> EventMap:
    """The serialized events of each offering of `modules`, by (module key, offering id).

    The costly part of the calendars; the build computes it in its page workers.
    """
    writer = _Writer(catalog)
    events: EventMap = {}
    for item in catalog.scheduled(modules):
        events[(item.module.key, item.offering.id)] = writer.offering_events(item)
    return events


def module_calendars(catalog: Catalog, modules: list[Module], events: EventMap) -> dict[str, bytes]:
    writer = _Writer(catalog)
    return {
        module_ics_url(m): writer.calendar(
            m.title, [e for o in m.offerings for e in events.get((m.key, o.id), ())]
        )
        for m in modules
    }


def calendar_files(
    catalog: Catalog, events: EventMap | None = None, *, per_module: bool = True
) -> dict[str, bytes]:
    """Calendar files: everything, per partner, competency and forum (and per module)."""
    return dict(calendar_file_items(catalog, events, per_module=per_module))


def calendar_file_items(
    catalog: Catalog, events: EventMap | None = None, *, per_module: bool = True
) -> Iterator[tuple[str, bytes]]:
    """`calendar_files` one file after the other: each competency's and partner's
    calendar repeats their events, and all of them together were about 140 MB at
    10,000 modules."""
    writer = _Writer(catalog)
    if events is None:
        events = offering_events(catalog, list(catalog.modules.values()))
    per_partner: dict[str, list[bytes]] = defaultdict(list)
    per_competency: dict[str, list[bytes]] = defaultdict(list)
    everything: list[bytes] = []
    horizon = catalog.today - timedelta(days=ARCHIVE_DAYS)
    # A module's calendar keeps its whole history; the calendars of many modules keep
    # what ended at most ARCHIVE_DAYS ago (a competency's calendar of a national
    # catalog would otherwise carry years of past events, tens of megabytes).
    for item in catalog.scheduled():
        if local_day(item.offering.end) < horizon:
            continue
        module = item.module
        these = events[(module.key, item.offering.id)]
        per_partner[module.partner_id] += these
        for comp in module.competencies:
            per_competency[comp] += these
        everything += these
    forum_events = {}
    for forum in catalog.forums.values():
        event = writer.forum_event(forum)
        forum_events[forum.key] = event
        per_partner[forum.partner_id].append(event)
        everything.append(event)

    title = catalog.config.title
    yield "jadwal.ics", writer.calendar(f"Jadwal — {title}", everything)
    del everything
    if per_module:
        yield from module_calendars(catalog, list(catalog.modules.values()), events).items()
    for partner in catalog.partners.values():
        yield (
            f"mitra/{partner.id}/jadwal.ics",
            writer.calendar(f"Jadwal {partner.display_name}", per_partner.pop(partner.id, [])),
        )
    for comp_id, comp in catalog.competencies.items():
        yield (
            f"kompetensi/{comp_id}/jadwal.ics",
            writer.calendar(f"Kompetensi {comp.name}", per_competency.pop(comp_id, [])),
        )
    for forum in catalog.forums.values():
        yield forum_ics_url(forum), writer.calendar(forum.title, [forum_events[forum.key]])


__all__ = [
    "calendar_file_items",
    "calendar_files",
    "forum_meetings",
    "module_calendars",
    "module_ics_url",
    "forum_ics_url",
    "offering_events",
]
