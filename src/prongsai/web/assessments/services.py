"""Between the database and the core: build `AgencyResults` from stored results, analyse them,
and save validated years in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from prongsai import settings as core_settings
from prongsai.ita.analysis import Analysis, analyse
from prongsai.ita.library import announced_year, get_framework, library
from prongsai.ita.results import AgencyResults, YearResult
from prongsai.web.agencies.forms import canonical_type
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.models import Result
from prongsai.web.audit import log


def agency_results(agency: Agency, fiscal_year: int | None = None,
                   results: Iterable[Result] | None = None) -> AgencyResults | None:
    """The agency's result for `fiscal_year` (default: its latest) with every earlier year as
    `previous`; None when there is no result for that year."""
    rows = sorted(results if results is not None else agency.results.all(), key=lambda r: r.fiscal_year)
    if not rows:
        return None
    if fiscal_year is None:
        current = rows[-1]
    else:
        current = next((r for r in rows if r.fiscal_year == fiscal_year), None)
        if current is None:
            return None
    earlier = tuple(r.year_result() for r in rows if r.fiscal_year < current.fiscal_year)
    return AgencyResults(
        agency=agency.name,
        current=current.year_result(),
        previous=earlier,
        agency_type=canonical_type(agency.agency_type or agency.name) or None,
        variant=agency.framework_variant if agency.framework_variant in library().all_variants() else None,
        reading=agency.framework_reading or None,
        province=agency.province or None,
        district=agency.district or None,
    )


def analysis_for(results: AgencyResults) -> Analysis:
    return analyse(results, get_framework, core_settings.thresholds())


def default_result_year(today: date | None = None) -> int:
    """The year the results form offers: the one announced last (prongsai.ita.library)."""
    return announced_year(today)


def save_years(user: Any, agency: Agency, years: Iterable[YearResult], source: str, source_name: str = "",
               ) -> list[Result]:
    """Create or replace the agency's results for these years, with their audit entries, all in
    one transaction: either every year is saved or none is."""
    saved = []
    with transaction.atomic():
        for year in years:
            existing = Result.objects.select_for_update().filter(agency=agency, fiscal_year=year.fiscal_year).first()
            if existing is None:
                row = Result(agency=agency)
                row.set_year_result(year)
                row.source, row.source_name, row.updated_by = source, source_name[:200], user
                row.save()
                log.created(user, agency, "ผลการประเมิน", row, f"บันทึกผลการประเมินปี {year.fiscal_year}",
                            row.audit_snapshot())
            else:
                before = existing.audit_snapshot()
                row = existing
                row.set_year_result(year)
                row.source, row.source_name, row.updated_by = source, source_name[:200], user
                row.save()
                log.updated(user, agency, "ผลการประเมิน", row, f"แก้ไขผลการประเมินปี {year.fiscal_year}",
                            before, row.audit_snapshot())
            saved.append(row)
    return saved
