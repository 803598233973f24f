"""prongsai.web.borrowing.reminders.due(agency, today): what a later `prongsai remind` sends —
loans out and overdue, due today, due tomorrow — with whom to tell and how."""

from __future__ import annotations

from prongsai.services import borrowing as rules
from prongsai.web.borrowing import reminders
from prongsai.web.borrowing.models import Loan
from tests.web.test_borrowing_world import BorrowingTestCase, be


class RemindersTestCase(BorrowingTestCase):
    def test_it_works(self):
        self.member.email = "bob@ladya.go.th"
        self.member.save()
        staff = self.lend(self.staff_loan(user=self.member, asset=self.truck, start=0, days=1))
        public, _ = self.public_loan({self.chair: 20})
        public = self.lend(public)
        later = self.lend(self.staff_loan(user=self.member, asset=self.tent, start=0, days=3))
        waiting, _ = self.public_loan({self.tent: 1})
        Loan.objects.filter(pk=public.pk).update(start_on=self.day(-8), end_on=self.day(-5), handed_on=self.day(-8),
                                                 requested_on=self.day(-9))
        Loan.objects.filter(pk=waiting.pk).update(end_on=self.day(-1))  # never approved: nothing to return
        found = reminders.due(self.agency, self.today)
        self.assertEqual([(r.kind, r.loan.pk) for r in found], [(rules.OVERDUE, public.pk), (rules.DUE_TODAY, staff.pk)])
        overdue = found[0]
        self.assertEqual((overdue.to, overdue.contact, overdue.channel, overdue.days_late),
                         ("นายสมศักดิ์ ใจดี", "081 234 5678", "phone", 5))
        self.assertIn("เกินกำหนดส่งคืนแล้ว 5 วัน", overdue.subject)
        self.assertIn("เก้าอี้พลาสติก 20 ตัว", overdue.subject)
        self.assertEqual(found[1].as_dict(), {"to": "bob@ladya.go.th", "channel": "email",
                                              "subject": found[1].subject, "due": self.today.isoformat()})
        # two days later the three-day loan is due tomorrow … then today
        self.assertIn((rules.DUE_TOMORROW, later.pk), [(r.kind, r.loan.pk) for r in reminders.due(self.agency, self.day(1))])
        # returned loans remind nobody
        line = public.lines.get()
        self.act(self.member, public, "return", returned_on=be(self.today),
                 **{f"damaged_{line.pk}": "0", f"lost_{line.pk}": "0", f"condition_{line.pk}": "good"})
        self.assertNotIn(public.pk, [r.loan.pk for r in reminders.due(self.agency, self.today)])

    def test_it_checks_ownership(self):
        loan = self.lend(self.staff_loan(start=0, days=1))
        self.assertEqual(reminders.due(self.other, self.today), [])
        self.assertEqual([r.loan.pk for r in reminders.due(self.agency, self.today)], [loan.pk])
