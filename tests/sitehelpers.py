"""Shared fixtures and helpers of the built-site tests (tests/test_site_*.py).

Loaded as a plugin by each of those modules (`pytest_plugins = ["sitehelpers"]`),
so that the session-scoped sites below are built once per test session, however
many modules use them:

- `mini_site`: tests/fixtures/mini built in-process (the golden fixture);
- `sample_site`: the shipped sample (site_config.yml + curriculum/) built with
  `kurikulum build --output`, placed at `<www>/portal/` so it can be served from
  a sub-folder;
- `http_portal`: `python -m http.server` serving `<www>`, the site at /portal/.

Both builds run with a fixed SOURCE_DATE_EPOCH, so their output is the same on
every run and every day.

Tools that may be missing (Chromium, nginx) go through `require`: a clear skip
on a developer's machine, a failure when CI=true.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
GOLDEN = REPO / "tests" / "golden"
ARTIFACTS = REPO / "test-artifacts"

MINI_EPOCH = "1772323200"  # 2026-03-01 00:00 UTC: one offering of each status
SAMPLE_EPOCH = "1782864000"  # 2026-07-01 00:00 UTC

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
SUBPATH = "portal"


# ------------------------------------------------------------ missing tools


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def require(available: bool, reason: str) -> None:
    """Skip when a tool is missing, but fail under CI=true, where it must be present."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: this tool is required in CI)", pytrace=False)
    pytest.skip(reason)


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def require_nginx() -> str:
    path = nginx_binary()
    require(path is not None, "nginx not installed (Debian package `nginx`)")
    assert path is not None
    return path


def require_chromium() -> str:
    """The Debian Chromium and Playwright for Python (never `playwright install`)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, "Playwright for Python not installed (pip install playwright)")
    require(
        os.access(CHROMIUM, os.X_OK), f"Chromium not found at {CHROMIUM} (Debian package chromium)"
    )
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Debian Chromium for every browser test of the session."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# ------------------------------------------------------------------ building


def build_in_process(config: Path, output: Path, epoch: str) -> Path:
    """`kurikulum build` without a new interpreter (fast), with SOURCE_DATE_EPOCH set."""
    from generator.build import build

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", epoch)
        mp.setenv("NO_MKDOCS_2_WARNING", "1")
        build(config, output)
    return output


def run_cli(
    *args: str, cwd: Path, epoch: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The `kurikulum` command in a fresh interpreter (its own hash seed, real exit code)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if epoch is not None:
        full_env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) below `root`, by relative path."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def build_fails_at_search(config: Path, out: Path) -> None:
    """Build `config` into `out` with the search indexing failing (a full disk): after
    the pages are written, before anything is published. The build must say that
    the old site was left as it was."""
    from generator import search
    from generator.build import BuildError, build

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search, "index_site", broken)
        with pytest.raises(BuildError, match="Situs lama tidak diubah"):
            build(config, out)


def edit_file(project: Path, name: str, old: str, new: str) -> str:
    """Replace `old` by `new` once in project/name (which must hold it): its path."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.fixture
def published_mini(mini_site: Path, tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini with its good build published in `site/`."""
    work = tmp_path / "work"
    shutil.copytree(MINI, work)
    shutil.copytree(mini_site, work / "site")
    return work


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/mini, built once per session."""
    out = tmp_path_factory.mktemp("mini") / "site"
    return build_in_process(MINI / "site_config.yml", out, MINI_EPOCH)


@pytest.fixture(scope="session")
def sample_www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A web root holding the shipped sample site at `portal/`, built by the CLI."""
    www = tmp_path_factory.mktemp("www")
    out = www / SUBPATH
    result = run_cli(
        "build",
        "--config",
        str(REPO / "site_config.yml"),
        "--output",
        str(out),
        cwd=REPO,
        epoch=SAMPLE_EPOCH,
    )
    assert result.returncode == 0, f"building the sample failed:\n{result.stdout}\n{result.stderr}"
    return www


@pytest.fixture(scope="session")
def sample_site(sample_www: Path) -> Path:
    return sample_www / SUBPATH


# ---------------------------------------------------------------- page types


def largest_page(root: Path, pattern: str) -> str:
    """The site-relative URL of the biggest page matching `pattern` (the one showing most)."""
    candidates = [p for p in root.glob(pattern) if "halaman" not in p.parts]
    assert candidates, f"no page matches {pattern} in {root}"
    best = max(candidates, key=lambda p: (p.stat().st_size, p.as_posix()))
    return best.parent.relative_to(root).as_posix() + "/"


# The page types the issue names, and how to find one page of each in a built site.
PAGE_TYPES: dict[str, str | None] = {
    "home": "",
    "module-list": "modul/",
    "module": "modul/*/*/index.html",
    "program-list": "program/",
    "program": "program/*/*/index.html",
    "partner-list": "mitra/",
    "partner": "mitra/*/index.html",
    "competency-list": "kompetensi/",
    "competency": "kompetensi/*/index.html",
}


def page_url(root: Path, page_type: str) -> str:
    """The site-relative URL of a representative page of `page_type`."""
    spec = PAGE_TYPES[page_type]
    assert spec is not None
    return largest_page(root, spec) if spec.endswith(".html") else spec


def other_sections(root: Path) -> dict[str, str]:
    """Sections beyond PAGE_TYPES (jadwal, magang, forum, ...): their list and a detail page."""
    known = {spec.split("/", 1)[0] for spec in PAGE_TYPES.values() if spec}
    found: dict[str, str] = {}
    for section in sorted(p for p in root.iterdir() if p.is_dir()):
        name = section.name
        if name in known or name == "assets" or not (section / "index.html").exists():
            continue
        if any(p.parent != section for p in section.rglob("index.html")):
            found[f"{name}-list"] = f"{name}/"
            found[name] = largest_page(root, f"{name}/*/**/index.html")
        else:
            found[name] = f"{name}/"
    return found


# ------------------------------------------------------------------- serving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server this test session started (by its own handle, never by name)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@contextlib.contextmanager
def http_server(root: Path) -> Iterator[str]:
    """`python -m http.server` serving `root` on a free loopback port: yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)


