from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class ResultDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        r = self.client.post(self.a_url("results/2564/delete/"))
        self.assertRedirects(r, self.a_url("results/"), fetch_redirect_response=False)
        self.assertFalse(Result.objects.filter(agency=self.agency).exists())
        entry = AuditEntry.objects.get(agency=self.agency, action="delete", object_type="ผลการประเมิน")
        self.assertEqual(entry.changes["ตัวชี้วัดที่ 10"], ["37.50", ""])

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.a_url("results/2564/delete/")).status_code, 405)

    def test_an_unknown_year(self):
        self.login(self.owner)
        self.assertEqual(self.client.post(self.a_url("results/2563/delete/")).status_code, 404)

    def test_it_needs_the_admin_role(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("results/2564/delete/")).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.a_url("results/2564/delete/")).status_code, 404)
        self.assertTrue(Result.objects.filter(agency=self.agency).exists())
