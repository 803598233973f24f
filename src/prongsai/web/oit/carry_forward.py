""""เริ่มรายการปีนี้จากปีที่แล้ว" (issue 14): this year's OIT checklist from last year's checks,
through the crosswalk between the years' OIT lists.

Every item the crosswalk carries gets this year's check with last year's page, owner unit and note
(the same suggestion the checklist shows one item at a time, oit.views._carried_forward), its
status back to "ยังไม่ตรวจ" and no component ticked: a page of last year is not evidence for this
year until someone checks it. Items already checked this year are left alone, so a second press
adds nothing. One transaction, one audit entry per check made.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from prongsai.ita.changes import compare
from prongsai.ita.library import available_years, library
from prongsai.planning.carry_forward import ChecklistCarry, carry_checklist
from prongsai.web.agencies.access import EDIT, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.oit.models import OitCheck
from prongsai.web.oit.views import _framework

SHOWN = 12  # codes listed in one message line before "และอีก n ข้อ"


def _codes(codes: list[str]) -> str:
    head = ", ".join(codes[:SHOWN])
    return head + (f" และอีก {len(codes) - SHOWN} ข้อ" if len(codes) > SHOWN else "")


def previous_year(year: int) -> int | None:
    """The framework year before `year` (the one oit.views._carried_forward carries from)."""
    earlier = [y for y in available_years() if y < year]
    return max(earlier) if earlier else None


def plan_carry(access: AgencyAccess, year: int, framework, before: int, checks: list[OitCheck],  # type: ignore[no-untyped-def]
               existing: set[str]) -> ChecklistCarry:
    """What carrying `before`'s checks into `year` would do (no writes)."""
    lib = library()
    variant = framework.variant
    here = [i.code for i in framework.items_of("OIT")]
    counterparts = {c.code: lib.counterpart(before, c.code, year, variant) for c in checks}
    why: dict[str, str] = {}
    predecessors: set[str] = set()
    if lib.has(before, variant):
        old_codes = [i.code for i in lib.get(before, variant).items_of("OIT")]
        predecessors = {t for c in old_codes if (t := lib.counterpart(before, c, year, variant))}
        for change in compare(lib, (before, variant), (year, variant)):
            if change.old_code and change.new_code is None:
                why[change.old_code] = change.kind
    previous = {c.code: bool(c.url or c.owner_id or c.note) for c in checks}
    return carry_checklist(previous, counterparts, here, existing, year, why, predecessors)


@agency_view(EDIT, methods=("POST",))
def oit_carry_forward(request: HttpRequest, access: AgencyAccess, year: int) -> HttpResponse:
    framework = _framework(access, year)  # 404 for a year without an OIT list
    back = redirect("oit_checklist", access.agency.pk, year)
    before = previous_year(year)
    checks = list(OitCheck.objects.filter(agency=access.agency, fiscal_year=before).select_related("owner")) \
        if before is not None else []
    if not checks:
        messages.error(request, f"ปี {before or year - 1} ยังไม่มีรายการตรวจ OIT จึงไม่มีข้อมูลให้ยกมาเป็นรายการตรวจปี {year}")
        return back
    by_code = {c.code: c for c in checks}
    try:
        with transaction.atomic():
            existing = set(OitCheck.objects.select_for_update().filter(agency=access.agency, fiscal_year=year)
                           .values_list("code", flat=True))
            carry = plan_carry(access, year, framework, before, checks, existing)
            for code, old_code in carry.carry.items():
                old = by_code[old_code]
                check = OitCheck.objects.create(agency=access.agency, fiscal_year=year, code=code, owner=old.owner,
                                                url=old.url, note=old.note, status=OitCheck.TODO,
                                                components_done=[], checked_on=None, updated_by=request.user)
                log.created(request.user, access.agency, "รายการตรวจ OIT", check,
                            f"ยกรายการตรวจ OIT ข้อ {code} ปี {year} มาจากข้อ {old_code} ปี {before} (สถานะ: ยังไม่ตรวจ)",
                            log.snapshot(check, OitCheck.AUDIT_FIELDS))
    except IntegrityError:  # another request carried the same items at the same moment
        messages.error(request, "ยังไม่ได้ยกรายการมา เนื่องจากมีการบันทึกรายการตรวจปีนี้จากหน้าอื่นในเวลาเดียวกัน "
                                "กรุณากดปุ่ม \"เริ่มรายการปีนี้จากปีที่แล้ว\" อีกครั้ง")
        return back
    _summary(request, carry, year, before)
    return back


