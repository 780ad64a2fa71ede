"""Updating the published search index (generator/search.py `_update`,
generator/searchindex.py `IndexUpdate`) instead of writing it whole.

Each test plays builds on the mini site: the new site hard-links the published
site's pages (as the page cache does), some pages are written again, the site
is indexed with `published`, and its `cari/` must be the same tree, byte for
byte, as the index written whole from the same pages without any cache.
Most run with tiny dictionary shards and every posting list in a file (the
`tiny` fixture), so that a change moves shard boundaries and posting files as
on a large site.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import search, searchindex
from generator.search import (
    DOCS_DIR,
    MARKER,
    PART_SUFFIX,
    SEARCH_DIR,
    STATE_FILE,
    SearchStats,
    commit_docs,
    discard_docs,
    index_site,
)

pytest.register_assert_rewrite("sitehelpers")
pytest_plugins = ["sitehelpers"]

PAGE = "modul/usu/pelayanan-prima/index.html"
Edit = Callable[[Path], None]


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards of a few terms, every posting list longer than 2 bytes in a file."""
    monkeypatch.setattr(searchindex, "SHARD_BYTES", 150)
    monkeypatch.setattr(searchindex, "INLINE_BYTES", 2)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _no_index(folder: str, names: list[str]) -> list[str]:
    """copytree's ignore: the search page but not the index beside it."""
    return [n for n in names if Path(folder).name == SEARCH_DIR and n != "index.html"]


def _rewrite(site: Path, page: str, old: str, new: str) -> None:
    """Write a page again (a new file, as a build writes a page that changed)."""
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert old in text, (page, old)
    path.unlink()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(page: str, old: str, new: str) -> Edit:
    return lambda site: _rewrite(site, page, old, new)


class Builds:
    """Builds in a row: each indexes a new site beside the published one (or the
    published one itself, `in_place`, as the preview does) and publishes it."""

    def __init__(self, mini_site: Path, tmp: Path, *, in_place: bool = False) -> None:
        self.tmp = tmp
        self.cache = tmp / "cache"
        self.in_place = in_place
        self.count = 0
        self.published = tmp / "site-0"
        shutil.copytree(mini_site, self.published, ignore=_no_index)
        first = index_site(self.published, self.cache)
        assert not first.updated
        commit_docs(self.cache, first.pending)
        self.pages = len(_pages(self.published))

    def new_site(self) -> Path:
        if self.in_place:
            return self.published
        self.count += 1
        site = self.tmp / f"site-{self.count}"
        shutil.copytree(self.published, site, copy_function=os.link, ignore=_no_index)
        return site

    def run(self, *edits: Edit, commit: bool = True) -> SearchStats:
        """One build with `edits`; asserts the index is the one written whole."""
        site = self.new_site()
        for change in edits:
            change(site)
        stats = index_site(site, self.cache, published=self.published)
        assert _tree(site / SEARCH_DIR) == written_whole(site, self.tmp)
        if not commit:  # the build failed
            discard_docs(stats.pending)
            if site != self.published:
                shutil.rmtree(site)
            return stats
        commit_docs(self.cache, stats.pending)
        if site != self.published:
            shutil.rmtree(self.published)  # the old site goes; its files live on in links
            self.published = site
        return stats


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if p.parent != site / SEARCH_DIR]


def written_whole(site: Path, tmp: Path) -> dict[str, bytes]:
    """The index of `site`'s pages written whole, without a cache."""
    copy = tmp / "whole"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, copy_function=os.link, ignore=_no_index)
    stats = index_site(copy)
    assert not stats.updated and stats.pending is None
    tree = _tree(copy / SEARCH_DIR)
    shutil.rmtree(copy)
    return tree


