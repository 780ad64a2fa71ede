"""One small broken curriculum per rule, each asserting the exact file:line:col and field.

The base curriculum (conftest.BASE_FILES) is valid; each test bends one file.
`module()` is a 6-line valid module: anything appended starts on line 7.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import BASE_FILES, MODULE, module, one, run_check, write_files

from generator import load
from generator.catalog import check_curriculum
from generator.checks import run_checks
from generator.model import Offering
from generator.problems import Problem

M = "usu/modules/m.yml"
MP = f"cur/{M}"
WIB = ZoneInfo("Asia/Jakarta")


def expect(
    problems: list[Problem],
    location: str,
    field: str,
    fragment: str,
    *,
    severity: str = "error",
) -> Problem:
    """The one problem at `path:line[:col]` for `field`, whose message holds `fragment`."""
    path, line, *col = location.split(":")
    problem = one(problems, path, field)
    assert (problem.line, *([problem.col] if col else [])) == (int(line), *map(int, col)), (
        problem.format()
    )
    assert fragment in problem.message, problem.format()
    assert problem.severity == severity
    return problem


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    return problems[0]


def offering(id: str, start: str, end: str, extra: str = "") -> str:
    """An offering item for a module's `offerings:` list (3 lines + extra)."""
    text = f"  - id: {id}\n    start: {start}\n    end: {end}\n"
    return text + "".join(f"    {line}\n" for line in extra.splitlines())


def test_base_curriculum_is_clean(check):
    assert check() == []


# ================================================================ item 3: the model


# ---------------------------------------------------------------- unknown fields


def test_unknown_field_suggests_the_nearest_field(check):
    problems = check({M: module("metod: pelatihan\n")})
    p = expect(problems, f"{MP}:7:1", "metod", "kolom 'metod' tidak dikenal")
    assert "Mungkin maksud Anda 'method'?" in p.message
    assert len(problems) == 1


def test_unknown_nested_fields_suggest_the_nearest_field(check):
    problems = check(
        {
            M: module(
                "contact:\n  nama: Budi\n"
                "offerings:\n  - id: a\n    strat: 2026-02-10\n    start: 2026-02-10\n"
                "    end: 2026-02-10\n"
            )
        }
    )
    expect(problems, f"{MP}:8:3", "contact.nama", "Mungkin maksud Anda 'name'?")
    expect(problems, f"{MP}:11:5", "offerings[0].strat", "Mungkin maksud Anda 'start'?")
    assert len(problems) == 2


def test_unknown_field_without_a_near_match_lists_the_fields(check):
    p = only(check({M: module("zzzqqq: x\n")}))
    assert p.format().startswith(f"{MP}:7:1: error: zzzqqq: kolom 'zzzqqq' tidak dikenal.")
    assert "Kolom yang tersedia: title, summary" in p.message


def test_unknown_field_in_partner_and_competency(check):
    problems = check(
        {
            "usu/partner.yml": BASE_FILES["usu/partner.yml"] + "websit: https://usu.ac.id/\n",
            "competencies.yml": BASE_FILES["competencies.yml"] + "etika:\n  name: Etika\n"
            "  type: sosial-kultural\n  deskripsi: x\n",
        }
    )
    expect(problems, "cur/usu/partner.yml:8:1", "websit", "Mungkin maksud Anda 'website'?")
    expect(problems, "cur/competencies.yml:14:3", "etika.deskripsi", "tidak dikenal")


def test_missing_required_field_is_named(check):
    problems = check({M: module(replace={"title: Modul Uji\n": ""})})
    expect(problems, f"{MP}:1:1", "title", "kolom wajib 'title' belum diisi")


def test_empty_required_field_counts_as_missing(check):
    problems = check({M: module(replace={"summary: Ringkasan.": "summary:"})})
    expect(problems, f"{MP}:2:1", "summary", "kolom wajib 'summary'")


# ---------------------------------------------------------------- wrong types


def test_list_where_text_is_expected(check):
    p = only(check({M: module(replace={"title: Modul Uji": "title: [a, b]"})}))
    expect([p], f"{MP}:1:8", "title", "harus berupa teks, bukan daftar")


def test_mapping_where_text_is_expected(check):
    p = only(check({M: module(replace={"summary: Ringkasan.": "summary:\n  a: b"})}))
    expect([p], f"{MP}:3:3", "summary", "harus berupa teks, bukan pemetaan")


def test_text_where_list_is_expected(check):
    p = only(check({M: module("topics: Standar pelayanan\n")}))
    expect([p], f"{MP}:7:9", "topics", "harus berupa daftar")


def test_list_item_of_the_wrong_type(check):
    p = only(check({M: module("audience:\n  - [a, b]\n")}))
    expect([p], f"{MP}:8:5", "audience[0]", "harus berupa teks, bukan daftar")


