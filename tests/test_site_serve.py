"""The built sample works from a sub-folder of any static server.

The site is served at /portal/ by `python -m http.server` (from the parent
folder) and by a real nginx (`location /portal/ { alias <site>/; }`) on a free
loopback port. Home, a module page, the CSS and the JS answer 200, and every
stylesheet, script and icon a page links to resolves below /portal/.
nginx missing: skipped, or failed when CI=true.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import (  # noqa: E402
    SUBPATH,
    PageParser,
    fetch,
    nginx_server,
    page_url,
    require,
)

from generator.mkdocs_plugin import asset_uri  # noqa: E402

pytest_plugins = ["sitehelpers"]


@pytest.fixture(scope="module")
def nginx_portal(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx_server(sample_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base + SUBPATH + "/"


@pytest.fixture(params=["http.server", "nginx"])
def portal(request: pytest.FixtureRequest) -> str:
    """The base URL of the sample site, at /portal/ of each server."""
    return request.getfixturevalue(
        "http_portal" if request.param == "http.server" else "nginx_portal"
    )


def _assets(html: bytes, page: str) -> list[str]:
    """Absolute URLs of the stylesheets, scripts and icons a page loads."""
    parser = PageParser()
    parser.feed(html.decode("utf-8"))
    wanted = [
        value
        for tag, attr, value in parser.links
        if (tag, attr) in {("link", "href"), ("script", "src"), ("img", "src")}
    ]
    return [urljoin(page, value) for value in wanted if not urlsplit(value).scheme]


def test_pages_and_assets_under_subpath(portal: str, sample_site: Path) -> None:
    module = page_url(sample_site, "module")
    pages = {"home": portal, "module": portal + module}
    for name, url in pages.items():
        status, ctype, body = fetch(url)
        assert status == 200, f"{name} {url}: HTTP {status}"
        assert ctype.startswith("text/html"), f"{name}: {ctype}"
        assert b'<html lang="id"' in body
        assets = _assets(body, url)
        assert any(a.endswith("/" + asset_uri("kurikulum.css")) for a in assets), assets
        assert any(a.endswith("/" + asset_uri("kurikulum.js")) for a in assets), assets
        for asset in assets:
            assert urlsplit(asset).path.startswith(f"/{SUBPATH}/"), (
                f"{name} loads {asset} from outside /{SUBPATH}/"
            )
            status, _, _ = fetch(asset)
            assert status == 200, f"{name} loads {asset}: HTTP {status}"
    for asset, kind in (("kurikulum.css", "text/css"), ("kurikulum.js", "javascript")):
        status, ctype, body = fetch(portal + asset_uri(asset))
        assert status == 200 and kind in ctype and body, (asset, status, ctype)
    status, _, _ = fetch(portal + "tidak-ada/")
    assert status == 404


def test_directory_url_without_slash_redirects(portal: str) -> None:
    """`/portal/modul` (no slash) still reaches the list, via the server's redirect."""
    status, ctype, body = fetch(portal + "modul")
    assert status == 200 and b"kk-page" in body, (status, ctype)


def test_missing_tool_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    require(True, "present")  # nothing happens
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no such tool"):
        require(False, "no such tool")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require(False, "no such tool")
