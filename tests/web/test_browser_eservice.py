"""E-Service in real headless Chromium: a citizen on a phone (390×844) reads the services, makes a
mistake, sends a request with a photo, keeps the code and follows it; an officer at a desk
(1366×768) works the queue — overdue marks, the request, its status — and the citizen sees the
result. The citizen's browser ends with no cookie at all, and no page scrolls sideways.

With PRONGSAI_SCREENSHOTS=<folder> set, the pages are also saved there (eservice-*.png).
"""

from __future__ import annotations

import io
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from tests.web.browsers import CHROMIUM
from tests.web.test_browser import log_in

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "th-TH"}
DESK = {"viewport": {"width": 1366, "height": 768}, "locale": "th-TH"}


def _no_sideways_scroll(page, what: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{what}: {overflow}px sideways"


def _shot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"eservice-{name}.png"), full_page=True)


def _photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 120, 10)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def service_agency(django_user_model):
    from django.core.cache import cache

    from prongsai.web.eservice import cases
    from tests.web.base import PASSWORD, make_agency
    from tests.web.test_eservice_world import make_types

    cache.clear()  # the throttles' counts of earlier tests (the live server shares this process's cache)
    officer = django_user_model.objects.create_user("officer", password=PASSWORD, first_name="นางสาวบริการ")
    agency = make_agency("ladya-2564.yaml", officer)
    water, finance, _closed = make_types(agency)
    # a request already past its due day, for the queue's marks
    late = cases.submit(agency, finance, "นายรอนาน มากแล้ว", "0812345678",
                        [{"label": "ปีภาษี", "kind": "number", "value": "2568"}])
    from django.utils import timezone

    late.received_on = timezone.localdate() - timedelta(days=28)
    late.due_on = timezone.localdate() - timedelta(days=20)
    late.save()
    return agency, water


def test_a_citizen_requests_on_a_phone_and_an_officer_answers_at_a_desk(browser, live_server, service_agency):
    agency, water = service_agency
    base = f"{live_server.url}/p/{agency.pk}/eservice"
    phone = browser.new_context(**PHONE)
    phone.set_default_timeout(20_000)
    errors: list[str] = []
    citizen = phone.new_page()
    # A form sent back with its errors answers 400, which Chromium logs; anything else is a fault.
    citizen.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 400" not in m.text
               else None)
    citizen.on("pageerror", lambda exc: errors.append(str(exc)))
    citizen.goto(f"{base}/")
    _no_sideways_scroll(citizen, "services")
    assert "ไม่มีค่าธรรมเนียม" in citizen.locator("main").inner_text()
    _shot(citizen, "public-390")
    citizen.get_by_role("link", name=f"ยื่นคำขอ {water.name}").click()
    _no_sideways_scroll(citizen, "request form")

    # a mistake first: the form says what is missing, next to each field, in Thai
    citizen.get_by_role("button", name="ส่งคำขอ").click()
    assert citizen.locator(".has-error").count() >= 4
    assert "กรุณากรอก “บ้านเลขที่และหมู่ที่”" in citizen.locator("main").inner_text()
    citizen.get_by_label("ชื่อ-นามสกุลผู้ยื่นคำขอ").fill("นางสมใจ รักษ์น้ำ")
    citizen.get_by_label("เบอร์โทรศัพท์หรืออีเมลสำหรับติดต่อกลับ").fill("081 234 5678")
    citizen.get_by_label("บ้านเลขที่และหมู่ที่").fill("45 หมู่ 3")
    citizen.get_by_label("จำนวนสมาชิกในครัวเรือน").fill("สี่")  # not a number
    citizen.get_by_label("บริโภค", exact=True).check()
    citizen.get_by_label("วันที่ต้องการรับน้ำ").fill("15 ธ.ค. 2569")
    citizen.get_by_role("button", name="ส่งคำขอ").click()
    assert "ต้องเป็นตัวเลข" in citizen.locator(".has-error").inner_text()
    assert citizen.get_by_label("บ้านเลขที่และหมู่ที่").input_value() == "45 หมู่ 3"  # nothing typed is lost
    citizen.get_by_label("จำนวนสมาชิกในครัวเรือน").fill("4")
    citizen.get_by_label("แนบเอกสารหลักฐาน").set_input_files(
        [{"name": "สำเนาบัตร.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    _shot(citizen, "apply-390")
    citizen.get_by_role("button", name="ส่งคำขอ").click()
    code_text = citizen.locator("[data-code]").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code_text), code_text
    _no_sideways_scroll(citizen, "code")
    _shot(citizen, "sent-390")

    citizen.get_by_role("link", name="ติดตามคำขอ").first.click()
    citizen.get_by_label("รหัสติดตามคำขอ").fill(code_text.lower().replace("-", " "))
    citizen.get_by_role("button", name="ดูสถานะ").click()
    assert "ได้รับคำขอแล้ว" in citizen.locator("main").inner_text()
    _no_sideways_scroll(citizen, "status")

    # the officer at a desk: the queue with its marks, then the request
    desk = browser.new_context(**DESK)
    desk.set_default_timeout(20_000)
    officer = desk.new_page()
    officer.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(officer, live_server.url, "officer")
    officer.goto(f"{live_server.url}/a/{agency.pk}/eservice/")
    _no_sideways_scroll(officer, "queue")
    queue = officer.locator("main").inner_text()
    assert "เกินกำหนด 20 วัน" in queue and "นางสมใจ รักษ์น้ำ" in queue
    assert officer.locator("tr.row-bad").count() == 1
    _shot(officer, "queue-1366")
    officer.locator("tr", has_text="นางสมใจ รักษ์น้ำ").get_by_role("link").click()
    assert "45 หมู่ 3" in officer.locator("main").inner_text()
    assert "สำเนาบัตร.jpg" in officer.locator("main").inner_text()
    officer.get_by_role("combobox", name="สถานะ", exact=True).select_option("done")
    officer.get_by_label("ผลการดำเนินการหรือเหตุผล").fill("จัดส่งน้ำ 2,000 ลิตร เรียบร้อยแล้ว")
    officer.get_by_role("button", name="บันทึกสถานะ").click()
    assert "บันทึกคำขอเลขที่ 2/" in officer.locator("main").inner_text()
    _shot(officer, "request-1366")
    officer.goto(f"{live_server.url}/a/{agency.pk}/eservice/?show=finished")
    assert "นางสมใจ รักษ์น้ำ" in officer.locator("main").inner_text()
    desk.close()

    # the citizen comes back and reads the result
    citizen.goto(f"{base}/status/")
    citizen.get_by_label("รหัสติดตามคำขอ").fill(code_text)
    citizen.get_by_role("button", name="ดูสถานะ").click()
    page = citizen.locator("main").inner_text()
    assert "ดำเนินการแล้วเสร็จ" in page and "จัดส่งน้ำ 2,000 ลิตร" in page
    citizen.goto(f"{base}/statistics/")
    _no_sideways_scroll(citizen, "statistics")
    _shot(citizen, "statistics-390")
    assert phone.cookies() == []
    assert not errors, errors
    phone.close()
