"""Sending the day's reminders by e-mail (a local SMTP server) and LINE (a fake Messaging API on
127.0.0.1): once per person, key and channel, whatever the number of runs or processes."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from unittest import skipIf
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import TransactionTestCase, override_settings

from prongsai.web.reminders import daily, service
from prongsai.web.reminders.models import SentReminder
from tests.web.reminders_world import DUE, TODAY, FakeLine, ReminderWorld, SmtpServer, configure, free_port


class SendTestCase(ReminderWorld):
    def test_a_measure_reminder_reaches_its_unit_by_email(self):
        with SmtpServer() as smtp:
            configure(smtp.port)
            _, outcome, _ = service.run(TODAY)
        self.assertEqual((outcome.sent, outcome.failed), (1, []))
        [mail] = smtp.messages
        self.assertEqual(mail["to"], ["ursula@ladya.go.th"])
        self.assertEqual(mail["from"], "ita@ladya.go.th")
        self.assertIn("จะครบกำหนดในอีก 14 วัน (30 มิถุนายน 2565)", mail["subject"])
        self.assertIn(self.due_measure.title, mail["subject"])
        self.assertIn('เมนู "ติดตามผล"', mail["body"])
        row = SentReminder.objects.get()
        self.assertEqual((row.user, row.channel, row.status, row.day, row.due),
                         (self.unit_editor, "email", SentReminder.SENT, TODAY, DUE))

    def test_a_second_run_sends_nothing_more(self):
        with SmtpServer() as smtp:
            configure(smtp.port)
            service.run(TODAY)
            sends, outcome, _ = service.run(TODAY)
            _, later, _ = service.run(TODAY + timedelta(1))  # the catch-up day: same key
        self.assertEqual((sends, outcome.sent, later.sent), ([], 0, 0))
        self.assertEqual(len(smtp.messages), 1)

    def test_line_push_carries_the_token_and_thai_text(self):
        self.prefer(self.unit_editor, "both", "U1234567890abcdef")
        with FakeLine() as line, SmtpServer() as smtp, override_settings(LINE_API_BASE=line.base):
            configure(smtp.port, line=True)
            _, outcome, _ = service.run(TODAY)
        self.assertEqual(outcome.sent, 2)
        [push] = line.pushes()
        self.assertEqual(push["auth"], "Bearer test-channel-access-token-0123456789")
        self.assertEqual(push["json"]["to"], "U1234567890abcdef")
        [message] = push["json"]["messages"]
        self.assertEqual(message["type"], "text")
        self.assertIn("จะครบกำหนดในอีก 14 วัน", message["text"])
        self.assertEqual(len(smtp.messages), 1)

    def test_who_gets_what(self):
        # a measure of a unit nobody belongs to, and one for every unit: the staff without a unit
        second = self.plan.measures.exclude(pk=self.due_measure.pk).first()
        second.end, second.responsible_unit = DUE, self.agency.units.get(name="กองช่าง")
        second.save()
        sends, _ = service.pending(TODAY)
        by_measure = {}
        for s in sends:
            by_measure.setdefault(s.reminder.subject, set()).add(s.user.username)
        self.assertEqual(by_measure, {
            next(k for k in by_measure if self.due_measure.title in k): {"ursula"},
            next(k for k in by_measure if second.title in k): {"alice", "bob"},
        })
        # the 6-month report: every admin and editor, never the viewer or the other agency
        sends, _ = service.pending(TODAY.replace(month=4, day=16))
        self.assertEqual({s.user.username for s in sends if "รอบ 6 เดือน" in s.reminder.subject},
                         {"alice", "bob", "ursula"})
        # "none" stops them, LINE without a link reaches nobody
        self.prefer(self.unit_editor, "none")
        self.assertFalse([s for s in service.pending(TODAY)[0] if s.user == self.unit_editor])

    def test_a_failing_smtp_server_is_recorded_in_thai_and_retried(self):
        configure(free_port())  # nothing listens there
        _, outcome, _ = service.run(TODAY)
        self.assertEqual(outcome.sent, 0)
        row = SentReminder.objects.get()
        self.assertEqual(row.status, SentReminder.FAILED)
        self.assertIn("ไม่รับการเชื่อมต่อ", row.reason)
        with SmtpServer() as smtp:
            configure(smtp.port)
            _, outcome, _ = service.run(TODAY)
        self.assertEqual(outcome.sent, 1)
        row.refresh_from_db()
        self.assertEqual((row.status, row.attempts, row.reason), (SentReminder.SENT, 2, ""))
        self.assertEqual(len(smtp.messages), 1)

    def test_without_settings_nothing_is_claimed_and_it_says_why(self):
        sends, outcome, _ = service.run(TODAY)
        self.assertEqual(len(sends), 1)
        self.assertEqual((outcome.sent, len(outcome.held)), (0, 1))
        self.assertIn("ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล", outcome.not_configured[0])
        self.assertFalse(SentReminder.objects.exists())

    def test_two_runs_at_once_send_once(self):
        # both runs planned before either sent: the claim decides
        with SmtpServer() as smtp:
            configure(smtp.port)
            first, _ = service.pending(TODAY)
            second, _ = service.pending(TODAY)
            a, b = service.deliver(first), service.deliver(second)
        self.assertEqual((a.sent, b.sent, b.already), (1, 0, 1))
        self.assertEqual(len(smtp.messages), 1)

    def test_the_daily_job_waits_for_eight_oclock(self):
        bangkok = ZoneInfo("Asia/Bangkok")
        with SmtpServer() as smtp:
            configure(smtp.port)
            self.assertFalse(daily.job(datetime(2022, 6, 16, 7, 59, tzinfo=bangkok)))
            self.assertEqual(smtp.messages, [])
            self.assertTrue(daily.job(datetime(2022, 6, 16, 8, 0, tzinfo=bangkok)))
            self.assertTrue(daily.job(datetime(2022, 6, 16, 9, 0, tzinfo=bangkok)))
        self.assertEqual(len(smtp.messages), 1)


@skipIf(connection.vendor == "sqlite", "SQLite's shared in-memory test database locks whole tables; "
        "scripts/test-postgres.sh runs this on PostgreSQL (test_two_runs_at_once_send_once covers the claim here)")
class ConcurrentRunsTestCase(TransactionTestCase):
    """Several workers running the day's job at the same moment (threads, each its own connection)."""

    def test_two_workers_send_once(self):
        from django.contrib.auth.models import User

        from prongsai.reminders.schedule import USER, Reminder

        user = User.objects.create_user("dara", email="dara@ladya.go.th")
        reminder = Reminder("test:1:day", "measure", 1, DUE, TODAY, "ทดสอบการแจ้งเตือน", "เนื้อหา", USER, user_id=user.pk)
        send = service.Send(user, "email", user.email, reminder)
        results: list[object] = []
        barrier = threading.Barrier(4)
        with SmtpServer() as smtp:
            configure(smtp.port)

            def worker() -> None:
                try:
                    barrier.wait()
                    results.append(service.deliver([send]).sent)
                finally:
                    connection.close()

            threads = [threading.Thread(target=worker) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(sorted(results), [0, 0, 0, 1])
        self.assertEqual(len(smtp.messages), 1)
