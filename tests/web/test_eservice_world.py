"""The shared world of the E-Service tests (no tests of its own): agency A offers water (สำนักปลัด),
a finance service (กองคลัง, the unit of `unit_editor`) and a closed one; agency B offers its own
water service. `apply` sends a request through the public form and returns it with its code."""

from __future__ import annotations

import re

from django.core.cache import cache

from prongsai.channels.attachments import clean
from prongsai.services.requests import normalised
from prongsai.web.agencies.models import Agency
from prongsai.web.eservice import cases
from prongsai.web.eservice.models import RequestType, ServiceRequest
from tests.web.base import BaseTestCase

WATER_FIELDS = [
    {"label": "บ้านเลขที่และหมู่ที่", "kind": "text", "required": True, "choices": [], "help": "เช่น 12 หมู่ 3"},
    {"label": "จำนวนสมาชิกในครัวเรือน", "kind": "number", "required": True, "choices": [], "help": ""},
    {"label": "ใช้น้ำเพื่อ", "kind": "choice", "required": True, "choices": ["อุปโภค", "บริโภค"], "help": ""},
    {"label": "วันที่ต้องการรับน้ำ", "kind": "date", "required": False, "choices": [], "help": ""},
    {"label": "จุดสังเกต", "kind": "long", "required": False, "choices": [], "help": ""},
]
STEPS = [{"text": "รับคำขอและตรวจสอบเอกสาร", "responsible": "", "time": "1 วันทำการ"},
         {"text": "จัดส่งน้ำและแจ้งผล", "responsible": "งานป้องกันและบรรเทาสาธารณภัย", "time": "2 วันทำการ"}]
FORM = {"applicant_name": "นางสมใจ รักษ์น้ำ", "contact": "081 234 5678", "f1": "45 หมู่ 3", "f2": "๔", "f3": "บริโภค",
        "f4": "15/12/2569", "f5": "บ้านหลังที่สองถัดจากศาลาประชาคม"}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def make_types(agency: Agency) -> tuple[RequestType, RequestType, RequestType]:
    units = {u.name: u for u in agency.units.all()}
    water = RequestType.objects.create(
        agency=agency, name="ขอรับการสนับสนุนน้ำอุปโภคบริโภค", unit=units["สำนักปลัด"], working_days=3,
        description="ครัวเรือนในเขตพื้นที่ที่ขาดแคลนน้ำอุปโภคบริโภค ยื่นคำขอได้ครัวเรือนละไม่เกินสองครั้งต่อเดือน",
        documents=["สำเนาบัตรประจำตัวประชาชน"], fields=WATER_FIELDS, steps=STEPS, order=1)
    finance = RequestType.objects.create(
        agency=agency, name="ขอสำเนาใบเสร็จรับเงินค่าภาษี", unit=units["กองคลัง"], working_days=5, fee="ฉบับละ 10 บาท",
        description="ผู้เสียภาษีขอสำเนาใบเสร็จรับเงินค่าภาษีที่ชำระแล้ว",
        fields=[{"label": "ปีภาษี", "kind": "number", "required": True, "choices": [], "help": ""}],
        steps=[{"text": "ค้นหาและรับรองสำเนา", "responsible": "", "time": "5 วันทำการ"}], order=2)
    closed = RequestType.objects.create(
        agency=agency, name="ขออนุญาตใช้สนามกีฬา", unit=units["กองการศึกษา ศาสนาและวัฒนธรรม"], working_days=2,
        description="ขอใช้สนามกีฬาของหน่วยงาน", steps=[{"text": "พิจารณาอนุญาต", "responsible": "", "time": "2 วันทำการ"}],
        is_open=False, order=3)
    return water, finance, closed


def eservice_objects(agency: Agency) -> tuple[RequestType, ServiceRequest, object]:
    """Agency A's request type, a request to it with a file, and that file — for the isolation
    test: type_id, request_id and file_id."""
    water = RequestType.objects.filter(agency=agency, name="ขอรับการสนับสนุนน้ำอุปโภคบริโภค").first()
    if water is None:
        water = make_types(agency)[0]
    service_request = cases.submit(agency, water, "ชื่อผู้ยื่นคำขอลับเฉพาะ", "0800000000",
                                   [{"label": "บ้านเลขที่และหมู่ที่", "kind": "text", "value": "ที่อยู่ลับเฉพาะ"}],
                                   [clean("a.pdf", PDF, 1, 10 ** 6)])
    return water, service_request, service_request.attachments.get()


class EserviceTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.water, cls.finance_type, cls.closed = make_types(cls.agency)
        cls.theirs = make_types(cls.other)[0]

    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # the throttles' counts

    def p_url(self, suffix: str = "", agency=None) -> str:
        return f"/p/{(agency or self.agency).pk}/eservice/{suffix}"

    def e_url(self, suffix: str = "", agency=None) -> str:
        return f"/a/{(agency or self.agency).pk}/eservice/{suffix}"

    def apply(self, rtype: RequestType | None = None, agency=None, **changes) -> tuple[ServiceRequest, str]:
        rtype = rtype or self.water
        data = {**FORM, **changes} if rtype == self.water or rtype == self.theirs else \
            {"applicant_name": FORM["applicant_name"], "contact": FORM["contact"], "f1": "2569", **changes}
        response = self.client.post(self.p_url(f"{rtype.pk}/", agency), data)
        self.assertEqual(response.status_code, 200, response.content.decode()[:3000])
        found = re.search(r"data-code>([^<]+)<", response.content.decode())
        self.assertIsNotNone(found)
        code = normalised(found.group(1))
        self.assertIsNotNone(code)
        return ServiceRequest.objects.get(code=code), code


def type_post(fields: list[dict] | None = None, steps: list[dict] | None = None, **changes) -> dict[str, object]:
    """What the request-type form posts: the type's boxes and its two tables (formsets)."""
    fields = [{"label": "บ้านเลขที่และหมู่ที่", "kind": "text", "required": "on"},
              {"label": "ประเภทไฟที่ชำรุด", "kind": "choice", "required": "on", "choices": "หลอดขาด\nเสาล้ม\nสายไฟขาด"},
              {"label": "วันที่พบ", "kind": "date"}] if fields is None else fields
    steps = [{"text": "รับแจ้งและลงทะเบียน", "time": "1 วันทำการ"},
             {"text": "ออกซ่อม", "time": "5 วันทำการ", "responsible": "งานไฟฟ้า"}] if steps is None else steps
    data: dict[str, object] = {
        "name": "ขอซ่อมไฟฟ้าส่องสว่างสาธารณะ", "description": "ประชาชนแจ้งไฟฟ้าส่องสว่างสาธารณะที่ชำรุดในเขตพื้นที่",
        "unit": "", "working_days": "7", "fee": "", "documents_text": "", "walk_in": "", "is_open": "on",
        "fields-TOTAL_FORMS": str(len(fields) + 1), "fields-INITIAL_FORMS": "0", "fields-MIN_NUM_FORMS": "0",
        "fields-MAX_NUM_FORMS": "50", "steps-TOTAL_FORMS": str(len(steps) + 1), "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "50",
    }
    for n, row in enumerate(fields):
        for key, value in row.items():
            data[f"fields-{n}-{key}"] = value
        data.setdefault(f"fields-{n}-kind", "text")
    data[f"fields-{len(fields)}-kind"] = "text"  # the blank row left at the end
    for n, row in enumerate(steps):
        for key, value in row.items():
            data[f"steps-{n}-{key}"] = value
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
