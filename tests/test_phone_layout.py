"""The sample site on a small phone (360x740), in headless Debian Chromium.

- A module page's offerings ("Jadwal angkatan"): the status and the "Daftar"
  button of the first offering lie inside the screen's width, with no sideways
  scrolling of the page or of the table's box (at 360 and 412 px); the table
  stays a table for screen readers, and a cell's name is its value alone (the
  column names drawn beside the values on a phone are not read a second time).
- Tap targets: the "N sesi" expander of an offering and the file links of
  /data/ are at least 24 px tall (WCAG 2.5.8).
- On a desktop the offerings stay a table: one row, one line of cells.

The sample is built on 2026-07-01 (sitehelpers.SAMPLE_EPOCH) and each page's
clock is fixed at noon WIB of that day, so the script's statuses and "Daftar"
buttons agree with the build whatever the real date. Screenshots go to
test-artifacts/phone-*.png.

Chromium comes from the Debian package at /usr/bin/chromium; `playwright
install` is never run. Missing Chromium or Playwright: skipped, or failed when
CI=true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import ARTIFACTS, SAMPLE_EPOCH  # noqa: E402

pytest_plugins = ["sitehelpers"]

WIB = timezone(timedelta(hours=7))
BUILT_ON = datetime.fromtimestamp(int(SAMPLE_EPOCH), UTC).astimezone(WIB).replace(hour=12)
PHONE = {"width": 360, "height": 740}
MIN_TAP = 24  # px, WCAG 2.2 success criterion 2.5.8 (target size, minimum)

# The module page of the audit; any other page with the same shape will do if it goes.
PREFERRED = "modul/usu/coaching-kinerja/"

ROW = re.compile(r"<tr id=\"angkatan-[^\"]+\".*?</tr>", re.S)


def _first_rows(site: Path) -> Iterator[tuple[str, str]]:
    """(site-relative URL, HTML of its first offering row) of each module page, audit's first."""
    pages = sorted(site.glob("modul/*/*/index.html"))
    urls = [p.parent.relative_to(site).as_posix() + "/" for p in pages]
    if PREFERRED in urls:
        urls.remove(PREFERRED)
        urls.insert(0, PREFERRED)
    for url in urls:
        match = ROW.search((site / url / "index.html").read_text(encoding="utf-8"))
        if match:
            yield url, match.group(0)


def _module_page(site: Path, marker: str) -> str:
    for url, row in _first_rows(site):
        if marker in row:
            return url
    pytest.fail(f"no module page of the sample has {marker!r} in its first offering")


@pytest.fixture(scope="module")
def context(browser) -> Iterator:
    ctx = browser.new_context(viewport=PHONE, timezone_id="UTC", service_workers="block")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def open_page(browser, context, http_portal: str) -> Iterator:
    """`open_page(rel, viewport=None)`: a tab on the build date, at 360x740 unless told."""
    opened = []
    errors: list[str] = []

    def visit(rel: str, viewport: dict[str, int] | None = None):
        ctx = context
        if viewport is not None:
            ctx = browser.new_context(viewport=viewport, timezone_id="UTC", service_workers="block")
        pg = ctx.new_page()
        opened.append((pg, ctx if ctx is not context else None))
        pg.on("console", lambda m: m.type == "error" and errors.append(f"{pg.url}: {m.text}"))
        pg.on("pageerror", lambda e: errors.append(f"{pg.url}: uncaught {e}"))
        pg.clock.set_fixed_time(BUILT_ON)
        response = pg.goto(http_portal + rel, wait_until="load")
        assert response is not None and response.ok, f"{rel}: {response}"
        pg.wait_for_function("window.portalKurikulum !== undefined")
        return pg

    yield visit
    for pg, own in opened:
        pg.close()
        if own is not None:
            own.close()
    assert not errors, "console errors:\n" + "\n".join(errors)


# Where an element lies, and whether the page or any box around it scrolls sideways.
PLACE = """(el) => {
  const de = document.documentElement;
  const r = el.getBoundingClientRect();
  const clipped = [];
  for (let a = el.parentElement; a && a !== de; a = a.parentElement) {
    const ox = getComputedStyle(a).overflowX;
    if (ox !== "visible" && a.scrollWidth > a.clientWidth + 1) {
      clipped.push(`${a.tagName.toLowerCase()}.${a.className}: ` +
                   `${a.scrollWidth}px of content in ${a.clientWidth}px`);
    }
  }
  return {left: r.left, right: r.right, width: r.width, height: r.height,
          visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden",
          viewport: de.clientWidth, page: de.scrollWidth, clipped};
}"""


