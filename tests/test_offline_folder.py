"""The sample site opened from a folder (`file://`), as on a laptop or a USB stick.

DESIGN.md: "any static server, a CDN, or a folder on a laptop can host it". A
browser shows its own file listing for a link to a folder ("modul/"), and it
refuses a page from disk every fetch: the menu, the breadcrumbs, the listings
and the JP planner must still work, and search must say why it cannot.

Headless Debian Chromium (never `playwright install`); the tests skip without it,
or fail when CI=true.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.exports.opendata import planner_script

pytest.register_assert_rewrite("sitehelpers")

pytest_plugins = ["sitehelpers"]

# The browser's own page for a folder: "Index of /…/modul/".
LISTING = re.compile(r"^Index of ", re.I)


@pytest.fixture
def tab(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(f"uncaught {e}"))
    yield pg, errors
    context.close()


def open_file(pg, site: Path, rel: str) -> None:
    pg.goto((site / rel).as_uri(), wait_until="load")


def assert_a_page(pg) -> None:
    title = pg.title()
    assert not LISTING.match(title), f"{pg.url} shows the browser's file listing"
    assert pg.url.endswith("/index.html"), pg.url
    assert pg.locator("main h1, article h1").first.is_visible(), f"{pg.url}: no heading"


def test_menu_leads_to_every_section_not_to_a_file_listing(browser, sample_site: Path) -> None:
    # The tabs of a laptop's screen (a phone's drawer holds the same links; every
    # link of a page is checked on a phone below).
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(f"uncaught {e}"))
    open_file(pg, sample_site, "index.html")
    sections = pg.evaluate(
        "Array.from(document.querySelectorAll('.md-tabs__link'), a => a.textContent.trim())"
    )
    assert len(sections) >= 8, sections
    for label in sections:
        open_file(pg, sample_site, "index.html")
        pg.locator(".md-tabs__link", has_text=label).first.click()
        pg.wait_for_load_state("load")
        assert_a_page(pg)
    context.close()
    assert not errors, errors


def test_listing_record_and_breadcrumbs_work_from_disk(tab, sample_site: Path) -> None:
    pg, errors = tab
    open_file(pg, sample_site, "modul/index.html")
    # A module of the listing: modul/<partner>/<id>/, as the script rewrote it.
    modules = pg.locator("main a[href*='/modul/'][href$='/index.html']").filter(
        has_not=pg.locator("xpath=self::*[contains(@href, '/halaman/')]")
    )
    hrefs = modules.evaluate_all("links => links.map(a => a.href)")
    assert any(re.search(r"/modul/[a-z0-9-]+/[a-z0-9-]+/index\.html$", h) for h in hrefs), hrefs
    target = next(h for h in hrefs if re.search(r"/modul/[a-z0-9-]+/[a-z0-9-]+/index\.html$", h))
    pg.locator(f"main a[href='{target}']").first.click()
    pg.wait_for_load_state("load")
    assert_a_page(pg)
    assert re.search(r"/modul/[a-z0-9-]+/[a-z0-9-]+/index\.html$", pg.url), pg.url
    # Up again through the breadcrumbs ("../../"), to the listing and home.
    pg.locator(".kk-breadcrumbs a", has_text="Modul").first.click()
    pg.wait_for_load_state("load")
    assert_a_page(pg)
    assert pg.url.endswith("/modul/index.html"), pg.url
    assert not errors, errors


def test_links_to_files_stay_as_they_are(tab, sample_site: Path) -> None:
    pg, _ = tab
    open_file(pg, sample_site, "jadwal/index.html")
    hrefs = pg.evaluate("Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    calendars = [h for h in hrefs if h.endswith(".ics")]
    assert calendars, "the schedule links no calendar file"
    assert not [h for h in hrefs if h.endswith(".ics/index.html")]
    # Every link to a page of the site names its file: nothing left to a listing.
    folders = [h for h in hrefs if h.startswith("file:") and h.split("#")[0].endswith("/")]
    assert folders == [], folders[:5]


def test_planner_finds_and_adds_modules_from_disk(tab, sample_site: Path) -> None:
    pg, errors = tab
    modules = planner_list(sample_site)
    wanted = modules[len(modules) // 2]
    open_file(pg, sample_site, "rencana/index.html")
    pg.fill("[data-kk-plan-query]", wanted["t"])
    result = pg.locator("[data-kk-plan-results] li").filter(has_text=wanted["t"]).first
    result.get_by_role("button").click()
    assert pg.locator("[data-kk-plan-list] li a").all_inner_texts() == [wanted["t"]]
    total = pg.locator("[data-kk-plan-total]").inner_text()
    assert f"{wanted['jp']} JP" in total, total
    # The list's links are made by the script after load: they lead to the page too.
    pg.locator("[data-kk-plan-list] li a").first.click()
    pg.wait_for_load_state("load")
    assert_a_page(pg)
    assert pg.url.endswith(f"/{wanted['u']}index.html"), pg.url
    assert not errors, errors


def planner_list(site: Path) -> list[dict]:
    text = (site / "rencana" / "modul.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.kkRencanaModul=").rstrip().removesuffix(";"))


def words(text: str) -> list[str]:
    """search.js `words`: lower case, accents off, hyphenated words whole."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", plain)


