"""The password rules (AUTH_PASSWORD_VALIDATORS) with Thai messages and help texts.

Django's validators keep their checks; only what a user reads changes, because Django's Thai
translation leaves most of these sentences in English. One rule is ours: a password made of
spaces, or one that starts or ends with a space, is refused: such a password passes the length
rule yet is easily mistyped, and a space copied along from a document would make it unusable.
"""

from __future__ import annotations

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError


class NoSurroundingSpaceValidator:
    def validate(self, password: str, user: object = None) -> None:
        if not password.strip():
            raise ValidationError("รหัสผ่านต้องมีตัวอักษรหรือตัวเลข จะเป็นช่องว่างทั้งหมดไม่ได้",
                                  code="password_blank")
        if password != password.strip():
            raise ValidationError("รหัสผ่านต้องไม่ขึ้นต้นหรือลงท้ายด้วยช่องว่าง", code="password_surrounding_space")

    def get_help_text(self) -> str:
        return "ไม่ขึ้นต้นหรือลงท้ายด้วยช่องว่าง"


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย {self.min_length} ตัวอักษร"

    def get_help_text(self) -> str:
        return f"ยาวอย่างน้อย {self.min_length} ตัวอักษร"


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # %(verbose_name)s is the field's name, which Django's Thai translation has (ชื่อผู้ใช้, นามสกุล …).
        return "รหัสผ่านคล้ายกับ%(verbose_name)sมากเกินไป"

    def get_help_text(self) -> str:
        return "ไม่คล้ายกับชื่อผู้ใช้ ชื่อ หรือนามสกุลของท่าน"


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไป เดาได้ง่าย"

    def get_help_text(self) -> str:
        return "ไม่ใช่รหัสผ่านที่ใช้กันทั่วไป เช่น password1234"


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด"

    def get_help_text(self) -> str:
        return "ไม่เป็นตัวเลขทั้งหมด"
