"""List pages (modules, the schedule archive of a year) link to a window of pages
around the current one, not to every page: a 50,000-module catalog has a
thousand module list pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import REPO, SAMPLE_EPOCH, build_in_process  # noqa: E402

from generator import pages  # noqa: E402
from generator.pages import pager_window  # noqa: E402

pytest_plugins = ["sitehelpers"]


def numbers(window):
    return [n for n, _ in window]


def test_the_window_keeps_first_last_and_neighbours():
    urls = ["modul/"] + [f"modul/halaman/{n}/" for n in range(2, 1001)]
    assert numbers(pager_window(1, 1000, urls)) == [1, 2, 3, None, 1000]
    assert numbers(pager_window(500, 1000, urls)) == [1, None, 498, 499, 500, 501, 502, None, 1000]
    assert numbers(pager_window(1000, 1000, urls)) == [1, None, 998, 999, 1000]
    # A gap of one page shows that page rather than an ellipsis.
    assert numbers(pager_window(5, 1000, urls)) == [1, 2, 3, 4, 5, 6, 7, None, 1000]
    assert numbers(pager_window(4, 7, urls)) == [1, 2, 3, 4, 5, 6, 7]
    assert numbers(pager_window(1, 1, urls)) == [1]
    assert dict(pager_window(500, 1000, urls))[500] == "modul/halaman/500/"
    assert dict(pager_window(1, 1000, urls))[1] == "modul/"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with two modules (and two archived offerings) a list page, so that
    it has many list pages."""
    out = tmp_path_factory.mktemp("paged") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "PER_PAGE", 2)
        mp.setattr(pages, "ARCHIVE_PER_PAGE", 2)
        mp.setenv("KURIKULUM_CACHE", "0")
        return build_in_process(REPO / "site_config.yml", out, SAMPLE_EPOCH)


PAGER = re.compile(r'<ol class="kk-pager__pages">(.*?)</ol>', re.S)
ITEM = re.compile(
    r'<li[^>]*>(?:<a href="([^"]*)">(\d+)</a>|<span aria-current="page">(\d+)</span>|…)</li>'
)


def list_bases(site: Path) -> list[str]:
    return ["modul"] + sorted(
        p.relative_to(site).as_posix() for p in (site / "jadwal" / "arsip").iterdir()
    )


def test_every_list_page_links_first_last_and_near_pages(paged_site: Path) -> None:
    for base in list_bases(paged_site):
        check_pager(paged_site, base)


def check_pager(site: Path, base: str) -> None:
    first = site / base / "index.html"
    total = len(list((site / base / "halaman").iterdir())) + 1
    assert total >= 8, f"{base}: the sample should give enough list pages for gaps"
    for number in range(1, total + 1):
        page = first if number == 1 else site / f"{base}/halaman/{number}/index.html"
        html = page.read_text(encoding="utf-8")
        assert f"Halaman {number} dari {total}" in html
        (pager,) = PAGER.findall(html)
        items = ITEM.findall(pager)
        assert len(items) == pager.count("<li"), pager
        current = [int(c) for _, _, c in items if c]
        assert current == [number]
        linked = {}
        for href, n, _ in items:
            if n:
                target = (page.parent / href / "index.html").resolve()
                assert target.is_file(), href
                linked[int(n)] = target
        shown = set(linked) | {number}
        assert {1, total} <= shown
        assert {n for n in range(number - 2, number + 3) if 1 <= n <= total} <= shown
        assert len(shown) <= 9  # first, last, five around, and a page each filling a gap of one
        for n, target in linked.items():
            assert f"Halaman {n} dari {total}" in target.read_text(encoding="utf-8")
        gaps = pager.count("…")
        assert gaps == sum(
            1 for a, b in zip(sorted(shown), sorted(shown)[1:], strict=False) if b - a > 1
        )


ROW = re.compile(r'<td><a href="[^"]*/modul/([^/"]+/[^/"]+)/">')


def test_the_archive_shows_each_past_offering_once(paged_site: Path) -> None:
    from generator.catalog import Catalog

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
        catalog = Catalog.from_folder(config_path=REPO / "site_config.yml", cache=False)
    for base in list_bases(paged_site)[1:]:
        year = int(base.rsplit("/", 1)[1])
        expected = [s.module.key for s in reversed(catalog.past()) if s.start.year == year]
        pages_ = [paged_site / base / "index.html"] + sorted(
            (paged_site / base / "halaman").glob("*/index.html"),
            key=lambda p: int(p.parent.name),
        )
        shown = []
        for page in pages_:
            rows = ROW.findall(page.read_text(encoding="utf-8"))
            assert 1 <= len(rows) <= 2
            shown += rows
        assert shown == expected
