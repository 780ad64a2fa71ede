"""Files beside the pages: calendars, feeds and open data."""

from __future__ import annotations

from generator.catalog import Catalog
from generator.exports import atom, ics


def plan_files(catalog: Catalog) -> dict[str, bytes]:
    """Every data file of the site: site-relative path → content."""
    files: dict[str, bytes] = {}
    files.update(ics.calendar_files(catalog))
    files.update(atom.feed_files(catalog))
    return files
