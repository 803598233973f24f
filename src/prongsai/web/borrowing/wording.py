"""What the settings page and the announcement share: the standard texts of the wording file
(prongsai.documents.data/borrowing_rules.yaml) and the default approver's title, and the
announcement's facts built from the agency's rules and public assets."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.models import Agency


def defaults() -> dict[str, str]:
    """The standard documents, fee, return check and liability texts (one line per item)."""
    from prongsai.documents.borrowing_rules import load_wording

    d = load_wording().defaults
    return {"documents": d.documents, "fee": d.fee, "return_check": "\n".join(d.return_check),
            "liability": "\n".join(d.liability)}


def default_approver(agency: Agency) -> str:
    """The agency type's chief officer (ปลัด…) from the terms book, else its head."""
    from prongsai.planning.terms import load_terms

    book = load_terms()
    if book.kind(agency.name, agency.agency_type or None):
        return book.terms_for(agency.name, agency.agency_type or None).chief_officer
    return "หัวหน้าหน่วยงาน"


def approver_title(agency: Agency, rules: Any) -> str:
    return rules.approver_title or default_approver(agency)


def document_facts(agency: Agency, rules: Any, public_url: str) -> Any:
    """The announcement's facts: the rules, the head's title from the public profile, and the
    assets the public may borrow (the table after the signature)."""
    from prongsai.documents.borrowing_rules import AssetRow, RulesDocument
    from prongsai.web.borrowing.models import Asset

    profile = getattr(agency, "public_profile", None)
    assets = Asset.objects.filter(agency=agency, public_may_borrow=True, retired=False).exclude(condition="broken")
    day = rules.rules_date or timezone.localdate()
    return RulesDocument(
        agency_name=agency.name, agency_type=agency.agency_type or None, province=agency.province,
        district=agency.district, custodian_unit=rules.custodian_unit.name if rules.custodian_unit else "",
        head_title=profile.head_title if profile else "", approver_title=rules.approver_title,
        max_days=rules.max_days, lead_days=max(1, rules.lead_days),
        place=rules.place or (rules.custodian_unit.name if rules.custodian_unit else ""),
        phone=rules.phone or (profile.phone if profile else ""),
        web_url=public_url if rules.public_open else "", issued_on=day, fiscal_year=fiscal_year_of(day),
        documents=rules.documents, fee=rules.fee,
        return_check=[t for t in rules.return_check.splitlines() if t.strip()],
        liability=[t for t in rules.liability.splitlines() if t.strip()],
        assets=[AssetRow(a.code, a.name, a.quantity, a.count_unit, a.max_days) for a in assets[:200]])
