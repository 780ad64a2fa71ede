"""`kurikulum check` as an editor and a CI job see it: output, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner
from conftest import BASE_FILES, REPO, module

from generator.cli import main

M = "usu/modules/m.yml"
BROKEN = {M: module(replace={"jp: 8": "jp: 0"})}  # one error, line 5
WARNING_ONLY = {
    "usu/programs/jalur-pelayanan.yml": BASE_FILES["usu/programs/jalur-pelayanan.yml"]
    + "  - pelayanan-prima\n"
}
N_FILES = len(BASE_FILES)


def invoke(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def run_cli(*args: str, cwd=None, module_main: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator"] if module_main else ["kurikulum"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, timeout=60, env=env
    )


# ---------------------------------------------------------------- exit codes and summary


def test_clean_curriculum_exits_0_with_a_summary(make_curriculum):
    root = make_curriculum()
    result = invoke(str(root))
    assert result.exit_code == 0, result.output
    assert result.output == f"Diperiksa {N_FILES} berkas: tidak ada masalah.\n"


def test_errors_exit_1_and_are_printed_before_the_summary(make_curriculum):
    make_curriculum(BROKEN)
    result = invoke("cur")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == [
        "cur/usu/modules/m.yml:5:5: error: jp: harus paling sedikit 1, bukan 0.",
        f"Diperiksa {N_FILES + 1} berkas: 1 galat, 0 peringatan.",
    ]


def test_warnings_only_exit_0(make_curriculum):
    make_curriculum(WARNING_ONLY)
    result = invoke("cur")
    assert result.exit_code == 0, result.output
    first, summary = result.output.splitlines()
    assert first.startswith(
        "cur/usu/programs/jalur-pelayanan.yml:8:5: warning: modules[3]: 'pelayanan-prima' "
        "disebut dua kali"
    )
    assert summary == f"Diperiksa {N_FILES} berkas: 0 galat, 1 peringatan."


def test_every_problem_is_printed_in_one_run(make_curriculum):
    make_curriculum(
        {
            **BROKEN,
            "usu/modules/n.yml": module("metod: x\n"),
            "usu/partner.yml": BASE_FILES["usu/partner.yml"].replace(
                "kind: universitas", "kind: x"
            ),
        }
    )
    result = invoke("cur")
    assert result.exit_code == 1
    assert [line.split(": error")[0] for line in result.output.splitlines()[:-1]] == [
        "cur/usu/modules/m.yml:5:5",
        "cur/usu/modules/n.yml:7:1",
        "cur/usu/partner.yml:3:7",
    ]
    assert result.output.splitlines()[-1].endswith(": 3 galat, 0 peringatan.")


# ---------------------------------------------------------------- formats


def test_json_format_is_valid_json_with_every_field(make_curriculum):
    make_curriculum({**BROKEN, **WARNING_ONLY})
    result = invoke("cur", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == [
        {
            "path": "cur/usu/modules/m.yml",
            "line": 5,
            "col": 5,
            "field": "jp",
            "message": "harus paling sedikit 1, bukan 0.",
            "severity": "error",
        },
        {
            "path": "cur/usu/programs/jalur-pelayanan.yml",
            "line": 8,
            "col": 5,
            "field": "modules[3]",
            "message": "'pelayanan-prima' disebut dua kali; hapus salah satunya.",
            "severity": "warning",
        },
    ]
    # The summary goes to stderr so that stdout stays parseable.
    assert "1 galat, 1 peringatan" in result.stderr


def test_json_format_of_a_clean_curriculum_is_an_empty_list(make_curriculum):
    make_curriculum()
    result = invoke("cur", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format_prints_workflow_annotations(make_curriculum):
    make_curriculum({**BROKEN, **WARNING_ONLY})
    result = invoke("cur", "--format", "github")
    assert result.exit_code == 1
    error, warning, summary = result.output.splitlines()
    assert error == (
        "::error file=cur/usu/modules/m.yml,line=5,col=5,title=jp::harus paling sedikit 1, bukan 0."
    )
    assert warning.startswith(
        "::warning file=cur/usu/programs/jalur-pelayanan.yml,line=8,col=5,title=modules[3]::"
    )
    assert "galat" in summary


def test_github_format_escapes_properties(make_curriculum):
    make_curriculum({"usu/modules/m.yml": module("contact:\n  nama: x\n")})
    line = invoke("cur", "--format", "github").output.splitlines()[0]
    assert line.startswith("::error file=cur/usu/modules/m.yml,line=8,col=3,title=contact.nama::")


def test_unknown_format_is_a_usage_error(make_curriculum):
    make_curriculum()
    result = invoke("cur", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.output


# ---------------------------------------------------------------- paths and the default folder


def test_paths_are_relative_to_the_current_folder(make_curriculum, tmp_path, monkeypatch):
    root = make_curriculum(BROKEN)
    result = invoke(str(root))  # absolute argument, cwd = tmp_path
    assert result.output.startswith("cur/usu/modules/m.yml:5:5: error:")
    monkeypatch.chdir(root / "usu")
    result = invoke(str(root))
    assert result.output.startswith("modules/m.yml:5:5: error:")
    monkeypatch.chdir(root)
    result = invoke(".")
    assert result.output.startswith("usu/modules/m.yml:5:5: error:")


def test_default_folder_comes_from_site_config(make_curriculum, tmp_path):
    make_curriculum(BROKEN)
    (tmp_path / "site_config.yml").write_text(
        "title: Portal Uji\ndescription: Uji.\ncurriculum: cur\n", encoding="utf-8"
    )
    result = invoke()
    assert result.exit_code == 1
    assert result.output.startswith("cur/usu/modules/m.yml:5:5: error: jp:")
    # site_config.yml counts as a checked file.
    assert (
        result.output.splitlines()[-1] == f"Diperiksa {N_FILES + 2} berkas: 1 galat, 0 peringatan."
    )


def test_site_config_problems_are_reported(make_curriculum, tmp_path):
    make_curriculum()
    (tmp_path / "site_config.yml").write_text(
        "title: Portal Uji\ndescription: Uji.\ncurriculum: cur\ntimezone: Asia/Medan\nwarna: biru\n",
        encoding="utf-8",
    )
    result = invoke()
    assert result.exit_code == 1
    assert "site_config.yml:5:1: error: warna: kolom 'warna' tidak dikenal" in result.output
    assert "site_config.yml:4:11: error: timezone: zona waktu 'Asia/Medan'" in result.output


def test_site_config_unknown_field_gets_a_suggestion(make_curriculum, tmp_path):
    make_curriculum()
    (tmp_path / "site_config.yml").write_text(
        "title: Portal Uji\ndescription: Uji.\ncurriculum: cur\ntimezon: Asia/Jakarta\n",
        encoding="utf-8",
    )
    result = invoke()
    assert result.exit_code == 1
    assert "site_config.yml:4:1: error: timezon: kolom 'timezon' tidak dikenal" in result.output
    assert "Mungkin maksud Anda 'timezone'?" in result.output


def test_missing_site_config_without_a_folder_argument(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 1
    assert result.output.startswith("site_config.yml:1:1: error: berkas pengaturan")
    assert "--config" in result.output


def test_config_option_points_at_another_settings_file(make_curriculum, tmp_path):
    make_curriculum(BROKEN)
    (tmp_path / "lain.yml").write_text("title: P\ndescription: D\ncurriculum: cur\n")
    result = invoke("--config", "lain.yml")
    assert result.exit_code == 1
    assert result.output.startswith("cur/usu/modules/m.yml:5:5:")


# ---------------------------------------------------------------- never a traceback


@pytest.mark.parametrize(
    "files",
    [
        {M: b"\xff\xfe\x00t\x00i\x00"},
        {M: "title: [\n"},
        {M: "- a\n- b\n"},
        {"usu/modules/dir.yml/x.yml": "title: x\n"},
        {"competencies.yml": "- a\n"},
        {"usu/partner.yml": "name: {a: [b, {c: d}]}\nkind: [x]\n"},
        {M: module("offerings: [{id: a, start: 2026-02-10, end: 2026-02-10, sessions: x}]\n")},
        {M: module("offerings:\n  - id: a\n    start: 9999-12-31 23:59\n    end: 0001-01-01\n")},
        {
            "usu/forums/forum-pelayanan.yml": BASE_FILES["usu/forums/forum-pelayanan.yml"].replace(
                "FREQ=MONTHLY;BYDAY=2TH", "FREQ=MONTHLY;BYDAY=99XX"
            )
        },
    ],
    ids=[
        "utf16",
        "syntax",
        "list",
        "dir-named-yml",
        "competency-list",
        "nested",
        "sessions-text",
        "extreme-dates",
        "bad-rrule",
    ],
)
def test_broken_input_never_prints_a_traceback(make_curriculum, files):
    make_curriculum(files)
    result = invoke("cur")
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_real_process_prints_no_traceback(make_curriculum, tmp_path):
    make_curriculum({**BROKEN, "usu/modules/x.yml": b"\x00\xff", "unimed/partner.yml": None})
    proc = run_cli("check", "cur", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "cur/unimed:1:1: error:" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1].endswith("3 galat, 0 peringatan.")


def test_missing_folder_argument_is_a_problem_not_a_crash(tmp_path):
    proc = run_cli("check", "tidak-ada", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("tidak-ada:1:1: error: folder kurikulum tidak ditemukan")
    assert "Traceback" not in proc.stderr


def test_python_dash_m_generator_check_works(make_curriculum, tmp_path):
    make_curriculum(BROKEN)
    proc = run_cli("check", "cur", cwd=tmp_path, module_main=True)
    assert proc.returncode == 1
    assert proc.stdout.startswith("cur/usu/modules/m.yml:5:5: error: jp:")


def test_check_does_not_import_mkdocs(make_curriculum, tmp_path):
    make_curriculum(BROKEN)
    script = textwrap.dedent(
        """
        import sys
        from click.testing import CliRunner
        from generator.cli import main
        result = CliRunner().invoke(main, ["check", "cur"])
        print(result.exit_code)
        print(sorted(m for m in sys.modules if m == "mkdocs" or m.startswith("mkdocs.")))
        print("material" in sys.modules)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["1", "[]", "False"]


# ---------------------------------------------------------------- the shipped curriculum


def test_shipped_curriculum_checks_clean():
    """The sample in curriculum/, checked through the repository's site_config.yml."""
    assert (REPO / "site_config.yml").is_file()
    proc = run_cli("check", cwd=REPO)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.endswith("tidak ada masalah."), proc.stdout
    files = int(summary.split()[1])
    assert files >= 6  # site_config, competencies, two partners, a few modules
