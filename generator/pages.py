"""The page plan: Catalog → every page to emit (URL, template, context).

Nothing here knows MkDocs: a page is a URL, a template name and the objects
the template shows. Templates compute nothing but presentation.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from generator.catalog import Catalog
from generator.model import (
    PAGER_SEGMENT,
    RRULE_DAYS,
    CompetencyType,
    Module,
    OfferingStatus,
    local_day,
)

PER_PAGE = 50
ARCHIVE_PER_PAGE = 200  # rows of a schedule archive page
# Upcoming offerings listed on a partner's or competency's page (all are in its
# calendar file and, for a partner, in the schedule filtered by partner).
UPCOMING_SHOWN = 20

FEED_PATH = "magang/feed.xml"  # the internship calls' Atom feed (exports/atom.py)
# The JP planner's list of modules, a script (exports/opendata.py `planner_script`).
PLANNER_INDEX = "rencana/modul.js"

SECTIONS: list[tuple[str, str]] = [
    ("", "Beranda"),
    ("modul/", "Modul"),
    ("program/", "Program"),
    ("jadwal/", "Jadwal"),
    ("magang/", "Magang"),
    ("forum/", "Forum"),
    ("mitra/", "Mitra"),
    ("kompetensi/", "Kompetensi"),
    ("rencana/", "Rencana JP"),
    ("panduan/", "Panduan Editor"),
]
SCHEDULE_LIMIT = 200  # rows on /jadwal/ itself; the rest on month pages
# When /jadwal/ cannot hold every row: the offerings already running shown there
# (ending soonest first); all of them are on /jadwal/berlangsung/, RUNNING_PER_PAGE a page.
RUNNING_SHOWN = 20
RUNNING_PER_PAGE = 500
RUNNING = "berlangsung"  # the group key of running offerings (a month's is YYYY-MM)


@dataclass(frozen=True)
class Page:
    url: str  # site-relative directory URL: "" for home, "modul/usu/x/"
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)
    breadcrumbs: tuple[tuple[str, str], ...] = ()  # (url, label), the page itself excluded
    indexed: bool = True  # in the search index; list pages only repeat their items
    jsonld: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def src_uri(self) -> str:
        """The name MkDocs knows the page by."""
        return f"{self.url}index.md"

    @property
    def is_draft(self) -> bool:
        """A record page shown only in the preview (`draft: true`)."""
        record = next((self.context.get(k) for k in _RECORD_KEYS if k in self.context), None)
        return bool(getattr(record, "draft", False))


_RECORD_KEYS = ("module", "program", "internship", "forum")


def _clip(text: str, limit: int = 160) -> str:
    """A meta description: one line, cut at a word."""
    text = " ".join(text[: limit * 2].split())  # only the start can be shown
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def module_url(module: Module) -> str:
    return f"modul/{module.partner_id}/{module.id}/"


def plan(catalog: Catalog) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages: list[Page] = [_home(catalog)]
    pages += _module_pages(catalog)
    pages += _program_pages(catalog)
    pages += _partner_pages(catalog)
    pages += _competency_pages(catalog)
    pages += _schedule_pages(catalog)
    pages += _internship_pages(catalog)
    pages += _forum_pages(catalog)
    pages += _planner_and_data_pages(catalog)
    pages += _guide_pages(catalog)
    # Two pages at one address: the second would silently replace the first.
    # The loader refuses the ids that could do it (PAGER_SEGMENT); this is a bug.
    if len({page.url for page in pages}) != len(pages):
        seen: set[str] = set()
        twice = sorted({p.url for p in pages if p.url in seen or seen.add(p.url)})
        raise RuntimeError(f"two pages planned at one address: {', '.join(twice[:5])}")
    return pages


def _common(catalog: Catalog, **context: Any) -> dict[str, Any]:
    return {"catalog": catalog, "config": catalog.config, "today": catalog.today, **context}


def _home(catalog: Catalog) -> Page:
    upcoming = [s for s in catalog.upcoming() if catalog.availability(s.offering).is_actionable]
    return Page(
        url="",
        template="home.html",
        title=catalog.config.title,
        description=_clip(catalog.config.description),
        context=_common(
            catalog,
            next_offerings=upcoming[:6],
            open_internships=[
                (i, status) for i, status in catalog.internships_by_status() if status.is_actionable
            ][:4],
            counts={
                "modules": len(catalog.modules),
                "programs": len(catalog.programs),
                "jp": catalog.jp_on_offer(),
                "partners": len(catalog.partners),
            },
        ),
    )


PAGER_AROUND = 2  # page links shown on each side of the current one


def _paginate(
    items: list, base: str, per_page: int | None = None
) -> list[tuple[str, list, dict[str, Any]]]:
    """Split `items` into pages of `per_page` (PER_PAGE) at `base`, `base`halaman/2/, ..."""
    per_page = per_page or PER_PAGE
    total = max(1, math.ceil(len(items) / per_page))
    urls = [base] + [f"{base}{PAGER_SEGMENT}/{n}/" for n in range(2, total + 1)]
    out = []
    for n in range(1, total + 1):
        chunk = items[(n - 1) * per_page : n * per_page]
        pager = {
            "number": n,
            "total": total,
            "window": pager_window(n, total, urls),
            "prev": urls[n - 2] if n > 1 else None,
            "next": urls[n] if n < total else None,
            "first_index": (n - 1) * per_page + 1,
            "count": len(items),
        }
        out.append((urls[n - 1], chunk, pager))
    return out


def _paged_title(title: str, pager: dict[str, Any]) -> str:
    """A list page's title: the list's own on its first page, with the number after."""
    return title if pager["number"] == 1 else f"{title} — halaman {pager['number']}"


def pager_window(number: int, total: int, urls: list[str]) -> list[tuple[int | None, str]]:
    """The page links a list page shows: the first and last pages and those near
    `number`, with (None, "") where pages are left out.

    Listing every page would put a thousand links on each of a thousand list
    pages of a 50,000-module catalog: on a phone a wall of numbers, and most of
    each page's bytes.
    """
    shown = {1, total, *range(number - PAGER_AROUND, number + PAGER_AROUND + 1)}
    window: list[tuple[int | None, str]] = []
    last = 0
    for n in sorted(k for k in shown if 1 <= k <= total):
        if n - last == 2:  # a gap of one page: the page itself, not "…"
            window.append((n - 1, urls[n - 2]))
        elif n - last > 2:
            window.append((None, ""))
        window.append((n, urls[n - 1]))
        last = n
    return window


def _module_pages(catalog: Catalog) -> list[Page]:
    pages = []
    modules = list(catalog.modules.values())
    by_type = {t: sum(m.competency_type is t for m in modules) for t in CompetencyType}
    for url, chunk, pager in _paginate(modules, "modul/"):
        title = _paged_title("Modul Pelatihan", pager)
        pages.append(
            Page(
                url=url,
                template="module_list.html",
                indexed=False,
                title=title,
                description=_clip(
                    f"Daftar {len(modules)} modul pengembangan kompetensi ASN dari "
                    f"{len(catalog.partners)} mitra, lengkap dengan JP, metode dan jadwal angkatan."
                ),
                context=_common(catalog, modules=chunk, pager=pager, by_type=by_type),
                breadcrumbs=(("", "Beranda"),)
                if pager["number"] == 1
                else (("", "Beranda"), ("modul/", "Modul")),
            )
        )
    pages += [_module_page(catalog, module) for module in modules]
    return pages


def _module_page(catalog: Catalog, module: Module) -> Page:
    partner = catalog.partner(module)
    return Page(
        url=module_url(module),
        template="module.html",
        title=module.title,
        description=_clip(module.summary),
        context=_common(
            catalog,
            module=module,
            partner=partner,
            prerequisites=catalog.prerequisites(module),
            dependents=catalog.dependents(module),
            programs=catalog.programs_of(module),
            competencies=catalog.competencies_of(module),
            offerings=[(o, catalog.availability(o)) for o in module.offerings],
            edit_url=_edit_url(catalog, module),
        ),
        breadcrumbs=(
            ("", "Beranda"),
            ("modul/", "Modul"),
            (f"mitra/{partner.id}/", partner.display_name),
        ),
        jsonld=_course(catalog, module, partner),
    )


_COURSE_MODES = {"luring": "onsite", "daring": "online", "campuran": "blended"}
_EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def _organization(partner: Any) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": partner.name}
    if partner.website:
        org["sameAs"] = partner.website
    return org


def _postal_address(
    street: str | None, city: str | None, *, region: str | None = None
) -> dict[str, Any]:
    """schema.org PostalAddress; the city is Medan when the records name none."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": city or "Medan"}
    if region:
        address["addressRegion"] = region
    address["addressCountry"] = "ID"
    if street:
        address["streetAddress"] = street
    return address


