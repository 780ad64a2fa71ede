"""`kurikulum serve`: a live preview that shows an edit in about a second, at any size.

The preview builds the site once into a temporary folder, serves it, and
watches the curriculum, site_config.yml and the templates. After a change:

1. Quick pass, when only existing record files changed and they still check
   clean: the changed records are read again, the cross-record rules run on
   the catalog in memory, and the pages that show those records (known from
   the page cache: each page lists the records it mentions) are rendered and
   replaced, each in one step. Open browser tabs whose page changed reload.
2. Full pass, always: the whole curriculum is checked as `kurikulum build`
   checks it and the site is rebuilt in place through MkDocs with the page
   cache, so only pages whose inputs changed are rendered again (lists,
   schedules, data files included) and pages that are gone are removed (also
   those the page cache cannot list: see `Preview._sweep`). Tabs reload again
   where their page changed. Problems are printed and shown in a box on every
   open page; the preview keeps the last version that checked clean.

The server is the standard library's; each HTML page gets a small script that
shows the current problems at once and waits for the next change (a long-polling
request) to reload. The open tabs of one browser share that request (one tab
holds a Web Lock and tells the others over a BroadcastChannel): a browser opens
at most six connections to one server, and six tabs each waiting would leave a
seventh unable to load. After a pass, a tab asks for its page's digest and reloads
only if it changed. The search index is rebuilt at the end of each full pass.

Where file-system events never come (a network drive, Windows' drives under
WSL), the loop notices changes that no event announced and polls instead.

A curriculum that does not check clean at start still gets a preview: every page
lists the problems until a save fixes them. The server serves files of the
preview's site only, binds its port before the first build (a port in use is
said at once, in Indonesian), and its work folder is removed on Ctrl+C, SIGTERM
or SIGHUP (a closed terminal); one left by a killed preview is removed by the next.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import ipaddress
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from generator.cache import default_dir
from generator.catalog import Catalog, build_today, check_curriculum
from generator.problems import Problem
from generator.progress import number_id, seconds_id

log = logging.getLogger("kurikulum.preview")

RELOAD_PATH = "/__kurikulum/tunggu"
POLL_SECONDS = 0.3  # how often the files are looked at without file-system events
RESCAN_SECONDS = 5.0  # with events: a full look now and then all the same
WAIT_SECONDS = 25  # a browser's request waits at most this long for a change
QUICK_LIMIT = 300  # pages the quick pass renders at most; more waits for the full pass
PACKAGE = Path(__file__).resolve().parent
WORK_PREFIX = "kurikulum-serve-"
LOCK_FILE = ".kunci"
_KINDS = ("modules", "programs", "internships", "forums")

_SCRIPT = """<script>
(function () {
  var state = %(state)s, run = state.run, shown = state.version, seen = state.event;
  var name = "kk-pratinjau", channel = null, reloading = false;
  function box(title, lines) {
    var old = document.getElementById("kk-pratinjau-galat");
    if (old) old.remove();
    if (!title) return;
    var div = document.createElement("div");
    div.id = "kk-pratinjau-galat";
    div.setAttribute("role", "alert");
    div.style.cssText = "position:fixed;z-index:9999;left:0;right:0;bottom:0;max-height:45vh;" +
      "overflow:auto;background:#fff4f4;color:#5c0b0b;border-top:3px solid #b00020;" +
      "padding:12px 16px;font:14px/1.5 system-ui,sans-serif";
    var strong = document.createElement("strong");
    strong.textContent = title;
    div.appendChild(strong);
    var list = document.createElement("ul");
    lines.slice(0, 50).forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      item.style.fontFamily = "monospace";
      list.appendChild(item);
    });
    if (lines.length > 50) {
      var more = document.createElement("li");
      more.textContent = "… dan " + (lines.length - 50) + " galat lagi (lihat terminal).";
      list.appendChild(more);
    }
    div.appendChild(list);
    (document.body || document.documentElement).appendChild(div);
  }
  function show(errors) {
    if (!errors.length) { box(null, []); return; }
    box((state.built ? "Pratinjau belum diperbarui: " : "Pratinjau belum dapat dibangun: ") +
      errors.length + " galat pada kurikulum. " + (state.built ?
        "Halaman ini versi terakhir yang lolos pemeriksaan." :
        "Perbaiki lalu simpan berkasnya; halaman ini memuat ulang sendiri."), errors);
  }
  function apply(d) {
    if (reloading || (d.run === run && d.event < seen)) return;  // older news than this page
    if (d.offline) {
      box("Server pratinjau tidak menjawab. Bila perintah kurikulum serve sudah " +
        "dihentikan, jalankan lagi; halaman ini memuat ulang sendiri setelah server kembali.", []);
      return;
    }
    if (d.run !== run) {
      reload();
      return;
    }
    if (d.event > seen) seen = d.event;
    show(d.errors);
    if (d.version > shown) {
      // The site changed: reload if this page did (most pages stay as they were).
      var version = d.version;
      fetch("%(path)s?h=" + encodeURIComponent(location.pathname), {cache: "no-store"})
        .then(function (r) { return r.json(); })
        .then(function (h) {
          if (h.run !== run || h.page !== state.page) reload();
          else if (version > shown) shown = version;
        }, function () {});
    }
  }
  function reload() {
    if (reloading) return;
    reloading = true;
    location.reload();
  }
  function ask(event) {
    return fetch("%(path)s?e=" + event, {cache: "no-store"}).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  function tell(d) {
    if (channel) channel.postMessage(d);
    apply(d);
  }
  function wait(done) {
    ask(seen).then(function (d) {
      tell(d);
      if (reloading) done(); else wait(done);
    }, function () {
      tell({offline: true});
      setTimeout(function () { wait(done); }, 1000);
    });
  }
  show(state.errors);
  try {
    channel = new BroadcastChannel(name);
    channel.onmessage = function (e) { apply(e.data); };
  } catch (e) {
    channel = null;
  }
  function look() {
    if (document.visibilityState === "visible") ask(-1).then(apply, function () {});
  }
  if (channel && navigator.locks && navigator.locks.request) {
    // One tab of this browser waits for the server and tells the others. What was
    // told while this page loaded did not reach it: one look now (answered at once).
    navigator.locks.request(name, function () { return new Promise(wait); });
    ask(-1).then(apply, function () {});
  } else {
    wait(function () {});
  }
  document.addEventListener("visibilitychange", look);
  window.addEventListener("pageshow", function (e) { if (e.persisted) look(); });
})();
</script>"""

# Every HTML address while no version of the site checked clean yet (the preview
# started with errors): the problems box says what to fix.
_WAITING_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pratinjau belum dapat dibangun</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:46rem;padding:0 1rem">
<h1>Pratinjau belum dapat dibangun</h1>
<p>Kurikulum atau pengaturannya masih bergalat, jadi belum ada versi yang lolos
pemeriksaan untuk ditampilkan. Galatnya tercantum di bawah dan di terminal.
Perbaiki lalu simpan berkasnya: halaman ini memuat ulang sendiri.</p>
</body></html>
"""


