"""A keyboard-only and screen-reader audit of the sample site, as its readers meet it
on a phone (390x844) and a laptop (1280x800), in headless Debian Chromium:

- every tab stop of every page type (the 404 page and a further list page too) is
  in sight when it has the focus, not off screen, transparent or under the sticky
  header, and shows a focus indicator that stands out (3:1) from the page behind it;
- the phone's menu button is a button the keyboard reaches and a screen reader
  names; the closed drawer's links are no tab stops; the skip link comes first;
- the search dialog: Space opens it empty, the arrow keys go through the results,
  Escape gives the focus back, the count is said once;
- live regions (planner totals, planner and schedule counts) speak only when their
  words change, and stay the same element;
- no single key (n . p ,) takes the reader to another page;
- landmarks, headings and names: one h1, no level skipped, labels in Indonesian.

Chromium comes from the Debian package at /usr/bin/chromium; `playwright install`
is never run. Missing Chromium or Playwright: skipped, or failed when CI=true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import (  # noqa: E402
    PAGE_TYPES,
    REPO,
    SAMPLE_EPOCH,
    SUBPATH,
    build_in_process,
    http_server_with_404,
    other_sections,
    page_url,
)

from generator import pages  # noqa: E402

pytest_plugins = ["sitehelpers"]

WIDTHS = {390: 844, 1280: 800}
MENU = "label.md-header__button[for='__drawer'] [role=button]"
MISSING = "modul/usu/modul-yang-dihapus/"  # answered with the 404 page


@pytest.fixture(scope="module")
def portal(sample_www: Path) -> Iterator[str]:
    """The sample at /portal/, a missing address answered with its 404 page."""
    with http_server_with_404(sample_www, SUBPATH) as base:
        yield base


@pytest.fixture(scope="module")
def paged_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample with four modules a list page: pages 2, 3, ... and their pager."""
    www = tmp_path_factory.mktemp("keyboard-paged")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "PER_PAGE", 4)
        mp.setenv("KURIKULUM_CACHE", "0")
        build_in_process(REPO / "site_config.yml", www / SUBPATH, SAMPLE_EPOCH)
    with http_server_with_404(www, SUBPATH) as base:
        yield base


@pytest.fixture
def open_page(browser) -> Iterator:
    """`open_page(url, width, init=None, at=None, **context_options)`: a tab in a context
    of its own (`init`: a script run before the page's own; `at`: its clock); the test
    fails on an uncaught error of the page."""
    contexts = []
    errors: list[str] = []

    def make(url: str, width: int = 390, init: str | None = None, at: str | None = None, **options):
        ctx = browser.new_context(
            viewport={"width": width, "height": WIDTHS[width]}, service_workers="block", **options
        )
        contexts.append(ctx)
        if init:
            ctx.add_init_script(init)
        tab = ctx.new_page()
        tab.on("pageerror", lambda e: errors.append(f"{tab.url}: {e}"))
        if at:  # the page's clock (an ISO time), fixed before it loads
            tab.clock.set_fixed_time(at)
        tab.goto(url, wait_until="load")
        return tab

    yield make
    for ctx in contexts:
        ctx.close()
    assert not errors, errors


def audited_pages(site: Path) -> list[str]:
    """One page of each type: the named ones, the other sections, the 404 page."""
    found = [page_url(site, t) for t in PAGE_TYPES]
    found += [rel for rel in other_sections(site).values() if rel not in found]
    return [*found, MISSING]