def _course(catalog: Catalog, module: Module, partner: Any) -> dict[str, Any]:
    """schema.org Course of a module page, with its offerings still to come or running
    (CourseInstance): what search engines show as a course and its dates."""
    mode = _COURSE_MODES[module.mode.value]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": module.title,
        "description": module.summary,
        "courseCode": module.key,
        "inLanguage": "id",
        "provider": _organization(partner),
        # 1 JP = 45 minutes.
        "timeRequired": f"PT{module.jp * 45}M",
    }
    if module.level is not None:
        data["educationalLevel"] = module.level.label
    if catalog.config.url:
        data["url"] = catalog.config.url.rstrip("/") + "/" + module_url(module)
    instances = []
    for item in catalog.upcoming([module]):
        o = item.offering
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "name": o.name or o.id,
            "courseMode": mode,
            "startDate": o.start.isoformat(),
            "endDate": o.end.isoformat(),
            "eventStatus": _EVENT_STATUS[o.status.value],
        }
        if o.venue is not None:
            address = _postal_address(o.venue.address, o.venue.city or partner.city)
            instance["location"] = {"@type": "Place", "name": o.venue.name, "address": address}
        elif o.online:
            instance["location"] = {"@type": "VirtualLocation", "url": o.online}
        instances.append(instance)
    if instances:
        data["hasCourseInstance"] = instances
    return data


