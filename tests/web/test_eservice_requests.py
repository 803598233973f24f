"""The staff's queue: open requests first by due day, overdue marked; unit staff start with their
unit's; filters, search, and the same rows as Excel or CSV. Everyone of the agency reads it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.utils import timezone
from openpyxl import load_workbook

from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import ServiceRequest
from tests.web.test_eservice_world import EserviceTestCase


class EserviceRequestsTestCase(EserviceTestCase):
    def make_world(self) -> tuple[ServiceRequest, ServiceRequest, ServiceRequest]:
        late, _ = self.apply()
        finance, _ = self.apply(self.finance_type)
        done, _ = self.apply(applicant_name="นายเสร็จ แล้ว")
        today = timezone.localdate()
        ServiceRequest.objects.filter(pk=late.pk).update(received_on=today - timedelta(days=20),
                                                         due_on=today - timedelta(days=15))
        ServiceRequest.objects.filter(pk=done.pk).update(status=ServiceRequest.DONE, finished_on=today)
        return late, finance, done

    def test_it_works(self):
        late, finance, done = self.make_world()
        self.login(self.owner)
        response = self.client.get(self.e_url())
        self.assertEqual(response.status_code, 200)
        rows = list(response.context["page"])
        self.assertEqual(rows, [late, finance])  # open ones, the most urgent first
        self.assertEqual(response.context["counts"], {"open": 2, "overdue": 1, "waiting": 0, "finished": 1, "all": 3})
        self.assertContains(response, "เกินกำหนด 15 วัน")
        self.assertContains(response, "eservice.css")
        self.assertContains(response, f"/a/{self.agency.pk}/eservice/types/{self.water.pk}/record/")
        response = self.client.get(self.e_url("?show=finished"))
        self.assertEqual(list(response.context["page"]), [done])
        response = self.client.get(self.e_url("?show=overdue"))
        self.assertEqual(list(response.context["page"]), [late])
        response = self.client.get(self.e_url("?show=all&q=เสร็จ"))
        self.assertEqual(list(response.context["page"]), [done])
        response = self.client.get(self.e_url(f"?show=all&q={finance.number}"))
        self.assertEqual(list(response.context["page"]), [finance])
        response = self.client.get(self.e_url(f"?show=all&unit={self.finance.pk}"))
        self.assertEqual(list(response.context["page"]), [finance])

    def test_unit_staff_start_with_their_units_requests(self):
        _late, finance, _done = self.make_world()
        self.login(self.unit_editor)
        response = self.client.get(self.e_url())
        self.assertEqual(response.context["unit"], str(self.finance.pk))
        self.assertEqual(list(response.context["page"]), [finance])
        self.assertEqual(len(self.client.get(self.e_url("?unit=all")).context["page"]), 2)
        # they record requests only for their unit's services
        self.assertEqual([t.pk for t in response.context["recordable"]], [self.finance_type.pk])

    def test_exports_have_the_same_rows(self):
        late, finance, _done = self.make_world()
        self.login(self.viewer)
        response = self.client.get(self.e_url("?format=csv"))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["เลขที่", "วันที่รับคำขอ", "ประเภทบริการ"])
        self.assertEqual([r[0] for r in rows[1:]], [late.number, finance.number])
        self.assertEqual(rows[1][-1], "เกินกำหนด 15 วัน")
        response = self.client.get(self.e_url("?format=xlsx&show=all"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.max_row, 4)
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD, object_type="รายการคำขอรับบริการ").exists())

    def test_readers_read(self):
        self.make_world()
        for user in (self.viewer, self.supervisor, self.member, self.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.e_url()).status_code, 200, user.username)
            self.assertEqual(self.client.post(self.e_url()).status_code, 405, user.username)

    def test_an_agency_without_types_is_told_how_to_start(self):
        self.login(self.stranger)
        from prongsai.web.eservice.models import RequestType

        RequestType.objects.filter(agency=self.other).delete()
        self.assertContains(self.client.get(self.e_url(agency=self.other)), "เพิ่มประเภทบริการแรก")

    def test_it_checks_ownership(self):
        self.make_world()
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.e_url()).status_code, 404)
        response = self.client.get(self.e_url("?show=all", agency=self.other))
        self.assertEqual(list(response.context["page"]), [])
        self.assertEqual(self.client.get(self.e_url(f"?unit={self.finance.pk}", agency=self.other)).context["unit"],
                         "all")  # A's unit is no filter of B's
