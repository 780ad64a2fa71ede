"""`kurikulum check --changed-since REV`: which files a change can break.

A pull request touches a few records; checking only those, plus the records
that refer to them, keeps CI fast on a large curriculum. The record files that
are not read still count as existing (see `load_curriculum(only=...)`), so
references to them resolve.

References point at modules only (prerequisites, program modules, related
modules); competency ids point into competencies.yml, and the site settings
touch every record: a change to either means a full check.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import load_config
from generator.load import COMPETENCIES_FILE

# Record kinds whose files may hold references to modules.
REFERRING = ("modules", "programs", "internships")


class ChangesError(Exception):
    """git could not tell what changed; the message is for the editor."""


@dataclass
class Affected:
    """The files a change can break. `only` is None when everything must be checked."""

    only: set[Path] | None
    changed: list[Path] = field(default_factory=list)  # changed files in the curriculum
    referrers: list[Path] = field(default_factory=list)  # unchanged files referring to them
    reason: str = ""  # why everything is checked

    def describe(self, rev: str) -> str:
        """One Indonesian line on what this run checks."""
        if self.only is None:
            return f"Berubah sejak {rev}: {self.reason}; semua berkas diperiksa."
        if not self.changed:
            return f"Tidak ada berkas kurikulum yang berubah sejak {rev}."
        text = f"Berubah sejak {rev}: {len(self.changed)} berkas kurikulum"
        if self.referrers:
            text += f", ditambah {len(self.referrers)} berkas yang merujuknya"
        return text + "."


def curriculum_root(curriculum_dir: Path | None, config_path: Path) -> Path | None:
    """The curriculum folder `check` reads: the argument, or the one site_config.yml names."""
    if curriculum_dir is not None:
        return curriculum_dir
    config, _ = load_config(config_path)
    return None if config is None else config_path.parent / config.curriculum


def changed_files(rev: str, *, cwd: Path | None = None) -> list[Path]:
    """Files changed between REV and HEAD (`REV...HEAD`), plus uncommitted and untracked ones.

    Deleted files are included: the records that referred to them must be
    checked again. Paths are absolute.
    """
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, rev).strip())
    names: set[str] = set()
    for args in (
        ["diff", "--name-only", "--no-renames", "-z", f"{rev}...HEAD"],
        ["diff", "--name-only", "--no-renames", "-z", "HEAD"],
        ["ls-files", "--others", "--exclude-standard", "-z"],
    ):
        names.update(n for n in _git(args, top, rev).split("\0") if n)
    return sorted((top / name).resolve() for name in names)


def _git(args: list[str], cwd: Path | None, rev: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError:
        raise ChangesError(
            "git tidak ditemukan; --changed-since membutuhkan git. Jalankan "
            "`kurikulum check` tanpa opsi itu untuk memeriksa semua berkas."
        ) from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise ChangesError(
            f"git tidak dapat membandingkan dengan '{rev}'"
            + (f" ({detail[0]})" if detail else "")
            + "; periksa nama cabang atau komit itu (di CI, ambil riwayat lengkap: "
            "fetch-depth: 0 atau GIT_DEPTH: 0)."
        )
    return done.stdout


def affected(root: Path, changed: list[Path], *, config_path: Path | None = None) -> Affected:
    """The record files to check after `changed`: those changed and those referring to them."""
    root = root.resolve()
    mine = [p for p in changed if p.suffix in (".yml", ".yaml") and p.is_relative_to(root)]
    if config_path is not None and config_path.resolve() in changed:
        return Affected(None, mine, reason=f"{config_path.name} berubah")
    if root / COMPETENCIES_FILE in changed:
        return Affected(None, mine, reason=f"{COMPETENCIES_FILE} berubah")
    only = {p for p in mine if p.exists()}
    targets = [key for p in mine if (key := _module_key(root, p))]
    referrers = _referrers(root, targets) - set(mine) if targets else set()
    return Affected(only | referrers, mine, sorted(referrers))


def _module_key(root: Path, path: Path) -> tuple[str, str] | None:
    """(partner, id) of a module file, or None for any other file."""
    parts = path.relative_to(root).parts
    if len(parts) == 3 and parts[1] == "modules" and path.suffix == ".yml":
        return parts[0], path.stem
    return None


def _referrers(root: Path, modules: list[tuple[str, str]]) -> set[Path]:
    """Record files whose text mentions one of `modules` the way a reference is written.

    A text search, not a parse: it may find a file that only mentions the id in
    its description (checked for nothing), but never misses a reference.
    """
    edge_before, edge_after = r"(?<![A-Za-z0-9_/-])", r"(?![A-Za-z0-9_-])"
    qualified = "|".join(re.escape(f"{p}/{i}") for p, i in modules)
    anywhere = re.compile(f"{edge_before}(?:{qualified}){edge_after}")
    bare: dict[str, re.Pattern[str]] = {}
    for partner in {p for p, _ in modules}:
        ids = "|".join(re.escape(i) for p, i in modules if p == partner)
        bare[partner] = re.compile(f"{edge_before}(?:{ids}){edge_after}")
    found: set[Path] = set()
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name.startswith((".", "_")):
            continue
        for kind in REFERRING:
            for path in sorted((folder / kind).glob("*.yml")):
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                own = bare.get(folder.name)
                if anywhere.search(text) or (own is not None and own.search(text)):
                    found.add(path.resolve())
    return found
