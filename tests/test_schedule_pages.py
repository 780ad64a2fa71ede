"""Schedule, internship and forum pages as built (issue 4), without a browser.

The controlled fixture (tests/fixtures/schedule, "today" = 2026-03-01 WIB) gives
exact expectations: which offerings are upcoming, in which month, with which
build-time status; which forum meetings come next; the order of the internship
calls. The shipped sample is checked for the same rules in general. Every
"Tambahkan ke kalender" link resolves to a calendar file.
"""

from __future__ import annotations

import posixpath
import re
from datetime import datetime
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers", "schedulehelpers")

from schedulehelpers import MONTHS, WIB, Node, page, parse_when  # noqa: E402

pytest_plugins = ["sitehelpers", "schedulehelpers"]


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def resolve(page_url: str, href: str) -> str:
    """A relative link on the page at `page_url` → site-relative path (no fragment)."""
    href = href.split("#", 1)[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url + "x"), href))
    joined = "" if joined == "." else joined
    return joined + ("/" if href.endswith("/") and joined else "")


def fragment(href: str) -> str:
    return href.split("#", 1)[1] if "#" in href else ""


# ------------------------------------------------------------------ /jadwal/


def schedule_rows(site: Path, url: str = "jadwal/") -> list[tuple[str, Node, Node]]:
    """(month key, section, row) of every row on a schedule page, in page order."""
    tree = page(site, url)
    out = []
    for section in tree.find_all("section", data_kk_month=True):
        for row in section.find_all(data_kk_row=True):
            out.append((section.attrs["data-kk-month"] or "", section, row))
    return out


def row_start(row: Node) -> datetime:
    when = row.find("p", class_="kk-event__when")
    assert when is not None, row.text
    return parse_when(when.text)[0]


def row_target(row: Node, url: str = "jadwal/") -> str:
    """`modul/usu/pelayanan-prima/#angkatan-angkatan-1` or `forum/usu/forum-pelayanan/`."""
    link = row.find("h3").find("a")
    href = link.attrs["href"] or ""
    target = resolve(url, href)
    return target + ("#" + fragment(href) if fragment(href) else "")


def status_text(row: Node) -> str | None:
    status = row.find(data_kk_status=True)
    return status.text if status is not None else None


UPCOMING = {
    "modul/unimed/literasi-digital/#angkatan-a1": ("2026-03", "Pendaftaran dibuka"),
    "modul/unimed/literasi-digital/#angkatan-a3": ("2026-03", "Kuota penuh"),
    "modul/usu/pelayanan-prima/#angkatan-angkatan-1": ("2026-04", "Segera dibuka"),
    "modul/unimed/literasi-digital/#angkatan-a2": ("2026-04", "Ditunda"),
    "modul/usu/pelayanan-prima/#angkatan-angkatan-2": ("2026-05", "Pendaftaran dibuka"),
    "modul/usu/pelayanan-prima/#angkatan-angkatan-3": ("2026-06", "Dibatalkan"),
    "modul/unimed/kepemimpinan-digital/#angkatan-a1": ("2026-07", "Segera dibuka"),
}


def test_schedule_months_are_chronological_with_indonesian_names(schedule_site: Path) -> None:
    check_month_grouping(schedule_site)
    tree = page(schedule_site, "jadwal/")
    headings = [s.find("h2").text for s in tree.find_all("section", data_kk_month=True)]
    assert headings[:5] == ["Maret 2026", "April 2026", "Mei 2026", "Juni 2026", "Juli 2026"]


def test_sample_schedule_months(sample_site: Path) -> None:
    check_month_grouping(sample_site)


def check_month_grouping(site: Path) -> None:
    tree = page(site, "jadwal/")
    sections = tree.find_all("section", data_kk_month=True)
    # Offerings already running come first, apart (tests/test_schedule_ongoing.py).
    if sections and sections[0].attrs["data-kk-month"] == "berlangsung":
        sections = sections[1:]
    assert sections, "no month on /jadwal/"
    keys = [s.attrs["data-kk-month"] or "" for s in sections]
    assert keys == sorted(set(keys)), f"months out of order or repeated: {keys}"
    for section in sections:
        key = section.attrs["data-kk-month"] or ""
        year, month = (int(x) for x in key.split("-"))
        heading = section.find("h2")
        assert heading is not None and heading.text == f"{MONTHS[month - 1]} {year}", key
    previous = None
    for key, _, row in schedule_rows(site):
        if key == "berlangsung":
            continue
        assert row.attrs.get("data-month") == key
        start = row_start(row)
        assert f"{start:%Y-%m}" == key, f"{row_target(row)} starts {start}, filed under {key}"
        if previous is not None:
            assert start >= previous, f"{row_target(row)} ({start}) listed after {previous}"
        previous = start


