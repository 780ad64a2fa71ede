"""`kurikulum export FOLDER`: the site's open data without building the site.

The files are the published ones byte for byte; a broken curriculum or a
folder that is not an earlier export leaves everything as it was; a new
export replaces the old one whole.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.export import MARKER

pytest.register_assert_rewrite("sitehelpers")

pytest_plugins = ["sitehelpers"]

from sitehelpers import MINI_EPOCH, REPO, SAMPLE_EPOCH, edit_file, run_cli, snapshot  # noqa: E402


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def is_open_data(path: str) -> bool:
    return (
        path.endswith((".ics", ".csv", ".xlsx"))
        or (path.startswith("data/") and path.endswith(".json"))
        or path == "magang/feed.xml"
    )


def test_export_is_the_published_open_data_byte_for_byte(sample_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "ekspor"
    result = run_cli(
        "export",
        str(out),
        "--config",
        str(REPO / "site_config.yml"),
        cwd=tmp_path,
        epoch=SAMPLE_EPOCH,
    )
    assert result.returncode == 0, result.stderr
    exported = files_under(out)
    assert exported.pop(MARKER).decode("utf-8").startswith("Folder ini hasil `kurikulum export`")
    published = {p: b for p, b in files_under(sample_site).items() if is_open_data(p)}
    assert sorted(exported) == sorted(published)
    different = [p for p in exported if exported[p] != published[p]]
    assert different == []
    assert {"data/katalog.json", "data/modul.csv", "data/katalog.xlsx", "jadwal.ics"} <= set(
        exported
    )
    # What the site needs for itself is not open data.
    assert not [p for p in exported if p.endswith((".js", ".html", ".xml")) and "feed" not in p]
    assert f"Data diekspor ke {out}: {len(exported)} berkas" in result.stdout, result.stdout


def test_chosen_formats_only(mini_project: Path) -> None:
    result = run_cli(
        "export", "hasil", "--format", "csv", "--format", "xlsx", cwd=mini_project, epoch=MINI_EPOCH
    )
    assert result.returncode == 0, result.stderr
    names = sorted(files_under(mini_project / "hasil"))
    assert names == sorted(
        [
            MARKER,
            "data/angkatan.csv",
            "data/katalog.xlsx",
            "data/magang.csv",
            "data/mitra.csv",
            "data/modul.csv",
        ]
    ), names
    assert "csv 4, xlsx 1" in result.stdout, result.stdout


def test_a_broken_curriculum_writes_nothing(mini_project: Path) -> None:
    assert run_cli("export", "hasil", cwd=mini_project, epoch=MINI_EPOCH).returncode == 0
    before = snapshot(mini_project / "hasil")
    module = next((mini_project / "curriculum").glob("*/modules/*.yml"))
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("jp:", "jp: banyak\nxjp:", 1), encoding="utf-8")
    result = run_cli("export", "hasil", cwd=mini_project, epoch=MINI_EPOCH)
    assert result.returncode == 1
    rel = module.relative_to(mini_project).as_posix()
    assert f"{rel}:" in result.stderr and "jp" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "Ekspor dibatalkan" in result.stderr and "tidak diubah" in result.stderr
    assert snapshot(mini_project / "hasil") == before


@pytest.mark.parametrize(
    ("folder", "says"),
    [
        (".", "folder proyek"),
        ("curriculum", "folder kurikulum"),
        ("curriculum/baru", "folder kurikulum"),
        ("site", "folder keluaran situs"),
        ("lain", "bukan hasil `kurikulum export`"),
        ("site_config.yml", "bukan folder"),
    ],
)
def test_a_folder_that_is_not_an_export_is_never_replaced(
    mini_project: Path, folder: str, says: str
) -> None:
    (mini_project / "lain").mkdir()
    (mini_project / "lain" / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    (mini_project / "site").mkdir()
    before = snapshot(mini_project)
    result = run_cli("export", folder, cwd=mini_project, epoch=MINI_EPOCH)
    assert result.returncode == 1, result.stdout
    assert says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mini_project) == before


def test_a_new_export_replaces_the_old_one_whole(mini_project: Path) -> None:
    assert run_cli("export", "hasil", cwd=mini_project, epoch=MINI_EPOCH).returncode == 0
    gone = mini_project / "hasil" / "modul" / "unimed" / "kepemimpinan-layanan"
    assert (gone / "jadwal.ics").is_file()
    curriculum = mini_project / "curriculum"
    (curriculum / "unimed" / "modules" / "kepemimpinan-layanan.yml").unlink()
    edit_file(
        mini_project,
        "curriculum/usu/programs/jalur-pelayanan.yml",
        "  - unimed/kepemimpinan-layanan\n",
        "",
    )
    (mini_project / "hasil" / "sisa.txt").write_text("lama", encoding="utf-8")
    result = run_cli("export", "hasil", cwd=mini_project, epoch=MINI_EPOCH)
    assert result.returncode == 0, result.stderr
    assert not gone.exists()
    assert not (mini_project / "hasil" / "sisa.txt").exists()
    # The old export is removed by a detached process, as a build's old site is.
    deadline = time.monotonic() + 30
    while [p for p in mini_project.iterdir() if p.name.startswith(".hasil-")]:
        assert time.monotonic() < deadline, "the old export was not removed"
        time.sleep(0.1)


def test_help_is_indonesian() -> None:
    result = run_cli("export", "--help", cwd=REPO)
    assert result.returncode == 0
    assert "export [OPSI] FOLDER" in result.stdout
    assert "tanpa membangun situs" in result.stdout
    assert "--format" in result.stdout
