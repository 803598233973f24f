"""Form rendering and shared fields: every field gets its label, help text and error next to it
(linked with aria-describedby), and dates are typed the Thai way (31/3/2567)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from pythainlp.util import thai_strftime

from prongsai.thai import BE_OFFSET, ThaiDateError, check_printable, parse_number, parse_thai_date

# The forms a date field's error names (the widest choice stays in the README).
FORM_DATE_FORMS = "31/3/2567, 31/3/67 หรือ 31 มีนาคม 2567 พิมพ์เป็นเลขไทยก็ได้"


class Renderer(TemplatesSetting):
    form_template_name = "ui/form.html"
    field_template_name = "ui/field.html"


class ThaiDateInput(forms.TextInput):
    """A text box for a date: Thai month names are typed too, so no numeric keypad."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "เช่น 31/3/2567 หรือ 31 มี.ค. 2567", "autocomplete": "off",
                "class": "input-date", "maxlength": "40"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return f"{value.day}/{value.month}/{value.year + BE_OFFSET}"
        return super().format_value(value)


class ThaiDateField(forms.Field):
    """A date in any Thai form `prongsai.thai.parse_thai_date` reads: 31/3/2567, 31/3/67,
    31 มีนาคม 2567, ๓๑ มี.ค. ๖๗, ISO with a BE or CE year. Bad input is a Thai form error."""

    widget = ThaiDateInput
    default_error_messages = {"invalid": "วันที่ไม่ถูกต้อง: {problem} (รูปแบบที่รับได้: {forms})"}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_thai_date(value)
        except ThaiDateError as exc:
            message = self.error_messages["invalid"].format(problem=exc.problem, forms=FORM_DATE_FORMS)
            raise forms.ValidationError(message, code="invalid") from None


class ScoreField(forms.CharField):
    """A score 0–100 as people type it: 84.05, ๘๔.๐๕, 84.05%."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "input-score",
                                  "maxlength": "20"})

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value)
        except ValueError:
            raise forms.ValidationError(f"'{value}' ไม่ใช่ตัวเลข (ที่ถูกต้อง: ตัวเลข 0–100 เช่น 84.05 พิมพ์เป็นเลขไทยก็ได้)",
                                        code="invalid") from None
        if not 0 <= number <= 100:
            raise forms.ValidationError(f"{value} อยู่นอกช่วง (ที่ถูกต้อง: ตัวเลข 0–100)", code="range")
        return number


def be_date(value: date | None) -> str:
    return thai_strftime(check_printable(value), "%-d %b %Y") if value else ""
