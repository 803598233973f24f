"""The public's question form and the staff's answer and rejection forms. Every error names its
field in Thai, so a mistake is clear next to the box it belongs to."""

from __future__ import annotations

from typing import Any

from django import forms

from prongsai.web.qa.models import ANSWER_MAX, CONTACT_MAX, NAME_MAX, REASON_MAX, TEXT_MAX, Question


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _paragraphs(text: str) -> str:
    """Line breaks kept (people write paragraphs), trailing spaces and runs of blank lines removed."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _too_long(label: str, limit: int) -> str:
    return f"{label}ยาวได้ไม่เกิน {limit:,} ตัวอักษร (ขณะนี้ %(show_value)s ตัวอักษร)"


class AskForm(forms.Form):
    name = forms.CharField(
        label="ชื่อผู้ถาม (ไม่บังคับ)", required=False, max_length=NAME_MAX,
        help_text="ชื่อที่ระบุจะแสดงพร้อมคำถามบนหน้านี้ หากไม่ระบุจะแสดงว่า “ไม่ประสงค์ออกนาม”",
        error_messages={"max_length": _too_long("ชื่อผู้ถาม", NAME_MAX)},
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    text = forms.CharField(
        label="คำถาม", max_length=TEXT_MAX,
        help_text=f"ไม่เกิน {TEXT_MAX:,} ตัวอักษร โปรดอย่าระบุข้อมูลส่วนบุคคล เช่น เลขประจำตัวประชาชน",
        error_messages={"required": "กรุณากรอกคำถาม", "max_length": _too_long("คำถาม", TEXT_MAX)},
        widget=forms.Textarea(attrs={"rows": 6}))
    contact = forms.CharField(
        label="ช่องทางติดต่อกลับ (ไม่บังคับ)", required=False, max_length=CONTACT_MAX,
        help_text="อีเมลหรือหมายเลขโทรศัพท์ เพื่อให้หน่วยงานติดต่อตอบกลับเป็นการส่วนตัว "
                  "ข้อมูลนี้จะไม่เผยแพร่บนเว็บไซต์",
        error_messages={"max_length": _too_long("ช่องทางติดต่อกลับ", CONTACT_MAX)},
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    # A box people do not see: a program filling every box it finds fills this one too.
    website = forms.CharField(label="เว้นช่องนี้ว่างไว้", required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data.get("name", ""))

    def clean_contact(self) -> str:
        return _one_line(self.cleaned_data.get("contact", ""))

    def clean_text(self) -> str:
        return _paragraphs(self.cleaned_data.get("text", ""))

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class AnswerForm(forms.ModelForm):
    """Answer and publish. The question's wording and name may be edited first to remove personal
    data: only the edited text is kept."""

    class Meta:
        model = Question
        fields = ["text", "name", "answer"]
        labels = {"text": "คำถามที่จะเผยแพร่", "name": "ชื่อผู้ถามที่จะเผยแพร่", "answer": "คำตอบ"}
        help_texts = {
            "text": "แก้ไขได้เพื่อตัดข้อมูลส่วนบุคคลหรือถ้อยคำที่ไม่เหมาะสมออกก่อนเผยแพร่ "
                    "ระบบเก็บเฉพาะข้อความที่แก้ไขแล้ว ไม่เก็บข้อความเดิม",
            "name": "เว้นว่างเพื่อแสดงว่า “ไม่ประสงค์ออกนาม”",
            "answer": "เผยแพร่บนหน้าถาม–ตอบของหน่วยงานพร้อมคำถาม",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "answer": forms.Textarea(attrs={"rows": 7})}
        error_messages = {
            "text": {"required": "กรุณากรอกคำถามที่จะเผยแพร่", "max_length": _too_long("คำถาม", TEXT_MAX)},
            "name": {"max_length": _too_long("ชื่อผู้ถาม", NAME_MAX)},
            "answer": {"required": "กรุณากรอกคำตอบ", "max_length": _too_long("คำตอบ", ANSWER_MAX)},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data.get("name", ""))

    def clean_text(self) -> str:
        return _paragraphs(self.cleaned_data.get("text", ""))

    def clean_answer(self) -> str:
        answer = _paragraphs(self.cleaned_data.get("answer", ""))
        if not answer:
            raise forms.ValidationError("กรุณากรอกคำตอบ", code="required")
        return answer


class RejectForm(forms.Form):
    reject_reason = forms.CharField(
        label="เหตุผลที่ไม่เผยแพร่", max_length=REASON_MAX,
        help_text="บันทึกไว้ภายในหน่วยงานเท่านั้น ไม่แสดงต่อสาธารณะ",
        error_messages={"required": "กรุณากรอกเหตุผลที่ไม่เผยแพร่",
                        "max_length": _too_long("เหตุผลที่ไม่เผยแพร่", REASON_MAX)},
        widget=forms.Textarea(attrs={"rows": 3}))

    def clean_reject_reason(self) -> str:
        return _paragraphs(self.cleaned_data.get("reject_reason", ""))
