"""Limits for reading a file a user hands us (upload or command line), so that no file can take
more than a few seconds or more than a few tens of MB of memory to refuse: a bounded read,
checks of a ZIP's directory before anything is unpacked, caps on rows, columns, nesting and
values, and a wall-clock budget that the readers check as they go. Every refusal is an
InputError with a Thai message that names the cap (the CLI and the web alike)."""

from __future__ import annotations

import io
import stat
import struct
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prongsai.errors import InputError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps for one results file: a one-agency form or a many-agency table of a few thousand rows
    is far inside every one of them."""

    file_bytes: int = 10 * MIB  # as the web's upload limit
    rows: int = 5_000  # data rows of a table (the header row not counted)
    columns: int = 500  # all items with reasons of any year is about 250
    cell_chars: int = 5_000  # a reason is a sentence or two
    zip_members: int = 500  # an Excel workbook has about 10, with many sheets and images some 100
    member_bytes: int = 16 * MIB  # one unpacked part: 5,000 rows × 30 columns is about 8 MB of XML
    unpacked_bytes: int = 48 * MIB  # all parts together
    row_bytes: int = 1 * MIB  # one row of a sheet's XML: Excel keeps texts apart, so a row is a few KB
    part_bytes: int = 1 * MIB  # the workbook's own XML (parts, sheets, relations): Excel writes a few KB
    strings_bytes: int = 8 * MIB  # the shared strings: names and reasons of 5,000 rows are about 1–2 MB
    ratio: int = 200  # unpacked ÷ packed; Excel's XML packs about 5–20 times
    ratio_floor: int = 1 * MIB  # small parts may pack better, and cost nothing
    depth: int = 20  # nesting of YAML/JSON; a results file needs about 5
    values: int = 100_000  # values in a YAML/JSON file, aliases counted as what they expand to
    seconds: float = 5.0  # wall-clock for one file, so one upload cannot hold a worker long


LIMITS = Limits()


def mb(size: int) -> str:
    return f"{size / MIB:,.1f}".removesuffix(".0") + " MB"


class Budget:
    """The wall-clock budget of reading one file; `check` is called between rows and values."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self, where: str | None = None) -> None:
        if time.monotonic() > self.deadline:
            raise InputError(f"อ่านไฟล์นานเกิน {self.seconds:g} วินาที ระบบจึงหยุดอ่าน", where=where,
                             expected="ไฟล์ผลการประเมินขนาดปกติ เช่น ไม่เกิน 5,000 แถว")


