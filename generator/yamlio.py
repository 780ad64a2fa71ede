"""Strict YAML reading: every scalar stays text, every value keeps its line.

PyYAML's resolver turns `no` into False, `10:30` into 630 and drops the first
of two duplicate keys. We take only the parser's events (the C parser when
present) and build plain dicts, lists and strings ourselves, refusing what an
editor should never need: anchors, aliases, tags, duplicate keys and tabs.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem
from generator.yamlfast import fast_build

try:
    # The bare C parser: events only, no constructor or resolver to set up per file.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _PyParser.__init__(self)


MAX_BYTES = 256 * 1024
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based
    block: bool = False  # a literal or folded block scalar: text starts on the next line


class Document:
    """A parsed YAML file: plain data plus the position of every key and value.

    Positions are kept as raw 0-based tuples while reading (the hot path) and
    turned into `Pos` only when a message needs one.
    """

    __slots__ = ("path", "display", "data", "_values", "_keys", "_blocks")

    def __init__(self, path: Path, display: str, data: Any = None):
        self.path = path
        self.display = display
        self.data = data
        self._values: dict[Loc, tuple[int, int]] = {}
        self._keys: dict[Loc, tuple[int, int]] = {}
        self._blocks: set[Loc] = set()

    @property
    def values(self) -> dict[Loc, Pos]:
        return {loc: self._make(loc, p) for loc, p in self._values.items()}

    @property
    def keys(self) -> dict[Loc, Pos]:
        return {loc: Pos(p[0] + 1, p[1] + 1) for loc, p in self._keys.items()}

    def _make(self, loc: Loc, p: tuple[int, int]) -> Pos:
        return Pos(p[0] + 1, p[1] + 1, loc in self._blocks)

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of `loc`, or of its nearest located parent."""
        loc = tuple(loc)
        if key and loc in self._keys:
            p = self._keys[loc]
            return Pos(p[0] + 1, p[1] + 1)
        while loc:
            if loc in self._values:
                return self._make(loc, self._values[loc])
            if loc in self._keys:
                p = self._keys[loc]
                return Pos(p[0] + 1, p[1] + 1)
            loc = loc[:-1]
        if () in self._values:
            return self._make((), self._values[()])
        return Pos(1, 1)

    def slim(self, fields: frozenset[str]) -> Document:
        """A copy keeping only the positions under the top-level `fields` (to send between
        processes: a module's full position table costs more to unpickle than to parse)."""
        doc = Document(self.path, self.display)
        doc._values = {loc: p for loc, p in self._values.items() if not loc or loc[0] in fields}
        doc._keys = {loc: p for loc, p in self._keys.items() if loc and loc[0] in fields}
        return doc

    def problem(self, loc: Loc, message: str, *, key: bool = False, **kw: Any) -> Problem:
        p = self.pos(loc, key=key)
        return Problem(self.display, p.line, p.col, format_loc(loc), message, **kw)


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def read_yaml(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file strictly. Returns the document (None when unusable) and problems."""
    display = display or str(path)
    raw, problems = read_raw(path, display)
    if raw is None:
        return None, problems
    return parse_yaml(raw, path=path, display=display)


def meant_yml(name: str) -> str | None:
    """The record id a file name stands for when it was meant as a `.yml` file but is
    not read as one (`Modul.YML`, `modul.yml.txt`, `modul.txt`, `modul`), else None."""
    lower = name.lower()
    for ending in (".yml.txt", ".yaml.txt", ".yml", ".yaml", ".txt"):
        if lower.endswith(ending):
            return name[: -len(ending)] or None
    return None if "." in name else name


def misnamed_file(folder: Path, stems: tuple[str, ...]) -> Path | None:
    """A file of `folder` whose name means one of `stems` (`Partner.yml`, `mitra.yaml`)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return None
    for entry in entries:
        meant = meant_yml(entry.name)
        if meant is not None and meant.strip().lower() in stems and _is_file(entry):
            return entry
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def read_raw(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or the problem of reading it (unreadable, over 256 KiB)."""
    try:
        # A pipe or a device (perhaps behind a link) would block the read or never
        # end: only regular files are read.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None, [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    "ini bukan berkas biasa (folder, pipa atau perangkat); simpan rekaman "
                    "sebagai berkas teks .yml atau hapus entri ini.",
                )
            ]
        # One open and read; the size limit is checked before any parsing.
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            size = path.stat().st_size
            return None, [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"berkas terlalu besar ({size // 1024} KiB, batas 256 KiB); "
                    "pecah menjadi beberapa berkas, satu rekaman per berkas.",
                )
            ]
    except OSError as exc:
        return None, [Problem(display, 1, 1, "", f"berkas tidak dapat dibaca: {os_reason(exc)}.")]
    return raw, []


# Why the file system refused, for editors (the system's own text is English).
OS_REASONS = {
    errno.EACCES: "tidak ada izin untuk membukanya",
    errno.EPERM: "tidak ada izin untuk membukanya",
    errno.EISDIR: "ini sebuah folder, bukan berkas",
    errno.ELOOP: "tautan simbolik berputar (menunjuk ke dirinya sendiri)",
    errno.ENAMETOOLONG: "namanya terlalu panjang untuk sistem berkas",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.EROFS: "sistem berkasnya hanya dapat dibaca",
    errno.ENOSPC: "ruang diska habis",
    errno.EEXIST: "sudah ada berkas dengan nama itu",
    errno.EIO: "galat baca pada diska",
}


def os_reason(
    exc: OSError, missing: str = "berkas tidak ada (mungkin tautan ke berkas yang sudah dihapus)"
) -> str:
    """An operating-system error in Indonesian; `missing` says what ENOENT means here."""
    if exc.errno == errno.ENOENT:
        return missing
    reason = OS_REASONS.get(exc.errno or 0)
    if reason is None:
        return f"galat sistem berkas nomor {exc.errno}" if exc.errno else "galat sistem"
    return reason


def parse_yaml(
    raw: bytes, *, path: Path | None = None, display: str = "<teks>"
) -> tuple[Document | None, list[Problem]]:
    path = path or Path(display)
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                display,
                1,
                1,
                "",
                "berkas terlalu besar (batas 256 KiB); pecah menjadi beberapa berkas.",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if _is_utf16(raw):
        return None, [
            Problem(
                display,
                1,
                1,
                "",
                "berkas disimpan dengan pengodean UTF-16 (di Notepad disebut 'Unicode'); "
                "simpan ulang dengan pengodean UTF-8 (Simpan Sebagai, lalu pilih UTF-8).",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding_problem(raw, exc, display)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    if _SUSPECT.search(text) is not None:  # one pass over a clean file, not three
        problems = _character_problems(text, display) + _space_problems(text, display)
        if problems:
            return None, sorted(problems)
    if not text.strip():  # a file of comments only parses to nothing: reported below
        return None, [
            Problem(display, 1, 1, "", "berkas kosong; isi kolom yang wajib atau hapus berkasnya.")
        ]
    doc = Document(path, display)
    fast = fast_build(text)
    if fast is not None:
        doc.data, doc._values, doc._keys, doc._blocks = fast
        problems = _comment_problems(doc, text)
        if problems:
            return None, problems
        return doc, []
    try:
        doc.data = _Builder(doc).build(text)
    except _Refused as refused:
        return None, refused.problems
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, text)]
    except yaml.YAMLError:  # pragma: no cover - unmarked errors are rare
        return None, [
            Problem(
                display,
                1,
                1,
                "",
                "penulisan YAML tidak sah; periksa indentasi, tanda kutip dan karakter "
                "yang tidak biasa dalam berkas ini.",
            )
        ]
    if doc.data is None:
        return None, [
            Problem(display, 1, 1, "", "berkas kosong; isi kolom yang wajib atau hapus berkasnya.")
        ]
    problems = _comment_problems(doc, text)
    if problems:
        return None, problems
    return doc, []


def _is_utf16(raw: bytes) -> bool:
    """Whether `raw` is UTF-16 text (Notepad's "Unicode"): a UTF-16 byte order mark,
    or ASCII text with a NUL byte beside every character."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:400]
    if len(sample) < 8 or sample.count(0) * 3 < len(sample):
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) * 4 >= len(even) * 3 or odd.count(0) * 4 >= len(odd) * 3


def _encoding_problem(raw: bytes, exc: UnicodeDecodeError, display: str) -> Problem:
    before = raw[: exc.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    byte = raw[exc.start]
    # Text saved as Windows-1252 (Latin-1): show the character the byte meant there.
    meant = bytes([byte]).decode("cp1252", errors="ignore")
    guess = ""
    if meant.isprintable() and not meant.isspace() and byte >= 0x80:
        guess = f", kemungkinan karakter '{meant}' dari pengodean Windows-1252 atau Latin-1"
    return Problem(
        display,
        line,
        col,
        "",
        f"berkas bukan UTF-8 (byte 0x{byte:02x} tidak sah{guess}); "
        "simpan ulang berkas dengan pengodean UTF-8.",
    )


# Characters YAML refuses (tab aside, which gets its own message): control
# characters, lone surrogates and the two non-characters. Editors meet them in text
# pasted from word processors and PDFs.
#
# Invisible characters are refused too (format characters, line and paragraph
# separators): a value holding one looks right and still fails (an id, a date) or
# is not found by search, and a separator moves every line number after it. The
# zero width joiner is allowed between two non-ASCII characters (emoji sequences).
_INVISIBLE = (
    "\x85\xad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_BAD_CHARS = re.compile(
    "[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff" + _INVISIBLE + "]"
)
_BAD_JOINER = re.compile("(?<![^\x00-\x7f])\u200d|\u200d(?![^\x00-\x7f])")
_CHAR_NAMES = {
    "\x85": "baris baru NEL",
    "\xa0": "spasi tak terputus",
    "\xad": "tanda hubung lunak",
    "\u200b": "spasi lebar nol",
    "\u200c": "pemisah lebar nol",
    "\u200d": "penyambung lebar nol",
    "\u2028": "pemisah baris",
    "\u2029": "pemisah paragraf",
    "\u2060": "penyambung kata",
    "\u202f": "spasi sempit tak terputus",
    "\u3000": "spasi lebar penuh",
    "\ufeff": "tanda BOM",
    **dict.fromkeys("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
                    "penanda arah teks"),
}  # fmt: skip


# What a double-quoted scalar's escapes may produce but a value may not hold
# (a newline aside: "a\nb" is a value of two lines, checked where one is wanted).
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _character_problems(text: str, display: str) -> list[Problem]:
    problems: list[Problem] = []
    if _BAD_CHARS.search(text) is None and (
        "\u200d" not in text or _BAD_JOINER.search(text) is None
    ):
        return problems
    for number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            problems.append(
                Problem(
                    display,
                    number,
                    line.index("\t") + 1,
                    "",
                    "karakter tab tidak diizinkan; ganti dengan spasi (YAML memakai spasi "
                    "untuk indentasi).",
                )
            )
        if "\x00" in line:
            problems.append(
                Problem(
                    display,
                    number,
                    line.index("\x00") + 1,
                    "",
                    "berkas berisi byte NUL; simpan ulang sebagai teks UTF-8.",
                )
            )
        other = next((m for m in _BAD_CHARS.finditer(line) if m.group() not in "\t\x00"), None)
        if other is None and "\u200d" in line:
            other = _BAD_JOINER.search(line)
        if other is not None:
            char = other.group()
            name = f" ({_CHAR_NAMES[char]})" if char in _CHAR_NAMES else ""
            problems.append(
                Problem(
                    display,
                    number,
                    other.start() + 1,
                    "",
                    f"karakter tak terlihat U+{ord(char):04X}{name} tidak "
                    "diizinkan (biasanya terbawa saat menyalin teks); hapus karakter itu.",
                )
            )
    return problems


# Spaces other than the plain one: YAML reads them as text, not as spaces. In the
# indentation, around a key's colon or after a list's '-' they change what the line
# means; at the end of a line they stay in the value, invisibly.
_ODD_SPACES = "\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
_LEAD = re.compile(f"[ {_ODD_SPACES}]*")
_AFTER_DASH = re.compile(f"^ *(?:- +)*-[{_ODD_SPACES}]")
_BLOCK_HEADER_LINE = re.compile(
    r"^(?P<lead> *)(?P<item>(?:- +)*)(?:(?P<key>[^\s#'\"-](?:[^#]*?[^\s#])?) *: +)?"
    r"[|>][1-9+-]*\s*(?:#.*)?$"
)


# Any character that _character_problems or _space_problems may report.
_SUSPECT = re.compile(
    "[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u200d"
    + _INVISIBLE
    + _ODD_SPACES
    + "]"
)


def _space_problems(text: str, display: str) -> list[Problem]:
    """Spaces pasted from word processors and chat apps where YAML needs a plain one."""
    if _ODD_SPACE.search(text) is None:
        return []
    problems: list[Problem] = []
    for index, line in _structure_lines(text):
        number = index + 1
        found = _odd_space(line)
        if found is not None:
            col, where = found
            char = line[col]
            name = _CHAR_NAMES.get(char, "spasi khusus")
            if where is None:
                message = (
                    f"karakter {name} (U+{ord(char):04X}) di akhir baris ikut terbaca sebagai "
                    "bagian dari nilai; hapus karakter itu (biasanya terbawa saat menyalin dari "
                    "Word, Excel atau WhatsApp)."
                )
            else:
                message = (
                    f"karakter {name} (U+{ord(char):04X}) {where} tidak dibaca sebagai spasi; "
                    "hapus lalu ketik ulang dengan spasi biasa (karakter ini biasanya terbawa "
                    "saat menyalin dari Word, Excel atau WhatsApp)."
                )
            problems.append(Problem(display, number, col + 1, "", message))
    return problems


def _structure_lines(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) of the lines of `text` that YAML reads as structure: not the
    text of a block scalar (`description: |` and the lines indented below it)."""
    block: int | None = None  # lines indented deeper than this are a block's text
    for index, line in enumerate(text.split("\n")):
        if block is not None:
            if not line.strip(" ") or len(line) - len(line.lstrip(" ")) > block:
                continue
            block = None
        yield index, line
        header = _BLOCK_HEADER_LINE.match(line)
        if header:
            lead, item = len(header["lead"]), len(header["item"])
            block = lead + item if header["key"] is not None else lead + item - 2


def _odd_space(line: str) -> tuple[int, str | None] | None:
    """(column, where) of an odd space in a line's structure; where None: at its end."""
    lead = _LEAD.match(line).group()  # type: ignore[union-attr]
    odd = _ODD_SPACE.search(lead)
    if odd is not None:
        return odd.start(), "di awal baris (indentasi)"
    if line[len(lead) :].startswith("#"):
        return None  # a comment
    dash = _AFTER_DASH.match(line)
    if dash is not None:
        return dash.end() - 1, "sesudah tanda '-' butir daftar"
    # `key:` (after any '- '): an odd space just before or just after its colon.
    start = len(lead)
    while line.startswith("- ", start) or line.startswith("-\x20", start):
        start += 2
        while line.startswith(" ", start):
            start += 1
    colon = line.find(":", start)
    key = line[start:colon] if colon > start else ""
    if key and key[0] not in "'\"-#" and not any(c in key for c in "#'\""):
        if _ODD_SPACE.match(key[-1]):
            at = colon
            while at > start and _ODD_SPACE.match(line[at - 1]):
                at -= 1
            return at, "sebelum titik dua nama kolom"
        after = colon + 1
        while after < len(line) and line[after] == " ":
            after += 1
        if after < len(line) and _ODD_SPACE.match(line[after]):
            return after, "sesudah titik dua nama kolom"
    end = line.rstrip(" ")
    if end and _ODD_SPACE.match(end[-1]):
        start = len(end)
        while start and _ODD_SPACE.match(end[start - 1]):
            start -= 1
        return start, None
    return None


# ' #' starts a comment, and the text after it is dropped from the value. A '#'
# followed directly by a letter or digit (`Kelas #1`, `#BanggaMelayaniBangsa`) is
# meant as text: the comments of the format's files have a space after '#'.
_HASH_TEXT = re.compile(r"\S +#[^\s#]")


def _comment_problems(doc: Document, text: str) -> list[Problem]:
    """Text lost to a comment that was meant as part of a value."""
    if " #" not in text or _HASH_TEXT.search(text) is None:
        return []
    starts: dict[int, list[tuple[int, Loc]]] = {}
    for table in (doc._keys, doc._values):
        for loc, (row, col) in table.items():
            starts.setdefault(row, []).append((col, loc))
    problems: list[Problem] = []
    for index, line in _structure_lines(text):
        if index not in starts or line.lstrip(" ").startswith("#"):
            continue
        found = _hash_in_value(doc, line, starts[index])
        if found is not None:
            col, loc, message = found
            problems.append(Problem(doc.display, index + 1, col + 1, format_loc(loc), message))
    return problems


def _hash_in_value(
    doc: Document, line: str, starts: list[tuple[int, Loc]]
) -> tuple[int, Loc, str] | None:
    """(column, location, message) when this line's comment starts with '#' glued to text."""
    quoted: list[tuple[int, int]] = []
    for col, _ in starts:
        first = line[col : col + 1]
        if first in ("[", "{"):
            return None  # a flow collection: left alone
        if first in ("'", '"'):
            close = _closing_quote(line, col)
            if close is None:
                return None  # quoted text going on below
            quoted.append((col, close))
    at = -1
    for match in re.finditer(r"(?<= )#", line):
        if not any(a < match.start() <= b for a, b in quoted):
            at = match.start()
            break
    after = line[at + 1 : at + 2]
    if at < 0 or not after or after.isspace() or after == "#":
        return None
    before = [(col, loc) for col, loc in starts if col < at]
    if not before:
        return None
    col, loc = max(before, key=lambda item: (item[0], len(item[1])))
    fragment = line[at:].rstrip()
    shown = fragment if len(fragment) <= 40 else fragment[:37] + "..."
    message = (
        f"teks sesudah ' #' dibaca sebagai komentar, sehingga '{shown}' tidak ikut dalam "
        "nilai; bila itu bagian dari teks, apit seluruh nilainya dengan tanda kutip"
    )
    value = _value_at(doc.data, loc)
    start = col if isinstance(value, str) and line[col : col + 1] not in ("'", '"') else at
    raw = line[start:].rstrip()
    prefix = line[:start].strip()
    if value is None or isinstance(value, str):
        quote = '"' if '"' not in raw else "'"
        if quote not in raw and start == col or value is None:
            message += f": '{prefix} {quote}{raw}{quote}'"
    return at, loc, message + "; bila itu catatan, beri spasi sesudah '#'."


def _closing_quote(line: str, col: int) -> int | None:
    """The index of the quote closing the quoted scalar that opens at `col`."""
    quote = line[col]
    at = col + 1
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    return None


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "ada titik dua (:) yang tidak diharapkan; jika nilai teks memuat ': ', "
        "apit nilainya dengan tanda kutip"
    ),
    "could not find expected ':'": (
        "kurang titik dua (:) setelah nama kolom, atau indentasi baris tidak sejajar"
    ),
    "did not find expected key": (
        "indentasi tidak sejajar dengan kolom lain; samakan jumlah spasi di awal baris"
    ),
    "did not find expected '-' indicator": (
        "butir daftar tidak sejajar; setiap butir diawali '- ' dengan indentasi yang sama"
    ),
    "found unexpected end of stream": "tanda kutip belum ditutup",
    "did not find expected ',' or ']'": "kurung siku '[' belum ditutup dengan ']'",
    "did not find expected ',' or '}'": "kurung kurawal '{' belum ditutup dengan '}'",
    "found undefined alias": "alias (*nama) tidak diizinkan; tulis nilainya secara lengkap",
    "found unknown escape character": (
        "garis miring terbalik (\\) dalam teks berkutip ganda; gunakan kutip tunggal"
    ),
    "found character that cannot start any token": (
        "karakter ini tidak boleh mengawali nilai (misalnya @ atau `); apit nilainya "
        "dengan tanda kutip"
    ),
    "expected <block end>, but found": (
        "indentasi tidak sejajar atau teks berkutip diikuti teks lain; periksa baris ini"
    ),
    "while scanning a quoted scalar": "tanda kutip belum ditutup",
    "while scanning a simple key": "kurang titik dua (:) setelah nama kolom",
    "block sequence entries are not allowed": (
        "butir daftar (- ...) tidak boleh ditulis di baris nama kolom; pindahkan setiap "
        "butir ke baris berikutnya, atau apit teks yang diawali '- ' dengan tanda kutip"
    ),
    "did not find expected alphabetic or numeric character": (
        "nilai yang diawali & atau * dibaca sebagai jangkar atau alias YAML; apit nilainya "
        "dengan tanda kutip"
    ),
    "found incompatible YAML document": (
        "baris yang diawali % dibaca sebagai direktif YAML; hapus baris itu"
    ),
    "found unknown directive name": "baris yang diawali % dibaca sebagai direktif YAML; hapus baris itu",
    "expected alphabetic or numeric character, but found": (
        "baris yang diawali % dibaca sebagai direktif YAML; hapus baris itu"
    ),
    "did not find expected <document start>": (
        "ada teks setelah penanda akhir dokumen (... atau ---); satu berkas hanya memuat "
        "satu rekaman, hapus penanda itu"
    ),
    "did not find expected comment or line break": (
        "ada teks setelah | atau > di baris yang sama; tulis teksnya mulai baris berikutnya, "
        "menjorok ke dalam"
    ),
    "found invalid Unicode character escape code": (
        "urutan garis miring terbalik (\\) dalam teks berkutip ganda tidak sah; gunakan "
        "kutip tunggal"
    ),
    "did not find expected hexdecimal number": (
        "urutan garis miring terbalik (\\) dalam teks berkutip ganda tidak sah; gunakan "
        "kutip tunggal"
    ),
    "found an indentation indicator equal to 0": (
        "angka setelah | atau > harus 1 sampai 9; hapus angka itu"
    ),
    "expected chomping or indentation indicators": (
        "setelah | atau > hanya boleh ada + atau - dan satu angka 1 sampai 9; hapus sisanya"
    ),
}


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, text: str = "") -> Problem:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if context.startswith("while scanning a quoted scalar") and exc.context_mark:
        mark = exc.context_mark  # where the quote opens, not the end of the file
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    lines = text.split("\n")
    found = _line_hint(problem, context, exc, lines) if mark else None
    if found is not None:
        line, col, hint = found
        return Problem(display, line, col, "", hint)
    hint = None
    for key, words in _SYNTAX_HINTS.items():
        if problem.startswith(key) or context.startswith(key):
            hint = words
            break
    if hint is None:
        # The parser's own words are English: say where, and what to look at.
        hint = (
            "penulisan YAML tidak sah di sini; periksa indentasi, tanda kutip dan tanda "
            "baca di awal nilai, atau apit nilainya dengan tanda kutip"
        )
    return Problem(display, line, col, "", hint + ".")


# `key: value` on one line (a list item's `- ` allowed), the comment left out.
_KEY_VALUE = re.compile(
    r"^(?P<lead> *(?:- +)*)(?P<key>[^\s:#'\"-](?:[^:#]*?[^\s:#])?) *: +(?P<value>.*?)"
    r"(?:(?<! ) ++#.*)?$"
)
_KEY_ONLY = re.compile(r"^ *(?:- +)*(?P<key>[A-Za-z0-9_][A-Za-z0-9_.-]*) *$")
_GLUED = re.compile(
    r"^(?P<lead> *(?:- +)*)(?P<key>[A-Za-z0-9_][A-Za-z0-9_.-]*):(?P<value>[^\s:/].*)$"
)
_INDENT_PROBLEMS = (
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-' indicator",
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _above(lines: list[str], index: int) -> int | None:
    """The nearest line above `index` with content (not blank, not a comment)."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _line_hint(
    problem: str, context: str, exc: yaml.MarkedYAMLError, lines: list[str]
) -> tuple[int, int, str] | None:
    """(line, col, message) for the usual slips, told from the lines themselves
    (indentation, a missing '- ' or space), or None for the generic hint."""
    mark = exc.problem_mark or exc.context_mark
    index = mark.line
    if index >= len(lines):
        return None
    text = lines[index]
    if problem.startswith("mapping values are not allowed"):
        return _colon_hint(lines, index, mark.column)
    if problem.startswith("could not find expected ':'") and exc.context_mark is not None:
        return _simple_key_hint(lines, exc.context_mark.line)
    if problem.startswith("block sequence entries are not allowed"):
        return _lone_dash_hint(lines, index, mark.column)
    if any(problem.startswith(p) for p in _INDENT_PROBLEMS):
        closed = _closed_early_hint(lines, index, mark.column)
        if closed is not None:
            return closed
        above = _above(lines, index)
        if above is None:
            return None
        here, there = _indent(text), _indent(lines[above])
        opens_block = lines[above].rstrip().endswith(":")
        if here == there or (here > there and opens_block):
            return None
        return (
            index + 1,
            here + 1,
            f"indentasi tidak sejajar: baris ini menjorok {here} spasi, baris {above + 1} di "
            f"atasnya {there} spasi; kolom dan butir daftar yang setingkat harus menjorok "
            "sama banyak, samakan jumlah spasinya.",
        )
    return None


# Quotation marks of word processors: to YAML they are text, not quotes.
_CURLY = {"“": "”", "‘": "’", "„": "“", "«": "»"}
_VALUE_START = re.compile(r"^( *(?:- +)*)(?:([^\s:#'\"-](?:[^:#]*?[^\s:#])?) *: +)?")


def _lone_dash_hint(lines: list[str], index: int, column: int) -> tuple[int, int, str] | None:
    """`quota: -` (a dash for "none"): read as the start of a list."""
    pair = re.match(
        r"^ *(?:- +)*(?P<key>[^\s:#'\"-](?:[^:#]*?[^\s:#])?) *: +-\s*(?:#.*)?$", lines[index]
    )
    if pair is None:
        return None
    key = pair["key"]
    return (
        index + 1,
        column + 1,
        f"tanda '-' saja dibaca sebagai awal daftar; bila kolom '{key}' tidak diisi, hapus "
        f"baris ini atau tulis '{key}:' tanpa nilai, dan bila '-' memang isinya, apit dengan "
        f"tanda kutip: '{key}: \"-\"'.",
    )


def _closed_early_hint(lines: list[str], index: int, column: int) -> tuple[int, int, str] | None:
    """Text after a quoted or bracketed value closed earlier than the editor meant:
    `title: "Kelas "A" Medan"`, `- [Wajib] Analis`."""
    text = lines[index]
    start = _VALUE_START.match(text).end()  # type: ignore[union-attr]
    first = text[start : start + 1]
    if start >= column or not first:
        return None
    prefix = text[:start].strip()
    raw = text[start:].rstrip()
    if first in ("'", '"'):
        close = _closing_quote(text, start)
        if close is None or close >= column:
            return None
        if not (raw.endswith(first) and len(raw) > 1):
            # `summary: "#ASN" Pelatihan ...`: only the first words quoted.
            fix = f"'{raw}'" if "'" not in raw else '"' + raw.replace('"', '\\"') + '"'
            return (
                index + 1,
                column + 1,
                "teks berkutip diikuti teks lain di baris yang sama, sehingga tidak dapat "
                "dibaca; apit seluruh nilainya dengan tanda kutip yang lain (barisnya menjadi: "
                f"{prefix} {fix}).",
            )
        inner = raw[1:-1]
        if first == '"':
            fix = "'" + inner.replace("'", "''") + "'"
            what, how = "ganda", "ganti tanda kutip pengapitnya dengan kutip tunggal"
        elif '"' not in inner:
            fix = f'"{inner}"'
            what, how = "tunggal", "apit nilainya dengan tanda kutip ganda"
        else:
            fix = "'" + inner.replace("'", "''") + "'"
            what, how = "tunggal", "tulis setiap kutip tunggal di dalam teks dua kali ('')"
        return (
            index + 1,
            close + 1,
            f"tanda kutip {what} di tengah teks menutup teks berkutip lebih awal, sehingga sisa "
            f"baris tidak dapat dibaca; {how} (barisnya menjadi: {prefix} {fix}).",
        )
    if first in ("[", "{"):
        kind, end = ("daftar", "]") if first == "[" else ("pemetaan", "}")
        quote = '"' if '"' not in raw else "'"
        return (
            index + 1,
            start + 1,
            f"nilai yang diawali '{first}' dibaca sebagai {kind} YAML, sehingga teks sesudah "
            f"'{end}' tidak dapat dibaca; apit seluruh nilainya dengan tanda kutip: "
            f"'{prefix} {quote}{raw}{quote}'.",
        )
    return None


def _colon_hint(lines: list[str], index: int, column: int) -> tuple[int, int, str] | None:
    text = lines[index]
    before = text[:column]
    pair = _KEY_VALUE.match(text)
    if pair and len(pair.group("lead")) + len(pair.group("key")) < column:
        # `title: Analisis Data: Perumusan`: a colon inside the value.
        value = pair.group("value").strip()
        key = pair.group("key").strip()
        web = re.match(r"^(https?): +(//\S*)$", value, re.I)
        if web:
            # `url: https: //...`: a space typed after the scheme.
            return (
                index + 1,
                column + 2,
                f"alamat web terpisah spasi sesudah '{web[1]}:'; tulis tanpa spasi: "
                f"'{key}: {web[1]}:{web[2]}'.",
            )
        if value[:1] in _CURLY and value[-1:] in _CURLY.values():
            # “…”: the quotation marks of a word processor, text to YAML.
            curly = value[0]
            quote = "'" if '"' in value else '"'
            return (
                index + 1,
                column + 1,
                f"ada titik dua (:) di dalam nilai, dan tanda kutip lengkung ({curly} "
                f"{value[-1]}) dari pengolah kata tidak dibaca sebagai tanda kutip; apit seluruh "
                f"nilainya dengan tanda kutip biasa: '{key}: {quote}{value[1:-1]}{quote}'.",
            )
        quote = "'" if '"' in value else '"'
        return (
            index + 1,
            column + 1,
            "ada titik dua (:) di dalam nilai; apit seluruh nilainya dengan tanda kutip: "
            f"'{pair.group('key').strip()}: {quote}{value}{quote}'.",
        )
    above = _above(lines, index)
    alone = _KEY_ONLY.match(before)
    if alone and above is not None and _indent(text) > _indent(lines[above]):
        # `   email: ...` one space deeper than `  name: ...`: read as name's text.
        here, there = _indent(text), _indent(lines[above])
        return (
            index + 1,
            here + 1,
            f"kolom '{alone.group('key')}' menjorok {here} spasi, lebih dalam daripada baris "
            f"{above + 1} di atasnya ({there} spasi), sehingga terbaca sebagai lanjutan "
            f"nilai baris itu; samakan jumlah spasinya dengan kolom yang setingkat.",
        )
    # A colon in the second line of a plain text: find the field the text belongs to.
    for i in range(index - 1, -1, -1):
        owner = lines[i]
        if owner.strip() and not owner.strip().startswith("#") and _indent(owner) < _indent(text):
            head = _KEY_VALUE.match(owner) or re.match(
                r"^ *(?:- +)*(?P<key>[^\s:#]+) *:\s*$", owner
            )
            if head is None:
                return None
            key = head.group("key").strip()
            return (
                index + 1,
                column + 1,
                "ada titik dua (:) di dalam teks yang ditulis lebih dari satu baris; tulis "
                f"teks itu sebagai blok: ubah baris {i + 1} menjadi '{key}: |', lalu tulis "
                "teksnya di baris-baris berikutnya, menjorok dua spasi.",
            )
    return None


def _simple_key_hint(lines: list[str], index: int) -> tuple[int, int, str] | None:
    if index >= len(lines):
        return None
    text = lines[index]
    glued = _GLUED.match(text)
    if glued:
        key, value = glued.group("key"), glued.group("value").rstrip()
        return (
            index + 1,
            len(glued.group("lead")) + len(key) + 2,
            f"setelah titik dua harus ada satu spasi; tulis '{key}: {value}'.",
        )
    above = _above(lines, index)
    here = _indent(text)
    content = text.strip()
    header = _BLOCK_HEADER_LINE.match(lines[above]) if above is not None else None
    if header is not None and header["key"] is not None:
        # `description: |` and its text not indented below it.
        key = header["key"].strip()
        if here <= len(header["lead"]) + len(header["item"]):
            sign = lines[above].split(":", 1)[1].strip()[:1]
            return (
                index + 1,
                here + 1,
                f"teks sesudah '{key}: {sign}' harus menjorok lebih dalam daripada nama "
                f"kolomnya; tambahkan dua spasi di awal setiap baris teks itu.",
            )
    if "：" in content.split(" ", 1)[0]:
        return (
            index + 1,
            here + content.index("：") + 1,
            "titik dua lebar penuh (：) tidak dibaca sebagai titik dua; ganti dengan titik dua "
            "biasa (:) diikuti satu spasi.",
        )
    if content[:1] in _BULLETS and content[1:2].isspace():
        return (
            index + 1,
            here + 1,
            f"butir daftar diawali '{content[0]}'; YAML hanya mengenal tanda hubung '-' "
            f"sebagai penanda butir: tulis '- {content[1:].strip()}', menjorok dua spasi di "
            "bawah nama kolomnya.",
        )
    if (
        above is not None
        and lines[above].lstrip().startswith("- ")
        and _indent(lines[above]) == _indent(text)
        and not text.lstrip().startswith("-")
    ):
        here = _indent(text)
        return (
            index + 1,
            here + 1,
            "baris ini tidak diawali '- ' seperti butir daftar di atasnya; tulis "
            f"'- {text.strip()}' dengan indentasi yang sama ({here} spasi).",
        )
    words = re.match(r"^(?:- +)?(?P<key>[a-z_][a-z0-9_]*) +(?P<value>[^\s:#].*)$", content)
    if words:
        # `mode luring`: a field written without its colon.
        return (
            index + 1,
            here + 1,
            "baris ini tidak memuat titik dua (:) sesudah nama kolom; tulis "
            f"'{words['key']}: {words['value'].split(' #')[0].rstrip()}'.",
        )
    return (
        index + 1,
        here + 1,
        "baris ini tidak memuat titik dua (:) sesudah nama kolom, atau indentasinya tidak "
        "sejajar dengan baris di atasnya; tulis 'kolom: nilai' atau samakan jumlah spasinya.",
    )


# What word processors and chat apps put before a list item instead of '- '.
_BULLETS = frozenset("•·▪●◦‣–—−")

_SCALAR = yaml.ScalarEvent
_MAP_START = yaml.MappingStartEvent
_SEQ_START = yaml.SequenceStartEvent
_MAP_END = yaml.MappingEndEvent
_SEQ_END = yaml.SequenceEndEvent
_ALIAS = yaml.AliasEvent
_DOC_START = yaml.DocumentStartEvent
_BLOCK_STYLES = ("|", ">")


class _Builder:
    """Builds plain data from parser events, recording positions.

    One flat loop over the events with an explicit stack: this is the hot path
    of `check` (a third of its time at 10,000 modules), so it avoids recursion,
    per-node objects and isinstance chains.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self._lines: list[str] | None = None  # the text's lines, split when first needed

    def _refuse(self, mark: Any, message: str, loc: Loc = ()) -> None:
        self.problems.append(
            Problem(self.doc.display, mark.line + 1, mark.column + 1, format_loc(loc), message)
        )

    def _check_props(self, event: Any, loc: Loc) -> None:
        anchor = event.anchor
        if anchor is not None:
            self._refuse(
                event.start_mark,
                f"jangkar '&{anchor}' tidak diizinkan; tulis nilai secara lengkap di setiap tempat.",
                loc,
            )
        tag = event.tag
        if tag is not None and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self._refuse(
                event.start_mark,
                f"tag '{tag}' tidak diizinkan; hapus tag, semua nilai dibaca sebagai teks.",
                loc,
            )

    def _folded_item(self, text: str, first: int, column: int, last: int, loc: Loc) -> None:
        """Refuse a list item read as more words of the text above it: indented deeper
        than the item above (`   - b` under `  - a`), or below a first item written
        without '- ' (`• a`, `-a`). YAML reads it as text, and nothing would say so."""
        if self._lines is None:
            self._lines = text.split("\n")
        lines = self._lines
        for index in range(first + 1, min(last, len(lines) - 1) + 1):
            line = lines[index]
            if not line.lstrip().startswith("- "):
                continue
            above = _above(lines, index)
            there = _indent(lines[above]) if above is not None else 0
            here = _indent(line)
            head = lines[first][column:].strip()
            if head[:1] in _BULLETS and head[1:2].isspace():
                where, message = (
                    (first, column),
                    f"butir daftar diawali '{head[0]}'; YAML hanya mengenal tanda hubung '-' "
                    "sebagai penanda butir, sehingga butir-butir di bawahnya terbaca sebagai "
                    f"lanjutan teks ini; tulis '- {head[1:].strip()}'.",
                )
            elif head.startswith("-") and not head.startswith("- "):
                where, message = (
                    (first, column),
                    "sesudah tanda '-' harus ada satu spasi, sehingga butir-butir di bawahnya "
                    f"terbaca sebagai lanjutan teks ini; tulis '- {head[1:].strip()}'.",
                )
            elif lines[first][:column].rstrip().endswith(":"):
                key = lines[first][:column].strip().rstrip(":").removeprefix("- ").strip()
                where, message = (
                    (first, column),
                    f"kolom '{key}' berisi teks di baris namanya sendiri, sehingga butir daftar "
                    f"di baris {index + 1} terbaca sebagai lanjutan teks itu; pindahkan teks ini "
                    f"ke baris berikutnya sebagai butir '- {head}', atau hapus teks ini.",
                )
            elif here > there:
                where, message = (
                    (index, here),
                    f"butir daftar ini menjorok {here} spasi, lebih dalam daripada baris "
                    f"{index} di atasnya ({there} spasi), sehingga terbaca sebagai lanjutan "
                    f"teks '{head.removeprefix('- ')}'; samakan jumlah spasinya dengan butir "
                    "di atasnya.",
                )
            else:
                where, message = (
                    (first, column),
                    f"baris ini tidak diawali '- ', sehingga butir di baris {index + 1} "
                    "terbaca sebagai lanjutan teks ini; awali setiap butir dengan '- ', "
                    f"misalnya '- {head}'.",
                )
            self.problems.append(
                Problem(self.doc.display, where[0] + 1, where[1] + 1, format_loc(loc), message)
            )
            return

    def build(self, text: str) -> Any:
        values = self.doc._values
        keys = self.doc._keys
        blocks = self.doc._blocks
        # Each frame: [container, loc, pending key (dicts), that key's location]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        skip = 0  # depth of a container being skipped (non-text key, duplicate)
        parser = _Parser(text)
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if skip:
                if kind is _MAP_START or kind is _SEQ_START:
                    skip += 1
                elif kind is _MAP_END or kind is _SEQ_END:
                    skip -= 1
                if skip == 0 and stack and type(stack[-1][0]) is dict:
                    stack[-1][2] = None
                continue
            if kind is _SCALAR or kind is _MAP_START or kind is _SEQ_START or kind is _ALIAS:
                mark = event.start_mark
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if type(container) is dict:
                        if frame[2] is None:
                            # A key.
                            if kind is not _SCALAR:
                                if kind is _ALIAS:
                                    self._refuse(
                                        mark, "alias tidak diizinkan sebagai nama kolom.", frame[1]
                                    )
                                    frame[2] = _SKIP_VALUE
                                else:
                                    self._refuse(
                                        mark,
                                        "nama kolom harus berupa teks, bukan daftar atau "
                                        "pemetaan; periksa tanda '?' atau kurung kurawal.",
                                        frame[1],
                                    )
                                    skip = 1
                                    frame[2] = _SKIP_VALUE
                                continue
                            if event.anchor is not None or event.tag is not None:
                                self._check_props(event, frame[1])
                            key = event.value
                            if not event.style and key in NULLS:
                                self._refuse(
                                    mark,
                                    "nama kolom kosong; tulis nama kolom sebelum ':'.",
                                    frame[1],
                                )
                                frame[2] = _SKIP_VALUE
                                continue
                            if key == "<<" and not event.style:
                                self._refuse(
                                    mark,
                                    "kunci gabung YAML '<<' tidak diizinkan; tulis setiap kolom "
                                    "secara lengkap di tempat ini.",
                                    frame[1],
                                )
                                frame[2] = _SKIP_VALUE
                                continue
                            key_loc = (*frame[1], key)
                            if key in container:
                                first = keys[key_loc]
                                self._refuse(
                                    mark,
                                    f"kolom '{key}' ditulis dua kali (pertama di baris "
                                    f"{first[0] + 1}); hapus salah satunya.",
                                    key_loc,
                                )
                                frame[2] = _SKIP_VALUE
                                continue
                            keys[key_loc] = (mark.line, mark.column)
                            frame[2] = key
                            frame[3] = key_loc  # the value's location too
                            continue
                        key = frame[2]
                        frame[2] = None
                        if key is _SKIP_VALUE:
                            if kind is _MAP_START or kind is _SEQ_START:
                                skip = 1
                            continue
                        loc = frame[3]
                    else:
                        key = len(container)
                        loc = (*frame[1], key)
                elif documents == 1 and root is None:
                    container = None
                    loc = ()
                else:
                    continue
                if kind is _ALIAS:
                    self._refuse(
                        mark,
                        f"alias '*{event.anchor}' tidak diizinkan; tulis nilai secara lengkap.",
                        loc,
                    )
                    value: Any = None
                else:
                    if event.anchor is not None or event.tag is not None:
                        self._check_props(event, loc)
                    values[loc] = (mark.line, mark.column)
                    if kind is _SCALAR:
                        value = event.value
                        style = event.style
                        if not style:  # plain: '' from the C parser, None from Python's
                            if value in NULLS:
                                value = None
                            elif event.end_mark.line > mark.line:
                                self._folded_item(
                                    text, mark.line, mark.column, event.end_mark.line, loc
                                )
                        elif style in _BLOCK_STYLES:
                            blocks.add(loc)
                        elif style == '"' and _CONTROL.search(value):
                            # An escape ("\r", "\x07") writing what the file may not
                            # hold: a carriage return would break calendar lines.
                            self._refuse(
                                mark,
                                "teks berkutip ganda ini memuat karakter kendali (misalnya "
                                "\\r atau \\t); hapus urutan garis miring terbalik itu, untuk "
                                "baris baru gunakan blok '|'.",
                                loc,
                            )
                    else:
                        value = {} if kind is _MAP_START else []
                if container is None:
                    root = value
                elif type(container) is dict:
                    container[key] = value
                else:
                    container.append(value)
                if kind is _MAP_START or kind is _SEQ_START:
                    stack.append([value, loc, None, None])
            elif kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
            elif kind is _DOC_START:
                documents += 1
                if documents > 1:
                    self._refuse(
                        event.start_mark,
                        "berkas memuat lebih dari satu dokumen YAML ('---'); "
                        "satu berkas berisi satu rekaman saja.",
                    )
                    break
        if self.problems:
            raise _Refused(self.problems)
        return root


_SKIP_VALUE = object()
