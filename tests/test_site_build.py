"""Building the fixture site: golden pages, determinism, failed builds, escaping.

Golden files: tests/golden/*.html are the expected bytes of key pages of
tests/fixtures/mini built with SOURCE_DATE_EPOCH=2026-03-01. After an intended
change to templates or page content, regenerate and review them with

    UPDATE_GOLDEN=1 pytest tests/test_site_build.py -k golden

and commit the diff together with the change. Nothing is normalised before
comparing: the build has no clock, no absolute path and no random order.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import (  # noqa: E402
    GOLDEN,
    MINI,
    MINI_EPOCH,
    build_in_process,
    parse,
    run_cli,
    snapshot,
)

pytest_plugins = ["sitehelpers"]

# built page → golden file
GOLDEN_PAGES = {
    "index.html": "home.html",
    "modul/index.html": "module-list.html",
    "modul/usu/pelayanan-prima/index.html": "module.html",
    "program/usu/jalur-pelayanan/index.html": "program.html",
    "mitra/usu/index.html": "partner.html",
}

EVIL_TITLE = "Pelayanan Prima </title><script>alert(1)</script>"


ASSET_DIGEST = re.compile(rb"(assets/kurikulum/[^\"']+?)\.[0-9a-f]{8}\.(css|js)\b")


def _update_golden() -> bool:
    return os.environ.get("UPDATE_GOLDEN", "") == "1"


@pytest.mark.parametrize("page", sorted(GOLDEN_PAGES))
def test_golden(mini_site: Path, page: str) -> None:
    """Key pages equal their checked-in golden copy byte for byte (UPDATE_GOLDEN=1 rewrites),
    but for the digest in the names of the portal's CSS and scripts (asset_uri), which
    changes with each edit of them and is checked in tests/test_hosting_guide.py."""
    built = ASSET_DIGEST.sub(rb"\1.<sidik>.\2", (mini_site / page).read_bytes())
    golden = GOLDEN / GOLDEN_PAGES[page]
    if _update_golden():
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(built)
        return
    assert golden.exists(), f"{golden} missing: run UPDATE_GOLDEN=1 pytest {__file__} -k golden"
    expected = golden.read_bytes()
    if built != expected:
        diff = difflib.unified_diff(
            expected.decode().splitlines(),
            built.decode().splitlines(),
            f"tests/golden/{golden.name}",
            f"built {page}",
            lineterm="",
            n=2,
        )
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"{page} differs from tests/golden/{golden.name}. If the change is intended, run "
            f"UPDATE_GOLDEN=1 pytest tests/test_site_build.py -k golden and review the diff.\n"
            f"{shown}",
            pytrace=False,
        )


def test_golden_has_no_stale_files() -> None:
    stale = {p.name for p in GOLDEN.glob("*.html")} - set(GOLDEN_PAGES.values())
    assert not stale, f"golden files no test compares: {sorted(stale)}"


# ------------------------------------------------------------- determinism


def test_two_builds_are_byte_identical(mini_site: Path, tmp_path: Path) -> None:
    """A second build, by the CLI in a new interpreter (other hash seed), equals the first."""
    out = tmp_path / "again"
    result = run_cli(
        "build",
        "--config",
        str(MINI / "site_config.yml"),
        "--output",
        str(out),
        cwd=tmp_path,
        epoch=MINI_EPOCH,
        env={"PYTHONHASHSEED": "4242"},
    )
    assert result.returncode == 0, result.stderr
    first, second = snapshot(mini_site), snapshot(out)
    assert len([n for n, b in first.items() if b is not None]) > 20
    only_first = sorted(set(first) - set(second))
    only_second = sorted(set(second) - set(first))
    differing = sorted(n for n in set(first) & set(second) if first[n] != second[n])
    assert not (only_first or only_second or differing), (
        "two builds of the same input differ:\n"
        f"  only in the first:  {only_first[:15]}\n"
        f"  only in the second: {only_second[:15]}\n"
        f"  different bytes:    {differing[:15]}"
    )


# ------------------------------------------------------------ failed build


@pytest.fixture
def built_copy(mini_site: Path, tmp_path: Path) -> Path:
    """A copy of the fixture with a good build of it in `site/`.

    The session's build of the same input is copied in (builds are byte-identical,
    see above), which saves a build per test.
    """
    work = tmp_path / "work"
    shutil.copytree(MINI, work)
    shutil.copytree(mini_site, work / "site")
    return work


def _line_col(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `path`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


BREAKAGES = {
    # name: (file, old text, new text, the text whose position the error must name)
    "bad-value": ("usu/modules/pelayanan-prima.yml", "jp: 24", "jp: dua puluh", "dua puluh"),
    "unknown-reference": (
        "unimed/modules/pelayanan-lanjut.yml",
        "prerequisites: [usu/pelayanan-prima]",
        "prerequisites: [usu/pelayanan-purba]",
        "usu/pelayanan-purba",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_failed_build_leaves_old_site_untouched(built_copy: Path, breakage: str) -> None:
    rel, old, new, culprit = BREAKAGES[breakage]
    site = built_copy / "site"
    before = snapshot(site)
    source = built_copy / "curriculum" / rel
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")
    line, col = _line_col(source, culprit)

    result = run_cli("build", cwd=built_copy, epoch=MINI_EPOCH)

    assert result.returncode != 0
    where = f"curriculum/{rel}:{line}:"
    assert re.search(rf"{re.escape(where)}\d+: error", result.stderr), result.stderr
    if breakage == "bad-value":  # a value error points at the value itself
        assert f"curriculum/{rel}:{line}:{col}: error" in result.stderr, result.stderr
    assert "Situs lama tidak diubah" in result.stderr
    assert snapshot(site) == before, "a failed build changed the published site"
    leftovers = sorted(p.name for p in built_copy.iterdir() if p.name.startswith(".site"))
    assert not leftovers, f"a failed build left temporary folders: {leftovers}"


def test_render_failure_leaves_old_site_untouched(
    built_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure inside MkDocs (after the checks passed) also keeps the old site."""
    import generator.mkdocs_plugin as plugin

    site = built_copy / "site"
    before = snapshot(site)
    real = plugin.render_page

    def failing(template: str, context: dict) -> str:
        if template == "program.html":
            raise RuntimeError("simulated template failure")
        return real(template, context)

    monkeypatch.setattr(plugin, "render_page", failing)
    with pytest.raises(Exception, match="simulated template failure"):
        build_in_process(built_copy / "site_config.yml", site, MINI_EPOCH)
    assert snapshot(site) == before
    assert not [p for p in built_copy.iterdir() if p.name.startswith(".site")]


