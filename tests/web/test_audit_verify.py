"""Checking the stored audit log against its hash chain, after tampering by raw SQL (what someone
with the database file and a SQL client could do), on the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

from django.db import connection

from prongsai.audit_chain import CHANGED, INSERTED, REMOVED
from prongsai.web.audit import log
from prongsai.web.audit.models import AuditEntry
from prongsai.web.audit.verify import verify_log
from tests.web.base import BaseTestCase


def sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


class AuditVerifyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for n in range(5):
            log.record(cls.owner, cls.agency, "update", "ทดสอบ", None, f"รายการทดสอบ {n}", {"ช่อง": ["เดิม", str(n)]})
        cls.seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))

    def test_an_untouched_log_is_intact(self):
        report = verify_log()
        self.assertTrue(report.intact, report.message())
        self.assertEqual(report.entries, AuditEntry.objects.count())
        self.assertEqual(report.entries, self.seqs[-1])
        self.assertIn(f"บันทึกการเปลี่ยนแปลงครบถ้วน {report.entries:,} รายการ", report.message())

    def test_a_summary_changed_by_sql_is_named(self):
        target = self.seqs[3]
        sql("UPDATE audit_auditentry SET summary = %s WHERE seq = %s", "แก้ไขย้อนหลัง", target)
        report = verify_log()
        self.assertEqual((report.problem.kind, report.problem.seq), (CHANGED, target))
        self.assertIn(f"รายการที่ {target} ", report.message())
        self.assertIn("แก้ไขย้อนหลัง", report.message())

    def test_changes_and_time_changed_by_sql_are_caught(self):
        target = self.seqs[-2]
        sql("UPDATE audit_auditentry SET changes = %s WHERE seq = %s", '{"ช่อง": ["เดิม", "ปลอม"]}', target)
        self.assertEqual(verify_log().problem.seq, target)
        sql("UPDATE audit_auditentry SET changes = %s WHERE seq = %s", '{"ช่อง": ["เดิม", "3"]}', target)
        self.assertTrue(verify_log().intact)  # put back exactly: intact again
        sql("UPDATE audit_auditentry SET at = %s WHERE seq = %s", "2020-01-01 00:00:00", target)
        self.assertEqual(verify_log().problem.seq, target)

    def test_a_middle_entry_deleted_by_sql_is_named(self):
        target = self.seqs[2]
        sql("DELETE FROM audit_auditentry WHERE seq = %s", target)
        report = verify_log()
        self.assertEqual((report.problem.kind, report.problem.seq), (REMOVED, target))
        self.assertIn(f"รายการที่ {target} ถูกลบ", report.message())

    def test_the_newest_entry_deleted_by_sql_is_named(self):
        last = self.seqs[-1]
        sql("DELETE FROM audit_auditentry WHERE seq = %s", last)
        report = verify_log()
        self.assertEqual((report.problem.kind, report.problem.seq), (REMOVED, last))
        self.assertIn(f"รายการที่ {last} ซึ่งเป็นรายการล่าสุดถูกลบ", report.message())
        sql("DELETE FROM audit_audithead")
        self.assertFalse(verify_log().intact)

    def test_entries_reordered_by_sql_are_caught(self):
        a, b = self.seqs[1], self.seqs[2]
        sql("UPDATE audit_auditentry SET seq = seq + 1000000 WHERE seq IN (%s, %s)", a, b)
        sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", b, a + 1000000)
        sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", a, b + 1000000)
        report = verify_log()
        self.assertEqual((report.problem.kind, report.problem.seq), (CHANGED, a))

    def test_an_entry_inserted_by_sql_is_caught(self):
        last = AuditEntry.objects.get(seq=self.seqs[-1])
        sql("INSERT INTO audit_auditentry (seq, prev_hash, hash, at, username, action, object_type, object_id, "
            "summary, changes, address) VALUES (%s, %s, %s, %s, 'x', 'create', 'x', '', 'ปลอม', '{}', '')",
            last.seq + 1, last.hash, "0" * 64, "2030-01-01 00:00:00+00:00")
        report = verify_log()
        self.assertEqual((report.problem.kind, report.problem.seq), (INSERTED, last.seq + 1))

    def test_appending_after_a_check_keeps_it_intact(self):
        self.assertTrue(verify_log().intact)
        log.record(self.stranger, self.other, "create", "ทดสอบ", None, "ต่อท้าย")
        self.assertTrue(verify_log().intact)