@pytest.mark.parametrize(
    ("extra", "location", "field"),
    [
        ("contact: Sekretariat\n", f"{MP}:7:10", "contact"),
        ("instructors:\n  - Dr. Budi\n", f"{MP}:8:5", "instructors[0]"),
    ],
)
def test_mapping_expected(check, extra, location, field):
    p = only(check({M: module(extra)}))
    expect([p], location, field, "harus berupa pemetaan")


@pytest.mark.parametrize(("text", "what"), [("- title: x\n", "daftar"), ("hanya teks\n", "teks")])
def test_whole_file_must_be_a_mapping(check, text, what):
    p = only(check({M: text}))
    assert p.format().startswith(f"{MP}:1:1: error: harus berupa pemetaan")
    assert p.message.endswith(f"bukan {what}.")


def test_multi_line_title_is_refused(check):
    p = only(check({M: module(replace={"title: Modul Uji": "title: |\n  Satu\n  Dua"})}))
    expect([p], f"{MP}:1:8", "title", "harus satu baris")


# ---------------------------------------------------------------- enums


@pytest.mark.parametrize(
    ("replace", "location", "field", "value", "hint"),
    [
        ("method: pelatihn", f"{MP}:3:9", "method", "pelatihn", "pelatihan"),
        ("mode: Luring", f"{MP}:4:7", "mode", "Luring", "luring"),
        ("competency_type: tekniss", f"{MP}:6:18", "competency_type", "tekniss", "teknis"),
    ],
)
def test_bad_enum_lists_choices_and_suggests(check, replace, location, field, value, hint):
    old = replace.split(":")[0]
    line = next(ln for ln in MODULE.splitlines() if ln.startswith(old + ":"))
    p = only(check({M: module(replace={line: replace})}))
    expect([p], location, field, f"nilai '{value}' tidak dikenal; pilih salah satu:")
    assert p.message.endswith(f"Mungkin maksud Anda '{hint}'?")


def test_bad_enum_in_partner_competency_and_offering(check):
    problems = check(
        {
            "usu/partner.yml": BASE_FILES["usu/partner.yml"].replace(
                "kind: universitas", "kind: universitass"
            ),
            "competencies.yml": BASE_FILES["competencies.yml"].replace(
                "type: manajerial", "type: manajeral"
            ),
            M: module("offerings:\n" + offering("a", "2026-02-10", "2026-02-10", "status: bubar")),
        }
    )
    expect(problems, "cur/usu/partner.yml:3:7", "kind", "Mungkin maksud Anda 'universitas'?")
    expect(
        problems,
        "cur/competencies.yml:7:9",
        "kepemimpinan.type",
        "Mungkin maksud Anda 'manajerial'?",
    )
    p = expect(problems, f"{MP}:11:13", "offerings[0].status", "scheduled, cancelled, postponed")
    assert "Mungkin" not in p.message  # 'bubar' is close to nothing ('batal' is: cancelled)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("quota", "fragment"),
    [("0", "paling sedikit 1, bukan 0"), ("-3", "paling sedikit 1, bukan -3")],
)
def test_offering_quota_zero_or_negative(check, quota, fragment):
    text = module("offerings:\n" + offering("a", "2026-02-10", "2026-02-10", f"quota: {quota}"))
    p = only(check({M: text}))
    expect([p], f"{MP}:11:12", "offerings[0].quota", fragment)


@pytest.mark.parametrize("quota", ["0", "-1"])
def test_internship_quota_zero_or_negative(check, quota):
    path = "usu/internships/magang-akademik.yml"
    p = only(check({path: BASE_FILES[path].replace("quota: 5", f"quota: {quota}")}))
    expect([p], f"cur/{path}:8:8", "quota", f"paling sedikit 1, bukan {quota}")


@pytest.mark.parametrize(
    ("jp", "fragment"),
    [
        ("0", "harus paling sedikit 1, bukan 0"),
        ("1001", "paling banyak 1000, bukan 1001"),
        ("dua", "'dua' bukan bilangan bulat"),
        ("2.5", "'2.5' bukan bilangan bulat"),
    ],
)
def test_jp_out_of_range_or_not_a_number(check, jp, fragment):
    p = only(check({M: module(replace={"jp: 8": f"jp: {jp}"})}))
    expect([p], f"{MP}:5:5", "jp", fragment)


@pytest.mark.parametrize("jp", ["1", "1000", "'24'"])
def test_jp_bounds_are_accepted(check, jp):
    assert check({M: module(replace={"jp: 8": f"jp: {jp}"})}) == []


# ---------------------------------------------------------------- ids


def test_file_name_must_be_an_id(check):
    p = only(check({"usu/modules/Modul_Baru.yml": MODULE}))
    assert p.format() == (
        "cur/usu/modules/Modul_Baru.yml:1:1: error: nama berkas 'Modul_Baru' bukan id yang sah; "
        "ganti namanya menjadi 'modul-baru' (huruf kecil, angka, tanda hubung)."
    )


@pytest.mark.parametrize("stem", ["modul--baru", "-modul", "modul-", "modul.baru"])
def test_id_edge_cases_in_file_names(check, stem):
    p = only(check({f"usu/modules/{stem}.yml": MODULE}))
    assert p.format().startswith(
        f"cur/usu/modules/{stem}.yml:1:1: error: nama berkas '{stem}' bukan id yang sah"
    )


def test_file_with_a_bad_name_is_still_checked(check):
    problems = check({"usu/modules/Modul Baru.yml": module(replace={"jp: 8": "jp: 0"})})
    assert [(p.line, p.field) for p in problems] == [(1, ""), (5, "jp")]


def test_folder_name_must_be_an_id(check):
    p = only(check({"USU_Medan/partner.yml": BASE_FILES["usu/partner.yml"]}))
    assert p.format().startswith(
        "cur/USU_Medan:1:1: error: nama folder mitra 'USU_Medan' bukan id yang sah"
    )
    assert "'usu-medan'" in p.message


def test_offering_id_must_be_an_id(check):
    text = module("offerings:\n" + offering("Angkatan 1", "2026-02-10", "2026-02-10"))
    p = only(check({M: text}))
    expect([p], f"{MP}:8:9", "offerings[0].id", "id 'Angkatan 1' tidak sah")
    assert "'angkatan-1'" in p.message


def test_competency_id_must_be_an_id(check):
    comps = BASE_FILES["competencies.yml"] + "Etika_ASN:\n  name: Etika\n  type: sosial-kultural\n"
    p = only(check({"competencies.yml": comps}))
    expect([p], "cur/competencies.yml:11:1", "Etika_ASN", "id kompetensi 'Etika_ASN' tidak sah")
    assert "'etika-asn'" in p.message


@pytest.mark.parametrize(("ref", "line"), [("Pelayanan Prima", 8), ("usu/x/y", 8)])
def test_reference_must_be_id_or_partner_slash_id(check, ref, line):
    p = only(check({M: module(f"prerequisites:\n  - {ref}\n")}))
    expect([p], f"{MP}:{line}:5", "prerequisites[0]", f"rujukan '{ref}' tidak sah")


# ---------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://files.usu.ac.id/x", "data:text/html,hai", "www.usu.ac.id"]
)
def test_url_schemes_other_than_https_http_mailto_are_refused(check, url):
    partner = BASE_FILES["usu/partner.yml"].replace("https://www.usu.ac.id/", url)
    p = only(check({"usu/partner.yml": partner}))
    expect([p], "cur/usu/partner.yml:5:10", "website", f"alamat '{url}' tidak ")


def test_url_refused_in_nested_fields(check):
    extra = "online: ftp://files.usu.ac.id/x\nregistration:\n  url: data:text/html,hai"
    p = check({M: module("offerings:\n" + offering("a", "2026-02-10", "2026-02-10", extra))})
    expect(p, f"{MP}:11:13", "offerings[0].online", "alamat 'ftp://")
    expect(p, f"{MP}:13:12", "offerings[0].registration.url", "alamat 'data:")
    assert len(p) == 2


@pytest.mark.parametrize(
    "url", ["https://www.usu.ac.id/daftar", "http://zoom.us/j/123", "mailto:daftar@usu.ac.id"]
)
def test_https_http_and_mailto_are_accepted(check, url):
    extra = f"online: {url}\nregistration:\n  url: {url}"
    assert (
        check({M: module("offerings:\n" + offering("a", "2026-02-10", "2026-02-10", extra))}) == []
    )


# ---------------------------------------------------------------- dates


def test_date_not_in_the_calendar(check):
    p = only(check({M: module("offerings:\n" + offering("a", "2026-02-31", "2026-03-01"))}))
    expect([p], f"{MP}:9:12", "offerings[0].start", "tanggal '2026-02-31' tidak ada di kalender")


def test_a_bare_time_is_not_a_date(check):
    text = module(
        "offerings:\n" + offering("a", "10:30", "2026-03-01", "registration:\n  closes: 10:30")
    )
    problems = check({M: text})
    expect(problems, f"{MP}:9:12", "offerings[0].start", "'10:30' adalah jam saja, bukan tanggal")
    expect(problems, f"{MP}:12:15", "offerings[0].registration.closes", "'10:30' adalah jam")
    assert len(problems) == 2


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("10/02/2026", "tulis menjadi 2026-02-10 (tahun-bulan-hari)"),
        ("2026-02-10 25:00", "jam pada '2026-02-10 25:00' tidak sah"),
        ("besok", "waktu 'besok' tidak sah"),
    ],
)
def test_malformed_dates(check, value, fragment):
    p = only(check({M: module("offerings:\n" + offering("a", value, "2026-03-01"))}))
    expect([p], f"{MP}:9:12", "offerings[0].start", fragment)


def test_internship_start_needs_a_plain_date(check):
    path = "usu/internships/magang-akademik.yml"
    text = BASE_FILES[path].replace("start: 2026-04-01", "start: 2026-04-01 08:00")
    p = only(check({path: text}))
    expect([p], f"cur/{path}:6:8", "start", "tanggal saja, tanpa jam; tulis 2026-04-01.")


def test_local_datetime_is_in_asia_jakarta():
    data = {"id": "a", "start": "2026-02-10 08:00", "end": "2026-02-10T08:00+07:00"}
    parsed = Offering.model_validate(data)
    assert parsed.start == datetime(2026, 2, 10, 8, 0, tzinfo=WIB)
    assert parsed.start.utcoffset() == timedelta(hours=7)
    assert parsed.end == parsed.start


def test_datetime_with_offset_is_compared_as_an_instant(check):
    # 08:00 UTC is 15:00 WIB: an end at 09:00 WIB is before it.
    text = module("offerings:\n" + offering("a", "2026-02-10T08:00+00:00", "2026-02-10 09:00"))
    p = only(check({M: text}))
    expect([p], f"{MP}:10:10", "offerings[0].end", "sebelum mulai (2026-02-10 15:00 WIB)")


def test_offset_datetimes_are_accepted(check):
    text = module("offerings:\n" + offering("a", "2026-02-10T08:00+07:00", "2026-02-10T12:00+0700"))
    assert check({M: text}) == []


def test_local_datetime_follows_the_site_time_zone(make_curriculum, tmp_path):
    root = make_curriculum(
        {M: module("offerings:\n" + offering("a", "2026-02-10 08:00", "2026-02-10 12:00"))}
    )
    config = tmp_path / "site_config.yml"
    config.write_text("title: Portal\ndescription: Uji\ntimezone: Asia/Makassar\n")
    result = check_curriculum(root, config_path=config)
    assert result.problems == []
    start = result.loaded.modules["usu/m"].offerings[0].start
    assert start.utcoffset() == timedelta(hours=8)


def test_date_only_end_covers_the_whole_day(check):
    sessions = (
        "sessions:\n"
        "  - start: 2026-02-10 08:00\n    end: 2026-02-10 12:00\n"
        "  - start: 2026-02-10 19:00\n    end: 2026-02-10 23:59\n"
        "registration:\n  closes: 2026-02-10"
    )
    text = module("offerings:\n" + offering("a", "2026-02-10 08:00", "2026-02-10", sessions))
    assert check({M: text}) == []


def test_one_day_offering_with_date_only_start_and_end(check):
    assert check({M: module("offerings:\n" + offering("a", "2026-02-10", "2026-02-10"))}) == []


# ================================================================ item 4: across records


# ---------------------------------------------------------------- references


def test_unknown_competency_suggests_the_nearest(check):
    p = only(check({M: module("competencies:\n  - pelayanan-publk\n")}))
    expect([p], f"{MP}:8:5", "competencies[0]", "kompetensi 'pelayanan-publk' tidak ada")
    assert p.message.endswith("Mungkin maksud Anda 'pelayanan-publik'?")


def test_unknown_competency_far_from_everything_says_how_to_add_it(check):
    p = only(check({M: module("competencies:\n  - pelayanan-publik\n  - zzz-qqq\n")}))
    expect([p], f"{MP}:9:5", "competencies[1]", "Tambahkan dulu ke kamus kompetensi")


def test_unknown_prerequisite_in_the_same_partner(check):
    p = only(check({M: module("prerequisites:\n  - pelayanan-prim\n")}))
    expect([p], f"{MP}:8:5", "prerequisites[0]", "'pelayanan-prim' tidak ditemukan di mitra 'usu'")
    assert p.message.endswith("Mungkin maksud Anda 'pelayanan-prima'?")


def test_unknown_prerequisite_of_another_partner(check):
    p = only(check({M: module("prerequisites:\n  - unimed/literasi-digitl\n")}))
    expect([p], f"{MP}:8:5", "prerequisites[0]", "'unimed/literasi-digitl' tidak ditemukan")
    assert p.message.endswith("Mungkin maksud Anda 'unimed/literasi-digital'?")


def test_reference_to_a_partner_that_does_not_exist(check):
    p = only(check({M: module("prerequisites:\n  - xyz/literasi-digital\n")}))
    expect([p], f"{MP}:8:5", "prerequisites[0]", "'xyz/literasi-digital' tidak ditemukan")


