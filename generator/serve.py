"""`kurikulum serve`: a live preview that shows an edit in about a second, at any size.

The preview builds the site once into a temporary folder, serves it, and
watches the curriculum, site_config.yml and the templates. After a change:

1. Quick pass, when only existing record files changed and they still check
   clean: the changed records are read again, the cross-record rules run on
   the catalog in memory, and the pages that show those records (known from
   the page cache: each page lists the records it mentions) are rendered and
   replaced, each in one step. Open browser tabs reload.
2. Full pass, always: the whole curriculum is checked as `kurikulum build`
   checks it and the site is rebuilt in place through MkDocs with the page
   cache, so only pages whose inputs changed are rendered again (lists,
   schedules, data files included) and pages that are gone are removed.
   Browsers reload again. Problems are printed and shown in a box on every
   open page; the preview keeps the last version that checked clean.

The server is the standard library's; each HTML page gets a small script that
waits for the next change (one long-polling request) and reloads. The search
index is rebuilt at the end of each full pass.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from generator.cache import default_dir
from generator.catalog import Catalog, build_today, check_curriculum
from generator.problems import Problem

log = logging.getLogger("kurikulum.preview")

RELOAD_PATH = "/__kurikulum/tunggu"
POLL_SECONDS = 0.3  # how often the files are looked at without file-system events
RESCAN_SECONDS = 5.0  # with events: a full look now and then all the same
WAIT_SECONDS = 25  # a browser's request waits at most this long for a change
QUICK_LIMIT = 300  # pages the quick pass renders at most; more waits for the full pass
PACKAGE = Path(__file__).resolve().parent
_KINDS = ("modules", "programs", "internships", "forums")

_SCRIPT = """<script>
(function () {
  var shown = %(version)d, seen = %(event)d;
  function box(errors) {
    var old = document.getElementById("kk-pratinjau-galat");
    if (old) old.remove();
    if (!errors.length) return;
    var div = document.createElement("div");
    div.id = "kk-pratinjau-galat";
    div.setAttribute("role", "alert");
    div.style.cssText = "position:fixed;z-index:9999;left:0;right:0;bottom:0;max-height:45vh;" +
      "overflow:auto;background:#fff4f4;color:#5c0b0b;border-top:3px solid #b00020;" +
      "padding:12px 16px;font:14px/1.5 system-ui,sans-serif";
    var title = document.createElement("strong");
    title.textContent = "Pratinjau belum diperbarui: " + errors.length +
      " galat pada kurikulum. Halaman ini versi terakhir yang lolos pemeriksaan.";
    div.appendChild(title);
    var list = document.createElement("ul");
    errors.slice(0, 50).forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      item.style.fontFamily = "monospace";
      list.appendChild(item);
    });
    div.appendChild(list);
    document.body.appendChild(div);
  }
  function wait() {
    fetch("%(path)s?e=" + seen, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.version !== shown) { location.reload(); return; }
        seen = d.event;
        box(d.errors);
        wait();
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
</script>"""


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
        self.work = Path(tempfile.mkdtemp(prefix="kurikulum-serve-"))
        self.site = self.work / "site"
        self.docs = self.work / "docs"
        self.site.mkdir()
        self.docs.mkdir()
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
        self.changed = threading.Condition()
        self.stopping = False
        self.poked = threading.Event()  # a file-system event: something may have changed
        self.observer: Any = None

    # ------------------------------------------------------------------ building

    def start(self) -> None:
        """The first full build; raises CurriculumError when the curriculum has errors."""
        from generator.problems import CurriculumError

        result = check_curriculum(config_path=self.config_path, cache_dir=self.cache_dir)
        if result.errors or result.config is None or result.loaded is None:
            raise CurriculumError(result.problems)
        self.curriculum = (self.root / result.config.curriculum).resolve()
        # Watch first, then list the files: an edit made while the first build runs
        # is a difference from that list, and is seen as soon as the loop starts.
        self.watch()
        self.files = self._scan()
        self._build(result)
        self._index()  # search works from the first page shown, not from the first edit

    def _build(self, result: Any) -> None:
        """A full pass over a checked curriculum: MkDocs with the page cache, in place."""
        from mkdocs.commands.build import build as mkdocs_build

        from generator import pagecache
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

        mkdocs_plugin.checkpoint = self._checkpoint
        try:
            with using(catalog, page_cache=page_cache):
                mkdocs_build(mk_config, dirty=True)
        except BaseException:
            pagecache.discard(self.pages_dir, self.site)
            raise
        finally:
            mkdocs_plugin.checkpoint = None
        pagecache.commit(self.pages_dir, self.site)
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
        if result.errors or result.config is None or result.loaded is None:
            self.report(result.problems)
            self._publish([p.format() for p in result.problems if p.is_error], content=False)
            return False
        self.curriculum = (self.root / result.config.curriculum).resolve()
        self._build(result)
        self._checkpoint()
        self._index()
        self._publish([], content=True)
        return True

    def _index(self) -> None:
        """Index the preview's site for search. Each page's parsed view is kept in the
        preview's own state folder, beside its page cache: only pages written since the
        last pass are parsed again, and the project's folder keeps the views of
        `kurikulum build`'s output (sharing one, each would make the other parse all)."""
        from generator.search import commit_docs, index_site

        stats = index_site(self.site, self.pages_dir)
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
        from generator.pages import record_page

        catalog, loaded = self.catalog, self.loaded
        if catalog is None or loaded is None or last_render is None or not changed:
            return 0
        tasks = [self._task(Path(path), catalog) for path in sorted(changed)]
        if any(task is None for task in tasks):
            return 0  # site_config.yml, competencies, templates, new or removed files
        results = load._load_chunk(tasks, catalog.config.tz)
        fresh = dataclasses.replace(
            loaded, **{kind: dict(loaded.records(kind)) for kind in ("partners", *_KINDS)}
        )
        for task, _, record, _, problems in results:
            if record is None or any(p.is_error for p in problems):
                return 0  # the full pass reports it, with every other problem
            fresh.records(task.kind)[task.key] = record
        if any(p.is_error for p in run_checks(fresh)):
            return 0
        new = Catalog(catalog.config, fresh, today=catalog.today, previous=catalog)
        new.base_dir = catalog.base_dir
        keys = {(task.kind, task.key) for task in tasks}
        config, env, nav, files, _, entries = last_render
        owners = _page_owners(new)
        wanted = [url for url, entry in entries.items() if url in owners and entry[2] & keys]
        wanted += [url for url, owner in owners.items() if owner in keys]
        pages = []
        for url in dict.fromkeys(wanted):
            page = record_page(new, *owners[url])
            if page is not None:
                pages.append(page)
        if not pages or len(pages) > QUICK_LIMIT:
            return 0
        shells = _Shells(config, env, nav, files.documentation_pages())
        for page in pages:
            data = shells.render(page).encode("utf-8", errors="xmlcharrefreplace")
            write_atomically(self.site / page.url / "index.html", data)
        # The next quick pass starts from here, even if no full pass finishes between.
        self.catalog, self.loaded = new, fresh
        self._publish([], content=True)
        return len(pages)

    def _task(self, path: Path, catalog: Catalog) -> Any:
        """The reading task of an existing record file, or None for anything else."""
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
        return task if task.key in getattr(catalog, kind) else None

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
        folders = [PACKAGE / "templates", PACKAGE / "assets", self.root]
        if self.curriculum is not None and not self.curriculum.is_relative_to(self.root):
            folders.append(self.curriculum)
        try:
            for folder in folders:
                # The project folder itself only for site_config.yml; the curriculum
                # below it recursively.
                observer.schedule(Poke(), str(folder), recursive=folder != self.root)
            if self.curriculum is not None and self.curriculum.is_relative_to(self.root):
                observer.schedule(Poke(), str(self.curriculum), recursive=True)
            observer.daemon = True
            observer.start()
        except OSError:  # too many watches, an unsupported file system: poll
            return
        self.observer = observer

    def wait_for_change(self, *, now: bool = False) -> set[str]:
        """Block until files change; the paths that did (settled for a moment).
        `now`: look once without waiting (an empty set if nothing changed)."""
        while not self.stopping:
            if now:
                self.poked.clear()
            elif self.observer is not None:
                self.poked.wait(RESCAN_SECONDS)
                self.poked.clear()
            else:
                time.sleep(POLL_SECONDS)
            files = self._scan()
            if files == self.files:
                if now:
                    return set()
                continue
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
                    f"Pratinjau: {shown} halaman diperbarui dalam "
                    f"{time.perf_counter() - started:.1f} detik; membangun sisanya …"
                )
            try:
                ok = self.full()
                unfinished = False
            except Superseded:
                unfinished = True
                continue
            except Exception as exc:  # noqa: BLE001 - a preview must keep running
                self.say(f"Pratinjau gagal dibangun ulang: {exc}")
                self._publish([str(exc)], content=False)
                continue
            if ok:
                self.say(f"Pratinjau lengkap dalam {time.perf_counter() - started:.1f} detik.")
            else:
                self.say(
                    "Pratinjau tetap menampilkan versi terakhir yang lolos pemeriksaan; "
                    "perbaiki galat di atas lalu simpan lagi."
                )

    def close(self, builder: threading.Thread | None = None) -> None:
        """Stop: let the rebuild loop reach a checkpoint (a moment on a small site),
        then remove the work folder."""
        self.stopping = True
        self.poked.set()
        if builder is not None:
            builder.join(timeout=30)
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


