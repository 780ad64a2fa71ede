"""What a phone user met on the schedule, the planner and the 404 page (audit of
2026-12-07), checked as they would notice it, in headless Debian Chromium:

- the month index of a big schedule: each chip a 44 px tall target, the page
  shown told apart from the others (a filled chip, not one more underline);
- the schedule filters: no choice cut short in its select at 360 and 412 px
  (nor at 1280), each select 44 px tall; a month page says which month it
  shows rather than "per bulan";
- the filter form is on the page before the script runs (the rows do not jump
  down when it arrives late on a slow network), and hidden without scripts;
- filtered to a month, the link "Lihat semua N angkatan yang sedang
  berlangsung" goes with the running group it belongs to;
- numbers as Indonesian writes them (kuota 1.500, 1.300 JP in the planner);
- the main buttons and links (calendar, planner's "Hapus", 404 page's links)
  are 44 px tall; the 404 page's heading looks like every other page's.

A small curriculum is built in-process on 2026-12-07 (WIB) with a schedule
limit of 10 rows, so that it has month pages and a page of running offerings.

Chromium comes from the Debian package at /usr/bin/chromium; `playwright
install` is never run. Missing Chromium or Playwright: skipped, or failed when
CI=true.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import build_in_process, http_server_with_404  # noqa: E402

from generator import pages as planner  # noqa: E402

pytest_plugins = ["sitehelpers"]

EPOCH = "1796601600"  # 2026-12-07 00:00 UTC = 07:00 WIB
TODAY = date(2026, 12, 7)
SUB = "portal"
PHONES = [(360, 740), (412, 915)]
TAP = 44  # px: the touch target asked of the portal's main actions

SITE_CONFIG = """\
title: Portal Uji Audit Ponsel
description: Portal uji tampilan di ponsel.
url: https://portal.example.go.id/
language: id
timezone: Asia/Jakarta
curriculum: curriculum
output: site
annual_jp_target: 20
licence: CC BY 4.0
"""

PARTNERS = {
    "usu": "name: Universitas Sumatera Utara\nshort_name: USU\nkind: universitas\ncity: Medan\n",
    "polmed": "name: Politeknik Negeri Medan\nshort_name: Polmed\nkind: politeknik\ncity: Medan\n",
}

RUNNING = 5


def _files() -> dict[str, str]:
    files = {
        "competencies.yml": "pelayanan-publik:\n  name: Pelayanan Publik\n  type: teknis\n",
        **{f"{p}/partner.yml": text for p, text in PARTNERS.items()},
    }
    for n in range(RUNNING):  # running since months ago, each ending on its own day
        partner = ("usu", "polmed")[n % 2]
        files[f"{partner}/modules/daring-{n}.yml"] = textwrap.dedent(f"""\
            title: Kelas Daring {n}
            summary: Kelas daring yang berjalan berbulan-bulan.
            method: e-learning
            mode: daring
            jp: 10
            competency_type: teknis
            offerings:
              - id: periode
                start: 2026-0{n + 1}-05
                end: {TODAY + timedelta(days=2 + n * 3)}
                online: https://elearning.example/
                quota: {1500 if n == 0 else 40}
            """)
    lines = [
        "title: Pelatihan Pelayanan Prima",
        "summary: Pelatihan tatap muka.",
        "method: pelatihan",
        "mode: campuran",
        "jp: 16",
        "competency_type: teknis",
        "offerings:",
    ]
    for year, month in [(2026, 12), (2027, 1), (2027, 2), (2027, 3)]:
        for k in range(4):
            day = date(year, month, 14 + k)
            lines += [
                f"  - id: a{year}{month:02d}{k}",
                f"    start: {day}",
                f"    end: {day}",
                "    venue: {name: Gedung Pusat Pelatihan USU, city: Medan}",
                "    online: https://meet.example/",
            ]
    files["usu/modules/pelayanan-prima.yml"] = "\n".join(lines) + "\n"
    return files


@pytest.fixture(scope="module")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A web root with the audit curriculum's site at /portal/."""
    root = tmp_path_factory.mktemp("phone-audit")
    (root / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    for rel, text in _files().items():
        path = root / "curriculum" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(planner, "SCHEDULE_LIMIT", 10)
        mp.setattr(planner, "RUNNING_SHOWN", 3)
        build_in_process(root / "site_config.yml", root / "www" / SUB, EPOCH)
    return root / "www"


@pytest.fixture(scope="module")
def portal(www: Path) -> Iterator[str]:
    with http_server_with_404(www, SUB) as base:
        yield base


@pytest.fixture
def open_page(browser) -> Iterator:
    """`open_page(url, width, height, **context_options)`: a tab on 2026-12-07 (WIB)."""
    contexts = []

    def make(url: str, width: int = 360, height: int = 740, **options):
        ctx = browser.new_context(
            viewport={"width": width, "height": height},
            timezone_id="Asia/Jakarta",
            service_workers="block",
            **options,
        )
        contexts.append(ctx)
        tab = ctx.new_page()
        tab.errors = []
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        if options.get("java_script_enabled", True):
            tab.clock.set_fixed_time("2026-12-07T10:00:00+07:00")
        tab.goto(url, wait_until="load")
        return tab

    yield make
    for ctx in contexts:
        ctx.close()


def _html(www: Path, rel: str) -> str:
    return (www / SUB / rel / "index.html").read_text(encoding="utf-8")


def _box(tab, selector: str) -> list[dict]:
    return tab.locator(selector).evaluate_all(
        """els => els.filter(e => e.offsetParent !== null).map(e => {
             const r = e.getBoundingClientRect();
             return {text: e.textContent.trim(), w: r.width, h: r.height,
                     bg: getComputedStyle(e).backgroundColor, color: getComputedStyle(e).color,
                     current: e.getAttribute("aria-current")};
           })"""
    )


# ------------------------------------------------------------ the month index


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_month_chips_are_touch_targets_and_show_the_page_shown(
    open_page, portal: str, width: int, height: int
) -> None:
    tab = open_page(portal + "jadwal/2027-01/", width, height)
    chips = _box(tab, "nav.kk-months ul.kk-chips a")
    assert [c["text"] for c in chips][:2] == ["Sedang berlangsung (5)", "Desember 2026 (4)"]
    small = [f"{c['text']}: {c['h']:.0f} px" for c in chips if c["h"] < TAP]
    assert not small, f"month chips under {TAP} px tall at {width} px: {small}"
    current = [c for c in chips if c["current"] == "page"]
    others = [c for c in chips if c["current"] != "page"]
    assert [c["text"] for c in current] == ["Januari 2027 (4)"]
    # The page shown is told apart at a glance: its own colours, not the others'.
    assert {(c["bg"], c["color"]) for c in others} == {(others[0]["bg"], others[0]["color"])}
    assert (current[0]["bg"], current[0]["color"]) != (others[0]["bg"], others[0]["color"])


# ------------------------------------------------------------------- filters

# The width a select needs to show a choice in full: its text in the select's
# font, the select's padding and border, and the arrow.
_CUT = """form => [...form.querySelectorAll("select")].flatMap(s => {
  const cs = getComputedStyle(s);
  const probe = document.createElement("span");
  probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
  probe.style.font = cs.font;
  document.body.appendChild(probe);
  const room = s.getBoundingClientRect().width - parseFloat(cs.paddingLeft)
    - parseFloat(cs.paddingRight) - parseFloat(cs.borderLeftWidth)
    - parseFloat(cs.borderRightWidth) - 20;
  const cut = [...s.options].map(o => {
    probe.textContent = o.textContent;
    return {select: s.name, option: o.textContent, need: probe.getBoundingClientRect().width,
            room: room, height: s.getBoundingClientRect().height};
  });
  probe.remove();
  return cut;
})"""


def unfold(form) -> None:
    """Open the folded choices of the schedule's filters (a phone's), if folded."""
    toggle = form.locator("[data-kk-filters-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_the_filters_fold_on_a_phone(open_page, portal: str, width: int, height: int) -> None:
    tab = open_page(portal + "jadwal/", width, height)
    form = tab.locator("form[data-kk-filters]")
    toggle = form.locator("[data-kk-filters-toggle]")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.inner_text() == "Pilih saringan"
    box = toggle.bounding_box()
    assert box is not None and box["height"] >= TAP, box
    assert form.locator("select").first.is_hidden()
    # Folded, the form is one line and the count (five selects were 490 px tall).
    folded = form.bounding_box()
    assert folded is not None and folded["height"] <= 150, folded
    # Open: the choices, and the button says how to fold them again.
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert toggle.inner_text() == "Sembunyikan pilihan"
    form.locator('select[name="month"]').select_option("2026-12")
    count = form.locator("[data-kk-count]")
    assert count.inner_text() == "4 dari 7 kegiatan ditampilkan."
    # Folded with a choice made: the button counts the choices, and one button clears them.
    toggle.click()
    assert form.locator("select").first.is_hidden()
    assert toggle.inner_text() == "Pilih saringan (1 aktif)"
    reset = form.get_by_role("button", name="Hapus saringan")
    box = reset.bounding_box()
    assert box is not None and box["height"] >= TAP, box
    reset.click()
    assert count.inner_text() == "7 dari 7 kegiatan ditampilkan."
    assert reset.is_hidden() and toggle.inner_text() == "Pilih saringan"
    assert "?" not in tab.url
    assert not tab.errors


def test_a_wide_screen_shows_every_choice_without_a_fold(open_page, portal: str) -> None:
    tab = open_page(portal + "jadwal/?month=2026-12", 1280, 900)
    form = tab.locator("form[data-kk-filters]")
    assert form.locator("[data-kk-filters-toggle]").is_hidden()
    assert form.locator("select").count() >= 4
    assert all(s.is_visible() for s in form.locator("select").all())
    assert form.get_by_role("button", name="Hapus saringan").is_visible()
    assert not tab.errors


@pytest.mark.parametrize(("width", "height"), [*PHONES, (1280, 900)])
def test_no_filter_choice_is_cut_short(open_page, portal: str, width: int, height: int) -> None:
    tab = open_page(portal + "jadwal/", width, height)
    form = tab.locator("form[data-kk-filters]")
    assert form.is_visible()
    unfold(form)
    options = form.evaluate(_CUT)
    assert {o["option"] for o in options} >= {"Sedang berlangsung", "Luring (tatap muka)"}
    cut = sorted(
        {f"{o['select']}: {o['option']!r} needs {o['need']:.0f} px, has {o['room']:.0f}"}
        for o in options
        if o["need"] > o["room"]
    )
    assert not cut, f"choices cut short at {width} px:\n" + "\n".join(map(str, cut))
    low = sorted({f"{o['select']}: {o['height']:.0f} px" for o in options if o["height"] < TAP})
    assert not low, f"selects under {TAP} px tall at {width} px: {low}"


def test_a_month_page_says_its_month(www: Path) -> None:
    html = _html(www, "jadwal/2027-01")
    intro = re.search(r"</h1>\s*<p>(.*?)</p>", html, re.S)
    assert intro is not None
    assert "Angkatan pelatihan dan pertemuan forum pada Januari 2027." in intro.group(1)
    assert "per bulan" not in intro.group(1)


def test_the_filter_form_does_not_push_the_rows_down_when_the_script_arrives(
    open_page, portal: str, www: Path
) -> None:
    html = _html(www, "jadwal")
    form = re.search(r"<form [^>]*data-kk-filters[^>]*>", html)
    assert form is not None and " hidden" not in form.group(0)
    assert "7 dari 7 kegiatan ditampilkan." in html  # 3 running, 4 in December
    # The rows stand where they will stay, before the script and after it.
    late = open_page(portal + "jadwal/")
    late.context.route("**/kurikulum.*.js", lambda route: route.abort())
    late.reload(wait_until="load")
    before = late.locator("section[data-kk-month]").first.bounding_box()
    after = open_page(portal + "jadwal/").locator("section[data-kk-month]").first.bounding_box()
    assert before is not None and after is not None
    assert abs(before["y"] - after["y"]) < 1, (before, after)
    # Without scripts the form could do nothing: it is not shown.
    off = open_page(portal + "jadwal/", java_script_enabled=False)
    assert off.locator("form.kk-filters").is_hidden()


def test_the_link_to_all_running_offerings_goes_with_its_group(open_page, portal: str) -> None:
    tab = open_page(portal + "jadwal/")
    more = tab.get_by_role("link", name="Lihat semua 5 angkatan yang sedang berlangsung")
    assert more.is_visible()
    box = more.bounding_box()
    assert box is not None and box["height"] >= TAP, box
    unfold(tab.locator("form[data-kk-filters]"))
    tab.locator('form[data-kk-filters] select[name="month"]').select_option("2026-12")
    assert tab.locator("section[data-kk-month='berlangsung']").is_hidden()
    assert more.is_hidden(), "the link of a hidden group stays on screen"
    tab.locator('form[data-kk-filters] select[name="month"]').select_option("berlangsung")
    assert more.is_visible()
    assert not tab.errors


# ------------------------------------------------------- numbers and buttons


def test_numbers_are_written_the_indonesian_way(www: Path) -> None:
    for rel in ("jadwal", "jadwal/berlangsung"):
        text = _html(www, rel)
        assert "kuota 1.500" in text and "kuota 1500" not in text, rel


def test_planner_totals_and_buttons(open_page, portal: str) -> None:
    plan = (
        '[{"id":"usu/a","t":"Modul A","jp":600,"u":"modul/usu/daring-0/","p":"USU"},'
        '{"id":"usu/b","t":"Modul B","jp":700,"u":"modul/usu/daring-2/","p":"USU"}]'
    )
    tab = open_page(portal)  # the origin, to write the plan into its storage
    tab.evaluate("plan => localStorage.setItem('portal-kurikulum:rencana', plan)", plan)
    tab.goto(portal + "rencana/", wait_until="load")
    total = tab.locator("[data-kk-plan-total]")
    assert total.inner_text().strip() == "2 modul, 1.300 JP: target 20 JP tercapai."
    assert "(600 JP, USU)" in tab.locator("[data-kk-plan-list]").inner_text()
    heights = [b["h"] for b in _box(tab, "[data-kk-plan-list] button, [data-kk-plan-clear]")]
    assert len(heights) == 3 and min(heights) >= TAP, heights


@pytest.mark.parametrize("rel", ["jadwal/", "modul/usu/pelayanan-prima/"])
def test_calendar_buttons_are_touch_targets(open_page, portal: str, rel: str) -> None:
    tab = open_page(portal + rel)
    buttons = _box(tab, ".kk-calendar .md-button")
    assert buttons and min(b["h"] for b in buttons) >= TAP, buttons


# ------------------------------------------------------------------- the 404


def test_404_page_looks_like_the_portal_and_its_links_are_targets(open_page, portal: str) -> None:
    home = open_page(portal)
    expected = home.locator("h1").evaluate(
        "h => [getComputedStyle(h).color, getComputedStyle(h).fontWeight]"
    )
    tab = open_page(portal + "modul/usu/modul-yang-dihapus/")
    h1 = tab.locator("h1")
    assert h1.inner_text() == "Halaman tidak ditemukan"
    got = h1.evaluate("h => [getComputedStyle(h).color, getComputedStyle(h).fontWeight]")
    assert got == expected
    links = _box(tab, "article ul a, .md-content ul a")
    assert [link["text"] for link in links] == [
        "Beranda",
        "Daftar modul",
        "Jadwal pelatihan",
        "Daftar magang",
    ]
    assert min(link["h"] for link in links) >= TAP, links


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_the_header_buttons_are_touch_targets(open_page, portal: str, width, height) -> None:
    page = open_page(portal + "modul/", width, height)
    for selector in ("label.md-header__button[for='__drawer']", ".kk-search__open"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["width"] >= TAP and box["height"] >= TAP, (selector, box)
        # Still inside the header bar.
        header = page.locator(".md-header").bounding_box()
        assert (
            header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
        )
