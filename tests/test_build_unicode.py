"""Characters beyond the basic plane in site_config.yml, and project folders whose
names are not UTF-8: the build writes them, it does not stop."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI  # noqa: E402

from generator.build import build  # noqa: E402

pytest_plugins = ["sitehelpers"]


def _project(where: Path, title: str, description: str) -> Path:
    shutil.copytree(MINI, where)
    config = where / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
    text = re.sub(r"(?m)^description: >-\n(?:  .*\n)+", f"description: {description}\n", text)
    config.write_text(text, encoding="utf-8")
    return config


def test_an_emoji_in_the_site_title_and_description(mini_build_env, tmp_path):
    config = _project(tmp_path / "proyek", "Portal Belajar 🎓", "Kompetensi ASN 📚 Kota Medan")
    out = tmp_path / "site"
    build(config, out)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Portal Belajar 🎓</title>" in home
    assert 'content="Kompetensi ASN 📚 Kota Medan"' in home
    assert "Portal Belajar 🎓" in (out / "404.html").read_text(encoding="utf-8")


def test_a_project_folder_whose_name_is_not_utf8(mini_build_env, tmp_path):
    where = tmp_path / os.fsdecode(b"proyek-\xff")
    config = _project(where, "Portal Belajar 🎓", "Kompetensi ASN Kota Medan")
    out = where / "site"
    build(config, out)
    assert "<title>Portal Belajar 🎓</title>" in (out / "index.html").read_text(encoding="utf-8")