def _program_pages(catalog: Catalog) -> list[Page]:
    programs = list(catalog.programs.values())
    pages = [
        Page(
            url="program/",
            template="program_list.html",
            indexed=False,
            title="Program Pengembangan",
            description=_clip(
                f"{len(programs)} program: rangkaian modul berurutan untuk jalur kompetensi ASN."
            ),
            context=_common(catalog, programs=programs),
            breadcrumbs=(("", "Beranda"),),
        )
    ]
    pages += [_program_page(catalog, program) for program in programs]
    return pages


def _program_page(catalog: Catalog, program: Any) -> Page:
    partner = catalog.partner(program)
    return Page(
        url=f"program/{program.partner_id}/{program.id}/",
        template="program.html",
        title=program.title,
        description=_clip(program.summary),
        context=_common(
            catalog,
            program=program,
            partner=partner,
            modules=catalog.program_modules(program),
            total_jp=catalog.program_jp(program),
            edit_url=_edit_url(catalog, program),
        ),
        breadcrumbs=(("", "Beranda"), ("program/", "Program")),
    )


def _partner_pages(catalog: Catalog) -> list[Page]:
    partners = list(catalog.partners.values())
    pages = [
        Page(
            url="mitra/",
            template="partner_list.html",
            indexed=False,
            title="Mitra Penyelenggara",
            description=_clip(
                f"{len(partners)} perguruan tinggi, politeknik, lembaga pelatihan dan instansi "
                "yang menyelenggarakan pengembangan kompetensi ASN Kota Medan."
            ),
            context=_common(catalog, partners=partners),
            breadcrumbs=(("", "Beranda"),),
        )
    ]
    pages += [_partner_page(catalog, partner) for partner in partners]
    return pages


def _partner_page(catalog: Catalog, partner: Any) -> Page:
    modules = catalog.of_partner(partner.id, "modules")
    upcoming = catalog.upcoming(modules)
    return Page(
        url=f"mitra/{partner.id}/",
        template="partner.html",
        title=partner.name,
        description=_clip(
            f"{partner.name}: {len(modules)} modul, jadwal angkatan, program dan magang "
            "untuk ASN Kota Medan."
        ),
        context=_common(
            catalog,
            partner=partner,
            modules=modules,
            programs=catalog.of_partner(partner.id, "programs"),
            offerings=upcoming[:UPCOMING_SHOWN],
            offerings_total=len(upcoming),
            edit_url=_edit_url(catalog, partner),
        ),
        breadcrumbs=(("", "Beranda"), ("mitra/", "Mitra")),
    )


def competency_pages(catalog: Catalog, ids: list[str]) -> list[Page]:
    """The pages of the competencies `ids` (not the dictionary's, a section page of
    the nav): what the preview renders first after competencies.yml changes."""
    return [page for page in _competency_pages(catalog, set(ids)) if page.url != "kompetensi/"]


