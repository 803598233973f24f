"""One item's judgement (prongsai.oit_check.check.check_item), on pages served from memory."""

from __future__ import annotations

from datetime import date

from prongsai.ita.library import get_framework
from prongsai.oit_check.check import check_item, predict
from prongsai.oit_check.fetch import Fetched, Fetcher
from prongsai.oit_check.rules import rule_for


class Pages(Fetcher):
    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__(private_ok=True)
        self.pages = pages

    def fetch(self, url: str) -> Fetched:
        body = self.pages.get(url)
        if body is None:
            return Fetched(url, url, 404, "", b"", "ไม่พบหน้านี้บนเว็บไซต์ (รหัส 404)")
        page = f"<html><body><main>{body}</main></body></html>".encode()
        return Fetched(url, url, 200, "text/html; charset=utf-8", page)


FW = get_framework(2569)
MONTHLY = FW.item_by_code["O11"]  # สรุปผลการจัดซื้อจัดจ้างรายเดือน


def judge(body: str, today: date = date(2026, 1, 10)):
    return check_item(MONTHLY, rule_for(FW, MONTHLY), ("https://a.go.th/p",), Pages({"https://a.go.th/p": body}),
                      2569, today)


def test_every_month_so_far_must_be_written():
    listed = "สรุปผลการจัดซื้อจัดจ้างประจำเดือน<br>\n- ตุลาคม 2568\n- พฤศจิกายน 2568\n- ธันวาคม 2568"
    assert judge(listed).status == "ok"
    partial = judge("สรุปผลการจัดซื้อจัดจ้างประจำเดือน ตุลาคม 2568")
    assert partial.status == "stale" and "พฤศจิกายน 2568" in partial.findings[0] and "ธันวาคม 2568" in partial.findings[0]


def test_a_whole_year_period_is_not_a_months_summary():
    plan = judge("แผนการจัดซื้อจัดจ้าง ระยะเวลา 1 ต.ค. 68 – 30 ก.ย. 69")
    assert plan.status == "stale"


def test_a_list_of_months_on_lines_is_not_a_range():
    # October and December on separate lines: November is still missing
    body = "สรุปผลการจัดซื้อจัดจ้างประจำเดือน\n- ตุลาคม 2568\n- ธันวาคม 2568"
    assert "พฤศจิกายน 2568" in judge(body).findings[0]


def test_an_unreachable_page_and_a_missing_link():
    gone = check_item(MONTHLY, None, ("https://a.go.th/x",), Pages({}), 2569, date(2026, 1, 10))
    assert gone.status == "unreachable" and "404" in gone.findings[0]
    none = check_item(MONTHLY, None, (), Pages({}), 2569, date(2026, 1, 10))
    assert none.status == "missing"


def test_the_prediction_counts_only_ready_items():
    results = [check_item(i, None, (), Pages({}), 2569, date(2026, 1, 10)) for i in FW.items_of("OIT")]
    predicted = predict(FW, results)
    assert predicted.indicators == {9: 0.0, 10: 0.0} and predicted.oit == 0.0
    assert predicted.confidence == "INF"  # 2569's grouping is inferred


def test_the_total_with_this_oit_and_last_years_iit_and_eit():
    from prongsai.oit_check.check import total_with

    assert round(total_with(FW, 50.0, {"IIT": 90.0, "EIT": 80.0}), 2) == round((90 * 30 + 80 * 30 + 50 * 40) / 100, 2)
    assert total_with(FW, None, {"IIT": 90.0, "EIT": 80.0}) is None
    assert total_with(FW, 50.0, {"IIT": 90.0}) is None
