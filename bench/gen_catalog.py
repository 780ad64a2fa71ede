"""Write a synthetic, valid curriculum of N modules for benchmarks.

    python bench/gen_catalog.py 10000 [--out DIR] [--seed S]

The catalog follows "Curriculum format, version 1" in DESIGN.md: N modules
(three offerings each), N/10 internships, max(1, N/100) partners, N/50
programs (at least one when N >= 3), max(1, N/200) forums and a dictionary of
30 competencies, with a `site_config.yml` beside the `curriculum/` folder.
The text is Indonesian, built from word lists, so files are about as large as
real ones (2-4 KB per module).

The output depends only on N and the seed: `random.Random(seed)` drives every
choice and all dates are laid out between 2026-01-05 and 2027-12-31, never
relative to today. The default output folder, `bench/out/catalog-N`, is
ignored by git (`/bench/out/` in `.gitignore`).

YAML is written by hand rather than through `yaml.dump`: plain scalars where
they are unambiguous text, JSON-style double-quoted scalars (valid YAML)
otherwise, and `|` blocks for Markdown descriptions.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
MANIFEST = "gen_catalog.json"
BASE_DATE = date(2026, 1, 5)
LAST_DATE = date(2027, 12, 31)
CITY = "Medan"


# ---------------------------------------------------------------- YAML writing


class Plain(str):
    """A scalar written as is (dates, ids, URLs, e-mails, phones, RRULEs)."""


class Block(str):
    """A Markdown text written as a literal `|` block."""


# Text that a YAML 1.1 or 1.2 loader reads back as the same string when plain:
# starts with a letter, no `:` or `#`, no quotes at either end, no trailing blank.
_PROSE_RE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/&+'-]*[A-Za-z0-9.)]|[A-Za-z]")
_RESERVED = frozenset(  # YAML 1.1 booleans and null
    ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Plain):
        return str(value)
    text = str(value)
    if _PROSE_RE.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit_mapping(lines: list[str], mapping: dict[str, Any], indent: int) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, Block):
            lines.append(f"{pad}{key}: |")
            lines.extend(f"{pad}  {line}" if line else "" for line in value.split("\n"))
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _emit_mapping(lines, value, indent + 2)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    sub: list[str] = []
                    _emit_mapping(sub, item, indent + 4)
                    sub[0] = f"{pad}  - {sub[0][indent + 4 :]}"
                    lines.extend(sub)
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")


def to_yaml(mapping: dict[str, Any]) -> str:
    """Block-style YAML for a mapping of text, ints, lists and nested mappings."""
    lines: list[str] = []
    _emit_mapping(lines, mapping, 0)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- word lists

# fmt: off
# id: (name, type, title phrases, topics)
COMPETENCIES: dict[str, tuple[str, str, list[str], list[str]]] = {
    "pengelolaan-arsip": (
        "Pengelolaan Arsip",
        "teknis",
        ["Pengelolaan Arsip Digital", "Penyusutan Arsip Inaktif", "Alih Media Arsip"],
        [
            "Kebijakan kearsipan nasional dan daerah", "Klasifikasi arsip dan jadwal retensi",
            "Pemberkasan arsip aktif", "Alih media dan autentikasi arsip",
            "Pengelolaan arsip vital", "Aplikasi SRIKANDI untuk perangkat daerah",
        ],
    ),
    "tata-naskah-dinas": (
        "Tata Naskah Dinas",
        "teknis",
        ["Tata Naskah Dinas Elektronik", "Penulisan Surat Dinas yang Efektif"],
        [
            "Jenis dan susunan naskah dinas", "Tanda tangan elektronik",
            "Penomoran dan registrasi naskah", "Bahasa Indonesia dalam naskah dinas",
            "Disposisi elektronik",
        ],
    ),
    "pengadaan-barang-jasa": (
        "Pengadaan Barang/Jasa Pemerintah",
        "teknis",
        ["Pengadaan Barang/Jasa Pemerintah", "Katalog Elektronik dan E-Purchasing", "Swakelola"],
        [
            "Perencanaan pengadaan dan RUP", "Persiapan pemilihan penyedia",
            "E-purchasing melalui katalog elektronik", "Penyusunan HPS dan spesifikasi teknis",
            "Manajemen kontrak pengadaan", "Pencegahan penyimpangan dalam pengadaan",
        ],
    ),
    "pengelolaan-keuangan-daerah": (
        "Pengelolaan Keuangan Daerah",
        "teknis",
        ["Penatausahaan Keuangan Daerah", "Penyusunan Laporan Keuangan SKPD", "Aplikasi SIPD"],
        [
            "Siklus pengelolaan keuangan daerah", "Penatausahaan bendahara pengeluaran",
            "Akuntansi berbasis akrual", "Penyusunan laporan keuangan perangkat daerah",
            "Rekonsiliasi dan tindak lanjut temuan BPK", "Pemanfaatan SIPD Penatausahaan",
        ],
    ),
    "perencanaan-pembangunan": (
        "Perencanaan Pembangunan Daerah",
        "teknis",
        [
            "Perencanaan Pembangunan Daerah", "Penyusunan Renstra dan Renja",
            "Musrenbang Partisipatif",
        ],
        [
            "Sistem perencanaan pembangunan nasional", "Penyusunan indikator kinerja",
            "Cascading kinerja perangkat daerah", "Musrenbang kelurahan dan kecamatan",
            "Sinkronisasi RPJMD dan Renstra",
        ],
    ),
    "analisis-data": (
        "Analisis Data dan Statistik Sektoral",
        "teknis",
        ["Analisis Data untuk Kebijakan", "Statistik Sektoral", "Visualisasi Data Dasbor"],
        [
            "Prinsip Satu Data Indonesia", "Pengumpulan dan pembersihan data",
            "Statistik deskriptif untuk laporan", "Visualisasi data dengan dasbor",
            "Metadata dan standar data", "Interpretasi data untuk pimpinan",
        ],
    ),
    "keamanan-informasi": (
        "Keamanan Informasi",
        "teknis",
        [
            "Keamanan Informasi Perangkat Daerah", "Penanganan Insiden Siber",
            "Perlindungan Data Pribadi",
        ],
        [
            "Ancaman siber pada layanan pemerintah", "Kata sandi dan autentikasi ganda",
            "Penanganan insiden dan pelaporan", "Undang-Undang Pelindungan Data Pribadi",
            "Indeks KAMI", "Cadangan data dan pemulihan",
        ],
    ),
    "pelayanan-perizinan": (
        "Pelayanan Perizinan Berusaha",
        "teknis",
        ["Pelayanan Perizinan Berusaha Berbasis Risiko", "Sistem OSS RBA", "Pengawasan Perizinan"],
        [
            "Perizinan berusaha berbasis risiko", "Alur layanan OSS RBA",
            "Persetujuan bangunan gedung", "Pengawasan pelaku usaha",
            "Penanganan pengaduan perizinan",
        ],
    ),
    "penyusunan-produk-hukum": (
        "Penyusunan Produk Hukum Daerah",
        "teknis",
        [
            "Penyusunan Produk Hukum Daerah", "Legal Drafting Peraturan Wali Kota",
            "Naskah Akademik",
        ],
        [
            "Hierarki peraturan perundang-undangan", "Teknik penyusunan peraturan daerah",
            "Penyusunan naskah akademik", "Harmonisasi rancangan peraturan",
            "Evaluasi produk hukum daerah",
        ],
    ),
    "pengelolaan-aset": (
        "Pengelolaan Barang Milik Daerah",
        "teknis",
        ["Pengelolaan Barang Milik Daerah", "Inventarisasi Aset Daerah", "Penilaian Aset"],
        [
            "Siklus pengelolaan barang milik daerah", "Inventarisasi dan sensus barang",
            "Pemanfaatan aset daerah", "Penghapusan dan pemindahtanganan",
            "Aplikasi pengelolaan aset",
        ],
    ),
    "sistem-informasi-geografis": (
        "Sistem Informasi Geografis",
        "teknis",
        ["Sistem Informasi Geografis", "Pemetaan Partisipatif Kelurahan", "Analisis Spasial QGIS"],
        [
            "Konsep dasar data spasial", "Pengolahan peta dengan QGIS",
            "Survei lapangan dengan GPS", "Analisis spasial untuk tata ruang",
            "Publikasi peta dan geoportal",
        ],
    ),
    "kesehatan-masyarakat": (
        "Kesehatan Masyarakat",
        "teknis",
        ["Surveilans Kesehatan Masyarakat", "Pencegahan Stunting", "Promosi Kesehatan"],
        [
            "Surveilans penyakit menular", "Gizi ibu dan anak",
            "Intervensi stunting terintegrasi", "Promosi kesehatan berbasis komunitas",
            "Sistem informasi puskesmas",
        ],
    ),
    "penanggulangan-bencana": (
        "Penanggulangan Bencana",
        "teknis",
        [
            "Manajemen Penanggulangan Bencana", "Kesiapsiagaan Banjir Perkotaan",
            "Kaji Cepat Bencana",
        ],
        [
            "Siklus penanggulangan bencana", "Kajian risiko bencana kota",
            "Rencana kontinjensi banjir", "Pos komando tanggap darurat",
            "Logistik dan pengungsian",
        ],
    ),
    "administrasi-kependudukan": (
        "Administrasi Kependudukan",
        "teknis",
        [
            "Pelayanan Administrasi Kependudukan", "Identitas Kependudukan Digital",
            "Pencatatan Sipil",
        ],
        [
            "Pendaftaran penduduk dan pencatatan sipil", "Identitas Kependudukan Digital",
            "Pemanfaatan data kependudukan", "Pelayanan jemput bola",
            "Perlindungan data kependudukan",
        ],
    ),
    "pengelolaan-lingkungan": (
        "Pengelolaan Lingkungan Hidup",
        "teknis",
        [
            "Pengelolaan Sampah Perkotaan", "Pengawasan Lingkungan Hidup",
            "Kota Hijau dan Rendah Emisi",
        ],
        [
            "Pengurangan dan penanganan sampah", "Bank sampah dan ekonomi sirkular",
            "Dokumen lingkungan hidup", "Pengawasan ketaatan usaha", "Ruang terbuka hijau kota",
        ],
    ),
    "transformasi-digital": (
        "Transformasi Digital Pemerintahan",
        "teknis",
        [
            "Sistem Pemerintahan Berbasis Elektronik", "Manajemen Layanan Digital",
            "Literasi Digital ASN",
        ],
        [
            "Arsitektur SPBE daerah", "Manajemen layanan TI",
            "Perancangan layanan berpusat pada pengguna", "Interoperabilitas data",
            "Evaluasi SPBE", "Literasi digital dan etika bermedia",
        ],
    ),
    "komunikasi-publik": (
        "Komunikasi Publik dan Kehumasan",
        "teknis",
        [
            "Kehumasan Pemerintah Daerah", "Pengelolaan Media Sosial Instansi",
            "Penulisan Siaran Pers",
        ],
        [
            "Strategi komunikasi publik", "Penulisan siaran pers",
            "Pengelolaan media sosial instansi", "Manajemen isu dan krisis",
            "Fotografi dan video untuk kehumasan",
        ],
    ),
    "integritas": (
        "Integritas",
        "manajerial",
        ["Membangun Budaya Integritas", "Pencegahan Gratifikasi", "Penguatan Zona Integritas"],
        [
            "Nilai dasar ASN BerAKHLAK", "Pengendalian gratifikasi", "Konflik kepentingan",
            "Pembangunan zona integritas", "Whistleblowing system",
        ],
    ),
    "kerja-sama": (
        "Kerja Sama",
        "manajerial",
        ["Kolaborasi Lintas Perangkat Daerah", "Membangun Tim Kerja Efektif"],
        [
            "Dinamika kelompok kerja", "Kolaborasi lintas sektor",
            "Pengelolaan konflik dalam tim", "Kemitraan dengan masyarakat",
        ],
    ),
    "komunikasi": (
        "Komunikasi",
        "manajerial",
        ["Komunikasi Efektif Pimpinan", "Presentasi dan Public Speaking", "Negosiasi"],
        [
            "Komunikasi interpersonal", "Teknik presentasi yang meyakinkan", "Mendengar aktif",
            "Negosiasi dan persuasi", "Komunikasi tertulis untuk pimpinan",
        ],
    ),
    "orientasi-pada-hasil": (
        "Orientasi pada Hasil",
        "manajerial",
        ["Manajemen Kinerja Berorientasi Hasil", "Penyusunan SKP dan Rencana Hasil Kerja"],
        [
            "Perencanaan kinerja pegawai", "Penyusunan SKP", "Umpan balik berkelanjutan",
            "Pengukuran hasil kerja",
        ],
    ),
    "pelayanan-publik": (
        "Pelayanan Publik",
        "manajerial",
        ["Pelayanan Prima", "Standar Pelayanan Publik", "Pengelolaan Pengaduan Masyarakat"],
        [
            "Standar pelayanan dan maklumat", "Survei kepuasan masyarakat",
            "Pengelolaan pengaduan melalui SP4N LAPOR", "Inovasi pelayanan publik",
            "Pelayanan bagi kelompok rentan",
        ],
    ),
    "pengembangan-diri-dan-orang-lain": (
        "Pengembangan Diri dan Orang Lain",
        "manajerial",
        [
            "Coaching untuk Atasan Langsung", "Mentoring Pegawai Baru",
            "Rencana Pengembangan Karier",
        ],
        [
            "Model coaching GROW", "Menyusun rencana pengembangan individu",
            "Mentoring dan pembelajaran sejawat", "Manajemen talenta ASN",
        ],
    ),
    "mengelola-perubahan": (
        "Mengelola Perubahan",
        "manajerial",
        ["Manajemen Perubahan Organisasi", "Reformasi Birokrasi Tematik", "Inovasi Daerah"],
        [
            "Tahapan manajemen perubahan", "Mengelola resistensi", "Reformasi birokrasi tematik",
            "Merancang inovasi daerah",
        ],
    ),
    "pengambilan-keputusan": (
        "Pengambilan Keputusan",
        "manajerial",
        ["Pengambilan Keputusan Berbasis Data", "Analisis Kebijakan Publik", "Manajemen Risiko"],
        [
            "Model pengambilan keputusan", "Analisis biaya dan manfaat",
            "Manajemen risiko organisasi", "Penyusunan policy brief",
        ],
    ),
    "perekat-bangsa": (
        "Perekat Bangsa",
        "sosial-kultural",
        ["Wawasan Kebangsaan", "ASN sebagai Perekat Bangsa"],
        [
            "Empat konsensus dasar bangsa", "Nasionalisme di era digital",
            "Pencegahan intoleransi", "Peran ASN dalam pemilu",
        ],
    ),
    "moderasi-beragama": (
        "Moderasi Beragama",
        "sosial-kultural",
        ["Moderasi Beragama di Lingkungan Kerja", "Kerukunan Umat Beragama"],
        [
            "Konsep moderasi beragama", "Forum kerukunan umat beragama",
            "Deteksi dini konflik sosial", "Dialog lintas iman",
        ],
    ),
    "kearifan-lokal": (
        "Kearifan Lokal dan Keberagaman Budaya Medan",
        "sosial-kultural",
        ["Keberagaman Budaya Kota Medan", "Kearifan Lokal dalam Pelayanan"],
        [
            "Sejarah dan keberagaman etnis Medan",
            "Adat Melayu Deli, Batak, Karo, Tionghoa dan India", "Komunikasi lintas budaya",
            "Kearifan lokal dalam penyelesaian sengketa",
        ],
    ),
    "kesetaraan-gender": (
        "Pengarusutamaan Gender",
        "sosial-kultural",
        ["Pengarusutamaan Gender", "Perencanaan dan Penganggaran Responsif Gender"],
        [
            "Konsep gender dan analisis gender", "Gender Analysis Pathway",
            "Anggaran responsif gender", "Pencegahan kekerasan berbasis gender",
        ],
    ),
    "inklusi-disabilitas": (
        "Layanan Inklusif Disabilitas",
        "sosial-kultural",
        ["Layanan Publik Ramah Disabilitas", "Bahasa Isyarat Dasar"],
        [
            "Hak penyandang disabilitas", "Aksesibilitas gedung dan layanan",
            "Bahasa Isyarat Indonesia dasar", "Dokumen digital yang aksesibel",
        ],
    ),
}

# (id, name, short name, kind, web domain, address)
PARTNERS: list[tuple[str, str, str, str, str, str]] = [
    (
        "usu", "Universitas Sumatera Utara", "USU", "universitas", "usu.ac.id",
        "Jl. Dr. T. Mansur No. 9, Padang Bulan, Medan Baru",
    ),
    (
        "unimed", "Universitas Negeri Medan", "UNIMED", "universitas", "unimed.ac.id",
        "Jl. Willem Iskandar Pasar V, Medan Estate",
    ),
    (
        "polmed", "Politeknik Negeri Medan", "POLMED", "politeknik", "polmed.ac.id",
        "Jl. Almamater No. 1, Padang Bulan, Medan Baru",
    ),
    (
        "uinsu", "Universitas Islam Negeri Sumatera Utara", "UINSU", "universitas", "uinsu.ac.id",
        "Jl. William Iskandar Ps. V, Medan Estate",
    ),
    (
        "umsu", "Universitas Muhammadiyah Sumatera Utara", "UMSU", "universitas", "umsu.ac.id",
        "Jl. Kapten Mukhtar Basri No. 3, Glugur Darat II",
    ),
    (
        "bkpsdm-medan", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Medan",
        "BKPSDM Kota Medan", "instansi-pemerintah", "bkpsdm.pemkomedan.go.id",
        "Jl. Kapten Maulana Lubis No. 2, Petisah Tengah",
    ),
    (
        "bpsdm-sumut", "Badan Pengembangan Sumber Daya Manusia Provinsi Sumatera Utara",
        "BPSDM Sumut", "instansi-pemerintah", "bpsdm.sumutprov.go.id",
        "Jl. Ngumban Surbakti No. 4, Sempakata, Medan Selayang",
    ),
    (
        "uhn", "Universitas HKBP Nommensen", "UHN", "universitas", "uhn.ac.id",
        "Jl. Sutomo No. 4A, Perintis, Medan Timur",
    ),
    (
        "uma", "Universitas Medan Area", "UMA", "universitas", "uma.ac.id",
        "Jl. Kolam No. 1, Medan Estate",
    ),
    (
        "poltekkes-medan", "Politeknik Kesehatan Kemenkes Medan", "Poltekkes Medan", "politeknik",
        "poltekkes-medan.ac.id", "Jl. Jamin Ginting Km. 13,5, Lau Cih, Medan Tuntungan",
    ),
]

SYNTH_PARTNER_WORDS = [
    "Cendekia", "Bina", "Mitra", "Prima", "Nusantara", "Deli", "Sumatera", "Karya", "Mandiri",
    "Insan", "Praja", "Harapan", "Madani", "Gemilang", "Utama", "Kreatif", "Berkah", "Sentosa",
]

SYNTH_PARTNER_KINDS = [
    ("Lembaga Pelatihan", "lembaga-pelatihan", "lp"),
    ("Pusat Pelatihan", "lembaga-pelatihan", "pp"),
    ("Politeknik", "politeknik", "poltek"),
    ("Sekolah Tinggi Ilmu Administrasi", "universitas", "stia"),
    ("Yayasan Pendidikan", "lainnya", "yp"),
]

STREETS = [
    "Jl. Gatot Subroto", "Jl. Sisingamangaraja", "Jl. Jamin Ginting", "Jl. Setia Budi",
    "Jl. Iskandar Muda", "Jl. Sutomo", "Jl. Gagak Hitam", "Jl. Imam Bonjol", "Jl. Diponegoro",
    "Jl. S. Parman", "Jl. Brigjend Katamso", "Jl. Ahmad Yani", "Jl. Pandu", "Jl. Krakatau",
]

DISTRICTS = [
    "Medan Baru", "Medan Petisah", "Medan Polonia", "Medan Johor", "Medan Selayang",
    "Medan Sunggal", "Medan Helvetia", "Medan Timur", "Medan Kota", "Medan Maimun",
    "Medan Tuntungan", "Medan Amplas", "Medan Denai", "Medan Perjuangan", "Medan Labuhan",
]

VENUES = [
    ("Aula Kantor Wali Kota Medan", "Jl. Kapten Maulana Lubis No. 2, Petisah Tengah"),
    ("Ruang Diklat BKPSDM Kota Medan", "Jl. Kapten Maulana Lubis No. 2, Petisah Tengah"),
    ("Gedung Diklat BPSDM Provinsi Sumatera Utara", "Jl. Ngumban Surbakti No. 4, Medan Selayang"),
    ("Auditorium Universitas Sumatera Utara", "Jl. Dr. T. Mansur No. 9, Padang Bulan"),
    ("Digital Library Universitas Negeri Medan", "Jl. Willem Iskandar Pasar V, Medan Estate"),
    ("Gedung Serbaguna Politeknik Negeri Medan", "Jl. Almamater No. 1, Padang Bulan"),
    ("Laboratorium Komputer UIN Sumatera Utara", "Jl. William Iskandar Ps. V, Medan Estate"),
    ("Medan International Convention Center", "Jl. Gagak Hitam Ringroad, Sunggal"),
    ("Hotel Santika Premiere Dyandra", "Jl. Kapten Maulana Lubis No. 7, Petisah Tengah"),
    ("Perpustakaan Kota Medan", "Jl. Iskandar Muda No. 270, Babura"),
    ("Aula Kantor Camat Medan Baru", "Jl. Sei Batang Hari No. 1, Babura Sunggal"),
    ("Gedung Pusat Pelatihan Kesehatan Poltekkes Medan", "Jl. Jamin Ginting Km. 13,5, Lau Cih"),
    ("Balai Latihan Kerja Medan", "Jl. Gatot Subroto Km. 7,8, Sei Sikambing"),
]

HOST_UNITS = [
    "Dinas Komunikasi dan Informatika Kota Medan",
    "Badan Pengelolaan Keuangan dan Aset Daerah Kota Medan",
    "Dinas Kependudukan dan Pencatatan Sipil Kota Medan",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Medan",
    "Badan Perencanaan Pembangunan Daerah Kota Medan", "Dinas Kesehatan Kota Medan",
    "Badan Penanggulangan Bencana Daerah Kota Medan", "Dinas Lingkungan Hidup Kota Medan",
    "Bagian Hukum Sekretariat Daerah Kota Medan", "Dinas Perpustakaan dan Kearsipan Kota Medan",
    "RSUD dr. Pirngadi Kota Medan", "Kantor Camat Medan Petisah", "Inspektorat Kota Medan",
    "Badan Kepegawaian dan Pengembangan SDM Kota Medan",
]

FIRST_NAMES = [
    "Andi", "Rina", "Budi", "Sri", "Hendra", "Dewi", "Rudi", "Yusnita", "Fadli", "Nurhayati",
    "Ahmad", "Siti", "Irwan", "Lestari", "Bambang", "Maya", "Taufik", "Wulan", "Rizky", "Indah",
    "Darwin", "Ratna", "Agus", "Melati", "Jonathan", "Friska", "Togar", "Ruth", "Putri",
    "Zulkifli", "Erwin", "Novita", "Samuel", "Khairunnisa", "Dedi", "Lia", "Benny", "Anggi",
]

LAST_NAMES = [
    "Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul", "Tarigan", "Ginting",
    "Sembiring", "Pasaribu", "Hutapea", "Sinaga", "Manurung", "Damanik", "Purba", "Saragih",
    "Panjaitan", "Batubara", "Rangkuti", "Hasibuan", "Pohan", "Daulay", "Wibowo", "Santoso",
    "Hidayat", "Sihombing", "Tanjung", "Matondang",
]

DEGREES = [
    "S.Sos., M.Si.", "S.Kom., M.Kom.", "S.E., M.Ak.", "S.H., M.H.", "S.T., M.T.", "S.KM., M.Kes.",
    "S.Psi., M.Psi.", "M.AP.", "M.Pd.", "S.IP., M.A.P.",
]

ROLES = [
    "Narasumber", "Fasilitator", "Widyaiswara Ahli Madya", "Widyaiswara Ahli Utama",
    "Pengajar praktik", "Coach", "Mentor", "Moderator",
]

AUDIENCES = [
    "Pelaksana di perangkat daerah", "Pejabat pengawas", "Pejabat administrator",
    "Pejabat fungsional", "Analis kebijakan", "Pranata komputer", "Arsiparis",
    "Staf kelurahan dan kecamatan", "Bendahara pengeluaran", "Pengelola pengadaan",
    "Perencana di perangkat daerah", "Petugas layanan publik", "ASN baru (CPNS dan PPPK)",
    "Lurah dan sekretaris lurah", "Tenaga kesehatan puskesmas", "Operator sistem informasi",
]

OBJECTIVE_VERBS = [
    "menjelaskan", "menerapkan", "menyusun", "menganalisis", "mengevaluasi", "merancang",
    "mempraktikkan", "mengidentifikasi",
]

QUALIFIERS = [
    "", "", "", " bagi Perangkat Daerah", " bagi ASN Kecamatan", " di Era Digital",
    " Berbasis Praktik", " untuk Pelayanan Publik",
]

FEES = [
    "Gratis", "Gratis (dibiayai APBD Kota Medan)", "Tanpa biaya bagi ASN Kota Medan",
    "Rp 750.000 per peserta",
    "Rp 1.500.000 per peserta, dapat dibebankan pada DPA perangkat daerah",
    "Rp 2.250.000 per peserta termasuk modul dan konsumsi",
]

DOCUMENTS = [
    "Surat tugas dari kepala perangkat daerah", "Daftar riwayat hidup",
    "Salinan SK jabatan terakhir", "Rencana pengembangan kompetensi individu",
    "Surat pernyataan bersedia mengikuti magang penuh waktu", "Pas foto terbaru",
]

# (method, word used in titles, weight, JP choices)
METHODS = [
    ("pelatihan", "Pelatihan", 30, [24, 32, 40, 48, 60, 80]),
    ("bimtek", "Bimbingan Teknis", 15, [16, 24, 32]),
    ("workshop", "Workshop", 12, [12, 16, 24]),
    ("seminar", "Seminar", 10, [4, 6, 8]),
    ("kursus", "Kursus", 10, [16, 20, 30, 40]),
    ("e-learning", "E-Learning", 13, [8, 10, 12, 16, 20]),
    ("coaching", "Coaching", 5, [10, 12, 16]),
    ("mentoring", "Mentoring", 5, [12, 16, 20]),
]

LEVEL_WORDS = {"dasar": "Dasar", "menengah": "Menengah", "lanjut": "Lanjut"}

MODE_TEXT = {
    "luring": "tatap muka di kelas",
    "daring": "daring melalui ruang kelas virtual dan LMS",
    "campuran": "campuran, menggabungkan sesi tatap muka dan sesi daring",
}

TYPE_WEIGHTS = {"teknis": 60, "manajerial": 28, "sosial-kultural": 12}

ROMAN = ["I", "II", "III"]

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
]
# fmt: on

# ---------------------------------------------------------------- helpers


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def day(value: date) -> Plain:
    return Plain(value.isoformat())


def moment(value: date, clock: str) -> Plain:
    return Plain(f"{value.isoformat()} {clock}")


def weekday_on_or_after(value: date, weekday: int) -> date:
    return value + timedelta(days=(weekday - value.weekday()) % 7)


def working_day(value: date) -> date:
    """Saturdays and Sundays move to the next Monday."""
    return weekday_on_or_after(value, 0) if value.weekday() >= 5 else value


@dataclass
class PartnerRec:
    id: str
    name: str
    short_name: str
    kind: str
    domain: str
    address: str
    weight: float
    used_ids: dict[str, dict[str, int]] = field(default_factory=dict)

    def unique_id(self, kind: str, base: str) -> str:
        seen = self.used_ids.setdefault(kind, {})
        count = seen.get(base, 0) + 1
        seen[base] = count
        return base if count == 1 else f"{base}-{count}"


@dataclass
class ModuleRec:
    index: int
    partner: PartnerRec
    id: str
    type: str
    competency: str
    title: str


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.partners: list[PartnerRec] = []
        self.modules: list[ModuleRec] = []
        self.by_type: dict[str, list[ModuleRec]] = {t: [] for t in TYPE_WEIGHTS}
        self.by_partner: dict[str, list[ModuleRec]] = {}
        self.comps_by_type: dict[str, list[str]] = {t: [] for t in TYPE_WEIGHTS}
        for cid, (_, ctype, _, _) in COMPETENCIES.items():
            self.comps_by_type[ctype].append(cid)

    # -------------------------------------------------------- small pieces

    def person(self) -> str:
        rng = self.rng
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.3:
            name = f"Dr. {name}"
        return f"{name}, {rng.choice(DEGREES)}"

    def phone(self) -> Plain:
        rng = self.rng
        if rng.random() < 0.5:
            return Plain(f"061-{rng.randint(4000000, 8999999)}")
        return Plain(
            f"08{rng.choice('1235')}{rng.randint(0, 9)}-{rng.randint(1000, 9999)}-"
            f"{rng.randint(1000, 9999)}"
        )

    def contact(self, partner: PartnerRec, mailbox: str) -> dict[str, Any]:
        return {
            "name": self.person().split(",")[0],
            "email": Plain(f"{mailbox}@{partner.domain}"),
            "phone": self.phone(),
        }

    def venue(self) -> dict[str, Any]:
        name, address = self.rng.choice(VENUES)
        return {"name": name, "address": address, "city": CITY}

    def ref(self, source: PartnerRec, target: ModuleRec) -> Plain:
        if target.partner is source:
            return Plain(target.id)
        return Plain(f"{target.partner.id}/{target.id}")

    def pick_partner(self) -> PartnerRec:
        return self.rng.choices(self.partners, weights=[p.weight for p in self.partners])[0]

    # -------------------------------------------------------- records

    def make_partners(self, count: int) -> None:
        rng = self.rng
        for i in range(count):
            if i < len(PARTNERS):
                pid, name, short, kind, domain, address = PARTNERS[i]
            else:
                label, kind, prefix = rng.choice(SYNTH_PARTNER_KINDS)
                w1, w2 = rng.sample(SYNTH_PARTNER_WORDS, 2)
                name = f"{label} {w1} {w2} Medan"
                short = f"{prefix.upper()} {w1} {w2}"
                pid = f"{prefix}-{slugify(w1)}-{slugify(w2)}-{i}"
                domain = f"{slugify(w1)}{slugify(w2)}{i}.or.id"
                address = (
                    f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, {rng.choice(DISTRICTS)}"
                )
            self.partners.append(
                PartnerRec(pid, name, short, kind, domain, address, rng.uniform(0.5, 2.0))
            )

    def partner_yaml(self, p: PartnerRec) -> dict[str, Any]:
        rng = self.rng
        focus = rng.sample(list(COMPETENCIES.values()), 3)
        description = (
            f"{p.name} adalah mitra Pemerintah Kota Medan dalam pengembangan kompetensi "
            f"aparatur sipil negara. Sejak bekerja sama dengan BKPSDM Kota Medan, {p.short_name} "
            f"menyelenggarakan pelatihan, bimbingan teknis dan magang bagi ASN di berbagai "
            f"perangkat daerah.\n\nBidang unggulan: **{focus[0][0]}**, **{focus[1][0]}** dan "
            f"**{focus[2][0]}**."
        )
        return {
            "name": p.name,
            "short_name": p.short_name,
            "kind": Plain(p.kind),
            "city": CITY,
            "website": Plain(f"https://www.{p.domain}/"),
            "email": Plain(f"info@{p.domain}"),
            "phone": self.phone(),
            "address": f"{p.address}, {CITY}",
            "description": Block(description),
        }

    def competencies_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for cid, (name, ctype, _, topics) in COMPETENCIES.items():
            out[cid] = {
                "name": name,
                "type": Plain(ctype),
                "description": (
                    f"Kemampuan ASN dalam bidang {name.lower()}, meliputi "
                    f"{topics[0].lower()} dan {topics[1].lower()}."
                ),
            }
        return out

    def new_module(self, index: int) -> tuple[ModuleRec, dict[str, Any]]:
        rng = self.rng
        partner = self.partners[index] if index < len(self.partners) else self.pick_partner()
        ctype = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        pool = self.comps_by_type[ctype]
        comps = rng.sample(pool, rng.choice([1, 1, 2, 2, 3]))
        cname, _, phrases, topic_pool = COMPETENCIES[comps[0]]
        method, method_word, _, jps = rng.choices(METHODS, weights=[m[2] for m in METHODS])[0]
        jp = rng.choice(jps)
        level = rng.choice(list(LEVEL_WORDS)) if rng.random() < 0.85 else None
        if method == "e-learning":
            mode = "daring"
        elif method in ("coaching", "mentoring"):
            mode = rng.choice(["luring", "campuran"])
        else:
            mode = rng.choices(["luring", "daring", "campuran"], weights=[6, 2, 2])[0]

        phrase = rng.choice(phrases)
        title = f"{method_word} {phrase}{rng.choice(QUALIFIERS)}"
        if level:
            title += f" Tingkat {LEVEL_WORDS[level]}"
        base_id = slugify(f"{phrase} {level or ''}")
        mid = partner.unique_id("modules", base_id)
        rec = ModuleRec(index, partner, mid, ctype, comps[0], title)

        topics = rng.sample(topic_pool, min(len(topic_pool), rng.randint(4, 6)))
        audience = rng.sample(AUDIENCES, rng.randint(1, 3))
        objectives = [
            f"Peserta mampu {verb} {topic[0].lower()}{topic[1:]}."
            for verb, topic in zip(
                rng.sample(OBJECTIVE_VERBS, 3), rng.sample(topics, 3), strict=True
            )
        ]
        summary = (
            f"{method_word} {jp} JP tentang {phrase.lower()} bagi {audience[0].lower()} "
            f"di lingkungan Pemerintah Kota Medan."
        )
        description = self.module_description(
            rec, partner, method_word, mode, jp, audience, topics, cname
        )

        prerequisites: list[Plain] = []
        if index > 10 and rng.random() < 0.2:
            count = 1 if rng.random() < 0.75 else 2
            same_type = self.by_type[ctype]
            for _ in range(count):
                if rng.random() < 0.25 or not same_type:
                    target = self.modules[rng.randrange(index)]
                else:
                    target = same_type[rng.randrange(len(same_type))]
                ref = self.ref(partner, target)
                if ref not in prerequisites:
                    prerequisites.append(ref)

        instructors = [
            {
                "name": self.person(),
                "role": rng.choice(ROLES),
                "affiliation": partner.name if rng.random() < 0.7 else rng.choice(HOST_UNITS),
            }
            for _ in range(rng.randint(1, 3))
        ]
        data: dict[str, Any] = {
            "title": title,
            "summary": summary,
            "description": Block(description),
            "method": Plain(method),
            "mode": Plain(mode),
            "jp": jp,
            "level": Plain(level) if level else None,
            "competency_type": Plain(ctype),
            "competencies": [Plain(c) for c in comps],
            "audience": audience,
            "objectives": objectives,
            "topics": topics,
            "prerequisites": prerequisites,
            "instructors": instructors,
            "certificate": f"Sertifikat elektronik {jp} JP dari {partner.short_name}",
            "fee": rng.choice(FEES),
            "contact": self.contact(partner, "pelatihan"),
            "offerings": self.offerings(partner, mid, method, mode, jp),
        }
        self.modules.append(rec)
        self.by_type[ctype].append(rec)
        self.by_partner.setdefault(partner.id, []).append(rec)
        return rec, data

    def module_description(
        self,
        rec: ModuleRec,
        partner: PartnerRec,
        method_word: str,
        mode: str,
        jp: int,
        audience: list[str],
        topics: list[str],
        cname: str,
    ) -> str:
        rng = self.rng
        opening = rng.choice(
            [
                f"{rec.title} dirancang bagi {audience[0].lower()} di lingkungan Pemerintah Kota "
                f"Medan yang ingin memperkuat kompetensi {cname.lower()}.",
                f"Kegiatan ini membekali peserta dengan pengetahuan dan keterampilan praktis di "
                f"bidang {cname.lower()} yang langsung dapat diterapkan di unit kerja.",
                f"Tuntutan layanan publik yang cepat dan akuntabel menuntut ASN menguasai "
                f"{cname.lower()}; {method_word.lower()} ini menjawab kebutuhan tersebut.",
            ]
        )
        context = rng.choice(
            [
                "Materi disusun bersama perangkat daerah berdasarkan hasil analisis kebutuhan "
                "pengembangan kompetensi tahun berjalan.",
                "Contoh kasus diambil dari pengalaman nyata kelurahan, kecamatan dan dinas di Kota "
                "Medan, sehingga peserta dapat membandingkan praktik baik antarunit.",
                "Setiap sesi memadukan paparan singkat, diskusi kelompok dan latihan terbimbing "
                "agar peserta tidak hanya memahami konsep tetapi juga mampu mempraktikkannya.",
            ]
        )
        bullets = "\n".join(f"- {t}" for t in topics)
        closing = rng.choice(
            [
                f"Peserta yang mengikuti seluruh rangkaian dan lulus evaluasi akhir memperoleh "
                f"sertifikat **{jp} JP** yang dapat dicatat sebagai pemenuhan target 20 JP "
                f"pengembangan kompetensi tahunan.",
                f"Kehadiran minimal 90 persen menjadi syarat kelulusan. Sertifikat **{jp} JP** "
                f"diterbitkan secara elektronik paling lambat dua minggu setelah kegiatan.",
            ]
        )
        more = f"Informasi lebih lanjut tersedia di [laman {partner.short_name}](https://www.{partner.domain}/)."
        return (
            f"{opening} {context}\n\n"
            f"Kegiatan dilaksanakan secara {MODE_TEXT[mode]} selama {jp} JP "
            f"(1 JP = 45 menit). Pokok bahasan utama:\n\n{bullets}\n\n"
            f"{closing} {more}"
        )

    def offerings(
        self, partner: PartnerRec, mid: str, method: str, mode: str, jp: int
    ) -> list[dict[str, Any]]:
        rng = self.rng
        days = 1 if method == "e-learning" else max(1, min(10, math.ceil(jp / 8)))
        start_day = working_day(BASE_DATE + timedelta(days=rng.randint(35, 300)))
        out: list[dict[str, Any]] = []
        for k in range(3):
            if method == "e-learning":
                end_day = start_day + timedelta(days=rng.choice([13, 20, 27]))
            else:
                end_day = start_day + timedelta(days=days - 1)
            timed = method != "e-learning" and rng.random() < 0.5
            offering: dict[str, Any] = {
                "id": Plain(f"angkatan-{k + 1}"),
                "name": rng.choice(
                    [
                        f"Angkatan {ROMAN[k]} {start_day.year}",
                        f"Angkatan {k + 1} ({MONTHS[start_day.month - 1]} {start_day.year})",
                        None,
                    ]
                ),
            }
            half_day = days == 1 and jp <= 6
            if timed:
                offering["start"] = moment(start_day, "08:30" if half_day else "08:00")
                offering["end"] = moment(end_day, "12:30" if half_day else "16:00")
            else:
                offering["start"] = day(start_day)
                offering["end"] = day(end_day)
            # Sessions fill whole days 08:00-16:00, so only full-day offerings of 1-3 days.
            if method != "e-learning" and not half_day and days <= 3 and rng.random() < 0.4:
                offering["sessions"] = self.sessions(start_day, days)
            if mode in ("luring", "campuran"):
                offering["venue"] = self.venue()
            if mode in ("daring", "campuran"):
                offering["online"] = Plain(
                    f"https://elearning.{partner.domain}/kelas/{mid}-{k + 1}"
                )
            offering["quota"] = rng.choice([20, 25, 30, 40, 50, 60, 100])
            closes = start_day - timedelta(days=rng.randint(1, 10))
            opens = max(BASE_DATE, closes - timedelta(days=rng.randint(14, 45)))
            offering["registration"] = {
                "url": Plain(f"https://www.{partner.domain}/daftar/{mid}/angkatan-{k + 1}"),
                "opens": day(opens),
                "closes": day(closes),
            }
            roll = rng.random()
            if roll < 0.03:
                offering["status"] = Plain("cancelled")
            elif roll < 0.06:
                offering["status"] = Plain("postponed")
            elif roll < 0.10:
                offering["status"] = Plain("scheduled")
            out.append(offering)
            start_day = working_day(end_day + timedelta(days=rng.randint(60, 180)))
        return out

    def sessions(self, first: date, days: int) -> list[dict[str, Any]]:
        if days == 1:
            return [
                {
                    "title": "Sesi pagi: konsep dan regulasi",
                    "start": moment(first, "08:00"),
                    "end": moment(first, "12:00"),
                },
                {
                    "title": "Sesi siang: praktik dan studi kasus",
                    "start": moment(first, "13:00"),
                    "end": moment(first, "16:00"),
                },
            ]
        titles = [
            "Hari pertama: konsep dan regulasi",
            "Hari kedua: praktik terbimbing",
            "Hari ketiga: studi kasus dan evaluasi",
        ]
        return [
            {
                "title": titles[i],
                "start": moment(first + timedelta(days=i), "08:00"),
                "end": moment(first + timedelta(days=i), "16:00"),
            }
            for i in range(min(days, 3))
        ]

    def new_program(self) -> tuple[PartnerRec, str, dict[str, Any]]:
        rng = self.rng
        partner = self.pick_partner()
        own = self.by_partner.get(partner.id, [])
        anchor = rng.choice(own) if own else rng.choice(self.modules)
        ctype = anchor.type
        pool = self.by_type[ctype]
        size = min(rng.randint(3, 6), len(pool))
        chosen = [anchor]
        if rng.random() < 0.7:  # most programs stay with their own partner's modules
            local = [m for m in own if m.type == ctype and m is not anchor]
            chosen += rng.sample(local, min(len(local), size - 1))
        while len(chosen) < size:
            candidate = rng.choice(pool)
            if candidate not in chosen:
                chosen.append(candidate)
        chosen.sort(key=lambda m: m.index)  # prerequisites point backwards: keep that order
        cname = COMPETENCIES[anchor.competency][0]
        title = rng.choice(
            [
                f"Program Penguatan Kompetensi {cname}",
                f"Jalur Belajar {cname}",
                f"Program Sertifikasi {cname} bagi ASN Kota Medan",
            ]
        )
        pid = partner.unique_id("programs", slugify(title))
        audience = rng.sample(AUDIENCES, 2)
        steps = "\n".join(f"{i}. {m.title}" for i, m in enumerate(chosen, 1))
        description = (
            f"Program ini menyusun {len(chosen)} modul menjadi satu jalur belajar yang runtut "
            f"untuk {audience[0].lower()} dan {audience[1].lower()}. Ikuti modul sesuai urutan "
            f"berikut:\n\n{steps}\n\nPeserta yang menyelesaikan seluruh modul memperoleh "
            f"sertifikat program dari {partner.short_name}."
        )
        data = {
            "title": title,
            "summary": f"Rangkaian {len(chosen)} modul untuk menguasai {cname.lower()} secara "
            f"bertahap.",
            "description": Block(description),
            "competency_type": Plain(ctype),
            "audience": audience,
            "modules": [self.ref(partner, m) for m in chosen],
            "certificate": f"Sertifikat program dari {partner.short_name}",
        }
        return partner, pid, data

    def new_internship(self) -> tuple[PartnerRec, str, dict[str, Any]]:
        rng = self.rng
        partner = self.pick_partner()
        unit = rng.choice(HOST_UNITS)
        ctype = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        comps = rng.sample(self.comps_by_type[ctype], rng.randint(1, 2))
        cname = COMPETENCIES[comps[0]][0]
        weeks = rng.choice([4, 6, 8, 12])
        start = weekday_on_or_after(BASE_DATE + timedelta(days=rng.randint(45, 600)), 0)
        end = start + timedelta(weeks=weeks, days=-3)
        closes = start - timedelta(days=rng.randint(7, 30))
        short_unit = unit.replace(" Kota Medan", "")
        title = f"Magang {cname} di {short_unit}"
        iid = partner.unique_id(
            "internships", slugify(f"magang {comps[0]} {short_unit}")[:60].strip("-")
        )
        related = []
        for _ in range(rng.randint(0, 2)):
            target = rng.choice(self.by_type[ctype] or self.modules)
            ref = self.ref(partner, target)
            if ref not in related:
                related.append(ref)
        description = (
            f"Peserta ditempatkan selama {weeks} minggu di {unit} dan terlibat langsung dalam "
            f"pekerjaan sehari-hari di bidang {cname.lower()}. Setiap peserta didampingi seorang "
            f"mentor dari unit penerima dan seorang pembimbing dari {partner.short_name}.\n\n"
            f"Di akhir magang, peserta menyajikan laporan dan rencana aksi yang akan diterapkan "
            f"di unit kerja asal."
        )
        data = {
            "title": title,
            "summary": f"Magang {weeks} minggu untuk memperdalam {cname.lower()} melalui "
            f"praktik langsung.",
            "description": Block(description),
            "host": {
                "unit": unit,
                "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, "
                f"{rng.choice(DISTRICTS)}",
                "city": CITY,
            },
            "start": day(start),
            "end": day(end),
            "quota": rng.randint(1, 10),
            "jp": weeks * 20,
            "competencies": [Plain(c) for c in comps],
            "requirements": [
                "ASN aktif di lingkungan Pemerintah Kota Medan",
                f"Masa kerja minimal {rng.randint(1, 3)} tahun",
                "Mendapat izin tertulis dari atasan langsung",
                f"Bersedia mengikuti magang penuh waktu selama {weeks} minggu",
            ],
            "benefits": [
                f"Pengakuan {weeks * 20} JP pengembangan kompetensi",
                f"Pendampingan mentor dari {unit}",
                "Sertifikat magang",
            ],
            "application": {
                "url": Plain(f"https://www.{partner.domain}/magang/{iid}"),
                "closes": day(closes),
                "documents": rng.sample(DOCUMENTS, rng.randint(2, 4)),
            },
            "contact": self.contact(partner, "magang"),
            "related_modules": related,
        }
        return partner, iid, data

    def new_forum(self) -> tuple[PartnerRec, str, dict[str, Any]]:
        rng = self.rng
        partner = self.pick_partner()
        comp = rng.choice(list(COMPETENCIES))
        cname = COMPETENCIES[comp][0]
        month_start = date(2026, rng.randint(2, 6), 1)
        rule = rng.choice(["monthly-1th", "monthly-last-fr", "weekly-we", "biweekly-tu"])
        if rule == "monthly-1th":
            first, recurrence, every = (
                weekday_on_or_after(month_start, 3),
                "FREQ=MONTHLY;BYDAY=1TH",
                "Kamis pertama setiap bulan",
            )
        elif rule == "monthly-last-fr":
            next_month = date(month_start.year, month_start.month + 1, 1)
            last = next_month - timedelta(days=1)
            first = last - timedelta(days=(last.weekday() - 4) % 7)
            recurrence, every = "FREQ=MONTHLY;BYDAY=-1FR", "Jumat terakhir setiap bulan"
        elif rule == "weekly-we":
            first, recurrence, every = (
                weekday_on_or_after(month_start, 2),
                "FREQ=WEEKLY;BYDAY=WE",
                "setiap Rabu",
            )
        else:
            first = weekday_on_or_after(month_start, 1)
            recurrence, every = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Selasa dua minggu sekali"
        until = min(LAST_DATE, first + timedelta(days=rng.randint(180, 540)))
        title = rng.choice(
            [f"Forum Diskusi {cname}", f"Komunitas Belajar {cname}", f"Temu Praktisi {cname}"]
        )
        fid = partner.unique_id("forums", slugify(title))
        mode = rng.choice(["luring", "daring", "campuran"])
        description = (
            f"Forum ini mempertemukan ASN yang menangani {cname.lower()} untuk berbagi "
            f"pengalaman, membahas kendala di lapangan dan menyepakati praktik baik. Pertemuan "
            f"diadakan {every}.\n\nTopik setiap pertemuan diumumkan seminggu sebelumnya; usulan "
            f"topik dapat dikirim kepada narahubung."
        )
        data = {
            "title": title,
            "summary": f"Pertemuan rutin {every} untuk berbagi praktik baik {cname.lower()}.",
            "description": Block(description),
            "schedule": {
                "first": moment(first, rng.choice(["09:00", "14:00", "15:30"])),
                "duration_minutes": rng.choice([60, 90, 120]),
                "recurrence": Plain(recurrence),
                "until": day(until),
            },
            "venue": self.venue() if mode != "daring" else None,
            "online": Plain(f"https://meet.{partner.domain}/{fid}") if mode != "luring" else None,
            "audience": rng.sample(AUDIENCES, 2),
            "contact": self.contact(partner, "forum"),
        }
        return partner, fid, data


# ---------------------------------------------------------------- driver


def counts_for(n: int) -> dict[str, int]:
    return {
        "partners": max(1, n // 100),
        "modules": n,
        "offerings": 3 * n,
        "programs": max(1, n // 50) if n >= 3 else 0,
        "internships": n // 10,
        "forums": max(1, n // 200),
        "competencies": len(COMPETENCIES),
    }


def read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate(n: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write the catalog under `out`; returns the record counts."""
    if n < 1:
        raise ValueError("N must be at least 1")
    curriculum = out / "curriculum"
    if curriculum.exists():
        if read_manifest(out) is None:
            raise FileExistsError(
                f"{curriculum} exists and was not written by gen_catalog.py; not replacing it"
            )
        shutil.rmtree(curriculum)
    counts = counts_for(n)
    gen = Generator(n, seed)
    gen.make_partners(counts["partners"])

    files: dict[Path, dict[str, Any]] = {curriculum / "competencies.yml": gen.competencies_yaml()}
    for p in gen.partners:
        files[curriculum / p.id / "partner.yml"] = gen.partner_yaml(p)
    for i in range(n):
        rec, data = gen.new_module(i)
        files[curriculum / rec.partner.id / "modules" / f"{rec.id}.yml"] = data
    for kind, make in (
        ("programs", gen.new_program),
        ("internships", gen.new_internship),
        ("forums", gen.new_forum),
    ):
        for _ in range(counts[kind]):
            partner, rid, data = make()
            files[curriculum / partner.id / kind / f"{rid}.yml"] = data

    made: set[Path] = set()
    for path, data in files.items():
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(to_yaml(data), encoding="utf-8")

    (out / "site_config.yml").write_text(
        to_yaml(
            {
                "title": f"Portal Kurikulum (uji beban {n} modul)",
                "description": "Katalog sintetis untuk mengukur kecepatan pemeriksaan dan build.",
                "language": Plain("id"),
                "timezone": Plain("Asia/Jakarta"),
                "curriculum": Plain("curriculum"),
                "output": Plain("site"),
            }
        ),
        encoding="utf-8",
    )
    counts["files"] = len(files)
    manifest = {"format": FORMAT_VERSION, "n": n, "seed": seed, "counts": counts}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def default_out(n: int) -> Path:
    return Path(__file__).resolve().parent / "out" / f"catalog-{n}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of modules")
    parser.add_argument("--out", type=Path, help="output folder (default bench/out/catalog-N)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    out = (args.out or default_out(args.n)).resolve()
    started = time.perf_counter()
    try:
        counts = generate(args.n, out, args.seed)
    except (ValueError, FileExistsError) as exc:
        print(f"gen_catalog: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    for name, value in counts.items():
        print(f"{name:>13}: {value:,}")
    print(f"{'written in':>13}: {elapsed:.2f} s")
    print(f"{'output':>13}: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