def _competency_pages(catalog: Catalog, only: set[str] | None = None) -> list[Page]:
    groups = {
        t: [(cid, c) for cid, c in catalog.competencies.items() if c.type is t]
        for t in CompetencyType
    }
    pages = [
        Page(
            url="kompetensi/",
            template="competency_list.html",
            indexed=False,
            title="Kamus Kompetensi",
            description=_clip(
                "Kompetensi teknis, manajerial dan sosial kultural ASN beserta modul yang "
                "mengembangkannya."
            ),
            context=_common(catalog, groups=groups),
            breadcrumbs=(("", "Beranda"),),
        )
    ]
    for comp_id, comp in catalog.competencies.items():
        if only is not None and comp_id not in only:
            continue
        modules = catalog.modules_with_competency(comp_id)
        upcoming = catalog.upcoming(modules)
        internships = catalog.internships_with_competency(comp_id)
        title = f"Kompetensi {comp.name}"
        description = _clip(
            comp.description
            or f"Modul dan magang yang mengembangkan kompetensi {comp.name} ({comp.type.label})."
        )
        # A competency of a national catalog has thousands of modules: its page lists
        # them PER_PAGE at a time, like /modul/.
        for url, chunk, pager in _paginate(modules, f"kompetensi/{comp_id}/"):
            first = pager["number"] == 1
            pages.append(
                Page(
                    url=url,
                    template="competency.html",
                    title=_paged_title(title, pager),
                    description=description,
                    context=_common(
                        catalog,
                        comp_id=comp_id,
                        competency=comp,
                        modules=chunk,
                        pager=pager,
                        internships=internships if first else [],
                        offerings=upcoming[:UPCOMING_SHOWN] if first else [],
                        offerings_total=len(upcoming),
                    ),
                    breadcrumbs=(("", "Beranda"), ("kompetensi/", "Kompetensi"))
                    if first
                    else (
                        ("", "Beranda"),
                        ("kompetensi/", "Kompetensi"),
                        (f"kompetensi/{comp_id}/", comp.name),
                    ),
                )
            )
    return pages


def _schedule_rows(catalog: Catalog) -> tuple[list, list]:
    """The schedule's rows, (kind, start, item): those already running on `today`
    (started on an earlier day, not yet ended; ending soonest first) and those to
    come (starting today or later; in order of start).

    A cancelled or postponed offering whose first day has passed is neither: it
    is not taking place, and its module's page still shows it.
    """
    today = catalog.today
    meetings = [m for f in catalog.forums.values() for m in catalog.meetings(f, limit=12)]
    rows = [("offering", s.start, s) for s in catalog.upcoming()]
    rows += [("meeting", m.start, m) for m in meetings]
    running, coming = [], []
    for row in rows:
        if local_day(row[1]) >= today:
            coming.append(row)
        elif row[0] == "meeting" or row[2].offering.status is OfferingStatus.SCHEDULED:
            running.append(row)
    coming.sort(key=lambda r: (r[1], r[0], _row_key(r)))
    running.sort(key=lambda r: (r[2].end, r[1], r[0], _row_key(r)))
    return running, coming


def _row_key(row: tuple) -> str:
    item = row[2]
    return item.module.key if row[0] == "offering" else item.forum.key


