"""The record cache: a rebuild reads only what changed, and never an old value.

Entries are found by a digest of the file's bytes, where it is, the site's
time zone and the generator's own code; these tests change each of those and
look at what the site and `kurikulum check` then show.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI_EPOCH, REPO, build_in_process, run_cli, snapshot  # noqa: E402

from generator import cache as cache_module  # noqa: E402
from generator import load  # noqa: E402
from generator.cache import RECORDS_FILE, RecordCache  # noqa: E402
from generator.catalog import check_curriculum  # noqa: E402

MODULE = Path("curriculum/usu/modules/pelayanan-prima.yml")
PAGE = Path("modul/usu/pelayanan-prima/index.html")


@pytest.fixture
def project(mini_project: Path) -> Path:
    return mini_project


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KURIKULUM_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files each later read actually parses (cache misses)."""
    monkeypatch.setenv("KURIKULUM_NO_FORK", "1")  # read in this process, where we count
    seen: list[str] = []
    real = load.parse_yaml

    def counting(raw, *, path=None, display="<teks>"):
        seen.append(Path(display).name)
        return real(raw, path=path, display=display)

    monkeypatch.setattr(load, "parse_yaml", counting)
    return seen


def test_a_warm_cache_builds_the_same_site_as_no_cache(project, cache_dir, tmp_path, parsed):
    cold = build_in_process(project / "site_config.yml", tmp_path / "cold", MINI_EPOCH)
    assert (cache_dir / RECORDS_FILE).is_file()
    files = len(parsed)
    assert files > 5
    parsed.clear()
    warm = build_in_process(project / "site_config.yml", tmp_path / "warm", MINI_EPOCH)
    assert parsed == []  # every record came from the cache
    without = run_cli(
        "build",
        "--no-cache",
        "--config",
        str(project / "site_config.yml"),
        "--output",
        str(tmp_path / "none"),
        cwd=tmp_path,
        epoch=MINI_EPOCH,
    )
    assert without.returncode == 0, without.stderr
    first, second, third = snapshot(cold), snapshot(warm), snapshot(tmp_path / "none")
    assert len(first) > 50
    assert first == second == third


def test_an_edited_file_is_read_again_and_shown(project, cache_dir, tmp_path, parsed):
    config = project / "site_config.yml"
    build_in_process(config, tmp_path / "one", MINI_EPOCH)
    assert "Pelayanan Prima" in (tmp_path / "one" / PAGE).read_text()
    module = project / MODULE
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("title: Pelayanan Prima", "title: Layanan Unggul"), "utf-8")
    parsed.clear()
    build_in_process(config, tmp_path / "two", MINI_EPOCH)
    assert parsed == [MODULE.name]  # only the edited file
    page = (tmp_path / "two" / PAGE).read_text(encoding="utf-8")
    assert "Layanan Unggul" in page
    assert "Pelayanan Prima" not in page
    # Undoing the edit gives back the first site, from the cache again.
    module.write_text(text, encoding="utf-8")
    build_in_process(config, tmp_path / "three", MINI_EPOCH)
    assert snapshot(tmp_path / "three") == snapshot(tmp_path / "one")


def test_a_new_time_zone_reads_every_file_again(project, cache_dir, tmp_path, parsed):
    config = project / "site_config.yml"
    check_curriculum(config_path=config, cache_dir=cache_dir)
    parsed.clear()
    check_curriculum(config_path=config, cache_dir=cache_dir)
    assert parsed == []
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("Asia/Jakarta", "Asia/Makassar"), encoding="utf-8")
    check_curriculum(config_path=config, cache_dir=cache_dir)
    assert len(parsed) > 5  # dates without an offset mean another instant now


def test_other_generator_code_never_reuses_an_entry(project, cache_dir, monkeypatch, parsed):
    config = project / "site_config.yml"
    check_curriculum(config_path=config, cache_dir=cache_dir)
    count = len(parsed)
    parsed.clear()
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: b"another version")
    check_curriculum(config_path=config, cache_dir=cache_dir)
    assert len(parsed) == count


def test_problems_are_the_same_with_a_warm_cache(project, cache_dir):
    # A reference error (a cross-record rule, reported with the line of the
    # reference) in a file that validates, so that its record is cached.
    module = project / "curriculum/unimed/modules/pelayanan-lanjut.yml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("usu/pelayanan-prima]", "usu/pelayanan-prma]"), "utf-8")
    config = project / "site_config.yml"
    cold = check_curriculum(config_path=config, cache_dir=cache_dir)
    warm = check_curriculum(config_path=config, cache_dir=cache_dir)
    assert [p.format() for p in cold.problems] == [p.format() for p in warm.problems]
    assert any("pelayanan-prma" in p.message and p.line > 1 for p in warm.problems)


def test_an_unreadable_cache_is_ignored(project, cache_dir, tmp_path):
    cache_dir.mkdir(parents=True)
    (cache_dir / RECORDS_FILE).write_bytes(b"\x80\x05not a pickle")
    out = build_in_process(project / "site_config.yml", tmp_path / "site", MINI_EPOCH)
    assert (out / PAGE).is_file()
    assert RecordCache(cache_dir).entries  # rewritten, readable again


def test_check_uses_the_cache_only_where_build_made_one(project, tmp_path, monkeypatch):
    monkeypatch.delenv("KURIKULUM_CACHE_DIR")
    first = run_cli("check", cwd=project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert not (project / ".kurikulum-cache").exists()
    result = run_cli("build", "--quiet", cwd=project, epoch=MINI_EPOCH)
    assert result.returncode == 0, result.stderr
    folder = project / ".kurikulum-cache"
    assert (folder / RECORDS_FILE).is_file()
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    again = run_cli("check", cwd=project)
    assert again.returncode == 0
    assert again.stdout == first.stdout


def test_kurikulum_cache_0_turns_it_off(project, cache_dir, tmp_path, monkeypatch, parsed):
    monkeypatch.setenv("KURIKULUM_CACHE", "0")
    config = project / "site_config.yml"
    build_in_process(config, tmp_path / "one", MINI_EPOCH)
    count = len(parsed)
    build_in_process(config, tmp_path / "two", MINI_EPOCH)
    assert not cache_dir.exists()
    assert len(parsed) == 2 * count  # every file parsed both times


def test_workers_fill_and_use_the_cache_like_one_process(tmp_path, monkeypatch):
    """Misses go to worker processes as soon as there are enough of them; what they
    send back is stored chunk by chunk. Cold, warm and without the cache, the
    records are the same."""
    from generator.catalog import Catalog

    pools = []
    real = load.ProcessPoolExecutor

    def counted(*args, **kwargs):
        pools.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 4)
    monkeypatch.setattr(load, "CHUNK", 5)
    monkeypatch.setattr(load, "_default_jobs", lambda: 2)
    monkeypatch.setenv("KURIKULUM_CACHE_DIR", str(tmp_path / "cache"))
    config = REPO / "site_config.yml"
    kinds = ("partners", "modules", "programs", "internships", "forums")

    def view(catalog: Catalog) -> dict:
        return {
            (kind, key): (type(record), record.__dict__)
            for kind in kinds
            for key, record in getattr(catalog, kind).items()
        }

    cold = Catalog.from_folder(config_path=config)
    assert len(pools) == 1  # the misses were read by workers
    warm = Catalog.from_folder(config_path=config)
    assert len(pools) == 1  # every record came from the cache
    plain = Catalog.from_folder(config_path=config, cache=False)
    assert view(cold) == view(warm) == view(plain)
    assert len(view(cold)) > 50
    assert cold.digests == warm.digests


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files each later check reads from disk (not taken by their stat)."""
    seen: list[str] = []
    real = load.read_raw

    def counting(path, display):
        seen.append(Path(display).name)
        return real(path, display)

    monkeypatch.setattr(load, "read_raw", counting)
    return seen


def test_files_changed_just_before_a_run_are_read_again(project, cache_dir, opened):
    """Every file here is younger than the first run's start less the racy margin
    (a file system may keep times to the second): the next run reads them all
    again rather than believe their stats."""
    config = project / "site_config.yml"
    check_curriculum(config_path=config, cache_dir=cache_dir)
    files = len(opened)
    assert files > 5
    opened.clear()
    check_curriculum(config_path=config, cache_dir=cache_dir)
    assert len(opened) == files


def test_files_unchanged_since_the_last_run_are_not_read_again(
    project, cache_dir, opened, monkeypatch
):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    config = project / "site_config.yml"
    first = check_curriculum(config_path=config, cache_dir=cache_dir)
    opened.clear()
    again = check_curriculum(config_path=config, cache_dir=cache_dir)
    assert opened == []  # every file taken by its stat
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]
    # Same size, same modification time, other bytes: the status-change time
    # (which no program can set back) still tells, and the edit is read.
    module = project / MODULE
    before = module.stat()
    text = module.read_text(encoding="utf-8")
    edited = text.replace("title: Pelayanan Prima", "title: Pelayanan Primb")
    assert edited != text and len(edited.encode()) == len(text.encode())
    module.write_text(edited, encoding="utf-8")
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert module.stat().st_mtime_ns == before.st_mtime_ns
    opened.clear()
    result = check_curriculum(config_path=config, cache_dir=cache_dir)
    assert opened == [MODULE.name]
    assert result.loaded.modules["usu/pelayanan-prima"].title.startswith("Pelayanan Primb")
