"""/jadwal/ on a day when some offerings are already running.

The schedule files an offering under the month it starts in. An offering that
started before today and has not ended (a year-long e-learning that began in
January, seen in December) is shown apart, first, as "Sedang berlangsung" with
the day it ends, and the months start at the current one: the "upcoming" page
never opens with a month long past, and in a big catalog the running offerings
do not push what is coming off /jadwal/.

Two small curricula are written here and built in-process with "today" fixed
at 2026-12-07 (WIB):

- `small_site`: every row fits on /jadwal/ (no month pages);
- `big_site`: more rows than /jadwal/ holds: month pages, and a page of all
  running offerings; `paged_site` is the same with a running page of 12 rows.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers", "schedulehelpers")

from schedulehelpers import MONTHS, Node, page, parse_when  # noqa: E402
from sitehelpers import build_in_process, http_server  # noqa: E402

from generator import pages as planner  # noqa: E402

pytest_plugins = ["sitehelpers", "schedulehelpers"]

EPOCH = "1796601600"  # 2026-12-07 00:00 UTC = 07:00 WIB: "today" is 2026-12-07
TODAY = date(2026, 12, 7)

SITE_CONFIG = """\
title: Portal Uji Jadwal Berjalan
description: Portal uji angkatan yang sedang berlangsung.
url: https://portal.example.go.id/
language: id
timezone: Asia/Jakarta
curriculum: curriculum
output: site
annual_jp_target: 20
licence: CC BY 4.0
"""

COMPETENCIES = """\
pelayanan-publik:
  name: Pelayanan Publik
  type: teknis
literasi-digital:
  name: Literasi Digital
  type: teknis
"""

PARTNERS = {
    "usu": "name: Universitas Sumatera Utara\nshort_name: USU\nkind: universitas\ncity: Medan\n",
    "polmed": "name: Politeknik Negeri Medan\nshort_name: Polmed\nkind: politeknik\ncity: Medan\n",
}

# Running since January, ends 18 December: filed under "Januari 2026" before.
ELEARNING = """\
title: Literasi Keamanan Informasi
summary: Kelas daring sepanjang tahun.
method: e-learning
mode: daring
jp: 8
competency_type: teknis
competencies: [literasi-digital]
offerings:
  - id: periode-2026
    name: Periode Tahun 2026
    start: 2026-01-19
    end: 2026-12-18
    online: https://elearning.polmed.example/
    quota: 1000
    registration: {opens: 2026-01-05, closes: 2026-01-16}
"""

PELAYANAN = """\
title: Pelayanan Prima
summary: Dasar pelayanan publik yang cepat dan ramah.
method: pelatihan
mode: luring
jp: 24
competency_type: teknis
competencies: [pelayanan-publik]
offerings:
  - id: berjalan
    start: 2026-12-01 08:00
    end: 2026-12-10 16:00
    venue: {name: Gedung Pusat Pelatihan USU, city: Medan}
  - id: hari-ini
    start: 2026-12-07 08:00
    end: 2026-12-08 12:00
    venue: {name: Gedung Pusat Pelatihan USU, city: Medan}
  - id: januari
    start: 2027-01-11
    end: 2027-01-13
    venue: {name: Gedung Pusat Pelatihan USU, city: Medan}
  - id: batal
    start: 2026-11-20
    end: 2026-12-20
    venue: {name: Gedung Pusat Pelatihan USU, city: Medan}
    status: cancelled
  - id: lalu
    start: 2026-03-02
    end: 2026-03-04
    venue: {name: Gedung Pusat Pelatihan USU, city: Medan}
"""

FORUM = """\
title: Forum Praktik Baik Pelayanan
summary: Berbagi praktik baik pelayanan setiap bulan.
schedule:
  first: 2026-01-08 14:00
  duration_minutes: 90
  recurrence: FREQ=MONTHLY;BYDAY=2TH
  until: 2027-03-31