# Changes a build makes to one page, by what they touch in the index.
CHANGES = {
    "a word added": edit(PAGE, '<p class="kk-lead">Dasar', '<p class="kk-lead">Dasar zebra'),
    "a word removed": edit(PAGE, '<p class="kk-lead">Dasar pelayanan', '<p class="kk-lead">Dasar'),
    "the title": edit(PAGE, "<h1>Pelayanan Prima", "<h1>Layanan Unggul Prima"),
    "a filter value": edit(PAGE, 'data-pagefind-filter="jenjang">Dasar<', 'data-pagefind-filter="jenjang">Lanjut<'),
    "the summary": edit(PAGE, 'data-pagefind-meta="ringkasan">Dasar', 'data-pagefind-meta="ringkasan">Awal'),
    "a name added": edit(PAGE, "data-kk-cari>", 'data-kk-cari><span data-pagefind-meta="nama">Zebra Kuda</span>'),
    "no longer indexed": edit(PAGE, f" {MARKER}>", ">"),
    "written again the same": edit(PAGE, "<h1>", "<h1>"),
}  # fmt: skip


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_page_updates_the_index_to_the_bytes_written_whole(
    mini_site: Path, tmp_path: Path, tiny: None, change: str
):
    builds = Builds(mini_site, tmp_path)
    before = _tree(builds.published / SEARCH_DIR)
    stats = builds.run(CHANGES[change])
    assert stats.updated and stats.cached and stats.parsed == 1
    after = _tree(builds.published / SEARCH_DIR)
    if change == "written again the same":
        assert after == before
    else:
        assert after != before
    # The state now describes the new index: the next build updates it again.
    again = builds.run(edit(PAGE, "<h1>", "<h1>"))
    assert again.updated and again.parsed == 1


def test_unchanged_index_files_are_linked_from_the_published_site(
    mini_site: Path, tmp_path: Path, tiny: None
):
    builds = Builds(mini_site, tmp_path)
    old = builds.published / SEARCH_DIR
    inodes = {p.relative_to(old).as_posix(): p.stat().st_ino for p in old.rglob("*.bin")}
    site = builds.new_site()
    CHANGES["a word added"](site)
    assert index_site(site, builds.cache, published=builds.published).updated
    new = {
        p.relative_to(site / SEARCH_DIR).as_posix(): p.stat().st_ino
        for p in (site / SEARCH_DIR).rglob("*.bin")
    }
    kept = [name for name in new if inodes.get(name) == new[name]]
    assert len(kept) >= len(new) - 5 > 0  # a word added touches a few posting lists


@pytest.mark.parametrize("in_place", [False, True], ids=["beside", "in-place"])
@pytest.mark.parametrize("shards", ["tiny", "default"])
def test_builds_in_a_row(
    mini_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_place: bool, shards: str
):
    if shards == "tiny":
        monkeypatch.setattr(searchindex, "SHARD_BYTES", 150)
        monkeypatch.setattr(searchindex, "INLINE_BYTES", 2)
    builds = Builds(mini_site, tmp_path, in_place=in_place)
    competency = next(
        p.relative_to(builds.published).as_posix()
        for p in sorted((builds.published / "kompetensi").glob("*/index.html"))
    )
    marked = '<div class="kk-search-meta" hidden data-pagefind-ignore'
    rounds: list[tuple[int, list[Edit]]] = [  # (pages written again, edits)
        (1, [CHANGES["the title"], CHANGES["a filter value"]]),
        (1, [edit(PAGE, "<h1>Layanan Unggul", "<h1>Pelayanan Unggul")]),
        (2, [CHANGES["no longer indexed"], edit(competency, "<h1>", "<h1>Kompetensi Zebra ")]),
        (1, [edit(PAGE, marked + ">", f"{marked} {MARKER}>")]),  # indexed again
        (0, []),
        (2, [CHANGES["a name added"], edit(competency, "Kompetensi Zebra ", "")]),
        (1, [edit(competency, f"{MARKER}>", f'{MARKER}><span data-pagefind-filter="zebra">Kuda</span>')]),
        (1, [edit(competency, '<span data-pagefind-filter="zebra">Kuda</span>', "")]),  # no more zebra
    ]  # fmt: skip
    for pages, edits in rounds:
        stats = builds.run(*edits)
        assert stats.updated and stats.parsed == pages, pages


