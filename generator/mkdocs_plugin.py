"""The only module that talks to MkDocs.

The section pages (the nav) go through MkDocs' own page loop: the plugin adds
them with `File.generated` (nothing is written to a docs folder), gives
Material escaped titles and descriptions, and swaps each body for the HTML our
autoescaped templates render. The many record pages are rendered after that
with the same theme environment and context, stamped from a shell per section
folder and depth, in forked workers (see `_Shells`). Data files (calendars,
feed, open data, schemas) are written here too, and the sitemap.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import gzip
import hashlib
import io
import logging
import multiprocessing
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

from generator.catalog import Catalog
from generator.exports import file_items
from generator.exports.ics import EventMap, module_calendars, module_ics_url, offering_events
from generator.pagecache import (
    PageCache,
    PartWriter,
    Traced,
    link_or_copy,
    mentions,
    stat_entry,
    write_atomically,
)
from generator.pages import SECTIONS, Page, plan
from generator.pools import fork_pool
from generator.problems import CurriculumError
from generator.progress import NULL, Progress, number_id
from generator.render import environment, render_page, use_bytecode_cache

log = logging.getLogger("mkdocs.plugins.kurikulum")

ASSETS = Path(__file__).parent / "assets"
# Published under names that carry a digest of their bytes ("kurikulum.<8 hex>.css"):
# a server may let browsers keep them for a year (docs/panduan-hosting.md), so a
# phone on a slow network does not ask again for them on every page, and a new
# version is a new name. (search.js loads stem.js by the name kk-search.html gives it.)


@functools.cache
def asset_uri(name: str) -> str:
    """The published address of generator/assets/`name`, under assets/kurikulum/."""
    path = ASSETS / name
    digest = hashlib.blake2b(path.read_bytes(), digest_size=4).hexdigest()
    return f"assets/kurikulum/{Path(name).with_suffix(f'.{digest}{path.suffix}').as_posix()}"


_active: Catalog | None = None
pages_written = 0  # by the last build, for its summary line
_progress: Progress = NULL
_page_cache: PageCache | None = None
# Called between the long steps of a build: the preview makes it raise when a newer
# edit makes the build pointless (see `generator.serve`).
checkpoint: Any = None
# Called with the site folder once every HTML page is written: `kurikulum build`
# starts indexing search then, while this process writes the data files.
pages_done: Any = None
# The last build's theme state, catalog and page-cache entries: the preview renders
# the pages an edit touches with them before it builds the rest.
last_render: tuple | None = None
pages_reused = 0  # by the last build: record pages taken from the previous one
# Set in a process that exits after one build (`kurikulum build`'s render process):
# what it froze for the workers stays frozen (see `generator.build.one_shot`).
keep_frozen = False
# Set by `kurikulum build` when it writes into the site the build before it replaced
# (`generator.build._take_standby`) instead of an empty folder: see `clear_standby`.
standby = False
BULK_PER_WORKER = 400  # pages a worker must have before forking pays
PAGES_PER_SHARE = 3000  # pages a worker renders before a fresh one takes over


@contextlib.contextmanager
def using(
    catalog: Catalog, progress: Progress = NULL, page_cache: PageCache | None = None
) -> Iterator[None]:
    """Hand an already checked catalog (a progress reporter, and the pages of the last
    build that may be reused) to the plugin for one build."""
    global _active, _progress, _page_cache
    _active, _progress, _page_cache = catalog, progress, page_cache
    try:
        yield
    finally:
        _active, _progress, _page_cache = None, NULL, None
        progress.end()


def _cache_folder() -> Path | None:
    return _page_cache.folder if _page_cache is not None else None


class KurikulumConfig(Config):
    site_config = c.Type(str, default="site_config.yml")
    drafts = c.Type(bool, default=False)


def _meta(planned: Page) -> dict[str, Any]:
    """What Material reads from page.meta, all of it escaped Markup."""
    meta: dict[str, Any] = {
        "title": Markup(escape(planned.title)),
        "description": Markup(escape(planned.description)),
        "hide": ["toc"],
    }
    if planned.jsonld:
        # htmlsafe_json_dumps escapes <, >, & and ': no </script> breakout.
        # (Markup + Markup: a plain str on the left of Markup would be escaped.)
        meta["kk_head"] = (
            Markup('<script type="application/ld+json">')
            + htmlsafe_json_dumps(planned.jsonld, sort_keys=True, ensure_ascii=False)
            + Markup("</script>")
        )
    return meta


def _content(planned: Page, traced: Traced | None = None) -> str:
    context = {**planned.context, "page": planned, "page_url": planned.url}
    if traced is not None and "catalog" in context:
        context["catalog"] = traced  # the page cache writes down what is asked of it
    return render_page(planned.template, context)


class KurikulumPlugin(BasePlugin[KurikulumConfig]):
    """Section pages go through MkDocs' own page loop (they are the nav); the many
    record pages are rendered by `_render_bulk` with the same theme environment
    and context, in worker processes, because MkDocs renders one page at a time."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.pages: dict[str, Page] = {}
        self.nav_uris: set[str] = set()
        self._env: Any = None
        self._nav: Any = None
        self._files: Files | None = None

    def on_config(self, config: Any) -> Any:
        if _active is not None:
            self.catalog = _active
        else:  # MkDocs run on its own with this plugin: read the curriculum here
            path = Path(self.config.site_config)
            try:
                self.catalog = Catalog.from_folder(
                    config_path=path, include_drafts=self.config.drafts
                )
            except CurriculumError as exc:
                for problem in exc.problems:
                    log.error(problem.format())
                raise PluginError(f"{exc}: perbaiki dulu, lalu bangun lagi.") from None
        # Our templates render the section pages before MkDocs makes the theme's
        # environment (`on_env`); both keep their compiled code beside the page cache.
        use_bytecode_cache(environment(), _cache_folder(), "pages")
        _progress.begin("Merencanakan halaman")
        self.pages = {p.src_uri: p for p in plan(self.catalog)}
        if keep_frozen:
            gc.freeze()
        if checkpoint is not None:
            checkpoint()
        self.nav_uris = {f"{url}index.md" for url, _ in SECTIONS}
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        out = Files([f for f in files if not f.src_uri.endswith(".md")])
        for src_uri in self.pages:
            if src_uri in self.nav_uris:
                out.append(File.generated(config, src_uri, content=""))
        _progress.begin("MkDocs: halaman bagian dan aset tema")
        if standby:
            modules = self.catalog.modules.values()
            keep = {
                f"{p.url}index.html" for uri, p in self.pages.items() if uri not in self.nav_uris
            }
            keep.update(module_ics_url(m) for m in modules)
            clear_standby(Path(config.site_dir), keep)
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file():
                uri = asset_uri(asset.relative_to(ASSETS).as_posix())
                out.append(File.generated(config, uri, abs_src_path=str(asset)))
        return out

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        self._nav, self._files = nav, files
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        self._env = env
        env.globals["kk_asset"] = asset_uri
        use_bytecode_cache(env, _cache_folder(), "theme")
        return env

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            page.meta.update(_meta(planned))
        return ""

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        return html if planned is None else _content(planned)

    def on_post_template(self, output: str, *, template_name: str, config: Any) -> str:
        if template_name != "404.html":
            return output
        tops = {url.partition("/")[0] for url in (p.url for p in self.pages.values()) if url}
        return relocatable_404(output, config.site_url, tops | {"assets", "data", "cari"})

    def on_post_build(self, *, config: Any) -> None:
        if checkpoint is not None:
            checkpoint()
        bulk = [p for uri, p in self.pages.items() if uri not in self.nav_uris]
        modules = list(self.catalog.modules.values())
        _progress.begin(
            f"Membangun {number_id(len(bulk))} halaman rekaman dan "
            f"{number_id(len(modules))} kalender modul"
        )
        cache = _page_cache
        events, reused, parts = _render_bulk(
            bulk, modules, self.catalog, config, self._env, self._nav, self._files, cache
        )
        global pages_reused, last_render
        pages_reused = reused
        _progress.end()
        if cache is not None:
            _progress.note(
                f"{number_id(reused)} dari {number_id(len(bulk))} halaman rekaman tidak berubah "
                "sejak pembangunan "
                "sebelumnya dan dipakai lagi"
            )
        if checkpoint is not None:
            checkpoint()
        site_dir = Path(config.site_dir)
        if pages_done is not None:
            pages_done(site_dir)
        _progress.begin("Menulis kalender gabungan, umpan dan berkas data")
        if keep_frozen:
            gc.freeze()  # the events just gathered live until the process ends
        written = set()
        data_cache = None
        if cache is not None:  # the fragments of the data files, beside the page cache
            from generator.datacache import DataCache

            data_cache = DataCache.open(cache.folder, cache.out, self.catalog)
        for path, content in file_items(
            self.catalog, events, module_calendars=False, cache=data_cache
        ):
            _write_file(site_dir, path, content)
            written.add(path)
        del events
        written |= _write_sitemap(list(self.pages.values()), config)
        if cache is not None:
            if cache.out == site_dir.resolve():  # the preview: remove what is gone
                _remove_stale(
                    site_dir,
                    cache,
                    {p.url for p in bulk},
                    {m.key for m in modules},
                    written,
                )
            cache.save_pending(parts, tuple(sorted(written)))
        # The preview's quick pass finds the pages that mention an edited record.
        entries = cache.pending_entries() if cache and cache.out == site_dir.resolve() else {}
        last_render = (config, self._env, self._nav, self._files, self.catalog, entries)
        global pages_written
        pages_written = len(self.pages)
        _progress.end()


