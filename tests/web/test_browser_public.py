"""The agency's public home and measures page in real headless Chromium, on a phone (390×844):
readable without sideways scrolling, large targets, keyboard reachable, AA contrast, no cookie, no
script error, and nothing fetched from another site.

With PRONGSAI_SCREENSHOTS=<folder> set, the pages are also saved at 390 px and at 1366×768.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

from tests.web.base import PASSWORD  # noqa: E402
from tests.web.browsers import ARGS, CHROMIUM  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1366, "height": 768}}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"),
]

# The WCAG contrast ratio of each visible text element against the first opaque background behind it.
CONTRAST = """() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
  function lum(c) { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if ((c.length < 4 || c[3] > 0.9)) return c;
    }
    return [255, 255, 255];
  }
  const out = [];
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.offsetParent) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push([ratio, el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40)]);
  }
  return out;
}"""


class Chromium:
    """Chromium driven from a thread of its own. One sync Playwright runs per thread, and
    tests/web/test_browser.py keeps its session's Playwright on the main thread; so each test
    hands its steps, a function of the browser, to this thread (`run`)."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self.pool.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

    def run(self, steps):  # type: ignore[no-untyped-def]
        return self.pool.submit(steps, self.browser).result()

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self.playwright.stop()

        self.pool.submit(stop).result()
        self.pool.shutdown()


@pytest.fixture(scope="module")
def chromium():
    runner = Chromium()
    yield runner
    runner.close()


@pytest.fixture
def agency(django_user_model):
    """Agency A of the unit tests, its plan approved, progress recorded and its contact details filled in."""
    from prongsai.web.plans.models import ProgressEntry
    from tests.web.base import make_agency
    from tests.web.public_helpers import approve, profile

    owner = django_user_model.objects.create_user("owner", password=PASSWORD)
    agency = make_agency("ladya-2564.yaml", owner)
    plan = approve(owner, agency.plans.get())
    measure = plan.measures.all()[1]
    ProgressEntry.objects.create(agency=agency, measure=measure, lineage=measure.lineage, as_of=date(2022, 8, 31),
                                 status="done", result="จัดอบรมเจ้าหน้าที่ ๒ รุ่น รวม ๔๕ คน และเผยแพร่คู่มือบนเว็บไซต์",
                                 outcome="เจ้าหน้าที่ปฏิบัติตามแนวทางได้ถูกต้อง", created_by=owner)
    profile(agency)
    return agency


def open_page(browser, settings: dict):
    context = browser.new_context(locale="th-TH", **settings)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                         "'CSP violation', e.violatedDirective, e.sourceFile, e.lineNumber, e.sample))")
    page.problems = []
    page.requests = []
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: page.requests.append(req.url))
    return context, page