def _on_screen(pg, selector: str, what: str) -> list[str]:
    el = pg.locator(selector).first
    assert el.count(), f"{what}: nothing matches {selector}"
    box = el.evaluate(PLACE)
    problems = []
    if not box["visible"]:
        problems.append(f"{what} is not shown")
    if box["left"] < 0 or box["right"] > box["viewport"]:
        problems.append(
            f"{what} spans x={box['left']:.0f}..{box['right']:.0f}, "
            f"outside the {box['viewport']}px wide screen"
        )
    problems += [f"{what} sits in a box that scrolls sideways: {c}" for c in box["clipped"]]
    return problems


@pytest.mark.parametrize("viewport", [PHONE, {"width": 412, "height": 915}], ids=["360", "412"])
def test_first_offering_fits_the_phone(open_page, sample_site: Path, viewport) -> None:
    """The status and the "Daftar" button of the first offering, without scrolling sideways."""
    rel = _module_page(sample_site, "data-kk-register")
    pg = open_page(rel, viewport)
    row = "#jadwal ~ .kk-table-wrap tbody tr:first-child"
    pg.locator(row).scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"phone-offerings-{viewport['width']}.png"))

    problems = _on_screen(pg, f"{row} [data-kk-register]", '"Daftar" button')
    problems += _on_screen(pg, f"{row} [data-kk-status]", "status")
    width, page = pg.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    if page > width:
        problems.append(f"the page scrolls sideways: {page}px wide in a {width}px screen")
    assert not problems, f"{rel} at {viewport['width']}px:\n" + "\n".join(problems)


def test_offerings_stay_a_table_for_screen_readers(open_page, sample_site: Path) -> None:
    """However CSS draws the rows on a phone, they are read as a table with headers."""
    rel = _module_page(sample_site, "data-kk-register")
    pg = open_page(rel)
    table = pg.locator("#jadwal ~ .kk-table-wrap table")
    assert table.get_by_role("columnheader").all_inner_texts() == [
        "Angkatan",
        "Waktu",
        "Tempat",
        "Kuota",
        "Pendaftaran",
        "Status",
    ]
    rows = table.get_by_role("row")
    assert rows.count() == 1 + table.locator("tbody tr").count()
    status = table.locator("tbody tr").first.locator("[data-kk-status]").inner_text().strip()
    # The cell's name is the status alone: "Status" drawn beside it is not read again.
    cell = rows.nth(1).get_by_role("cell", name=status, exact=True)
    assert cell.count() == 1, f"{rel}: no cell named exactly {status!r}"


def test_sessions_expander_is_tall_enough(open_page, sample_site: Path) -> None:
    rel = _module_page(sample_site, "<summary>")
    pg = open_page(rel)
    summary = pg.locator("#jadwal ~ .kk-table-wrap tbody tr:first-child summary").first
    box = summary.bounding_box()
    assert box is not None, f"{rel}: the sessions expander is not shown"
    assert box["height"] >= MIN_TAP, (
        f"{rel}: {summary.inner_text()!r} is {box['width']:.0f}x{box['height']:.0f}px, "
        f"under {MIN_TAP}px tall"
    )
    summary.click()
    assert summary.evaluate("s => s.parentElement.open"), "tapping the expander does not open it"
    assert not _on_screen(pg, "#jadwal ~ .kk-table-wrap tbody tr:first-child details li", "session")


def test_data_links_are_tall_enough(open_page) -> None:
    pg = open_page("data/")
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "phone-data-360.png"), full_page=True)
    links = pg.locator(".kk-downloads a")
    assert links.count() >= 5
    short = []
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None
        if box["height"] < MIN_TAP:
            short.append(f"{links.nth(i).inner_text()}: {box['height']:.0f}px")
    assert not short, f"/data/ links under {MIN_TAP}px tall:\n" + "\n".join(short)
    width, page = pg.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert page <= width, f"/data/ scrolls sideways: {page}px wide in a {width}px screen"


def test_desktop_keeps_the_table(open_page, sample_site: Path) -> None:
    """From 600 px up the offerings are a table: a visible header, a row's cells side by side."""
    rel = _module_page(sample_site, "data-kk-register")
    pg = open_page(rel, {"width": 1280, "height": 900})
    table = pg.locator("#jadwal ~ .kk-table-wrap table")
    assert table.locator("thead th").first.bounding_box()["height"] > 10
    tops = (
        table.locator("tbody tr")
        .first.locator("td")
        .evaluate_all("cells => cells.map(c => Math.round(c.getBoundingClientRect().top))")
    )
    assert len(set(tops)) == 1, f"{rel} at 1280px: the first row's cells are not on one line"
