"""Demo data for `prongsai serve --demo`: the agencies of examples/*.yaml — those of the seed
documents with their real published results, and a made-up เทศบาลตำบล at level E, so that a
municipality's terms show too —, a measures plan drafted from each result, and, for one
agency, an approved plan with some recorded progress and OIT checks. The progress texts are
clearly examples. A province's table of 40 made-up agencies (examples/tables, written by
tools/make_demo_province.py) comes in through the bulk import, so that the supervisor overview
has a province to show; some of them have plans, approved or draft, with progress. Loading twice
does not duplicate anything."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction

from prongsai.results_io import read_results
from prongsai.thai import normalise_text
from prongsai.web.agencies.forms import default_units
from prongsai.web.agencies.models import Agency, Membership, Unit
from prongsai.web.assessments.models import Result
from prongsai.web.assessments.services import save_years
from prongsai.web.audit import log
from prongsai.web.oit.models import OitCheck
from prongsai.web.oit.views import default_year as oit_year
from prongsai.web.plans import services
from prongsai.web.plans.models import ProgressEntry

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
PROVINCE_TABLE = EXAMPLES / "tables" / "kanchanaburi-demo.csv"
APPROVED_EXAMPLE = "ladya-2564"  # seed 004's agency gets the approved plan and the progress
DEMO_NOTE = "(ข้อมูลตัวอย่าง)"


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def load_demo(admin: Any, files: list[Path] | None = None) -> list[Agency]:
    loaded = []
    for path in files if files is not None else example_files():
        agency = _load_one(admin, path)
        if agency is not None:
            loaded.append(agency)
    if files is None:
        _province(admin)
        if not admin.email:  # the reminders page lists what the administrator would receive
            admin.email = "admin@example.go.th"
            admin.save(update_fields=["email"])
    return loaded


def _province(admin: Any) -> None:
    """The province table through the bulk import (idempotent), then plans for a third of its
    agencies: two in three approved, with progress on their first measures."""
    from prongsai.results_table import read_table
    from prongsai.web.imports.services import run
    from prongsai.web.plans.models import Plan

    table = read_table(PROVINCE_TABLE)
    run(table, admin, PROVINCE_TABLE.name, apply=True)
    year = max(row.year.fiscal_year for row in table.rows)
    names = sorted({normalise_text(row.agency) for row in table.rows})
    for index, agency in enumerate(Agency.objects.filter(name__in=names[::3]).order_by("name")):
        if Plan.objects.filter(agency=agency).exists():
            continue
        with transaction.atomic():
            plan = services.create_from_draft(admin, agency, year)
            if index % 3 != 2:
                _approve_and_progress(admin, agency, plan, oit=False)


def _load_one(admin: Any, path: Path) -> Agency | None:
    results = read_results(path)
    name = normalise_text(results.agency)
    if Agency.objects.filter(name=name).exists():
        return None
    with transaction.atomic():
        agency = Agency.objects.create(name=name, agency_type=results.agency_type or "",
                                       district=results.district or "", province=results.province or "")
        log.created(admin, agency, "หน่วยงาน", agency, f"เพิ่มหน่วยงานตัวอย่าง {name}")
        for order, unit_name in enumerate(default_units(agency.agency_type)):
            Unit.objects.create(agency=agency, name=unit_name, order=order)
        Membership.objects.get_or_create(user=admin, agency=agency, defaults={"role": Membership.ADMIN})
        save_years(admin, agency, results.years, Result.DEMO, path.name)
        plan = services.create_from_draft(admin, agency, results.fiscal_year)
        if path.name.startswith(APPROVED_EXAMPLE):
            _approve_and_progress(admin, agency, plan)
        _public_channels(admin, agency, rich=path.name.startswith(APPROVED_EXAMPLE))
    return agency


def _public_channels(admin: Any, agency: Agency, rich: bool) -> None:
    """Every demo agency's public channels and services in use: reports in each state, answered
    questions, service requests, loans of assets and a survey with answers."""
    from prongsai.web.borrowing.demo import add_demo_borrowing
    from prongsai.web.complaints.demo import CASES, add_demo_complaints
    from prongsai.web.eservice.demo import add_demo_eservice
    from prongsai.web.public.models import PublicProfile
    from prongsai.web.qa.demo import add_demo_questions
    from prongsai.web.surveys.demo import add_demo_surveys

    PublicProfile.objects.get_or_create(agency=agency, defaults={
        "intro": f"{agency.name}ให้บริการประชาชนในพื้นที่ และเปิดช่องทางให้ประชาชนติดตามและตรวจสอบการทำงาน {DEMO_NOTE}",
        "address": f"{agency.name} {agency.place} {DEMO_NOTE}", "phone": "0 3400 0000",
        "email": "saraban@example.go.th", "office_hours": "วันจันทร์–วันศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)",
    })
    add_demo_complaints(agency, admin, count=len(CASES) if rich else 2)
    add_demo_questions(agency, admin)
    add_demo_eservice(agency, admin)
    add_demo_borrowing(agency, admin)
    add_demo_surveys(agency, admin)


def _approve_and_progress(admin: Any, agency: Agency, plan: Any, oit: bool = True) -> None:
    start, _ = plan.period
    services.approve(admin, plan, {
        "meeting_title": f"การประชุมคณะผู้บริหารและพนักงาน ครั้งที่ 1/{plan.fiscal_year} {DEMO_NOTE}",
        "meeting_date": start - timedelta(days=20),
        "meeting_place": f"ห้องประชุม{agency.name}",
        "meeting_attendees": "นายกองค์การบริหารส่วนตำบล\nปลัดองค์การบริหารส่วนตำบล\nหัวหน้าสำนักปลัด\nผู้อำนวยการกองคลัง",
        "approver": f"นายกองค์การบริหารส่วนตำบล {DEMO_NOTE}",
    })
    measures = list(plan.measures.all()[:3])
    texts = [
        ("done", "ประชุมชี้แจงแนวทาง จัดทำคำสั่งมอบหมายผู้รับผิดชอบ และเผยแพร่บนเว็บไซต์แล้ว",
         "ดำเนินการครบทุกขั้นตอนตามแผน", "บุคลากรรับทราบแนวทางและผู้รับผิดชอบชัดเจน"),
        ("in_progress", "จัดทำร่างรายงานรอบ 6 เดือน อยู่ระหว่างเสนอผู้บริหาร", "ดำเนินการแล้วประมาณครึ่งหนึ่ง", ""),
        ("late", "ยังไม่ได้จัดอบรมตามกำหนด เนื่องจากวิทยากรติดภารกิจ", "เลื่อนการอบรมไปไตรมาสถัดไป", ""),
    ]
    for measure, (status, done, result, outcome) in zip(measures, texts, strict=False):
        entry = ProgressEntry.objects.create(
            agency=agency, measure=measure, lineage=measure.lineage, as_of=start + timedelta(days=150),
            status=status, done=f"{done} {DEMO_NOTE}", result=result, outcome=outcome, created_by=admin)
        log.created(admin, agency, "ผลการดำเนินการ", entry, f"บันทึกผลการดำเนินการของมาตรการ '{measure.title}'")
    if not oit:
        return
    from prongsai.ita.library import get_framework

    year = oit_year()
    units = list(agency.units.all())
    # Last year's checklist, done throughout: this year's items not checked yet can be carried
    # forward from it ("เริ่มรายการปีนี้จากปีที่แล้ว").
    for index, item in enumerate(get_framework(year - 1).items_of("OIT")):
        OitCheck.objects.create(
            agency=agency, fiscal_year=year - 1, code=item.code, owner=units[index % len(units)] if units else None,
            url=f"https://www.example.go.th/oit/{year - 1}/{item.code.lower()}", status=OitCheck.DONE,
            components_done=list(range(len(item.components))), note=DEMO_NOTE,
            checked_on=date(year - 1 - 543, 6, 1), updated_by=admin)
    for index, item in enumerate(get_framework(year).items_of("OIT")[:8]):
        status = [OitCheck.DONE, OitCheck.DONE, OitCheck.PARTIAL, OitCheck.MISSING][index % 4]
        OitCheck.objects.create(
            agency=agency, fiscal_year=year, code=item.code, owner=units[0] if units else None,
            url=f"https://www.example.go.th/oit/{item.code.lower()}" if status != OitCheck.MISSING else "",
            status=status, components_done=list(range(len(item.components))) if status == OitCheck.DONE else [],
            note=DEMO_NOTE, checked_on=date.today() - timedelta(days=index), updated_by=admin)
