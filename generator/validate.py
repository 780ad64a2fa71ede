"""Turning pydantic's validation errors into editor-facing problems."""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.problems import Problem, suggestion
from generator.yamlio import Document, Loc


def validate(
    model: type[BaseModel], doc: Document, data: Any, loc: Loc = (), *, context: dict | None = None
) -> tuple[Any, list[Problem]]:
    """Validate `data` (found at `loc` in `doc`) as `model`; return the instance or the problems."""
    if not isinstance(data, dict):
        return None, [
            doc.problem(
                loc,
                "harus berupa pemetaan 'kolom: nilai' (satu kolom per baris), bukan "
                + ("daftar." if isinstance(data, list) else "teks."),
            )
        ]
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            full = (*loc, *err["loc"])
            message, at_key = _message(model, err)
            if err["type"] == "missing" and _left_empty(data, err["loc"]):
                name = err["loc"][-1]
                message = f"kolom wajib '{name}' masih kosong; tulis nilainya sesudah '{name}:'."
            elif err["type"] not in ("missing", "extra_forbidden"):
                message = _written_problem(err.get("input"), message) or message
            problems.append(doc.problem(full, message, key=at_key))
        return None, one_per_typo(problems)


_MISSING = re.compile(r"^kolom wajib '([^']+)' belum diisi")
_TYPO = re.compile(r"^kolom '[^']+' tidak dikenal\. Mungkin maksud Anda '([^']+)'\?")


def one_per_typo(problems: list[Problem]) -> list[Problem]:
    """Without "required field 'title' is missing" when the same mapping has an
    unknown field answered with "did you mean 'title'?" (`judul`, `tittle`): one
    slip, one message, and renaming the field fixes both."""
    meant = set()
    for p in problems:
        typo = _TYPO.match(p.message)
        if typo:
            meant.add((p.path, p.field.rpartition(".")[0], typo.group(1)))
    if not meant:
        return problems
    kept = []
    for p in problems:
        missing = _MISSING.match(p.message)
        if missing and (p.path, p.field.rpartition(".")[0], missing.group(1)) in meant:
            continue
        kept.append(p)
    return kept


