"""The `kurikulum` command: a thin layer that parses options and prints.

Heavy imports (MkDocs, Jinja2) happen inside the commands that need them, so
that `kurikulum check` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import __version__, clitext
from generator.config import CONFIG_NAME, exists

clitext.install()  # click's usage lines and errors in Indonesian

config_option = click.option(
    "--config",
    "config_path",
    default=CONFIG_NAME,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Berkas pengaturan portal.",
)


def _summary(files: int, errors: int, warnings: int) -> str:
    from generator.progress import number_id as n

    if not errors and not warnings:
        return f"Diperiksa {n(files)} berkas: tidak ada masalah."
    return f"Diperiksa {n(files)} berkas: {n(errors)} galat, {n(warnings)} peringatan."


# Click's own help and version texts are English; everything users read is Indonesian.
help_option = click.help_option("-h", "--help", help="Tampilkan bantuan ini lalu keluar.")


@click.group(cls=clitext.Group, add_help_option=False)
@help_option
@click.version_option(__version__, prog_name="kurikulum", help="Tampilkan versi lalu keluar.")
def main() -> None:
    """Portal Kurikulum: membangun portal pengembangan kompetensi ASN dari berkas YAML."""


@main.command(add_help_option=False)
@help_option
@click.argument(
    "curriculum_dir", required=False, metavar="[FOLDER]", type=click.Path(path_type=Path)
)
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="Bentuk keluaran: teks, JSON, atau anotasi GitHub Actions.",
)
@click.option(
    "--changed-since",
    "rev",
    metavar="REV",
    help="Hanya berkas yang berubah sejak cabang atau komit REV (git), berkas yang belum "
    "dikomit, dan rekaman yang merujuknya.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Baca ulang setiap berkas tanpa memakai tembolok (.kurikulum-cache).",
)
def check(
    curriculum_dir: Path | None, config_path: Path, fmt: str, rev: str | None, no_cache: bool
) -> None:
    """Memeriksa semua berkas kurikulum dan melaporkan setiap masalah sekaligus.

    FOLDER kurikulum bawaannya folder yang disebut di site_config.yml.
    Keluar dengan kode 1 bila ada galat.
    """
    from generator.catalog import check_curriculum
    from generator.problems import format_json

    only = None
    if rev:
        only = _changed_only(rev, curriculum_dir, config_path, err=fmt == "json")
    from generator.cache import default_dir

    # The cache beside site_config.yml (or in the current folder for a bare DIR), used
    # and refreshed when `build` or `serve` made it: a fresh CI checkout has none, and
    # writing one there would only cost time.
    base = config_path.parent if exists(config_path) else Path.cwd()
    cache_dir = None if no_cache else default_dir(base)
    if cache_dir is not None and not cache_dir.is_dir():
        cache_dir = None
    result = check_curriculum(
        curriculum_dir, config_path=config_path, only=only, full=False, cache_dir=cache_dir
    )
    problems = result.problems
    if fmt == "json":
        click.echo(format_json(problems))
    else:
        for problem in problems:
            click.echo(problem.format_github() if fmt == "github" else problem.format())
    summary = _summary(result.files, result.errors, result.warnings)
    click.echo(summary, err=fmt == "json")
    sys.exit(1 if result.errors else 0)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"Galat: {message}", err=True)
    sys.exit(code)


def _changed_only(
    rev: str, curriculum_dir: Path | None, config_path: Path, *, err: bool
) -> set[Path] | None:
    """The files `check --changed-since REV` reads (None: all), announced in one line."""
    from generator.changes import ChangesError, affected, changed_files, curriculum_root

    root = curriculum_root(curriculum_dir, config_path)
    if root is None:
        return None  # the full check reports what is wrong with site_config.yml
    try:
        changed = changed_files(rev, cwd=root if root.is_dir() else None)
    except ChangesError as exc:
        _fail(str(exc), 2)
    found = affected(root, changed, config_path=config_path)
    click.echo(found.describe(rev), err=err)
    return found.only


@main.command(add_help_option=False)
@help_option
@click.argument("kind", metavar="JENIS")
# MITRA/ID takes the rest of the line: `new module usu/Analisis Baru` (a name with a
# space, unquoted) gets the id's own Indonesian answer, not click's English one.
@click.argument("target", metavar="MITRA/ID", nargs=-1, required=True)
@config_option
@click.option(
    "--curriculum",
    "curriculum_dir",
    metavar="FOLDER",
    type=click.Path(path_type=Path),
    help="Folder kurikulum (bawaan: kolom 'curriculum' di site_config.yml).",
)
def new(kind: str, target: tuple[str, ...], config_path: Path, curriculum_dir: Path | None) -> None:
    """Membuat berkas rekaman baru dari templat berkomentar.

    JENIS module (modul), program, internship (magang) atau forum dengan
    MITRA/ID, misalnya `kurikulum new module usu/analisis-data`; untuk mitra
    baru: `kurikulum new partner ID` (mitra). Berkas yang sudah ada tidak
    pernah ditimpa.
    """
    from generator.config import load_config
    from generator.model import SiteConfig
    from generator.scaffold import ScaffoldError, new_record

    config = load_config(config_path)[0] if exists(config_path) else None
    base = config_path.parent

    def setting(name: str):  # without a valid site_config.yml: the model's defaults
        return getattr(config, name) if config else SiteConfig.model_fields[name].default

    root = curriculum_dir or base / setting("curriculum")
    try:
        path = new_record(
            root, kind, " ".join(target), site_url=setting("url"), site_dir=base / setting("output")
        )
    except ScaffoldError as exc:
        _fail(str(exc))
    click.echo(f"Dibuat: {path.as_posix()}")
    click.echo("Isi kolom bertanda WAJIB, lalu jalankan `kurikulum check`.")


@main.command(add_help_option=False)
@help_option
@click.argument("outdir", metavar="FOLDER", type=click.Path(path_type=Path))
def schema(outdir: Path) -> None:
    """Menulis skema JSON setiap jenis rekaman ke FOLDER."""
    from generator.schema import write_schemas

    for path in write_schemas(outdir):
        click.echo(str(path))


@main.command(add_help_option=False)
@help_option
@click.argument("folder", metavar="FOLDER", type=click.Path(path_type=Path))
@config_option
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["json", "csv", "xlsx", "ics", "atom", "skema"]),
    help="Hanya jenis berkas ini; dapat diulang, misalnya --format csv --format xlsx "
    "(bawaan: semua).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Baca ulang setiap berkas tanpa memakai tembolok (.kurikulum-cache).",
)
def export(folder: Path, config_path: Path, formats: tuple[str, ...], no_cache: bool) -> None:
    """Menulis data terbuka ke FOLDER tanpa membangun situs.

    Berkasnya sama dengan yang diterbitkan situs (data/ JSON, CSV dan XLSX,
    kalender .ics, umpan magang, skema rekaman), dengan susunan folder yang
    sama. FOLDER yang sudah ada hanya diganti bila kosong atau hasil ekspor
    sebelumnya.
    """
    from generator.export import export as run_export
    from generator.problems import CurriculumError

    try:
        result = run_export(folder, config_path=config_path, formats=formats, cache=not no_cache)
    except CurriculumError as exc:
        _print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        _fail(f"Ekspor dibatalkan: {errors} galat. Folder ekspor tidak diubah.")
    from generator.progress import number_id, seconds_id

    counts = ", ".join(f"{name} {number_id(count)}" for name, count in result.counts.items())
    click.echo(
        f"Data diekspor ke {folder}: {number_id(result.files)} berkas ({counts}) dalam "
        f"{seconds_id(result.seconds)} detik."
    )


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(problem.format(), err=True)


@main.command(add_help_option=False)
@help_option
@config_option
@click.option(
    "--output", type=click.Path(path_type=Path), help="Folder keluaran (bawaan: kolom 'output')."
)
@click.option("--quiet", "-q", is_flag=True, help="Tanpa baris kemajuan per tahap.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Baca ulang setiap berkas tanpa memakai tembolok (.kurikulum-cache).",
)
def build(config_path: Path, output: Path | None, quiet: bool, no_cache: bool) -> None:
    """Memeriksa kurikulum lalu membangun situs portal.

    Situs lama baru diganti setelah pembangunan berhasil seluruhnya.
    """
    from generator.build import BuildError
    from generator.build import build as run_build
    from generator.problems import CurriculumError
    from generator.progress import Progress

    try:
        result = run_build(
            config_path, output, progress=Progress(enabled=not quiet), cache=not no_cache
        )
    except CurriculumError as exc:
        _print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        _fail(f"Pembangunan dibatalkan: {errors} galat pada kurikulum. Situs lama tidak diubah.")
    except BuildError as exc:
        _fail(str(exc))
    from generator.progress import number_id, seconds_id

    click.echo(
        f"Situs dibangun di {result.output}: {number_id(result.pages)} halaman dalam "
        f"{seconds_id(result.seconds)} detik."
    )


@main.command(add_help_option=False)
@help_option
@config_option
@click.option(
    "--port", default=8000, metavar="ANGKA", show_default=True, help="Port server pratinjau."
)
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="ALAMAT",
    show_default=True,
    help="Alamat server pratinjau.",
)
def serve(config_path: Path, port: int, host: str) -> None:
    """Pratinjau langsung: membangun ulang saat berkas kurikulum, templat atau pengaturan berubah.

    Rekaman draf (draft: true) ikut ditampilkan dan ditandai.
    """
    from generator.problems import CurriculumError
    from generator.serve import serve as run_serve

    try:
        run_serve(config_path, host=host, port=port, report=_print_problems)
    except CurriculumError as exc:
        _print_problems(exc.problems)
        _fail("Perbaiki galat di atas, lalu jalankan lagi.")
