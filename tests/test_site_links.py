"""Internal link check over the whole built sample site (`mkdocs --strict` misses these).

Every relative href/src of every page must name a file of the site, every
#anchor an id= in its target page; no link may start at the server root (the
site must work under any sub-path). Every page has <html lang="id"> and a
non-empty meta description. The figures are written to
test-artifacts/link-check.txt.

The one exception is 404.html: a server shows it at any depth, so its links
start from its <base href>, the path of `url` (site_config.yml), "/" when unset
(tests/test_site_404.py serves it elsewhere); they are resolved from the site
root instead.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import ARTIFACTS, PageParser, parse  # noqa: E402

pytest_plugins = ["sitehelpers"]

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}


def _target_file(root: Path, url_path: str) -> Path | None:
    """The file a site-relative URL path is served from (directory URLs → index.html)."""
    candidate = root / url_path
    if url_path == "" or url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(root: Path) -> tuple[dict[str, int], list[str]]:
    """Check every page below `root`: (figures, problems)."""
    pages = sorted(root.rglob("*.html"))
    parsed: dict[Path, PageParser] = {p: parse(p) for p in pages}
    figures = {"pages": len(pages), "links": 0, "internal": 0, "anchors": 0, "external": 0}
    problems: list[str] = []
    for page, doc in parsed.items():
        rel_page = page.relative_to(root).as_posix()
        if doc.lang != "id":
            problems.append(f"{rel_page}: <html lang={doc.lang!r}>, expected 'id'")
        if not doc.meta.get("description", "").strip():
            problems.append(f"{rel_page}: no meta description")
        for tag, attr, value in doc.links:
            base = posixpath.dirname(rel_page)
            figures["links"] += 1
            where = f"{rel_page}: <{tag} {attr}={value!r}>"
            parts = urlsplit(value.strip())
            if parts.scheme or parts.netloc:
                if parts.scheme in EXTERNAL_SCHEMES and (
                    parts.netloc or parts.scheme in ("mailto", "tel")
                ):
                    figures["external"] += 1
                else:
                    problems.append(f"{where}: scheme not allowed")
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if rel_page != "404.html":
                    problems.append(f"{where}: root-absolute link breaks under a sub-path")
                    continue
                # The 404 page's <base href>: the site_url's path ("/" without `url`
                # in site_config.yml); its other links are relative to it.
                path = path.lstrip("/") or "."
                base = ""
            if path:
                joined = posixpath.normpath(posixpath.join(base, path))
                if joined == ".." or joined.startswith("../"):
                    problems.append(f"{where}: leaves the site")
                    continue
                url_path = "" if joined == "." else joined
                if path.endswith("/") and url_path:
                    url_path += "/"
                target = _target_file(root, url_path)
                if target is None:
                    problems.append(f"{where}: no such file")
                    continue
                figures["internal"] += 1
            else:
                target = page
            if parts.fragment:
                figures["anchors"] += 1
                ids = parsed[target].ids if target in parsed else set()
                if target.suffix == ".html" and unquote(parts.fragment) not in ids:
                    problems.append(
                        f"{where}: no id={parts.fragment!r} in {target.relative_to(root)}"
                    )
    return figures, problems


def test_no_broken_links_or_anchors(sample_site: Path) -> None:
    figures, problems = check_links(sample_site)
    summary = (
        f"link check of the sample site: {figures['pages']} pages, {figures['links']} links "
        f"({figures['internal']} internal files, {figures['anchors']} #anchors, "
        f"{figures['external']} external, not fetched), {len(problems)} problems"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "link-check.txt").write_text(
        summary + "\n" + "".join(f"{p}\n" for p in problems), encoding="utf-8"
    )
    print(summary)
    assert figures["pages"] >= 50, summary
    assert not problems, summary + "\n" + "\n".join(problems[:50])


def test_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker itself: each kind of breakage is reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<html lang="id"><head><meta name="description" content="x"></head><body id="top">'
        '<a href="a/">ok</a><a href="#top">ok</a><a href="a/#sini">ok</a>'
        '<a href="b/">missing</a><a href="a/#tidak-ada">bad anchor</a>'
        '<a href="/a/">root</a><a href="../luar/">out</a><a href="javascript:x()">js</a>'
        '<a href="https://example.org/">ext</a></body></html>'
    )
    (tmp_path / "a" / "index.html").write_text(
        '<html><head></head><body><h2 id="sini">x</h2><a href="../">up</a></body></html>'
    )
    figures, problems = check_links(tmp_path)
    text = "\n".join(problems)
    assert figures == {"pages": 2, "links": 10, "internal": 4, "anchors": 3, "external": 1}
    for expected in (
        "'b/'>: no such file",
        "no id='tidak-ada'",
        "root-absolute",
        "leaves the site",
        "scheme not allowed",
        "a/index.html: <html lang=None>",
        "a/index.html: no meta description",
    ):
        assert expected in text, f"{expected!r} not reported:\n{text}"
    assert len(problems) == 7, text
