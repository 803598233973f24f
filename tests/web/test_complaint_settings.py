"""The agency admin sets the channel up: open only with an officer and a handling unit; audited."""

from __future__ import annotations

from prongsai.web.agencies.models import Membership
from prongsai.web.audit.models import AuditEntry
from prongsai.web.complaints.models import ChannelSettings
from tests.web.complaints_world import ComplaintsTestCase

GOOD = {"is_open": "on", "acknowledge_days": "3", "answer_days": "30", "phone": "0 3451 2345", "guideline_date": "1/10/2569",
        "email": "", "postal_address": "", "walk_in": "สำนักปลัด", "forward_to": "สำนักงาน ป.ป.ช. ประจำจังหวัด"}


class ComplaintSettingsTestCase(ComplaintsTestCase):
    def test_it_works(self):
        self.login(self.owner)
        url = self.a_url("complaints/settings/")
        self.assertContains(self.client.get(url), "Olive")
        response = self.client.post(url, {**GOOD, "handling_unit": self.agency.units.first().pk, "answer_days": "45"})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        self.assertEqual(ChannelSettings.objects.get(agency=self.agency).answer_days, 45)
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, object_type="ช่องทางร้องเรียน").exists())

    def test_bad_input(self):
        self.login(self.owner)
        url = self.a_url("complaints/settings/")
        unit = self.agency.units.first().pk
        for change, field in (({"acknowledge_days": "0"}, "acknowledge_days"), ({"answer_days": "abc"}, "answer_days"),
                              ({"acknowledge_days": "10", "answer_days": "5"}, "answer_days"),
                              ({"handling_unit": ""}, "handling_unit"), ({"email": "not-mail"}, "email")):
            response = self.client.post(url, {**GOOD, "handling_unit": unit, **change})
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
        self.assertEqual(ChannelSettings.objects.get(agency=self.agency).answer_days, 30)

    def test_it_cannot_open_without_an_officer(self):
        Membership.objects.filter(agency=self.agency).update(complaint_officer=False)
        self.login(self.owner)
        response = self.client.post(self.a_url("complaints/settings/"), {**GOOD, "handling_unit": self.agency.units.first().pk})
        self.assertContains(response, "ต้องกำหนดผู้รับเรื่องร้องเรียน", status_code=400)

    def test_only_admins_change_it(self):
        for user in (self.member, self.officer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url("complaints/settings/"), GOOD).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("complaints/settings/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("complaints/settings/"), GOOD).status_code, 404)
        self.assertTrue(ChannelSettings.objects.get(agency=self.agency).is_open)
