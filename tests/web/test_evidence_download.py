from prongsai.web.plans.models import Evidence
from tests.web.base import PDF_BYTES, BaseTestCase


class EvidenceDownloadTestCase(BaseTestCase):
    def url(self, suffix=""):
        return self.a_url(f"evidence/{self.evidence.pk}/{suffix}")

    def test_it_works(self):
        """Served to the agency and its supervisor, only through this view."""
        for user in (self.viewer, self.supervisor, self.owner):
            self.login(user)
            r = self.client.get(self.url())
            self.assertEqual(r.status_code, 200)
            self.assertEqual(b"".join(r.streaming_content), PDF_BYTES)
            self.assertEqual(r["Content-Type"], "application/pdf")
            self.assertEqual(r["X-Content-Type-Options"], "nosniff")
            self.assertIn("sandbox", r["Content-Security-Policy"])
        # no public media URL exists
        self.assertEqual(self.client.get("/media/" + self.evidence.file.name).status_code, 404)
        self.assertEqual(self.client.get("/uploads/" + self.evidence.file.name).status_code, 404)

    def test_a_link_has_no_file_to_download(self):
        self.login(self.owner)
        link = Evidence.objects.get(agency=self.agency, file="")
        self.assertEqual(self.client.get(self.a_url(f"evidence/{link.pk}/")).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.owner)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/evidence/{self.evidence.pk}/").status_code, 404)
        self.assertTrue(Evidence.objects.filter(pk=self.evidence.pk).exists())

    def test_logged_out_users_are_sent_to_login(self):
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 302)
        self.assertIn("/login/", r["Location"])
