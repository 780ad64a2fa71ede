"""The JP planner (/rencana/) in headless Debian Chromium: what is stored in the
browser survives a reload, bad stored data never breaks the page, removal takes the
right module even when another tab changed the plan.

Chromium comes from the Debian package (never `playwright install`); when it is
missing the tests skip, or fail when CI=true.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest.register_assert_rewrite("sitehelpers")

pytest_plugins = ["sitehelpers"]

KEY = "portal-kurikulum:rencana"


@pytest.fixture
def tab(browser, http_portal: str) -> Iterator:
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.on("pageerror", lambda e: errors.append(f"uncaught {e}"))
    pg.goto(http_portal + "rencana/", wait_until="domcontentloaded")
    yield pg, errors
    context.close()


def store(pg, value: str) -> None:
    pg.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    pg.reload(wait_until="domcontentloaded")


def planned(pg) -> list[str]:
    return pg.locator("[data-kk-plan-list] li a").all_inner_texts()


def add_first_result(pg, query: str) -> str:
    results = pg.locator("[data-kk-plan-results] li")
    pg.fill("[data-kk-plan-query]", "")
    results.first.wait_for(state="detached")  # the last query's results are gone
    pg.fill("[data-kk-plan-query]", query)
    first = results.filter(has=pg.locator("button:enabled")).first
    title = first.locator("a").inner_text()
    first.get_by_role("button").click()
    return title


@pytest.mark.parametrize("stored", ["{}", '"x"', "[null]", "[1, 2]", '[{"id": 5}]', "{nope"])
def test_bad_stored_data_shows_an_empty_plan(tab, stored: str) -> None:
    pg, errors = tab
    store(pg, stored)
    assert pg.locator("[data-kk-plan-total]").inner_text() == "Belum ada modul dalam rencana."
    assert planned(pg) == []
    title = add_first_result(pg, "pelayanan")
    assert planned(pg) == [title]  # the planner still works
    assert not errors, errors


def test_a_plan_survives_a_reload_and_removal_takes_the_named_module(tab) -> None:
    pg, errors = tab
    first = add_first_result(pg, "pelayanan")
    second = add_first_result(pg, "arsip")
    assert planned(pg) == [first, second]
    pg.reload(wait_until="domcontentloaded")
    assert planned(pg) == [first, second]
    # Another tab removes the first module; this tab's list is then out of date
    # until it hears of it. Removing the second one here must keep the plan right.
    plan = json.loads(pg.evaluate("k => localStorage.getItem(k)", KEY))
    pg.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(plan[1:])]
    )  # no storage event in the same tab: the list still shows both
    assert planned(pg) == [first, second]
    pg.get_by_role("button", name=f"Hapus {second} dari rencana").click()
    assert planned(pg) == []
    assert json.loads(pg.evaluate("k => localStorage.getItem(k)", KEY)) == []
    assert not errors, errors


def test_a_module_already_planned_is_named_so(tab) -> None:
    pg, errors = tab
    title = add_first_result(pg, "pelayanan")
    button = pg.get_by_role("button", name=f"Sudah direncanakan: {title}")
    assert button.is_disabled()
    assert button.inner_text() == "Sudah direncanakan"
    assert not errors, errors
