"""Status from today's date and the schedule filters, in headless Debian Chromium.

The shipped sample is served by `python -m http.server` at /portal/ (sitehelpers'
`http_portal`). Playwright's `page.clock` fixes the date before the page loads,
and the browser itself runs in UTC, so the page has to find today in
Asia/Jakarta on its own: the dates are chosen half an hour from midnight WIB,
where UTC is still on the previous day.

- an offering goes "Segera dibuka" → "Pendaftaran dibuka" → "Pendaftaran ditutup";
- an internship call goes "Pendaftaran dibuka" → "Pendaftaran ditutup";
- choosing a partner or a method hides the other rows and updates the count;
- no page logs a console error.

Chromium comes from the Debian package (never `playwright install`); when it is
missing the tests skip, or fail when CI=true.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers", "schedulehelpers")

from schedulehelpers import WIB, Node, page  # noqa: E402

pytest_plugins = ["sitehelpers", "schedulehelpers"]

# Noon WIB on the day the sample was built (sitehelpers.SAMPLE_EPOCH, 2026-07-01).
BUILD_NOON = datetime(2026, 7, 1, 12, 0, tzinfo=WIB)

# What the three-date test saw, for the report printed with -s / on failure.
RESULTS: list[str] = []


@dataclass
class Visit:
    page: object
    errors: list[str]


@pytest.fixture(scope="module")
def context(browser) -> Iterator:
    """One browser context in UTC (a new context costs seconds on a loaded machine)."""
    ctx = browser.new_context(timezone_id="UTC", service_workers="block")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def open_page(context) -> Iterator:
    """`open_page(url, at=None)`: load `url` in this test's tab, the clock fixed at `at`."""
    errors: list[str] = []
    pg = context.new_page()
    pg.on("console", lambda m: m.type == "error" and errors.append(f"{pg.url}: {m.text}"))
    pg.on("pageerror", lambda e: errors.append(f"{pg.url}: uncaught {e}"))

    def visit(url: str, at: datetime | None = None) -> Visit:
        if at is not None:
            pg.clock.set_fixed_time(at)
        response = pg.goto(url, wait_until="domcontentloaded")
        assert response is not None and response.status == 200, f"{url}: {response}"
        pg.wait_for_function("window.portalKurikulum !== undefined")
        return Visit(pg, errors)

    yield visit
    pg.close()
    assert not errors, "console errors:\n" + "\n".join(errors)


def wib_at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


def day(value: str) -> date:
    return date.fromisoformat(value[:10])


def selector(status: Node) -> str:
    attrs = ("data-kind", "data-start", "data-end", "data-opens", "data-closes", "data-state")
    parts = [f'[{a}="{status.attrs[a]}"]' for a in attrs if status.attrs.get(a)]
    return "[data-kk-status]" + "".join(parts)


def read_status(visit: Visit, css: str) -> tuple[str, str | None, str]:
    """(text shown, the value the script computed, the script's today in WIB)."""
    el = visit.page.locator(css).first
    today = visit.page.evaluate("window.portalKurikulum.todayWIB()")
    return el.inner_text().strip(), el.get_attribute("data-value"), today


# ------------------------------------------------------------------ status by date