def has_focus(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def focused(tab) -> str:
    return tab.evaluate(
        "() => { const e = document.activeElement; return e.tagName + ' ' +"
        " (e.getAttribute('aria-label') || e.textContent.trim().replace(/\\s+/g, ' ')"
        ".slice(0, 60)); }"
    )


# ------------------------------------------------------- every tab stop in sight

# What each focusable element looks like at rest, to tell a focus style from it.
REST = """() => {
  window.kkRest = new Map();
  document.querySelectorAll("a[href], button, input, select, summary, textarea, label, [tabindex]")
    .forEach(e => {
      const s = getComputedStyle(e);
      window.kkRest.set(e, [s.boxShadow, s.backgroundColor, s.borderColor].join("|"));
    });
}"""

# The element with the focus, as its reader sees it (after any transition has run):
# null on the body, else what is wrong with it ("" when nothing is).
STOP = r"""() => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const name = el.tagName + " '" + (el.getAttribute("aria-label") ||
    el.textContent.trim().replace(/\s+/g, " ")).slice(0, 50) + "'";
  const problems = [];
  // In sight: a point of one of its boxes, inside the window, shows the element.
  let seen = false;
  for (const r of el.getClientRects()) {
    const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth);
    const y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
    if (x1 - x0 < 1 || y1 - y0 < 1) continue;
    const hit = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
    if (hit && (hit === el || el.contains(hit))) { seen = true; break; }
  }
  if (!seen) problems.push("off screen or covered");
  let opacity = 1;
  for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
  if (opacity < 0.5) problems.push("transparent (opacity " + opacity.toFixed(2) + ")");
  // A focus indicator: an outline, or a shadow, background or border of its own.
  const s = getComputedStyle(el);
  const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const rest = window.kkRest && window.kkRest.get(el);
  const changed = rest !== undefined &&
    rest !== [s.boxShadow, s.backgroundColor, s.borderColor].join("|");
  if (!ring && !changed) problems.push("no focus indicator");
  // A drawn ring (not the browser's own two-tone "auto" one) stands out from what
  // is behind it by 3:1 (WCAG 1.4.11).
  if (ring && s.outlineStyle !== "auto") {
    const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = c => {
      const v = rgb(c).slice(0, 3).map(x => x / 255)
        .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    };
    let behind = "rgb(255, 255, 255)";
    for (let e = el.parentElement; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor, parts = rgb(bg);
      if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) { behind = bg; break; }
    }
    const a = lum(s.outlineColor), b = lum(behind);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 3) problems.push("focus ring " + s.outlineColor + " on " + behind +
      " is " + ratio.toFixed(2) + ":1");
  }
  return [name, problems.join(", ")];
}"""


def tab_through(tab, key: str = "Tab", limit: int = 200) -> list[str]:
    """Press `key` until the focus leaves the page or comes round again: what was
    wrong at each stop."""
    tab.evaluate(REST)
    failures: list[str] = []
    seen: set[tuple[str, str]] = set()
    for _ in range(limit):
        tab.keyboard.press(key)
        stop = tab.evaluate(STOP)
        if stop is None:
            break
        name, problem = stop
        where = tab.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return [Math.round(r.x), Math.round(r.y + scrollY)].join(','); }"
        )
        if (name, where) in seen:
            break
        seen.add((name, where))
        if problem:
            failures.append(f"{name} at {where}: {problem}")
    return failures


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_tab_stop_is_in_sight_and_shows_its_focus(
    open_page, portal: str, paged_portal: str, sample_site: Path, width: int
) -> None:
    urls = [portal + rel for rel in audited_pages(sample_site)]
    urls.append(paged_portal + "modul/halaman/2/")  # the pager's links
    failures = []
    for url in urls:
        tab = open_page(url, width)
        failures += [f"{url}: {f}" for f in tab_through(tab)]
        tab.context.close()
    assert not failures, f"at {width} px:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_going_back_with_shift_tab_keeps_the_focus_out_from_under_the_header(
    open_page, portal: str, width: int
) -> None:
    """Shift+Tab scrolls the page up: the focused card title came to rest under the
    sticky header (and Material's "Kembali ke atas" that shows while scrolling up)."""
    tab = open_page(portal + "modul/", width)
    tab.locator(".md-footer a").first.focus()
    failures = tab_through(tab, "Shift+Tab")
    assert not failures, "\n".join(failures)


def test_shift_tab_through_search_results_keeps_them_out_from_under_the_search_form(
    open_page, portal: str
) -> None:
    """The results scroll under the box's sticky form: the one going back to was
    left out of sight beneath it."""
    tab = open_page(portal + "modul/")
    tab.locator(".kk-search__open").click()
    tab.keyboard.type("pelatihan")
    tab.locator(".kk-result").nth(9).wait_for()
    tab.locator(".kk-search__more").focus()
    tab.evaluate(REST)
    for _ in range(12):
        tab.keyboard.press("Shift+Tab")
        name, problem = tab.evaluate(STOP)
        assert not problem, f"{name}: {problem}"


# ------------------------------------------------------------- the phone's menu


