"""The editor guide (docs/panduan-editor.md) tells the truth, and the site shows it at /panduan/.

- its field tables are the ones generated from the model (`python -m generator.guide`);
- every error it quotes is one the checker really prints, for the mistake it describes;
- every `kurikulum` command it tells editors to run exists.
"""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner
from conftest import BASE_FILES, REPO, run_check

from generator.cli import main
from generator.guide import GUIDE_NAME, TABLES, field_table, guide_html, guide_text, refresh
from generator.scaffold import fields

GUIDE = (REPO / GUIDE_NAME).read_text(encoding="utf-8")
PRIMA = "usu/modules/pelayanan-prima.yml"
LANJUT = "usu/modules/pelayanan-lanjut.yml"


def test_field_tables_match_the_model():
    assert refresh(GUIDE) == GUIDE, "run: python -m generator.guide"


def test_guide_check_command_agrees(tmp_path):
    from generator.guide import main as guide_main

    assert guide_main(["--check"]) == 0


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_every_kind_has_its_table_and_every_field_a_row(kind):
    block = re.search(rf"<!-- kolom:{kind} -->\n(.*?)<!-- /kolom:{kind} -->", GUIDE, re.S)
    assert block, f"no table for {kind}"
    assert block[1] == field_table(kind)
    for doc in fields(TABLES[kind]):
        assert f"| `{doc.path}` |" in block[1]


def test_a_stale_table_is_detected():
    stale = GUIDE.replace("| `jp` | ya |", "| `jp` | tidak |", 1)
    assert stale != GUIDE and refresh(stale) == GUIDE


def _edit(path: str, old: str, new: str) -> dict[str, str]:
    text = BASE_FILES[path]
    assert old in text, old
    return {path: text.replace(old, new, 1)}