def test_search_from_disk_finds_modules_by_their_titles(tab, sample_site: Path) -> None:
    """The index cannot be fetched from disk; the box finds modules in the planner's
    list instead (title, partner, method), says so, and leads to their pages."""
    pg, errors = tab
    modules = planner_list(sample_site)
    wanted = max(modules, key=lambda m: (len(m["t"]), m["id"]))
    word = max(words(wanted["t"]), key=len)
    prefix = word[: max(4, len(word) - 2)]  # typed in part, as on a phone
    expected = {
        m["t"]
        for m in modules
        if any(w.startswith(prefix) for w in words(f"{m['t']} {m['p']} {m['m']}"))
    }
    assert wanted["t"] in expected
    open_file(pg, sample_site, "cari/index.html")
    pg.locator("#kk-cari-kata").fill(prefix)
    pg.get_by_role("button", name="Cari", exact=True).click()
    status = pg.locator(".kk-search__status").first
    pg.wait_for_function(
        "el => /dibuka dari folder/.test(el.textContent)", arg=status.element_handle(), timeout=5000
    )
    assert f"{len(expected)} hasil" in status.inner_text(), status.inner_text()
    titles = pg.locator(".kk-search__results .kk-result__title").all_inner_texts()
    assert set(titles) <= expected and len(titles) == min(len(expected), 10), titles
    assert pg.locator(".kk-search__filter-toggle").is_hidden()
    pg.locator(".kk-search__results .kk-result__link").first.click()
    pg.wait_for_load_state("load")
    assert_a_page(pg)
    assert pg.title().startswith(titles[0]), (pg.title(), titles[0])
    assert not errors, errors


def test_search_from_disk_needs_every_word(tab, sample_site: Path) -> None:
    pg, _ = tab
    pg.goto((sample_site / "index.html").as_uri() + "?q=arsip%20zzzqx", wait_until="load")
    status = pg.locator(".kk-search__status").first
    pg.wait_for_function(
        "el => /Tidak ada hasil/.test(el.textContent)", arg=status.element_handle(), timeout=5000
    )
    assert pg.locator(".kk-search__results .kk-result").count() == 0


def test_served_site_keeps_clean_addresses(browser, http_portal: str) -> None:
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.goto(http_portal, wait_until="load")
        hrefs = pg.evaluate(
            "Array.from(document.querySelectorAll('.md-tabs__link'), a => a.getAttribute('href'))"
        )
        assert hrefs and not [h for h in hrefs if h.endswith("index.html")], hrefs
    finally:
        context.close()


def test_planner_script_is_the_list_as_javascript() -> None:
    class Partner:
        display_name = "Mitra \u2028 Satu"

    class Method:
        label = "Pelatihan"

    class Module:
        key, partner_id, id, jp, method = "mitra/a", "mitra", "a", 8, Method()
        title = 'Judul "kutip" \u2029 </script>'

    class Catalog:
        modules = {"mitra/a": Module()}

        def partner(self, module):
            return Partner()

    text = planner_script(Catalog()).decode("utf-8")
    assert text.startswith("window.kkRencanaModul=[") and text.endswith("];\n")
    # Raw U+2028/U+2029 end a line inside a string for older browsers.
    assert "\u2028" not in text and "\u2029" not in text
    data = json.loads(text.removeprefix("window.kkRencanaModul=").removesuffix(";\n"))
    assert data == [
        {
            "id": "mitra/a",
            "t": 'Judul "kutip" \u2029 </script>',
            "jp": 8,
            "p": "Mitra \u2028 Satu",
            "m": "Pelatihan",
            "u": "modul/mitra/a/",
        }
    ]