def read_capped(path: Path, limits: Limits) -> bytes:
    """The file's bytes, read no further than the size cap (a path to a device or a file that
    grows while read cannot make the read endless)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("ไม่พบไฟล์") from None
    except OSError as exc:
        raise InputError(f"เปิดไฟล์ไม่ได้ ({os_reason(exc)})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("เป็นโฟลเดอร์ ไม่ใช่ไฟล์")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("ไม่ใช่ไฟล์ข้อมูลธรรมดา", expected="ไฟล์ผลการประเมินที่บันทึกไว้ในเครื่อง")
    _check_size(info.st_size, limits)
    try:
        with path.open("rb") as fh:
            # as much as the size says (not a cap-sized buffer), then whatever it grew by since
            data = fh.read(min(info.st_size, limits.file_bytes) + 1)
            if len(data) > info.st_size:
                data += fh.read(max(0, limits.file_bytes + 1 - len(data)))
    except OSError as exc:
        raise InputError(f"เปิดไฟล์ไม่ได้ ({os_reason(exc)})") from None
    _check_size(len(data), limits)
    return data


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.file_bytes:
        raise InputError(f"ไฟล์ใหญ่เกิน {mb(limits.file_bytes)}",
                         expected=f"ไฟล์ผลการประเมินขนาดไม่เกิน {mb(limits.file_bytes)}")


def os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "ไม่มีสิทธิ์อ่านไฟล์"
    return "ระบบปฏิบัติการแจ้งข้อผิดพลาด" + (f" รหัส {exc.errno}" if exc.errno else "")


# --- ZIP (XLSX) ----------------------------------------------------------------------------------

_END_OF_DIRECTORY = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_SMALLEST_DIRECTORY_ENTRY = 46
_NOT_XLSX = InputError("อ่านเป็นไฟล์ Excel (.xlsx) ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ .xlsx",
                       expected="ไฟล์ .xlsx ที่บันทึกจาก Excel หรือแบบฟอร์มของระบบ")


def not_xlsx() -> InputError:
    return InputError(_NOT_XLSX.message, expected=_NOT_XLSX.expected)


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a ZIP whose directory promises too much, before anything is unpacked.

    The member count and directory size are read from the end record first, because
    `zipfile` builds an object per directory entry and trusts the directory's size, not its
    count. The declared sizes are then safe to go by: `zipfile` stops every member at its
    declared size (a member that holds more fails its CRC), so a header that lies about a
    size costs no more than the size it declares."""
    if data[:4] == b"\xd0\xcf\x11\xe0":  # OLE2: an .xls, or an .xlsx saved with a password
        raise InputError("ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) หรือถูกตั้งรหัสผ่านไว้",
                         expected="บันทึกเป็น .xlsx โดยไม่ตั้งรหัสผ่าน")
    start = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_536 - _END_RECORD_SIZE))
    if start < 0 or len(data) < start + _END_RECORD_SIZE:
        raise not_xlsx()
    entries, directory_size = struct.unpack("<HI", data[start + 10:start + 16])
    if entries > limits.zip_members or directory_size > limits.zip_members * 1024 \
            or directory_size // _SMALLEST_DIRECTORY_ENTRY > limits.zip_members:
        raise _too_many_members(limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        raise not_xlsx() from None
    if len(members) > limits.zip_members:
        raise _too_many_members(limits)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError("ไฟล์ Excel ถูกเข้ารหัสไว้", expected="บันทึกเป็น .xlsx โดยไม่ตั้งรหัสผ่าน")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2/LZMA members are unpacked without an output bound and Excel never writes them
            raise InputError("ไฟล์ Excel ใช้วิธีบีบอัดที่ไม่รองรับ",
                             expected="ไฟล์ .xlsx ที่บันทึกจาก Excel หรือแบบฟอร์มของระบบ")
        if member.file_size > limits.member_bytes:
            raise _too_big_unpacked(member.file_size, limits.member_bytes, limits)
        total += member.file_size
        if total > limits.unpacked_bytes:
            raise _too_big_unpacked(total, limits.unpacked_bytes, limits)
        if member.file_size > limits.ratio_floor and member.file_size > limits.ratio * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise InputError(f"ไฟล์ Excel บีบอัดไว้แน่นผิดปกติ (ขยายได้ {ratio:,.0f} เท่า เกินเกณฑ์ {limits.ratio:,} เท่า) "
                             "ระบบจึงไม่เปิดไฟล์นี้",
                             expected="ไฟล์ .xlsx ที่บันทึกจาก Excel หรือแบบฟอร์มของระบบ")


def _too_many_members(limits: Limits) -> InputError:
    return InputError(f"ไฟล์ Excel มีส่วนประกอบภายในเกิน {limits.zip_members:,} ส่วน ระบบจึงไม่เปิดไฟล์นี้",
                      expected="ไฟล์ .xlsx ที่บันทึกจาก Excel หรือแบบฟอร์มของระบบ")


def _too_big_unpacked(size: int, cap: int, limits: Limits) -> InputError:
    return InputError(f"ไฟล์ Excel เมื่อแตกออกมีขนาด {mb(size)} เกินเกณฑ์ {mb(cap)} ระบบจึงไม่เปิดไฟล์นี้",
                      expected=f"ไม่เกิน {limits.rows:,} แถว ลบแผ่นงาน รูปภาพ หรือแถวที่ไม่ใช้ออก")


# --- trees read from YAML/JSON -------------------------------------------------------------------

def check_tree(value: Any, limits: Limits) -> None:
    """Refuse a JSON value nested deeper or holding more values than a results file can need;
    iterative, so depth itself cannot overflow the stack."""
    count = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > limits.values:
            raise too_many_values(limits)
        if isinstance(node, dict | list):
            if depth > limits.depth:
                raise too_deep(limits)
            children: Iterator[Any] = iter(node.values() if isinstance(node, dict) else node)
            stack.extend((child, depth + 1) for child in children)


def check_json_text(text: str, limits: Limits) -> None:
    """Refuse, before parsing, JSON that could hold more values than the cap: every value after
    the first follows a comma or opens a bracket, so their count bounds the values (commas in
    texts count too, which only errs on the safe side); counting them costs nothing, building
    three million empty objects first would cost 200 MB."""
    if text.count(",") + text.count("[") + text.count("{") >= limits.values:
        raise too_many_values(limits)


def too_deep(limits: Limits, where: str | None = None) -> InputError:
    return InputError(f"ข้อมูลซ้อนกันลึกเกิน {limits.depth} ชั้น", where=where,
                      expected="ไฟล์ผลการประเมินตามรูปแบบในคู่มือ (ซ้อนกันไม่เกินไม่กี่ชั้น)")


def too_many_values(limits: Limits, where: str | None = None) -> InputError:
    return InputError(f"ไฟล์มีค่าข้อมูลเกิน {limits.values:,} ค่า", where=where,
                      expected="ผลการประเมินของหนึ่งหน่วยงาน (หรือแบ่งเป็นหลายไฟล์)")
