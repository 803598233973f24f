from __future__ import annotations

from typing import Any

from django import forms

from prongsai.ita.model import Item
from prongsai.web.oit.models import OitCheck
from prongsai.web.ui.forms import ThaiDateField


class OitCheckForm(forms.ModelForm):
    checked_on = ThaiDateField(label="ตรวจล่าสุดเมื่อ", required=False)
    url = forms.URLField(label="ลิงก์บนเว็บไซต์ของหน่วยงาน", required=False, assume_scheme="https", max_length=1000,
                         widget=forms.URLInput(attrs={"placeholder": "https://"}))
    components = forms.TypedMultipleChoiceField(label="องค์ประกอบที่หน้าเว็บแสดงแล้ว", required=False, coerce=int,
                                                widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = OitCheck
        fields = ["owner", "url", "status", "components", "note", "checked_on"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["owner"].queryset = self.instance.agency.units.all()
        self.fields["owner"].empty_label = "— ยังไม่มอบหมาย —"
        if item.components:
            self.fields["components"].choices = list(enumerate(item.components))
            self.initial.setdefault("components", list(self.instance.components_done or []))
        else:
            del self.fields["components"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        status = cleaned.get("status")
        components = cleaned.get("components") or []
        if status == OitCheck.DONE and self.item.components and len(components) < len(self.item.components):
            self.add_error("status", "ยังเลือกองค์ประกอบไม่ครบ: ข้อที่ขาดองค์ประกอบได้ 0 คะแนน "
                                     "เลือก 'มีแต่ไม่ครบองค์ประกอบ' หรือตรวจองค์ประกอบให้ครบ")
        if status in (OitCheck.DONE, OitCheck.PARTIAL) and not cleaned.get("url"):
            self.add_error("url", "ใส่ลิงก์หน้าเว็บไซต์ที่แสดงข้อมูลข้อนี้")
        return cleaned

    def save(self, commit: bool = True) -> OitCheck:
        check: OitCheck = super().save(commit=False)
        if "components" in self.fields:
            check.components_done = sorted(self.cleaned_data.get("components") or [])
        if commit:
            check.save()
        return check
