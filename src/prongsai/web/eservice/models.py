"""E-Service: the services an agency offers (request types, defined as data by its officers),
the requests citizens send with a tracking code, the thread with the applicant, the staff's
internal notes and the files attached.

A request is not anonymous (a service needs a reply): the applicant's name and contact are kept
with it, plainly. Nothing about the applicant's connection (address, browser, cookie) is kept.
The tracking code is kept plainly too, so that an officer can read it out to an applicant who
lost it (that reading is audited); it is drawn at random (prongsai.services.requests), and
wrong guesses on the status page are throttled.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from prongsai.services import requests as core
from prongsai.web.agencies.models import Agency, Unit


class RequestType(models.Model):
    """A service the agency gives on request (ประเภทบริการ): what the public page, the request
    form and the service manual say about it."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="request_types", verbose_name="หน่วยงาน")
    name = models.CharField("ชื่อบริการ", max_length=200,
                            help_text="ชื่อกระบวนงานตามที่ประชาชนเข้าใจ เช่น ขอรับการสนับสนุนน้ำอุปโภคบริโภค")
    description = models.TextField(
        "หลักเกณฑ์ วิธีการ และเงื่อนไข",
        help_text="ใครยื่นคำขอได้ ยื่นอย่างไร และมีเงื่อนไขอะไร แสดงในหน้าบริการและในคู่มือการให้บริการ "
                  "เขียนย่อหน้าละหนึ่งบรรทัด")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="ส่วนงานที่รับผิดชอบ")
    working_days = models.PositiveSmallIntegerField("ระยะเวลาดำเนินการ (วันทำการ)", default=3,
                                                    help_text="นับแต่วันที่ได้รับคำขอ ไม่นับวันเสาร์และวันอาทิตย์")
    fee = models.CharField("ค่าธรรมเนียม", max_length=200, blank=True,
                           help_text="เว้นว่างเมื่อไม่มีค่าธรรมเนียม (คู่มือจะระบุว่า “ไม่มีค่าธรรมเนียม”)")
    documents = models.JSONField("เอกสารหลักฐานที่ต้องใช้", default=list, blank=True)
    steps = models.JSONField("ขั้นตอนการให้บริการ", default=list, blank=True)
    fields = models.JSONField("ข้อมูลที่ถามในแบบคำขอ", default=list, blank=True)
    walk_in = models.CharField(
        "สถานที่และเวลาให้บริการ (ยื่นด้วยตนเอง)", max_length=300, blank=True,
        help_text="เช่น กองช่าง ชั้น 1 อาคารที่ทำการ วันจันทร์–วันศุกร์ 08.30–16.30 น. "
                  "เว้นว่างเพื่อใช้ชื่อส่วนงานและเวลาทำการของหน่วยงาน")
    is_open = models.BooleanField("เปิดรับคำขอทางเว็บไซต์", default=True,
                                  help_text="ปิดเมื่อไม่รับคำขอทางเว็บไซต์แล้ว คำขอเดิมและสถิติยังอยู่ครบ")
    order = models.PositiveIntegerField("ลำดับ", default=0)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    AUDIT_FIELDS = ("name", "description", "unit", "working_days", "fee", "documents", "steps", "fields", "walk_in",
                    "is_open")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "ประเภทบริการ"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="request_type_name_unique_per_agency")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.check_definitions()
        super().save(*args, **kwargs)

    def check_definitions(self) -> None:
        """The definitions must be usable (the request form is built from them, the manual prints
        them): checked on every save, whoever saves. ValidationError in Thai, by field."""
        problems: dict[str, list[str]] = {}
        for name, check in (("fields", core.fields_from_data), ("documents", core.parse_documents)):
            try:
                check(getattr(self, name))
            except core.SpecError as exc:
                problems[name] = exc.problems
        try:
            core.parse_steps(self.steps if isinstance(self.steps, list) else [])
        except core.SpecError as exc:
            problems["steps"] = exc.problems
        if not 1 <= (self.working_days or 0) <= 180:
            problems["working_days"] = ["ระยะเวลาดำเนินการต้องเป็นจำนวนวันทำการตั้งแต่ 1 ถึง 180 วัน"]
        if problems:
            raise ValidationError(problems)

    @property
    def field_specs(self) -> tuple[core.FieldSpec, ...]:
        try:
            return core.fields_from_data(self.fields)
        except core.SpecError:
            return ()

    @property
    def step_specs(self) -> tuple[core.StepSpec, ...]:
        return core.steps_from_data(self.steps)

    @property
    def document_list(self) -> list[str]:
        return [str(d) for d in self.documents] if isinstance(self.documents, list) else []

    @property
    def fee_text(self) -> str:
        return core.fee_text(self.fee)

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else ""

    @property
    def request_phrase(self) -> str:
        """"คำขอรับการสนับสนุนน้ำ…" for ขอรับการสนับสนุนน้ำ…, not "คำขอขอรับ…"."""
        return f"คำ{self.name}" if self.name.startswith("ขอ") else f"คำขอ{self.name}"


