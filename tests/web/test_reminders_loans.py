"""Loans due back (prongsai.web.borrowing.reminders.due) reach a staff borrower by their channel;
a borrower from outside has no account, so the register's phone list stays the way to reach them."""

from __future__ import annotations

from datetime import timedelta

from prongsai.services.borrowing import RETURNED
from prongsai.web.borrowing.models import Loan
from prongsai.web.reminders import service
from tests.web.reminders_world import SmtpServer, configure
from tests.web.test_borrowing_world import BorrowingTestCase


class LoanRemindersTestCase(BorrowingTestCase):
    def test_a_staff_loan_due_today_is_sent_once_and_overdue_weekly(self):
        self.member.email = "bob@ladya.go.th"
        self.member.save()
        loan = self.lend(self.staff_loan(user=self.member, asset=self.truck, start=0, days=1))
        public, _ = self.public_loan({self.chair: 2})
        self.lend(public)
        Loan.objects.filter(pk=public.pk).update(end_on=loan.end_on)
        sends = [s for s in service.pending(loan.end_on)[0] if s.reminder.kind == "loan"]
        self.assertEqual([(s.user, s.to) for s in sends], [(self.member, "bob@ladya.go.th")])
        self.assertIn("ครบกำหนดส่งคืนวันนี้", sends[0].reminder.subject)
        with SmtpServer() as smtp:
            configure(smtp.port)
            service.deliver(sends)
            service.deliver([s for s in service.pending(loan.end_on)[0] if s.reminder.kind == "loan"])
            self.assertEqual(len(smtp.messages), 1)
        late = {d: {s.reminder.key for s in service.due(loan.end_on + timedelta(d))[0] if s.reminder.kind == "loan"}
                for d in (1, 3, 7, 8)}
        self.assertEqual(late[1], late[3])
        self.assertEqual(late[1], late[7])
        self.assertNotEqual(late[7], late[8])  # a week late: a new reminder

    def test_the_borrowers_page_shows_a_loan_once_with_its_days(self):
        # due back today: today, then the day after and weekly while it is out — one row
        self.member.email = "bob@ladya.go.th"
        self.member.save()
        loan = self.lend(self.staff_loan(user=self.member, asset=self.truck, start=0, days=1))
        rows = [u for u in service.upcoming(self.member, self.today) if u.reminder.kind == "loan"]
        self.assertEqual(len(rows), 1)
        [row] = rows
        self.assertEqual(row.day, self.today)
        self.assertIn(f"การยืมพัสดุเลขที่ {loan.number}", row.reminder.subject)
        self.assertIn("ครบกำหนดส่งคืนวันนี้", row.reminder.subject)
        self.assertEqual(row.later, tuple(loan.end_on + timedelta(d) for d in (1, 8, 15, 22, 29)))
        self.assertEqual(row.agency, self.agency.name)
        self.login(self.member)
        page = self.client.get("/account/reminders/").content.decode()
        table = page[page.index("<tbody>"):page.index("</tbody>")]
        self.assertEqual(table.count(f"การยืมพัสดุเลขที่ {loan.number}"), 1)
        self.assertIn("แจ้งเตือนอีก 5 ครั้ง", table)
        # returned: nothing more to remind
        Loan.objects.filter(pk=loan.pk).update(status=RETURNED)
        self.assertFalse([u for u in service.upcoming(self.member, self.today) if u.reminder.kind == "loan"])