def test_old_trees_are_removed_after_the_swap(built_copy: Path) -> None:
    """An old tree left by an interrupted cleanup is removed by a detached process;
    the replaced site is kept as the standby, which the next build writes into; the
    new site is in place when the build returns."""
    import time

    leftover = built_copy / ".site-lama-12345"
    (leftover / "modul").mkdir(parents=True)
    (leftover / "modul" / "index.html").write_text("lama", encoding="utf-8")
    (built_copy / "site" / "penanda.txt").write_text("situs lama", encoding="utf-8")

    result = run_cli("build", cwd=built_copy, epoch=MINI_EPOCH)

    assert result.returncode == 0, result.stderr
    assert (built_copy / "site" / "modul" / "index.html").is_file()
    assert not (built_copy / "site" / "penanda.txt").exists()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        old = [
            p.name
            for p in built_copy.iterdir()
            if p.name.startswith(".site-lama-") and p.name != ".site-lama-siaga"
        ]
        if not old:
            break
        time.sleep(0.1)
    assert not old, f"old trees were not removed: {old}"
    standby = built_copy / ".site-lama-siaga"
    assert (standby / "penanda.txt").read_text(encoding="utf-8") == "situs lama"


# ---------------------------------------------------------- escaping, sanitizing


def test_hostile_title_is_escaped_everywhere(mini_site: Path) -> None:
    """The `</title><script>` title never reaches any HTML or XML file as markup."""
    markup = [p for p in mini_site.rglob("*") if p.suffix in {".html", ".xml", ".svg"}]
    assert len(markup) > 10
    for path in markup:
        text = path.read_text(encoding="utf-8")
        assert "</title><script>" not in text, path
        assert "<script>alert" not in text, path
        assert "&amp;lt;" not in text, f"double-escaped text in {path}"
    page = parse(mini_site / "modul/usu/pelayanan-prima/index.html")
    assert page.title.strip().startswith(EVIL_TITLE), page.title  # shown as text, intact
    assert page.meta["description"].startswith("Dasar pelayanan publik yang cepat & ramah")


UNSAFE_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "img", "meta"}


class _ContentParser(HTMLParser):
    """The elements inside our page content (`<div class="kk-page">`), not Material's frame."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # <div> nesting inside .kk-page; 0 = outside
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.depth == 0 and tag == "div" and "kk-page" in (a.get("class") or "").split():
            self.depth = 1
        elif self.depth:
            self.elements.append((tag, a))
            self.depth += tag == "div"

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1


def _content_elements(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = _ContentParser()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.elements, f"no .kk-page content in {path}"
    return parser.elements


def test_markdown_is_sanitized(mini_site: Path) -> None:
    pages = sorted(mini_site.rglob("*.html"))
    for path in pages:
        for tag, attrs in parse(path).elements:
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{path}: <{tag} {name}=...>"
                cleaned = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                assert not cleaned.startswith(("javascript:", "vbscript:", "data:")), (
                    f"{path}: <{tag} {name}={value!r}>"
                )
    for page in ("modul/usu/pelayanan-prima/index.html", "mitra/usu/index.html"):
        elements = _content_elements(mini_site / page)
        tags = {tag for tag, _ in elements}
        assert not tags & UNSAFE_TAGS, f"{page}: {sorted(tags & UNSAFE_TAGS)}"
        assert not [a for _, a in elements if "style" in a], f"{page}: style= attribute kept"
    html = (mini_site / "modul/usu/pelayanan-prima/index.html").read_text(encoding="utf-8")
    assert "tracker.example" not in html and "evil.example" not in html
    # what is allowed survives: emphasis, a safe link, a table, a heading moved below h2
    assert "<strong>membahas</strong>" in html
    assert 'href="https://www.usu.ac.id/panduan"' in html
    assert "<h3>Materi inti</h3>" in html
    assert "<td>Standar</td>" in html


# ------------------------------------------------------------ status badges


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_status_badge_is_styled_with_enough_contrast() -> None:
    """Each availability has a badge style whose text keeps 4.5:1 on its background.

    axe sees only the statuses the sample happens to show on the day it is built.
    """
    from generator.catalog import Availability

    css = (Path(__file__).parent.parent / "generator/assets/kurikulum.css").read_text()
    for status in Availability:
        rule = re.search(rf"\.kk-status--{re.escape(status.value)} \{{([^}}]*)\}}", css)
        assert rule, f"no .kk-status--{status.value} rule in kurikulum.css"
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule[1])
        background = re.search(r"background:\s*(#[0-9a-fA-F]{6})", rule[1])
        assert colour and background, (
            f".kk-status--{status.value}: needs #rrggbb color and background"
        )
        ratio = _contrast(colour[1], background[1])
        assert ratio >= 4.5, f".kk-status--{status.value}: contrast {ratio:.2f}:1"
