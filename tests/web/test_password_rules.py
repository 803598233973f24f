"""The password rules, in Thai, wherever a password is set."""

import re

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import TestCase

from prongsai.web.agencies.forms import generate_password
from tests.web.base import PASSWORD, BaseTestCase

ENGLISH = re.compile(r"[A-Za-z]{4,}")


def errors(password, user=None):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as e:
        return e.messages
    return []


class PasswordRulesTestCase(TestCase):
    def test_each_rule_says_why_in_thai(self):
        user = User(username="somchai.k", first_name="สมชาย", last_name="ใจดี")
        cases = {
            "short-1": "สั้นเกินไป ต้องยาวอย่างน้อย 10 ตัวอักษร",
            "somchai.k1": "คล้ายกับชื่อผู้ใช้มากเกินไป",
            "password123": "ใช้กันทั่วไป",
            "1234509876": "ต้องไม่เป็นตัวเลขทั้งหมด",
            "          ": "จะเป็นช่องว่างทั้งหมดไม่ได้",
            " a-good-pass-42": "ต้องไม่ขึ้นต้นหรือลงท้ายด้วยช่องว่าง",
            "a-good-pass-42\t": "ต้องไม่ขึ้นต้นหรือลงท้ายด้วยช่องว่าง",
        }
        for password, thai in cases.items():
            with self.subTest(password=password):
                found = errors(password, user)
                self.assertTrue(any(thai in m for m in found), found)
                for message in found:
                    self.assertIsNone(ENGLISH.search(message), message)

    def test_a_good_password_passes(self):
        self.assertEqual(errors("a good pass phrase 42", User(username="somchai.k")), [])
        self.assertEqual(errors("รหัสผ่านภาษาไทยยาวพอ"), [])

    def test_the_help_texts_are_thai(self):
        texts = password_validation.password_validators_help_texts()
        self.assertEqual(len(texts), 5)
        for text in texts:
            self.assertIsNone(ENGLISH.search(text.replace("password1234", "")), text)

    def test_generated_passwords_meet_the_rules(self):
        """Member creation, an administrator's reset and the first administrator all use these."""
        users = [User(username="admin", first_name="ผู้ดูแลระบบ"), User(username="somchai.k", first_name="สมชาย")]
        for _ in range(200):
            password = generate_password()
            for user in users:
                self.assertEqual(errors(password, user), [], password)

    def test_the_first_administrator_gets_a_password_that_meets_the_rules(self):
        import tempfile
        from pathlib import Path

        from prongsai.web.serve import ensure_admin

        with tempfile.TemporaryDirectory() as home:
            admin, password = ensure_admin(Path(home))
        self.assertEqual(errors(password, admin), [])


class PasswordChangeRulesTestCase(BaseTestCase):
    def change(self, new, again=None, old=PASSWORD):
        self.login(self.member)
        return self.client.post("/password/", {"old_password": old, "new_password1": new,
                                               "new_password2": new if again is None else again})

    def test_ten_spaces_are_refused(self):
        r = self.change(" " * 10)
        self.assertContains(r, "จะเป็นช่องว่างทั้งหมดไม่ได้")
        self.assertTrue(User.objects.get(pk=self.member.pk).check_password(PASSWORD))

    def test_spaces_around_a_password_are_refused(self):
        self.assertContains(self.change("  a-much-better-pass-42 "), "ต้องไม่ขึ้นต้นหรือลงท้ายด้วยช่องว่าง")
        self.assertTrue(User.objects.get(pk=self.member.pk).check_password(PASSWORD))

    def test_every_message_on_the_page_is_thai(self):
        body = self.change("1234", again="5678", old="wrong").content.decode()
        for thai in ("รหัสผ่านปัจจุบันไม่ถูกต้อง", "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"):
            self.assertIn(thai, body)
        body = self.change("bob12345").content.decode()
        for thai in ("สั้นเกินไป", "คล้ายกับชื่อผู้ใช้"):
            self.assertIn(thai, body)
        self.assertNotIn("This password", body)
        self.assertNotIn("didn’t match", body)

    def test_the_rules_are_listed_under_the_field(self):
        self.login(self.member)
        r = self.client.get("/password/")
        self.assertContains(r, "รหัสผ่านต้อง: ไม่ขึ้นต้นหรือลงท้ายด้วยช่องว่าง · ยาวอย่างน้อย 10 ตัวอักษร")
        self.assertContains(r, "ไม่เป็นตัวเลขทั้งหมด")
        self.assertContains(r, "รหัสผ่านปัจจุบัน")
        self.assertNotContains(r, "Your password")