def test_prerequisite_of_another_partner_without_prefix_suggests_the_prefix(check):
    p = only(check({M: module("prerequisites:\n  - literasi-digital\n")}))
    expect([p], f"{MP}:8:5", "prerequisites[0]", "untuk mitra lain tulis 'mitra/literasi-digital'")
    assert p.message.endswith("Mungkin maksud Anda 'unimed/literasi-digital'?")


def test_cross_partner_prerequisite_resolves(check):
    assert check({M: module("prerequisites:\n  - unimed/literasi-digital\n")}) == []


def test_unknown_program_module(check):
    path = "usu/programs/jalur-pelayanan.yml"
    text = BASE_FILES[path].replace("  - pelayanan-lanjut\n", "  - pelayanan-lanjutan\n")
    p = only(check({path: text}))
    expect([p], f"cur/{path}:6:5", "modules[1]", "modul 'pelayanan-lanjutan' tidak ditemukan")
    assert p.message.endswith("Mungkin maksud Anda 'pelayanan-lanjut'?")


def test_program_needs_at_least_one_module(check):
    path = "usu/programs/jalur-pelayanan.yml"
    text = BASE_FILES[path].split("modules:")[0] + "modules: []\n"
    p = only(check({path: text}))
    expect([p], f"cur/{path}:4:10", "modules", "paling sedikit 1 butir")


def test_unknown_internship_related_module_and_competency(check):
    path = "usu/internships/magang-akademik.yml"
    text = (
        BASE_FILES[path]
        .replace("  - pelayanan-prima\n", "  - unimed/literasi-digitall\n")
        .replace("  - pelayanan-publik\n", "  - pelayanan-publikk\n")
    )
    problems = check({path: text})
    p = expect(problems, f"cur/{path}:11:5", "competencies[0]", "'pelayanan-publikk' tidak ada")
    assert p.message.endswith("Mungkin maksud Anda 'pelayanan-publik'?")
    p = expect(problems, f"cur/{path}:16:5", "related_modules[0]", "tidak ditemukan di kurikulum")
    assert p.message.endswith("Mungkin maksud Anda 'unimed/literasi-digital'?")
    assert len(problems) == 2


def test_reference_to_a_broken_record_is_not_reported_twice(check):
    path = "usu/modules/pelayanan-prima.yml"
    p = only(check({path: BASE_FILES[path].replace("jp: 24", "jp: nol")}))
    # Only the broken field: the program, internship and prerequisites pointing at it are quiet.
    expect([p], f"cur/{path}:9:5", "jp", "'nol' bukan bilangan bulat")


def test_same_reference_twice_is_a_warning(check):
    path = "usu/programs/jalur-pelayanan.yml"
    p = only(check({path: BASE_FILES[path] + "  - pelayanan-prima\n"}))
    expect([p], f"cur/{path}:8:5", "modules[3]", "disebut dua kali", severity="warning")
    assert p.format().startswith(f"cur/{path}:8:5: warning: modules[3]:")


def test_references_are_checked_in_a_record_with_other_errors(check):
    problems = check(
        {M: module("prerequisites:\n  - pelayanan-prim\n", replace={"jp: 8": "jp: 0"})}
    )
    assert [(p.line, p.field) for p in problems] == [(5, "jp"), (8, "prerequisites[0]")]


# ---------------------------------------------------------------- cycles


def test_cycle_of_length_one(check):
    p = only(check({M: module("prerequisites:\n  - m\n")}))
    expect([p], f"{MP}:8:5", "prerequisites[0]", "prasyarat bagi dirinya sendiri (usu/m → usu/m)")


def test_cycle_of_length_two(check):
    problems = check(
        {
            M: module("prerequisites:\n  - pelayanan-prima\n  - m2\n"),
            "usu/modules/m2.yml": module("prerequisites:\n  - m\n"),
        }
    )
    p = only(problems)
    expect([p], f"{MP}:9:5", "prerequisites[1]", "lingkaran: usu/m → usu/m2 → usu/m")


def test_cycle_of_length_three_across_partners(check):
    problems = check(
        {
            "usu/modules/a.yml": module("prerequisites:\n  - b\n"),
            "usu/modules/b.yml": module("prerequisites:\n  - unimed/c\n"),
            "unimed/modules/c.yml": module("prerequisites:\n  - usu/a\n"),
        }
    )
    p = only(problems)
    expect(
        [p],
        "cur/unimed/modules/c.yml:8:5",
        "prerequisites[0]",
        "lingkaran: unimed/c → usu/a → usu/b → unimed/c",
    )


def test_cycle_of_length_six_is_printed_whole(check):
    files = {
        f"usu/modules/s{i}.yml": module(f"prerequisites:\n  - s{(i + 1) % 6}\n") for i in range(6)
    }
    p = only(check(files))
    expect(
        [p],
        "cur/usu/modules/s0.yml:8:5",
        "prerequisites[0]",
        "lingkaran: usu/s0 → usu/s1 → usu/s2 → usu/s3 → usu/s4 → usu/s5 → usu/s0",
    )