def test_the_phone_menu_and_skip_link_by_keyboard_and_screen_reader(open_page, portal: str) -> None:
    tab = open_page(portal + "modul/")
    menu = tab.locator(MENU)
    crumb = tab.locator(".kk-breadcrumbs a").first  # the page's first link
    # The first stops: the skip link (shown), the menu button, the search button,
    # then the page itself; no link of the closed drawer in between.
    tab.keyboard.press("Tab")
    assert focused(tab) == "A Lewati ke isi"
    tab.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    tab.keyboard.press("Tab")
    assert focused(tab) == "SPAN Menu navigasi"
    tab.keyboard.press("Tab")
    assert focused(tab) == "BUTTON Cari pelatihan…"
    tab.keyboard.press("Tab")
    assert has_focus(crumb)

    # A screen reader finds a named button that says whether the menu is open.
    header = tab.locator(".md-header").aria_snapshot()
    assert '- button "Menu navigasi"' in header, header
    assert menu.get_attribute("aria-expanded") == "false"
    assert tab.get_by_role("navigation", name="Navigasi").count() == 0  # closed: not there

    # Enter opens it with the keyboard on its first link, in sight.
    menu.focus()
    tab.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    sections = tab.get_by_role("navigation", name="Navigasi")
    assert sections.is_visible()
    tab.wait_for_function("() => document.activeElement.getBoundingClientRect().left >= 0")
    assert tab.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    # Escape closes it and gives the keyboard back to the button.
    tab.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert focused(tab) == "SPAN Menu navigasi"

    # Space opens it too; Tab goes through its links, and past the last one closes it.
    tab.keyboard.press(" ")
    assert menu.get_attribute("aria-expanded") == "true"
    links = sections.get_by_role("link").all_inner_texts()
    assert [t.strip() for t in links][-2:] == ["Rencana JP", "Panduan Editor"]
    for _ in range(len(links) - 1):
        tab.keyboard.press("Tab")
    assert focused(tab) == "A Panduan Editor"
    tab.keyboard.press("Tab")
    assert menu.get_attribute("aria-expanded") == "false"
    assert has_focus(crumb)

    # The skip link takes the keyboard to the content: the next stop is its first link.
    tab.locator(".md-skip").focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "kk-isi"
    tab.keyboard.press("Tab")
    assert has_focus(crumb)


# ------------------------------------------------------------- the search dialog

LIVE = """sel => {
  const region = document.querySelector(sel);
  window.kkSaid = window.kkSaid || {};
  const said = window.kkSaid[sel] = [];
  new MutationObserver(() => said.push(region.textContent.trim()))
    .observe(region, {childList: true, characterData: true, subtree: true});
  window.kkRegions = window.kkRegions || {};
  window.kkRegions[sel] = region;
}"""


def said(tab, selector: str) -> list[str]:
    """What the live region `selector` was given to say since LIVE began watching it."""
    return tab.evaluate("sel => window.kkSaid[sel]", selector)


def same_region(tab, selector: str) -> bool:
    return tab.evaluate("sel => window.kkRegions[sel] === document.querySelector(sel)", selector)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_search_dialog_by_keyboard(open_page, portal: str, width: int) -> None:
    tab = open_page(portal + "modul/", width)
    opener = tab.locator(".kk-search__open")
    box = tab.locator(".kk-search__input")
    opener.focus()
    tab.keyboard.press(" ")  # Space presses the button: the box opens empty
    assert tab.locator(".kk-search__dialog").is_visible()
    assert has_focus(box)
    assert box.input_value() == ""
    tab.keyboard.type("pelatihan")
    links = tab.locator(".kk-result__link")
    links.nth(9).wait_for()
    status = ".kk-search__status"
    count = tab.locator(status).inner_text()
    assert re.fullmatch(r"\d+ hasil\.", count), count

    # Down goes from the box through the results, Up back to the box.
    tab.keyboard.press("ArrowDown")
    assert has_focus(links.nth(0))
    tab.keyboard.press("ArrowDown")
    assert has_focus(links.nth(1))
    tab.keyboard.press("ArrowUp")
    tab.keyboard.press("ArrowUp")
    assert has_focus(box)

    # More results: the count, unchanged, is not said again.
    tab.evaluate(LIVE, status)
    more = tab.locator(".kk-search__more")
    more.focus()
    tab.keyboard.press("Enter")
    links.nth(10).wait_for()
    assert tab.locator(status).inner_text() == count
    assert said(tab, status) == [] and same_region(tab, status)

    tab.keyboard.press("Escape")
    assert tab.locator(".kk-search__dialog").is_hidden()
    assert has_focus(opener)


# ------------------------------------------------- live regions speak once a change


