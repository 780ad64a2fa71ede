"""The Jinja2 environment for our page templates (autoescaped, strict)."""

from __future__ import annotations

import contextlib
import re
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.model import ZONE_LABELS
from generator.progress import number_id

TEMPLATES = Path(__file__).parent / "templates"

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

_ALLOWED_TAGS = {
    "p", "a", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
}  # fmt: skip
_HEADING_RE = re.compile(r"<(/?)h([1-6])>")
_CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SMART


@lru_cache(maxsize=4096)
def markdown_to_html(text: str | None) -> Markup:
    """Render an editor's Markdown (GitHub flavour) and sanitize it; headings start at h3.

    cmark-gfm renders a description in well under a millisecond; Python-Markdown
    took about 10 ms, which at 10,000 module pages was the largest single cost.
    Raw HTML passes cmark untouched and is then cut down to an allowlist by nh3.
    """
    if not text:
        return Markup("")
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=_CMARK_OPTIONS)
    # Page sections are h2: shift the editor's headings below them.
    html = _HEADING_RE.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>", html)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


def date_id(value: date | datetime | None, *, weekday: bool = False) -> str:
    """`10 Februari 2026` (or `Selasa, 10 Februari 2026`)."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {text}" if weekday else text


def time_id(value: datetime) -> str:
    return f"{value.hour:02d}.{value.minute:02d}"  # strftime costs ten times as much


@lru_cache(maxsize=256)
def _zone_label(key: str | None, offset: timedelta | None) -> str:
    named = ZONE_LABELS.get(key or "")
    if named is not None:
        return named
    minutes = int((offset or timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f".{rest:02d}" if rest else "")


def zone_id(value: datetime) -> str:
    """The zone a time of day is in, as Indonesians name it: WIB, WITA, WIT; a
    portal in another zone gets its offset (UTC+14, UTC+5.30) at that moment."""
    return _zone_label(getattr(value.tzinfo, "key", None), value.utcoffset())


def zone_name(name: str) -> str:
    """How a page names the site's zone (site_config.yml `timezone`): WIB, WITA,
    WIT, or "zona waktu Pacific/Kiritimati" (whose offset may change in the year)."""
    return ZONE_LABELS.get(name) or f"zona waktu {name}"


def moment_id(value: date | datetime, *, weekday: bool = False) -> str:
    """A date, or a date with its time and zone (WIB)."""
    if isinstance(value, datetime):
        return f"{date_id(value, weekday=weekday)}, {time_id(value)} {zone_id(value)}"
    return date_id(value, weekday=weekday)


def range_id(start: date | datetime, end: date | datetime) -> str:
    """`10–12 Februari 2026`, `10 Februari 2026, 08.00–12.00 WIB`, ... (the zone: `zone_id`)."""
    s_day = start.date() if isinstance(start, datetime) else start
    e_day = end.date() if isinstance(end, datetime) else end
    timed = isinstance(start, datetime) and isinstance(end, datetime)
    if s_day == e_day:
        if timed:
            return f"{date_id(s_day)}, {time_id(start)}–{time_id(end)} {zone_id(end)}"
        return date_id(s_day)
    if timed:
        return f"{moment_id(start)} – {moment_id(end)}"
    if (s_day.year, s_day.month) == (e_day.year, e_day.month):
        return f"{s_day.day}–{date_id(e_day)}"
    if s_day.year == e_day.year:
        return f"{s_day.day} {MONTHS[s_day.month - 1]} – {date_id(e_day)}"
    return f"{date_id(s_day)} – {date_id(e_day)}"


def month_id(value: date) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def iso(value: date | datetime) -> str:
    return value.isoformat()


def relative_url(target: str, current: str) -> str:
    """A link from the page at `current` to `target`, both site-relative directory URLs.

    Relative links let the site work under any sub-path and from a folder. Every
    page URL is a directory (`modul/usu/x/`), so climbing to the root is one `../`
    per segment: cheaper than a path computation on every link of every page.
    """
    if "://" in target or target.startswith(("mailto:", "#")):
        return target
    prefix = "../" * current.count("/")
    return (prefix + target) or "./"


_PAGE_URL: ContextVar[str] = ContextVar("page_url", default="")


def _link(target: str) -> str:
    # Read from a context variable, not the template context, so that macros can be
    # imported without context and Jinja caches them instead of re-running the module.
    return relative_url(target, _PAGE_URL.get())


# Small pieces written on every row of a schedule and in every record page's search
# metadata: Python functions, because a Jinja macro call costs several times more
# (the module pages called them about 15 times each). The output is the macros'.


def status_badge(item: Any, availability: Any) -> Markup:
    """An offering's status; the page's script updates it from the data-* dates."""
    reg = item.registration
    return _badge(
        item,
        availability,
        opens=reg.opens if reg else None,
        closes=reg.closes if reg else None,
        state=item.status.value,
        full=bool(item.full),
    )


def internship_badge(item: Any, availability: Any) -> Markup:
    """An internship's status, like `status_badge`; its application closes on a day."""
    app = item.application
    return _badge(
        item,
        availability,
        opens=app.opens if app else None,
        closes=app.closes if app else None,
        state="scheduled",
        kind=' data-kind="internship"',
    )


