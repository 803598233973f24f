""""Start this year from last year" in real headless Chromium (Debian's chromium driven by
Playwright), against Django's live server: an agency with last year's approved plan and its
progress presses "เริ่มจากมาตรการปีที่แล้ว" on the plans page and sees the new draft with the
carried measures, their new timeframes, last year's results and the review note.

With PRONGSAI_SCREENSHOTS=<folder> set, the pages are saved there too (carry-plans-1366.png,
carry-plan-1366.png, carry-plan-390.png).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from tests.web.base import EXAMPLES, PASSWORD  # noqa: E402
from tests.web.browsers import CHROMIUM  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def page(browser, request, tmp_path_factory):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                         "'CSP violation', e.violatedDirective, e.sourceFile, e.lineNumber, e.sample, location.href))")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = tmp_path_factory.mktemp("browser-failure")
        page.screenshot(path=str(folder / "page.png"), full_page=True)
        (folder / "page.html").write_text(page.content(), encoding="utf-8")
        print(f"browser failure: {page.url} — screenshot and HTML in {folder}")
    context.close()
    assert not errors, f"JavaScript errors or CSP violations: {errors}"


@pytest.fixture
def world(transactional_db, django_user_model):
    """อบต.ลาดหญ้า with last year's (2565) plan approved and a progress entry with a file, and
    this year's result (2565) entered."""
    from prongsai.results_io import read_results
    from prongsai.web.assessments.models import Result
    from prongsai.web.assessments.services import save_years
    from prongsai.web.plans import services
    from prongsai.web.plans.models import Plan
    from tests.web.base import make_agency

    user = django_user_model.objects.create_user("somchai", password=PASSWORD, first_name="สมชาย")
    agency = make_agency("ladya-2564.yaml", user)
    plan = Plan.objects.get(agency=agency)
    services.approve(user, plan, {"meeting_date": date(2021, 9, 15), "meeting_title": "การประชุมคณะผู้บริหาร",
                                  "meeting_place": "", "meeting_attendees": "", "approver": "นายก อบต."})
    years = [y for y in read_results(EXAMPLES / "khongyang-2565.yaml").years if y.fiscal_year == 2565]
    save_years(user, agency, years, Result.FILE, "2565.yaml")
    return agency, plan


def shoot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_start_this_year_from_last_year(page, live_server, world):
    from playwright.sync_api import expect

    from prongsai.web.plans.models import Plan

    agency, last_year = world
    base = live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("somchai")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()

    page.goto(f"{base}/a/{agency.pk}/plans/")
    offer = page.locator("#carry-forward")
    expect(offer).to_contain_text("สร้างร่างแผนมาตรการปี 2566 จากแผนมาตรการปี 2565")
    expect(offer).to_contain_text("อ้างอิงผลการประเมินปี 2565")
    shoot(page, "carry-plans-1366.png")
    offer.get_by_role("button", name="เริ่มจากมาตรการปีที่แล้ว").click()
    page.wait_for_load_state()

    new = Plan.objects.get(agency=agency, fiscal_year=2566)
    assert page.url.endswith(f"/a/{agency.pk}/plans/{new.pk}/")
    expect(page.locator("h1")).to_contain_text("ปีงบประมาณ 2566")
    expect(page.locator(".messages")).to_contain_text("สร้างร่างแผนมาตรการปี 2566 จากแผนมาตรการปี 2565 แล้ว")
    expect(page.locator(".lead")).to_contain_text("ร่าง")
    # every measure carried, one year later
    titles = list(last_year.measures.values_list("title", flat=True))
    expect(page.locator("article.measure")).to_have_count(len(titles))
    for title in titles:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    first = page.locator("article.measure").first
    expect(first).to_contain_text("2566")
    # last year's result on the measure that had progress, with its file
    previous = first.locator("section[aria-label='ผลปีที่แล้ว']")
    expect(previous).to_contain_text("ผลปีที่แล้ว (ปี 2565)")
    expect(previous).to_contain_text("ประชุมชี้แจงแล้ว")
    expect(previous.get_by_role("link", name="หลักฐาน.pdf")).to_be_visible()
    # the review against this year's analysis
    expect(page.locator("#carry-review")).to_contain_text("แผนนี้เริ่มจากมาตรการปี 2565")
    expect(page.locator("#carry-review")).to_contain_text("ผลการประเมินปี 2565")
    shoot(page, "carry-plan-1366.png")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "carry-plan-390.png")
    # this year's tracking starts afresh
    page.goto(f"{base}/a/{agency.pk}/tracking/?year=2566")
    expect(page.locator("main")).not_to_contain_text("ประชุมชี้แจงแล้ว")
