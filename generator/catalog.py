"""The validated, cross-linked curriculum and the `check` entry point."""

from __future__ import annotations

import bisect
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from dateutil.rrule import rrulestr

from generator.cache import RecordCache, default_dir
from generator.checks import resolve, run_checks
from generator.config import CONFIG_NAME, curriculum_guess, exists, load_config
from generator.load import Loaded, load_curriculum
from generator.model import (
    DEFAULT_TZ,
    Competency,
    Forum,
    Internship,
    Module,
    Offering,
    OfferingStatus,
    Partner,
    Program,
    Record,
    SiteConfig,
    end_instant,
    local_day,
    start_instant,
)
from generator.problems import CurriculumError, Problem


@dataclass
class CheckResult:
    config: SiteConfig | None
    loaded: Loaded | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_curriculum(
    curriculum_dir: Path | None = None,
    *,
    config_path: Path = Path(CONFIG_NAME),
    only: set[Path] | None = None,
    full: bool = True,
    cache_dir: Path | None = None,
) -> CheckResult:
    """Load and check everything; never raises for an editor's mistake.

    `only` (resolved paths) limits the record files read and checked; the
    others still count as existing, so references to them resolve.
    `cache_dir` holds the record cache (see `generator.cache`); None reads
    every file.
    """
    problems: list[Problem] = []
    config: SiteConfig | None = None
    if exists(config_path) or curriculum_dir is None:
        config, problems = load_config(config_path)
    tz = config.tz if config else DEFAULT_TZ
    if curriculum_dir is None:
        if config is not None:
            curriculum_dir = config_path.parent / config.curriculum
        elif exists(config_path) and (guess := curriculum_guess(config_path)) is not None:
            curriculum_dir = guess
        else:
            return CheckResult(config, None, problems, 1 if exists(config_path) else 0)
    cache = RecordCache(cache_dir) if cache_dir is not None and only is None else None
    loaded = load_curriculum(curriculum_dir, tz=tz, only=only, full=full, cache=cache)
    problems += loaded.problems
    problems += run_checks(loaded)
    files = loaded.files + (1 if exists(config_path) else 0)
    return CheckResult(config, loaded, _sorted(problems), files)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.field, p.message))


# ---------------------------------------------------------------- the catalog


class Availability(StrEnum):
    """What an ASN can do about an offering or a call today."""

    OPEN = "dibuka"
    SOON = "segera-dibuka"
    CLOSED = "ditutup"
    FULL = "penuh"
    CANCELLED = "dibatalkan"
    POSTPONED = "ditunda"
    RUNNING = "berlangsung"
    FINISHED = "selesai"

    @property
    def label(self) -> str:
        return _AVAILABILITY_LABELS[self]

    @property
    def is_actionable(self) -> bool:
        return self in (Availability.OPEN, Availability.SOON)


_AVAILABILITY_LABELS = {
    Availability.OPEN: "Pendaftaran dibuka",
    Availability.SOON: "Segera dibuka",
    Availability.CLOSED: "Pendaftaran ditutup",
    Availability.FULL: "Kuota penuh",
    Availability.CANCELLED: "Dibatalkan",
    Availability.POSTPONED: "Ditunda",
    Availability.RUNNING: "Sedang berlangsung",
    Availability.FINISHED: "Selesai",
}


def offering_availability(offering: Offering, today: date) -> Availability:
    """The status of an offering on `today` (build time; the browser recomputes it)."""
    if offering.status is OfferingStatus.CANCELLED:
        return Availability.CANCELLED
    if offering.status is OfferingStatus.POSTPONED:
        return Availability.POSTPONED
    first, last = local_day(offering.start), local_day(offering.end)
    if today > last:
        return Availability.FINISHED
    if today >= first:
        return Availability.RUNNING
    if offering.full:
        return Availability.FULL
    reg = offering.registration
    opens = reg.opens if reg else None
    closes = (reg.closes if reg else None) or first
    if opens and today < opens:
        return Availability.SOON
    if today > closes:
        return Availability.CLOSED
    return Availability.OPEN


def internship_availability(internship: Internship, today: date) -> Availability:
    if today > internship.end:
        return Availability.FINISHED
    app = internship.application
    if app and app.opens and today < app.opens:
        return Availability.SOON
    closes = app.closes if app else internship.start
    if today > closes:
        return Availability.RUNNING if today >= internship.start else Availability.CLOSED
    return Availability.OPEN


@dataclass(frozen=True)
class Meeting:
    """One meeting of a forum, expanded from its RRULE."""

    forum: Forum
    start: datetime
    end: datetime


