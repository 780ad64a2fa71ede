"""`kurikulum build`: check, render into a temporary folder, swap it in.

Reads everything and validates before any output is touched; MkDocs renders
into a fresh folder beside the output, and only a complete build replaces the
published site, so a failed build leaves the old site as it was.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import json
import logging
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import folders
from generator.cache import default_dir
from generator.catalog import Catalog
from generator.config import (
    CONFIG_NAME,
    display_path,
    existing_output_problem,
    os_reason,
    output_location,
    output_problem,
    output_subject,
    staging_names,
    standby_name,
)
from generator.pages import SECTIONS
from generator.problems import CurriculumError, Problem
from generator.progress import NULL, Progress, number_id

TEMPLATES = Path(__file__).parent / "templates"


class BuildError(Exception):
    """The build could not write or put in place the new site (a full disk, a folder
    it may not write): `str()` says why in Indonesian; no traceback is shown."""


def failed_path(exc: OSError) -> str:
    """The file an operating-system error was about, for a message (or nothing)."""
    path = exc.filename2 if exc.filename2 is not None else exc.filename
    return f" ({display_path(Path(os.fsdecode(path)))})" if path is not None else ""


@dataclass
class BuildResult:
    output: Path
    pages: int
    seconds: float
    reused: int = 0  # record pages taken unchanged from the previous build


def mkdocs_settings(
    catalog: Catalog, *, site_dir: Path, docs_dir: Path, config_path: Path, drafts: bool = False
) -> dict[str, Any]:
    """The MkDocs configuration, derived from site_config.yml (there is no mkdocs.yml)."""
    from generator.mkdocs_plugin import asset_uri

    cfg = catalog.config
    nav = [{label: f"{url}index.md"} for url, label in SECTIONS]
    extra: dict[str, Any] = {"generator": False}
    if cfg.owner:
        extra["kk_owner"] = cfg.owner.name
    if cfg.licence:
        extra["kk_licence"] = cfg.licence
    settings: dict[str, Any] = {
        "site_name": cfg.title,
        "site_description": cfg.description,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": nav,
        "theme": {
            "name": "material",
            "custom_dir": str(TEMPLATES / "overrides"),
            "language": "id",
            "font": False,
            "features": ["navigation.tabs", "navigation.top"],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
        },
        "plugins": [
            {"kurikulum": {"site_config": str(config_path.resolve()), "drafts": drafts}},
        ],
        "extra_css": [asset_uri("kurikulum.css")],
        "extra_javascript": [asset_uri("kurikulum.js")],
        "extra": extra,
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    if cfg.url:
        settings["site_url"] = cfg.url
    return settings


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load_mkdocs_config(settings: dict[str, Any], config_path: Path):
    from markupsafe import escape
    from mkdocs.config import load_config

    # Not ASCII-escaped: MkDocs reads it as YAML, which takes \ud83c\udf93 (an emoji
    # in a title, as JSON escapes it) for two lone surrogates that cannot be written
    # out. Lone surrogates (a path's bytes that are not UTF-8) stay escaped.
    text = _LONE_SURROGATE.sub(
        lambda m: f"\\u{ord(m[0]):04x}", json.dumps(settings, ensure_ascii=False)
    )
    stream = io.BytesIO(text.encode("utf-8"))
    config = load_config(config_file=stream, config_file_path=str(config_path.resolve()))
    # The theme does not autoescape and writes site_name raw into the header, the
    # <title> and an aria-label (site_description into a meta tag): escaped Markup
    # shows the editor's text as text there, and `| e` leaves it as it is.
    for key in ("site_name", "site_description"):
        if isinstance(config.get(key), str):
            config[key] = escape(config[key])
    return config


def build(
    config_path: Path = Path(CONFIG_NAME),
    output: Path | None = None,
    *,
    include_drafts: bool = False,
    progress: Progress = NULL,
    cache: bool = True,
) -> BuildResult:
    """Build the site. Raises CurriculumError (nothing touched) on any error."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    from generator import datacache, pagecache

    cache_dir = default_dir(config_path.parent) if cache else None
    from generator.search import commit_docs, discard_docs, index_site

    indexed: list[Path] = []
    held: list[Path] = []
    pending: list[Path | None] = []

    def index(written: tuple[Path, Path]) -> None:
        # `site`: the new site, whose unchanged pages are the published ones' links;
        # `published`: the output folder, whose index the new one updates.
        site, published = written
        # The new site is this process's from now on: held until it is swapped in,
        # so that no other build takes it for one a killed build left.
        held.append(site)
        folders.hold(site)
        # In this process while the render process writes the data files: the two
        # steps share the two cores instead of following each other.
        with progress.phase("Mengindeks pencarian"):
            stats = index_site(site, cache_dir, published)
            pending.append(stats.pending)
            if stats.cached:
                progress.note(
                    f"{number_id(stats.parsed)} halaman dibaca ulang; selebihnya tidak berubah sejak "
                    "pengindeksan sebelumnya"
                )
        indexed.append(site)

    try:
        out, tmp, pages, reused = _in_child(
            _render, config_path, output, include_drafts, progress, cache, on_message=index
        )
    except BaseException as exc:
        if output is not None:
            pagecache.discard(cache_dir, output)
            datacache.discard(cache_dir, output)
        for path in pending:
            discard_docs(path)
        for site in held:  # indexing it failed here after the render process was done
            shutil.rmtree(site, ignore_errors=True)
            folders.release(site)
        if isinstance(exc, OSError):
            raise BuildError(
                f"Situs baru tidak dapat ditulis: {os_reason(exc)}{failed_path(exc)}. Situs lama "
                "tidak diubah; perbaiki penyebabnya (misalnya kosongkan ruang diska), lalu "
                "jalankan lagi."
            ) from None
        raise
    try:
        if indexed != [tmp]:  # pragma: no cover - the plugin always reports its pages
            index((tmp, out))
        with progress.phase("Mengganti situs lama"):
            _check_replaceable(out, config_path, output)
            keep = cache_dir is not None and staging_folder(out) != out
            publish(tmp, out, staging_folder(out) / standby_name(out) if keep else None)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        pagecache.discard(cache_dir, out)
        datacache.discard(cache_dir, out)
        for path in pending:
            discard_docs(path)
        if isinstance(exc, OSError):
            raise BuildError(
                f"Situs baru tidak dapat dipasang di {display_path(out)}: {os_reason(exc)}"
                f"{failed_path(exc)}. Sebagian isi folder itu mungkin sudah diganti; perbaiki "
                "penyebabnya, lalu jalankan `kurikulum build` lagi."
            ) from None
        raise
    finally:
        folders.release(tmp)
    pagecache.commit(cache_dir, out)
    datacache.commit(cache_dir, out)
    for path in pending:
        commit_docs(cache_dir, path)
    return BuildResult(out, pages, time.perf_counter() - started, reused)


