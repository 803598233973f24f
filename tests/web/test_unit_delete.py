from prongsai.web.agencies.models import Unit
from tests.web.base import BaseTestCase


class UnitDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        unit = self.agency.units.get(name="กองช่าง")
        r = self.client.post(self.a_url(f"units/{unit.pk}/delete/"))
        self.assertRedirects(r, self.a_url("units/"), fetch_redirect_response=False)
        self.assertFalse(Unit.objects.filter(pk=unit.pk).exists())

    def test_it_unassigns_the_units_measures(self):
        self.login(self.owner)
        measure = self.plan.measures.filter(responsible_unit__isnull=False).first()
        self.client.post(self.a_url(f"units/{measure.responsible_unit_id}/delete/"))
        measure.refresh_from_db()
        self.assertIsNone(measure.responsible_unit)
        self.assertTrue(measure.responsible_text)

    def test_it_rejects_get(self):
        self.login(self.owner)
        unit = self.agency.units.first()
        self.assertEqual(self.client.get(self.a_url(f"units/{unit.pk}/delete/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        unit = self.agency.units.first()
        self.assertEqual(self.client.post(self.a_url(f"units/{unit.pk}/delete/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/units/{unit.pk}/delete/").status_code, 404)
        self.assertTrue(Unit.objects.filter(pk=unit.pk).exists())