_SENTINELS = {
    "title": "\x00kk-title\x00",
    "description": "\x00kk-description\x00",
    "head": "\x00kk-head\x00",
    "content": "\x00kk-content\x00",
    "url": "\x00kk-url\x00",
}
_SPLIT = re.compile("(" + "|".join(re.escape(v) for v in _SENTINELS.values()) + ")")
_NAMES = {v: k for k, v in _SENTINELS.items()}


def _theme_page(
    planned: Page | None,
    config: Any,
    env: Any,
    nav: Any,
    doc_pages: list,
    *,
    url: str = "",
    traced: Traced | None = None,
) -> str:
    """One page through the theme's main.html, as MkDocs' own page loop renders it.

    With `planned=None` it renders a shell for pages `url` deep whose title,
    description, head, content and canonical URL are sentinels (see `_Shells`).
    """
    src_uri = (planned.url if planned else url) + "index.md"
    page = MkPage(None, File.generated(config, src_uri, content=""), config)
    page.markdown = ""
    page.toc = get_toc([])
    page.update_date = ""
    if planned is not None:
        page.meta = _meta(planned)
        page.content = _content(planned, traced)
    else:
        page.meta = {
            "title": Markup(_SENTINELS["title"]),
            "description": Markup(_SENTINELS["description"]),
            "hide": ["toc"],
            "kk_head": Markup(_SENTINELS["head"]),
        }
        page.content = _SENTINELS["content"]
        if config.site_url:
            page.canonical_url = config.site_url + _SENTINELS["url"]
    context = get_context(nav, doc_pages, config, page)
    return env.get_template("main.html").render(context)


