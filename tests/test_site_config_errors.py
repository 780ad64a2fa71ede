"""Mistakes in site_config.yml (and `build --output`), as `check` and `build` report them.

Each case: `file:line:col: error: field: message` in Indonesian at the field's line,
the same line from `check` and `build`, a non-zero exit, no traceback, and the
project (site_config.yml, the curriculum, the cache, the published site) untouched.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI, MINI_EPOCH, run_cli, snapshot  # noqa: E402

pytest_plugins = ["sitehelpers"]

LONG = "a" * 300
NO_CACHE = {"KURIKULUM_CACHE": "0"}


@pytest.fixture
def project(mini_site: Path, tmp_path: Path) -> Path:
    """tests/fixtures/mini with a good build of it in `site/`, a cache folder holding a
    file, a folder of other documents and a loose file."""
    work = tmp_path / "work"
    shutil.copytree(MINI, work)
    shutil.copytree(mini_site, work / "site")
    (work / ".kurikulum-cache").mkdir()
    (work / ".kurikulum-cache" / "simpan.bin").write_bytes(b"cache")
    (work / "dokumen").mkdir()
    (work / "dokumen" / "catatan.md").write_text("Catatan rapat.\n", encoding="utf-8")
    (work / "catatan.txt").write_text("Catatan.\n", encoding="utf-8")
    return work


def set_field(project: Path, field: str, value: str) -> tuple[int, int]:
    """Write `field: value` in site_config.yml (replacing the field's line or adding it);
    the 1-based line and column of the value."""
    config = project / "site_config.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    new = f"{field}: {value}"
    for index, line in enumerate(lines):
        if line.startswith(f"{field}:"):
            end = index + 1
            while end < len(lines) and lines[end].startswith(" "):
                end += 1  # the rest of a block value
            lines[index:end] = [new]
            break
    else:
        lines.append(new)
        index = len(lines) - 1
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1, len(field) + 3


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^\S.*:\d+:\d+: error: ", line)]


def check_and_build(
    project: Path, *build_args: str, env: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """The problem lines of `check` and of `build`, after asserting that both failed
    cleanly and that the build changed nothing in the project."""
    before = snapshot(project)
    env = {**NO_CACHE, **(env or {})}
    checked = run_cli("check", cwd=project, env=env)
    built = run_cli("build", "-q", *build_args, cwd=project, epoch=MINI_EPOCH, env=env)
    for result in (checked, built):
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert built.returncode != 0, built.stdout + built.stderr
    assert "Situs lama tidak diubah" in built.stderr, built.stderr
    assert snapshot(project) == before, "a failed build changed the project"
    for name in ("site_config.yml", "curriculum/competencies.yml", "site/index.html"):
        assert (project / name).is_file(), f"{name} is gone"
    return problem_lines(checked.stdout), problem_lines(built.stderr)


def assert_reported(
    project: Path, field: str, value: str, fragment: str, *, env: dict[str, str] | None = None
) -> str:
    """`field: value` in site_config.yml is one problem at its value, from check and build."""
    line, col = set_field(project, field, value)
    checked, built = check_and_build(project, env=env)
    where = f"site_config.yml:{line}:{col}: error: {field}: "
    assert len(checked) == 1, checked
    assert checked[0].startswith(where), checked
    assert fragment in checked[0], checked
    assert built == checked, (built, checked)
    return checked[0]


# ---------------------------------------------------------------- output: no data loss

OUTPUTS = {
    # value of `output`: what the message must say
    ".": "adalah folder proyek (tempat site_config.yml) atau folder di atasnya",
    "..": "adalah folder proyek (tempat site_config.yml) atau folder di atasnya",
    "curriculum": "adalah folder kurikulum, berada di dalamnya, atau memuatnya",
    "curriculum/usu": "adalah folder kurikulum, berada di dalamnya, atau memuatnya",
    "site_config.yml": "adalah berkas site_config.yml itu sendiri",
    ".kurikulum-cache": "adalah folder tembolok .kurikulum-cache",
    ".kurikulum-cache/situs": "adalah folder tembolok .kurikulum-cache",
    "dokumen": "sudah berisi berkas lain dan bukan situs hasil `kurikulum build`",
    "catatan.txt": "sudah ada dan bukan folder",
    LONG: "terlalu panjang (300 karakter)",
}


@pytest.mark.parametrize("value", list(OUTPUTS), ids=lambda v: v[:20])
def test_output_that_a_build_would_destroy_is_refused(project: Path, value: str) -> None:
    message = assert_reported(project, "output", value, OUTPUTS[value])
    assert "misalnya site" in message or "kosongkan folder itu" in message


def test_output_containing_the_cache_folder_named_by_the_environment(project: Path) -> None:
    cache = project / "luar" / "cache"
    cache.mkdir(parents=True)
    (cache / "simpan.bin").write_bytes(b"cache")
    assert_reported(
        project,
        "output",
        "luar",
        "adalah folder tembolok .kurikulum-cache, berada di dalamnya, atau memuatnya",
        env={"KURIKULUM_CACHE_DIR": str(cache)},
    )


OPTION_OUTPUTS = {
    ".": "adalah folder proyek",
    "curriculum": "adalah folder kurikulum",
    "site_config.yml": "adalah berkas site_config.yml itu sendiri",
    ".kurikulum-cache": "adalah folder tembolok",
    "dokumen": "sudah berisi berkas lain dan bukan situs hasil `kurikulum build`",
    "catatan.txt": "sudah ada dan bukan folder",
    LONG: "terlalu panjang",
}


@pytest.mark.parametrize("value", list(OPTION_OUTPUTS), ids=lambda v: v[:20])
def test_build_output_option_that_would_destroy_files_is_refused(project: Path, value: str) -> None:
    checked, built = check_and_build(project, "--output", value)
    assert checked == []  # site_config.yml itself is fine
    assert len(built) == 1, built
    assert built[0].startswith(f"{value}:1:1: error: "), built
    assert f"folder keluaran --output '{value[:20]}" in built[0], built
    assert OPTION_OUTPUTS[value] in built[0], built


def test_output_option_may_be_an_empty_folder_or_a_previous_site(project: Path) -> None:
    (project / "kosong").mkdir()
    for target in ("kosong", "kosong"):  # an empty folder, then the site built there
        result = run_cli(
            "build", "-q", "--output", target, cwd=project, epoch=MINI_EPOCH, env=NO_CACHE
        )
        assert result.returncode == 0, result.stderr
        assert (project / target / "assets" / "kurikulum").is_dir()
    assert (project / "curriculum" / "competencies.yml").is_file()


# ---------------------------------------------------------------- other fields


def test_time_zone_that_is_a_folder_of_tzdata(project: Path) -> None:
    assert_reported(
        project,
        "timezone",
        "Asia",
        "zona waktu 'Asia' tidak dikenal; tulis nama lengkap seperti Asia/Jakarta",
    )


def test_time_zone_too_long_for_the_file_system(project: Path) -> None:
    assert_reported(project, "timezone", LONG, "tidak dikenal; tulis nama lengkap")


def test_a_bad_setting_does_not_hide_the_curriculums_problems(project: Path) -> None:
    """All problems in one run: a wrong time zone and a wrong JP together."""
    line, col = set_field(project, "timezone", "WIB")
    module = project / "curriculum" / "usu" / "modules" / "pelayanan-prima.yml"
    text = module.read_text(encoding="utf-8")
    assert re.search(r"^jp: \d+$", text, re.M)
    module.write_text(re.sub(r"^jp: \d+$", "jp: dua puluh", text, flags=re.M), encoding="utf-8")
    checked, built = check_and_build(project)
    assert len(checked) == 2, checked
    assert checked[0].startswith("curriculum/usu/modules/pelayanan-prima.yml:"), checked
    assert "jp: 'dua puluh' bukan bilangan bulat" in checked[0], checked
    assert checked[1].startswith(f"site_config.yml:{line}:{col}: error: timezone: "), checked
    assert built == checked, (built, checked)


CURRICULA = {
    "true": "folder kurikulum 'true' tidak ditemukan di samping site_config.yml",
    LONG: "tidak dapat dibuka (namanya terlalu panjang untuk sistem berkas)",
    "site_config.yml": "'site_config.yml' adalah berkas, bukan folder",
}


@pytest.mark.parametrize("value", list(CURRICULA), ids=lambda v: v[:20])
def test_curriculum_folder_problems_point_at_the_field(project: Path, value: str) -> None:
    assert_reported(project, "curriculum", value, CURRICULA[value])


URLS = {
    ("url", "https://[::1"): "alamat 'https://[::1' tidak dapat dibaca",
    (
        "url",
        "mailto:x@y.id",
    ): "alamat 'mailto:x@y.id' tidak sah; gunakan alamat yang diawali https://",
    ("url", "https://x.id:abc/"): "tidak dapat dibaca",
    ("url", "https://"): "tidak memuat nama situs",
    ("url", 'https://x.id/"><script>'): "memuat karakter '\"' yang tidak boleh ada di alamat",
    ("repo_url", "mailto:x@y.id"): "gunakan alamat yang diawali https://",
    ("repo_url", "https://[::1"): "tidak dapat dibaca",
}


@pytest.mark.parametrize("case", list(URLS), ids=lambda c: f"{c[0]}={c[1]}")
def test_addresses_that_mkdocs_or_urlsplit_reject(project: Path, case: tuple[str, str]) -> None:
    field, value = case
    quoted = "'" + value.replace("'", "''") + "'"
    assert_reported(project, field, quoted, URLS[case])


# ---------------------------------------------------------------- no HTML from the title


def test_title_and_description_are_text_on_every_page(project: Path) -> None:
    title = "<script>alert('xss')</script> Portal \"Uji\" & Co"
    set_field(project, "title", "'" + title.replace("'", "''") + "'")
    set_field(project, "description", "'<b>deskripsi-uji</b> \" onmouseover=\"alert(1)'")
    checked = run_cli("check", cwd=project, env=NO_CACHE)
    assert checked.returncode == 0, checked.stdout
    out = project / "keluaran"
    built = run_cli("build", "-q", "--output", "keluaran", cwd=project, epoch=MINI_EPOCH)
    assert built.returncode == 0, built.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    escaped = "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; Portal &#34;Uji&#34; &amp; Co"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<b>deskripsi-uji" not in html, page
        assert '" onmouseover="' not in html, page
        assert "&amp;lt;" not in html and "&amp;#" not in html, f"double escaping in {page}"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f"<title>{escaped}</title>" in home
    assert f'aria-label="{escaped}"' in home
    assert f'title="{escaped}"' in home
    modules = (out / "modul" / "index.html").read_text(encoding="utf-8")
    assert f"<title>Modul Pelatihan - {escaped}</title>" in modules
    feed = (out / "magang" / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed
