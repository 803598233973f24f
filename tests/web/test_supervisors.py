from django.contrib.auth.models import User

from prongsai.web.agencies.models import SupervisorScope
from tests.web.base import BaseTestCase


class SupervisorsTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.admin)
        r = self.client.post("/supervisors/", {"username": "dla.kan", "full_name": "สถจ.กาญจนบุรี",
                                               "province": "กาญจนบุรี", "agency_type": ""})
        self.assertRedirects(r, "/supervisors/", fetch_redirect_response=False)
        user = User.objects.get(username="dla.kan")
        self.assertTrue(SupervisorScope.objects.filter(user=user, province="กาญจนบุรี").exists())
        self.assertContains(self.client.get("/supervisors/"), "dla.kan")

    def test_it_rejects_bad_input(self):
        self.login(self.admin)
        r = self.client.post("/supervisors/", {"username": "root"})
        self.assertContains(r, "ผู้ดูแลระบบเห็นทุกหน่วยงานอยู่แล้ว")
        r = self.client.post("/supervisors/", {"username": "supa", "province": self.agency.province})
        self.assertContains(r, "มีขอบเขตการกำกับดูแลนี้อยู่แล้ว")
        r = self.client.post("/supervisors/", {"username": "ไม่ได้"})
        self.assertContains(r, 'id="id_username_error"')

    def test_it_checks_ownership(self):
        scope = SupervisorScope.objects.get(user=self.supervisor)
        for user in (self.owner, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get("/supervisors/").status_code, 404)
            self.assertEqual(self.client.post("/supervisors/", {"username": "x"}).status_code, 404)
        self.assertTrue(SupervisorScope.objects.filter(pk=scope.pk).exists())

    def test_a_supervisor_reads_but_never_writes(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.a_url()).status_code, 200)
        self.assertEqual(self.client.get(self.a_url("plans/")).status_code, 200)
        self.assertEqual(self.client.get(self.a_url("results/form/")).status_code, 403)
        self.assertEqual(self.client.post(self.a_url("results/paste/"), {}).status_code, 403)
        self.assertEqual(self.client.post(self.a_url(f"tracking/{self.measure.pk}/"), {}).status_code, 403)
        # outside the scope: not found
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/").status_code, 404)


class ScopeChoicesTestCase(BaseTestCase):
    """A scope matches agencies by the exact province and type: they are chosen, not typed."""

    def test_the_province_is_chosen_from_the_77_and_the_agencies_own(self):
        self.login(self.admin)
        r = self.client.get("/supervisors/")
        choices = [value for value, _ in r.context["form"].fields["province"].choices]
        self.assertIn("กาญจนบุรี", choices)
        self.assertIn("กรุงเทพมหานคร", choices)
        self.assertIn(self.agency.province, choices)
        self.assertGreaterEqual(len(choices), 78)
        r = self.client.post("/supervisors/", {"username": "dla.x", "province": "จังหวัดกาญจนบุรี"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_province_error"')
        self.assertFalse(User.objects.filter(username="dla.x").exists())

    def test_each_scope_says_how_many_agencies_it_holds(self):
        SupervisorScope.objects.create(user=self.supervisor, province="แม่ฮ่องสอน")
        self.login(self.admin)
        r = self.client.get("/supervisors/")
        self.assertContains(r, "ยังไม่มีหน่วยงานในขอบเขตนี้")
        self.assertContains(r, "1 หน่วยงาน")

    def test_an_agency_province_loses_its_prefix(self):
        from prongsai.web.agencies.forms import AgencyForm

        form = AgencyForm({"name": self.agency.name, "province": "จังหวัดราชบุรี", "agency_type": ""},
                          instance=self.agency)
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["province"], "ราชบุรี")


class DistrictScopeTestCase(BaseTestCase):
    """A district office (ท้องถิ่นอำเภอ) supervises the agencies of one district of a province."""

    def test_a_district_scope_reads_only_that_district(self):
        from prongsai.web.agencies.models import Agency

        near = Agency.objects.create(name="องค์การบริหารส่วนตำบลทดลองอำเภอ", province=self.agency.province,
                                     district="อำเภออื่น", agency_type=self.agency.agency_type)
        self.login(self.admin)
        r = self.client.post("/supervisors/", {"username": "district.office", "province": self.agency.province,
                                               "district": f"อ.{self.agency.district}", "agency_type": ""})
        self.assertEqual(r.status_code, 302)
        scope = SupervisorScope.objects.get(user__username="district.office")
        self.assertEqual(scope.district, self.agency.district)  # "อ." is not kept
        self.assertIn(f"อ.{self.agency.district}", str(scope))
        self.login(User.objects.get(username="district.office"))
        self.assertEqual(self.client.get(self.a_url()).status_code, 200)
        self.assertEqual(self.client.get(f"/a/{near.pk}/").status_code, 404)
        self.assertTrue(scope.covers(self.agency.province, self.agency.district, "อบต."))
        self.assertFalse(scope.covers(self.agency.province, "อำเภออื่น", "อบต."))

    def test_a_district_needs_its_province(self):
        self.login(self.admin)
        r = self.client.post("/supervisors/", {"username": "district.x", "district": "ท่าม่วง"})
        self.assertContains(r, "ระบุอำเภอได้เมื่อเลือกจังหวัดแล้ว")
        self.assertFalse(User.objects.filter(username="district.x").exists())
