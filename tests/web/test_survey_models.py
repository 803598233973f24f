"""The survey tables hold what the rules say: a rating is 1–5 or empty (not applicable), one per
item and answer; a service or item with answers cannot be deleted by itself, only with its
survey."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from prongsai.web.surveys.models import Rating, Response
from tests.web.test_survey_world import SurveyTestCase, answer


class SurveyModelsTestCase(SurveyTestCase):
    def test_a_rating_stays_on_the_scale_and_once_per_item(self):
        response = answer(self.survey, 4)
        for bad in (0, 6):
            with self.assertRaises(IntegrityError), transaction.atomic():
                Rating.objects.filter(response=response, item=self.item).update(value=bad)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Rating.objects.create(response=response, item=self.item, value=3)

    def test_answered_items_and_services_are_kept(self):
        answer(self.survey, 4, service=self.tax)
        with self.assertRaises(RestrictedError):
            self.item.delete()
        with self.assertRaises(RestrictedError):
            self.tax.delete()
        self.survey.delete()  # the whole survey goes with its answers
        self.assertFalse(Response.objects.filter(survey_id=self.survey.pk).exists())
        self.assertFalse(Rating.objects.filter(item_id=self.item.pk).exists())
