"""The audit log's hash chain, on plain rows (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from prongsai import audit_chain
from prongsai.audit_chain import CHANGED, GENESIS, INSERTED, REMOVED, Head, entry_hash, verify

T0 = datetime(2024, 3, 1, 2, 3, 4, 567890, tzinfo=UTC)


def content(seq: int, **extra: object) -> dict[str, object]:
    return {"seq": seq, "at": T0 + timedelta(minutes=seq), "agency_id": 7, "user_id": 3, "username": "alice",
            "action": "update", "object_type": "มาตรการ", "object_id": str(seq), "summary": f"แก้ไขมาตรการที่ {seq}",
            "changes": {"ชื่อ": ["เดิม", "ใหม่"]}, "address": "10.0.0.1", **extra}


def chain(n: int) -> tuple[list[dict[str, object]], Head]:
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        row = content(seq)
        row["prev_hash"], row["hash"] = prev, entry_hash(prev, row)
        prev = row["hash"]
        rows.append(row)
    return rows, Head(n, prev)


def test_an_intact_chain_verifies_and_names_its_size():
    rows, head = chain(5)
    report = verify(iter(rows), head)
    assert report.intact and report.entries == 5 and report.head == head.hash
    assert report.message().startswith("บันทึกการเปลี่ยนแปลงครบถ้วน 5 รายการ")
    assert verify([], Head(0, GENESIS)).intact
    assert verify([], None).intact  # a database that never had an entry


@pytest.mark.parametrize("field,value", [
    ("seq", 99), ("at", T0), ("agency_id", 8), ("agency_id", None), ("user_id", 4), ("username", "bob"),
    ("action", "delete"), ("object_type", "แผน"), ("object_id", "x"), ("summary", "อื่น"),
    ("changes", {"ชื่อ": ["เดิม", "อื่น"]}), ("address", "10.0.0.2"),
])
def test_the_hash_covers_everything_shown(field, value):
    row = content(1)
    assert entry_hash(GENESIS, row) != entry_hash(GENESIS, {**row, field: value})


def test_the_hash_does_not_depend_on_time_zone_or_key_order():
    row = content(1)
    bangkok = row["at"].astimezone(timezone(timedelta(hours=7)))
    reordered = {**dict(reversed(list(row.items()))), "at": bangkok,
                 "changes": dict(reversed(list({"ก": ["1", "2"], "ข": ["", "3"]}.items())))}
    assert entry_hash(GENESIS, {**row, "changes": {"ก": ["1", "2"], "ข": ["", "3"]}}) == entry_hash(GENESIS, reordered)
    assert entry_hash(GENESIS, row) != entry_hash("1" * 64, row)
    with pytest.raises(ValueError):
        audit_chain.canonical({**row, "at": row["at"].replace(tzinfo=None)})


def test_a_changed_entry_is_named():
    rows, head = chain(5)
    rows[2]["summary"] = "แก้โดยตรงในฐานข้อมูล"
    report = verify(rows, head)
    assert not report.intact
    assert (report.problem.kind, report.problem.seq) == (CHANGED, 3)
    assert "รายการที่ 3" in report.message() and "แก้โดยตรงในฐานข้อมูล" in report.message()
    assert "ถูกแก้ไข" in report.message() and report.entries == 2


def test_a_removed_middle_entry_is_named():
    rows, head = chain(5)
    del rows[1]
    report = verify(rows, head)
    assert (report.problem.kind, report.problem.seq) == (REMOVED, 2)
    assert "รายการที่ 2 ถูกลบ" in report.message() and "รายการที่ 3" in report.message()


def test_removed_newest_entries_are_caught_by_the_head():
    rows, head = chain(5)
    report = verify(rows[:3], head)
    assert (report.problem.kind, report.problem.seq) == (REMOVED, 4)
    assert "รายการที่ 4–5 ซึ่งเป็นรายการล่าสุดถูกลบ" in report.message()
    assert verify([], head).problem.kind == REMOVED  # everything removed
    assert verify(rows, None).problem.kind == REMOVED  # the head row removed


def test_moved_entries_are_caught():
    rows, head = chain(5)
    rows[1]["seq"], rows[2]["seq"] = 3, 2
    report = verify(sorted(rows, key=lambda r: r["seq"]), head)
    assert (report.problem.kind, report.problem.seq) == (CHANGED, 2)
    assert "ย้ายลำดับ" in report.message()


def test_inserted_entries_are_caught():
    rows, head = chain(5)
    forged = content(6)
    forged["prev_hash"], forged["hash"] = rows[-1]["hash"], entry_hash(rows[-1]["hash"], forged)
    report = verify([*rows, forged], head)
    assert (report.problem.kind, report.problem.seq) == (INSERTED, 6)
    # a forged entry that hashes correctly but hangs off another predecessor
    rows, head = chain(5)
    replacement = content(3, summary="ปลอม")
    replacement["prev_hash"] = "f" * 64
    replacement["hash"] = entry_hash(replacement["prev_hash"], replacement)
    rows[2] = replacement
    assert (verify(rows, head).problem.kind, verify(rows, head).problem.seq) == (INSERTED, 3)
    rows, head = chain(3)
    assert verify([rows[0], rows[1], rows[1], rows[2]], head).problem.kind == INSERTED  # a duplicate number


def test_a_rewritten_newest_entry_is_caught_by_the_head():
    rows, head = chain(3)
    rows[2]["summary"] = "เขียนใหม่ทั้งรายการ"
    rows[2]["hash"] = entry_hash(rows[2]["prev_hash"], rows[2])
    assert verify(rows, head).problem.kind == CHANGED


def test_entries_appended_during_the_walk_are_accepted_up_to_the_newest_head():
    rows, head = chain(6)
    early = Head(4, rows[3]["hash"])
    assert verify(rows, early, read_head=lambda: head).intact
    assert verify(rows, early, read_head=lambda: Head(5, rows[4]["hash"])).problem.kind == INSERTED
    assert verify(rows, early).problem.kind == INSERTED


def test_the_report_as_json():
    rows, head = chain(2)
    rows[1]["summary"] = "x"
    data = verify(rows, head).to_json()
    assert data["intact"] is False and data["problem"]["seq"] == 2 and data["problem"]["kind"] == CHANGED
    assert data["problem"]["at"].startswith("2024-03-01")
