"""The Q&A channel: the public page where anyone asks and reads the published answers, and the
staff's queue where a member of the agency answers (publishing the question with its answer) or
decides not to publish a question."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from prongsai.thai import format_date
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.public.anonymity import Throttle, public_view
from prongsai.web.qa import stats
from prongsai.web.qa.forms import AnswerForm, AskForm, RejectForm
from prongsai.web.qa.models import Question
from prongsai.web.ui.exports import export_response, wants_export

PUBLIC_PER_PAGE = 20
STAFF_PER_PAGE = 30
OBJECT_TYPE = "คำถาม (ถาม–ตอบ)"
ASK_THROTTLE = Throttle("qa-ask", limit=5, window=60 * 60)
THROTTLED = ("ส่งคำถามจากเครื่องนี้ครบจำนวนที่รับได้ในหนึ่งชั่วโมงแล้ว "
             "กรุณาส่งคำถามใหม่อีกครั้งในภายหลัง ข้อความที่พิมพ์ไว้ยังอยู่ในแบบฟอร์ม")
# What the log keeps instead of the asker's words when staff edit them (the original is not kept).
NOT_KEPT = "(ข้อความเดิม ไม่เก็บไว้)"


# --- the public page --------------------------------------------------------------------------

@public_view(methods=("GET", "HEAD", "POST"))
def public_qa(request: HttpRequest, agency: Agency) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = AskForm(request.POST)
        if ASK_THROTTLE.exceeded(request):
            form.is_valid()
            form.add_error(None, THROTTLED)
            status = 429
        elif form.is_bot:
            # Looks sent; keeps nothing. Counted, so a robot is slowed as a person would be.
            ASK_THROTTLE.count(request)
            return _asked(agency)
        elif form.is_valid():
            ASK_THROTTLE.count(request)
            _save_question(agency, form.cleaned_data)
            return _asked(agency)
        else:
            status = 400
    else:
        form = AskForm()
    published = (Question.objects.filter(agency=agency, status=Question.PUBLISHED)
                 .only("asked_on", "name", "text", "answer", "answered_at").order_by("-answered_at", "-pk"))
    page = Paginator(published, PUBLIC_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "qa/public.html", {
        "title": "ถาม–ตอบ", "agency": agency, "crumbs": [("ถาม–ตอบ", None)], "form": form, "page": page,
        "stats": stats.for_agency(agency), "asked": request.GET.get("asked") == "1" and request.method != "POST",
    }, status=status)


def _asked(agency: Agency) -> HttpResponse:
    return redirect(reverse("public_qa", args=[agency.pk]) + "?asked=1#asked")


def _save_question(agency: Agency, data: dict) -> Question:
    """Only what the asker typed and the day: no address, no browser, no cookie, no time of day."""
    with transaction.atomic():
        question = Question.objects.create(agency=agency, asked_on=timezone.localdate(), name=data["name"],
                                           contact=data["contact"], text=data["text"])
        log.created(None, agency, OBJECT_TYPE, question, "รับคำถามจากหน้าถาม–ตอบของเว็บไซต์",
                    {"วันที่ถาม": _day(question), "สถานะ": question.get_status_display()})
    return question


# --- the staff's queue ------------------------------------------------------------------------

LISTS = {"published": ("ตอบและเผยแพร่แล้ว", Question.PUBLISHED), "rejected": ("ไม่เผยแพร่", Question.REJECTED)}


@agency_view(VIEW, methods=("GET", "HEAD"))
def questions(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    waiting = list(Question.objects.filter(agency=agency, status=Question.WAITING).order_by("asked_on", "pk"))
    shown = request.GET.get("list") if request.GET.get("list") in LISTS else "published"
    handled = (Question.objects.filter(agency=agency, status=LISTS[shown][1]).select_related("answered_by")
               .order_by("-answered_at", "-pk"))
    if wants_export(request):
        return _questions_file(request, waiting, list(handled), shown)
    page = Paginator(handled, STAFF_PER_PAGE).get_page(request.GET.get("page"))
    counts = {key: Question.objects.filter(agency=agency, status=status).count() for key, (_, status) in LISTS.items()}
    figures = stats.for_agency(agency)
    return render(request, "qa/questions.html", {
        "title": "ถาม–ตอบ", "section": "qa", "waiting": waiting, "limit": figures.limit,
        "stats": figures, "shown": shown, "lists": LISTS, "counts": counts, "page": page, "exports": True,
    })


def _questions_file(request: HttpRequest, waiting: list[Question], handled: list[Question], shown: str) -> HttpResponse:
    """Both tables of the queue in one file: the questions waiting, then every one of the list shown."""
    published = shown == "published"
    rows = [("รอคำตอบ", q.asked_on, f"{q.days_waiting()} วัน", q.shown_name, q.text, None, "") for q in waiting]
    rows += [(LISTS[shown][0], q.asked_on, f"{q.days_waiting()} วัน" if published else "", q.shown_name, q.text,
              q.answered_on, (q.answered_by.get_full_name() or q.answered_by.username if q.answered_by else "")
              if published else q.reject_reason) for q in handled]
    file = export_response(request, title="ถาม–ตอบ", filename=f"ถาม-ตอบ-{request.access.agency.name}", rows=rows,
                           headers=["สถานะ", "วันที่ถาม", "รอมาแล้ว", "ผู้ถาม", "คำถาม",
                                    "วันที่ตอบ" if published else "วันที่บันทึก",
                                    "ผู้ตอบ" if published else "เหตุผลที่ไม่เผยแพร่"],
                           subtitle=[f"รอคำตอบ และ{LISTS[shown][0]}"])
    assert file is not None
    return file


@agency_view(VIEW)
def answer(request: HttpRequest, access: AgencyAccess, question_id: int) -> HttpResponse:
    question = Question.objects.filter(agency=access.agency, pk=question_id).select_related("answered_by").first()
    if question is None:
        raise Http404
    answer_form = AnswerForm(instance=question, prefix="answer")
    reject_form = RejectForm(prefix="reject", initial={"reject_reason": question.reject_reason})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "publish":
            answer_form = AnswerForm(request.POST, instance=Question.objects.get(pk=question.pk), prefix="answer")
            if answer_form.is_valid():
                _publish(request, access, question, answer_form.cleaned_data)
                messages.success(request, "บันทึกคำตอบและเผยแพร่คำถามบนหน้าถาม–ตอบของหน่วยงานแล้ว")
                return redirect("qa_questions", access.agency.pk)
        elif action == "reject":
            reject_form = RejectForm(request.POST, prefix="reject")
            if reject_form.is_valid():
                _reject(request, access, question, reject_form.cleaned_data["reject_reason"])
                messages.success(request, "บันทึกแล้วว่าไม่เผยแพร่คำถามนี้ เหตุผลเก็บไว้ภายในหน่วยงานเท่านั้น")
                return redirect("qa_questions", access.agency.pk)
        else:
            messages.error(request, "ไม่ทราบว่าต้องการตอบหรือไม่เผยแพร่คำถาม กรุณากดปุ่มในแบบฟอร์มอีกครั้ง")
        status = 400
    return render(request, "qa/answer.html", {
        "title": f"คำถามวันที่ {_day(question)}", "section": "qa", "question": question,
        "answer_form": answer_form, "reject_form": reject_form, "limit": stats.answer_days(),
        "public_url": reverse("public_qa", args=[access.agency.pk]),
    }, status=status)


def _locked(access: AgencyAccess, question: Question) -> Question:
    """The question as stored now, held until the transaction ends (two members answering at once)."""
    return Question.objects.select_for_update().get(agency=access.agency, pk=question.pk)


def _before(question: Question) -> dict[str, str]:
    return log.snapshot(question, Question.AUDIT_FIELDS)


def _wording(before: Question, after_text: str, after_name: str) -> tuple[dict[str, str], dict[str, str]]:
    """The audit of an edit to the asker's words: that they changed, and the new (published)
    words, never the old ones."""
    old, new = {}, {}
    if after_text != before.text:
        old["คำถาม"], new["คำถาม"] = NOT_KEPT, after_text
    if after_name != before.name:
        old["ชื่อผู้ถาม"], new["ชื่อผู้ถาม"] = NOT_KEPT if before.name else "", after_name or "(ไม่แสดงชื่อ)"
    return old, new


def _publish(request: HttpRequest, access: AgencyAccess, question: Question, data: dict) -> None:
    with transaction.atomic():
        current = _locked(access, question)
        before = _before(current)
        old, new = _wording(current, data["text"], data["name"])
        first_answer = current.status != Question.PUBLISHED
        current.text, current.name, current.answer = data["text"], data["name"], data["answer"]
        current.status, current.reject_reason = Question.PUBLISHED, ""
        if first_answer:  # a later correction does not change how long the answer took
            current.answered_at, current.answered_by = timezone.now(), request.user
        current.save()
        summary = ("ตอบและเผยแพร่" if first_answer else "แก้ไขคำตอบของ") + f"คำถามวันที่ {_day(current)}"
        if old:
            summary += " (แก้ไขข้อความของผู้ถามก่อนเผยแพร่)"
        log.updated(request.user, access.agency, OBJECT_TYPE, current, summary, {**before, **old},
                    {**_before(current), **new})


def _reject(request: HttpRequest, access: AgencyAccess, question: Question, reason: str) -> None:
    with transaction.atomic():
        current = _locked(access, question)
        before = _before(current)
        current.status, current.reject_reason = Question.REJECTED, reason
        current.answered_at, current.answered_by = timezone.now(), request.user
        current.save()
        log.updated(request.user, access.agency, OBJECT_TYPE, current,
                    f"ไม่เผยแพร่คำถามวันที่ {_day(current)}", before, _before(current))


def _day(question: Question) -> str:
    return format_date(question.asked_on, thai=False)
