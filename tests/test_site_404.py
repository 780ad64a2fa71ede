"""The 404 page works wherever the site is served: a server shows it at the missing
address, at any depth, often under another path than `url` in site_config.yml
(a test server, a sub-folder). The sample names https://kurikulum.pemkomedan.go.id/
and is served here under /portal/, like nginx's `error_page 404 /portal/404.html`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import SUBPATH, http_server_with_404  # noqa: E402

from generator.mkdocs_plugin import relocatable_404  # noqa: E402

pytest_plugins = ["sitehelpers"]


@pytest.fixture(scope="module")
def server(sample_www: Path) -> Iterator[str]:
    with http_server_with_404(sample_www, SUBPATH) as base:
        yield base.removesuffix(SUBPATH + "/")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.failed = []  # requests for the page's own files that did not succeed
    tab.on(
        "response",
        lambda r: (
            r.status >= 400 and r.request.resource_type != "document" and tab.failed.append(r.url)
        ),
    )
    tab.on("requestfailed", lambda r: tab.failed.append(r.url))
    try:
        yield tab
    finally:
        context.close()


@pytest.mark.parametrize(
    "missing", ["modul/usu/modul-yang-dihapus/", "jadwal/2020-01/", "magang/tidak-ada"]
)
def test_a_missing_page_under_another_path_is_styled_and_leads_back(server, page, missing):
    root = f"{server}{SUBPATH}/"
    response = page.goto(root + missing)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    # The theme's stylesheet and scripts came from the site's own folder.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == (
        "sticky"
    )
    assert page.evaluate("typeof window.document$") == "object"  # Material's scripts ran
    # Every file the page uses came from the site's folder. (The browser may fetch
    # ahead from the configured root before the page's script sets the base: those
    # requests are not used.)
    assert [url for url in page.failed if url.startswith(root)] == []
    links = page.locator("article a, .md-content a")
    hrefs = {a.inner_text().strip(): a.evaluate("a => a.href") for a in links.all()}
    assert hrefs["Beranda"] == root
    assert hrefs["Daftar modul"] == root + "modul/"
    assert hrefs["Daftar magang"] == root + "magang/"
    # The skip link stays on this page.
    skip = page.locator("a.md-skip").evaluate("a => a.href")
    assert skip == root + missing + "#kk-isi"
    page.locator("a", has_text="Daftar modul").click()
    page.wait_for_load_state()
    assert page.url == root + "modul/"
    assert page.locator("h1").first.inner_text() != "Halaman tidak ditemukan"


def test_without_scripts_the_links_start_from_the_configured_root(tmp_path):
    html = (
        "<html><head><link rel='stylesheet' href=\"/portal/assets/a.css\"></head>"
        '<body><a href="/portal/">Beranda</a><a href="/portal/modul/">Modul</a>'
        '<a href="https://contoh.go.id/portal/x">luar</a><a href="#isi">isi</a>'
        '<img src="/lain/x.png"></body></html>'
    )
    out = relocatable_404(html, "https://kurikulum.pemkomedan.go.id/portal/", {"modul"})
    assert '<base href="/portal/">' in out
    assert 'href="assets/a.css"' in out and 'href="">Beranda' in out
    assert 'href="modul/"' in out
    # Other sites, this page's anchors and paths outside the root are left alone.
    assert 'href="https://contoh.go.id/portal/x"' in out and 'href="#isi"' in out
    assert 'src="/lain/x.png"' in out