def test_a_result_file_emptied_and_filled_again(mini_site: Path, tmp_path: Path, tiny: None):
    """The first result file (pages 0-7) holds two indexed pages, and the last indexed
    page gives the manifest's page count: they stop being indexed, then one
    comes back."""
    builds = Builds(mini_site, tmp_path)
    pages = sorted(_pages(builds.published), key=lambda p: p.relative_to(builds.published).parts)
    first = [
        p.relative_to(builds.published).as_posix()
        for p in pages[: searchindex.PAGES_PER_FILE]
        if MARKER in p.read_text(encoding="utf-8")
    ]
    last = next(
        p.relative_to(builds.published).as_posix()
        for p in reversed(pages)
        if MARKER in p.read_text(encoding="utf-8")
    )
    assert len(first) == 2
    manifest = (builds.published / SEARCH_DIR / "indeks.json").read_text(encoding="utf-8")
    unmark = [edit(page, f" {MARKER}>", ">") for page in (*first, last)]
    assert builds.run(*unmark).updated
    emptied = (builds.published / SEARCH_DIR / "indeks.json").read_text(encoding="utf-8")
    assert not list((builds.published / SEARCH_DIR).glob("h/*/0.json"))
    assert '"halaman":' in emptied and emptied != manifest
    assert builds.run(
        edit(first[1], "data-pagefind-ignore>", f"data-pagefind-ignore {MARKER}>")
    ).updated
    assert list((builds.published / SEARCH_DIR).glob("h/*/0.json"))


@pytest.mark.parametrize("how", ["added", "removed"])
def test_a_page_added_or_removed_means_the_index_is_written_whole(
    mini_site: Path, tmp_path: Path, tiny: None, how: str
):
    builds = Builds(mini_site, tmp_path)

    def add_or_remove(site: Path) -> None:
        folder = site / PAGE.rpartition("/")[0]
        if how == "removed":
            shutil.rmtree(folder)
        else:
            new = folder.with_name("zebra-prima")
            new.mkdir()
            _rewrite_to(folder / "index.html", new / "index.html")

    stats = builds.run(add_or_remove)
    assert not stats.updated  # the page numbers moved
    assert stats.parsed == (1 if how == "added" else 0)
    # Written whole, the state is the new index's: the next build updates it.
    assert builds.run(*([CHANGES["the title"]] if how == "added" else [])).updated


def _rewrite_to(source: Path, target: Path) -> None:
    text = source.read_text(encoding="utf-8").replace("<h1>Pelayanan Prima", "<h1>Zebra Prima")
    target.write_text(text, encoding="utf-8")


def test_a_state_of_another_generator_is_not_used(
    mini_site: Path, tmp_path: Path, tiny: None, monkeypatch: pytest.MonkeyPatch
):
    builds = Builds(mini_site, tmp_path)
    from generator import cache

    monkeypatch.setattr(cache, "code_fingerprint", lambda: b"another generator")
    stats = builds.run(CHANGES["the title"])
    assert not stats.updated and not stats.cached and stats.parsed == builds.pages
    assert builds.run(CHANGES["a word added"]).updated  # its own state, from then on


@pytest.mark.parametrize("damage", ["state cut short", "state garbage", "part cut short"])
def test_a_damaged_state_means_the_index_is_written_whole(
    mini_site: Path, tmp_path: Path, tiny: None, damage: str
):
    builds = Builds(mini_site, tmp_path)
    folder = builds.cache / DOCS_DIR
    state = folder / STATE_FILE
    if damage == "state cut short":
        state.write_bytes(state.read_bytes()[:1000])
    elif damage == "state garbage":
        state.write_bytes(b"not a pickle at all")
    else:
        for part in folder.glob(f"*{PART_SUFFIX}"):
            part.write_bytes(b"")
    stats = builds.run(CHANGES["the title"])
    assert not stats.updated
    assert stats.parsed == builds.pages  # nothing cached could be read
    assert builds.run(CHANGES["a word added"]).updated


@pytest.mark.parametrize("in_place", [False, True], ids=["beside", "in-place"])
@pytest.mark.parametrize("where", ["posting file", "result file", "manifest", "vocabulary"])
def test_a_published_index_other_than_the_state_says_is_written_whole(
    mini_site: Path, tmp_path: Path, tiny: None, in_place: bool, where: str
):
    builds = Builds(mini_site, tmp_path, in_place=in_place)
    index = builds.published / SEARCH_DIR
    if where == "posting file":
        next(index.glob("p/*.bin")).unlink()
    elif where == "result file":
        next(index.glob("h/*/*.json")).unlink()
    elif where == "manifest":
        (index / "indeks.json").write_bytes((index / "indeks.json").read_bytes() + b" ")
    else:  # not in the manifest: rewritten from the state, so not in the way
        (index / "kata.txt").write_text("lain\n", encoding="utf-8")
    stats = builds.run(CHANGES["the title"])
    # Files the manifest names must be there (the vocabulary is written from the state).
    assert stats.updated == (where == "vocabulary")


