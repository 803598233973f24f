"""/account/reminders/: each signed-in person's channel, e-mail, LINE link and what they will get."""

from __future__ import annotations

from datetime import date
from unittest import mock

from django.test import override_settings

from prongsai.web.audit.models import AuditEntry
from prongsai.web.reminders import service
from prongsai.web.reminders.models import LineLinkCode, ReminderPreference
from tests.web.reminders_world import DUE, TODAY, FakeLine, ReminderWorld, SmtpServer, configure

URL = "/account/reminders/"


class ReminderPreferencesTestCase(ReminderWorld):
    def test_it_works(self):
        self.login(self.unit_editor)
        with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
            r = self.client.get(URL)
        self.assertContains(r, "การแจ้งเตือน")
        self.assertContains(r, "จะครบกำหนดในอีก 14 วัน")  # what they will receive
        r = self.client.post(URL, {"action": "save", "channel": "email", "email": "ursula.k@ladya.go.th"})
        self.assertRedirects(r, URL, fetch_redirect_response=False)
        self.unit_editor.refresh_from_db()
        self.assertEqual(self.unit_editor.email, "ursula.k@ladya.go.th")
        self.assertEqual(ReminderPreference.objects.get(user=self.unit_editor).channel, "email")
        self.assertTrue(AuditEntry.objects.filter(user=self.unit_editor, summary="เปลี่ยนการรับการแจ้งเตือน").exists())

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        r = self.client.post(URL, {"action": "save", "channel": "email", "email": "ไม่ใช่อีเมล"})
        self.assertContains(r, "อีเมลไม่ถูกต้อง ตัวอย่างที่ถูกต้อง")
        r = self.client.post(URL, {"action": "save", "channel": "email", "email": ""})
        self.assertContains(r, "กรุณาระบุอีเมล")
        r = self.client.post(URL, {"action": "save", "channel": "line", "email": ""})
        self.assertContains(r, "ยังไม่ได้เชื่อมบัญชี LINE")
        r = self.client.post(URL, {"action": "save", "channel": "pigeon"})
        self.assertContains(r, 'id="id_channel_error"')
        self.assertFalse(ReminderPreference.objects.filter(user=self.member).exists())

    def test_a_line_code_is_shown_and_unlinking_falls_back(self):
        configure(line=True)
        self.login(self.member)
        self.client.post(URL, {"action": "code"})
        code = LineLinkCode.objects.get(user=self.member)
        self.assertRegex(code.code, r"^\d{6}$")
        self.assertContains(self.client.get(URL), code.code)
        self.prefer(self.member, "both", "Uabc")
        self.client.post(URL, {"action": "unlink"})
        pref = ReminderPreference.objects.get(user=self.member)
        self.assertEqual((pref.line_user_id, pref.channel), ("", "email"))

    def test_it_checks_ownership(self):
        # one's own settings only: another person's choices are neither shown nor changed
        self.prefer(self.member, "none")
        self.login(self.stranger)
        with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
            r = self.client.get(URL)
        self.assertNotContains(r, "จะครบกำหนดในอีก 14 วัน")  # agency A's reminders are not theirs
        self.assertNotContains(r, "bob@ladya.go.th")
        self.client.post(URL, {"action": "save", "channel": "email", "email": "c@khongyang.go.th"})
        self.assertEqual(ReminderPreference.objects.get(user=self.member).channel, "none")
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)  # to the login page

    def test_a_deadline_reminded_on_several_days_is_one_row_with_its_days(self):
        # 14 and 3 days before, on the day, then weekly while not done: one row, the next day first
        self.prefer(self.unit_editor, "both", "Uursula")
        [row] = service.upcoming(self.unit_editor, TODAY)
        self.assertEqual((row.day, row.reminder.due, row.channels), (TODAY, DUE, ("email", "line")))
        self.assertIn("จะครบกำหนดในอีก 14 วัน", row.reminder.subject)  # as it reads that day
        self.assertEqual(row.later, (date(2022, 6, 27), date(2022, 6, 30), date(2022, 7, 7), date(2022, 7, 14)))
        self.login(self.unit_editor)
        with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
            page = self.client.get(URL).content.decode()
            csv = self.client.get(URL + "?format=csv").content.decode("utf-8-sig")
        table = page[page.index("<tbody>"):page.index("</tbody>")]
        self.assertEqual(table.count("<tr>"), 1)
        self.assertIn("วันนี้", table)
        self.assertIn("แจ้งเตือนอีก 4 ครั้ง", table)
        self.assertIn("27 มิ.ย. 2565", table)
        self.assertIn("อีเมลและ LINE", table)
        self.assertNotIn("หน่วยงาน</th>", page)  # one agency: no column
        lines = [line for line in csv.splitlines() if line.strip()]
        self.assertIn("แจ้งเตือนอีกครั้ง", lines[0])
        self.assertNotIn("หน่วยงาน", lines[0])
        self.assertEqual(len(lines), 2)
        self.assertIn("27 มิ.ย. 2565, 30 มิ.ย. 2565, 7 ก.ค. 2565, 14 ก.ค. 2565", lines[1])
        # once today's is sent, the next one leads
        with SmtpServer() as smtp, FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            configure(smtp.port, line=True)
            service.run(TODAY)
        [row] = service.upcoming(self.unit_editor, TODAY)
        self.assertEqual((row.day, row.later), (date(2022, 6, 27), (date(2022, 6, 30), date(2022, 7, 7), date(2022, 7, 14))))
        self.assertIn("จะครบกำหนดในอีก 3 วัน", row.reminder.subject)