def _schedule_pages(catalog: Catalog) -> list[Page]:
    """/jadwal/ (what is running, then what is coming by month), a page per month and
    one of what is running when /jadwal/ cannot hold everything, and the archive by year.

    Offerings are filed under the month they start in, so one that started before
    today (a year-long e-learning) would put a month long past at the head of the
    "upcoming" schedule: those are shown apart, with the day they end.
    """
    running, coming = _schedule_rows(catalog)
    months: dict[str, list] = {}
    for row in coming:
        months.setdefault(f"{row[1]:%Y-%m}", []).append(row)
    month_pages = len(running) + len(coming) > SCHEDULE_LIMIT
    running_shown = running[:RUNNING_SHOWN] if month_pages else running
    index = [(key, _month_label(key), len(items)) for key, items in months.items()]
    shown: dict[str, list] = {}
    count = len(running_shown)
    for key, items in months.items():
        if month_pages and count + len(items) > SCHEDULE_LIMIT and shown:
            break
        shown[key] = items
        count += len(items)
    groups = ([(RUNNING, running_shown)] if running_shown else []) + list(shown.items())
    past = catalog.past()
    years = sorted({s.start.year for s in past}, reverse=True)
    offerings = sum(r[0] == "offering" for r in coming)
    common = {
        "index": index,
        "month_pages": month_pages,
        # /jadwal/berlangsung/ exists (and the month index links to it)
        "running_page": month_pages and bool(running),
        "running_total": len(running),
        "years": years,
        "ics_url": "jadwal.ics",
        "view": "month",
        "current": None,  # the month index's entry of this page
        "pager": None,
    }
    pages = [
        Page(
            url="jadwal/",
            template="schedule.html",
            title="Jadwal Pelatihan dan Forum",
            description=_clip(
                (f"{len(running)} angkatan sedang berlangsung; " if running else "")
                + f"{offerings} angkatan pelatihan dan {len(coming) - offerings} pertemuan "
                "forum mendatang, per bulan, dengan status pendaftaran dan berkas kalender."
            ),
            context=_common(
                catalog,
                **common | {"view": "all"},
                groups=groups,
                options=_filter_options(catalog, groups),
            ),
            breadcrumbs=(("", "Beranda"),),
            indexed=False,
        )
    ]
    if month_pages:
        for key, items in months.items():
            group = [(key, items)]
            pages.append(
                Page(
                    url=f"jadwal/{key}/",
                    template="schedule.html",
                    title=f"Jadwal {_month_label(key)}",
                    description=_clip(f"{len(items)} kegiatan pada {_month_label(key)}."),
                    context=_common(
                        catalog,
                        **common | {"current": key},
                        groups=group,
                        options=_filter_options(catalog, group),
                    ),
                    breadcrumbs=(("", "Beranda"), ("jadwal/", "Jadwal")),
                    indexed=False,
                )
            )
    if month_pages and running:
        for url, chunk, pager in _paginate(running, f"jadwal/{RUNNING}/", RUNNING_PER_PAGE):
            group = [(RUNNING, chunk)]
            pages.append(
                Page(
                    url=url,
                    template="schedule.html",
                    title=_paged_title("Jadwal: Sedang Berlangsung", pager),
                    description=_clip(
                        f"{len(running)} angkatan pelatihan yang sedang berlangsung, "
                        "dari yang paling cepat berakhir."
                    ),
                    context=_common(
                        catalog,
                        **common | {"view": RUNNING, "current": RUNNING, "pager": pager},
                        groups=group,
                        options=_filter_options(catalog, group),
                    ),
                    breadcrumbs=(("", "Beranda"), ("jadwal/", "Jadwal")),
                    indexed=False,
                )
            )
    for year in years:
        items = [s for s in past if s.start.year == year]
        items.reverse()
        # A national catalog ends tens of thousands of offerings a year: a page each
        # ARCHIVE_PER_PAGE rows, not one page of tens of megabytes.
        for url, chunk, pager in _paginate(items, f"jadwal/arsip/{year}/", ARCHIVE_PER_PAGE):
            pages.append(
                Page(
                    url=url,
                    template="schedule_archive.html",
                    title=_paged_title(f"Arsip Jadwal {year}", pager),
                    description=_clip(
                        f"{len(items)} angkatan yang telah selesai pada tahun {year}."
                    ),
                    context=_common(catalog, items=chunk, pager=pager, year=year, years=years),
                    breadcrumbs=(("", "Beranda"), ("jadwal/", "Jadwal")),
                    indexed=False,
                )
            )
    return pages


def _month_label(key: str) -> str:
    from generator.render import MONTHS

    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _filter_options(catalog: Catalog, groups: list) -> dict[str, list[tuple[str, str]]]:
    """The values a schedule page can be filtered by, as (value, label), from the groups
    (key, rows) it shows: each option shows at least one row."""
    from generator.model import CompetencyType, Method, Mode

    rows = [r for _, items in groups for r in items]
    modules = [r[2].module for r in rows if r[0] == "offering"]
    partners = {
        r[2].module.partner_id if r[0] == "offering" else r[2].forum.partner_id for r in rows
    }
    methods = {m.method for m in modules}
    return {
        "month": [
            (key, "Sedang berlangsung" if key == RUNNING else _month_label(key))
            for key, _ in groups
        ],
        "method": [(m.value, m.label) for m in Method if m in methods]
        + ([("forum", "Pertemuan forum")] if any(r[0] == "meeting" for r in rows) else []),
        "mode": [(m.value, m.label) for m in Mode],
        "partner": [(p.id, p.display_name) for p in catalog.partners.values() if p.id in partners],
        "type": [(t.value, t.label) for t in CompetencyType],
    }