def forum_meetings(
    forum: Forum, *, after: datetime | None = None, limit: int = 12
) -> list[Meeting]:
    """The forum's meetings from `after` on (all from the first when None), at most `limit`."""
    schedule = forum.schedule
    first = schedule.first
    duration = timedelta(minutes=schedule.duration_minutes)
    if not schedule.recurrence:
        starts = [first]
    else:
        until = None
        if schedule.until:
            until = datetime.combine(schedule.until, time(23, 59, 59), tzinfo=first.tzinfo)
        starts = []
        for start in _recurrence(schedule.recurrence, first, schedule.until):
            if until is not None and start > until:
                break  # not rule.replace(until=...): dateutil deprecates COUNT with UNTIL
            if after is not None and start + duration < after:
                continue
            starts.append(start)
            if len(starts) >= limit:
                break
    if after is not None and not schedule.recurrence:
        starts = [s for s in starts if s + duration >= after]
    return [Meeting(forum, s, s + duration) for s in starts[:limit]]


def _recurrence(rule: str, first: datetime, until: date | None):
    """The rule's meetings in order, from `first`, in bounded time.

    A rule without a meeting in its first two years (or before `until`) is an
    error of `kurikulum check`; here it has no meetings, where dateutil would
    search up to the year 9999 (seconds a call). A rule that has one repeats
    itself, so the meetings after it come without long searches.
    """
    from generator.model import recurrence_end, recurrence_first

    end = recurrence_end(first, until, rule)
    try:
        if end < first or recurrence_first(rule, first, end) is None:
            return iter(())
    except Exception:  # a rule that `kurikulum check` rejects has no meetings
        return iter(())
    return iter(rrulestr(rule, dtstart=first, ignoretz=False))


@dataclass(frozen=True)
class ScheduledOffering:
    """An offering seen from the schedule: with its module, ready to sort."""

    module: Module
    offering: Offering
    start: datetime
    end: datetime


