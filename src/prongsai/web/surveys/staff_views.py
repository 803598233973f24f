"""The staff's pages (/a/<agency>/surveys/…): the list, a new survey from the standard template,
its settings and items, opening and closing it, and its results. Editors and admins change;
viewers and supervisors read (a POST from them is 403); other users get 404."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from prongsai.services.surveys import decimal_text, fiscal_year_period, template
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.access import EDIT, VIEW, AgencyAccess, agency_view
from prongsai.web.surveys import actions, results
from prongsai.web.surveys.forms import ItemForm, SurveyEditForm, SurveyForm
from prongsai.web.surveys.models import Item, Rating, Survey
from prongsai.web.ui.exports import export_response

SECTION = "surveys"


def survey_of(access: AgencyAccess, survey_id: int) -> Survey:
    return get_object_or_404(Survey, pk=survey_id, agency=access.agency)


def public_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("public_survey", args=[survey.agency_id, survey.pk]))


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as inline SVG (a preview; the poster files are made apart)."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#111", light="#fff",
                                                 title="คิวอาร์โค้ดไปยังหน้าตอบแบบสำรวจ")
    return Markup(svg)  # noqa: S704 - segno's own markup, the URL escaped inside <title>


@agency_view(VIEW, methods=("GET", "HEAD"))
def surveys(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    today = timezone.localdate()
    year = fiscal_year_of(today)
    start, end = fiscal_year_period(year).start, fiscal_year_period(year).end
    rows = list(Survey.objects.filter(agency=access.agency).annotate(
        answers=Count("responses", distinct=True),
        this_year=Count("responses", filter=Q(responses__answered_on__range=(start, end)), distinct=True),
        items_now=Count("items", filter=Q(items__retired_on__isnull=True), distinct=True),
        last_answer=Max("responses__answered_on"), first_answer=Min("responses__answered_on"),
    ).prefetch_related("services"))
    if (file := export_response(
            request, title="การสำรวจความพึงพอใจ", filename=f"แบบสำรวจความพึงพอใจ-{access.agency.name}",
            headers=["แบบสำรวจ", "งานบริการ", "สถานะ", "ข้อคำถาม", f"ผู้ตอบ ปีงบประมาณ {year}", "ผู้ตอบทั้งหมด",
                     "ตอบครั้งแรก", "ตอบล่าสุด"],
            rows=[(s.title, ", ".join(s.service_names()), "เปิดรับคำตอบ" if s.is_open else "ปิดรับคำตอบ", s.items_now,
                   s.this_year, s.answers, s.first_answer, s.last_answer) for s in rows])) is not None:
        return file
    return render(request, "surveys/list.html", {
        "exports": True,
        "title": "การสำรวจความพึงพอใจ", "section": SECTION, "rows": rows, "year": year,
        "public_list": request.build_absolute_uri(reverse("public_surveys", args=[access.agency.pk])),
        "public_results": request.build_absolute_uri(reverse("public_survey_results", args=[access.agency.pk])),
    })


@agency_view(EDIT)
def survey_new(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    tpl = template()
    form = SurveyForm(request.POST or None, initial={"title": tpl.title, "ask_profile": True})
    if request.method == "POST" and form.is_valid():
        survey = actions.create_survey(request.user, access.agency, form.cleaned_data, tpl)
        messages.success(request, "สร้างแบบสำรวจจากแบบสำรวจมาตรฐานแล้ว ตรวจข้อคำถามและแก้ไขได้ตามต้องการ "
                                  "แล้วกด “เปิดรับคำตอบ” เมื่อพร้อม")
        return redirect("survey_detail", access.agency.pk, survey.pk)
    return render(request, "surveys/new.html", {
        "title": "สร้างแบบสำรวจความพึงพอใจ", "section": SECTION, "form": form, "tpl": tpl,
    }, status=400 if request.method == "POST" else 200)


def _items_by_section(survey: Survey) -> list[dict]:
    tpl = template()
    items = list(survey.items.filter(retired_on__isnull=True).annotate(answers=Count("ratings")))
    answered = {i.pk for i in items if i.answers}
    out = []
    n = 0
    for section in tpl.sections:
        mine = sorted((i for i in items if i.section == section.key), key=lambda i: (i.order, i.pk))
        n += 1 if mine else 0
        out.append({"key": section.key, "number": n if mine else "", "title": section.title, "items": [
            {"item": i, "number": f"{n}.{k}", "answered": i.pk in answered, "first": k == 1, "last": k == len(mine)}
            for k, i in enumerate(mine, start=1)]})
    return out


@agency_view(VIEW, methods=("GET", "HEAD"))
def survey_detail(request: HttpRequest, access: AgencyAccess, survey_id: int) -> HttpResponse:
    survey = survey_of(access, survey_id)
    year = fiscal_year_of(timezone.localdate())
    period = fiscal_year_period(year)
    figures = results.summary(survey, period)
    retired = survey.items.filter(retired_on__isnull=False).count()
    url = public_url(request, survey)
    return render(request, "surveys/detail.html", {
        "title": survey.title, "section": SECTION, "survey": survey, "sections": _items_by_section(survey),
        "services": list(survey.services.annotate(answers=Count("responses"))), "figures": figures,
        "year": year, "public_url": url, "qr": qr_svg(url), "retired": retired,
        "total": survey.responses.count(), "tpl": template(), "dec": decimal_text,
    })


@agency_view(EDIT)
def survey_edit(request: HttpRequest, access: AgencyAccess, survey_id: int) -> HttpResponse:
    survey = survey_of(access, survey_id)
    form = SurveyEditForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        actions.update_survey(request.user, survey, form.cleaned_data)
        messages.success(request, "บันทึกการแก้ไขแบบสำรวจแล้ว")
        return redirect("survey_detail", access.agency.pk, survey.pk)
    return render(request, "surveys/edit.html", {
        "title": f"แก้ไขแบบสำรวจ: {survey.title}", "section": SECTION, "survey": survey, "form": form,
    }, status=400 if request.method == "POST" else 200)


@agency_view(EDIT, methods=("POST",))
def survey_status(request: HttpRequest, access: AgencyAccess, survey_id: int) -> HttpResponse:
    survey = survey_of(access, survey_id)
    action = request.POST.get("action")
    if action not in ("open", "close"):
        messages.error(request, "ไม่ทราบว่าต้องการเปิดหรือปิดรับคำตอบ กรุณากดปุ่มอีกครั้ง")
        return redirect("survey_detail", access.agency.pk, survey.pk)
    if action == "open":
        if not survey.active_items().exists():
            messages.error(request, "ยังเปิดรับคำตอบไม่ได้ แบบสำรวจต้องมีข้อคำถามอย่างน้อยหนึ่งข้อ")
            return redirect("survey_detail", access.agency.pk, survey.pk)
        if not survey.services.exists():
            messages.error(request, "ยังเปิดรับคำตอบไม่ได้ แบบสำรวจต้องมีงานบริการอย่างน้อยหนึ่งงาน")
            return redirect("survey_detail", access.agency.pk, survey.pk)
    changed = actions.set_open(request.user, survey, action == "open")
    if action == "open":
        messages.success(request, "เปิดรับคำตอบแล้ว พิมพ์โปสเตอร์คิวอาร์โค้ดไปติดที่จุดให้บริการได้" if changed
                         else "แบบสำรวจนี้เปิดรับคำตอบอยู่แล้ว")
    else:
        messages.success(request, "ปิดรับคำตอบแล้ว ผลการสำรวจที่ได้รับยังคงอยู่" if changed
                         else "แบบสำรวจนี้ปิดรับคำตอบอยู่แล้ว")
    return redirect("survey_detail", access.agency.pk, survey.pk)


@agency_view(EDIT)
def survey_item_new(request: HttpRequest, access: AgencyAccess, survey_id: int) -> HttpResponse:
    survey = survey_of(access, survey_id)
    tpl = template()
    section = request.GET.get("section")
    form = ItemForm(request.POST or None, survey=survey, tpl=tpl,
                    initial={"section": section if section in tpl.section_keys else ""})
    if request.method == "POST" and form.is_valid():
        actions.add_item(request.user, survey, form.cleaned_data["section"], form.cleaned_data["text"], tpl)
        messages.success(request, "เพิ่มข้อคำถามแล้ว")
        return redirect(reverse("survey_detail", args=[access.agency.pk, survey.pk]) + "#items")
    return render(request, "surveys/item.html", {
        "title": "เพิ่มข้อคำถาม", "section": SECTION, "survey": survey, "form": form, "item": None,
    }, status=400 if request.method == "POST" else 200)


@agency_view(EDIT)
def survey_item(request: HttpRequest, access: AgencyAccess, survey_id: int, item_id: int) -> HttpResponse:
    survey = survey_of(access, survey_id)
    item = get_object_or_404(Item, pk=item_id, survey=survey, retired_on__isnull=True)
    tpl = template()
    answered = Rating.objects.filter(item=item).count()
    back = reverse("survey_detail", args=[access.agency.pk, survey.pk]) + "#items"
    form = ItemForm(survey=survey, item=item, tpl=tpl, initial={"section": item.section, "text": item.text})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "save":
            form = ItemForm(request.POST, survey=survey, item=item, tpl=tpl)
            if form.is_valid():
                now = actions.change_item(request.user, item, form.cleaned_data["section"], form.cleaned_data["text"],
                                          tpl)
                if now.pk != item.pk:
                    messages.success(request, "บันทึกข้อคำถามใหม่แล้ว คำตอบที่ได้รับก่อนแก้ไขยังนับในข้อคำถามเดิม "
                                              "ซึ่งแสดงในผลการสำรวจของช่วงเวลาที่มีผู้ตอบ")
                else:
                    messages.success(request, "บันทึกข้อคำถามแล้ว")
                return redirect(back)
        elif action == "delete":
            if actions.remove_item(request.user, item, tpl):
                messages.success(request, "เลิกใช้ข้อคำถามนี้แล้ว คำตอบที่ได้รับยังนับในผลการสำรวจ")
            else:
                messages.success(request, "ลบข้อคำถามแล้ว")
            return redirect(back)
        elif action in ("up", "down"):
            actions.move_item(request.user, item, action)
            return redirect(back)
        else:
            messages.error(request, "ไม่ทราบว่าต้องการบันทึก ลบ หรือเลื่อนข้อคำถาม กรุณากดปุ่มอีกครั้ง")
        status = 400
    return render(request, "surveys/item.html", {
        "title": "แก้ไขข้อคำถาม", "section": SECTION, "survey": survey, "form": form, "item": item,
        "answered": answered,
    }, status=status)


@agency_view(VIEW, methods=("GET", "HEAD"))
def survey_results(request: HttpRequest, access: AgencyAccess, survey_id: int) -> HttpResponse:
    survey = survey_of(access, survey_id)
    years = results.years_of(survey)
    period = results.period_from(request, years)
    figures = results.summary(survey, period)
    return render(request, "surveys/results.html", {
        "title": f"ผลการสำรวจ: {survey.title}", "section": SECTION, "survey": survey, "s": figures,
        "period": period, "periods": results.period_choices(years), "tpl": template(), "dec": decimal_text,
        "as_of": period.until(timezone.localdate()),
    })
