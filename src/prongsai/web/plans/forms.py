from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from prongsai.ita.library import available_years, get_framework
from prongsai.planning.catalogue import all_units_name
from prongsai.thai import fiscal_year_bounds, fiscal_year_of, normalise_text, to_arabic_digits
from prongsai.web.agencies.models import Agency
from prongsai.web.plans.models import Measure, Plan, ProgressEntry, Step
from prongsai.web.ui.forms import ThaiDateField, be_date

# What evidence may be: the type, the extensions, and how the file must begin.
EVIDENCE_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
}
_OFFICE_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
MAX_FILES_PER_ENTRY = 10


def check_evidence_file(upload: Any) -> tuple[str, str]:
    """(extension, content type) of an acceptable evidence file; ValidationError in Thai otherwise.
    The extension must be allowed AND the content must really be of that type."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise forms.ValidationError(
            f"ไฟล์ '{name}' เป็นชนิดที่ไม่รองรับ (ที่ถูกต้อง: PDF, JPG, PNG, DOCX หรือ XLSX)", code="type")
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(f"ไฟล์ '{name}' ใหญ่เกิน {limit // (1024 * 1024)} MB", code="size")
    if upload.size == 0:
        raise forms.ValidationError(f"ไฟล์ '{name}' ว่างเปล่า", code="empty")
    content_type, magic = EVIDENCE_TYPES[suffix]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    bad = forms.ValidationError(f"เนื้อไฟล์ '{name}' ไม่ใช่ {suffix[1:].upper()} ตามนามสกุล ไฟล์อาจเสียหรือถูกเปลี่ยนชื่อ",
                                code="content")
    if head != magic:
        raise bad
    if suffix in _OFFICE_PART:
        try:
            with zipfile.ZipFile(upload) as archive:
                if _OFFICE_PART[suffix] not in archive.namelist():
                    raise bad
        except zipfile.BadZipFile:
            raise bad from None
        finally:
            upload.seek(0)
    return suffix, content_type


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_FILES_PER_ENTRY:
            raise forms.ValidationError(f"แนบได้ครั้งละไม่เกิน {MAX_FILES_PER_ENTRY} ไฟล์")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _codes(text: str, prefix: str = "IEO", framework_codes: set[str] | None = None) -> list[str]:
    """Item codes typed as "O12, O13 I7" (Thai digits allowed), checked against the framework."""
    found = []
    for raw in re.split(r"[\s,;]+", to_arabic_digits(text or "").upper()):
        if not raw:
            continue
        match = re.fullmatch(rf"([{prefix}])0*(\d{{1,3}})", raw.replace("0", "O", 1) if raw.startswith("0") else raw)
        if not match:
            raise forms.ValidationError(f"'{raw}' ไม่ใช่รหัสข้อ (ที่ถูกต้อง: เช่น O12, I7 คั่นด้วยจุลภาค)")
        code = f"{match.group(1)}{int(match.group(2))}"
        if framework_codes is not None and code not in framework_codes:
            raise forms.ValidationError(f"ไม่มีข้อ {code} ในกรอบการประเมินของปีนี้")
        if code not in found:
            found.append(code)
    return found


class PlanCreateForm(forms.Form):
    based_on_year = forms.TypedChoiceField(label="จากผลการประเมินปี", coerce=int)
    fiscal_year = forms.TypedChoiceField(label="มาตรการสำหรับปีงบประมาณ", coerce=int)
    start_from = forms.ChoiceField(
        label="เริ่มจาก", widget=forms.RadioSelect, initial="draft",
        choices=[("draft", "ร่างมาตรการที่ระบบจัดทำจากจุดอ่อนของผลการประเมิน (แนะนำ)"),
                 ("empty", "แผนว่าง แล้วเพิ่มมาตรการเอง")])
    detail = forms.ChoiceField(
        label="รายละเอียดของร่าง", widget=forms.RadioSelect, initial="concise", required=False,
        choices=[("concise", "กระชับ: ไม่เกิน 8 มาตรการ มาตรการละไม่เกิน 6 ขั้นตอน (แนะนำ)"),
                 ("full", "ละเอียด: ขั้นตอนครบทุกข้อ สำหรับปรับแก้เอง")])

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        result_years = sorted(agency.results.values_list("fiscal_year", flat=True), reverse=True)
        self.fields["based_on_year"].choices = [(y, f"ปีงบประมาณ {y}") for y in result_years]
        running = fiscal_year_of(date.today())
        plan_years = {y + 1 for y in result_years} | {y + 2 for y in result_years[:1]}
        # Measures are made for the fiscal year under way, which is past the year after an
        # older result (a 2568 result drafted in FY2570 plans for 2570).
        if result_years and result_years[0] < running <= result_years[0] + 3:
            plan_years.add(running)
        self.fields["fiscal_year"].choices = [(y, f"ปีงบประมาณ {y}") for y in sorted(plan_years, reverse=True)]
        if result_years:
            self.fields["based_on_year"].initial = result_years[0]
            self.fields["fiscal_year"].initial = max(result_years[0] + 1, running if running in plan_years else 0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        year, based = cleaned.get("fiscal_year"), cleaned.get("based_on_year")
        if year and based:
            if not based < year <= based + 2:
                self.add_error("fiscal_year", f"ปีของมาตรการต้องอยู่หลังปีของผลการประเมิน (เช่น {based + 1})")
            elif Plan.objects.filter(agency=self.agency, fiscal_year=year).exists():
                self.add_error("fiscal_year", f"มีแผนมาตรการปี {year} อยู่แล้ว เปิดแผนนั้นเพื่อแก้ไข")
        return cleaned


class MeasureForm(forms.ModelForm):
    responsible = forms.ChoiceField(label="ผู้รับผิดชอบหลัก", required=False)
    start = ThaiDateField(label="เริ่ม", required=False)
    end = ThaiDateField(label="สิ้นสุด", required=False)
    indicators = forms.TypedMultipleChoiceField(label="ตัวชี้วัดที่มาตรการนี้แก้ไข", required=False, coerce=int,
                                                widget=forms.CheckboxSelectMultiple)
    items_text = forms.CharField(label="ข้อคำถามที่มาตรการนี้แก้ไข", required=False, max_length=500,
                                 help_text="รหัสข้อคั่นด้วยจุลภาค เช่น I17, E5, O12")
    oit_text = forms.CharField(label="ข้อ OIT ที่ใช้ผลงานของมาตรการนี้", required=False, max_length=500,
                               help_text="เช่น O42, O43")
    steps_text = forms.CharField(label="ขั้นตอน/วิธีการดำเนินการ", required=False,
                                 widget=forms.Textarea(attrs={"rows": 6}),
                                 help_text="หนึ่งขั้นตอนต่อหนึ่งบรรทัด เรียงตามลำดับ")

    class Meta:
        model = Measure
        fields = ["title", "purpose", "responsible_detail", "supporting_units", "supporting_note", "follow_up",
                  "evidence"]
        widgets = {
            "title": forms.TextInput(),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "supporting_units": forms.CheckboxSelectMultiple,
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "responsible_detail": "เช่น งานนิติการ (แสดงต่อท้ายชื่อกอง/สำนัก)",
            "evidence": "หนึ่งรายการต่อหนึ่งบรรทัด เช่น รายงานผลการดำเนินการ",
            "follow_up": "เช่น รายงานผลต่อนายก อบต. รอบ 6 เดือน และสิ้นปีงบประมาณ",
        }

    def __init__(self, *args: Any, plan: Plan, with_steps: bool = False, unit: Any = None, **kwargs: Any) -> None:
        """`unit`: the unit of unit staff, who add and keep measures only as their unit's."""
        super().__init__(*args, **kwargs)
        self.plan = plan
        if unit is not None:
            self.fields["responsible"].choices = [(str(unit.pk), unit.name)]
            self.fields["responsible"].required = True
            self.fields["responsible"].error_messages["invalid_choice"] = self.fields["responsible"].error_messages[
                "required"] = f"ผู้บันทึกของ{unit.name}เพิ่มและแก้ไขได้เฉพาะมาตรการที่{unit.name}รับผิดชอบ"
            self.initial.setdefault("responsible", str(unit.pk))
        else:
            units = list(plan.agency.units.all())
            self.fields["responsible"].choices = (
                [("", "— ยังไม่มอบหมาย —")] + [(str(u.pk), u.name) for u in units]
                + [("all", all_units_name(plan.agency.agency_type))])
        self.fields["supporting_units"].queryset = plan.agency.units.all()
        self.fields["supporting_units"].required = False
        year = plan.based_on_year if plan.based_on_year in available_years() else None
        self.framework = get_framework(year) if year else None
        if self.framework is not None:
            self.fields["indicators"].choices = [(i.no, f"{i.no}. {i.name}") for i in self.framework.indicators]
        else:
            self.fields["indicators"].choices = [(n, str(n)) for n in range(1, 11)]
        start, end = plan.period
        period = f"{be_date(start)} – {be_date(end)}"
        self.fields["start"].help_text = f"ปีงบประมาณ {plan.fiscal_year}: {period}"
        if not with_steps:
            del self.fields["steps_text"]
        m = self.instance
        if m.pk:
            self.initial.setdefault("responsible", "all" if m.responsible_all else (
                str(m.responsible_unit_id) if m.responsible_unit_id else ""))
            self.initial.setdefault("start", m.start)
            self.initial.setdefault("end", m.end)
            self.initial.setdefault("indicators", [int(n) for n in m.addresses_indicators])
            self.initial.setdefault("items_text", ", ".join(m.addresses_items))
            self.initial.setdefault("oit_text", ", ".join(m.oit_items))
        else:
            self.initial.setdefault("start", start)
            self.initial.setdefault("end", end)

    def clean_title(self) -> str:
        title = normalise_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("ต้องระบุชื่อมาตรการ")
        return title

    def _codes_field(self, name: str, prefix: str) -> list[str]:
        codes = self.framework.item_codes if self.framework is not None else None
        return _codes(self.cleaned_data.get(name, ""), prefix, codes)

    def clean_items_text(self) -> list[str]:
        return self._codes_field("items_text", "IEO")

    def clean_oit_text(self) -> list[str]:
        return self._codes_field("oit_text", "O")

    def clean_steps_text(self) -> list[str]:
        return [normalise_text(line) for line in (self.cleaned_data.get("steps_text") or "").splitlines()
                if line.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        first, last = self.plan.period
        if start and end and end < start:
            self.add_error("end", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not first <= day <= last and name not in self.errors:
                self.add_error(name, f"ต้องอยู่ในปีงบประมาณ {self.plan.fiscal_year} "
                                     f"({be_date(first)} – {be_date(last)})")
        responsible = cleaned.get("responsible") or ""
        if responsible not in ("", "all") and not self.plan.agency.units.filter(pk=responsible).exists():
            self.add_error("responsible", "เลือกกอง/สำนักจากรายการ")
        return cleaned

    def save(self, commit: bool = True) -> Measure:
        m: Measure = super().save(commit=False)
        data = self.cleaned_data
        responsible = data.get("responsible") or ""
        m.responsible_all = responsible == "all"
        m.responsible_unit_id = int(responsible) if responsible not in ("", "all") else None
        m.start, m.end = data.get("start"), data.get("end")
        m.addresses_indicators = sorted(data.get("indicators") or [])
        m.addresses_items = data.get("items_text") or []
        m.oit_items = data.get("oit_text") or []
        m.evidence = "\n".join(line.strip() for line in (m.evidence or "").splitlines() if line.strip())
        if commit:
            m.save()
            self.save_m2m()
        return m


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": "ขั้นตอน"}
        error_messages = {"text": {"required": "ต้องระบุขั้นตอน"}}

    def clean_text(self) -> str:
        text = normalise_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError("ต้องระบุขั้นตอน")
        return text


class ApproveForm(forms.ModelForm):
    meeting_date = ThaiDateField(label="วันที่ประชุม")

    class Meta:
        model = Plan
        fields = ["meeting_title", "meeting_date", "meeting_place", "meeting_attendees", "approver"]
        widgets = {"meeting_attendees": forms.Textarea(attrs={"rows": 4})}
        labels = {"meeting_title": "การประชุมที่พิจารณาแผน"}
        help_texts = {
            "meeting_title": "เช่น การประชุมคณะผู้บริหารและพนักงาน ครั้งที่ 1/2567",
            "meeting_attendees": "หนึ่งคนต่อหนึ่งบรรทัด (ชื่อ ตำแหน่ง)",
            "approver": "เช่น นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("meeting_title", "approver"):
            self.fields[name].required = True

    def clean_meeting_date(self) -> Any:
        day = self.cleaned_data["meeting_date"]
        if day is None:
            raise forms.ValidationError("ต้องระบุวันที่ประชุม")
        first, last = fiscal_year_bounds(self.instance.fiscal_year)
        if day.year < first.year - 2 or day > last:
            raise forms.ValidationError(f"วันที่ประชุมไม่สอดคล้องกับแผนปี {self.instance.fiscal_year}")
        return day


class ProgressForm(forms.ModelForm):
    as_of = ThaiDateField(label="ข้อมูล ณ วันที่")
    files = MultipleFileField(label="แนบไฟล์หลักฐาน", required=False,
                              help_text="PDF, JPG, PNG, DOCX หรือ XLSX ไฟล์ละไม่เกิน 10 MB เลือกได้หลายไฟล์")
    links = forms.CharField(label="ลิงก์หลักฐาน", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="หนึ่งลิงก์ต่อหนึ่งบรรทัด เช่น หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ผลงาน")

    class Meta:
        model = ProgressEntry
        fields = ["as_of", "status", "done", "result", "outcome"]
        widgets = {"status": forms.RadioSelect, "done": forms.Textarea(attrs={"rows": 3}),
                   "result": forms.Textarea(attrs={"rows": 2}), "outcome": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = ",".join(EVIDENCE_TYPES)
        if settings.UPLOAD_MAX_BYTES:
            self.fields["files"].help_text = (f"PDF, JPG, PNG, DOCX หรือ XLSX ไฟล์ละไม่เกิน "
                                              f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB เลือกได้หลายไฟล์")

    def clean_files(self) -> list[tuple[Any, str, str]]:
        checked = []
        errors = []
        for upload in self.cleaned_data.get("files") or []:
            try:
                suffix, content_type = check_evidence_file(upload)
                checked.append((upload, suffix, content_type))
            except forms.ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise forms.ValidationError(errors)
        return checked

    def clean_links(self) -> list[str]:
        validate = URLValidator(schemes=["http", "https"])
        links = []
        for line in (self.cleaned_data.get("links") or "").splitlines():
            url = line.strip()
            if not url:
                continue
            try:
                validate(url)
            except forms.ValidationError:
                raise forms.ValidationError(f"'{url[:60]}' ไม่ใช่ลิงก์ที่ถูกต้อง (ที่ถูกต้อง: ขึ้นต้นด้วย https:// หรือ http://)") from None
            if len(url) > 1000:
                raise forms.ValidationError("ลิงก์ยาวเกิน 1,000 ตัวอักษร")
            links.append(url)
        return links

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        status = cleaned.get("status")
        if status in ("in_progress", "done", "late") and not (cleaned.get("done") or "").strip():
            self.add_error("done", "เล่าสั้น ๆ ว่าได้ดำเนินการอะไรไปแล้ว")
        return cleaned
