"""Item 17 of issue 9: one digit rule on screen. Pages showed Arabic digits next to Thai digits
copied from a published result ("…ประจำปี พ.ศ. ๒๕๖๔" beside "0.00"); the rule is now applied to
every HTML page, Arabic by default, while what a user edits stays as typed."""

from __future__ import annotations

import os
from unittest import mock

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from prongsai.web.ui.screen_digits import ARABIC, THAI, ScreenDigitsMiddleware, apply_rule
from tests.web.base import BaseTestCase

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


class ScreenDigitsPageTest(BaseTestCase):
    def test_text_typed_with_thai_digits_is_shown_in_the_screen_rule(self) -> None:
        unit = self.agency.units.first()
        unit.name = "กองช่าง ๒ (ฝ่าย ๑๐)"
        unit.save()
        self.client.force_login(self.owner)
        html = self.client.get(reverse("units", args=[self.agency.pk])).content.decode()
        self.assertTrue("กองช่าง 2 (ฝ่าย 10)" in html, "unit name not shown in Arabic digits")
        self.assertEqual(apply_rule(html, ARABIC), html)  # nothing left to change anywhere on the page

    def test_edit_form_keeps_what_the_user_typed(self) -> None:
        unit = self.agency.units.first()
        unit.name = "กองช่าง ๒"
        unit.save()
        self.client.force_login(self.owner)
        html = self.client.get(reverse("unit_edit", args=[self.agency.pk, unit.pk])).content.decode()
        self.assertTrue('value="กองช่าง ๒"' in html, "the edit field must hold the name as typed")


class ApplyRuleTest(BaseTestCase):
    def test_text_changes_but_attributes_and_edited_text_do_not(self) -> None:
        html = ('<p title="๑๒">ปี ๒๕๖๔ ข้อ 3</p><textarea name="t">มาตรการที่ ๑</textarea>'
                '<input value="๒๕๖๔"><pre>๕</pre><script>var a = "๑";</script>')
        self.assertEqual(apply_rule(html, ARABIC),
                         '<p title="๑๒">ปี 2564 ข้อ 3</p><textarea name="t">มาตรการที่ ๑</textarea>'
                         '<input value="๒๕๖๔"><pre>๕</pre><script>var a = "๑";</script>')
        self.assertEqual(apply_rule('<a href="/a/12/">ข้อ 12</a>', THAI), '<a href="/a/12/">ข้อ ๑๒</a>')

    def test_setting_switches_the_whole_screen_to_thai_digits(self) -> None:
        with mock.patch.dict(os.environ, {"PRONGSAI_SCREEN_DIGITS": "thai"}):
            middleware = ScreenDigitsMiddleware(lambda request: HttpResponse("<b>85.00 คะแนน</b>"))
        response = middleware(RequestFactory().get("/"))
        self.assertEqual(response.content.decode(), "<b>๘๕.๐๐ คะแนน</b>")

    def test_other_content_types_are_untouched(self) -> None:
        middleware = ScreenDigitsMiddleware(
            lambda request: HttpResponse("ปี,๒๕๖๔\n", content_type="text/csv; charset=utf-8"))
        self.assertEqual(middleware(RequestFactory().get("/")).content.decode(), "ปี,๒๕๖๔\n")


@given(st.text(alphabet="ab <>/12๑๒=\"'"))
def test_rule_is_idempotent_and_keeps_the_length(html: str) -> None:
    once = apply_rule(html, ARABIC)
    assert apply_rule(once, ARABIC) == once
    assert len(once) == len(html)
