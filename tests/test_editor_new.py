"""`kurikulum new`: commented templates written from the model, and a new editor's first module.

The template lists every field of the model with its description and an
example; required fields are left empty, so `kurikulum check` names each one
to fill, at its line. The end-to-end test plays a new editor: `new module`,
fill the required fields, `check` clean, `build`, and the page shows the values.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, run_check

from generator.cli import main
from generator.scaffold import KINDS, example_of, fields, template
from generator.yamlio import parse_yaml

pytest.register_assert_rewrite("sitehelpers")
from sitehelpers import SAMPLE_EPOCH, run_cli  # noqa: E402

RECORD_KINDS = ["module", "program", "internship", "forum"]
SCHEMA_RE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")


def required_fields(kind: str) -> list[str]:
    model = KINDS[kind][0]
    return [name for name, info in model.model_fields.items() if info.is_required()]


def new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", *args])
    return result.exit_code, result.output


# ---------------------------------------------------------------- the template


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_template_shows_every_field_of_the_model(kind):
    text = template(kind, key="usu/contoh" if kind != "partner" else "usu", schema="x.json")
    for doc in fields(KINDS[kind][0]):
        assert re.search(rf"^[# ]*(- )?{doc.name}:", text, re.M), f"{doc.path} missing"
        first_line = doc.description.split()[:3]
        assert " ".join(first_line) in " ".join(text.split()), f"{doc.path}: no description"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_required_fields_are_empty_and_the_rest_commented_out(kind):
    text = template(kind, key="usu/contoh" if kind != "partner" else "usu", schema=None)
    doc, problems = parse_yaml(text.encode())
    assert not problems
    required = required_fields(kind)
    assert set(doc.data) == set(required)  # only the required keys are active
    for name in required:
        value = doc.data[name]
        # A required record (a forum's schedule) is written with its own required keys empty.
        assert value is None or all(v is None for v in value.values()), name


def uncomment_all(text: str, names: set[str]) -> str:
    """What an editor gets by uncommenting every optional field (Ctrl+/ on each block).

    A block starts at a commented key line (`# level: dasar`, `  # until: ...`) and
    takes the following commented lines that are indented deeper than its key.
    """
    lines = text.splitlines()
    key = re.compile(r"^(\s*)# ([a-z_]+):( |$)")
    i = 0
    while i < len(lines):
        m = key.match(lines[i])
        if not m or m[2] not in names:
            i += 1
            continue
        prefix = f"{m[1]}# "
        lines[i] = m[1] + lines[i][len(prefix) :]
        i += 1
        while i < len(lines) and lines[i].startswith(prefix + " "):
            lines[i] = m[1] + lines[i][len(prefix) :]
            i += 1
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_uncommenting_the_optional_fields_gives_their_examples(kind):
    key = "usu/contoh" if kind != "partner" else "usu"
    names = {doc.name for doc in fields(KINDS[kind][0])}
    text = uncomment_all(template(kind, key=key, schema=None), names)
    doc, problems = parse_yaml(text.encode())
    assert not problems, problems
    filled, _ = parse_yaml(template(kind, key=key, schema=None, filled=True).encode())
    assert set(doc.data) == set(filled.data)
    for name, value in doc.data.items():
        if isinstance(value, dict):  # a required record: its optional fields uncommented
            value = {k: v for k, v in value.items() if v is not None}
            assert value.items() <= filled.data[name].items(), name
        elif value is not None:  # None: a required field, still to fill
            assert value == filled.data[name], name


def test_every_example_is_explicit():
    """A field added to the model needs an example in scaffold.EXAMPLES (or a typed default)."""
    from generator.guide import TABLES

    for model in TABLES.values():
        for doc in fields(model):
            assert example_of(doc.owner, doc.name, doc.shape) not in (None, "", [])


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_filled_examples_pass_check(make_curriculum, kind):
    """The example values are coherent: uncommented as they are, they raise no problem."""
    folder = KINDS[kind][1]
    text = template(kind, key="usu/contoh", schema=None, filled=True)
    root = make_curriculum({f"usu/{folder}/contoh.yml": text})
    assert [p.format() for p in run_check(root)] == []


def test_filled_partner_example_passes_check(make_curriculum):
    root = make_curriculum(
        {"baru/partner.yml": template("partner", key="baru", schema=None, filled=True)}
    )
    assert [p.format() for p in run_check(root)] == []


# ---------------------------------------------------------------- the command


def test_new_module_then_check_names_each_required_field(make_curriculum):
    root = make_curriculum()
    code, out = new("module", "usu/analisis-data", "--curriculum", str(root))
    assert code == 0, out
    path = root / "usu/modules/analisis-data.yml"
    assert f"Dibuat: {path.as_posix()}" in out
    text = path.read_text(encoding="utf-8")
    assert SCHEMA_RE.match(text)
    problems = [p for p in run_check(root) if p.path.endswith("analisis-data.yml")]
    assert sorted(p.field for p in problems) == sorted(required_fields("module"))
    lines = text.splitlines()
    for problem in problems:
        assert problem.is_error
        assert "masih kosong" in problem.message
        assert lines[problem.line - 1] == f"{problem.field}:"  # the line to fill


def test_new_forum_names_the_required_fields_of_its_schedule(make_curriculum):
    root = make_curriculum()
    code, out = new("forum", "usu/forum-baru", "--curriculum", str(root))
    assert code == 0, out
    fields_named = {p.field for p in run_check(root) if p.path.endswith("forum-baru.yml")}
    assert fields_named == {"title", "summary", "schedule.first", "schedule.duration_minutes"}


def test_new_refuses_to_overwrite(make_curriculum):
    root = make_curriculum()
    path = root / "usu/modules/pelayanan-prima.yml"
    before = path.read_bytes()
    code, out = new("module", "usu/pelayanan-prima", "--curriculum", str(root))
    assert code == 1
    assert "sudah ada dan tidak ditimpa" in out
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["module", "usu/Analisis Data"],
            "id 'Analisis Data' tidak sah; gunakan huruf kecil, angka dan tanda hubung saja, misalnya 'analisis-data'.",
        ),
        (
            ["module", "USU/x"],
            "id mitra 'USU' tidak sah; gunakan huruf kecil, angka dan tanda hubung saja, misalnya 'usu'.",
        ),
        (["partner", "Politeknik Baru"], "misalnya 'politeknik-baru'"),
        (
            ["module", "analisis-data"],
            "tulis MITRA/ID, misalnya `kurikulum new module usu/analisis-data`",
        ),
        (
            ["module", "uus/x"],
            "mitra 'uus' belum ada di cur/. Mungkin maksud Anda 'usu'? Untuk mitra baru, jalankan dulu `kurikulum new partner uus`.",
        ),
        (["modl", "usu/x"], "jenis 'modl' tidak dikenal. Mungkin maksud Anda 'modul'?"),
        (["partner", "usu/x"], "tulis id mitra saja"),
    ],
    ids=[
        "bad-id",
        "bad-partner-id",
        "bad-partner",
        "no-partner",
        "unknown-partner",
        "bad-kind",
        "partner-with-slash",
    ],
)
def test_new_refuses_bad_requests_in_indonesian(make_curriculum, args, message):
    root = make_curriculum()
    before = sorted(root.rglob("*"))
    code, out = new(*args, "--curriculum", "cur")
    assert code == 1
    assert out.startswith("Galat: ")
    assert message in out
    assert sorted(root.rglob("*")) == before


def test_new_creates_missing_folders_and_accepts_indonesian_kinds(make_curriculum):
    root = make_curriculum()
    assert not (root / "unimed/internships").exists()
    code, out = new("magang", "unimed/magang-lab", "--curriculum", str(root))
    assert code == 0, out
    assert (root / "unimed/internships/magang-lab.yml").is_file()
    code, out = new("mitra", "polmed", "--curriculum", str(root))
    assert code == 0, out
    text = (root / "polmed/partner.yml").read_text(encoding="utf-8")
    assert SCHEMA_RE.match(text)[1].endswith("/data/schema/partner.schema.json")


def test_schema_line_points_at_the_published_site(tmp_path, monkeypatch):
    """With `url` in site_config.yml, at the schema the portal publishes; else at a local build."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "curriculum/usu").mkdir(parents=True)
    config = tmp_path / "site_config.yml"
    config.write_text("title: T\ndescription: D\nurl: https://portal.example.go.id/sub/\n")
    assert new("module", "usu/a")[0] == 0
    first = Path("curriculum/usu/modules/a.yml").read_text().splitlines()[0]
    assert first == (
        "# yaml-language-server: "
        "$schema=https://portal.example.go.id/sub/data/schema/module.schema.json"
    )
    config.write_text("title: T\ndescription: D\noutput: public\n")
    assert new("program", "usu/b")[0] == 0
    path = Path("curriculum/usu/programs/b.yml")
    ref = SCHEMA_RE.match(path.read_text())[1]
    assert ref == "../../../public/data/schema/program.schema.json"
    assert (path.parent / ref).resolve() == (tmp_path / "public/data/schema/program.schema.json")


