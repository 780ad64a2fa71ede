"""The hosting guide (docs/panduan-hosting.md) tells the truth.

Its nginx example (the ```nginx block) runs as written in a real nginx, with
only what differs on a test machine replaced: the ports it listens on, the
certificate (a self-signed one made here) and the site's folder. Behind it is
the shipped sample, freshly built with `url` at the guide's sub-path, and the
test checks what the guide promises: HTTP goes to HTTPS, a missing address
answers 404 with the portal's Indonesian 404 page, `.ics` is text/calendar,
feed.xml application/atom+xml, JSON is gzipped, and the cache headers of its
table (content-hashed names cached for a year, every other file revalidated).

Every `kurikulum build`/`check` option the guide names exists.

nginx or openssl missing: skipped, or failed when CI=true.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import re
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import (  # noqa: E402
    REPO,
    SAMPLE_EPOCH,
    free_port,
    require,
    run_cli,
    run_nginx,
)

from generator.cli import main  # noqa: E402
from generator.mkdocs_plugin import asset_uri  # noqa: E402

pytest_plugins = ["sitehelpers"]

GUIDE = REPO / "docs" / "panduan-hosting.md"
SUB = "kurikulum"  # the guide's sub-path
PUBLIC_URL = f"https://bkpsdm.pemkomedan.go.id/{SUB}/"  # the guide's example address
SITE_FOLDER = "/srv/portal-kurikulum/site/"  # the guide's `alias`

# The files the guide's cache table says have content-hashed names.
HASHED = re.compile(
    r"^(assets/(stylesheets|javascripts)/(.+/)?[^/]+\.[0-9a-f]{8}\.min\.(css|js)"
    r"|assets/kurikulum/(.+/)?[^/]+\.[0-9a-f]{8}\.(css|js)"
    r"|cari/saring-[0-9a-f]+\.json|cari/(kamus|h|p)/.+)$"
)
YEAR = "public, max-age=31536000, immutable"


def code_blocks(language: str) -> list[str]:
    """The fenced code blocks of the guide marked `language` (also indented ones)."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.finditer(r"^( *)```(\w*)\n(.*?)^\1```", text, re.M | re.S)
    return [
        "\n".join(line.removeprefix(m[1]) for line in m[3].splitlines())
        for m in blocks
        if m[2] == language
    ]


# ------------------------------------------------------------------ options


def _options(command: str) -> set[str]:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", result.output))


def _command_lines() -> list[str]:
    """Every `kurikulum ...` command the guide writes, in code blocks or inline code."""
    text = GUIDE.read_text(encoding="utf-8")
    spans = [*re.findall(r"`([^`\n]+)`", text)]
    for language in ("sh", "yaml", "cron", ""):
        spans += [line for block in code_blocks(language) for line in block.splitlines()]
    found = []
    for span in spans:
        for m in re.finditer(r"(?:^|[\s/])kurikulum ((?:build|check)\b[^&|;>#\"]*)", span):
            found.append(m[1].strip())
    return found


def test_every_option_the_guide_names_exists():
    commands = _command_lines()
    assert any(c.startswith("build") for c in commands), commands
    known = {"build": _options("build"), "check": _options("check")}
    named = 0
    for command in commands:
        name, *words = command.split()
        for word in words:
            if word.startswith("-"):
                named += 1
                assert word in known[name], f"`kurikulum {command}`: {word} is not an option"
    assert named >= 3, commands
    # Options written alone in the text (`--no-cache`) belong to build or check.
    text = GUIDE.read_text(encoding="utf-8")
    alone = set(re.findall(r"`(--?[a-z][a-z-]*)(?: [A-Z]+)?`", text))
    assert {"--no-cache", "--output"} <= alone
    assert alone <= known["build"] | known["check"], alone - known["build"] - known["check"]