def test_long_prerequisite_chain_without_cycle_is_fine(check):
    files = {f"usu/modules/k{i}.yml": module(f"prerequisites:\n  - k{i + 1}\n") for i in range(300)}
    files["usu/modules/k300.yml"] = module()
    assert check(files) == []


# ---------------------------------------------------------------- date order


def test_offering_end_before_start(check):
    text = module(
        "offerings:\n"
        + offering("a", "2026-02-10", "2026-02-09")
        + offering("b", "2026-02-10 08:00", "2026-02-10 07:59")
    )
    problems = check({M: text})
    expect(problems, f"{MP}:10:10", "offerings[0].end", "selesai (2026-02-09) sebelum mulai")
    expect(problems, f"{MP}:13:10", "offerings[1].end", "sebelum mulai (2026-02-10 08:00 WIB)")
    assert len(problems) == 2


def test_end_equal_to_start_is_accepted(check):
    # The rule is end >= start: a one-day offering, or one that starts and ends
    # at the same instant (a deadline-like event), is not an error.
    text = module(
        "offerings:\n"
        + offering("a", "2026-02-10", "2026-02-10")
        + offering("b", "2026-02-10 08:00", "2026-02-10 08:00")
    )
    assert check({M: text}) == []


def test_internship_end_before_start(check):
    path = "usu/internships/magang-akademik.yml"
    p = only(check({path: BASE_FILES[path].replace("end: 2026-04-30", "end: 2026-03-30")}))
    expect([p], f"cur/{path}:7:6", "end", "selesai (2026-03-30) sebelum mulai (2026-04-01)")


def test_session_outside_its_offering(check):
    sessions = (
        "sessions:\n"
        "  - start: 2026-02-10 07:00\n    end: 2026-02-10 09:00\n"
        "  - start: 2026-02-11 08:00\n    end: 2026-02-11 09:00\n"
        "  - start: 2026-02-10 10:00\n    end: 2026-02-10 11:00"
    )
    text = module("offerings:\n" + offering("a", "2026-02-10 08:00", "2026-02-10", sessions))
    problems = check({M: text})
    expect(problems, f"{MP}:12:16", "offerings[0].sessions[0].start", "di luar angkatannya")
    p = expect(problems, f"{MP}:14:16", "offerings[0].sessions[1].start", "di luar angkatannya")
    assert "(2026-02-10 08:00 WIB – 2026-02-10)" in p.message
    assert len(problems) == 2


def test_session_end_before_its_start(check):
    sessions = "sessions:\n  - start: 2026-02-10 12:00\n    end: 2026-02-10 10:00"
    text = module("offerings:\n" + offering("a", "2026-02-10", "2026-02-10", sessions))
    p = only(check({M: text}))
    expect([p], f"{MP}:13:14", "offerings[0].sessions[0].end", "sebelum mulai")


def test_registration_closing_after_the_offering_starts(check):
    extra = "registration:\n  opens: 2026-01-01\n  closes: 2026-02-11"
    text = module("offerings:\n" + offering("a", "2026-02-10 08:00", "2026-02-12", extra))
    p = only(check({M: text}))
    expect(
        [p], f"{MP}:13:15", "offerings[0].registration.closes", "pendaftaran ditutup (2026-02-11)"
    )


def test_registration_opening_after_it_closes(check):
    extra = "registration:\n  opens: 2026-02-05\n  closes: 2026-02-01"
    text = module("offerings:\n" + offering("a", "2026-02-10", "2026-02-12", extra))
    p = only(check({M: text}))
    expect([p], f"{MP}:12:14", "offerings[0].registration.opens", "setelah ditutup")


def test_internship_application_closing_after_it_starts(check):
    path = "usu/internships/magang-akademik.yml"
    p = only(check({path: BASE_FILES[path].replace("closes: 2026-03-15", "closes: 2026-04-02")}))
    expect([p], f"cur/{path}:14:11", "application.closes", "ditutup (2026-04-02) setelah magang")


def test_internship_application_may_close_on_the_first_day(check):
    path = "usu/internships/magang-akademik.yml"
    assert check({path: BASE_FILES[path].replace("closes: 2026-03-15", "closes: 2026-04-01")}) == []


def test_duplicate_offering_ids(check):
    text = module(
        "offerings:\n"
        + offering("angkatan-1", "2026-02-10", "2026-02-10")
        + offering("angkatan-2", "2026-03-10", "2026-03-10")
        + offering("angkatan-1", "2026-04-10", "2026-04-10")
    )
    p = only(check({M: text}))
    expect([p], f"{MP}:14:9", "offerings[2].id", "id angkatan 'angkatan-1' sudah dipakai")


