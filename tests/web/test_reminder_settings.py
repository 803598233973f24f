"""/reminders/settings/: the installation's SMTP and LINE settings (system administrator only)."""

from __future__ import annotations

from django.test import override_settings

from prongsai.web.audit.models import AuditEntry
from prongsai.web.reminders import senders
from prongsai.web.reminders.models import ReminderSettings
from tests.web.reminders_world import SECRET, TOKEN, FakeLine, ReminderWorld, SmtpServer, configure, free_port

URL = "/reminders/settings/"
FORM = {"smtp_host": "smtp.ladya.go.th", "smtp_port": "587", "smtp_security": "starttls", "smtp_user": "ita",
        "smtp_password": "s3cret-pass", "sender": "ita@ladya.go.th", "line_token": TOKEN, "line_secret": SECRET,
        "line_account": "@ladya-ita"}


class ReminderSettingsTestCase(ReminderWorld):
    def test_it_works(self):
        self.login(self.admin)
        self.assertContains(self.client.get(URL), "การตั้งค่าการแจ้งเตือน")
        r = self.client.post(URL, FORM)
        self.assertRedirects(r, URL, fetch_redirect_response=False)
        row = ReminderSettings.load()
        self.assertEqual((row.smtp_host, row.sender, row.line_account), ("smtp.ladya.go.th", "ita@ladya.go.th", "@ladya-ita"))
        self.assertNotIn(b"s3cret-pass", bytes(row.smtp_password_sealed))  # sealed at rest
        cfg = senders.config()
        self.assertEqual((cfg.smtp_password, cfg.line_token, cfg.line_secret), ("s3cret-pass", TOKEN, SECRET))
        page = self.client.get(URL).content.decode()
        self.assertNotIn("s3cret-pass", page)
        self.assertNotIn(TOKEN, page)
        self.assertIn("ตั้งไว้แล้ว", page)
        # blank keeps the secret; the audit log says it changed, never what it is
        self.client.post(URL, {**FORM, "smtp_password": "", "line_token": "", "line_secret": "", "smtp_port": "465",
                               "smtp_security": "ssl"})
        self.assertEqual(senders.config().smtp_password, "s3cret-pass")
        entry = AuditEntry.objects.filter(object_type="การตั้งค่าการแจ้งเตือน").first()
        self.assertIsNotNone(entry)
        self.assertNotIn("s3cret-pass", str(entry.changes))

    def test_it_rejects_bad_input(self):
        self.login(self.admin)
        bad = {**FORM, "smtp_host": "http://smtp gmail", "smtp_port": "99999", "sender": "ไม่ใช่อีเมล",
               "line_secret": "xyz", "line_token": "short"}
        r = self.client.post(URL, bad)
        for text in ("ชื่อเซิร์ฟเวอร์ไม่ถูกต้อง", "พอร์ตต้องเป็นตัวเลข 1–65535", "อีเมลผู้ส่งไม่ถูกต้อง",
                     "Channel secret ไม่ถูกต้อง", "Channel access token ไม่ถูกต้อง"):
            self.assertContains(r, text)
        r = self.client.post(URL, {**FORM, "sender": ""})
        self.assertContains(r, "กรุณาระบุอีเมลผู้ส่ง")
        self.assertFalse(ReminderSettings.objects.exists())

    def test_the_test_button_reports_each_channel_in_thai(self):
        self.admin.email = "root@ladya.go.th"
        self.admin.save()
        self.prefer(self.admin, "both", "Uroot")
        self.login(self.admin)
        with SmtpServer() as smtp, FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            configure(smtp.port, line=True)
            r = self.client.post(URL, {"action": "test"})
        self.assertContains(r, "ส่งถึง root@ladya.go.th แล้ว")
        self.assertContains(r, "ส่งถึง LINE ของท่านแล้ว")
        self.assertEqual(smtp.messages[0]["subject"], "ทดสอบการแจ้งเตือนจากระบบโปร่งใส")
        self.assertEqual(line.pushes()[0]["json"]["to"], "Uroot")

    def test_refused_login_and_unreachable_servers_are_thai_lines(self):
        self.admin.email = "root@ladya.go.th"
        self.admin.save()
        self.login(self.admin)
        with SmtpServer(password="right") as smtp:
            configure(smtp.port, password="wrong")
            r = self.client.post(URL, {"action": "test"})
        self.assertContains(r, "เซิร์ฟเวอร์อีเมลไม่รับชื่อผู้ใช้หรือรหัสผ่าน SMTP")
        configure(free_port())
        r = self.client.post(URL, {"action": "test"})
        self.assertContains(r, "ไม่รับการเชื่อมต่อ")
        self.prefer(self.admin, "line", "Uroot")
        with FakeLine(status=401) as line, override_settings(LINE_API_BASE=line.base):
            configure(line=True)
            r = self.client.post(URL, {"action": "test"})
        self.assertContains(r, "LINE ไม่รับ Channel access token")

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member, self.supervisor, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 404)
            self.assertEqual(self.client.post(URL, FORM).status_code, 404)
            self.assertEqual(self.client.post(URL, {"action": "test"}).status_code, 404)
        self.assertFalse(ReminderSettings.objects.exists())
