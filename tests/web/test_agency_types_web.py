"""Agencies of every kind on the web: the agency form offers the types of the units book, a
province is created with its own units, and its drafted plan is assigned to those units."""

from __future__ import annotations

from prongsai.planning.catalogue import load_units
from prongsai.results_io import read_results
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.assessments.models import Result
from prongsai.web.assessments.services import save_years
from prongsai.web.plans import services
from tests.web.base import EXAMPLES, BaseTestCase

PROVINCE = EXAMPLES / "agency-types" / "kanchanaburi-province-2567.yaml"


class AgencyTypesTestCase(BaseTestCase):
    def test_the_form_offers_every_type_of_the_units_book(self):
        self.client.force_login(self.admin)
        r = self.client.get("/agencies/new/")
        self.assertEqual(r.status_code, 200)
        for kind in load_units().agency_types:
            self.assertContains(r, f'value="{kind}"')

    def test_a_superuser_creates_a_province_with_its_units(self):
        self.client.force_login(self.admin)
        r = self.client.post("/agencies/new/", {"name": "สำนักงานจังหวัดกาญจนบุรี", "agency_type": "จังหวัด",
                                                "district": "เมืองกาญจนบุรี", "province": "กาญจนบุรี", "website": ""})
        agency = Agency.objects.get(name="สำนักงานจังหวัดกาญจนบุรี")
        self.assertRedirects(r, f"/a/{agency.pk}/results/", fetch_redirect_response=False)
        self.assertEqual(agency.agency_type, "จังหวัด")
        self.assertEqual([u.name for u in agency.units.order_by("order")],
                         list(load_units().agency_types["จังหวัด"].units))
        self.assertNotIn("สำนักปลัด", [u.name for u in agency.units.all()])
        self.assertTrue(Membership.objects.filter(agency=agency, user=self.admin, role="admin").exists())

    def test_the_type_of_a_university_is_read_from_its_name(self):
        self.client.force_login(self.admin)
        self.client.post("/agencies/new/", {"name": "มหาวิทยาลัยราชภัฏกาญจนบุรี", "agency_type": ""})
        agency = Agency.objects.get(name="มหาวิทยาลัยราชภัฏกาญจนบุรี")
        self.assertEqual(agency.agency_type, "สถาบันอุดมศึกษา")
        self.assertIn("สำนักงานอธิการบดี", [u.name for u in agency.units.all()])

    def province_with_a_plan(self):
        self.client.force_login(self.admin)
        self.client.post("/agencies/new/", {"name": "สำนักงานจังหวัดกาญจนบุรี", "agency_type": "จังหวัด"})
        agency = Agency.objects.get(name="สำนักงานจังหวัดกาญจนบุรี")
        results = read_results(PROVINCE)
        save_years(self.admin, agency, results.years, Result.FILE, PROVINCE.name)
        return agency, services.create_from_draft(self.admin, agency, results.fiscal_year)

    def test_a_provinces_plan_is_assigned_to_its_units(self):
        agency, plan = self.province_with_a_plan()
        measures = list(plan.measures.all())
        self.assertTrue(measures)
        units = set(agency.units.all())
        for measure in measures:
            self.assertIn(measure.responsible_unit, units, measure.title)
        self.assertIn("ผู้ว่าราชการจังหวัดกาญจนบุรี", " ".join(m.follow_up for m in measures))

    def test_every_unit_is_said_in_the_agencys_own_words(self):
        from prongsai.web.plans.models import Measure

        agency, plan = self.province_with_a_plan()
        self.assertTrue(services.match_unit({}, "ทุกส่วนราชการ").all_units)
        self.assertTrue(services.match_unit({}, "ทุกส่วนงาน").all_units)
        measure = plan.measures.first()
        Measure.objects.filter(pk=measure.pk).update(responsible_all=True, responsible_unit=None, responsible_detail="")
        self.assertEqual(Measure.objects.get(pk=measure.pk).responsible_text, "ทุกส่วนราชการ")
        page = self.client.get(f"/a/{agency.pk}/measures/{measure.pk}/edit/").content.decode()
        self.assertIn('<option value="all" selected>ทุกส่วนราชการ</option>', page)