def _render(
    config_path: Path, output: Path | None, include_drafts: bool, progress: Progress, cache: bool
) -> tuple[Path, Path, int, int]:
    """Read, check and render into a new folder beside the output:
    (output, folder, pages, pages reused from the previous build)."""
    # Read and check everything before any output is touched.
    with progress.phase("Membaca dan memeriksa kurikulum"):
        catalog = Catalog.from_folder(
            config_path=config_path, include_drafts=include_drafts, cache=cache
        )
    if one_shot:
        gc.freeze()
    out = _output_folder(config_path, output, catalog)

    from mkdocs.commands.build import build as mkdocs_build

    from generator import mkdocs_plugin
    from generator.mkdocs_plugin import using

    page_cache = None
    cache_dir = default_dir(config_path.parent) if cache else None
    if cache_dir is not None:
        from generator.pagecache import PageCache

        page_cache = PageCache.open(cache_dir, out, catalog, config_path, drafts=include_drafts)
        if one_shot:
            gc.freeze()
    # What killed builds left beside the output: whole sites nobody will publish.
    staging = staging_folder(out)
    new_prefix, _ = staging_names(out)
    folders.remove_stale(staging, new_prefix)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=new_prefix, dir=staging))
    except OSError as exc:
        message = _cannot_create(config_path, output, exc)
        raise _output_error(config_path, output, message) from None
    folders.hold(tmp)
    # The site the last build replaced, if it kept one: its folders are already
    # made, and its unchanged pages are the published ones' hard links.
    standby = page_cache is not None and _take_standby(staging / standby_name(out), tmp)
    docs = Path(tempfile.mkdtemp(prefix="kurikulum-docs-"))
    try:
        settings = mkdocs_settings(
            catalog, site_dir=tmp, docs_dir=docs, config_path=config_path, drafts=include_drafts
        )
        mk_config = load_mkdocs_config(settings, config_path)
        _quiet_mkdocs()
        if _tell is not None:
            tell = _tell
            mkdocs_plugin.pages_done = lambda site: tell((site, out))
        mkdocs_plugin.keep_frozen = one_shot
        mkdocs_plugin.standby = standby
        with using(catalog, progress, page_cache):
            # Not emptied first when it is the standby: the plugin removes from it
            # what this build does not keep (`mkdocs_plugin.clear_standby`).
            mkdocs_build(mk_config, dirty=standby)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        mkdocs_plugin.pages_done = None
        mkdocs_plugin.keep_frozen = False
        mkdocs_plugin.standby = False
        shutil.rmtree(docs, ignore_errors=True)
    return out, tmp, mkdocs_plugin.pages_written, mkdocs_plugin.pages_reused


