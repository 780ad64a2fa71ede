"""Editor mistakes a fuzzer found crashing, hanging or answering in English.

Each case is a copy of the mini fixture with one mistake; `check` and `build`
(record cache on, so its code runs too) must answer with `file:line:col` and an
Indonesian message, exit 1, and never print a traceback or leave the site changed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI_EPOCH, snapshot  # noqa: E402

pytest_plugins = ["sitehelpers"]

MODULE = "curriculum/usu/modules/pelayanan-prima.yml"
# Words of the YAML parser, dateutil and the operating system that reached editors.
ENGLISH = re.compile(
    r"\b(not allowed|did not find|expected|found|invalid|unacceptable|character|"
    r"No such file|Is a directory|Too many levels|offset must|Value error|Error:)",
)


@pytest.fixture
def project(published_mini: Path) -> Path:
    return published_mini


def run_cli(command: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Like sitehelpers.run_cli, reading the output leniently: a file name that is not
    UTF-8 is printed as the bytes it has."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": MINI_EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "generator", command, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
    )


def run_both(project: Path) -> list[str]:
    """`check` then `build` on the project: both must fail cleanly; their messages."""
    site = project / "site"
    before = snapshot(site)
    outputs = []
    for command in ("check", "build"):
        result = run_cli(command, project)
        text = result.stdout + result.stderr
        assert result.returncode == 1, f"{command}: exit {result.returncode}\n{text}"
        assert "Traceback" not in text, f"{command}:\n{text}"
        assert not ENGLISH.search(text), f"{command}: English words\n{text}"
        outputs.append(text)
    assert snapshot(site) == before, "a failed build changed the published site"
    assert "Galat: Pembangunan dibatalkan" in outputs[1], outputs[1]
    return outputs


def replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def where(project: Path, rel: str, needle: str) -> str:
    for number, line in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{rel}:{number}:{line.index(needle) + 1}:"
    raise AssertionError(needle)


def line_of(project: Path, rel: str, needle: str) -> str:
    return where(project, rel, needle).rsplit(":", 2)[0] + ":"


# ------------------------------------------------------------------ odd files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_among_the_records_is_refused_not_read(project: Path) -> None:
    os.mkfifo(project / "curriculum/usu/modules/pipa.yml")
    for out in run_both(project):
        assert "curriculum/usu/modules/pipa.yml:1:1: error: ini bukan berkas biasa" in out


def test_links_that_lead_nowhere_are_reported(project: Path) -> None:
    folder = project / "curriculum/usu/modules"
    (folder / "putar.yml").symlink_to("putar.yml")
    (folder / "hilang.yml").symlink_to(project / "tidak-ada.yml")
    (folder / "nol.yml").symlink_to("/dev/zero")
    for out in run_both(project):
        assert "putar.yml:1:1: error: berkas tidak dapat dibaca: tautan simbolik berputar" in out
        assert "hilang.yml:1:1: error: berkas tidak dapat dibaca: berkas tidak ada" in out
        assert "nol.yml:1:1: error: ini bukan berkas biasa" in out


def test_a_file_name_that_is_not_utf8_is_reported(project: Path) -> None:
    folder = os.fsencode(project / "curriculum/usu/modules")
    with open(folder + b"/modul\xff.yml", "wb") as file:
        file.write(b"title: x\n")
    for out in run_both(project):
        assert "bukan id yang sah" in out


# ------------------------------------------------------------------ values


def test_an_unknown_field_left_empty_is_reported(project: Path) -> None:
    replace(project, MODULE, "jp: 24", "jp: 24\nmetod:")
    for out in run_both(project):
        assert f"{line_of(project, MODULE, 'metod:')}1: error: metod: kolom 'metod'" in out, out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9999-12-31", "tahun 9999 pada '9999-12-31' di luar rentang 2000–2100"),
        ("0001-01-01 08:00", "tahun 1 pada '0001-01-01 08:00' di luar rentang 2000–2100"),
        ("2026-03-10T08:00+25:00", "zona waktu '+25:00' pada '2026-03-10T08:00+25:00' tidak ada"),
    ],
)
def test_times_beyond_reason_are_reported(project: Path, value: str, message: str) -> None:
    text = (project / MODULE).read_text(encoding="utf-8")
    first = re.search(r"(?m)^    start: (.*)$", text)
    replace(project, MODULE, first.group(), f"    start: {value}")
    for out in run_both(project):
        assert f"{where(project, MODULE, value)} error: offerings[0].start: {message}" in out, out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("summary: a\x07b", "karakter tak terlihat U+0007 tidak diizinkan"),
        ("summary: ok\x1b", "karakter tak terlihat U+001B tidak diizinkan"),
        ('summary: "X\\rEND:VEVENT"', "teks berkutip ganda ini memuat karakter kendali"),
        ("summary: - x", "butir daftar (- ...) tidak boleh ditulis di baris nama kolom"),
        ("summary: &#106;avascript", "dibaca sebagai jangkar atau alias YAML"),
        ("summary: |x\n  a", "ada teks setelah | atau > di baris yang sama"),
        ('summary: "\\x4"', "urutan garis miring terbalik"),
    ],
)
def test_yaml_mistakes_are_explained_in_indonesian(project: Path, text: str, message: str) -> None:
    path = project / MODULE
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    lines[at] = text
    path.write_text("\n".join(lines), encoding="utf-8")
    for out in run_both(project):
        assert message in out, out
        assert f"{MODULE}:{at + 1}:" in out, out


def test_a_settings_path_too_long_for_the_file_system_is_not_found(project: Path) -> None:
    name = "a" * 300 + ".yml"
    for command in ("check", "build"):
        result = run_cli(command, project, "--config", name)
        text = result.stdout + result.stderr
        assert result.returncode == 1, text
        assert "Traceback" not in text, text
        assert f"{name}:1:1: error: berkas pengaturan {name} tidak ditemukan" in text, text
