"""A spreadsheet workbook (Office Open XML, .xlsx) of the open-data tables.

The CSV files are for programs; people open the tables in Excel or LibreOffice.
With Indonesian regional settings Excel separates a CSV's columns at ';', so a
comma-separated file opened by a double click lands in one column, and a phone
number loses its leading 0. A workbook has neither problem: each table is a
sheet, text stays text (0618211633, NIP-like ids), JP and quotas are numbers.

Only what a workbook needs is written (inline strings, one bold style for the
header row, which stays in view and carries a filter), into a zip whose entries
have a fixed order and date: two builds of the same curriculum give the same
bytes. The rows are deflated in runs (`Part`), so that a rebuild deflates only
the runs whose rows changed.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

# Characters XML 1.0 cannot carry (records never hold them; kept out all the same).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What a text must have for escaping to change it (the XML specials, or the above).
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
MAX_WIDTH = 60  # characters: wider columns wrap nothing and only push the others away
MAX_NAME = 31  # Excel's limit on a sheet's name
LEVEL = 6  # deflate: level 1 was 3x as fast and a third larger (3.8 MB for 2.8 at 10,000 modules)
RUN = 256  # rows deflated together by `workbook` (opendata makes runs of as many records)

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


class Part(NamedTuple):
    """A piece of a zip entry, deflated on its own: raw deflate blocks that end on a byte
    (a sync flush) and are never the last, so that parts simply follow each other.

    Built from parts, a sheet can keep the runs of rows that did not change
    compressed (`generator.datacache`): deflating the sheets whole was half of
    the workbook's time (0.35 s of 0.7 s at 10,000 modules). A run of a few
    hundred rows loses almost nothing to starting its own dictionary.
    """

    data: bytes
    crc: int  # CRC-32 of the uncompressed bytes
    size: int  # uncompressed


class Run(NamedTuple):
    """Consecutive rows of a sheet, deflated: how many, and each column's longest text."""

    part: Part
    rows: int
    widths: tuple[int, ...]


def deflate(raw: bytes) -> Part:
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Part(packer.compress(raw) + packer.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(raw), len(raw))


def rows_run(first: int, columns: int, rows: Iterable[Sequence[Any]]) -> Run:
    """Rows numbered from `first` (the header is row 1), each of `columns` values."""
    letters = [_column(i) for i in range(columns)]
    widths = [0] * columns
    lines = [_row(n, letters, row, widths, "") for n, row in enumerate(rows, start=first)]
    return Run(deflate("".join(lines).encode("utf-8")), len(lines), tuple(widths))


def runs(rows: Sequence[Sequence[Any]], columns: int, size: int = RUN) -> list[Run]:
    """A table's rows in runs of `size`."""
    return [
        rows_run(2 + start, columns, rows[start : start + size])
        for start in range(0, len(rows), size)
    ]


def _sheet(header: Sequence[str], parts: Sequence[Run]) -> tuple[list[Part], int]:
    """A worksheet around its runs of rows, and its number of rows (without the header)."""
    columns = len(header)
    last = _column(columns - 1)
    letters = [_column(i) for i in range(columns)]
    widths = [0] * columns
    top = _row(1, letters, header, widths, ' s="1"')
    count = 0
    for run in parts:
        widths = [max(a, b) for a, b in zip(widths, run.widths, strict=True)]
        count += run.rows
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{min(MAX_WIDTH, max(6, width + 2))}" '
        'customWidth="1"/>'
        for i, width in enumerate(widths)
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{last}{count + 1}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
        f"<sheetData>{top}"
    )
    tail = f'</sheetData><autoFilter ref="A1:{last}{count + 1}"/></worksheet>'
    return [deflate(head.encode("utf-8")), *(r.part for r in parts), deflate(tail.encode())], count


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
    return workbook_of_runs(
        {name: (header, runs(rows, len(header))) for name, (header, rows) in sheets.items()}
    )


def workbook_of_runs(sheets: dict[str, tuple[Sequence[str], Sequence[Run]]]) -> bytes:
    """The .xlsx bytes of sheets given as runs of rows already deflated (`rows_run`)."""
    names = list(sheets)
    for name in names:
        if not name or len(name) > MAX_NAME or re.search(r"[\\/?*\[\]:]", name):
            raise ValueError(f"not a sheet name: {name!r}")
    n = len(names)
    worksheets = {}
    counts = {}
    for i, name in enumerate(names, start=1):
        header, parts = sheets[name]
        worksheets[f"xl/worksheets/sheet{i}.xml"], counts[name] = _sheet(header, parts)
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
                f"{counts[name] + 1}</definedName>"
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
    entries = {path: [deflate(text.encode("utf-8"))] for path, text in parts.items()}
    return _zip(entries | worksheets)


_FINAL = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush()  # an empty last block
_DOS_DATE = ((_FIXED_DATE[0] - 1980) << 9) | (_FIXED_DATE[1] << 5) | _FIXED_DATE[2]
_DOS_TIME = (_FIXED_DATE[3] << 11) | (_FIXED_DATE[4] << 5) | (_FIXED_DATE[5] // 2)
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


def _zip(entries: dict[str, list[Part]]) -> bytes:
    """A zip archive of `entries` (name -> its deflated parts, in order), written here:
    the zipfile module compresses each entry itself. Entries in the given order, with
    a fixed date and mode, as zipfile wrote them before (no extra fields)."""
    longest = max((p.size for parts in entries.values() for p in parts), default=0)
    zeros = memoryview(bytes(longest))
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, parts in entries.items():
        crc = 0
        for part in parts:
            # CRC-32 of the entry from those of its parts: crc(a + b) is crc(b)
            # combined with crc(a) carried over len(b) bytes (zlib lacks crc32_combine).
            pad = zeros[: part.size]
            crc = zlib.crc32(pad, crc) ^ zlib.crc32(pad) ^ part.crc
        packed = len(_FINAL) + sum(len(p.data) for p in parts)
        size = sum(p.size for p in parts)
        raw_name = name.encode("ascii")
        head = (_DOS_TIME, _DOS_DATE, crc, packed, size, len(raw_name))
        out += [_LOCAL.pack(0x04034B50, 20, 0, 8, *head, 0), raw_name]
        out += [p.data for p in parts]
        out.append(_FINAL)
        central.append(
            _CENTRAL.pack(0x02014B50, 0x0314, 20, 0, 8, *head, 0, 0, 0, 0, 0o644 << 16, offset)
            + raw_name
        )
        offset += _LOCAL.size + len(raw_name) + packed
    directory = b"".join(central)
    n = len(entries)
    out += [directory, _END.pack(0x06054B50, 0, 0, n, n, len(directory), offset, 0)]
    return b"".join(out)
