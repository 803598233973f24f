from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm

from prongsai.thai import normalise_text
from prongsai.web.agencies import ratelimit
from prongsai.web.agencies.models import Agency, Membership, SupervisorScope, Unit

User = get_user_model()

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password() -> str:
    """12 random characters without look-alikes (l/1, O/0), in three groups: easy to read out."""
    while True:
        raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))
        if any(c.isdigit() for c in raw) and any(c.isalpha() for c in raw):
            return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def agency_types() -> list[str]:
    from prongsai.planning.catalogue import load_units

    return list(load_units().agency_types)


def default_units(agency_type: str) -> list[str]:
    from prongsai.planning.catalogue import CatalogueError, load_units

    book = load_units()
    try:
        return list(book.agency_types[book.agency_type(agency_type)].units)
    except CatalogueError:
        return []


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (ตัวพิมพ์เล็ก-ใหญ่มีผล)",
        "inactive": "บัญชีนี้ถูกระงับการใช้งาน โปรดติดต่อผู้ดูแล",
        "locked": "เข้าสู่ระบบผิดหลายครั้งเกินไป โปรดรอ %(minutes)s นาทีแล้วลองใหม่ หรือติดต่อผู้ดูแล",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "") or ""
        if self.request is not None and ratelimit.is_locked(self.request, username):
            raise forms.ValidationError(self.error_messages["locked"], code="locked",
                                        params={"minutes": ratelimit.lockout_minutes()})
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if self.request is not None:
                ratelimit.record_failure(self.request, username)
            raise
        ratelimit.record_success(username)
        return cleaned


def canonical_type(name: str) -> str:
    """The units book's agency type for a type, alias or agency name; "" when there is none."""
    from prongsai.planning.catalogue import canonical_agency_type

    try:
        return canonical_agency_type(name) if name else ""
    except ValueError:
        return ""


