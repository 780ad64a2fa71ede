"""What an editor reads for the everyday slips: the exact lines `kurikulum check` prints.

Each case bends the base curriculum (tests/conftest.py) the way an editor following
docs/panduan-editor.md does by mistake, and pins every line printed for it: the
position of the offending value, plain Indonesian, and a fix written from the
editor's own data (their date in the right order, their text quoted, their list
items each on a line). One slip gives one message, not a cascade.
"""

from __future__ import annotations

import pytest
from conftest import BASE_FILES, edit_base

from generator.problems import did_you_mean

PRIMA = "usu/modules/pelayanan-prima.yml"
FORUM = "usu/forums/forum-pelayanan.yml"
PROGRAM = "usu/programs/jalur-pelayanan.yml"
PARTNER = "usu/partner.yml"
MP = f"cur/{PRIMA}"


edit = edit_base


START = ("start: 2026-02-10 08:00\n    end", "start: {}\n    end")


def start(value: str) -> dict[str, str]:
    return edit(PRIMA, (START[0], START[1].format(value)))


CASES = [
    # ------------------------------------------------------------ indentation
    (
        "map-key-one-space-deeper",
        edit(PRIMA, ("  email: pelatihan@usu.ac.id", "   email: pelatihan@usu.ac.id")),
        [
            f"{MP}:22:4: error: kolom 'email' menjorok 3 spasi, lebih dalam daripada baris 21 "
            "di atasnya (2 spasi), sehingga terbaca sebagai lanjutan nilai baris itu; samakan "
            "jumlah spasinya dengan kolom yang setingkat."
        ],
    ),
    (
        "top-level-key-indented",
        edit(PRIMA, ("mode: luring", " mode: luring")),
        [
            f"{MP}:8:2: error: kolom 'mode' menjorok 1 spasi, lebih dalam daripada baris 7 di "
            "atasnya (0 spasi), sehingga terbaca sebagai lanjutan nilai baris itu; samakan "
            "jumlah spasinya dengan kolom yang setingkat."
        ],
    ),
    (
        "offering-key-one-space-less",
        edit(PRIMA, ("    end: 2026-02-12 16:00", "   end: 2026-02-12 16:00")),
        [
            f"{MP}:28:4: error: indentasi tidak sejajar: baris ini menjorok 3 spasi, baris 27 "
            "di atasnya 4 spasi; kolom dan butir daftar yang setingkat harus menjorok sama "
            "banyak, samakan jumlah spasinya."
        ],
    ),
    (
        "list-item-one-space-deeper",  # silently read as 'Standar pelayanan - Pengelolaan ...'
        edit(PRIMA, ("  - Pengelolaan keluhan", "   - Pengelolaan keluhan")),
        [
            f"{MP}:16:4: error: topics[0]: butir daftar ini menjorok 3 spasi, lebih dalam "
            "daripada baris 15 di atasnya (2 spasi), sehingga terbaca sebagai lanjutan teks "
            "'Standar pelayanan'; samakan jumlah spasinya dengan butir di atasnya."
        ],
    ),
    (
        "list-item-without-dash",
        edit(
            PRIMA,
            ("  - Pengelolaan keluhan", "  Pengelolaan keluhan\n  - Survei kepuasan"),
        ),
        [
            f"{MP}:16:3: error: baris ini tidak diawali '- ' seperti butir daftar di atasnya; "
            "tulis '- Pengelolaan keluhan' dengan indentasi yang sama (2 spasi)."
        ],
    ),
    # ------------------------------------------------------------ punctuation
    (
        "colon-inside-title",
        edit(PRIMA, ("title: Pelayanan Prima", "title: Pelayanan Prima: Dasar")),
        [
            f"{MP}:1:23: error: ada titik dua (:) di dalam nilai; apit seluruh nilainya dengan "
            "tanda kutip: 'title: \"Pelayanan Prima: Dasar\"'."
        ],
    ),
    (
        "colon-in-multi-line-text",
        edit(
            PRIMA,
            (
                "summary: Dasar-dasar pelayanan publik yang cepat dan ramah.",
                "summary:\n  Dasar-dasar pelayanan publik\n  dengan hasil: cepat dan ramah.",
            ),
        ),
        [
            f"{MP}:4:15: error: ada titik dua (:) di dalam teks yang ditulis lebih dari satu "
            "baris; tulis teks itu sebagai blok: ubah baris 2 menjadi 'summary: |', lalu tulis "
            "teksnya di baris-baris berikutnya, menjorok dua spasi."
        ],
    ),
    (
        "no-space-after-colon",
        edit(PRIMA, ("mode: luring", "mode:luring")),
        [f"{MP}:8:6: error: setelah titik dua harus ada satu spasi; tulis 'mode: luring'."],
    ),
    (
        "list-as-comma-text",
        edit(
            PRIMA,
            (
                "topics:\n  - Standar pelayanan\n  - Pengelolaan keluhan",
                "topics: Standar pelayanan, Pengelolaan keluhan",
            ),
        ),
        [
            f"{MP}:14:9: error: topics: harus berupa daftar, bukan teks; tulis setiap butir "
            "pada baris sendiri, menjorok dua spasi dan diawali '- ': '- Standar pelayanan', "
            "'- Pengelolaan keluhan'."
        ],
    ),
    # ------------------------------------------------------------ dates
    (
        "date-day-first-with-slashes",
        start("10/02/2026"),
        [
            f"{MP}:27:12: error: offerings[0].start: waktu '10/02/2026' tidak sah; tulis "
            "menjadi 2026-02-10 (tahun-bulan-hari)."
        ],
    ),
    (
        "date-in-words",
        start("10 Februari 2026 08.00"),
        [
            f"{MP}:27:12: error: offerings[0].start: waktu '10 Februari 2026 08.00' tidak sah; "
            "tulis menjadi 2026-02-10 08:00 (tahun-bulan-hari jam:menit; jam tanpa zona "
            "berarti WIB)."
        ],
    ),
    (
        "date-without-leading-zeros",
        start("2026-2-10"),
        [
            f"{MP}:27:12: error: offerings[0].start: waktu '2026-2-10' tidak sah; tulis "
            "menjadi 2026-02-10 (tahun-bulan-hari)."
        ],
    ),
    (
        "time-with-wib",
        start("2026-02-10 08:00 WIB"),
        [
            f"{MP}:27:12: error: offerings[0].start: waktu '2026-02-10 08:00 WIB' tidak sah; "
            "tulis menjadi 2026-02-10 08:00 (tahun-bulan-hari jam:menit; jam tanpa zona "
            "berarti WIB)."
        ],
    ),
    (
        "time-with-wita",
        start("2026-02-10 8.00 WITA"),
        [
            f"{MP}:27:12: error: offerings[0].start: waktu '2026-02-10 8.00 WITA' tidak sah; "
            "tulis menjadi 2026-02-10T08:00+08:00 (tahun-bulan-hari, jam:menit, zona)."
        ],
    ),
    (
        "range-of-hours",  # was: "zona waktu '-16:00' ... tidak ada"
        start("2026-02-10 08:00-16:00"),
        [
            f"{MP}:27:12: error: offerings[0].start: '2026-02-10 08:00-16:00' memuat rentang "
            "jam; tulis satu waktu saja, 2026-02-10 08:00, dan jam selesai (16:00) pada kolom "
            "pasangannya (start dan end, atau duration_minutes untuk forum)."
        ],
    ),
    (
        "registration-date-with-dots",
        edit(PRIMA, ("opens: 2026-01-05", "opens: 05.01.2026")),
        [
            f"{MP}:39:14: error: offerings[0].registration.opens: tanggal '05.01.2026' tidak "
            "sah; tulis menjadi 2026-01-05 (tahun-bulan-hari)."
        ],
    ),
    (
        "end-before-start-once",  # not once more per session
        edit(
            PRIMA,
            ("end: 2026-02-12 16:00", "end: 2026-02-01 16:00"),
            (
                "        end: 2026-02-10 16:00",
                "        end: 2026-02-10 16:00\n"
                "      - start: 2026-02-11 08:00\n        end: 2026-02-11 16:00",
            ),
        ),
        [
            f"{MP}:28:10: error: offerings[0].end: selesai (2026-02-01 16:00 WIB) sebelum "
            "mulai (2026-02-10 08:00 WIB); periksa kedua tanggal (sesi-sesinya berlangsung "
            "2026-02-10 08:00 WIB – 2026-02-11 16:00 WIB)."
        ],
    ),
    (
        "session-ends-after-its-offering",
        edit(PRIMA, ("        end: 2026-02-10 16:00", "        end: 2026-02-13 16:00")),
        [
            f"{MP}:32:14: error: offerings[0].sessions[0].end: sesi (2026-02-10 08:00 WIB – "
            "2026-02-13 16:00 WIB) berada di luar angkatannya (2026-02-10 08:00 WIB – "
            "2026-02-12 16:00 WIB); sesuaikan tanggal sesi atau angkatan."
        ],
    ),
    # ------------------------------------------------------------ names and values
    (
        "field-in-indonesian",  # and no second line "title belum diisi"
        edit(PRIMA, ("title: Pelayanan Prima", "judul: Pelayanan Prima")),
        [
            f"{MP}:1:1: error: judul: kolom 'judul' tidak dikenal. Mungkin maksud Anda "
            "'title'? Hapus atau perbaiki namanya."
        ],
    ),
    (
        "field-misspelled",
        edit(PRIMA, ("summary: Dasar", "sumary: Dasar")),
        [
            f"{MP}:2:1: error: sumary: kolom 'sumary' tidak dikenal. Mungkin maksud Anda "
            "'summary'? Hapus atau perbaiki namanya."
        ],
    ),
    (
        "nested-field-in-indonesian",
        edit(PRIMA, ("      city: Medan", "      kota: Medan")),
        [
            f"{MP}:35:7: error: offerings[0].venue.kota: kolom 'kota' tidak dikenal. Mungkin "
            "maksud Anda 'city'? Hapus atau perbaiki namanya."
        ],
    ),
    (
        "method-diklat",
        edit(PRIMA, ("method: pelatihan", "method: diklat")),
        [
            f"{MP}:7:9: error: method: nilai 'diklat' tidak dikenal; pilih salah satu: "
            "pelatihan, seminar, workshop, kursus, bimtek, e-learning, coaching, mentoring, "
            "magang, forum-diskusi. Mungkin maksud Anda 'pelatihan'?"
        ],
    ),
    (
        "mode-online",
        edit(PRIMA, ("mode: luring", "mode: online")),
        [
            f"{MP}:8:7: error: mode: nilai 'online' tidak dikenal; pilih salah satu: luring, "
            "daring, campuran. Mungkin maksud Anda 'daring'?"
        ],
    ),
    (
        "status-in-indonesian",
        edit(PRIMA, ("    quota: 30", "    quota: 30\n    status: dibatalkan")),
        [
            f"{MP}:37:13: error: offerings[0].status: nilai 'dibatalkan' tidak dikenal; pilih "
            "salah satu: scheduled, cancelled, postponed. Mungkin maksud Anda 'cancelled'?"
        ],
    ),
    (
        "full-ya",
        edit(PRIMA, ("    quota: 30", "    quota: 30\n    full: ya")),
        [
            f"{MP}:37:11: error: offerings[0].full: nilai 'ya' tidak dikenal; tulis true untuk "
            "ya, atau false untuk tidak."
        ],
    ),
    # ------------------------------------------------------------ addresses
    (
        "url-without-https",
        edit(PRIMA, ("url: https://www.usu.ac.id/daftar", "url: www.usu.ac.id/daftar")),
        [
            f"{MP}:38:12: error: offerings[0].registration.url: alamat 'www.usu.ac.id/daftar' "
            "tidak diawali https:// (atau http://, mailto:); tulis "
            "'https://www.usu.ac.id/daftar'."
        ],
    ),
    (
        "email-without-at",
        edit(PRIMA, ("email: pelatihan@usu.ac.id", "email: pelatihan.usu.ac.id")),
        [
            f"{MP}:22:10: error: contact.email: alamat surel 'pelatihan.usu.ac.id' tidak memuat "
            "tanda @; tulis alamat lengkap, misalnya pelatihan@usu.ac.id."
        ],
    ),
    (
        "phone-in-words",
        edit(PRIMA, ("  phone: 0618211633", "  phone: hubungi sekretariat")),
        [
            f"{MP}:23:10: error: contact.phone: nomor telepon 'hubungi sekretariat' tidak sah; "
            "tulis nomornya dengan angka, misalnya 061-8211633 atau +62 812 6000 1234."
        ],
    ),
    # ------------------------------------------------------------ forums
    (
        "recurrence-in-words",
        edit(FORUM, ("recurrence: FREQ=MONTHLY;BYDAY=2TH", "recurrence: Kamis kedua setiap bulan")),
        [
            f"cur/{FORUM}:6:15: error: schedule.recurrence: aturan pengulangan 'Kamis kedua "
            "setiap bulan' ditulis dengan kata-kata; tulis dalam bentuk RRULE (bagian "
            "NAMA=NILAI dipisah titik koma), misalnya FREQ=MONTHLY;BYDAY=2TH."
        ],
    ),
    (
        "recurrence-day-name",
        edit(FORUM, ("BYDAY=2TH", "BYDAY=2KAMIS")),
        [
            f"cur/{FORUM}:6:15: error: schedule.recurrence: aturan pengulangan "
            "'FREQ=MONTHLY;BYDAY=2KAMIS': BYDAY berisi '2KAMIS' yang bukan kode hari (untuk "
            "2KAMIS tulis 2TH); gunakan MO (Senin), TU (Selasa), WE (Rabu), TH (Kamis), FR "
            "(Jumat), SA (Sabtu), SU (Minggu), boleh diawali urutan, misalnya 2TH (Kamis "
            "kedua) atau -1FR (Jumat terakhir). Contoh aturan yang sah: FREQ=MONTHLY;BYDAY=2TH "
            "(Kamis kedua setiap bulan)."
        ],
    ),
    # ------------------------------------------------------------ files
    (
        "yaml-suffix-without-cascade",  # the program's reference is not reported again
        {
            "usu/modules/pelayanan-lanjut.yml": None,
            "usu/modules/pelayanan-lanjut.yaml": BASE_FILES["usu/modules/pelayanan-lanjut.yml"],
        },
        [
            "cur/usu/modules/pelayanan-lanjut.yaml:1:1: error: gunakan akhiran .yml, bukan "
            ".yaml; ganti nama menjadi pelayanan-lanjut.yml."
        ],
    ),
    (
        "folder-typo-without-cascade",
        {
            PRIMA: None,
            "usu/modul/pelayanan-prima.yml": BASE_FILES[PRIMA],
        },
        [
            "cur/usu/modul:1:1: error: folder 'modul' tidak dikenal. Mungkin maksud Anda "
            "'modules'? Gunakan modules, programs, internships, forums."
        ],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_what_the_editor_reads(check, files, expected):
    assert [p.format() for p in check(files)] == expected


def test_several_mistakes_are_all_reported_in_one_run(check):
    files = {
        **edit(
            PRIMA,
            ("summary: Dasar", "sumary: Dasar"),
            ("mode: luring", "mode: online"),
            ("jp: 24", "jp: 24 JP"),
            ("end: 2026-02-12 16:00", "end: 12-02-2026"),
        ),
        **edit(PROGRAM, ("  - pelayanan-lanjut", "  - pelayanan-lanjt")),
    }
    assert [p.format() for p in check(files)] == [
        f"{MP}:2:1: error: sumary: kolom 'sumary' tidak dikenal. Mungkin maksud Anda "
        "'summary'? Hapus atau perbaiki namanya.",
        f"{MP}:8:7: error: mode: nilai 'online' tidak dikenal; pilih salah satu: luring, "
        "daring, campuran. Mungkin maksud Anda 'daring'?",
        f"{MP}:9:5: error: jp: '24 JP' bukan bilangan bulat; tulis angka saja, misalnya 24.",
        f"{MP}:28:10: error: offerings[0].end: waktu '12-02-2026' tidak sah; tulis menjadi "
        "2026-02-12 (tahun-bulan-hari).",
        f"cur/{PROGRAM}:6:5: error: modules[1]: modul 'pelayanan-lanjt' tidak ditemukan di "
        "mitra 'usu'; untuk mitra lain tulis 'mitra/pelayanan-lanjt'. Mungkin maksud Anda "
        "'pelayanan-lanjut'?",
    ]


def test_a_date_only_field_is_told_to_drop_the_time(check):
    path = "usu/internships/magang-akademik.yml"
    files = edit(path, ("start: 2026-04-01", "start: 2026-04-01 08:00"))
    assert [p.format() for p in check(files)] == [
        f"cur/{path}:6:8: error: start: kolom ini berisi tanggal saja, tanpa jam; tulis 2026-04-01."
    ]


def test_a_reference_is_never_answered_with_a_name_that_is_not_an_id(check):
    files = {
        "usu/modules/Pelayanan Lanjut.yml": BASE_FILES["usu/modules/pelayanan-lanjut.yml"],
        "usu/modules/pelayanan-lanjut.yml": None,
    }
    lines = [p.format() for p in check(files)]
    assert any("nama berkas 'Pelayanan Lanjut' bukan id yang sah" in line for line in lines)
    assert not any("Mungkin maksud Anda 'Pelayanan Lanjut'" in line for line in lines), lines


@pytest.mark.parametrize(
    ("word", "choices", "meant"),
    [
        ("judul", ["title", "summary"], "title"),
        ("Ringkasan", ["title", "summary"], "summary"),
        ("tatap muka", ["luring", "daring", "campuran"], "luring"),
        ("Hybrid", ["luring", "daring", "campuran"], "campuran"),
        ("Perguruan Tinggi", ["universitas", "politeknik"], "universitas"),
        ("jadwal", ["first", "schedule"], "schedule"),  # a forum has no offerings
    ],
)
def test_everyday_words_are_answered_with_the_format_s_name(word, choices, meant):
    assert did_you_mean(word, choices) == meant


def test_a_synonym_is_only_suggested_where_it_is_a_choice():
    assert did_you_mean("online", ["pelatihan", "seminar"]) is None


def test_new_with_an_unquoted_name_answers_in_indonesian(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    (tmp_path / "curriculum" / "usu").mkdir(parents=True)
    (tmp_path / "curriculum" / "usu" / "partner.yml").write_text(BASE_FILES[PARTNER])
    result = CliRunner().invoke(
        main,
        ["new", "module", "usu/Analisis", "Baru", "--config",
         str(tmp_path / "site_config.yml"), "--curriculum", str(tmp_path / "curriculum")],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "Got unexpected" not in result.output
    assert "id 'Analisis Baru' tidak sah" in result.output
    assert "'analisis-baru'" in result.output
    assert not (tmp_path / "curriculum" / "usu" / "modules").exists()


def test_a_mistyped_year_that_makes_a_long_offering_is_pointed_out(check):
    files = edit(PRIMA, ("end: 2026-02-12 16:00", "end: 2062-02-12 16:00"))
    assert [p.format() for p in check(files)] == [
        f"{MP}:28:10: warning: offerings[0].end: berlangsung sekitar 36 tahun "
        "(2026-02-10 08:00 WIB – 2062-02-12 16:00 WIB); periksa tahunnya bila bukan itu yang dimaksud."
    ]


def test_a_year_long_e_learning_is_not_questioned(check):
    assert check(edit(PRIMA, ("end: 2026-02-12 16:00", "end: 2026-12-31 16:00"))) == []


def test_an_internship_over_a_year_long_is_pointed_out(check):
    path = "usu/internships/magang-akademik.yml"
    files = edit(path, ("end: 2026-04-30", "end: 2027-06-30"))
    assert [p.format() for p in check(files)] == [
        f"cur/{path}:7:6: warning: end: berlangsung 456 hari (2026-04-01 – 2027-06-30); "
        "periksa tahunnya bila bukan itu yang dimaksud."
    ]