def test_offering_status_follows_the_date(open_page, http_portal: str, sample_site: Path) -> None:
    """One offering on three frozen dates: before, during and after its registration window."""
    tree = page(sample_site, "jadwal/")
    candidates = [
        s
        for s in tree.find_all(data_kk_status=True)
        if s.attrs.get("data-opens")
        and s.attrs.get("data-closes")
        and s.attrs.get("data-state") == "scheduled"
        and "data-full" not in s.attrs
        and s.attrs.get("data-kind") != "internship"
        and day(s.attrs["data-closes"]) < day(s.attrs["data-start"])
    ]
    assert candidates, "the sample needs an offering with a registration window"
    status = candidates[0]
    opens, closes = day(status.attrs["data-opens"]), day(status.attrs["data-closes"])
    css = selector(status)
    steps = [
        # 23:30 WIB the day before registration opens (16:30Z).
        (wib_at(opens - timedelta(days=1), 23, 30), "Segera dibuka", "segera-dibuka"),
        # 00:30 WIB on the opening day: in UTC (17:30Z) it is still the day before.
        (wib_at(opens, 0, 30), "Pendaftaran dibuka", "dibuka"),
        # 00:30 WIB the day after registration closed.
        (wib_at(closes + timedelta(days=1), 0, 30), "Pendaftaran ditutup", "ditutup"),
    ]
    RESULTS.clear()
    for at, label, value in steps:
        shown, computed, today = read_status(open_page(http_portal + "jadwal/", at), css)
        RESULTS.append(f"{at.isoformat()} (today {today}): {shown!r}")
        assert today == at.date().isoformat(), f"{at}: the page thinks today is {today}"
        assert (shown, computed) == (label, value), (
            f"{css} at {at.isoformat()}: shows {shown!r} ({computed}), expected {label!r}\n"
            + "\n".join(RESULTS)
        )
    print("\n".join(RESULTS))


def test_internship_status_follows_the_date(open_page, http_portal: str, sample_site: Path) -> None:
    tree = page(sample_site, "magang/")
    candidates = [
        s
        for s in tree.find_all(data_kk_status=True, data_kind="internship")
        if s.attrs.get("data-closes") and day(s.attrs["data-closes"]) < day(s.attrs["data-start"])
    ]
    assert candidates, "the sample needs an internship call that closes before it starts"
    status = candidates[0]
    closes = day(status.attrs["data-closes"])
    css = selector(status)
    steps = [
        (wib_at(closes, 23, 30), "Pendaftaran dibuka"),
        (wib_at(closes + timedelta(days=1), 0, 30), "Pendaftaran ditutup"),
    ]
    opens = status.attrs.get("data-opens")
    if opens:
        steps.insert(0, (wib_at(day(opens) - timedelta(days=1), 12, 0), "Segera dibuka"))
    for at, label in steps:
        shown, _, _ = read_status(open_page(http_portal + "magang/", at), css)
        assert shown == label, f"{css} at {at.isoformat()}: {shown!r}, expected {label!r}"


def test_a_closed_internship_shows_a_note_instead_of_the_steps(
    open_page, http_portal: str, sample_site: Path
) -> None:
    """Once applications close, "Cara mendaftar" says so: no steps, no sentence with a
    hidden link in it; while they are open, the steps and the link show."""
    pages = sorted((sample_site / "magang").glob("*/*/index.html"))
    found = None
    for path in pages:
        url = path.parent.relative_to(sample_site).as_posix() + "/"
        status = page(sample_site, url).find_all(data_kk_status=True, data_kind="internship")
        if (
            status
            and status[0].attrs.get("data-closes")
            and "halaman pendaftaran" in path.read_text()
        ):
            found = url, status[0]
            break
    assert found, "the sample needs an internship with an application link and a closing day"
    url, status = found
    closes = day(status.attrs["data-closes"])
    steps = ".kk-steps"
    note = "[data-kk-closed]"

    visit = open_page(http_portal + url, wib_at(closes, 12, 0))
    assert visit.page.locator(steps).is_visible()
    assert visit.page.get_by_role("link", name="halaman pendaftaran").is_visible()
    assert not visit.page.locator(note).is_visible()

    visit = open_page(http_portal + url, wib_at(closes + timedelta(days=1), 9, 0))
    assert not visit.page.locator(steps).is_visible()
    assert visit.page.locator(note).inner_text() == "Pendaftaran magang ini sudah ditutup."
    section = visit.page.locator("article").inner_text()
    assert "formulir pendaftaran di ," not in section, section


# ------------------------------------------------------------------ filters


def visible_rows(pg) -> list[dict[str, str]]:
    return pg.evaluate(
        """() => Array.from(document.querySelectorAll('[data-kk-row]'))
            .filter(r => !r.hidden && r.offsetParent !== null)
            .map(r => ({partner: r.dataset.partner, method: r.dataset.method,
                        month: r.dataset.month}))"""
    )


