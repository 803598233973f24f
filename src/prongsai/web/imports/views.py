"""The bulk import page `/import/` (system administrator and supervisors; 404 for anyone else):
upload a table → preview what it would do → "นำเข้า" → applied in one transaction → summary.
A supervisor's rows outside their scopes are refused (prongsai.web.imports.services)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from prongsai.errors import InputError
from prongsai.results_table import write_template
from prongsai.web.agencies.access import is_supervisor, supervisor_scopes
from prongsai.web.imports import pending
from prongsai.web.imports.forms import ImportForm, read_upload
from prongsai.web.imports.services import SHOWN, Outcome, run

TEMPLATE_FILE_NAME = "แบบฟอร์มนำเข้าผลการประเมิน.xlsx"
_GONE = "ไฟล์ที่รอการยืนยันหมดอายุหรือถูกใช้ไปแล้ว ระบบยังไม่ได้บันทึกข้อมูลใด หากยังต้องการนำเข้า โปรดเลือกไฟล์อีกครั้ง"


def _check(request: HttpRequest, methods: tuple[str, ...]) -> HttpResponse | None:
    if not is_supervisor(request.user):
        raise Http404
    if request.method not in methods:
        return HttpResponseNotAllowed(list(methods))
    return None


def results_import(request: HttpRequest) -> HttpResponse:
    refused = _check(request, ("GET", "HEAD", "POST"))
    if refused:
        return refused
    if request.method == "POST" and "pending" in request.POST:
        return _answer(request)
    form = ImportForm(request.POST if request.method == "POST" else None,
                      request.FILES if request.method == "POST" else None)
    try:
        if request.method == "POST" and form.is_valid():
            assert form.table is not None and form.copy is not None
            outcome = run(form.table, request.user, form.file_name, apply=False)
            kept = pending.keep(request, form.copy, form.file_name)
            return _summary_page(request, outcome, kept)
    finally:
        form.remove_copy()
    return _upload_page(request, form)


def _upload_page(request: HttpRequest, form: ImportForm, problem: str = "") -> HttpResponse:
    user = request.user
    return render(request, "imports/import.html", {
        "title": "นำเข้าผลการประเมินหลายหน่วยงาน", "form": form, "problem": problem,
        "scopes": [] if user.is_superuser else supervisor_scopes(user),
    })


def _summary_page(request: HttpRequest, outcome: Outcome, kept: pending.PendingTable | None = None) -> HttpResponse:
    return render(request, "imports/summary.html", {
        "title": "ผลการนำเข้า" if outcome.applied else "ตรวจก่อนนำเข้า", "outcome": outcome, "kept": kept,
        "shown": SHOWN, "refused": outcome.refused[:SHOWN],
        "n": {name: f"{getattr(outcome, name):,}" for name in (
            "rows", "agencies_created", "results_added", "results_changed", "results_unchanged")}
        | {"refused": f"{len(outcome.refused):,}"},
        "lifetime": int(pending.LIFETIME.total_seconds() // 60),
    })


def _answer(request: HttpRequest) -> HttpResponse:
    kept = pending.take(request, request.POST.get("pending", ""))
    if kept is None:
        return _upload_page(request, ImportForm(), _GONE)
    if request.POST.get("action") != "confirm":
        pending.discard(request, kept.token)
        messages.info(request, f"ยกเลิกการนำเข้าแล้ว ไม่ได้บันทึกข้อมูลใดจากไฟล์ {kept.file_name}")
        return redirect("results_import")
    # Read, check and plan the kept file again: the workspace may have changed since the preview.
    try:
        table = read_upload(kept.path, kept.file_name)
    except InputError as exc:
        pending.discard(request, kept.token)
        return _upload_page(request, ImportForm(), str(exc))
    if not pending.discard(request, kept.token):  # a second click while the first one imports
        return _upload_page(request, ImportForm(), _GONE)
    outcome = run(table, request.user, kept.file_name, apply=True)
    return _summary_page(request, outcome)


def results_import_template(request: HttpRequest) -> HttpResponse:
    refused = _check(request, ("GET", "HEAD"))
    if refused:
        return refused
    with tempfile.TemporaryDirectory(prefix="prongsai-template-") as tmp:
        content = write_template(Path(tmp) / "table.xlsx").read_bytes()
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, TEMPLATE_FILE_NAME)
    return response
