"""Shared steps of the public pages' tests: approving agency A's plan, filling its profile."""

from __future__ import annotations

from datetime import date

from prongsai.web.plans import services
from prongsai.web.plans.models import Plan
from prongsai.web.public.models import PublicProfile

MEETING = {"meeting_title": "การประชุมคณะผู้บริหาร ครั้งที่ 1/2565", "meeting_date": date(2021, 9, 15),
           "meeting_place": "ห้องประชุม อบต.", "meeting_attendees": "นายก\nปลัด", "approver": "นายก อบต."}


def approve(user, plan: Plan) -> Plan:
    return services.approve(user, plan, MEETING)


def profile(agency, **fields) -> PublicProfile:
    values = {"intro": "หน่วยงานบริการประชาชนตำบลลาดหญ้า", "address": "หมู่ 1 ตำบลลาดหญ้า\nอำเภอเมืองกาญจนบุรี",
              "phone": "0 3451 2345 ต่อ 12, 0 3451 2346", "email": "saraban@ladya.go.th",
              "office_hours": "วันจันทร์–วันศุกร์ 08.30–16.30 น.", "map_url": "https://maps.example.com/ladya",
              "head_title": "นายกองค์การบริหารส่วนตำบลลาดหญ้า", **fields}
    return PublicProfile.objects.create(agency=agency, **values)


def assert_private(testcase, response) -> None:
    """What every public response promises: no cookie, no caching, no referrer."""
    testcase.assertFalse(response.cookies, f"cookies set: {list(response.cookies)}")
    testcase.assertNotIn("Set-Cookie", str(response.serialize_headers(), "latin-1"))
    testcase.assertEqual(response["Referrer-Policy"], "no-referrer")