# (mistake, the files it touches, the message the guide quotes for it)
ERRORS = [
    ("field-typo", _edit(PRIMA, "method: pelatihan", "metod: pelatihan"),
     "kolom 'metod' tidak dikenal. Mungkin maksud Anda 'method'? Hapus atau perbaiki namanya."),
    ("required-missing", _edit(PRIMA, "method: pelatihan\n", ""),
     "kolom wajib 'method' belum diisi; tambahkan 'method: ...'."),
    ("enum-typo", _edit(PRIMA, "method: pelatihan", "method: pelatihn"),
     "nilai 'pelatihn' tidak dikenal; pilih salah satu: pelatihan, seminar, workshop, kursus, "
     "bimtek, e-learning, coaching, mentoring, magang, forum-diskusi. Mungkin maksud Anda "
     "'pelatihan'?"),
    ("empty-required", _edit(PRIMA, "title: Pelayanan Prima", "title:"),
     "kolom wajib 'title' masih kosong; tulis nilainya sesudah 'title:'."),
    ("jp-with-unit", _edit(PRIMA, "jp: 24", "jp: 24 JP"),
     "'24 JP' bukan bilangan bulat; tulis angka saja, misalnya 24."),
    ("date-format", _edit(PRIMA, "start: 2026-02-10 08:00\n    end", "start: 10-02-2026\n    end"),
     "waktu '10-02-2026' tidak sah; tulis menjadi 2026-02-10 (tahun-bulan-hari)."),
    ("time-only", _edit(PRIMA, "start: 2026-02-10 08:00\n    end", "start: 08:00\n    end"),
     "'08:00' adalah jam saja, bukan tanggal; tulis tanggal dan jam, misalnya 2026-02-10 08:00."),
    ("end-before-start", _edit(PRIMA, "end: 2026-02-12 16:00", "end: 2026-02-09"),
     "selesai (2026-02-09) sebelum mulai (2026-02-10 08:00 WIB); periksa kedua tanggal "
     "(sesi-sesinya berlangsung 2026-02-10 08:00 WIB – 2026-02-10 16:00 WIB)."),
    ("registration-after-start", _edit(PRIMA, "closes: 2026-02-03", "closes: 2026-02-11"),
     "pendaftaran ditutup (2026-02-11) setelah angkatan dimulai (2026-02-10 08:00 WIB); tutup "
     "pendaftaran paling lambat hari mulai."),
    ("reference-typo", _edit(LANJUT, "  - pelayanan-prima", "  - pelayanan-prim"),
     "modul prasyarat 'pelayanan-prim' tidak ditemukan di mitra 'usu'; untuk mitra lain tulis "
     "'mitra/pelayanan-prim'. Mungkin maksud Anda 'pelayanan-prima'?"),
    ("competency-typo", _edit(PRIMA, "  - pelayanan-publik", "  - pelayanan-publk"),
     "kompetensi 'pelayanan-publk' tidak ada di competencies.yml. Mungkin maksud Anda "
     "'pelayanan-publik'?"),
    ("colon-in-text", _edit(PRIMA, "summary: Dasar-dasar pelayanan publik yang cepat dan ramah.",
                            "summary: Catatan: pelayanan cepat"),
     "ada titik dua (:) di dalam nilai; apit seluruh nilainya dengan tanda kutip: "
     "'summary: \"Catatan: pelayanan cepat\"'."),
    ("indent-deeper", _edit(PRIMA, "  email: pelatihan@usu.ac.id", "   email: pelatihan@usu.ac.id"),
     "kolom 'email' menjorok 3 spasi, lebih dalam daripada baris 21 di atasnya (2 spasi), "
     "sehingga terbaca sebagai lanjutan nilai baris itu; samakan jumlah spasinya dengan kolom "
     "yang setingkat."),
    ("dash-missing", _edit(PRIMA, "  - Pengelolaan keluhan", "  Pengelolaan keluhan"),
     "baris ini tidak diawali '- ' seperti butir daftar di atasnya; tulis '- Pengelolaan "
     "keluhan' dengan indentasi yang sama (2 spasi)."),
    ("open-quote", _edit(PRIMA, "summary: Dasar-dasar pelayanan publik yang cepat dan ramah.",
                         'summary: "Dasar pelayanan'),
     "tanda kutip belum ditutup."),
    ("tab", _edit(PRIMA, "jp: 24", "jp:\t24"),
     "karakter tab tidak diizinkan; ganti dengan spasi (YAML memakai spasi untuk indentasi)."),
    ("duplicate-key", {PRIMA: BASE_FILES[PRIMA] + "jp: 30\n"},
     "kolom 'jp' ditulis dua kali (pertama di baris 9); hapus salah satunya."),
    ("text-for-list", _edit(PRIMA, "topics:\n  - Standar pelayanan\n  - Pengelolaan keluhan",
                            "topics: Standar pelayanan, Pengelolaan keluhan"),
     "harus berupa daftar, bukan teks; tulis setiap butir pada baris sendiri, menjorok dua "
     "spasi dan diawali '- ': '- Standar pelayanan', '- Pengelolaan keluhan'."),
    ("url-without-scheme", _edit(PRIMA, "url: https://www.usu.ac.id/daftar", "url: www.usu.ac.id/daftar"),
     "alamat 'www.usu.ac.id/daftar' tidak diawali https:// (atau http://, mailto:); tulis "
     "'https://www.usu.ac.id/daftar'."),
    ("file-name", {"usu/modules/Pelatihan Baru.yml": BASE_FILES[LANJUT].replace("  - pelayanan-prima\n", "")},
     "nama berkas 'Pelatihan Baru' bukan id yang sah; ganti namanya menjadi 'pelatihan-baru' "
     "(huruf kecil, angka, tanda hubung)."),
    ("yaml-suffix", {"usu/modules/x.yaml": "title: x\n"},
     "gunakan akhiran .yml, bukan .yaml; ganti nama menjadi x.yml."),
    ("odd-space", _edit(PRIMA, "mode: luring", "mode:\u00a0luring"),
     "karakter spasi tak terputus (U+00A0) sesudah titik dua nama kolom tidak dibaca sebagai "
     "spasi; hapus lalu ketik ulang dengan spasi biasa (karakter ini biasanya terbawa saat "
     "menyalin dari Word, Excel atau WhatsApp)."),
    ("invisible", _edit(PRIMA, "jp: 24", "jp: \u200b24"),
     "karakter tak terlihat U+200B (spasi lebar nol) tidak diizinkan (biasanya terbawa saat "
     "menyalin teks); hapus karakter itu."),
    ("glued-hash", _edit(PRIMA, "title: Pelayanan Prima", "title: Pelayanan Prima #Angkatan1"),
     "teks sesudah ' #' dibaca sebagai komentar, sehingga '#Angkatan1' tidak ikut dalam nilai; "
     "bila itu bagian dari teks, apit seluruh nilainya dengan tanda kutip: "
     "'title: \"Pelayanan Prima #Angkatan1\"'; bila itu catatan, beri spasi sesudah '#'."),
    ("folder-typo", {"usu/modul/y.yml": "title: y\n"},
     "folder 'modul' tidak dikenal. Mungkin maksud Anda 'modules'? Gunakan modules, programs, "
     "internships, forums."),
]  # fmt: skip


