"""The browser takes "today" in the site's time zone (site_config.yml), as the build
does: a portal set to another zone than WIB updates its statuses on its own day."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI, MINI_EPOCH, build_in_process, http_server, open_tab  # noqa: E402

pytest_plugins = ["sitehelpers"]

# 12:00 UTC: 19:00 on 7 December in Jakarta, already 02:00 on 8 December at UTC+14.
NOON_UTC = datetime.fromisoformat("2026-12-07T12:00:00+00:00")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zona")
    shutil.copytree(MINI, root / "project")
    config = root / "project" / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "timezone: Asia/Jakarta", "timezone: Pacific/Kiritimati"
        ),
        encoding="utf-8",
    )
    return build_in_process(config, root / "www" / "site", MINI_EPOCH)


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
