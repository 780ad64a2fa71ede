"""Files beside the pages: calendars, feeds and open data."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalog import Catalog
from generator.exports import atom, ics, opendata, opensearch
from generator.schema import schema_files


def plan_files(
    catalog: Catalog, events: ics.EventMap | None = None, *, module_calendars: bool = True
) -> dict[str, bytes]:
    """Every data file of the site: site-relative path → content.

    `events` are calendar events already serialized (by the page workers), and
    `module_calendars=False` leaves out the per-module calendars they wrote.
    """
    return dict(file_items(catalog, events, module_calendars=module_calendars))


def file_items(
    catalog: Catalog, events: ics.EventMap | None = None, *, module_calendars: bool = True
) -> Iterator[tuple[str, bytes]]:
    """`plan_files` one file after the other, for a caller that writes each as it comes:
    the build holds one at a time instead of all of them (at 50,000 modules the
    calendars and open data together were about 800 MB)."""
    yield from ics.calendar_file_items(catalog, events, per_module=module_calendars)
    yield from atom.feed_files(catalog).items()
    yield from opendata.data_file_items(catalog)
    yield from opensearch.opensearch_files(catalog).items()
    # For editors' YAML extensions.
    yield from schema_files(catalog.config.timezone).items()