def test_new_is_documented_in_the_cli_help():
    result = CliRunner().invoke(main, ["--help"])
    assert "new" in result.output
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0 and "MITRA/ID" in result.output


# ---------------------------------------------------------------- a new editor, start to finish

FILL = {
    "title": "Keterbukaan Informasi Publik untuk PPID",
    "summary": "Mengelola permohonan informasi publik sesuai UU 14/2008.",
    "method": "bimtek",
    "mode": "campuran",
    "jp": "18",
    "competency_type": "teknis",
}


def test_a_new_editor_adds_a_module_and_sees_it_on_the_site(tmp_path):
    """new module → fill the required fields → check clean → build → the page shows them."""
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copytree(REPO / "curriculum", work / "curriculum")
    shutil.copy(REPO / "site_config.yml", work / "site_config.yml")

    made = run_cli("new", "module", "usu/keterbukaan-informasi", cwd=work)
    assert made.returncode == 0, made.stderr
    path = work / "curriculum/usu/modules/keterbukaan-informasi.yml"
    assert path.is_file()

    # Before filling: check fails and names every required field.
    first = run_cli("check", cwd=work)
    assert first.returncode == 1
    for name in FILL:
        assert (
            "keterbukaan-informasi.yml:" in first.stdout
            and f" {name}: kolom wajib '{name}'" in first.stdout
        )

    # The editor fills each empty required key, in place, and uncomments one optional field.
    text = path.read_text(encoding="utf-8")
    for name, value in FILL.items():
        text, count = re.subn(rf"^{name}:$", f"{name}: {value}", text, flags=re.M)
        assert count == 1, name
    text, count = re.subn(r"^# level: dasar$", "level: menengah", text, flags=re.M)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["title"] == FILL["title"]

    checked = run_cli("check", cwd=work)
    assert checked.returncode == 0, checked.stdout
    assert "tidak ada masalah" in checked.stdout

    built = run_cli("build", "--output", str(work / "site"), cwd=work, epoch=SAMPLE_EPOCH)
    assert built.returncode == 0, built.stdout + built.stderr
    page = work / "site/modul/usu/keterbukaan-informasi/index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert FILL["title"] in html
    assert FILL["summary"] in html
    assert "18 JP" in html
    assert "Bimbingan Teknis" in html  # method: bimtek, by its label
    assert "Campuran" in html
    assert "Menengah" in html
    assert "DRAF" not in html
