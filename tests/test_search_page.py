"""/cari/: a search page with an address of its own.

`?q=` on any page (the page's form, a link an ASN shares in a chat, a
browser's site search) opens the search box with that query and its results;
the page's form keeps the query in the address. The page sits in the index's
own folder, and indexing leaves it there. Browser parts run in headless
Chromium (Debian's; skipped when missing, failed when CI=true).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import open_tab, parse  # noqa: E402

pytest_plugins = ["sitehelpers"]


def test_the_search_page_is_built_beside_the_index(sample_site: Path) -> None:
    page = sample_site / "cari" / "index.html"
    assert page.is_file(), "indexing must leave /cari/index.html in place"
    for name in ("indeks.json", "akar.txt", "kata.txt"):
        assert (sample_site / "cari" / name).is_file(), name
    html = page.read_text(encoding="utf-8")
    form = re.search(r"<form [^>]*data-kk-search-page[^>]*>", html)
    assert form is not None and 'method="get"' in form[0]
    assert re.search(r'<input [^>]*type="search" name="q"', html)
    assert "<h1>Pencarian</h1>" in html
    # Without scripts: a way on, to each section.
    links = {value for tag, _, value in parse(page).links if tag == "a"}
    assert {"../modul/", "../jadwal/", "../magang/"} <= links, links
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cari/</loc>" in sitemap


def _results(tab) -> list[str]:
    tab.wait_for_function(
        "() => document.querySelectorAll('.kk-search__results .kk-result').length > 0"
    )
    return tab.locator(".kk-search__results .kk-result__title").all_inner_texts()


def test_an_address_with_q_opens_the_box_with_its_results(browser, http_portal: str) -> None:
    with open_tab(browser, http_portal + "cari/?q=arsip%20digital", width=360, height=740) as tab:
        dialog = tab.locator(".kk-search__dialog")
        dialog.wait_for(state="visible")
        assert tab.locator(".kk-search__input").input_value() == "arsip digital"
        titles = _results(tab)
        assert any("arsip" in t.lower() for t in titles[:3]), titles
        tab.keyboard.press("Escape")
        assert dialog.is_hidden()
        # The page's own field holds the query too, ready to change it.
        assert tab.locator("#kk-cari-kata").input_value() == "arsip digital"


def test_the_search_pages_form_searches_and_keeps_the_query_in_the_address(
    browser, http_portal: str
) -> None:
    with open_tab(browser, http_portal + "cari/", width=360, height=740) as tab:
        assert tab.locator(".kk-search__dialog").is_hidden()
        tab.locator("#kk-cari-kata").fill("kepemimpinan")
        tab.get_by_role("button", name="Cari", exact=True).click()
        tab.locator(".kk-search__dialog").wait_for(state="visible")
        titles = _results(tab)
        assert any("kepemimpinan" in t.lower() for t in titles[:3]), titles
        assert tab.url.endswith("/cari/?q=kepemimpinan"), tab.url


def test_any_page_opens_the_box_for_q(browser, http_portal: str) -> None:
    with open_tab(browser, http_portal + "jadwal/?q=magang", width=1280, height=800) as tab:
        tab.locator(".kk-search__dialog").wait_for(state="visible")
        assert tab.locator(".kk-search__input").input_value() == "magang"
        assert _results(tab)


def test_browsers_can_add_the_portal_as_a_search_engine(sample_site: Path) -> None:
    """/opensearch.xml sends a browser's address-bar search to /cari/?q=."""
    from xml.etree import ElementTree

    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ElementTree.parse(sample_site / "opensearch.xml").getroot()
    name = root.findtext("os:ShortName", namespaces=ns)
    assert name and len(name) <= 16 and "Portal" in name, name
    url = root.find("os:Url", ns)
    assert url is not None and url.get("type") == "text/html"
    assert url.get("template") == "https://kurikulum.pemkomedan.go.id/cari/?q={searchTerms}"
    assert root.findtext("os:InputEncoding", namespaces=ns) == "UTF-8"
    for page in ("index.html", "modul/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert re.search(
            r'<link rel="search" type="application/opensearchdescription\+xml" '
            r'title="[^"]+" href="(\.\./)?opensearch\.xml">',
            html,
        ), page


def test_without_an_address_there_is_no_search_engine_file(mini_site: Path) -> None:
    assert not (mini_site / "opensearch.xml").exists()
    assert 'rel="search"' not in (mini_site / "index.html").read_text(encoding="utf-8")