def internship_url(internship: Any) -> str:
    return f"magang/{internship.partner_id}/{internship.id}/"


def _internship_pages(catalog: Catalog) -> list[Page]:
    ordered = catalog.internships_by_status()
    pages = [
        Page(
            url="magang/",
            template="internship_list.html",
            title="Magang ASN",
            description=_clip(
                f"{len(ordered)} panggilan magang di perguruan tinggi dan instansi mitra: "
                "yang masih dibuka, segera dibuka dan yang telah ditutup."
            ),
            context=_common(catalog, items=ordered, feed_url=FEED_PATH),
            breadcrumbs=(("", "Beranda"),),
            indexed=False,
        )
    ]
    pages += [_internship_page(catalog, internship, status) for internship, status in ordered]
    return pages


def _internship_page(catalog: Catalog, internship: Any, status: Any) -> Page:
    partner = catalog.partner(internship)
    return Page(
        url=internship_url(internship),
        template="internship.html",
        title=internship.title,
        description=_clip(internship.summary),
        context=_common(
            catalog,
            internship=internship,
            partner=partner,
            status=status,
            competencies=catalog.competencies_of(internship),
            related=catalog.related_modules(internship),
            edit_url=_edit_url(catalog, internship),
        ),
        breadcrumbs=(("", "Beranda"), ("magang/", "Magang")),
        jsonld=_job_posting(catalog, internship, partner),
    )


def _job_posting(catalog: Catalog, internship: Any, partner: Any) -> dict[str, Any]:
    from generator.exports.atom import posted

    host = internship.host
    address = _postal_address(
        (host.address if host else None) or partner.address,
        host.city if host and host.city else partner.city,
        region="Sumatera Utara",
    )
    org = _organization(partner)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": internship.title,
        "description": internship.summary,
        "employmentType": "INTERN",
        "datePosted": posted(internship).isoformat(),
        "hiringOrganization": org,
        "jobLocation": {"@type": "Place", "address": address},
        "totalJobOpenings": internship.quota,
        "jobStartDate": internship.start.isoformat(),
    }
    if internship.application:
        closes = datetime.combine(
            internship.application.closes, time(23, 59, 59), catalog.config.tz
        )
        data["validThrough"] = closes.isoformat()
    if catalog.config.url:
        data["url"] = catalog.config.url.rstrip("/") + "/" + internship_url(internship)
    return data


def _forum_pages(catalog: Catalog) -> list[Page]:
    forums = list(catalog.forums.values())
    pages = [
        Page(
            url="forum/",
            template="forum_list.html",
            title="Forum Diskusi",
            description=_clip(
                f"{len(forums)} forum dan komunitas belajar ASN yang bertemu secara berkala."
            ),
            context=_common(catalog, forums=[(f, catalog.meetings(f, limit=1)) for f in forums]),
            breadcrumbs=(("", "Beranda"),),
            indexed=False,
        )
    ]
    pages += [_forum_page(catalog, forum) for forum in forums]
    return pages


def _forum_page(catalog: Catalog, forum: Any) -> Page:
    partner = catalog.partner(forum)
    return Page(
        url=f"forum/{forum.partner_id}/{forum.id}/",
        template="forum.html",
        title=forum.title,
        description=_clip(forum.summary),
        context=_common(
            catalog,
            forum=forum,
            partner=partner,
            meetings=catalog.meetings(forum, limit=6),
            recurrence=describe_rrule(forum.schedule.recurrence),
            edit_url=_edit_url(catalog, forum),
        ),
        breadcrumbs=(("", "Beranda"), ("forum/", "Forum")),
    )


def record_page(catalog: Catalog, kind: str, key: str) -> Page | None:
    """The page of one record (None if it has none in this catalog): what the
    preview renders first after an edit, before the rest of the site."""
    record = getattr(catalog, kind, {}).get(key)
    if record is None:
        return None
    if kind == "modules":
        return _module_page(catalog, record)
    if kind == "programs":
        return _program_page(catalog, record)
    if kind == "partners":
        return _partner_page(catalog, record)
    if kind == "internships":
        return _internship_page(catalog, record, catalog.internship_availability(record))
    if kind == "forums":
        return _forum_page(catalog, record)
    return None


_ORDINALS = {1: "pertama", 2: "kedua", 3: "ketiga", 4: "keempat", -1: "terakhir"}


