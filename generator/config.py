"""site_config.yml → SiteConfig."""

from __future__ import annotations

import os
from pathlib import Path

from generator.model import SiteConfig
from generator.problems import Problem
from generator.validate import validate
from generator.yamlio import read_yaml

CONFIG_NAME = "site_config.yml"


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`path` relative to the current folder when it lies below it, for messages."""
    cwd = cwd or Path.cwd()
    try:
        return os.path.relpath(path, cwd) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def load_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and validate the portal's settings."""
    display = display_path(path)
    if not path.exists():
        return None, [
            Problem(
                display,
                1,
                1,
                "",
                f"berkas pengaturan {path.name} tidak ditemukan; buat berkas "
                "itu atau tunjuk dengan --config.",
            )
        ]
    doc, problems = read_yaml(path, display)
    if doc is None:
        return None, problems
    config, problems = validate(SiteConfig, doc, doc.data)
    return config, problems
