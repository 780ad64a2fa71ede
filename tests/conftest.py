"""Shared fixtures: a small valid curriculum that each test bends in one place."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.catalog import check_curriculum
from generator.problems import Problem

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _record_cache_outside_the_repo(tmp_path_factory: pytest.TempPathFactory):
    """Builds in tests use the record cache, in a temporary folder, not beside
    the fixtures' site_config.yml in the source tree."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KURIKULUM_CACHE_DIR", str(tmp_path_factory.mktemp("kurikulum-cache")))
        yield


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini that a test may edit."""
    import shutil

    root = tmp_path / "project"
    shutil.copytree(
        REPO / "tests" / "fixtures" / "mini",
        root,
        ignore=shutil.ignore_patterns(".kurikulum-cache"),
    )
    return root


COMPETENCIES = """\
pelayanan-publik:
  name: Pelayanan Publik
  type: teknis
  description: Kemampuan memberikan pelayanan yang cepat dan ramah.
kepemimpinan:
  name: Kepemimpinan
  type: manajerial
literasi-digital:
  name: Literasi Digital
  type: teknis
"""

USU_PARTNER = """\
name: Universitas Sumatera Utara
short_name: USU
kind: universitas
city: Medan
website: https://www.usu.ac.id/
email: humas@usu.ac.id
phone: 0618211633
"""

UNIMED_PARTNER = """\
name: Universitas Negeri Medan
short_name: UNIMED
kind: universitas
city: Medan
website: https://www.unimed.ac.id/
"""

PELAYANAN_PRIMA = """\
title: Pelayanan Prima
summary: Dasar-dasar pelayanan publik yang cepat dan ramah.
description: |
  Modul ini membahas **standar pelayanan** dan pengelolaan keluhan.

  Lihat juga [panduan](https://www.usu.ac.id/panduan).
method: pelatihan
mode: luring
jp: 24
level: dasar
competency_type: teknis
competencies:
  - pelayanan-publik
topics:
  - Standar pelayanan
  - Pengelolaan keluhan
instructors:
  - name: Dr. Rina Siregar
    role: Narasumber
contact:
  name: Sekretariat
  email: pelatihan@usu.ac.id
  phone: 0618211633
offerings:
  - id: angkatan-1
    name: Angkatan I 2026
    start: 2026-02-10 08:00
    end: 2026-02-12 16:00
    sessions:
      - title: Hari pertama
        start: 2026-02-10 08:00
        end: 2026-02-10 16:00
    venue:
      name: Gedung Pusat Pelatihan USU
      city: Medan
    quota: 30
    registration:
      url: https://www.usu.ac.id/daftar
      opens: 2026-01-05
      closes: 2026-02-03
"""

PELAYANAN_LANJUT = """\
title: Pelayanan Lanjut
summary: Inovasi pelayanan publik.
method: workshop
mode: campuran
jp: 16
competency_type: teknis
competencies:
  - pelayanan-publik
prerequisites:
  - pelayanan-prima
"""

USU_PROGRAM = """\
title: Jalur Pelayanan Publik
summary: Dari dasar sampai inovasi pelayanan.
competency_type: teknis
modules:
  - pelayanan-prima
  - pelayanan-lanjut
  - unimed/literasi-digital
"""

USU_INTERNSHIP = """\
title: Magang Layanan Akademik
summary: Belajar langsung di unit layanan akademik.
host:
  unit: Biro Akademik USU
  city: Medan
start: 2026-04-01
end: 2026-04-30
quota: 5
jp: 40
competencies:
  - pelayanan-publik
application:
  url: https://www.usu.ac.id/magang
  closes: 2026-03-15
related_modules:
  - pelayanan-prima
"""

USU_FORUM = """\
title: Forum Pelayanan Publik
summary: Berbagi praktik baik setiap bulan.
schedule:
  first: 2026-01-08 14:00
  duration_minutes: 90
  recurrence: FREQ=MONTHLY;BYDAY=2TH
  until: 2026-12-31
online: https://meet.example.org/forum
"""

LITERASI_DIGITAL = """\
title: Literasi Digital ASN
summary: Bekerja aman dan cerdas dengan perangkat digital.
method: e-learning
mode: daring
jp: 12
competency_type: teknis
competencies:
  - literasi-digital
prerequisites:
  - usu/pelayanan-prima
offerings:
  - id: angkatan-1
    start: 2026-03-02
    end: 2026-03-27
    online: https://elearning.unimed.ac.id/
"""

BASE_FILES: dict[str, str] = {
    "competencies.yml": COMPETENCIES,
    "usu/partner.yml": USU_PARTNER,
    "usu/modules/pelayanan-prima.yml": PELAYANAN_PRIMA,
    "usu/modules/pelayanan-lanjut.yml": PELAYANAN_LANJUT,
    "usu/programs/jalur-pelayanan.yml": USU_PROGRAM,
    "usu/internships/magang-akademik.yml": USU_INTERNSHIP,
    "usu/forums/forum-pelayanan.yml": USU_FORUM,
    "unimed/partner.yml": UNIMED_PARTNER,
    "unimed/modules/literasi-digital.yml": LITERASI_DIGITAL,
}


def edit_base(path: str, *changes: tuple[str, str]) -> dict[str, str]:
    """BASE_FILES[path] with each (old, new) replaced once: {path: text}."""
    text = BASE_FILES[path]
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return {path: text}


# A minimal valid module, for tests that only need "some module" to bend.
MODULE = """\
title: Modul Uji
summary: Ringkasan.
method: pelatihan
mode: luring
jp: 8
competency_type: teknis
"""

MakeCurriculum = Callable[..., Path]


def write_files(root: Path, files: dict[str, str | bytes | None]) -> None:
    """Write `files` (relative path → text, bytes, or None to delete) below `root`."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


@pytest.fixture
def make_curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeCurriculum:
    """Write the base curriculum to `tmp_path/cur`, apply `files`, and chdir to `tmp_path`.

    Problems are then reported with paths such as `cur/usu/modules/x.yml`.
    `base=False` starts from an empty folder instead of the base curriculum.
    """
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes | None] | None = None, *, base: bool = True) -> Path:
        root = tmp_path / "cur"
        root.mkdir(exist_ok=True)
        write_files(root, {**(BASE_FILES if base else {}), **(files or {})})
        return root

    return make


