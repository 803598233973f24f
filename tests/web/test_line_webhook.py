"""/line/webhook/: LINE's messages, signed with the channel secret; a 6-digit code from the
preferences page links that person's LINE account, once, within 30 minutes."""

from __future__ import annotations

import json
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from prongsai.web.audit.models import AuditEntry
from prongsai.web.reminders.models import LineLinkCode, ReminderPreference
from tests.web.reminders_world import FakeLine, ReminderWorld, configure, signature

URL = "/line/webhook/"


def event(text: str, user: str = "Uabc0123456789", token: str = "reply-1") -> bytes:
    return json.dumps({"destination": "U0", "events": [
        {"type": "message", "replyToken": token, "source": {"type": "user", "userId": user},
         "message": {"type": "text", "id": "1", "text": text}}]}, ensure_ascii=False).encode()


class LineWebhookTestCase(ReminderWorld):
    def setUp(self) -> None:
        super().setUp()
        configure(line=True)
        self.code = LineLinkCode.objects.create(user=self.member, code="482913",
                                                expires_at=timezone.now() + timedelta(minutes=30))

    def post(self, body: bytes, sign: str | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(URL, body, content_type="application/json",
                                HTTP_X_LINE_SIGNATURE=signature(body) if sign is None else sign)

    def test_it_works(self):
        with FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            r = self.post(event("รหัส ๔๘๒๙๑๓ ครับ"))
        self.assertEqual(r.status_code, 200)
        pref = ReminderPreference.objects.get(user=self.member)
        self.assertEqual(pref.line_user_id, "Uabc0123456789")
        [reply] = line.replies()
        self.assertEqual(reply["json"]["replyToken"], "reply-1")
        self.assertTrue(reply["json"]["messages"][0]["text"].startswith("เชื่อมบัญชีแล้ว "))
        self.assertEqual(reply["auth"], "Bearer test-channel-access-token-0123456789")
        self.assertTrue(AuditEntry.objects.filter(user=self.member, summary__contains="เชื่อมบัญชี LINE").exists())

    def test_a_bad_signature_is_refused_without_detail(self):
        for sign in ("", "bm90IHRoZSBzaWduYXR1cmU=", signature(event("482913"), "f" * 32)):
            r = self.post(event("482913"), sign)
            self.assertEqual((r.status_code, r.content), (400, b""))
        self.assertFalse(ReminderPreference.objects.filter(user=self.member).exists())

    def test_it_rejects_get(self):
        self.assertEqual(self.client.get(URL).status_code, 405)

    def test_codes_are_single_use_and_expire(self):
        with FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            self.post(event("482913"))
            self.post(event("482913", user="Uintruder", token="reply-2"))
            LineLinkCode.objects.create(user=self.viewer, code="111111", expires_at=timezone.now() - timedelta(seconds=1))
            self.post(event("111111", user="Ulate", token="reply-3"))
        self.assertEqual(ReminderPreference.objects.get(user=self.member).line_user_id, "Uabc0123456789")
        self.assertFalse(ReminderPreference.objects.filter(user=self.viewer).exists())
        texts = [r["json"]["messages"][0]["text"] for r in line.replies()]
        self.assertTrue(texts[0].startswith("เชื่อมบัญชีแล้ว "))
        self.assertTrue(texts[1].startswith("รหัสไม่ถูกต้องหรือหมดอายุแล้ว") and texts[2].startswith("รหัสไม่ถูกต้อง"))

    def test_guessing_codes_stops_after_five_misses_an_hour(self):
        with FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            for n in range(5):
                self.post(event(f"00000{n}", user="Uguesser", token=f"miss-{n}"))
            self.post(event("482913", user="Uguesser", token="right-one"))  # even the right code now waits
        self.assertFalse(ReminderPreference.objects.filter(line_user_id="Uguesser").exists())
        self.assertTrue(line.replies()[-1]["json"]["messages"][0]["text"].startswith("ส่งรหัสไม่ถูกต้องหลายครั้ง"))
        with FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            self.post(event("482913"))  # another LINE account is not held back
        self.assertEqual(ReminderPreference.objects.get(user=self.member).line_user_id, "Uabc0123456789")

    def test_it_checks_ownership(self):
        # a code links only the account that asked for it; no login and no CSRF token are needed
        self.client.force_login(self.stranger)
        with FakeLine() as line, override_settings(LINE_API_BASE=line.base):
            self.post(event("482913"))
        self.assertFalse(ReminderPreference.objects.filter(user=self.stranger).exists())
        self.assertTrue(ReminderPreference.objects.get(user=self.member).line_user_id)

    def test_without_a_channel_secret_nothing_is_believed(self):
        from prongsai.web.reminders.models import ReminderSettings

        row = ReminderSettings.load()
        row.set_secret("line_secret", "")
        row.save()
        self.assertEqual(self.post(event("482913")).status_code, 400)

    def test_malformed_bodies(self):
        for body in (b"not json", b"[]", json.dumps({"events": "x"}).encode()):
            r = self.post(body)
            self.assertIn(r.status_code, (200, 400))
        self.assertEqual(self.post(b"{}").status_code, 200)  # LINE's own "verify" request