class _Shells:
    """The theme's page around our content, rendered once per URL depth.

    Material's main.html costs about 6 ms a page and, for pages outside the nav,
    differs between them only in title, description, head extras, content,
    canonical URL and how deep the page sits (relative links). So each depth is
    rendered once per section folder and depth with sentinels in those places, and
    every page is stamped
    from it. A test renders pages both ways and compares the bytes.
    """

    def __init__(self, config: Any, env: Any, nav: Any, doc_pages: list):
        self.args = (config, env, nav, doc_pages)
        self.shells: dict[tuple[str, int], list[str]] = {}

    def shell(self, url: str) -> list[str]:
        # Nav links are made relative to the page: what decides them is the depth and
        # whether the page sits in a nav section's folder, i.e. its first segment.
        head, _, rest = url.partition("/")
        key = (head, url.count("/"))
        if key not in self.shells:
            dummy = head + "/" + "".join(f"kk{i}/" for i in range(key[1] - 1)) if head else ""
            html = _theme_page(None, *self.args, url=dummy)
            self.shells[key] = _SPLIT.split(html)
        return self.shells[key]

    def render(self, planned: Page, traced: Traced | None = None) -> str:
        if not planned.description:
            # Material falls back to the site description: not a plain substitution.
            return _theme_page(planned, *self.args, traced=traced)
        meta = _meta(planned)
        values = {
            "title": str(meta["title"]),
            "description": str(meta["description"]),
            "head": str(meta.get("kk_head", "")),
            "content": _content(planned, traced),
            "url": str(escape(planned.url)),
        }
        parts = self.shell(planned.url)
        return "".join(values[_NAMES[p]] if p in _NAMES else p for p in parts)