def test_the_guide_names_the_hashed_files_of_a_real_build(sample_site: Path):
    """The cache table's hashed names are the content-addressed files a build writes,
    and the files it says to revalidate are there under fixed names."""
    files = [p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*") if p.is_file()]
    hashed = [f for f in files if HASHED.match(f)]
    assert any(f.startswith("assets/stylesheets/main.") for f in hashed), hashed
    assert any(f.startswith("assets/javascripts/bundle.") for f in hashed), hashed
    assert any(f.startswith("cari/kamus/") for f in hashed), hashed
    for name in ("cari/indeks.json", "cari/akar.txt", "cari/kata.txt", "404.html"):
        assert name in files and not HASHED.match(name), name
    assert asset_uri("kurikulum.js") in files and asset_uri("kurikulum.css") in files
    # The portal's own CSS and scripts: named by a digest of their bytes too.
    for name in ("kurikulum.js", "kurikulum.css"):
        data = (REPO / "generator" / "assets" / name).read_bytes()
        assert HASHED.match(asset_uri(name)), name
        assert hashlib.blake2b(data, digest_size=4).hexdigest() in asset_uri(name), name
        assert (sample_site / asset_uri(name)).read_bytes() == data
    # The search index's names are digests of their bytes (generator/searchindex.py).
    for f in hashed:
        data = (sample_site / f).read_bytes()
        if m := re.fullmatch(r"cari/(?:kamus/k|saring)-([0-9a-f]{10})\.json", f):
            assert hashlib.blake2b(data, digest_size=5).hexdigest() == m[1], f
        elif m := re.fullmatch(r"cari/p/([0-9a-f]{16})\.bin", f):
            assert hashlib.blake2b(data, digest_size=8).hexdigest() == m[1], f


# -------------------------------------------------------------------- nginx


def guide_nginx_block() -> str:
    blocks = code_blocks("nginx")
    assert len(blocks) == 1, f"expected one ```nginx block in the guide, found {len(blocks)}"
    return blocks[0]


def test_the_nginx_example_serves_the_sub_path_and_its_404():
    block = guide_nginx_block()
    assert f"location /{SUB}/ {{" in block
    assert f"alias {SITE_FOLDER};" in block
    assert f"error_page 404 /{SUB}/404.html;" in block


def _for_test(block: str, *, http: int, https: int, site: Path, cert: Path, key: Path) -> str:
    """The guide's server blocks with this machine's ports, certificate and folder."""
    replacements = [
        (r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{http};"),
        (r"^(\s*)listen 443 ssl;$", rf"\g<1>listen 127.0.0.1:{https} ssl;"),
        (r"^(\s*)ssl_certificate \S+;$", rf"\g<1>ssl_certificate {cert};"),
        (r"^(\s*)ssl_certificate_key \S+;$", rf"\g<1>ssl_certificate_key {key};"),
        (rf"^(\s*)alias {re.escape(SITE_FOLDER)};$", rf"\g<1>alias {site}/;"),
    ]
    for pattern, replacement in replacements:
        block, count = re.subn(pattern, replacement, block, flags=re.M)
        assert count == 1, f"the guide's nginx block should have one line matching {pattern}"
    return block


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample built as the guide says, with `url` at its sub-path."""
    tmp = tmp_path_factory.mktemp("hosting")
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    config, n = re.subn(r"(?m)^url: .*$", f"url: {PUBLIC_URL}", config)
    assert n == 1
    config, n = re.subn(r"(?m)^curriculum: .*$", f"curriculum: {REPO / 'curriculum'}", config)
    assert n == 1
    (tmp / "site_config.yml").write_text(config, encoding="utf-8")
    out = tmp / "site"
    result = run_cli(
        "build",
        "--no-cache",
        "-q",
        "--config",
        str(tmp / "site_config.yml"),
        "--output",
        str(out),
        cwd=tmp,
        epoch=SAMPLE_EPOCH,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _self_signed(folder: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    require(openssl is not None, "openssl not installed (Debian package `openssl`)")
    assert openssl is not None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture(scope="module")
def guide_nginx(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """nginx running the guide's server blocks: yields its two ports."""
    tmp = tmp_path_factory.mktemp("nginx-guide")
    cert, key = _self_signed(tmp)
    http_port, https_port = free_port(), free_port()
    while https_port == http_port:
        https_port = free_port()
    servers = _for_test(
        guide_nginx_block(), http=http_port, https=https_port, site=built, cert=cert, key=key
    )
    with run_nginx(tmp, servers, [https_port, http_port], mime_types=True):
        yield {"http": http_port, "https": https_port}


def get(
    ports: dict, path: str, *, tls: bool = True, gzip_ok: bool = False
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body as sent) of one GET, no redirects."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", ports["https"], timeout=10, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", ports["http"], timeout=10)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_http_goes_to_https(guide_nginx):
    status, headers, _ = get(guide_nginx, f"/{SUB}/modul/", tls=False)
    assert status == 301
    assert headers["location"].startswith("https://")
    assert headers["location"].endswith(f"/{SUB}/modul/")


def test_home_and_redirects_without_slash(guide_nginx):
    status, headers, body = get(guide_nginx, f"/{SUB}/")
    assert status == 200 and b'<html lang="id"' in body
    assert headers["content-type"] == "text/html; charset=utf-8"
    for path in (f"/{SUB}", f"/{SUB}/modul"):
        status, headers, _ = get(guide_nginx, path)
        assert status == 301 and headers["location"] == path + "/", (path, headers)


@pytest.mark.parametrize(
    "missing", ["tidak-ada/", "modul/usu/modul-yang-dihapus/", "jadwal/2020-01/", "x/y.ics"]
)
def test_a_missing_page_is_the_portals_404(guide_nginx, built: Path, missing: str):
    status, headers, body = get(guide_nginx, f"/{SUB}/{missing}")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert body == (built / "404.html").read_bytes()
    text = body.decode("utf-8")
    assert "<title>Halaman tidak ditemukan" in text and '<html lang="id"' in text
    # Its links start from the sub-path that `url` names.
    assert f'<base href="/{SUB}/">' in text


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("jadwal.ics", "text/calendar; charset=utf-8"),
        ("kompetensi/kepemimpinan/jadwal.ics", "text/calendar; charset=utf-8"),
        ("magang/feed.xml", "application/atom+xml; charset=utf-8"),
        ("data/katalog.json", "application/json; charset=utf-8"),
        ("data/modul.csv", "text/csv; charset=utf-8"),
        ("data/katalog.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("cari/indeks.json", "application/json; charset=utf-8"),
        (asset_uri("kurikulum.css"), "text/css; charset=utf-8"),
        (asset_uri("kurikulum.js"), "application/javascript; charset=utf-8"),
    ],
)
def test_content_types(guide_nginx, built: Path, path: str, content_type: str):
    status, headers, body = get(guide_nginx, f"/{SUB}/{path}")
    assert status == 200, path
    assert headers["content-type"] == content_type
    assert body == (built / path).read_bytes()


@pytest.mark.parametrize("path", ["data/katalog.json", "jadwal.ics", "cari/indeks.json", ""])
def test_text_is_gzipped(guide_nginx, built: Path, path: str):
    status, headers, body = get(guide_nginx, f"/{SUB}/{path}", gzip_ok=True)
    assert status == 200
    assert headers.get("content-encoding") == "gzip", headers
    assert "Accept-Encoding" in headers.get("vary", "")
    assert gzip.decompress(body) == (built / (path or "index.html")).read_bytes()
    # A client that does not ask for gzip gets the file as it is.
    status, headers, body = get(guide_nginx, f"/{SUB}/{path}")
    assert "content-encoding" not in headers
    assert body == (built / (path or "index.html")).read_bytes()


def test_cache_headers_of_every_file(guide_nginx, built: Path):
    """Content-hashed names are cached for a year; every other file is revalidated."""
    seen = {YEAR: 0, "no-cache": 0}
    for file in sorted(p for p in built.rglob("*") if p.is_file()):
        name = file.relative_to(built).as_posix()
        status, headers, _ = get(guide_nginx, f"/{SUB}/{name}")
        assert status == 200, name
        expected = YEAR if HASHED.match(name) else "no-cache"
        assert headers.get("cache-control") == expected, name
        assert "etag" in headers or expected == YEAR, name
        seen[expected] += 1
    assert seen[YEAR] >= 10 and seen["no-cache"] >= 100, seen