def test_the_planner_says_each_change_once(open_page, portal: str) -> None:
    tab = open_page(portal + "rencana/")
    total, found = "[data-kk-plan-total]", "[data-kk-plan-found]"
    tab.locator("[data-kk-plan-query]").focus()
    tab.keyboard.type("arsip")
    tab.locator(found).filter(has_text="modul cocok").wait_for()
    matches = tab.locator(found).inner_text()
    tab.evaluate(LIVE, total)
    tab.evaluate(LIVE, found)

    add = tab.locator("[data-kk-plan-results] button:enabled").first
    title = add.get_attribute("aria-label")
    add.focus()
    tab.keyboard.press("Enter")
    news = said(tab, total)
    assert len(news) == 1 and news[0].startswith("1 modul, "), news
    # The number of matches did not change: it is not read out again.
    assert said(tab, found) == [] and tab.locator(found).inner_text() == matches

    assert title and title.startswith("Tambah ")
    remove = tab.get_by_role("button", name="Hapus " + title[len("Tambah ") : -len(" ke rencana")])
    remove.focus()
    tab.keyboard.press("Enter")
    assert said(tab, total) == [news[0], "Belum ada modul dalam rencana."]
    assert said(tab, found) == []
    assert same_region(tab, total) and same_region(tab, found)


# Before the page's own script runs: watch the live regions from then on.
WATCH_FROM_THE_START = """
document.addEventListener("DOMContentLoaded", () => {
  window.kkSaid = {};
  document.querySelectorAll("[aria-live], [role=status]").forEach((region, i) => {
    const said = window.kkSaid[i] = [];
    new MutationObserver(() => said.push(region.textContent.trim()))
      .observe(region, {childList: true, characterData: true, subtree: true});
  });
});
"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_schedule_count_speaks_only_when_it_changes(open_page, portal: str, width: int) -> None:
    # On the sample's build day (SAMPLE_EPOCH): later, what ended since would leave
    # the list as the page opens, a change that is rightly announced.
    tab = open_page(
        portal + "jadwal/", width, init=WATCH_FROM_THE_START, at="2026-07-01T12:00:00+07:00"
    )
    count = tab.locator("[data-kk-count]")
    shown = count.inner_text()
    # Nothing is announced when the page opens: the count there is the count.
    assert not [s for s in tab.evaluate("Object.values(window.kkSaid)") if s], shown

    tab.evaluate(LIVE, "[data-kk-count]")
    toggle = tab.locator("[data-kk-filters-toggle]")
    if toggle.is_visible():  # a phone: the choices open behind a button
        toggle.focus()
        tab.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
    partner = tab.locator("select[name=partner]")
    partner.focus()
    tab.keyboard.press("ArrowDown")  # the first partner
    assert said(tab, "[data-kk-count]") == [count.inner_text()] != [shown]
    reset = tab.get_by_role("button", name="Hapus saringan")
    reset.focus()
    tab.keyboard.press("Enter")
    assert said(tab, "[data-kk-count]")[-1] == shown
    assert len(said(tab, "[data-kk-count]")) == 2
    assert same_region(tab, "[data-kk-count]")
    # The button went away with the filters: the keyboard is on the first choice.
    assert tab.evaluate("() => document.activeElement.name") == "month"


# --------------------------------------------------------------- single keys


@pytest.mark.parametrize("key", ["n", ".", "p", ","])
def test_a_single_key_does_not_leave_the_page(open_page, portal: str, key: str) -> None:
    """Material goes to the next or previous section on n . p , (WCAG 2.1.4)."""
    tab = open_page(portal + "modul/", 1280)
    tab.keyboard.press(key)
    tab.wait_for_timeout(500)  # a page that was left would be gone by now
    assert tab.url == portal + "modul/"
    assert tab.locator("h1").inner_text() == "Modul Pelatihan"


# ------------------------------------------------- landmarks, headings and names

ENGLISH = re.compile(
    r"\b(tab|tabs|search|close|skip|back to top|header|footer|navigation|menu toggle|"
    r"previous|next|copy|share|clear|open|expand|collapse)\b",
    re.I,
)

NAMES = r"""() => {
  const out = [];
  const text = e => (e.getAttribute("aria-label") || e.textContent || e.value || "")
    .replace(/\s+/g, " ").trim();
  document.querySelectorAll("nav, main, header, footer, [role=search], [role=dialog], [role=region]")
    .forEach(e => { if (e.getAttribute("aria-label")) out.push("landmark: " + e.getAttribute("aria-label")); });
  document.querySelectorAll("a[href], button, [role=button], input, select, summary").forEach(e => {
    if (!e.getClientRects().length && !e.closest("[role=dialog]")) return;
    const label = e.labels && e.labels[0] ? e.labels[0].textContent : "";
    const name = (e.getAttribute("aria-label") || label || text(e) || e.getAttribute("title") || "").trim();
    out.push(e.tagName + ": " + name);
  });
  document.querySelectorAll("[title]").forEach(e => out.push("title: " + e.getAttribute("title")));
  const headings = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")]
    .filter(h => h.getClientRects().length).map(h => Number(h.tagName[1]));
  return {names: out, headings, h1: document.querySelectorAll("h1").length,
          lang: document.documentElement.lang};
}"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_landmarks_headings_and_names_are_indonesian(
    open_page, portal: str, sample_site: Path, width: int
) -> None:
    failures = []
    for rel in audited_pages(sample_site):
        tab = open_page(portal + rel, width)
        found = tab.evaluate(NAMES)
        tab.context.close()
        where = f"{rel or 'home'} at {width} px"
        if found["lang"] != "id":
            failures.append(f"{where}: lang={found['lang']!r}")
        if found["h1"] != 1:
            failures.append(f"{where}: {found['h1']} h1")
        levels = found["headings"]
        if levels and levels[0] != 1:
            failures.append(f"{where}: the first heading is h{levels[0]}")
        failures += [
            f"{where}: h{b} after h{a}"
            for a, b in zip(levels, levels[1:], strict=False)
            if b > a + 1
        ]
        for name in found["names"]:
            kind, _, words = name.partition(": ")
            if not words.strip() and kind not in ("title",):
                failures.append(f"{where}: {kind} without a name")
            elif ENGLISH.search(words):
                failures.append(f"{where}: English {name!r}")
    if width == 390:  # the phone's menu is a button a screen reader names
        tab = open_page(portal + "modul/", width)
        if tab.get_by_role("button", name="Menu navigasi").count() != 1:
            failures.append("modul/ at 390 px: no button 'Menu navigasi'")
    assert not failures, "\n".join(dict.fromkeys(failures))


def test_the_slash_shortcut_can_be_turned_off_and_stays_off(open_page, portal: str) -> None:
    """WCAG 2.1.4: "/" opened the search box on one key with no way to turn it off;
    a speech user saying "slash" or a slip of the finger opened it."""
    tab = open_page(portal + "modul/", 1280)
    dialog = tab.locator(".kk-search__dialog")
    opener = tab.locator(".kk-search__open")
    tab.keyboard.press("/")
    dialog.wait_for(state="visible")
    switch = tab.get_by_label("Buka pencarian dengan tombol /")
    assert switch.is_checked()
    switch.uncheck()
    tab.keyboard.press("Escape")
    assert dialog.is_hidden()
    tab.locator("main h1").click()
    tab.keyboard.press("/")
    tab.wait_for_timeout(200)
    assert dialog.is_hidden(), "the shortcut still opens the box after it was turned off"
    assert opener.get_attribute("title") == "Cari"
    # Kept in this browser: another page, another visit.
    tab.goto(portal + "jadwal/", wait_until="load")
    tab.locator("main h1").click()
    tab.keyboard.press("/")
    tab.wait_for_timeout(200)
    assert tab.locator(".kk-search__dialog").is_hidden()
    # And turned on again from the box.
    tab.locator(".kk-search__open").click()
    tab.get_by_label("Buka pencarian dengan tombol /").check()
    tab.keyboard.press("Escape")
    tab.locator("main h1").click()
    tab.keyboard.press("/")
    tab.locator(".kk-search__dialog").wait_for(state="visible")
    assert tab.locator(".kk-search__open").get_attribute("title") == "Cari (tekan /)"


def test_a_table_box_is_a_tab_stop_only_when_it_scrolls(
    open_page, portal: str, sample_site: Path
) -> None:
    """On a phone the offerings table is stacked into cards and scrolls nothing, yet its
    box was a tab stop: the keyboard met an empty stop before the first button."""
    url = portal + page_url(sample_site, "module")
    tab = open_page(url, 390)
    box = tab.locator(".kk-table-wrap").first
    assert box.get_attribute("tabindex") is None
    tab.keyboard.press("Tab")
    for _ in range(60):
        assert not has_focus(box), "the stacked table's box took the focus"
        tab.keyboard.press("Tab")
    # A table wider than its box (a long word, a narrow window) scrolls: a stop again.
    tab.evaluate(
        "() => { const t = document.querySelector('.kk-table-wrap table');"
        " t.style.minWidth = '3000px'; t.style.display = 'table';"
        " window.dispatchEvent(new Event('resize')); }"
    )
    assert box.get_attribute("tabindex") == "0"
