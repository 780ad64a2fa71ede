"""Files beside the pages: calendars, feeds and open data."""

from __future__ import annotations

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
    files: dict[str, bytes] = {}
    files.update(ics.calendar_files(catalog, events, per_module=module_calendars))
    files.update(atom.feed_files(catalog))
    files.update(opendata.data_files(catalog))
    files.update(opensearch.opensearch_files(catalog))
    files.update(schema_files(catalog.config.timezone))  # for editors' YAML extensions
    return files
