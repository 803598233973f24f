"""The Q&A channel in real headless Chromium (Debian's chromium driven by Playwright), against
Django's live server: a citizen asks on a phone (390×844), a member of the agency answers at a
desk (1366×768), and the citizen sees the question published with its answer.

With PRONGSAI_SCREENSHOTS=<folder> set, the pages are saved there too (qa-public-390.png,
qa-questions-1366.png, qa-answer-1366.png).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from tests.web.base import PASSWORD  # noqa: E402
from tests.web.browsers import CHROMIUM  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]

QUESTION = "ขอทราบวันและเวลารับชำระภาษีป้ายประจำปี และชำระผ่านการโอนเงินได้หรือไม่"
ANSWER = "รับชำระภาษีป้ายที่กองคลังในวันและเวลาราชการ ภายในเดือนมีนาคม และชำระโดยโอนเงินเข้าบัญชีของหน่วยงานได้"


def new_page(browser, errors: list[str], **options):
    context = browser.new_context(locale="th-TH", **options)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                         "'CSP violation', e.violatedDirective, e.sourceFile, e.lineNumber, e.sample, location.href))")
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and not expected(msg.text) else None)
    return context, page


def expected(message: str) -> bool:
    """The browser's own note on a form sent back with its mistakes (400) is no error of the page."""
    return message.startswith("Failed to load resource: the server responded with a status of 400")


@pytest.fixture
def pages(browser, request, tmp_path_factory):
    """A phone for the citizen and a desk for the staff member; evidence is left behind on failure."""
    errors: list[str] = []
    phone = new_page(browser, errors, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    desk = new_page(browser, errors, viewport={"width": 1366, "height": 768})
    yield phone[1], desk[1]
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = tmp_path_factory.mktemp("browser-failure")
        for name, (_context, page) in (("phone", phone), ("desk", desk)):
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
            (folder / f"{name}.html").write_text(page.content(), encoding="utf-8")
        print(f"browser failure: screenshots and HTML in {folder}")
    phone[0].close()
    desk[0].close()
    assert not errors, f"JavaScript errors or CSP violations: {errors}"


@pytest.fixture
def agency(django_user_model):
    from django.core.cache import cache

    from prongsai.web.agencies.models import Agency, Membership

    cache.clear()  # the question throttle's counts of earlier tests (the live server is 127.0.0.1 too)

    agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลลาดหญ้า", agency_type="อบต.", district="เมืองกาญจนบุรี",
                                   province="กาญจนบุรี")
    editor = django_user_model.objects.create_user("somsri", password=PASSWORD, first_name="สมศรี")
    Membership.objects.create(user=editor, agency=agency, role=Membership.EDITOR)
    return agency


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()


