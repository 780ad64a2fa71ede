"""Random and mutated YAML never gets past `check` as an exception or a traceback.

FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py runs a longer search than the default 150.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_FILES, PELAYANAN_PRIMA, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import check_curriculum
from generator.cli import main
from generator.yamlio import parse_yaml

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TARGETS = [
    "usu/modules/pelayanan-prima.yml",
    "usu/partner.yml",
    "competencies.yml",
    "usu/programs/jalur-pelayanan.yml",
    "usu/internships/magang-akademik.yml",
    "usu/forums/forum-pelayanan.yml",
]

# fmt: off
TOKENS = [
    # keys of every record kind
    "title", "summary", "description", "method", "jp", "offerings", "id", "start", "end",
    "sessions", "registration", "closes", "prerequisites", "competencies", "modules", "quota",
    "schedule", "first", "recurrence", "name", "kind", "type", "pelayanan-publik", "usu/x",
    # structure
    ":", ": ", "-", "- ", "?", "? ", "{", "}", "[", "]", ",", "#", "|", ">", "|-", ">+",
    "---", "...", "'", '"', "\\", "\n", "\r\n", "\r", "\t", " ", "  ", "    ", "%YAML 1.1",
    # refused or tricky YAML
    "&a", "*a", "&b ", "*b", "!!str", "!!map", "!x", "!", "<<", "\x00", "\ufeff", "\u2028",
    # values
    "no", "true", "~", "null", "0", "-1", "1001", "1e3", "0214700303", "10:30", "2026-02-10",
    "2026-02-31", "2026-02-10 08:00", "2026-02-10T08:00+07:00", "FREQ=MONTHLY;BYDAY=1TH",
    "https://usu.ac.id", "javascript:alert(1)", "<script>", "onclick=", "é", "中文", "😀", "@", "`",
]
# fmt: on

yamlish = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), min_size=0, max_size=60
).map("".join)

LINES = PELAYANAN_PRIMA.splitlines(keepends=True)
mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("swap"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("indent"), st.integers(0, 200), st.integers(-4, 4)),
    st.tuples(st.just("char"), st.integers(0, 5000), st.sampled_from([*TOKENS, "x", " ", ""])),
    st.tuples(st.just("cut"), st.integers(0, 5000)),
)


def mutate(ops: list[tuple]) -> str:
    lines = list(LINES)
    for op in ops:
        if not lines:
            break
        kind, index = op[0], op[1] % len(lines)
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap":
            other = op[2] % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "indent":
            shift = op[2]
            line = lines[index]
            lines[index] = (
                " " * shift + line
                if shift > 0
                else line[min(-shift, len(line) - len(line.lstrip(" "))) :]
            )
        else:
            text = "".join(lines)
            at = op[1] % (len(text) + 1)
            # "cut": the file ends abruptly, as a half-saved file would.
            text = text[:at] + op[2] + text[at + 1 :] if kind == "char" else text[:at]
            lines = text.splitlines(keepends=True)
    return "".join(lines)


@pytest.fixture
def fuzz_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "cur"
    write_files(root, BASE_FILES)
    return root


def line_count(raw: bytes) -> int:
    text = raw.decode("utf-8", errors="replace")
    return max(len(text.splitlines()), text.count("\n") + text.count("\r")) + 1


def assert_check_survives(root: Path, target: str, raw: bytes) -> None:
    path = root / target
    path.write_bytes(raw)
    try:
        result = check_curriculum(root, config_path=root / "no-site-config.yml")
        for problem in result.problems:
            assert problem.line >= 1 and problem.col >= 1, problem
            assert problem.message, problem
            if problem.path == f"cur/{target}":
                assert problem.line <= line_count(raw), (problem, raw)
        outcome = CliRunner().invoke(main, ["check", str(root)])
        assert outcome.exit_code in (0, 1), outcome.output
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (
            outcome.exception
        )
        assert "Traceback" not in outcome.output
        assert (outcome.exit_code == 1) == (result.errors > 0)
    finally:
        write_files(root, {target: BASE_FILES[target]})


@FUZZ
@given(raw=st.binary(max_size=400), target=st.sampled_from(TARGETS))
def test_random_bytes_never_raise(fuzz_root, raw, target):
    assert_check_survives(fuzz_root, target, raw)


@FUZZ
@given(text=yamlish, target=st.sampled_from(TARGETS))
def test_random_yaml_like_text_never_raises(fuzz_root, text, target):
    assert_check_survives(fuzz_root, target, text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_module_never_raises(fuzz_root, ops):
    assert_check_survives(fuzz_root, TARGETS[0], mutate(ops).encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(text=yamlish)
def test_reader_returns_data_or_problems_never_both(text):
    doc, problems = parse_yaml(text.encode("utf-8", errors="surrogatepass"), display="f.yml")
    assert (doc is None) == bool(problems)
    for problem in problems:
        assert problem.path == "f.yml" and problem.line >= 1 and problem.col >= 1
