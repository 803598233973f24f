from django.db.models.deletion import ProtectedError

from prongsai.web.audit import log
from prongsai.web.audit.models import AppendOnlyError, AuditEntry
from tests.web.base import BaseTestCase


class AuditModelTestCase(BaseTestCase):
    def test_entries_are_append_only(self):
        entry = log.record(self.owner, self.agency, "update", "ทดสอบ", None, "ทดสอบ")
        entry.summary = "แก้"
        with self.assertRaises(AppendOnlyError):
            entry.save()
        with self.assertRaises(AppendOnlyError):
            entry.delete()
        with self.assertRaises(AppendOnlyError):
            AuditEntry.objects.filter(pk=entry.pk).update(summary="แก้")
        with self.assertRaises(AppendOnlyError):
            AuditEntry.objects.filter(pk=entry.pk).delete()
        with self.assertRaises(AppendOnlyError):
            AuditEntry.objects.bulk_update([entry], ["summary"])
        self.assertEqual(AuditEntry.objects.get(pk=entry.pk).summary, "ทดสอบ")

    def test_users_with_entries_cannot_be_deleted(self):
        with self.assertRaises(ProtectedError):
            self.owner.delete()

    def test_diff_keeps_only_changes(self):
        self.assertEqual(log.diff({"ก": "1", "ข": "2"}, {"ก": "1", "ข": "3", "ค": "4"}),
                         {"ข": ["2", "3"], "ค": ["", "4"]})
        self.assertIsNone(log.updated(self.owner, self.agency, "x", None, "x", {"ก": "1"}, {"ก": "1"}))

    def test_every_change_of_the_setup_was_logged(self):
        kinds = set(AuditEntry.objects.filter(agency=self.agency).values_list("object_type", flat=True))
        self.assertTrue({"ผลการประเมิน", "แผนมาตรการ"} <= kinds)


class AuditChainTestCase(BaseTestCase):
    """Every entry is chained to the one before it, and the head follows the newest."""

    def test_entries_are_numbered_and_chained_with_the_head_following(self):
        from prongsai import audit_chain
        from prongsai.web.audit.models import AuditHead

        first = log.record(self.owner, self.agency, "update", "ทดสอบ", None, "หนึ่ง", {"ก": ["1", "2"]})
        second = log.record(None, None, "create", "ทดสอบ", None, "สอง")
        self.assertEqual(second.seq, first.seq + 1)
        self.assertEqual(second.prev_hash, first.hash)
        stored = AuditEntry.objects.get(pk=second.pk)
        self.assertEqual(stored.hash, audit_chain.entry_hash(stored.prev_hash, stored.chain_content()))
        head = AuditHead.objects.get()
        self.assertEqual((head.seq, head.hash), (second.seq, second.hash))
        self.assertEqual(list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)),
                         list(range(1, second.seq + 1)))

    def test_what_is_hashed_is_what_the_database_gives_back(self):
        from prongsai import audit_chain

        entry = log.record(self.owner, self.agency, "update", "ทดสอบ", None, "ค่าแปลก",
                           {1: ("ก", "ข"), "ค": ["", "ง"]})
        stored = AuditEntry.objects.get(pk=entry.pk)
        self.assertEqual(stored.changes, {"1": ["ก", "ข"], "ค": ["", "ง"]})
        self.assertEqual(stored.hash, audit_chain.entry_hash(stored.prev_hash, stored.chain_content()))

    def test_bulk_create_is_refused(self):
        with self.assertRaises(AppendOnlyError):
            AuditEntry.objects.bulk_create([AuditEntry(action="create", object_type="x", summary="x")])
