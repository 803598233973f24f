"""The demo survey: the standard template for two services, open, about forty answers over the
current fiscal year with a few comments marked as examples; adding it twice adds nothing."""

from __future__ import annotations

from django.utils import timezone

from prongsai.services.surveys import fiscal_year_period
from prongsai.thai import fiscal_year_of
from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys import results
from prongsai.web.surveys.demo import DEMO_NOTE, add_demo_surveys
from prongsai.web.surveys.models import Response, Survey
from tests.web.base import BaseTestCase


class SurveyDemoTestCase(BaseTestCase):
    def test_it_works(self):
        made = add_demo_surveys(self.agency, self.owner)
        self.assertEqual(len(made), 1)
        survey = made[0]
        self.assertTrue(survey.is_open)
        self.assertEqual(survey.service_names(), ["งานจัดเก็บภาษี", "งานทะเบียนพาณิชย์"])
        period = fiscal_year_period(fiscal_year_of(timezone.localdate()))
        summary = results.summary(survey, period)
        self.assertEqual(summary.respondents, 40)
        self.assertFalse(summary.small_sample)
        self.assertEqual([g.respondents for g in summary.by_service], [20, 20])
        self.assertTrue(3.5 <= float(summary.overall.tally.mean) <= 4.8)
        self.assertTrue(summary.overall.tally.not_applicable > 0)
        self.assertTrue(all(period.start <= r.answered_on <= timezone.localdate()
                            for r in Response.objects.filter(survey=survey)))
        self.assertTrue(3 <= len(summary.comments) <= 6)
        self.assertTrue(all(c.text.endswith(DEMO_NOTE) for c in summary.comments))
        self.assertEqual(len({c.service for c in summary.comments}), 2)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, object_type="คำตอบแบบสำรวจ").count(), 40)
        self.assertEqual(add_demo_surveys(self.agency, self.owner), [])  # twice: nothing more
        self.assertEqual(Survey.objects.filter(agency=self.agency).count(), 1)
        self.assertEqual(Response.objects.count(), 40)

    def test_it_checks_ownership(self):
        add_demo_surveys(self.agency, self.owner)
        self.assertFalse(Survey.objects.filter(agency=self.other).exists())
        self.assertEqual(len(add_demo_surveys(self.other, self.stranger)), 1)
        self.assertEqual(Response.objects.filter(survey__agency=self.other).count(), 40)
