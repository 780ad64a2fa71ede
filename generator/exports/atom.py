"""The Atom feed of internship calls, `/magang/feed.xml` (RFC 4287)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from generator.catalog import Catalog
from generator.datacache import DataCache, section
from generator.model import Internship
from generator.pages import FEED_PATH, internship_url
from generator.render import date_id


def posted(internship: Internship) -> date:
    """When a call counts as posted: its opening day, or 30 days before it closes."""
    app = internship.application
    if app and app.opens:
        return app.opens
    closes = app.closes if app else internship.start
    return closes - timedelta(days=30)


def _sentence(text: str) -> str:
    """`text` ended as a sentence: the facts that follow it start a new one."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _stamp(day: date, tz) -> str:
    return datetime.combine(day, time(0), tzinfo=tz).isoformat()


def feed_files(catalog: Catalog, cache: DataCache | None = None) -> dict[str, bytes]:
    """The feed; with `cache`, the entries of internships, their partners and the day
    unchanged since the last build are taken from it."""
    cfg = catalog.config
    tz = cfg.tz
    base = cfg.url.rstrip("/") + "/" if cfg.url else None
    domain = (urlsplit(cfg.url).hostname if cfg.url else None) or "portal-kurikulum"
    today = catalog.today

    def dated(internship: Internship) -> date:
        # Never after the build's day: a reader keeps a future date at the top.
        return min(posted(internship), today)

    def announced(internship: Internship) -> bool:
        # A call whose registration opens later enters the feed on that day (the site
        # lists it meanwhile); one without an opening day is open now.
        app = internship.application
        return not (app and app.opens and app.opens > today)

    items = sorted(
        filter(announced, catalog.internships.values()),
        key=lambda i: (dated(i), i.key),
        reverse=True,
    )

    def href(path: str) -> str:
        return base + path if base else "../" + path

    updated = max((dated(i) for i in items), default=today)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
        f"  <id>tag:{domain},2026:magang</id>",
        f"  <title>{escape('Panggilan magang — ' + cfg.title)}</title>",
        f"  <subtitle>{escape('Panggilan magang bagi ASN di mitra penyelenggara.')}</subtitle>",
        f"  <updated>{_stamp(updated, tz)}</updated>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(href("magang/"))}/>',
    ]
    if base:
        out.append(
            f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED_PATH)}/>'
        )
    author = cfg.owner.name if cfg.owner else cfg.title
    out.append(f"  <author><name>{escape(author)}</name></author>")

    def entry(internship: Internship) -> str:
        partner = catalog.partner(internship)
        app = internship.application
        summary = [
            _sentence(internship.summary),
            f"Penyelenggara: {partner.name}.",
            f"Pelaksanaan: {date_id(internship.start)} – {date_id(internship.end)}.",
            f"Kuota: {internship.quota} orang.",
        ]
        if app:
            summary.append(f"Batas pendaftaran: {date_id(app.closes)}.")
        stamp = _stamp(dated(internship), tz)
        return "\n".join(
            [
                "  <entry>",
                f"    <id>tag:{domain},2026:magang/{internship.partner_id}/{internship.id}</id>",
                f"    <title>{escape(internship.title)}</title>",
                f'    <link rel="alternate" type="text/html" href={quoteattr(href(internship_url(internship)))}/>',
                f"    <published>{stamp}</published>",
                f"    <updated>{stamp}</updated>",
                f"    <author><name>{escape(partner.name)}</name></author>",
                f"    <summary>{escape(' '.join(summary))}</summary>",
                "  </entry>",
            ]
        )

    entries = {}
    digests = cache.digests if cache is not None else {}
    with section(cache, "feed") as stored:  # asked in key order, as stored
        for internship in sorted(items, key=lambda i: i.key):
            key = internship.key
            fkey = None
            if cache is not None:
                fkey = cache.key(
                    digests.get(("internships", key)),
                    digests.get(("partners", internship.partner_id)),
                    day=True,
                )
            text = stored.get(key, fkey)
            if text is None:
                text = entry(internship)
            stored.put(key, fkey, text)
            entries[key] = text
    out += [entries[i.key] for i in items]
    out.append("</feed>")
    return {FEED_PATH: ("\n".join(out) + "\n").encode("utf-8")}