def _ordinal(num: int) -> str:
    if num in _ORDINALS:
        return _ORDINALS[num]
    return f"ke-{num}" if num > 0 else f"ke-{-num} dari akhir"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"


def _month_day(day: int) -> str:
    if day > 0:
        return f"tanggal {day}"
    return "hari terakhir bulan" if day == -1 else f"hari ke-{-day} dari akhir bulan"


def describe_rrule(rule: str | None) -> str:
    """An RRULE in plain Indonesian: `FREQ=MONTHLY;BYDAY=1TH` → "Kamis pertama, setiap bulan".

    It describes the parts that model.rrule_parts accepts (COUNT and WKST change
    no words: the page lists the meetings themselves).
    """
    from generator.render import MONTHS

    if not rule:
        return "satu kali"
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq = parts.get("FREQ")
    interval = int(parts.get("INTERVAL", "1"))
    unit = {"DAILY": "hari", "WEEKLY": "minggu", "MONTHLY": "bulan", "YEARLY": "tahun"}.get(
        freq, ""
    )
    every = f"setiap {unit}" if interval == 1 else f"setiap {interval} {unit} sekali"
    days = []
    for token in parts.get("BYDAY", "").split(","):
        if not token:
            continue
        code, num = token[-2:], token[:-2]
        name = RRULE_DAYS.get(code, code)
        if num and num.lstrip("+-").isdigit():
            name = f"{name} {_ordinal(int(num))}"
        days.append(name)
    when = []
    if days:
        when.append(", ".join(days))
    if "BYMONTHDAY" in parts:
        dates = parts["BYMONTHDAY"].split(",")
        if all(not d.startswith("-") for d in dates):
            when.append("tanggal " + _listed(dates))
        else:
            when.append(_listed([_month_day(int(d)) for d in dates]))
    if "BYMONTH" in parts:
        months = [MONTHS[int(m) - 1] for m in parts["BYMONTH"].split(",")]
        when.append(f"bulan {_listed(months)}")
    return ", ".join([*when, every])


def _planner_and_data_pages(catalog: Catalog) -> list[Page]:
    """/rencana/ (the yearly JP planner, in the browser), /cari/ (a search page with an
    address: `?q=`) and /data/ (open data)."""
    target = catalog.config.annual_jp_target
    return [
        Page(
            url="rencana/",
            template="planner.html",
            title="Rencana JP Tahunan",
            description=_clip(
                f"Susun rencana pengembangan kompetensi Anda untuk mencapai {target} JP setahun: "
                "pilih modul, lihat total JP, simpan di perangkat Anda."
            ),
            context=_common(catalog, target=target, index_url=PLANNER_INDEX),
            breadcrumbs=(("", "Beranda"),),
            indexed=False,
        ),
        Page(
            url="cari/",
            template="search.html",
            title="Pencarian",
            description=_clip(
                "Cari modul pelatihan, program, jadwal, magang, forum dan mitra penyelenggara "
                "di portal ini."
            ),
            context=_common(catalog, sections=SECTIONS),
            breadcrumbs=(("", "Beranda"),),
            indexed=False,
        ),
        Page(
            url="data/",
            template="data.html",
            title="Data Terbuka",
            description=_clip(
                "Unduh katalog modul, angkatan, magang dan mitra dalam format JSON, CSV dan "
                "iCalendar, serta skema JSON untuk editor."
            ),
            context=_common(catalog),
            breadcrumbs=(("", "Beranda"),),
            indexed=False,
        ),
    ]


def _edit_url(catalog: Catalog, record: Any) -> str | None:
    repo = catalog.config.repo_url
    if not repo or record.source is None:
        return None
    rel = os.path.relpath(record.source.path, catalog.base_dir).replace(os.sep, "/")
    return f"{repo.rstrip('/')}/{rel}"


def _guide_pages(catalog: Catalog) -> list[Page]:
    """/panduan/: the editor guide (docs/panduan-editor.md), its field tables from the model."""
    from generator.guide import guide_html, guide_text

    return [
        Page(
            url="panduan/",
            template="guide.html",
            title="Panduan Editor",
            description=_clip(
                "Cara menambah dan mengubah modul, program, magang dan forum di portal: "
                "kolom setiap rekaman, galat yang sering muncul, peninjauan dan penerbitan."
            ),
            context=_common(
                catalog,
                body=guide_html(guide_text(catalog.base_dir, catalog.config.timezone)),
            ),
            breadcrumbs=(("", "Beranda"),),
        )
    ]