def _take_standby(standby: Path, tmp: Path) -> bool:
    """Move the kept site `standby` into the new, empty, held folder `tmp` (one rename:
    of two builds starting together, one gets it); whether there was one."""
    try:
        if standby.is_symlink() or not standby.is_dir():
            return False
    except OSError:
        return False
    # Held before it is renamed (the lock follows the folder): a build starting
    # meanwhile never takes it for one that a killed build left.
    folders.hold(standby)
    try:
        os.rename(standby, tmp)  # replaces the empty folder
        os.utime(tmp)
    except OSError:
        folders.release(standby)
        return False
    folders.release(tmp)  # the empty folder's lock: that folder is gone
    folders.rename_held(standby, tmp)
    if not folders.held_here(tmp):
        folders.hold(tmp)
    return True


def _subject(config_path: Path, output: Path | None) -> str:
    if output is not None:
        return output_subject(str(output), option=True)
    from generator.config import load_config

    config, _ = load_config(config_path)
    return output_subject(config.output if config else "site")


def _output_error(config_path: Path, output: Path | None, message: str) -> CurriculumError:
    """The problem with the output folder, where the editor chose it: the `output` line of
    site_config.yml, or the --output path itself (as a folder argument of `check`)."""
    if output is None:
        where = output_location(config_path)
        problem = Problem(where.path, where.line, where.col, where.field, message)
    else:
        problem = Problem(display_path(output), 1, 1, "", message)
    return CurriculumError([problem])


def _cannot_create(config_path: Path, output: Path | None, exc: BaseException) -> str:
    return (
        f"{_subject(config_path, output)} tidak dapat dibuat ({os_reason(exc)}). Pilih folder "
        "lain, misalnya site."
    )


def _output_folder(config_path: Path, output: Path | None, catalog: Catalog) -> Path:
    """The output folder, resolved and with its parent made, before anything is rendered.

    A build replaces it wholesale: whatever `output_problem` forbids (the project,
    the curriculum, site_config.yml, the cache, a folder that is not a site built
    here) raises CurriculumError instead, for `output` and `--output` alike.
    """
    cfg = catalog.config
    chosen = output if output is not None else config_path.parent / cfg.output
    subject = output_subject(str(output), option=True) if output is not None else None
    message = output_problem(
        chosen,
        subject or output_subject(cfg.output),
        config_path=config_path,
        curriculum=config_path.parent / cfg.curriculum,
    )
    if message is None:
        try:
            out = chosen.resolve()
            out.parent.mkdir(parents=True, exist_ok=True)
            return out
        except (OSError, RuntimeError, ValueError) as exc:
            message = _cannot_create(config_path, output, exc)
    raise _output_error(config_path, output, message)


def _check_replaceable(out: Path, config_path: Path, output: Path | None) -> None:
    """Right before the swap: `out` is still absent, empty or a site built here."""
    if not out.exists():
        return
    subject = _subject(config_path, output)
    try:
        message = existing_output_problem(out, subject)
    except OSError as exc:
        message = f"{subject} tidak dapat dibuka ({os_reason(exc)}). Pilih folder lain."
    if message:
        raise _output_error(config_path, output, message)


# In a process started by `_in_child`: sends a value to its `on_message` (None elsewhere).
_tell: Any = None
# True in a process started by `_in_child`, which exits after one build: what it
# allocates for the whole build (the catalog, the plan, the page cache's state) is
# frozen out of the cycle collector's way as soon as it exists, and stays frozen.
# A full collection scans every tracked object; on the render process's heap of a
# 10,000-module catalog each took up to 1.6 s, about 3 s of a 24 s rebuild.
one_shot = False


