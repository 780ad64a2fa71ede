"""A forum's `schedule.recurrence` (an RRULE): every mistake is one Indonesian problem
at the value, quickly, in `check` and `build` alike; valid rules work as before.

The base forum (conftest.USU_FORUM) has `recurrence:` on line 6, its value at column 15.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import BASE_FILES

from generator.catalog import forum_meetings
from generator.model import Forum, Schedule
from generator.pages import describe_rrule

FORUM = "usu/forums/forum-pelayanan.yml"
AT = f"cur/{FORUM}:6:15"
RULE = "FREQ=MONTHLY;BYDAY=2TH"
WIB = ZoneInfo("Asia/Jakarta")
# What dateutil says in its own messages: none of it may reach an editor.
ENGLISH = re.compile(
    r"\b(invalid|must|unknown|parameter|between|out of range|index|list|error|"
    r"expected|not supported|can ?not)\b",
    re.IGNORECASE,
)


def forum_with(rule: str, *, until: str | None = "2026-12-31") -> str:
    text = BASE_FILES[FORUM].replace(RULE, rule)
    if until is None:
        return text.replace("  until: 2026-12-31\n", "")
    return text.replace("until: 2026-12-31", f"until: {until}")


def recurrence_problem(check, rule: str, **kw) -> tuple:
    start = time.perf_counter()
    problems = check({FORUM: forum_with(rule, **kw)})
    elapsed = time.perf_counter() - start
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1, "\n".join(p.format() for p in problems)
    return errors[0], elapsed


BAD_RULES = [
    # (rule, a fragment of the message): dateutil crashed, hung or spoke English on these
    ("FREQ=MONTHLY;BYDAY=9TH", "urutan hari '9TH' di luar batas"),
    ("FREQ=YEARLY;BYDAY=60MO", "urutan hari '60MO' di luar batas"),
    ("FREQ=MONTHLY;BYDAY=0TH", "urutan hari '0TH' di luar batas"),
    ("FREQ=WEEKLY;BYDAY=2TH", "hanya berlaku untuk FREQ=MONTHLY atau FREQ=YEARLY"),
    ("FREQ=WEEKLY;BYDAY=WE;INTERVAL=0", "INTERVAL=0 tidak sah"),
    ("FREQ=WEEKLY;BYDAY=WE;INTERVAL=-1", "INTERVAL=-1 tidak sah"),
    ("FREQ=WEEKLY;BYDAY=WE;INTERVAL=1000", "INTERVAL=1000 tidak sah"),
    ("FREQ=WEEKLY;BYDAY=WE;INTERVAL=dua", "INTERVAL=DUA tidak sah"),
    ("FREQ=WEEKLY;COUNT=0", "COUNT=0 tidak sah"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "tidak menghasilkan satu pun pertemuan"),
    ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", "tidak menghasilkan satu pun pertemuan"),
    ("FREQ=MONTHLY;INTERVAL=2;BYMONTH=2", "tidak menghasilkan satu pun pertemuan"),
    ("FREQ=YEARLY;BYYEARDAY=400", "bagian BYYEARDAY tidak didukung portal"),
    ("FREQ=YEARLY;BYWEEKNO=60", "bagian BYWEEKNO tidak didukung portal"),
    ("FREQ=MONTHLY;BYSETPOS=400;BYDAY=MO", "bagian BYSETPOS tidak didukung portal"),
    ("FREQ=DAILY;BYHOUR=25", "jam pertemuan diambil dari kolom first"),
    ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13 tidak sah"),
    ("FREQ=YEARLY;BYMONTH=0", "BYMONTH=0 tidak sah"),
    ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 tidak sah"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32 tidak sah"),
    ("FREQ=MONTHLY;BYMONTHDAY=1,40", "BYMONTHDAY berisi '40' yang tidak sah"),
    ("FREQ=WEEKLY;BYMONTHDAY=15", "BYMONTHDAY tidak dapat dipakai dengan FREQ=WEEKLY"),
    ("FREQ=WEEKLY;BYDAY=XX", "BYDAY berisi 'XX' yang bukan kode hari"),
    ("FREQ=WEEKLY;BYDAY=MO,,WE", "BYDAY berisi '' yang bukan kode hari"),
    ("FREQ=WEEKLY;WKST=XX", "WKST=XX tidak sah"),
    ("FREQ=WEEKLY;X=1", "bagian 'X' tidak dikenal"),
    ("FREQ=WEEKLY;BYDAYS=WE", "mungkin maksud Anda BYDAY?"),
    ("FREQ=WEEKLY;BYDAY=WE;BYDAY=FR", "bagian BYDAY ditulis lebih dari sekali"),
    ("FREQ=WEEKLY;BYDAY", "bagian 'BYDAY' tidak berbentuk NAMA=NILAI"),
    ("FREQ=WEEKLY;BYDAY=", "bagian BYDAY belum diberi nilai"),
    ("BYDAY=WE", "bagian FREQ (frekuensi) wajib ada"),
    ("FREQ=HOURLY", "FREQ=HOURLY tidak dikenal"),
    ("FREQ=MINGGUAN", "FREQ=MINGGUAN tidak dikenal"),
]


@pytest.mark.parametrize(("rule", "fragment"), BAD_RULES, ids=[r for r, _ in BAD_RULES])
def test_bad_rule_is_one_indonesian_error_at_the_value(check, rule, fragment):
    problem, elapsed = recurrence_problem(check, rule)
    line = problem.format()
    assert line.startswith(f"{AT}: error: schedule.recurrence: "), line
    assert fragment in problem.message, line
    assert "Contoh aturan yang sah: FREQ=MONTHLY;BYDAY=2TH" in problem.message, line
    assert not ENGLISH.search(problem.message), line
    assert elapsed < 3, f"{elapsed:.1f} s"


def test_until_inside_the_rule_points_to_the_until_field(check):
    problem, _ = recurrence_problem(check, "FREQ=WEEKLY;UNTIL=20261231T000000Z")
    assert problem.format().startswith(f"{AT}: error: schedule.recurrence: ")
    assert "isi kolom 'until' di bawah schedule" in problem.message


def test_no_meeting_before_until_names_the_until_day(check):
    # The second Thursday of March is 2026-03-12: after the schedule's end.
    problem, _ = recurrence_problem(check, "FREQ=YEARLY;BYMONTH=3;BYDAY=2TH", until="2026-02-28")
    assert "antara pertemuan pertama (2026-01-08 14:00) dan tanggal akhir (2026-02-28)" in (
        problem.message
    )


def test_no_meeting_in_two_years_without_until(check):
    problem, elapsed = recurrence_problem(check, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", until=None)
    assert problem.format().startswith(f"{AT}: error: schedule.recurrence: ")
    assert "dalam dua tahun sejak pertemuan pertama (2026-01-08 14:00)" in problem.message
    assert elapsed < 3, f"{elapsed:.1f} s"


# ---------------------------------------------------------------- valid rules


@pytest.mark.parametrize(
    "rule",
    [
        RULE,
        "RRULE:FREQ=MONTHLY;BYDAY=2TH",
        "freq=monthly;byday=2th",
        "FREQ=MONTHLY; BYDAY=2TH;",
        "BYDAY=2TH;FREQ=MONTHLY",
        "FREQ=MONTHLY;BYDAY=+2TH;INTERVAL=1;WKST=MO",
        "FREQ=WEEKLY;BYDAY=TH;INTERVAL=2;COUNT=6",
        "FREQ=MONTHLY;BYMONTHDAY=8",
        "FREQ=MONTHLY;BYMONTHDAY=-1,8",
        "FREQ=YEARLY;BYMONTH=1,7;BYDAY=2TH",
        "FREQ=YEARLY;BYDAY=2TH",
        "FREQ=DAILY;BYDAY=TH",
    ],
)
def test_valid_rules_pass(check, rule):
    problems = check({FORUM: forum_with(rule)})
    assert [p for p in problems if p.is_error] == [], "\n".join(p.format() for p in problems)


def test_a_rule_that_misses_the_first_meeting_is_still_a_warning(check):
    problems = check({FORUM: forum_with("FREQ=MONTHLY;BYDAY=3TH")})
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    assert problems[0].severity == "warning" and problems[0].field == "schedule.first"
    assert "pertemuan pertama menurut pola itu 2026-01-15 14:00" in problems[0].message


def test_rule_is_normalized(check):
    schedule = Schedule.model_validate(
        {
            "first": "2026-01-08 14:00",
            "duration_minutes": 90,
            "recurrence": "freq=monthly; byday=2th;",
        },
        context={"tz": WIB},
    )
    assert schedule.recurrence == RULE


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYDAY=2TH", "Kamis kedua, setiap bulan"),
        ("FREQ=WEEKLY;BYDAY=WE;INTERVAL=2", "Rabu, setiap 2 minggu sekali"),
        ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "tanggal 15, setiap 3 bulan sekali"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "Jumat terakhir, setiap bulan"),
        ("FREQ=MONTHLY;BYDAY=-2FR", "Jumat ke-2 dari akhir, setiap bulan"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "hari terakhir bulan, setiap bulan"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "tanggal 1 dan 15, setiap bulan"),
        (
            "FREQ=YEARLY;BYMONTH=3,9;BYDAY=1MO",
            "Senin pertama, bulan Maret dan September, setiap tahun",
        ),
        ("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "Jumat, tanggal 13, setiap bulan"),
    ],
)
def test_describe_rrule(rule, words):
    assert describe_rrule(rule) == words


# ---------------------------------------------------------------- bounded expansion


def _forum(rule: str, until=None) -> Forum:
    schedule = Schedule.model_construct(
        first=datetime(2026, 1, 8, 14, 0, tzinfo=WIB),
        duration_minutes=90,
        recurrence=rule,
        until=until,
    )
    return Forum.model_construct(schedule=schedule)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;BYDAY=WE;INTERVAL=0",
        "FREQ=MONTHLY;BYDAY=9TH",
    ],
)
def test_meetings_of_a_rejected_rule_are_none_and_quick(rule):
    """The catalog never searches to the year 9999 nor loops (were the rule to get there)."""
    start = time.perf_counter()
    assert forum_meetings(_forum(rule), after=datetime(2026, 7, 1, tzinfo=WIB)) == []
    assert forum_meetings(_forum(rule), limit=100_000) == []
    assert time.perf_counter() - start < 3


def test_meetings_of_a_valid_rule_are_unchanged():
    meetings = forum_meetings(_forum(RULE), after=datetime(2026, 7, 1, tzinfo=WIB), limit=3)
    assert [m.start.date().isoformat() for m in meetings] == [
        "2026-07-09",
        "2026-08-13",
        "2026-09-10",
    ]


# ---------------------------------------------------------------- the command line


def _run(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    env = {**os.environ, "KURIKULUM_CACHE": "0", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    return result, time.perf_counter() - start


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYDAY=9TH",
        "FREQ=WEEKLY;BYDAY=WE;INTERVAL=0",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;BYDAY=XX",
    ],
)
def test_check_and_build_fail_cleanly_and_agree(mini_project: Path, rule: str):
    forum = mini_project / "curriculum/usu/forums/forum-pelayanan.yml"
    forum.write_text(forum.read_text(encoding="utf-8").replace(RULE, rule), encoding="utf-8")
    where = "curriculum/usu/forums/forum-pelayanan.yml:6:15: error: schedule.recurrence: "
    lines = {}
    for command in ("check", "build"):
        result, elapsed = _run([command], mini_project)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output, output
        assert elapsed < 30, f"{command}: {elapsed:.1f} s"
        found = [line for line in output.splitlines() if where in line]
        assert len(found) == 1, output
        assert not ENGLISH.search(found[0].split("schedule.recurrence: ", 1)[1]), found[0]
        lines[command] = found[0][found[0].index(where) :]
    assert lines["check"] == lines["build"]
    assert not (mini_project / "site").exists(), "a failed build publishes nothing"
