"""Whole numbers (jp, quota, duration_minutes, annual_jp_target) are written with the
digits 0-9 and nothing else.

Python and pydantic read `4_0` as 40, `+5` as 5, `40.0` and `1.000` as 40 and 1
(an Indonesian reads 1.000 as a thousand), `007` as 7 (YAML 1.1 tools: octal);
`int()` reads `٤٠` as 40. `kurikulum check` refuses each at the value, saying what
it read and how to write it, and the published JSON Schema agrees. Digits of other
scripts are refused in dates and recurrence rules too: a rule is copied as written
into the calendar files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import BASE_FILES, PELAYANAN_PRIMA, USU_FORUM, USU_INTERNSHIP

from generator.schema import schema_for
from generator.yamlio import parse_yaml

PRIMA = "usu/modules/pelayanan-prima.yml"
INTERNSHIP = "usu/internships/magang-akademik.yml"
FORUM = "usu/forums/forum-pelayanan.yml"

# Where each whole-number field of the base curriculum is written: (file, text, field, line:col).
FIELDS = [
    (PRIMA, "jp: 24", "jp", "9:5"),
    (PRIMA, "    quota: 30", "offerings[0].quota", "36:12"),
    (INTERNSHIP, "quota: 5", "quota", "8:8"),
    (FORUM, "  duration_minutes: 90", "schedule.duration_minutes", "5:21"),
]

MISTAKES = [
    ("4_0", "'4_0' memakai pemisah '_'; tulis bilangan bulat tanpa pemisah, misalnya 40."),
    ("1_000", "'1_000' memakai pemisah '_'; tulis bilangan bulat tanpa pemisah, misalnya 1000."),
    ("1 000", "'1 000' memakai pemisah ' '; tulis bilangan bulat tanpa pemisah, misalnya 1000."),
    ("+5", "'+5' diawali tanda +; tulis bilangannya tanpa tanda, misalnya 5."),
    ("٤٠", "'٤٠' memakai angka selain 0–9; tulis dengan angka 0–9, misalnya 40."),
    ("４０", "'４０' memakai angka selain 0–9; tulis dengan angka 0–9, misalnya 40."),
    ("1e2", "'1e2' ditulis dalam notasi ilmiah; tulis bilangan bulatnya dengan angka 0–9, "
            "misalnya 100."),
    ("40.0", "'40.0' ditulis dengan desimal; tulis bilangan bulat tanpa koma atau titik, "
             "misalnya 40."),
    ("1.000", "'1.000' memakai titik yang dapat dibaca sebagai pemisah ribuan atau sebagai "
              "tanda desimal; tulis bilangan bulat tanpa pemisah, misalnya 1000."),
    ("2,5", "'2,5' bukan bilangan bulat (ada pecahannya); tulis bilangan bulat, misalnya 2 "
            "atau 3."),
    ("0x10", "'0x10' ditulis dalam basis 16 (heksadesimal); tulis bilangan bulat biasa "
             "(basis 10), misalnya 16."),
    ("007", "'007' diawali angka 0 (sebagian alat YAML membacanya sebagai bilangan oktal); "
            "tulis tanpa angka 0 di depan, misalnya 7."),
    ("40 menit", "'40 menit' bukan bilangan bulat; tulis angka saja, misalnya 40."),
]  # fmt: skip


def with_value(value: str) -> dict[str, str]:
    """The base curriculum's files with `value` written in every whole-number field."""
    files: dict[str, str] = {}
    for path, old, _field, _where in FIELDS:
        text = files.get(path, BASE_FILES[path])
        assert old in text, old
        files[path] = text.replace(old, old.rsplit(" ", 1)[0] + " " + value, 1)
    return files


@pytest.mark.parametrize(("value", "message"), MISTAKES, ids=[v for v, _ in MISTAKES])
def test_a_number_an_editor_cannot_have_meant_is_refused_at_each_field(check, value, message):
    lines = sorted(p.format() for p in check(with_value(value)))
    assert lines == sorted(
        f"cur/{path}:{where}: error: {field}: {message}" for path, _, field, where in FIELDS
    )


@pytest.mark.parametrize("value", ["40", "1000", '" 40 "', "'40'"])
def test_plain_whole_numbers_are_read_as_written(check, value):
    assert [p.format() for p in check(with_value(value))] == []


def test_out_of_range_numbers_keep_their_message(check):
    lines = [p.format() for p in check(with_value("-3"))]
    assert f"cur/{PRIMA}:9:5: error: jp: harus paling sedikit 1, bukan -3." in lines


# ---------------------------------------------------------------- dates and rules


def test_a_date_in_other_digits_is_refused_and_shown_in_0_to_9(check):
    files = {PRIMA: PELAYANAN_PRIMA.replace("opens: 2026-01-05", "opens: ٢٠٢٦-٠١-٠٥")}
    lines = [p.format() for p in check(files)]
    assert lines == [
        f"cur/{PRIMA}:39:14: error: offerings[0].registration.opens: tanggal '٢٠٢٦-٠١-٠٥' "
        "memakai angka selain 0–9; tulis dengan angka 0–9, misalnya 2026-01-05."
    ]


