"""Editor mistakes found by an audit of hand-edited and pasted YAML, and what `check` says.

Each case bends the base curriculum (tests/conftest.py) the way an editor does when
copying from Word, Excel, a PDF or WhatsApp, or when saving with the wrong editor
settings, and pins every line printed: the position of the mistake (not of the line
where YAML gave up), plain Indonesian, and a fix written from the editor's own text.
One slip gives one message, not a cascade over the files that refer to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE_FILES, edit_base

from generator.config import load_config

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import MINI_EPOCH, snapshot  # noqa: E402

pytest_plugins = ["sitehelpers"]

PRIMA = "usu/modules/pelayanan-prima.yml"
LANJUT = "usu/modules/pelayanan-lanjut.yml"
PROGRAM = "usu/programs/jalur-pelayanan.yml"
FORUM = "usu/forums/forum-pelayanan.yml"
PARTNER = "usu/partner.yml"


edit = edit_base


def prima(old: str, new: str) -> dict[str, str]:
    return edit(PRIMA, (old, new))


def start(value: str) -> dict[str, str]:
    """The first offering's start written as `value`."""
    old = "    start: 2026-02-10 08:00\n    end"
    return edit(PRIMA, (old, f"    start: {value}\n    end"))


CASES = [
    (
        "nbsp-in-indentation",
        prima("  email: pelatihan", "\u00a0 email: pelatihan"),
        [
            "cur/usu/modules/pelayanan-prima.yml:22:1: error: karakter spasi tak terputus "
            "(U+00A0) di awal baris (indentasi) tidak dibaca sebagai spasi; hapus lalu "
            "ketik ulang dengan spasi biasa (karakter ini biasanya terbawa saat menyalin "
            "dari Word, Excel atau WhatsApp).",
        ],
    ),
    (
        "nbsp-after-colon",
        prima("mode: luring", "mode:\u00a0luring"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:6: error: karakter spasi tak terputus "
            "(U+00A0) sesudah titik dua nama kolom tidak dibaca sebagai spasi; hapus lalu "
            "ketik ulang dengan spasi biasa (karakter ini biasanya terbawa saat menyalin "
            "dari Word, Excel atau WhatsApp).",
        ],
    ),
    (
        "nbsp-at-line-end",
        prima("mode: luring", "mode: luring\u00a0"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:13: error: karakter spasi tak terputus "
            "(U+00A0) di akhir baris ikut terbaca sebagai bagian dari nilai; hapus karakter "
            "itu (biasanya terbawa saat menyalin dari Word, Excel atau WhatsApp).",
        ],
    ),
    (
        "nbsp-inside-a-date",
        start("2026-02-10\u00a008:00"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: nilai "
            "'2026-02-10\u00a008:00' memuat karakter spasi tak terputus (U+00A0) yang "
            "tampak seperti spasi biasa; hapus lalu ketik ulang spasinya dengan spasi biasa "
            "(karakter ini biasanya terbawa saat menyalin dari Word, Excel atau WhatsApp).",
        ],
    ),
    (
        "zero-width-space-in-a-key",
        prima("mode: luring", "mo\u200bde: luring"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:3: error: karakter tak terlihat U+200B "
            "(spasi lebar nol) tidak diizinkan (biasanya terbawa saat menyalin teks); hapus "
            "karakter itu.",
        ],
    ),
    (
        "bom-in-the-middle",
        prima("mode: luring", "\ufeffmode: luring"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:1: error: karakter tak terlihat U+FEFF "
            "(tanda BOM) tidak diizinkan (biasanya terbawa saat menyalin teks); hapus "
            "karakter itu.",
        ],
    ),
    (
        "line-separator-keeps-positions",
        {
            **prima("summary: Dasar", "summary: Da\u2028sar"),
        },
        [
            "cur/usu/modules/pelayanan-prima.yml:2:12: error: karakter tak terlihat U+2028 "
            "(pemisah baris) tidak diizinkan (biasanya terbawa saat menyalin teks); hapus "
            "karakter itu.",
        ],
    ),
    (
        "next-line-character",
        prima("mode: luring", "mode: luring\u0085"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:13: error: karakter tak terlihat U+0085 "
            "(baris baru NEL) tidak diizinkan (biasanya terbawa saat menyalin teks); hapus "
            "karakter itu.",
        ],
    ),
    (
        "whatsapp-direction-marks",
        prima("  phone: 0618211633", "  phone: \u202a+62 812-6000-1234\u202c"),
        [
            "cur/usu/modules/pelayanan-prima.yml:23:10: error: karakter tak terlihat U+202A "
            "(penanda arah teks) tidak diizinkan (biasanya terbawa saat menyalin teks); "
            "hapus karakter itu.",
        ],
    ),
    (
        "soft-hyphen-in-an-id",
        prima("  - id: angkatan-1", "  - id: angkat\u00adan-1"),
        [
            "cur/usu/modules/pelayanan-prima.yml:25:15: error: karakter tak terlihat U+00AD "
            "(tanda hubung lunak) tidak diizinkan (biasanya terbawa saat menyalin teks); "
            "hapus karakter itu.",
        ],
    ),
    (
        "utf16-with-bom",
        {PRIMA: BASE_FILES[PRIMA].encode("utf-16")},
        [
            "cur/usu/modules/pelayanan-prima.yml:1:1: error: berkas disimpan dengan "
            "pengodean UTF-16 (di Notepad disebut 'Unicode'); simpan ulang dengan pengodean "
            "UTF-8 (Simpan Sebagai, lalu pilih UTF-8).",
        ],
    ),
    (
        "utf16-without-bom",
        {PRIMA: BASE_FILES[PRIMA].encode("utf-16-le")},
        [
            "cur/usu/modules/pelayanan-prima.yml:1:1: error: berkas disimpan dengan "
            "pengodean UTF-16 (di Notepad disebut 'Unicode'); simpan ulang dengan pengodean "
            "UTF-8 (Simpan Sebagai, lalu pilih UTF-8).",
        ],
    ),
    (
        "latin1-byte",
        {PRIMA: BASE_FILES[PRIMA].replace("Sekretariat", "Secrétariat").encode("latin-1")},
        [
            "cur/usu/modules/pelayanan-prima.yml:21:13: error: berkas bukan UTF-8 (byte "
            "0xe9 tidak sah, kemungkinan karakter 'é' dari pengodean Windows-1252 atau "
            "Latin-1); simpan ulang berkas dengan pengodean UTF-8.",
        ],
    ),
    (
        "curly-quotes-around-a-colon",
        prima("title: Pelayanan Prima", "title: \u201cPelayanan Prima: Dasar\u201d"),
        [
            "cur/usu/modules/pelayanan-prima.yml:1:24: error: ada titik dua (:) di dalam "
            "nilai, dan tanda kutip lengkung (\u201c \u201d) dari pengolah kata tidak "
            "dibaca sebagai tanda kutip; apit seluruh nilainya dengan tanda kutip biasa: "
            "'title: \"Pelayanan Prima: Dasar\"'.",
        ],
    ),
    (
        "curly-quotes-around-a-value",
        prima("mode: luring", "mode: \u2018luring\u2019"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:7: error: mode: nilai "
            "'\u2018luring\u2019' diapit tanda kutip lengkung (\u2018 \u2019) dari pengolah "
            "kata, yang terbaca sebagai bagian dari nilai; hapus kedua tanda kutip itu: "
            "'luring'.",
        ],
    ),
    (
        "bullet-before-the-first-item",
        prima("  - Standar pelayanan", "  \u2022 Standar pelayanan"),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:3: error: topics: butir daftar diawali "
            "'\u2022'; YAML hanya mengenal tanda hubung '-' sebagai penanda butir, sehingga "
            "butir-butir di bawahnya terbaca sebagai lanjutan teks ini; tulis '- Standar "
            "pelayanan'.",
        ],
    ),
    (
        "bullets-for-every-item",
        prima(
            "  - Standar pelayanan\n  - Pengelolaan keluhan",
            "  \u2022 Standar pelayanan\n  \u2022 Pengelolaan keluhan",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:3: error: topics: harus berupa daftar, "
            "bukan teks: tanda '\u2022' tidak dikenal sebagai penanda butir daftar; awali "
            "setiap butir dengan '- ' (tanda hubung dan spasi) pada baris sendiri, menjorok "
            "dua spasi: '- Standar pelayanan', '- Pengelolaan keluhan'.",
        ],
    ),
    (
        "numbered-items",
        prima(
            "  - Standar pelayanan\n  - Pengelolaan keluhan",
            "  1. Standar pelayanan\n  2. Pengelolaan keluhan",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:3: error: topics: harus berupa daftar, "
            "bukan teks: tanda '1.' tidak dikenal sebagai penanda butir daftar; awali "
            "setiap butir dengan '- ' (tanda hubung dan spasi) pada baris sendiri, menjorok "
            "dua spasi: '- Standar pelayanan', '- Pengelolaan keluhan'.",
        ],
    ),
    (
        "en-dash-item-at-the-margin",
        prima("  - Standar pelayanan", "\u2013 Standar pelayanan"),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:1: error: butir daftar diawali "
            "'\u2013'; YAML hanya mengenal tanda hubung '-' sebagai penanda butir: tulis '- "
            "Standar pelayanan', menjorok dua spasi di bawah nama kolomnya.",
        ],
    ),
    (
        "dash-without-space",
        prima("  - Standar pelayanan", "  -Standar pelayanan"),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:3: error: topics: sesudah tanda '-' "
            "harus ada satu spasi, sehingga butir-butir di bawahnya terbaca sebagai "
            "lanjutan teks ini; tulis '- Standar pelayanan'.",
        ],
    ),
    (
        "text-after-the-key-of-a-list",
        prima("topics:\n", "topics: Standar dan keluhan\n"),
        [
            "cur/usu/modules/pelayanan-prima.yml:14:9: error: topics: kolom 'topics' berisi "
            "teks di baris namanya sendiri, sehingga butir daftar di baris 15 terbaca "
            "sebagai lanjutan teks itu; pindahkan teks ini ke baris berikutnya sebagai "
            "butir '- Standar dan keluhan', atau hapus teks ini.",
        ],
    ),
    (
        "key-without-colon",
        prima("mode: luring", "mode luring"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:1: error: baris ini tidak memuat titik "
            "dua (:) sesudah nama kolom; tulis 'mode: luring'.",
        ],
    ),
    (
        "block-text-not-indented",
        prima("  Modul ini membahas", "Modul ini membahas"),
        [
            "cur/usu/modules/pelayanan-prima.yml:4:1: error: teks sesudah 'description: |' "
            "harus menjorok lebih dalam daripada nama kolomnya; tambahkan dua spasi di awal "
            "setiap baris teks itu.",
        ],
    ),
    (
        "double-quote-inside-double-quotes",
        prima("title: Pelayanan Prima", 'title: "Pelayanan "Prima" Kota"'),
        [
            "cur/usu/modules/pelayanan-prima.yml:1:19: error: tanda kutip ganda di tengah "
            "teks menutup teks berkutip lebih awal, sehingga sisa baris tidak dapat dibaca; "
            "ganti tanda kutip pengapitnya dengan kutip tunggal (barisnya menjadi: title: "
            "'Pelayanan \"Prima\" Kota').",
        ],
    ),
    (
        "apostrophe-inside-single-quotes",
        prima("title: Pelayanan Prima", "title: 'Jum'at Berkah: Pelayanan'"),
        [
            "cur/usu/modules/pelayanan-prima.yml:1:12: error: tanda kutip tunggal di tengah "
            "teks menutup teks berkutip lebih awal, sehingga sisa baris tidak dapat dibaca; "
            "apit nilainya dengan tanda kutip ganda (barisnya menjadi: title: \"Jum'at "
            'Berkah: Pelayanan").',
        ],
    ),
    (
        "only-the-first-words-quoted",
        prima("title: Pelayanan Prima", 'title: "#ASN" Pelayanan Prima'),
        [
            "cur/usu/modules/pelayanan-prima.yml:1:15: error: teks berkutip diikuti teks "
            "lain di baris yang sama, sehingga tidak dapat dibaca; apit seluruh nilainya "
            'dengan tanda kutip yang lain (barisnya menjadi: title: \'"#ASN" Pelayanan '
            "Prima').",
        ],
    ),
    (
        "value-starting-with-a-bracket",
        prima("  - Standar pelayanan", "  - [Wajib] Standar pelayanan"),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:5: error: nilai yang diawali '[' dibaca "
            "sebagai daftar YAML, sehingga teks sesudah ']' tidak dapat dibaca; apit "
            "seluruh nilainya dengan tanda kutip: '- \"[Wajib] Standar pelayanan\"'.",
        ],
    ),
    (
        "a-dash-for-none",
        prima("    quota: 30", "    quota: -"),
        [
            "cur/usu/modules/pelayanan-prima.yml:36:12: error: tanda '-' saja dibaca "
            "sebagai awal daftar; bila kolom 'quota' tidak diisi, hapus baris ini atau "
            "tulis 'quota:' tanpa nilai, dan bila '-' memang isinya, apit dengan tanda "
            "kutip: 'quota: \"-\"'.",
        ],
    ),
    (
        "space-after-https-colon",
        prima(
            "      url: https://www.usu.ac.id/daftar", "      url: https: //www.usu.ac.id/daftar"
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:38:18: error: alamat web terpisah spasi "
            "sesudah 'https:'; tulis tanpa spasi: 'url: https://www.usu.ac.id/daftar'.",
        ],
    ),
    (
        "full-width-colon",
        prima("mode: luring", "mode\uff1a luring"),
        [
            "cur/usu/modules/pelayanan-prima.yml:8:5: error: titik dua lebar penuh (\uff1a) "
            "tidak dibaca sebagai titik dua; ganti dengan titik dua biasa (:) diikuti satu "
            "spasi.",
        ],
    ),
    (
        "merge-key",
        prima("    venue:\n", "    <<: {quota: 3}\n    venue:\n"),
        [
            "cur/usu/modules/pelayanan-prima.yml:33:5: error: offerings[0]: kunci gabung "
            "YAML '<<' tidak diizinkan; tulis setiap kolom secara lengkap di tempat ini.",
        ],
    ),
    (
        "hashtag-in-a-value",
        prima("  - Standar pelayanan", "  - Standar pelayanan #1"),
        [
            "cur/usu/modules/pelayanan-prima.yml:15:23: error: topics[0]: teks sesudah ' #' "
            "dibaca sebagai komentar, sehingga '#1' tidak ikut dalam nilai; bila itu bagian "
            "dari teks, apit seluruh nilainya dengan tanda kutip: '- \"Standar pelayanan "
            "#1\"'; bila itu catatan, beri spasi sesudah '#'.",
        ],
    ),
    (
        "hashtag-right-after-the-colon",
        prima("title: Pelayanan Prima", "title: #1 Pelayanan Prima"),
        [
            "cur/usu/modules/pelayanan-prima.yml:1:8: error: title: teks sesudah ' #' "
            "dibaca sebagai komentar, sehingga '#1 Pelayanan Prima' tidak ikut dalam nilai; "
            "bila itu bagian dari teks, apit seluruh nilainya dengan tanda kutip: 'title: "
            "\"#1 Pelayanan Prima\"'; bila itu catatan, beri spasi sesudah '#'.",
        ],
    ),
    (
        "list-where-one-value-belongs",
        prima("title: Pelayanan Prima", "title:\n  - Pelayanan Prima"),
        [
            "cur/usu/modules/pelayanan-prima.yml:2:3: error: title: harus berupa teks, "
            "bukan daftar; hapus tanda '- ' dan tulis nilainya langsung sesudah titik dua "
            "nama kolomnya, pada baris yang sama, misalnya 'Pelayanan Prima'.",
        ],
    ),
    (
        "list-for-a-choice",
        prima("mode: luring", "mode:\n  - luring\n  - daring"),
        [
            "cur/usu/modules/pelayanan-prima.yml:9:3: error: mode: harus berupa satu nilai, "
            "bukan daftar; pilih salah satu: luring, daring, campuran, dan tulis langsung "
            "sesudah titik dua nama kolomnya.",
        ],
    ),
    (
        "list-for-a-number",
        prima("jp: 24", "jp:\n  - 24"),
        [
            "cur/usu/modules/pelayanan-prima.yml:10:3: error: jp: harus berupa satu "
            "bilangan bulat, bukan daftar; tulis angkanya langsung sesudah titik dua nama "
            "kolomnya, misalnya 24.",
        ],
    ),
    (
        "email-with-mailto",
        prima("  email: pelatihan@usu.ac.id", "  email: mailto:pelatihan@usu.ac.id"),
        [
            "cur/usu/modules/pelayanan-prima.yml:22:10: error: contact.email: tulis alamat "
            "surelnya saja, tanpa 'mailto:'; misalnya pelatihan@usu.ac.id.",
        ],
    ),
    (
        "two-emails",
        prima("  email: pelatihan@usu.ac.id", "  email: pelatihan@usu.ac.id, humas@usu.ac.id"),
        [
            "cur/usu/modules/pelayanan-prima.yml:22:10: error: contact.email: kolom ini "
            "berisi satu alamat surel saja, bukan 2; tulis satu alamat, misalnya "
            "pelatihan@usu.ac.id.",
        ],
    ),
    (
        "email-with-a-space",
        prima("  email: pelatihan@usu.ac.id", "  email: pelatihan @usu.ac.id"),
        [
            "cur/usu/modules/pelayanan-prima.yml:22:10: error: contact.email: alamat surel "
            "'pelatihan @usu.ac.id' memuat spasi; hapus spasinya: pelatihan@usu.ac.id.",
        ],
    ),
    (
        "email-with-a-comma-in-the-domain",
        prima("  email: pelatihan@usu.ac.id", "  email: pelatihan@usu,ac.id"),
        [
            "cur/usu/modules/pelayanan-prima.yml:22:10: error: contact.email: bagian "
            "sesudah @ ('usu,ac.id') bukan nama domain yang sah; nama domain hanya berisi "
            "huruf, angka, tanda hubung dan titik, misalnya usu.ac.id.",
        ],
    ),
    (
        "two-phone-numbers",
        prima("  phone: 0618211633", "  phone: 061-8211633 / 0812-6000-1234"),
        [
            "cur/usu/modules/pelayanan-prima.yml:23:10: error: contact.phone: kolom ini "
            "berisi satu nomor telepon saja, bukan 2; tulis satu nomor, misalnya "
            "061-8211633.",
        ],
    ),
    (
        "phone-with-a-word",
        prima("  phone: 0618211633", "  phone: 0812-6000-1234 (WA)"),
        [
            "cur/usu/modules/pelayanan-prima.yml:23:10: error: contact.phone: nomor telepon "
            "'0812-6000-1234 (WA)' memuat huruf; tulis nomornya saja, tanpa kata atau "
            "keterangan: 0812-6000-1234.",
        ],
    ),
    (
        "phone-country-code-in-brackets",
        prima("  phone: 0618211633", "  phone: (+62) 812-6000-1234"),
        [
            "cur/usu/modules/pelayanan-prima.yml:23:10: error: contact.phone: nomor telepon "
            "'(+62) 812-6000-1234' tidak sah; tulis kode negara tanpa kurung: +62 "
            "812-6000-1234.",
        ],
    ),
    (
        "url-scheme-mistyped",
        prima("      url: https://www.usu.ac.id/daftar", "      url: https//www.usu.ac.id/daftar"),
        [
            "cur/usu/modules/pelayanan-prima.yml:38:12: error: "
            "offerings[0].registration.url: awal alamat 'https//www.usu.ac.id/daftar' salah "
            "ketik; tulis 'https://www.usu.ac.id/daftar'.",
        ],
    ),
    (
        "url-that-is-an-email",
        prima("      url: https://www.usu.ac.id/daftar", "      url: daftar@usu.ac.id"),
        [
            "cur/usu/modules/pelayanan-prima.yml:38:12: error: "
            "offerings[0].registration.url: 'daftar@usu.ac.id' adalah alamat surel, bukan "
            "alamat web; tulis 'mailto:daftar@usu.ac.id', atau isi kolom email di bawah "
            "contact.",
        ],
    ),
    (
        "reference-as-a-file-path",
        edit(LANJUT, ("  - pelayanan-prima", "  - usu/modules/Pelayanan-Prima.yml")),
        [
            "cur/usu/modules/pelayanan-lanjut.yml:10:5: error: prerequisites[0]: rujukan "
            "'usu/modules/Pelayanan-Prima.yml' tidak sah; tulis 'id' untuk rekaman mitra "
            "yang sama atau 'mitra/id' untuk mitra lain (huruf kecil, angka, tanda hubung), "
            "misalnya 'usu/pelayanan-prima'.",
        ],
    ),
    (
        "excel-serial-date",
        start("46063.3333333"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: "
            "'46063.3333333' tampaknya nomor seri tanggal dari Excel; tulis waktunya: "
            "2026-02-10 08:00 (tahun-bulan-hari jam:menit).",
        ],
    ),
    (
        "month-first-date",
        start("02/15/2026"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: waktu "
            "'02/15/2026' tidak sah; tulis menjadi 2026-02-15 (tahun-bulan-hari).",
        ],
    ),
    (
        "two-digit-year",
        start("10-02-26"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: waktu "
            "'10-02-26' tidak sah; tulis menjadi 2026-02-10 (tahun-bulan-hari).",
        ],
    ),
    (
        "english-month-name",
        start("February 10, 2026"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: waktu "
            "'February 10, 2026' tidak sah; tulis menjadi 2026-02-10 (tahun-bulan-hari).",
        ],
    ),
    (
        "am-pm-time",
        start("2026-02-10 8:00 AM"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: waktu "
            "'2026-02-10 8:00 AM' tidak sah; tulis menjadi 2026-02-10 08:00 "
            "(tahun-bulan-hari jam:menit; jam tanpa zona berarti WIB).",
        ],
    ),
    (
        "range-of-days",
        start("10-12 Februari 2026"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: '10-12 "
            "Februari 2026' adalah rentang waktu; kolom ini berisi satu waktu saja: tulis "
            "2026-02-10 di kolom mulai (misalnya start) dan 2026-02-12 di kolom selesai "
            "(misalnya end).",
        ],
    ),
    (
        "range-of-hours-with-dots",
        start("10/02/2026 08.00-16.00 WIB"),
        [
            "cur/usu/modules/pelayanan-prima.yml:27:12: error: offerings[0].start: "
            "'10/02/2026 08.00-16.00 WIB' adalah rentang waktu; kolom ini berisi satu waktu "
            "saja: tulis 2026-02-10 08:00 di kolom mulai (misalnya start) dan 2026-02-10 "
            "16:00 di kolom selesai (misalnya end).",
        ],
    ),
    (
        "duration-in-hours",
        edit(FORUM, ("duration_minutes: 90", "duration_minutes: 1,5 jam")),
        [
            "cur/usu/forums/forum-pelayanan.yml:5:21: error: schedule.duration_minutes: "
            "'1,5 jam' ditulis dalam jam; kolom ini berisi lama dalam menit: tulis 90.",
        ],
    ),
    (
        "field-one-level-too-high",
        prima(
            "  email: pelatihan@usu.ac.id\n  phone: 0618211633\n",
            "email: pelatihan@usu.ac.id\nphone: 0618211633\n",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:22:1: error: email: kolom 'email' tidak "
            "ada di tingkat ini, tetapi ada di bawah 'contact'; pindahkan baris ini ke "
            "bawah kolom itu, menjorok dua spasi lebih dalam.",
            "cur/usu/modules/pelayanan-prima.yml:23:1: error: phone: kolom 'phone' tidak "
            "ada di tingkat ini, tetapi ada di bawah 'contact'; pindahkan baris ini ke "
            "bawah kolom itu, menjorok dua spasi lebih dalam.",
        ],
    ),
    (
        "text-where-a-venue-belongs",
        prima(
            "    venue:\n      name: Gedung Pusat Pelatihan USU\n      city: Medan\n",
            "    venue: Gedung Pusat Pelatihan USU\n",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:33:12: error: offerings[0].venue: harus "
            "berupa pemetaan 'kolom: nilai' dengan kolom-kolomnya menjorok di baris "
            "berikutnya; tulis teks ini sebagai kolom 'name' di baris berikutnya, menjorok "
            "dua spasi lebih dalam: 'name: Gedung Pusat Pelatihan USU'.",
        ],
    ),
    (
        "address-where-registration-belongs",
        prima(
            "    registration:\n      url: https://www.usu.ac.id/daftar\n      opens: 2026-01-05\n      closes: 2026-02-03\n",
            "    registration: https://www.usu.ac.id/daftar\n",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:37:19: error: offerings[0].registration: "
            "harus berupa pemetaan 'kolom: nilai' dengan kolom-kolomnya menjorok di baris "
            "berikutnya; tulis teks ini sebagai kolom 'url' di baris berikutnya, menjorok "
            "dua spasi lebih dalam: 'url: https://www.usu.ac.id/daftar'.",
        ],
    ),
    (
        "instructor-as-text",
        prima("  - name: Dr. Rina Siregar\n    role: Narasumber\n", "  - Dr. Rina Siregar\n"),
        [
            "cur/usu/modules/pelayanan-prima.yml:18:5: error: instructors[0]: harus berupa "
            "pemetaan 'kolom: nilai' dengan kolom-kolomnya menjorok di baris berikutnya; "
            "tulis butir ini sebagai '- name: Dr. Rina Siregar'.",
        ],
    ),
    (
        "instructors-without-dash",
        prima(
            "  - name: Dr. Rina Siregar\n    role: Narasumber\n",
            "  name: Dr. Rina Siregar\n  role: Narasumber\n",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:18:3: error: instructors: harus berupa "
            "daftar, bukan pemetaan; awali kolom pertama setiap butir dengan '- ', misalnya "
            "'- name: Dr. Rina Siregar', dan kolom lain butir itu sejajar di bawahnya.",
        ],
    ),
    (
        "contact-as-a-list",
        prima(
            "  name: Sekretariat\n  email: pelatihan@usu.ac.id\n  phone: 0618211633\n",
            "  - name: Sekretariat\n    email: pelatihan@usu.ac.id\n",
        ),
        [
            "cur/usu/modules/pelayanan-prima.yml:21:3: error: contact: harus berupa "
            "pemetaan 'kolom: nilai', bukan daftar; hapus tanda '- ' di depan "
            "kolom-kolomnya dan tulis setiap kolom menjorok di baris berikutnya.",
        ],
    ),
    (
        "field-name-in-indonesian-words",
        prima("jp: 24", "jam_pelajaran: 24"),
        [
            "cur/usu/modules/pelayanan-prima.yml:9:1: error: jam_pelajaran: kolom "
            "'jam_pelajaran' tidak dikenal. Mungkin maksud Anda 'jp'? Hapus atau perbaiki "
            "namanya.",
        ],
    ),
    (
        "module-saved-in-programs",
        {PRIMA: None, "usu/programs/pelayanan-prima.yml": BASE_FILES[PRIMA]},
        [
            "cur/usu/programs/pelayanan-prima.yml:1:1: error: berkas ini tampaknya berisi "
            "modul (kolom competencies, contact, instructors bukan kolom program), tetapi "
            "disimpan di folder programs/; pindahkan ke usu/modules/pelayanan-prima.yml.",
        ],
    ),
    (
        "program-saved-in-modules",
        {PROGRAM: None, "usu/modules/jalur-pelayanan.yml": BASE_FILES[PROGRAM]},
        [
            "cur/usu/modules/jalur-pelayanan.yml:1:1: error: berkas ini tampaknya berisi "
            "program (kolom modules bukan kolom modul), tetapi disimpan di folder modules/; "
            "pindahkan ke usu/programs/jalur-pelayanan.yml.",
        ],
    ),
    (
        "upper-case-suffix",
        {LANJUT: None, "usu/modules/pelayanan-lanjut.YML": BASE_FILES[LANJUT]},
        [
            "cur/usu/modules/pelayanan-lanjut.YML:1:1: error: berkas ini tidak dibaca "
            "karena namanya tidak berakhiran .yml; ganti nama menjadi pelayanan-lanjut.yml.",
        ],
    ),
    (
        "suffix-added-by-notepad",
        {LANJUT: None, "usu/modules/pelayanan-lanjut.yml.txt": BASE_FILES[LANJUT]},
        [
            "cur/usu/modules/pelayanan-lanjut.yml.txt:1:1: error: berkas ini tidak dibaca "
            "karena namanya tidak berakhiran .yml; ganti nama menjadi pelayanan-lanjut.yml.",
        ],
    ),
    (
        "file-without-suffix",
        {LANJUT: None, "usu/modules/pelayanan-lanjut": BASE_FILES[LANJUT]},
        [
            "cur/usu/modules/pelayanan-lanjut:1:1: error: berkas ini tidak dibaca karena "
            "namanya tidak berakhiran .yml; ganti nama menjadi pelayanan-lanjut.yml.",
        ],
    ),
    (
        "other-document-among-records",
        {"usu/modules/catatan rapat.docx": b"PK\x03\x04"},
        [
            "cur/usu/modules/catatan rapat.docx:1:1: warning: berkas ini diabaikan: di "
            "folder modules/ hanya berkas .yml yang dibaca; pindahkan berkas ini ke luar "
            "folder kurikulum.",
        ],
    ),
    (
        "subfolder-of-modules",
        {LANJUT: None, "usu/modules/2026/pelayanan-lanjut.yml": BASE_FILES[LANJUT]},
        [
            "cur/usu/modules/2026:1:1: error: folder '2026' di dalam modules/ tidak dibaca; "
            "simpan setiap berkas rekaman langsung di usu/modules/, tanpa subfolder.",
        ],
    ),
    (
        "partner-file-in-capitals",
        {PARTNER: None, "usu/Partner.yml": BASE_FILES[PARTNER]},
        [
            "cur/usu/Partner.yml:1:1: error: ganti nama berkas ini menjadi partner.yml; "
            "data mitra hanya dibaca dari berkas dengan nama itu.",
        ],
    ),
    (
        "dictionary-with-yaml-suffix",
        {"competencies.yml": None, "competencies.yaml": BASE_FILES["competencies.yml"]},
        [
            "cur/competencies.yaml:1:1: error: ganti nama berkas ini menjadi "
            "competencies.yml; kamus kompetensi hanya dibaca dari berkas dengan nama itu.",
        ],
    ),
    (
        "dictionary-unreadable",
        {
            "competencies.yml": BASE_FILES["competencies.yml"].replace(
                "  type: teknis", "\ttype: teknis", 1
            )
        },
        [
            "cur/competencies.yml:3:1: error: karakter tab tidak diizinkan; ganti dengan "
            "spasi (YAML memakai spasi untuk indentasi).",
        ],
    ),
    (
        "partner-folder-in-capitals",
        {
            **{
                k.replace("unimed/", "UNIMED/"): v
                for k, v in BASE_FILES.items()
                if k.startswith("unimed/")
            },
            **{k: None for k in BASE_FILES if k.startswith("unimed/")},
        },
        [
            "cur/UNIMED:1:1: error: nama folder mitra 'UNIMED' bukan id yang sah; ganti "
            "namanya menjadi 'unimed' (huruf kecil, angka, tanda hubung).",
        ],
    ),
    (
        "record-file-name-not-an-id",
        {LANJUT: None, "usu/modules/Pelayanan Lanjut.yml": BASE_FILES[LANJUT]},
        [
            "cur/usu/modules/Pelayanan Lanjut.yml:1:1: error: nama berkas 'Pelayanan "
            "Lanjut' bukan id yang sah; ganti namanya menjadi 'pelayanan-lanjut' (huruf "
            "kecil, angka, tanda hubung).",
        ],
    ),
    (
        "competency-id-in-capitals",
        {
            "competencies.yml": BASE_FILES["competencies.yml"].replace(
                "pelayanan-publik:", "Pelayanan-Publik:"
            )
        },
        [
            "cur/competencies.yml:1:1: error: Pelayanan-Publik: id kompetensi "
            "'Pelayanan-Publik' tidak sah; gunakan huruf kecil, angka dan tanda hubung, "
            "misalnya 'pelayanan-publik'.",
        ],
    ),
    (
        "program-refers-to-an-internship",
        edit(PROGRAM, ("  - pelayanan-lanjut", "  - magang-akademik")),
        [
            "cur/usu/programs/jalur-pelayanan.yml:6:5: error: modules[1]: 'magang-akademik' "
            "adalah magang, bukan modul, dan di sini hanya modul yang dapat dirujuk; hapus "
            "rujukan ini atau ganti dengan id modul.",
        ],
    ),
    (
        "record-in-the-partner-folder",
        {LANJUT: None, "usu/pelayanan-lanjut.yml": BASE_FILES[LANJUT]},
        [
            "cur/usu/pelayanan-lanjut.yml:1:1: error: berkas ini tidak dikenal; simpan "
            "modul di usu/modules/, program di usu/programs/, magang di usu/internships/ "
            "dan forum di usu/forums/.",
        ],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_what_the_editor_reads(check, files, expected):
    assert [p.format() for p in check(files)] == expected


@pytest.mark.parametrize(
    "files",
    [
        prima("jp: 24", "jp: 24  # lima hari"),  # a comment after a space
        prima(
            "      url: https://www.usu.ac.id/daftar", "      url: https://www.usu.ac.id/#daftar"
        ),
        prima("title: Pelayanan Prima", 'title: "Kelas #1 Pelayanan Prima"'),
        prima("title: Pelayanan Prima", "title: Pelayanan Prima \U0001f469\u200d\U0001f4bb"),
        prima("  Modul ini membahas", "  Modul\u00a0ini membahas"),  # inside a block's text
        prima("summary: Dasar-dasar", "summary: Rp\u00a01.500.000, dasar-dasar"),
        prima("  phone: 0618211633", "  phone: +62 812 6000 1234"),
        start("2026-02-10T01:00:00Z"),
    ],
    ids=[
        "comment",
        "url-fragment",
        "hash-in-quotes",
        "emoji-sequence",
        "nbsp-in-block-text",
        "nbsp-inside-text",
        "phone-with-country-code",
        "utc-time",
    ],
)
def test_what_is_written_right_stays_accepted(check, files):
    assert [p.format() for p in check(files)] == []


# ---------------------------------------------------------------- site_config.yml

CONFIG = """\
title: Portal Kurikulum
description: Katalog pelatihan.
url: https://kurikulum.pemkomedan.go.id/
language: id
timezone: Asia/Jakarta
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "title: Portal",
            "Title: Portal",
            [
                "site_config.yml:1:1: error: Title: kolom 'Title' tidak dikenal. Mungkin "
                "maksud Anda 'title'? Hapus atau perbaiki namanya."
            ],
        ),
        (
            "timezone: Asia/Jakarta",
            "timezone: WIB",
            [
                "site_config.yml:5:11: error: timezone: zona waktu 'WIB' tidak dikenal; tulis "
                "nama lengkapnya: Asia/Jakarta."
            ],
        ),
        (
            "timezone: Asia/Jakarta",
            "timezone: UTC+8",
            [
                "site_config.yml:5:11: error: timezone: zona waktu 'UTC+8' tidak dikenal; tulis "
                "nama lengkapnya: Asia/Makassar."
            ],
        ),
        (
            "timezone: Asia/Jakarta",
            "timezone: asia/jakarta",
            [
                "site_config.yml:5:11: error: timezone: zona waktu 'asia/jakarta' tidak dikenal; "
                "tulis nama lengkapnya: Asia/Jakarta."
            ],
        ),
        (
            "language: id",
            "language: Bahasa Indonesia",
            [
                "site_config.yml:4:11: error: language: bahasa 'Bahasa Indonesia' tidak "
                "didukung; halaman portal berbahasa Indonesia, tulis id (kode bahasa Indonesia) "
                "atau hapus baris ini."
            ],
        ),
        (
            "url: https://kurikulum.pemkomedan.go.id/",
            "url: kurikulum.pemkomedan.go.id",
            [
                "site_config.yml:3:6: error: url: alamat 'kurikulum.pemkomedan.go.id' tidak "
                "diawali https://; tulis 'https://kurikulum.pemkomedan.go.id'."
            ],
        ),
        (
            "language: id",
            "language: id\ncurriculum: /tidak/ada/kurikulum",
            [
                "site_config.yml:5:13: error: curriculum: folder kurikulum "
                "'/tidak/ada/kurikulum' tidak ditemukan; tulis nama folder yang berisi "
                "competencies.yml dan folder mitra, misalnya curriculum."
            ],
        ),
    ],
    ids=["key-in-capitals", "zone-abbreviation", "zone-offset", "zone-lower-case",
         "language-in-words", "url-without-https", "absolute-curriculum-folder"],
)  # fmt: skip
def test_site_config_mistakes(tmp_path, monkeypatch, old, new, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "curriculum").mkdir()
    assert old in CONFIG
    (tmp_path / "site_config.yml").write_text(CONFIG.replace(old, new), encoding="utf-8")
    config, problems = load_config(Path("site_config.yml"))
    assert config is None
    assert [p.format() for p in problems] == expected


def test_site_config_saved_under_another_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site_config.yaml").write_text(CONFIG, encoding="utf-8")
    config, problems = load_config(Path("site_config.yml"))
    assert config is None
    assert [p.format() for p in problems] == [
        "site_config.yaml:1:1: error: ganti nama berkas ini menjadi site_config.yml; "
        "pengaturan portal hanya dibaca dari berkas dengan nama itu."
    ]


# ---------------------------------------------------------------- check and build


@pytest.fixture
def project(published_mini: Path) -> Path:
    return published_mini


def test_pasted_characters_fail_check_and_build_without_touching_the_site(project: Path):
    """A pasted non-breaking space and a file saved as UTF-16, in one run: both
    problems, at their lines, from `check` and `build` alike; the published site stays."""
    first = project / "curriculum" / "usu" / "modules" / "pelayanan-prima.yml"
    second = project / "curriculum" / "unimed" / "modules" / "pelayanan-lanjut.yml"
    text = first.read_text(encoding="utf-8")
    assert "\nmode: " in text
    first.write_text(text.replace("\nmode: ", "\nmode:\u00a0", 1), encoding="utf-8")
    second.write_bytes(second.read_text(encoding="utf-8").encode("utf-16"))
    line = text[: text.index("\nmode: ")].count("\n") + 2
    expected = [
        f"curriculum/usu/modules/pelayanan-prima.yml:{line}:6: error: karakter spasi tak "
        "terputus (U+00A0) sesudah titik dua nama kolom tidak dibaca sebagai spasi",
        "curriculum/unimed/modules/pelayanan-lanjut.yml:1:1: error: berkas disimpan dengan "
        "pengodean UTF-16",
    ]
    before = snapshot(project / "site")
    env = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": MINI_EPOCH}
    for command in ("check", "build"):
        result = subprocess.run(
            [sys.executable, "-m", "generator", command],
            cwd=project,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert "Traceback" not in out, out
        for fragment in expected:
            assert fragment in out, out
    assert snapshot(project / "site") == before