class AgencyForm(forms.ModelForm):
    website = forms.URLField(label="เว็บไซต์ของหน่วยงาน", required=False, assume_scheme="https", max_length=200,
                             help_text="ใช้ตรวจรายการ OIT เช่น https://www.ladya.go.th")
    agency_type = forms.ChoiceField(
        label="ประเภทหน่วยงาน", required=False,
        help_text="ใช้กำหนดกอง/สำนักมาตรฐานและผู้รับผิดชอบในร่างมาตรการ เว้นว่างไว้ให้ระบบดูจากชื่อหน่วยงาน")

    class Meta:
        model = Agency
        fields = ["name", "agency_type", "district", "province", "website"]
        widgets = {"name": forms.TextInput(attrs={"placeholder": "เช่น องค์การบริหารส่วนตำบลลาดหญ้า"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = agency_types()
        current = self.initial.get("agency_type") or ""
        choices = [("", "— ให้ระบบดูจากชื่อหน่วยงาน —")] + [(t, t) for t in types]
        if current and current not in types:
            choices.append((current, current))
        self.fields["agency_type"].choices = choices

    def clean_name(self) -> str:
        return normalise_text(self.cleaned_data["name"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("agency_type") and cleaned.get("name"):
            cleaned["agency_type"] = canonical_type(cleaned["name"])
        return cleaned


class NewAgencyForm(AgencyForm):
    units = forms.CharField(
        label="กอง/สำนัก", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="หนึ่งกอง/สำนักต่อหนึ่งบรรทัด เว้นว่างไว้เพื่อใช้โครงสร้างมาตรฐานของประเภทหน่วยงาน",
    )

    def clean_units(self) -> list[str]:
        names = [normalise_text(line) for line in (self.cleaned_data.get("units") or "").splitlines()]
        names = [n for n in names if n]
        if len(set(names)) != len(names):
            raise forms.ValidationError("มีชื่อกอง/สำนักซ้ำกัน")
        if any(len(n) > 150 for n in names):
            raise forms.ValidationError("ชื่อกอง/สำนักยาวเกิน 150 ตัวอักษร")
        return names


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name"]
        widgets = {"name": forms.TextInput(attrs={"placeholder": "เช่น กองคลัง"})}

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_name(self) -> str:
        name = normalise_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("ต้องระบุชื่อกอง/สำนัก")
        clash = Unit.objects.filter(agency=self.agency, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("มีกอง/สำนักชื่อนี้แล้ว")
        return name


class MemberAddForm(forms.Form):
    username = forms.RegexField(label="ชื่อผู้ใช้", max_length=150, regex=r"^[\w.@+-]+$",
                                help_text="ภาษาอังกฤษหรือตัวเลข เช่น somchai.k หากยังไม่มีบัญชี ระบบจะสร้างให้พร้อมรหัสผ่าน",
                                error_messages={"invalid": "ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . @ + - _"})
    full_name = forms.CharField(label="ชื่อ-นามสกุล", max_length=150, required=False,
                                help_text="ใช้เมื่อสร้างบัญชีใหม่")
    role = forms.ChoiceField(label="บทบาท", choices=Membership.ROLES, initial=Membership.EDITOR)
    unit = forms.ModelChoiceField(label="สังกัดกอง/สำนัก", queryset=Unit.objects.none(), required=False,
                                  empty_label="— ไม่ระบุ (ดูแลทุกมาตรการ) —")

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["unit"].queryset = agency.units.all()
        self.fields["role"].help_text = " · ".join(f"{label}: {Membership.ROLE_HELP[key]}"
                                                   for key, label in Membership.ROLES)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is not None and Membership.objects.filter(user=user, agency=self.agency).exists():
            raise forms.ValidationError("ผู้ใช้นี้เป็นสมาชิกของหน่วยงานอยู่แล้ว")
        return user.username if user is not None else username


class MemberEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "unit"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.instance.agency.units.all()
        self.fields["unit"].empty_label = "— ไม่ระบุ (ดูแลทุกมาตรการ) —"

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if self.instance.role == Membership.ADMIN and role != Membership.ADMIN:
            others = Membership.objects.filter(agency=self.instance.agency, role=Membership.ADMIN).exclude(
                pk=self.instance.pk)
            if not others.exists():
                raise forms.ValidationError("หน่วยงานต้องมีผู้ดูแลอย่างน้อยหนึ่งคน")
        return role


class SupervisorForm(forms.Form):
    username = forms.RegexField(label="ชื่อผู้ใช้", max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": "ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . @ + - _"},
                                help_text="หากยังไม่มีบัญชี ระบบจะสร้างให้พร้อมรหัสผ่าน")
    full_name = forms.CharField(label="ชื่อ-นามสกุล / หน่วยงานต้นสังกัด", max_length=150, required=False)
    province = forms.CharField(label="จังหวัดที่กำกับดูแล", max_length=100, required=False,
                               help_text="เว้นว่าง = ทุกจังหวัด",
                               widget=forms.TextInput(attrs={"list": "provinces"}))
    agency_type = forms.CharField(label="ประเภทหน่วยงาน", max_length=60, required=False,
                                  help_text="เว้นว่าง = ทุกประเภท", widget=forms.TextInput(attrs={"list": "agency-types"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        username = cleaned.get("username")
        if username:
            user = User.objects.filter(username__iexact=username).first()
            if user is not None and user.is_superuser:
                self.add_error("username", "ผู้ดูแลระบบเห็นทุกหน่วยงานอยู่แล้ว")
            elif user is not None and SupervisorScope.objects.filter(
                    user=user, province=normalise_text(cleaned.get("province") or ""),
                    agency_type=normalise_text(cleaned.get("agency_type") or "")).exists():
                self.add_error("username", "ผู้ใช้นี้มีขอบเขตการกำกับดูแลนี้อยู่แล้ว")
        return cleaned


class AgencySearchForm(forms.Form):
    q = forms.CharField(label="ค้นหาหน่วยงาน", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "ชื่อหน่วยงานหรืออำเภอ"}))
    province = forms.CharField(label="จังหวัด", required=False, max_length=100,
                               widget=forms.TextInput(attrs={"list": "provinces"}))
