"""Drafts (`draft: true`): shown and marked in the preview, absent from the published site.

`usu/pelayanan-prima` is a draft here, and published records refer to it from
everywhere: a prerequisite within usu and from unimed, a program, an
internship. The published build must hold no trace of it and no broken link;
the preview build (what `kurikulum serve` renders) shows it with the banner.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE_FILES

from generator.catalog import Catalog
from generator.pages import plan
from generator.render import render_page

pytest.register_assert_rewrite("sitehelpers")
from sitehelpers import MINI_EPOCH, build_in_process  # noqa: E402
from test_site_links import check_links  # noqa: E402

BANNER = "DRAF — belum diterbitkan"
DRAFT_URL = "modul/usu/pelayanan-prima/"
SITE_CONFIG = "title: Portal Uji\ndescription: Portal untuk pengujian draf.\ncurriculum: cur\n"


@pytest.fixture
def drafted(make_curriculum, tmp_path: Path) -> Path:
    make_curriculum({
        "usu/modules/pelayanan-prima.yml": BASE_FILES["usu/modules/pelayanan-prima.yml"] + "draft: true\n",
        "usu/forums/forum-pelayanan.yml": BASE_FILES["usu/forums/forum-pelayanan.yml"] + "draft: yes\n",
    })  # fmt: skip
    config = tmp_path / "site_config.yml"
    config.write_text(SITE_CONFIG, encoding="utf-8")
    return config


def render(catalog: Catalog, url: str) -> str:
    page = next(p for p in plan(catalog) if p.url == url)
    return render_page(page.template, {**page.context, "page": page, "page_url": page.url})


def test_the_published_plan_leaves_drafts_out(drafted):
    catalog = Catalog.from_folder(config_path=drafted)
    urls = {p.url for p in plan(catalog)}
    assert DRAFT_URL not in urls
    assert "forum/usu/forum-pelayanan/" not in urls
    assert not any(p.is_draft for p in plan(catalog))
    # Published records that list the draft simply do not show it.
    program = render(catalog, "program/usu/jalur-pelayanan/")
    assert "pelayanan-prima" not in program and "Pelayanan Prima" not in program


def test_the_preview_plan_marks_drafts(drafted):
    catalog = Catalog.from_folder(config_path=drafted, include_drafts=True)
    pages = {p.url: p for p in plan(catalog)}
    assert pages[DRAFT_URL].is_draft
    assert pages["forum/usu/forum-pelayanan/"].is_draft
    assert not pages["modul/usu/pelayanan-lanjut/"].is_draft
    assert BANNER in render(catalog, DRAFT_URL)
    assert BANNER in render(catalog, "forum/usu/forum-pelayanan/")
    assert BANNER not in render(catalog, "modul/usu/pelayanan-lanjut/")
    assert "Pelayanan Prima" in render(catalog, "program/usu/jalur-pelayanan/")


def test_build_leaves_drafts_out_without_a_broken_link(drafted, tmp_path):
    site = build_in_process(drafted, tmp_path / "site", MINI_EPOCH)
    assert not (site / DRAFT_URL).exists()
    assert not (site / "forum/usu/forum-pelayanan").exists()
    assert (site / "modul/usu/pelayanan-lanjut/index.html").is_file()
    leaks = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file()
        and p.parent.name != "panduan"  # the editor guide's examples name it
        and p.suffix in (".html", ".ics", ".json", ".xml", ".csv", ".txt")
        and ("Pelayanan Prima" in (text := p.read_text(encoding="utf-8", errors="replace"))
             or "usu/pelayanan-prima" in text or "Forum Pelayanan Publik" in text)
    ]  # fmt: skip
    assert leaks == []
    _, problems = check_links(site)
    assert problems == []


def test_build_with_drafts_shows_them_marked(drafted, tmp_path):
    """What `kurikulum serve` renders: drafts included, each page with the banner."""
    from generator.build import build

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", MINI_EPOCH)
        build(drafted, tmp_path / "preview", include_drafts=True)
    page = (tmp_path / "preview" / DRAFT_URL / "index.html").read_text(encoding="utf-8")
    assert BANNER in page
    assert "Pelayanan Prima" in page
    other = (tmp_path / "preview/modul/usu/pelayanan-lanjut/index.html").read_text(encoding="utf-8")
    assert BANNER not in other
    _, problems = check_links(tmp_path / "preview")
    assert problems == []
