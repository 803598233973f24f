"""What staff and respondents do with a survey. Each function is called with validated data and
writes in one transaction, with its audit log entry (a change and its entry are saved together
or not at all)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.services.surveys import Template, template
from prongsai.thai import format_date
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.surveys.models import Item, Rating, Response, Service, Survey

SURVEY = "แบบสำรวจความพึงพอใจ"
ITEM = "ข้อคำถามแบบสำรวจ"
ANSWER = "คำตอบแบบสำรวจ"


def _survey_snapshot(survey: Survey) -> dict[str, str]:
    snap = log.snapshot(survey, Survey.AUDIT_FIELDS)
    snap["งานบริการ"] = ", ".join(survey.service_names())
    return snap


def _item_snapshot(item: Item, tpl: Template | None = None) -> dict[str, str]:
    tpl = tpl or template()
    try:
        section = tpl.section(item.section).title
    except KeyError:
        section = item.section
    return {"ด้าน": section, "ข้อคำถาม": item.text}


def create_survey(user: Any, agency: Agency, data: Mapping[str, Any], tpl: Template | None = None) -> Survey:
    """A new survey (closed) with the standard template's items and the given services."""
    tpl = tpl or template()
    with transaction.atomic():
        survey = Survey.objects.create(agency=agency, title=data["title"], intro=data.get("intro", ""),
                                       ask_profile=data.get("ask_profile", True), created_by=user)
        for order, name in enumerate(data["services"]):
            Service.objects.create(survey=survey, name=name, order=order)
        order = 0
        for section in tpl.sections:
            for text in section.items:
                Item.objects.create(survey=survey, section=section.key, text=text, order=order)
                order += 1
        log.created(user, agency, SURVEY, survey, f"สร้างแบบสำรวจ “{survey.title}” จากแบบสำรวจมาตรฐาน "
                    f"({order} ข้อ)", _survey_snapshot(survey))
    return survey


def update_survey(user: Any, survey: Survey, data: Mapping[str, Any]) -> Survey:
    """Title, note to respondents, profile questions and services: `data["services"]` maps each
    kept service's pk to its (possibly new) name, `data["removed"]` lists the pks removed (only
    services nobody chose), `data["new_services"]` names services to add."""
    with transaction.atomic():
        current = Survey.objects.select_for_update().get(pk=survey.pk)
        before = _survey_snapshot(current)
        current.title, current.intro, current.ask_profile = data["title"], data["intro"], data["ask_profile"]
        current.save()
        removed = set(data.get("removed", ()))
        Service.objects.filter(survey=current, pk__in=removed, responses__isnull=True).delete()
        kept = list(Service.objects.filter(survey=current).order_by("order", "pk"))
        # Renames go through a temporary name, so that two services may swap names.
        names = data.get("services", {})
        for service in kept:
            if service.pk in names and names[service.pk] != service.name:
                Service.objects.filter(pk=service.pk).update(name=f"__rename__{service.pk}")
        for service in kept:
            if service.pk in names and names[service.pk] != service.name:
                Service.objects.filter(pk=service.pk).update(name=names[service.pk])
        top = (Service.objects.filter(survey=current).aggregate(n=Max("order"))["n"] or 0) + 1
        for n, name in enumerate(data.get("new_services", ()), start=top):
            Service.objects.create(survey=current, name=name, order=n)
        log.updated(user, current.agency, SURVEY, current, f"แก้ไขแบบสำรวจ “{current.title}”", before,
                    _survey_snapshot(current))
    return current


def set_open(user: Any, survey: Survey, is_open: bool) -> bool:
    """Open or close the survey; False when it already was."""
    with transaction.atomic():
        current = Survey.objects.select_for_update().get(pk=survey.pk)
        if current.is_open == is_open:
            return False
        before = log.snapshot(current, ("is_open",))
        current.is_open = is_open
        current.save(update_fields=["is_open"])
        verb = "เปิดรับคำตอบ" if is_open else "ปิดรับคำตอบ"
        log.updated(user, current.agency, SURVEY, current, f"{verb}แบบสำรวจ “{current.title}”", before,
                    log.snapshot(current, ("is_open",)))
    return True


def _next_order(survey: Survey) -> int:
    """A new item goes last in its section (items are shown section by section, in order)."""
    last = Item.objects.filter(survey=survey).aggregate(n=Max("order"))["n"]
    return 0 if last is None else last + 1


def add_item(user: Any, survey: Survey, section: str, text: str, tpl: Template | None = None) -> Item:
    tpl = tpl or template()
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)
        item = Item.objects.create(survey=survey, section=section, text=text, order=_next_order(survey))
        log.created(user, survey.agency, ITEM, item, f"เพิ่มข้อคำถามในแบบสำรวจ “{survey.title}”",
                    _item_snapshot(item, tpl))
    return item


