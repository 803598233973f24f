"""Q&A on the dashboard: questions waiting for an answer (they are not public until answered)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from prongsai.web.agencies.access import AgencyAccess
from prongsai.web.qa.models import Question
from prongsai.web.qa.stats import answer_days


def for_dashboard(access: AgencyAccess) -> list[dict[str, Any]]:
    waiting = list(Question.objects.filter(agency=access.agency, status=Question.WAITING).values_list("asked_on", flat=True))
    today, days = timezone.localdate(), answer_days()
    late = sum(1 for asked in waiting if (today - asked).days > days)
    note = f"รอเกิน {days} วัน {late} คำถาม" if late else ("ไม่มีคำถามที่รอคำตอบ" if not waiting else "")
    return [{"title": "คำถามที่รอคำตอบ", "value": len(waiting), "note": note,
             "href": reverse("qa_questions", args=[access.agency.pk]), "bad": bool(late)}]
