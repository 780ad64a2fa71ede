"""Search on a large catalog: bytes for the first query, latency, indexing cost.

    python bench/search_size.py [--site DIR] [--build N] [--queries ...]

Prints, for the site at DIR (default: bench/out/catalog-10000/site; `--build
10000` generates the synthetic catalog with bench/gen_catalog.py and builds it
first):

- indexing: the time and peak memory the search step (generator.search.
  index_site) adds to `kurikulum build`, measured in a fresh process on the
  built site: wall time and growth of the process's peak RSS (plus the peak
  RSS of any child process: none now, Pagefind's before);
- index size on disk (dictionary shards, posting lists, result pages, root
  dictionary, vocabulary);
- bytes transferred (compressed, as a gzip-serving web server sends them,
  headers included, counted by the server) for the first query typed on a
  page opened in a fresh browser, from opening the search box to the results
  shown, and which kinds of file they were;
- latency: from the last keystroke to the results shown (the debounce
  included), typing at a phone-like 150 ms per key, for the first query
  (nothing loaded yet) and for later queries (median and worst).

Limits (issue 5): first query <= 150 KB, results <= 150 ms after the last
keystroke, indexing <= 15 s and <= 1 GB. Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from search_eval import launch, serve  # noqa: E402

BYTES_MAX = 150 * 1024
LATENCY_MAX_MS = 150
INDEX_SECONDS_MAX = 15
INDEX_MEMORY_MAX = 1024**3
KEY_DELAY_MS = 150

FIRST_QUERIES = ["pelayanan publik", "kepemimpinan", "arsip", "kepemimpnan"]
LATER_QUERIES = [
    "pengelolaan keuangan",
    "kebijakan",
    "pengadaan barang",
    "inovasi",
    "keamanan informasi",
    "moderasi beragama",
    "perencanaan",
    "analisis data",
    "kearsipan",
    "pelatihan dasar",
]

_INDEX_CHILD = r"""
import json, resource, shutil, sys, time
from pathlib import Path
from generator.search import index_site
# A build indexes a freshly rendered site: the index of an earlier run is not
# there to delete (deleting its 11,000 page files takes seconds on a disk).
shutil.rmtree(Path(sys.argv[1]) / "cari", ignore_errors=True)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
stats = index_site(Path(sys.argv[1]))
seconds = time.perf_counter() - t
print(json.dumps({
    "seconds": seconds,
    "cpu_seconds": sum(resource.getrusage(w)[0] + resource.getrusage(w)[1]
                       for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)),
    "pages": stats.pages,
    "roots": stats.roots,
    "words": stats.words,
    "python_base_kb": base,
    "python_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


def measure_indexing(site: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _INDEX_CHILD, str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def first_page(site: Path) -> str:
    """A module page: where users usually land from a web search."""
    for path in sorted((site / "modul").glob("*/*/index.html")):
        return path.parent.relative_to(site).as_posix() + "/"
    return ""


_WATCH = """() => {
  const box = document.querySelector('[data-kk-search]');
  window.__kk = {inputs: [], done: {}};
  box.querySelector('.kk-search__input').addEventListener('input',
    () => window.__kk.inputs.push(performance.now()), true);
  new MutationObserver(() => {
    if (box.dataset.kkState === 'done') {
      const q = box.dataset.kkQuery;
      if (!(q in window.__kk.done)) window.__kk.done[q] = performance.now();
    }
  }).observe(box, {attributes: true, attributeFilter: ['data-kk-state', 'data-kk-query']});
}"""


def type_and_time(page, query: str) -> tuple[float, int]:
    """Type `query` key by key; ms from the last keystroke to its results, results shown."""
    field_ = page.locator(".kk-search__input")
    page.evaluate("() => { window.__kk.inputs = []; window.__kk.done = {}; }")
    field_.fill("")
    field_.press_sequentially(query, delay=KEY_DELAY_MS)
    page.wait_for_function(
        "q => q in window.__kk.done && document.querySelector('[data-kk-search]')"
        ".dataset.kkQuery === q",
        arg=query,
        timeout=30_000,
    )
    data = page.evaluate(
        "q => ({last: window.__kk.inputs.at(-1), done: window.__kk.done[q]})", query
    )
    shown = page.locator(".kk-result").count()
    return data["done"] - data["last"], shown


def measure_browser(site: Path) -> dict:
    landing = first_page(site)
    first = []
    later = []
    # Counted by the server, headers included: the browser's own accounting
    # (Playwright's request sizes) misses some (a Worker's script).
    sent: list[tuple[str, int]] = []
    with serve(site, sent) as base, launch() as browser:
        for query in FIRST_QUERIES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + landing)
            page.wait_for_load_state("networkidle")
            page.evaluate(_WATCH)
            sent.clear()
            page.locator(".kk-search__open").click()
            ms, shown = type_and_time(page, query)
            page.wait_for_load_state("networkidle")
            transfers = [(base + path.lstrip("/"), n) for path, n in sent]
            first.append(
                {
                    "query": query,
                    "ms": ms,
                    "shown": shown,
                    "bytes": sum(n for _, n in transfers),
                    # A copy: the listener goes on recording the later queries.
                    "files": list(transfers),
                }
            )
            if query == FIRST_QUERIES[0]:
                for q in LATER_QUERIES:
                    ms2, shown2 = type_and_time(page, q)
                    later.append({"query": q, "ms": ms2, "shown": shown2})
            context.close()
    return {"first": first, "later": later}


def short(url: str) -> str:
    return url.split("/", 3)[-1]


def kind(url: str) -> str:
    """The kind of file a request fetched, for the breakdown of the first query."""
    path = short(url).split("?")[0]
    for prefix, name in (
        ("cari/kamus/", "dictionary shards"),
        ("cari/p/", "posting lists"),
        ("cari/h/", "result pages"),
        ("cari/saring", "filters"),
        ("cari/", path),
    ):
        if path.startswith(prefix):
            return name
    return path.rsplit("/", 1)[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=HERE / "out" / "catalog-10000" / "site")
    parser.add_argument("--build", type=int, metavar="N", help="generate N modules and build first")
    parser.add_argument("--skip-indexing", action="store_true", help="do not re-run the indexing")
    args = parser.parse_args(argv)
    if args.build:
        folder = HERE / "out" / f"catalog-{args.build}"
        subprocess.run([sys.executable, str(HERE / "gen_catalog.py"), str(args.build)], check=True)
        subprocess.run(["kurikulum", "build"], cwd=folder, check=True, env={**os.environ})
        args.site = folder / "site"
    site = args.site.resolve()
    if not (site / "cari" / "indeks.json").is_file():
        print(f"{site}: no search index; build the catalog first (--build 10000).")
        return 2

    # The site may have been built before the last change to the search box.
    assets = site / "assets" / "kurikulum" / "search"
    for src in (ROOT / "generator" / "assets" / "search").iterdir():
        shutil.copyfile(src, assets / src.name)

    ok = True
    modules = sum(1 for _ in (site / "modul").glob("*/*/index.html"))
    print(f"site: {site} ({modules} module pages)")
    if not args.skip_indexing:
        load = os.getloadavg()[0]
        idx = measure_indexing(site)
        growth = (idx["python_peak_kb"] - idx["python_base_kb"]) * 1024
        children = idx["children_peak_kb"] * 1024
        added = growth + children
        print()
        print(f"indexing: {idx['pages']} pages, {idx['roots']} roots, {idx['words']} words")
        print(
            f"  time added to the build:   {idx['seconds']:.1f} s   (must be <= {INDEX_SECONDS_MAX} s)"
        )
        print(
            f"    CPU time (all cores):    {idx['cpu_seconds']:.1f} s,"
            f" load average before: {load:.2f}"
        )
        print(f"  Python peak RSS growth:    {growth / 2**20:.0f} MB")
        print(f"  child processes peak RSS:  {children / 2**20:.0f} MB")
        print(f"  peak memory added (sum):   {added / 2**20:.0f} MB   (must be <= 1024 MB)")
        ok &= idx["seconds"] <= INDEX_SECONDS_MAX and added <= INDEX_MEMORY_MAX
    print()
    print("index on disk:")
    cari = site / "cari"
    files = sum(1 for p in cari.rglob("*") if p.is_file())
    print(f"  cari/                      {folder_size(cari) / 2**20:.1f} MB in {files} files")
    for sub, label in (("kamus", "dictionary"), ("p", "posting lists"), ("h", "result pages")):
        print(f"    {label:24} {folder_size(cari / sub) / 2**20:.1f} MB")
    for name in ("akar.txt", "kata.txt"):
        path = site / "cari" / name
        import gzip

        raw = path.read_bytes()
        print(
            f"  cari/{name:22}{len(raw) / 1024:.1f} KB ({len(gzip.compress(raw)) / 1024:.1f} KB gzip)"
        )

    result = measure_browser(site)
    print()
    print(f"first query on a fresh page (typed at {KEY_DELAY_MS} ms per key):")
    for item in result["first"]:
        vocab = any("cari/kata.txt" in url for url, _ in item["files"])
        print(
            f"  {item['query']!r:22} {item['bytes'] / 1024:6.1f} KB in {len(item['files'])} files,"
            f" results {item['ms']:.0f} ms after the last key ({item['shown']} shown)"
            f"{', vocabulary loaded' if vocab else ''}"
        )
    for item in result["first"]:
        kinds: dict[str, list[int]] = {}
        for url, n in item["files"]:
            kinds.setdefault(kind(url), []).append(n)
        print(
            f"    {item['query']!r:20} "
            + ", ".join(
                f"{k} {sum(v) / 1024:.1f} KB" + (f" ({len(v)})" if len(v) > 1 else "")
                for k, v in sorted(kinds.items(), key=lambda kv: -sum(kv[1]))
            )
        )
    ms_later = [x["ms"] for x in result["later"]]
    print()
    print(
        f"later queries ({len(ms_later)}): results after the last key, median "
        f"{statistics.median(ms_later):.0f} ms, worst {max(ms_later):.0f} ms"
    )
    for x in result["later"]:
        print(f"  {x['query']!r:24} {x['ms']:5.0f} ms ({x['shown']} shown)")
    plain = [x for x in result["first"] if x["query"] != "kepemimpnan"]
    first_bytes = max(x["bytes"] for x in plain)
    worst = max([x["ms"] for x in result["first"]] + ms_later)
    print()
    print(
        f"first-query bytes (worst, correctly spelled): {first_bytes / 1024:.1f} KB   (must be <= 150 KB)"
    )
    print(
        f"latency after the last keystroke (worst):     {worst:.0f} ms   (must be <= {LATENCY_MAX_MS} ms)"
    )
    ok &= first_bytes <= BYTES_MAX and worst <= LATENCY_MAX_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
