from prongsai.web.plans.models import ProgressEntry
from tests.web.base import BaseTestCase


class ProgressDeleteTestCase(BaseTestCase):
    def test_it_works_and_removes_the_files(self):
        self.login(self.member)
        storage, name = self.evidence.file.storage, self.evidence.file.name
        self.assertTrue(storage.exists(name))
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(self.a_url(f"progress/{self.entry.pk}/delete/"))
        self.assertEqual(r.status_code, 302)
        self.assertFalse(ProgressEntry.objects.filter(pk=self.entry.pk).exists())
        self.assertFalse(storage.exists(name))

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"progress/{self.entry.pk}/delete/")).status_code, 405)

    def test_viewers_cannot_delete(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.a_url(f"progress/{self.entry.pk}/delete/")).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.a_url(f"progress/{self.entry.pk}/delete/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/progress/{self.entry.pk}/delete/").status_code, 404)
        self.assertTrue(ProgressEntry.objects.filter(pk=self.entry.pk).exists())
