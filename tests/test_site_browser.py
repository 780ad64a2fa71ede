"""The sample site in headless Debian Chromium (Playwright for Python), served at /portal/.

For each page type on a phone (390x844), and for home and module also on a
desktop (1280x900): a full-page screenshot in
test-artifacts/<type>-<width>.png (e.g. home-390.png, module-390.png), zero
axe-core violations of any impact (the report in
test-artifacts/axe-<type>-<width>.json), no console error, no horizontal
scroll of the page, and no request to any host other than the local server
(such requests are recorded and aborted).

Chromium comes from the Debian package at /usr/bin/chromium; `playwright
install` is never run. Missing Chromium or Playwright: skipped, or failed when
CI=true.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import (  # noqa: E402
    ARTIFACTS,
    PAGE_TYPES,
    other_sections,
    page_url,
)

pytest_plugins = ["sitehelpers"]

VIEWPORTS = {390: 844, 1280: 900}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@dataclass
class Report:
    """What one page load showed."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0
    client_width: int = 0

    def problems(self) -> list[str]:
        out = [f"console error: {e}" for e in self.console_errors]
        out += [f"request to another host: {u}" for u in self.foreign_requests]
        if self.scroll_width > self.client_width:
            out.append(
                f"horizontal scroll: document {self.scroll_width}px wide in a "
                f"{self.client_width}px viewport"
            )
        for v in self.violations:
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            out.append(f"axe {v['id']} ({v['impact']}): {v['help']} [{targets}]")
        return out


class Tab:
    """One browser tab at one viewport size, reused for many pages (its cache too)."""

    def __init__(self, browser, axe, portal: str, width: int) -> None:
        self.axe = axe
        self.portal = portal
        self.width = width
        self.origin = urlsplit(portal).netloc
        self.report = Report(url="")
        self.context = browser.new_context(
            viewport={"width": width, "height": VIEWPORTS[width]}, service_workers="block"
        )
        self.context.route("**/*", self._gate)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.report.console_errors.append(f"uncaught: {e}"))

    def _gate(self, route) -> None:
        """Record and abort every request to a host other than the local server."""
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.origin:
            self.report.foreign_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def _console(self, message) -> None:
        if message.type == "error":
            self.report.console_errors.append(message.text)

    def inspect(
        self,
        rel_url: str,
        shot: str,
        then: Callable[[Page], None] | None = None,
        full_page: bool = True,
    ) -> Report:
        """Load one page (and do `then` on it), screenshot it, run axe, collect what went wrong."""
        self.report = report = Report(url=self.portal + rel_url)
        response = self.page.goto(report.url, wait_until="load")
        assert response is not None and response.ok, f"{report.url}: {response}"
        if then is not None:
            then(self.page)
        report.scroll_width, report.client_width = self.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=full_page)
        report.violations = self.axe.run(self.page).response["violations"]
        (ARTIFACTS / f"axe-{shot}.json").write_text(
            json.dumps(report.violations, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        return report

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def phone(browser, axe, http_portal: str) -> Iterator[Tab]:
    tab = Tab(browser, axe, http_portal, 390)
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def desktop(browser, axe, http_portal: str) -> Iterator[Tab]:
    tab = Tab(browser, axe, http_portal, 1280)
    yield tab
    tab.close()


def _check(tab: Tab, sample_site: Path, page_type: str) -> None:
    rel = page_url(sample_site, page_type)
    problems = tab.inspect(rel, f"{page_type}-{tab.width}").problems()
    assert not problems, f"{page_type} ({rel}) at {tab.width}px:\n" + "\n".join(problems)


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_phone(phone: Tab, sample_site: Path, page_type: str) -> None:
    """Every page type on a 390 px wide phone."""
    _check(phone, sample_site, page_type)


# The desktop adds Material's tabs and sidebar, and our multi-column grids.
@pytest.mark.parametrize("page_type", ["home", "module"])
def test_desktop(desktop: Tab, sample_site: Path, page_type: str) -> None:
    _check(desktop, sample_site, page_type)


def test_other_sections(phone: Tab, sample_site: Path) -> None:
    """Sections beyond the named page types (schedule, internships, forums, ...), on a phone."""
    found = other_sections(sample_site)
    if not found:
        pytest.skip("no other sections in the sample site")
    failures = []
    for name, rel in found.items():
        problems = phone.inspect(rel, f"{name}-{phone.width}", full_page=False).problems()
        failures += [f"{name} ({rel}): {p}" for p in problems]
    assert not failures, "at 390px:\n" + "\n".join(failures)


def _search(page: Page) -> None:
    page.click(".kk-search__open")
    page.fill("#kk-search-input", "pelayanan")
    page.wait_for_selector(".kk-search__results li", timeout=15000)


def test_phone_search_dialog(phone: Tab, sample_site: Path) -> None:
    """The search dialog, open with results (the index loaded from the site itself)."""
    if not (sample_site / "cari" / "indeks.json").is_file():
        pytest.skip("the sample site has no search index")
    report = phone.inspect("", "search-390", then=_search, full_page=False)
    problems = report.problems()
    assert not problems, "search dialog at 390px:\n" + "\n".join(problems)


def _open_drawer(page: Page) -> None:
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_selector(".md-sidebar--primary .md-nav__link", state="visible")


def test_phone_navigation_drawer(phone: Tab) -> None:
    """The section menu a phone user opens from the header."""
    report = phone.inspect("", "drawer-390", then=_open_drawer, full_page=False)
    problems = report.problems()
    assert not problems, "navigation drawer at 390px:\n" + "\n".join(problems)
