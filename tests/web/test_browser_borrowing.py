"""Asset borrowing in real headless Chromium: a villager on a phone (390×844) asks to borrow tents
and chairs for a village event, keeps the code and checks the status; at a desk (1366×768) the
officer reads the register, sees what is overdue, and approves the request. The villager's
browser ends with no cookie at all.

With PRONGSAI_SCREENSHOTS=<folder> set, the pages are also saved there as PNG
(docs/examples/borrowing-*.png are these)."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from tests.web.browsers import CHROMIUM  # noqa: E402
from tests.web.test_browser import log_in  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]
THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _no_sideways_scroll(page, what: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{what}: {overflow}px sideways"


def _shot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"borrowing-{name}.png"), full_page=True)


def _be(day) -> str:
    return f"{day.day}/{day.month}/{day.year + 543}"


@pytest.fixture
def lending_agency(django_user_model):
    from prongsai.web.borrowing.demo import add_demo_borrowing
    from tests.web.base import PASSWORD, make_agency

    officer = django_user_model.objects.create_user("officer", password=PASSWORD, first_name="นางสาวพัสดุ ดูแลดี")
    agency = make_agency("ladya-2564.yaml", officer)
    add_demo_borrowing(agency, officer)
    return agency


def test_a_villager_asks_to_borrow_on_a_phone(browser, live_server, lending_agency):
    from django.utils import timezone

    base = f"{live_server.url}/p/{lending_agency.pk}"
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="th-TH")
    errors: list[str] = []
    villager = phone.new_page()
    villager.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 400" not in m.text
                else None)
    villager.goto(f"{base}/borrow/")
    _no_sideways_scroll(villager, "borrowing page")
    assert "เต็นท์ผ้าใบ" in villager.locator("main").inner_text()
    assert "รถบรรทุกน้ำ" not in villager.locator("main").inner_text()  # official use only
    _shot(villager, "public-390")

    # a slip first: nothing chosen, no dates — the form says what is missing, next to the field
    villager.get_by_role("button", name="ส่งคำขอยืม").click()
    assert villager.locator(".has-error").count() >= 5
    assert "อย่างน้อยหนึ่งรายการ" in villager.locator(".form-errors").inner_text()
    _no_sideways_scroll(villager, "form with errors")

    today = timezone.localdate()
    villager.get_by_label("จำนวนเต็นท์ผ้าใบ ขนาด 4×8 เมตรที่ขอยืม (หลัง)").fill("2")
    villager.get_by_label("จำนวนเก้าอี้พลาสติกที่ขอยืม (ตัว)").fill("60")
    villager.get_by_label("วันที่ยืม (รับพัสดุ)").fill(_be(today + timedelta(14)))
    villager.get_by_label("กำหนดวันส่งคืน").fill(_be(today + timedelta(15)))
    villager.get_by_label("งานของชุมชนหรือกิจกรรมสาธารณประโยชน์").check()
    villager.get_by_label("ใช้ในงาน").fill("งานบุญข้าวใหม่ หมู่ 4")
    villager.get_by_label("สถานที่นำไปใช้").fill("ศาลากลางบ้าน หมู่ 4")
    villager.get_by_label("ชื่อ-นามสกุลผู้ยืม").fill("นางสาวสมใจ รักถิ่น")
    villager.get_by_label("โทรศัพท์ที่ติดต่อได้").fill("089 123 4567")
    villager.get_by_label("ที่อยู่").fill("45 หมู่ 4 ตำบลลาดหญ้า")
    villager.get_by_label(re.compile("ข้าพเจ้าได้อ่านหลักเกณฑ์การยืมแล้ว")).check()
    villager.get_by_role("button", name="ส่งคำขอยืม").click()
    code_text = villager.locator("[data-code]").inner_text()
    code = re.sub(r"\D", "", code_text.translate(THAI))
    assert len(code) == 16
    _no_sideways_scroll(villager, "code page")
    _shot(villager, "public-sent-390")

    villager.get_by_role("link", name="ติดตามคำขอยืมพัสดุ").first.click()
    villager.get_by_label("รหัสติดตามคำขอ 16 หลัก").fill(code_text)
    villager.get_by_role("button", name="ดูสถานะ").click()
    status = villager.locator("main").inner_text()
    assert "รออนุมัติ" in status and "เต็นท์ผ้าใบ ขนาด 4×8 เมตร 2 หลัง" in status
    _no_sideways_scroll(villager, "status page")
    _shot(villager, "public-status-390")
    assert phone.cookies() == []
    assert not errors, errors
    phone.close()


def test_the_register_at_a_desk(browser, live_server, lending_agency):
    from prongsai.services import borrowing as rules
    from prongsai.web.borrowing.models import Loan

    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    errors: list[str] = []
    page = desk.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/a/{lending_agency.pk}/loans/?year=all")
    main = page.locator("main").inner_text()
    assert "ทะเบียนคุมการยืม-คืนพัสดุ" in main and "ต้องติดตามวันนี้" in main
    assert "เกินกำหนดส่งคืน" in page.locator(".borrow-reminders").inner_text()
    assert page.locator("tr.row-bad").count() == 2  # the overdue loan's two assets
    _no_sideways_scroll(page, "register")
    wide = page.evaluate("(() => { const t = document.querySelector('.borrow-register');"
                         " return t.getBoundingClientRect().right - document.querySelector('main').getBoundingClientRect().right; })()")
    assert wide <= 1, f"the register is {wide}px wider than the page"
    _shot(page, "register-1366")

    # the status filter narrows the register to what waits for approval; the officer approves it
    page.get_by_label("สถานะ").select_option(rules.REQUESTED)
    page.wait_for_url(re.compile(r"status=requested"))
    waiting = Loan.objects.get(agency=lending_agency, status=rules.REQUESTED)
    page.get_by_role("link", name=waiting.number).first.click()
    page.get_by_label("เงื่อนไขหรือหมายเหตุ (ถ้ามี)").fill("รับพัสดุที่ห้องพัสดุ เวลา 08.30 น.")
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    assert f"อนุมัติการยืมเลขที่ {waiting.number} แล้ว" in page.locator("main").inner_text()
    _no_sideways_scroll(page, "loan")
    _shot(page, "loan-1366")
    waiting.refresh_from_db()
    assert waiting.status == rules.APPROVED

    page.goto(f"{live_server.url}/a/{lending_agency.pk}/loans/summary/")
    assert "สรุปผลการยืม-คืนพัสดุ" in page.locator("main").inner_text()
    _no_sideways_scroll(page, "summary")
    _shot(page, "summary-1366")
    for suffix, name in (("assets/", "assets-1366"), ("loans/rules/", "rules-1366")):
        page.goto(f"{live_server.url}/a/{lending_agency.pk}/{suffix}")
        _no_sideways_scroll(page, name)
        _shot(page, name)
    assert not errors, errors
    desk.close()
