"""The page cache: a rebuild renders only the pages whose inputs changed, and the
site it publishes is byte for byte the one a build without any cache makes.

Every test builds the same output folder twice (the cache reuses pages of
the published site), with an edit in between, and compares the result with
a fresh build of the edited project with caching off.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import build_fails_at_search, snapshot  # noqa: E402

from generator import pagecache  # noqa: E402
from generator.build import build  # noqa: E402
from generator.pages import SECTIONS  # noqa: E402

pytest_plugins = ["sitehelpers"]


def _record_pages(result) -> int:
    """Pages outside the nav (what the page cache covers), list pages included."""
    return result.pages - len(SECTIONS)


MODULE = "curriculum/usu/modules/pelayanan-prima.yml"
UNIMED = "curriculum/unimed/partner.yml"
PROGRAM_PAGE = "program/usu/jalur-pelayanan/index.html"


@pytest.fixture
def project(mini_project: Path) -> Path:
    return mini_project


@pytest.fixture
def env(mini_build_env: Path) -> Path:
    return mini_build_env


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fresh(project: Path, tmp_path: Path) -> dict:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    build(project / "site_config.yml", out, cache=False)
    return snapshot(out)


def test_an_unchanged_rebuild_renders_no_record_page_and_publishes_the_same_bytes(
    project, env, tmp_path
):
    out = tmp_path / "site"
    first = build(project / "site_config.yml", out)
    assert first.reused == 0
    before = snapshot(out)
    second = build(project / "site_config.yml", out)
    assert second.reused == _record_pages(first) > 10
    assert snapshot(out) == before == _fresh(project, tmp_path)


EDITS = {
    "module title": [(MODULE, "title: Pelayanan Prima", "title: Layanan Unggul Terpadu")],
    # The program page of USU names Unimed's modules' partner through
    # catalog.partner(m): a question the cache asks again, not part of its context.
    "another partner's name": [(UNIMED, "short_name: Unimed", "short_name: UNIMED Medan")],
    "competency name": [
        ("curriculum/competencies.yml", "name: Pelayanan Publik", "name: Layanan Publik Prima")
    ],
    "registration date": [(MODULE, "closes: 2026-03-20", "closes: 2026-02-25")],
    "site title": [("site_config.yml", "title: ", "title: Uji ")],
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_after_an_edit_the_site_equals_a_build_without_cache(project, env, tmp_path, name):
    out = tmp_path / "site"
    first = build(project / "site_config.yml", out)
    for file, old, new in EDITS[name]:
        _edit(project, file, old, new)
    result = build(project / "site_config.yml", out)
    assert snapshot(out) == _fresh(project, tmp_path)
    if name == "site title":  # every page shows the site title
        assert result.reused == 0
    else:
        assert 0 < result.reused < _record_pages(first)


def test_a_partner_rename_reaches_pages_that_only_ask_the_catalog(project, env, tmp_path):
    out = tmp_path / "site"
    build(project / "site_config.yml", out)
    assert "Unimed" in (out / PROGRAM_PAGE).read_text(encoding="utf-8")
    _edit(project, UNIMED, "short_name: Unimed", "short_name: UNIMED Medan")
    build(project / "site_config.yml", out)
    page = (out / PROGRAM_PAGE).read_text(encoding="utf-8")
    assert "UNIMED Medan" in page
    assert "· Unimed<" not in page and ">Unimed<" not in page


def test_added_and_removed_records(project, env, tmp_path):
    out = tmp_path / "site"
    build(project / "site_config.yml", out)
    source = project / MODULE
    copy = source.with_name("pelayanan-prima-lanjutan.yml")
    copy.write_text(
        source.read_text(encoding="utf-8").replace(
            "title: Pelayanan Prima", "title: Pelayanan Prima Lanjutan"
        ),
        encoding="utf-8",
    )
    build(project / "site_config.yml", out)
    assert (out / "modul/usu/pelayanan-prima-lanjutan/index.html").is_file()
    assert snapshot(out) == _fresh(project, tmp_path)
    copy.unlink()
    build(project / "site_config.yml", out)
    assert not (out / "modul/usu/pelayanan-prima-lanjutan").exists()
    assert snapshot(out) == _fresh(project, tmp_path)


def test_a_published_file_changed_by_hand_is_rendered_again(project, env, tmp_path):
    out = tmp_path / "site"
    first = build(project / "site_config.yml", out)
    page = out / "modul/usu/pelayanan-prima/index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Pelayanan Prima", b"DIUBAH TANGAN"))
    result = build(project / "site_config.yml", out)
    assert page.read_bytes() == good
    assert result.reused == _record_pages(first) - 1


def test_a_failed_build_leaves_the_cache_pointing_at_the_published_site(project, env, tmp_path):
    out = tmp_path / "site"
    first = build(project / "site_config.yml", out)
    published = snapshot(out)
    _edit(project, MODULE, "title: Pelayanan Prima", "title: Layanan Baru")
    build_fails_at_search(project / "site_config.yml", out)
    assert snapshot(out) == published
    result = build(project / "site_config.yml", out)
    assert snapshot(out) == _fresh(project, tmp_path)
    assert "Layanan Baru" in (out / "modul/usu/pelayanan-prima/index.html").read_text()
    assert result.reused < _record_pages(first)


def test_no_cache_builds_leave_no_page_state(project, env, tmp_path):
    build(project / "site_config.yml", tmp_path / "site", cache=False)
    assert not list(env.glob("pages-*")) and not list(env.glob("search-*"))


def test_the_whole_build_fingerprint_follows_templates_config_day_and_drafts(
    project, tmp_path, monkeypatch
):
    package = tmp_path / "package"
    for folder in ("templates", "assets"):
        shutil.copytree(pagecache.PACKAGE / folder, package / folder)
    monkeypatch.setattr(pagecache, "PACKAGE", package)
    config = project / "site_config.yml"
    from datetime import date

    day = date(2026, 3, 1)
    base = pagecache.global_fingerprint(config, today=day, drafts=False)
    assert pagecache.global_fingerprint(config, today=day, drafts=False) == base
    assert pagecache.global_fingerprint(config, today=date(2026, 3, 2), drafts=False) != base
    assert pagecache.global_fingerprint(config, today=day, drafts=True) != base
    template = package / "templates/pages/module.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = pagecache.global_fingerprint(config, today=day, drafts=False)
    assert changed != base
    _edit(project, "site_config.yml", "title: ", "title: X ")
    assert pagecache.global_fingerprint(config, today=day, drafts=False) not in (base, changed)
    # A new tz database: the same zone's rules are other bytes.
    zoned = pagecache.global_fingerprint(config, today=day, drafts=False, zone="Asia/Jakarta")
    monkeypatch.setattr(pagecache, "zone_rules", lambda name: b"TZif aturan baru")
    assert (
        pagecache.global_fingerprint(config, today=day, drafts=False, zone="Asia/Jakarta") != zoned
    )


def test_states_of_output_folders_that_are_gone_are_removed(project, env, tmp_path):
    config = project / "site_config.yml"
    build(config, tmp_path / "satu")
    build(config, tmp_path / "dua")
    assert len(list(env.glob("pages-v*.pickle"))) == 2
    (env / "pages-v1-0123456789abcdef.pickle").write_bytes(b"a state of an older version")
    shutil.rmtree(tmp_path / "satu")
    build(config, tmp_path / "dua")
    kept = list(env.glob("pages-v*.pickle"))
    assert kept == [pagecache.state_path(env, tmp_path / "dua")]
    # The folder still built is rebuilt from its state: its pages are reused.
    assert build(config, tmp_path / "dua").reused > 10
