"""Click's own words (usage lines, section titles, usage errors) in Indonesian.

Click marks every text it writes for gettext (`_("Usage:")`, `ngettext(...)`)
and looks the translation up when it writes it. An editor who mistypes a
command read "Error: No such command 'chek'." among our Indonesian messages;
`install()` gives click's modules a lookup in the table below instead. A text
the table lacks (a newer click) stays as click wrote it.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# msgid -> translation; the {placeholders} are click's and stay as they are.
TEXTS = {
    "Usage:": "Cara pakai:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Arguments": "Argumen",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Ketik '{command} {option}' untuk bantuan.",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Invalid value for {param_hint}: {message}": "Nilai {param_hint} tidak sah: {message}",
    "Missing argument": "Argumen belum ditulis:",
    "Missing option": "Opsi belum ditulis:",
    "Missing parameter": "Parameter belum ditulis:",
    "Missing {param_type}": "{param_type} belum ditulis:",
    "Missing parameter: {param_name}": "Parameter belum ditulis: {param_name}",
    "Missing command.": "Perintah belum ditulis.",
    "No such option {name!r}.": "Opsi {name!r} tidak ada.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    "Did you mean {possibility}?": "Mungkin maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksud Anda salah satu dari: "
    "{possibilities}?)",
    "Got unexpected extra argument ({args})": "Ada argumen berlebih ({args}); apit teks "
    "yang memuat spasi dengan tanda kutip.",
    "Got unexpected extra arguments ({args})": "Ada argumen berlebih ({args}); apit teks "
    "yang memuat spasi dengan tanda kutip.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan bilangan yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan "
    "nilai ya/tidak; nilai yang dikenal: {states}",
    "file": "Berkas",
    "directory": "Folder",
    "path": "Jalur",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat "
    "dibuka: {message}",
    "Aborted!": "Dibatalkan.",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "default: {default}": "bawaan: {default}",
    "unknown error": "galat yang tidak diketahui",
}

_MODULES = (
    "click.core",
    "click.exceptions",
    "click.formatting",
    "click.decorators",
    "click.parser",
    "click.types",
    "click.termui",
)


class Command(click.Command):
    """A command whose usage line reads "[OPSI]" where click writes "[OPTIONS]"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """The command group, in the same words, whose subcommands are `Command`s."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARGUMEN]...")
        super().__init__(*args, **kwargs)


def gettext(message: str) -> str:
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules our lookup for the texts they write."""
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
