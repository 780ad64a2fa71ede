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
    errno.ENOSPC: "ruang disk habis",
    errno.EEXIST: "sudah ada berkas dengan nama itu",
    errno.EIO: "kesalahan baca pada diska",
}


def os_reason(
    exc: OSError, missing: str = "berkas tidak ada (mungkin tautan ke berkas yang sudah dihapus)"
) -> str:
    """An operating-system error in Indonesian; `missing` says what ENOENT means here."""
    if exc.errno == errno.ENOENT:
        return missing
    reason = OS_REASONS.get(exc.errno or 0)
    if reason is None:
        return f"kesalahan sistem berkas nomor {exc.errno}" if exc.errno else "kesalahan sistem"
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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding_problem(raw, exc, display)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    problems = _character_problems(text, display)
    if problems:
        return None, problems
    if not text.strip():  # a file of comments only parses to nothing: reported below
        return None, [
            Problem(display, 1, 1, "", "berkas kosong; isi kolom yang wajib atau hapus berkasnya.")
        ]
    doc = Document(path, display)
    fast = fast_build(text)
    if fast is not None:
        doc.data, doc._values, doc._keys, doc._blocks = fast
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
                "penulisan YAML tidak valid; periksa indentasi, tanda kutip dan karakter "
                "yang tidak biasa dalam berkas ini.",
            )
        ]
    if doc.data is None:
        return None, [
            Problem(display, 1, 1, "", "berkas kosong; isi kolom yang wajib atau hapus berkasnya.")
        ]
    return doc, []


def _encoding_problem(raw: bytes, exc: UnicodeDecodeError, display: str) -> Problem:
    before = raw[: exc.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Problem(
        display,
        line,
        col,
        "",
        f"berkas bukan UTF-8 (byte 0x{raw[exc.start]:02x} tidak sah); "
        "simpan ulang berkas dengan pengodean UTF-8.",
    )


# Characters YAML refuses (tab aside, which gets its own message): control
# characters, lone surrogates and the two non-characters. Editors meet them in text
# pasted from word processors and PDFs.
_BAD_CHARS = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


# What a double-quoted scalar's escapes may produce but a value may not hold
# (a newline aside: "a\nb" is a value of two lines, checked where one is wanted).
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _character_problems(text: str, display: str) -> list[Problem]:
    problems: list[Problem] = []
    if _BAD_CHARS.search(text) is None:
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
        if other is not None:
            problems.append(
                Problem(
                    display,
                    number,
                    other.start() + 1,
                    "",
                    f"karakter tak terlihat U+{ord(other.group()):04X} tidak "
                    "diizinkan (biasanya terbawa saat menyalin teks); hapus karakter itu.",
                )
            )
    return problems


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
            "penulisan YAML tidak valid di sini; periksa indentasi, tanda kutip dan tanda "
            "baca di awal nilai, atau apit nilainya dengan tanda kutip"
        )
    return Problem(display, line, col, "", hint + ".")


# `key: value` on one line (a list item's `- ` allowed), the comment left out.
_KEY_VALUE = re.compile(
    r"^(?P<lead> *(?:- +)*)(?P<key>[^\s:#'\"-][^:#]*?) *: +(?P<value>.*?)(?: +#.*)?$"
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
    if any(problem.startswith(p) for p in _INDENT_PROBLEMS):
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


def _colon_hint(lines: list[str], index: int, column: int) -> tuple[int, int, str] | None:
    text = lines[index]
    before = text[:column]
    pair = _KEY_VALUE.match(text)
    if pair and len(pair.group("lead")) + len(pair.group("key")) < column:
        # `title: Analisis Data: Perumusan`: a colon inside the value.
        value = pair.group("value").strip()
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
    return None


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
                f"anchor '&{anchor}' tidak diizinkan; tulis nilai secara lengkap di setiap tempat.",
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

    def _folded_item(self, text: str, first: int, last: int, loc: Loc) -> None:
        """Refuse a list item indented deeper than the one above (`   - b` under
        `  - a`): YAML reads it as more words of `a`, and nothing would say so."""
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
            self.problems.append(
                Problem(
                    self.doc.display,
                    index + 1,
                    here + 1,
                    format_loc(loc),
                    f"butir daftar ini menjorok {here} spasi, lebih dalam daripada baris "
                    f"{index} di atasnya ({there} spasi), sehingga terbaca sebagai lanjutan "
                    f"teks '{lines[first].strip().removeprefix('- ')}'; samakan jumlah "
                    "spasinya dengan butir di atasnya.",
                )
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
                                self._folded_item(text, mark.line, event.end_mark.line, loc)
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
