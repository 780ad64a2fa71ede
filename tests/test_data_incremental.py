"""The data files assembled from cached fragments (generator/datacache.py) are the
bytes of a run without any cache, whatever changed since the cache was written.

Each check loads the curriculum, plans every data file with the cache of the
previous check, and compares them with the files planned without cache from
the same catalog, byte for byte. The tests shrink the workbook's runs and the
state's batches so that the small fixture spans several of each.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator import datacache
from generator.catalog import Catalog
from generator.datacache import DataCache
from generator.exports import file_items, opendata, plan_files

TODAY = date(2026, 3, 1)
MODULE = """\
title: {title}
summary: Modul tambahan untuk uji cache data.
method: pelatihan
mode: luring
jp: {jp}
competency_type: teknis
competencies: [pelayanan-publik]
offerings:
  - id: a1
    start: 2026-0{month}-10 08:00
    end: 2026-0{month}-11 16:00
    quota: 20
  - id: a2
    start: 2026-0{month}-20
    end: 2026-0{month}-21
"""
# The files that show a module's title.
TITLED = {"data/katalog.json", "data/modul.csv", "data/katalog.xlsx", "rencana/modul.js"}


@pytest.fixture
def project(mini_project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini fixture with ten more modules, in runs of three rows and batches of two."""
    monkeypatch.setattr(opendata, "RUN", 3)
    monkeypatch.setattr(datacache, "BATCH", 2)
    for n in range(10):
        text = MODULE.format(title=f"Modul Tambahan {n}", jp=4 + n, month=3 + n % 6)
        module = mini_project / "curriculum" / "usu" / "modules" / f"modul-{n:02d}.yml"
        module.write_text(text, encoding="utf-8")
    return mini_project


class Builds:
    """Plans of one project, each with the data cache the previous one committed."""

    def __init__(self, project: Path, tmp_path: Path):
        self.project = project
        self.folder = tmp_path / "data-cache"
        self.out = tmp_path / "site"
        self.today = TODAY
        self.stale = False

    def run(self, *, commit: bool = True) -> tuple[DataCache, dict[str, bytes], dict[str, bytes]]:
        catalog = Catalog.from_folder(
            config_path=self.project / "site_config.yml", today=self.today
        )
        cache = DataCache.open(self.folder, self.out, catalog)
        if self.stale:  # a key that leaves out the records' files
            cache.digests = dict.fromkeys(cache.digests, b"stale")
        cached = plan_files(catalog, cache=cache)
        if commit:
            datacache.commit(self.folder, self.out)
        return cache, cached, plan_files(catalog)

    def check(self, *, reused: bool = True) -> DataCache:
        """Plan with the cache and without, and compare; `reused`: the cache must have
        given fragments (not everything was made again)."""
        cache, cached, fresh = self.run()
        assert sorted(cached) == sorted(fresh)
        assert [path for path in fresh if cached[path] != fresh[path]] == []
        assert cache.misses > 0 or cache.hits > 0
        if reused:
            assert cache.hits > 0, "nothing was taken from the cache"
        return cache

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def builds(project: Path, tmp_path: Path) -> Builds:
    return Builds(project, tmp_path)


def test_every_edit_of_a_record_gives_the_bytes_of_a_run_without_cache(builds: Builds) -> None:
    builds.check(reused=False)
    state = builds.folder / datacache.STATE_NAME
    first = {path.name: path.read_bytes() for path in state.iterdir()}
    again = builds.check()
    assert again.misses == 0, "an unchanged curriculum must be taken whole from the cache"
    # Frames of unchanged fragments are copied: the same state, read whole again.
    assert {path.name: path.read_bytes() for path in state.iterdir()} == first
    assert builds.check().misses == 0
    builds.edit(
        "curriculum/usu/modules/pelayanan-prima.yml", "title: Pelayanan Prima", "title: Prima"
    )
    edited = builds.check()
    assert edited.hits > 4 * edited.misses
    builds.edit("curriculum/usu/partner.yml", "name: Universitas Sumatera Utara", "name: USU Baru")
    builds.edit("curriculum/usu/partner.yml", "short_name: USU", "short_name: USUB")
    builds.check()
    builds.edit("curriculum/competencies.yml", "name: Pelayanan Publik", "name: Layanan Publik")
    builds.check()
    builds.edit(
        "curriculum/usu/modules/modul-04.yml", "start: 2026-07-10 08:00", "start: 2026-07-09 07:30"
    )
    builds.check()
    # An offering added to the first module: the later modules' rows of the Angkatan
    # sheet move down, in runs of the same modules.
    builds.edit(
        "curriculum/unimed/modules/kepemimpinan-layanan.yml",
        "offerings:\n",
        "offerings:\n  - {id: a0, start: 2026-01-05, end: 2026-01-06}\n",
    )
    builds.check()
    module = builds.project / "curriculum" / "usu" / "modules"
    (module / "aaa-awal.yml").write_text(MODULE.format(title="Awal", jp=2, month=5), "utf-8")
    builds.check()  # added first in key order: every workbook row after it moves down
    (module / "modul-03.yml").unlink()
    builds.check()
    # A prerequisite left out as a draft: the module that names it is not edited.
    builds.edit("curriculum/unimed/modules/pelayanan-lanjut.yml", "jp: 16", "jp: 16\ndraft: true")
    builds.check()
    builds.edit("curriculum/unimed/modules/pelayanan-lanjut.yml", "jp: 16\ndraft: true", "jp: 18")
    builds.check()
    builds.edit(
        "curriculum/usu/programs/jalur-pelayanan.yml", "  - unimed/kepemimpinan-layanan\n", ""
    )
    builds.check()
    builds.edit("curriculum/usu/internships/magang-layanan.yml", "quota: 4", "quota: 5")
    builds.edit("curriculum/usu/internships/magang-layanan.yml", "Magang Unit", "Magang Baru Unit")
    builds.check()
    builds.edit(
        "curriculum/usu/forums/forum-pelayanan.yml", "duration_minutes: 90", "duration_minutes: 60"
    )
    builds.check()


