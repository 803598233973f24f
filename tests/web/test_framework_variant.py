"""The agency's framework on the web (issue 10, parts 3 and 5): its settings choose a sector
variant, the OIT checklist follows it and carries last year's pages, owners and notes forward,
and the years offered by default are the ones users work on now."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from unittest import mock

import yaml

from prongsai.ita.library import BUILTIN_DIR
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.services import default_result_year
from prongsai.web.oit.models import OitCheck
from tests.web.base import BaseTestCase


class VariantTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.folder = TemporaryDirectory()
        data = yaml.safe_load((BUILTIN_DIR / "ita-2567.yaml").read_text(encoding="utf-8"))
        oit = [i for i in data["items"] if i["instrument"] == "OIT"][:5]
        data.update(id="ita-2567-testvar", variant="testvar", variant_name="สถานศึกษาทดสอบ", items=oit)
        Path(self.folder.name, "ita-2567-testvar.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        patch = mock.patch.dict(os.environ, {"PRONGSAI_FRAMEWORKS": self.folder.name})
        patch.start()
        self.addCleanup(patch.stop)
        self.addCleanup(self.folder.cleanup)

    def settings_post(self, **changes: str) -> object:
        a = self.agency
        data = {"name": a.name, "agency_type": a.agency_type, "district": a.district, "province": a.province,
                "website": a.website, "framework_variant": "", **changes}
        return self.client.post(self.a_url("settings/"), data)

    def test_it_works(self):
        self.login(self.owner)
        page = self.client.get(self.a_url("settings/")).content.decode()
        self.assertIn("กรอบการประเมินที่ใช้", page)
        self.assertIn("สถานศึกษาทดสอบ ปี 2567", page)
        self.assertEqual(self.settings_post(framework_variant="testvar").status_code, 302)
        self.assertEqual(Agency.objects.get(pk=self.agency.pk).framework_variant, "testvar")
        checklist = self.client.get(self.a_url("oit/2567/")).content.decode()
        self.assertIn("สถานศึกษาทดสอบ", checklist)
        self.assertIn("การเปิดเผยข้อมูลสาธารณะ 5 ข้อ", checklist)
        # a year the variant has no file for uses the general framework
        self.assertNotIn("สถานศึกษาทดสอบ", self.client.get(self.a_url("oit/2566/")).content.decode())

    def test_an_unknown_variant_is_a_form_error(self):
        self.login(self.owner)
        response = self.settings_post(framework_variant="nosuch")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "has-error")
        self.assertEqual(Agency.objects.get(pk=self.agency.pk).framework_variant, "")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.settings_post(framework_variant="testvar").status_code, 404)
        self.assertEqual(Agency.objects.get(pk=self.agency.pk).framework_variant, "")


class CarriedForwardTestCase(BaseTestCase):
    def test_last_years_page_owner_and_note_are_where_this_year_starts(self):
        OitCheck.objects.filter(agency=self.agency, fiscal_year=2567, code="O1").update(note="อัปเดตทุกไตรมาส")
        self.login(self.owner)
        page = self.client.get(self.a_url("oit/2568/")).content.decode()
        self.assertIn("ข้อมูลปี 2567 (ข้อ O1)", page)
        self.assertIn("https://example.go.th/structure", page)
        form = self.client.get(self.a_url("oit/2568/O1/")).content.decode()
        self.assertIn('value="https://example.go.th/structure"', form)
        self.assertIn("อัปเดตทุกไตรมาส", form)
        self.assertIn("มาจากข้อ O1 ปี 2567", form)
        # once this year's check is saved, last year's no longer shows
        OitCheck.objects.create(agency=self.agency, fiscal_year=2568, code="O1", status=OitCheck.DONE)
        self.assertNotIn("ข้อมูลปี 2567 (ข้อ O1)", self.client.get(self.a_url("oit/2568/")).content.decode())

    def test_another_agencys_checks_are_never_carried(self):
        OitCheck.objects.create(agency=self.other, fiscal_year=2567, code="O2", url="https://other.go.th/o2")
        self.login(self.owner)
        self.assertNotIn("other.go.th", self.client.get(self.a_url("oit/2568/")).content.decode())


def test_the_results_form_offers_the_year_just_announced():
    # FY2570 runs from 1 Oct 2026: the result announced last is 2569's.
    assert default_result_year(date(2026, 12, 1)) == 2569
    assert default_result_year(date(2026, 9, 30)) == 2568


class ReadingTestCase(BaseTestCase):
    def test_the_analysis_names_disagreeing_items_as_the_agency_reads_them(self):
        from prongsai.ita.library import get_framework
        from prongsai.web.assessments.services import agency_results, analysis_for

        ovec = get_framework(2569, "ovec")
        other = ovec.readings[1].id
        conflict = next(i for i in ovec.items if i.alternatives)
        Agency.objects.filter(pk=self.agency.pk).update(framework_variant="ovec", framework_reading=other)
        agency = Agency.objects.get(pk=self.agency.pk)
        self.result.fiscal_year, self.result.items = 2569, {conflict.code: {"score": 0, "reason": "ไม่มี"}}
        self.result.save()
        analysis = analysis_for(agency_results(agency, 2569))
        assert analysis.framework.id == "ita-2569-ovec"
        failed = {i.code: i.label for i in analysis.failed_oit_items}
        assert failed[conflict.code] == conflict.alternatives[0].name != conflict.name
