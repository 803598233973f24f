"""The shared world of the web tests (healthchecks' pattern): created once per test class.

Agency A (ลาดหญ้า, seed 004's result, a plan drafted from it, progress with a file, an OIT check):
  owner (ผู้ดูแล), member (ผู้บันทึก), viewer (ผู้ดู), unit_editor (ผู้บันทึก of กองคลัง), and a
  supervisor reading its province.
Agency B (ไค้งยาง, seed 003's result …, the same kinds of objects): stranger is its ผู้ดูแล.
Every test of a view checks that the stranger gets 404 for agency A's objects.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from prongsai.results_io import read_results
from prongsai.web.agencies.models import Agency, Membership, SupervisorScope, Unit
from prongsai.web.assessments.models import Result
from prongsai.web.assessments.services import save_years
from prongsai.web.oit.models import OitCheck
from prongsai.web.plans import services
from prongsai.web.plans.models import Evidence, Measure, Plan, ProgressEntry, Step

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "correct-horse-battery"
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_user(username: str, **extra: object) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, first_name=username.title(), **extra)


def pdf_upload(name: str = "evidence.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def make_agency(example: str, admin: User) -> Agency:
    results = read_results(EXAMPLES / example)
    agency = Agency.objects.create(name=results.agency, agency_type=results.agency_type or "",
                                   district=results.district or "", province=results.province or "")
    for order, name in enumerate(["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]):
        Unit.objects.create(agency=agency, name=name, order=order)
    Membership.objects.create(user=admin, agency=agency, role=Membership.ADMIN)
    save_years(admin, agency, results.years, Result.FILE, example)
    plan = services.create_from_draft(admin, agency, results.fiscal_year)
    measure = plan.measures.first()
    entry = ProgressEntry.objects.create(agency=agency, measure=measure, lineage=measure.lineage,
                                         as_of=date(2022, 3, 31), status="in_progress", done="ประชุมชี้แจงแล้ว",
                                         created_by=admin)
    Evidence.objects.create(agency=agency, entry=entry, file=pdf_upload(), name="หลักฐาน.pdf", size=len(PDF_BYTES),
                            content_type="application/pdf")
    Evidence.objects.create(agency=agency, entry=entry, url="https://example.go.th/news/1", name="ข่าว")
    OitCheck.objects.create(agency=agency, fiscal_year=2567, code="O1", status=OitCheck.PARTIAL,
                            url="https://example.go.th/structure", owner=agency.units.first())
    return agency


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.owner = make_user("alice")
        cls.member = make_user("bob")
        cls.viewer = make_user("vera")
        cls.unit_editor = make_user("ursula")
        cls.stranger = make_user("charlie")
        cls.supervisor = make_user("supa")
        cls.admin = User.objects.create_superuser("root", password=PASSWORD)

        cls.agency = make_agency("ladya-2564.yaml", cls.owner)
        cls.finance = cls.agency.units.get(name="กองคลัง")
        Membership.objects.create(user=cls.member, agency=cls.agency, role=Membership.EDITOR)
        Membership.objects.create(user=cls.viewer, agency=cls.agency, role=Membership.VIEWER)
        Membership.objects.create(user=cls.unit_editor, agency=cls.agency, role=Membership.EDITOR, unit=cls.finance)
        SupervisorScope.objects.create(user=cls.supervisor, province=cls.agency.province)

        cls.other = make_agency("khongyang-2565.yaml", cls.stranger)

        cls.plan = Plan.objects.get(agency=cls.agency)
        cls.measure = cls.plan.measures.first()
        cls.step = cls.measure.steps.first()
        cls.entry = ProgressEntry.objects.get(agency=cls.agency)
        cls.evidence = Evidence.objects.filter(agency=cls.agency).exclude(file="").first()
        cls.result = Result.objects.get(agency=cls.agency)

    def setUp(self) -> None:
        # Tests that delete evidence remove its file after commit; put the shared files back.
        for evidence in Evidence.objects.exclude(file=""):
            storage = evidence.file.storage
            if not storage.exists(evidence.file.name):
                with storage.open(evidence.file.name, "wb") as fh:
                    fh.write(PDF_BYTES)

    def login(self, user: User) -> None:
        self.client.force_login(user)

    # objects of the other agency, for ownership checks
    @property
    def b(self) -> dict[str, object]:
        plan = Plan.objects.get(agency=self.other)
        measure = plan.measures.first()
        return {"agency": self.other, "plan": plan, "measure": measure, "step": measure.steps.first(),
                "entry": ProgressEntry.objects.get(agency=self.other),
                "evidence": Evidence.objects.filter(agency=self.other).exclude(file="").first(),
                "unit": self.other.units.first(), "member": self.other.memberships.first(),
                "result": Result.objects.get(agency=self.other)}

    def a_url(self, suffix: str = "") -> str:
        return f"/a/{self.agency.pk}/{suffix}"


__all__ = ["BaseTestCase", "Measure", "Step", "PASSWORD", "pdf_upload", "docx_bytes", "PNG_BYTES", "PDF_BYTES",
           "make_user"]
