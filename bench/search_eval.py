"""Run the search evaluation set through the real search box in headless Chromium.

    python bench/search_eval.py [--site site] [--eval tests/search_eval.yml] [--build] [-v]

Serves the built site over HTTP (search needs it: Pagefind fetches its index),
opens the home page, types each query into the header search box the way a
user does, waits for the results the box shows, and prints, over the queries
of tests/search_eval.yml:

- recall: the share of each query's `expect` pages among the first 10 results
  shown (averaged over queries; queries with more than 10 expected pages need
  10 of them);
- precision@5: the share of the first 5 results shown (fewer when fewer are
  shown) that are in `expect` or `also` (pages that are fine to show);
- zero-result queries: queries for which the box showed nothing.

A query with `expect: []` (kind `none`: gibberish, a subject no record has)
must show nothing but the box's "no results" message (`Tidak ada hasil ...`);
such queries are counted apart and left out of the figures above.

`--build` runs `kurikulum build` first. Exit status 1 when a figure misses
the bar (recall >= 0.98, precision@5 >= 0.95, no zero-result query, every
`none` query answered with the message).

The helpers here (`serve`, `launch`, `SearchBox`) are also used by
tests/test_search_browser.py and bench/search_size.py.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
TEXT_TYPES = (".html", ".js", ".css", ".json", ".txt", ".svg", ".xml", ".ics", ".csv")

RECALL_MIN = 0.98
PRECISION_MIN = 0.95
NO_RESULTS = "Tidak ada hasil"


# ---------------------------------------------------------------- serving


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types as a web server or CDN would;
    scripts `script_delay` seconds late (a slow network: bench/phone_weight.py)."""

    script_delay = 0.0

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self._header_bytes = sum(len(h) for h in getattr(self, "_headers_buffer", []))
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        data = source.read()
        outputfile.write(data)
        sent = getattr(self.server, "sent", None)
        if sent is not None:
            # Bytes on the wire as the server sends them, headers included: a
            # browser's own accounting misses some (a Worker's script).
            sent.append((self.path, len(data) + getattr(self, "_header_bytes", 0)))

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if self.script_delay and path.suffix == ".js":
            time.sleep(self.script_delay)
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@contextlib.contextmanager
def serve(
    site: Path, sent: list[tuple[str, int]] | None = None, script_delay: float = 0.0
) -> Iterator[str]:
    """Serve `site` on a free local port; yields the base URL (ending in /).

    With `sent`, each response is recorded there as (path, bytes sent).
    """
    late = type("Handler", (_Handler,), {"script_delay": script_delay})
    handler = partial(late, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    server.sent = sent  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """Headless Chromium (the system one; never downloads a browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------- driving the box


@dataclass
class Shown:
    query: str
    urls: list[str]
    titles: list[str]
    excerpts: list[str]
    status: str
    suggestion: str | None
    total_text: str = ""


class SearchBox:
    """The header search box of one open page."""

    def __init__(self, page: Any, base: str):
        self.page = page
        self.base = base

    def open(self) -> None:
        box = self.page.locator("[data-kk-search]")
        if self.page.locator(".kk-search__dialog").is_hidden():
            box.locator(".kk-search__open").click()
        self.page.locator(".kk-search__input").wait_for(state="visible")

    def search(self, query: str, *, delay: float = 0) -> Shown:
        """Type `query` (replacing what is there) and wait for the results shown."""
        self.open()
        field_ = self.page.locator(".kk-search__input")
        field_.fill("")
        if delay:
            field_.press_sequentially(query, delay=delay)
        else:
            field_.fill(query)
        return self.wait(query)

    def wait(self, query: str, timeout: float = 15_000) -> Shown:
        self.page.wait_for_function(
            """q => { const b = document.querySelector('[data-kk-search]');
                      return b.dataset.kkState === 'done' && b.dataset.kkQuery === q; }""",
            arg=query.strip(),
            timeout=timeout,
        )
        return self.shown(query)

    def shown(self, query: str) -> Shown:
        data = self.page.evaluate(
            """() => {
              const b = document.querySelector('[data-kk-search]');
              const items = [...b.querySelectorAll('.kk-result')];
              const s = b.querySelector('.kk-search__suggestion');
              return {
                urls: items.map(i => i.querySelector('a').href),
                titles: items.map(i => i.querySelector('.kk-result__title').textContent),
                excerpts: items.map(i => (i.querySelector('.kk-result__excerpt') || {}).textContent || ''),
                status: b.querySelector('.kk-search__status').textContent,
                suggestion: s ? s.textContent : null,
              };
            }"""
        )
        urls = [self.relative(u) for u in data["urls"]]
        return Shown(
            query, urls, data["titles"], data["excerpts"], data["status"], data["suggestion"]
        )

    def set_filter(self, key: str, value: str) -> None:
        """Choose `value` in the filter `key` (opening the filter panel first)."""
        self.open()
        toggle = self.page.locator(".kk-search__filter-toggle")
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        self.page.wait_for_selector("[data-kk-search][data-kk-filters=ready]")
        self.page.select_option(f"#kk-filter-{key}", value=value)

    def relative(self, url: str) -> str:
        return url[len(self.base) :] if url.startswith(self.base) else url


# ---------------------------------------------------------------- evaluation


@dataclass
class Query:
    q: str
    kind: str
    expect: list[str]
    related: str | None = None
    also: set[str] = field(default_factory=set)  # pages whose text matches `related`


def load_eval(path: Path, site: Path | None = None) -> list[Query]:
    """The queries of `path`; with `site`, each query's `also` pages are filled in."""
    import re

    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = [
        Query(str(item["q"]), item.get("kind", ""), list(item["expect"]), item.get("related"))
        for item in data["queries"]
    ]
    if site is not None:
        texts = page_texts(site)
        for query in queries:
            if query.related:
                rx = re.compile(query.related, re.IGNORECASE)
                query.also = {url for url, text in texts.items() if rx.search(text)}
    return queries


def page_texts(site: Path) -> dict[str, str]:
    """The indexed text of each indexed page, by site-relative URL."""
    sys.path.insert(0, str(ROOT))
    from generator.search import MARKER, main_content, mark_labels, omit_sections, visible_text

    texts = {}
    for path in sorted(site.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        if MARKER not in page:
            continue
        body = main_content(page)
        if body is None:
            continue
        url = path.parent.relative_to(site).as_posix() + "/"
        texts[url] = " ".join(visible_text(mark_labels(omit_sections(body))).split())
    return texts


@dataclass
class Score:
    query: Query
    shown: Shown

    @property
    def nothing(self) -> bool:
        """A query that must find nothing (`expect: []`)."""
        return not self.query.expect

    @property
    def recall(self) -> float:
        top = set(self.shown.urls[:10])
        need = self.query.expect
        if not need:
            return float(not self.shown.urls and self.shown.status.startswith(NO_RESULTS))
        found = sum(u in top for u in need)
        return found / min(len(need), 10)

    @property
    def precision5(self) -> float:
        top = self.shown.urls[:5]
        if not top:
            return 0.0
        good = set(self.query.expect) | self.query.also
        return sum(u in good for u in top) / len(top)


def evaluate(site: Path, queries: list[Query], *, verbose: bool = False) -> list[Score]:
    scores = []
    with serve(site) as base, launch() as browser:
        page = browser.new_page()
        page.goto(base)
        box = SearchBox(page, base)
        for query in queries:
            shown = box.search(query.q)
            score = Score(query, shown)
            scores.append(score)
            if score.nothing:
                if verbose or score.recall < 1:
                    mark = "  " if score.recall == 1 else "!!"
                    print(f"{mark} none   {query.q!r}: {len(shown.urls)} shown; {shown.status!r}")
                continue
            if verbose or score.recall < 1 or score.precision5 < 1:
                mark = "  " if score.recall == 1 and score.precision5 == 1 else "!!"
                print(
                    f"{mark} {query.kind:6} {query.q!r}: recall {score.recall:.2f} "
                    f"p@5 {score.precision5:.2f} "
                    f"{'(Maksud Anda: ' + shown.suggestion + ') ' if shown.suggestion else ''}"
                    f"{len(shown.urls)} shown"
                )
                if mark == "!!" or verbose:
                    for u in shown.urls[:5]:
                        tag = "+" if u in query.expect else ("~" if u in query.also else "-")
                        print(f"       {tag} {u}")
                    for u in query.expect:
                        if u not in shown.urls[:10]:
                            print(f"       missing {u}")
    return scores


def report(scores: list[Score]) -> bool:
    nothing = [s for s in scores if s.nothing]
    scores = [s for s in scores if not s.nothing]
    n = len(scores)
    recall = sum(s.recall for s in scores) / n
    precision = sum(s.precision5 for s in scores) / n
    zero = sum(1 for s in scores if not s.shown.urls)
    suggested = sum(1 for s in scores if s.shown.suggestion)
    print()
    print(f"queries:              {n}")
    for kind in sorted({s.query.kind for s in scores}):
        part = [s for s in scores if s.query.kind == kind]
        print(
            f"  {kind:8} {len(part):3}  recall {sum(s.recall for s in part) / len(part):.3f}"
            f"  precision@5 {sum(s.precision5 for s in part) / len(part):.3f}"
        )
    print(f"recall:               {recall:.3f}   (must be >= {RECALL_MIN})")
    print(f"precision@5:          {precision:.3f}   (must be >= {PRECISION_MIN})")
    print(f"zero-result queries:  {zero}       (must be 0)")
    print(f"'Maksud Anda' shown:  {suggested}")
    quiet = sum(1 for s in nothing if s.recall == 1)
    print(f"queries finding nothing, as they should, with the message: {quiet} of {len(nothing)}")
    return (
        recall >= RECALL_MIN and precision >= PRECISION_MIN and zero == 0 and quiet == len(nothing)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--eval", type=Path, default=ROOT / "tests" / "search_eval.yml")
    parser.add_argument("--build", action="store_true", help="run `kurikulum build` first")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.build:
        kurikulum = shutil.which("kurikulum") or "kurikulum"
        subprocess.run([kurikulum, "build"], cwd=ROOT, check=True, env={**os.environ})
    if not (args.site / "cari" / "indeks.json").is_file():
        print(f"{args.site} has no search index: run `kurikulum build` (or --build).")
        return 2
    if not chromium_available():
        print(f"Chromium not found at {CHROMIUM}.")
        return 2
    scores = evaluate(args.site, load_eval(args.eval, args.site), verbose=args.verbose)
    return 0 if report(scores) else 1


if __name__ == "__main__":
    sys.exit(main())
