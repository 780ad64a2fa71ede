"""The security headers of the hosting guide (docs/panduan-hosting.md, "Header keamanan").

Its nginx example runs as written in a real nginx (the same set-up as
tests/test_hosting_guide.py): every response of the portal (pages, assets,
calendars, the feed, data, the 404 page, redirects) carries every security
header, and in headless Debian Chromium through that nginx the pages a visitor
uses raise no Content-Security-Policy violation and still work: search shows
results, the JP planner keeps a pick across a reload, the schedule filter
filters, the 404 page's own script runs.

Also: the Apache example sets the same values as the nginx one, the single
script hash of the policy is the 404 page's inline script, and no other page of
a build holds an inline script, an inline style or an event-handler attribute.

nginx, openssl or Chromium missing: skipped, or failed when CI=true.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

import test_hosting_guide as hosting  # noqa: E402
from sitehelpers import (  # noqa: E402
    REPO,
    http_server_with_404,
    page_url,
)
from test_hosting_guide import SUB, code_blocks, get, guide_nginx_block  # noqa: E402

pytest_plugins = ["sitehelpers"]

# The hosting guide's fixtures, here too: the sample built with `url` at the
# guide's sub-path, and nginx running the guide's server blocks in front of it.
built = hosting.built
guide_nginx = hosting.guide_nginx

# What every HTTPS response of the portal must carry (name: the exact value).
EXPECTED = {
    "strict-transport-security": "max-age=31536000",
    "content-security-policy": (
        "default-src 'self'; script-src 'self' "
        "'sha256-F+nX9T4deuz18IbE4trHGqqu1SeePksQiDuBrYNBRlQ='; style-src 'self'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def _nginx_headers() -> dict[str, str]:
    return {
        name.lower(): value
        for name, value in re.findall(
            r'^\s*add_header ([\w-]+) "([^"]*)" always;$', guide_nginx_block(), re.M
        )
    }


def _apache_headers() -> dict[str, str]:
    blocks = code_blocks("apache")
    assert len(blocks) == 1, f"expected one ```apache block in the guide, found {len(blocks)}"
    return {
        name.lower(): value
        for name, value in re.findall(r'^\s*Header always set ([\w-]+) "([^"]*)"$', blocks[0], re.M)
    }


def _inline_scripts(html: str) -> list[str]:
    """The text of every <script> without src that a browser runs (not JSON data)."""
    found = []
    for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
        attrs = m[1]
        if re.search(r"\bsrc=", attrs):
            continue
        kind = re.search(r"""\btype=["']?([^"'\s>]+)""", attrs)
        if kind and kind[1].lower() in {"application/json", "application/ld+json"}:
            continue
        found.append(m[2])
    return found


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# ------------------------------------------------------------------- the guide


def test_the_guide_sets_every_header_in_nginx_and_the_same_in_apache():
    assert _nginx_headers() == EXPECTED
    assert _apache_headers() == EXPECTED
    # No add_header inside a location: nginx would drop every outer one there.
    block = guide_nginx_block()
    for m in re.finditer(r"^( *)location\b[^{]*\{(.*?)^\1\}", block, re.M | re.S):
        assert not re.search(r"^\s*add_header", m[2], re.M), m[0]


def test_the_one_script_hash_is_the_404_pages_script_and_nothing_else_is_inline(built: Path):
    hashes = re.findall(r"'(sha256-[^']+)'", EXPECTED["content-security-policy"])
    not_found = (built / "404.html").read_text(encoding="utf-8")
    assert [_sha256(s) for s in _inline_scripts(not_found)] == hashes
    for page in sorted(built.rglob("*.html")):
        if page.name == "404.html" and page.parent == built:
            continue
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built).as_posix()
        assert _inline_scripts(html) == [], name
        # style-src 'self': no <style> element or style attribute either.
        assert not re.search(r"<style\b|\sstyle=", html, re.I), name
        # Event-handler attributes and javascript: links are inline scripts too.
        assert not re.search(r"<[^>]*\son[a-z]+=", html, re.I), name
        assert "javascript:" not in html.lower(), name


