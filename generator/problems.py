"""One type for every mistake an editor can make, and how it is printed."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A mistake in the curriculum, located at `path:line:col`.

    `field` is the dotted path inside the record (`offerings[0].start`), empty
    when the problem concerns the whole file. `message` says in Indonesian what
    is wrong and how to fix it.
    """

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}: {self.severity.value}:"
        if self.field:
            return printable(f"{where} {self.field}: {self.message}")
        return printable(f"{where} {self.message}")

    def format_github(self) -> str:
        kind = "error" if self.is_error else "warning"
        title = _gh_escape(self.field or "kurikulum", prop=True)
        return printable(
            f"::{kind} file={_gh_escape(self.path, prop=True)},line={self.line},"
            f"col={self.col},title={title}::{_gh_escape(self.message)}"
        )

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        for key in ("path", "field", "message"):
            data[key] = printable(data[key])
        return data


# A byte of a file name that is not UTF-8 reaches us as a lone surrogate
# (os.fsdecode's surrogateescape): U+DC80 to U+DCFF.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def printable(text: str) -> str:
    """`text` with each byte of a file name that is not UTF-8 written as `\\xff`, the
    same on stdout and stderr (Python wrote the raw byte to one and `\\udcff` to the
    other, and a strict stdout failed), so the editor can tell which file it is."""
    if _UNDECODABLE.search(text) is None:
        return text
    return _UNDECODABLE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


# Words an Indonesian editor writes for a field name or a value of the format, and
# what the format calls it: `judul` is `title`, `online` is `daring`. Used only when
# the named choice is one of the choices where the word was written.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    # field names
    "judul": ("title",),
    "nama": ("name", "title"),
    "ringkasan": ("summary",),
    "rangkuman": ("summary",),
    "deskripsi": ("description",),
    "uraian": ("description",),
    "keterangan": ("description",),
    "metode": ("method",),
    "bentuk": ("method",),
    "moda": ("mode",),
    "jenjang": ("level",),
    "tingkat": ("level",),
    "jenis_kompetensi": ("competency_type",),
    "kompetensi": ("competencies",),
    "sasaran": ("audience",),
    "peserta": ("audience",),
    "tujuan": ("objectives",),
    "topik": ("topics",),
    "materi": ("topics",),
    "pokok_bahasan": ("topics",),
    "prasyarat": ("prerequisites",),
    "pengajar": ("instructors",),
    "narasumber": ("instructors",),
    "instruktur": ("instructors",),
    "fasilitator": ("instructors",),
    "sertifikat": ("certificate",),
    "biaya": ("fee",),
    "kontak": ("contact",),
    "narahubung": ("contact",),
    "angkatan": ("offerings",),
    "jadwal": ("offerings", "schedule", "sessions"),
    "mulai": ("start", "first"),
    "tanggal_mulai": ("start",),
    "selesai": ("end",),
    "tanggal_selesai": ("end",),
    "sesi": ("sessions",),
    "tempat": ("venue",),
    "lokasi": ("venue",),
    "tautan": ("online", "url"),
    "link": ("online", "url"),
    "kuota": ("quota",),
    "jam_pelajaran": ("jp",),
    "jumlah_jp": ("jp",),
    "jpl": ("jp",),
    "durasi_menit": ("duration_minutes",),
    "menit": ("duration_minutes",),
    "lisensi": ("licence",),
    "license": ("licence",),
    "zona_waktu": ("timezone",),
    "bahasa": ("language",),
    "judul_portal": ("title",),
    "penuh": ("full",),
    "pendaftaran": ("registration", "application"),
    "dibuka": ("opens",),
    "ditutup": ("closes",),
    "batas": ("closes",),
    "surel": ("email",),
    "e-mail": ("email",),
    "telepon": ("phone",),
    "telp": ("phone",),
    "hp": ("phone",),
    "wa": ("phone",),
    "whatsapp": ("phone",),
    "alamat": ("address",),
    "kota": ("city",),
    "situs": ("website", "url"),
    "laman": ("website", "url"),
    "web": ("website", "url"),
    "singkatan": ("short_name",),
    "jenis": ("kind", "type"),
    "modul": ("modules",),
    "penerima": ("host",),
    "persyaratan": ("requirements",),
    "syarat": ("requirements",),
    "manfaat": ("benefits",),
    "dokumen": ("documents",),
    "modul_terkait": ("related_modules",),
    "durasi": ("duration_minutes",),
    "lama": ("duration_minutes",),
    "pengulangan": ("recurrence",),
    "sampai": ("until",),
    "draf": ("draft",),
    "peran": ("role",),
    "jabatan": ("role",),
    "instansi": ("affiliation",),
    # values
    "diklat": ("pelatihan",),
    "training": ("pelatihan",),
    "webinar": ("seminar",),
    "lokakarya": ("workshop",),
    "bimbingan_teknis": ("bimtek",),
    "elearning": ("e-learning",),
    "forum": ("forum-diskusi",),
    "diskusi": ("forum-diskusi",),
    "fgd": ("forum-diskusi",),
    "online": ("daring",),
    "dalam_jaringan": ("daring",),
    "virtual": ("daring",),
    "offline": ("luring",),
    "luar_jaringan": ("luring",),
    "tatap_muka": ("luring",),
    "klasikal": ("luring",),
    "hybrid": ("campuran",),
    "hibrida": ("campuran",),
    "blended": ("campuran",),
    "basic": ("dasar",),
    "pemula": ("dasar",),
    "intermediate": ("menengah",),
    "madya": ("menengah",),
    "advanced": ("lanjut",),
    "mahir": ("lanjut",),
    "technical": ("teknis",),
    "managerial": ("manajerial",),
    "dibatalkan": ("cancelled",),
    "batal": ("cancelled",),
    "canceled": ("cancelled",),
    "ditunda": ("postponed",),
    "tunda": ("postponed",),
    "terjadwal": ("scheduled",),
    "dijadwalkan": ("scheduled",),
    "perguruan_tinggi": ("universitas",),
    "kampus": ("universitas",),
    "poltek": ("politeknik",),
    "pemerintah": ("instansi-pemerintah",),
    "pemda": ("instansi-pemerintah",),
    "dinas": ("instansi-pemerintah",),
    "opd": ("instansi-pemerintah",),
    "lembaga": ("lembaga-pelatihan",),
    "lpk": ("lembaga-pelatihan",),
    "lain": ("lainnya",),
}


def _synonym(word: str, pool: list[str]) -> str | None:
    key = re.sub(r"[\s_-]+", "_", word.strip().lower())
    for target in _SYNONYMS.get(key, ()):
        if target in pool:
            return target
    return None


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The closest of `choices` to `word`, or None when nothing is close."""
    pool = [c for c in choices if c]
    same = _synonym(word, pool)
    if same is not None:
        return same
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if match:
        return match[0]
    lowered = {c.lower(): c for c in pool}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    if match:
        return lowered[match[0]]
    # A shortened word (`univ`, `desc`) is too far for difflib but starts one choice only.
    starts = [c for low, c in lowered.items() if len(word) >= 3 and low.startswith(word.lower())]
    return starts[0] if len(starts) == 1 else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """A ` Mungkin maksud Anda 'x'?` sentence, or nothing."""
    best = did_you_mean(word, choices)
    return f" Mungkin maksud Anda '{best}'?" if best else ""


class CurriculumError(Exception):
    """Raised when the curriculum has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = sum(p.is_error for p in problems)
        super().__init__(f"{errors} galat pada kurikulum")

    def __reduce__(self):  # crosses from the build's child process with its problems
        return (CurriculumError, (self.problems,))