def test_positions_stay_right_after_an_invalid_offering(check):
    # The first offering is invalid and left out of the partial record; the rules on the
    # second one must still name its own line and index.
    text = module(
        "offerings:\n"
        + offering("a", "2026-02-31", "2026-03-01")
        + offering("b", "2026-02-10", "2026-02-09")
    )
    problems = check({M: text})
    expect(problems, f"{MP}:9:12", "offerings[0].start", "tidak ada di kalender")
    expect(problems, f"{MP}:13:10", "offerings[1].end", "sebelum mulai")
    assert len(problems) == 2


def test_reference_positions_stay_right_after_an_invalid_item(check):
    p = check({M: module("prerequisites:\n  - Bukan Id\n  - tidak-ada\n")})
    expect(p, f"{MP}:8:5", "prerequisites[0]", "rujukan 'Bukan Id' tidak sah")
    expect(p, f"{MP}:9:5", "prerequisites[1]", "'tidak-ada' tidak ditemukan")
    assert len(p) == 2


def test_forum_until_before_first_meeting(check):
    path = "usu/forums/forum-pelayanan.yml"
    p = only(check({path: BASE_FILES[path].replace("until: 2026-12-31", "until: 2025-12-31")}))
    expect([p], f"cur/{path}:7:10", "schedule.until", "sebelum pertemuan pertama")


# ---------------------------------------------------------------- raw HTML in Markdown

DESCRIPTION = """\
description: |
  Pengantar **pelayanan** publik.

  <script>alert(1)</script>
  Lihat <iframe src="https://contoh.org"></iframe>
  <img src="x.png" onclick="curi()">
  [klik di sini](javascript:alert(1)) dan [aman](https://www.usu.ac.id/)
"""


@pytest.mark.parametrize(
    ("location", "fragment"),
    [
        (f"{MP}:10:3", "tag <script> tidak diizinkan"),
        (f"{MP}:11:9", "tag <iframe> tidak diizinkan"),
        (f"{MP}:12:3", "atribut peristiwa HTML (on...=)"),
        (f"{MP}:13:18", "tautan javascript: tidak diizinkan"),
    ],
)
def test_raw_html_in_markdown_is_located_inside_a_block(check, location, fragment):
    problems = check({M: module(DESCRIPTION)})
    assert len(problems) == 4
    line, col = map(int, location.split(":")[1:])
    (p,) = [p for p in problems if fragment in p.message]
    assert (p.path, p.line, p.col, p.field) == (MP, line, col, "description")


def test_raw_html_in_a_folded_block_names_its_own_line(check):
    text = module("description: >\n  Baris satu\n  baris dua\n  <script>x</script>\n")
    p = only(check({M: text}))
    expect([p], f"{MP}:10:3", "description", "<script>")


def test_raw_html_in_partner_and_competency_descriptions(check):
    problems = check(
        {
            "usu/partner.yml": BASE_FILES["usu/partner.yml"]
            + 'description: Klik <a href="#" onmouseover="x()">di sini</a>\n',
            "competencies.yml": BASE_FILES["competencies.yml"].replace(
                "cepat dan ramah.", "cepat <SCRIPT>x</SCRIPT>"
            ),
        }
    )
    expect(problems, "cur/usu/partner.yml:8:19", "description", "atribut peristiwa")
    expect(problems, "cur/competencies.yml:4:58", "pelayanan-publik.description", "<script>")
    assert len(problems) == 2


def test_plain_markdown_with_links_and_code_is_accepted(check):
    text = module(
        "description: |\n  Teks **tebal**, `kode`, [tautan](https://usu.ac.id) "
        "dan <mailto:a@usu.ac.id>.\n  Kata 'onclick' dan 'javascript' sebagai kata biasa.\n"
    )
    assert check({M: text}) == []


# ---------------------------------------------------------------- layout


def test_missing_partner_file(check):
    p = only(check({"usu/partner.yml": None}))
    assert p.format().startswith("cur/usu:1:1: error: folder mitra 'usu' tidak memuat partner.yml")


def test_yaml_extension_is_refused(check):
    p = only(check({"usu/modules/m.yaml": MODULE}))
    assert p.format() == (
        "cur/usu/modules/m.yaml:1:1: error: gunakan akhiran .yml, bukan .yaml; "
        "ganti nama menjadi m.yml."
    )


def test_unknown_kind_folder_suggests_the_right_one(check):
    p = only(check({"usu/moduls/m.yml": MODULE}))
    assert p.path == "cur/usu/moduls"
    assert "Mungkin maksud Anda 'modules'?" in p.message


def test_stray_files_are_reported(check):
    problems = check({"usu/m.yml": MODULE, "m.yml": MODULE})
    assert [p.path for p in problems] == ["cur/m.yml", "cur/usu/m.yml"]