online: https://meet.example.org/forum
"""


def write_project(root: Path, files: dict[str, str]) -> Path:
    (root / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    cur = root / "curriculum"
    for rel, text in {
        "competencies.yml": COMPETENCIES,
        **{f"{p}/partner.yml": t for p, t in PARTNERS.items()},
        **files,
    }.items():
        (cur / rel).parent.mkdir(parents=True, exist_ok=True)
        (cur / rel).write_text(text, encoding="utf-8")
    return root / "site_config.yml"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ongoing-small")
    config = write_project(
        root,
        {
            "polmed/modules/keamanan-informasi.yml": ELEARNING,
            "usu/modules/pelayanan-prima.yml": PELAYANAN,
            "usu/forums/forum-pelayanan.yml": FORUM,
        },
    )
    return build_in_process(config, root / "site", EPOCH)


# ---------------------------------------------------------------- the big one

RUNNING_COUNT = 30
COMING_MONTHS = 12  # December 2026 to November 2027
PER_MONTH = 20


def running_end(n: int) -> date:
    return TODAY + timedelta(days=1 + n * 3)


def big_files() -> dict[str, str]:
    """30 e-learning offerings running since January..November (each ending on its
    own day) and 20 offerings a month from December 2026 on: 270 rows."""
    files = {}
    for n in range(RUNNING_COUNT):
        partner = ("usu", "polmed")[n % 2]
        start = date(2026, 1 + n % 11, 5)
        files[f"{partner}/modules/daring-{n:02d}.yml"] = textwrap.dedent(f"""\
            title: Kelas Daring {n:02d}
            summary: Kelas daring yang berjalan berbulan-bulan.
            method: e-learning
            mode: daring
            jp: 10
            competency_type: teknis
            offerings:
              - id: periode
                start: {start}
                end: {running_end(n)}
                online: https://elearning.example/
            """)
    for m in range(COMING_MONTHS):
        year, month = divmod(11 + m, 12)
        lines = [
            f"title: Pelatihan Bulan {m:02d}",
            "summary: Pelatihan tatap muka.",
            "method: pelatihan",
            "mode: luring",
            "jp: 16",
            "competency_type: teknis",
            "offerings:",
        ]
        for k in range(PER_MONTH):
            day = date(2026 + year, month + 1, 7 + k)
            lines += [f"  - id: a{k:02d}", f"    start: {day}", f"    end: {day}"]
        files[f"usu/modules/bulan-{m:02d}.yml"] = "\n".join(lines) + "\n"
    return files


def coming_month_keys() -> list[str]:
    keys = []
    for m in range(COMING_MONTHS):
        year, month = divmod(11 + m, 12)
        keys.append(f"{2026 + year}-{month + 1:02d}")
    return keys


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ongoing-big")
    config = write_project(root, big_files())
    return build_in_process(config, root / "site", EPOCH)


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The big curriculum with a page of all running offerings every 12 rows."""
    root = tmp_path_factory.mktemp("ongoing-paged")
    config = write_project(root, big_files())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(planner, "RUNNING_PER_PAGE", 12)
        yield build_in_process(config, root / "site", EPOCH)


# ---------------------------------------------------------------- readers


def resolve(page_url: str, href: str) -> str:
    href = href.split("#", 1)[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url + "x"), href))
    joined = "" if joined == "." else joined
    return joined + ("/" if href.endswith("/") and joined else "")


def sections(site: Path, url: str) -> list[tuple[str, str, list[Node]]]:
    """(group key, heading, rows) of each group of a schedule page, in page order."""
    tree = page(site, url)
    return [
        (s.attrs["data-kk-month"] or "", s.find("h2").text, s.find_all(data_kk_row=True))
        for s in tree.find_all("section", data_kk_month=True)
    ]


def target(row: Node, url: str) -> str:
    href = row.find("h3").find("a").attrs["href"] or ""
    frag = href.split("#", 1)[1] if "#" in href else ""
    return resolve(url, href) + (f"#{frag}" if frag else "")


def when(row: Node) -> str:
    return row.find("p", class_="kk-event__when").text


