"""`kurikulum new`: a commented YAML template for a new record, written from the model.

Every field of the record's model appears with its Indonesian description
(the same text the JSON Schema carries) and an example. Required fields are
left empty, so that `kurikulum check` names each one still to fill, with its
line; optional fields are commented out with an example value, ready to be
uncommented. Because the template is generated from the model, a field added
to the model appears in the template (and in the editor guide) by itself.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from annotated_types import Ge, Le, MinLen
from pydantic import BaseModel, PlainValidator

from generator.load import PARTNER_FILE
from generator.model import (
    ID_RE,
    PAGER_SEGMENT,
    Forum,
    Internship,
    Module,
    Partner,
    Program,
    Record,
    _slugify,
)
from generator.problems import suggestion
from generator.schema import SITE_FOLDER

# kind → (model, folder inside the partner folder, Indonesian name)
KINDS: dict[str, tuple[type[Record], str, str]] = {
    "module": (Module, "modules", "Modul pelatihan"),
    "program": (Program, "programs", "Program"),
    "internship": (Internship, "internships", "Magang"),
    "forum": (Forum, "forums", "Forum diskusi"),
    "partner": (Partner, "", "Mitra"),
}

# The same kinds in the editors' words.
ALIASES = {"modul": "module", "magang": "internship", "mitra": "partner"}

WIDTH = 88

# How each text type of the model is written, keyed by its validator in model.py.
_SCALARS: dict[str, tuple[str, str | None]] = {
    # validator: (Indonesian type label, example used when a field has none of its own)
    "_single_line": ("teks satu baris", None),
    "_nonempty": ("teks", None),
    "_text": ("teks Markdown", None),
    "_id": ("id (huruf kecil, angka, tanda hubung)", "contoh-id"),
    "_ref": ("rujukan modul: `id` atau `mitra/id`", "pelayanan-prima"),
    "_url": ("alamat web https://…", "https://www.usu.ac.id/"),
    "_email": ("alamat surel", "pelatihan@usu.ac.id"),
    "_phone": ("nomor telepon (teks)", "061-8211633"),
    "_time_zone": ("zona waktu IANA", "Asia/Jakarta"),
    "_day": ("tanggal TTTT-BB-HH", "2026-02-10"),
    "_moment": ("tanggal, atau tanggal dan jam (zona waktu portal)", "2026-02-10 08:00"),
    "_datetime": ("tanggal dan jam (zona waktu portal)", "2026-02-10 08:00"),
    "_rrule": ("aturan pengulangan RRULE", "FREQ=MONTHLY;BYDAY=1TH"),
}

# Examples of the fields whose type alone says too little. Dates agree with each
# other, and references name records of the sample, so that an uncommented
# example passes `kurikulum check` as it stands.
EXAMPLES: dict[str, Any] = {
    "Partner.name": "Universitas Sumatera Utara",
    "Partner.short_name": "USU",
    "Partner.city": "Medan",
    "Partner.address": "Jl. Dr. T. Mansur No. 9, Padang Bulan, Medan 20155",
    "Partner.description": "Lembaga kami menyelenggarakan pelatihan dan magang bagi ASN.",
    "Module.title": "Pelayanan Prima bagi Petugas Loket",
    "Module.summary": "Dasar-dasar pelayanan publik yang cepat, ramah dan tuntas.",
    "Module.description": "Modul ini membahas **standar pelayanan** dan pengelolaan keluhan.",
    "Module.jp": 24,
    "Module.competencies": ["pelayanan-publik"],
    "Module.audience": ["Petugas loket pelayanan perizinan"],
    "Module.objectives": ["Menerapkan standar pelayanan di unit kerja"],
    "Module.topics": ["Standar pelayanan", "Pengelolaan keluhan"],
    "Module.prerequisites": ["pelayanan-prima"],
    "Module.certificate": "Sertifikat 24 JP dari penyelenggara",
    "Module.fee": "Tanpa biaya",
    "Module.draft": True,
    "Instructor.name": "Dr. Rina Siregar, M.Si.",
    "Instructor.role": "Narasumber",
    "Instructor.affiliation": "Universitas Sumatera Utara",
    "Contact.name": "Sekretariat Pelatihan",
    "Offering.id": "angkatan-1",
    "Offering.name": "Angkatan I 2026",
    "Offering.start": "2026-02-10 08:00",
    "Offering.end": "2026-02-12 16:00",
    "Offering.online": "https://elearning.usu.ac.id/kelas/pelayanan-prima",
    "Offering.quota": 30,
    "Offering.full": False,
    "Session.title": "Hari pertama",
    "Session.start": "2026-02-10 08:00",
    "Session.end": "2026-02-10 16:00",
    "Venue.name": "Gedung Pusat Pelatihan USU",
    "Venue.address": "Jl. Dr. T. Mansur No. 9, Padang Bulan",
    "Venue.city": "Medan",
    "Registration.url": "https://www.usu.ac.id/daftar",
    "Registration.opens": "2026-01-05",
    "Registration.closes": "2026-02-03",
    "Program.title": "Jalur Pelayanan Publik",
    "Program.summary": "Rangkaian modul dari dasar sampai inovasi pelayanan.",
    "Program.description": "Ikuti modul-modul berikut **sesuai urutan**.",
    "Program.audience": ["Petugas pelayanan perangkat daerah"],
    "Program.modules": ["pelayanan-prima", "unimed/literasi-digital"],
    "Program.certificate": "Sertifikat program setelah semua modul selesai",
    "Program.draft": True,
    "Internship.title": "Magang Layanan Akademik",
    "Internship.summary": "Belajar langsung di unit layanan akademik universitas.",
    "Internship.description": "Peserta bekerja bersama **staf layanan** selama satu bulan.",
    "Internship.start": "2026-04-01",
    "Internship.end": "2026-04-30",
    "Internship.quota": 5,
    "Internship.jp": 40,
    "Internship.competencies": ["pelayanan-publik"],
    "Internship.requirements": ["ASN Pemerintah Kota Medan", "Surat tugas dari atasan"],
    "Internship.benefits": ["Sertifikat magang 40 JP"],
    "Internship.related_modules": ["pelayanan-prima"],
    "Internship.draft": True,
    "Host.unit": "Biro Akademik USU",
    "Host.address": "Jl. Dr. T. Mansur No. 9, Padang Bulan",
    "Host.city": "Medan",
    "Application.url": "https://www.usu.ac.id/magang",
    "Application.opens": "2026-02-01",
    "Application.closes": "2026-03-15",
    "Application.documents": ["Surat tugas dari atasan", "Daftar riwayat hidup"],
    "Forum.title": "Forum Pelayanan Publik",
    "Forum.summary": "Berbagi praktik baik pelayanan publik setiap bulan.",
    "Forum.description": "Setiap pertemuan membahas **dua praktik baik** dari peserta.",
    "Forum.online": "https://meet.example.org/forum-pelayanan",
    "Forum.audience": ["Petugas pelayanan", "Pejabat pengawas"],
    "Forum.draft": True,
    "Schedule.first": "2026-01-08 14:00",
    "Schedule.duration_minutes": 90,
    "Schedule.recurrence": "FREQ=MONTHLY;BYDAY=2TH",
    "Schedule.until": "2026-12-31",
    # The guide's tables also cover the dictionary and the site settings.
    "Competency.name": "Pelayanan Publik",
    "Competency.description": "Kemampuan memberikan pelayanan yang cepat, ramah dan tuntas.",
    "SiteConfig.title": "Portal Kurikulum ASN Kota Medan",
    "SiteConfig.description": "Katalog pelatihan dan magang untuk pengembangan kompetensi ASN.",
    "SiteConfig.url": "https://kurikulum.pemkomedan.go.id/",
    "SiteConfig.language": "id",
    "SiteConfig.timezone": "Asia/Jakarta",
    "SiteConfig.curriculum": "curriculum",
    "SiteConfig.output": "site",
    "SiteConfig.repo_url": "https://github.com/org/repo/blob/main",
    "SiteConfig.annual_jp_target": 20,
    "SiteConfig.licence": "CC BY 4.0",
    "Owner.name": "BKPSDM Kota Medan",
    "Owner.url": "https://bkpsdm.pemkomedan.go.id/",
}


class ScaffoldError(Exception):
    """A `new` request that cannot be carried out; the message is for the editor."""


# ---------------------------------------------------------------- the model, field by field


@dataclass(frozen=True)
class Shape:
    """What a field holds: a scalar, a nested record, or a list of either."""

    kind: str  # "scalar", "model", "list"
    scalar: str = ""  # "_single_line", ..., "int", "bool", "enum"
    model: type[BaseModel] | None = None
    enum: type[Enum] | None = None
    item: Shape | None = None
    low: int | None = None  # int bounds, or a list's minimum length
    high: int | None = None

    @property
    def label(self) -> str:
        """The type in the editor's words, for the guide."""
        if self.kind == "list":
            assert self.item is not None
            return f"daftar {self.item.label}"
        if self.kind == "model":
            return "pemetaan (kolom di bawahnya)"
        if self.scalar == "enum":
            assert self.enum is not None
            return "salah satu: " + ", ".join(f"`{c.value}`" for c in self.enum)
        if self.scalar == "bool":
            return "`true` atau `false`"
        if self.scalar == "int":
            if self.low is not None and self.high is not None:
                return f"bilangan bulat {self.low}–{self.high}"
            if self.low is not None:
                return f"bilangan bulat ≥ {self.low}"
            return "bilangan bulat"
        return _SCALARS[self.scalar][0]


@dataclass(frozen=True)
class FieldDoc:
    """One field of a record kind, as the template and the guide show it."""

    path: str  # `offerings[].start`
    name: str
    owner: str  # the model's class name
    required: bool
    description: str
    shape: Shape
    default: Any

    @property
    def example(self) -> Any:
        return example_of(self.owner, self.name, self.shape)


def _shape(tp: Any, metadata: tuple[Any, ...] = ()) -> Shape:
    while typing.get_origin(tp) is Annotated:
        tp, *more = typing.get_args(tp)
        metadata = (*metadata, *more)
    for meta in metadata:
        if isinstance(meta, PlainValidator):
            name = getattr(meta.func, "__name__", "")
            if name not in _SCALARS:
                raise TypeError(f"scaffold: unknown text type {name!r}; add it to _SCALARS")
            return Shape("scalar", name)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"scaffold: cannot describe {tp!r}")
        return _shape(args[0], metadata)
    low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, Le)), None)
    if origin is list:
        min_length = next((m.min_length for m in metadata if isinstance(m, MinLen)), None)
        return Shape("list", item=_shape(typing.get_args(tp)[0]), low=min_length)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return Shape("model", model=tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return Shape("scalar", "enum", enum=tp)
    if tp is bool:
        return Shape("scalar", "bool")
    if tp is int:
        return Shape("scalar", "int", low=low, high=high)
    raise TypeError(f"scaffold: cannot describe {tp!r}")


def fields(model: type[BaseModel], prefix: str = "") -> Iterator[FieldDoc]:
    """Every field of `model` and of the records nested in it, in the model's order."""
    for name, info in model.model_fields.items():
        shape = _shape(info.annotation, tuple(info.metadata))
        path = f"{prefix}{name}"
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        yield FieldDoc(
            path, name, model.__name__, info.is_required(), info.description or "", shape, default
        )
        nested = shape.item if shape.kind == "list" else shape
        if nested is not None and nested.kind == "model":
            assert nested.model is not None
            sub = f"{path}[]." if shape.kind == "list" else f"{path}."
            yield from fields(nested.model, sub)


def example_of(owner: str, name: str, shape: Shape) -> Any:
    """An example value for a field: a scalar, a list of scalars, or a dict for a record."""
    key = f"{owner}.{name}"
    if key in EXAMPLES:
        return EXAMPLES[key]
    if shape.kind == "list":
        assert shape.item is not None
        return [example_of(owner, name, shape.item)]
    if shape.kind == "model":
        assert shape.model is not None
        return {
            n: example_of(shape.model.__name__, n, _shape(i.annotation, tuple(i.metadata)))
            for n, i in shape.model.model_fields.items()
        }
    if shape.scalar == "enum":
        assert shape.enum is not None
        return next(iter(shape.enum)).value
    if shape.scalar == "bool":
        return True
    if shape.scalar == "int":
        return shape.low or 1
    example = _SCALARS[shape.scalar][1]
    if example is None:
        raise KeyError(f"scaffold: no example for {key}; add one to EXAMPLES")
    return example


# ---------------------------------------------------------------- the template text


def template(kind: str, *, key: str, schema: str | None, filled: bool = False) -> str:
    """The commented YAML of a new record of `kind` (`key` is `mitra/id` or the partner id).

    `filled`: every field written with its example, nothing commented out (for
    tests: the examples themselves must pass `kurikulum check`).
    """
    model, _, label = KINDS[kind]
    lines: list[str] = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
        lines.append("#")
    source = "nama foldernya" if kind == "partner" else "nama berkas ini"
    lines += _comment(f"{label} {key}: id-nya diambil dari {source}.")
    lines += [
        "#",
        "# Cara mengisi:",
        "# - Kolom bertanda WAJIB masih kosong: isi semuanya. `kurikulum check` menyebut",
        "#   setiap kolom wajib yang belum diisi beserta nomor barisnya.",
        "# - Kolom lain boleh dipakai, boleh dibiarkan. Untuk memakainya, hapus '# ' di",
        "#   awal barisnya (di VS Code: pilih baris-barisnya lalu tekan Ctrl+/), lalu ganti",
        "#   nilai contohnya.",
        "# - Tanggal ditulis TTTT-BB-HH (2026-02-10); tanggal dan jam 2026-02-10 08:00. Jam",
        "#   tanpa zona dibaca menurut zona waktu portal: kolom timezone di site_config.yml",
        "#   (WIB untuk Asia/Jakarta, WITA untuk Asia/Makassar, WIT untuk Asia/Jayapura).",
        "# - Panduan lengkap: halaman Panduan Editor di portal (docs/panduan-editor.md).",
    ]
    for name, info in model.model_fields.items():
        lines.append("")
        lines += _field(model, name, info, indent="", example=filled)
    return "\n".join(lines) + "\n"


def _field(
    model: type[BaseModel], name: str, info: Any, *, indent: str, example: bool
) -> list[str]:
    """The lines of one field: its description, then the key (empty, or a commented example).

    `example`: inside a block already commented out (or a filled template): write
    the field with its example value as it is.
    """
    shape = _shape(info.annotation, tuple(info.metadata))
    required = info.is_required()
    value = example_of(model.__name__, name, shape)
    description = (info.description or "").strip()
    words = [description]
    if shape.scalar == "enum":
        assert shape.enum is not None
        if not all(c.value in description for c in shape.enum):
            words.append("Pilihan: " + ", ".join(c.value for c in shape.enum) + ".")
    if required:
        at_least = shape.kind == "list" and shape.low
        words.append("WAJIB" + (f", paling sedikit {shape.low} butir." if at_least else "."))
    lines = _comment(" ".join(w for w in words if w), indent)
    if required and not example:
        if shape.kind == "model":
            assert shape.model is not None
            # A required record: its own required fields empty, the rest as examples.
            lines.append(f"{indent}{name}:")
            for sub, sub_info in shape.model.model_fields.items():
                lines += _field(shape.model, sub, sub_info, indent=indent + "  ", example=False)
            return lines
        shown = _yaml_lines(name, value, indent="")
        if len(shown) == 1:
            lines += _comment(f"Contoh: {shown[0].split(': ', 1)[1]}", indent)
        else:
            lines += [f"{indent}# Contoh:"] + [f"{indent}#   {line}" for line in shown[1:]]
        lines.append(f"{indent}{name}:")
        return lines
    body = _example_lines(name, value, shape, indent=indent)
    if example:
        return lines + body
    return lines + [_comment_out(line, indent) for line in body]


def _example_lines(name: str, example: Any, shape: Shape, *, indent: str) -> list[str]:
    """`name: example`, with each nested record's fields described line by line."""
    nested = shape.item if shape.kind == "list" else shape
    if nested is None or nested.kind != "model":
        return [f"{indent}{line}" for line in _yaml_lines(name, example, indent="")]
    assert nested.model is not None
    lines = [f"{indent}{name}:"]
    inner = indent + ("    " if shape.kind == "list" else "  ")
    first = True
    for sub, sub_info in nested.model.model_fields.items():
        sub_lines = _field(nested.model, sub, sub_info, indent=inner, example=True)
        if shape.kind == "list" and first:
            # The first key of a list item carries the dash: `  - id: angkatan-1`.
            at = next(i for i, line in enumerate(sub_lines) if not line.lstrip().startswith("#"))
            sub_lines[at] = f"{indent}  - {sub_lines[at][len(inner) :]}"
            first = False
        lines += sub_lines
    return lines


def _yaml_lines(name: str, value: Any, *, indent: str) -> list[str]:
    if isinstance(value, list):
        return [f"{indent}{name}:"] + [f"{indent}  - {_scalar(v)}" for v in value]
    if isinstance(value, str) and ("**" in value or len(value) > 60):
        return [f"{indent}{name}: |", *textwrap.wrap(value, WIDTH, initial_indent=indent + "  ",
                                                      subsequent_indent=indent + "  ")]  # fmt: skip
    return [f"{indent}{name}: {_scalar(value)}"]


_PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN_RE.match(text) and ": " not in text and not text.endswith(":"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH - len(indent),
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _comment_out(line: str, indent: str) -> str:
    """Comment a line out at the field's indentation, so Ctrl+/ restores it exactly."""
    return f"{indent}# {line[len(indent) :]}"


# ---------------------------------------------------------------- writing the file


def record_path(root: Path, kind: str, target: str) -> tuple[Path, str]:
    """Where a new record of `kind` named `target` goes, and its key; ScaffoldError when not."""
    kind = ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise ScaffoldError(
            f"jenis '{kind}' tidak dikenal.{suggestion(kind, [*KINDS, *ALIASES])} "
            f"Pilih salah satu: {', '.join(KINDS)}."
        )
    _, folder, _ = KINDS[kind]
    if kind == "partner":
        if "/" in target:
            raise ScaffoldError(
                f"tulis id mitra saja, tanpa '/': misalnya `kurikulum new partner "
                f"{_slugify(target.split('/')[0])}`."
            )
        _check_id(target, "id mitra")
        return root / target / PARTNER_FILE, target
    if target.count("/") != 1:
        raise ScaffoldError(
            f"tulis MITRA/ID, misalnya `kurikulum new {kind} usu/{_slugify(target)}`: "
            "MITRA adalah nama folder lembaga Anda di kurikulum."
        )
    partner, record_id = target.split("/")
    _check_id(partner, "id mitra")
    _check_id(record_id, "id")
    if not (root / partner).is_dir():
        known = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        raise ScaffoldError(
            f"mitra '{partner}' belum ada di {_shown(root)}/.{suggestion(partner, known)} "
            f"Untuk mitra baru, jalankan dulu `kurikulum new partner {partner}`."
        )
    return root / partner / folder / f"{record_id}.yml", target


def _check_id(text: str, what: str) -> None:
    if not ID_RE.match(text):
        raise ScaffoldError(
            f"{what} '{text}' tidak sah; gunakan huruf kecil, angka dan tanda hubung saja, "
            f"misalnya '{_slugify(text)}'."
        )
    if what == "id mitra" and text == PAGER_SEGMENT:
        raise ScaffoldError(
            f"{what} '{text}' dipakai portal untuk halaman lanjutan daftar "
            f"(modul/{PAGER_SEGMENT}/2/); pilih id lain, misalnya singkatan nama lembaga."
        )


def schema_location(kind: str, path: Path, *, site_url: str | None, site_dir: Path) -> str:
    """The `$schema` of a new file: on the published site, or in a local build beside it."""
    name = f"{SITE_FOLDER}/{kind}.schema.json"
    if site_url:
        return f"{site_url.rstrip('/')}/{name}"
    local = site_dir.resolve() / name
    return Path(os.path.relpath(local, path.parent.resolve())).as_posix()


def new_record(
    root: Path, kind: str, target: str, *, site_url: str | None = None, site_dir: Path
) -> Path:
    """Write the template of a new record; never overwrites. Returns the file written."""
    path, key = record_path(root, kind, target)
    kind = ALIASES.get(kind, kind)
    if path.exists() or path.with_suffix(".yaml").exists():
        raise ScaffoldError(
            f"berkas {_shown(path)} sudah ada dan tidak ditimpa; sunting berkas itu, "
            "atau pilih id lain."
        )
    schema = schema_location(kind, path, site_url=site_url, site_dir=site_dir)
    text = template(kind, key=key, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    return path


def _shown(path: Path) -> str:
    from generator.config import display_path

    return display_path(path.resolve() if path.is_absolute() else path).replace(os.sep, "/")
