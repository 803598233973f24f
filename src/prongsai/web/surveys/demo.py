"""Demo survey for `prongsai serve --demo`: the standard template for two services of the
agency, open, with about forty answers spread over the current fiscal year and a few comments.
Like the rest of the demo (prongsai.web.demo) the texts are marked as examples, and adding it
twice adds nothing."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.thai import fiscal_year_bounds, fiscal_year_of
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.surveys import actions
from prongsai.web.surveys.models import Rating, Response, Survey

DEMO_NOTE = "(ข้อมูลตัวอย่าง)"
TITLE = "แบบสำรวจความพึงพอใจการให้บริการ"
SERVICES = ["งานจัดเก็บภาษี", "งานทะเบียนพาณิชย์"]
ANSWERS = 40
COMMENTS = [
    "เจ้าหน้าที่ให้คำแนะนำดีมาก อธิบายขั้นตอนชัดเจน",
    "อยากให้มีที่จอดรถเพิ่ม ช่วงเช้าที่จอดรถเต็ม",
    "ควรมีป้ายบอกเอกสารที่ต้องเตรียมไว้หน้าห้อง จะได้ไม่ต้องกลับไปเอาเอกสารอีกรอบ",
    "บริการรวดเร็ว ใช้เวลาไม่ถึง 15 นาที",
    "อยากให้ชำระภาษีผ่านแอปธนาคารได้",
]
# A service's way of being rated: the chance of each point 5..1 (tax counter slower, registry quicker).
PROFILES = {
    "งานจัดเก็บภาษี": (0.38, 0.38, 0.17, 0.05, 0.02),
    "งานทะเบียนพาณิชย์": (0.52, 0.34, 0.11, 0.03, 0.0),
}
WEAKER = {"facilities": -0.4}  # the waiting area is the weak spot of the example


def add_demo_surveys(agency: Agency, admin: Any) -> list[Survey]:
    """The demo survey of `agency` made by `admin`; none when the agency has a survey already."""
    if Survey.objects.filter(agency=agency).exists():
        return []
    rng = random.Random(f"prongsai-demo-survey-{agency.name}")
    today = timezone.localdate()
    start, _ = fiscal_year_bounds(fiscal_year_of(today))
    days = max(1, (today - start).days + 1)
    with transaction.atomic():
        survey = actions.create_survey(admin, agency, {"title": TITLE, "intro": "", "services": SERVICES,
                                                       "ask_profile": True})
        actions.set_open(admin, survey, True)
        survey.refresh_from_db()
        items = list(survey.active_items())
        services = list(survey.services.all())
        comments = iter(COMMENTS)
        for n in range(ANSWERS):
            service = services[n % len(services)]
            weights = PROFILES[service.name]
            comment = ""
            if n % 7 == 3:
                comment = next(comments, "")
                comment = f"{comment} {DEMO_NOTE}" if comment else ""
            response = Response.objects.create(
                survey=survey, service=service, answered_on=start + timedelta(days=rng.randrange(days)),
                gender=rng.choice(["male", "female", "female", ""]),
                age_band=rng.choice(["20-39", "40-59", "40-59", "60plus", "under20", ""]),
                respondent_type=rng.choice(["resident", "resident", "resident", "business", "visitor"]),
                comment=comment)
            ratings = []
            for item in items:
                if item.section == "facilities" and rng.random() < 0.08:
                    ratings.append(Rating(response=response, item=item, value=None))
                    continue
                shift = WEAKER.get(item.section, 0.0)
                value = rng.choices((5, 4, 3, 2, 1), weights=weights)[0]
                if shift and rng.random() < -shift:
                    value = max(1, value - 1)
                ratings.append(Rating(response=response, item=item, value=value))
            Rating.objects.bulk_create(ratings)
            log.created(None, agency, actions.ANSWER, response, f"รับคำตอบแบบสำรวจ “{survey.title}” {DEMO_NOTE}")
    return [survey]