def month_name(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def select_options(site: Path, url: str, name: str) -> list[tuple[str, str]]:
    select = page(site, url).find("select", name=name)
    assert select is not None, f"{url}: no {name} filter"
    return [(o.attrs["value"] or "", o.text) for o in select.find_all("option")][1:]


# ---------------------------------------------------------------- small site


def test_running_offerings_come_first_apart_then_the_months_from_now(small_site: Path) -> None:
    groups = sections(small_site, "jadwal/")
    headings = [heading for _, heading, _ in groups]
    assert headings[:3] == ["Sedang berlangsung", "Desember 2026", "Januari 2027"], headings
    # No month before the current one: not January (the e-learning's start), not
    # November (the cancelled offering's), not even the first days of December.
    for key, heading, _ in groups[1:]:
        assert key >= "2026-12" and heading == month_name(key), (key, heading)
    running = groups[0][2]
    assert [target(r, "jadwal/") for r in running] == [
        "modul/usu/pelayanan-prima/#angkatan-berjalan",  # ends 10 December
        "modul/polmed/keamanan-informasi/#angkatan-periode-2026",  # ends 18 December
    ]
    assert when(running[0]).startswith("Berlangsung hingga 10 Desember 2026, 16.00 WIB")
    assert "mulai 1 Desember 2026, 08.00 WIB" in when(running[0])
    assert when(running[1]).startswith("Berlangsung hingga 18 Desember 2026")
    assert "mulai 19 Januari 2026" in when(running[1])
    for row in running:
        assert row.find(data_kk_status=True).text == "Sedang berlangsung"
    note = page(small_site, "jadwal/").find("p", class_="kk-month__note")
    assert note is not None and "7 Desember 2026" in note.text


def test_an_offering_starting_today_is_in_this_month(small_site: Path) -> None:
    groups = dict((key, rows) for key, _, rows in sections(small_site, "jadwal/"))
    december = [target(r, "jadwal/") for r in groups["2026-12"]]
    assert december == [
        "modul/usu/pelayanan-prima/#angkatan-hari-ini",
        "forum/usu/forum-pelayanan/",  # 10 December, 14.00
    ]
    start, _ = parse_when(when(groups["2026-12"][0]))
    assert start.date() == TODAY


def test_started_but_cancelled_offering_is_not_listed_as_running(small_site: Path) -> None:
    html = (small_site / "jadwal" / "index.html").read_text(encoding="utf-8")
    assert "angkatan-batal" not in html
    assert "angkatan-lalu" not in html
    archive = page(small_site, "jadwal/arsip/2026/")
    assert "2–4 Maret 2026" in archive.text


def test_filters_offer_the_running_group_and_every_row_is_reachable(small_site: Path) -> None:
    months = select_options(small_site, "jadwal/", "month")
    keys = [key for key, _, _ in sections(small_site, "jadwal/")]
    assert months[0] == ("berlangsung", "Sedang berlangsung")
    assert [value for value, _ in months] == keys
    assert [label for _, label in months[1:]] == [month_name(k) for k in keys[1:]]
    # A running row carries the same filter data as any other: its partner, method...
    running = sections(small_site, "jadwal/")[0][2]
    polmed = [r for r in running if r.attrs["data-partner"] == "polmed"]
    assert len(polmed) == 1
    assert polmed[0].attrs["data-method"] == "e-learning"
    assert polmed[0].attrs["data-month"] == "berlangsung"
    assert ("polmed", "Polmed") in select_options(small_site, "jadwal/", "partner")
    assert ("e-learning", "E-learning") in select_options(small_site, "jadwal/", "method")


def test_small_schedule_has_no_month_pages(small_site: Path) -> None:
    assert not (small_site / "jadwal" / "berlangsung").exists()
    assert not [p for p in (small_site / "jadwal").iterdir() if re.fullmatch(r"\d{4}-\d\d", p.name)]
    assert page(small_site, "jadwal/").find("nav", class_="kk-months") is None


def test_only_running_offerings_says_nothing_is_coming(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("ongoing-only")
    config = write_project(root, {"polmed/modules/keamanan-informasi.yml": ELEARNING})
    site = build_in_process(config, root / "site", EPOCH)
    groups = sections(site, "jadwal/")
    assert [(k, h, len(r)) for k, h, r in groups] == [("berlangsung", "Sedang berlangsung", 1)]
    assert "Belum ada kegiatan mendatang." in page(site, "jadwal/").text


# ---------------------------------------------------------------- big site


def test_big_schedule_opens_with_running_then_this_month(big_site: Path) -> None:
    groups = sections(big_site, "jadwal/")
    assert [g[1] for g in groups[:2]] == ["Sedang berlangsung", "Desember 2026"]
    rows = sum(len(r) for _, _, r in groups)
    assert rows <= planner.SCHEDULE_LIMIT, f"/jadwal/ has {rows} rows"
    running = groups[0][2]
    assert 0 < len(running) < RUNNING_COUNT
    # The ones ending soonest.
    ends = [when(r).split("hingga ", 1)[1].split(" (", 1)[0] for r in running]
    assert ends == [
        f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        for d in sorted(running_end(n) for n in range(RUNNING_COUNT))[: len(running)]
    ]
    # What is coming still fills most of the page.
    assert sum(len(r) for k, _, r in groups if k != "berlangsung") >= 5 * PER_MONTH
    # The rest of the running offerings are one link away, whatever the filters hide.
    tree = page(big_site, "jadwal/")
    more = [
        a
        for a in tree.find_all("a")
        if resolve("jadwal/", a.attrs.get("href") or "") == "jadwal/berlangsung/"
        and "Lihat semua" in a.text
    ]
    assert len(more) == 1 and f"{RUNNING_COUNT} angkatan yang sedang berlangsung" in more[0].text
    parent = more[0].parent
    while parent is not None and parent.tag != "section":
        parent = parent.parent
    assert parent is None, "the link to every running offering must not hide with a filter"


def test_page_of_every_running_offering(big_site: Path) -> None:
    groups = sections(big_site, "jadwal/berlangsung/")
    assert [(k, h) for k, h, _ in groups] == [("berlangsung", "Sedang berlangsung")]
    rows = groups[0][2]
    assert len(rows) == RUNNING_COUNT
    assert {target(r, "jadwal/berlangsung/") for r in rows} == {
        f"modul/{('usu', 'polmed')[n % 2]}/daring-{n:02d}/#angkatan-periode"
        for n in range(RUNNING_COUNT)
    }
    assert all(when(r).startswith("Berlangsung hingga") for r in rows)
    assert select_options(big_site, "jadwal/berlangsung/", "month") == [
        ("berlangsung", "Sedang berlangsung")
    ]


def test_month_index_links_only_to_pages_that_exist(big_site: Path) -> None:
    expected = ["jadwal/berlangsung/"] + [f"jadwal/{k}/" for k in coming_month_keys()]
    for url in ["jadwal/", "jadwal/berlangsung/"] + expected[1:]:
        nav = page(big_site, url).find("nav", class_="kk-months")
        assert nav is not None, url
        links = [resolve(url, a.attrs["href"] or "") for a in nav.find_all("a")]
        assert links == expected, url
        current = [
            resolve(url, a.attrs["href"] or "") for a in nav.find_all("a", aria_current="page")
        ]
        assert current == ([] if url == "jadwal/" else [url]), url
    months = sorted(
        p.name for p in (big_site / "jadwal").iterdir() if re.fullmatch(r"\d{4}-\d\d", p.name)
    )
    assert months == coming_month_keys(), "a month page for each month from this one on"
    nav = page(big_site, "jadwal/").find("nav", class_="kk-months")
    labels = [a.text for a in nav.find_all("a")]
    assert labels[0] == f"Sedang berlangsung ({RUNNING_COUNT})"
    # Months by name, as the sections are headed ("Desember 2026 (12)", not "2026/12 (12)").
    for label, key in zip(labels[1:], coming_month_keys(), strict=True):
        assert re.fullmatch(re.escape(month_name(key)) + r" \(\d+\)", label), label


def test_month_pages_hold_what_starts_in_their_month(big_site: Path) -> None:
    seen: list[str] = []
    for key in coming_month_keys():
        url = f"jadwal/{key}/"
        groups = sections(big_site, url)
        assert [(k, h) for k, h, _ in groups] == [(key, month_name(key))], url
        for row in groups[0][2]:
            start, _ = parse_when(when(row))
            assert f"{start:%Y-%m}" == key and start.date() >= TODAY, (url, when(row))
            seen.append(target(row, url))
        assert select_options(big_site, url, "month") == [(key, month_name(key))]
    assert len(seen) == len(set(seen)) == COMING_MONTHS * PER_MONTH


def test_jadwal_filter_offers_only_what_the_page_shows(big_site: Path) -> None:
    keys = [k for k, _, _ in sections(big_site, "jadwal/")]
    assert [v for v, _ in select_options(big_site, "jadwal/", "month")] == keys


def test_running_page_is_paginated(paged_site: Path) -> None:
    urls = ["jadwal/berlangsung/", "jadwal/berlangsung/halaman/2/", "jadwal/berlangsung/halaman/3/"]
    seen: list[str] = []
    for number, url in enumerate(urls, 1):
        tree = page(paged_site, url)
        rows = sections(paged_site, url)[0][2]
        assert len(rows) == (12 if number < 3 else RUNNING_COUNT - 24), url
        seen += [target(r, url) for r in rows]
        pager = tree.find("nav", class_="kk-pager")
        assert pager is not None and f"Halaman {number} dari 3" in pager.text, url
        for a in pager.find_all("a"):
            assert resolve(url, a.attrs["href"] or "") in urls, (url, a.attrs["href"])
    assert len(set(seen)) == RUNNING_COUNT
    assert not (paged_site / "jadwal" / "berlangsung" / "halaman" / "4").exists()
    title = page(paged_site, urls[1]).find("h1").text
    assert title == "Jadwal: Sedang Berlangsung — halaman 2"
    # The month index always links to the first page.
    nav = page(paged_site, "jadwal/").find("nav", class_="kk-months")
    assert resolve("jadwal/", nav.find("a").attrs["href"] or "") == urls[0]


# ---------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def small_url(small_site: Path) -> Iterator[str]:
    with http_server(small_site) as base:
        yield base


def test_filters_find_running_offerings_in_a_browser(browser, small_url: str) -> None:
    ctx = browser.new_context(timezone_id="Asia/Jakarta", service_workers="block")
    errors: list[str] = []
    try:
        pg = ctx.new_page()
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.clock.set_fixed_time("2026-12-07T10:00:00+07:00")
        pg.goto(small_url + "jadwal/?month=berlangsung", wait_until="domcontentloaded")
        pg.wait_for_function("window.portalKurikulum !== undefined")
        running = pg.locator("section[data-kk-month='berlangsung']")
        assert running.is_visible()
        assert pg.locator("section[data-kk-month='2026-12']").is_hidden()
        shown = pg.locator("[data-kk-row]:visible")
        assert shown.count() == 2
        count = pg.locator("[data-kk-count]").inner_text().strip()
        total = pg.locator("[data-kk-row]").count()
        assert count == f"2 dari {total} kegiatan ditampilkan."
        # By partner, with every month: Polmed's only row is the running e-learning.
        form = pg.locator("form[data-kk-filters]")
        form.locator('select[name="month"]').select_option("")
        form.locator('select[name="partner"]').select_option("polmed")
        assert shown.count() == 1
        assert "Literasi Keamanan Informasi" in shown.first.inner_text()
        assert running.is_visible()
        assert pg.locator("section[data-kk-month='2026-12']").is_hidden()
        assert "Berlangsung hingga 18 Desember 2026" in running.inner_text()
    finally:
        ctx.close()
    assert not errors, errors
