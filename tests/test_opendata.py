"""Open data under /data/: the whole catalog as JSON (a record a line) and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import REPO  # noqa: E402

from generator.catalog import Catalog  # noqa: E402
from generator.exports.opendata import _document, catalog_json  # noqa: E402

pytest_plugins = ["sitehelpers"]


@pytest.fixture(scope="module")
def sample_catalog() -> Catalog:
    return Catalog.from_folder(config_path=REPO / "site_config.yml", cache=False)


def test_katalog_json_holds_the_whole_catalog(sample_site: Path) -> None:
    data = json.loads((sample_site / "data" / "katalog.json").read_text(encoding="utf-8"))
    modules = sorted(p.parent for p in (sample_site / "modul").glob("*/*/index.html"))
    assert len(data["modules"]) == len(modules) > 10
    assert sorted(m["id"] for m in data["modules"]) == [m["id"] for m in data["modules"]]
    for module in data["modules"]:
        path = module["url"].split("/", 3)[3]  # after https://host/
        assert (sample_site / path / "index.html").is_file(), module["url"]
        assert module["offerings"] is not None
    assert {p["id"] for p in data["partners"]} == {
        p.name for p in (sample_site / "mitra").iterdir() if p.is_dir()
    }


def test_katalog_json_is_one_record_a_line(sample_site: Path) -> None:
    text = (sample_site / "data" / "katalog.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    for key, value in data.items():
        if isinstance(value, list) and value:
            start = lines.index(f' "{key}": [')
            for n, item in enumerate(value, start + 1):
                assert json.loads(lines[n].rstrip(",")) == item
    assert text.endswith("}\n") and "\n\n" not in text


def test_document_round_trips_and_is_stable(sample_catalog: Catalog) -> None:
    data = catalog_json(sample_catalog)
    text = _document(data)
    assert json.loads(text) == json.loads(json.dumps(data))
    assert _document(json.loads(text)) == text
    tricky = {"b": [], "a": [{"z": 'kutip " dan \\ garis\nbaru', "é": None}], "c": {"x": 1}}
    assert json.loads(_document(tricky)) == tricky


def test_csv_tables_have_a_row_per_record(sample_site: Path) -> None:
    data = json.loads((sample_site / "data" / "katalog.json").read_text(encoding="utf-8"))
    raw = (sample_site / "data" / "modul.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "mitra", "judul"]
    assert [r[0] for r in rows[1:]] == [m["id"] for m in data["modules"]]
    offerings = list(
        csv.reader(io.StringIO((sample_site / "data" / "angkatan.csv").read_text("utf-8-sig")))
    )
    assert len(offerings) - 1 == sum(len(m["offerings"]) for m in data["modules"])
    # Statuses read in Indonesian, like the table's other values; the JSON keeps codes.
    status = offerings[0].index("status")
    words = {"scheduled": "terjadwal", "cancelled": "dibatalkan", "postponed": "ditunda"}
    codes = [o["status"] for m in data["modules"] for o in m["offerings"]]
    assert [row[status] for row in offerings[1:]] == [words[c] for c in codes]
    assert {"terjadwal", "dibatalkan", "ditunda"} <= {row[status] for row in offerings[1:]}


def test_without_url_the_addresses_resolve_from_the_data_folder(mini_site: Path) -> None:
    # The mini project has no `url`: the addresses are relative to /data/, so they
    # lead to the pages wherever the site is served (not from the server's root).
    data = json.loads((mini_site / "data" / "katalog.json").read_text(encoding="utf-8"))
    records = [*data["modules"], *data["programs"], *data["internships"], *data["forums"]]
    assert records
    for record in records:
        assert record["url"].startswith("../"), record["url"]
        page = (mini_site / "data" / record["url"]).resolve() / "index.html"
        assert page.is_file(), record["url"]
    rows = list(
        csv.DictReader(io.StringIO((mini_site / "data" / "modul.csv").read_text("utf-8-sig")))
    )
    assert rows and all((mini_site / "data" / r["url"] / "index.html").is_file() for r in rows)


def test_the_workbook_holds_the_csv_tables_for_spreadsheet_users(sample_site: Path) -> None:
    """katalog.xlsx: one sheet per CSV table, the same cells; text stays text (a phone
    number keeps its 0), JP and quotas are numbers; the header row stays in view."""
    import openpyxl

    book = openpyxl.load_workbook(sample_site / "data" / "katalog.xlsx")
    assert book.sheetnames == ["Modul", "Angkatan", "Magang", "Mitra"]
    for sheet, name in zip(book.worksheets, ["modul", "angkatan", "magang", "mitra"], strict=True):
        text = (sample_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
        table = list(csv.reader(io.StringIO(text)))
        cells = [[c.value for c in row] for row in sheet.iter_rows()]
        assert [["" if v is None else str(v) for v in row] for row in cells] == table, name
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:"), name
        assert all(c.font.b for c in next(sheet.iter_rows())), name
    modules = book["Modul"]
    jp = [c.value for c in next(modules.iter_rows())].index("jp")
    assert all(isinstance(row[jp].value, int) for row in modules.iter_rows(min_row=2))
    partners = book["Mitra"]
    phone = [c.value for c in next(partners.iter_rows())].index("telepon")
    phones = [row[phone].value for row in partners.iter_rows(min_row=2) if row[phone].value]
    assert phones and all(isinstance(p, str) for p in phones)
    assert any(p.startswith("0") for p in phones), phones
    assert 'data/katalog.xlsx">katalog.xlsx</a>' in (sample_site / "data" / "index.html").read_text(
        "utf-8"
    )


def test_the_workbook_escapes_text_and_is_the_same_bytes_each_time() -> None:
    import openpyxl

    from generator.exports.xlsx import workbook

    rows = [["a & b <c>", 7, None, "0812 3456", "tab\x01removed"], ["", 0, "x", "=1+1", "ok"]]
    data = workbook({"Satu": (["teks", "angka", "kosong", "telepon", "lain"], rows)})
    assert data == workbook({"Satu": (["teks", "angka", "kosong", "telepon", "lain"], rows)})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Satu"]
    assert [c.value for c in sheet[2]] == ["a & b <c>", 7, None, "0812 3456", "tabremoved"]
    # A value that looks like a formula stays text: nothing is computed on opening.
    assert sheet["D3"].value == "=1+1" and sheet["D3"].data_type == "s"
    with pytest.raises(ValueError):
        workbook({"a/b": (["x"], [])})