def test_schedule_lists_upcoming_offerings_with_status(schedule_site: Path) -> None:
    rows = schedule_rows(schedule_site)
    offerings = {
        row_target(r): (key, status_text(r)) for key, _, r in rows if "modul/" in row_target(r)
    }
    assert offerings == UPCOMING
    assert not [t for t in offerings if "angkatan-lalu" in t or "angkatan-2025" in t]


def test_schedule_row_details(schedule_site: Path) -> None:
    rows = {row_target(r): r for _, _, r in schedule_rows(schedule_site)}
    first = rows["modul/usu/pelayanan-prima/#angkatan-angkatan-1"].text
    for part in (
        "6 April 2026, 08.00 WIB – 7 April 2026, 12.00 WIB",
        "USU",
        "Pelatihan",
        "24 JP",
        "Gedung Pusat Pelatihan USU",
        "kuota 30",
        "Pendaftaran 10 Maret 2026 – 31 Maret 2026",
    ):
        assert part in first, f"{part!r} missing from: {first}"
    online = rows["modul/usu/pelayanan-prima/#angkatan-angkatan-2"].text
    assert "11–13 Mei 2026" in online and "Daring" in online
    # The status element carries the dates the browser recomputes it from.
    status = rows["modul/usu/pelayanan-prima/#angkatan-angkatan-1"].find(data_kk_status=True)
    assert status.attrs["data-opens"] == "2026-03-10"
    assert status.attrs["data-closes"] == "2026-03-31"
    assert status.attrs["data-start"] == "2026-04-06T08:00:00+07:00"


@pytest.mark.parametrize("url", ["jadwal/", "magang/", "modul/usu/pelayanan-prima/"])
def test_status_attributes_are_separated(schedule_site: Path, url: str) -> None:
    """`data-opens="…"data-closes="…"` is an HTML parse error: attributes need a space."""
    html = (schedule_site / url / "index.html").read_text(encoding="utf-8")
    glued = re.findall(r'[a-z-]+="[^"<>]*"[a-z][a-z-]*=', html)
    assert not glued, f"{url}: attributes without a space between them: {glued[:3]}"


def expected_meetings() -> dict[str, list[datetime]]:
    """The fixture's forum meetings from 2026-03-01 on, worked out by hand from their YAML."""
    monthly = [
        (3, 12),
        (4, 9),
        (5, 14),
        (6, 11),
        (7, 9),
        (8, 13),
        (9, 10),
        (10, 8),
        (11, 12),
        (12, 10),
    ]
    biweekly = [(3, 4), (3, 18), (4, 1), (4, 15), (4, 29), (5, 13), (5, 27), (6, 10), (6, 24)]
    return {
        "forum/usu/forum-pelayanan/": [wib(2026, m, d, 14, 0) for m, d in monthly],
        "forum/unimed/klinik-digital/": [wib(2026, m, d, 9, 30) for m, d in biweekly],
        "forum/unimed/temu-alumni/": [wib(2026, 3, 20, 13, 0)],
        # COUNT=6, but `until: 2026-03-20` comes first.
        "forum/usu/kelas-singkat/": [wib(2026, 3, d, 15, 0) for d in (3, 10, 17)],
    }


def test_schedule_shows_forum_meetings(schedule_site: Path) -> None:
    found: dict[str, list[datetime]] = {}
    for _, _, row in schedule_rows(schedule_site):
        if row.attrs.get("data-method") == "forum":
            found.setdefault(row_target(row), []).append(row_start(row))
    assert found == expected_meetings()


def test_archive_by_year(schedule_site: Path) -> None:
    tree = page(schedule_site, "jadwal/")
    archive_links = {
        resolve("jadwal/", a.attrs["href"] or "")
        for a in tree.find_all("a")
        if "arsip/" in (a.attrs.get("href") or "")
    }
    assert archive_links == {"jadwal/arsip/2026/", "jadwal/arsip/2025/"}
    expected = {
        "jadwal/arsip/2026/": wib(2026, 1, 12, 8, 0),
        "jadwal/arsip/2025/": wib(2025, 11, 3),
    }
    for url, start in expected.items():
        archive = page(schedule_site, url)
        rows = archive.find("tbody").find_all("tr")
        starts = [parse_when(r.find_all("td")[1].text)[0] for r in rows]
        assert starts == [start], f"{url}: {starts}"