def clear_standby(site_dir: Path, keep: set[str]) -> None:
    """Empty the kept site of an earlier build (`site_dir`) but for the files at the
    site-relative paths `keep`, this build's record pages and module calendars.

    Those are the files a build may take unchanged from the published site: a kept
    one that is the same file (a hard link to it) stays, anything else is replaced
    (`_place`). What MkDocs, the data files and the search index write is written
    afresh, into an empty place: so nothing this build does not write survives,
    and MkDocs' `dirty` build, which skips a theme asset whose copy is newer than
    its source, copies every one.
    """
    root = os.fspath(site_dir)
    cut = len(os.path.join(root, ""))
    folders = [root]
    empty_candidates: list[str] = []
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    empty_candidates.append(entry.path)
                elif entry.path[cut:].replace(os.sep, "/") not in keep:
                    os.unlink(entry.path)
    for folder in reversed(empty_candidates):  # the deepest first
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # only when empty


def _place(source: Path, target: Path, known: tuple[int, int, int]) -> tuple[int, int, int]:
    """`target` becomes the published file `source` (a hard link, else a copy), left
    as it is when it already is that file; its (size, mtime, inode) for the page
    cache. `known`: the same of `source`, as the page cache found it just now (the
    kept site and the published one are on one file system: the build writes the
    new site beside the output, or in it)."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        pass
    else:
        if st.st_ino == known[2]:
            return known
        os.unlink(target)
    link_or_copy(source, target)
    linked = os.stat(target)
    return linked.st_size, linked.st_mtime_ns, linked.st_ino


def _replace_file(target: Path, content: bytes) -> None:
    """Write `content` as a new file at `target`. An existing file there is replaced
    in one step (`write_atomically`), never written into: in a kept site it may be a
    hard link to a published file, and in the preview's site a reader may be
    fetching it."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        write_atomically(target, content)
        return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with open(fd, "wb") as file:
        file.write(content)


