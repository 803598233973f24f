"""/reminders/settings/: the installation's SMTP and LINE settings (system administrator only)."""

from __future__ import annotations

from django.test import override_settings

from prongsai.web.audit.models import AuditEntry
from prongsai.web.reminders import senders
from prongsai.web.reminders.models import ReminderSettings
from tests.web.reminders_world import SECRET, TOKEN, FakeLine, ReminderWorld, SmtpServer, free_port

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

    def typed(self, port: int | None = None, line: bool = False, **changes: str) -> dict[str, str]:
        """What an administrator types on the page, then presses บันทึกและส่งข้อความทดสอบ."""
        data = {"smtp_host": "", "smtp_port": "587", "smtp_security": "starttls", "smtp_user": "", "smtp_password": "",
                "sender": "", "line_token": "", "line_secret": "", "line_account": "", "action": "test"}
        if port is not None:
            data.update(smtp_host="127.0.0.1", smtp_port=str(port), smtp_security="none", sender="ita@ladya.go.th")
        if line:
            data.update(line_token=TOKEN, line_secret=SECRET)
        return {**data, **changes}

    def test_one_form_with_two_buttons_and_the_command_is_a_note_for_the_server_admin(self):
        self.login(self.admin)
        page = self.client.get(URL).content.decode()
        form = page[page.index('<form method="post" novalidate>'):]
        form = form[:form.index("</form>")]
        self.assertIn('name="smtp_host"', form)
        self.assertIn('name="action" value="save">บันทึก</button>', form)
        self.assertIn('name="action" value="test">บันทึกและส่งข้อความทดสอบ</button>', form)
        self.assertEqual(page.count('name="action"'), 2)  # no second form for the test
        self.assertIn("ระบบส่งการแจ้งเตือนโดยอัตโนมัติทุกวัน", page)
        note = page[page.index("สำหรับผู้ดูแลเครื่องแม่ข่าย"):]
        self.assertIn("prongsai remind --dry-run", note[:200])
        self.assertEqual(page.count("prongsai remind"), 1)

    def test_the_test_button_uses_what_was_typed(self):
        # nothing set up before: host and port typed on the page, then the test button
        self.admin.email = "root@ladya.go.th"
        self.admin.save()
        self.prefer(self.admin, "both", "Uroot")
        self.login(self.admin)
        self.assertFalse(senders.config().email_ready)
        with SmtpServer() as smtp, FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            r = self.client.post(URL, self.typed(smtp.port, line=True, line_account="@ladya-ita"))
            self.assertRedirects(r, URL, fetch_redirect_response=False)
            r = self.client.get(URL)
        self.assertContains(r, "ผลการส่งข้อความทดสอบ")
        self.assertContains(r, "ส่งถึง root@ladya.go.th แล้ว")
        self.assertContains(r, "ส่งถึง LINE ของท่านแล้ว")
        self.assertNotContains(r, "ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล")
        self.assertEqual(smtp.messages[0]["subject"], "ทดสอบการแจ้งเตือนจากระบบโปร่งใส")
        self.assertEqual(line.pushes()[0]["json"]["to"], "Uroot")
        # what was typed is kept: saved, and on the page again
        row = ReminderSettings.load()
        self.assertEqual((row.smtp_host, row.smtp_port, row.sender, row.line_account),
                         ("127.0.0.1", smtp.port, "ita@ladya.go.th", "@ladya-ita"))
        self.assertContains(r, 'value="127.0.0.1"')
        self.assertContains(r, f'value="{smtp.port}"')
        self.assertNotContains(self.client.get(URL), "ผลการส่งข้อความทดสอบ")  # shown once

    def test_the_test_button_with_bad_values_gives_thai_errors_and_sends_nothing(self):
        self.admin.email = "root@ladya.go.th"
        self.admin.save()
        self.login(self.admin)
        with SmtpServer() as smtp:
            r = self.client.post(URL, self.typed(smtp.port, smtp_port="ห้าแปดเจ็ด", sender="ไม่ใช่อีเมล"))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "พอร์ตต้องเป็นตัวเลข 1–65535")
        self.assertContains(r, "อีเมลผู้ส่งไม่ถูกต้อง")
        self.assertContains(r, "ยังไม่ได้บันทึกและยังไม่ได้ส่งข้อความทดสอบ")
        self.assertContains(r, 'value="127.0.0.1"')  # still on the screen
        self.assertEqual(smtp.messages, [])
        self.assertFalse(ReminderSettings.objects.exists())

    def test_refused_login_and_unreachable_servers_are_thai_lines(self):
        self.admin.email = "root@ladya.go.th"
        self.admin.save()
        self.login(self.admin)
        with SmtpServer(password="right") as smtp:
            self.client.post(URL, self.typed(smtp.port, smtp_user="ita", smtp_password="wrong"))
            r = self.client.get(URL)
        self.assertContains(r, "เซิร์ฟเวอร์อีเมลไม่รับชื่อผู้ใช้หรือรหัสผ่าน SMTP")
        port = free_port()
        self.client.post(URL, self.typed(port))
        r = self.client.get(URL)
        self.assertContains(r, f"เซิร์ฟเวอร์อีเมล 127.0.0.1:{port} ไม่รับการเชื่อมต่อ")  # about the port typed
        self.prefer(self.admin, "line", "Uroot")
        with FakeLine(status=401) as line, override_settings(LINE_API_BASE=line.base):
            self.client.post(URL, self.typed(line=True))
            r = self.client.get(URL)
        self.assertContains(r, "LINE ไม่รับ Channel access token")

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member, self.supervisor, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 404)
            self.assertEqual(self.client.post(URL, FORM).status_code, 404)
            self.assertEqual(self.client.post(URL, {**FORM, "action": "test"}).status_code, 404)
        self.assertFalse(ReminderSettings.objects.exists())