def _script_json(value: Any) -> str:
    """JSON that stays inside a `<script>` element whatever the text (an error message
    quotes what the editor typed, `</script>` included)."""
    text = json.dumps(value)  # ASCII: U+2028 and the like escaped too
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Superseded(Exception):
    """A newer edit arrived during a full pass: start again from it."""


class Preview:
    """The preview's state: the site folder, the last good catalog, what changed."""

    def __init__(
        self,
        config_path: Path,
        *,
        report: Callable[[list[Problem]], None] | None = None,
        say: Callable[[str], None] | None = None,
    ):
        self.config_path = Path(config_path).resolve()
        self.root = self.config_path.parent
        _remove_abandoned()
        # A stop (Ctrl+C, SIGTERM, SIGHUP) between making the work folder and keeping
        # its name would leave it behind: the signals wait until the name is kept and
        # the lock held, and a stop before the preview is whole removes the folder.
        with _signals_held():
            self.work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX))
            try:
                # Held while this preview runs: a work folder whose lock is free was left
                # by a preview that was killed, and the next one removes it.
                self._lock = _hold_lock(self.work / LOCK_FILE)
            except BaseException:
                shutil.rmtree(self.work, ignore_errors=True)
                raise
        try:
            self.site = self.work / "site"
            self.docs = self.work / "docs"
            self.site.mkdir()
            self.docs.mkdir()
        except BaseException:
            shutil.rmtree(self.work, ignore_errors=True)
            raise
        self.cache_dir = default_dir(self.root) or self.work / "cache"  # records
        # The page cache's state of this preview's own site: gone with it.
        self.pages_dir = self.work / "cache"
        self.report = report or (lambda problems: None)
        self.say = say or (lambda text: None)
        self.catalog: Catalog | None = None
        self.loaded: Any = None
        self.curriculum: Path | None = None
        self.files: dict[str, tuple[int, int]] = {}
        self.version = 0  # of the site's content: browsers reload when it changes
        self.event = 0  # of anything they show (also the problems box)
        self.errors: list[str] = []
        self.problems: list[Problem] = []  # the errors behind `errors`
        # This run of the preview: a tab of an earlier one (same address) reloads.
        self.run_id = secrets.token_hex(6)
        self._watched: set[tuple[Path, bool]] = set()
        self._poke: Any = None
        # The site may hold pages the page cache does not list (see `_sweep`).
        self.unlisted = False
        self.events_missed = False  # file-system events proved unreliable: poll instead
        self._unannounced = 0  # changes found without an event
        self.changed = threading.Condition()
        self.stopping = False
        self.poked = threading.Event()  # a file-system event: something may have changed
        self.observer: Any = None

    # ------------------------------------------------------------------ building

    def start(self) -> None:
        """The first full build; raises CurriculumError when the curriculum has errors.

        The preview is usable all the same: its pages list the problems, and `run`
        builds the site as soon as a save makes it check clean.
        """
        from generator.problems import CurriculumError

        # List the files before reading them, and watch before building: an edit made
        # meanwhile is a difference from that list, seen as soon as the loop starts.
        self.curriculum = (self.root / "curriculum").resolve()  # until the settings say
        guessed = self.curriculum
        listed = self._scan()
        result = check_curriculum(config_path=self.config_path, cache_dir=self.cache_dir)
        self._follow(result)
        self.watch()
        self.files = listed if self.curriculum == guessed else self._scan()
        if result.errors or result.config is None or result.loaded is None:
            self._failed(result.problems)
            raise CurriculumError(result.problems)
        self._build(result)
        self._index()  # search works from the first page shown, not from the first edit

    def _follow(self, result: Any) -> None:
        """Look at the curriculum folder that site_config.yml names (when it can be read)."""
        if result.config is None:
            return
        self.curriculum = (self.root / result.config.curriculum).resolve()
        self._observe(self.curriculum, recursive=True)

    def _failed(self, problems: list[Problem]) -> None:
        """Show the errors in every open tab; the site stays as it was."""
        self.problems = [p for p in problems if p.is_error]
        self._publish([p.format() for p in self.problems], content=False)

    def state(self) -> dict[str, Any]:
        """What a page's script compares with what it shows."""
        with self.changed:
            return {
                "run": self.run_id,
                "version": self.version,
                "event": self.event,
                "errors": list(self.errors),
                "built": self.catalog is not None,
            }

    def _build(self, result: Any) -> None:
        """A full pass over a checked curriculum: MkDocs with the page cache, in place."""
        from mkdocs.commands.build import build as mkdocs_build

        from generator import datacache, pagecache
        from generator.build import _quiet_mkdocs, load_mkdocs_config, mkdocs_settings
        from generator.mkdocs_plugin import using
        from generator.pagecache import PageCache

        catalog = Catalog(result.config, result.loaded, today=build_today(result.config))
        catalog.base_dir = self.root
        settings = mkdocs_settings(
            catalog,
            site_dir=self.site,
            docs_dir=self.docs,
            config_path=self.config_path,
            drafts=True,
        )
        mk_config = load_mkdocs_config(settings, self.config_path)
        _quiet_mkdocs()
        page_cache = PageCache.open(
            self.pages_dir, self.site, catalog, self.config_path, drafts=True
        )
        from generator import mkdocs_plugin

        if not page_cache.old_pages:
            # The cache starts afresh (site_config.yml or the day changed): it cannot
            # tell which pages of the site are gone.
            self.unlisted = True
        mkdocs_plugin.checkpoint = self._checkpoint
        try:
            with using(catalog, page_cache=page_cache):
                mkdocs_build(mk_config, dirty=True)
        except BaseException:
            pagecache.discard(self.pages_dir, self.site)
            datacache.discard(self.pages_dir, self.site)
            self.unlisted = True  # the pages this pass wrote are in no committed state
            raise
        finally:
            mkdocs_plugin.checkpoint = None
        pagecache.commit(self.pages_dir, self.site)
        datacache.commit(self.pages_dir, self.site)
        self.catalog, self.loaded = catalog, result.loaded

    def _checkpoint(self) -> None:
        """Raise Superseded when files changed since the pass began (events only), or
        when the preview is stopping."""
        if self.stopping:
            raise Superseded
        if self.observer is not None and self.poked.is_set():
            self.poked.clear()
            if self._scan() != self.files:
                self.poked.set()  # for `wait_for_change`
                raise Superseded

    def full(self) -> bool:
        """Check everything and rebuild what changed; False (site unchanged) on errors.

        Raises Superseded when a newer edit makes finishing pointless.
        """
        # This pass reads everything as it is now: later changes are new ones.
        self.poked.clear()
        self.files = self._scan()
        result = check_curriculum(config_path=self.config_path, cache_dir=self.cache_dir)
        self._checkpoint()
        self._follow(result)
        if result.errors or result.config is None or result.loaded is None:
            if self._scan() != self.files:
                # A file changed while it was read: an editor that saves in steps (or
                # slowly) left it half written. Its next state is read instead of
                # reporting an "empty file" the editor never saved.
                raise Superseded
            self.report(result.problems)
            self._failed(result.problems)
            return False
        self._build(result)
        if self.unlisted:
            self._sweep()
            self.unlisted = False
        self._checkpoint()
        self._index()
        self.problems = []
        self._publish([], content=True)
        return True

    def _sweep(self) -> None:
        """Remove the pages of records that are gone which the page cache does not list:
        written by a pass that a newer edit cut short, or before a change of
        site_config.yml (or of the day), after which the cache starts afresh. Left,
        such a page stays online and in the search index."""
        from generator import mkdocs_plugin

        render = mkdocs_plugin.last_render
        if render is None or not render[5]:
            return
        config, files, entries = render[0], render[3], render[5]
        site = self.site.resolve()
        if Path(config.site_dir).resolve() != site:
            return
        pages = {_folder(url) for url in entries}
        pages |= {_folder(f.url) for f in files.documentation_pages()}
        emptied = []
        for folder, dirs, names in os.walk(site):
            relative = Path(folder).relative_to(site).as_posix()
            relative = "" if relative == "." else relative
            if relative == "":
                dirs[:] = [d for d in dirs if d != "assets"]  # the theme's files
            elif relative == "cari":
                dirs[:] = []  # the search index, rewritten by every pass
            if "index.html" not in names or relative in pages:
                continue
            for name in ("index.html", "jadwal.ics"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
            emptied.append(Path(folder))
        for folder in emptied:
            with contextlib.suppress(OSError):
                while folder != site and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent

    def _index(self) -> None:
        """Index the preview's site for search. Each page's parsed view is kept in the
        preview's own state folder, beside its page cache: only pages written since the
        last pass are parsed again, and the project's folder keeps the views of
        `kurikulum build`'s output (sharing one, each would make the other parse all)."""
        from generator.search import commit_docs, index_site

        stats = index_site(self.site, self.pages_dir, published=self.site)
        commit_docs(self.pages_dir, stats.pending)

    def quick(self, changed: set[str]) -> int:
        """Render first the pages that show the changed records; the number rendered
        (0: this change waits for the full pass).

        The cycle collector waits until it is done: a full collection of the
        preview's heap took 1.5 s at 10,000 modules (one quick pass in six hit
        one, 2.0 s instead of 0.7 s), more than the pass itself.
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._quick(changed)
        finally:
            if enabled:
                gc.enable()

    def _quick(self, changed: set[str]) -> int:
        from generator import load
        from generator.checks import run_checks
        from generator.mkdocs_plugin import _Shells, last_render
        from generator.pagecache import write_atomically
        from generator.pages import competency_pages, record_page

        catalog, loaded = self.catalog, self.loaded
        if catalog is None or loaded is None or last_render is None or not changed:
            return 0
        dictionary = self._dictionary(changed)
        tasks = [self._task(Path(path), catalog) for path in sorted(changed - dictionary)]
        if any(task is None for task in tasks):
            return 0  # site_config.yml, templates, new partners
        old_keys = {
            (task.kind, task.key) for task in tasks if task.key in getattr(catalog, task.kind)
        }
        # A removed file: its record leaves the catalog (a partner's folder waits).
        gone = {(t.kind, t.key) for t in tasks if not os.path.lexists(t.path)}
        if any(kind == "partners" for kind, _ in gone):
            return 0
        present = [task for task in tasks if (task.kind, task.key) not in gone]
        results = load._load_chunk(present, catalog.config.tz)
        fresh = dataclasses.replace(
            loaded, **{kind: dict(loaded.records(kind)) for kind in ("partners", *_KINDS)}
        )
        for task, _, record, _, problems in results:
            if record is None or any(p.is_error for p in problems):
                return 0  # the full pass reports it, with every other problem
            fresh.records(task.kind)[task.key] = record
        for kind, key in gone:
            del fresh.records(kind)[key]
        renamed: list[str] = []  # competencies whose name, type or description changed
        if dictionary:
            comps = load.Loaded(loaded.root)
            load._load_competencies(comps, Path(next(iter(dictionary))))
            if comps.no_dictionary or any(p.is_error for p in comps.problems):
                return 0
            if comps.competencies.keys() != loaded.competencies.keys():
                return 0  # one added or removed: references change, the full pass looks
            renamed = [
                c for c, comp in comps.competencies.items() if comp != loaded.competencies[c]
            ]
            fresh.competencies, fresh.competency_doc = comps.competencies, comps.competency_doc
        if any(p.is_error for p in run_checks(fresh)):
            return 0
        new = Catalog(catalog.config, fresh, today=catalog.today, previous=catalog)
        new.base_dir = catalog.base_dir
        keys = {(task.kind, task.key) for task in tasks}
        keys |= {("competencies", c) for c in renamed}
        config, env, nav, files, _, entries = last_render
        owners = _page_owners(new)
        wanted = [url for url, entry in entries.items() if url in owners and entry[2] & keys]
        wanted += [url for url, owner in owners.items() if owner in keys]
        # A new record is on no page of the last pass: it shows first on the pages of
        # the records it names (its partner's list, the modules a program holds).
        added = [key for key in keys - old_keys if key[0] != "competencies"]
        named = set().union(*(_named(new, *key) for key in added))
        wanted += [url for url, owner in owners.items() if owner in named]
        # A renamed competency: its own pages first, then as many of the record pages
        # that name it as the quick pass renders.
        pages = competency_pages(new, renamed) if renamed else []
        for url in dict.fromkeys(wanted):
            if len(pages) >= QUICK_LIMIT and renamed:
                break
            page = record_page(new, *owners[url])
            if page is not None:
                pages.append(page)
        if not (pages or gone) or len(pages) > QUICK_LIMIT:
            return 0
        shells = _Shells(config, env, nav, files.documentation_pages())
        for page in pages:
            data = shells.render(page).encode("utf-8", errors="xmlcharrefreplace")
            write_atomically(self.site / page.url / "index.html", data)
        # The pages of removed records go at once (a tab showing one gets the 404).
        removed = [url for url, owner in _page_owners(catalog).items() if owner in gone]
        for url in removed:
            _remove_page(self.site, url)
        # The next quick pass starts from here, even if no full pass finishes between.
        self.catalog, self.loaded = new, fresh
        # Problems elsewhere stay listed until the full pass has looked again: the box
        # does not vanish for a moment when another file is saved.
        read = {os.path.realpath(path) for path in changed}
        self.problems = [p for p in self.problems if os.path.realpath(p.path) not in read]
        self._publish([p.format() for p in self.problems], content=True)
        return len(pages) + len(removed)

    def _dictionary(self, changed: set[str]) -> set[str]:
        """The changed paths that are the curriculum's competencies.yml (one or none)."""
        from generator.load import COMPETENCIES_FILE

        if self.curriculum is None:
            return set()
        target = os.path.realpath(self.curriculum / COMPETENCIES_FILE)
        return {path for path in changed if os.path.realpath(path) == target}

    def _task(self, path: Path, catalog: Catalog) -> Any:
        """The reading task of a record file: one the last pass read (changed or
        removed), or a new one in the folder of a partner it knows; None for
        anything else (a new partner's folder waits for the full pass)."""
        from generator.config import display_path
        from generator.load import PARTNER_FILE, _Task

        if self.curriculum is None or path.suffix != ".yml":
            return None
        try:
            parts = path.relative_to(self.curriculum).parts
        except ValueError:
            return None
        if len(parts) == 2 and parts[1] == PARTNER_FILE:
            kind, record_id, partner_id = "partners", parts[0], ""
        elif len(parts) == 3 and parts[1] in _KINDS:
            kind, record_id, partner_id = parts[1], path.stem, parts[0]
        else:
            return None
        task = _Task(kind, path, record_id, partner_id, display_path(path))
        if task.key in getattr(catalog, kind):
            return task
        new = kind != "partners" and partner_id in catalog.partners and path.is_file()
        return task if new else None

    def _publish(self, errors: list[str], *, content: bool) -> None:
        with self.changed:
            if content:
                self.version += 1
            self.errors = errors
            self.event += 1
            self.changed.notify_all()

    # ------------------------------------------------------------------ watching

    def _scan(self) -> dict[str, tuple[int, int]]:
        """(mtime, size) of every file the site is made from."""
        found: dict[str, tuple[int, int]] = {}
        folders = [PACKAGE / "templates", PACKAGE / "assets"]
        if self.curriculum is not None:
            folders.insert(0, self.curriculum)
        for folder in folders:
            _scan_folder(folder, found)
        with contextlib.suppress(OSError):
            st = os.stat(self.config_path)
            found[str(self.config_path)] = (st.st_mtime_ns, st.st_size)
        return found

    def watch(self) -> None:
        """File-system events (inotify and the like, through watchdog) wake the
        rebuild loop at once; without them it looks at every file each POLL_SECONDS,
        which at 10,000 modules costs a tenth of a second each time."""
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return
        poked = self.poked

        class Poke(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if event.event_type not in ("opened", "closed_no_write"):
                    poked.set()

        observer = Observer()
        observer.daemon = True
        try:
            observer.start()
        except OSError:  # an unsupported file system: poll
            return
        self.observer, self._poke = observer, Poke()
        for folder in (PACKAGE / "templates", PACKAGE / "assets"):
            self._observe(folder, recursive=True)
        # The project folder itself only for site_config.yml; the curriculum recursively.
        self._observe(self.root, recursive=False)
        if self.curriculum is not None:
            self._observe(self.curriculum, recursive=True)

    def _observe(self, folder: Path, *, recursive: bool) -> None:
        """Have file-system events of `folder` wake the loop (once per folder; one that
        does not exist yet, or cannot be watched, is found by the periodic look)."""
        if self.observer is None or (folder, recursive) in self._watched or not folder.is_dir():
            return
        try:
            self.observer.schedule(self._poke, str(folder), recursive=recursive)
        except OSError:  # too many watches, an unsupported file system: poll
            self.events_missed = True
            return
        self._watched.add((folder, recursive))

    def wait_for_change(self, *, now: bool = False) -> set[str]:
        """Block until files change; the paths that did (settled for a moment).
        `now`: look once without waiting (an empty set if nothing changed)."""
        while not self.stopping:
            woken = True
            if now:
                self.poked.clear()
            elif self.observer is not None and not self.events_missed:
                woken = self.poked.wait(RESCAN_SECONDS)
                self.poked.clear()
            else:
                time.sleep(POLL_SECONDS)
            files = self._scan()
            if files == self.files:
                if now:
                    return set()
                continue
            if not woken:
                self._unannounced += 1
            if self._unannounced == 2 and not self.events_missed:
                # Changes no event announced (twice: one may have come before the
                # watching began): this file system does not report them (a network
                # drive, Windows' drives under WSL). Without polling, every save would
                # wait for the next look, RESCAN_SECONDS later.
                self.events_missed = True
                self.say(
                    "Pratinjau: sistem berkas ini tidak mengabarkan perubahan berkas; "
                    f"berkas kini diperiksa setiap {seconds_id(POLL_SECONDS)} detik."
                )
            # An editor may save in several steps: wait until it holds still.
            while True:
                time.sleep(0.05)
                again = self._scan()
                if again == files:
                    break
                files = again
            changed = {
                p for p in files.keys() | self.files.keys() if files.get(p) != self.files.get(p)
            }
            self.files = files
            return changed
        return set()

    def run(self) -> None:
        """The rebuild loop (a thread): quick pass, then full pass, after every change."""
        unfinished = False  # a full pass was superseded: one is still owed
        while not self.stopping:
            changed = self.wait_for_change(now=unfinished)
            if not changed and not unfinished:
                continue
            started = time.perf_counter()
            try:
                shown = self.quick(changed)
            except Exception:  # noqa: BLE001 - the full pass below reports what is wrong
                log.debug("quick pass failed", exc_info=True)
                shown = 0
            if shown:
                self.say(
                    f"Pratinjau: {number_id(shown)} halaman diperbarui dalam "
                    f"{seconds_id(time.perf_counter() - started)} detik; membangun sisanya …"
                )
            try:
                ok = self.full()
                unfinished = False
            except Superseded:
                unfinished = True
                continue
            except Exception as exc:  # noqa: BLE001 - a preview must keep running
                if self.stopping:
                    return  # its folder is being removed: nothing to say
                log.debug("full pass failed", exc_info=True)
                reason = _failure(exc)
                self.say(f"Pratinjau gagal dibangun ulang: {reason}")
                self._publish([reason], content=False)
                continue
            if ok:
                self.say(
                    f"Pratinjau lengkap dalam {seconds_id(time.perf_counter() - started)} detik."
                )
            elif self.catalog is None:
                self.say("Pratinjau belum dapat dibangun; perbaiki galat di atas lalu simpan lagi.")
            else:
                self.say(
                    "Pratinjau tetap menampilkan versi terakhir yang lolos pemeriksaan; "
                    "perbaiki galat di atas lalu simpan lagi."
                )

    def close(self, builder: threading.Thread | None = None) -> None:
        """Stop: let the rebuild loop reach a checkpoint (a moment on a small site),
        then remove the work folder. A second Ctrl+C skips the wait, not the removal."""
        self.stopping = True
        self.poked.set()
        if builder is not None:
            with contextlib.suppress(KeyboardInterrupt):
                builder.join(timeout=1)
                if builder.is_alive():
                    self.say(
                        "Menunggu pembangunan yang sedang berjalan berhenti … "
                        "(Ctrl+C sekali lagi untuk tidak menunggu)"
                    )
                    builder.join(timeout=29)
        if self.observer is not None:
            self.observer.stop()
        with self.changed:
            self.changed.notify_all()
        from generator.build import _remove_later

        # Thousands of files: removed by a detached process, so that Ctrl+C is instant.
        moved = self.work.with_name(self.work.name + "-hapus")
        try:
            self.work.rename(moved)
        except OSError:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            _remove_later([moved])
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _remove_abandoned() -> None:
    """Remove the work folders that killed previews left (SIGKILL, a crash, a power
    cut): their lock is free. Those of running previews, and folders without a lock
    file, stay."""
    try:
        import fcntl
    except ImportError:  # Windows: nothing to tell them apart by
        return
    from generator.build import _remove_later

    try:
        folders = [
            p for p in Path(tempfile.gettempdir()).iterdir() if p.name.startswith(WORK_PREFIX)
        ]
    except OSError:
        return
    abandoned = []
    for folder in folders:
        try:
            if folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            fd = os.open(folder / LOCK_FILE, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # held: that preview runs
        finally:
            os.close(fd)
        abandoned.append(folder)
    if abandoned:
        _remove_later(abandoned)


def _hold_lock(path: Path) -> int | None:
    """A lock on `path` held until its descriptor is closed (or the process ends)."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # a file system without locks: no lock file, or it would look abandoned
        os.close(fd)
        path.unlink(missing_ok=True)
        return None
    return fd


def _digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=8).hexdigest()


def _folder(url: str) -> str:
    """A page's folder in the site, from its URL: "" for the home page."""
    url = url.strip("/")
    return "" if url == "." else url


def _scan_folder(folder: Path, found: dict[str, tuple[int, int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan_folder(Path(entry.path), found)
            else:
                st = entry.stat()
                found[entry.path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            continue


def _page_owners(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """URL of every record page -> (kind, key) of its record."""
    from generator.pages import internship_url, module_url

    owners: dict[str, tuple[str, str]] = {}
    for key, partner in catalog.partners.items():
        owners[f"mitra/{partner.id}/"] = ("partners", key)
    for key, module in catalog.modules.items():
        owners[module_url(module)] = ("modules", key)
    for key, program in catalog.programs.items():
        owners[f"program/{program.partner_id}/{program.id}/"] = ("programs", key)
    for key, internship in catalog.internships.items():
        owners[internship_url(internship)] = ("internships", key)
    for key, forum in catalog.forums.items():
        owners[f"forum/{forum.partner_id}/{forum.id}/"] = ("forums", key)
    return owners


def _remove_page(site: Path, url: str) -> None:
    """Remove a record's page (and a module's calendar beside it), and the folders
    left empty."""
    folder = site / url
    for name in ("index.html", "jadwal.ics"):
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    with contextlib.suppress(OSError):
        while folder != site and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _named(catalog: Catalog, kind: str, key: str) -> set[tuple[str, str]]:
    """The records whose pages show the record (kind, key) because it names them:
    its partner (every partner page lists its records) and the modules it points
    to (a module's page lists the programs and modules that build on it)."""
    record = getattr(catalog, kind).get(key)
    if record is None or kind == "partners":
        return set()
    found = {("partners", record.partner_id)}
    if kind == "modules":
        modules = catalog.prerequisites(record)
    elif kind == "programs":
        modules = catalog.program_modules(record)
    elif kind == "internships":
        modules = catalog.related_modules(record)
    else:
        modules = []
    found.update(("modules", m.key) for m in modules)
    return found


def _failure(exc: BaseException) -> str:
    """Why a pass failed, for the terminal and the page: a full disk or a refused
    write in Indonesian (`build.BuildError`'s wording), anything else as it is."""
    if isinstance(exc, OSError):
        from generator.build import failed_path
        from generator.config import os_reason

        return f"pratinjau tidak dapat ditulis: {os_reason(exc)}{failed_path(exc)}"
    return str(exc)


# ---------------------------------------------------------------------- serving


def host_allowed(header: str | None, bound: str) -> bool:
    """Whether a request's Host header names this preview.

    A web page elsewhere may point a name of its own at 127.0.0.1 ("DNS
    rebinding") and then read the preview as its own site: the editor's drafts,
    the paths in its error messages. A browser always sends the name it
    resolved, so only an address, localhost, the name the preview was started
    with and this computer's own names are served.
    """
    if not header:
        return True  # not a browser: an HTTP/1.0 tool, which no page can drive
    name = header.strip().lower()
    if name.startswith("["):  # [::1]:8000
        name = name[1 : name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    name = name.rstrip(".")
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    if name == "localhost" or name.endswith(".localhost"):
        return True
    own = {bound.strip("[]").lower(), socket.gethostname().lower()}
    own |= {f"{n}.local" for n in own}
    with contextlib.suppress(OSError):
        own.add(socket.getfqdn().lower())
    return name in own


_FOREIGN_HOST_PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Alamat tidak dikenal</title></head>
<body><h1>Alamat tidak dikenal</h1>
<p>Pratinjau ini hanya melayani alamat komputer ini. Buka pratinjau lewat alamat yang
ditampilkan <code>kurikulum serve</code>, misalnya http://localhost:8000/.</p></body></html>
"""


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview
    host = "127.0.0.1"  # the address the preview listens on (--host)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def _foreign(self) -> bool:
        """Answer 403 to a request for another host's name (see `host_allowed`)."""
        if host_allowed(self.headers.get("Host"), self.host):
            return False
        self._send(HTTPStatus.FORBIDDEN, "text/html; charset=utf-8", _FOREIGN_HOST_PAGE.encode())
        return True

    def do_HEAD(self) -> None:  # noqa: N802 - the base's name
        if not self._foreign():
            super().do_HEAD()

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        if self._foreign():
            return
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            query = parse_qs(url.query)
            if "h" in query:
                self._check(query["h"][0])
            else:
                self._wait(query.get("e", ["-1"])[0])
            return
        target = self._local(url.path)
        if target is not None and target.is_dir():
            if not url.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header(
                    "Location", url.path + "/" + (f"?{url.query}" if url.query else "")
                )
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target is None or target.suffix == ".html" or not target.is_file():
            self._html(target)
            return
        super().do_GET()

    def _local(self, path: str) -> Path | None:
        """The file of the preview's site at URL `path`; None for anything outside it
        (`/../`, `%2e%2e%2f`: the preview serves its site, not the computer's files)."""
        site = self.preview.site
        parts = [part for part in unquote(path).split("/") if part not in ("", ".")]
        if any(part == ".." or "\\" in part or "\0" in part for part in parts):
            return None
        target = site.joinpath(*parts)
        try:
            if not target.resolve().is_relative_to(site.resolve()):
                return None
        except (OSError, ValueError):
            return None
        return target

    def _page(self, target: Path | None, *, built: bool) -> tuple[HTTPStatus, bytes]:
        """The HTML served at `target` (the script not yet added) and its status."""
        if not built:
            return HTTPStatus.SERVICE_UNAVAILABLE, _WAITING_PAGE.encode("utf-8")
        if target is not None:
            with contextlib.suppress(OSError):
                return HTTPStatus.OK, target.read_bytes()
        try:
            return HTTPStatus.NOT_FOUND, (self.preview.site / "404.html").read_bytes()
        except OSError:
            return (
                HTTPStatus.NOT_FOUND,
                b"<!doctype html><title>Tidak ditemukan</title><body>Tidak ditemukan</body>",
            )

    def _html(self, target: Path | None) -> None:
        # The state before the page: a page newer than the state it carries only
        # checks once more, one older than it would never reload.
        state = self.preview.state()
        status, body = self._page(target, built=state["built"])
        state["page"] = _digest(body)
        script = _SCRIPT % {"state": _script_json(state), "path": RELOAD_PATH}
        text = body.decode("utf-8", errors="replace")
        at = text.rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        self._send(status, "text/html; charset=utf-8", text.encode("utf-8"))

    def _check(self, path: str) -> None:
        """The digest of the page a tab shows, as served now: after a pass, only the tabs
        whose page changed reload (a pass rewrites a few pages, and every reload of every
        tab would load all its styles and scripts again, twice per save)."""
        target = self._local(urlsplit(path).path)
        if target is not None and target.is_dir():
            target = target / "index.html"
        _, body = self._page(target, built=self.preview.catalog is not None)
        answer = {"run": self.preview.run_id, "page": _digest(body)}
        self._send(HTTPStatus.OK, "application/json", json.dumps(answer).encode("utf-8"))

    def _send(self, status: HTTPStatus, content_type: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _wait(self, seen: str) -> None:
        preview = self.preview
        deadline = time.monotonic() + WAIT_SECONDS
        with preview.changed:
            while str(preview.event) == seen and not preview.stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                preview.changed.wait(left)
        answer = preview.state()
        self._send(HTTPStatus.OK, "application/json", json.dumps(answer).encode("utf-8"))

    def translate_path(self, path: str) -> str:
        # Static files (CSS, scripts, calendars) straight from the site folder.
        target = self._local(urlsplit(path).path)
        return str(target if target is not None else self.preview.work / ".tidak-ada")

    def end_headers(self) -> None:
        if not any(h.startswith(b"Cache-Control") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    stopping = False  # requests still in flight when the preview stops may fail

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A tab closed while it waited for a change, a reload mid-transfer: normal.
        error = sys.exc_info()[1]
        if not self.stopping and not isinstance(error, ConnectionError | TimeoutError):
            print(f"Pratinjau: permintaan gagal dilayani: {error!r}", file=sys.stderr)


def _bind(host: str, port: int, handler: Any) -> _Server:
    """The server, listening already (requests wait until it serves); a port in use, an
    unknown address: a message in Indonesian, before any time is spent building."""
    import errno

    import click

    if not 0 <= port <= 65535:
        raise click.ClickException(
            f"port {port} tidak ada; pilih bilangan 1024 sampai 65535, misalnya --port 8000."
        )
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (OSError, UnicodeError):
        raise click.ClickException(
            f"alamat '{host}' tidak dikenal di komputer ini; pakai --host 127.0.0.1 "
            "(hanya komputer ini) atau --host 0.0.0.0 (juga komputer lain di jaringan)."
        ) from None
    server_class = type("Server", (_Server,), {"address_family": family})
    try:
        return server_class((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = (
                f"port {port} sudah dipakai program lain (mungkin pratinjau lain yang masih "
                f"berjalan). Hentikan program itu, atau pilih port lain, misalnya: "
                f"kurikulum serve --port {port + 1 if port < 65535 else 8000}"
            )
        elif exc.errno == errno.EACCES:
            message = (
                f"port {port} hanya boleh dipakai administrator; pilih port 1024 atau lebih, "
                "misalnya --port 8000."
            )
        elif exc.errno == errno.EADDRNOTAVAIL:
            message = (
                f"alamat '{host}' bukan milik komputer ini; pakai --host 127.0.0.1 (hanya "
                "komputer ini) atau --host 0.0.0.0 (juga komputer lain di jaringan)."
            )
        else:
            message = f"server pratinjau tidak dapat dijalankan di {host}:{port}: {exc.strerror}"
        raise click.ClickException(message) from None


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl+C, SIGTERM and SIGHUP wait until the block is done (where the platform
    can hold signals, in the main thread); they are raised as it ends."""
    held = {signal.SIGINT} | {
        getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
    }
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


# The preview's handler of SIGTERM and SIGHUP while it runs (see `_stop_on_signals`).
_stopping: Any = None


class _Stop(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop as on Ctrl+C. A KeyboardInterrupt itself, raised while
    code from `eval` runs (an import making a namedtuple), makes CPython end the
    process with SIGINT after a clean stop (exit status 130 instead of 0)."""


def _stop_on_signals(server: _Server) -> Callable[[], None]:
    """SIGTERM and SIGHUP (the terminal window closed) stop the preview as Ctrl+C does,
    its work folder removed; from the start on, the first build included. Returns what
    puts the previous handlers back."""
    global _stopping

    def stop(signum: int, frame: Any) -> None:
        server.stopping = True
        raise _Stop

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        with contextlib.suppress(ValueError):  # not the main thread (tests): leave them
            previous[number] = signal.signal(number, stop)
    _stopping = stop

    def restore() -> None:
        global _stopping
        _stopping = None
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, handler)

    return restore


def _after_fork_in_child() -> None:
    """A process forked while the preview runs (a render worker) leaves SIGHUP to the
    preview, as it leaves Ctrl+C: a closed terminal hangs up the whole process group,
    and a worker ended mid-share (a KeyboardInterrupt traceback, before) left the
    pass waiting for its pages until the preview gave up on it, 30 s later."""
    number = getattr(signal, "SIGHUP", None)
    if number is not None and _stopping is not None and signal.getsignal(number) is _stopping:
        with contextlib.suppress(ValueError):
            signal.signal(number, signal.SIG_IGN)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def serve(
    config_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    report: Callable[[list[Problem]], None] | None = None,
) -> None:
    """Build, serve and rebuild on every change until interrupted."""
    from generator.problems import CurriculumError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    def say(text: str) -> None:
        # A closed terminal makes writing fail (EIO): stopping must go on all the same.
        with contextlib.suppress(OSError, ValueError):
            print(text, file=sys.stderr, flush=True)

    handler = type("Handler", (_Handler,), {"host": host})
    root = Path(config_path).resolve().parent
    server = _bind(host, port, partial(handler, directory=str(root)))
    restore = _stop_on_signals(server)
    preview = builder = None
    try:
        started = time.perf_counter()
        preview = Preview(config_path, report=report, say=say)
        handler.preview = preview
        shown = "localhost" if host in ("127.0.0.1", "::1") else host
        shown = f"[{shown}]" if ":" in shown else shown
        address = f"http://{shown}:{server.server_address[1]}/"
        try:
            preview.start()
        except CurriculumError as exc:
            if report is not None:
                report(exc.problems)
            say(
                "Pratinjau belum dapat dibangun karena galat di atas. Perbaiki lalu simpan "
                f"berkasnya; sementara itu {address} menampilkan galatnya dan memuat ulang "
                "sendiri setelah diperbaiki (Ctrl+C untuk berhenti)."
            )
        else:
            say(
                f"Pratinjau siap dalam {seconds_id(time.perf_counter() - started)} detik: "
                f"{address} (Ctrl+C untuk berhenti)"
            )
        builder = threading.Thread(target=preview.run, name="kurikulum-pratinjau", daemon=True)
        builder.start()
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        say("Pratinjau dihentikan.")
    finally:
        server.stopping = True
        server.server_close()
        restore()
        if preview is not None:
            preview.close(builder)