def has_answers(item: Item) -> bool:
    return Rating.objects.filter(item=item).exists()


def change_item(user: Any, item: Item, section: str, text: str, tpl: Template | None = None) -> Item:
    """The item with its new wording and section. An answered item is retired and a new one takes
    its place, so its answers keep the wording they were given to; returns the item now asked."""
    tpl = tpl or template()
    survey = item.survey
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)
        current = Item.objects.get(pk=item.pk)
        before = _item_snapshot(current, tpl)
        if current.text == text and current.section == section:
            return current
        if not has_answers(current):
            if section != current.section:
                current.order = _next_order(survey)
            current.section, current.text = section, text
            current.save()
            log.updated(user, survey.agency, ITEM, current, f"แก้ไขข้อคำถามในแบบสำรวจ “{survey.title}”", before,
                        _item_snapshot(current, tpl))
            return current
        today = timezone.localdate()
        current.retired_on = today
        current.save(update_fields=["retired_on"])
        order = current.order if section == current.section else _next_order(survey)
        new = Item.objects.create(survey=survey, section=section, text=text, order=order, replaces=current)
        log.updated(user, survey.agency, ITEM, new,
                    f"แก้ไขข้อคำถามที่มีผู้ตอบแล้วในแบบสำรวจ “{survey.title}”: เริ่มใช้ข้อคำถามใหม่ "
                    f"คำตอบเดิมนับในข้อคำถามเดิมซึ่งเลิกใช้เมื่อ {format_date(today, thai=False)}",
                    before, _item_snapshot(new, tpl))
        return new


def remove_item(user: Any, item: Item, tpl: Template | None = None) -> bool:
    """Deletes an item nobody answered; retires an answered one (True when retired)."""
    tpl = tpl or template()
    survey = item.survey
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)
        current = Item.objects.get(pk=item.pk)
        snap = _item_snapshot(current, tpl)
        if has_answers(current):
            current.retired_on = timezone.localdate()
            current.save(update_fields=["retired_on"])
            log.updated(user, survey.agency, ITEM, current,
                        f"เลิกใช้ข้อคำถามที่มีผู้ตอบแล้วในแบบสำรวจ “{survey.title}” (คำตอบเดิมยังนับในผลการสำรวจ)",
                        {**snap, "เลิกใช้เมื่อ": ""}, {**snap, "เลิกใช้เมื่อ": format_date(current.retired_on, thai=False)})
            return True
        log.deleted(user, survey.agency, ITEM, current, f"ลบข้อคำถามออกจากแบบสำรวจ “{survey.title}”", snap)
        current.delete()
        return False


def move_item(user: Any, item: Item, direction: str) -> bool:
    """Swap the item with its neighbour in the same section; False at the section's end."""
    survey = item.survey
    with transaction.atomic():
        Survey.objects.select_for_update().get(pk=survey.pk)
        current = Item.objects.get(pk=item.pk)
        siblings = list(Item.objects.filter(survey=survey, section=current.section, retired_on__isnull=True)
                        .order_by("order", "pk"))
        at = next(n for n, i in enumerate(siblings) if i.pk == current.pk)
        other_at = at - 1 if direction == "up" else at + 1
        if not 0 <= other_at < len(siblings):
            return False
        other = siblings[other_at]
        if other.order == current.order:  # equal orders (old data): make them distinct first
            for n, i in enumerate(siblings):
                Item.objects.filter(pk=i.pk).update(order=siblings[0].order + n)
            current.refresh_from_db()
            other.refresh_from_db()
        Item.objects.filter(pk=current.pk).update(order=other.order)
        Item.objects.filter(pk=other.pk).update(order=current.order)
        log.updated(user, survey.agency, ITEM, current,
                    f"เลื่อนข้อคำถาม{'ขึ้น' if direction == 'up' else 'ลง'}ในแบบสำรวจ “{survey.title}”",
                    {"ลำดับในด้าน": str(at + 1)}, {"ลำดับในด้าน": str(other_at + 1)})
    return True


def record_answer(survey: Survey, service: Service, ratings: Mapping[int, int | None], profile: Mapping[str, str],
                  comment: str) -> Response:
    """One respondent's answer: only what the form asked and the day; no address, browser,
    cookie or time of day. Logged as received by the system (no person, no address)."""
    with transaction.atomic():
        response = Response.objects.create(survey=survey, service=service, answered_on=timezone.localdate(),
                                           gender=profile.get("gender", ""), age_band=profile.get("age_band", ""),
                                           respondent_type=profile.get("respondent_type", ""), comment=comment)
        Rating.objects.bulk_create([Rating(response=response, item_id=item_id, value=value)
                                    for item_id, value in ratings.items()])
        log.created(None, survey.agency, ANSWER, response, f"รับคำตอบแบบสำรวจ “{survey.title}” จากหน้าสาธารณะ")
    return response