class ServiceRequest(models.Model):
    RECEIVED, IN_PROGRESS, WAITING, DONE, REFUSED = "received", "in_progress", "waiting", "done", "refused"
    STATUSES = [(RECEIVED, "ได้รับคำขอแล้ว"), (IN_PROGRESS, "อยู่ระหว่างดำเนินการ"),
                (WAITING, "รอข้อมูลหรือเอกสารจากผู้ยื่นคำขอ"), (DONE, "ดำเนินการแล้วเสร็จ"),
                (REFUSED, "ไม่อาจให้บริการได้")]
    FINISHED = (DONE, REFUSED)

    WEB = "web"
    CHANNELS = [(WEB, "เว็บไซต์"), ("walk_in", "ยื่นด้วยตนเอง"), ("phone", "โทรศัพท์"), ("post", "ไปรษณีย์"),
                ("email", "อีเมล"), ("other", "ช่องทางอื่น")]

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="service_requests",
                               verbose_name="หน่วยงาน")
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="requests",
                                     verbose_name="ประเภทบริการ")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="ส่วนงานที่รับผิดชอบ")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    seq = models.PositiveIntegerField("ลำดับในปี")
    code = models.CharField("รหัสติดตาม", max_length=core.CODE_LENGTH, unique=True, editable=False)
    channel = models.CharField("ช่องทางที่รับคำขอ", max_length=10, choices=CHANNELS, default=WEB)
    applicant_name = models.CharField("ชื่อผู้ยื่นคำขอ", max_length=150)
    contact = models.CharField("ช่องทางติดต่อกลับ", max_length=200)
    answers = models.JSONField("ข้อมูลในคำขอ", default=list)
    status = models.CharField("สถานะ", max_length=12, choices=STATUSES, default=RECEIVED)
    result = models.TextField("ผลการดำเนินการหรือเหตุผล", blank=True)
    received_on = models.DateField("วันที่รับคำขอ")
    due_on = models.DateField("กำหนดแล้วเสร็จ")
    finished_on = models.DateField("วันที่ดำเนินการแล้วเสร็จ", null=True, blank=True)
    applicant_waiting = models.BooleanField("มีข้อความใหม่จากผู้ยื่นคำขอ", default=False)
    created_at = models.DateTimeField("บันทึกเมื่อ", default=timezone.now)

    AUDIT_FIELDS = ("status", "unit", "result", "finished_on")

    class Meta:
        ordering = ["-fiscal_year", "-seq"]
        verbose_name = "คำขอรับบริการ"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "seq"],
                                               name="service_request_number_unique_per_agency")]
        indexes = [
            # Covers the statistics query (counts by day and type, finished on time or late), so
            # it never reads the rows.
            models.Index(fields=["agency", "received_on", "request_type", "finished_on", "due_on"],
                         name="eservice_statistics"),
            # The staff's queue: open requests first, by unit.
            models.Index(fields=["agency", "finished_on", "unit"], name="eservice_queue"),
        ]

    def __str__(self) -> str:
        return f"คำขอเลขที่ {self.number}"

    @property
    def number(self) -> str:
        return f"{self.seq}/{self.fiscal_year}"

    @property
    def code_grouped(self) -> str:
        return core.grouped(self.code)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    def timeliness(self, today: date | None = None) -> str:
        return core.timeliness(self.due_on, self.finished_on, today or timezone.localdate())

    def overdue(self, today: date | None = None) -> str:
        """The mark the queue shows: '' when on time."""
        today = today or timezone.localdate()
        late = core.days_late(self.due_on, self.finished_on, today)
        if not late:
            return ""
        if self.finished_on is not None:
            return f"แล้วเสร็จเกินกำหนด {late} วัน"
        return f"เกินกำหนด {late} วัน"

    @property
    def overdue_mark(self) -> str:
        return self.overdue()

    def answer_rows(self) -> list[tuple[str, str]]:
        rows = []
        for item in self.answers if isinstance(self.answers, list) else []:
            if isinstance(item, dict):
                rows.append((str(item.get("label", "")), str(item.get("value", ""))))
        return rows


class Message(models.Model):
    """One message of the thread between the applicant (who holds the code) and the officers."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="messages")
    from_applicant = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    text = models.TextField("ข้อความ")
    sent_on = models.DateField("วันที่")

    class Meta:
        ordering = ["id"]


class Note(models.Model):
    """The officers' internal notes on a request: never shown to the applicant."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    text = models.TextField("บันทึกภายใน")
    created_at = models.DateTimeField("บันทึกเมื่อ", default=timezone.now)

    class Meta:
        ordering = ["id"]


class Attachment(models.Model):
    """A file the applicant attached (checked by content; pictures re-encoded without their
    metadata), kept in the database so that a request and its files are saved in one transaction."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    name = models.CharField("ชื่อไฟล์", max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField("ขนาด")
    data = models.BinaryField(editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


def default_steps() -> list[dict[str, str]]:
    """The steps a new request type starts with (the manual's wording file); the responsible is
    left blank, which means the type's unit, whichever it becomes."""
    from prongsai.documents.service_manual import default_steps as wording_steps

    return [{"text": text, "responsible": "", "time": time} for text, _unit, time in wording_steps("")]
