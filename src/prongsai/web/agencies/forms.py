from __future__ import annotations

import math
import secrets
from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from prongsai.thai import district_name, normalise_text, province_name, provinces
from prongsai.web.agencies import invitations, ratelimit
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
    """Django's login form, paused by the login throttle (ratelimit): failures are counted by
    django-axes from the authentication signals, and a paused name is not even checked."""

    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (ตัวพิมพ์เล็ก-ใหญ่มีผล)",
        "inactive": "บัญชีนี้ถูกระงับการใช้งาน โปรดติดต่อผู้ดูแล",
        "locked": ("ระงับการเข้าสู่ระบบด้วยชื่อนี้ไว้ชั่วคราว เพราะใส่รหัสผ่านผิดหลายครั้ง"
                   " ลองใหม่ได้ในอีก %(minutes)s นาที (เวลา %(time)s น.)"
                   " หากลืมรหัสผ่าน โปรดติดต่อผู้ดูแลของหน่วยงานเพื่อตั้งรหัสผ่านใหม่"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"
        self.paused_until: datetime | None = None

    def _pause_error(self) -> forms.ValidationError | None:
        username = self.cleaned_data.get("username")
        if self.request is None or not username:
            return None
        self.paused_until = ratelimit.login_paused_until(self.request, username)
        if self.paused_until is None:
            return None
        seconds = (self.paused_until - timezone.now()).total_seconds()
        return forms.ValidationError(self.error_messages["locked"], code="locked", params={
            "minutes": max(1, math.ceil(seconds / 60)),
            "time": timezone.localtime(self.paused_until).strftime("%H:%M")})

    def clean(self) -> dict[str, Any]:
        paused = self._pause_error()
        if paused is not None:
            raise paused
        try:
            return super().clean()
        except forms.ValidationError as wrong:
            paused = self._pause_error()  # this failure may be the one that starts a pause
            if paused is None:
                raise
            raise forms.ValidationError([wrong, paused]) from None

    def is_paused(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "locked")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form in Thai, the rules (AUTH_PASSWORD_VALIDATORS) listed under the new password."""

    error_messages = {
        "password_mismatch": "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน",
        "password_incorrect": "รหัสผ่านปัจจุบันไม่ถูกต้อง โปรดลองอีกครั้ง",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "รหัสผ่านปัจจุบัน"
        self.fields["new_password1"].label = "รหัสผ่านใหม่"
        self.fields["new_password1"].help_text = password_rules_help()
        self.fields["new_password2"].label = "ยืนยันรหัสผ่านใหม่"
        self.fields["new_password2"].help_text = "พิมพ์รหัสผ่านใหม่อีกครั้ง"


def password_rules_help() -> str:
    """One line (the help text sits in a paragraph, where Django's <ul> cannot go)."""
    rules = format_html_join(" · ", "{}", ((text,) for text in password_validation.password_validators_help_texts()))
    return format_html("รหัสผ่านต้อง: {}", rules)


def framework_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(variant choices, reading choices) from the framework library: each variant once with the
    years it has, and each reading named by what it calls the disagreeing items, since an
    officer chooses by comparing those names with the manual the agency received."""
    from prongsai.ita.library import library

    lib = library()
    variants, readings = [], {}
    for variant in lib.all_variants():
        frameworks = [lib.get(y, v) for y, v in lib.keys if v == variant]
        years = [f.fiscal_year for f in frameworks]
        span = f"{years[0]}–{years[-1]}" if years == list(range(years[0], years[-1] + 1)) and len(years) > 1 \
            else ", ".join(map(str, years))
        variants.append((variant, f"{frameworks[-1].variant_name} ปี {span}"))
        for fw in frameworks:
            for number, reading in enumerate(fw.readings, start=1):
                as_read = lib.as_read(fw, reading.id)
                names = " · ".join(f"{i.code} {as_read.item_by_code[i.code].name}" for i in fw.items if i.alternatives)
                readings.setdefault(reading.id, f"แบบที่ {number}: {names}")
    return variants, list(readings.items())


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

    framework_variant = forms.ChoiceField(
        label="กรอบการประเมินที่ใช้", required=False,
        help_text="หน่วยงานส่วนใหญ่ใช้กรอบทั่วไป สถานศึกษาสังกัด สอศ. ใช้แบบตรวจ OIT เฉพาะของตน")
    framework_reading = forms.ChoiceField(
        label="ชื่อและองค์ประกอบของข้อที่แหล่งข้อมูลระบุไม่ตรงกัน", required=False,
        help_text="บางข้อของกรอบเฉพาะกลุ่มมีแหล่งข้อมูลระบุชื่อและองค์ประกอบไม่ตรงกัน เลือกแบบที่ตรงกับคู่มือที่หน่วยงานได้รับ")

    class Meta:
        model = Agency
        fields = ["name", "agency_type", "district", "province", "website", "framework_variant", "framework_reading"]
        widgets = {"name": forms.TextInput(attrs={"placeholder": "เช่น องค์การบริหารส่วนตำบลลาดหญ้า"})}

    # Supervisor scopes (SupervisorScope.as_q) match on these: whoever changes them decides who
    # supervises the agency, so only the system administrator may.
    SCOPE_FIELDS = ("province", "district", "agency_type")
    SCOPE_NOTE = ("จังหวัด อำเภอ และประเภทหน่วยงานใช้กำหนดว่าผู้กำกับดูแลคนใดเห็นหน่วยงานนี้"
                  " (เช่น สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด) จึงแก้ไขได้เฉพาะผู้ดูแลระบบ"
                  " หากไม่ถูกต้อง โปรดแจ้งผู้ดูแลระบบให้แก้ไข")

    def __init__(self, *args: Any, scope_locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = agency_types()
        current = self.initial.get("agency_type") or ""
        choices = [("", "— ให้ระบบดูจากชื่อหน่วยงาน —")] + [(t, t) for t in types]
        if current and current not in types:
            choices.append((current, current))
        self.fields["agency_type"].choices = choices
        variants, readings = framework_choices()
        self.fields["framework_variant"].choices = [("", "กรอบทั่วไปของ ป.ป.ช.")] + variants
        self.fields["framework_reading"].choices = [("", "ยังไม่เลือก (ใช้แบบที่ 1)")] + readings
        if not readings:
            del self.fields["framework_reading"]
        self.scope_locked = scope_locked
        if scope_locked:
            self.fields["agency_type"].choices = [(current, current or "— ไม่ระบุ —")]
            for name in self.SCOPE_FIELDS:
                # A disabled field keeps the saved value whatever the request carries.
                self.fields[name].disabled = True
                self.fields[name].help_text = self.SCOPE_NOTE

    def clean_name(self) -> str:
        return normalise_text(self.cleaned_data["name"])

    def clean_province(self) -> str:
        return province_name(self.cleaned_data.get("province"))

    def clean_district(self) -> str:
        return district_name(self.cleaned_data.get("district"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.scope_locked and not cleaned.get("agency_type") and cleaned.get("name"):
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
                                help_text="ภาษาอังกฤษหรือตัวเลข เช่น somchai.k หากยังไม่มีบัญชีชื่อนี้ ระบบจะสร้างให้พร้อมรหัสผ่าน"
                                " หากมีบัญชีชื่อนี้อยู่แล้ว ระบบจะส่งคำเชิญ และเจ้าของบัญชีต้องตอบรับก่อนจึงจะเป็นสมาชิก",
                                error_messages={"invalid": "ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . @ + - _"})
    full_name = forms.CharField(label="ชื่อ-นามสกุล", max_length=150, required=False,
                                help_text="ใช้เมื่อสร้างบัญชีใหม่")
    role = forms.ChoiceField(label="บทบาท", choices=Membership.ROLES, initial=Membership.EDITOR)
    unit = forms.ModelChoiceField(label="สังกัดกอง/สำนัก", queryset=Unit.objects.none(), required=False,
                                  empty_label="— ไม่ระบุ (ดูแลทุกมาตรการ) —")

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.existing_user: Any = None  # the account named, when it exists: it gets an invitation
        self.fields["unit"].queryset = agency.units.all()
        self.fields["role"].help_text = " · ".join(f"{label}: {Membership.ROLE_HELP[key]}"
                                                   for key, label in Membership.ROLES)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is not None and Membership.objects.filter(user=user, agency=self.agency).exists():
            raise forms.ValidationError("ผู้ใช้นี้เป็นสมาชิกของหน่วยงานอยู่แล้ว")
        if user is not None and invitations.has_open(self.agency, user):
            raise forms.ValidationError(invitations.ALREADY_INVITED)
        self.existing_user = user
        return user.username if user is not None else username


class MemberEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "unit", "complaint_officer"]

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
    # Choices, not free text: a scope matches agencies by the exact province and type, so
    # "จังหวัดกาญจนบุรี" typed by hand would silently match no agency.
    province = forms.ChoiceField(label="จังหวัดที่กำกับดูแล", required=False)
    district = forms.CharField(label="อำเภอ", max_length=100, required=False,
                               help_text="เฉพาะผู้กำกับดูแลระดับอำเภอ เช่น ท่าม่วง เว้นว่าง = ทุกอำเภอของจังหวัด",
                               widget=forms.TextInput(attrs={"list": "districts"}))
    agency_type = forms.ChoiceField(label="ประเภทหน่วยงาน", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        used = Agency.objects.exclude(province="").values_list("province", flat=True).distinct()
        official = provinces()
        self.fields["province"].choices = [("", "ทุกจังหวัด")] + [(p, p) for p in official] + [
            (p, p) for p in sorted(set(used) - set(official))]
        types = agency_types()
        used_types = Agency.objects.exclude(agency_type="").values_list("agency_type", flat=True).distinct()
        self.fields["agency_type"].choices = [("", "ทุกประเภท")] + [(t, t) for t in types] + [
            (t, t) for t in sorted(set(used_types) - set(types))]

    def clean_district(self) -> str:
        return district_name(self.cleaned_data.get("district"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("district") and not cleaned.get("province"):
            self.add_error("district", "ระบุอำเภอได้เมื่อเลือกจังหวัดแล้ว (ที่ถูกต้อง: เลือกจังหวัดของอำเภอนั้นก่อน)")
        username = cleaned.get("username")
        if username:
            user = User.objects.filter(username__iexact=username).first()
            if user is not None and user.is_superuser:
                self.add_error("username", "ผู้ดูแลระบบเห็นทุกหน่วยงานอยู่แล้ว")
            elif user is not None and SupervisorScope.objects.filter(
                    user=user, province=cleaned.get("province") or "", district=cleaned.get("district") or "",
                    agency_type=cleaned.get("agency_type") or "").exists():
                self.add_error("username", "ผู้ใช้นี้มีขอบเขตการกำกับดูแลนี้อยู่แล้ว")
        return cleaned


class AgencySearchForm(forms.Form):
    q = forms.CharField(label="ค้นหาหน่วยงาน", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "ชื่อหน่วยงานหรืออำเภอ"}))
    province = forms.CharField(label="จังหวัด", required=False, max_length=100,
                               widget=forms.TextInput(attrs={"list": "provinces"}))