def _in_child(function: Any, *args: Any, on_message: Any = None) -> Any:
    """`function(*args)` in a forked process; its result or its exception, here.

    The records of a large catalog take most of the build's memory and are not
    needed once the pages and data files are written; a child gives all of it
    back when it exits. While it runs, the child may call `_tell(value)`:
    `on_message(value)` runs here then, while the child goes on (the build
    indexes search as soon as the pages are written). Where fork is missing (Windows) the
    function simply runs here.
    """
    global _tell, one_shot
    if not hasattr(os, "fork") or os.environ.get("KURIKULUM_NO_FORK"):
        _tell = on_message
        try:
            return function(*args)
        finally:
            _tell = None
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: run, send the outcome, leave without cleanup handlers
        code = 0
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:

                def tell(value: Any) -> None:
                    pickle.dump(("message", value), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    pipe.flush()

                _tell = tell
                one_shot = True
                try:
                    outcome: tuple = ("ok", function(*args))
                except BaseException as exc:  # noqa: BLE001 - everything goes to the parent
                    outcome = ("error", _portable(exc))
                pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    outcome = None
    failure: BaseException | None = None  # raised by on_message here
    with os.fdopen(read_end, "rb") as pipe:
        while outcome is None:
            try:
                kind, value = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                break  # the child died
            if kind != "message":
                outcome = (kind, value)
            elif on_message is not None and failure is None:
                try:
                    on_message(value)
                except BaseException as exc:  # noqa: BLE001 - raised once the child is done
                    failure = exc
    _, status = os.waitpid(pid, 0)
    if outcome is None:
        if failure is not None:
            raise failure
        raise RuntimeError(f"proses pembangunan berhenti tanpa hasil (status {status})")
    kind, value = outcome
    if kind == "error":
        raise value
    if failure is not None:
        raise failure
    return value


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it pickles (CurriculumError does), else a RuntimeError
    carrying the child's traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001
        text = "".join(traceback.format_exception(exc))
        return RuntimeError(f"pembangunan gagal:\n{text}")
    return exc


def staging_folder(out: Path) -> Path:
    """Where the new site is written before it replaces `out`: beside it, on the same
    file system and outside what the server shows; inside it when `out` is a mount
    point (a volume: nothing beside it is on its file system) or its parent cannot
    be written (a deploy user's folder below one owned by root)."""
    try:
        if out.is_dir() and (os.path.ismount(out) or not os.access(out.parent, os.W_OK | os.X_OK)):
            return out
    except OSError:
        pass
    return out.parent


def publish(new: Path, out: Path, standby: Path | None = None) -> None:
    """Put the new site `new` in the place of the old one in `out`, keeping `out`.

    `out` stays the same folder: a server holding it (a container's bind mount, a
    mount point, a chroot) sees the new site, where renaming a new folder into its
    place left such a server showing the deleted old one. Each top-level entry of
    the new site takes the place of the old one of its name in one step where the
    system can (Linux `renameat2` RENAME_EXCHANGE: a reader gets the old page or
    the new one, never none), else in two renames; the entries the new site no
    longer has are moved out. A build that fails earlier never gets here.

    Deleting the old entries (thousands of files) can take longer than the build
    itself on a slow disk; once they are moved out nobody serves them, so a
    detached process removes them while this one returns, with old trees left
    by an interrupted cleanup (a rebuild right after a build of 10,000 modules
    waited 4 s here when it removed them itself). With `standby`, the old entries
    are kept there instead, for the next build to write into (`_take_standby`):
    making 12,400 folders and linking 24,000 files into them took about 4 s of a
    rebuild of 10,000 modules.
    """
    new.chmod(0o755)
    leftovers = {
        p
        for folder in {out.parent, new.parent}
        for p in folder.glob(f"{staging_names(out)[1]}*")
        if p != standby
    }
    if not out.exists():
        try:
            new.rename(out)
        except OSError:
            if not out.is_dir():
                raise
            # Another build made it meanwhile: take turns below.
        else:
            if leftovers:
                _remove_later(sorted(leftovers))
            return
    with _publishing(out):
        _exchange_entries(new, out, leftovers, standby)


@contextlib.contextmanager
def _publishing(out: Path) -> Iterator[None]:
    """One publication into `out` at a time: two builds finishing together (a cron
    job and an editor's) put in one whole site after the other, never a mix of
    their entries. A lock on the folder itself, released however the process ends."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _exchange_entries(
    new: Path, out: Path, leftovers: set[Path], standby: Path | None = None
) -> None:
    old = new.parent / f"{staging_names(out)[1]}{os.getpid()}-{time.time_ns()}"
    old.mkdir()
    ours = staging_names(out)  # staging folders inside `out`
    names = sorted(os.listdir(new))
    for name in names:
        source, target = new / name, out / name
        if not os.path.lexists(target):
            source.rename(target)
        elif _exchange(source, target):
            source.rename(old / name)  # `source` now holds the old entry
        else:
            target.rename(old / name)
            source.rename(target)
    kept = set(names)
    for name in sorted(os.listdir(out)):
        if name not in kept and not name.startswith(ours):
            (out / name).rename(old / name)
    new.rmdir()
    if standby is not None:
        try:
            os.rename(old, standby)  # fails if another build kept one meanwhile
        except OSError:
            pass
        else:
            old = None  # kept
    gone = leftovers | ({old} if old is not None else set())
    if gone:
        _remove_later(sorted(gone))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where
    the system or the file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@functools.cache
def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no C library here, or a glibc before 2.28
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


def _remove_later(paths: list[Path]) -> None:
    try:
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, True)",
                *map(str, paths),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)


def _quiet_mkdocs() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    # The preview builds in place on purpose, with the page cache keeping it right.
    builder = logging.getLogger("mkdocs.commands.build")
    if _NOT_DIRTY not in builder.filters:
        builder.addFilter(_NOT_DIRTY)


class _NotDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_NOT_DIRTY = _NotDirty()
