"""The public statistics of the complaint channel, for the OIT item on complaint statistics:
counted from the cases themselves, so nobody retypes them, and downloadable as PDF and XLSX."""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.channels.categories import complaint_categories
from prongsai.channels.statistics import Statistics, Tally, from_tallies
from prongsai.thai import fiscal_year_bounds, fiscal_year_of
from prongsai.web.agencies.models import Agency
from prongsai.web.complaints.models import Complaint
from prongsai.web.public.anonymity import public_view

logger = logging.getLogger("prongsai.web")
SUBJECT = "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
FORMATS = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def years_of(agency: Agency, today: date) -> list[int]:
    found = set(Complaint.objects.filter(agency=agency).values_list("fiscal_year", flat=True).distinct())
    found.add(fiscal_year_of(today))
    return sorted(found, reverse=True)


def agency_statistics(agency: Agency, fiscal_year: int, today: date) -> Statistics:
    """Counted by the database, day by day and category by category (one query on the index; a
    month function per row would cost SQLite a Python call each), then added up by month."""
    start, end = fiscal_year_bounds(fiscal_year)
    as_of = min(today, end)
    rows = (Complaint.objects.filter(agency=agency, received_on__range=(start, as_of))
            .values("received_on", "category").order_by()
            .annotate(received=Count("id"), finished=Count("id", filter=Q(closed_on__lte=as_of))))
    return from_tallies((Tally(r["received_on"], r["category"], r["received"], r["finished"]) for r in rows),
                        fiscal_year, as_of, complaint_categories(), settings.CHANNEL_HIDE_BELOW)


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year")
    if not raw:
        return years[0]
    try:
        year = int(raw)
    except ValueError:
        raise Http404 from None
    if year not in years:
        raise Http404
    return year


@public_view()
def complaint_statistics(request: HttpRequest, agency: Agency) -> HttpResponse:
    today = timezone.localdate()
    years = years_of(agency, today)
    year = _year(request, years)
    stats = agency_statistics(agency, year, today)
    response = render(request, "complaints/statistics.html", {
        "agency": agency, "title": f"สถิติ{SUBJECT}", "crumbs": [("สถิติเรื่องร้องเรียน", None)],
        "stats": stats, "year": year, "years": years,
        "months": [m for m in stats.months if m.started],
    })
    response["Cache-Control"] = "public, max-age=300"
    return response


@public_view()
def complaint_statistics_file(request: HttpRequest, agency: Agency, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    today = timezone.localdate()
    years = years_of(agency, today)
    year = _year(request, years)
    stats = agency_statistics(agency, year, today)
    name = f"สถิติเรื่องร้องเรียน-{agency.name}-{year}.{fmt}"
    try:
        if fmt == "xlsx":
            from prongsai.documents.channel_statistics import statistics_xlsx

            content = statistics_xlsx(stats, agency_name=agency.name, subject=SUBJECT)
        else:
            from prongsai.documents.channel_statistics import write_statistics

            with tempfile.TemporaryDirectory(prefix="prongsai-stats-") as folder:
                path = write_statistics("pdf", Path(folder) / "statistics.pdf", stats, agency_name=agency.name,
                                        subject=SUBJECT, thai_digits=core_settings.thai_digits())
                content = Path(path).read_bytes()
    except Exception:
        logger.exception("complaint statistics %s failed for agency %s", fmt, agency.pk)
        return render(request, "public/problem.html", {
            "agency": agency, "title": "จัดทำไฟล์ไม่สำเร็จ",
            "message": "ระบบจัดทำไฟล์สถิติไม่สำเร็จในขณะนี้ กรุณาลองใหม่ภายหลัง หรือดูสถิติที่หน้านี้แทน"}, status=503)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
