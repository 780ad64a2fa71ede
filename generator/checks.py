"""Rules across records: references, cycles, dates and unsafe Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from generator.model import (
    REF_RE,
    Forum,
    Internship,
    Module,
    Program,
    Record,
    end_instant,
    local_day,
    start_instant,
    zone_label,
)
from generator.problems import Problem, Severity, did_you_mean
from generator.yamlio import Document, Loc, format_loc

if TYPE_CHECKING:
    from generator.load import Loaded


def resolve(ref: str, partner_id: str) -> str:
    """A reference as written (`id` or `partner/id`) → the global `partner/id` key."""
    return ref if "/" in ref else f"{partner_id}/{ref}"


def _ends_before(start, end) -> bool:
    """Whether an end comes before its start (the rule is end >= start).

    A date-only end covers its whole day, so it is compared as a day: an end
    on the day before a date-only start is still before it, although the
    instants (the end of the 9th, the start of the 10th) are equal.
    """
    return end_instant(end) < start_instant(start) or local_day(end) < local_day(start)


def record_problems(record: Record) -> list[Problem]:
    """Rules that need only the record itself: dates, sessions and unsafe Markdown.

    They run right after a file validates (in a worker process for big
    curricula), so that only references are left for `run_checks`.
    """
    problems: list[Problem] = []
    kind = record.record_kind
    if kind == "module":
        problems += _offering_dates(record)
    elif kind == "internship":
        problems += _internship_dates(record)
    elif kind == "forum":
        problems += _forum_rules(record)
    description = getattr(record, "description", None)
    if description and record.source is not None:
        problems += markdown_problems(record.source, ("description",), description)
    return problems


def competency_problems(doc: Document, competencies: dict) -> list[Problem]:
    problems: list[Problem] = []
    for comp_id, comp in competencies.items():
        if comp.description:
            problems += markdown_problems(doc, (comp_id, "description"), comp.description)
    return problems


def run_checks(loaded: Loaded) -> list[Problem]:
    """Every cross-record problem: references and prerequisite cycles."""
    problems: list[Problem] = []
    for module in loaded.checked("modules"):
        problems += _module_refs(loaded, module)
    problems += _cycles(loaded)
    for program in loaded.checked("programs"):
        problems += _program_refs(loaded, program)
    for internship in loaded.checked("internships"):
        problems += _internship_refs(loaded, internship)
    return problems


# ---------------------------------------------------------------- references


def _unknown(
    doc: Document, loc: Loc, ref: str, key: str, known: Iterable[str], what: str, partner_id: str
) -> Problem:
    # Only what can be written as a reference (not a file named `Analisis Data.yml`).
    pool = [k for k in known if REF_RE.match(k)]
    # Suggest in the form the editor wrote: a bare id within the partner when possible.
    best = did_you_mean(key, pool)
    hint = ""
    if best:
        shown = (
            best.split("/", 1)[1] if best.startswith(f"{partner_id}/") and "/" not in ref else best
        )
        hint = f" Mungkin maksud Anda '{shown}'?"
    if "/" not in ref:
        where = f"di mitra '{partner_id}'; untuk mitra lain tulis 'mitra/{ref}'"
    else:
        where = "di kurikulum"
    return doc.problem(loc, f"{what} '{ref}' tidak ditemukan {where}.{hint}")


def _check_refs(
    loaded: Loaded,
    record: Record,
    field: str,
    refs: list[str],
    targets: dict[str, object],
    what: str,
) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, ref in enumerate(refs):
        key = resolve(ref, record.partner_id)
        if key in seen:
            yield record.source.problem(
                (field, i),
                f"'{ref}' disebut dua kali; hapus salah satunya.",
                severity=Severity.WARNING,
            )
        seen.add(key)
        if key not in targets and key not in loaded.broken:
            other = _other_kind(loaded, key)
            if other is not None:
                yield record.source.problem(
                    (field, i),
                    f"'{ref}' adalah {other}, bukan modul, dan di sini hanya modul yang dapat "
                    "dirujuk; hapus rujukan ini atau ganti dengan id modul.",
                )
                continue
            yield _unknown(record.source, (field, i), ref, key, targets, what, record.partner_id)


_OTHER_KINDS = {"programs": "program", "internships": "magang", "forums": "forum"}


def _other_kind(loaded: Loaded, key: str) -> str | None:
    """What a reference names when it is a record, but not a module."""
    for kind, label in _OTHER_KINDS.items():
        if key in loaded.records(kind) or key in loaded.salvaged.get(kind, {}):
            return label
    return None


def _competency_refs(loaded: Loaded, record: Record, refs: list[str]) -> Iterator[Problem]:
    if loaded.no_dictionary:
        return  # the dictionary's own problem is reported; every reference would repeat it
    for i, comp_id in enumerate(refs):
        if comp_id not in loaded.competencies and comp_id not in loaded.broken:
            hint = did_you_mean(comp_id, loaded.competencies)
            yield record.source.problem(
                ("competencies", i),
                f"kompetensi '{comp_id}' tidak ada di competencies.yml."
                + (
                    f" Mungkin maksud Anda '{hint}'?"
                    if hint
                    else " Tambahkan dulu ke kamus kompetensi."
                ),
            )


def _module_refs(loaded: Loaded, module: Module) -> list[Problem]:
    problems = list(_competency_refs(loaded, module, module.competencies))
    problems += _check_refs(
        loaded, module, "prerequisites", module.prerequisites, loaded.modules, "modul prasyarat"
    )
    return problems


def _program_refs(loaded: Loaded, program: Program) -> list[Problem]:
    return list(_check_refs(loaded, program, "modules", program.modules, loaded.modules, "modul"))


# ---------------------------------------------------------------- cycles


def _cycles(loaded: Loaded) -> list[Problem]:
    """Prerequisite cycles of any length, each reported once."""
    modules = {m.key: m for m in loaded.checked("modules")}
    graph = {key: [resolve(r, m.partner_id) for r in m.prerequisites] for key, m in modules.items()}
    white, grey, black = 0, 1, 2
    color = dict.fromkeys(graph, white)
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        if color[start] != white:
            continue
        # Iterative DFS: a deep prerequisite chain must not hit the recursion limit.
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        color[start] = grey
        while stack:
            node, index = stack[-1]
            edges = graph[node]
            if index < len(edges):
                stack[-1] = (node, index + 1)
                nxt = edges[index]
                if nxt not in graph:
                    continue
                if color[nxt] == grey:
                    cycle = path[path.index(nxt) :]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        problems.append(_cycle_problem(modules, cycle))
                elif color[nxt] == white:
                    color[nxt] = grey
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                color[node] = black
                stack.pop()
                path.pop()
    return problems


def _cycle_problem(modules: dict[str, Module], cycle: list[str]) -> Problem:
    first = min(cycle)
    at = cycle.index(first)
    ordered = cycle[at:] + cycle[:at]
    module = modules[ordered[0]]
    target = ordered[1] if len(ordered) > 1 else ordered[0]
    index = next(
        i for i, r in enumerate(module.prerequisites) if resolve(r, module.partner_id) == target
    )
    chain = " → ".join([*ordered, ordered[0]])
    if len(ordered) == 1:
        text = f"modul menjadi prasyarat bagi dirinya sendiri ({chain}); hapus rujukan ini."
    else:
        text = (
            f"prasyarat membentuk lingkaran: {chain}; hapus salah satu prasyarat agar "
            "urutannya jelas."
        )
    return module.source.problem(("prerequisites", index), text)


# ---------------------------------------------------------------- dates


def _offering_dates(module: Module) -> list[Problem]:
    doc = module.source
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, offering in enumerate(module.offerings):
        loc = ("offerings", i)
        if offering.id in seen:
            problems.append(
                doc.problem(
                    (*loc, "id"),
                    f"id angkatan '{offering.id}' sudah dipakai oleh angkatan ke-{seen[offering.id] + 1}; "
                    "setiap angkatan perlu id yang berbeda, misalnya 'angkatan-2'.",
                )
            )
        else:
            seen[offering.id] = i
        start = start_instant(offering.start)
        end = end_instant(offering.end)
        inverted = _ends_before(offering.start, offering.end)
        if inverted:
            # Every session lies "outside" a range that ends before it starts: say
            # this once, with the sessions' own span as a clue to the right dates.
            spans = [
                (start_instant(x.start), x.start, end_instant(x.end), x.end)
                for x in offering.sessions
            ]
            clue = ""
            if spans:
                first = min(spans, key=lambda x: x[0])[1]
                last = max(spans, key=lambda x: x[2])[3]
                clue = f" (sesi-sesinya berlangsung {_show(first)} – {_show(last)})"
            problems.append(
                doc.problem(
                    (*loc, "end"),
                    f"selesai ({_show(offering.end)}) sebelum mulai ({_show(offering.start)}); "
                    f"periksa kedua tanggal{clue}.",
                )
            )
        elif (long := _long_span(offering.start, offering.end)) is not None:
            problems.append(doc.problem((*loc, "end"), long, severity=Severity.WARNING))
        for j, session in enumerate(offering.sessions):
            s_loc = (*loc, "sessions", j)
            s_start, s_end = start_instant(session.start), end_instant(session.end)
            if _ends_before(session.start, session.end):
                problems.append(
                    doc.problem(
                        (*s_loc, "end"),
                        f"sesi selesai ({_show(session.end)}) sebelum mulai "
                        f"({_show(session.start)}); periksa jamnya.",
                    )
                )
                continue
            if not inverted and (s_start < start or s_end > end):
                # Point at the date that is outside: the end when only it is.
                side = "end" if start <= s_start < end else "start"
                problems.append(
                    doc.problem(
                        (*s_loc, side),
                        f"sesi ({_show(session.start)} – {_show(session.end)}) berada di luar "
                        f"angkatannya ({_show(offering.start)} – {_show(offering.end)}); "
                        "sesuaikan tanggal sesi atau angkatan.",
                    )
                )
        reg = offering.registration
        if reg is not None:
            if reg.closes and reg.closes > local_day(offering.start):
                problems.append(
                    doc.problem(
                        (*loc, "registration", "closes"),
                        f"pendaftaran ditutup ({reg.closes.isoformat()}) setelah angkatan dimulai "
                        f"({_show(offering.start)}); tutup pendaftaran paling lambat hari mulai.",
                    )
                )
            if reg.opens and reg.closes and reg.opens > reg.closes:
                problems.append(
                    doc.problem(
                        (*loc, "registration", "opens"),
                        f"pendaftaran dibuka ({reg.opens.isoformat()}) setelah ditutup "
                        f"({reg.closes.isoformat()}); tukar atau perbaiki tanggalnya.",
                    )
                )
    return problems


# An offering or internship longer than this is most often a mistyped year
# (2026-06-15 to 2062-06-19): said, not refused (a year-long e-learning is real).
LONG_SPAN_DAYS = 400


def _long_span(start, end) -> str | None:
    """A warning when start to end spans more than LONG_SPAN_DAYS days."""
    days = (local_day(end) - local_day(start)).days + 1
    if days <= LONG_SPAN_DAYS:
        return None
    span = f"sekitar {_years(timedelta(days=days))} tahun" if days >= 548 else f"{days} hari"
    return (
        f"berlangsung {span} ({_show(start)} – {_show(end)}); periksa tahunnya bila bukan "
        "itu yang dimaksud."
    )


def _is_date(value) -> bool:
    return not hasattr(value, "hour")


def _show(value) -> str:
    """A date as written in the YAML; a time with the zone it is shown in (the site's,
    whatever zone the editor wrote): `2026-02-10 09:00 WITA`."""
    if _is_date(value):
        return value.isoformat()
    shown = value.strftime("%Y-%m-%d %H:%M")
    return f"{shown} {zone_label(value.tzinfo)}" if value.tzinfo is not None else shown


def _internship_refs(loaded: Loaded, internship: Internship) -> list[Problem]:
    problems = list(_competency_refs(loaded, internship, internship.competencies))
    problems += _check_refs(
        loaded, internship, "related_modules", internship.related_modules, loaded.modules, "modul"
    )
    return problems


def _internship_dates(internship: Internship) -> list[Problem]:
    doc = internship.source
    problems: list[Problem] = []
    if internship.start is None or internship.end is None:
        return problems
    if internship.end < internship.start:
        problems.append(
            doc.problem(
                ("end",),
                f"selesai ({internship.end}) sebelum mulai ({internship.start}); periksa tanggalnya.",
            )
        )
    elif (long := _long_span(internship.start, internship.end)) is not None:
        problems.append(doc.problem(("end",), long, severity=Severity.WARNING))
    app = internship.application
    if app is not None and app.opens and app.opens > app.closes:
        problems.append(
            doc.problem(
                ("application", "opens"),
                f"pendaftaran dibuka ({app.opens}) setelah ditutup ({app.closes}); "
                "perbaiki tanggalnya.",
            )
        )
    if app is not None and app.closes > internship.start:
        problems.append(
            doc.problem(
                ("application", "closes"),
                f"pendaftaran ditutup ({app.closes}) setelah magang dimulai ({internship.start}); "
                "tutup pendaftaran paling lambat tanggal mulai.",
            )
        )
    return problems


def _forum_rules(forum: Forum) -> list[Problem]:
    schedule = forum.schedule
    if schedule is None:
        return []
    first = schedule.first
    if schedule.until and schedule.until < first.date():
        return [
            forum.source.problem(
                ("schedule", "until"),
                f"tanggal akhir ({schedule.until}) sebelum pertemuan pertama "
                f"({first.date()}); periksa tanggalnya.",
            )
        ]
    if not schedule.recurrence:
        return []
    from generator.model import (
        RRULE_EXAMPLE,
        recurrence_end,
        recurrence_first,
        recurrence_horizon,
    )

    # Looked for in a window, never up to the year 9999: two years from the first
    # meeting (four and a day for a yearly rule or one on 29 February, longer with an
    # INTERVAL), or up to the schedule's end when that comes sooner.
    horizon = recurrence_horizon(schedule.recurrence)
    end = recurrence_end(first, schedule.until, schedule.recurrence)
    if end < first + horizon:
        window = (
            f"antara pertemuan pertama ({first:%Y-%m-%d %H:%M}) dan tanggal akhir "
            f"({schedule.until})"
        )
    else:
        window = f"dalam {_years(horizon)} tahun sejak pertemuan pertama ({first:%Y-%m-%d %H:%M})"
    try:
        occurrence = recurrence_first(schedule.recurrence, first, end)
    except Exception:  # the rule is checked part by part; this is the last guard
        occurrence = None
    if occurrence is None:
        return [
            forum.source.problem(
                ("schedule", "recurrence"),
                f"aturan pengulangan '{schedule.recurrence}' tidak menghasilkan satu pun "
                f"pertemuan {window}; periksa apakah bagian-bagiannya dapat terjadi "
                "bersamaan (misalnya tanggal 30 tidak pernah ada di bulan Februari) dan "
                "apakah pola itu sesuai dengan kolom first. "
                f"Contoh aturan yang sah: {RRULE_EXAMPLE}.",
            )
        ]
    if occurrence != first:
        # RFC 5545 counts DTSTART as a meeting even when the rule does not produce it.
        return [
            forum.source.problem(
                ("schedule", "first"),
                f"pertemuan pertama ({first:%Y-%m-%d %H:%M}) tidak sesuai pola "
                f"'{schedule.recurrence}'; pertemuan pertama menurut pola itu "
                f"{occurrence:%Y-%m-%d %H:%M}. Samakan kolom first dengan pola.",
                severity="warning",
            )
        ]
    return []


_YEAR_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
               "sembilan", "sepuluh")  # fmt: skip


def _years(span: timedelta) -> str:
    """A span in whole years, in words up to ten: 731 days → 'dua', 1462 → 'empat'."""
    years = max(1, round(span.days / 365.25))
    return _YEAR_WORDS[years] if years < len(_YEAR_WORDS) else str(years)


# ---------------------------------------------------------------- markdown

_UNSAFE = [
    (re.compile(r"<\s*script\b", re.I), "tag <script> tidak diizinkan; hapus skrip dari teks."),
    (
        re.compile(r"<\s*iframe\b", re.I),
        "tag <iframe> tidak diizinkan; tulis tautan biasa ke halaman itu.",
    ),
    (
        re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.I),
        "atribut peristiwa HTML (on...=) tidak diizinkan; hapus atribut itu.",
    ),
    (
        re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I),
        "tautan javascript: tidak diizinkan; gunakan alamat https://.",
    ),
]


def markdown_problems(doc: Document, loc: Loc, text: str) -> list[Problem]:
    """Raw HTML an editor must not put in a Markdown field, located by line."""
    problems: list[Problem] = []
    pos = doc.pos(loc)
    source_lines: list[str] | None = None
    last_line = 0
    for pattern, message in _UNSAFE:
        cursor = (0, 0)  # just after the previous match of this pattern in the source
        for match in pattern.finditer(text):
            offset = text.count("\n", 0, match.start())
            line = pos.line + offset + (1 if pos.block else 0)
            col = pos.col
            fragment = match.group(0).split("\n")[0]
            if source_lines is None:
                source_lines = _source_lines(doc)
                last_line = _scalar_end(doc, pos.line, len(source_lines))
            # Folded (`>`) and plain multi-line text lose line breaks, and leading blank
            # lines are stripped: look for the text itself from the computed line on.
            found = _find(source_lines, fragment, max((line, 0), cursor), last_line)
            if found is not None:
                line, col = found
                cursor = (line, col)
            problems.append(Problem(doc.display, line, col, format_loc(loc), message))
    return problems


def _scalar_end(doc: Document, first: int, total: int) -> int:
    """The last source line a value starting on line `first` can span."""
    following = [p.line for p in (*doc.values.values(), *doc.keys.values()) if p.line > first]
    return min(following) - 1 if following else total


def _find(
    lines: list[str], fragment: str, start: tuple[int, int], last: int
) -> tuple[int, int] | None:
    """(line, col), both 1-based, of `fragment` at or after `start` (line, 0-based col)."""
    first, from_col = start
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        index = lines[number - 1].find(fragment, from_col if number == first else 0)
        if index >= 0:
            return number, index + 1
    return None


def _source_lines(doc: Document) -> list[str]:
    try:
        raw = doc.path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
