"""The whole cycle in real headless Chromium (Debian's chromium driven by Playwright), against
Django's live server: log in → create an agency → enter seed 004's result → see the analysis →
create the plan from the draft → edit a measure → record progress with a file → download the plan
as PDF → update an OIT item.

With PRONGSAI_SCREENSHOTS=<folder> set, test_screenshots also saves the main pages at 1366×768 and
at a phone width (docs/screenshots/ holds the ones in the repository).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from tests.web.base import EXAMPLES, PASSWORD, PDF_BYTES  # noqa: E402
from tests.web.browsers import CHROMIUM  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]

SEED_004 = {1: "๙๓.๕๗", 2: "๘๔.๐๕", 3: "๘๙.๗๖", 4: "๘๔.๘๗", 5: "๘๗.๖๔", 6: "๘๐.๙๓", 7: "๘๔.๖๐", 8: "๘๑.๐๐",
            9: "๘๔.๐๖", 10: "๓๗.๕๐"}


@pytest.fixture
def page(browser, request, tmp_path_factory):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH", accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                         "'CSP violation', e.violatedDirective, e.sourceFile, e.lineNumber, e.sample, location.href))")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # leave the evidence of a failure behind
        folder = tmp_path_factory.mktemp("browser-failure")
        page.screenshot(path=str(folder / "page.png"), full_page=True)
        (folder / "page.html").write_text(page.content(), encoding="utf-8")
        print(f"browser failure: {page.url} — screenshot and HTML in {folder}")
    context.close()
    assert not errors, f"JavaScript errors or CSP violations: {errors}"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", password=PASSWORD, first_name="ผู้ดูแลระบบ")


def log_in(page, base: str, username: str = "admin") -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()


def test_the_whole_cycle(page, live_server, admin, tmp_path):
    from playwright.sync_api import expect

    from prongsai.web.agencies.models import Agency
    from prongsai.web.oit.models import OitCheck
    from prongsai.web.plans.models import Evidence, Measure, Plan

    base = live_server.url
    log_in(page, base)
    assert page.url.rstrip("/") == base  # no agency yet: the home page

    # create an agency
    page.get_by_role("link", name="+ เพิ่มหน่วยงาน").first.click()
    page.get_by_label("ชื่อหน่วยงาน").fill("องค์การบริหารส่วนตำบลลาดหญ้า")
    page.get_by_label("ประเภทหน่วยงาน").select_option("อบต.")
    page.get_by_label("อำเภอ").fill("เมืองกาญจนบุรี")
    page.get_by_label("จังหวัด").fill("กาญจนบุรี")
    page.get_by_role("button", name="เพิ่มหน่วยงาน").click()
    page.wait_for_url(re.compile(r"/a/\d+/results/$"))
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลลาดหญ้า")

    # enter seed 004's result in the form (Thai digits, as in the published document)
    page.locator("#form-year").select_option("2564")
    page.get_by_role("button", name="กรอกผล").click()
    page.wait_for_url(re.compile(r"/results/form/\?year=2564"))
    for no, value in SEED_004.items():
        page.locator(f"#id_ind_{no}").fill(value)
    page.locator("#id_published_total").fill("๗๕.๓๖")
    page.locator("#id_published_level").select_option("B")
    page.locator("#id_item_O13").select_option("0")
    page.locator("#id_reason_O13").fill("เอกสารของหน่วยงานระบุว่าต้องแก้ไขปรับปรุง")
    page.get_by_role("button", name="บันทึกผลการประเมินปี 2564").click()

    # the analysis
    page.wait_for_url(re.compile(r"/analysis/2564/$"))
    assert page.locator(".kpi-value").first.inner_text() == "75.36"
    assert "B" in page.locator(".kpi").nth(1).inner_text()
    assert "การป้องกันการทุจริต" in page.locator(".hbars").inner_text()
    assert page.locator(".hbar-track i").count() == 10  # the pass-mark line on every bar
    assert "O13" in page.get_by_role("heading", name="ข้อ OIT ที่ไม่ผ่าน").locator("..").inner_text()

    # create the plan from the draft
    page.get_by_role("link", name="สร้างมาตรการปี 2565").click()
    page.get_by_role("button", name="สร้างแผนมาตรการ").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    plan = Plan.objects.get(agency=agency)
    assert plan.fiscal_year == 2565 and plan.measures.count() >= 3
    assert page.locator("article.measure").count() == plan.measures.count()

    # edit a measure in place (htmx)
    first = plan.measures.first()
    card = page.locator(f"#measure-{first.pk}")
    card.get_by_role("link", name="แก้ไข").click()
    title = page.locator(f"#measure-{first.pk} #id_title")
    title.fill("เปิดเผยการใช้งบประมาณให้บุคลากรทราบทุกไตรมาส")
    page.locator(f"#measure-{first.pk}").get_by_role("button", name="บันทึกมาตรการ").click()
    page.locator(f"#measure-{first.pk} .badge.good").wait_for()
    assert "เปิดเผยการใช้งบประมาณให้บุคลากรทราบทุกไตรมาส" in page.locator(f"#measure-{first.pk} h3").inner_text()
    assert Measure.objects.get(pk=first.pk).title == "เปิดเผยการใช้งบประมาณให้บุคลากรทราบทุกไตรมาส"
    # and reorder it (htmx swaps the list)
    page.locator(f"#measure-{first.pk}").get_by_role("button", name=re.compile("ลง$")).click()
    expect(page.locator("article.measure").nth(1)).to_have_id(f"measure-{first.pk}")

    # record progress with a file
    page.get_by_role("link", name="ติดตามผล").first.click()
    page.get_by_role("link", name="เปิดเผยการใช้งบประมาณให้บุคลากรทราบทุกไตรมาส").click()
    evidence = tmp_path / "รายงานผลไตรมาส1.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.get_by_label("เสร็จสิ้น").check()
    page.get_by_label("สิ่งที่ดำเนินการแล้ว").fill("ติดประกาศแผนการใช้จ่ายงบประมาณและชี้แจงในที่ประชุมประจำเดือน")
    page.get_by_label("ผลการดำเนินการ", exact=True).fill("บุคลากร 45 คนรับทราบ")
    page.get_by_label("แนบไฟล์หลักฐาน").set_input_files(str(evidence))
    page.get_by_role("button", name="บันทึกผลการดำเนินการ").click()
    page.get_by_text("บันทึกผลการดำเนินการแล้ว").wait_for()
    stored = Evidence.objects.get(agency=agency, name="รายงานผลไตรมาส1.pdf")
    link = page.get_by_role("link", name=re.compile("รายงานผลไตรมาส1.pdf"))
    response = page.request.get(base + link.get_attribute("href"))
    assert response.status == 200 and response.body() == PDF_BYTES
    assert stored.file.name.startswith(f"agency-{agency.pk}/evidence/")

    # download the plan as PDF
    page.get_by_role("link", name="เอกสาร").first.click()
    plan_card = page.locator("section.card", has=page.get_by_role("heading", name="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"))
    with page.expect_download(timeout=120_000) as download_info:
        plan_card.get_by_role("link", name="PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-2565.pdf")
    saved = tmp_path / "plan.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        import subprocess

        # -raw: content order, so a title wrapped in its cell is not interleaved with the next column
        text = subprocess.run(["pdftotext", "-raw", str(saved), "-"], capture_output=True, text=True).stdout
        assert "งบประมาณให้บุคลากรทราบทุกไตรมาส" in text.replace("\n", "")

    # update an OIT item (htmx, inline in the checklist)
    page.get_by_role("link", name="รายการ OIT").click()
    page.locator("#oit-year").select_option("2567")
    page.wait_for_url(re.compile(r"/oit/2567/$"))
    row = page.locator("#oit-O1")
    row.get_by_role("link", name="ปรับปรุง").click()
    form_row = page.locator("#oit-O1")
    form_row.locator("form").wait_for()  # opened in place by htmx
    expect(form_row.locator("input[name=components]").first).to_be_focused()  # the keyboard lands in the form
    boxes = form_row.locator("input[name=components]")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    form_row.get_by_label("สถานะ").select_option("done")
    form_row.get_by_label("ลิงก์บนเว็บไซต์ของหน่วยงาน").fill("https://www.ladya.go.th/structure")
    form_row.get_by_role("button", name="บันทึกข้อ O1").click()
    page.locator("#oit-O1 .badge.good", has_text="ครบถ้วน").wait_for()
    check = OitCheck.objects.get(agency=agency, fiscal_year=2567, code="O1")
    assert check.status == "done" and check.url == "https://www.ladya.go.th/structure"


def test_errors_show_next_to_the_field_and_keyboard_focus_lands_there(page, live_server, admin):
    from prongsai.web.agencies.models import Agency, Membership

    agency = Agency.objects.create(name="เทศบาลตำบลทดสอบ", agency_type="เทศบาลตำบล")
    Membership.objects.create(user=admin, agency=agency, role="admin")
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/a/{agency.pk}/results/paste/")
    page.get_by_label("คะแนนรายตัวชี้วัด").fill("93.57\nabc")
    page.get_by_role("button", name="ตรวจและบันทึก").click()
    error = page.locator("#id_column_error")
    assert "บรรทัดที่ 2" in error.inner_text()
    assert page.evaluate("document.activeElement.id") == "id_column"
    assert page.locator("#id_column").get_attribute("aria-describedby").endswith("id_column_error")


def test_a_phone_sized_screen_has_no_sideways_scrolling(browser, live_server, admin):
    from prongsai.web.demo import load_demo

    load_demo(admin, [EXAMPLES / "ladya-2564.yaml"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, live_server.url)
    from prongsai.web.agencies.models import Agency

    agency = Agency.objects.get()
    for suffix in ("", "results/", "plans/", "tracking/", "oit/2567/", "documents/"):
        page.goto(f"{live_server.url}/a/{agency.pk}/{suffix}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{suffix}: {overflow}px sideways"
    context.close()


def _agency_with_a_draft_plan(admin):
    from tests.web.base import make_agency

    agency = make_agency("ladya-2564.yaml", admin)
    return agency, agency.plans.get()


def test_a_delete_asks_once_and_cancel_keeps_it(page, live_server, admin):
    from playwright.sync_api import expect

    from prongsai.web.plans.models import Measure, Plan, Step

    agency, plan = _agency_with_a_draft_plan(admin)
    victim = plan.measures.last()
    step = plan.measures.first().steps.last()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/a/{agency.pk}/plans/{plan.pk}/")
    dialogs: list[str] = []
    answer = {"first": "dismiss"}

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        # the user's report: Cancel on the first question, OK on any second one
        dialog.dismiss() if len(dialogs) == 1 and answer["first"] == "dismiss" else dialog.accept()

    page.on("dialog", on_dialog)
    card = page.locator(f"#measure-{victim.pk}")
    card.get_by_role("button", name="ลบ", exact=True).click()
    page.wait_for_timeout(700)  # time for a second dialog or an htmx request, were there one
    assert len(dialogs) == 1 and victim.title in dialogs[0]
    assert Measure.objects.filter(pk=victim.pk).exists()
    expect(card).to_be_visible()

    dialogs.clear()
    answer["first"] = "accept"
    card.get_by_role("button", name="ลบ", exact=True).click()
    expect(page.locator(f"#measure-{victim.pk}")).to_have_count(0)
    assert len(dialogs) == 1
    assert not Measure.objects.filter(pk=victim.pk).exists()

    # a step (htmx, inside the measure) and the whole draft (a plain form) ask once too
    first = page.locator(f"#measure-{step.measure_id}")
    first.locator("summary", has_text="แก้ไข เพิ่ม ลบ").click()
    dialogs.clear()
    answer["first"] = "dismiss"
    first.get_by_role("button", name=re.compile(r"^ลบขั้นตอนที่")).last.click()
    page.wait_for_timeout(700)
    assert len(dialogs) == 1 and Step.objects.filter(pk=step.pk).exists()
    dialogs.clear()
    page.get_by_role("button", name="ลบร่างนี้").click()
    page.wait_for_timeout(700)
    assert len(dialogs) == 1 and Plan.objects.filter(pk=plan.pk).exists()
    assert page.url.endswith(f"/plans/{plan.pk}/")


def _slow_writer(calls, seconds=1.5):
    import time

    def write_report(kind, fmt, out, **kwargs):
        calls.append(kind)
        time.sleep(seconds)
        out.write_bytes(PDF_BYTES if fmt == "pdf" else b"PK\x03\x04")
        return out

    return write_report


def test_a_document_shows_it_is_being_made_and_is_made_once(page, live_server, admin):
    from unittest import mock

    from playwright.sync_api import expect

    from prongsai.web.plans import documents

    agency, plan = _agency_with_a_draft_plan(admin)
    calls: list[str] = []
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/documents/plan.pdf" in r.url else None)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/a/{agency.pk}/documents/")
    card = page.locator("section.card", has=page.get_by_role("heading", name=documents.KINDS["plan"]))
    link = card.locator("a[data-download][href*='plan.pdf']")  # its name changes while it waits
    with mock.patch.object(documents, "writer", return_value=_slow_writer(calls)):
        with page.expect_download() as download_info:
            link.dblclick()
            expect(link).to_have_attribute("aria-disabled", "true")
            expect(link).to_contain_text("กำลังสร้างเอกสาร…")
            assert link.locator(".spinner").count() == 1
            link.click(force=True)  # and once more while it is being made
        download = download_info.value
        assert download.suggested_filename.endswith("-2565.pdf")
        assert "มาตรการ" in download.suggested_filename  # the Thai name from Content-Disposition
        assert Path(download.path()).read_bytes() == PDF_BYTES
        expect(link).not_to_have_attribute("aria-disabled", "true")
        expect(link).to_have_text("PDF")
        assert len(requests) == 1 and calls == ["plan"]

        # two requests for the same document at once (two users, or JavaScript off): one document is
        # made for both (no-store: Chrome would otherwise hold the second until the first is done)
        # The live server's threads share the test's one in-memory SQLite connection, so two audit
        # writes at once collide there (a served workspace has a connection per thread); the
        # download's audit entry is tested in test_audit_downloads.
        with mock.patch.object(documents.log, "downloaded"):
            statuses = page.evaluate(
                "url => Promise.all([fetch(url, {cache: 'no-store'}), fetch(url, {cache: 'no-store'})])"
                ".then(rs => rs.map(r => r.status))", link.get_attribute("href"))
        assert statuses == [200, 200] and calls == ["plan", "plan"]


def test_a_document_error_is_shown_on_the_page(browser, live_server, admin):
    from unittest import mock

    from prongsai.errors import InputError
    from prongsai.web.plans import documents

    agency, _plan = _agency_with_a_draft_plan(admin)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH", accept_downloads=True)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda exc: violations.append(str(exc)))
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/a/{agency.pk}/documents/")
    card = page.locator("section.card", has=page.get_by_role("heading", name=documents.KINDS["analysis"]))
    link = card.locator("a[data-download][href*='analysis.pdf']")

    def refuse(*args, **kwargs):
        raise InputError("ข้อมูลไม่ครบสำหรับจัดทำเอกสาร")

    with mock.patch.object(documents, "writer", return_value=refuse):
        link.click()
        problem = page.locator("#live-problem")
        problem.wait_for()
        assert "ข้อมูลไม่ครบสำหรับจัดทำเอกสาร" in problem.inner_text()
    assert page.url.endswith("/documents/")
    assert link.get_attribute("aria-disabled") is None
    assert not violations, violations
    context.close()


def test_a_document_link_works_without_javascript(browser, live_server, admin):
    from unittest import mock

    from prongsai.web.plans import documents

    agency, _plan = _agency_with_a_draft_plan(admin)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/a/{agency.pk}/documents/")
    card = page.locator("section.card", has=page.get_by_role("heading", name=documents.KINDS["plan"]))
    calls: list[str] = []
    with mock.patch.object(documents, "writer", return_value=_slow_writer(calls, seconds=0)):
        with page.expect_download() as download_info:
            card.get_by_role("link", name="PDF").click()
        assert download_info.value.suggested_filename.endswith("-2565.pdf")
    assert calls == ["plan"]
    context.close()


def test_oit_readiness_a_recheck_and_the_link_sheet(page, live_server, admin):
    """The readiness page from the checklist, a re-check of the pages the checklist names, and
    the ITAS link sheet download."""
    from unittest import mock

    from playwright.sync_api import expect

    from prongsai.web.oit import readiness
    from prongsai.web.oit.models import OitCheck
    from tests.oit_check.site import Site, html

    agency, _ = _agency_with_a_draft_plan(admin)
    with Site({"/structure": html("<h1>โครงสร้างองค์กร</h1><p>แผนผังโครงสร้างส่วนราชการ สำนักปลัด กองคลัง "
                                  "อำนาจหน้าที่</p>")}) as site, \
            mock.patch.dict(os.environ, {"PRONGSAI_OIT_ALLOW_PRIVATE": "1"}), \
            mock.patch.object(readiness, "spawn", lambda function, run_id: function(run_id)):
        OitCheck.objects.filter(agency=agency, fiscal_year=2567, code="O1").update(url=site.url + "/structure")
        OitCheck.objects.create(agency=agency, fiscal_year=2567, code="O2", url=site.url + "/missing")
        log_in(page, live_server.url)
        page.goto(f"{live_server.url}/a/{agency.pk}/oit/2567/")
        page.get_by_role("link", name="ตรวจความพร้อมบนเว็บไซต์").click()
        expect(page.get_by_text("ยังไม่เคยตรวจ")).to_be_visible()
        page.get_by_role("button", name="ตรวจหน้าเว็บ").click()
        expect(page.locator("#readiness-O2")).to_contain_text("เปิดหน้าเว็บไม่ได้")
        expect(page.locator("#readiness-O2")).to_contain_text("ไม่พบหน้านี้บนเว็บไซต์")
        expect(page.get_by_role("heading", name="ประวัติการตรวจ")).to_be_visible()
        expect(page.get_by_role("button", name="ตรวจอีกครั้ง")).to_be_visible()
        page.goto(f"{live_server.url}/a/{agency.pk}/oit/2567/")
        with mock.patch("prongsai.web.oit.link_sheet.log.downloaded"), page.expect_download() as download_info:
            page.get_by_role("link", name="ตารางลิงก์สำหรับระบบ ITAS (Excel)").click()
        download = download_info.value
        assert download.suggested_filename == f"ลิงก์ OIT ปี 2567 {agency.name}.xlsx"


@pytest.mark.skipif(not os.environ.get("PRONGSAI_SCREENSHOTS"), reason="set PRONGSAI_SCREENSHOTS=<folder>")
def test_screenshots(browser, live_server, admin):
    """Main pages at 1366×768 and at a phone width, with the demo data."""
    from unittest import mock

    from prongsai.oit_check.fetch import Fetched
    from prongsai.web.agencies.models import Agency, SupervisorScope
    from prongsai.web.demo import load_demo
    from prongsai.web.oit import readiness
    from prongsai.web.oit.models import OitRun
    from prongsai.web.oit.views import default_year as oit_year
    from prongsai.web.plans.models import Plan

    out = Path(os.environ["PRONGSAI_SCREENSHOTS"])
    out.mkdir(parents=True, exist_ok=True)
    load_demo(admin)
    agency = Agency.objects.get(name__contains="ลาดหญ้า")
    plan = Plan.objects.get(agency=agency)
    measure = plan.measures.first()
    draft = Plan.objects.filter(status="draft").order_by("pk").first()
    draft_measure = draft.measures.first()
    SupervisorScope.objects.create(user=admin, province="กาญจนบุรี")
    # one finished readiness check of the demo's OIT links (which lead nowhere: 404 here, no network)
    with mock.patch("prongsai.oit_check.check.Fetcher.fetch",
                    lambda self, url: Fetched(url, url, 404, "", b"", "ไม่พบหน้านี้บนเว็บไซต์ (รหัส 404) "
                                              "ลิงก์อาจถูกย้ายหรือลบ ให้ระบุลิงก์ที่ถูกต้อง")):
        readiness.execute(OitRun.objects.create(agency=agency, fiscal_year=oit_year()).pk)
    a = f"/a/{agency.pk}/"
    pages = [
        ("login", "/login/", False), ("agencies", "/", True), ("dashboard", a, True),
        ("result-form", a + "results/form/?year=2564", True), ("result-paste", a + "results/paste/", True),
        ("plans", a + "plans/", True), ("plan", a + f"plans/{plan.pk}/", True), ("tracking", a + "tracking/", True),
        ("progress", a + f"tracking/{measure.pk}/", True), ("oit", a + "oit/2567/", True),
        ("documents", a + "documents/", True), ("supervise", "/supervise/", True), ("audit", a + "audit/", True),
        ("settings", a + "settings/", True), ("frameworks", "/frameworks/?from=2568&to=2569", True),
        ("oit-current", a + "oit/", True), ("oit-readiness", a + f"oit/{oit_year()}/readiness/", True),
    ]
    for width, height, tag in ((1366, 768, "desktop"), (390, 844, "phone")):
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500,
                                      device_scale_factor=1)
        page = context.new_page()
        for name, url, needs_login in pages:
            if needs_login and "login" in page.url or needs_login and page.url == "about:blank":
                log_in(page, live_server.url)
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(out / f"{tag}-{name}.png"))
        # the measure editor open in place (htmx), on the demo's draft plan
        page.goto(live_server.url + f"/a/{draft.agency_id}/plans/{draft.pk}/")
        page.locator(f"#measure-{draft_measure.pk}").get_by_role("link", name="แก้ไข").click()
        page.locator(f"#measure-{draft_measure.pk} #id_title").wait_for()
        page.locator(f"#measure-{draft_measure.pk}").scroll_into_view_if_needed()
        page.screenshot(path=str(out / f"{tag}-measure-edit.png"))
        context.close()