@contextlib.contextmanager
def open_tab(browser, url: str, *, width: int = 390, height: int = 844, **options) -> Iterator:
    """A tab at `url` in a browser context of its own; the test fails if the page
    threw an error meanwhile."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(url)
        yield tab
        assert not errors, errors
    finally:
        context.close()


@pytest.fixture
def mini_build_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Builds of the mini project in this test: a cache folder of its own (returned),
    the mini project's build day, MkDocs' banner off."""
    monkeypatch.setenv("KURIKULUM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MINI_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return tmp_path / "cache"


@contextlib.contextmanager
def http_server_with_404(root: Path, sub: str) -> Iterator[str]:
    """A static server of `root` that answers a missing address with `sub`/404.html,
    like nginx's `error_page 404 /<sub>/404.html`: yields the base URL of `sub`/."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def send_error(self, code, message=None, explain=None) -> None:
            page = Path(self.directory) / sub / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/{sub}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


NGINX_CONF = """\
daemon off;
master_process on;
worker_processes 1;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
  {mime}
  default_type application/octet-stream;
  access_log {tmp}/access.log;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  include {tmp}/servers.conf;
}}
"""


@contextlib.contextmanager
def run_nginx(tmp: Path, servers: str, ports: list[int], *, mime_types: bool = False) -> Iterator:
    """A real nginx with the server blocks `servers` (in `tmp`), once it listens on
    every one of `ports`; `mime_types`: Debian's mime.types is required, not optional.
    Refused by `nginx -t`: the test fails with nginx's own words."""
    binary = require_nginx()
    mime = Path("/etc/nginx/mime.types")
    if mime_types:
        require(mime.exists(), "nginx's mime.types not found at /etc/nginx/mime.types")
    (tmp / "servers.conf").write_text(servers)
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            # As root, nginx workers drop to `nobody`, who cannot read pytest's 0700 temp dirs.
            user="user root;" if os.geteuid() == 0 else "",
            tmp=tmp,
            mime=f"include {mime};"
            if mime.exists()
            else "types { text/html html; "
            "text/css css; application/javascript js; image/png png; }",
        )
    )
    args = [binary, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")]
    test = subprocess.run([*args, "-t"], capture_output=True, text=True, timeout=30)
    assert test.returncode == 0, f"nginx -t refuses the configuration:\n{test.stderr}"
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        try:
            for port in ports:
                wait_for_port(port, proc)
        except RuntimeError as exc:
            err = proc.stderr.read() if proc.stderr and proc.poll() is not None else ""
            log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
            raise RuntimeError(f"nginx did not start: {exc}\n{err}\n{log}") from None
        yield
    finally:
        stop(proc)


@contextlib.contextmanager
def nginx_server(site: Path, tmp: Path) -> Iterator[str]:
    """A real nginx serving `site` at /portal/ on a free loopback port: yields its base URL."""
    port = free_port()
    server = (
        f"server {{\n  listen 127.0.0.1:{port};\n  server_name localhost;\n"
        f"  location /{SUBPATH}/ {{ alias {site}/; }}\n}}\n"
    )
    with run_nginx(tmp, server, [port]):
        yield f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="session")
def http_portal(sample_www: Path) -> Iterator[str]:
    """The sample site served by `python -m http.server` at <base>/portal/."""
    with http_server(sample_www) as base:
        yield base + SUBPATH + "/"


def fetch(url: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, without raising on HTTP errors."""
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


# ------------------------------------------------------------------- parsing


class PageParser(HTMLParser):
    """The parts of a page the tests look at: links, ids, meta, title, lang."""

    LINK_ATTRS = {
        "a": ("href",),
        "link": ("href",),
        "script": ("src",),
        "img": ("src",),
        "iframe": ("src",),
        "source": ("src",),
        "video": ("src", "poster"),
        "audio": ("src",),
        "form": ("action",),
        "object": ("data",),
        "embed": ("src",),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.lang: str | None = None
        self.title = ""
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("name"):
            self.meta[a["name"] or ""] = a.get("content") or ""
        if tag == "title":
            self._in_title = True
        for attr in self.LINK_ATTRS.get(tag, ()):
            if a.get(attr) is not None:
                self.links.append((tag, attr, a[attr] or ""))
        if a.get("srcset"):
            for part in (a["srcset"] or "").split(","):
                if part.strip():
                    self.links.append((tag, "srcset", part.split()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser
