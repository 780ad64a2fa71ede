"""A spreadsheet workbook (Office Open XML, .xlsx) of the open-data tables.

The CSV files are for programs; people open the tables in Excel or LibreOffice.
With Indonesian regional settings Excel separates a CSV's columns at ';', so a
comma-separated file opened by a double click lands in one column, and a phone
number loses its leading 0. A workbook has neither problem: each table is a
sheet, text stays text (0618211633, NIP-like ids), JP and quotas are numbers.

Only what a workbook needs is written (inline strings, one bold style for the
header row, which stays in view and carries a filter), into a zip whose entries
have a fixed order and date: two builds of the same curriculum give the same
bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

# Characters XML 1.0 cannot carry (records never hold them; kept out all the same).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What a text must have for escaping to change it (the XML specials, or the above).
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
MAX_WIDTH = 60  # characters: wider columns wrap nothing and only push the others away
MAX_NAME = 31  # Excel's limit on a sheet's name

Table = tuple[Sequence[str], Sequence[Sequence[Any]]]  # header, rows


def _column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _row(n: int, letters: list[str], values: Sequence[Any], widths: list[int], style: str) -> str:
    """Row `n` of a sheet; `widths` keeps each column's longest text. (A function call
    a row, not a cell: a 10,000-module catalog has half a million cells.)"""
    cells = [f'<row r="{n}">']
    for i, (letter, value) in enumerate(zip(letters, values, strict=True)):
        if value is None or value == "":
            continue
        if type(value) is int:
            cells.append(f'<c r="{letter}{n}"{style}><v>{value}</v></c>')
            text = str(value)
        else:
            text = str(value)
            if _SPECIAL.search(text) is not None:
                text = escape(_NOT_XML.sub("", text))
            cells.append(
                f'<c r="{letter}{n}"{style} t="inlineStr">'
                f'<is><t xml:space="preserve">{text}</t></is></c>'
            )
        if len(text) > widths[i]:
            widths[i] = len(text)
    cells.append("</row>")
    return "".join(cells)


def _sheet(table: Table) -> str:
    header, rows = table
    last = _column(len(header) - 1)
    letters = [_column(i) for i in range(len(header))]
    widths = [0] * len(header)
    lines = [_row(1, letters, header, widths, ' s="1"')]
    lines += [_row(n, letters, row, widths, "") for n, row in enumerate(rows, start=2)]
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{min(MAX_WIDTH, max(6, width + 2))}" '
        'customWidth="1"/>'
        for i, width in enumerate(widths)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{last}{len(rows) + 1}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
        f"<sheetData>{''.join(lines)}</sheetData>"
        f'<autoFilter ref="A1:{last}{len(rows) + 1}"/>'
        "</worksheet>"
    )


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def workbook(sheets: dict[str, Table]) -> bytes:
    """The .xlsx bytes of `sheets` (name -> (header, rows)), in their order."""
    names = list(sheets)
    for name in names:
        if not name or len(name) > MAX_NAME or re.search(r"[\\/?*\[\]:]", name):
            raise ValueError(f"not a sheet name: {name!r}")
    n = len(names)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            "<sheets>"
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(names, start=1)
            )
            + "</sheets><definedNames>"
            + "".join(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"'{escape(name)}'!$A$1:${_column(len(sheets[name][0]) - 1)}$"
                f"{len(sheets[name][1]) + 1}</definedName>"
                for i, name in enumerate(names)
            )
            + "</definedNames></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _STYLES,
    }
    for i, name in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet(sheets[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in parts.items():
            info = zipfile.ZipInfo(path, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()