def _summary(request: HttpRequest, carry: ChecklistCarry, year: int, before: int) -> None:
    carried = sorted(carry.carry, key=lambda c: int(c[1:]))
    if carried:
        renumbered = [f"{old}→{new}" for new, old in carry.carry.items() if old != new]
        messages.success(request, f"ยกรายการตรวจ OIT จากปี {before} มาเป็นรายการตรวจปี {year} แล้ว {len(carried)} ข้อ "
                                  f"โดยใช้ลิงก์ ผู้รับผิดชอบ และหมายเหตุตามปี {before} ทุกข้อมีสถานะ \"ยังไม่ตรวจ\" "
                                  f"เนื่องจากหน้าเว็บไซต์ของปี {before} จะใช้เป็นหลักฐานของปี {year} ได้เมื่อตรวจแล้วเท่านั้น"
                                  + (f" ข้อที่เปลี่ยนเลขข้อ: {_codes(renumbered)}" if renumbered else ""))
    else:
        messages.info(request, f"ไม่มีข้อที่ยกมาเพิ่ม เนื่องจากทุกข้อที่ยกมาได้มีรายการตรวจปี {year} อยู่แล้ว")
    if carry.already:
        messages.info(request, f"ข้อที่มีรายการตรวจปี {year} อยู่แล้ว จึงไม่ได้เปลี่ยนแปลง: {_codes(sorted(carry.already, key=_n))}")
    if carry.unmatched:
        text = "; ".join(f"{u.code} ({u.why})" for u in carry.unmatched[:SHOWN])
        more = f" และอีก {len(carry.unmatched) - SHOWN} ข้อ" if len(carry.unmatched) > SHOWN else ""
        messages.warning(request, f"ข้อของปี {before} ซึ่งไม่มีข้อที่ตรงกันในปี {year} จึงไม่ได้ยกมา: {text}{more}")
    if carry.merged:
        text = "; ".join(f"{m.code} รวมอยู่ในข้อ {m.into} ซึ่งใช้ข้อมูลจากข้อ {m.taken_from} ของปี {before}"
                         for m in carry.merged)
        messages.warning(request, f"ข้อของปี {before} ที่ถูกรวมกับข้ออื่นในปี {year}: {text} "
                                  "กรุณาตรวจสอบว่าลิงก์ที่ยกมาครอบคลุมเนื้อหาของข้อที่ถูกรวมด้วย")
    if carry.nothing:
        messages.info(request, f"ข้อของปี {before} ที่ไม่ได้บันทึกลิงก์ ผู้รับผิดชอบ หรือหมายเหตุไว้ จึงไม่มีข้อมูลให้ยกมา: "
                               f"{_codes(carry.nothing)}")
    if carry.new_items:
        messages.info(request, f"ข้อใหม่ของปี {year} ซึ่งไม่มีข้อที่ตรงกันในปี {before} ต้องบันทึกข้อมูลใหม่: {_codes(carry.new_items)}")
    if carry.empty:
        messages.info(request, f"ข้อของปี {year} ที่ต้องบันทึกข้อมูลใหม่ เนื่องจากปี {before} ไม่ได้บันทึกรายการตรวจของข้อที่ตรงกันไว้: "
                               f"{_codes(carry.empty)}")


def _n(code: str) -> int:
    return int(code[1:])
