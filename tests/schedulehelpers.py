"""Shared fixtures and readers of the schedule tests (test_calendar, test_feed,
test_schedule_pages, test_schedule_browser).

Loaded as a plugin (`pytest_plugins = ["sitehelpers", "schedulehelpers"]`) so the
sites below are built once per test session:

- `schedule_site`: tests/fixtures/schedule built in-process on 2026-03-01 (WIB),
  a curriculum where every offering status, internship state and forum kind shows;
- `schedule_rebuild`: the same input built again by the CLI in a fresh interpreter;
- `schedule_variant`: builds a copy of the fixture with some files changed, and two
  such copies: `reordered_site` (new files sorting first, a renamed record, reversed
  lists) and `retitled_site` (titles edited).

Also here: a small RFC 5545 reader that shares no code with `icalendar` (it
unfolds lines, reads parameters, resolves TZID through the file's own VTIMEZONE
and expands RRULEs with python-dateutil), a minimal HTML tree, and a reader of
the Indonesian dates the pages print.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from dateutil.rrule import rrulestr
from sitehelpers import REPO, build_in_process, run_cli

SCHEDULE = REPO / "tests" / "fixtures" / "schedule"
SCHEDULE_EPOCH = "1772323200"  # 2026-03-01 00:00 UTC = 07:00 WIB: "today" is 2026-03-01
SCHEDULE_TODAY = date(2026, 3, 1)
SITE_URL = "https://portal.example.go.id/"
WIB = timezone(timedelta(hours=7))

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


# ------------------------------------------------------------------ building


@pytest.fixture(scope="session")
def schedule_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("schedule") / "site"
    return build_in_process(SCHEDULE / "site_config.yml", out, SCHEDULE_EPOCH)


@pytest.fixture(scope="session")
def schedule_rebuild(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same fixture built again, by the CLI in a new interpreter (another hash seed)."""
    out = tmp_path_factory.mktemp("schedule-again") / "site"
    result = run_cli(
        "build",
        "--config",
        str(SCHEDULE / "site_config.yml"),
        "--output",
        str(out),
        cwd=REPO,
        epoch=SCHEDULE_EPOCH,
    )
    assert result.returncode == 0, f"rebuild failed:\n{result.stdout}\n{result.stderr}"
    return out


Variant = Callable[[str, Callable[[Path], None]], Path]


@pytest.fixture(scope="session")
def schedule_variant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Variant]:
    """`variant(name, change)`: copy the fixture, let `change(curriculum_dir)` edit it, build.

    Each name is built once per session.
    """
    built: dict[str, Path] = {}

    def make(name: str, change: Callable[[Path], None]) -> Path:
        if name not in built:
            root = tmp_path_factory.mktemp(f"variant-{name}")
            shutil.copytree(SCHEDULE, root / "input")
            change(root / "input" / "curriculum")
            built[name] = build_in_process(
                root / "input" / "site_config.yml", root / "site", SCHEDULE_EPOCH
            )
        return built[name]

    yield make


# ------------------------------------------------- variants of the fixture
# A copy with new files that sort first, a renamed record and reordered lists; and a
# copy with edited titles. The UIDs of calendar events and the ids of feed entries
# must not notice either.

NEW_MODULE = """\
title: Abdi Negara Beretika
summary: Etika dan integritas pelayanan.
method: seminar
mode: luring
jp: 4
competency_type: teknis
competencies: [pelayanan-publik]
offerings:
  - id: a1
    start: 2026-03-09 08:00
    end: 2026-03-09 12:00
    sessions:
      - {start: 2026-03-09 08:00, end: 2026-03-09 10:00}
      - {start: 2026-03-09 10:00, end: 2026-03-09 12:00}
    venue: {name: Aula USU, city: Medan}
    registration: {closes: 2026-03-05}
"""

NEW_FORUM = """\
title: Apel Forum Pagi
summary: Forum singkat setiap Senin.
schedule:
  first: 2026-03-02 07:30
  duration_minutes: 30
  recurrence: FREQ=WEEKLY;BYDAY=MO
  until: 2026-04-27
venue: {name: Halaman USU, city: Medan}
"""

NEW_INTERNSHIP = """\
title: Abdi Magang Pertama
summary: Magang singkat di sekretariat.
host: {unit: Sekretariat USU, city: Medan}
start: 2026-04-01
end: 2026-04-30
quota: 1
application: {closes: 2026-03-20}
"""