def test_materials_inline_scripts_do_what_the_files_replacing_them_do():
    """The files that replace Material's inline scripts define the globals Material's
    script defines, and the portal does not turn on the feature whose script they
    leave out: an upgrade of Material that changes either fails here, not in a
    visitor's browser."""
    import material

    theme = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = REPO / "generator" / "assets" / "material"
    base = (theme / "base.html").read_text(encoding="utf-8")
    script = re.search(r"<script>(.*?)</script>", base, re.S)
    assert script is not None, "Material's partials/javascripts/base.html has changed"
    defined = set(re.findall(r"(?:^|,)(__md_[a-z]+)=", script[1]))
    assert defined == {"__md_scope", "__md_hash", "__md_get", "__md_set"}
    mine = (ours / "base.js").read_text(encoding="utf-8")
    assert all(f"window.{name} =" in mine for name in defined)
    content = (theme / "content.html").read_text(encoding="utf-8")
    assert re.findall(r'\{% if "([a-z.]+)" in features %\}', content) == ["content.tabs.link"]
    assert '__tabbed_"' in content and '__tabbed_"' in (ours / "content.js").read_text()
    settings = (REPO / "generator" / "build.py").read_text(encoding="utf-8")
    assert "content.tabs.link" not in settings


# -------------------------------------------------------------------- nginx


def _assert_secured(headers: dict[str, str], what: str) -> None:
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, f"{what}: {name} is {headers.get(name)!r}"


def test_every_response_carries_every_header(guide_nginx, built: Path):
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert any(f.endswith(".ics") for f in files) and "magang/feed.xml" in files
    for name in files:
        status, headers, _ = get(guide_nginx, f"/{SUB}/{name}")
        assert status == 200, name
        _assert_secured(headers, name)
    # Gzipped answers and pages by their folder.
    for path in ("", "modul/", "data/katalog.json"):
        status, headers, _ = get(guide_nginx, f"/{SUB}/{path}", gzip_ok=True)
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        _assert_secured(headers, path or "/")
    # The 404 page, and the redirects to the address with a slash.
    for path in ("tidak-ada/", "modul/usu/dihapus/", "x/y.ics", "magang/feed.xml.lama"):
        status, headers, _ = get(guide_nginx, f"/{SUB}/{path}")
        assert status == 404, path
        _assert_secured(headers, f"404 {path}")
    for path in (f"/{SUB}", f"/{SUB}/modul"):
        status, headers, _ = get(guide_nginx, path)
        assert status == 301, path
        _assert_secured(headers, f"301 {path}")


# ------------------------------------------------------------------ browser

