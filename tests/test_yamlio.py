"""The strict reader: scalars stay text, everything else an editor never needs is refused."""

from __future__ import annotations

import time

import pytest
import yaml

from generator.model import Partner
from generator.problems import Problem
from generator.yamlio import MAX_BYTES, Pos, parse_yaml, read_yaml


def parse(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_yaml(raw, display="f.yml")


def refused(text: str | bytes) -> list[Problem]:
    doc, problems = parse(text)
    assert doc is None, f"expected a refusal, got {doc.data!r}"
    assert problems
    return problems


def where(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.col


# ---------------------------------------------------------------- scalars stay text


def test_scalars_stay_text_exactly_as_written():
    doc, problems = parse(
        "answer: no\nstarts: 10:30\nphone: 0214700303\nbig: 1e3\nflag: true\n"
        "octal: 0o17\nyes_word: Yes\nfloat: 1.50\ndate: 2026-02-10\n"
    )
    assert problems == []
    assert doc.data == {
        "answer": "no",
        "starts": "10:30",
        "phone": "0214700303",
        "big": "1e3",
        "flag": "true",
        "octal": "0o17",
        "yes_word": "Yes",
        "float": "1.50",
        "date": "2026-02-10",
    }


def test_scalars_stay_text_inside_lists_and_nested_mappings():
    doc, _ = parse("items:\n  - no\n  - 08:30\nnested:\n  phone: 061 8211633\n  on: off\n")
    assert doc.data == {"items": ["no", "08:30"], "nested": {"phone": "061 8211633", "on": "off"}}


def test_leading_zero_of_a_phone_number_reaches_the_model():
    doc, _ = parse("name: Universitas Sumatera Utara\nkind: universitas\nphone: 0618211633\n")
    assert Partner.model_validate(doc.data).phone == "0618211633"


def test_plain_empty_and_null_values_are_absent_but_quoted_ones_are_text():
    doc, problems = parse("a:\nb: ~\nc: null\nd: ''\ne: '~'\nf: \"null\"\n")
    assert problems == []
    assert doc.data == {"a": None, "b": None, "c": None, "d": "", "e": "~", "f": "null"}


def test_block_scalars_keep_their_text_and_are_marked_as_blocks():
    doc, _ = parse("description: |\n  Baris satu\n  Baris dua\nsummary: teks\n")
    assert doc.data["description"] == "Baris satu\nBaris dua\n"
    assert doc.values[("description",)] == Pos(1, 14, block=True)
    assert doc.values[("summary",)] == Pos(4, 10, block=False)


def test_every_key_and_value_keeps_its_line_and_column():
    doc, _ = parse("title: Modul\nofferings:\n  - id: a1\n    start: 2026-02-10\n")
    assert doc.keys[("title",)] == Pos(1, 1)
    assert doc.values[("title",)] == Pos(1, 8)
    assert doc.values[("offerings", 0)] == Pos(3, 5)
    assert doc.keys[("offerings", 0, "start")] == Pos(4, 5)
    assert doc.values[("offerings", 0, "start")] == Pos(4, 12)
    # A missing field is located at its nearest parent.
    assert doc.pos(("offerings", 0, "end")) == Pos(3, 5)


# ---------------------------------------------------------------- anchors, aliases, tags


def test_anchor_is_refused_at_its_position():
    (problem,) = refused("title: Modul\nsummary: &ringkas Ringkasan\n")
    assert where(problem) == (2, 10)
    assert problem.field == "summary"
    assert "jangkar '&ringkas' tidak diizinkan" in problem.message


def test_alias_is_refused_at_its_position():
    problems = refused("a: &x teks\nb: *x\n")
    assert [(p.line, p.col, p.field) for p in problems] == [(1, 4, "a"), (2, 4, "b")]
    assert "alias '*x' tidak diizinkan" in problems[1].message


def test_alias_as_a_key_is_refused():
    problems = refused("a: &k x\n*k : y\n")
    assert any(p.line == 2 and "alias" in p.message for p in problems)


def test_alias_bomb_is_refused_quickly_without_expanding():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghi"
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 1000  # expanded, this would be 9**9 strings
    started = time.perf_counter()
    problems = refused(text)
    assert time.perf_counter() - started < 1.0
    assert where(problems[0]) == (1, 4)
    assert "jangkar '&a'" in problems[0].message
    assert any("alias '*a'" in p.message and p.line == 2 for p in problems)


@pytest.mark.parametrize(
    ("text", "tag", "at"),
    [
        ("jp: !!str 10\n", "!!str", (1, 5)),
        ("title: Modul\nsummary: !custom teks\n", "!custom", (2, 10)),
        ("contact: !!map\n  name: Budi\n", "!!map", (1, 10)),
        ("topics: !!python/object:os.system [ls]\n", "!!python/object:os.system", (1, 9)),
    ],
)
def test_tags_are_refused(text, tag, at):
    (problem,) = refused(text)
    assert where(problem) == at
    assert f"tag '{tag}' tidak diizinkan" in problem.message


# ---------------------------------------------------------------- duplicate keys


def test_duplicate_key_names_both_lines():
    (problem,) = refused("title: Pertama\nsummary: s\ntitle: Kedua\n")
    assert where(problem) == (3, 1)
    assert problem.field == "title"
    assert "ditulis dua kali (pertama di baris 1)" in problem.message


def test_duplicate_key_in_a_nested_mapping_names_both_lines():
    (problem,) = refused("offerings:\n  - id: a\n    start: 2026-01-01\n    id: b\n")
    assert where(problem) == (4, 5)
    assert problem.field == "offerings[0].id"
    assert "pertama di baris 2" in problem.message


def test_same_key_in_sibling_mappings_is_not_a_duplicate():
    doc, problems = parse("offerings:\n  - id: a\n  - id: b\n")
    assert problems == []
    assert doc.data == {"offerings": [{"id": "a"}, {"id": "b"}]}


# ---------------------------------------------------------------- tabs, encoding, NUL


def test_tab_indentation_is_refused_with_its_line_and_column():
    (problem,) = refused("title: Modul\ncontact:\n\tname: Budi\n")
    assert where(problem) == (3, 1)
    assert "tab" in problem.message and "spasi" in problem.message


def test_tab_inside_a_value_is_refused_too():
    (problem,) = refused("title: Modul\tBaru\n")
    assert where(problem) == (1, 13)


def test_every_line_with_a_tab_is_reported():
    problems = refused("a:\n\tb: 1\nc:\n\td: 2\n")
    assert [p.line for p in problems] == [2, 4]


def test_non_utf8_byte_reports_its_line_not_a_byte_offset():
    (problem,) = refused(b"title: Modul\nsummary: Ringkas\ncity: Caf\xe9 Medan\n")
    assert where(problem) == (3, 10)
    assert "UTF-8" in problem.message
    assert "0xe9" in problem.message


def test_non_utf8_column_counts_characters_not_bytes():
    # 'é' before the bad byte is two bytes but one character.
    (problem,) = refused("a: 1\nb: é".encode() + b"\xff\n")
    assert where(problem) == (2, 5)


def test_nul_byte_is_refused():
    (problem,) = refused(b"title: Mo\x00dul\n")
    assert where(problem) == (1, 10)
    assert "NUL" in problem.message


# ---------------------------------------------------------------- empty and too big


@pytest.mark.parametrize("text", ["", "\n\n", "   \n  \n", "# hanya komentar\n  # lagi\n", "~\n"])
def test_empty_or_comment_only_file_is_refused(text):
    (problem,) = refused(text)
    assert where(problem) == (1, 1)
    assert "berkas kosong" in problem.message


def _forbid_parsing(monkeypatch):
    """Make every parsing entry point of the reader fail loudly."""
    import generator.yamlio as yamlio

    def no_parsing(*args, **kwargs):
        raise AssertionError("the parser must not run on an oversized file")

    monkeypatch.setattr(yamlio, "fast_build", no_parsing)
    monkeypatch.setattr(yamlio, "_Parser", no_parsing)
    monkeypatch.setattr(yaml, "parse", no_parsing)


def test_file_over_256_kib_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "besar.yml"
    path.write_bytes(b"title: " + b"x" * MAX_BYTES + b"\n")
    small = tmp_path / "kecil.yml"
    small.write_bytes(b"title: x\n")
    _forbid_parsing(monkeypatch)
    with pytest.raises(AssertionError, match="must not run"):
        read_yaml(small)  # the parsers are really cut off
    doc, problems = read_yaml(path, "cur/besar.yml")
    assert doc is None
    (problem,) = problems
    assert problem.format().startswith("cur/besar.yml:1:1: error: berkas terlalu besar")
    assert "256 KiB" in problem.message
    assert "pecah menjadi beberapa berkas" in problem.message


def test_oversized_bytes_are_refused_before_parsing(monkeypatch):
    _forbid_parsing(monkeypatch)
    (problem,) = refused(b"a: " + b"x" * MAX_BYTES)
    assert "256 KiB" in problem.message


def test_file_of_exactly_256_kib_is_read(tmp_path):
    path = tmp_path / "pas.yml"
    head = b"title: "
    path.write_bytes(head + b"x" * (MAX_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    doc, problems = read_yaml(path)
    assert problems == []
    assert len(doc.data["title"]) == MAX_BYTES - len(head) - 1


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    doc, problems = read_yaml(tmp_path / "tidak-ada.yml", "tidak-ada.yml")
    assert doc is None
    assert problems[0].format().startswith("tidak-ada.yml:1:1: error: berkas tidak dapat dibaca")


# ---------------------------------------------------------------- keys and documents


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("? [a]\n: x\n", (1, 3)),
        ("{a: 1}: x\n", (1, 1)),
        ("title: Modul\n? {a: 1}\n: x\n", (2, 3)),
    ],
)
def test_non_text_keys_are_refused(text, at):
    (problem,) = refused(text)
    assert where(problem) == at
    assert "nama kolom harus berupa teks" in problem.message


def test_empty_key_is_refused():
    (problem,) = refused("title: Modul\n? \n: x\n")
    assert problem.line == 2
    assert "nama kolom kosong" in problem.message


@pytest.mark.parametrize(
    ("text", "line"),
    [("title: a\n---\ntitle: b\n", 2), ("---\ntitle: a\n---\ntitle: b\n", 3)],
)
def test_multiple_documents_are_refused(text, line):
    (problem,) = refused(text)
    assert where(problem) == (line, 1)
    assert "lebih dari satu dokumen" in problem.message


def test_a_single_explicit_document_is_accepted():
    doc, problems = parse("---\ntitle: a\n...\n")
    assert problems == []
    assert doc.data == {"title": "a"}


# ---------------------------------------------------------------- BOM and CRLF

SAMPLE = (
    "title: Pelayanan Prima\n"
    "description: |\n"
    "  Baris satu\n"
    "  Baris dua\n"
    "offerings:\n"
    "  - id: angkatan-1\n"
    "    start: 2026-02-10 08:00\n"
    "    tags: [a, 'b c']\n"
)


@pytest.mark.parametrize(
    "variant",
    [
        lambda s: b"\xef\xbb\xbf" + s.encode(),
        lambda s: s.replace("\n", "\r\n").encode(),
        lambda s: b"\xef\xbb\xbf" + s.replace("\n", "\r\n").encode(),
    ],
    ids=["bom", "crlf", "bom+crlf"],
)
def test_bom_and_crlf_give_the_same_data_and_positions(variant):
    plain, problems = parse(SAMPLE)
    assert problems == []
    other, problems = parse(variant(SAMPLE))
    assert problems == []
    assert other.data == plain.data
    assert other.data["description"] == "Baris satu\nBaris dua\n"
    assert other.values == plain.values
    assert other.keys == plain.keys


@pytest.mark.parametrize(
    "text",
    [
        "title: a\nsummary: b\ntitle: c\n",
        "title: a\nsummary: &x b\n",
        "title: a\nsummary: 'b\n",
        "title: a\n\tsummary: b\n",
        "title: a\nb: c: d\n",
    ],
)
def test_bom_and_crlf_give_the_same_problem_positions(text):
    expected = [where(p) for p in refused(text)]
    crlf = text.replace("\n", "\r\n")
    assert [where(p) for p in refused(b"\xef\xbb\xbf" + crlf.encode())] == expected
    assert [where(p) for p in refused(crlf)] == expected


def test_non_utf8_line_is_the_same_with_crlf():
    (problem,) = refused(b"a: 1\r\nb: 2\r\nc: \xe9\r\n")
    assert where(problem) == (3, 4)


# ---------------------------------------------------------------- syntax errors


@pytest.mark.parametrize(
    ("text", "at", "fragment"),
    [
        ("title: Modul\nsummary: Catatan: penting\n", (2, 17), "titik dua"),
        ("title: Modul\nsummary: 'belum ditutup\njp: 8\n", (2, 10), "tanda kutip belum ditutup"),
        ("topics:\n  - satu\n - dua\n", (3, 2), "indentasi"),
        ("title: Modul\n  summary: x\n", (2, 3), "kolom 'summary' menjorok 2 spasi"),
        ("topics: [satu, dua\njp: 8\n", (2, 3), "kurung siku"),
        ("contact: {name: Budi\njp: 8\n", (2, 3), "kurung kurawal"),
        ("title: `Modul`\n", (1, 8), "tanda kutip"),
        ('title: "C:\\qurikulum"\n', (1, 11), "garis miring terbalik"),
        ("- satu\ntitle: x\n", (2, 1), "butir daftar"),
    ],
)
def test_syntax_error_gives_line_column_and_indonesian_fix(text, at, fragment):
    (problem,) = refused(text)
    assert where(problem) == at
    assert fragment in problem.message
    assert problem.message.endswith(".")
    for english in ("mapping values", "could not find", "while scanning", "expected"):
        assert english not in problem.message


def test_problems_are_formatted_as_path_line_col():
    doc, problems = parse_yaml(b"title: a\ntitle: b\n", display="cur/usu/modules/x.yml")
    assert problems[0].format() == (
        "cur/usu/modules/x.yml:2:1: error: title: kolom 'title' ditulis dua kali "
        "(pertama di baris 1); hapus salah satunya."
    )
