"""Typed records of the curriculum format, version 1.

YAML gives us only text (see `yamlio`); these pydantic models give each value
its type. Every field has an Indonesian `description`: they become the
published JSON Schema and the editor guide. Parsing that depends on the site
(the time zone of a date-time without an offset) reads it from the validation
context: `Module.model_validate(data, context={"tz": ZoneInfo(...)})`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

DEFAULT_TZ = ZoneInfo("Asia/Jakarta")
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
REF_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*$"
REF_RE = re.compile(REF_PATTERN)
# The folder of a long list's further pages (modul/halaman/2/): a partner with this
# id would put its records' pages there (modul/halaman/2/ is module "2" too).
PAGER_SEGMENT = "halaman"


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("kurikulum", message)


# ---------------------------------------------------------------- enums


class _Choice(StrEnum):
    """A closed list of values, each with an Indonesian label."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("-", " ").capitalize())


class CompetencyType(_Choice):
    TEKNIS = "teknis"
    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial-kultural"


class PartnerKind(_Choice):
    UNIVERSITAS = "universitas"
    POLITEKNIK = "politeknik"
    LEMBAGA_PELATIHAN = "lembaga-pelatihan"
    INSTANSI_PEMERINTAH = "instansi-pemerintah"
    LAINNYA = "lainnya"


class Method(_Choice):
    """Training forms after Peraturan LAN 10/2018."""

    PELATIHAN = "pelatihan"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    KURSUS = "kursus"
    BIMTEK = "bimtek"
    E_LEARNING = "e-learning"
    COACHING = "coaching"
    MENTORING = "mentoring"
    MAGANG = "magang"
    FORUM_DISKUSI = "forum-diskusi"

    @property
    def is_classical(self) -> bool:
        """Klasikal (face-to-face learning) as opposed to nonklasikal."""
        return self in _CLASSICAL

    @property
    def form_label(self) -> str:
        return "Klasikal" if self.is_classical else "Nonklasikal"


_CLASSICAL = frozenset(
    {Method.PELATIHAN, Method.SEMINAR, Method.WORKSHOP, Method.KURSUS, Method.BIMTEK}
)


class Mode(_Choice):
    LURING = "luring"
    DARING = "daring"
    CAMPURAN = "campuran"


class Level(_Choice):
    DASAR = "dasar"
    MENENGAH = "menengah"
    LANJUT = "lanjut"


class OfferingStatus(_Choice):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"

    @property
    def is_active(self) -> bool:
        return self is OfferingStatus.SCHEDULED


_LABELS = {
    "teknis": "Teknis",
    "manajerial": "Manajerial",
    "sosial-kultural": "Sosial Kultural",
    "universitas": "Universitas",
    "politeknik": "Politeknik",
    "lembaga-pelatihan": "Lembaga Pelatihan",
    "instansi-pemerintah": "Instansi Pemerintah",
    "lainnya": "Lainnya",
    "pelatihan": "Pelatihan",
    "seminar": "Seminar",
    "workshop": "Lokakarya (workshop)",
    "kursus": "Kursus",
    "bimtek": "Bimbingan Teknis",
    "e-learning": "E-learning",
    "coaching": "Coaching",
    "mentoring": "Mentoring",
    "magang": "Magang",
    "forum-diskusi": "Forum Diskusi",
    "luring": "Luring (tatap muka)",
    "daring": "Daring (online)",
    "campuran": "Campuran (luring dan daring)",
    "dasar": "Dasar",
    "menengah": "Menengah",
    "lanjut": "Lanjut",
    "scheduled": "Terjadwal",
    "cancelled": "Dibatalkan",
    "postponed": "Ditunda",
}


# ---------------------------------------------------------------- scalar types


def _text(value: Any) -> str:
    if type(value) is str:  # the common case first: this runs for every text field
        return value.strip()
    if value is None:
        raise _fail("tidak boleh kosong; isi dengan teks.")
    if isinstance(value, (dict, list)):
        kind = "daftar" if isinstance(value, list) else "pemetaan"
        raise _fail(
            f"harus berupa teks, bukan {kind}; tulis nilainya dalam satu baris atau blok '|'."
        )
    if not isinstance(value, str):
        raise _fail("harus berupa teks.")
    return value.strip()


def _nonempty(value: Any) -> str:
    if type(value) is str:  # fast path: these run ~60 times per module file
        text = value.strip()
        if text:
            return text
    text = _text(value)
    if not text:
        raise _fail("tidak boleh kosong; isi dengan teks.")
    return text


def _single_line(value: Any) -> str:
    if type(value) is str:
        text = value.strip()
        if text and "\n" not in text:
            return text
    if isinstance(value, (dict, list)):
        raise _fail(_not_one_value(value, "teks"))
    text = _nonempty(value)
    if "\n" in text:
        raise _fail("harus satu baris; hapus baris baru atau gunakan kolom 'description'.")
    return text


def _not_one_value(value: list | dict, what: str) -> str:
    """Why a list or a mapping cannot stand where one value (one line) belongs, and
    how to write it, from the editor's own item when there is one."""
    if isinstance(value, dict):
        return (
            f"harus berupa {what}, bukan pemetaan; tulis satu nilai langsung sesudah titik dua "
            "nama kolomnya, pada baris yang sama."
        )
    items = [item for item in value if isinstance(item, str) and item.strip()]
    example = f", misalnya '{items[0].strip()}'" if len(items) == 1 else ""
    more = " (kolom ini hanya berisi satu nilai)" if len(value) > 1 else ""
    return (
        f"harus berupa {what}, bukan daftar{more}; hapus tanda '- ' dan tulis nilainya "
        f"langsung sesudah titik dua nama kolomnya, pada baris yang sama{example}."
    )


def _id(value: Any) -> str:
    text = _nonempty(value)
    if not ID_RE.match(text):
        raise _fail(
            f"id '{text}' tidak sah; gunakan huruf kecil, angka dan tanda hubung saja, "
            f"misalnya '{_slugify(text)}'."
        )
    return text


def _ref(value: Any) -> str:
    text = _nonempty(value)
    if not REF_RE.match(text):
        meant = _meant_ref(text)
        example = f", misalnya '{meant}'" if meant else ""
        raise _fail(
            f"rujukan '{text}' tidak sah; tulis 'id' untuk rekaman mitra yang sama atau "
            f"'mitra/id' untuk mitra lain (huruf kecil, angka, tanda hubung){example}."
        )
    return text


_KIND_FOLDERS = frozenset({"modules", "programs", "internships", "forums", "curriculum"})


def _meant_ref(text: str) -> str | None:
    """`usu/modules/Statistik Sektoral.yml` → `usu/statistik-sektoral`: a reference
    written as a file path, a title or in capitals, as the format writes it."""
    written = text
    text = re.sub(r"\((?:[^()]*)\)", " ", text)  # `Statistik (USU)`: a remark
    text = re.sub(r"\.ya?ml$", "", text.strip(), flags=re.I)
    parts = [part for part in re.split(r"[/\\]+", text) if part.strip()]
    parts = [part for part in parts if part.strip().lower() not in _KIND_FOLDERS]
    slugs = [re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts[-2:]]
    if not slugs or not all(slugs):
        return None
    meant = "/".join(slugs)
    return meant if REF_RE.match(meant) and meant != written else None


def _slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "contoh-id"


URL_SCHEMES = ("https", "http", "mailto")
_SPACE_RE = re.compile(r"\s")


_URL_OK = re.compile(r"^(?:https?://[^\s/?#@]+(?:[/?#]\S*)?|mailto:[^\s]+)$", re.I)