def test_missing_competency_dictionary(check):
    problems = check({"competencies.yml": None})
    assert (
        problems[0]
        .format()
        .startswith(
            "cur/competencies.yml:1:1: error: kamus kompetensi competencies.yml tidak ditemukan"
        )
    )


def test_missing_curriculum_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = only(run_check(tmp_path / "tidak-ada"))
    assert p.format().startswith("tidak-ada:1:1: error: folder kurikulum tidak ditemukan")


def test_reader_problems_reach_check_with_the_file_path(check):
    problems = check({M: module("contact:\n\tname: Budi\n"), "usu/modules/kosong.yml": ""})
    assert [p.format().split(": ")[0] for p in problems] == [
        "cur/usu/modules/kosong.yml:1:1",
        f"{MP}:8:1",
    ]


# ---------------------------------------------------------------- everything in one run


def test_all_problems_are_reported_in_one_run_sorted_by_file_and_line(make_curriculum):
    root = make_curriculum(
        {
            "competencies.yml": BASE_FILES["competencies.yml"].replace(
                "type: manajerial", "type: manajeral"
            ),
            "usu/partner.yml": BASE_FILES["usu/partner.yml"].replace(
                "https://www.usu.ac.id/", "javascript:alert(1)"
            ),
            M: module(
                "metod: x\n"
                "competencies:\n  - pelayanan-publk\n"
                "prerequisites:\n  - m\n"
                "description: |\n  <script>x</script>\n"
                "offerings:\n"
                + offering("a", "2026-02-10 08:00", "2026-02-09")
                + offering("a", "10:30", "2026-02-31", "quota: 0"),
                replace={"jp: 8": "jp: dua"},
            ),
            "usu/modules/n.yml": "title: a\ntitle: b\n",
            "usu/programs/jalur-pelayanan.yml": BASE_FILES[
                "usu/programs/jalur-pelayanan.yml"
            ].replace("  - pelayanan-lanjut\n", "  - pelayanan-lanjutan\n"),
            "usu/internships/magang-akademik.yml": BASE_FILES[
                "usu/internships/magang-akademik.yml"
            ].replace("closes: 2026-03-15", "closes: 2026-04-02"),
            "unimed/modules/Literasi.yml": MODULE,
        }
    )
    problems = run_check(root)
    got = [(p.path, p.line, p.field) for p in problems]
    assert got == [
        ("cur/competencies.yml", 7, "kepemimpinan.type"),
        ("cur/unimed/modules/Literasi.yml", 1, ""),
        ("cur/usu/internships/magang-akademik.yml", 14, "application.closes"),
        (MP, 5, "jp"),
        (MP, 7, "metod"),
        (MP, 9, "competencies[0]"),
        (MP, 11, "prerequisites[0]"),
        (MP, 13, "description"),
        (MP, 17, "offerings[0].end"),
        (MP, 19, "offerings[1].start"),
        (MP, 20, "offerings[1].end"),
        (MP, 21, "offerings[1].quota"),
        ("cur/usu/modules/n.yml", 2, "title"),
        ("cur/usu/partner.yml", 5, "website"),
        ("cur/usu/programs/jalur-pelayanan.yml", 6, "modules[1]"),
    ]
    assert got == sorted(got, key=lambda x: (x[0], x[1]))
    assert all(p.is_error for p in problems)


def test_worker_processes_report_the_same_problems(make_curriculum, monkeypatch):
    # Big curricula are read in a process pool; force it on a small one and compare.
    root = make_curriculum(
        {
            M: module(
                "prerequisites:\n  - Bukan Id\n  - tidak-ada\n  - m\n"
                "description: |\n  <script>x</script>\n"
                "offerings:\n"
                + offering("a", "2026-02-31", "2026-03-01")
                + offering("b", "2026-02-10", "2026-02-09"),
                replace={"jp: 8": "jp: 0"},
            ),
            "usu/internships/magang-akademik.yml": BASE_FILES[
                "usu/internships/magang-akademik.yml"
            ].replace("  - pelayanan-prima\n", "  - Salah\n  - pelayanan-prim\n"),
        }
    )

    def problems(jobs: int) -> list[str]:
        loaded = load.load_curriculum(root, jobs=jobs)
        return sorted(p.format() for p in [*loaded.problems, *run_checks(loaded)])

    single = problems(1)
    assert f"{MP}:10:5: error: prerequisites[2]: modul menjadi prasyarat" in "\n".join(single)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(load, "CHUNK", 2)
    assert problems(2) == single


def test_check_of_a_copy_is_independent_of_other_folders(tmp_path, monkeypatch):
    # The rules read only the folder given: a sibling folder's mistakes do not leak in.
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "a", BASE_FILES)
    write_files(tmp_path / "b", {**BASE_FILES, M: "title: x\ntitle: y\n"})
    assert run_check(tmp_path / "a") == []
    assert len(run_check(tmp_path / "b")) == 1
