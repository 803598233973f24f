"""The public service statistics (the OIT item on service statistics): counted from the requests
themselves, so nobody retypes them from a paper book, and downloadable as PDF, XLSX and DOCX."""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path

from django.db.models import Count, F, Min, Q, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.services.requests import ServiceStatistics, Tally, from_tallies
from prongsai.thai import fiscal_year_bounds, fiscal_year_of
from prongsai.web.agencies.models import Agency
from prongsai.web.eservice.documents import PUBLIC_BUILDS, building
from prongsai.web.eservice.models import RequestType, ServiceRequest
from prongsai.web.public.anonymity import public_view

logger = logging.getLogger("prongsai.web")
FORMATS = {"pdf": "application/pdf",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
TITLE = "สถิติการให้บริการ"


def years_of(agency: Agency, today: date) -> list[int]:
    """The fiscal years from the first request's to this one, newest first (one index seek)."""
    first = ServiceRequest.objects.filter(agency=agency).aggregate(first=Min("received_on"))["first"]
    current = fiscal_year_of(today)
    oldest = min(current, fiscal_year_of(first)) if first else current
    return list(range(current, oldest - 1, -1))


def agency_statistics(agency: Agency, fiscal_year: int, today: date) -> ServiceStatistics:
    """Counted by the database, day by day and type by type, finished on time and late (one
    query on the covering index; a month function per row would cost SQLite a Python call
    each), then added up by month in Python."""
    start, end = fiscal_year_bounds(fiscal_year)
    as_of = min(today, end)
    finished = Q(finished_on__lte=as_of)
    # COUNT(*) and COUNT(1) FILTER (…) read no column they do not test: with 100,000 requests
    # this took half the time of COUNT(id) FILTER (…) (benchmarks/eservice.py).
    one = Value(1)
    rows = (ServiceRequest.objects.filter(agency=agency, received_on__range=(start, as_of))
            .values("received_on", "request_type_id").order_by()
            .annotate(received=Count("*"), finished=Count(one, filter=finished),
                      late=Count(one, filter=finished & Q(finished_on__gt=F("due_on")))))
    tallies = [Tally(r["received_on"], r["request_type_id"], r["received"], r["finished"] - r["late"], r["late"])
               for r in rows]
    seen = {t.type_key for t in tallies}
    # The types open now (a row of zeros tells the public the service is there) and those asked for.
    types = [(pk, name) for pk, name, is_open in
             RequestType.objects.filter(agency=agency).values_list("pk", "name", "is_open") if is_open or pk in seen]
    return from_tallies(tallies, fiscal_year, as_of, types)


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year")
    if not raw:
        return years[0]
    if not raw.isdigit() or int(raw) not in years:
        raise Http404
    return int(raw)


@public_view()
def public_eservice_statistics(request: HttpRequest, agency: Agency) -> HttpResponse:
    today = timezone.localdate()
    years = years_of(agency, today)
    year = _year(request, years)
    stats = agency_statistics(agency, year, today)
    from prongsai.documents.docx_build import Digits
    from prongsai.documents.service_statistics import periods

    shown = periods(stats, Digits(False))
    latest = stats.latest_month.fiscal_month - 1
    types = [(t, [(label, {"month": t.months[latest], "half": t.first_half, "year": t.year}[key])
                  for key, label in shown]) for t in stats.types]
    response = render(request, "eservice/statistics.html", {
        "agency": agency, "title": f"{TITLE}ประจำปีงบประมาณ พ.ศ. {year}",
        "crumbs": [("บริการออนไลน์ (E-Service)", reverse("public_eservice", args=[agency.pk])), (TITLE, None)],
        "stats": stats, "year": year, "years": years, "months": stats.started_months, "types": types,
    })
    response["Cache-Control"] = "public, max-age=300"
    return response


@public_view()
def public_eservice_statistics_file(request: HttpRequest, agency: Agency, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    today = timezone.localdate()
    years = years_of(agency, today)
    year = _year(request, years)
    from prongsai.documents import service_statistics as document

    def problem(message: str, status: int) -> HttpResponse:
        return render(request, "public/problem.html", {"agency": agency, "title": "จัดทำไฟล์ไม่สำเร็จ",
                                                       "message": message}, status=status)

    if fmt != "xlsx":
        if PUBLIC_BUILDS.exceeded(request):
            return problem("ขณะนี้มีการดาวน์โหลดถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง หรือดาวน์โหลดไฟล์ Excel แทน",
                           429)
        PUBLIC_BUILDS.count(request)
    stats = agency_statistics(agency, year, today)
    thai = core_settings.thai_digits()
    try:
        if fmt == "xlsx":
            content = document.statistics_xlsx(stats, agency_name=agency.name)
        else:
            def build() -> bytes:
                with tempfile.TemporaryDirectory(prefix="prongsai-eservice-") as folder:
                    path = document.write_statistics(fmt, Path(folder) / f"statistics.{fmt}", stats,
                                                     agency_name=agency.name, thai_digits=thai)
                    return Path(path).read_bytes()

            content = building.run(("eservice-statistics", agency.pk, fmt, thai, repr(stats)), build)
    except Exception:
        logger.exception("service statistics %s failed for agency %s", fmt, agency.pk)
        return problem("ระบบจัดทำไฟล์สถิติไม่สำเร็จในขณะนี้ กรุณาลองใหม่ภายหลัง หรือดูสถิติที่หน้านี้แทน", 503)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, document.statistics_filename(stats, agency.name, fmt))
    return response
