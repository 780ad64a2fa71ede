"""Printed pages (or PDFs) in headless Debian Chromium under print emulation: the
JP plan prints as a document a supervisor can sign, a module page prints its
schedule without the portal's controls.

Chromium comes from the Debian package (never `playwright install`); when it is
missing the tests skip, or fail when CI=true.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

pytest.register_assert_rewrite("sitehelpers")

pytest_plugins = ["sitehelpers"]

KEY = "portal-kurikulum:rencana"
PLAN = [
    {"id": "usu/tata-kelola-data", "t": "Tata Kelola Data Pemerintahan", "jp": 24,
     "u": "modul/usu/tata-kelola-data/", "p": "USU"},
    {"id": "usu/coaching-kinerja", "t": "Coaching Kinerja", "jp": 8,
     "u": "modul/usu/coaching-kinerja/", "p": "USU"},
]  # fmt: skip
CHROME = [".md-header", ".md-tabs", ".kk-search", ".md-skip", ".md-footer", ".kk-breadcrumbs"]


@pytest.fixture
def tab(browser, http_portal: str) -> Iterator:
    context = browser.new_context(viewport={"width": 794, "height": 1123}, service_workers="block")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(f"uncaught {e}"))
    yield pg, http_portal
    context.close()
    assert not errors, errors


def open_plan(pg, portal: str, plan: list) -> None:
    pg.goto(portal + "rencana/", wait_until="domcontentloaded")
    pg.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(plan)])
    pg.reload(wait_until="load")


def shown(pg, selector: str) -> list[str]:
    """The texts of the elements matching `selector` that take room on the page."""
    return pg.locator(selector).evaluate_all(
        """els => els.filter(e => e.getClientRects().length > 0
                                  && getComputedStyle(e).visibility !== 'hidden'
                                  && getComputedStyle(e).opacity !== '0')
                     .map(e => e.innerText.trim())"""
    )


def pdf_pages(pg) -> int:
    counts = re.findall(rb"/Count (\d+)", pg.pdf(format="A4"))
    return max(int(n) for n in counts)


def test_the_printed_plan_is_a_document_to_sign(tab) -> None:
    pg, portal = tab
    open_plan(pg, portal, PLAN)
    pg.emulate_media(media="print")
    assert shown(pg, "[data-kk-plan-list] li a") == [x["t"] for x in PLAN]
    assert shown(pg, "[data-kk-plan-total]") == ["2 modul, 32 JP: target 20 JP tercapai."]
    for selector in ["button", "input", "progress", "#cari-modul", *CHROME]:
        assert shown(pg, selector) == [], selector
    sign = " ".join(shown(pg, "[data-kk-plan-sign]"))
    assert "Disetujui oleh atasan langsung" in sign and "NIP:" in sign
    printed = " ".join(shown(pg, ".kk-print-only"))
    assert re.search(r"Dicetak pada \d{1,2} [A-Z][a-z]+ 20\d\d\.", printed), printed
    assert pdf_pages(pg) == 1  # no blank page after a short plan


def test_the_signature_lines_and_date_are_for_paper_only(tab) -> None:
    pg, portal = tab
    open_plan(pg, portal, PLAN)
    assert shown(pg, "[data-kk-plan-sign]") == []
    assert shown(pg, ".kk-print-only") == []
    # On screen, "Cetak rencana" opens the browser's print dialog.
    pg.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    pg.get_by_role("button", name="Cetak rencana").click()
    assert pg.evaluate("window.printed") == 1


def test_an_empty_plan_prints_that_it_is_empty(tab) -> None:
    pg, portal = tab
    open_plan(pg, portal, [])
    assert shown(pg, "[data-kk-plan-print]") == []  # nothing to print yet
    pg.emulate_media(media="print")
    assert shown(pg, "[data-kk-plan-total]") == ["Belum ada modul dalam rencana."]
    assert shown(pg, "[data-kk-plan-sign]") == []
    assert shown(pg, "button") == [] and shown(pg, "input") == []
    assert pdf_pages(pg) == 1


def test_a_printed_module_page_shows_its_schedule_not_its_controls(tab) -> None:
    pg, portal = tab
    pg.goto(portal + "modul/usu/tata-kelola-data/", wait_until="load")
    assert shown(pg, ".kk-calendar .md-button")  # on screen they are there
    pg.emulate_media(media="print")
    for selector in [".kk-calendar", ".md-button", "button", *CHROME]:
        assert shown(pg, selector) == [], selector
    assert shown(pg, "h1") == ["Tata Kelola Data Pemerintahan"]
    rows = pg.locator(".kk-table tbody tr")
    assert rows.count() >= 1 and len(shown(pg, ".kk-table tbody tr")) == rows.count()
    assert shown(pg, ".kk-table thead th")[:2] == ["Angkatan", "Waktu"]
    assert rows.first.evaluate("r => getComputedStyle(r).breakInside") == "avoid"
