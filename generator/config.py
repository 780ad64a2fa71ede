"""site_config.yml → SiteConfig.

Besides the values themselves (see `SiteConfig`), the two folders it names are
checked here, at their lines in site_config.yml, because `build` relies on
them: the curriculum folder must exist, and the output folder is replaced
wholesale by every build, so it must never be the project, the curriculum,
site_config.yml or the cache, nor a folder holding something other than a
site this tool built (`output_problem`, also used by `build --output`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from generator.cache import CACHE_DIR_NAME
from generator.model import SiteConfig
from generator.problems import Problem
from generator.validate import validate
from generator.yamlio import OS_REASONS, Document, misnamed_file, read_yaml
from generator.yamlio import os_reason as file_reason

CONFIG_NAME = "site_config.yml"
# What every site built by `kurikulum build` contains (the theme's extra CSS and JS).
SITE_MARKER = Path("assets") / "kurikulum"
# The build writes `.NAME-baru-XXXXXXXX` and `.NAME-lama-PID-NS` beside the output
# (inside it when it is a mount point), and keeps the site it replaced as
# `.NAME-lama-siaga` (`standby_name`) for the next build to write into.
MAX_OUTPUT_NAME = 200


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`path` relative to the current folder when it lies below it, for messages."""
    cwd = cwd or Path.cwd()
    try:
        return os.path.relpath(path, cwd) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def exists(path: Path) -> bool:
    """`path.exists()`, False where the system cannot even look (a name too long for
    the file system): reading it then says why."""
    try:
        return path.exists()
    except OSError:
        return False


def load_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and validate the portal's settings.

    A curriculum folder that the file names and that is missing or unreadable gives
    no config (nothing can be read); a bad output folder is a problem beside a config, so that the
    curriculum is still checked in the same run.
    """
    display = display_path(path)
    if not exists(path):
        other = _misnamed_config(path)
        if other is not None:
            return None, [
                Problem(
                    display_path(other),
                    1,
                    1,
                    "",
                    f"ganti nama berkas ini menjadi {path.name}; pengaturan portal hanya dibaca "
                    "dari berkas dengan nama itu.",
                )
            ]
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
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        return config, problems
    base = path.parent
    curriculum = _setting(config, data, "curriculum")
    # Only a folder the file names: without the field, `check DIR` may use the file for
    # its other settings, and the default folder's absence is reported where it is read.
    if curriculum is not None and "curriculum" in data:
        message = _curriculum_problem(base / curriculum, curriculum)
        if message:
            problems.append(doc.problem(("curriculum",), message))
            config = None
    output = _setting(config, data, "output")
    if output is not None:
        message = output_problem(
            base / output,
            output_subject(output),
            config_path=path,
            curriculum=base / curriculum if curriculum is not None else None,
        )
        if message:
            problems.append(doc.problem(("output",), message))
    return config, problems


def _misnamed_config(path: Path) -> Path | None:
    """`site_config.yaml`, `Site_Config.yml` or `site_config.yml.txt` beside a missing
    site_config.yml: the file the editor meant."""
    return misnamed_file(path.parent, (path.name.rsplit(".", 1)[0].lower(),))


def curriculum_guess(path: Path) -> Path | None:
    """The curriculum folder of a site_config.yml that did not validate: the one its
    `curriculum` names (`curriculum` beside it by default), when it is a folder. The
    curriculum is then still checked in the same run, so that an editor sees every
    problem at once, not the settings' first and the curriculum's after fixing them."""
    doc, _ = read_yaml(path, display_path(path))
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    # A folder the file names but that is not there has its own problem: no other.
    value = data.get("curriculum", "curriculum")
    if not isinstance(value, str) or not value.strip():
        return None
    folder = path.parent / value.strip()
    try:
        return folder if folder.is_dir() else None
    except OSError:
        return None


def output_location(config_path: Path) -> Problem:
    """A problem skeleton at the `output` line of site_config.yml (1:1 when unreadable)."""
    display = display_path(config_path)
    try:
        doc, _ = read_yaml(config_path, display)
    except Exception:  # noqa: BLE001 - only a position is wanted
        doc = None
    if isinstance(doc, Document):
        return doc.problem(("output",), "")
    return Problem(display, 1, 1, "output", "")


def _setting(config: SiteConfig | None, data: dict, name: str) -> str | None:
    """The value of a folder setting: from the config, else the raw text when it is usable
    (another field's mistake must not hide this one's), else None."""
    if config is not None:
        return getattr(config, name)
    value = data.get(name, SiteConfig.model_fields[name].default)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if value and "\n" not in value else None


def output_subject(value: str, *, option: bool = False) -> str:
    """How messages name the output folder: the `output` setting, or `build --output`."""
    return f"folder keluaran {'--output ' if option else ''}'{_shown(value)}'"


def _shown(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 3] + "..."


def os_reason(exc: BaseException) -> str:
    """Why the file system refused a folder, in Indonesian."""
    if isinstance(exc, ValueError):  # an embedded NUL character
        return "namanya memuat karakter yang tidak sah"
    if isinstance(exc, RuntimeError):  # Path.resolve on a symbolic link loop
        return OS_REASONS[errno.ELOOP]
    if isinstance(exc, OSError):
        return file_reason(exc, missing="folder di atasnya tidak ada dan tidak dapat dibuat")
    return f"galat sistem berkas: {exc}"


def _curriculum_problem(root: Path, value: str) -> str | None:
    shown = _shown(value)
    try:
        if root.is_dir():
            return None
        exists = root.exists()
    except (OSError, ValueError) as exc:
        return (
            f"folder kurikulum '{shown}' tidak dapat dibuka ({os_reason(exc)}); tulis nama "
            "folder yang berisi competencies.yml dan folder mitra, misalnya curriculum."
        )
    if exists:
        return (
            f"'{shown}' adalah berkas, bukan folder; tulis nama folder yang berisi "
            "competencies.yml dan folder mitra, misalnya curriculum."
        )
    where = "" if Path(value).is_absolute() else " di samping site_config.yml"
    return (
        f"folder kurikulum '{shown}' tidak ditemukan{where}; tulis nama "
        "folder yang berisi competencies.yml dan folder mitra, misalnya curriculum."
    )


def _cache_folders(base: Path) -> list[Path]:
    folders = [base / CACHE_DIR_NAME]
    elsewhere = os.environ.get("KURIKULUM_CACHE_DIR")
    if elsewhere:
        folders.append(Path(elsewhere))
    return folders


def related(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are the same folder or one lies inside the other."""
    return a == b or a in b.parents or b in a.parents