def test_a_failed_build_leaves_the_state_of_the_published_index(
    mini_site: Path, tmp_path: Path, tiny: None
):
    builds = Builds(mini_site, tmp_path)
    failed = builds.run(CHANGES["the title"], commit=False)
    assert failed.updated and failed.pending is not None and not failed.pending.exists()
    # The state still describes the published index: the next build updates it.
    assert builds.run(CHANGES["a word added"]).updated


def test_without_the_published_site_the_index_is_written_whole(mini_site: Path, tmp_path: Path):
    builds = Builds(mini_site, tmp_path)
    site = builds.new_site()
    CHANGES["the title"](site)
    stats = index_site(site, builds.cache)
    assert not stats.updated and stats.parsed == 1  # the other pages' views are kept
    assert _tree(site / SEARCH_DIR) == written_whole(site, tmp_path)


def test_many_changed_pages_mean_the_index_is_written_whole(
    mini_site: Path, tmp_path: Path, tiny: None, monkeypatch: pytest.MonkeyPatch
):
    builds = Builds(mini_site, tmp_path)
    monkeypatch.setattr(search, "PARALLEL_FROM", 1)
    pages = [p.relative_to(builds.published).as_posix() for p in _pages(builds.published)]
    many = len(pages) // search.UPDATE_SHARE + 1
    stats = builds.run(*(edit(page, "</html>", "</html>") for page in pages[:many]))
    assert not stats.updated and stats.parsed == many
    assert builds.run(CHANGES["the title"]).updated
    # Or many terms changed on them.
    monkeypatch.setattr(search, "UPDATE_CHANGES", 3)
    stats = builds.run(edit(PAGE, "<h1>", "<h1>Satu Dua Tiga Empat "))
    assert not stats.updated and stats.parsed == 1


def test_the_views_of_pages_are_compacted(
    mini_site: Path, tmp_path: Path, tiny: None, monkeypatch: pytest.MonkeyPatch
):
    """Each update adds a part of the changed pages' views; old views no page uses
    are dropped when they weigh too much, and parts are merged when too many."""
    monkeypatch.setattr(search, "GARBAGE_MIN", 0)
    monkeypatch.setattr(search, "MAX_PARTS", 2)
    builds = Builds(mini_site, tmp_path)
    folder = builds.cache / DOCS_DIR
    sizes = []
    for word in ("Satu", "Dua", "Tiga", "Empat", "Lima"):
        assert builds.run(edit(PAGE, "<h1>", f"<h1>{word} ")).updated
        parts = list(folder.glob(f"*{PART_SUFFIX}"))
        assert len(parts) <= 2
        sizes.append(sum(p.stat().st_size for p in parts))
    with open(folder / STATE_FILE, "rb") as file:
        state = pickle.load(file)
    live = sum(state["where"][2::3])
    assert max(sizes) - min(sizes) < live // 2  # the old views went
    assert sum(p.stat().st_size for p in folder.glob(f"*{PART_SUFFIX}")) <= live * 5 // 4


def test_the_pages_are_those_os_walk_finds(mini_site: Path, tmp_path: Path):
    """`_pages` (scandir) lists what os.walk did: not below folders named cari or
    assets at any depth, nor through links to folders."""
    site = tmp_path / "site"
    shutil.copytree(mini_site, site, copy_function=os.link)
    for folder in ("modul/usu/assets/x", "modul/cari", "a/b/c"):
        (site / folder).mkdir(parents=True)
        (site / folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (site / "tautan").symlink_to(site / "modul", target_is_directory=True)
    expected = []
    for folder, dirs, files in os.walk(site):
        dirs[:] = [d for d in dirs if d not in (SEARCH_DIR, "assets")]
        if "index.html" in files:
            rel = Path(folder).relative_to(site).as_posix()
            expected.append("index.html" if rel == "." else f"{rel}/index.html")
    expected.sort(key=lambda rel: rel.split("/"))
    assert search._pages(site) == expected
    assert "a/b/c/index.html" in expected and not [p for p in expected if "tautan" in p]
