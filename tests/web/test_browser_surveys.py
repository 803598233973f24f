"""The satisfaction survey in real headless Chromium at a phone's width (390 × 844): a citizen
comes from the QR code, sends too early and is told which items are left, answers (one item with
the keyboard only), and gets the thank-you page; the targets are at least 44 px, nothing scrolls
sideways, no cookie is set. Then the public summary counts the answer."""

from __future__ import annotations

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.slow]


def _no_sideways_scroll(page, what: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{what}: {overflow}px sideways"


@pytest.fixture
def survey(django_user_model):
    from tests.web.base import PASSWORD, make_agency
    from tests.web.test_survey_world import make_survey

    owner = django_user_model.objects.create_user("owner", password=PASSWORD)
    agency = make_agency("ladya-2564.yaml", owner)
    return make_survey(agency, owner)


def test_a_citizen_answers_on_a_phone(browser, live_server, survey):
    from prongsai.web.surveys.models import Rating, Response

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                locale="th-TH")
    phone.set_default_timeout(20_000)
    page = phone.new_page()
    errors: list[str] = []
    # A form sent back with its errors answers 400, which Chromium logs; anything else is a fault.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 400" not in m.text
            else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/p/{survey.agency_id}/survey/")  # the QR code's list: one survey, straight to it
    assert page.url.endswith(f"/survey/{survey.pk}/")
    assert "แบบสำรวจความพึงพอใจการให้บริการ กองคลัง" in page.locator("h1").inner_text()
    _no_sideways_scroll(page, "the form")

    # every choice is a big target
    for box in page.locator(".sv-opt > span").evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"):
        assert box[0] >= 44 and box[1] >= 44, box

    # sent too early: told what is left, next to the items and at the top
    page.get_by_role("button", name="ส่งแบบสำรวจ").click()
    summary = page.locator(".sv-errors")
    assert "ยังไม่ได้เลือกคำตอบ 18 ข้อ" in summary.inner_text()
    assert page.locator(".sv-q.has-error").count() == 19  # the service and 18 items
    _no_sideways_scroll(page, "the form with its errors")
    summary.get_by_role("link", name="ข้อ 2.3").click()
    assert page.evaluate("location.hash") == "#q-" + str(survey.active_items().filter(section="staff")
                                                         .order_by("order")[2].pk)

    page.get_by_role("group", name="งานบริการที่ท่านมาใช้บริการ").locator("label", has_text="งานทะเบียนพาณิชย์").tap()
    groups = page.locator("fieldset.sv-q:not(.sv-service):not(.sv-profile-q)")
    assert groups.count() == 18
    # the first item with the keyboard only: into the group, along the scale with the arrows
    first_radio = groups.nth(0).locator("input[value='5']")
    first_radio.focus()
    page.keyboard.press("ArrowRight")  # 5 → 4
    page.keyboard.press("ArrowRight")  # 4 → 3
    assert groups.nth(0).locator("input[value='3']").is_checked()
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline != "none"  # the focused choice shows it
    for n in range(1, 18):
        choice = "na" if n == 8 else str(5 - n % 3)
        groups.nth(n).locator(f"label:has(input[value='{choice}'])").tap()
    page.get_by_role("group", name="เพศ (ไม่บังคับ)").locator("label", has_text="หญิง").tap()
    page.get_by_label("ข้อเสนอแนะเพิ่มเติม (ไม่บังคับ)").fill("ขอให้มีที่นั่งรอเพิ่ม")
    page.get_by_role("button", name="ส่งแบบสำรวจ").click()
    assert "ขอบคุณที่ร่วมตอบแบบสำรวจ" in page.locator("h1").inner_text()
    _no_sideways_scroll(page, "the thank-you page")

    saved = Response.objects.get(survey=survey)
    assert (saved.service.name, saved.gender, saved.comment) == ("งานทะเบียนพาณิชย์", "female", "ขอให้มีที่นั่งรอเพิ่ม")
    values = list(Rating.objects.filter(response=saved).order_by("item__section", "item__order")
                  .values_list("item__text", "value"))
    assert len(values) == 18 and sum(v is None for _, v in values) == 1
    first = survey.active_items().filter(section="process").order_by("order").first()
    assert Rating.objects.get(response=saved, item=first).value == 3

    page.get_by_role("link", name="ผลการสำรวจความพึงพอใจ").click()
    assert "ผู้ตอบแบบสำรวจ" in page.locator("main").inner_text()
    assert page.locator(".sv-figures dd").first.inner_text().startswith("1")
    _no_sideways_scroll(page, "the public summary")
    assert phone.cookies() == []
    assert not errors, errors
    phone.close()
