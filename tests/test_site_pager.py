"""List pages (modules, a competency's modules, the schedule archive of a year)
link to a window of pages around the current one, not to every page: a
50,000-module catalog has a thousand module list pages. Partner and
competency pages list the nearest UPCOMING_SHOWN offerings, not thousands."""

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
        mp.setattr(pages, "UPCOMING_SHOWN", 2)
        mp.setenv("KURIKULUM_CACHE", "0")
        return build_in_process(REPO / "site_config.yml", out, SAMPLE_EPOCH)


PAGER = re.compile(r'<ol class="kk-pager__pages">(.*?)</ol>', re.S)
ITEM = re.compile(
    # A page's link is named "Halaman N" for screen readers, not a bare number.
    r'<li[^>]*>(?:<a href="([^"]*)" aria-label="Halaman (\d+)">\2</a>'
    r'|<span aria-current="page">(\d+)</span>|…)</li>'
)


def list_bases(site: Path) -> list[str]:
    return ["modul"] + sorted(
        p.relative_to(site).as_posix() for p in (site / "jadwal" / "arsip").iterdir()
    )


def competency_bases(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() for p in (site / "kompetensi").glob("*/halaman")
    )


def test_every_list_page_links_first_last_and_near_pages(paged_site: Path) -> None:
    for base in list_bases(paged_site):
        check_pager(paged_site, base, at_least=8)
    bases = competency_bases(paged_site)
    assert len(bases) >= 3
    for base in bases:
        check_pager(paged_site, base)


def check_pager(site: Path, base: str, at_least: int = 2) -> None:
    first = site / base / "index.html"
    total = len(list((site / base / "halaman").iterdir())) + 1
    assert total >= at_least, f"{base}: the sample should give enough list pages for gaps"
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


ROW = re.compile(r'<td\b[^>]*><a href="[^"]*/modul/([^/"]+/[^/"]+)/">')


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


CARD = re.compile(r'<h3 class="kk-card__title"><a href="[^"]*/modul/([^/"]+/[^/"]+)/">')
EVENT = re.compile(r'<li class="kk-event">')


def test_competency_pages_list_every_module_once(paged_site: Path) -> None:
    from generator.catalog import Catalog

    catalog = Catalog.from_folder(config_path=REPO / "site_config.yml", cache=False)
    for comp_id in catalog.competencies:
        base = paged_site / "kompetensi" / comp_id
        expected = [m.key for m in catalog.modules_with_competency(comp_id)]
        pages_ = [base / "index.html"] + sorted(
            base.glob("halaman/*/index.html"), key=lambda p: int(p.parent.name)
        )
        shown = [key for page in pages_ for key in CARD.findall(page.read_text("utf-8"))]
        assert shown == expected, comp_id
        for page in pages_[1:]:  # later pages: the module list only
            assert 'id="jadwal"' not in page.read_text("utf-8")


def test_partner_and_competency_pages_show_the_nearest_offerings(paged_site: Path) -> None:
    from generator.catalog import Catalog

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SAMPLE_EPOCH)
        catalog = Catalog.from_folder(config_path=REPO / "site_config.yml", cache=False)
    cut = 0
    for url, modules in [
        *((f"mitra/{p}/", catalog.of_partner(p, "modules")) for p in catalog.partners),
        *((f"kompetensi/{c}/", catalog.modules_with_competency(c)) for c in catalog.competencies),
    ]:
        html = (paged_site / url / "index.html").read_text("utf-8")
        total = len(catalog.upcoming(modules))
        assert len(EVENT.findall(html)) == min(total, 2), url
        note = f"Ditampilkan 2 angkatan terdekat dari {total}."
        assert (note in html) == (total > 2), url
        if total > 2 and url.startswith("mitra/"):
            partner = url.split("/")[1]
            assert f'href="../../jadwal/?partner={partner}"' in html
        cut += total > 2
    assert cut >= 3
