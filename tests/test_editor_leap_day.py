"""A forum that meets on 29 February: its first meeting may be up to four years away.

`kurikulum check` looks for a rule's first meeting in a window after `first`, never
up to the year 9999. Two years was too short for a yearly rule on 29 February (or a
triennial one) that starts in an ordinary year: a valid rule was refused. The window
now follows the rule (four years and a day for a yearly rule or one on 29 February,
plus the periods an INTERVAL skips), and a rule that never meets is still refused,
quickly. The base forum (conftest.USU_FORUM) has `first:` on line 4 and
`recurrence:` on line 6.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import USU_FORUM

FORUM = "usu/forums/forum-pelayanan.yml"
RULE = "FREQ=MONTHLY;BYDAY=2TH"
LEAP_YEARLY = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"


def forum_with(rule: str, *, first: str = "2026-01-08 14:00", until: str | None = None) -> str:
    text = USU_FORUM.replace(RULE, rule).replace("first: 2026-01-08 14:00", f"first: {first}")
    if until is None:
        return text.replace("  until: 2026-12-31\n", "")
    return text.replace("until: 2026-12-31", f"until: {until}")


def lines(check, text: str) -> list[str]:
    return [p.format() for p in check({FORUM: text})]


def first_differs(first: str, rule: str, meeting: str) -> str:
    return (
        f"cur/{FORUM}:4:10: warning: schedule.first: pertemuan pertama ({first}) tidak sesuai "
        f"pola '{rule}'; pertemuan pertama menurut pola itu {meeting}. Samakan kolom first "
        "dengan pola."
    )


@pytest.mark.parametrize(
    ("rule", "first", "meeting"),
    [
        # starting in an ordinary year: the next 29 February is two to four years away
        (LEAP_YEARLY, "2026-01-08 14:00", "2028-02-29 14:00"),
        (LEAP_YEARLY, "2029-03-01 09:00", "2032-02-29 09:00"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29", "2025-03-03 10:00", "2028-02-29 10:00"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "2026-01-08 14:00", "2028-02-29 14:00"),
        ("FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29", "2026-01-08 14:00",
         "2028-02-29 14:00"),
        # every three years: the first is this year's, already past, or three years on
        ("FREQ=YEARLY;INTERVAL=3;BYMONTH=3;BYDAY=2TH", "2026-06-01 14:00", "2029-03-08 14:00"),
    ],
)  # fmt: skip
def test_a_rule_whose_first_meeting_is_years_away_is_accepted(check, rule, first, meeting):
    """Only the usual warning that `first` is not on the pattern, naming the meeting."""
    assert lines(check, forum_with(rule, first=first)) == [first_differs(first, rule, meeting)]


def test_a_forum_on_29_february_itself_is_clean(check):
    assert lines(check, forum_with(LEAP_YEARLY, first="2028-02-29 14:00")) == []


def _refused(rule: str, window: str) -> str:
    return (
        f"cur/{FORUM}:6:15: error: schedule.recurrence: aturan pengulangan '{rule}' tidak "
        f"menghasilkan satu pun pertemuan {window}; periksa apakah bagian-bagiannya dapat "
        "terjadi bersamaan (misalnya tanggal 30 tidak pernah ada di bulan Februari) dan "
        "apakah pola itu sesuai dengan kolom first. Contoh aturan yang sah: "
        "FREQ=MONTHLY;BYDAY=2TH (Kamis kedua setiap bulan)."
    )


@pytest.mark.parametrize(
    ("rule", "window"),
    [
        # every fourth year from 2026: 2030, 2034, ... never a leap year
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "dalam tujuh tahun"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "dalam empat tahun"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31", "dalam dua tahun"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "dalam dua tahun"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "dalam empat tahun"),
    ],
)
def test_a_rule_that_does_not_meet_in_its_window_is_still_refused_quickly(check, rule, window):
    start = time.perf_counter()
    found = lines(check, forum_with(rule))
    elapsed = time.perf_counter() - start
    assert found == [_refused(rule, f"{window} sejak pertemuan pertama (2026-01-08 14:00)")]
    assert elapsed < 3, f"{elapsed:.1f} s"


def test_until_before_the_leap_day_still_bounds_the_window(check):
    found = lines(check, forum_with(LEAP_YEARLY, until="2027-12-31"))
    window = "antara pertemuan pertama (2026-01-08 14:00) dan tanggal akhir (2027-12-31)"
    assert found == [_refused(LEAP_YEARLY, window)]


# ---------------------------------------------------------------- the command line


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KURIKULUM_CACHE": "0",
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1772323200",  # 2026-03-01
    }
    return subprocess.run(
        [sys.executable, "-m", "generator", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_and_the_built_forum_page_agree_on_a_leap_day_forum(mini_project: Path):
    forum = mini_project / "curriculum/usu/forums/forum-pelayanan.yml"
    text = forum.read_text(encoding="utf-8")
    text = text.replace(RULE, LEAP_YEARLY).replace("  until: 2026-06-30\n", "")
    forum.write_text(text, encoding="utf-8")

    checked = run("check", mini_project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines() == [
        "curriculum/usu/forums/forum-pelayanan.yml:4:10: warning: schedule.first: pertemuan "
        "pertama (2026-01-08 14:00) tidak sesuai pola 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'; "
        "pertemuan pertama menurut pola itu 2028-02-29 14:00. Samakan kolom first dengan pola.",
        "Diperiksa 10 berkas: 0 galat, 1 peringatan.",
    ]

    built = run("build", mini_project)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (mini_project / "site/forum/usu/forum-pelayanan/index.html").read_text("utf-8")
    assert (
        "<ul><li>29 Februari 2028, 14.00–15.30 WIB</li><li>29 Februari 2032, 14.00–15.30 WIB"
        "</li><li>29 Februari 2036, 14.00–15.30 WIB</li>"
    ) in page
