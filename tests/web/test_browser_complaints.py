"""The complaint channel in real headless Chromium: a citizen on a phone reports, keeps the
receipt, checks the status and replies; the complaint officer, at a desk, opens the case and
answers. The citizen's browser ends with no cookie at all."""

from __future__ import annotations

import re

import pytest

from tests.web.test_browser import log_in

pytestmark = [pytest.mark.slow]


def _no_sideways_scroll(page, what: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{what}: {overflow}px sideways"


@pytest.fixture
def officer_agency(django_user_model):
    from prongsai.web.agencies.models import Membership
    from prongsai.web.complaints.models import ChannelSettings
    from tests.web.base import PASSWORD, make_agency

    officer = django_user_model.objects.create_user("officer", password=PASSWORD, first_name="นางสาวรับเรื่อง")
    agency = make_agency("ladya-2564.yaml", officer)
    Membership.objects.filter(user=officer).update(complaint_officer=True)
    ChannelSettings.objects.create(agency=agency, is_open=True, handling_unit=agency.units.first())
    return agency


def test_a_citizen_reports_checks_and_replies_on_a_phone(browser, live_server, officer_agency):
    base = f"{live_server.url}/p/{officer_agency.pk}"
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="th-TH")
    errors: list[str] = []
    citizen = phone.new_page()
    # A form sent back with its errors answers 400, which Chromium logs; anything else is a fault.
    citizen.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 400" not in m.text
               else None)
    citizen.goto(f"{base}/complaint/")
    _no_sideways_scroll(citizen, "report form")
    # a mistake first: the form says what is missing, next to the field
    citizen.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    assert citizen.locator(".has-error").count() >= 3
    citizen.get_by_label("ประเภทเรื่องที่ร้องเรียน").select_option("procurement")
    citizen.get_by_label("หน่วยงานหรือบุคคลที่ถูกร้องเรียน").fill("กองช่าง")
    citizen.get_by_label("รายละเอียดของเรื่อง").fill("งานซ่อมถนนหมู่ 4 ถูกแบ่งเป็นหลายสัญญาเพื่อเลี่ยงการประกวดราคา")
    citizen.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    receipt_text = citizen.locator("[data-receipt]").inner_text()
    receipt = re.sub(r"\D", "", receipt_text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    assert len(receipt) == 16
    _no_sideways_scroll(citizen, "receipt")

    citizen.get_by_role("link", name="ติดตามเรื่องร้องเรียน").first.click()
    citizen.get_by_label("เลขรับเรื่อง 16 หลัก").fill(receipt_text)
    citizen.get_by_role("button", name="ดูสถานะ").click()
    assert "รับเรื่องแล้ว" in citizen.locator("main").inner_text()
    _no_sideways_scroll(citizen, "status")

    # the officer at a desk opens the case and answers
    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    officer = desk.new_page()
    log_in(officer, live_server.url, "officer")
    officer.goto(f"{live_server.url}/a/{officer_agency.pk}/complaints/")
    officer.get_by_role("link", name="เปิดอ่าน").first.click()
    assert "แบ่งเป็นหลายสัญญา" in officer.locator("main").inner_text()
    officer.get_by_label("ข้อความถึงผู้ร้องเรียน").fill("ได้รับเรื่องแล้ว ขอภาพถ่ายป้ายโครงการเพิ่มเติม")
    officer.get_by_role("button", name="ส่งข้อความถึงผู้ร้องเรียน").click()
    assert "ส่งข้อความถึงผู้ร้องเรียนแล้ว" in officer.locator("main").inner_text()
    desk.close()

    # the citizen comes back, reads the answer and replies
    citizen.goto(f"{base}/complaint/status/")
    citizen.get_by_label("เลขรับเรื่อง 16 หลัก").fill(receipt)
    citizen.get_by_role("button", name="ดูสถานะ").click()
    assert "ขอภาพถ่ายป้ายโครงการ" in citizen.locator(".thread").inner_text()
    citizen.get_by_label("ข้อความถึงเจ้าหน้าที่").fill("จะถ่ายภาพส่งให้ภายในสัปดาห์นี้ครับ")
    citizen.get_by_role("button", name="ส่งข้อความ").click()
    assert "ส่งข้อความถึงเจ้าหน้าที่แล้ว" in citizen.locator("main").inner_text()
    assert "จะถ่ายภาพส่งให้" in citizen.locator(".thread").inner_text()
    assert phone.cookies() == []
    assert not errors, errors
    phone.close()