def _write_page(
    planned: Page,
    shells: _Shells,
    site_dir: Path,
    cache: PageCache | None = None,
    in_place: bool = False,
) -> tuple[tuple | None, bool]:
    """Write one record page: (its page-cache entry or None, whether it was reused).

    `in_place` (the preview): the site being built is the one published, so a
    reused page is already there and a new one replaces the old in one step.
    """
    target = site_dir / planned.url / "index.html"
    if cache is None:
        _replace_file(target, shells.render(planned).encode("utf-8", errors="xmlcharrefreplace"))
        return None, False
    seen: set = set()
    fp = cache.fingerprint(planned, seen)
    hit = cache.reusable_page(planned.url, fp)
    if hit is not None:
        source, entry = hit
        placed = tuple(entry[-3:]) if in_place else _place(source, target, tuple(entry[-3:]))
        return (fp, entry[1], entry[2], *placed), True
    traced = Traced(cache.tokens.catalog)
    html = shells.render(planned, traced).encode("utf-8", errors="xmlcharrefreplace")
    _replace_file(target, html)
    trace = cache.trace(traced, seen) if fp is not None else None
    if trace is None:
        return None, False
    return (fp, trace, mentions(seen), *stat_entry(target)), False


def _write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for path, content in files.items():
        _write_file(site_dir, path, content)


def _write_file(site_dir: Path, path: str, content: bytes) -> None:
    _replace_file(site_dir / path, content)


# Chooses the 404 page's base: the site's root, wherever the server put the site.
# The page is shown at the missing address, at any depth: its links start from
# `<base>`, the path of `url` (the server root without it) unless the address
# shows another root, i.e. a folder of the site (modul/, jadwal/...) below it.
_ROOT_SCRIPT = """<script>(function () {
  var base = document.querySelector("base"), known = %s;
  var said = base.getAttribute("href"), path = location.pathname;
  var parts = path.split("/"), at = path.indexOf(said) === 0;
  var next = at ? said.split("/").length - 1 : -1;
  // Links to a part of this page ("#kk-isi") would go to the base's page.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('a[href^="#"]').forEach(function (a) {
      a.setAttribute("href", path + location.search + a.getAttribute("href"));
    });
  });
  if (at && known.indexOf(parts[next]) >= 0) return;
  for (var i = 1; i < parts.length; i++) {
    if (known.indexOf(parts[i]) >= 0) {
      base.href = parts.slice(0, i).join("/") + "/";
      return;
    }
  }
})();</script>"""
_ROOTED = re.compile(r"""(\s(?:href|src|action)=)(["'])(/[^"']*)""")


def relocatable_404(html: str, site_url: str | None, tops: set[str]) -> str:
    """The 404 page with its links relative to a `<base>` set from the address shown.

    MkDocs writes them from the site root (the path of `url`, "/" without it),
    which breaks the page where the site is served under another path (a test
    server, a sub-folder): unstyled, its links to the wrong place. Now they are
    relative to `<base href>`, the same root when scripts are off; with scripts
    on, an address inside one of the site's folders (`/lain/modul/x/`) gives the
    root before it (`/lain/`).
    """
    from urllib.parse import urlsplit

    root = urlsplit(site_url or "/").path or "/"
    if not root.endswith("/"):
        root += "/"

    def relative(match: re.Match) -> str:
        path = match[3]
        if not path.startswith(root) or path.startswith("//"):
            return match[0]
        return f"{match[1]}{match[2]}{path[len(root) :]}"

    html = _ROOTED.sub(relative, html)
    known = htmlsafe_json_dumps(sorted(tops))
    head = f'<base href="{escape(root)}">' + _ROOT_SCRIPT % known
    return html.replace("<head>", "<head>\n    " + head, 1)


_bulk_state: tuple | None = None


