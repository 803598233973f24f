"""Form rendering and shared fields: every field gets its label, help text and error next to it
(linked with aria-describedby), and dates are typed the Thai way (31/3/2567)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from pythainlp.util import thai_strftime

from prongsai.errors import InputError
from prongsai.thai import parse_number


class Renderer(TemplatesSetting):
    form_template_name = "ui/form.html"
    field_template_name = "ui/field.html"


class ThaiDateInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "เช่น 31/3/2567", "inputmode": "numeric", "autocomplete": "off",
                "class": "input-date"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return f"{value.day}/{value.month}/{value.year + 543}"
        return super().format_value(value)


class ThaiDateField(forms.Field):
    """A date typed as day/month/Buddhist year (31/3/2567), or ISO (2024-03-31)."""

    widget = ThaiDateInput
    default_error_messages = {"invalid": "วันที่ไม่ถูกต้อง (ที่ถูกต้อง: วัน/เดือน/ปี พ.ศ. เช่น 31/3/2567)"}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        from prongsai.results_io import parse_date

        try:
            day = parse_date(str(value).strip(), "")
        except InputError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 1990 <= day.year <= 2200:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return day


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
            raise forms.ValidationError(f"'{value}' ไม่ใช่ตัวเลข (ที่ถูกต้อง: ตัวเลข 0–100 เช่น 84.05 หรือ ๘๔.๐๕)",
                                        code="invalid") from None
        if not 0 <= number <= 100:
            raise forms.ValidationError(f"{value} อยู่นอกช่วง (ที่ถูกต้อง: ตัวเลข 0–100)", code="range")
        return number


def be_date(value: date | None) -> str:
    return thai_strftime(value, "%-d %b %Y") if value else ""
