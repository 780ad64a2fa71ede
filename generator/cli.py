"""The `kurikulum` command: a thin layer that parses options and prints.

Heavy imports (MkDocs, Jinja2) happen inside the commands that need them, so
that `kurikulum check` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import __version__
from generator.config import CONFIG_NAME


def _summary(files: int, errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return f"Diperiksa {files} berkas: tidak ada masalah."
    return f"Diperiksa {files} berkas: {errors} galat, {warnings} peringatan."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kurikulum")
def main() -> None:
    """Portal Kurikulum: membangun portal pengembangan kompetensi ASN dari berkas YAML."""


@main.command()
@click.argument("curriculum_dir", required=False, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_path",
    default=CONFIG_NAME,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Berkas pengaturan portal.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="Bentuk keluaran: teks, JSON, atau anotasi GitHub Actions.",
)
def check(curriculum_dir: Path | None, config_path: Path, fmt: str) -> None:
    """Memeriksa semua berkas kurikulum dan melaporkan setiap masalah sekaligus.

    CURRICULUM_DIR bawaannya folder yang disebut di site_config.yml.
    Keluar dengan kode 1 bila ada galat.
    """
    from generator.catalog import check_curriculum
    from generator.problems import format_json

    result = check_curriculum(curriculum_dir, config_path=config_path)
    problems = result.problems
    if fmt == "json":
        click.echo(format_json(problems))
    else:
        for problem in problems:
            click.echo(problem.format_github() if fmt == "github" else problem.format())
    summary = _summary(result.files, result.errors, result.warnings)
    click.echo(summary, err=fmt == "json")
    sys.exit(1 if result.errors else 0)


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path))
def schema(outdir: Path) -> None:
    """Menulis JSON Schema setiap jenis rekaman ke folder OUTDIR."""
    from generator.schema import write_schemas

    for path in write_schemas(outdir):
        click.echo(str(path))


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(problem.format(), err=True)


@main.command()
@click.option(
    "--config",
    "config_path",
    default=CONFIG_NAME,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Berkas pengaturan portal.",
)
@click.option(
    "--output", type=click.Path(path_type=Path), help="Folder keluaran (bawaan: kolom 'output')."
)
def build(config_path: Path, output: Path | None) -> None:
    """Memeriksa kurikulum lalu membangun situs portal.

    Situs lama baru diganti setelah pembangunan berhasil seluruhnya.
    """
    from generator.build import build as run_build
    from generator.problems import CurriculumError

    try:
        result = run_build(config_path, output)
    except CurriculumError as exc:
        _print_problems(exc.problems)
        errors = sum(p.is_error for p in exc.problems)
        raise click.ClickException(
            f"Pembangunan dibatalkan: {errors} galat pada kurikulum. Situs lama tidak diubah."
        ) from None
    click.echo(
        f"Situs dibangun di {result.output}: {result.pages} halaman dalam "
        f"{result.seconds:.1f} detik."
    )


@main.command()
@click.option(
    "--config",
    "config_path",
    default=CONFIG_NAME,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Berkas pengaturan portal.",
)
@click.option("--port", default=8000, show_default=True, help="Port server pratinjau.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat server pratinjau.")
def serve(config_path: Path, port: int, host: str) -> None:
    """Pratinjau langsung: membangun ulang saat berkas kurikulum, templat atau pengaturan berubah.

    Rekaman berstatus draft ikut ditampilkan dan ditandai.
    """
    from generator.problems import CurriculumError
    from generator.serve import serve as run_serve

    try:
        run_serve(config_path, host=host, port=port)
    except CurriculumError as exc:
        _print_problems(exc.problems)
        raise click.ClickException("Perbaiki galat di atas, lalu jalankan lagi.") from None
