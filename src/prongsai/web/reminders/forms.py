"""The reminder forms: a person's choice of channel, and the installation's sending settings."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from prongsai.web.reminders.models import BOTH, CHANNELS, EMAIL, LINE, ReminderSettings

HOST = re.compile(r"^(?=.{1,200}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$"
                  r"|^\[?[0-9A-Fa-f:.]+\]?$")
SET = "ตั้งไว้แล้ว (เว้นว่างเพื่อใช้ค่าเดิม)"


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(label="รับการแจ้งเตือนทาง", choices=CHANNELS, widget=forms.RadioSelect)
    email = forms.EmailField(label="อีเมล", required=False, max_length=254,
                             error_messages={"invalid": "อีเมลไม่ถูกต้อง ตัวอย่างที่ถูกต้อง: somchai@ladya.go.th"},
                             help_text="อีเมลของบัญชีนี้ที่ใช้รับการแจ้งเตือน")

    def __init__(self, *args: Any, line_linked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line_linked = line_linked

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        channel = cleaned.get("channel")
        if channel in (EMAIL, BOTH) and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "กรุณาระบุอีเมล เนื่องจากท่านเลือกรับการแจ้งเตือนทางอีเมล")
        if channel in (LINE, BOTH) and not self.line_linked:
            self.add_error("channel", "ยังไม่ได้เชื่อมบัญชี LINE กรุณาเชื่อม LINE ก่อน (ด้านล่าง) แล้วจึงเลือกรับทาง LINE")
        return cleaned


class SettingsForm(forms.Form):
    smtp_host = forms.CharField(label="เซิร์ฟเวอร์อีเมล (SMTP)", required=False, max_length=200,
                                help_text="เช่น smtp.gmail.com หรือ mail.ladya.go.th หากเว้นว่าง ระบบจะไม่ส่งทางอีเมล")
    smtp_port = forms.IntegerField(label="พอร์ต", min_value=1, max_value=65535, initial=587,
                                   error_messages={"invalid": "พอร์ตต้องเป็นตัวเลข 1–65535 เช่น 587",
                                                   "required": "กรุณาระบุพอร์ต เช่น 587",
                                                   "min_value": "พอร์ตต้องเป็นตัวเลข 1–65535 เช่น 587",
                                                   "max_value": "พอร์ตต้องเป็นตัวเลข 1–65535 เช่น 587"})
    smtp_security = forms.ChoiceField(label="การเข้ารหัส", choices=ReminderSettings.SECURITIES)
    smtp_user = forms.CharField(label="ชื่อผู้ใช้ SMTP", required=False, max_length=200)
    smtp_password = forms.CharField(label="รหัสผ่าน SMTP", required=False, max_length=500,
                                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}))
    clear_smtp_password = forms.BooleanField(label="ลบรหัสผ่าน SMTP ที่ตั้งไว้", required=False)
    sender = forms.EmailField(label="อีเมลผู้ส่ง", required=False, max_length=254,
                              error_messages={"invalid": "อีเมลผู้ส่งไม่ถูกต้อง ตัวอย่างที่ถูกต้อง: ita@ladya.go.th"})
    line_token = forms.CharField(label="โทเค็นสำหรับส่งข้อความ LINE (Channel access token)", required=False, max_length=1000,
                                 widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                                 help_text="จาก LINE Developers › Messaging API (โทเค็นระยะยาว)")
    clear_line_token = forms.BooleanField(label="ลบ Channel access token ที่ตั้งไว้", required=False)
    line_secret = forms.CharField(label="รหัสลับของช่อง LINE (Channel secret)", required=False, max_length=100,
                                  widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                                  help_text="ใช้ตรวจสอบว่าข้อความที่ส่งมาที่ /line/webhook/ มาจาก LINE จริง")
    clear_line_secret = forms.BooleanField(label="ลบ Channel secret ที่ตั้งไว้", required=False)
    line_account = forms.CharField(label="รหัสบัญชี LINE Official Account (ID)", required=False, max_length=60,
                                   help_text="เช่น @ladya-ita ผู้ใช้ต้องเพิ่มบัญชีนี้เป็นเพื่อนก่อนเชื่อม LINE")

    def __init__(self, *args: Any, current: ReminderSettings | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        self.label_suffix = ""
        for name in ReminderSettings.SECRETS:
            if current is not None and current.has_secret(name):
                self.fields[name].widget.attrs["placeholder"] = SET
            else:  # nothing to remove
                del self.fields[f"clear_{name}"]

    def clean_smtp_host(self) -> str:
        host = self.cleaned_data["smtp_host"].strip()
        if host and not HOST.match(host):
            raise forms.ValidationError("ชื่อเซิร์ฟเวอร์ไม่ถูกต้อง ให้ใช้ชื่อโดเมนหรือหมายเลข IP โดยไม่มีช่องว่างหรือ http:// "
                                        "เช่น smtp.gmail.com")
        return host

    def clean_line_token(self) -> str:
        token = self.cleaned_data["line_token"].strip()
        if token and (len(token) < 20 or re.search(r"\s", token)):
            raise forms.ValidationError("Channel access token ไม่ถูกต้อง: ต้องยาวอย่างน้อย 20 ตัวอักษรและไม่มีช่องว่าง "
                                        "คัดลอกจาก LINE Developers › Messaging API")
        return token

    def clean_line_secret(self) -> str:
        secret = self.cleaned_data["line_secret"].strip()
        if secret and not re.fullmatch(r"[0-9a-fA-F]{32}", secret):
            raise forms.ValidationError("Channel secret ไม่ถูกต้อง: ต้องเป็นตัวอักษร 0–9 และ a–f จำนวน 32 ตัว "
                                        "คัดลอกจาก LINE Developers › Basic settings")
        return secret

    def clean_line_account(self) -> str:
        account = self.cleaned_data["line_account"].strip()
        if account and not re.fullmatch(r"@?[0-9A-Za-z._-]{3,40}", account):
            raise forms.ValidationError("LINE Official Account ID ไม่ถูกต้อง ตัวอย่างที่ถูกต้อง: @ladya-ita")
        return account

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("smtp_host") and not cleaned.get("sender") and "sender" not in self.errors:
            self.add_error("sender", "กรุณาระบุอีเมลผู้ส่ง เนื่องจากได้ระบุเซิร์ฟเวอร์อีเมลไว้")
        if cleaned.get("smtp_password") and cleaned.get("clear_smtp_password"):
            self.add_error("clear_smtp_password", "ไม่สามารถลบรหัสผ่านและกรอกรหัสผ่านใหม่พร้อมกันได้ กรุณาเลือกอย่างใดอย่างหนึ่ง")
        return cleaned

    def apply(self, row: ReminderSettings) -> None:
        data = self.cleaned_data
        for name in ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "sender", "line_account"):
            setattr(row, name, data[name] if data[name] is not None else "")
        for name in ReminderSettings.SECRETS:
            if data.get(f"clear_{name}"):
                row.set_secret(name, "")
            elif data.get(name):
                row.set_secret(name, data[name])
