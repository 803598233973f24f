"""The response-time figures of the Q&A channel, against counts made by hand."""

from __future__ import annotations

from datetime import date, datetime
from unittest import mock

from django.test import override_settings
from django.utils import timezone

from prongsai.web.qa import stats
from prongsai.web.qa.models import Question
from tests.web.base import BaseTestCase

TODAY = date(2026, 3, 15)  # fiscal year 2569 (1 Oct 2025 – 30 Sep 2026)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


class QaStatisticsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        rows = [
            # asked, answered (None: waiting), status           days  within 15?
            (date(2025, 10, 5), at(date(2025, 10, 8)), Question.PUBLISHED),  # 3    yes
            (date(2025, 11, 1), at(date(2025, 11, 21)), Question.PUBLISHED),  # 20   no
            # 00:30 Bangkok time is the evening before in UTC: the local day counts (10 days, not 9)
            (date(2026, 1, 10), at(date(2026, 1, 20), 0, 30), Question.PUBLISHED),  # 10   yes
            (date(2026, 2, 1), at(date(2026, 2, 16), 23, 50), Question.PUBLISHED),  # 15   yes (the limit itself)
            (date(2026, 2, 20), None, Question.WAITING),  # 23 days waiting: overdue, counts as not within
            (date(2026, 3, 10), None, Question.WAITING),  # 5 days waiting: not due yet
            (date(2026, 1, 5), at(date(2026, 1, 6)), Question.REJECTED),  # not published: not counted
            (date(2025, 9, 30), at(date(2025, 10, 2)), Question.PUBLISHED),  # fiscal year 2568: not counted
        ]
        for asked, answered, status in rows:
            Question.objects.create(agency=cls.agency, asked_on=asked, text="คำถาม", status=status,
                                    answer="คำตอบ" if status == Question.PUBLISHED else "", answered_at=answered)
        # another agency's questions never count
        Question.objects.create(agency=cls.other, asked_on=date(2026, 1, 1), text="ของบี", status=Question.PUBLISHED,
                                answer="ตอบ", answered_at=at(date(2026, 3, 1)))

    def test_hand_counted(self):
        figures = stats.for_agency(self.agency, TODAY)
        self.assertEqual(figures.fiscal_year, 2569)
        self.assertEqual(figures.limit, 15)
        self.assertEqual(figures.asked, 6)
        self.assertEqual(figures.answered, 4)
        self.assertEqual(figures.waiting, 2)
        self.assertEqual(figures.overdue, 1)
        self.assertEqual(figures.median_days, 12.5)  # days 3, 10, 15, 20
        self.assertEqual(figures.median_text, "12.5")
        self.assertEqual((figures.within, figures.due), (3, 5))
        self.assertAlmostEqual(figures.within_percent, 60.0)
        self.assertEqual(figures.within_text, "60")

    @override_settings(QA_ANSWER_DAYS=10)
    def test_the_limit_is_a_setting(self):
        figures = stats.for_agency(self.agency, TODAY)
        self.assertEqual(figures.limit, 10)
        # within 10: days 3 and 10; due: 4 answered + 1 waiting 23 days (the one of 5 days is not due)
        self.assertEqual((figures.within, figures.due, figures.overdue), (2, 5, 1))
        self.assertEqual(figures.within_text, "40")

    def test_a_new_fiscal_year_starts_empty(self):
        figures = stats.for_agency(self.agency, date(2026, 10, 1))  # fiscal year 2570
        self.assertEqual(figures.fiscal_year, 2570)
        self.assertEqual((figures.asked, figures.answered, figures.due), (0, 0, 0))
        self.assertIsNone(figures.median_days)
        self.assertIsNone(figures.within_percent)
        self.assertEqual((figures.median_text, figures.within_text), ("–", "–"))

    def test_an_odd_count_has_a_whole_median(self):
        figures = stats.for_agency(self.agency, date(2025, 11, 30))  # only the first two answered by then
        self.assertEqual(figures.answered, 2)
        self.assertEqual(figures.median_text, "11.5")
        Question.objects.create(agency=self.agency, asked_on=date(2025, 11, 10), text="ค", status=Question.PUBLISHED,
                                answer="ต", answered_at=at(date(2025, 11, 17)))
        self.assertEqual(stats.for_agency(self.agency, date(2025, 11, 30)).median_text, "7")  # 3, 7, 20

    def test_the_pages_show_them(self):
        with mock.patch.object(stats, "today", return_value=TODAY):
            public = self.client.get(f"/p/{self.agency.pk}/qa/")
            self.login(self.member)
            staff = self.client.get(self.a_url("qa/"))
        for response in (public, staff):
            self.assertEqual(response.context["stats"].answered, 4)
            self.assertContains(response, "ปีงบประมาณ พ.ศ. 2569" if response is public else "ปีงบประมาณ 2569")
            self.assertContains(response, "12.5")
            self.assertContains(response, "ตอบภายใน 15 วัน")
        self.assertContains(public, "60<span>%</span>")
        self.assertContains(staff, "60%")
        self.assertContains(staff, "3 จาก 5 คำถาม")

    def test_bad_settings_fall_back(self):
        for value in ("abc", 0, -3, None):
            with override_settings(QA_ANSWER_DAYS=value):
                self.assertEqual(stats.answer_days(), 15)
