"""`kurikulum check` in the editor's terms: a did-you-mean wherever a name can be mistyped."""

from __future__ import annotations

import pytest
from conftest import BASE_FILES, module

from generator.problems import did_you_mean

M = "usu/modules/x.yml"
PARTNER = "usu/partner.yml"


@pytest.mark.parametrize(
    ("files", "field", "hint"),
    [
        ({M: module("levle: dasar\n")}, "levle", "'level'"),  # a field
        ({M: module("desc: Uraian.\n")}, "desc", "'description'"),  # a shortened field
        ({M: module(replace={"mode: luring": "mode: lurin"})}, "mode", "'luring'"),  # a value
        (
            {PARTNER: BASE_FILES[PARTNER].replace("kind: universitas", "kind: univ")},
            "kind",
            "'universitas'",
        ),  # a shortened value
        (
            {M: module("prerequisites:\n  - pelayanan-prim\n")},
            "prerequisites[0]",
            "'pelayanan-prima'",
        ),
        (
            {M: module("prerequisites:\n  - unimed/literasi-digitl\n")},
            "prerequisites[0]",
            "'unimed/literasi-digital'",
        ),
        (
            {M: module("competencies:\n  - literasi-digitl\n")},
            "competencies[0]",
            "'literasi-digital'",
        ),
    ],
    ids=["field", "short-field", "enum", "short-enum", "reference", "other-partner", "competency"],
)
def test_mistyped_names_get_a_suggestion(check, files, field, hint):
    problems = [p for p in check(files) if p.field == field]
    assert len(problems) == 1, problems
    assert f"Mungkin maksud Anda {hint}?" in problems[0].message


def test_an_ambiguous_prefix_gets_no_suggestion():
    assert did_you_mean("pel", ["pelatihan", "pelayanan"]) is None
    assert did_you_mean("ma", ["magang"]) is None  # too short to guess from


def test_an_empty_required_field_is_named_at_its_line(check):
    problems = check({M: module(replace={"title: Modul Uji": "title:"})})
    (p,) = [p for p in problems if p.path.endswith("x.yml")]
    assert (p.line, p.field) == (1, "title")
    assert p.message == "kolom wajib 'title' masih kosong; tulis nilainya sesudah 'title:'."


def test_a_missing_required_field_says_to_add_it(check):
    problems = check({M: module(replace={"title: Modul Uji\n": ""})})
    (p,) = [p for p in problems if p.path.endswith("x.yml")]
    assert p.message == "kolom wajib 'title' belum diisi; tambahkan 'title: ...'."
