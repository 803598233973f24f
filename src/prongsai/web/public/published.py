"""What of an agency's plans the public sees: only approved versions, never a draft.

For each fiscal year the version shown is the one progress is tracked against
(plans.services.tracked_among): the latest approved version, also while a newer draft waits for
approval. A year whose plan has no approved version shows nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from prongsai.thai import fiscal_month_end
from prongsai.web.agencies.models import Agency
from prongsai.web.plans import services
from prongsai.web.plans.documents import KINDS, PERIODS
from prongsai.web.plans.models import Plan, ProgressEntry


def approved_years(agency: Agency) -> list[int]:
    """The fiscal years with an approved plan, newest first."""
    return sorted(set(Plan.objects.filter(agency=agency, status=Plan.APPROVED)
                      .values_list("fiscal_year", flat=True)), reverse=True)


def approved_plan(agency: Agency, fiscal_year: int) -> Plan | None:
    """The approved version of the year's plan that is followed, or None (no approved version)."""
    versions = Plan.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("-version")
    plan = services.tracked_among(versions)
    return plan if plan is not None and plan.is_locked else None


def latest_approved_plan(agency: Agency) -> Plan | None:
    years = approved_years(agency)
    return approved_plan(agency, years[0]) if years else None


@dataclass(frozen=True)
class PublishedDocument:
    kind: str
    title: str
    period: str | None  # the implementation report's round
    note: str = ""

    @property
    def period_label(self) -> str:
        return PERIODS.get(self.period or "", "")


def published_documents(plan: Plan | None) -> list[PublishedDocument]:
    """The documents of an approved plan the public may download: the analysis of the result the
    plan answers, the plan, and the implementation report of each round that has progress."""
    if plan is None or not plan.is_locked or not plan.based_on_year:
        return []
    docs = []
    if plan.agency.results.filter(fiscal_year=plan.based_on_year).exists():
        docs.append(PublishedDocument("analysis", KINDS["analysis"], None, f"ผลการประเมินปี {plan.based_on_year}"))
        docs.append(PublishedDocument("plan", KINDS["plan"], None, f"ปีงบประมาณ {plan.fiscal_year}"))
        dates = list(ProgressEntry.objects.filter(agency_id=plan.agency_id,
                                                  lineage__in=plan.measures.values("lineage"))
                     .values_list("as_of", flat=True))
        if dates and min(dates) <= six_month_end(plan.fiscal_year):
            docs.append(PublishedDocument("implementation", KINDS["implementation"], "6-month",
                                          f"ปีงบประมาณ {plan.fiscal_year} {PERIODS['6-month']}"))
        if dates:
            docs.append(PublishedDocument("implementation", KINDS["implementation"], "year-end",
                                          f"ปีงบประมาณ {plan.fiscal_year} {PERIODS['year-end']}"))
    return docs


def six_month_end(fiscal_year: int) -> date:
    return fiscal_month_end(fiscal_year, 6)
