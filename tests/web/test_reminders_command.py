"""`prongsai remind [--today] [--dry-run] [--json]` (design §5.6)."""

from __future__ import annotations

import json

from prongsai.web.reminders import command
from prongsai.web.reminders.models import SentReminder
from tests.web.reminders_world import DUE, ReminderWorld, SmtpServer, configure


class RemindCommandTestCase(ReminderWorld):
    def run_command(self, *argv: str) -> tuple[int, str, str]:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = command.main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def test_dry_run_json_lists_without_sending(self):
        code, out, _ = self.run_command("--today", "2022-06-16", "--dry-run", "--json")
        self.assertEqual(code, 0)
        listed = json.loads(out)
        self.assertEqual(len(listed), 1)
        self.assertEqual(set(listed[0]), {"to", "channel", "subject", "due"})
        self.assertEqual((listed[0]["to"], listed[0]["channel"], listed[0]["due"]),
                         ("ursula@ladya.go.th", "email", DUE.isoformat()))
        self.assertIn("จะครบกำหนดในอีก 14 วัน", listed[0]["subject"])
        self.assertFalse(SentReminder.objects.exists())

    def test_thai_dates_are_read_too(self):
        code, out, _ = self.run_command("--today", "16/6/2565", "--dry-run")
        self.assertEqual(code, 0)
        self.assertIn("การแจ้งเตือนที่ถึงกำหนดวันที่ 16 มิถุนายน 2565: 1 รายการ", out)
        self.assertIn("อีเมล ถึง ursula@ladya.go.th", out)

    def test_a_real_run_sends_then_sends_nothing_more(self):
        with SmtpServer() as smtp:
            configure(smtp.port)
            code, out, _ = self.run_command("--today", "2022-06-16")
            self.assertEqual(code, 0)
            self.assertIn("ส่งแล้ว 1 รายการ", out)
            self.assertEqual(json.loads(self.run_command("--today", "2022-06-16", "--dry-run", "--json")[1]), [])
            code, out, _ = self.run_command("--today", "2022-06-16")
        self.assertIn("ส่งแล้ว 0 รายการ", out)
        self.assertEqual(len(smtp.messages), 1)

    def test_without_settings_it_says_what_is_missing(self):
        code, out, _ = self.run_command("--today", "2022-06-16")
        self.assertEqual(code, 0)
        self.assertIn("ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล (SMTP)", out)
        self.assertIn("ยังไม่ได้ส่ง 1 รายการ", out)

    def test_a_bad_date_is_exit_2_with_a_thai_line(self):
        for bad in ("2022-02-30", "พรุ่งนี้", "32/13/2565"):
            code, out, err = self.run_command("--today", bad, "--dry-run")
            self.assertEqual(code, 2, bad)
            self.assertTrue(err.startswith("ค่า --today ไม่ถูกต้อง:"), err)
            self.assertNotIn("Traceback", err)
