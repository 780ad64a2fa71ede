"""A portal in another zone than WIB (site_config.yml `timezone`): the browser takes
"today" in that zone, as the build does, and every time on a page names that
zone (WITA, WIT, or its offset) instead of WIB."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI, MINI_EPOCH, build_in_process, http_server, open_tab  # noqa: E402

pytest_plugins = ["sitehelpers"]

# 12:00 UTC: 19:00 on 7 December in Jakarta, already 02:00 on 8 December at UTC+14.
NOON_UTC = datetime.fromisoformat("2026-12-07T12:00:00+00:00")


def build_in_zone(root: Path, zone: str) -> Path:
    """The mini project built with `timezone: zone`, below `root`: its site."""
    shutil.copytree(MINI, root / "project")
    config = root / "project" / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("timezone: Asia/Jakarta", f"timezone: {zone}"),
        encoding="utf-8",
    )
    return build_in_process(config, root / "www" / "site", MINI_EPOCH)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_in_zone(tmp_path_factory.mktemp("zona"), "Pacific/Kiritimati")


@pytest.mark.parametrize("zone_page", ["modul/usu/pelayanan-prima/", "jadwal/"])
def test_today_is_the_sites_day(browser, site: Path, zone_page: str):
    html = (site / zone_page / "index.html").read_text(encoding="utf-8")
    assert 'data-kk-zone="Pacific/Kiritimati"' in html
    with http_server(site) as base:
        context_url = base + zone_page
        with open_tab(browser, "about:blank") as tab:
            tab.clock.set_fixed_time(NOON_UTC)
            tab.goto(context_url)
            assert tab.evaluate("window.portalKurikulum.todayWIB()") == "2026-12-08"


def pages_saying(site: Path, text: str) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if text in p.read_text(encoding="utf-8")
    )


def test_times_carry_the_sites_zone_not_wib(site: Path) -> None:
    """A portal set to another zone showed its times labelled WIB: 08.00 on
    Kiritimati is not 08.00 WIB. Only the editor guide (the YAML format, written
    for Medan) still names WIB."""
    module = (site / "modul/usu/pelayanan-prima/index.html").read_text(encoding="utf-8")
    assert "08.00 UTC+14" in module or "08.00–16.00 UTC+14" in module
    schedule = (site / "jadwal/index.html").read_text(encoding="utf-8")
    assert "Semua waktu dalam zona waktu Pacific/Kiritimati." in schedule
    forum = (site / "forum/usu/forum-pelayanan/index.html").read_text(encoding="utf-8")
    assert re.search(r"\d\d\.\d\d UTC\+14 \(", forum), "the forum's time has no zone"
    assert pages_saying(site, "WIB") == ["panduan/index.html"]


def test_a_wita_portal_says_wita(tmp_path: Path) -> None:
    site = build_in_zone(tmp_path, "Asia/Makassar")
    module = (site / "modul/usu/pelayanan-prima/index.html").read_text(encoding="utf-8")
    assert "08.00–16.00 WITA" in module, "a timed offering's hours and zone"
    schedule = (site / "jadwal/index.html").read_text(encoding="utf-8")
    assert "Semua waktu dalam WITA." in schedule
    assert pages_saying(site, "WIB") == ["panduan/index.html"]


@pytest.mark.parametrize(
    ("zone", "month", "label"),
    [
        ("Asia/Jakarta", 1, "WIB"),
        ("Asia/Pontianak", 1, "WIB"),
        ("Asia/Makassar", 1, "WITA"),
        ("Asia/Jayapura", 1, "WIT"),
        ("Asia/Kolkata", 1, "UTC+5.30"),
        ("America/New_York", 1, "UTC-5"),
        ("America/New_York", 7, "UTC-4"),  # the offset at that moment
        ("UTC", 1, "UTC+0"),
    ],
)
def test_zone_labels(zone: str, month: int, label: str) -> None:
    from zoneinfo import ZoneInfo

    from generator.render import moment_id, zone_id

    when = datetime(2026, month, 10, 8, 0, tzinfo=ZoneInfo(zone))
    assert zone_id(when) == label
    assert moment_id(when).endswith(f", 08.00 {label}")


@pytest.mark.parametrize(
    ("zone", "written", "meant"),
    [
        # A WITA portal: a time without a zone is WITA; one written in WIB keeps its offset.
        (
            "Asia/Makassar",
            "10/02/2026 08.00",
            "2026-02-10 08:00 (tahun-bulan-hari jam:menit; jam tanpa zona berarti WITA)",
        ),
        ("Asia/Makassar", "10/02/2026 08.00 WIB", "2026-02-10T08:00+07:00"),
        ("Asia/Makassar", "10/02/2026 08.00 WITA", "2026-02-10 08:00"),
        # A WIB portal, as before.
        (
            "Asia/Jakarta",
            "10/02/2026 08.00 WIB",
            "2026-02-10 08:00 (tahun-bulan-hari jam:menit; jam tanpa zona berarti WIB)",
        ),
        ("Asia/Jakarta", "10/02/2026 08.00 WITA", "2026-02-10T08:00+08:00"),
    ],
)
def test_a_time_written_another_way_is_told_in_the_sites_zone(
    make_curriculum, zone: str, written: str, meant: str
) -> None:
    from conftest import edit_base

    from generator.catalog import check_curriculum

    root = make_curriculum(
        edit_base(
            "usu/modules/pelayanan-prima.yml", ("start: 2026-02-10 08:00", f"start: {written}")
        )
    )
    config = root.parent / "site_config.yml"
    config.write_text(
        f"title: Uji\ndescription: Uji.\ncurriculum: cur\ntimezone: {zone}\n", encoding="utf-8"
    )
    problems = check_curriculum(config_path=config).problems
    messages = [p.message for p in problems if p.field.endswith(".start")]
    assert len(messages) == 1, [p.format() for p in problems]
    assert f"tulis menjadi {meant}" in messages[0], messages[0]
