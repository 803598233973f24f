"""The audit log's hash chain (no Django here): what an entry's hash covers, and the walk that
checks a stored log.

Entry number n (its `seq`, 1, 2, 3 …) stores the hash of entry n-1 (`prev_hash`; entry 1 stores
GENESIS) and its own hash = SHA-256(prev_hash, "\\n", canonical content). The content is
everything the audit pages show: number, time, agency, user, user name, action, object type and
id, summary, changes and the client address. Changing any of it, deleting an entry or moving one
breaks the chain from that entry on.

Deleting the newest entries leaves a shorter chain that is still consistent in itself, so the
application also keeps the chain's *head* (the newest number and hash) in a separate row updated
in the same transaction as each entry; a log shorter than its head lost its tail.

The limit, said plainly: there is no secret in the hash, so someone who can write the database
*and* recomputes every later hash and the head can still rewrite history unnoticed. The chain
makes edits by raw SQL visible; to catch a full rewrite, keep the head hash that
`prongsai audit verify` prints somewhere else (a printed report, an e-mail) and compare later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from pythainlp.util import thai_strftime

GENESIS = "0" * 64
# The fields an entry's hash covers, in the names of AuditEntry's columns. A new field shown on
# the audit pages needs a new canonical version here, or old entries would stop verifying.
CONTENT_FIELDS = ("seq", "at", "agency_id", "user_id", "username", "action", "object_type", "object_id",
                  "summary", "changes", "address")
# Everything the walk reads per entry.
ROW_FIELDS = (*CONTENT_FIELDS, "prev_hash", "hash")

CHANGED, REMOVED, INSERTED = "changed", "removed", "inserted"


def _moment(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(content: Mapping[str, Any]) -> bytes:
    """One byte string per content: sorted keys, no spacing, UTF-8, times in UTC to the microsecond."""
    data = {name: content.get(name) for name in CONTENT_FIELDS}
    data["at"] = _moment(content["at"])
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii", "replace"))
    digest.update(b"\n")
    digest.update(canonical(content))
    return digest.hexdigest()


@dataclass(frozen=True)
class Head:
    """The newest entry's number and hash, as the application recorded them."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Problem:
    kind: str  # CHANGED, REMOVED or INSERTED
    seq: int  # the first entry that is wrong or missing
    message: str  # one Thai sentence for the administrator
    at: datetime | None = None  # the wrong entry's (none for a removed one)
    summary: str = ""

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["at"] = self.at.isoformat() if self.at else None
        return out


@dataclass(frozen=True)
class Report:
    entries: int  # entries read
    head: str  # the hash of the newest entry read (GENESIS for an empty log)
    problem: Problem | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        if self.problem is not None:
            return (f"บันทึกการเปลี่ยนแปลงไม่ครบถ้วน: {self.problem.message} — เก็บผลการตรวจนี้ไว้เป็นหลักฐาน "
                    "อย่าแก้ไขฐานข้อมูลเพิ่ม และแจ้งผู้ดูแลระบบให้เทียบกับไฟล์สำรองข้อมูล (prongsai backup/restore)")
        return (f"บันทึกการเปลี่ยนแปลงครบถ้วน {self.entries:,} รายการ ไม่มีรายการใดถูกแก้ไข ลบ หรือแทรกนอกระบบ "
                f"(รหัสตรวจสอบรายการล่าสุด {self.head})")

    def to_json(self) -> dict[str, Any]:
        return {"intact": self.intact, "entries": self.entries, "head": self.head,
                "problem": self.problem.to_json() if self.problem else None, "message": self.message()}


def _when(at: datetime | None, zone: tzinfo | None) -> str:
    return thai_strftime(at.astimezone(zone), "%-d %b %Y %H:%M:%S") if at else "ไม่ทราบเวลา"


def _range(first: int, last: int) -> str:
    return f"รายการที่ {first}" if first == last else f"รายการที่ {first}–{last}"


def verify(rows: Iterable[Mapping[str, Any]], head: Head | None,
           read_head: Callable[[], Head | None] | None = None, zone: tzinfo | None = None) -> Report:
    """Walk `rows` (ROW_FIELDS, in order of seq, streamed) and report the first break.

    `head` is read before the rows. An entry past it may have been appended while the walk runs:
    `read_head` reads the head again then, and the entry is accepted if the head has reached it,
    so the check needs no lock and no long transaction. Times in messages are shown in `zone`.
    """

    def _named(row: Mapping[str, Any]) -> str:
        return f"รายการที่ {row['seq']} เวลา {_when(row.get('at'), zone)} «{row.get('summary', '')}»"

    def _problem(kind: str, row: Mapping[str, Any], message: str) -> Problem:
        at = row.get("at")
        return Problem(kind, row["seq"], message, at.astimezone(zone) if at else None, row.get("summary", ""))

    expected, prev, last = 1, GENESIS, None
    newest_head = head
    for row in rows:
        seq = row["seq"]
        if read_head is not None and (newest_head is None or seq > newest_head.seq):
            newest_head = read_head() or newest_head
        if seq < expected:
            return Report(expected - 1, prev, _problem(
                INSERTED, row, f"{_named(row)} ถูกแทรกนอกระบบ: ลำดับซ้ำกับรายการก่อนหน้า"))
        if seq > expected:
            return Report(expected - 1, prev, Problem(
                REMOVED, expected, f"{_range(expected, seq - 1)} ถูกลบออกนอกระบบ (อยู่ก่อน{_named(row)})"))
        if newest_head is None:
            return Report(expected - 1, prev, Problem(
                REMOVED, seq, "ข้อมูลรายการล่าสุดที่ระบบบันทึกไว้ (หัวของห่วงโซ่) ถูกลบออกนอกระบบ"))
        if seq > newest_head.seq:
            return Report(expected - 1, prev, _problem(
                INSERTED, row, f"{_named(row)} ถูกเพิ่มนอกระบบ: อยู่เลยรายการล่าสุดที่ระบบบันทึกไว้"))
        computed = entry_hash(row["prev_hash"] or "", row)
        if computed != row["hash"]:
            return Report(expected - 1, prev, _problem(
                CHANGED, row, f"{_named(row)} ถูกแก้ไขหรือย้ายลำดับนอกระบบ: "
                              "เนื้อหาไม่ตรงกับรหัสตรวจสอบที่บันทึกไว้"))
        if row["prev_hash"] != prev:
            return Report(expected - 1, prev, _problem(
                INSERTED, row, f"{_named(row)} ถูกแทรกหรือแทนที่นอกระบบ: ไม่ได้ต่อจากรายการก่อนหน้า"))
        if any(h is not None and seq == h.seq and row["hash"] != h.hash for h in (head, newest_head)):
            return Report(expected - 1, prev, _problem(
                CHANGED, row, f"{_named(row)} ถูกแทนที่นอกระบบ: ไม่ตรงกับรายการล่าสุดที่ระบบบันทึกไว้"))
        expected, prev, last = seq + 1, row["hash"], row
    count = expected - 1
    if head is not None and count < head.seq:
        after = f" (อยู่ต่อจาก{_named(last)})" if last is not None else ""
        return Report(count, prev, Problem(
            REMOVED, count + 1, f"{_range(count + 1, head.seq)} ซึ่งเป็นรายการล่าสุดถูกลบออกนอกระบบ{after}"))
    return Report(count, prev)