def test_site_wide_changes_give_the_bytes_of_a_run_without_cache(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds.check(reused=False)
    builds.edit("site_config.yml", "title: Portal Uji Kurikulum", "title: Portal Uji Baru")
    builds.check(reused=False)
    builds.edit(
        "site_config.yml", "output: site", "output: site\nurl: https://portal.example.go.id/"
    )
    builds.check(reused=False)
    builds.edit("site_config.yml", "timezone: Asia/Jakarta", "timezone: Asia/Makassar")
    builds.check(reused=False)
    builds.today = TODAY + timedelta(days=1)  # the feed shows the day; the tables do not
    builds.check()
    monkeypatch.setattr(datacache, "code_fingerprint", lambda: b"another version")
    assert builds.check(reused=False).hits == 0


def test_a_damaged_state_gives_the_bytes_of_a_run_without_cache(builds: Builds) -> None:
    builds.check(reused=False)
    state = builds.folder / datacache.STATE_NAME
    lines = (state / "katalog-modules").read_bytes()
    middle = len(lines) // 2
    (state / "katalog-modules").write_bytes(lines[:middle] + b"\xff\x00" + lines[middle + 2 :])
    (state / "modul-csv").write_bytes((state / "modul-csv").read_bytes()[:-7])
    (state / "planner").write_bytes(b"not a state")
    (state / "workbook").write_bytes(b"")
    builds.edit(
        "curriculum/usu/modules/pelayanan-prima.yml", "title: Pelayanan Prima", "title: Prima"
    )
    builds.check()
    builds.check()


def test_a_stale_key_would_be_caught(builds: Builds) -> None:
    """The comparison fails when a key leaves out an input: here the records' files."""
    builds.stale = True
    builds.run()
    builds.edit(
        "curriculum/usu/modules/pelayanan-prima.yml", "title: Pelayanan Prima", "title: Prima"
    )
    _, cached, fresh = builds.run()
    differ = {path for path in fresh if cached[path] != fresh[path]}
    assert differ >= TITLED


def test_the_state_is_current_only_once_its_files_are_published(builds: Builds) -> None:
    builds.check(reused=False)
    state = builds.folder / datacache.STATE_NAME
    before = {p.name: p.read_bytes() for p in state.iterdir()}
    pending = datacache.pending_path(builds.folder, builds.out)

    # A build that failed after planning its files: its state is dropped.
    builds.edit(
        "curriculum/usu/modules/pelayanan-prima.yml", "title: Pelayanan Prima", "title: Prima"
    )
    builds.run(commit=False)
    assert (pending / datacache.COMPLETE).is_file()
    datacache.discard(builds.folder, builds.out)
    assert not pending.exists()
    assert {p.name: p.read_bytes() for p in state.iterdir()} == before

    # A build stopped halfway through the files leaves no state to commit.
    catalog = Catalog.from_folder(config_path=builds.project / "site_config.yml", today=TODAY)
    items = file_items(catalog, cache=DataCache.open(builds.folder, builds.out, catalog))
    next(path for path, _ in items if path == "data/katalog.json")
    items.close()
    datacache.commit(builds.folder, builds.out)
    assert not pending.exists()
    assert {p.name: p.read_bytes() for p in state.iterdir()} == before

    # The next build still finds the published build's fragments, not the failed ones'.
    cache = builds.check()
    assert cache.misses > 0
    assert {p.name: p.read_bytes() for p in state.iterdir()} != before


def test_what_killed_builds_left_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    current = folder / datacache.STATE_NAME
    fresh = datacache.pending_path(folder, tmp_path / "a")
    old = datacache.pending_path(folder, tmp_path / "b")
    other = folder / "data-v0"
    replaced = folder / f"{datacache.OLD_PREFIX}123"
    for path in (current, fresh, old, other, replaced):
        path.mkdir(parents=True)
    day_ago = time.time() - datacache.STALE_AFTER - 60
    os.utime(old, (day_ago, day_ago))
    assert sorted(datacache.prune(folder)) == sorted([old, other, replaced])
    assert current.is_dir() and fresh.is_dir()


def test_the_workbook_stays_a_valid_workbook_of_the_tables(builds: Builds) -> None:
    """Runs of rows deflated apart and joined: the zip's checksums hold and the
    sheets are the CSV tables, also after rows moved (a module added first)."""
    import openpyxl

    builds.check(reused=False)
    module = builds.project / "curriculum" / "usu" / "modules"
    (module / "aaa-awal.yml").write_text(MODULE.format(title="Awal", jp=2, month=5), "utf-8")
    _, cached, _ = builds.run()
    data = cached["data/katalog.xlsx"]
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, name in zip(book.worksheets, ["modul", "angkatan", "magang", "mitra"], strict=True):
        table = list(csv.reader(io.StringIO(cached[f"data/{name}.csv"].decode("utf-8-sig"))))
        cells = [
            ["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()
        ]
        assert cells == table, name
        assert (
            sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(table[0])).column_letter}{len(table)}"
        )
    assert re.search(
        rb"usu/aaa-awal", zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    )
