"""The command line speaks Indonesian throughout: click's usage lines, section
titles and usage errors too, not only our own messages."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli import main

ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Error:|\[OPTIONS\]|COMMAND|\[ARGS\]|Show this message|"
    r"default:|INTEGER|TEXT|PATH|OUTDIR|CURRICULUM_DIR|No such|Missing|Invalid value|"
    r"is not one of|Did you mean|requires an argument|unexpected extra"
)


def _run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="kurikulum")


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["new"], ["schema"], ["serve"]])
def test_help_pages_have_no_english_scaffolding(command):
    result = _run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Cara pakai: kurikulum "), result.output
    assert "Opsi:" in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)


def test_the_top_help_lists_the_commands_in_indonesian():
    output = _run("--help").output
    assert output.startswith("Cara pakai: kurikulum [OPSI] PERINTAH [ARGUMEN]...")
    assert "\nPerintah:\n" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["chek"],
            "Galat: Perintah 'chek' tidak ada. (Mungkin maksud Anda salah satu dari: "
            "'check', 'schema'?)",
        ),
        (["build", "--bogus"], "Galat: Opsi '--bogus' tidak ada."),
        (["new"], "Galat: Argumen belum ditulis: 'JENIS'."),
        (
            ["check", "--format", "xml"],
            "Galat: Nilai '--format' tidak sah: 'xml' bukan salah satu dari 'text', "
            "'json', 'github'.",
        ),
        (["build", "--output"], "Galat: Opsi '--output' memerlukan nilai."),
        (["serve", "--port", "delapan"], "Galat: Nilai '--port' tidak sah: 'delapan' bukan "),
        (["schema", "a", "b"], "Galat: Ada argumen berlebih (b); apit teks yang memuat spasi"),
    ],
)
def test_usage_mistakes_are_answered_in_indonesian(args, message):
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output, result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)
