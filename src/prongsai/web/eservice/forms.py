"""The applicant's forms (public: the request form built from the type's fields, the status and
reply forms) and the staff's forms (status, messages, notes, a request taken at the counter, and
the request type with its fields and steps)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.html import escape

from prongsai.channels import attachments
from prongsai.services import requests as core
from prongsai.thai import format_date, to_arabic_digits
from prongsai.web.eservice.models import RequestType, ServiceRequest
from prongsai.web.plans.forms import MultipleFileField
from prongsai.web.ui.forms import ThaiDateField

MAX_FILES = 5
TEXT_LIMIT = 5_000
SHORT_LIMIT = 500
RADIO_UP_TO = 5  # more choices than this: a drop-down list
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_NAME_CHARS = re.compile(r"[^\w\u0e00-\u0e7f\s().-]")


# --------------------------------------------------------------------------- files


def _file_name(original: str, kind: str, number: int) -> str:
    """The applicant's own file name ("สำเนาบัตรประชาชน.jpg") helps the officer; only its
    letters, digits and a few marks are kept, with the kind the content showed."""
    stem = _NAME_CHARS.sub("", PurePath(original.replace("\\", "/")).stem)
    stem = " ".join(stem.split())[:60].strip(" .")
    return f"{stem}.{kind}" if stem else f"ไฟล์แนบ-{number}.{kind}"


def clean_files(uploads: list[Any], taken: int = 0) -> list[attachments.CleanFile]:
    """Each upload checked by its content (PDF, JPG, PNG; pictures lose their metadata)."""
    if len(uploads) > MAX_FILES:
        raise forms.ValidationError(f"แนบได้ครั้งละไม่เกิน {MAX_FILES} ไฟล์")
    cleaned, errors = [], []
    limit = settings.UPLOAD_MAX_BYTES
    for number, upload in enumerate(uploads, start=taken + 1):
        shown = upload.name[:60]
        if upload.size > limit:
            errors.append(f"ไฟล์ “{shown}” ใหญ่เกิน {limit // (1024 * 1024)} เมกะไบต์")
            continue
        try:
            file = attachments.clean(shown, upload.read(), number, limit)
        except attachments.AttachmentRefused as exc:
            errors.append(str(exc))
            continue
        cleaned.append(attachments.CleanFile(_file_name(upload.name, file.kind, number), file.kind,
                                             file.content_type, file.data, file.stripped))
    if errors:
        raise forms.ValidationError(errors)
    return cleaned


def files_field(documents: list[str] | None = None) -> MultipleFileField:
    needed = ""
    if documents:
        needed = "เอกสารที่ใช้ประกอบคำขอ: " + ", ".join(escape(d) for d in documents) + " · "
    return MultipleFileField(
        label="แนบเอกสารหลักฐาน", required=False,
        help_text=(f"{needed}ไฟล์ {attachments.KINDS_TH} ไม่เกิน {MAX_FILES} ไฟล์ ไฟล์ละไม่เกิน "
                   f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} เมกะไบต์ ถ่ายภาพเอกสารด้วยโทรศัพท์แล้วแนบได้ "
                   "หากยังไม่มีไฟล์ ส่งเพิ่มเติมภายหลังได้ที่หน้าติดตามคำขอ หรือนำมายื่นที่หน่วยงาน"))


# --------------------------------------------------------------------------- the request form


class NumberField(forms.CharField):
    """A number as people type it: 2,000 or ๒๐๐๐ or 12.5."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, max_length=40, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        cleaned = to_arabic_digits(text).replace(",", "").replace(" ", "")
        if not _NUMBER.match(cleaned):
            raise forms.ValidationError(f"“{self.label}” ต้องเป็นตัวเลข เช่น 2000 หรือ 12.5")
        return cleaned


def _contact(value: str) -> str:
    text = core.clean_text(value)
    for word in text.split():
        if "@" in word:
            try:
                validate_email(word.strip(",;()"))
            except ValidationError:
                raise forms.ValidationError("อีเมลไม่ถูกต้อง ตรวจสอบอีกครั้ง เช่น somchai@example.com") from None
            return text
    if len(re.sub(r"\D", "", to_arabic_digits(text))) >= 9:
        return text
    raise forms.ValidationError("กรอกเบอร์โทรศัพท์ (เช่น 081 234 5678) หรืออีเมล เพื่อให้เจ้าหน้าที่ติดต่อกลับได้")