def test_a_date_time_in_full_width_digits_is_refused(check):
    files = {FORUM: USU_FORUM.replace("first: 2026-01-08 14:00", "first: 2026-01-08 １４:00")}
    lines = [p.format() for p in check(files)]
    assert lines == [
        f"cur/{FORUM}:4:10: error: schedule.first: waktu '2026-01-08 １４:00' memakai angka "
        "selain 0–9; tulis dengan angka 0–9, misalnya 2026-01-08 14:00."
    ]


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("FREQ=WEEKLY;BYDAY=TH;INTERVAL=٢", "INTERVAL=٢ tidak sah"),
        ("FREQ=WEEKLY;BYDAY=TH;COUNT=１０", "COUNT=１０ tidak sah"),
        ("FREQ=MONTHLY;BYMONTHDAY=٨", "BYMONTHDAY=٨ tidak sah"),
        ("FREQ=WEEKLY;BYDAY=TH;INTERVAL=+2", "INTERVAL=+2 tidak sah"),
    ],
)
def test_a_rule_number_in_other_digits_or_with_a_plus_is_refused(check, rule, fragment):
    files = {FORUM: USU_FORUM.replace("FREQ=MONTHLY;BYDAY=2TH", rule)}
    problems = check(files)
    assert len(problems) == 1, [p.format() for p in problems]
    line = problems[0].format()
    assert line.startswith(f"cur/{FORUM}:6:15: error: schedule.recurrence: "), line
    assert fragment in line, line


# ---------------------------------------------------------------- the published schema


def schema_errors(kind: str, text: str) -> list[str]:
    doc, problems = parse_yaml(text.encode("utf-8"))
    assert not problems, problems
    validator = jsonschema.Draft202012Validator(schema_for(kind))
    return ["/".join(map(str, e.absolute_path)) for e in validator.iter_errors(doc.data)]


@pytest.mark.parametrize("value", [v for v, _ in MISTAKES])
def test_the_schema_flags_the_same_text(value):
    """An editor's extension sees these as text (quoted, or not numbers in YAML 1.2)."""
    files = with_value(f'"{value}"')
    assert schema_errors("module", files[PRIMA]) == ["jp", "offerings/0/quota"]
    assert schema_errors("internship", files[INTERNSHIP]) == ["quota"]
    assert schema_errors("forum", files[FORUM]) == ["schedule/duration_minutes"]


def test_the_schema_accepts_what_the_checker_accepts():
    files = with_value('" 40 "')
    assert schema_errors("module", files[PRIMA]) == []
    assert schema_errors("internship", files[INTERNSHIP]) == []
    assert schema_errors("forum", files[FORUM]) == []
    assert schema_errors("internship", USU_INTERNSHIP) == []


# ---------------------------------------------------------------- the command line


def run_check(cwd: Path) -> tuple[int, str]:
    env = {**os.environ, "KURIKULUM_CACHE": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_reports_every_ambiguous_number_in_one_run(mini_project: Path):
    cur = mini_project / "curriculum"
    edit(cur / "usu/modules/pelayanan-prima.yml", "jp: 24", "jp: 4_0")
    edit(cur / "usu/modules/pelayanan-prima.yml", "quota: 30", "quota: +30")
    edit(cur / "usu/internships/magang-layanan.yml", "quota: 4", "quota: 1.000")
    edit(cur / "usu/forums/forum-pelayanan.yml", "duration_minutes: 90", "duration_minutes: ٩٠")
    code, output = run_check(mini_project)
    assert code == 1, output
    assert "Traceback" not in output, output
    assert output.splitlines() == [
        "curriculum/usu/forums/forum-pelayanan.yml:5:21: error: schedule.duration_minutes: "
        "'٩٠' memakai angka selain 0–9; tulis dengan angka 0–9, misalnya 90.",
        "curriculum/usu/internships/magang-layanan.yml:6:8: error: quota: '1.000' memakai "
        "titik yang dapat dibaca sebagai pemisah ribuan atau sebagai tanda desimal; tulis "
        "bilangan bulat tanpa pemisah, misalnya 1000.",
        "curriculum/usu/modules/pelayanan-prima.yml:25:5: error: jp: '4_0' memakai pemisah "
        "'_'; tulis bilangan bulat tanpa pemisah, misalnya 40.",
        "curriculum/usu/modules/pelayanan-prima.yml:48:12: error: offerings[0].quota: '+30' "
        "diawali tanda +; tulis bilangannya tanpa tanda, misalnya 30.",
        "Diperiksa 10 berkas: 4 galat, 0 peringatan.",
    ]


def test_check_refuses_an_ambiguous_annual_target_in_site_config(mini_project: Path):
    edit(mini_project / "site_config.yml", "annual_jp_target: 20", "annual_jp_target: 2_0")
    code, output = run_check(mini_project)
    assert code == 1, output
    assert "Traceback" not in output, output
    assert (
        "site_config.yml:13:19: error: annual_jp_target: '2_0' memakai pemisah '_'; tulis "
        "bilangan bulat tanpa pemisah, misalnya 20."
    ) in output.splitlines(), output
