"""How a build puts the new site in place (`build.publish`, `build.staging_folder`).

The output folder stays the same folder: a web server that holds it (a
container's bind mount of `site/`, a mount point, a chroot) serves the new site.
Replacing the folder by a new one left such a server showing the deleted old
site, and a mount point as the output folder ended the build in a traceback
(EBUSY) after everything was rendered.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import edit_file  # noqa: E402

from generator import build as build_module  # noqa: E402
from generator.build import build  # noqa: E402

pytest_plugins = ["sitehelpers"]

MODULE = "curriculum/usu/modules/pelayanan-prima.yml"
PAGE = "modul/usu/pelayanan-prima/index.html"


def retitle(project: Path, title: str) -> None:
    path = project / MODULE
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("title: "), first
    edit_file(project, MODULE, first, f"title: {title}")


def ours(folder: Path, name: str) -> list[str]:
    """The build's staging folders beside the output, but the kept site (the standby,
    `.NAME-lama-siaga`: it stays on purpose, for the next build)."""
    return sorted(
        p
        for p in os.listdir(folder)
        if p.startswith((f".{name}-baru-", f".{name}-lama-")) and p != f".{name}-lama-siaga"
    )


def wait_until_gone(folder: Path, name: str) -> None:
    deadline = time.monotonic() + 30
    while ours(folder, name) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ours(folder, name) == []


def test_a_server_holding_the_output_folder_sees_the_new_site(
    mini_project: Path, mini_build_env: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    config = mini_project / "site_config.yml"
    build(config, out)
    held = os.open(out, os.O_RDONLY)  # as a container's bind mount holds it
    try:
        inode = os.fstat(held).st_ino
        retitle(mini_project, "Pelayanan Prima Edisi Baru")
        build(config, out)
        assert os.stat(out).st_ino == inode, "the output folder was replaced"
        fd = os.open(PAGE, os.O_RDONLY, dir_fd=held)
        with os.fdopen(fd, encoding="utf-8") as page:
            assert "Pelayanan Prima Edisi Baru" in page.read()
    finally:
        os.close(held)
    assert ours(out, "site") == []
    wait_until_gone(tmp_path, "site")


def test_a_mount_point_gets_its_new_site_written_inside_it(
    mini_project: Path, mini_build_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing beside a mount point is on its file system: the new site is written in
    a hidden folder inside it, and nothing is ever written beside it."""
    out = tmp_path / "volume"
    out.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out or real(p))
    assert build_module.staging_folder(out) == out
    assert build_module.staging_folder(tmp_path / "site") == tmp_path
    config = mini_project / "site_config.yml"
    build(config, out)  # the first build, into the empty volume
    beside = sorted(os.listdir(tmp_path))
    retitle(mini_project, "Pelayanan Prima di Volume")
    build(config, out)
    assert "Pelayanan Prima di Volume" in (out / PAGE).read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path)) == beside, "something was written beside the volume"
    wait_until_gone(out, "volume")
    assert (out / "index.html").is_file()


def test_without_an_atomic_exchange_two_renames_do(
    mini_project: Path, mini_build_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    config = mini_project / "site_config.yml"
    build(config, out)
    (out / "sisa-lama.txt").write_text("tidak ada di situs baru", encoding="utf-8")
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)
    retitle(mini_project, "Pelayanan Prima Tanpa Tukar")
    build(config, out)
    assert "Pelayanan Prima Tanpa Tukar" in (out / PAGE).read_text(encoding="utf-8")
    assert not (out / "sisa-lama.txt").exists()
    wait_until_gone(tmp_path, "site")


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    if build_module._renameat2() is None:
        pytest.skip("no renameat2 here (not Linux, or a C library before glibc 2.28)")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "isi.txt").write_text("baru", encoding="utf-8")
    (b / "isi.txt").write_text("lama", encoding="utf-8")
    assert build_module._exchange(a, b)
    assert (b / "isi.txt").read_text(encoding="utf-8") == "baru"
    assert (a / "isi.txt").read_text(encoding="utf-8") == "lama"
    assert not build_module._exchange(a, tmp_path / "tidak-ada")


def test_two_publications_into_one_folder_take_turns(tmp_path: Path) -> None:
    """A build finishing while another publishes waits for it, so the site is one
    build's or the other's, never a mix of their entries."""
    import subprocess
    import sys
    import threading

    out = tmp_path / "site"
    (out / "modul").mkdir(parents=True)
    (out / "modul" / "index.html").write_text("lama", encoding="utf-8")
    new = tmp_path / ".site-baru-1"
    (new / "modul").mkdir(parents=True)
    (new / "modul" / "index.html").write_text("baru", encoding="utf-8")
    (new / "index.html").write_text("beranda baru", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('siap', flush=True)\n"
            "sys.stdin.readline()\n",
            str(out),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "siap"
        done = threading.Event()
        worker = threading.Thread(target=lambda: (build_module.publish(new, out), done.set()))
        worker.start()
        time.sleep(0.5)
        assert not done.is_set(), "published while another publication held the folder"
        assert (out / "modul" / "index.html").read_text(encoding="utf-8") == "lama"
        holder.stdin.write("\n")
        holder.stdin.flush()
        worker.join(10)
        assert done.is_set()
    finally:
        holder.kill()
        holder.wait()
    assert (out / "modul" / "index.html").read_text(encoding="utf-8") == "baru"
    assert (out / "index.html").read_text(encoding="utf-8") == "beranda baru"
    assert not new.exists()
    wait_until_gone(tmp_path, "site")


def test_a_full_disk_is_said_in_indonesian_and_keeps_the_old_site(
    mini_project: Path, mini_build_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC while the new site is written ended `kurikulum build` in a traceback
    (seen with a 2 MB tmpfs). It is one line now, and the old site stays."""
    import errno

    from click.testing import CliRunner
    from sitehelpers import snapshot

    import generator.mkdocs_plugin as plugin
    from generator.cli import main

    out = tmp_path / "site"
    config = mini_project / "site_config.yml"
    build(config, out)
    before = snapshot(out)
    real = plugin.render_page

    def full(template: str, context: dict) -> str:
        if template == "program.html":
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.html"))
        return real(template, context)

    monkeypatch.setattr(plugin, "render_page", full)
    retitle(mini_project, "Tidak Akan Terbit")
    with pytest.raises(build_module.BuildError, match="ruang diska habis"):
        build(config, out)
    result = CliRunner().invoke(
        main, ["build", "-q", "--config", str(config), "--output", str(out)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Situs baru tidak dapat ditulis: ruang diska habis" in result.output
    assert "Situs lama tidak diubah" in result.output
    assert snapshot(out) == before
    assert ours(tmp_path, "site") == [] or all("-lama-" in n for n in ours(tmp_path, "site"))
