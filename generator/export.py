"""`kurikulum export`: the portal's open data, without building the site.

The same files, byte for byte, as a build publishes (`data/`, the calendars,
the internship feed, the record schemas), in the same layout, written into a
folder of their own: a partner's data pipeline or an editor's spreadsheet gets
them in seconds, with no MkDocs and no pages.

Like a build, it checks everything first and writes nothing when the
curriculum has an error; the folder is filled beside the target and put in
its place as a build's site is (`build.publish`), so a reader never sees half
an export and a module removed since the last export leaves no calendar
behind. Only an empty folder or an earlier export (it holds `MARKER`) is ever
replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.build import publish, staging_folder
from generator.cache import CACHE_DIR_NAME
from generator.config import (
    CONFIG_NAME,
    display_path,
    has_entries,
    os_reason,
    related,
    staging_names,
)
from generator.pages import FEED_PATH
from generator.problems import CurriculumError, Problem

MARKER = ".kurikulum-ekspor"
MARKER_TEXT = (
    "Folder ini hasil `kurikulum export`. Ekspor berikutnya ke folder ini mengganti "
    "seluruh isinya.\n"
)

# Which published files each format is; the site's own files (the planner's script,
# opensearch.xml) are not open data and are never exported.
FORMATS: dict[str, Callable[[str], bool]] = {
    "json": lambda p: p.startswith("data/") and p.count("/") == 1 and p.endswith(".json"),
    "csv": lambda p: p.endswith(".csv"),
    "xlsx": lambda p: p.endswith(".xlsx"),
    "ics": lambda p: p.endswith(".ics"),
    "atom": lambda p: p == FEED_PATH,
    "skema": lambda p: p.startswith("data/schema/"),
}


@dataclass
class ExportResult:
    folder: Path
    counts: dict[str, int]  # files written per format, in FORMATS order
    seconds: float

    @property
    def files(self) -> int:
        return sum(self.counts.values())


def export(
    folder: Path,
    *,
    config_path: Path = Path(CONFIG_NAME),
    formats: Iterable[str] = (),
    cache: bool = True,
) -> ExportResult:
    """Write the chosen formats (all when none) into `folder`; CurriculumError (nothing
    written) on any problem with the curriculum or the folder."""
    started = time.perf_counter()
    chosen = [name for name in FORMATS if name in set(formats)] or list(FORMATS)
    from generator.catalog import Catalog
    from generator.exports import plan_files

    catalog = Catalog.from_folder(config_path=config_path, cache=cache)
    shown = str(folder) if len(str(folder)) <= 60 else str(folder)[:57] + "..."
    subject = f"folder ekspor '{shown}'"
    message = _folder_problem(folder, subject, config_path, catalog)
    if message is not None:
        raise _problem(folder, message)

    files: dict[str, bytes] = {}
    counts: Counter[str] = Counter()
    for path, data in sorted(plan_files(catalog).items()):
        kind = next((name for name in chosen if FORMATS[name](path)), None)
        if kind is not None:
            files[path] = data
            counts[kind] += 1

    target = folder.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = staging_folder(target)
        tmp = Path(tempfile.mkdtemp(prefix=staging_names(target)[0], dir=staging))
    except OSError as exc:
        raise _problem(folder, f"{subject} tidak dapat dibuat ({os_reason(exc)}).") from None
    try:
        _write_all(tmp, files)
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        publish(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _problem(folder, f"{subject} tidak dapat ditulis ({os_reason(exc)}).") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ExportResult(
        target, {name: counts[name] for name in chosen}, time.perf_counter() - started
    )


def _write_all(root: Path, files: dict[str, bytes]) -> None:
    """Write `files` under `root`, each folder made once (a module's calendar has a
    folder of its own: 10,000 of them are most of a large export's time)."""
    for folder in sorted({(root / path).parent for path in files}):
        folder.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        (root / path).write_bytes(data)


def _problem(folder: Path, message: str) -> CurriculumError:
    return CurriculumError([Problem(display_path(folder), 1, 1, "", message)])


def _folder_problem(folder: Path, subject: str, config_path: Path, catalog) -> str | None:
    """Why `folder` must not be replaced by an export, or None."""
    choose = "Pilih folder tersendiri untuk hasil ekspor, misalnya ekspor."
    try:
        target = folder.resolve()
        project = config_path.parent.resolve()
        cfg = catalog.config
        if target == project or target in project.parents:
            return (
                f"{subject} adalah folder proyek (tempat site_config.yml) atau folder di "
                f"atasnya; ekspor akan mengganti seluruh isinya. {choose}"
            )
        guarded = {
            "folder kurikulum": project / cfg.curriculum,
            "folder keluaran situs": project / cfg.output,
            f"folder tembolok {CACHE_DIR_NAME}": project / CACHE_DIR_NAME,
        }
        if os.environ.get("KURIKULUM_CACHE_DIR"):
            guarded["folder tembolok"] = Path(os.environ["KURIKULUM_CACHE_DIR"])
        for name, path in guarded.items():
            if related(target, path.resolve()):
                return (
                    f"{subject} adalah {name}, berada di dalamnya, atau memuatnya; ekspor "
                    f"akan mengganti isinya. {choose}"
                )
        if not target.exists():
            return None
        if not target.is_dir():
            return f"{subject} sudah ada dan bukan folder. {choose}"
        if (target / MARKER).is_file():
            return None
        if has_entries(target):
            return (
                f"{subject} sudah berisi berkas lain dan bukan hasil `kurikulum export` "
                f"(tidak ada berkas {MARKER}); ekspor akan menghapus isinya. Pilih folder "
                "lain atau kosongkan folder itu."
            )
        return None
    except (OSError, ValueError, RuntimeError) as exc:
        return f"{subject} tidak dapat dibuka ({os_reason(exc)}). {choose}"
