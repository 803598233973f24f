"""Satisfaction surveys: a survey of the agency covers one or more services and asks items on
the 5-point scale, copied from the standard template (prongsai.services.surveys) and editable.

Answers are anonymous: the day (not the time), the service, the ratings, the coarse profile the
respondent chose to give, and the comment. Nothing about the respondent's connection (address,
browser, cookie) is kept.

Items are versioned so that editing never changes what was answered: an item nobody has answered
yet may be reworded or deleted freely; once answered, rewording it retires it (its answers stay
with its wording) and puts a new item with the new wording in its place, and deleting it retires
it. Results show a retired item for the periods it has answers in, marked as no longer asked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

TITLE_MAX, INTRO_MAX, SERVICE_MAX, ITEM_MAX, COMMENT_MAX = 200, 1000, 150, 300, 1000
SERVICES_MAX, ITEMS_MAX = 20, 40


class Survey(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="surveys",
                               verbose_name="หน่วยงาน")
    title = models.CharField("ชื่อแบบสำรวจ", max_length=TITLE_MAX)
    intro = models.TextField("คำชี้แจงถึงผู้ตอบ", max_length=INTRO_MAX, blank=True)
    is_open = models.BooleanField("เปิดรับคำตอบ", default=False)
    ask_profile = models.BooleanField("ถามข้อมูลทั่วไปของผู้ตอบ (ไม่บังคับตอบ)", default=True)
    created_at = models.DateTimeField("สร้างเมื่อ", default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="ผู้สร้าง")

    AUDIT_FIELDS = ("title", "intro", "is_open", "ask_profile")

    class Meta:
        verbose_name = "แบบสำรวจความพึงพอใจ"
        ordering = ["-is_open", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def active_items(self) -> models.QuerySet[Item]:
        return self.items.filter(retired_on__isnull=True)

    def service_names(self) -> list[str]:
        return [s.name for s in self.services.all()]


class Service(models.Model):
    """A service the survey covers (งานจัดเก็บภาษี, งานทะเบียนพาณิชย์ …): the respondent picks the
    one used when the survey covers several."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="services")
    name = models.CharField("งานบริการ", max_length=SERVICE_MAX)
    order = models.PositiveIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "งานบริการในแบบสำรวจ"
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="survey_service_unique")]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    section = models.CharField("ด้าน", max_length=20)  # a section key of the template
    text = models.CharField("ข้อคำถาม", max_length=ITEM_MAX)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    retired_on = models.DateField("เลิกใช้เมื่อ", null=True, blank=True)
    replaces = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name="แทนข้อคำถามเดิม")

    AUDIT_FIELDS = ("section", "text")

    class Meta:
        verbose_name = "ข้อคำถามแบบสำรวจ"
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["survey", "retired_on"])]

    def __str__(self) -> str:
        return self.text

    @property
    def active(self) -> bool:
        return self.retired_on is None


class Response(models.Model):
    """One person's answer. No address, browser, cookie or time of day: the day only."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    service = models.ForeignKey(Service, on_delete=models.RESTRICT, related_name="responses", verbose_name="งานบริการ")
    answered_on = models.DateField("วันที่ตอบ")
    gender = models.CharField("เพศ", max_length=20, blank=True)
    age_band = models.CharField("ช่วงอายุ", max_length=20, blank=True)
    respondent_type = models.CharField("ประเภทผู้รับบริการ", max_length=20, blank=True)
    comment = models.TextField("ข้อเสนอแนะ", max_length=COMMENT_MAX, blank=True)

    class Meta:
        verbose_name = "คำตอบแบบสำรวจ"
        ordering = ["answered_on", "pk"]
        indexes = [models.Index(fields=["survey", "answered_on"])]

    def __str__(self) -> str:
        return f"คำตอบวันที่ {self.answered_on:%Y-%m-%d}"


class Rating(models.Model):
    """The rating of one item in one answer: 1–5, or None for "not applicable"."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(Item, on_delete=models.RESTRICT, related_name="ratings")
    value = models.PositiveSmallIntegerField("คะแนน", null=True, blank=True)

    class Meta:
        verbose_name = "คะแนนรายข้อ"
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="survey_rating_once"),
            models.CheckConstraint(condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                                   name="survey_rating_scale"),
        ]
