"""The reporter's forms (public) and the complaint officers' forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from prongsai.channels import attachments
from prongsai.channels.categories import complaint_categories
from prongsai.channels.receipts import normalised
from prongsai.web.complaints.models import ChannelSettings, Complaint
from prongsai.web.plans.forms import MultipleFileField
from prongsai.web.ui.forms import ThaiDateField

MAX_FILES = 5
TEXT_LIMIT = 10_000


def _clean_files(uploads: list[Any]) -> list[attachments.CleanFile]:
    if len(uploads) > MAX_FILES:
        raise forms.ValidationError(f"แนบได้ไม่เกิน {MAX_FILES} ไฟล์")
    cleaned, errors = [], []
    for number, upload in enumerate(uploads, start=1):
        if upload.size > settings.UPLOAD_MAX_BYTES:
            errors.append(f"ไฟล์ “{upload.name[:60]}” ใหญ่เกิน {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} เมกะไบต์")
            continue
        try:
            cleaned.append(attachments.clean(upload.name[:60], upload.read(), number, settings.UPLOAD_MAX_BYTES))
        except attachments.AttachmentRefused as exc:
            errors.append(str(exc))
    if errors:
        raise forms.ValidationError(errors)
    return cleaned


def _files_field() -> MultipleFileField:
    return MultipleFileField(
        label="แนบไฟล์หลักฐาน (ถ้ามี)", required=False,
        help_text=(f"ไฟล์ {attachments.KINDS_TH} แนบได้ไม่เกิน {MAX_FILES} ไฟล์ ไฟล์ละไม่เกิน "
                   f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} เมกะไบต์ · ระบบลบข้อมูลแฝงในรูปภาพ (เช่น พิกัดที่ถ่าย"
                   "และรุ่นกล้อง) ให้อัตโนมัติ แต่ลบข้อมูลในไฟล์ PDF ไม่ได้ ไฟล์ PDF อาจมีชื่อผู้สร้างไฟล์ติดอยู่ หากไม่ต้องการเปิดเผยตัว ควรถ่ายภาพเฉพาะตัวเอกสารแทน"))


class ReportForm(forms.Form):
    ANONYMOUS, NAMED = "anonymous", "named"
    category = forms.ChoiceField(label="ประเภทเรื่องที่ร้องเรียน", choices=[("", "— เลือกประเภทเรื่อง —"),
                                                                            *complaint_categories()])
    concerned = forms.CharField(label="หน่วยงานหรือบุคคลที่ถูกร้องเรียน", max_length=500,
                                help_text="ระบุกอง/สำนัก ชื่อ หรือตำแหน่งของผู้ถูกร้องเรียนเท่าที่ทราบ")
    what = forms.CharField(label="รายละเอียดของเรื่อง", max_length=TEXT_LIMIT, min_length=20,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="เล่าว่าเกิดอะไรขึ้น ใครเกี่ยวข้อง และมีพยานหลักฐานอะไร ยิ่งละเอียด "
                                     "เจ้าหน้าที่ยิ่งตรวจสอบได้ง่าย ไม่ต้องระบุชื่อของท่าน และหากไม่ต้องการเปิดเผยตัว ควรเลี่ยงรายละเอียดที่มีเพียงท่านที่รู้")
    when = forms.CharField(label="เกิดขึ้นเมื่อใด", max_length=200, required=False,
                           help_text="เช่น ต้นเดือนมีนาคมที่ผ่านมา หรือทุกวันจันทร์")
    where = forms.CharField(label="เกิดขึ้นที่ใด", max_length=300, required=False)
    identity = forms.ChoiceField(
        label="ต้องการเปิดเผยชื่อหรือไม่", widget=forms.RadioSelect, initial=ANONYMOUS,
        choices=[(ANONYMOUS, "ไม่ประสงค์ออกนาม (ติดตามเรื่องด้วยเลขรับเรื่องที่ได้รับ)"),
                 (NAMED, "ระบุชื่อและช่องทางติดต่อกลับ (หน่วยงานเก็บเป็นความลับ และเปิดเผยเฉพาะผู้มีหน้าที่เท่าที่จำเป็น)")])
    name = forms.CharField(label="ชื่อ-นามสกุล (กรอกเฉพาะเมื่อเลือกระบุชื่อ)", max_length=150, required=False)
    contact = forms.CharField(label="ช่องทางติดต่อกลับ (กรอกเฉพาะเมื่อเลือกระบุชื่อ)", max_length=200, required=False,
                              help_text="เบอร์โทรศัพท์ อีเมล หรือที่อยู่")
    files = _files_field()
    website = forms.CharField(required=False, label="เว้นช่องนี้ว่างไว้")  # honeypot: people never see it

    def clean_files(self) -> list[attachments.CleanFile]:
        return _clean_files(self.cleaned_data.get("files") or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("identity") == self.NAMED:
            if not (data.get("name") or "").strip():
                self.add_error("name", "ท่านเลือกระบุชื่อ กรุณากรอกชื่อ-นามสกุล หรือเปลี่ยนเป็น “ไม่ประสงค์ออกนาม”")
            if not (data.get("contact") or "").strip():
                self.add_error("contact", "ท่านเลือกระบุชื่อ กรุณากรอกช่องทางติดต่อกลับอย่างน้อยหนึ่งช่องทาง")
        else:
            # An anonymous report keeps no name even if one was typed before switching.
            data["name"] = data["contact"] = ""
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class RecordForm(ReportForm):
    """An officer records a report that came by phone, post, e-mail or in person."""

    channel = forms.ChoiceField(label="ช่องทางที่รับเรื่อง", choices=[c for c in Complaint.CHANNELS if c[0] != Complaint.WEB])
    received_on = ThaiDateField(label="วันที่รับเรื่อง")

    field_order = ["channel", "received_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["what"].help_text = "สรุปเรื่องตามที่ผู้ร้องเรียนแจ้ง"
        self.fields["received_on"].initial = timezone.localdate()

    @property
    def is_bot(self) -> bool:
        return False

    def clean_received_on(self) -> date:
        day = self.cleaned_data["received_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError("วันที่รับเรื่องต้องไม่เลยวันนี้")
        if (today - day).days > 366:
            raise forms.ValidationError("วันที่รับเรื่องย้อนหลังได้ไม่เกินหนึ่งปี")
        return day


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label="เลขรับเรื่อง 16 หลัก", max_length=40,
                              widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                            "spellcheck": "false"}),
                              help_text="พิมพ์เว้นวรรคหรือขีดคั่นได้ เช่น 1234 5678 9012 3456")

    def clean_receipt(self) -> str:
        receipt = normalised(self.cleaned_data["receipt"])
        if receipt is None:
            raise forms.ValidationError("เลขรับเรื่องต้องเป็นตัวเลข 16 หลัก")
        return receipt


class ReplyForm(ReceiptForm):
    message = forms.CharField(label="ข้อความถึงเจ้าหน้าที่", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 5}))
    files = _files_field()
    website = forms.CharField(required=False, label="เว้นช่องนี้ว่างไว้")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receipt"].widget = forms.HiddenInput()

    def clean_files(self) -> list[attachments.CleanFile]:
        return _clean_files(self.cleaned_data.get("files") or [])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="สถานะ", choices=Complaint.STATUSES)
    forwarded_to = forms.CharField(label="ส่งต่อไปยัง", max_length=200, required=False,
                                   help_text="กรอกเมื่อเลือกสถานะ “ส่งต่อหน่วยงานที่มีอำนาจ”")
    outcome = forms.ChoiceField(label="ผลการพิจารณา", choices=[("", "— เลือกเมื่อยุติเรื่อง —"), *Complaint.OUTCOMES],
                                required=False)
    tell_reporter = forms.CharField(label="ข้อความแจ้งผู้ร้องเรียน (ถ้ามี)", max_length=TEXT_LIMIT, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text="ผู้ร้องเรียนเห็นข้อความนี้เมื่อติดตามเรื่องด้วยเลขรับเรื่อง")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if status == Complaint.FORWARDED and not (data.get("forwarded_to") or "").strip():
            self.add_error("forwarded_to", "กรุณาระบุหน่วยงานที่ส่งต่อเรื่องไป")
        if status == Complaint.CLOSED and not data.get("outcome"):
            self.add_error("outcome", "เลือกผลการพิจารณาก่อนยุติเรื่อง")
        if status != Complaint.CLOSED:
            data["outcome"] = ""
        return data


class MessageForm(forms.Form):
    message = forms.CharField(label="ข้อความถึงผู้ร้องเรียน", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="ผู้ที่มีเลขรับเรื่องจะเห็นข้อความนี้ อย่าใส่ข้อมูลที่ทำให้ทราบตัวพยานหรือผู้ให้ข้อมูลรายอื่น ข้อความแรกที่ส่งนับเป็นการแจ้งการรับเรื่อง")


class NoteForm(forms.Form):
    note = forms.CharField(label="บันทึกภายใน", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="เห็นเฉพาะผู้รับเรื่องร้องเรียนของหน่วยงาน ผู้ร้องเรียนไม่เห็น")


class ChannelSettingsForm(forms.ModelForm):
    guideline_date = ThaiDateField(label="วันที่ประกาศแนวปฏิบัติ",
                                   help_text="วันที่ผู้บริหารลงนามในประกาศแนวปฏิบัติการจัดการเรื่องร้องเรียน "
                                             "(พิมพ์ลงในแนวปฏิบัติที่ระบบจัดทำ)")

    class Meta:
        model = ChannelSettings
        fields = ["is_open", "handling_unit", "acknowledge_days", "answer_days", "phone", "email", "postal_address",
                  "walk_in", "forward_to", "guideline_date"]
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 2}), "forward_to": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, officers: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officers = officers
        self.fields["handling_unit"].queryset = self.instance.agency.units.all()
        self.fields["handling_unit"].empty_label = "— เลือกกอง/สำนัก —"
        if not self.instance.guideline_date:
            self.initial.setdefault("guideline_date", timezone.localdate())
        for name, top in (("acknowledge_days", 30), ("answer_days", 180)):
            self.fields[name].min_value = 1
            self.fields[name].max_value = top
            self.fields[name].widget.attrs.update({"min": 1, "max": top})

    def clean_acknowledge_days(self) -> int:
        return self._days("acknowledge_days", 30)

    def clean_answer_days(self) -> int:
        return self._days("answer_days", 180)

    def _days(self, name: str, top: int) -> int:
        value = self.cleaned_data.get(name)
        if value is None or not 1 <= value <= top:
            raise forms.ValidationError(f"ต้องเป็นจำนวนวันทำการตั้งแต่ 1 ถึง {top} วัน")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("is_open") and not self.officers:
            self.add_error("is_open", "ยังเปิดรับเรื่องไม่ได้ ต้องกำหนดผู้รับเรื่องร้องเรียนอย่างน้อยหนึ่งคนก่อน "
                                      "(ตั้งค่าหน่วยงาน › ผู้ใช้ของหน่วยงาน › แก้ไข แล้วเลือก “ผู้รับเรื่องร้องเรียน”)")
        if data.get("is_open") and not data.get("handling_unit"):
            self.add_error("handling_unit", "เลือกกอง/สำนักที่รับและจัดการเรื่องร้องเรียน")
        ack, answer = data.get("acknowledge_days"), data.get("answer_days")
        if ack and answer and answer < ack:
            self.add_error("answer_days", "ระยะเวลาแจ้งผลการดำเนินการต้องไม่น้อยกว่าระยะเวลาแจ้งการรับเรื่อง")
        return data