def test_sample_archive_holds_only_past_offerings(sample_site: Path) -> None:
    tree = page(sample_site, "jadwal/")
    links = {
        resolve("jadwal/", a.attrs["href"] or "")
        for a in tree.find_all("a")
        if "arsip/" in (a.attrs.get("href") or "")
    }
    assert links, "the sample has past offerings: /jadwal/ links to an archive"
    build_day = datetime(2026, 7, 1, tzinfo=WIB)  # sitehelpers.SAMPLE_EPOCH
    for url in links:
        archive = page(sample_site, url)
        year = int(url.rstrip("/").rsplit("/", 1)[1])
        rows = archive.find("tbody").find_all("tr")
        assert rows, url
        for row in rows:
            start, end = parse_when(row.find_all("td")[1].text)
            assert start.year == year and end <= build_day, f"{url}: {row.text}"


# ------------------------------------------------------------------ /magang/


RANK = {"Pendaftaran dibuka": 0, "Segera dibuka": 1}


def internship_cards(site: Path) -> list[tuple[str, Node]]:
    tree = page(site, "magang/")
    cards = []
    for card in tree.find_all("li", class_="kk-card"):
        link = card.find("h2").find("a")
        cards.append((resolve("magang/", link.attrs["href"] or ""), card))
    return cards


def check_internship_order(site: Path) -> None:
    cards = internship_cards(site)
    assert cards
    keys = []
    for url, card in cards:
        status = card.find(data_kk_status=True)
        rank = RANK.get(status.text, 2)
        closes = status.attrs.get("data-closes") or ""
        keys.append((rank, closes if rank == 0 else "", url))
    ranks = [k[0] for k in keys]
    assert ranks == sorted(ranks), f"open, then upcoming, then closed: {keys}"
    open_closes = [k[1] for k in keys if k[0] == 0]
    assert open_closes == sorted(open_closes), f"open calls by closing date: {open_closes}"


def test_internships_open_first_closing_soonest(schedule_site: Path) -> None:
    check_internship_order(schedule_site)
    order = [url for url, _ in internship_cards(schedule_site)]
    assert order == [
        "magang/usu/magang-akademik/",  # open, closes 10 March
        "magang/usu/magang-layanan/",  # open, closes 25 March
        "magang/usu/magang-perpustakaan/",  # opens 15 March
        "magang/unimed/magang-humas/",  # closed, not started
        "magang/unimed/magang-pusat-data/",  # closed, running
        "magang/unimed/magang-arsip/",  # over
    ]
    statuses = [card.find(data_kk_status=True).text for _, card in internship_cards(schedule_site)]
    assert statuses == [
        "Pendaftaran dibuka",
        "Pendaftaran dibuka",
        "Segera dibuka",
        "Pendaftaran ditutup",
        "Sedang berlangsung",
        "Selesai",
    ]


def test_sample_internship_order(sample_site: Path) -> None:
    check_internship_order(sample_site)
    assert len(internship_cards(sample_site)) >= 10


def test_internship_card_and_page(schedule_site: Path) -> None:
    card = dict(internship_cards(schedule_site))["magang/usu/magang-layanan/"].text
    for part in (
        "Biro Layanan Terpadu USU",
        "6 April – 29 Mei 2026",
        "kuota 4",
        "40 JP",
        "Batas pendaftaran 25 Maret 2026",
        "PNS aktif",
    ):
        assert part in card, f"{part!r} missing from the card: {card}"
    tree = page(schedule_site, "magang/usu/magang-layanan/")
    steps = tree.find("ol", class_="kk-steps")
    assert steps is not None and "Surat tugas" in steps.text
    # The steps are the part the page's script hides once applications close.
    assert "data-kk-register" in steps.attrs
    register = steps.find("a")
    assert register is not None and register.attrs["href"] == "https://www.usu.ac.id/magang"


# ------------------------------------------------------------------ forums