def _bulk_slice(index: int, step: int) -> tuple[int, EventMap, int]:
    """One worker's share: every `step`-th page and module, from `index` on.

    Returns the pages written, the calendar events and how many pages were
    reused. The page-cache entries of its pages and module calendars go to
    its part file (`PageCache.part_path(index)`) as it goes.
    """
    pages, modules, catalog, shells, site_dir, cache = _bulk_state  # inherited through fork
    pages, mine = pages[index::step], modules[index::step]
    if cache is None:
        for planned in pages:
            _write_page(planned, shells, site_dir)
        events = offering_events(catalog, mine)
        _write_files(site_dir, module_calendars(catalog, mine, events))
        return len(pages), events, 0
    in_place = cache.out == site_dir.resolve()
    count = reused = 0
    part = PartWriter(cache.part_path(index))
    try:
        for planned in pages:
            entry, hit = _write_page(planned, shells, site_dir, cache, in_place)
            # A page that cannot be fingerprinted is still listed (never reused): the
            # preview removes listed pages that are gone.
            part.page(planned.url, entry or (b"", (), frozenset(), -1, -1, -1))
            reused += hit
            count += 1
        events, calendar_entries = _module_calendars_cached(
            catalog, mine, site_dir, cache, in_place
        )
        part.calendars(calendar_entries)
    finally:
        part.close()
    return count, events, reused


def _module_calendars_cached(
    catalog: Catalog, modules: list, site_dir: Path, cache: PageCache, in_place: bool = False
) -> tuple[EventMap, dict[str, tuple]]:
    """Module calendars, reusing those whose module and partner are unchanged."""
    events: EventMap = {}
    entries: dict[str, tuple] = {}
    todo: list[tuple[Any, bytes | None]] = []
    for module in modules:
        key = cache.calendar_key(module, catalog.partner(module))
        path = module_ics_url(module)
        hit = cache.reusable_calendar(module.key, key, path)
        if hit is None:
            todo.append((module, key))
            continue
        source, entry = hit
        known = _calendar_events(source, entry[1])
        if known is None:  # not the file that was written: make it again
            todo.append((module, key))
            continue
        placed = tuple(entry[-3:])
        if not in_place:
            placed = _place(source, site_dir / path, placed)
        events.update(known)
        entries[module.key] = (key, entry[1], *placed)
    fresh = offering_events(catalog, [m for m, _ in todo])
    _write_files(site_dir, module_calendars(catalog, [m for m, _ in todo], fresh))
    events.update(fresh)
    for module, key in todo:
        if key is not None:
            path = site_dir / module_ics_url(module)
            counts = tuple(
                ((module.key, o.id), len(fresh.get((module.key, o.id), ())))
                for o in module.offerings
            )
            entries[module.key] = (key, counts, *stat_entry(path))
    return events, entries


_BEGIN, _END = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"


