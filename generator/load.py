"""Reading the curriculum folder: every file parsed and validated, every problem kept.

Layout (DESIGN.md): `competencies.yml`, then one folder per partner holding
`partner.yml` and the folders `modules/`, `programs/`, `internships/` and
`forums/`, one record per file named after its id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from generator.config import display_path
from generator.model import (
    DEFAULT_TZ,
    ID_RE,
    RECORD_KINDS,
    Competency,
    Forum,
    Internship,
    Module,
    Partner,
    Program,
    Record,
    _slugify,
)
from generator.problems import Problem, Severity, suggestion
from generator.validate import salvage, validate
from generator.yamlio import Document, read_yaml

COMPETENCIES_FILE = "competencies.yml"
PARTNER_FILE = "partner.yml"


@dataclass
class Loaded:
    """Everything that validated on its own, plus every problem met on the way."""

    root: Path
    competencies: dict[str, Competency] = field(default_factory=dict)
    competency_doc: Document | None = None
    partners: dict[str, Partner] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    internships: dict[str, Internship] = field(default_factory=dict)
    forums: dict[str, Forum] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # Keys of records that exist but failed validation: references to them are not
    # reported again as unknown.
    broken: set[str] = field(default_factory=set)
    # Partial records of files that failed validation, checked but never published.
    salvaged: dict[str, dict[str, Record]] = field(default_factory=dict)

    def checked(self, kind: str) -> list[Record]:
        """Valid and salvaged records of a kind: what the cross-record rules look at."""
        return [*self.records(kind).values(), *self.salvaged.get(kind, {}).values()]

    def records(self, kind: str) -> dict[str, Record]:
        return getattr(self, kind)


def load_curriculum(
    root: Path, *, tz: tzinfo = DEFAULT_TZ, only: set[Path] | None = None
) -> Loaded:
    """Read every file below `root`.

    `only`, when given, limits parsing to those files (resolved paths); the
    others are still listed so that references to them resolve.
    """
    loaded = Loaded(root=root)
    context = {"tz": tz}
    shown = display_path(root)
    if not root.is_dir():
        loaded.problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                "folder kurikulum tidak ditemukan; periksa kolom "
                "'curriculum' di site_config.yml atau argumen perintah.",
            )
        )
        return loaded

    def wanted(path: Path) -> bool:
        return only is None or path.resolve() in only

    comp_path = root / COMPETENCIES_FILE
    if comp_path.exists():
        if wanted(comp_path) or only is not None:
            _load_competencies(loaded, comp_path)
    else:
        loaded.problems.append(
            Problem(
                display_path(comp_path),
                1,
                1,
                "",
                "kamus kompetensi competencies.yml tidak "
                "ditemukan; buat berkas itu di folder kurikulum.",
            )
        )

    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name == COMPETENCIES_FILE:
            continue
        if entry.is_dir():
            _load_partner(loaded, entry, context, wanted)
        elif entry.suffix in (".yml", ".yaml"):
            loaded.problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    "",
                    "berkas ini tidak dikenal di folder "
                    "kurikulum; rekaman mitra disimpan di <mitra>/partner.yml, modul di "
                    "<mitra>/modules/<id>.yml.",
                )
            )
    return loaded


def _load_competencies(loaded: Loaded, path: Path) -> None:
    loaded.files += 1
    doc, problems = read_yaml(path, display_path(path))
    loaded.problems += problems
    if doc is None:
        return
    loaded.competency_doc = doc
    if not isinstance(doc.data, dict):
        loaded.problems.append(
            doc.problem(
                (), "kamus kompetensi harus berupa pemetaan 'id: {name, type, description}'."
            )
        )
        return
    for comp_id, data in doc.data.items():
        if not ID_RE.match(comp_id):
            loaded.problems.append(
                doc.problem(
                    (comp_id,),
                    f"id kompetensi '{comp_id}' tidak sah; gunakan huruf "
                    f"kecil, angka dan tanda hubung, misalnya '{_slugify(comp_id)}'.",
                    key=True,
                )
            )
            continue
        comp, problems = validate(Competency, doc, data, (comp_id,))
        loaded.problems += problems
        if comp is None:
            loaded.broken.add(comp_id)
        else:
            loaded.competencies[comp_id] = comp


def _check_id(loaded: Loaded, path: Path, stem: str, what: str) -> bool:
    if ID_RE.match(stem):
        return True
    loaded.problems.append(
        Problem(
            display_path(path),
            1,
            1,
            "",
            f"nama {what} '{stem}' bukan id yang sah; ganti "
            f"namanya menjadi '{_slugify(stem)}' (huruf kecil, angka, tanda hubung).",
        )
    )
    return False


def _load_partner(loaded: Loaded, folder: Path, context: dict, wanted) -> None:
    partner_id = folder.name
    if not _check_id(loaded, folder, partner_id, "folder mitra"):
        return
    partner_path = folder / PARTNER_FILE
    if not partner_path.exists():
        loaded.problems.append(
            Problem(
                display_path(folder),
                1,
                1,
                "",
                f"folder mitra '{partner_id}' tidak memuat "
                "partner.yml; tambahkan berkas itu dengan kolom name dan kind.",
            )
        )
    else:
        _load_record(loaded, Partner, partner_path, partner_id, "", context, "partners", wanted)

    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name == PARTNER_FILE:
            continue
        if entry.is_dir():
            if entry.name not in RECORD_KINDS:
                loaded.problems.append(
                    Problem(
                        display_path(entry),
                        1,
                        1,
                        "",
                        f"folder '{entry.name}' tidak dikenal."
                        f"{suggestion(entry.name, RECORD_KINDS)} Gunakan "
                        f"{', '.join(RECORD_KINDS)}.",
                    )
                )
                continue
            model = RECORD_KINDS[entry.name]
            for file in sorted(entry.iterdir()):
                if file.name.startswith((".", "_")) or file.is_dir():
                    continue
                if file.suffix == ".yaml":
                    loaded.problems.append(
                        Problem(
                            display_path(file),
                            1,
                            1,
                            "",
                            "gunakan akhiran .yml, bukan .yaml; "
                            f"ganti nama menjadi {file.stem}.yml.",
                        )
                    )
                    continue
                if file.suffix != ".yml":
                    continue
                # A bad file name is reported, and the file is still checked.
                _check_id(loaded, file, file.stem, "berkas")
                _load_record(
                    loaded, model, file, file.stem, partner_id, context, entry.name, wanted
                )
        elif entry.suffix in (".yml", ".yaml"):
            loaded.problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    "",
                    "berkas ini tidak dikenal; simpan modul di "
                    f"{partner_id}/modules/, program di {partner_id}/programs/, magang di "
                    f"{partner_id}/internships/ dan forum di {partner_id}/forums/.",
                )
            )


def _load_record(
    loaded: Loaded,
    model: type[Record],
    path: Path,
    record_id: str,
    partner_id: str,
    context: dict,
    kind: str,
    wanted,
) -> None:
    key = f"{partner_id}/{record_id}" if partner_id else record_id
    if not wanted(path):
        loaded.broken.add(key)  # exists, not checked in this run
        return
    loaded.files += 1
    doc, problems = read_yaml(path, display_path(path))
    loaded.problems += problems
    if doc is None:
        loaded.broken.add(key)
        return
    record, problems = validate(model, doc, doc.data, context=context)
    loaded.problems += problems
    if record is None:
        loaded.broken.add(key)
        if isinstance(doc.data, dict):
            partial, source = salvage(model, doc.data, context=context, doc=doc)
            partial.bind(id=record_id, partner_id=partner_id, source=source)
            loaded.salvaged.setdefault(kind, {})[key] = partial
        return
    record.bind(id=record_id, partner_id=partner_id, source=doc)
    loaded.records(kind)[key] = record


def count(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return errors, len(problems) - errors