# Spaces other than the plain one, and the quotation marks of word processors: a
# value holding them looks right on screen, so the field's own message ("not a
# valid date") would not say what to change.
_ODD_SPACE = re.compile("[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CURLY_OPEN, _CURLY_CLOSE = "“‘„‚«", "”’“‘»"


def _written_problem(value: Any, message: str) -> str | None:
    """A message about how `value` is written, when that is why it was refused."""
    if not isinstance(value, str) or message.startswith("harus berupa"):
        return None  # a list written as text: that message says what to change
    text = value.strip()
    shown = text if len(text) <= 60 else text[:57] + "..."
    odd = _ODD_SPACE.search(text)
    if odd is not None and "bilangan bulat" not in message:
        char = odd.group()
        name = "spasi tak terputus" if char == "\xa0" else "spasi khusus"
        return (
            f"nilai '{shown}' memuat karakter {name} (U+{ord(char):04X}) yang tampak seperti "
            "spasi biasa; hapus lalu ketik ulang spasinya dengan spasi biasa (karakter ini "
            "biasanya terbawa saat menyalin dari Word, Excel atau WhatsApp)."
        )
    if len(text) > 2 and text[0] in _CURLY_OPEN and text[-1] in _CURLY_CLOSE:
        return (
            f"nilai '{shown}' diapit tanda kutip lengkung ({text[0]} {text[-1]}) dari pengolah "
            "kata, yang terbaca sebagai bagian dari nilai; hapus kedua tanda kutip itu: "
            f"'{text[1:-1].strip()}'."
        )
    return None


def _left_empty(data: Any, loc: tuple) -> bool:
    """Whether the key at `loc` is written with no value (`title:`), as `new` leaves it."""
    for part in loc[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, dict) and loc[-1] in data and data[loc[-1]] is None


def salvage(
    model: type[BaseModel], data: dict, *, context: dict | None = None, doc: Document | None = None
) -> tuple[Any, Document | None]:
    """A record built from the fields of `data` that are valid on their own, and its source.

    Used after a failed validation, so that cross-record rules (references,
    dates, Markdown) still report on the rest of the file in the same run.
    Invalid fields are left out: lists keep their valid items, required
    fields fall back to None. The result is never published. When list items
    were dropped, the returned copy of `doc` renumbers their positions, so that
    `offerings[1]` of the partial record still points at the line it came from.
    """
    values: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for name, info in model.model_fields.items():
        if name not in data or data[name] is None:
            values[name] = [] if typing.get_origin(info.annotation) is list else None
            continue
        raw = data[name]
        adapter, item_adapter = _adapters(model, name)
        if item_adapter is not None and isinstance(raw, list):
            good, indices = [], []
            for index, item in enumerate(raw):
                try:
                    good.append(item_adapter.validate_python(item, context=context))
                except ValidationError:
                    continue
                indices.append(index)
            values[name] = good
            if len(good) != len(raw):
                kept[name] = indices
            continue
        try:
            values[name] = adapter.validate_python(raw, context=context)
        except ValidationError:
            values[name] = [] if item_adapter is not None else None
    source = _renumbered(doc, kept) if doc is not None and kept else doc
    return model.model_construct(**values), source


class _Renumbered:
    """The source of a salvaged record whose lists lost their invalid items.

    Wraps the document and delegates everything to it, except that a location in
    the partial record is translated back to the file: `kept[field][i]` is the
    original index of item `i` of the shortened list, so a problem about
    `offerings[1]` names the line and the field path the editor wrote.
    """

    def __init__(self, doc: Document, kept: dict[str, list[int]]):
        self._doc = doc
        self._kept = kept

    def __getattr__(self, name: str) -> Any:
        if name == "_doc":  # not yet set (copy, pickle): no endless recursion
            raise AttributeError(name)
        return getattr(self._doc, name)

    def _original(self, loc: Loc) -> Loc:
        loc = tuple(loc)
        if len(loc) >= 2 and loc[0] in self._kept and isinstance(loc[1], int):
            indices = self._kept[loc[0]]
            if 0 <= loc[1] < len(indices):
                return (loc[0], indices[loc[1]], *loc[2:])
        return loc

    def pos(self, loc: Loc, *, key: bool = False) -> Any:
        return self._doc.pos(self._original(loc), key=key)

    def slim(self, fields: frozenset[str]) -> _Renumbered:
        """The slimmed document (sent between processes), still renumbered."""
        return _Renumbered(self._doc.slim(fields), self._kept)

    def problem(self, loc: Loc, message: str, *, key: bool = False, **kw: Any) -> Problem:
        return self._doc.problem(self._original(loc), message, key=key, **kw)


def _renumbered(doc: Document, kept: dict[str, list[int]]) -> Document:
    return _Renumbered(doc, kept)  # type: ignore[return-value]


@functools.cache
def _adapters(model: type[BaseModel], name: str) -> tuple[TypeAdapter, TypeAdapter | None]:
    info = model.model_fields[name]
    annotation = info.annotation
    adapter = (
        TypeAdapter(Annotated[annotation, *info.metadata])
        if info.metadata
        else TypeAdapter(annotation)
    )
    item = None
    if typing.get_origin(annotation) is list:
        item = TypeAdapter(typing.get_args(annotation)[0])
    return adapter, item


def _message(model: type[BaseModel], err: Any) -> tuple[str, bool]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    name = str(loc[-1]) if loc else ""
    value = err.get("input")
    if kind == "missing":
        return f"kolom wajib '{name}' belum diisi; tambahkan '{name}: ...'.", True
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        hint = suggestion(name, fields)
        if not hint:
            elsewhere = _misplaced(model, loc[:-1], name)
            if elsewhere:
                return elsewhere, True
        listing = f" Kolom yang tersedia: {', '.join(fields)}." if fields and not hint else ""
        return (
            f"kolom '{name}' tidak dikenal.{hint or ''}{listing} Hapus atau perbaiki namanya.",
            True,
        )
    if value is None and kind != "kurikulum":
        return "tidak boleh kosong; isi nilainya atau hapus baris ini.", False
    several = _several(value)
    if kind == "enum":
        choices = [
            c.strip("'") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        if several:
            return f"harus berupa satu nilai, bukan {several}; pilih salah satu: " + (
                f"{', '.join(choices)}, dan tulis langsung sesudah titik dua nama kolomnya."
            ), False
        hint = suggestion(str(value), choices) if isinstance(value, str) else ""
        shown = f"'{value}'" if isinstance(value, str) else "ini"
        return f"nilai {shown} tidak dikenal; pilih salah satu: {', '.join(choices)}.{hint}", False
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        if several:
            items = [i for i in value if isinstance(i, str)] if isinstance(value, list) else []
            example = items[0].strip() if len(items) == 1 else "24"
            return (
                f"harus berupa satu bilangan bulat, bukan {several}; tulis angkanya langsung "
                f"sesudah titik dua nama kolomnya, misalnya {example}."
            ), False
        return f"'{_short(value)}' bukan bilangan bulat; tulis angka saja, misalnya 24.", False
    if kind == "greater_than_equal":
        return f"harus paling sedikit {ctx.get('ge')}, bukan {value}.", False
    if kind == "greater_than":
        return f"harus lebih dari {ctx.get('gt')}, bukan {value}.", False
    if kind == "less_than_equal":
        return f"paling banyak {ctx.get('le')}, bukan {value}.", False
    if kind in ("bool_parsing", "bool_type"):
        if several:
            return f"harus berupa satu nilai, bukan {several}; tulis true atau false.", False
        return f"'{_short(value)}' bukan nilai ya/tidak; tulis true atau false.", False
    if kind == "list_type":
        if isinstance(value, dict) and value:
            first, item = next(iter(value.items()))
            shown = f"{first}: {item}" if isinstance(item, str) else f"{first}:"
            return (
                "harus berupa daftar, bukan pemetaan; awali kolom pertama setiap butir dengan "
                f"'- ', misalnya '- {_short(shown, 60)}', dan kolom lain butir itu sejajar di "
                "bawahnya.",
                False,
            )
        return "harus berupa daftar; tulis setiap butir pada baris sendiri diawali '- '.", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _mapping_expected(model, loc, value), False
    if kind == "too_short":
        return f"harus berisi paling sedikit {ctx.get('min_length', 1)} butir.", False
    if kind in ("string_type", "str_type"):
        return "harus berupa teks.", False
    return err["msg"], False


def _several(value: Any) -> str:
    """'daftar' or 'pemetaan' when `value` is one, else ''."""
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan"
    return ""


def _mapping_expected(model: type[BaseModel], loc: tuple, value: Any) -> str:
    """Why a text or a list cannot stand where the fields of a record belong, and how
    to write it: `venue: Gedung A` becomes `venue:` with `name: Gedung A` below."""
    message = "harus berupa pemetaan 'kolom: nilai' dengan kolom-kolomnya menjorok di baris "
    if isinstance(value, list):
        return (
            "harus berupa pemetaan 'kolom: nilai', bukan daftar; hapus tanda '- ' di depan "
            "kolom-kolomnya dan tulis setiap kolom menjorok di baris berikutnya."
        )
    target = _model_at(model, loc)
    fields = target.model_fields if target is not None else {}
    web = isinstance(value, str) and value.strip().lower().startswith(("http", "www."))
    main = next((f for f in ("url", "name", "unit") if f in fields and (f != "url") ^ web), None)
    if isinstance(value, str) and main and value.strip() and "\n" not in value.strip():
        text = _short(value.strip(), 60)
        if loc and isinstance(loc[-1], int):
            return message + f"berikutnya; tulis butir ini sebagai '- {main}: {text}'."
        return (
            message + f"berikutnya; tulis teks ini sebagai kolom '{main}' di baris "
            f"berikutnya, menjorok dua spasi lebih dalam: '{main}: {text}'."
        )
    return message + "berikutnya."


def _misplaced(model: type[BaseModel], loc: tuple, name: str) -> str | None:
    """The message for a field written one level too high (`email:` beside `contact:`
    instead of under it), or None when no record just below has that field."""
    here = _model_at(model, loc)
    if here is None:
        return None
    owners = []
    for field, info in here.model_fields.items():
        child = _unwrap(info.annotation)
        many = typing.get_origin(child) is list
        if many:
            child = _unwrap(typing.get_args(child)[0])
        if isinstance(child, type) and issubclass(child, BaseModel) and name in child.model_fields:
            owners.append(f"setiap butir '{field}'" if many else f"'{field}'")
    if not owners:
        return None
    return (
        f"kolom '{name}' tidak ada di tingkat ini, tetapi ada di bawah {' atau '.join(owners)}; "
        "pindahkan baris ini ke bawah kolom itu, menjorok dua spasi lebih dalam."
    )


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The record type found at `loc` (walking nested models and lists), or None."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed where `loc` points, walking nested models and lists."""
    current = _model_at(model, loc)
    return list(current.model_fields) if current is not None else []


def _unwrap(tp: Any) -> Any:
    """Strip Optional and Annotated, keeping list[...] intact."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp
