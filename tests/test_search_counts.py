"""The search box of a large catalog on a phone: counts read as Indonesian writes
them (1.000 hasil), and the close button is a full tap target."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import REPO, http_server, run_cli  # noqa: E402

pytest_plugins = ["sitehelpers"]

sys.path.insert(0, str(REPO / "bench"))
from search_eval import SearchBox  # noqa: E402

MODULES = 1000


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("besar")
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "gen_catalog.py"), str(MODULES), "--out", str(root)],
        check=True,
        capture_output=True,
    )
    www = root / "www"
    result = run_cli("build", "--output", str(www / "portal"), cwd=root)
    assert result.returncode == 0, result.stderr
    with http_server(www) as base:
        yield base + "portal/"


@pytest.fixture
def phone(browser, portal: str):
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True)
    page = context.new_page()
    page.goto(portal)
    yield page
    context.close()


def test_counts_of_a_thousand_and_more_are_grouped_with_a_dot(phone, portal: str):
    box = SearchBox(phone, portal)
    box.set_filter("jenis", "Modul")
    shown = box.wait("")
    assert f"{MODULES:,}".replace(",", ".") + " hasil sesuai saringan." in shown.status, (
        shown.status
    )


def test_the_close_button_is_a_full_tap_target(phone, portal: str):
    SearchBox(phone, portal).open()
    close = phone.locator(".kk-search__close").bounding_box()
    assert close is not None and close["width"] >= 44 and close["height"] >= 44, close
    phone.locator(".kk-search__close").tap()
    phone.locator(".kk-search__dialog").wait_for(state="hidden")
