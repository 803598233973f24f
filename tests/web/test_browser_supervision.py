"""The supervisor overview in real headless Chromium (Debian's, driven by Playwright), against
Django's live server: the pictures render as SVG with bars, a bar leads to the filtered list, the
filters work without typing a URL, two agencies are compared — at 1366×768 and at 390 px.

With PRONGSAI_SCREENSHOTS=<folder> set, the pages are also saved there as PNG.
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
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def world(django_user_model):
    from django.core.cache import cache

    from prongsai.ita.results import ItemResult, YearResult
    from prongsai.web.agencies.models import Agency
    from prongsai.web.assessments.models import Result

    cache.clear()
    admin = django_user_model.objects.create_superuser("admin", password=PASSWORD, first_name="ผู้ดูแลระบบ")
    agencies = []
    for n, (province, base) in enumerate([("กาญจนบุรี", 72.0), ("กาญจนบุรี", 88.0), ("กาญจนบุรี", 97.0),
                                          ("ราชบุรี", 79.0), ("ราชบุรี", 91.0)]):
        agency = Agency.objects.create(name=f"องค์การบริหารส่วนตำบลทดสอบ{n + 1}", province=province,
                                       district=f"อำเภอ{n % 2 + 1}", agency_type="อบต.")
        for year, step in ((2563, -3.0), (2564, 0.0)):
            indicators = {no: min(100.0, base + step + (no % 3) * 2 - (20 if no == 10 else 0)) for no in range(1, 11)}
            items = {"O12": ItemResult("O12", 0.0, "ขาดองค์ประกอบ")} if base < 90 else {}
            row = Result(agency=agency, fiscal_year=year, source=Result.FILE)
            row.set_year_result(YearResult(year, indicators=indicators, items=items))
            row.save()
        agencies.append(agency)
    late = Agency.objects.create(name="เทศบาลตำบลยังไม่บันทึกผล", province="กาญจนบุรี", district="อำเภอ1",
                                 agency_type="เทศบาลตำบล")  # a result of 2563 only: to chase for 2564
    row = Result(agency=late, fiscal_year=2563, source=Result.FILE)
    row.set_year_result(YearResult(2563, indicators={no: 80.0 for no in range(1, 11)}))
    row.save()
    return admin, agencies


def open_page(browser, size):
    context = browser.new_context(viewport=SIZES[size], locale="th-TH")
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return context, page, errors


def log_in(page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("admin")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()


def shoot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("size", list(SIZES))
def test_the_overview_charts_filters_and_comparison(browser, live_server, world, size):
    _, agencies = world
    context, page, errors = open_page(browser, size)
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/supervise/?year=2564")
    shoot(page, f"supervise-{size}")

    # the pictures: inline SVG with bars, one layout of each shown, readable at this width
    charts = page.locator("svg.chart:visible")
    assert charts.count() >= 4
    assert page.locator("section[aria-labelledby='sv-ind-h'] svg:visible rect").count() >= 10
    box = charts.first.bounding_box()
    assert box["width"] > 200 and box["x"] + box["width"] <= SIZES[size]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"] + 1  # no sideways scroll
    label = page.locator("section[aria-labelledby='sv-levels-h'] svg:visible").get_attribute("aria-label")
    assert "ระดับผลการประเมิน" in label
    # every label and number of the bar charts at least 12 px high on the screen, and whole
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width)
        .flatMap(s => [...s.querySelectorAll('text.l, text.v')].map(t => t.getBoundingClientRect().height))""")
    assert sizes and min(sizes) >= 12, min(sizes)
    ind = page.locator("section[aria-labelledby='sv-ind-h'] svg:visible text.l").all_text_contents()
    assert "10. การป้องกันการทุจริต" in ind and not any(t.endswith("…") for t in ind)
    # the phone gets the layout with the labels above the bars
    assert page.locator("section[aria-labelledby='sv-ind-h'] svg:visible").get_attribute("viewBox").startswith(
        "0 0 360" if size == "phone" else "0 0 640")
    # the chart's numbers are the table's
    chart_values = page.locator("section[aria-labelledby='sv-ind-h'] svg:visible text.v").all_text_contents()
    table_values = page.locator("section[aria-labelledby='sv-ind-h'] table td.num:nth-child(2)").all_inner_texts()
    assert [v.replace("เฉลี่ย:", "").strip() for v in table_values] == chart_values

    # the agencies with no result of the year: counted, listed and linked
    page.get_by_role("link", name="ยังไม่บันทึกผลปี 2564: 1 แห่ง").first.click()
    page.wait_for_url(re.compile(r"show=missing"))
    assert "เทศบาลตำบลยังไม่บันทึกผล" in page.locator("#agencies").inner_text()
    assert "ปี 2563" in page.locator("#agencies").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"] + 1
    shoot(page, f"supervise-missing-{size}")
    page.goto(f"{base}/supervise/?year=2564")

    # a bar of the indicator chart leads to the agencies below the pass mark on it
    page.locator("section[aria-labelledby='sv-ind-h'] svg:visible a").nth(9).click()
    page.wait_for_url(re.compile(r"indicator=10"))
    listed = page.locator("#agencies tbody tr")
    assert listed.count() == 5  # indicator 10 is 20 lower: every agency is below 85
    assert "ตัวชี้วัดที่ 10" in page.locator("#agencies").inner_text()
    # the level chart's bar: the agencies of that level only
    page.goto(f"{base}/supervise/?year=2564")
    page.locator("section[aria-labelledby='sv-levels-h'] svg:visible a").first.click()
    page.wait_for_url(re.compile(r"level="))
    assert "ระดับ" in page.locator("#agencies p.small").first.inner_text()

    # the filters: choosing a province submits the form (no URL typing); districts follow it
    page.goto(f"{base}/supervise/?year=2564&show=all")
    assert page.locator("#sv-district").is_disabled()
    page.locator("#sv-province").select_option("ราชบุรี")
    page.wait_for_url(re.compile(r"province="))
    rows = page.locator("#agencies tbody tr")
    assert rows.count() == 2
    assert "ราชบุรี" in rows.first.inner_text()
    assert page.locator("#sv-district option").count() == 3  # ทุกอำเภอ and the province's 2
    shoot(page, f"supervise-province-{size}")

    # pressing compare with nothing ticked: back to this list with a message, nothing lost
    page.get_by_role("button", name="เปรียบเทียบหน่วยงานที่เลือก").click()
    page.wait_for_url(re.compile(r"problem=none"))
    assert "ยังไม่ได้เลือกหน่วยงาน" in page.get_by_role("alert").inner_text()
    assert page.locator("#agencies tbody tr").count() == 2  # the filter is kept
    assert page.locator("#sv-province").input_value() == "ราชบุรี"
    # compare two agencies: tick them in the table and press the button
    page.locator(f"#pick-{agencies[3].pk}").check()
    page.locator(f"#pick-{agencies[4].pk}").check()
    page.get_by_role("button", name="เปรียบเทียบหน่วยงานที่เลือก").click()
    page.wait_for_url(re.compile(r"/supervise/compare/\?"))
    table = page.locator("table.cmp")
    assert agencies[3].name in table.inner_text() and agencies[4].name in table.inner_text()
    assert page.locator("table.cmp td.best").count() >= 10 and page.locator("table.cmp td.worst").count() >= 10
    shoot(page, f"supervise-compare-{size}")
    # six agencies: the wide table scrolls in its own box, the page does not
    page.goto(f"{base}/supervise/compare/?year=2564&" + "&".join(f"id={a.pk}" for a in agencies))
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"] + 1
    wrap = page.locator(".cmp-wrap").bounding_box()
    assert wrap["x"] + wrap["width"] <= SIZES[size]["width"]
    if size == "phone":
        assert page.evaluate("document.querySelector('.cmp-wrap').scrollWidth") > wrap["width"]
        page.locator(".cmp-wrap").evaluate("e => e.scrollLeft = 400")
        first = page.locator("table.cmp tbody th").first.bounding_box()
        assert first["x"] >= wrap["x"] - 1 and first["width"] >= 120  # the first column stays in view
    shoot(page, f"supervise-compare6-{size}")
    context.close()
    assert not errors, f"JavaScript errors or CSP violations: {errors}"
