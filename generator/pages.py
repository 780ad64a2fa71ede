"""The page plan: Catalog → every page to emit (URL, template, context).

Nothing here knows MkDocs: a page is a URL, a template name and the objects
the template shows. Templates compute nothing but presentation.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

from generator.catalog import Catalog
from generator.model import CompetencyType, Module

PER_PAGE = 50

SECTIONS: list[tuple[str, str]] = [
    ("", "Beranda"),
    ("modul/", "Modul"),
    ("program/", "Program"),
    ("mitra/", "Mitra"),
    ("kompetensi/", "Kompetensi"),
]


@dataclass(frozen=True)
class Page:
    url: str  # site-relative directory URL: "" for home, "modul/usu/x/"
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)
    breadcrumbs: tuple[tuple[str, str], ...] = ()  # (url, label), the page itself excluded

    @property
    def src_uri(self) -> str:
        """The name MkDocs knows the page by."""
        return f"{self.url}index.md"


def _clip(text: str, limit: int = 160) -> str:
    """A meta description: one line, cut at a word."""
    text = " ".join(text.split())
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
            counts={
                "modules": len(catalog.modules),
                "programs": len(catalog.programs),
                "jp": catalog.jp_on_offer(),
                "partners": len(catalog.partners),
            },
        ),
    )


def _paginate(items: list, base: str) -> list[tuple[str, list, dict[str, Any]]]:
    """Split `items` into pages at `base`, `base`halaman/2/, ..."""
    total = max(1, math.ceil(len(items) / PER_PAGE))
    urls = [base] + [f"{base}halaman/{n}/" for n in range(2, total + 1)]
    out = []
    for n in range(1, total + 1):
        chunk = items[(n - 1) * PER_PAGE : n * PER_PAGE]
        pager = {
            "number": n,
            "total": total,
            "urls": urls,
            "prev": urls[n - 2] if n > 1 else None,
            "next": urls[n] if n < total else None,
            "first_index": (n - 1) * PER_PAGE + 1,
            "count": len(items),
        }
        out.append((urls[n - 1], chunk, pager))
    return out


def _module_pages(catalog: Catalog) -> list[Page]:
    pages = []
    modules = list(catalog.modules.values())
    by_type = {t: sum(m.competency_type is t for m in modules) for t in CompetencyType}
    for url, chunk, pager in _paginate(modules, "modul/"):
        title = (
            "Modul Pelatihan"
            if pager["number"] == 1
            else f"Modul Pelatihan — halaman {pager['number']}"
        )
        pages.append(
            Page(
                url=url,
                template="module_list.html",
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
    for module in modules:
        partner = catalog.partner(module)
        pages.append(
            Page(
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
            )
        )
    return pages


def _program_pages(catalog: Catalog) -> list[Page]:
    programs = list(catalog.programs.values())
    pages = [
        Page(
            url="program/",
            template="program_list.html",
            title="Program Pengembangan",
            description=_clip(
                f"{len(programs)} program: rangkaian modul berurutan untuk jalur kompetensi ASN."
            ),
            context=_common(catalog, programs=programs),
            breadcrumbs=(("", "Beranda"),),
        )
    ]
    for program in programs:
        partner = catalog.partner(program)
        pages.append(
            Page(
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
        )
    return pages


def _partner_pages(catalog: Catalog) -> list[Page]:
    partners = list(catalog.partners.values())
    pages = [
        Page(
            url="mitra/",
            template="partner_list.html",
            title="Mitra Penyelenggara",
            description=_clip(
                f"{len(partners)} perguruan tinggi, politeknik, lembaga pelatihan dan instansi "
                "yang menyelenggarakan pengembangan kompetensi ASN Kota Medan."
            ),
            context=_common(catalog, partners=partners),
            breadcrumbs=(("", "Beranda"),),
        )
    ]
    for partner in partners:
        modules = catalog.of_partner(partner.id, "modules")
        pages.append(
            Page(
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
                    offerings=catalog.upcoming(modules),
                    edit_url=_edit_url(catalog, partner),
                ),
                breadcrumbs=(("", "Beranda"), ("mitra/", "Mitra")),
            )
        )
    return pages


def _competency_pages(catalog: Catalog) -> list[Page]:
    groups = {
        t: [(cid, c) for cid, c in catalog.competencies.items() if c.type is t]
        for t in CompetencyType
    }
    pages = [
        Page(
            url="kompetensi/",
            template="competency_list.html",
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
        modules = catalog.modules_with_competency(comp_id)
        pages.append(
            Page(
                url=f"kompetensi/{comp_id}/",
                template="competency.html",
                title=f"Kompetensi {comp.name}",
                description=_clip(
                    comp.description
                    or f"Modul dan magang yang mengembangkan kompetensi {comp.name} ({comp.type.label})."
                ),
                context=_common(
                    catalog,
                    comp_id=comp_id,
                    competency=comp,
                    modules=modules,
                    internships=catalog.internships_with_competency(comp_id),
                    offerings=catalog.upcoming(modules),
                ),
                breadcrumbs=(("", "Beranda"), ("kompetensi/", "Kompetensi")),
            )
        )
    return pages


def _edit_url(catalog: Catalog, record: Any) -> str | None:
    repo = catalog.config.repo_url
    if not repo or record.source is None:
        return None
    rel = os.path.relpath(record.source.path, catalog.base_dir).replace(os.sep, "/")
    return f"{repo.rstrip('/')}/{rel}"
