"""Hostile workbooks made cheaply: a real workbook's parts (from openpyxl) around a first sheet
of our own XML, zipped by hand so a member can be a gigabyte of blank space packed into a
megabyte without compressing a gigabyte, and its header can state any size."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Member:
    """One ZIP member as written: packed bytes, method, and what its headers state."""

    name: str
    packed: bytes
    size: int  # the uncompressed size the headers state
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def deflated(data: bytes, name: str = SHEET) -> Member:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, c.compress(data) + c.flush(), len(data), zlib.crc32(data))


def blank_sheet(expanded: int, first_row: bytes = b"") -> Member:
    """A first sheet of `first_row` and then blank space, `expanded` bytes unpacked. Each MiB of
    blank space, packed after a full flush, is the same 1 KB: it is packed once and repeated."""
    head = SHEET_HEAD + first_row
    mebibytes = (expanded - len(head) - len(SHEET_TAIL)) // MIB
    blank = b" " * MIB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [c.compress(head), c.flush(zlib.Z_FULL_FLUSH)]
    block = c.compress(blank) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == c.compress(blank) + c.flush(zlib.Z_FULL_FLUSH)  # the same bytes every time
    parts += [block] * mebibytes
    parts.append(c.compress(SHEET_TAIL) + c.flush())
    crc = zlib.crc32(head)
    for _ in range(mebibytes):
        crc = zlib.crc32(blank, crc)
    crc = zlib.crc32(SHEET_TAIL, crc)
    return Member(SHEET, b"".join(parts), len(head) + mebibytes * MIB + len(SHEET_TAIL), crc)


def sheet_xml(rows: list[list[object]]) -> bytes:
    """A sheet's XML for rows of numbers and texts (texts inline, as openpyxl's write-only mode
    writes them), without a <dimension>."""
    out = [SHEET_HEAD]
    for number, row in enumerate(rows, start=1):
        cells = []
        for value in row:
            if isinstance(value, int | float):
                cells.append(f"<c><v>{value}</v></c>")
            else:
                text = str(value).replace("&", "&amp;").replace("<", "&lt;")
                cells.append(f'<c t="inlineStr"><is><t>{text}</t></is></c>')
        out.append(f'<row r="{number}">{"".join(cells)}</row>'.encode())
    out.append(SHEET_TAIL)
    return b"".join(out)


def _workbook_parts() -> dict[str, bytes]:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["agency"])
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsx(sheet: Member | bytes, extra: list[Member] = ()) -> bytes:
    """A workbook whose first sheet is `sheet` (a member as built above, or its XML)."""
    if isinstance(sheet, bytes):
        sheet = deflated(sheet)
    members = [sheet if name == SHEET else deflated(data, name) for name, data in _workbook_parts().items()]
    return zipped([*members, *extra])


def zipped(members: list[Member]) -> bytes:
    """A ZIP of the members exactly as given (sizes and CRCs as stated, not as computed)."""
    out = io.BytesIO()
    directory = []
    for m in members:
        name = m.name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, m.method, 0, 0x21, m.crc,
                              len(m.packed), m.size, len(name), 0) + name + m.packed)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, m.method, 0, 0x21, m.crc,
                                     len(m.packed), m.size, len(name), 0, 0, 0, 0, 0, offset) + name)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                          out.tell() - start, start, 0))
    return out.getvalue()


def with_parts(sheet: bytes, replaced: dict[str, bytes] = {}, strings: list[str] | None = None) -> bytes:  # noqa: B006
    """A workbook whose first sheet is `sheet`, with parts replaced by name, and with a shared
    strings part of `strings` (cells refer to them as <c t="s"><v>index</v></c>)."""
    parts = {**_workbook_parts(), SHEET: sheet, **replaced}
    if strings is not None:
        items = "".join(f"<si><t>{s}</t></si>" for s in strings)
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{items}</sst>").encode()
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                                 b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/></Relationships>')
    return zipped([deflated(data, name) for name, data in parts.items()])