WATCH = """
window.__kkViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__kkViolations.push(e.violatedDirective + " " + (e.blockedURI || "") + " at " +
    e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


@pytest.fixture(scope="module")
def portal(guide_nginx) -> str:
    return f"https://127.0.0.1:{guide_nginx['https']}/{SUB}/"


class Visit:
    """One browser context (its own storage) through the guide's nginx; at the end
    of the test, no page it opened may have raised a CSP violation or an error."""

    def __init__(self, browser, portal: str, **options) -> None:
        self.portal = portal
        self.context = browser.new_context(
            ignore_https_errors=True, viewport={"width": 1280, "height": 900}, **options
        )
        self.context.add_init_script(WATCH)
        self.problems: list[str] = []
        self.pages: list = []

    def open(self, path: str, **goto):
        pg = self.context.new_page()
        pg.on("pageerror", lambda e: self.problems.append(f"{path}: uncaught {e}"))
        pg.on(
            "console",
            lambda m: (
                self.problems.append(f"{path}: console: {m.text}")
                if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
                else None
            ),
        )
        pg.goto(self.portal + path, **goto)
        self.pages.append((path, pg))
        return pg

    def check(self) -> None:
        for path, pg in self.pages:
            if not pg.is_closed():
                violations = pg.evaluate("window.__kkViolations || []")
                self.problems += [f"{path}: {v}" for v in violations]
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def visit(browser, portal: str) -> Iterator:
    made: list[Visit] = []

    def start(**options) -> Visit:
        made.append(Visit(browser, portal, **options))
        return made[-1]

    yield start
    try:
        for v in made:
            v.check()
    finally:
        for v in made:
            v.context.close()


def test_pages_load_without_a_violation(visit, built: Path):
    v = visit()
    module = page_url(built, "module")
    for path in ("", "modul/", module, "magang/", "data/", "cari/", "kompetensi/", "panduan/"):
        pg = v.open(path)
        pg.wait_for_load_state("load")
        assert pg.locator("h1").first.is_visible(), path
        # Material's scripts ran (its bundle and the globals base.js gives it) and
        # so did the portal's (kurikulum.js names the menu button).
        assert pg.evaluate("typeof __md_get === 'function' && !!window.document$"), path
        assert pg.locator("#__drawer").get_attribute("aria-label") == "Menu navigasi", path
        assert pg.evaluate("!!window.portalKurikulum"), path


def test_the_replaced_globals_behave_like_materials(visit):
    """Material's own base script (read from the installed theme, run in the page)
    and base.js agree: the same hashes, and values stored by one are read by the
    other under the same key."""
    import material

    theme = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    script = re.search(r"<script>(.*?)</script>", (theme / "base.html").read_text("utf-8"), re.S)
    assert script is not None
    original = (
        script[1]
        .replace("__md_", "__orig_")
        .replace('new URL("{{ config.extra.scope | d(base_url) }}",location)', "__md_scope")
    )
    pg = visit().open("modul/")
    pg.wait_for_load_state("load")
    pg.evaluate("(code) => (0, eval)(code)", original)
    words = ["", "a", "Pelayanan Publik", "ĉĥ→✓" * 40]
    assert pg.evaluate("(ws) => ws.map((w) => __md_hash(w) === __orig_hash(w))", words) == [
        True
    ] * len(words)
    assert pg.evaluate("__md_set('kk-uji', {a: [1, 2]}); __orig_get('kk-uji')") == {"a": [1, 2]}
    assert pg.evaluate("__orig_set('kk-uji', 'x'); __md_get('kk-uji')") == "x"
    assert pg.evaluate("__orig_scope.pathname === __md_scope.pathname")


def test_the_search_box_shows_results(visit):
    pg = visit().open("modul/")
    pg.locator("[data-kk-search] .kk-search__open").click()
    field = pg.locator(".kk-search__input")
    field.wait_for(state="visible")
    field.fill("pelayanan")
    pg.wait_for_function(
        """() => { const b = document.querySelector('[data-kk-search]');
                   return b.dataset.kkState === 'done' && b.dataset.kkQuery === 'pelayanan'; }""",
        timeout=15_000,
    )
    assert pg.locator(".kk-result").count() > 0


def test_the_search_page_takes_its_query(visit):
    pg = visit().open("cari/?q=pelayanan")
    pg.wait_for_function(
        """() => { const b = document.querySelector('[data-kk-search]');
                   return b && b.dataset.kkState === 'done' && b.dataset.kkQuery === 'pelayanan'; }""",
        timeout=15_000,
    )
    assert pg.locator(".kk-result").count() > 0


def test_the_schedule_filter_filters(visit):
    pg = visit().open("jadwal/")
    form = pg.locator("form[data-kk-filters]")
    assert form.is_visible()
    rows = "[data-kk-row]"
    shown = (
        "els => els.filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.method)"
    )
    before = pg.locator(rows).evaluate_all(shown)
    assert len(set(before)) >= 2, before
    method = sorted(set(before))[0]
    form.locator('select[name="method"]').select_option(method)
    after = pg.locator(rows).evaluate_all(shown)
    assert after and set(after) == {method} and len(after) < len(before)
    assert f"method={method}" in pg.url


def test_the_planner_keeps_a_pick_across_a_reload(visit, built: Path):
    v = visit()
    module = v.open(page_url(built, "module"))
    add = module.locator("[data-kk-plan-add]")
    title = add.get_attribute("data-title")
    add.click()
    pg = v.open("rencana/")
    pg.locator("[data-kk-plan-query]").fill("pelayanan")
    first = pg.locator("[data-kk-plan-results] li").filter(has=pg.locator("button:enabled")).first
    second = first.locator("a").inner_text()
    first.get_by_role("button").click()
    listed = pg.locator("[data-kk-plan-list] li a")
    assert listed.all_inner_texts() == [title, second]
    total = pg.locator("[data-kk-plan-total]").inner_text()
    assert "JP" in total, total
    pg.reload()
    assert listed.all_inner_texts() == [title, second]
    assert pg.locator("[data-kk-plan-total]").inner_text() == total


def test_the_404_page_runs_its_own_script(visit):
    v = visit()
    pg = v.open("modul/usu/tidak-ada/")
    pg.wait_for_load_state("load")
    assert pg.title().startswith("Halaman tidak ditemukan")
    # Its inline script (allowed by its hash) ran: links to a part of the page
    # keep the address shown, styles and Material's bundle loaded.
    skip = pg.locator("a.md-skip")
    assert skip.get_attribute("href") == f"/{SUB}/modul/usu/tidak-ada/#kk-isi"
    assert pg.evaluate("typeof __md_get === 'function'")
    assert pg.evaluate("document.styleSheets.length") >= 3
    links = pg.locator("a.kk-go").evaluate_all("as => as.map(a => a.href)")
    assert links[0] == v.portal, links


def test_without_scripts_the_filter_form_is_hidden(visit):
    """The <noscript> stylesheet (an inline <style> would be blocked) still applies."""
    pg = visit(java_script_enabled=False).open("jadwal/")
    pg.wait_for_load_state("load")
    assert pg.locator("form.kk-filters").is_hidden()
    assert pg.locator("[data-kk-row]").first.is_visible()


def test_the_meta_policy_for_github_and_gitlab_pages(browser, built: Path, tmp_path: Path):
    """The guide's step for services that send no header of ours: every page gets
    the policy (without frame-ancestors, which a <meta> cannot give) as its first
    element in <head>, and the pages keep working under it."""
    blocks = [b for b in code_blocks("sh") if "http-equiv" in b]
    assert len(blocks) == 1, blocks
    shutil.copytree(built, tmp_path / "site")
    subprocess.run(["sh", "-ec", blocks[0]], cwd=tmp_path, check=True, timeout=60)
    www = tmp_path / "www"
    www.mkdir()
    shutil.move(tmp_path / "site", www / SUB)
    policy = EXPECTED["content-security-policy"].removesuffix("; frame-ancestors 'self'")
    assert "frame-ancestors" not in policy
    meta = f'<head><meta http-equiv="Content-Security-Policy" content="{policy}">'
    pages = sorted((www / SUB).rglob("*.html"))
    assert len(pages) >= 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count(meta) == 1 and html.count("Content-Security-Policy") == 1, page

    with http_server_with_404(www, SUB) as base:
        v = Visit(browser, base)
        try:
            for path in ("", "jadwal/", "rencana/", "tidak-ada/"):
                v.open(path).wait_for_load_state("load")
            pg = v.open("modul/")
            pg.locator("[data-kk-search] .kk-search__open").click()
            pg.locator(".kk-search__input").fill("pelayanan")
            pg.locator(".kk-result").first.wait_for()
            v.check()
            # The policy is in force: an inline script is refused.
            ran = pg.evaluate(
                """() => { const s = document.createElement("script");
                          s.textContent = "window.__kkInline = true";
                          document.head.append(s); return window.__kkInline === true; }"""
            )
            assert ran is False
        finally:
            v.context.close()
