"""Files beside the pages: calendars, feeds and open data."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalog import Catalog
from generator.datacache import DataCache, once
from generator.exports import atom, ics, opendata, opensearch
from generator.schema import schema_files


def plan_files(
    catalog: Catalog,
    events: ics.EventMap | None = None,
    *,
    module_calendars: bool = True,
    cache: DataCache | None = None,
) -> dict[str, bytes]:
    """Every data file of the site: site-relative path → content.

    `events` are calendar events already serialized (by the page workers), and
    `module_calendars=False` leaves out the per-module calendars they wrote.
    `cache` keeps the files' fragments for the next build (`generator.datacache`):
    the bytes are the same without it.
    """
    return dict(file_items(catalog, events, module_calendars=module_calendars, cache=cache))


def file_items(
    catalog: Catalog,
    events: ics.EventMap | None = None,
    *,
    module_calendars: bool = True,
    cache: DataCache | None = None,
) -> Iterator[tuple[str, bytes]]:
    """`plan_files` one file after the other, for a caller that writes each as it comes:
    the build holds one at a time instead of all of them (at 50,000 modules the
    calendars and open data together were about 800 MB).

    With `cache`, its pending state is complete once the last file is out
    (`DataCache.finish`): a caller that stops early leaves none.
    """
    yield from ics.calendar_file_items(catalog, events, per_module=module_calendars)
    yield from atom.feed_files(catalog, cache).items()
    yield from opendata.data_file_items(catalog, cache)
    yield from opensearch.opensearch_files(catalog).items()
    # For editors' YAML extensions.
    yield from once(cache, "schemas", lambda: schema_files(catalog.config.timezone)).items()
    if cache is not None:
        cache.finish()