_MISTYPED_SCHEME = re.compile(
    r"^(?P<scheme>https?)(?!://)[:;]?[/\\]{1,2}(?P<rest>[^/\\\s][^\s]*)$", re.I
)
_HOST_RE = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(?::[0-9]+)?([/?#]\S*)?$")


def _url(value: Any) -> str:
    text = _single_line(value)
    if _URL_OK.match(text):  # the usual shape; anything else gets the full diagnosis
        return text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in URL_SCHEMES:
        mistyped = _MISTYPED_SCHEME.match(text)
        if mistyped:
            # `https//...`, `https:/...`, `https;//...`: the beginning mistyped.
            raise _fail(
                f"awal alamat '{text}' salah ketik; tulis "
                f"'{mistyped['scheme'].lower()}://{mistyped['rest']}'."
            )
        if _EMAIL_RE.match(text):
            raise _fail(
                f"'{text}' adalah alamat surel, bukan alamat web; tulis 'mailto:{text}', atau "
                "isi kolom email di bawah contact."
            )
        if not parts.scheme and _HOST_RE.match(text):
            # `www.usu.ac.id/daftar`: the address without its beginning.
            raise _fail(
                f"alamat '{text}' tidak diawali https:// (atau http://, mailto:); tulis "
                f"'https://{text}'."
            )
        raise _fail(
            f"alamat '{text}' tidak sah; gunakan alamat yang diawali https:// "
            "(atau http://, mailto:)."
        )
    if scheme in ("http", "https") and not parts.netloc:
        raise _fail(f"alamat '{text}' tidak memuat nama situs; contoh: https://www.usu.ac.id/")
    if _SPACE_RE.search(text):
        raise _fail(f"alamat '{text}' memuat spasi; ganti spasi dengan %20.")
    return text


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# Labels of letters (any script), digits and inner hyphens, joined by dots.
_EMAIL_DOMAIN_RE = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[A-Za-z]{2,}$")


def _email(value: Any) -> str:
    text = _single_line(value)
    if _EMAIL_RE.match(text) and _EMAIL_DOMAIN_RE.match(text.rsplit("@", 1)[1]):
        if text[:7].lower() == "mailto:":
            raise _fail(f"tulis alamat surelnya saja, tanpa 'mailto:'; misalnya {text[7:]}.")
        return text
    several = [part for part in re.split(r"[\s,;/]+", text) if "@" in part]
    if len(several) > 1:
        raise _fail(
            f"kolom ini berisi satu alamat surel saja, bukan {len(several)}; tulis satu alamat, "
            f"misalnya {several[0].strip(',;')}."
        )
    joined = re.sub(r"\s+", "", text)
    if joined != text and _EMAIL_RE.match(joined):
        raise _fail(f"alamat surel '{text}' memuat spasi; hapus spasinya: {joined}.")
    if "@" in text and _EMAIL_RE.match(text):
        domain = text.rsplit("@", 1)[1]
        raise _fail(
            f"bagian sesudah @ ('{domain}') bukan nama domain yang sah; nama domain hanya berisi "
            "huruf, angka, tanda hubung dan titik, misalnya usu.ac.id."
        )
    if not _EMAIL_RE.match(text):
        if "@" not in text:
            raise _fail(
                f"alamat surel '{text}' tidak memuat tanda @; tulis alamat lengkap, "
                "misalnya pelatihan@usu.ac.id."
            )
        raise _fail(f"alamat surel '{text}' tidak sah; tulis seperti pelatihan@usu.ac.id.")
    return text


_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,}$")


# Between two numbers; starting only where a run of spaces starts (no quadratic search).
_PHONE_SEP = re.compile(r"(?<!\s)\s*+(?:/|,|;|\batau\b|\bdan\b)\s*+")


def _phone(value: Any) -> str:
    text = _single_line(value)
    numbers = [part.strip() for part in _PHONE_SEP.split(text) if len(re.sub(r"\D", "", part)) >= 6]
    if len(numbers) > 1:
        # The page links the number for dialling: two numbers make one broken link.
        raise _fail(
            f"kolom ini berisi satu nomor telepon saja, bukan {len(numbers)}; tulis satu nomor, "
            f"misalnya {numbers[0]}."
        )
    if not _PHONE_RE.match(text):
        raise _fail(_phone_problem(text))
    return text


def _phone_problem(text: str) -> str:
    """What is wrong with a phone number, with the editor's own number when it can be
    told: `0812-6000-1234 (WA)`, `(+62) 812...`."""
    advice = "tulis nomornya dengan angka, misalnya 061-8211633 atau +62 812 6000 1234."
    if re.search(r"[^\W\d_]", text) and len(re.sub(r"\D", "", text)) >= 6:
        number = re.split(r"\b(?:ext|ekst|psw|pes|pesawat)\b", text, flags=re.I)[0]
        number = re.sub(r"\(?[^\W\d_][^\s()]*\)?\.?:?", " ", number)
        number = re.sub(r"\s+", " ", number).strip(" -:")
        if _PHONE_RE.match(number):
            advice = f"tulis nomornya saja, tanpa kata atau keterangan: {number}."
        return f"nomor telepon '{text}' memuat huruf; {advice}"
    plus = re.sub(r"^\(\s*\+\s*(\d+)\s*\)\s*", r"+\1 ", text)
    if plus != text and _PHONE_RE.match(plus):
        return f"nomor telepon '{text}' tidak sah; tulis kode negara tanpa kurung: {plus}."
    return f"nomor telepon '{text}' tidak sah; {advice}"


# What pydantic reads as true or false (it decides); anything else is explained here.
_FLAG_WORDS = frozenset(["0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"])


def _flag(value: Any) -> Any:
    if not isinstance(value, str) or value.strip().lower() in _FLAG_WORDS:
        return value
    raise _fail(
        f"nilai '{value.strip()}' tidak dikenal; tulis true untuk ya, atau false untuk tidak."
    )


Flag = Annotated[bool, BeforeValidator(_flag)]


_BULLET_SPLIT = re.compile(r"(?:^|\s)[•·▪●◦‣–—−*](?=\s)")
_NUMBER_SPLIT = re.compile(r"(?:^|\s)[0-9]{1,2}[.)](?=\s)")


def _as_list(value: Any) -> Any:
    """A list written as one line of text (`topics: Statistik, Evaluasi`): shown back
    as the list items it should have been, from the editor's own words."""
    if not isinstance(value, str) or not value.strip():
        return value
    text = value.strip()
    marker = None
    if _BULLET_SPLIT.match(text):
        marker, pieces = text[0], _BULLET_SPLIT.split(text)
    elif re.match(r"1[.)]\s", text):
        marker, pieces = text[:2], _NUMBER_SPLIT.split(text)
    if marker is not None:
        # Items pasted from a word processor (`• Satu` on each line, or `1. Satu`).
        items = [item.strip() for item in pieces if item.strip()][:3]
        shown = ", ".join(f"'- {item}'" for item in items)
        raise _fail(
            f"harus berupa daftar, bukan teks: tanda '{marker}' tidak dikenal sebagai penanda "
            "butir daftar; awali setiap butir dengan '- ' (tanda hubung dan spasi) pada baris "
            f"sendiri, menjorok dua spasi: {shown}."
        )
    items = [item.strip() for item in re.split(r"[,;]", value) if item.strip()][:3]
    shown = ", ".join(f"'- {item}'" for item in items)
    raise _fail(
        "harus berupa daftar, bukan teks; tulis setiap butir pada baris sendiri, menjorok "
        f"dua spasi dan diawali '- ': {shown}."
    )


# ---------------------------------------------------------------- whole numbers
#
# jp, quota, duration_minutes and annual_jp_target are written with the digits
# 0-9 and nothing else. pydantic's int parsing (Python's, in the end) also takes
# "4_0" (40), "+5", "40.0", "1.000" (1, where an Indonesian reads a thousand) and
# "007" (which YAML 1.1 tools read as octal); int() even takes "٤٠". None of these
# is sure to be what the editor meant, so each is refused with what was read and
# the way to write it. Surrounding spaces are dropped, as for every text field.

_WHOLE_RE = re.compile(r"-?(?:0|[1-9][0-9]*)")
# Past this many digits the number is left to pydantic: its size check, not int()'s
# limit of 4,300 digits (a ValueError in English).
_WHOLE_MAX_DIGITS = 18
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?P<sep>[._, '’\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*")
_DECIMAL_RE = re.compile(r"([0-9]+)[.,]([0-9]+)")
_SEPARATED_RE = re.compile(r"[0-9]+(?P<sep>[._, '’\u00a0\u202f])[0-9]+(?:(?P=sep)[0-9]+)*")
_SCIENTIFIC_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")
_BASES = {"x": (16, "16 (heksadesimal)"), "o": (8, "8 (oktal)"), "b": (2, "2 (biner)")}
_BASE_RE = re.compile(r"0([xXoObB])([0-9a-fA-F_]+)")
_LEADING_NUMBER_RE = re.compile(r"([0-9]+)\s*[^\W\d_]")


def _whole_number(value: Any) -> Any:
    """Before pydantic's int: text of digits 0-9 becomes the int; anything else
    an editor wrote is refused here, in Indonesian (see above)."""
    if type(value) is not str:
        return value  # absent, or a number from Python code: pydantic checks it
    text = value.strip()
    if _WHOLE_RE.fullmatch(text):
        return int(text) if len(text) <= _WHOLE_MAX_DIGITS else text
    raise _fail(_whole_number_problem(text))


def _ascii_digits(text: str) -> str:
    """`text` with every decimal digit of another script (٤٠, ４０, ४०) as 0-9."""
    import unicodedata

    return "".join(
        c if c.isascii() or not c.isdecimal() else str(unicodedata.decimal(c)) for c in text
    )


def _whole_number_problem(text: str) -> str:
    """What is wrong with `text` as a whole number, and how to write it."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    if not text:
        return "tidak boleh kosong; tulis bilangan bulat, misalnya 24."
    digits = _ascii_digits(text)
    if digits != text:
        plain = digits.removeprefix("-")
        example = int(digits) if plain.isascii() and plain.isdigit() else 24
        return f"'{shown}' memakai angka selain 0–9; tulis dengan angka 0–9, misalnya {example}."
    if text[0] == "+" and _WHOLE_RE.fullmatch(text[1:]):
        return f"'{shown}' diawali tanda +; tulis bilangannya tanpa tanda, misalnya {text[1:]}."
    unsigned = text.removeprefix("-")
    if unsigned[:1] == "0" and unsigned.isascii() and unsigned.isdigit():
        return (
            f"'{shown}' diawali angka 0 (sebagian alat YAML membacanya sebagai bilangan "
            f"oktal); tulis tanpa angka 0 di depan, misalnya {int(text)}."
        )
    grouped = _GROUPED_RE.fullmatch(text)
    if grouped:
        sep = grouped["sep"]
        joined = re.sub(r"[^0-9]", "", text)
        if sep in ".," and text.count(sep) == 1:
            return (
                f"'{shown}' memakai {'titik' if sep == '.' else 'koma'} yang dapat dibaca "
                "sebagai pemisah ribuan atau sebagai tanda desimal; tulis bilangan bulat "
                f"tanpa pemisah, misalnya {joined}."
            )
        return (
            f"'{shown}' memakai pemisah '{sep}'; tulis bilangan bulat tanpa pemisah, "
            f"misalnya {joined}."
        )
    decimal = _DECIMAL_RE.fullmatch(text)
    if decimal:
        whole, fraction = decimal.groups()
        if not fraction.strip("0"):
            return (
                f"'{shown}' ditulis dengan desimal; tulis bilangan bulat tanpa koma atau "
                f"titik, misalnya {int(whole)}."
            )
        return (
            f"'{shown}' bukan bilangan bulat (ada pecahannya); tulis bilangan bulat, "
            f"misalnya {int(whole)} atau {int(whole) + 1}."
        )
    separated = _SEPARATED_RE.fullmatch(text)
    if separated:
        joined = re.sub(r"[^0-9]", "", text)
        return (
            f"'{shown}' memakai pemisah '{separated['sep']}'; tulis bilangan bulat tanpa "
            f"pemisah, misalnya {joined}."
        )
    if _SCIENTIFIC_RE.fullmatch(text):
        number = float(text)
        example = int(number) if number.is_integer() and number < 10**9 else 24
        return (
            f"'{shown}' ditulis dalam notasi ilmiah; tulis bilangan bulatnya dengan angka "
            f"0–9, misalnya {example}."
        )
    based = _BASE_RE.fullmatch(text)
    if based:
        base, name = _BASES[based[1].lower()]
        try:
            example = int(based[2], base)
        except ValueError:
            example = 24
        return (
            f"'{shown}' ditulis dalam basis {name}; tulis bilangan bulat biasa (basis 10), "
            f"misalnya {example}."
        )
    leading = _LEADING_NUMBER_RE.match(text)
    example = int(leading[1]) if leading and leading[1][0] != "0" else 24
    return f"'{shown}' bukan bilangan bulat; tulis angka saja, misalnya {example}."


_HOURS_RE = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*(?:jam|j|hours?|hrs?|h)\.?", re.I)


def _minutes(value: Any) -> Any:
    """`_whole_number` for a duration in minutes: `2 jam` and `1,5 jam` are shown in
    minutes."""
    if type(value) is str:
        text = value.strip()
        hours = _HOURS_RE.fullmatch(text)
        if hours:
            minutes = round(float(hours[1].replace(",", ".")) * 60)
            raise _fail(
                f"'{text}' ditulis dalam jam; kolom ini berisi lama dalam menit: tulis {minutes}."
            )
    return _whole_number(value)


# The types of the whole-number fields; bounds come with the Field(ge=..., le=...).
# The optional one is Annotated outside the union, so that pydantic still applies
# the bounds to the int and writes them into the JSON Schema as minimum/maximum.
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
OptionalWholeNumber = Annotated[int | None, BeforeValidator(_whole_number)]
Minutes = Annotated[int, BeforeValidator(_minutes)]


# re.ASCII: digits 0-9 only, as in the published schema's patterns (int() would
# read "٢٠٢٦" as 2026; see _ascii_digits).
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*(Z|[+-]\d{2}:?\d{2}))?$",
    re.ASCII,
)
_TIME_RE = re.compile(r"^\d{1,2}[:.]\d{2}(:\d{2})?$", re.ASCII)


# Dates of training, meetings and calls: a year outside these is a typing mistake
# (and year 1 or 9999 would overflow when a day is added or a zone applied).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _make_date(y: str, m: str, d: str, text: str) -> date:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        raise _fail(f"tanggal '{text}' tidak ada di kalender; periksa bulan dan harinya.") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _fail(
            f"tahun {day.year} pada '{text}' di luar rentang {FIRST_YEAR}–{LAST_YEAR}; "
            "periksa penulisan tahunnya."
        )
    return day


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januari jan january",
            "februari pebruari feb february",
            "maret mar march",
            "april apr",
            "mei may",
            "juni jun june",
            "juli jul july",
            "agustus agu agt ags aug august",
            "september sep sept",
            "oktober okt oct october",
            "november nopember nov",
            "desember des dec december",
        ),
        start=1,
    )
    for name in names.split()
}
# A date as editors also write it: 10/02/2026, 10-2-2026, 2026-2-10, 10 Februari 2026,
# "Selasa, 10 Feb 2026", each with an optional time 8.00 or 08:00 and WIB/WITA/WIT.
# Also month first (06/15/2026 when 15 cannot be a month, June 15, 2026), a year of
# two digits (15-06-26) and a time with AM or PM.
_LOOSE_DATE = re.compile(
    r"^(?:[A-Za-z]+,?\s+)?(?:(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})[/.-](?P<m2>\d{1,2})[/.-](?P<d2>\d{1,2})"
    r"|(?P<d3>\d{1,2})\s+(?P<mon>[A-Za-z]+)\.?\s+(?P<y3>\d{4})"
    r"|(?P<mon2>[A-Za-z]+)\.?\s+(?P<d4>\d{1,2}),?\s+(?P<y4>\d{4}))"
    r"(?:(?:\s+|T|,\s*)(?:(?:pukul|jam)\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
    r"(?:\s*(?P<ampm>[AP]\.?M\.?))?(?:\s*(?P<zone>WIB|WITA|WIT))?)?$",
    re.ASCII | re.IGNORECASE,
)
_ZONES = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}
# Indonesia's three zones by their IANA names, as pages and messages name them.
ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(tz: tzinfo) -> str:
    """The site's zone as an editor calls it: WIB, WITA, WIT, else its IANA name."""
    key = getattr(tz, "key", None) or str(tz)
    return ZONE_LABELS.get(key, key)


def _zone_suffix(written: str | None, local: str) -> str:
    """The offset to write after a time given in zone `written` (none: the site's),
    on a site whose zone is `local`: nothing when they are the same."""
    if not written or written.upper() == local:
        return ""
    return _ZONES[written.upper()]


def _meant_date(text: str, *, with_time: bool = True, local: str = "WIB") -> tuple[str, str] | None:
    """What a date written another way (`10/02/2026 8.00 WIB`) is in the format, and
    how to read it: ("2026-02-10 08:00", "tahun-bulan-hari jam:menit"), or None.
    `local` is the site's zone (`zone_label`): a time without a zone is in it."""
    match = _LOOSE_DATE.match(text.strip())
    if match is None:
        return None
    g = match.groupdict()
    if g["mon"] is not None or g["mon2"] is not None:
        month = _MONTHS.get((g["mon"] or g["mon2"]).lower())
        if month is None:
            return None
        y, m, d = int(g["y3"] or g["y4"]), month, int(g["d3"] or g["d4"])
    elif g["y1"] is not None:
        y, m, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        if len(g["y1"]) == 2:
            y += 2000
        if m > 12 >= d:
            m, d = d, m  # month first: 06/15/2026
    else:
        y, m, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    if g["h"] is None or not with_time:
        return day.isoformat(), "tahun-bulan-hari"
    hh, mm = int(g["h"]), int(g["mi"])
    if g["ampm"] is not None:
        if not 1 <= hh <= 12:
            return None
        hh = hh % 12 + (12 if g["ampm"][0] in "pP" else 0)
    if hh > 23 or mm > 59:
        return None
    zone = _zone_suffix(g["zone"], local)
    if zone:
        return f"{day.isoformat()}T{hh:02d}:{mm:02d}{zone}", "tahun-bulan-hari, jam:menit, zona"
    return (
        f"{day.isoformat()} {hh:02d}:{mm:02d}",
        f"tahun-bulan-hari jam:menit; jam tanpa zona berarti {local}",
    )


# Excel stores a date as the days since 1899-12-30, and a cell copied without its
# format shows that number: 46188 is 2026-06-15. Only the years 2000-2100.
_EXCEL_SERIAL = re.compile(r"(\d{5})(?:[.,](\d+))?", re.ASCII)
_EXCEL_FIRST, _EXCEL_LAST = 36526, 73415


def _excel_date(text: str, *, with_time: bool = True) -> str | None:
    """The date (and time) an Excel serial number stands for, as the format writes it."""
    match = _EXCEL_SERIAL.fullmatch(text)
    if match is None or not _EXCEL_FIRST <= int(match[1]) <= _EXCEL_LAST:
        return None
    day = date(1899, 12, 30) + timedelta(days=int(match[1]))
    minutes = min(round(float(f"0.{match[2]}") * 1440), 1439) if match[2] else 0
    if not minutes or not with_time:
        return day.isoformat()
    return f"{day.isoformat()} {minutes // 60:02d}:{minutes % 60:02d}"


# Each alternative starts where a run of spaces starts: no quadratic search in a
# value of many spaces.
_RANGE_SEP = re.compile(
    r"(?<!\s)\s++(?:s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|to|–|—|-)\s++"
    r"|(?<!\s)\s*+[–—]\s*+",
    re.I,
)
_HOUR_SPAN = re.compile(
    r"(?P<day>.*?\d)(?:\s++|,\s*+)(?:(?:pukul|jam)\s++)?(?P<h1>\d{1,2})[.:](?P<m1>\d{2})\s*+"
    r"(?:-|–|—|s\.?\s?d\.?|s/d|sampai)\s*+(?P<h2>\d{1,2})[.:](?P<m2>\d{2})"
    r"(?:\s*+(?P<zone>WIB|WITA|WIT))?",
    re.ASCII | re.IGNORECASE,
)
_DAY_SPAN = re.compile(
    r"(?P<d1>\d{1,2})\s*[-–—]\s*(?P<d2>\d{1,2})\s+(?P<mon>[A-Za-z]+)\.?\s+(?P<y>\d{4})",
    re.ASCII,
)


def _date_range(text: str, *, with_time: bool = True, local: str = "WIB") -> tuple[str, str] | None:
    """(first, last) when `text` is a span (`15-19 Juni 2026`, `2026-06-15 s.d.
    2026-06-19`), each written as the format writes it; else None."""
    hours = _HOUR_SPAN.fullmatch(text)
    if hours is not None and with_time:
        day = hours["day"].strip()
        meant = day if _DATE_RE.match(day) else (_meant_date(day, with_time=False) or [None])[0]
        if meant is None or max(int(hours["h1"]), int(hours["h2"])) > 23:
            return None
        zone = _zone_suffix(hours["zone"], local)
        first, last = (f"{int(hours[h]):02d}:{hours[m]}" for h, m in (("h1", "m1"), ("h2", "m2")))
        if zone:
            return f"{meant}T{first}{zone}", f"{meant}T{last}{zone}"
        return f"{meant} {first}", f"{meant} {last}"
    span = _DAY_SPAN.fullmatch(text)
    if span is not None:
        month = _MONTHS.get(span["mon"].lower())
        try:
            first = date(int(span["y"]), month or 0, int(span["d1"]))
            last = date(int(span["y"]), month or 0, int(span["d2"]))
        except ValueError:
            return None
        return first.isoformat(), last.isoformat()
    parts = _RANGE_SEP.split(text.strip())
    if len(parts) != 2:
        return None
    out = []
    for part in parts:
        part = part.strip()
        if _DATE_RE.match(part) or (with_time and _DATETIME_RE.match(part)):
            out.append(part)
            continue
        meant = _meant_date(part, with_time=with_time, local=local)
        if meant is None:
            return None
        out.append(meant[0])
    return out[0], out[1]


def _loose_problem(
    text: str, what: str, *, with_time: bool = True, local: str = "WIB"
) -> str | None:
    """The message for a date written another way, or None when it cannot be told."""
    excel = _excel_date(text, with_time=with_time)
    if excel is not None:
        reading = "tahun-bulan-hari jam:menit" if " " in excel else "tahun-bulan-hari"
        return (
            f"'{text}' tampaknya nomor seri tanggal dari Excel; tulis {what}nya: {excel} "
            f"({reading})."
        )
    span = _date_range(text, with_time=with_time, local=local)
    if span is not None:
        return (
            f"'{text}' adalah rentang {what}; kolom ini berisi satu {what} saja: tulis "
            f"{span[0]} di kolom mulai (misalnya start) dan {span[1]} di kolom selesai "
            "(misalnya end)."
        )
    return None


def _other_digits(text: str, what: str) -> None:
    """Refuse a date or time written with digits other than 0-9, showing it with 0-9."""
    digits = _ascii_digits(text)
    if digits != text:
        raise _fail(
            f"{what} '{text}' memakai angka selain 0–9; tulis dengan angka 0–9, misalnya {digits}."
        )


def _day(value: Any) -> date:
    text = _single_line(value)
    match = _DATE_RE.match(text)
    if not match:
        _other_digits(text, "tanggal")
        if _TIME_RE.match(text):
            raise _fail(f"'{text}' adalah jam, bukan tanggal; tulis tanggal seperti 2026-02-10.")
        timed = _DATETIME_RE.match(text)
        if timed:
            raise _fail(
                f"kolom ini berisi tanggal saja, tanpa jam; tulis {'-'.join(timed.groups()[:3])}."
            )
        meant = _meant_date(text, with_time=False)
        if meant is not None:
            raise _fail(f"tanggal '{text}' tidak sah; tulis menjadi {meant[0]} ({meant[1]}).")
        loose = _loose_problem(text, "tanggal", with_time=False)
        if loose is not None:
            raise _fail(loose)
        raise _fail(
            f"tanggal '{text}' tidak sah; tulis dengan format TTTT-BB-HH, misalnya 2026-02-10."
        )
    return _make_date(*match.groups(), text)


def _tz(info: ValidationInfo | None) -> tzinfo:
    context = info.context if info is not None else None
    if isinstance(context, dict) and context.get("tz") is not None:
        return context["tz"]
    return DEFAULT_TZ


def _moment(value: Any, info: ValidationInfo) -> date | datetime:
    """A date (all day) or a date-time; without an offset it is in the site's zone."""
    text = _single_line(value)
    match = _DATE_RE.match(text)
    if match:
        return _make_date(*match.groups(), text)
    match = _DATETIME_RE.match(text)
    if not match:
        _other_digits(text, "waktu")
        if _TIME_RE.match(text):
            raise _fail(
                f"'{text}' adalah jam saja, bukan tanggal; tulis tanggal dan jam, "
                f"misalnya 2026-02-10 {text.replace('.', ':')}."
            )
        local = zone_label(_tz(info))
        meant = _meant_date(text, local=local)
        if meant is not None:
            raise _fail(f"waktu '{text}' tidak sah; tulis menjadi {meant[0]} ({meant[1]}).")
        loose = _loose_problem(text, "waktu", local=local)
        if loose is not None:
            raise _fail(loose)
        raise _fail(
            f"waktu '{text}' tidak sah; tulis tanggal 2026-02-10, tanggal dan jam "
            f"2026-02-10 08:00 ({local}), atau jam dengan zonanya sendiri, misalnya "
            "2026-02-10T08:00+07:00 (WIB)."
        )
    y, mo, d, hh, mm, ss, offset = match.groups()
    if offset and offset[0] == "-" and text[10] == " " and ":" in offset:
        # `2026-02-10 08:00-16:00` is a span of hours, not a zone west of Hawaii.
        until = offset[1:].strip()
        if info is not None and info.field_name == "end":
            meant, other = f"{y}-{mo}-{d} {until}", f"jam mulai ({hh}:{mm})"
        else:
            meant, other = f"{y}-{mo}-{d} {hh}:{mm}", f"jam selesai ({until})"
        raise _fail(
            f"'{text}' memuat rentang jam; tulis satu waktu saja, {meant}, dan {other} "
            "pada kolom pasangannya (start dan end, atau duration_minutes untuk forum)."
        )
    day = _make_date(y, mo, d, text)
    try:
        clock = time(int(hh), int(mm), int(ss or 0))
    except ValueError:
        raise _fail(f"jam pada '{text}' tidak sah; gunakan 00:00 sampai 23:59.") from None
    if offset:
        offset = _norm_offset(offset)
        minutes = int(offset[1:3]) * 60 + int(offset[4:6])
        if int(offset[4:6]) > 59 or minutes > (14 * 60 if offset[0] == "+" else 12 * 60):
            raise _fail(
                f"zona waktu '{offset}' pada '{text}' tidak ada; zona berkisar dari -12:00 "
                "sampai +14:00 (WIB +07:00, WITA +08:00, WIT +09:00)."
            )
        parsed = datetime.fromisoformat(f"{day.isoformat()}T{clock.isoformat()}{offset}")
        return parsed.astimezone(_tz(info))
    return datetime.combine(day, clock, tzinfo=_tz(info))


def _norm_offset(offset: str) -> str:
    if offset == "Z":
        return "+00:00"
    if ":" not in offset:
        return f"{offset[:3]}:{offset[3:]}"
    return offset


def _datetime(value: Any, info: ValidationInfo) -> datetime:
    moment = _moment(value, info)
    if not isinstance(moment, datetime):
        raise _fail(f"perlu tanggal dan jam, misalnya {moment.isoformat()} 09:00.")
    return moment


RRULE_EXAMPLE = "FREQ=MONTHLY;BYDAY=2TH (Kamis kedua setiap bulan)"
_RRULE_FREQS = {"DAILY": "harian", "WEEKLY": "mingguan", "MONTHLY": "bulanan", "YEARLY": "tahunan"}
RRULE_DAYS = {
    "MO": "Senin",
    "TU": "Selasa",
    "WE": "Rabu",
    "TH": "Kamis",
    "FR": "Jumat",
    "SA": "Sabtu",
    "SU": "Minggu",
}
# The parts the portal reads, and describes in Indonesian on the forum page.
RRULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST")
_RRULE_CLOCK = (
    "tidak dipakai: jam pertemuan diambil dari kolom first (misalnya first: 2026-01-08 "
    "14:00); hapus bagian ini"
)
_RRULE_OTHER = (
    "tidak didukung portal; tulis polanya dengan BYDAY, BYMONTHDAY atau BYMONTH, "
    "misalnya FREQ=MONTHLY;BYDAY=-1FR (Jumat terakhir setiap bulan)"
)
_RRULE_UNSUPPORTED = {
    "BYHOUR": _RRULE_CLOCK,
    "BYMINUTE": _RRULE_CLOCK,
    "BYSECOND": _RRULE_CLOCK,
    "BYSETPOS": _RRULE_OTHER,
    "BYWEEKNO": _RRULE_OTHER,
    "BYYEARDAY": _RRULE_OTHER,
    "BYEASTER": _RRULE_OTHER,
}
# Digits 0-9 only: the rule is written as it is into the calendar files (RFC 5545).
_RRULE_DAY_RE = re.compile(r"([+-]?)([0-9]+)?([A-Z]+)")
_RRULE_INT_RE = re.compile(r"[+-]?[0-9]{1,4}")
_RRULE_DAY_CODES = (
    "MO (Senin), TU (Selasa), WE (Rabu), TH (Kamis), FR (Jumat), SA (Sabtu), SU (Minggu)"
)


def _rrule_fail(rule: str, what: str) -> PydanticCustomError:
    return _fail(f"aturan pengulangan '{rule}': {what}. Contoh aturan yang sah: {RRULE_EXAMPLE}.")


def _rrule_ints(
    rule: str, key: str, value: str, high: int, allowed: str, *, signed: bool = False
) -> None:
    for item in value.split(","):
        number = int(item) if _RRULE_INT_RE.fullmatch(item) else 0
        if not 1 <= abs(number) <= high or (item[:1] in ("+", "-") and not signed):
            shown = f" berisi '{item}' yang tidak sah" if "," in value else f"={value} tidak sah"
            raise _rrule_fail(rule, f"{key}{shown}; {allowed}")


_DAY_WORDS = {
    "senin": "MO",
    "selasa": "TU",
    "rabu": "WE",
    "kamis": "TH",
    "jumat": "FR",
    "sabtu": "SA",
    "ahad": "SU",
}
_ORDINAL_WORDS = {"pertama": "1", "kedua": "2", "ketiga": "3", "keempat": "4", "terakhir": "-1"}
_NUMBER_WORDS = {"dua": 2, "tiga": 3, "empat": 4}


def _rule_from_words(text: str) -> str | None:
    """`setiap Senin` → `FREQ=WEEKLY;BYDAY=MO`: the rule an editor described in words."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    joined = " ".join(words)
    days = [_DAY_WORDS[w] for w in words if w in _DAY_WORDS]
    if "hari minggu" in joined:
        days.append("SU")
    order = next((_ORDINAL_WORDS[w] for w in words if w in _ORDINAL_WORDS), "")
    every = re.search(r"\b(\d|dua|tiga|empat) (minggu|bulan)", joined)
    interval = ""
    if every:
        count = _NUMBER_WORDS.get(every[1]) or int(every[1])
        interval = f";INTERVAL={count}" if count > 1 else ""
    if "bulan" in words or "bulanan" in words:
        freq = "MONTHLY"
    elif "tahun" in words or "tahunan" in words:
        freq = "YEARLY"
    elif days or "minggu" in words or "mingguan" in words or "pekan" in words:
        freq = "WEEKLY"
    elif "hari" in words or "harian" in words:
        freq = "DAILY"
    else:
        return None
    rule = f"FREQ={freq}{interval}"
    if days:
        prefix = order if freq in ("MONTHLY", "YEARLY") else ""
        rule += ";BYDAY=" + ",".join(prefix + d for d in days)
    return rule


def rrule_parts(text: str) -> dict[str, str]:
    """The parts of a recurrence (`FREQ=MONTHLY;BYDAY=2TH` → {FREQ: MONTHLY, BYDAY: 2TH}),
    each checked by the portal itself, so that every mistake is told in Indonesian
    (dateutil's messages are English, and it accepts values it cannot expand)."""
    if "=" not in text and re.search(r"[A-Za-z]{3,}\s+[A-Za-z]", text):
        guess = _rule_from_words(text)
        example = guess or "FREQ=WEEKLY;BYDAY=MO (setiap Senin) atau " + RRULE_EXAMPLE
        raise _fail(
            f"aturan pengulangan '{text.strip()}' ditulis dengan kata-kata; tulis dalam bentuk "
            f"RRULE (bagian NAMA=NILAI dipisah titik koma), misalnya {example}."
        )
    rule = re.sub(r"\s+", "", text.upper()).removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep or not key:
            raise _rrule_fail(
                rule,
                f"bagian '{part}' tidak berbentuk NAMA=NILAI; pisahkan bagian dengan titik koma, "
                "misalnya FREQ=WEEKLY;BYDAY=WE",
            )
        if key == "UNTIL":
            raise _fail(
                "tanggal akhir tidak ditulis di dalam recurrence; hapus bagian UNTIL=... dan "
                "isi kolom 'until' di bawah schedule, misalnya until: 2027-12-31."
            )
        if key in _RRULE_UNSUPPORTED:
            raise _rrule_fail(rule, f"bagian {key} {_RRULE_UNSUPPORTED[key]}")
        if key not in RRULE_PARTS:
            from generator.problems import did_you_mean

            best = did_you_mean(key, RRULE_PARTS)
            hint = f" (mungkin maksud Anda {best}?)" if best else ""
            raise _rrule_fail(
                rule,
                f"bagian '{key}' tidak dikenal{hint}; bagian yang dapat dipakai: "
                f"{', '.join(RRULE_PARTS)}",
            )
        if key in parts:
            raise _rrule_fail(
                rule,
                f"bagian {key} ditulis lebih dari sekali; tulis sekali saja dan pisahkan "
                "nilainya dengan koma, misalnya BYDAY=TU,TH",
            )
        if not value:
            raise _rrule_fail(rule, f"bagian {key} belum diberi nilai; tulis {key}=nilai")
        parts[key] = value
    freq = parts.get("FREQ")
    if freq is None:
        raise _rrule_fail(
            rule,
            "bagian FREQ (frekuensi) wajib ada; mulai dengan FREQ=DAILY (harian), "
            "FREQ=WEEKLY (mingguan), FREQ=MONTHLY (bulanan) atau FREQ=YEARLY (tahunan)",
        )
    if freq not in _RRULE_FREQS:
        raise _rrule_fail(
            rule,
            f"FREQ={freq} tidak dikenal; pilih DAILY (harian), WEEKLY (mingguan), "
            "MONTHLY (bulanan) atau YEARLY (tahunan)",
        )
    if "INTERVAL" in parts:
        _rrule_ints(
            rule,
            "INTERVAL",
            parts["INTERVAL"],
            99,
            "isi bilangan bulat 1 sampai 99: 1 berarti setiap kali, 2 berarti berselang satu "
            "(misalnya FREQ=WEEKLY;INTERVAL=2: dua minggu sekali)",
        )
    if "COUNT" in parts:
        _rrule_ints(
            rule,
            "COUNT",
            parts["COUNT"],
            1000,
            "isi jumlah pertemuan, bilangan bulat 1 sampai 1000, atau hapus COUNT dan isi "
            "kolom until",
        )
    if "WKST" in parts and parts["WKST"] not in RRULE_DAYS:
        raise _rrule_fail(
            rule, f"WKST={parts['WKST']} tidak sah; isi kode hari awal minggu: {_RRULE_DAY_CODES}"
        )
    if "BYMONTH" in parts:
        _rrule_ints(
            rule,
            "BYMONTH",
            parts["BYMONTH"],
            12,
            "isi nomor bulan 1 sampai 12 (1 = Januari, 12 = Desember), dipisah koma",
        )
    if "BYMONTHDAY" in parts:
        if freq == "WEEKLY":
            raise _rrule_fail(
                rule,
                "BYMONTHDAY tidak dapat dipakai dengan FREQ=WEEKLY; untuk tanggal tertentu "
                "gunakan FREQ=MONTHLY, misalnya FREQ=MONTHLY;BYMONTHDAY=15, atau pilih hari "
                "dengan BYDAY",
            )
        _rrule_ints(
            rule,
            "BYMONTHDAY",
            parts["BYMONTHDAY"],
            31,
            "isi tanggal 1 sampai 31, atau -1 sampai -31 untuk menghitung dari akhir bulan "
            "(-1 = hari terakhir bulan), dipisah koma",
            signed=True,
        )
    for token in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
        match = _RRULE_DAY_RE.fullmatch(token)
        if not match or match[3] not in RRULE_DAYS or (match[1] and not match[2]):
            # `RABU`, `KAMIS`: the day's Indonesian name instead of its code.
            named = _DAY_WORDS.get((match[3] if match else token).lower().replace("'", ""))
            meant = (
                f" (untuk {token} tulis {token[: -len(match[3])]}{named})"
                if (match and named)
                else ""
            )
            raise _rrule_fail(
                rule,
                f"BYDAY berisi '{token}' yang bukan kode hari{meant}; gunakan "
                f"{_RRULE_DAY_CODES}, boleh diawali urutan, misalnya 2TH (Kamis kedua) atau "
                "-1FR (Jumat terakhir)",
            )
        if match[2] is None:
            continue
        if freq in ("DAILY", "WEEKLY"):
            raise _rrule_fail(
                rule,
                f"urutan hari '{token}' hanya berlaku untuk FREQ=MONTHLY atau FREQ=YEARLY; "
                f"untuk FREQ={freq} tulis kode harinya saja, misalnya BYDAY={match[3]}",
            )
        in_month = freq == "MONTHLY" or "BYMONTH" in parts
        high = 5 if in_month else 53
        if not 1 <= int(match[2]) <= high:
            where = "sebulan" if in_month else "setahun"
            raise _rrule_fail(
                rule,
                f"urutan hari '{token}' di luar batas; dalam {where} isi 1 sampai {high} atau "
                f"-1 sampai -{high} (-1 = terakhir) di depan kode hari, misalnya 2TH (Kamis "
                "kedua)",
            )
    return parts


def _rrule(value: Any) -> str:
    text = _single_line(value)
    if "=" not in text:  # words: shown as the editor wrote them
        rrule_parts(text)
    text = text.upper()
    parts = rrule_parts(text)
    rule = ";".join(f"{key}={value}" for key, value in parts.items())
    from dateutil.rrule import rrulestr

    try:
        rrulestr(rule, dtstart=datetime(2026, 1, 1))
    except Exception:  # the parts above are checked; this is the last guard
        raise _rrule_fail(
            rule, "aturan ini tidak dapat dipakai; periksa bagian-bagiannya"
        ) from None
    return rule


# The Gregorian calendar, weekdays included, repeats itself every 400 years.
_CALENDAR_CYCLE = 400
RECURRENCE_HORIZON = timedelta(days=731)  # two years: a forum meets at least once in them
# Four years and a day: 29 February comes once in four years, so a yearly rule (or
# one on the 29th of February) may first meet up to four years after `first`.
LEAP_DAY_HORIZON = timedelta(days=4 * 365 + 2)
# The longest step of each frequency, for the periods an INTERVAL skips.
_RRULE_STEP = {
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(days=7),
    "MONTHLY": timedelta(days=31),
    "YEARLY": timedelta(days=366),
}


def recurrence_horizon(rule: str) -> timedelta:
    """How long after `first` a valid rule's first meeting may come: two years
    (RECURRENCE_HORIZON); four years and a day (LEAP_DAY_HORIZON) for a yearly rule
    and for one that can fall on 29 February (BYMONTHDAY=29 or -29, with no BYMONTH or
    with February among them), which meets in leap years only; plus the periods
    an INTERVAL skips (FREQ=YEARLY;INTERVAL=3: two more years). A rule that meets
    later is an editor's mistake as much as one that never meets. At most about 103
    years, so from a date before 2101 it stays far from the year 9999."""
    try:
        parts = rrule_parts(rule)
    except PydanticCustomError:  # a rule that was not validated: see recurrence_first
        return RECURRENCE_HORIZON
    freq = parts["FREQ"]
    horizon = RECURRENCE_HORIZON
    days = {abs(int(d)) for d in parts.get("BYMONTHDAY", "").split(",") if d}
    months = {int(m) for m in parts.get("BYMONTH", "").split(",") if m}
    if freq == "YEARLY" or (29 in days and (not months or 2 in months)):
        horizon = LEAP_DAY_HORIZON
    interval = int(parts.get("INTERVAL", "1"))
    return horizon + (interval - 1) * _RRULE_STEP[freq]


def recurrence_end(first: datetime, until: date | None, rule: str) -> datetime:
    """Where the search for the first meeting of `rule` stops: its
    `recurrence_horizon` after `first`, or the end of the `until` day when that
    comes sooner. (Dates are years 2000-2100, so the sum cannot overflow.)"""
    end = first + recurrence_horizon(rule)
    if until is not None:
        end = min(end, datetime.combine(until, time(23, 59, 59), tzinfo=first.tzinfo))
    return end


def recurrence_first(rule: str, first: datetime, end: datetime) -> datetime | None:
    """The rule's first meeting from `first` (its DTSTART) up to `end`, or None, quickly.

    dateutil looks for an occurrence up to the year 9999 before it gives up, and
    an UNTIL does not shorten that search: seconds for a rule that never occurs
    (BYMONTH=2;BYMONTHDAY=30). The same search is made a multiple of 400 years
    later, near the year 9999, where it ends within about 400 years, and the
    meeting found is moved back.
    """
    from dateutil.rrule import rrulestr

    rrule_parts(rule)  # raises for a rule that was not validated (INTERVAL=0 never ends)
    shift = max(0, (9999 - end.year) // _CALENDAR_CYCLE * _CALENDAR_CYCLE)
    start = first.replace(year=first.year + shift)
    found = next(iter(rrulestr(rule, dtstart=start)), None)
    if found is None:
        return None
    found = found.replace(year=found.year - shift)
    return found if found <= end else None


def _string_schema(description: str, **extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "description": description, **extra})


Text = Annotated[str, PlainValidator(_nonempty), _string_schema("Teks.", minLength=1)]
Line = Annotated[str, PlainValidator(_single_line), _string_schema("Teks satu baris.", minLength=1)]
Markdown = Annotated[str, PlainValidator(_text), _string_schema("Teks Markdown.")]
Id = Annotated[str, PlainValidator(_id), _string_schema("Id.", pattern=ID_PATTERN)]
Ref = Annotated[
    str,
    PlainValidator(_ref),
    _string_schema("Rujukan 'id' atau 'mitra/id'.", pattern=REF_PATTERN),
]
Url = Annotated[
    str,
    PlainValidator(_url),
    _string_schema(
        "Alamat https://, http:// atau mailto:.", pattern=r"^(https?://\S+|mailto:\S+)$"
    ),
]
Email = Annotated[str, PlainValidator(_email), _string_schema("Alamat surel.", format="email")]
TextList = Annotated[list[Text], BeforeValidator(_as_list)]
IdList = Annotated[list[Id], BeforeValidator(_as_list)]
RefList = Annotated[list[Ref], BeforeValidator(_as_list)]


def _time_zone(value: Any) -> str:
    text = _single_line(value)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(
            f"zona waktu '{text}' tidak dikenal; gunakan Asia/Jakarta (WIB), "
            "Asia/Makassar (WITA) atau Asia/Jayapura (WIT)."
        ) from None
    return text


TimeZoneName = Annotated[
    str, PlainValidator(_time_zone), _string_schema("Zona waktu IANA, misalnya Asia/Jakarta.")
]
Phone = Annotated[
    str,
    PlainValidator(_phone),
    _string_schema("Nomor telepon (teks).", pattern=r"^\+?[0-9][0-9 ()./-]{4,}$"),
]
Day = Annotated[
    date,
    PlainValidator(_day),
    _string_schema("Tanggal TTTT-BB-HH.", pattern=r"^\d{4}-\d{2}-\d{2}$"),
]
_MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$"
Moment = Annotated[
    date | datetime,
    PlainValidator(_moment),
    _string_schema(
        "Tanggal (2026-02-10), atau tanggal dan jam menurut zona waktu portal (kolom timezone di "
        "site_config.yml; WIB untuk Asia/Jakarta), misalnya 2026-02-10 08:00, atau jam dengan "
        "zonanya sendiri, misalnya 2026-02-10T08:00+07:00 (WIB).",
        pattern=_MOMENT_PATTERN,
    ),
]
DateTime = Annotated[
    datetime,
    PlainValidator(_datetime),
    _string_schema(
        "Tanggal dan jam menurut zona waktu portal (kolom timezone di site_config.yml; WIB "
        "untuk Asia/Jakarta), misalnya 2026-02-10 08:00, atau jam dengan zonanya sendiri, "
        "misalnya 2026-02-10T08:00+07:00 (WIB).",
        pattern=_MOMENT_PATTERN,
    ),
]
RRule = Annotated[
    str, PlainValidator(_rrule), _string_schema("RRULE RFC 5545, misalnya FREQ=MONTHLY;BYDAY=1TH.")
]


def _rebuild(cls: type[BaseModel], fields: dict, private: dict | None) -> BaseModel:
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", private)
    return obj


def start_instant(moment: date | datetime, tz: tzinfo = DEFAULT_TZ) -> datetime:
    """The first instant covered by a start or end value."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(0), tzinfo=tz)


def end_instant(moment: date | datetime, tz: tzinfo = DEFAULT_TZ) -> datetime:
    """The instant an end value stops at: a date-only end covers that whole day."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment + timedelta(days=1), time(0), tzinfo=tz)


def local_day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


# ---------------------------------------------------------------- records


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)

    def __reduce__(self):
        # Pydantic's own pickling is several times slower than rebuilding from the
        # field dict, and records cross process boundaries in big builds.
        return (_rebuild, (type(self), self.__dict__, self.__pydantic_private__))

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        # `topics:` with nothing after it means "no topics", not an error. A field
        # the record does not have stays, empty or not, to be reported as unknown.
        if isinstance(data, dict) and None in data.values():
            known = cls.model_fields
            return {k: v for k, v in data.items() if v is not None or k not in known}
        return data


class Record(Base):
    """A file of the curriculum: its id comes from the file name, not from a field."""

    record_kind: ClassVar[str] = ""
    _id: str = PrivateAttr(default="")
    _partner_id: str = PrivateAttr(default="")
    _source: Any = PrivateAttr(default=None)

    def bind(self, *, id: str, partner_id: str = "", source: Any = None) -> None:
        self._id = id
        self._partner_id = partner_id
        self._source = source

    # Private attributes are read straight from pydantic's private dict: going through
    # BaseModel.__getattr__ cost a second at 10,000 modules.
    @property
    def id(self) -> str:
        return self.__pydantic_private__["_id"]

    @property
    def partner_id(self) -> str:
        return self.__pydantic_private__["_partner_id"]

    @property
    def key(self) -> str:
        """`partner/id`, the global reference of the record."""
        private = self.__pydantic_private__
        partner = private["_partner_id"]
        return f"{partner}/{private['_id']}" if partner else private["_id"]

    @property
    def source(self) -> Any:
        """The `yamlio.Document` the record was read from (path and positions)."""
        return self.__pydantic_private__["_source"]


class Competency(Base):
    name: Line = Field(description="Nama kompetensi, misalnya 'Pelayanan Publik'.")
    type: CompetencyType = Field(
        description="Jenis kompetensi: teknis, manajerial atau sosial-kultural (Permenpan RB 38/2017)."
    )
    description: Markdown | None = Field(default=None, description="Uraian kompetensi (Markdown).")


class Contact(Base):
    name: Line | None = Field(default=None, description="Nama narahubung.")
    email: Email | None = Field(default=None, description="Alamat surel narahubung.")
    phone: Phone | None = Field(
        default=None, description="Nomor telepon, ditulis sebagai teks (angka nol di depan tetap)."
    )


class Partner(Record):
    record_kind: ClassVar[str] = "partner"
    name: Line = Field(description="Nama lengkap lembaga mitra.")
    short_name: Line | None = Field(default=None, description="Singkatan nama, misalnya 'USU'.")
    kind: PartnerKind = Field(
        description="Jenis lembaga: universitas, politeknik, lembaga-pelatihan, "
        "instansi-pemerintah atau lainnya.",
    )
    city: Line | None = Field(default=None, description="Kota kedudukan lembaga.")
    website: Url | None = Field(default=None, description="Situs web lembaga (https://...).")
    email: Email | None = Field(default=None, description="Alamat surel lembaga.")
    phone: Phone | None = Field(default=None, description="Nomor telepon lembaga (teks).")
    address: Text | None = Field(default=None, description="Alamat lengkap lembaga.")
    description: Markdown | None = Field(
        default=None, description="Profil singkat lembaga (Markdown)."
    )

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Instructor(Base):
    name: Line = Field(description="Nama pengajar beserta gelar.")
    role: Line | None = Field(
        default=None, description="Peran, misalnya 'Narasumber' atau 'Fasilitator'."
    )
    affiliation: Line | None = Field(default=None, description="Instansi asal pengajar.")


class Venue(Base):
    name: Line = Field(description="Nama tempat, misalnya 'Gedung Pusat Pelatihan USU'.")
    address: Text | None = Field(default=None, description="Alamat tempat.")
    city: Line | None = Field(default=None, description="Kota.")


class Session(Base):
    title: Line | None = Field(default=None, description="Judul sesi.")
    start: Moment = Field(
        description="Mulai sesi: tanggal dan jam menurut zona waktu portal (kolom timezone di "
        "site_config.yml; WIB untuk Asia/Jakarta), misalnya 2026-02-10 08:00."
    )
    end: Moment = Field(
        description="Selesai sesi: tanggal dan jam menurut zona waktu portal (kolom timezone di "
        "site_config.yml; WIB untuk Asia/Jakarta), misalnya 2026-02-10 12:00."
    )


class Registration(Base):
    url: Url | None = Field(default=None, description="Alamat formulir pendaftaran (https://...).")
    opens: Day | None = Field(default=None, description="Tanggal pendaftaran dibuka.")
    closes: Day | None = Field(
        default=None,
        description="Tanggal terakhir pendaftaran; paling lambat hari pelaksanaan dimulai.",
    )


class Offering(Base):
    id: Id = Field(description="Id angkatan, unik dalam modul, misalnya 'angkatan-1'.")
    name: Line | None = Field(
        default=None, description="Nama angkatan, misalnya 'Angkatan I 2026'."
    )
    start: Moment = Field(
        description="Mulai: tanggal (2026-02-10) atau tanggal dan jam menurut zona waktu portal "
        "(kolom timezone di site_config.yml; WIB untuk Asia/Jakarta), misalnya 2026-02-10 08:00."
    )
    end: Moment = Field(
        description="Selesai: tanggal (meliputi seluruh hari itu) atau tanggal dan jam menurut "
        "zona waktu portal (kolom timezone di site_config.yml; WIB untuk Asia/Jakarta)."
    )
    sessions: list[Session] = Field(default_factory=list, description="Sesi-sesi pelaksanaan.")
    venue: Venue | None = Field(default=None, description="Tempat pelaksanaan tatap muka.")
    online: Url | None = Field(default=None, description="Tautan kelas daring (https://...).")
    quota: OptionalWholeNumber = Field(
        default=None, ge=1, description="Kuota peserta (bilangan bulat ≥ 1)."
    )
    full: Flag = Field(default=False, description="true bila kuota sudah terpenuhi.")
    registration: Registration | None = Field(
        default=None, description="Pendaftaran: tautan dan jadwal."
    )
    status: OfferingStatus = Field(
        default=OfferingStatus.SCHEDULED,
        description="Status: scheduled (terjadwal), cancelled (dibatalkan) atau postponed (ditunda).",
    )


class Module(Record):
    record_kind: ClassVar[str] = "module"
    title: Line = Field(description="Judul modul pelatihan.")
    summary: Text = Field(description="Ringkasan satu atau dua kalimat.")
    description: Markdown | None = Field(default=None, description="Uraian lengkap (Markdown).")
    method: Method = Field(
        description="Bentuk pengembangan kompetensi: pelatihan, seminar, workshop, kursus, bimtek, "
        "e-learning, coaching, mentoring, magang atau forum-diskusi."
    )
    mode: Mode = Field(description="Moda: luring, daring atau campuran.")
    jp: WholeNumber = Field(
        ge=1, le=1000, description="Jumlah jam pelajaran (1 JP = 45 menit), 1–1000."
    )
    level: Level | None = Field(default=None, description="Jenjang: dasar, menengah atau lanjut.")
    competency_type: CompetencyType = Field(
        description="Jenis kompetensi: teknis, manajerial atau sosial-kultural."
    )
    competencies: IdList = Field(
        default_factory=list, description="Id kompetensi dari competencies.yml."
    )
    audience: TextList = Field(default_factory=list, description="Sasaran peserta.")
    objectives: TextList = Field(default_factory=list, description="Tujuan pembelajaran.")
    topics: TextList = Field(default_factory=list, description="Pokok bahasan.")
    prerequisites: RefList = Field(
        default_factory=list,
        description="Modul yang perlu diikuti lebih dulu ('id' atau 'mitra/id').",
    )
    instructors: list[Instructor] = Field(default_factory=list, description="Pengajar.")
    certificate: Text | None = Field(default=None, description="Sertifikat yang diperoleh.")
    fee: Text | None = Field(default=None, description="Biaya, misalnya 'Tanpa biaya'.")
    contact: Contact | None = Field(default=None, description="Narahubung.")
    offerings: list[Offering] = Field(
        default_factory=list, description="Angkatan (jadwal pelaksanaan)."
    )
    draft: Flag = Field(
        default=False, description="true: hanya tampil di pratinjau, tidak diterbitkan."
    )


class Program(Record):
    record_kind: ClassVar[str] = "program"
    title: Line = Field(description="Judul program.")
    summary: Text = Field(description="Ringkasan program.")
    description: Markdown | None = Field(default=None, description="Uraian lengkap (Markdown).")
    competency_type: CompetencyType | None = Field(
        default=None, description="Jenis kompetensi utama."
    )
    audience: TextList = Field(default_factory=list, description="Sasaran peserta.")
    modules: RefList = Field(
        min_length=1, description="Modul dalam urutan yang dianjurkan ('id' atau 'mitra/id')."
    )
    certificate: Text | None = Field(default=None, description="Sertifikat program.")
    draft: Flag = Field(
        default=False, description="true: hanya tampil di pratinjau, tidak diterbitkan."
    )


class Host(Base):
    unit: Line = Field(description="Unit kerja penerima magang.")
    address: Text | None = Field(default=None, description="Alamat unit.")
    city: Line | None = Field(default=None, description="Kota.")


class Application(Base):
    url: Url | None = Field(default=None, description="Alamat pendaftaran magang (https://...).")
    opens: Day | None = Field(default=None, description="Tanggal pendaftaran dibuka.")
    closes: Day = Field(description="Batas akhir pendaftaran; paling lambat tanggal mulai magang.")
    documents: TextList = Field(default_factory=list, description="Dokumen yang dilampirkan.")


class Internship(Record):
    record_kind: ClassVar[str] = "internship"
    title: Line = Field(description="Judul magang.")
    summary: Text = Field(description="Ringkasan magang.")
    description: Markdown | None = Field(default=None, description="Uraian lengkap (Markdown).")
    host: Host | None = Field(default=None, description="Unit penerima magang.")
    start: Day = Field(description="Tanggal mulai magang.")
    end: Day = Field(description="Tanggal selesai magang.")
    quota: WholeNumber = Field(ge=1, description="Jumlah peserta yang diterima (≥ 1).")
    jp: OptionalWholeNumber = Field(
        default=None, ge=1, le=1000, description="Jam pelajaran yang diakui."
    )
    competencies: IdList = Field(
        default_factory=list, description="Id kompetensi yang dikembangkan."
    )
    requirements: TextList = Field(default_factory=list, description="Persyaratan peserta.")
    benefits: TextList = Field(default_factory=list, description="Manfaat bagi peserta.")
    application: Application | None = Field(default=None, description="Cara dan batas pendaftaran.")
    contact: Contact | None = Field(default=None, description="Narahubung.")
    related_modules: RefList = Field(default_factory=list, description="Modul terkait.")
    draft: Flag = Field(
        default=False, description="true: hanya tampil di pratinjau, tidak diterbitkan."
    )


class Schedule(Base):
    first: DateTime = Field(
        description="Pertemuan pertama: tanggal dan jam menurut zona waktu portal (kolom timezone di "
        "site_config.yml; WIB untuk Asia/Jakarta), misalnya 2026-01-08 14:00."
    )
    duration_minutes: Minutes = Field(ge=1, le=1440, description="Lama tiap pertemuan dalam menit.")
    recurrence: RRule | None = Field(
        default=None, description="Pengulangan RRULE RFC 5545, misalnya FREQ=MONTHLY;BYDAY=1TH."
    )
    until: Day | None = Field(default=None, description="Tanggal pertemuan terakhir.")


class Forum(Record):
    record_kind: ClassVar[str] = "forum"
    title: Line = Field(description="Nama forum.")
    summary: Text = Field(description="Ringkasan forum.")
    description: Markdown | None = Field(default=None, description="Uraian lengkap (Markdown).")
    schedule: Schedule = Field(description="Jadwal pertemuan.")
    venue: Venue | None = Field(default=None, description="Tempat pertemuan tatap muka.")
    online: Url | None = Field(default=None, description="Tautan pertemuan daring.")
    audience: TextList = Field(default_factory=list, description="Sasaran peserta.")
    contact: Contact | None = Field(default=None, description="Narahubung.")
    draft: Flag = Field(
        default=False, description="true: hanya tampil di pratinjau, tidak diterbitkan."
    )


class Owner(Base):
    name: Line = Field(description="Nama pengelola portal.")
    url: Url | None = Field(default=None, description="Situs pengelola.")


def _site_zone_loads(value: Any) -> Any:
    """Before `_time_zone`: a name ZoneInfo cannot load for any reason (a folder of
    tzdata such as 'Asia', a name too long for the file system) is unknown, never a
    crash. Anything but one line of text is left to `_time_zone`'s own messages."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or "\n" in text:
        return value
    try:
        ZoneInfo(text)
    except Exception:  # noqa: BLE001 - OSError (IsADirectoryError, ...), ValueError, ...
        shown = text if len(text) <= 60 else text[:57] + "..."
        meant = _meant_zone(text)
        if meant is not None:
            raise _fail(
                f"zona waktu '{shown}' tidak dikenal; tulis nama lengkapnya: {meant}."
            ) from None
        raise _fail(
            f"zona waktu '{shown}' tidak dikenal; tulis nama lengkap seperti Asia/Jakarta "
            "(WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)."
        ) from None
    return value


_ZONE_NAMES = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}
_ZONE_HOURS = {7: "Asia/Jakarta", 8: "Asia/Makassar", 9: "Asia/Jayapura"}


def _meant_zone(text: str) -> str | None:
    """The zone name meant by `WIB`, `UTC+7`, `+07:00` or `asia/jakarta`, or None."""
    word = text.strip().lower()
    if word in _ZONE_NAMES:
        return _ZONE_NAMES[word]
    offset = re.fullmatch(r"(?:utc|gmt)?\s*\+\s*0?([789])(?::?00)?", word)
    if offset:
        return _ZONE_HOURS[int(offset[1])]
    from zoneinfo import available_timezones

    same = [zone for zone in available_timezones() if zone.lower() == word]
    return same[0] if len(same) == 1 else None


def _site_language(value: Any) -> Any:
    """Before the text check of `language`: the portal's pages are Indonesian only."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or "\n" in text or text.lower() in ("id", "id-id"):
        return value
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise _fail(
        f"bahasa '{shown}' tidak didukung; halaman portal berbahasa Indonesia, tulis id "
        "(kode bahasa Indonesia) atau hapus baris ini."
    )


# Characters that may not appear raw in an address the theme writes into attributes.
_SITE_URL_BAD = re.compile(r'[\s"<>`{}|\\^]')


def _site_url(value: Any) -> Any:
    """Before `_url`: an http(s) address with a host that urlsplit and MkDocs's site_url
    accept, with nothing that could leave the HTML attribute the theme writes it into.
    Anything but one line of text is left to `_url`'s own messages."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or "\n" in text:
        return value
    shown = text if len(text) <= 60 else text[:57] + "..."
    example = "contoh: https://kurikulum.pemkomedan.go.id/"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise _fail(f"alamat '{shown}' tidak dapat dibaca; {example}") from None
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme and _HOST_RE.match(text):
            raise _fail(f"alamat '{shown}' tidak diawali https://; tulis 'https://{text}'.")
        raise _fail(f"alamat '{shown}' tidak sah; gunakan alamat yang diawali https://, {example}")
    if not parts.hostname:
        raise _fail(f"alamat '{shown}' tidak memuat nama situs; {example}")
    bad = _SITE_URL_BAD.search(text)
    if bad:
        char = bad.group()
        if char.isspace():
            raise _fail(f"alamat '{shown}' memuat spasi; ganti spasi dengan %20.")
        raise _fail(
            f"alamat '{shown}' memuat karakter '{char}' yang tidak boleh ada di alamat; "
            f"tulis sebagai %{ord(char):02X}."
        )
    return text


# The PlainValidator comes first: the scaffold and the guide describe a field by it.
SiteUrl = Annotated[
    str,
    PlainValidator(_url),
    BeforeValidator(_site_url),  # runs before the PlainValidator above
    _string_schema("Alamat https:// atau http://.", pattern=r"^https?://\S+$"),
]
SiteTimeZone = Annotated[
    str,
    PlainValidator(_time_zone),
    BeforeValidator(_site_zone_loads),  # runs before the PlainValidator above
    _string_schema("Zona waktu IANA, misalnya Asia/Jakarta."),
]


SiteLanguage = Annotated[
    str,
    PlainValidator(_single_line),
    BeforeValidator(_site_language),  # runs before the PlainValidator above
    _string_schema("Teks satu baris.", minLength=1),
]


class SiteConfig(Base):
    title: Line = Field(description="Judul portal.")
    description: Text = Field(
        description="Deskripsi portal untuk mesin pencari dan pratinjau tautan."
    )
    url: SiteUrl | None = Field(
        default=None,
        description="Alamat publik portal, untuk tautan absolut di umpan dan peta situs.",
    )
    language: SiteLanguage = Field(default="id", description="Bahasa situs (id).")
    timezone: SiteTimeZone = Field(
        default="Asia/Jakarta",
        description="Zona waktu portal, nama IANA: Asia/Jakarta (WIB, bawaan), Asia/Makassar "
        "(WITA) atau Asia/Jayapura (WIT). Jam di berkas kurikulum yang ditulis tanpa zona "
        "dibaca dalam zona ini, dan halaman portal menampilkan jam dalam zona ini.",
    )
    curriculum: Line = Field(default="curriculum", description="Folder kurikulum.")
    output: Line = Field(default="site", description="Folder keluaran situs.")
    repo_url: SiteUrl | None = Field(
        default=None,
        description="Alamat berkas repositori untuk tautan 'sunting rekaman ini', "
        "misalnya https://github.com/org/repo/blob/main.",
    )
    owner: Owner | None = Field(default=None, description="Pengelola portal.")
    annual_jp_target: WholeNumber = Field(
        default=20, ge=1, le=1000, description="Target JP per tahun (20)."
    )
    licence: Line | None = Field(
        default=None, description="Lisensi data terbuka, misalnya CC BY 4.0."
    )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


RECORD_KINDS: dict[str, type[Record]] = {
    "modules": Module,
    "programs": Program,
    "internships": Internship,
    "forums": Forum,
}
