"""The services an agency offers the public, for its public home: a service shows only when the
agency uses it (an open request type, an asset the public may borrow, an open survey)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.web.agencies.models import Agency


def offered(agency: Agency) -> list[dict[str, Any]]:
    from prongsai.web.borrowing.models import Asset, BorrowingRules
    from prongsai.web.eservice.models import RequestType
    from prongsai.web.surveys.models import Survey

    found = []
    if RequestType.objects.filter(agency=agency, is_open=True).exists():
        found += [
            {"title": "ยื่นคำขอรับบริการออนไลน์ (E-Service)", "note": "ยื่นคำขอพร้อมเอกสาร และได้รับรหัสติดตามคำขอ",
             "href": reverse("public_eservice", args=[agency.pk])},
            {"title": "ติดตามคำขอรับบริการ", "note": "ใช้รหัสติดตามที่ได้รับเมื่อยื่นคำขอ",
             "href": reverse("public_eservice_status", args=[agency.pk])},
            {"title": "สถิติการให้บริการ", "note": "จำนวนคำขอรายเดือน จำแนกเป็นแล้วเสร็จตามกำหนดและเกินกำหนด",
             "href": reverse("public_eservice_statistics", args=[agency.pk])},
        ]
    if (BorrowingRules.objects.filter(agency=agency, public_open=True).exists()
            and Asset.objects.filter(agency=agency, public_may_borrow=True).exists()):
        found.append({"title": "ขอยืมพัสดุเพื่องานของชุมชนหรือกิจกรรมสาธารณประโยชน์",
                      "note": "ดูรายการพัสดุที่ให้ยืมได้และวันที่ว่าง แล้วยื่นคำขอยืม",
                      "href": reverse("borrow", args=[agency.pk])})
    if Survey.objects.filter(agency=agency, is_open=True).exists():
        found.append({"title": "ประเมินความพึงพอใจการให้บริการ", "note": "ตอบแบบสำรวจโดยไม่ต้องระบุชื่อ",
                      "href": reverse("public_surveys", args=[agency.pk])})
    if Survey.objects.filter(agency=agency).exists():
        found.append({"title": "ผลการสำรวจความพึงพอใจ", "note": "ผลสรุปประจำปีงบประมาณ",
                      "href": reverse("public_survey_results", args=[agency.pk])})
    return found