def run_check(root: Path) -> list[Problem]:
    """Every problem `kurikulum check` finds in `root` (no site_config.yml involved)."""
    result = check_curriculum(root, config_path=root / "no-site-config.yml")
    return result.problems


def problems_at(problems: list[Problem], path: str, field: str | None = None) -> list[Problem]:
    return [p for p in problems if p.path == path and (field is None or p.field == field)]


def one(problems: list[Problem], path: str, field: str | None = None) -> Problem:
    """The single problem reported for `path` (and `field`), with a readable failure."""
    found = problems_at(problems, path, field)
    listing = "\n".join(p.format() for p in problems) or "(none)"
    assert len(found) == 1, f"expected one problem at {path} {field!r}, got:\n{listing}"
    return found[0]


CheckFiles = Callable[..., list[Problem]]


@pytest.fixture
def check(make_curriculum: MakeCurriculum) -> CheckFiles:
    """`check({path: text})`: the problems of the base curriculum with those files applied."""

    def run(files: dict[str, str | bytes | None] | None = None, *, base: bool = True):
        return run_check(make_curriculum(files, base=base))

    return run


def module(extra: str = "", *, replace: dict[str, str] | None = None) -> str:
    """`MODULE` (6 lines) with `replace` applied (old → new) and `extra` appended from line 7."""
    text = MODULE
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text + textwrap.dedent(extra)