def output_problem(
    out: Path, subject: str, *, config_path: Path, curriculum: Path | None
) -> str | None:
    """Why `out` must not be the output folder (a build replaces it wholesale), or None.

    `subject` names it in the message ("folder keluaran 'site'").
    """
    choose = "Tulis folder tersendiri untuk situs, misalnya site."
    base = config_path.parent
    try:
        target = out.resolve()
        if len(target.name.encode()) > MAX_OUTPUT_NAME:
            return (
                f"nama {subject} terlalu panjang ({len(target.name)} karakter); gunakan "
                f"nama yang lebih pendek, misalnya site."
            )
        project = base.resolve()
        if target == project or target in project.parents:
            return (
                f"{subject} adalah folder proyek (tempat site_config.yml) atau folder di "
                f"atasnya; pembangunan akan mengganti seluruh isinya. {choose}"
            )
        if target == config_path.resolve():
            return f"{subject} adalah berkas site_config.yml itu sendiri. {choose}"
        if curriculum is not None and related(target, curriculum.resolve()):
            return (
                f"{subject} adalah folder kurikulum, berada di dalamnya, atau memuatnya; "
                f"pembangunan akan mengganti isinya. {choose}"
            )
        for cache in _cache_folders(project):
            if related(target, cache.resolve()):
                return (
                    f"{subject} adalah folder tembolok {CACHE_DIR_NAME}, berada di dalamnya, "
                    f"atau memuatnya. {choose}"
                )
        return existing_output_problem(out, subject)
    except (OSError, ValueError, RuntimeError) as exc:
        return f"{subject} tidak dapat dibuka ({os_reason(exc)}). {choose}"


def existing_output_problem(out: Path, subject: str) -> str | None:
    """Why an existing `out` must not be replaced by a new site, or None: only an empty
    folder or a site built by this tool may be (raises OSError when it cannot look)."""
    if not out.exists():
        return None
    if not out.is_dir():
        return (
            f"{subject} sudah ada dan bukan folder; pembangunan akan menggantinya. Pilih "
            "folder lain, misalnya site."
        )
    if (out / SITE_MARKER).is_dir() or not has_entries(out):
        return None
    return (
        f"{subject} sudah berisi berkas lain dan bukan situs hasil `kurikulum build` "
        f"(tidak ada {SITE_MARKER.as_posix()}/); pembangunan akan menghapus isinya. Pilih "
        "folder lain atau kosongkan folder itu."
    )


def staging_names(folder: Path) -> tuple[str, str]:
    """The name prefixes of the folders a build or an export of `folder` writes
    before it replaces it (the new one) and after (the old one)."""
    return f".{folder.name}-baru-", f".{folder.name}-lama-"


def standby_name(folder: Path) -> str:
    """The name of the site a build replaced, kept beside `folder` for the next build:
    it starts like the old ones (`staging_names`), so whatever ignores a build's
    staging folders ignores it too."""
    return f"{staging_names(folder)[1]}siaga"


def has_entries(folder: Path) -> bool:
    """Whether `folder` holds anything but a build's own staging folders (written
    inside the output when it is a mount point: `build.staging_folder`)."""
    ours = staging_names(folder)
    with os.scandir(folder) as entries:
        return any(not entry.name.startswith(ours) for entry in entries)
