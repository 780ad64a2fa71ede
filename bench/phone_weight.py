"""What the portal's pages cost a phone: bytes over the wire, requests, layout shift.

Builds nothing: give it a built site (`kurikulum build` first). It serves the
folder on a loopback port, gzip-compressing text as a web server would
(nginx `gzip on` for HTML, CSS, JavaScript, JSON, SVG), opens each page in
headless Debian Chromium at 360x640 with a fresh cache and prints, per page:

- kB: the bytes transferred (gzip where the server compresses), all requests
  up to network idle, and of those the HTML alone;
- req: the number of requests (the page, its styles, scripts, images, data);
- blocking: stylesheets and scripts that hold up the first paint or the parser
  (a script without defer/async/module anywhere, a stylesheet for every media);
- CLS: cumulative layout shift after load and network idle (PerformanceObserver
  'layout-shift', buffered; shifts right after input do not count);
- DOM: the number of elements.

With --slow-js MS every script is answered MS ms late, as on a slow network:
the page is drawn before its scripts run, and what they change then shows as
layout shift.

Figures are printed, never asserted (tests/test_phone_weight.py holds the
budgets). Usage:

    python bench/phone_weight.py --site site
    python bench/phone_weight.py --site site --page modul/ --page jadwal/ --json

Chromium comes from the Debian package (/usr/bin/chromium); `playwright install`
is never run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_eval import serve  # noqa: E402 - the same gzip server as the search bench

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
PHONE = {"width": 360, "height": 640}


def default_pages(site: Path) -> list[str]:
    """Home, the module list, the biggest module page, schedule, internships, planner, search."""
    modules = sorted(
        (p for p in site.glob("modul/*/*/index.html") if "halaman" not in p.parts),
        key=lambda p: (-p.stat().st_size, p.as_posix()),
    )
    module = [modules[0].parent.relative_to(site).as_posix() + "/"] if modules else []
    return ["", "modul/", *module, "jadwal/", "magang/", "rencana/", "cari/?q=pelayanan"]


# Installed before any script of the page: layout shifts and long tasks, buffered.
OBSERVE = """
window.__kkShifts = [];
window.__kkLong = [];
try {
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__kkShifts.push(e); })
    .observe({type: 'layout-shift', buffered: true});
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__kkLong.push(e.duration); })
    .observe({type: 'longtask', buffered: true});
} catch (e) {}
"""

FIGURES = """() => {
  const cls = window.__kkShifts.filter(e => !e.hadRecentInput).reduce((s, e) => s + e.value, 0);
  const sources = window.__kkShifts.filter(e => !e.hadRecentInput && e.value > 0.001).map(e => ({
    value: Math.round(e.value * 10000) / 10000,
    nodes: (e.sources || []).map(s => s.node ? (s.node.nodeName + (s.node.className ? '.' +
      String(s.node.className).split(' ')[0] : '')) : '?'),
  }));
  const blocking = [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
    .filter(e => e.closest('noscript') === null)
    .filter(e => e.tagName === 'SCRIPT'
      ? !(e.defer || e.async || e.type === 'module')
      : !e.media || e.media === 'all' || matchMedia(e.media).matches)
    .map(e => (e.getAttribute('src') || e.getAttribute('href')).split('/').pop());
  return {
    cls, sources, blocking,
    dom: document.getElementsByTagName('*').length,
    longtasks: window.__kkLong.length,
    longest: Math.round(Math.max(0, ...window.__kkLong)),
  };
}"""


def measure(browser, url: str) -> dict:
    """One page, fresh context (nothing cached): its transfers, CLS, DOM size."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.add_init_script(OBSERVE)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    types: dict[str, str] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    figures = page.evaluate(FIGURES)
    context.close()
    # data: URLs (an inline icon) cost no request.
    sizes = {r: n for r, n in sizes.items() if not urls.get(r, "").startswith("data:")}
    by_type: dict[str, int] = {}
    for rid, size in sizes.items():
        kind = types.get(rid, "Other")
        by_type[kind] = by_type.get(kind, 0) + size
    return {
        **figures,
        "requests": len(sizes),
        "bytes": sum(sizes.values()),
        "html": by_type.get("Document", 0),
        "by_type": by_type,
        "files": sorted((urls.get(r, "?").rsplit("/", 1)[-1] or "/", s) for r, s in sizes.items()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site folder")
    parser.add_argument("--page", action="append", help="a site-relative page (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--files", action="store_true", help="list each page's requests too")
    parser.add_argument(
        "--slow-js",
        type=int,
        default=0,
        metavar="MS",
        help="answer every script MS milliseconds late (layout shift when scripts arrive late)",
    )
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        parser.error(f"{site} is not a built site (no index.html): run `kurikulum build` first")
    from playwright.sync_api import sync_playwright

    pages = args.page or default_pages(site)
    results: dict[str, dict] = {}
    with serve(site, script_delay=args.slow_js / 1000) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for rel in pages:
                results[rel or "/"] = measure(browser, base + rel)
        finally:
            browser.close()
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 0
    print(f"{'page':40} {'kB':>7} {'html kB':>7} {'req':>4} {'CLS':>6} {'DOM':>5}  blocking")
    for rel, r in results.items():
        print(
            f"{rel[:40]:40} {r['bytes'] / 1000:7.1f} {r['html'] / 1000:7.1f} {r['requests']:4d}"
            f" {r['cls']:6.3f} {r['dom']:5d}  {', '.join(r['blocking'])}"
        )
        for src in r["sources"]:
            print(f"{'':40}   shift {src['value']}: {', '.join(src['nodes'])}")
        if args.files:
            for name, size in r["files"]:
                print(f"{'':44}{size / 1000:7.1f}  {name}")
    total = sum(r["bytes"] for r in results.values())
    print(f"{'total':40} {total / 1000:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
