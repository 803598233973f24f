"""A person of several agencies can tell their reminders apart: the e-mail subject, the LINE text,
the dry run and the SentReminder row start with the agency's short name ("[อบต.ลาดหญ้า] …"), and
their page and its export have a column หน่วยงาน. A person of one agency sees none of that."""

from __future__ import annotations

import json
from datetime import date, timedelta
from unittest import mock

from django.test import override_settings

from prongsai.web.agencies.models import Membership
from prongsai.web.plans.models import Plan
from prongsai.web.reminders import service
from prongsai.web.reminders.models import SentReminder
from tests.web.reminders_world import FakeLine, ReminderWorld, SmtpServer, configure

URL = "/account/reminders/"
DUE2 = date(2022, 11, 30)  # FY2566: agency A's FY2565 plan is still followed, agency B's FY2566 one is current
DAY = DUE2 - timedelta(days=14)
ORDERED = ["[อบต.ลาดหญ้า] ", "[อบต.ไค้งยาง] "]  # sorted
TITLE = "ประชุมชี้แจงแนวทางปฏิบัติเพื่อป้องกันการรับสินบน"


class SeveralAgenciesTestCase(ReminderWorld):
    def setUp(self) -> None:
        super().setUp()
        # ursula: กองคลัง of agency A, and an editor of agency B too; one measure of each, same title
        Membership.objects.create(user=self.unit_editor, agency=self.other, role=Membership.EDITOR)
        self.due_measure.end, self.due_measure.title = DUE2, TITLE
        self.due_measure.save()
        other_plan = Plan.objects.get(agency=self.other)
        other_plan.measures.update(end=None)
        theirs = other_plan.measures.order_by("order", "id").first()
        theirs.end, theirs.title, theirs.responsible_unit, theirs.responsible_all = DUE2, TITLE, None, False
        theirs.save()

    def measure_sends(self, day: date = DAY) -> list[service.Send]:
        return [s for s in service.pending(day)[0] if s.reminder.kind == "measure"]

    def test_subjects_name_the_agency_for_a_person_of_several(self):
        sends = self.measure_sends()
        mine = sorted(s.subject for s in sends if s.user == self.unit_editor)
        self.assertEqual(len(mine), 2)
        self.assertTrue(mine[0].startswith("[อบต.ลาดหญ้า] มาตรการ"), mine)
        self.assertTrue(mine[1].startswith("[อบต.ไค้งยาง] มาตรการ"), mine)
        self.assertEqual(mine[0].removeprefix("[อบต.ลาดหญ้า] "), mine[1].removeprefix("[อบต.ไค้งยาง] "))
        # charlie belongs to agency B only: no prefix
        [theirs] = [s for s in sends if s.user == self.stranger]
        self.assertEqual(theirs.subject, theirs.reminder.subject)
        self.assertTrue(theirs.subject.startswith("มาตรการ"))
        self.assertTrue(all(s.as_dict()["subject"] == s.subject for s in sends))  # the dry run's JSON

    def test_email_and_line_carry_the_agency(self):
        self.prefer(self.unit_editor, "both", "Uursula")
        with SmtpServer() as smtp, FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            configure(smtp.port, line=True)
            service.deliver(self.measure_sends())
        subjects = sorted(m["subject"] for m in smtp.messages if m["to"] == ["ursula@ladya.go.th"])
        self.assertEqual([s[:14] for s in subjects], ORDERED)
        texts = sorted(p["json"]["messages"][0]["text"] for p in line.pushes())
        self.assertTrue(texts[0].startswith("[อบต.ลาดหญ้า] มาตรการ"))
        self.assertTrue(texts[1].startswith("[อบต.ไค้งยาง] มาตรการ"))
        self.assertEqual(sorted(SentReminder.objects.filter(user=self.unit_editor, channel="email")
                                .values_list("subject", flat=True)), subjects)

    def test_the_dry_run_lists_the_agency(self):
        import contextlib
        import io

        from prongsai.web.reminders import command

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            command.main(["--today", DAY.isoformat(), "--dry-run", "--json"])
        listed = [x["subject"] for x in json.loads(out.getvalue()) if x["to"] == "ursula@ladya.go.th"]
        self.assertEqual(sorted(s[:14] for s in listed if TITLE in s), ORDERED)

    def test_the_page_and_the_export_have_a_column_for_the_agency(self):
        self.login(self.unit_editor)
        with mock.patch("django.utils.timezone.localdate", return_value=DAY):
            page = self.client.get(URL).content.decode()
            csv = self.client.get(URL + "?format=csv").content.decode("utf-8-sig")
        self.assertIn('<th scope="col">หน่วยงาน</th>', page)
        table = page[page.index("<tbody>"):page.index("</tbody>")]
        rows = [r for r in table.split("<tr>")[1:] if TITLE in r]
        self.assertEqual(len(rows), 2)
        self.assertIn(self.agency.name, "".join(rows))
        self.assertIn(self.other.name, "".join(rows))
        self.assertIn("หัวเรื่องอีเมลและข้อความ LINE จะขึ้นต้นด้วยชื่อหน่วยงาน", page)
        lines = [line for line in csv.splitlines() if TITLE in line]
        self.assertEqual(len(lines), 2)
        self.assertNotEqual(lines[0], lines[1])
        self.assertIn("หน่วยงาน", csv.splitlines()[0])
        self.assertEqual(sorted(self.agency.name in line for line in lines), [False, True])
        # bob (agency A only): no column
        self.login(self.member)
        with mock.patch("django.utils.timezone.localdate", return_value=DAY):
            self.assertNotContains(self.client.get(URL), '<th scope="col">หน่วยงาน</th>')