def test_schedule_filters(open_page, http_portal: str, sample_site: Path) -> None:
    tree = page(sample_site, "jadwal/")
    rows = tree.find_all(data_kk_row=True)
    total = len(rows)
    partners = sorted({r.attrs["data-partner"] or "" for r in rows})
    assert len(partners) >= 2, "the filter needs rows of two partners at least"
    # The partner with the fewest rows: a real cut.
    partner = min(partners, key=lambda p: sum(r.attrs["data-partner"] == p for r in rows))
    expected = sum(r.attrs["data-partner"] == partner for r in rows)

    # On the sample's build day: nothing listed has ended yet.
    pg = open_page(http_portal + "jadwal/", at=BUILD_NOON).page
    form = pg.locator("form[data-kk-filters]")
    assert form.is_visible(), "the script shows the filter form"
    count = form.locator("[data-kk-count]")
    assert count.inner_text().strip() == f"{total} dari {total} kegiatan ditampilkan."

    form.locator('select[name="partner"]').select_option(partner)
    shown = visible_rows(pg)
    assert len(shown) == expected and {r["partner"] for r in shown} == {partner}
    assert count.inner_text().strip() == f"{expected} dari {total} kegiatan ditampilkan."
    assert f"partner={partner}" in pg.url
    # A month without a row of that partner is hidden as a whole.
    months = {r["month"] for r in shown}
    for section in pg.locator("section[data-kk-month]").all():
        key = section.get_attribute("data-kk-month")
        assert section.is_visible() == (key in months), key

    # Method on top of partner: both must hold.
    methods = sorted({r["method"] for r in shown})
    method = methods[0]
    form.locator('select[name="method"]').select_option(method)
    both = visible_rows(pg)
    assert both and all(r["partner"] == partner and r["method"] == method for r in both)
    n = sum(r.attrs["data-partner"] == partner and r.attrs["data-method"] == method for r in rows)
    assert len(both) == n
    assert count.inner_text().strip() == f"{n} dari {total} kegiatan ditampilkan."

    form.locator('select[name="partner"]').select_option("")
    form.locator('select[name="method"]').select_option("")
    assert len(visible_rows(pg)) == total
    assert pg.locator("[data-kk-empty]").is_hidden()

    # A filtered link works on its own: the query string preselects the filter.
    forum = open_page(http_portal + "jadwal/?method=forum", at=BUILD_NOON).page
    shown = visible_rows(forum)
    forums = sum(r.attrs["data-method"] == "forum" for r in rows)
    assert forums and len(shown) == forums and {r["method"] for r in shown} == {"forum"}


def test_the_upcoming_list_drops_what_ended_since_the_build(
    open_page, http_portal: str, sample_site: Path
) -> None:
    """A site not rebuilt for a while listed last week's training on /jadwal/ among
    what is to come (with a "Selesai" badge). The list now drops it, and the count
    says so."""
    tree = page(sample_site, "jadwal/")
    ends = sorted(
        day(s.attrs["data-end"])
        for r in tree.find_all(data_kk_row=True)
        for s in r.find_all(data_kk_status=True)
        if s.attrs.get("data-state") == "scheduled"
    )
    assert len(ends) >= 4
    # A day after a quarter of them has ended: some rows go, most stay.
    later = wib_at(ends[len(ends) // 4] + timedelta(days=1), 12, 0)
    pg = open_page(http_portal + "jadwal/", at=later).page
    rows = pg.locator("[data-kk-row]")
    finished = 0
    for i in range(rows.count()):
        row = rows.nth(i)
        status = row.locator("[data-kk-status]")
        done = status.count() > 0 and status.first.inner_text().strip() == "Selesai"
        finished += done
        assert row.is_hidden() == done, row.inner_text()[:80]
    total = rows.count()
    assert 0 < finished < total
    count = pg.locator("[data-kk-count]").inner_text().strip()
    assert count == f"{total - finished} dari {total - finished} kegiatan ditampilkan.", count
