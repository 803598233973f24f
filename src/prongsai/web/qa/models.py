"""Questions from the public and the agency's answers (the OIT item "Q&A").

A question is published only with its answer: it waits, unseen, until a member of the agency
answers it (or decides not to publish it), which keeps abuse and defamation off the agency's
website. Nothing that identifies the asker's device is kept: no address, no browser, no cookie,
and the day it was asked without the time. The contact the asker may leave is for a private
reply and is never published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

ANONYMOUS = "ไม่ประสงค์ออกนาม"
NAME_MAX, CONTACT_MAX, TEXT_MAX, ANSWER_MAX, REASON_MAX = 100, 200, 2000, 5000, 1000


class Question(models.Model):
    WAITING, PUBLISHED, REJECTED = "waiting", "published", "rejected"
    STATUSES = [(WAITING, "รอคำตอบ"), (PUBLISHED, "ตอบและเผยแพร่แล้ว"), (REJECTED, "ไม่เผยแพร่")]

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="questions")
    asked_on = models.DateField("วันที่ถาม")  # the day only: the time would help tell who asked
    name = models.CharField("ชื่อผู้ถาม", max_length=NAME_MAX, blank=True)
    contact = models.CharField("ช่องทางติดต่อกลับ", max_length=CONTACT_MAX, blank=True)  # never published
    text = models.TextField("คำถาม", max_length=TEXT_MAX)
    status = models.CharField("สถานะ", max_length=10, choices=STATUSES, default=WAITING)
    answer = models.TextField("คำตอบ", blank=True, max_length=ANSWER_MAX)
    # when and by whom the question was answered, or, for a rejected one, the decision taken
    answered_at = models.DateTimeField("วันที่ตอบ", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="ผู้ตอบ")
    reject_reason = models.TextField("เหตุผลที่ไม่เผยแพร่", blank=True, max_length=REASON_MAX)  # internal only

    # What the audit log keeps of a change. The asker's name, contact and wording stay out of it:
    # staff may edit them to remove personal data, and the log would otherwise keep the original.
    AUDIT_FIELDS = ("status", "answer", "reject_reason")

    class Meta:
        verbose_name = "คำถาม (ถาม–ตอบ)"
        ordering = ["-asked_on", "-pk"]
        indexes = [models.Index(fields=["agency", "status", "-asked_on"])]

    def __str__(self) -> str:
        return f"คำถามวันที่ {self.asked_on:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def shown_name(self) -> str:
        return self.name or ANONYMOUS

    @property
    def answered_on(self):  # type: ignore[no-untyped-def]
        """The local day of the answer (or decision), or None."""
        return timezone.localdate(self.answered_at) if self.answered_at else None

    def days_waiting(self, today=None) -> int:  # type: ignore[no-untyped-def]
        """Days from asking to the answer, or to today while it waits."""
        end = self.answered_on if self.status != self.WAITING and self.answered_on else (today or timezone.localdate())
        return max(0, (end - self.asked_on).days)