class RequestForm(forms.Form):
    """What the applicant fills in: their name and contact, the type's own fields, files."""

    applicant_name = forms.CharField(label="ชื่อ-นามสกุลผู้ยื่นคำขอ", max_length=150,
                                     error_messages={"required": "กรุณากรอกชื่อ-นามสกุลผู้ยื่นคำขอ"},
                                     widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact = forms.CharField(label="เบอร์โทรศัพท์หรืออีเมลสำหรับติดต่อกลับ", max_length=200,
                              error_messages={"required": "กรุณากรอกเบอร์โทรศัพท์หรืออีเมล เจ้าหน้าที่ต้องติดต่อกลับเพื่อแจ้งผล"},
                              widget=forms.TextInput(attrs={"autocomplete": "tel"}),
                              help_text="หน่วยงานใช้ติดต่อเรื่องคำขอนี้เท่านั้น")
    website = forms.CharField(required=False, label="เว้นช่องนี้ว่างไว้")  # honeypot: people never see it

    def __init__(self, *args: Any, request_type: RequestType, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request_type = request_type
        self.specs = request_type.field_specs
        for number, spec in enumerate(self.specs, start=1):
            self.fields[f"f{number}"] = _answer_field(spec)
        self.fields["files"] = files_field(request_type.document_list)
        self.order_fields(["applicant_name", "contact", *(f"f{n}" for n in range(1, len(self.specs) + 1)), "files",
                           "website"])

    def clean_applicant_name(self) -> str:
        name = core.clean_text(self.cleaned_data["applicant_name"])
        if len(name) < 2:
            raise forms.ValidationError("กรุณากรอกชื่อ-นามสกุลผู้ยื่นคำขอ")
        return name

    def clean_contact(self) -> str:
        return _contact(self.cleaned_data["contact"])

    def clean_files(self) -> list[attachments.CleanFile]:
        return clean_files(self.cleaned_data.get("files") or [])

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def answers(self) -> list[dict[str, str]]:
        """The answers as kept with the request: each field's label and what was given, as text
        (so that a later change of the type's fields does not change a request already sent)."""
        out = []
        for number, spec in enumerate(self.specs, start=1):
            value = self.cleaned_data.get(f"f{number}")
            if isinstance(value, date):
                text = format_date(value, thai=False, long=True)
            else:
                text = str(value or "").strip()
            out.append({"label": spec.label, "kind": spec.kind, "value": text})
        return out


def _answer_field(spec: core.FieldSpec) -> forms.Field:
    label = spec.label
    required = {"required": (f"กรุณาเลือก “{label}”" if spec.kind == "choice" else f"กรุณากรอก “{label}”")}
    common: dict[str, Any] = {"label": label, "required": spec.required, "help_text": escape(spec.help),
                              "error_messages": required}
    if spec.kind == "long":
        return forms.CharField(max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if spec.kind == "number":
        return NumberField(**common)
    if spec.kind == "date":
        return ThaiDateField(**common)
    if spec.kind == "choice":
        choices = [(c, c) for c in spec.choices]
        if len(choices) <= RADIO_UP_TO:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        return forms.ChoiceField(choices=[("", "— เลือก —"), *choices], **common)
    return forms.CharField(max_length=SHORT_LIMIT, **common)


class RecordForm(RequestForm):
    """An officer records a request received at the counter, by phone, post or e-mail, so that
    the statistics count every channel; the applicant is given the code to follow it online."""

    channel = forms.ChoiceField(label="ช่องทางที่รับคำขอ",
                                choices=[c for c in ServiceRequest.CHANNELS if c[0] != ServiceRequest.WEB])
    received_on = ThaiDateField(label="วันที่รับคำขอ", error_messages={"required": "กรุณากรอกวันที่รับคำขอ"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["applicant_name"].label = "ชื่อ-นามสกุลผู้ยื่นคำขอ"
        self.fields["contact"].help_text = "เบอร์โทรศัพท์หรืออีเมลที่ผู้ยื่นคำขอให้ไว้"
        self.fields["files"].help_text = f"สแกนหรือถ่ายภาพเอกสารที่ผู้ยื่นคำขอนำมา ไฟล์ {attachments.KINDS_TH}"
        self.order_fields(["channel", "received_on", *self.fields])

    @property
    def is_bot(self) -> bool:
        return False

    def clean_received_on(self) -> date:
        day = self.cleaned_data["received_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError("วันที่รับคำขอต้องไม่เลยวันนี้")
        if (today - day).days > 366:
            raise forms.ValidationError("วันที่รับคำขอย้อนหลังได้ไม่เกินหนึ่งปี")
        return day


# --------------------------------------------------------------------------- the status page


class CodeForm(forms.Form):
    code = forms.CharField(label="รหัสติดตามคำขอ", max_length=40,
                           error_messages={"required": "กรุณากรอกรหัสติดตามคำขอ"},
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                         "autocapitalize": "characters", "class": "eservice-code-input"}),
                           help_text="รหัส 10 ตัวอักษรที่ได้รับเมื่อยื่นคำขอ เช่น ABCDE-23456 พิมพ์ตัวพิมพ์เล็กหรือไม่มีขีดก็ได้")

    def clean_code(self) -> str:
        code = core.normalised(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError("รหัสติดตามต้องเป็นตัวอักษรภาษาอังกฤษและตัวเลข 10 ตัว เช่น ABCDE-23456 "
                                        "(ไม่มีตัว O, I, L, เลข 0 และเลข 1)")
        return code


class ReplyForm(CodeForm):
    message = forms.CharField(label="ข้อความถึงเจ้าหน้าที่", max_length=TEXT_LIMIT,
                              error_messages={"required": "กรุณาพิมพ์ข้อความถึงเจ้าหน้าที่"},
                              widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.CharField(required=False, label="เว้นช่องนี้ว่างไว้")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget = forms.HiddenInput()
        self.fields["files"] = files_field()
        self.order_fields(["code", "message", "files", "website"])

    def clean_files(self) -> list[attachments.CleanFile]:
        return clean_files(self.cleaned_data.get("files") or [])


# --------------------------------------------------------------------------- the staff's forms


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="สถานะ", choices=ServiceRequest.STATUSES)
    unit = forms.ModelChoiceField(label="ส่วนงานที่รับผิดชอบ", queryset=None, required=False,
                                  empty_label="— ไม่ระบุส่วนงาน —")
    result = forms.CharField(label="ผลการดำเนินการหรือเหตุผล", max_length=TEXT_LIMIT, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="ผู้ยื่นคำขอเห็นข้อความนี้ในหน้าติดตามคำขอ ต้องระบุเหตุผลเมื่อไม่อาจให้บริการได้")
    finished_on = ThaiDateField(label="วันที่ดำเนินการแล้วเสร็จ", required=False,
                                help_text="หากเว้นว่าง ระบบใช้วันที่บันทึก กรอกเฉพาะเมื่อบันทึกย้อนหลัง")
    tell_applicant = forms.CharField(label="ข้อความแจ้งผู้ยื่นคำขอ (ถ้ามี)", max_length=TEXT_LIMIT, required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text="ส่งเป็นข้อความในหน้าติดตามคำขอพร้อมกับการเปลี่ยนสถานะ")

    def __init__(self, *args: Any, request: ServiceRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service_request = request
        self.fields["unit"].queryset = request.agency.units.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        data["result"] = (data.get("result") or "").strip()
        if status == ServiceRequest.REFUSED and not data["result"]:
            self.add_error("result", "กรุณาระบุเหตุผลที่ไม่อาจให้บริการได้ ผู้ยื่นคำขอจะเห็นเหตุผลนี้")
        finished = data.get("finished_on")
        if status in ServiceRequest.FINISHED:
            today = timezone.localdate()
            if finished is not None and finished > today:
                self.add_error("finished_on", "วันที่ดำเนินการแล้วเสร็จต้องไม่เลยวันนี้")
            elif finished is not None and finished < self.service_request.received_on:
                self.add_error("finished_on", "วันที่ดำเนินการแล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ")
        else:
            data["finished_on"] = None
        return data


class MessageForm(forms.Form):
    message = forms.CharField(label="ข้อความถึงผู้ยื่นคำขอ", max_length=TEXT_LIMIT,
                              error_messages={"required": "กรุณาพิมพ์ข้อความถึงผู้ยื่นคำขอ"},
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="ผู้ยื่นคำขอเห็นข้อความนี้เมื่อติดตามคำขอด้วยรหัสติดตาม")


class NoteForm(forms.Form):
    note = forms.CharField(label="บันทึกภายใน", max_length=TEXT_LIMIT,
                           error_messages={"required": "กรุณาพิมพ์บันทึกภายใน"},
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="เห็นเฉพาะเจ้าหน้าที่ของหน่วยงาน ผู้ยื่นคำขอไม่เห็น")


# --------------------------------------------------------------------------- request types


class RequestTypeForm(forms.ModelForm):
    documents_text = forms.CharField(
        label="เอกสารหลักฐานที่ต้องใช้", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="บรรทัดละหนึ่งรายการ เช่น สำเนาบัตรประจำตัวประชาชน เว้นว่างเมื่อไม่ต้องใช้เอกสาร "
                  "(คู่มือจะระบุว่าไม่มีรายการเอกสาร)")

    class Meta:
        model = RequestType
        fields = ["name", "description", "unit", "working_days", "fee", "walk_in", "is_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"name": {"required": "กรุณากรอกชื่อบริการ"},
                          "description": {"required": "กรุณากรอกหลักเกณฑ์ วิธีการ และเงื่อนไขของบริการ"},
                          "working_days": {"required": "กรุณากรอกระยะเวลาดำเนินการเป็นจำนวนวันทำการ",
                                           "invalid": "ระยะเวลาดำเนินการต้องเป็นจำนวนวันทำการ เช่น 3"}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.instance.agency.units.all()
        self.fields["unit"].empty_label = "— เลือกส่วนงาน —"
        self.fields["unit"].required = True
        self.fields["unit"].error_messages["required"] = "เลือกส่วนงานที่รับผิดชอบบริการนี้"
        self.fields["working_days"].widget.attrs.update({"min": 1, "max": 180})
        self.fields["documents_text"].initial = "\n".join(self.instance.document_list)
        self.order_fields(["name", "description", "unit", "working_days", "fee", "documents_text", "walk_in",
                           "is_open"])

    def clean_name(self) -> str:
        name = core.clean_text(self.cleaned_data["name"])
        taken = RequestType.objects.filter(agency=self.instance.agency, name=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("มีบริการชื่อนี้อยู่แล้ว ตั้งชื่ออื่น หรือแก้ไขบริการเดิม")
        return name

    def clean_working_days(self) -> int:
        days = self.cleaned_data["working_days"]
        if not 1 <= days <= 180:
            raise forms.ValidationError("ระยะเวลาดำเนินการต้องเป็นจำนวนวันทำการตั้งแต่ 1 ถึง 180 วัน")
        return days

    def clean_fee(self) -> str:
        return core.clean_text(self.cleaned_data.get("fee"))

    def clean_walk_in(self) -> str:
        return core.clean_text(self.cleaned_data.get("walk_in"))

    def clean_documents_text(self) -> list[str]:
        try:
            return list(core.parse_documents(self.cleaned_data.get("documents_text") or ""))
        except core.SpecError as exc:
            raise forms.ValidationError(exc.problems) from None

    def clean_description(self) -> str:
        text = "\n".join(core.clean_text(line) for line in (self.cleaned_data["description"] or "").splitlines())
        text = "\n".join(line for line in text.splitlines() if line)
        if len(text) < 10:
            raise forms.ValidationError("หลักเกณฑ์ วิธีการ และเงื่อนไขสั้นเกินไป อธิบายว่าใครยื่นคำขอได้ และยื่นอย่างไร")
        if len(text) > TEXT_LIMIT:
            raise forms.ValidationError(f"ยาวเกิน {TEXT_LIMIT:,} ตัวอักษร")
        return text


class _Row(forms.Form):
    """A row of a table of the type form: each box says its row for screen readers."""

    word = "แถวที่"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        number = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix and self.prefix[-1].isdigit() else 0
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label} {self.word} {number}" if number else str(field.label)


class FieldRowForm(_Row):
    word = "ช่องที่"

    label = forms.CharField(label="สิ่งที่ถาม", max_length=core.LABEL_MAX, required=False)
    kind = forms.ChoiceField(label="ชนิดข้อมูล", choices=list(core.KINDS.items()), required=False)
    required = forms.BooleanField(label="ต้องกรอก", required=False)
    choices = forms.CharField(label="ตัวเลือก (เฉพาะชนิดตัวเลือก)", required=False, max_length=3_000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    help = forms.CharField(label="คำอธิบาย", max_length=core.HELP_MAX, required=False)


class StepRowForm(_Row):
    word = "ขั้นตอนที่"

    text = forms.CharField(label="ขั้นตอน", max_length=core.STEP_MAX, required=False)
    time = forms.CharField(label="ระยะเวลา", max_length=core.TIME_MAX, required=False)
    responsible = forms.CharField(label="ผู้รับผิดชอบ", max_length=core.RESPONSIBLE_MAX, required=False)


FIELD_ROWS_EXTRA = 3
STEP_ROWS_EXTRA = 2


def _formset(form: type[forms.Form], rows: list[dict[str, Any]], extra: int, prefix: str, data: Any = None):
    factory = forms.formset_factory(form, extra=extra, max_num=50, absolute_max=60)
    return factory(data, initial=rows, prefix=prefix)


def field_formset(rtype: RequestType, data: Any = None):
    rows = [{**s.as_data(), "choices": "\n".join(s.choices)} for s in rtype.field_specs]
    return _formset(FieldRowForm, rows, FIELD_ROWS_EXTRA, "fields", data)


def step_formset(rtype: RequestType, data: Any = None):
    rows = [s.as_data() for s in rtype.step_specs]
    return _formset(StepRowForm, rows, STEP_ROWS_EXTRA if rows else STEP_ROWS_EXTRA + 1, "steps", data)


def rows_of(formset) -> list[dict[str, Any]]:
    return [f.cleaned_data for f in formset.forms if getattr(f, "cleaned_data", None)]


class TypeEditor:
    """The request type's form and its two tables (the fields asked, the steps), validated
    together: nothing is saved unless all three are right."""

    def __init__(self, rtype: RequestType, data: Any = None) -> None:
        self.instance = rtype
        self.form = RequestTypeForm(data, instance=rtype)
        self.fields = field_formset(rtype, data)
        self.steps = step_formset(rtype, data)
        self.field_problems: list[str] = []
        self.step_problems: list[str] = []

    def is_valid(self) -> bool:
        ok = self.form.is_valid()
        broken = ["ข้อมูลในตารางไม่ครบ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"]
        if not self.fields.management_form.is_valid():  # not sent by our page: start the table afresh
            self.fields, self.field_problems = field_formset(self.instance), broken
        elif self.fields.is_valid():
            try:
                self.parsed_fields = core.parse_fields(rows_of(self.fields))
            except core.SpecError as exc:
                self.field_problems = exc.problems
        else:
            self.field_problems = self._row_errors(self.fields, "ช่องที่")
        if not self.steps.management_form.is_valid():
            self.steps, self.step_problems = step_formset(self.instance), broken
        elif self.steps.is_valid():
            try:
                self.parsed_steps = core.parse_steps(rows_of(self.steps))
            except core.SpecError as exc:
                self.step_problems = exc.problems
        else:
            self.step_problems = self._row_errors(self.steps, "ขั้นตอนที่")
        return ok and not self.field_problems and not self.step_problems

    @staticmethod
    def _row_errors(formset, word: str) -> list[str]:
        problems = []
        for number, errors in enumerate(formset.errors, start=1):
            for name, messages in errors.items():
                label = formset.form.base_fields[name].label if name in formset.form.base_fields else name
                problems += [f"{word} {number} ({label}): {m}" for m in messages]
        return problems or ["ข้อมูลในตารางไม่ครบ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"]

    def apply(self) -> RequestType:
        """The instance with the validated values (not saved)."""
        rtype = self.form.save(commit=False)
        rtype.documents = self.form.cleaned_data["documents_text"]
        rtype.fields = [s.as_data() for s in self.parsed_fields]
        rtype.steps = [s.as_data() for s in self.parsed_steps]
        rtype.check_definitions()
        return rtype
