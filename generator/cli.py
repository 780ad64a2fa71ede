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
