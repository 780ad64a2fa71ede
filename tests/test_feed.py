"""The internship feed `/magang/feed.xml` (Atom, RFC 4287) and JobPosting JSON-LD (issue 4).

The feed is read twice: by feedparser (a lenient reader, which must not need its
leniency: `bozo` is 0) and element by element with ElementTree against the
Atom rules. Entry ids are tag: URIs (RFC 4151) and do not move when the site is
rebuilt or a title is edited. Each internship page carries a JobPosting that
parses as JSON.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

pytest.register_assert_rewrite("sitehelpers", "schedulehelpers")

from schedulehelpers import SITE_URL, page  # noqa: E402

pytest_plugins = ["sitehelpers", "schedulehelpers"]

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "magang/feed.xml"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
# RFC 4151: tag:<DNS name or e-mail>,<YYYY[-MM[-DD]]>:<specific>
TAG_URI = re.compile(
    r"tag:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"|[^@\s,]+@[a-z0-9.-]+),\d{4}(?:-\d\d(?:-\d\d)?)?:\S*",
    re.IGNORECASE,
)

FIXTURE_INTERNSHIPS = {
    "usu/magang-layanan",
    "usu/magang-akademik",
    "usu/magang-perpustakaan",
    "unimed/magang-humas",
    "unimed/magang-pusat-data",
    "unimed/magang-arsip",
}

SITES = ["schedule_site", "sample_site", "mini_site"]
# The build's day of each site (SOURCE_DATE_EPOCH at 00:00 UTC is 07:00 in Medan).
BUILD_DAYS = {
    "schedule_site": date(2026, 3, 1),
    "sample_site": date(2026, 7, 1),
    "mini_site": date(2026, 3, 1),
}


def internship_pages(site: Path) -> set[str]:
    """Site-relative URLs of the internship pages (magang/<partner>/<id>/)."""
    return {p.parent.relative_to(site).as_posix() + "/" for p in site.glob("magang/*/*/index.html")}


def announced_pages(site: Path, day: date) -> set[str]:
    """The internship pages whose call is in the feed on `day`: all but those whose
    registration opens later (read from the page's status badge)."""
    found = set()
    for url in internship_pages(site):
        badge = page(site, url).find_all(data_kk_status=True, data_kind="internship")[0].attrs
        opens = badge.get("data-opens")
        if not opens or date.fromisoformat(opens[:10]) <= day:
            found.add(url)
    return found


def page_of(site: Path, href: str) -> str:
    """The site-relative page an entry link points to (absolute or relative to the feed)."""
    if href.startswith(SITE_URL):
        return href.removeprefix(SITE_URL)
    if urlsplit(href).scheme:
        base = href.split("/magang/", 1)
        assert len(base) == 2, f"absolute link outside the site: {href}"
        return "magang/" + base[1]
    resolved = urljoin("https://x.invalid/" + FEED, href)
    return resolved.removeprefix("https://x.invalid/")


def stamp(text: str) -> datetime:
    assert RFC3339.fullmatch(text), f"not an RFC 3339 date-time: {text!r}"
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ------------------------------------------------------------- the Atom rules


def atom_problems(site: Path) -> list[str]:
    """RFC 4287's rules for a feed and its entries, checked on the parsed XML."""
    root = ET.parse(site / FEED).getroot()
    out: list[str] = []
    if root.tag != ATOM + "feed":
        return [f"root element is {root.tag}, not atom:feed"]

    def count(el: ET.Element, name: str) -> int:
        return len(el.findall(ATOM + name))

    for name in ("id", "title", "updated"):
        if count(root, name) != 1:
            out.append(f"feed: {count(root, name)} atom:{name}, wanted exactly 1")
    for name in ("subtitle", "rights", "icon", "logo", "generator"):
        if count(root, name) > 1:
            out.append(f"feed: more than one atom:{name}")
    entries = root.findall(ATOM + "entry")
    if not root.findall(ATOM + "author") and not all(e.findall(ATOM + "author") for e in entries):
        out.append("feed: no atom:author, and not every entry has one (4.1.1)")
    for author in root.iter(ATOM + "author"):
        if count(author, "name") != 1:
            out.append("author without exactly one atom:name (3.2.1)")
    feed_id = root.findtext(ATOM + "id") or ""
    if not TAG_URI.fullmatch(feed_id):
        out.append(f"feed id {feed_id!r} is not a tag: URI")
    feed_updated = stamp(root.findtext(ATOM + "updated") or "")
    links = root.findall(ATOM + "link")
    alternates = [
        (lk.get("type"), lk.get("hreflang")) for lk in links if lk.get("rel") in (None, "alternate")
    ]
    if len(alternates) != len(set(alternates)):
        out.append("feed: two alternate links with the same type and hreflang (4.1.1)")
    for el in root.iter():
        text_construct = el.tag in {ATOM + t for t in ("title", "subtitle", "summary", "rights")}
        if text_construct and el.get("type", "text") not in ("text", "html", "xhtml"):
            out.append(f"{el.tag}: type {el.get('type')} is not text, html or xhtml")
        if el.tag == ATOM + "link" and not el.get("href"):
            out.append("a link without href (4.2.7.1)")

    ids = []
    for n, entry in enumerate(entries, 1):
        where = f"entry {n}"
        for name in ("id", "title", "updated"):
            if count(entry, name) != 1:
                out.append(f"{where}: {count(entry, name)} atom:{name}, wanted exactly 1")
        if count(entry, "published") > 1 or count(entry, "summary") > 1:
            out.append(f"{where}: more than one published or summary")
        entry_id = entry.findtext(ATOM + "id") or ""
        ids.append(entry_id)
        if not TAG_URI.fullmatch(entry_id):
            out.append(f"{where}: id {entry_id!r} is not a tag: URI")
        if not (entry.findtext(ATOM + "title") or "").strip():
            out.append(f"{where}: empty title")
        updated = stamp(entry.findtext(ATOM + "updated") or "")
        if updated > feed_updated:
            out.append(f"{where}: updated {updated} after the feed's {feed_updated}")
        published = entry.findtext(ATOM + "published")
        if published and stamp(published) > updated:
            out.append(f"{where}: published after updated")
        alt = [lk for lk in entry.findall(ATOM + "link") if lk.get("rel") in (None, "alternate")]
        if count(entry, "content") == 0 and not alt:
            out.append(f"{where}: no atom:content and no alternate link (4.1.2)")
    if len(ids) != len(set(ids)):
        out.append(f"entry ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}")
    if feed_id in ids:
        out.append("an entry has the feed's id")
    return out


@pytest.mark.parametrize("site_name", SITES)
def test_feed_follows_the_atom_rules(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    problems = atom_problems(site)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site_name", SITES)
def test_feedparser_reads_every_call(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    parsed = feedparser.parse((site / FEED).read_bytes())
    assert not parsed.bozo, f"feedparser: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10"
    feed = parsed.feed
    assert feed.get("id") and feed.get("title") and feed.get("updated_parsed")
    assert feed.get("author") or all(e.get("author") for e in parsed.entries)
    assert feed.get("language") == "id"
    linked = []
    for entry in parsed.entries:
        for key in ("id", "title", "updated_parsed", "link"):
            assert entry.get(key), f"entry {entry.get('id')} has no {key}"
        target = page_of(site, entry.link)
        assert (site / target / "index.html").is_file(), f"{entry.link}: no such page"
        linked.append(target)
        # The entry's title is the internship page's heading.
        heading = page(site, target).find("h1")
        assert heading is not None and heading.text == entry.title
    announced = announced_pages(site, BUILD_DAYS[site_name])
    assert sorted(linked) == sorted(announced), "one entry per call announced, no more, no less"
    for entry in parsed.entries:  # none from the future
        assert date(*entry.updated_parsed[:3]) <= BUILD_DAYS[site_name], entry.id
    assert len(set(e.id for e in parsed.entries)) == len(parsed.entries)


def test_fixture_feed_details(schedule_site: Path) -> None:
    root = ET.parse(schedule_site / FEED).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    self_links = [lk.get("href") for lk in root.findall(ATOM + "link") if lk.get("rel") == "self"]
    assert self_links == [SITE_URL + FEED]
    entries = root.findall(ATOM + "entry")
    ids = {e.findtext(ATOM + "id") for e in entries}
    hrefs = {
        lk.get("href")
        for e in entries
        for lk in e.findall(ATOM + "link")
        if lk.get("rel") == "alternate"
    }
    # The library's call opens on 2026-03-15, after the build's day: not in the feed yet.
    later = "usu/magang-perpustakaan"
    assert hrefs == {f"{SITE_URL}magang/{key}/" for key in FIXTURE_INTERNSHIPS - {later}}
    # Ids name the record, in the site's domain.
    assert all(i and i.startswith("tag:portal.example.go.id,") for i in ids)
    for key in FIXTURE_INTERNSHIPS - {later}:
        assert sum(1 for i in ids if i and i.endswith(key)) == 1, key
    feed_updated = stamp(root.findtext(ATOM + "updated") or "")
    assert feed_updated == max(stamp(e.findtext(ATOM + "updated") or "") for e in entries)


def test_feed_relative_links_without_site_url(mini_site: Path) -> None:
    """Without `url` in site_config.yml the links are relative to the feed, and resolve."""
    parsed = feedparser.parse((mini_site / FEED).read_bytes())
    assert parsed.entries
    for entry in parsed.entries:
        assert not urlsplit(entry.link).scheme, entry.link
        target = page_of(mini_site, entry.link)
        assert (mini_site / target / "index.html").is_file(), entry.link


# ------------------------------------------------------------- stable ids


def entry_ids(site: Path) -> dict[str, str]:
    """page → entry id."""
    parsed = feedparser.parse((site / FEED).read_bytes())
    return {page_of(site, e.link): e.id for e in parsed.entries}


def test_feed_ids_stable_across_rebuilds(schedule_site: Path, schedule_rebuild: Path) -> None:
    assert (schedule_site / FEED).read_bytes() == (schedule_rebuild / FEED).read_bytes()
    assert entry_ids(schedule_site) == entry_ids(schedule_rebuild)


def test_feed_ids_stable_when_a_title_changes(schedule_site: Path, retitled_site: Path) -> None:
    assert entry_ids(retitled_site) == entry_ids(schedule_site)
    titles = {e.title for e in feedparser.parse((retitled_site / FEED).read_bytes()).entries}
    assert "Magang Layanan Terpadu Satu Pintu" in titles


def test_feed_ids_stable_when_files_are_added_and_renamed(
    schedule_site: Path, reordered_site: Path
) -> None:
    before, after = entry_ids(schedule_site), entry_ids(reordered_site)
    assert "magang/usu/aaa-magang/" in after, "the new call sorting first is in the feed"
    assert {k: after.get(k) for k in before} == before


# ------------------------------------------------------------- JobPosting


def job_posting(site: Path, url: str) -> dict:
    """The JobPosting object of an internship page (JSON-LD, parsed as JSON)."""
    tree = page(site, url)
    found = []
    for script in tree.find_all("script", type="application/ld+json"):
        data = json.loads(script.text)
        items = data if isinstance(data, list) else data.get("@graph", [data])
        found += [d for d in items if d.get("@type") == "JobPosting"]
    assert len(found) == 1, f"{url}: {len(found)} JobPosting objects"
    return found[0]


@pytest.mark.parametrize("site_name", SITES)
def test_every_internship_page_has_a_job_posting(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_name)
    pages = internship_pages(site)
    assert pages
    for url in sorted(pages):
        data = job_posting(site, url)
        assert data.get("@context") in ("https://schema.org", "https://schema.org/")
        employment = data.get("employmentType")
        assert employment == "INTERN" or (
            isinstance(employment, list) and "INTERN" in employment
        ), f"{url}: employmentType {employment!r}"
        assert data.get("title") == page(site, url).find("h1").text
        assert data.get("description")
        posted = date.fromisoformat(data["datePosted"][:10])
        valid = datetime.fromisoformat(data["validThrough"])
        assert valid.tzinfo is not None, f"{url}: validThrough without a zone"
        assert posted <= valid.date(), f"{url}: posted {posted} after validThrough {valid}"
        org = data["hiringOrganization"]
        assert org.get("@type") == "Organization" and org.get("name"), f"{url}: {org}"
        location = data["jobLocation"]
        locations = location if isinstance(location, list) else [location]
        for place in locations:
            assert place.get("@type") == "Place", f"{url}: {place}"
            address = place.get("address") or {}
            assert address.get("@type") == "PostalAddress"
            assert address.get("addressCountry") and address.get("addressLocality"), address


def test_fixture_job_posting_values(schedule_site: Path) -> None:
    data = job_posting(schedule_site, "magang/usu/magang-akademik/")
    assert data["validThrough"] == "2026-03-10T23:59:59+07:00"  # the closing day, to its end
    assert date.fromisoformat(data["datePosted"][:10]) <= date(2026, 3, 1)
    assert data["hiringOrganization"]["name"] == "Universitas Sumatera Utara"
    assert data["hiringOrganization"].get("sameAs") == "https://www.usu.ac.id/"
    address = data["jobLocation"]["address"]
    assert address["addressLocality"] == "Medan"
    assert address["addressCountry"] == "ID"
    assert address.get("streetAddress") == "Jl. Universitas No. 9"
    assert data.get("url") == SITE_URL + "magang/usu/magang-akademik/"