# ---------------------------------------------------------------------- serving


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            self._wait(parse_qs(url.query).get("e", ["-1"])[0])
            return
        target = self.preview.site / unquote(url.path).lstrip("/")
        if target.is_dir():
            if not url.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header(
                    "Location", url.path + "/" + (f"?{url.query}" if url.query else "")
                )
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target.suffix == ".html" or not target.exists():
            self._html(target)
            return
        super().do_GET()

    def _html(self, target: Path) -> None:
        status = HTTPStatus.OK
        site = self.preview.site.resolve()
        try:
            inside = target.resolve().is_relative_to(site)
            body = target.read_bytes() if inside else None
        except OSError:
            body = None
        if body is None:
            status = HTTPStatus.NOT_FOUND
            try:
                body = (site / "404.html").read_bytes()
            except OSError:
                body = b"<!doctype html><title>Tidak ditemukan</title><body>Tidak ditemukan</body>"
        with self.preview.changed:
            script = _SCRIPT % {
                "version": self.preview.version,
                "event": self.preview.event,
                "path": RELOAD_PATH,
            }
        text = body.decode("utf-8", errors="replace")
        at = text.rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        self._send(status, "text/html; charset=utf-8", text.encode("utf-8"))

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
            answer = {"version": preview.version, "event": preview.event, "errors": preview.errors}
        self._send(HTTPStatus.OK, "application/json", json.dumps(answer).encode("utf-8"))

    def translate_path(self, path: str) -> str:
        # Static files (CSS, scripts, calendars) straight from the site folder.
        relative = unquote(urlsplit(path).path).lstrip("/")
        return str(self.preview.site / relative)

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


def serve(
    config_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    report: Callable[[list[Problem]], None] | None = None,
) -> None:
    """Build, serve and rebuild on every change until interrupted."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    preview = Preview(config_path, report=report, say=say)
    builder = None
    try:
        started = time.perf_counter()
        preview.start()
        handler = type("Handler", (_Handler,), {"preview": preview})
        server = _Server((host, port), partial(handler, directory=str(preview.site)))
        shown = "localhost" if host in ("127.0.0.1", "::1") else host
        say(
            f"Pratinjau siap dalam {time.perf_counter() - started:.1f} detik: "
            f"http://{shown}:{server.server_address[1]}/ (Ctrl+C untuk berhenti)"
        )
        builder = threading.Thread(target=preview.run, name="kurikulum-pratinjau", daemon=True)
        builder.start()

        def stop(signum: int, frame: Any) -> None:
            server.stopping = True
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            say("Pratinjau dihentikan.")
        finally:
            server.stopping = True
            server.server_close()
    finally:
        preview.close(builder)