class Catalog:
    """The validated, cross-linked curriculum. Built once, never changed."""

    def __init__(
        self, config: SiteConfig, loaded: Loaded, *, today: date, previous: Catalog | None = None
    ):
        """`previous`, a catalog of the same site a moment ago (the preview after an
        edit), lends its schedule entries of the modules that are the same objects."""
        self.config = config
        self.today = today
        self.root = loaded.root
        self.digests = loaded.digests  # see generator.pagecache
        self.competency_path = loaded.competency_doc.path if loaded.competency_doc else None
        self.base_dir = Path.cwd()  # the folder repo_url links are relative to
        self.competencies = dict(sorted(loaded.competencies.items()))
        self.partners = dict(sorted(loaded.partners.items()))
        by_title = lambda r: (r.title.casefold(), r.key)  # noqa: E731
        self.modules = {m.key: m for m in sorted(loaded.modules.values(), key=by_title)}
        self.programs = {p.key: p for p in sorted(loaded.programs.values(), key=by_title)}
        self.internships = {i.key: i for i in sorted(loaded.internships.values(), key=by_title)}
        self.forums = {f.key: f for f in sorted(loaded.forums.values(), key=by_title)}

        self._prereqs: dict[str, list[Module]] = {}
        # Resolved prerequisite keys by module key: a preview's next catalog reuses
        # those of the modules that are the same objects.
        self._prereq_keys: dict[str, list[str]] = {}
        same = previous is not None and previous.config == config
        old_modules = previous.modules if same else {}
        old_keys = previous._prereq_keys if same else {}
        self._dependents: dict[str, list[Module]] = defaultdict(list)
        self._programs_of: dict[str, list[Program]] = defaultdict(list)
        self._by_partner: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self._by_competency: dict[str, list[Module]] = defaultdict(list)
        self._internships_by_competency: dict[str, list[Internship]] = defaultdict(list)
        modules = self.modules
        for key, module in modules.items():
            keys = old_keys.get(key) if old_modules.get(key) is module else None
            if keys is None:
                keys = [resolve(r, module.partner_id) for r in module.prerequisites]
            self._prereq_keys[key] = keys
            # .get: a draft left out of the build is no link target.
            prereqs = [m for k in keys if (m := modules.get(k)) is not None]
            self._prereqs[key] = prereqs
            for pre in prereqs:
                self._dependents[pre.key].append(module)
            for comp in module.competencies:
                self._by_competency[comp].append(module)
            self._by_partner[module.partner_id]["modules"].append(module)
        for program in self.programs.values():
            for ref in program.modules:
                self._programs_of[resolve(ref, program.partner_id)].append(program)
            self._by_partner[program.partner_id]["programs"].append(program)
        for internship in self.internships.values():
            self._by_partner[internship.partner_id]["internships"].append(internship)
            for comp in internship.competencies:
                self._internships_by_competency[comp].append(internship)
        for forum in self.forums.values():
            self._by_partner[forum.partner_id]["forums"].append(forum)
        if same and previous.today == today:
            self._schedule_patch(previous)
        else:
            self._schedule_index()

    @classmethod
    def from_folder(
        cls,
        curriculum_dir: Path | None = None,
        *,
        config_path: Path = Path(CONFIG_NAME),
        today: date | None = None,
        include_drafts: bool = False,
        cache: bool = True,
    ) -> Catalog:
        """Load, check and link everything; raise CurriculumError on any error.

        With `cache`, unchanged files come from the record cache beside
        site_config.yml (unless KURIKULUM_CACHE=0).
        """
        cache_dir = default_dir(config_path.parent) if cache else None
        result = check_curriculum(curriculum_dir, config_path=config_path, cache_dir=cache_dir)
        if result.errors or result.config is None or result.loaded is None:
            raise CurriculumError(result.problems)
        loaded = result.loaded
        if not include_drafts:
            _drop_drafts(loaded)
        catalog = cls(result.config, loaded, today=today or build_today(result.config))
        catalog.base_dir = config_path.parent.resolve()
        return catalog

    # -- queries used by pages

    def partner(self, record: Record) -> Partner:
        return self.partners[record.partner_id]

    def prerequisites(self, module: Module) -> list[Module]:
        return self._prereqs[module.key]

    def dependents(self, module: Module) -> list[Module]:
        return self._dependents.get(module.key, [])

    def programs_of(self, module: Module) -> list[Program]:
        return self._programs_of.get(module.key, [])

    def program_modules(self, program: Program) -> list[Module]:
        return [
            m
            for r in program.modules
            if (m := self.modules.get(resolve(r, program.partner_id))) is not None
        ]

    def program_jp(self, program: Program) -> int:
        return sum(m.jp for m in self.program_modules(program))

    def related_modules(self, internship: Internship) -> list[Module]:
        return [
            m
            for r in internship.related_modules
            if (m := self.modules.get(resolve(r, internship.partner_id))) is not None
        ]

    def competencies_of(self, record: Module | Internship) -> list[tuple[str, Competency]]:
        return [(c, self.competencies[c]) for c in record.competencies]

    def modules_with_competency(self, comp_id: str) -> list[Module]:
        return self._by_competency.get(comp_id, [])

    def internships_with_competency(self, comp_id: str) -> list[Internship]:
        return self._internships_by_competency.get(comp_id, [])

    def of_partner(self, partner_id: str, kind: str) -> list:
        return self._by_partner.get(partner_id, {}).get(kind, [])

    def availability(self, offering: Offering) -> Availability:
        known = self._availability.get(id(offering))
        return known if known is not None else offering_availability(offering, self.today)

    def internship_availability(self, internship: Internship) -> Availability:
        return internship_availability(internship, self.today)

    def _schedule_index(self) -> None:
        """Every offering once, in start order, with its status on `today`.

        Pages ask for schedules of one module, partner or competency thousands of
        times: each answer is then a sort of precomputed positions.
        """
        tz = self.config.tz
        items = [
            ScheduledOffering(m, o, start_instant(o.start, tz), end_instant(o.end, tz))
            for m in self.modules.values()
            for o in m.offerings
        ]
        # Each module's sort fields once, not once per offering (`key` is a property).
        info = {id(m): (m.title.casefold(), key) for key, m in self.modules.items()}
        items.sort(key=lambda s: (s.start, *info[id(s.module)], s.offering.id))
        self._schedule = items
        self._availability: dict[int, Availability] = {}
        self._next: dict[str, Offering] = {}
        availability, upcoming = self._availability, self._next
        today = self.today
        for item in items:
            key = info[id(item.module)][1]
            offering = item.offering
            availability[id(offering)] = offering_availability(offering, today)
            if (
                key not in upcoming
                and offering.status is OfferingStatus.SCHEDULED
                and local_day(offering.end) >= today
            ):
                upcoming[key] = offering
        self._positions({i: k for i, (_, k) in info.items()})

    def _positions(self, keys: dict[int, str]) -> None:
        """Where each module's offerings sit in `_schedule` (all, and those not yet
        ended), so that a list of modules' schedule is a sort of integers.
        `keys`: module key by id() of the module."""
        today = self.today
        self._ended: list[bool] = []
        self._module_ranks: dict[str, list[int]] = defaultdict(list)
        self._module_upcoming: dict[str, list[int]] = defaultdict(list)
        for n, item in enumerate(self._schedule):
            key = keys[id(item.module)]
            self._module_ranks[key].append(n)
            ended = local_day(item.offering.end) < today
            self._ended.append(ended)
            if not ended:
                self._module_upcoming[key].append(n)

    def _schedule_patch(self, previous: Catalog) -> None:
        """The schedule index from `previous` (same day and site), changing only the
        modules that are not the same objects: what a preview does after an edit."""
        modules = self.modules
        changed = {k for k, m in modules.items() if previous.modules.get(k) is not m}
        changed |= previous.modules.keys() - modules.keys()
        if len(changed) > 200:  # a large change: as fast to start afresh
            self._schedule_index()
            return
        gone = {id(previous.modules[k]) for k in changed if k in previous.modules}
        items = [s for s in previous._schedule if id(s.module) not in gone]
        tz = self.config.tz
        fresh = sorted(
            (
                ScheduledOffering(m, o, start_instant(o.start, tz), end_instant(o.end, tz))
                for k in changed
                if (m := modules.get(k)) is not None
                for o in m.offerings
            ),
            key=_schedule_key,
        )
        for item in fresh:  # the others keep their order: their modules did not change
            bisect.insort(items, item, key=_schedule_key)
        self._schedule = items
        availability = dict(previous._availability)
        upcoming = dict(previous._next)
        for key in changed:
            for n in previous._module_ranks.get(key, ()):
                availability.pop(id(previous._schedule[n].offering), None)
            upcoming.pop(key, None)
        for item in fresh:
            key = item.module.key
            availability[id(item.offering)] = offering_availability(item.offering, self.today)
            if (
                key not in upcoming
                and item.offering.status is OfferingStatus.SCHEDULED
                and local_day(item.offering.end) >= self.today
            ):
                upcoming[key] = item.offering
        self._availability = availability
        self._next = upcoming
        self._positions({id(m): k for k, m in modules.items()})

    def scheduled(self, modules: list[Module] | None = None) -> list[ScheduledOffering]:
        """Offerings of `modules` (all by default), in order of start."""
        if modules is None:
            return list(self._schedule)
        return self._gather(self._module_ranks, modules)

    def upcoming(self, modules: list[Module] | None = None) -> list[ScheduledOffering]:
        """Offerings of `modules` (all by default) that have not ended, in order of start."""
        if modules is None:
            return [s for s, ended in zip(self._schedule, self._ended, strict=True) if not ended]
        return self._gather(self._module_upcoming, modules)

    def past(self) -> list[ScheduledOffering]:
        """Offerings that have ended, in order of start."""
        return [s for s, ended in zip(self._schedule, self._ended, strict=True) if ended]

    def _gather(self, index: dict[str, list[int]], modules: list[Module]) -> list:
        if len(modules) == 1:
            ranks = index.get(modules[0].key, [])
        else:
            ranks = [n for m in modules for n in index.get(m.key, ())]
            ranks.sort()
        schedule = self._schedule
        return [schedule[n] for n in ranks]

    def next_offering(self, module: Module) -> Offering | None:
        return self._next.get(module.key)

    def now(self) -> datetime:
        """The start of `today` in the site's zone: what "upcoming" is measured from."""
        return datetime.combine(self.today, time(0), tzinfo=self.config.tz)

    def meetings(self, forum: Forum, *, limit: int = 12) -> list[Meeting]:
        return forum_meetings(forum, after=self.now(), limit=limit)

    def internships_by_status(self) -> list[tuple[Internship, Availability]]:
        """Open calls first (closing soonest first), then upcoming, then closed ones."""
        order = {
            Availability.OPEN: 0,
            Availability.SOON: 1,
            Availability.CLOSED: 2,
            Availability.RUNNING: 3,
            Availability.FINISHED: 4,
        }
        items = [(i, self.internship_availability(i)) for i in self.internships.values()]

        def key(item: tuple[Internship, Availability]):
            internship, status = item
            closes = internship.application.closes if internship.application else internship.start
            when = closes if status in (Availability.OPEN, Availability.SOON) else internship.start
            if status in (Availability.FINISHED, Availability.RUNNING, Availability.CLOSED):
                return (order[status], -when.toordinal(), internship.key)
            return (order[status], when.toordinal(), internship.key)

        return sorted(items, key=key)

    def jp_on_offer(self) -> int:
        """JP of the modules that still have an offering to come."""
        return sum(m.jp for m in self.modules.values() if self.next_offering(m) is not None)


def _schedule_key(item: ScheduledOffering) -> tuple:
    return (item.start, item.module.title.casefold(), item.module.key, item.offering.id)


def build_today(config: SiteConfig) -> date:
    """Today in the site's time zone, or the day of SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(config.tz).date()
    return datetime.now(tz=config.tz).date()


def _drop_drafts(loaded: Loaded) -> None:
    for kind in ("modules", "programs", "internships", "forums"):
        records = loaded.records(kind)
        for key in [k for k, r in records.items() if r.draft]:
            del records[key]
