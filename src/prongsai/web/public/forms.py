from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from prongsai.web.public.models import PublicProfile


class PublicProfileForm(forms.ModelForm):
    map_url = forms.URLField(label="ลิงก์แผนที่ตั้ง", required=False, assume_scheme="https", max_length=500,
                             help_text=PublicProfile._meta.get_field("map_url").help_text,
                             widget=forms.URLInput(attrs={"placeholder": "https://maps.app.goo.gl/…"}))

    class Meta:
        model = PublicProfile
        fields = ["intro", "address", "phone", "email", "office_hours", "map_url", "social_links", "head_title"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "social_links": forms.Textarea(attrs={"rows": 2, "placeholder": "https://www.facebook.com/…"}),
        }

    def clean_social_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data.get("social_links", "").splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        out = []
        for line in lines:
            link = line if "://" in line else f"https://{line}"
            try:
                check(link)
            except ValidationError:
                raise ValidationError(f"“{line}” ไม่ใช่ลิงก์ที่ถูกต้อง กรุณาใส่บรรทัดละหนึ่งลิงก์ "
                                      "เช่น https://www.facebook.com/ชื่อเพจ") from None
            out.append(link)
        return "\n".join(out)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("intro", "address", "phone", "office_hours", "head_title"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        return cleaned
