"""A file name that is not UTF-8 is shown the same way by `check` and `build`: each
byte that is not UTF-8 as `\\xff`, so the editor can tell which file it is.

Before, `check` wrote the raw byte (a � in the terminal, or a traceback where
stdout is strict UTF-8) and `build` wrote `\\udcff`, a Python internal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NAME = "curriculum/usu/modules/modul\\xff.yml"
LINE = (
    f"{NAME}:1:1: error: nama berkas 'modul\\xff' bukan id yang sah; ganti namanya menjadi "
    "'modul' (huruf kecil, angka, tanda hubung)."
)


def run(cwd: Path, *args: str, strict: bool = False) -> tuple[int, str]:
    """The command's exit code and its output, which must be valid UTF-8."""
    env = {
        **os.environ,
        "KURIKULUM_CACHE": "0",
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1772323200",
    }
    if strict:
        env["PYTHONIOENCODING"] = "utf-8:strict"
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=120,
    )
    output = (result.stdout + result.stderr).decode("utf-8")  # strict: no raw bytes
    return result.returncode, output


@pytest.fixture
def project(mini_project: Path) -> Path:
    folder = os.fsencode(mini_project / "curriculum/usu/modules")
    with open(folder + b"/modul\xff.yml", "wb") as file:
        file.write(b"title: x\n")
    return mini_project


def test_check_and_build_name_the_file_the_same_way(project: Path):
    lines = {}
    for command in ("check", "build"):
        code, output = run(project, command)
        assert code == 1, output
        assert "Traceback" not in output, output
        found = [line for line in output.splitlines() if "nama berkas" in line]
        assert len(found) == 1, output
        lines[command] = found[0][found[0].index(NAME) :]
    assert lines == {"check": LINE, "build": LINE}


def test_check_with_a_strict_utf8_terminal_reports_instead_of_crashing(project: Path):
    code, output = run(project, "check", strict=True)
    assert code == 1, output
    assert "Traceback" not in output, output
    assert LINE in output.splitlines(), output


def test_check_json_is_valid_utf8_json_naming_the_file(project: Path):
    code, output = run(project, "check", "--format", "json")
    assert code == 1, output
    problems = json.loads(output[: output.rindex("]") + 1])
    assert {p["path"] for p in problems} == {NAME}
