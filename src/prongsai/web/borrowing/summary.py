"""Borrowing in figures: the yearly summary counted from the register (prongsai.services.borrowing
does the counting), and the tiles the agency's dashboard shows."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from prongsai.services import borrowing as rules
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.models import Agency


def years_of(agency: Agency, today: date) -> list[int]:
    """The fiscal years with loans, and the current one, newest first."""
    from prongsai.web.borrowing.models import Loan

    found = set(Loan.objects.filter(agency=agency).values_list("fiscal_year", flat=True).distinct())
    found.add(fiscal_year_of(today))
    return sorted(found, reverse=True)


def loan_lines(agency: Agency, fiscal_year: int) -> list[rules.LoanLine]:
    from prongsai.web.borrowing.models import LoanLine

    rows = (LoanLine.objects.filter(loan__agency=agency, loan__fiscal_year=fiscal_year)
            .values_list("loan__seq", "loan__fiscal_year", "asset__code", "asset__name", "asset__unit__name",
                         "loan__borrower_kind", "loan__purpose_kind", "loan__status", "quantity", "loan__start_on",
                         "loan__end_on", "loan__handed_on", "loan__returned_on", "damaged", "lost"))
    return [rules.LoanLine(number=f"{seq}/{year}", asset=f"{name} ({code})", unit=unit or "", borrower=borrower,
                           purpose=purpose, status=status, quantity=quantity, start=start, due=due, handed_on=handed,
                           returned_on=returned, damaged=damaged, lost=lost)
            for (seq, year, code, name, unit, borrower, purpose, status, quantity, start, due, handed, returned,
                 damaged, lost) in rows]


def yearly(agency: Agency, fiscal_year: int, today: date | None = None) -> rules.Summary:
    return rules.summarise(loan_lines(agency, fiscal_year), fiscal_year, today or timezone.localdate())


def for_dashboard(access: Any) -> list[dict[str, Any]]:
    """Tiles for the agency's dashboard: requests waiting for approval, loans out, overdue
    returns. Keys: title, value, note, href, bad. Empty when the agency lends nothing yet."""
    from prongsai.web.borrowing.models import Asset, Loan

    agency = access.agency
    if not Asset.objects.filter(agency=agency).exists():
        return []
    today = timezone.localdate()
    counts = Loan.objects.filter(agency=agency).aggregate(
        waiting=Count("id", filter=Q(status=rules.REQUESTED)),
        late_waiting=Count("id", filter=Q(status=rules.REQUESTED, start_on__lte=today)),
        out=Count("id", filter=Q(status=rules.HANDED_OVER)),
        overdue=Count("id", filter=Q(status=rules.HANDED_OVER, end_on__lt=today)))
    register = reverse("loans", args=[agency.pk])
    return [
        {"title": "คำขอยืมพัสดุรออนุมัติ", "value": counts["waiting"],
         "note": (f"ถึงวันที่ยืมแล้ว {counts['late_waiting']} รายการ" if counts["late_waiting"]
                  else "ไม่มีคำขอที่ถึงวันที่ยืมแล้ว"),
         "href": f"{register}?year=all&status={rules.REQUESTED}", "bad": counts["late_waiting"] > 0},
        {"title": "การยืมที่ยังไม่ส่งคืน", "value": counts["out"], "note": "การยืมที่ส่งมอบแล้ว ยังไม่ส่งคืน",
         "href": f"{register}?year=all&status={rules.HANDED_OVER}", "bad": False},
        {"title": "เกินกำหนดส่งคืน", "value": counts["overdue"],
         "note": "ต้องติดตามทวงถามให้ส่งคืน" if counts["overdue"] else "ไม่มีพัสดุค้างส่งคืน",
         "href": f"{register}?year=all&status=overdue", "bad": counts["overdue"] > 0},
    ]