def _reverse_lists(path: Path) -> None:
    """Reverse the offerings, and the sessions of each, keeping every value as written."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["offerings"].reverse()
    for offering in data["offerings"]:
        if offering.get("sessions"):
            offering["sessions"].reverse()
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_style=None),
        encoding="utf-8",
    )


def _add_rename_reorder(cur: Path) -> None:
    # New files that sort before every other one, by file name and by title.
    (cur / "usu" / "modules" / "aaa-etika.yml").write_text(NEW_MODULE, encoding="utf-8")
    (cur / "usu" / "forums" / "aaa-apel.yml").write_text(NEW_FORUM, encoding="utf-8")
    (cur / "usu" / "internships" / "aaa-magang.yml").write_text(NEW_INTERNSHIP, encoding="utf-8")
    # A new partner folder that sorts first.
    (cur / "aaa").mkdir()
    (cur / "aaa" / "partner.yml").write_text(
        "name: Akademi Aparatur\nkind: lembaga-pelatihan\ncity: Medan\n", encoding="utf-8"
    )
    # Another record renamed (its own UIDs change with its id; nobody else's may).
    modules = cur / "unimed" / "modules"
    (modules / "kepemimpinan-digital.yml").rename(modules / "kepemimpinan-era-digital.yml")
    # Lists reordered inside a file.
    _reverse_lists(cur / "usu" / "modules" / "pelayanan-prima.yml")
    _reverse_lists(cur / "unimed" / "modules" / "literasi-digital.yml")


def _retitle(cur: Path) -> None:
    edits = {
        "usu/modules/pelayanan-prima.yml": [
            ("title: Pelayanan Prima", "title: Pelayanan Prima Berbasis Empati"),
            ("name: Angkatan I 2026", "name: Angkatan Pertama 2026"),
            ("title: Hari pertama", "title: Pembukaan dan standar pelayanan"),
        ],
        "unimed/modules/literasi-digital.yml": [
            ("title: Literasi Digital ASN", "title: Literasi dan Keamanan Digital ASN")
        ],
        "usu/forums/forum-pelayanan.yml": [
            ("title: Forum Praktik Baik Pelayanan", "title: Forum Bulanan Praktik Baik")
        ],
        "usu/internships/magang-layanan.yml": [
            ("title: Magang Unit Layanan Terpadu", "title: Magang Layanan Terpadu Satu Pintu")
        ],
    }
    for rel, pairs in edits.items():
        path = cur / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (rel, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def reordered_site(schedule_variant: Variant) -> Path:
    return schedule_variant("reordered", _add_rename_reorder)


@pytest.fixture(scope="session")
def retitled_site(schedule_variant: Variant) -> Path:
    return schedule_variant("retitled", _retitle)


# ----------------------------------------------------------- RFC 5545 reader


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str

    @property
    def text(self) -> str:
        """The value as TEXT (RFC 5545 3.3.11), unescaped."""
        return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], self.value)


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)
    timezones: dict[str, Component] = field(default_factory=dict)  # set on the VCALENDAR

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name.upper()]

    def get(self, name: str) -> Prop | None:
        found = self.all(name)
        return found[0] if found else None

    def one(self, name: str) -> Prop:
        found = self.all(name)
        assert len(found) == 1, f"{self.name} has {len(found)} {name} properties, wanted 1"
        return found[0]

    def value(self, name: str) -> str | None:
        prop = self.get(name)
        return prop.value if prop else None

    def sub(self, name: str) -> list[Component]:
        return [c for c in self.children if c.name == name.upper()]


@dataclass
class Calendar:
    root: Component
    raw_lines: list[str]  # unfolded content lines, as written

    @property
    def events(self) -> list[Component]:
        return self.root.sub("VEVENT")

    def event(self, uid: str) -> Component:
        found = [e for e in self.events if e.value("UID") == uid]
        uids = "\n".join(sorted(e.value("UID") or "?" for e in self.events))
        assert len(found) == 1, f"{len(found)} events with UID {uid}; the file has:\n{uids}"
        return found[0]

    def raw_event(self, uid: str) -> list[str]:
        """The unfolded lines of one event, exactly as in the file."""
        out: list[str] = []
        current: list[str] | None = None
        for line in self.raw_lines:
            if line == "BEGIN:VEVENT":
                current = [line]
            elif current is not None:
                current.append(line)
                if line == "END:VEVENT":
                    if f"UID:{uid}" in current:
                        out = current
                    current = None
        assert out, f"no event {uid}"
        return out

    # -- time values

    def moment(self, event: Component, name: str) -> date | datetime:
        """DTSTART/DTEND/...: a date, or an aware UTC instant resolved through VTIMEZONE."""
        prop = event.one(name)
        if prop.params.get("VALUE") == "DATE":
            return _date(prop.value)
        local = _local(prop.value)
        if prop.value.endswith("Z"):
            return local.replace(tzinfo=UTC)
        tzid = prop.params.get("TZID")
        assert tzid, f"{name}:{prop.value} is a floating time (no TZID, no Z)"
        offset = self.utc_offset(tzid, local)
        return (local - offset).replace(tzinfo=UTC)

    def utc_offset(self, tzid: str, local: datetime) -> timedelta:
        """The offset of `tzid` at local time `local`, from the file's own VTIMEZONE."""
        tz = self.root.timezones.get(tzid)
        assert tz is not None, f"TZID={tzid} is used but the file has no VTIMEZONE for it"
        best: tuple[datetime, timedelta] | None = None
        for obs in tz.children:
            assert obs.name in ("STANDARD", "DAYLIGHT"), obs.name
            to = _offset(obs.one("TZOFFSETTO").value)
            onset = _local(obs.one("DTSTART").value)
            onsets = [onset]
            if obs.get("RRULE"):
                onsets = list(
                    rrulestr(obs.one("RRULE").value, dtstart=onset).between(onset, local, inc=True)
                ) or [onset]
            for when in onsets:
                if when <= local and (best is None or when > best[0]):
                    best = (when, to)
        assert best is not None, f"VTIMEZONE {tzid} has no observance before {local}"
        return best[1]

    def occurrences(self, event: Component) -> list[datetime]:
        """Every start of `event` (UTC), its RRULE expanded by dateutil (bounded series only)."""
        start = self.moment(event, "DTSTART")
        assert isinstance(start, datetime)
        rule = event.get("RRULE")
        if rule is None:
            return [start]
        tzid = event.one("DTSTART").params["TZID"]
        local = _local(event.one("DTSTART").value)
        zone = timezone(self.utc_offset(tzid, local))
        assert "UNTIL=" in rule.value or "COUNT=" in rule.value, f"unbounded RRULE {rule.value}"
        series = rrulestr(rule.value, dtstart=local.replace(tzinfo=zone))
        return [s.astimezone(UTC) for s in series]


def _date(value: str) -> date:
    assert re.fullmatch(r"\d{8}", value), f"bad DATE {value}"
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def _local(value: str) -> datetime:
    assert re.fullmatch(r"\d{8}T\d{6}Z?", value), f"bad DATE-TIME {value}"
    return datetime(
        int(value[:4]),
        int(value[4:6]),
        int(value[6:8]),
        int(value[9:11]),
        int(value[11:13]),
        int(value[13:15]),
    )


def _offset(value: str) -> timedelta:
    m = re.fullmatch(r"([+-])(\d\d)(\d\d)(\d\d)?", value)
    assert m, f"bad UTC offset {value}"
    delta = timedelta(hours=int(m[2]), minutes=int(m[3]), seconds=int(m[4] or 0))
    return -delta if m[1] == "-" else delta


def _split_line(line: str) -> Prop:
    """`NAME;P1=a;P2="b:c":value` → Prop (the value starts at the first unquoted colon)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        raise AssertionError(f"content line without a value: {line!r}")
    parts = re.findall(r'(?:[^;"]|"[^"]*")+', head)
    name, params = parts[0].upper(), {}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        params[key.upper()] = val.strip('"')
    assert re.fullmatch(r"[A-Z0-9-]+", name), f"bad property name in {line!r}"
    return Prop(name, params, value)


def read_calendar(data: bytes, label: str = "calendar") -> Calendar:
    """Parse an .ics strictly: CRLF lines, folded at 75 octets, nested BEGIN/END."""
    assert data.endswith(b"\r\n"), f"{label}: does not end with CRLF"
    assert b"\n" not in data.replace(b"\r\n", b""), f"{label}: a bare LF (lines must end CRLF)"
    assert b"\r" not in data.replace(b"\r\n", b""), f"{label}: a bare CR"
    physical = data[:-2].split(b"\r\n")
    for n, line in enumerate(physical, 1):
        assert len(line) <= 75, f"{label}:{n}: {len(line)} octets, over the 75 of RFC 5545 3.1"
    text = data.decode("utf-8")  # fails if folding split a UTF-8 sequence
    lines: list[str] = []
    for line in text[:-2].split("\r\n"):
        if line[:1] in (" ", "\t"):
            assert lines, f"{label}: starts with a continuation line"
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[Component] = []
    root: Component | None = None
    for line in lines:
        prop = _split_line(line)
        if prop.name == "BEGIN":
            comp = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(comp)
            else:
                assert root is None, f"{label}: two top-level components"
                root = comp
            stack.append(comp)
        elif prop.name == "END":
            assert stack and stack[-1].name == prop.value.upper(), f"{label}: unbalanced {line}"
            stack.pop()
        else:
            assert stack, f"{label}: property outside a component: {line}"
            stack[-1].props.append(prop)
    assert not stack, f"{label}: unclosed {[c.name for c in stack]}"
    assert root is not None and root.name == "VCALENDAR", f"{label}: not a VCALENDAR"
    for tz in root.sub("VTIMEZONE"):
        root.timezones[tz.one("TZID").value] = tz
    return Calendar(root, lines)


def calendars(site: Path) -> dict[str, Path]:
    """Every .ics file of a built site, by site-relative path."""
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.ics"))}


# ---------------------------------------------------------------- HTML tree

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str | bool) -> list[Node]:
        """Descendants with `tag` and attributes (`True`: present; text: equal; `class_`)."""
        out = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            ok = True
            for key, want in attrs.items():
                name = "class" if key == "class_" else key.replace("_", "-")
                have = node.attrs.get(name)
                if want is True:
                    ok = name in node.attrs
                elif name == "class":
                    ok = want in (have or "").split()
                else:
                    ok = have == want
                if not ok:
                    break
            if ok:
                out.append(node)
        return out

    def find(self, tag: str | None = None, **attrs: str | bool) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def html_tree(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def page(site: Path, url: str) -> Node:
    """The tree of the page at site-relative `url` (a folder URL or a file)."""
    path = site / url
    if url == "" or url.endswith("/"):
        path = path / "index.html"
    assert path.is_file(), f"no page {url} in {site}"
    return html_tree(path)


# ------------------------------------------------------- Indonesian dates


_WHEN_RE = re.compile(
    r"(?P<d1>\d{1,2})(?:\s+(?P<m1>[A-Z][a-z]+))?(?:\s+(?P<y1>\d{4}))?"
    r"(?:,\s*(?P<t1>\d\d\.\d\d)(?:\s*WIB)?)?"
    r"(?:\s*–\s*(?:(?P<d2>\d{1,2})(?:\s+(?P<m2>[A-Z][a-z]+))?(?:\s+(?P<y2>\d{4}))?)?"
    r"(?:,?\s*(?P<t2>\d\d\.\d\d))?(?:\s*WIB)?)?"
)


def parse_when(text: str) -> tuple[datetime, datetime]:
    """`4 Maret 2026, 09.30–10.30 WIB`, `16–20 Maret 2026`, `6 April 2026, 08.00 WIB –
    7 April 2026, 12.00 WIB`, `30 April – 2 Mei 2026` → (start, end) in WIB; a date-only
    end is the start of the next day."""
    m = _WHEN_RE.fullmatch(text.strip())
    assert m, f"unreadable date range {text!r}"
    m2 = m["m2"] or m["m1"]
    y2 = m["y2"] or m["y1"]
    m1 = m["m1"] or m2
    y1 = m["y1"] or y2
    assert m1 and y1, f"no month or year in {text!r}"

    def moment(d: str, mon: str, year: str, clock: str | None) -> datetime:
        hh, mm = (int(x) for x in clock.split(".")) if clock else (0, 0)
        return datetime(int(year), MONTHS.index(mon) + 1, int(d), hh, mm, tzinfo=WIB)

    start = moment(m["d1"], m1, y1, m["t1"])
    if m["d2"] is None and m["t2"] is None:  # one whole day
        return start, start + timedelta(days=1)
    if m["d2"] is None:  # same day, two clocks
        return start, moment(m["d1"], m1, y1, m["t2"])
    end = moment(m["d2"], m2 or m1, y2 or y1, m["t2"])
    return start, end if m["t2"] else end + timedelta(days=1)
