from prongsai.web.agencies.models import SupervisorScope
from tests.web.base import BaseTestCase


class SupervisorDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.admin)
        scope = SupervisorScope.objects.get(user=self.supervisor)
        r = self.client.post(f"/supervisors/{scope.pk}/delete/")
        self.assertRedirects(r, "/supervisors/", fetch_redirect_response=False)
        self.assertFalse(SupervisorScope.objects.filter(pk=scope.pk).exists())
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.a_url()).status_code, 404)  # no longer reads the agency

    def test_it_rejects_get(self):
        self.login(self.admin)
        scope = SupervisorScope.objects.get(user=self.supervisor)
        self.assertEqual(self.client.get(f"/supervisors/{scope.pk}/delete/").status_code, 405)

    def test_it_checks_ownership(self):
        scope = SupervisorScope.objects.get(user=self.supervisor)
        for user in (self.owner, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(f"/supervisors/{scope.pk}/delete/").status_code, 404)
        self.assertTrue(SupervisorScope.objects.filter(pk=scope.pk).exists())