def forum_page_meetings(site: Path, url: str) -> list[datetime]:
    tree = page(site, url)
    heading = tree.find("h2", id="pertemuan")
    assert heading is not None, url
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    listing = siblings[siblings.index(heading) + 1]
    return [parse_when(li.text)[0] for li in listing.find_all("li")]


def test_forum_pages_show_next_meetings(schedule_site: Path) -> None:
    for url, meetings in expected_meetings().items():
        shown = forum_page_meetings(schedule_site, url)
        assert shown, url
        assert shown == meetings[: len(shown)], f"{url}: {shown}"
        assert len(shown) == min(len(meetings), 6)
    monthly = page(schedule_site, "forum/usu/forum-pelayanan/").text
    assert "Kamis kedua" in monthly and "14.00 WIB" in monthly and "90 menit" in monthly
    assert "meet.example.org/forum" in str(
        [
            a.attrs.get("href")
            for a in page(schedule_site, "forum/usu/forum-pelayanan/").find_all("a")
        ]
    )
    listing = page(schedule_site, "forum/").text
    assert "12 Maret 2026" in listing, "the forum list shows each forum's next meeting"


# ------------------------------------------------------------------ calendar links


CALENDAR_PAGES = ("jadwal/", "modul/*/*/", "mitra/*/", "kompetensi/*/", "forum/*/*/")


def calendar_links(site: Path) -> dict[str, list[tuple[str, str]]]:
    """page → [(link text, resolved target)] of every .ics link on the calendar pages."""
    out: dict[str, list[tuple[str, str]]] = {}
    for pattern in CALENDAR_PAGES:
        for index in sorted(site.glob(pattern + "index.html")):
            url = index.parent.relative_to(site).as_posix() + "/"
            links = [
                (a.text, resolve(url, a.attrs.get("href") or ""))
                for a in page(site, url).find_all("a")
                if (a.attrs.get("href") or "").split("#")[0].endswith(".ics")
            ]
            out[url] = links
    return out


@pytest.mark.parametrize("site_name", ["schedule_site", "sample_site"])
def test_every_calendar_link_resolves(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    links = calendar_links(site)
    broken = [(p, t) for p, found in links.items() for _, t in found if not (site / t).is_file()]
    assert not broken, f"calendar links to missing files: {broken[:10]}"
    # Each calendar file beside a page is linked from that page, labelled for people.
    for ics in sorted(site.rglob("jadwal.ics")):
        rel = ics.relative_to(site).as_posix()
        owner = "jadwal/" if rel == "jadwal.ics" else rel.removesuffix("jadwal.ics")
        if owner.startswith("modul/") and b"BEGIN:VEVENT" not in ics.read_bytes():
            continue  # a module without offerings need not offer an empty calendar
        found = [text for text, target in links.get(owner, []) if target == rel]
        assert found, f"{owner} does not link to {rel}"
        assert all("kalender" in t.lower() or ".ics" in t for t in found), found
    for kind in ("modul/", "mitra/", "kompetensi/", "forum/"):
        texts = [t for p, found in links.items() if p.startswith(kind) for t, _ in found]
        assert texts and all("Tambahkan" in t for t in texts), f"{kind}: {set(texts)}"


def test_place_and_status_show_editor_text_as_text() -> None:
    """A venue or label with markup characters is shown as written, never as markup;
    a place online and on site names both."""
    from types import SimpleNamespace as Obj

    from generator.render import place_text, status_badge

    venue = Obj(name="Aula <Utama> & Rapat", city="Medan")
    assert place_text(Obj(venue=venue, online=None)) == "Aula &lt;Utama&gt; &amp; Rapat, Medan"
    both = place_text(Obj(venue=Obj(name="Aula", city=None), online="https://x.test"))
    assert both == "Aula dan Daring"
    assert place_text(Obj(venue=None, online=None)) == "Akan diumumkan"
    offering = Obj(
        start=datetime(2026, 4, 6, 8, tzinfo=WIB),
        end=datetime(2026, 4, 7, 12, tzinfo=WIB),
        registration=Obj(opens=None, closes=datetime(2026, 3, 31).date()),
        status=Obj(value="terjadwal"),
        full=False,
    )
    badge = status_badge(offering, Obj(value="dibuka", label="Dibuka <segera>"))
    assert 'data-closes="2026-03-31"' in badge and "data-opens" not in badge
    assert badge.endswith(">Dibuka &lt;segera&gt;</span>")
