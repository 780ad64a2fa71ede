"""The README and the command line agree: every command is documented and helps."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_and_has_indonesian_help():
    runner = CliRunner()
    for name, command in main.commands.items():
        assert f"kurikulum {name}" in README, f"README does not mention `kurikulum {name}`"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert command.help and len(command.help) > 20
        assert "Tampilkan bantuan ini lalu keluar." in result.output


def test_readme_quick_start_has_the_two_commands():
    block = re.search(r"## Quick start\n(.*?)\n## ", README, re.S)
    assert block, "README has no Quick start section"
    text = block.group(1)
    assert "pip install -e . && kurikulum build" in text
    assert "pip install -e '.[test]' && pytest" in text


def test_readme_commands_exist():
    named = set(re.findall(r"`kurikulum ([a-z]+)", README))
    assert named <= set(main.commands), named - set(main.commands)
