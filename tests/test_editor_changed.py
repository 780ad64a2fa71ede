"""`kurikulum check --changed-since REV`: the changed files and every record that refers to them.

Each test makes a git repository of the base curriculum (tests/conftest.py),
commits it on `main`, changes some files on a branch, and checks what a pull
request check would report.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import module, write_files

from generator.changes import affected, changed_files
from generator.cli import main

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(make_curriculum, tmp_path: Path) -> Path:
    """The base curriculum in `tmp_path/cur`, committed on `main`, on a branch `fitur`."""
    make_curriculum()
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "dasar")
    git(tmp_path, "checkout", "-q", "-b", "fitur")
    return tmp_path


def commit(repo: Path, files: dict[str, str | None], message: str = "ubah") -> None:
    write_files(repo / "cur", files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def check(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "cur", *args])
    return result.exit_code, result.output.splitlines()


def checked_paths(repo: Path, rev: str = "main") -> set[str]:
    found = affected(repo / "cur", changed_files(rev, cwd=repo))
    assert found.only is not None
    return {p.relative_to(repo.resolve()).as_posix() for p in found.only}


def test_only_the_changed_file_when_nothing_refers_to_it(repo):
    commit(repo, {"usu/forums/forum-pelayanan.yml": "title: Forum\nsummary: x\n"})
    assert checked_paths(repo) == {"cur/usu/forums/forum-pelayanan.yml"}
    code, out = check("--changed-since", "main")
    assert code == 1
    assert out[0] == "Berubah sejak main: 1 berkas kurikulum."
    assert any("forum-pelayanan.yml" in line and "schedule" in line for line in out)
    # competencies.yml (always read) and the changed file
    assert out[-1] == "Diperiksa 2 berkas: 1 galat, 0 peringatan."


def test_records_referring_to_a_changed_module_are_checked_too(repo):
    commit(repo, {"usu/modules/pelayanan-prima.yml": module()})
    assert checked_paths(repo) == {
        "cur/usu/modules/pelayanan-prima.yml",
        # bare `pelayanan-prima` within usu
        "cur/usu/modules/pelayanan-lanjut.yml",
        "cur/usu/programs/jalur-pelayanan.yml",
        "cur/usu/internships/magang-akademik.yml",
        # `usu/pelayanan-prima` from another partner
        "cur/unimed/modules/literasi-digital.yml",
    }
    code, out = check("--changed-since", "main")
    assert code == 0, out
    assert out[0] == "Berubah sejak main: 1 berkas kurikulum, ditambah 4 berkas yang merujuknya."


def test_a_deleted_module_breaks_its_referrers_in_every_partner(repo):
    commit(repo, {"usu/modules/pelayanan-prima.yml": None})
    code, out = check("--changed-since", "main")
    assert code == 1
    broken = sorted(line.split(":")[0] for line in out if "tidak ditemukan" in line)
    assert broken == [
        "cur/unimed/modules/literasi-digital.yml",
        "cur/usu/internships/magang-akademik.yml",
        "cur/usu/modules/pelayanan-lanjut.yml",
        "cur/usu/programs/jalur-pelayanan.yml",
    ]


def test_unchanged_files_are_not_read_but_their_ids_resolve(repo):
    """A broken file outside the change is not reported; references to it still resolve."""
    write_files(repo / "cur", {"unimed/modules/literasi-digital.yml": "title: [rusak\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rusak")
    git(repo, "branch", "-f", "main")  # the broken file is already on main
    commit(repo, {"usu/programs/jalur-pelayanan.yml": None})
    commit(
        repo,
        {
            "usu/programs/jalur-baru.yml": "title: Jalur\nsummary: x\nmodules:\n  - unimed/literasi-digital\n"
        },
    )
    code, out = check("--changed-since", "main")
    assert code == 0, out
    assert checked_paths(repo) == {"cur/usu/programs/jalur-baru.yml"}


def test_uncommitted_and_untracked_files_count_as_changed(repo):
    write_files(repo / "cur", {
        "usu/modules/pelayanan-lanjut.yml": module(replace={"jp: 8": "jp: nol"}),
        "usu/modules/baru.yml": module(replace={"title: Modul Uji": "title:"}),
    })  # fmt: skip
    code, out = check("--changed-since", "main")
    assert code == 1
    assert out[0] == "Berubah sejak main: 2 berkas kurikulum, ditambah 1 berkas yang merujuknya."
    assert any("pelayanan-lanjut.yml" in line and "jp:" in line for line in out)
    assert any("baru.yml" in line and "title:" in line for line in out)


def test_a_change_to_the_competency_dictionary_checks_everything(repo):
    commit(
        repo, {"competencies.yml": "pelayanan-publik:\n  name: Pelayanan Publik\n  type: teknis\n"}
    )
    found = affected(repo / "cur", changed_files("main", cwd=repo))
    assert found.only is None
    code, out = check("--changed-since", "main")
    assert out[0] == "Berubah sejak main: competencies.yml berubah; semua berkas diperiksa."
    assert code == 1  # literasi-digital and kepemimpinan are gone from the dictionary
    assert any("unimed/modules/literasi-digital.yml" in line for line in out)


def test_no_change_checks_no_record(repo):
    code, out = check("--changed-since", "main")
    assert code == 0
    assert out[0] == "Tidak ada berkas kurikulum yang berubah sejak main."


def test_github_format_keeps_annotations_parseable(repo):
    commit(repo, {"usu/modules/pelayanan-lanjut.yml": module(replace={"jp: 8": "jp: 0"})})
    code, out = check("--changed-since", "main", "--format", "github")
    assert code == 1
    assert any(
        line.startswith("::error file=cur/usu/modules/pelayanan-lanjut.yml,") for line in out
    )


def test_an_unknown_revision_is_explained(repo):
    result = CliRunner().invoke(main, ["check", "cur", "--changed-since", "tidak-ada"])
    assert result.exit_code == 2
    assert "Galat: git tidak dapat membandingkan dengan 'tidak-ada'" in result.output
    assert "fetch-depth: 0" in result.output


def test_the_full_check_still_finds_what_the_fast_one_skips(repo):
    """--changed-since is a shortcut for pull requests; the full check stays the reference."""
    write_files(repo / "cur", {"unimed/modules/literasi-digital.yml": "title: [rusak\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rusak")
    assert check("--changed-since", "HEAD")[0] == 0
    assert check()[0] == 1


def test_a_change_to_the_site_settings_checks_everything(repo):
    (repo / "site_config.yml").write_text("title: T\ndescription: D\ncurriculum: cur\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pengaturan")
    result = CliRunner().invoke(main, ["check", "--changed-since", "main"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Berubah sejak main: site_config.yml berubah; semua berkas diperiksa."
    assert lines[-1] == "Diperiksa 10 berkas: tidak ada masalah."
