"""POST /a/<id>/oit/<year>/carry-forward/ — "เริ่มรายการปีนี้จากปีที่แล้ว"."""

from __future__ import annotations

from datetime import date

from prongsai.web.audit.models import AuditEntry
from prongsai.web.oit.models import OitCheck
from tests.web.base import BaseTestCase


class OitCarryForwardTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # agency A's 2567 checklist (O1 is the shared world's: partial, with a page and an owner)
        make = OitCheck.objects.create
        make(agency=self.agency, fiscal_year=2567, code="O3", url="https://example.go.th/powers")  # merged into 2568 O1
        make(agency=self.agency, fiscal_year=2567, code="O8", url="https://example.go.th/o8")  # not in 2568
        make(agency=self.agency, fiscal_year=2567, code="O2", url="https://example.go.th/o2")  # name unknown
        make(agency=self.agency, fiscal_year=2567, code="O14", note="คู่มือของกองช่าง", owner=self.finance,
             status=OitCheck.DONE, components_done=[0, 1], checked_on=date(2024, 5, 1))  # → 2568 O8
        make(agency=self.agency, fiscal_year=2567, code="O15", status=OitCheck.DONE)  # nothing to carry
        make(agency=self.agency, fiscal_year=2567, code="O18", url="https://example.go.th/eservice")  # → 2568 O10
        make(agency=self.agency, fiscal_year=2568, code="O10", url="https://example.go.th/mine", status=OitCheck.DONE)

    def url(self, year: int = 2568, agency_id: int | None = None) -> str:
        return f"/a/{agency_id or self.agency.pk}/oit/{year}/carry-forward/"

    def checks(self, year: int = 2568) -> dict[str, OitCheck]:
        return {c.code: c for c in OitCheck.objects.filter(agency=self.agency, fiscal_year=year)}

    def text(self, response) -> str:  # type: ignore[no-untyped-def]
        return response.content.decode()

    def test_it_works(self):
        self.login(self.member)
        page = self.text(self.client.get(f"/a/{self.agency.pk}/oit/2568/"))
        self.assertIn("เริ่มรายการปีนี้จากปีที่แล้ว", page)
        self.assertIn(self.url(), page)
        r = self.client.post(self.url(), follow=True)
        self.assertEqual(r.redirect_chain[0][0], f"/a/{self.agency.pk}/oit/2568/")
        checks = self.checks()
        self.assertEqual(set(checks), {"O1", "O8", "O10"})
        o1, o8 = checks["O1"], checks["O8"]
        self.assertEqual((o1.url, o1.owner, o1.status, o1.components_done, o1.checked_on),
                         ("https://example.go.th/structure", self.agency.units.first(), "todo", [], None))
        self.assertEqual((o8.note, o8.owner, o8.status, o8.components_done), ("คู่มือของกองช่าง", self.finance, "todo", []))
        self.assertEqual(checks["O10"].url, "https://example.go.th/mine")  # this year's own check is kept
        self.assertEqual(checks["O10"].status, "done")
        page = self.text(r)
        self.assertIn("ยกรายการตรวจ OIT จากปี 2567 มาเป็นรายการตรวจปี 2568 แล้ว 2 ข้อ", page)
        self.assertIn("O14→O8", page)
        self.assertIn("O8 (ไม่มีข้อนี้ในรายการ OIT ปี 2568)", page)
        self.assertIn("O2 (ยังไม่ทราบชื่อข้อนี้", page)
        self.assertIn("O3 รวมอยู่ในข้อ O1 ซึ่งใช้ข้อมูลจากข้อ O1", page)
        self.assertIn("ข้อที่มีรายการตรวจปี 2568 อยู่แล้ว จึงไม่ได้เปลี่ยนแปลง: O10", page)
        self.assertIn("ไม่มีข้อมูลให้ยกมา: O15", page)
        self.assertIn("ข้อใหม่ของปี 2568 ซึ่งไม่มีข้อที่ตรงกันในปี 2567", page)
        self.assertNotIn(self.url(), page)  # nothing left to carry: no button
        entries = AuditEntry.objects.filter(agency=self.agency, object_type="รายการตรวจ OIT",
                                            summary__startswith="ยกรายการตรวจ OIT")
        self.assertEqual(entries.count(), 2)

    def test_twice_adds_nothing(self):
        self.login(self.owner)
        self.client.post(self.url())
        before = {c: (x.pk, x.updated_at) for c, x in self.checks().items()}
        r = self.client.post(self.url(), follow=True)
        self.assertIn("ไม่มีข้อที่ยกมาเพิ่ม", self.text(r))
        self.assertEqual({c: (x.pk, x.updated_at) for c, x in self.checks().items()}, before)

    def test_a_year_without_last_years_checks_says_so(self):
        self.login(self.owner)
        r = self.client.post(self.url(2570), follow=True)
        self.assertIn("ปี 2569 ยังไม่มีรายการตรวจ OIT จึงไม่มีข้อมูลให้ยกมาเป็นรายการตรวจปี 2570", self.text(r))
        self.assertEqual(self.checks(2570), {})
        self.assertNotIn(self.url(2570), self.text(self.client.get(f"/a/{self.agency.pk}/oit/2570/")))

    def test_an_unknown_year_is_404(self):
        self.login(self.owner)
        self.assertEqual(self.client.post(self.url(2599)).status_code, 404)

    def test_viewers_and_supervisors_may_not(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.url()).status_code, 403, user.username)
            self.assertNotIn(self.url(), self.text(self.client.get(f"/a/{self.agency.pk}/oit/2568/")))
        self.assertEqual(set(self.checks()), {"O10"})

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url()).status_code, 404)
        self.assertEqual(set(self.checks()), {"O10"})
        # in the stranger's own agency nothing of agency A's is carried
        self.client.post(self.url(agency_id=self.other.pk))
        self.assertFalse(OitCheck.objects.filter(agency=self.other, fiscal_year=2568).exclude(code="O1").exists())