def no_sideways_scrolling(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{page.url}: {overflow}px sideways"


def shot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_a_citizen_asks_staff_answer_and_the_answer_is_published(pages, live_server, agency):
    from playwright.sync_api import expect

    from prongsai.web.qa.models import Question

    phone, desk = pages
    base = live_server.url
    public = f"{base}/p/{agency.pk}/qa/"

    # the citizen asks, on a phone, without an account
    phone.goto(public)
    expect(phone.get_by_role("heading", name="ถาม–ตอบ", exact=True)).to_be_visible()
    expect(phone.get_by_text("หลังจากเจ้าหน้าที่ของหน่วยงานตอบแล้วเท่านั้น")).to_be_visible()
    no_sideways_scrolling(phone)
    phone.get_by_role("link", name="ส่งคำถาม").click()
    phone.get_by_role("textbox", name="คำถาม", exact=True).fill(QUESTION)
    phone.get_by_label("ช่องทางติดต่อกลับ (ไม่บังคับ)").fill("malee@example.com")
    expect(phone.locator("input[name=website]")).not_to_be_in_viewport()  # the honeypot is out of sight
    phone.get_by_role("button", name="ส่งคำถาม").click()
    phone.wait_for_url(re.compile(r"\?asked=1#asked$"))
    expect(phone.get_by_role("status")).to_contain_text("หน่วยงานจะเผยแพร่คำถามพร้อมคำตอบในหน้านี้")
    expect(phone.get_by_text(QUESTION)).to_have_count(0)  # not published before it is answered
    shot(phone, "qa-public-asked-390.png")
    assert phone.context.cookies() == []  # no cookie, not even for the form
    question = Question.objects.get(agency=agency)
    assert (question.status, question.text, question.contact) == (Question.WAITING, QUESTION, "malee@example.com")

    # a member of the agency answers it
    log_in(desk, base, "somsri")
    desk.goto(f"{base}/a/{agency.pk}/qa/")
    row = desk.locator(f"#q-{question.pk}")
    expect(row).to_contain_text("0 วัน")
    shot(desk, "qa-questions-1366.png")
    row.get_by_role("link", name=re.compile("^ตอบ")).click()
    desk.wait_for_url(re.compile(rf"/qa/{question.pk}/$"))
    expect(desk.get_by_text("malee@example.com")).to_be_visible()  # for a private reply
    desk.get_by_role("textbox", name="คำตอบ", exact=True).fill(ANSWER)
    shot(desk, "qa-answer-1366.png")
    desk.get_by_role("button", name="ตอบและเผยแพร่").click()
    desk.wait_for_url(re.compile(rf"/a/{agency.pk}/qa/$"))
    expect(desk.get_by_text("บันทึกคำตอบและเผยแพร่คำถาม")).to_be_visible()
    question.refresh_from_db()
    assert question.status == Question.PUBLISHED and question.answer == ANSWER

    # the citizen sees the question with its answer
    phone.goto(public)
    item = phone.locator(f"#q-{question.pk}")
    expect(item).to_contain_text(QUESTION)
    expect(item).to_contain_text(ANSWER)
    expect(item).to_contain_text("ไม่ประสงค์ออกนาม")
    expect(phone.get_by_text("malee@example.com")).to_have_count(0)
    expect(phone.locator(".qa-figures")).to_contain_text("1")
    no_sideways_scrolling(phone)
    shot(phone, "qa-public-390.png")
    assert phone.context.cookies() == []


def test_a_mistake_in_the_form_is_shown_next_to_the_field_on_a_phone(pages, live_server, agency):
    from prongsai.web.qa.models import Question

    phone, _desk = pages
    phone.goto(f"{live_server.url}/p/{agency.pk}/qa/")
    phone.get_by_role("button", name="ส่งคำถาม").click()
    error = phone.locator("#id_text_error")
    assert "กรุณากรอกคำถาม" in error.inner_text()
    assert phone.locator("#ask").bounding_box()["y"] < 844  # the form is where the page opens
    no_sideways_scrolling(phone)
    assert not Question.objects.exists()


@pytest.mark.skipif(not os.environ.get("PRONGSAI_SCREENSHOTS"), reason="set PRONGSAI_SCREENSHOTS=<folder>")
def test_screenshots(pages, live_server, agency):
    """The public page at a phone width and the staff's queue at 1366×768, with the demo questions."""
    from prongsai.web.agencies.models import Membership
    from prongsai.web.qa.demo import add_demo_questions
    from prongsai.web.qa.models import Question

    phone, desk = pages
    editor = Membership.objects.get(agency=agency).user
    add_demo_questions(agency, editor)
    waiting = Question.objects.get(agency=agency, status=Question.WAITING)
    phone.goto(f"{live_server.url}/p/{agency.pk}/qa/")
    no_sideways_scrolling(phone)
    shot(phone, "qa-demo-public-390.png")
    log_in(desk, live_server.url, editor.username)
    desk.goto(f"{live_server.url}/a/{agency.pk}/qa/")
    desk.screenshot(path=str(Path(os.environ["PRONGSAI_SCREENSHOTS"]) / "qa-demo-questions-1366.png"))
    shot(desk, "qa-demo-questions-1366-full.png")
    desk.goto(f"{live_server.url}/a/{agency.pk}/qa/{waiting.pk}/")
    shot(desk, "qa-demo-answer-1366.png")
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto(f"{live_server.url}/a/{agency.pk}/qa/")
    no_sideways_scrolling(desk)
    shot(desk, "qa-demo-questions-390.png")
