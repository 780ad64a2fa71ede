"""Strict YAML reading: every scalar stays text, every value keeps its line.

PyYAML's resolver turns `no` into False, `10:30` into 630 and drops the first
of two duplicate keys. We take only the parser's events (the C parser when
present) and build plain dicts, lists and strings ourselves, refusing what an
editor should never need: anchors, aliases, tags, duplicate keys and tabs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 256 * 1024
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based
    block: bool = False  # a literal or folded block scalar: text starts on the next line


@dataclass(slots=True)
class Document:
    """A parsed YAML file: plain data plus the position of every key and value."""

    path: Path
    display: str
    data: Any
    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of `loc`, or of its nearest located parent."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            if loc in self.keys:
                return self.keys[loc]
            loc = loc[:-1]
        return self.values.get((), Pos(1, 1))

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
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
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
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, "", f"berkas tidak dapat dibaca ({exc.strerror}).")]
    return parse_yaml(raw, path=path, display=display)


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
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n")
    ):
        return None, [
            Problem(display, 1, 1, "", "berkas kosong; isi kolom yang wajib atau hapus berkasnya.")
        ]
    doc = Document(path=path, display=display, data=None)
    try:
        doc.data = _Builder(doc).build(text)
    except _Refused as refused:
        return None, refused.problems
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display)]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(display, 1, 1, "", f"YAML tidak valid: {exc}")]
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


def _character_problems(text: str, display: str) -> list[Problem]:
    problems: list[Problem] = []
    if "\t" not in text and "\x00" not in text:
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
}


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if context.startswith("while scanning a quoted scalar") and exc.context_mark:
        mark = exc.context_mark  # where the quote opens, not the end of the file
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    hint = None
    for key, text in _SYNTAX_HINTS.items():
        if problem.startswith(key) or context.startswith(key):
            hint = text
            break
    if hint is None:
        hint = (
            f"penulisan YAML tidak valid ({problem or context}); periksa indentasi dan tanda kutip"
        )
    return Problem(display, line, col, "", hint + ".")


class _Builder:
    """Builds plain data from parser events, recording positions."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def _refuse(self, mark: Any, message: str, loc: Loc = ()) -> None:
        self.problems.append(
            Problem(self.doc.display, mark.line + 1, mark.column + 1, format_loc(loc), message)
        )

    def build(self, text: str) -> Any:
        events = yaml.parse(text, Loader=_Loader)
        root: Any = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._refuse(
                        event.start_mark,
                        "berkas memuat lebih dari satu dokumen YAML ('---'); "
                        "satu berkas berisi satu rekaman saja.",
                    )
                    break
                root = self._node(events, next(events), ())
        if self.problems:
            raise _Refused(self.problems)
        return root

    def _check_node_event(self, event: Any, loc: Loc) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._refuse(
                event.start_mark,
                f"anchor '&{anchor}' tidak diizinkan; tulis nilai secara lengkap di setiap tempat.",
                loc,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self._refuse(
                event.start_mark,
                f"tag '{tag}' tidak diizinkan; hapus tag, semua nilai dibaca sebagai teks.",
                loc,
            )

    def _node(self, events: Any, event: Any, loc: Loc) -> Any:
        if isinstance(event, yaml.AliasEvent):
            self._refuse(
                event.start_mark,
                f"alias '*{event.anchor}' tidak diizinkan; tulis nilai secara lengkap.",
                loc,
            )
            return None
        self._check_node_event(event, loc)
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            block = event.style in ("|", ">")
            self.doc.values[loc] = Pos(mark.line + 1, mark.column + 1, block)
            if not event.style and event.value in NULLS:
                return None
            return event.value
        self.doc.values[loc] = Pos(mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item_event in events:
                if isinstance(item_event, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(events, item_event, (*loc, len(items))))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                key = self._key(events, key_event, loc)
                value_event = next(events)
                if key is None:
                    self._node(events, value_event, loc)  # consume, already reported
                    continue
                if key in mapping:
                    first = self.doc.keys[(*loc, key)]
                    self._refuse(
                        key_event.start_mark,
                        f"kolom '{key}' ditulis dua kali (pertama di baris {first.line}); "
                        "hapus salah satunya.",
                        (*loc, key),
                    )
                    self._node(events, value_event, loc)
                    continue
                km = key_event.start_mark
                self.doc.keys[(*loc, key)] = Pos(km.line + 1, km.column + 1)
                mapping[key] = self._node(events, value_event, (*loc, key))
        raise yaml.YAMLError(f"unexpected event {event!r}")  # pragma: no cover

    def _key(self, events: Any, event: Any, loc: Loc) -> str | None:
        if isinstance(event, yaml.ScalarEvent):
            self._check_node_event(event, loc)
            if not event.style and event.value in NULLS:
                self._refuse(
                    event.start_mark, "nama kolom kosong; tulis nama kolom sebelum ':'.", loc
                )
                return None
            return event.value
        if isinstance(event, yaml.AliasEvent):
            self._refuse(event.start_mark, "alias tidak diizinkan sebagai nama kolom.", loc)
            return None
        self._refuse(
            event.start_mark,
            "nama kolom harus berupa teks, bukan daftar atau pemetaan; periksa tanda '?' "
            "atau kurung kurawal.",
            loc,
        )
        self._node(events, event, loc)
        return None
