"""`/opensearch.xml`: the portal as a search engine a browser can add.

Browsers offer the portal's search in their address bar from this description
(OpenSearch 1.1): it sends the words to `/cari/?q=`, which opens the search box
with them. The template must be an absolute address, so the file exists only
when site_config.yml has a `url`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.catalog import Catalog

PATH = "opensearch.xml"
SHORT_NAME_MAX = 16  # OpenSearch 1.1: ShortName holds at most 16 characters


def short_name(title: str) -> str:
    """The site's title cut at a word to fit ShortName ("Portal Kurikulum")."""
    words, name = title.split(), ""
    for word in words:
        longer = f"{name} {word}" if name else word
        if len(longer) > SHORT_NAME_MAX:
            break
        name = longer
    return name or title[:SHORT_NAME_MAX].strip()


def opensearch_files(catalog: Catalog) -> dict[str, bytes]:
    cfg = catalog.config
    if not cfg.url:
        return {}
    base = cfg.url.rstrip("/") + "/"
    description = cfg.description or cfg.title
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
        f"  <ShortName>{escape(short_name(cfg.title))}</ShortName>\n"
        f"  <Description>{escape(description[:1024])}</Description>\n"
        "  <InputEncoding>UTF-8</InputEncoding>\n"
        "  <Language>id</Language>\n"
        f'  <Url type="text/html" method="get" template={quoteattr(base + "cari/?q={searchTerms}")}/>\n'
        "</OpenSearchDescription>\n"
    )
    return {PATH: text.encode("utf-8")}