@pytest.mark.parametrize(("files", "message"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_each_error_the_guide_quotes_is_printed_by_the_checker(make_curriculum, files, message):
    problems = run_check(make_curriculum(files))
    assert message in [p.message for p in problems], "\n".join(p.format() for p in problems)
    assert message in GUIDE, "the guide does not quote this message as printed"


def test_the_guide_quotes_no_message_that_no_test_covers():
    """Every `error:` line in the guide is one of ERRORS (so none goes stale unnoticed)."""
    quoted = re.findall(r"^curriculum/\S+:\d+:\d+: error: (?:[\w.\[\]]+: )?(.+)$", GUIDE, re.M)
    covered = {message for _, _, message in ERRORS}
    assert quoted and set(quoted) <= covered, set(quoted) - covered


def test_every_command_the_guide_names_exists():
    commands = set(re.findall(r"^kurikulum (\S+)", GUIDE, re.M))
    commands |= set(re.findall(r"`kurikulum (\w+)", GUIDE))
    assert {"new", "check", "serve", "build"} <= commands
    for command in commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
    for line in re.findall(r"^kurikulum new .+$", GUIDE, re.M):
        kind, target = shlex.split(line)[2:4]
        assert kind in {"module", "program", "internship", "forum", "partner"}
        assert re.fullmatch(r"[a-z0-9-]+(/[a-z0-9-]+)?", target)


def test_guide_page_is_planned_and_rendered():
    from generator.catalog import Catalog
    from generator.pages import SECTIONS, plan
    from generator.render import render_page

    assert ("panduan/", "Panduan Editor") in SECTIONS
    catalog = Catalog.from_folder(config_path=REPO / "site_config.yml")
    page = next(p for p in plan(catalog) if p.url == "panduan/")
    html = render_page(page.template, {**page.context, "page": page, "page_url": page.url})
    assert html.count("<h1>") == 1 and "<h1>Panduan Editor</h1>" in html
    assert '<h2 id="galat-yang-sering-muncul-dan-cara-memperbaikinya">' in html
    assert html.count("<table>") == len(TABLES)
    assert "<td><code>offerings[].start</code></td>" in html
    assert "<!--" not in html and "kolom:module" not in html  # markers are comments
    assert "kolom wajib 'title' masih kosong" in html


def test_guide_html_is_sanitized():
    html = guide_html(
        "# Judul\n\n## Bagian\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
    )
    assert "<script" not in html and "javascript:" not in html
    assert "Judul" not in html  # the page prints its own h1
    assert '<h2 id="bagian">Bagian</h2>' in html


def test_without_the_guide_file_the_page_still_has_the_field_tables(tmp_path, monkeypatch):
    import generator.guide as guide

    monkeypatch.setattr(guide, "REPO", tmp_path)
    text = guide_text(tmp_path)
    assert text.startswith("# Panduan Editor")
    assert all(field_table(kind) in text for kind in TABLES)