def _calendar_events(path: Path, counts: tuple) -> EventMap | None:
    """The events of a module calendar written before, by offering, read back from
    the file (`counts`: how many each offering had); None if they do not fit.

    The events follow each other between the calendar's header and its end: split
    at each END:VEVENT (a non-greedy regular expression over every file took five
    times as long, 1.3 s for the 10,000 calendars of a rebuild).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    first, last = data.find(_BEGIN), data.rfind(_END)
    if first < 0:
        found = []
    else:
        found = [event + _END for event in data[first:last].split(_END)]
        if last < first or not all(event.startswith(_BEGIN) for event in found):
            return None
    if len(found) != sum(n for _, n in counts):
        return None
    events: EventMap = {}
    at = 0
    for event_key, n in counts:
        events[event_key] = found[at : at + n]
        at += n
    return events


def _render_bulk(
    pages: list[Page],
    modules: list,
    catalog: Catalog,
    config: Any,
    env: Any,
    nav: Any,
    files: Files,
    cache: PageCache | None = None,
) -> tuple[EventMap, int, list[Path]]:
    """Render pages in the theme and write module calendars, in forked workers when it
    pays; returns the serialized calendar events for the combined calendars, how
    many pages the page cache gave, and the workers' files of page-cache entries."""
    global _bulk_state
    shells = _Shells(config, env, nav, files.documentation_pages())
    site_dir = Path(config.site_dir)
    for planned in pages:
        shells.shell(planned.url)  # before forking, so that workers share them
    _bulk_state = (pages, modules, catalog, shells, site_dir, cache)
    workers = min(os.cpu_count() or 1, max(1, len(pages) // BULK_PER_WORKER))
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            results = [_bulk_slice(0, 1)]
        else:
            # The workers share the catalog with this process copy-on-write: frozen,
            # its objects are left alone by the workers' garbage collector, which
            # would otherwise write to (and so copy) every page holding one.
            gc.freeze()
            try:
                # Each share in a fresh worker: what a worker allocates while it
                # renders (and its copies of the catalog's pages) is given back
                # after a share instead of growing until the end.
                shares = workers * max(1, len(pages) // PAGES_PER_SHARE)
                with fork_pool(workers, maxtasksperchild=1) as pool:
                    results = pool.starmap(
                        _bulk_slice, [(i, shares) for i in range(shares)], chunksize=1
                    )
            finally:
                if not keep_frozen:
                    gc.unfreeze()
    finally:
        _bulk_state = None
    if sum(r[0] for r in results) != len(pages):  # pragma: no cover - a worker died
        raise PluginError("sebagian halaman gagal dibangun")
    events: EventMap = {}
    for _, part, _ in results:
        events.update(part)
    parts = [cache.part_path(i) for i in range(len(results))] if cache is not None else []
    return events, sum(r[2] for r in results), parts


def _remove_stale(
    site_dir: Path, cache: PageCache, urls: set[str], module_keys: set[str], data: set[str]
) -> None:
    """Files of the last build that this one no longer has (a preview builds in place)."""
    stale = [f"{url}index.html" for url in cache.old_pages.keys() - urls]
    stale += [f"modul/{key}/jadwal.ics" for key in cache.old_calendars.keys() - module_keys]
    stale += [path for path in cache.old_data if path not in data]
    for path in stale:
        target = site_dir / path
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


# The sitemap protocol's limits for one file: 50,000 URLs and 50 MiB uncompressed.
SITEMAP_URLS = 50_000
SITEMAP_BYTES = 50 * 1024 * 1024


def sitemap_files(
    urls: list[str], base: str, *, limit: int = SITEMAP_URLS, max_bytes: int = SITEMAP_BYTES
) -> dict[str, bytes]:
    """sitemap.xml of every page URL (site-relative), each with its gzip (no timestamp).

    A catalog of tens of thousands of modules has more pages than one sitemap may
    list (search engines ignore the rest): then sitemap.xml is a sitemap index of
    sitemap-1.xml, sitemap-2.xml, ..., each within the protocol's limits.
    """

    def xml(root: str, body: list[str]) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(body)
            + f"</{root}>\n"
        ).encode("utf-8")

    room = max_bytes - len(xml("urlset", []))
    chunks: list[list[str]] = [[]]
    size = 0
    for url in sorted(urls):
        entry = f"<url><loc>{escape(base + url)}</loc></url>\n"
        length = len(entry.encode("utf-8"))
        if chunks[-1] and (len(chunks[-1]) >= limit or size + length > room):
            chunks.append([])
            size = 0
        chunks[-1].append(entry)
        size += length
    if len(chunks) == 1:
        files = {"sitemap.xml": xml("urlset", chunks[0])}
    else:
        files = {f"sitemap-{n}.xml": xml("urlset", chunk) for n, chunk in enumerate(chunks, 1)}
        index = [f"<sitemap><loc>{escape(base + name)}</loc></sitemap>\n" for name in files]
        files["sitemap.xml"] = xml("sitemapindex", index)
    for name in list(files):
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", filename="", mtime=0) as gz:
            gz.write(files[name])
        files[name + ".gz"] = buf.getvalue()
    return files


def _write_sitemap(pages: list[Page], config: Any) -> set[str]:
    """The sitemap files of every page (`sitemap_files`); returns the files written."""
    if not config.site_url:
        return set()  # a sitemap needs absolute URLs: only with `url` in site_config.yml
    site = Path(config.site_dir)
    files = sitemap_files([p.url for p in pages], config.site_url)
    for name, data in files.items():
        _replace_file(site / name, data)
    return set(files)