def check_page(page, base: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{page.url}: {overflow}px sideways"
    assert not page.problems, f"JavaScript errors or CSP violations: {page.problems}"
    host = urlsplit(base).netloc
    foreign = [u for u in page.requests if not u.startswith("data:") and urlsplit(u).netloc != host]
    assert not foreign, f"fetched from another site: {foreign}"
    assert page.context.cookies() == [], page.context.cookies()
    low = [(round(ratio, 2), what) for ratio, what in page.evaluate(CONTRAST) if ratio < 4.5]
    assert not low, f"text below AA contrast: {low}"


def test_the_public_home_on_a_phone(chromium, live_server, agency):
    base, pk, name = live_server.url, agency.pk, agency.name

    def steps(browser):
        from playwright.sync_api import expect

        context, page = open_page(browser, PHONE)
        page.goto(f"{base}/p/{pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        channels = page.locator(".public-channels a")
        assert channels.count() == 5
        for i in range(channels.count()):
            box = channels.nth(i).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 300, box  # big targets, one column
        phone = page.locator("a[href^='tel:']").first
        assert phone.get_attribute("href") == "tel:034512345"
        assert phone.bounding_box()["height"] >= 32
        expect(page.get_by_role("link", name="saraban@ladya.go.th")).to_be_visible()
        expect(page.get_by_role("heading", name="เอกสารเผยแพร่ ประจำปีงบประมาณ พ.ศ. 2565")).to_be_visible()
        for link in page.locator(".public-doc a").all():  # PDF and Word: big enough for a thumb
            assert link.bounding_box()["height"] >= 40
        check_page(page, base)
        # the keyboard: the skip link first, then the channels in reading order
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "ข้ามไปยังเนื้อหา"
        page.keyboard.press("Enter")
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('.public-channels') !== null"):
                break
        assert "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in page.evaluate("document.activeElement.textContent")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        # the measures channel opens the measures page
        channels.filter(has_text="ผลการดำเนินการตามมาตรการ").click()
        page.wait_for_url(f"{base}/p/{pk}/measures/")
        context.close()

    chromium.run(steps)


def test_the_measures_page_on_a_phone(chromium, live_server, agency):
    base, pk, measures = live_server.url, agency.pk, agency.plans.get().measures.count()

    def steps(browser):
        from playwright.sync_api import expect

        context, page = open_page(browser, PHONE)
        page.goto(f"{base}/p/{pk}/measures/")
        expect(page.get_by_role("heading", level=1)).to_have_text("ผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. 2565")
        cards = page.locator(".public-measure")
        assert cards.count() == measures
        expect(page.get_by_text("จัดอบรมเจ้าหน้าที่ 2 รุ่น รวม 45 คน")).to_be_visible()  # screen digits: Arabic
        expect(cards.nth(1).locator(".badge")).to_have_text("เสร็จสิ้น")
        assert page.locator("a[href*='/evidence/']").count() == 0
        check_page(page, base)
        # the plan document, straight from the page (no login, no cookie)
        with page.expect_download() as info:
            page.locator(".public-doc").nth(1).locator("a", has_text="Word").click()
        assert info.value.suggested_filename.endswith(".docx")
        assert context.cookies() == []
        context.close()

    chromium.run(steps)


def log_in(page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("owner")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()


def test_the_oit_item_takes_the_suggested_page(chromium, live_server, agency):
    base, pk = live_server.url, agency.pk

    def steps(browser):
        from playwright.sync_api import expect

        context, page = open_page(browser, DESKTOP)
        log_in(page, base)
        # in place, in the checklist (htmx): the row's button opens the form with the page filled in
        page.goto(f"{base}/a/{pk}/oit/2570/")
        page.locator("#oit-O18").get_by_role("link", name="ใส่ลิงก์นี้").click()
        expect(page.locator("#oit-O18 input[name=url]")).to_have_value(f"{base}/p/{pk}/complaints/statistics/")
        # on the item's page the button fills the empty field without leaving the page
        page.goto(f"{base}/a/{pk}/oit/2570/O17/")
        field = page.get_by_label("ลิงก์บนเว็บไซต์ของหน่วยงาน")
        expect(field).to_have_value("")
        page.get_by_role("link", name="ใส่ลิงก์นี้ในช่องลิงก์").first.click()
        expect(field).to_have_value(f"{base}/p/{pk}/complaint/")
        assert page.url.endswith("/oit/2570/O17/")
        assert not page.problems, page.problems
        context.close()

    chromium.run(steps)


def test_screenshots(chromium, live_server, agency):
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if not folder:
        pytest.skip("set PRONGSAI_SCREENSHOTS=<folder> to save screenshots")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    base, pk = live_server.url, agency.pk

    def steps(browser):
        for name, settings in (("phone", PHONE), ("desktop", DESKTOP)):
            context, page = open_page(browser, settings)
            for suffix, label in (("", "public-home"), ("measures/", "public-measures")):
                page.goto(f"{base}/p/{pk}/{suffix}")
                page.screenshot(path=str(out / f"{label}-{name}.png"), full_page=True)
            # the staff side: the public pages' addresses, and the OIT checklist suggesting them
            log_in(page, base)
            for suffix, label in (("public/", "public-settings"), ("oit/2570/", "oit-hints"),
                                  ("oit/2570/O17/", "oit-item-hint")):
                page.goto(f"{base}/a/{pk}/{suffix}")
                page.screenshot(path=str(out / f"{label}-{name}.png"), full_page=True)
            assert not page.problems, page.problems
            context.close()

    chromium.run(steps)
