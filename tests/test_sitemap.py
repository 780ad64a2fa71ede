"""sitemap.xml: every page once, within the protocol's limits (50,000 URLs and
50 MiB a file), as a sitemap index of several files when a national catalog has
more pages than one file may list."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.mkdocs_plugin import SITEMAP_URLS, sitemap_files

pytest.register_assert_rewrite("sitehelpers")

pytest_plugins = ["sitehelpers"]

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://portal.example.go.id/kurikulum/"


def locs(data: bytes, tag: str) -> list[str]:
    root = ET.fromstring(data)
    assert root.tag == f"{{{NS['s']}}}{tag}", root.tag
    child = "url" if tag == "urlset" else "sitemap"
    return [el.text for el in root.findall(f"s:{child}/s:loc", NS)]


def urls_of(files: dict[str, bytes]) -> list[str]:
    """The page URLs a search engine reads, following the index when there is one."""
    top = ET.fromstring(files["sitemap.xml"])
    if top.tag.endswith("urlset"):
        return locs(files["sitemap.xml"], "urlset")
    found = []
    for loc in locs(files["sitemap.xml"], "sitemapindex"):
        assert loc.startswith(BASE)
        found += locs(files[loc.removeprefix(BASE)], "urlset")
    return found


def pages(n: int) -> list[str]:
    return [f"modul/mitra-{i % 7}/modul-{i:05d}/" for i in range(n)] + [""]


def test_one_file_while_the_pages_fit() -> None:
    files = sitemap_files(pages(30), BASE)
    assert sorted(files) == ["sitemap.xml", "sitemap.xml.gz"]
    assert urls_of(files) == sorted(BASE + u for u in pages(30))


def test_more_pages_than_a_file_may_list_make_an_index() -> None:
    files = sitemap_files(pages(25), BASE, limit=10)
    assert sorted(files) == sorted(
        ["sitemap.xml", *(f"sitemap-{n}.xml" for n in (1, 2, 3))]
        + [f"{name}.gz" for name in ["sitemap.xml", *(f"sitemap-{n}.xml" for n in (1, 2, 3))]]
    )
    for n in (1, 2, 3):
        assert len(locs(files[f"sitemap-{n}.xml"], "urlset")) <= 10
    found = urls_of(files)
    assert found == sorted(BASE + u for u in pages(25))  # each page once, in order
    for name, data in files.items():
        if name.endswith(".gz"):
            assert gzip.decompress(data) == files[name.removesuffix(".gz")]


def test_a_file_never_passes_the_byte_limit() -> None:
    urls = pages(200)
    files = sitemap_files(urls, BASE, max_bytes=4000)
    xml_files = [n for n in files if n.endswith(".xml") and n != "sitemap.xml"]
    assert len(xml_files) > 1
    assert all(len(files[n]) <= 4000 for n in xml_files)
    assert urls_of(files) == sorted(BASE + u for u in urls)


def test_the_protocol_limit_is_50000() -> None:
    assert SITEMAP_URLS == 50_000
    files = sitemap_files(pages(SITEMAP_URLS), BASE)  # 50,001 pages: two files
    assert "sitemap-2.xml" in files
    assert len(urls_of(files)) == SITEMAP_URLS + 1


def test_the_sample_sitemap_lists_every_page(sample_site: Path) -> None:
    data = (sample_site / "sitemap.xml").read_bytes()
    listed = set(locs(data, "urlset"))
    root = "https://kurikulum.pemkomedan.go.id/"
    on_disk = {
        root + p.parent.relative_to(sample_site).as_posix().removeprefix(".") + "/"
        for p in sample_site.rglob("index.html")
    }
    on_disk = {u.replace(root + "/", root) for u in on_disk}
    assert listed == on_disk