def _badge(
    item: Any,
    availability: Any,
    *,
    opens: date | None,
    closes: date | None,
    state: str,
    full: bool = False,
    kind: str = "",
) -> Markup:
    opened = f' data-opens="{escape(opens.isoformat())}"' if opens else ""
    closed = f' data-closes="{escape(closes.isoformat())}"' if closes else ""
    return Markup(
        f'<span class="kk-status kk-status--{escape(availability.value)}" data-kk-status{kind}\n'
        f'  data-start="{escape(item.start.isoformat())}" '
        f'data-end="{escape(item.end.isoformat())}"\n'
        f'{opened}{closed}  data-state="{escape(state)}"{" data-full" if full else ""}>'
        f"{escape(availability.label)}</span>"
    )


def place_text(item: Any) -> Markup:
    """Where an offering or a forum meets: its venue, online, both, or not yet known."""
    venue, online = item.venue, item.online
    text = ""
    if venue:
        text = escape(venue.name) + (", " + escape(venue.city) if venue.city else "")
    if venue and online:
        text += " dan "
    if online:
        text += "Daring"
    if not venue and not online:
        text = "Akan diumumkan"
    return Markup(text)


def search_filter(key: str, value: Any) -> Markup:
    return Markup(f'<span data-pagefind-filter="{escape(key)}">{escape(value)}</span>')


def search_meta(key: str, value: Any) -> Markup:
    return Markup(f'<span data-pagefind-meta="{escape(key)}">{escape(value)}</span>')


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES / "pages"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The templates ship with the package: no need to stat them at each page.
        auto_reload=False,
    )
    env.filters.update(
        markdown=markdown_to_html,
        date_id=date_id,
        moment_id=moment_id,
        range_id=range_id,
        month_id=month_id,
        iso=iso,
        number=number_id,
        time_id=time_id,
        zone_id=zone_id,
        zone_name=zone_name,
    )
    env.globals.update(
        link=_link,
        status_badge=status_badge,
        internship_badge=internship_badge,
        place_text=place_text,
        search_filter=search_filter,
        search_meta=search_meta,
    )
    return env


def use_bytecode_cache(env: Environment, folder: Path | None, kind: str) -> None:
    """Keep `env`'s compiled templates in the cache folder: a new build process loads
    them instead of compiling every template again (0.23-0.35 s of loading
    templates in a build of the sample site, 0.02 s from stored code).

    Jinja finds a template's code by its name and file and checks it against a
    digest of the template's source, so an edited template is compiled again. The
    compiled code also depends on the environment's options (autoescape, blocks,
    undefined) and on Jinja and Python themselves, which are in the folder's name,
    so environments configured differently never share code.
    """
    if folder is None:
        env.bytecode_cache = None
        return
    import hashlib
    import sys

    import jinja2

    options = (
        kind,
        jinja2.__version__,
        sys.version_info[:3],
        env.autoescape if isinstance(env.autoescape, bool) else repr(env.autoescape),
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.optimized,
        repr(env.undefined),
        sorted(env.extensions),
        (env.block_start_string, env.block_end_string, env.variable_start_string),
        (env.variable_end_string, env.comment_start_string, env.comment_end_string),
        (env.line_statement_prefix, env.line_comment_prefix),
    )
    digest = hashlib.blake2b(repr(options).encode(), digest_size=8).hexdigest()
    target = folder / f"jinja-{kind}-{digest}"
    try:
        from generator.cache import make_folder

        make_folder(folder)
        target.mkdir(exist_ok=True)
    except OSError:  # no cache then: the templates are compiled as before
        env.bytecode_cache = None
        return
    env.bytecode_cache = _BytecodeCache(str(target))


class _BytecodeCache(FileSystemBytecodeCache):
    """A cache that is only ever a shortcut: a file it cannot read or write (a full
    disk, a read-only folder, a truncated file) means the template is compiled."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def render_page(template: str, context: dict[str, Any]) -> str:
    token = _PAGE_URL.set(context.get("page_url", ""))
    try:
        return environment().get_template(template).render(context)
    finally:
        _PAGE_URL.reset(token)
