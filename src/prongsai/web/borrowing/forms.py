"""The forms of asset borrowing: the catalogue, the rules, the requests (staff and public) and
what staff record when they decide, hand over and take back. Every error is Thai and names its
field; a request is checked whole (dates, rules, what is free) before anything is saved."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from prongsai.channels import attachments
from prongsai.channels.receipts import normalised
from prongsai.services import borrowing as rules
from prongsai.web.agencies.access import AgencyAccess
from prongsai.web.agencies.models import Membership
from prongsai.web.borrowing import loans, wording
from prongsai.web.borrowing.models import Asset, BorrowingRules, Loan, LoanLine
from prongsai.web.ui.forms import ThaiDateField

STAFF_LINES = 5
PHOTO_SIDE = 1600  # pixels: the longer side of a stored picture
TEXT = 500


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if value is None or not low <= value <= high:
        raise forms.ValidationError(f"{what}ต้องเป็นจำนวนเต็มตั้งแต่ {low} ถึง {high:,}")
    return value


def _number_field(label: str, *, required: bool = True, low: int = 0, high: int = 100_000, **kwargs: Any
                  ) -> forms.IntegerField:
    field = forms.IntegerField(label=label, required=required, min_value=low, max_value=high,
                               error_messages={"invalid": "กรุณากรอกเป็นตัวเลขจำนวนเต็ม",
                                               "required": "กรุณากรอกจำนวน",
                                               "min_value": f"ต้องไม่น้อยกว่า {low}",
                                               "max_value": f"ต้องไม่เกิน {high:,}"}, **kwargs)
    field.widget.attrs.update({"inputmode": "numeric", "min": low, "max": high})
    return field


# --------------------------------------------------------------------------- the catalogue


def clean_photo(upload: Any) -> tuple[bytes, str] | None:
    """The picture checked by its content, stripped of metadata and scaled down; None if none."""
    if not upload:
        return None
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise forms.ValidationError(f"รูปใหญ่เกิน {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} เมกะไบต์")
    data = upload.read()
    if attachments.kind_of(data) not in ("jpg", "png"):
        raise forms.ValidationError("รูปพัสดุต้องเป็นไฟล์ JPG หรือ PNG")
    try:
        clean = attachments.clean("รูปพัสดุ", data, 1, settings.UPLOAD_MAX_BYTES)
    except attachments.AttachmentRefused as exc:
        raise forms.ValidationError(str(exc)) from None
    from PIL import Image

    with Image.open(io.BytesIO(clean.data)) as picture:
        if max(picture.size) <= PHOTO_SIDE:
            return clean.data, clean.content_type
        picture.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
        out = io.BytesIO()
        picture.save(out, format="JPEG" if clean.kind == "jpg" else "PNG", **({"quality": 85} if clean.kind == "jpg" else {}))
        return out.getvalue(), clean.content_type


class AssetForm(forms.ModelForm):
    photo_file = forms.FileField(label="รูปพัสดุ (ถ้ามี)", required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
                                 help_text="ไฟล์ JPG หรือ PNG ระบบลบข้อมูลแฝงในรูป (เช่น พิกัดที่ถ่าย) และย่อขนาดให้อัตโนมัติ")
    remove_photo = forms.BooleanField(label="ลบรูปเดิม", required=False)

    class Meta:
        model = Asset
        fields = ["code", "name", "unit", "quantity", "count_unit", "condition", "public_may_borrow", "max_days",
                  "notes", "retired"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"code": {"required": "กรุณากรอกหมายเลขพัสดุ/ครุภัณฑ์"},
                          "name": {"required": "กรุณากรอกชื่อพัสดุ"},
                          "count_unit": {"required": "กรุณากรอกหน่วยนับ เช่น หลัง ตัว ชุด"}}

    def __init__(self, *args: Any, access: AgencyAccess, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.access = access
        self.instance.agency = access.agency
        units = access.agency.units.all()
        if access.is_unit_staff:
            units = units.filter(pk=access.unit.pk)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = True
        self.fields["unit"].empty_label = "— เลือกกอง/สำนัก —"
        self.fields["unit"].error_messages.update({"required": "เลือกกอง/สำนักที่ดูแลพัสดุนี้",
                                                   "invalid_choice": "เลือกกอง/สำนักจากรายการ"})
        self.fields["quantity"] = _number_field("จำนวนที่ให้ยืมได้", low=1, help_text="พัสดุที่นับได้หลายชิ้น "
                                                "เช่น เก้าอี้ 200 ตัว ให้ใส่จำนวนทั้งหมดที่ให้ยืมได้")
        self.fields["max_days"] = _number_field("ยืมได้ครั้งละไม่เกิน (วัน)", required=False, low=1,
                                                high=rules.LIMIT_DAYS,
                                                help_text="เว้นว่างเพื่อใช้ระยะเวลาตามหลักเกณฑ์การยืมของหน่วยงาน")
        if not self.instance.pk:
            del self.fields["retired"]
            del self.fields["remove_photo"]
        elif not hasattr(self.instance, "photo"):
            del self.fields["remove_photo"]

    def clean_code(self) -> str:
        code = " ".join(self.cleaned_data["code"].split())
        taken = Asset.objects.filter(agency=self.access.agency, code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"หมายเลข {code} มีอยู่แล้วในรายการพัสดุของหน่วยงาน")
        return code

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_photo_file(self) -> tuple[bytes, str] | None:
        return clean_photo(self.cleaned_data.get("photo_file"))

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data["quantity"]
        if self.instance.pk:
            today = timezone.localdate()
            held = loans.holds(self.access.agency, [self.instance.pk], today)[self.instance.pk]
            days = {today} | {h.start for h in held if h.start > today}
            promised = max([0, *(sum(h.quantity for h in held if h.covers(day)) for day in days)])
            if promised > quantity:
                raise forms.ValidationError(f"มีการอนุมัติหรือส่งมอบให้ยืมไว้แล้ว {promised} {self.instance.count_unit} "
                                            "ในช่วงเดียวกัน ลดจำนวนได้ไม่ต่ำกว่านี้")
        return quantity


# --------------------------------------------------------------------------- the rules


class RulesForm(forms.ModelForm):
    """The agency's rules and who approves besides its admins."""

    rules_date = ThaiDateField(label="วันที่ประกาศหลักเกณฑ์", required=False,
                               help_text="วันที่ผู้บริหารลงนามในประกาศ (พิมพ์ลงในประกาศที่ระบบจัดทำ)")
    approvers = forms.ModelMultipleChoiceField(
        label="ผู้อนุมัติการยืม (นอกจากผู้ดูแลของหน่วยงาน)", queryset=Membership.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="สมาชิกที่ได้รับมอบอำนาจให้อนุมัติการยืม เช่น ปลัด หรือหัวหน้าสำนักปลัด ผู้ดูแลระบบของหน่วยงานบันทึกผลการอนุมัติได้ โดยต้องเป็นไปตามการอนุมัติของผู้มีอำนาจตามประกาศ")

    class Meta:
        model = BorrowingRules
        fields = ["public_open", "custodian_unit", "approver_title", "max_days", "lead_days", "place", "phone",
                  "documents", "fee", "return_check", "liability", "rules_date"]
        widgets = {"return_check": forms.Textarea(attrs={"rows": 4}), "liability": forms.Textarea(attrs={"rows": 4}),
                   "documents": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        agency = self.instance.agency
        self.fields["custodian_unit"].queryset = agency.units.all()
        self.fields["custodian_unit"].empty_label = "— เลือกกอง/สำนัก —"
        self.fields["max_days"] = _number_field("ยืมได้ครั้งละไม่เกิน (วัน)", low=1, high=rules.LIMIT_DAYS)
        self.fields["lead_days"] = _number_field("ผู้ยืมภายนอกต้องยื่นคำขอล่วงหน้าอย่างน้อย (วัน)", low=1,
                                                 high=rules.LEAD_LIMIT_DAYS,
                                                 help_text=self._meta.model._meta.get_field("lead_days").help_text)
        members = Membership.objects.filter(agency=agency).exclude(role=Membership.ADMIN).select_related("user")
        self.fields["approvers"].queryset = members.order_by("user__first_name", "user__username")
        self.fields["approvers"].label_from_instance = lambda m: (
            f"{m.user.get_full_name() or m.user.get_username()} ({m.get_role_display()})")
        self.fields["approver_title"].widget.attrs["placeholder"] = wording.default_approver(agency)
        defaults = wording.defaults()
        for name in ("documents", "fee", "return_check", "liability"):
            if not getattr(self.instance, name):
                self.initial[name] = defaults[name]
        if not self.instance.rules_date:
            self.initial.setdefault("rules_date", timezone.localdate())
        if self.instance.pk:
            self.initial["approvers"] = list(members.filter(loan_approver__isnull=False))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("public_open") and not data.get("custodian_unit"):
            self.add_error("custodian_unit", "เลือกกอง/สำนักที่รับคำขอก่อนเปิดรับคำขอยืมจากประชาชน")
        defaults = wording.defaults()
        for name in ("documents", "fee", "return_check", "liability"):
            text = "\n".join(" ".join(line.split()) for line in (data.get(name) or "").splitlines() if line.strip())
            # The standard text is kept as blank, so a newer wording reaches the agency too.
            data[name] = "" if text == defaults[name] else text
        return data


# --------------------------------------------------------------------------- requests


class _RequestForm(forms.Form):
    start_on = ThaiDateField(label="วันที่ยืม (รับพัสดุ)")
    end_on = ThaiDateField(label="กำหนดวันส่งคืน")
    purpose = forms.CharField(label="ใช้ในงาน", max_length=300,
                              help_text="ชื่องานหรือกิจกรรม เช่น งานประเพณีลอยกระทงหมู่ 3 ประชุมประชาคมหมู่บ้าน",
                              error_messages={"required": "กรุณาระบุงานหรือกิจกรรมที่จะนำพัสดุไปใช้"})
    place = forms.CharField(label="สถานที่นำไปใช้", max_length=300,
                            error_messages={"required": "กรุณาระบุสถานที่ที่จะนำพัสดุไปใช้"})
    outside = True

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.rules = BorrowingRules.of(agency)
        self.wanted: list[loans.Wanted] = []

    def lines(self) -> list[loans.Wanted]:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("purpose", "place"):
            if name in data:
                data[name] = " ".join(data[name].split())
        self.wanted = self.lines()
        line_errors = any(k in self.errors for k in self._line_fields())
        start, end = data.get("start_on"), data.get("end_on")
        if start and end:
            for problem in loans.problems(self.agency, self.wanted, start, end, outside=self.outside):
                field = problem.field if problem.field in self.fields else None
                if (field and field in self.errors) or (problem.field == "lines" and line_errors):
                    continue
                self.add_error(field, problem.message)
        elif not self.wanted and not line_errors:
            self.add_error(None, "กรุณาระบุพัสดุที่ขอยืมอย่างน้อยหนึ่งรายการ")
        return data

    def _line_fields(self) -> list[str]:
        return []


class StaffLoanForm(_RequestForm):
    """A member asks to borrow for official work: the borrower is the member."""

    outside = False

    def __init__(self, *args: Any, agency: Any, asset: Asset | None = None, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        assets = Asset.objects.filter(agency=agency, retired=False).exclude(condition=rules.BROKEN)
        for n in range(1, STAFF_LINES + 1):
            self.fields[f"asset_{n}"] = forms.ModelChoiceField(
                label=f"พัสดุรายการที่ {n}", queryset=assets, required=n == 1, empty_label="— เลือกพัสดุ —",
                error_messages={"required": "เลือกพัสดุที่ขอยืม", "invalid_choice": "เลือกพัสดุจากรายการ"})
            self.fields[f"asset_{n}"].label_from_instance = lambda a: f"{a.name} ({a.code}) มี {a.quantity} {a.count_unit}"
            self.fields[f"quantity_{n}"] = _number_field(f"จำนวนรายการที่ {n}", required=False, low=1)
        self.fields["purpose"].help_text = "งานในหน้าที่ที่จะนำพัสดุไปใช้ เช่น ออกหน่วยบริการประชาชนเคลื่อนที่ หมู่ 5"
        self.order_fields(["start_on", "end_on", *(f"{k}_{n}" for n in range(1, STAFF_LINES + 1)
                                                   for k in ("asset", "quantity")), "purpose", "place"])
        if asset is not None and not self.is_bound:
            self.initial["asset_1"] = asset.pk
            self.initial["quantity_1"] = 1

    def _line_fields(self) -> list[str]:
        return [f"{k}_{n}" for n in range(1, STAFF_LINES + 1) for k in ("asset", "quantity")]

    def lines(self) -> list[loans.Wanted]:
        wanted: list[loans.Wanted] = []
        seen: set[int] = set()
        for n in range(1, STAFF_LINES + 1):
            asset = self.cleaned_data.get(f"asset_{n}")
            quantity = self.cleaned_data.get(f"quantity_{n}")
            if asset is None:
                if quantity and f"asset_{n}" not in self.errors:
                    self.add_error(f"asset_{n}", "เลือกพัสดุของจำนวนที่กรอกไว้")
                continue
            if quantity is None:
                if f"quantity_{n}" not in self.errors:
                    self.add_error(f"quantity_{n}", f"กรุณากรอกจำนวน{asset.name}ที่ขอยืม")
                continue
            if asset.pk in seen:
                self.add_error(f"asset_{n}", f"เลือก{asset.name}ซ้ำกับรายการก่อนหน้า ให้รวมจำนวนไว้ในรายการเดียว")
                continue
            seen.add(asset.pk)
            wanted.append(loans.Wanted(asset, quantity, f"quantity_{n}"))
        return wanted


class PublicLoanForm(_RequestForm):
    """A request from the public: how many of each public asset, the event, the borrower. The
    purposes the regulation allows only: no private use is offered."""

    purpose_kind = forms.ChoiceField(label="วัตถุประสงค์การยืม", widget=forms.RadioSelect, choices=rules.PURPOSES,
                                     error_messages={"required": "เลือกวัตถุประสงค์การยืม",
                                                     "invalid_choice": "เลือกวัตถุประสงค์การยืมจากรายการ "
                                                                       "(ให้ยืมเพื่อประโยชน์ของทางราชการและส่วนรวมเท่านั้น)"})
    name = forms.CharField(label="ชื่อ-นามสกุลผู้ยืม", max_length=150,
                           error_messages={"required": "กรุณากรอกชื่อ-นามสกุลผู้ยืม"})
    organisation = forms.CharField(label="ในนามของ (ถ้ามี)", max_length=200, required=False,
                                   help_text="ชื่อหน่วยงาน ชุมชน หรือกลุ่ม เช่น คณะกรรมการหมู่บ้านหมู่ 3 "
                                             "ต้องกรอกเมื่อยืมไปใช้ในราชการของหน่วยงานอื่น")
    phone = forms.CharField(label="โทรศัพท์ที่ติดต่อได้", max_length=60,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
                            error_messages={"required": "กรุณากรอกหมายเลขโทรศัพท์ที่ติดต่อได้"})
    address = forms.CharField(label="ที่อยู่", max_length=TEXT, widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": "กรุณากรอกที่อยู่ของผู้ยืม"})
    agree = forms.BooleanField(label="ข้าพเจ้าได้อ่านหลักเกณฑ์การยืมแล้ว จะใช้พัสดุตามวัตถุประสงค์ที่แจ้ง ดูแลรักษา "
                                     "และส่งคืนในสภาพเรียบร้อยภายในกำหนด หากชำรุดเสียหายหรือสูญหาย ยินดีรับผิดชอบตามหลักเกณฑ์",
                               error_messages={"required": "กรุณาอ่านหลักเกณฑ์การยืมและทำเครื่องหมายยอมรับ"})
    website = forms.CharField(required=False, label="เว้นช่องนี้ว่างไว้")  # honeypot

    def __init__(self, *args: Any, agency: Any, assets: list[Asset], **kwargs: Any) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        self.assets = assets
        for asset in assets:
            field = _number_field(f"จำนวน{asset.name}ที่ขอยืม ({asset.count_unit})", required=False, low=0,
                                  high=asset.quantity)
            field.error_messages["max_value"] = f"{asset.name}มีทั้งหมด {asset.quantity} {asset.count_unit}"
            field.widget.attrs["placeholder"] = "0"
            self.fields[self.key(asset)] = field
        self.fields["start_on"].help_text = (f"ยื่นคำขอล่วงหน้าอย่างน้อย {self.rules.core.lead_days} วัน "
                                             f"ยืมได้ครั้งละไม่เกิน {self.rules.core.max_days} วัน")
        self.order_fields([self.key(a) for a in assets] + ["start_on", "end_on", "purpose_kind", "purpose", "place",
                                                           "name", "organisation", "phone", "address", "agree",
                                                           "website"])

    @staticmethod
    def key(asset: Asset) -> str:
        return f"qty_{asset.pk}"

    def _line_fields(self) -> list[str]:
        return [self.key(a) for a in self.assets]

    def lines(self) -> list[loans.Wanted]:
        return [loans.Wanted(a, self.cleaned_data[self.key(a)], self.key(a)) for a in self.assets
                if self.cleaned_data.get(self.key(a))]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("name", "organisation", "phone"):
            if name in data:
                data[name] = " ".join(data[name].split())
        if data.get("purpose_kind") == rules.OTHER_AGENCY and not data.get("organisation"):
            self.add_error("organisation", "ยืมไปใช้ในราชการของหน่วยงานอื่น กรุณาระบุชื่อหน่วยงาน")
        phone = "".join(ch for ch in data.get("phone", "") if ch.isdigit())
        if "phone" in data and not 9 <= len(phone) <= 10:
            self.add_error("phone", "หมายเลขโทรศัพท์ต้องมี 9 หรือ 10 หลัก เช่น 081 234 5678")
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


# --------------------------------------------------------------------------- staff decisions


class ApproveForm(forms.Form):
    note = forms.CharField(label="เงื่อนไขหรือหมายเหตุ (ถ้ามี)", max_length=TEXT, required=False,
                           help_text="ผู้ยืมเห็นข้อความนี้ เช่น ให้มารับพัสดุที่ห้องพัสดุเวลา 08.30 น.")


class RefuseForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ไม่อนุมัติ", max_length=TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "กรุณาระบุเหตุผลที่ไม่อนุมัติ ผู้ยืมจะเห็นเหตุผลนี้"})


class CancelForm(forms.Form):
    reason = forms.CharField(label="เหตุที่ยกเลิก", max_length=300,
                             error_messages={"required": "กรุณาระบุเหตุที่ยกเลิก"})


class HandOverForm(forms.Form):
    handed_on = ThaiDateField(label="วันที่ส่งมอบ")
    handed_to = forms.CharField(label="ผู้รับพัสดุ", max_length=150,
                                error_messages={"required": "กรุณากรอกชื่อผู้มารับพัสดุ"})
    note = forms.CharField(label="สภาพพัสดุเมื่อส่งมอบ", max_length=TEXT,
                           error_messages={"required": "กรุณาบันทึกสภาพพัสดุที่ตรวจร่วมกับผู้ยืม"})

    def __init__(self, *args: Any, loan: Loan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loan = loan
        self.initial.setdefault("handed_on", timezone.localdate())
        self.initial.setdefault("handed_to", loan.borrower_name)
        self.initial.setdefault("note", "ครบถ้วนตามรายการ อยู่ในสภาพใช้งานได้ดี")

    def clean_handed_on(self) -> date:
        day = self.cleaned_data["handed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("วันที่ส่งมอบต้องไม่เลยวันนี้")
        if day < self.loan.requested_on:
            raise forms.ValidationError("วันที่ส่งมอบต้องไม่ก่อนวันที่ยื่นคำขอ")
        return day


class ReturnForm(forms.Form):
    returned_on = ThaiDateField(label="วันที่ส่งคืน")
    note = forms.CharField(label="บันทึกการตรวจรับคืน", max_length=TEXT, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="ต้องกรอกเมื่อมีพัสดุชำรุดหรือสูญหาย: ลักษณะความเสียหาย และการซ่อมแซมหรือชดใช้ที่ตกลงกัน")

    def __init__(self, *args: Any, loan: Loan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loan = loan
        self.loan_lines: list[LoanLine] = list(loan.lines.select_related("asset"))
        self.initial.setdefault("returned_on", timezone.localdate())
        for line in self.loan_lines:
            asset = line.asset
            self.fields[f"damaged_{line.pk}"] = _number_field(f"{asset.name}: ชำรุด ({asset.count_unit})",
                                                              required=False, low=0, high=line.quantity)
            self.fields[f"lost_{line.pk}"] = _number_field(f"{asset.name}: สูญหาย ({asset.count_unit})",
                                                           required=False, low=0, high=line.quantity)
            self.fields[f"condition_{line.pk}"] = forms.ChoiceField(
                label=f"สภาพ{asset.name}ในทะเบียนหลังรับคืน", choices=rules.CONDITIONS, initial=asset.condition)
            self.initial.setdefault(f"damaged_{line.pk}", 0)
            self.initial.setdefault(f"lost_{line.pk}", 0)
        self.order_fields(["returned_on", *(f"{k}_{line.pk}" for line in self.loan_lines
                                            for k in ("damaged", "lost", "condition")), "note"])

    def clean_returned_on(self) -> date:
        day = self.cleaned_data["returned_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("วันที่ส่งคืนต้องไม่เลยวันนี้")
        if self.loan.handed_on and day < self.loan.handed_on:
            raise forms.ValidationError("วันที่ส่งคืนต้องไม่ก่อนวันที่ส่งมอบ")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        harmed = False
        for line in self.loan_lines:
            damaged = data.get(f"damaged_{line.pk}") or 0
            lost = data.get(f"lost_{line.pk}") or 0
            if damaged + lost > line.quantity:
                self.add_error(f"lost_{line.pk}", f"ชำรุดและสูญหายรวมกันเกินจำนวนที่ยืม ({line.quantity} "
                                                  f"{line.asset.count_unit})")
            harmed = harmed or bool(damaged or lost)
        if harmed and not (data.get("note") or "").strip():
            self.add_error("note", "มีพัสดุชำรุดหรือสูญหาย กรุณาบันทึกลักษณะความเสียหายและการซ่อมแซมหรือชดใช้")
        return data

    def returned(self) -> list[loans.Returned]:
        d = self.cleaned_data
        return [loans.Returned(line, d.get(f"damaged_{line.pk}") or 0, d.get(f"lost_{line.pk}") or 0,
                               d.get(f"condition_{line.pk}") or line.asset.condition) for line in self.loan_lines]


# --------------------------------------------------------------------------- the public status page


class CodeForm(forms.Form):
    code = forms.CharField(label="รหัสติดตามคำขอ 16 หลัก", max_length=40,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                         "spellcheck": "false"}),
                           help_text="พิมพ์เว้นวรรคหรือขีดคั่นได้ เช่น 1234 5678 9012 3456",
                           error_messages={"required": "กรุณากรอกรหัสติดตามคำขอ"})

    def clean_code(self) -> str:
        code = normalised(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError("รหัสติดตามคำขอต้องเป็นตัวเลข 16 หลัก")
        return code


class PublicCancelForm(CodeForm):
    reason = forms.CharField(label="เหตุที่ขอยกเลิก (ถ้ามี)", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget = forms.HiddenInput()


# --------------------------------------------------------------------------- the register's filters


class RegisterFilter(forms.Form):
    OPEN, OVERDUE = "open", "overdue"
    ALL = "all"
    year = forms.ChoiceField(label="ปีงบประมาณ")
    asset = forms.ModelChoiceField(label="พัสดุ", queryset=Asset.objects.none(), required=False,
                                   empty_label="ทุกรายการ")
    status = forms.ChoiceField(label="สถานะ", required=False)

    def __init__(self, *args: Any, agency: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(self.ALL, "ทุกปี"), *((str(y), str(y)) for y in years)]
        self.fields["asset"].queryset = Asset.objects.filter(agency=agency)
        self.fields["status"].choices = [("", "ทุกสถานะ"), (self.OPEN, "ยังไม่เสร็จสิ้น"),
                                         (self.OVERDUE, "เกินกำหนดส่งคืน"), *rules.STATUSES]
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""
