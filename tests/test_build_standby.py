"""The standby: the site a build replaced, kept beside the output for the next one.

`kurikulum build` writes the new site into the site the build before it
replaced (`.NAME-lama-siaga`) instead of into an empty folder: its folders are
already made, and its unchanged pages are hard links to the published ones.
Such a link is shared with the published site, so a page the new build
renders must replace it, never be written into it: a build that fails, or
has not yet published, must leave the published site as it was. And what the
standby holds that this build does not make must not reach the new site.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import build_fails_at_search, edit_file, snapshot  # noqa: E402

from generator.build import build  # noqa: E402

pytest_plugins = ["sitehelpers"]

MODULE = "curriculum/usu/modules/pelayanan-prima.yml"
PAGE = "modul/usu/pelayanan-prima/index.html"
COPY = "curriculum/usu/modules/pelayanan-prima-lanjutan.yml"
COPY_PAGE = "modul/usu/pelayanan-prima-lanjutan/index.html"


def _fresh(project: Path, tmp_path: Path) -> dict:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    build(project / "site_config.yml", out, cache=False)
    return snapshot(out)


def _standby(out: Path) -> Path:
    return out.parent / f".{out.name}-lama-siaga"


def test_the_replaced_site_is_kept_and_the_next_build_writes_into_it(
    mini_project, mini_build_env, tmp_path
):
    config, out = mini_project / "site_config.yml", tmp_path / "site"
    build(config, out)
    assert not _standby(out).exists()  # nothing was replaced
    build(config, out)
    standby = _standby(out)
    assert (standby / PAGE).is_file()
    # The pages the second build reused are hard links to those of the first.
    assert os.stat(standby / PAGE).st_ino == os.stat(out / PAGE).st_ino
    kept = os.stat(standby / "modul").st_ino
    build(config, out)
    assert os.stat(out / "modul").st_ino == kept  # the third build wrote into it
    assert snapshot(out) == _fresh(mini_project, tmp_path)


def test_edits_written_through_the_standby_give_the_site_of_a_build_without_cache(
    mini_project, mini_build_env, tmp_path
):
    """Five builds in a row, each compared with a build without any cache: a page
    the standby holds and the new site lacks (a removed module) must be gone."""
    config, out = mini_project / "site_config.yml", tmp_path / "site"
    build(config, out)
    source = mini_project / MODULE
    (mini_project / COPY).write_text(
        source.read_text(encoding="utf-8").replace(
            "title: Pelayanan Prima", "title: Pelayanan Prima Lanjutan"
        ),
        encoding="utf-8",
    )
    build(config, out)  # the new module's page: in this site, not in the standby
    assert (out / COPY_PAGE).is_file()
    build(config, out)  # unchanged: the standby now holds the new module's page
    assert (_standby(out) / COPY_PAGE).is_file()
    (mini_project / COPY).unlink()
    build(config, out)  # written into the standby, which had the removed page
    assert not (out / COPY_PAGE).exists()
    assert not (out / "modul/usu/pelayanan-prima-lanjutan").exists()
    assert snapshot(out) == _fresh(mini_project, tmp_path)
    edit_file(mini_project, MODULE, "title: Pelayanan Prima", "title: Layanan Unggul")
    build(config, out)
    assert "Layanan Unggul" in (out / PAGE).read_text(encoding="utf-8")
    assert snapshot(out) == _fresh(mini_project, tmp_path)


def test_a_failed_build_into_the_standby_leaves_the_published_site_as_it_was(
    mini_project, mini_build_env, tmp_path
):
    config, out = mini_project / "site_config.yml", tmp_path / "site"
    build(config, out)
    build(config, out)
    # The standby's page is the published page itself (one file, two names).
    assert os.stat(_standby(out) / PAGE).st_ino == os.stat(out / PAGE).st_ino
    published = snapshot(out)
    edit_file(mini_project, MODULE, "title: Pelayanan Prima", "title: Layanan Baru")
    # Fails after the new page was written into the standby, before publishing.
    build_fails_at_search(config, out)
    assert snapshot(out) == published
    assert "Layanan Baru" not in (out / PAGE).read_text(encoding="utf-8")
    build(config, out)
    assert "Layanan Baru" in (out / PAGE).read_text(encoding="utf-8")
    assert snapshot(out) == _fresh(mini_project, tmp_path)


def test_a_changed_file_in_the_standby_never_reaches_the_new_site(
    mini_project, mini_build_env, tmp_path
):
    """A theme asset newer than its source (MkDocs' dirty build would skip it), a
    data file, a record page and a stray file, all changed in the standby."""
    config, out = mini_project / "site_config.yml", tmp_path / "site"
    build(config, out)
    build(config, out)
    standby = _standby(out)
    asset = next(p for p in sorted((standby / "assets").rglob("*")) if p.is_file())
    page = standby / PAGE
    page.unlink()  # not the published file any more: a stale copy of it
    page.write_text("halaman basi", encoding="utf-8")
    for path in (asset, standby / "data/katalog.json"):
        path.write_bytes(b"basi")
        future = time.time() + 3600
        os.utime(path, (future, future))
    (standby / "modul" / "liar.html").write_text("liar", encoding="utf-8")
    build(config, out)
    assert snapshot(out) == _fresh(mini_project, tmp_path)


def test_a_build_without_cache_keeps_no_standby(mini_project, mini_build_env, tmp_path):
    config, out = mini_project / "site_config.yml", tmp_path / "site"
    build(config, out)
    build(config, out)
    assert _standby(out).is_dir()
    build(config, out, cache=False)
    deadline = time.monotonic() + 30
    while _standby(out).exists() and time.monotonic() < deadline:
        time.sleep(0.1)  # removed by a detached process, like every replaced site
    assert not _standby(out).exists()
    assert snapshot(out) == _fresh(mini_project, tmp_path)
