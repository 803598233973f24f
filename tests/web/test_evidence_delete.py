from prongsai.web.plans.models import Evidence
from tests.web.base import BaseTestCase


class EvidenceDeleteTestCase(BaseTestCase):
    def url(self):
        return self.a_url(f"evidence/{self.evidence.pk}/delete/")

    def test_it_works(self):
        self.login(self.member)
        storage, name = self.evidence.file.storage, self.evidence.file.name
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(self.url())
        self.assertRedirects(r, self.a_url(f"tracking/{self.measure.pk}/"), fetch_redirect_response=False)
        self.assertFalse(Evidence.objects.filter(pk=self.evidence.pk).exists())
        self.assertFalse(storage.exists(name))

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.url()).status_code, 405)

    def test_viewers_cannot_delete(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.url()).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url()).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/evidence/{self.evidence.pk}/delete/").status_code, 404)
        self.assertTrue(Evidence.objects.filter(pk=self.evidence.pk).exists())
