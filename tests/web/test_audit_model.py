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
