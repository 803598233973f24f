"""The respondent's answer form (public) and the staff's forms for a survey, its services and its
items. Every error names its field (or the item's number) in Thai, next to the box it belongs to."""

from __future__ import annotations

from typing import Any

from django import forms

from prongsai.services.surveys import Template, template
from prongsai.web.surveys.models import (
    COMMENT_MAX,
    INTRO_MAX,
    ITEM_MAX,
    ITEMS_MAX,
    SERVICE_MAX,
    SERVICES_MAX,
    TITLE_MAX,
    Item,
    Service,
    Survey,
)

NOT_APPLICABLE = "na"


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _paragraphs(text: str) -> str:
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _too_long(label: str, limit: int) -> str:
    return f"{label}ยาวได้ไม่เกิน {limit:,} ตัวอักษร (ขณะนี้ %(show_value)s ตัวอักษร)"


# --------------------------------------------------------------------------- the respondent's form


class AnswerForm(forms.Form):
    """Built for one survey: a choice per item (5 … 1 or not applicable), the service when the
    survey covers several, the optional profile and comment, and a honeypot."""

    comment = forms.CharField(
        label="ข้อเสนอแนะเพิ่มเติม (ไม่บังคับ)", required=False, max_length=COMMENT_MAX,
        help_text=f"ไม่เกิน {COMMENT_MAX:,} ตัวอักษร โปรดอย่าระบุชื่อ เลขประจำตัวประชาชน หรือข้อมูลส่วนบุคคลอื่น",
        error_messages={"max_length": _too_long("ข้อเสนอแนะ", COMMENT_MAX)},
        widget=forms.Textarea(attrs={"rows": 4}))
    # A box people do not see: a program filling every box it finds fills this one too.
    website = forms.CharField(label="เว้นช่องนี้ว่างไว้", required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args: Any, survey: Survey, items: list[Item], services: list[Service],
                 tpl: Template | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.survey, self.items, self.services = survey, items, services
        self.tpl = tpl = tpl or template()
        if len(services) > 1:
            self.fields["service"] = forms.ChoiceField(
                label="งานบริการที่ท่านมาใช้บริการ", widget=forms.RadioSelect,
                choices=[(str(s.pk), s.name) for s in services],
                error_messages={"required": "กรุณาเลือกงานบริการที่ท่านมาใช้บริการ",
                                "invalid_choice": "งานบริการที่เลือกไม่มีในแบบสำรวจนี้ กรุณาเลือกใหม่"})
        choices = [(str(p.value), p.label) for p in tpl.scale] + [(NOT_APPLICABLE, tpl.not_applicable)]
        self.numbers: dict[int, str] = {}
        counts: dict[str, int] = {}
        present = {i.section for i in items}
        section_no = {key: n for n, key in enumerate((k for k in tpl.section_keys if k in present), start=1)}
        for item in items:
            counts[item.section] = counts.get(item.section, 0) + 1
            number = f"{section_no[item.section]}.{counts[item.section]}"
            self.numbers[item.pk] = number
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=f"{number} {item.text}", choices=choices, widget=forms.RadioSelect,
                error_messages={"required": f"กรุณาเลือกคำตอบข้อ {number}",
                                "invalid_choice": f"คำตอบข้อ {number} ไม่ถูกต้อง กรุณาเลือกใหม่"})
        if survey.ask_profile:
            for q in tpl.profile:
                self.fields[q.key] = forms.ChoiceField(
                    label=f"{q.label} (ไม่บังคับ)", required=False, widget=forms.RadioSelect,
                    choices=[("", "ไม่ระบุ")] + [(c.key, c.label) for c in q.choices], initial="",
                    error_messages={"invalid_choice": f"{q.label}ที่เลือกไม่ถูกต้อง กรุณาเลือกใหม่"})

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def sections(self) -> list[dict[str, Any]]:
        """The items section by section, as the page shows them."""
        out: list[dict[str, Any]] = []
        for item in self.items:
            title = self.tpl.section(item.section).title
            if not out or out[-1]["key"] != item.section:
                out.append({"key": item.section, "title": title, "number": self.numbers[item.pk].split(".")[0],
                            "items": []})
            out[-1]["items"].append({"item": item, "number": self.numbers[item.pk], "field": self[f"item_{item.pk}"]})
        return out

    def problems(self) -> dict[str, Any]:
        """The errors for the summary above the form: the items not answered (their numbers and
        anchors, on one line), and every other error with the anchor of its field."""
        missing, other = [], []
        errors = self.errors.as_data() if self.is_bound else {}
        for name, field_errors in errors.items():
            anchor = "q-service" if name == "service" else (f"id_{name}" if name in self.fields else "")
            for error in field_errors:
                if name.startswith("item_") and error.code == "required":
                    pk = int(name.removeprefix("item_"))
                    missing.append((self.numbers[pk], f"q-{pk}"))
                elif name.startswith("item_"):
                    other.append((" ".join(error.messages), f"q-{name.removeprefix('item_')}"))
                else:
                    other.append((" ".join(error.messages), anchor))
        order = {number: n for n, number in enumerate(self.numbers.values())}
        missing.sort(key=lambda m: order.get(m[0], 0))
        return {"missing": missing, "other": other}

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[q.key] for q in self.tpl.profile if q.key in self.fields]

    def scale(self) -> list[tuple[str, str]]:
        return [(str(p.value), p.label) for p in self.tpl.scale]

    def clean_comment(self) -> str:
        return _paragraphs(self.cleaned_data.get("comment", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [data.get(f"item_{i.pk}") for i in self.items]
        if self.items and all(v == NOT_APPLICABLE for v in given):
            raise forms.ValidationError("ทุกข้อตอบว่า “ไม่เกี่ยวข้อง” กรุณาให้คะแนนอย่างน้อยหนึ่งข้อในเรื่องที่ท่านได้รับบริการ")
        return data

    def answer(self) -> tuple[Service, dict[int, int | None], dict[str, str], str]:
        """(service, {item pk: 1–5 or None}, profile, comment) of a valid form."""
        data = self.cleaned_data
        if len(self.services) > 1:
            service = next(s for s in self.services if str(s.pk) == data["service"])
        else:
            service = self.services[0]
        ratings = {i.pk: (None if data[f"item_{i.pk}"] == NOT_APPLICABLE else int(data[f"item_{i.pk}"]))
                   for i in self.items}
        profile = {q.key: data.get(q.key) or "" for q in self.tpl.profile if q.key in self.fields}
        return service, ratings, profile, data["comment"]


# --------------------------------------------------------------------------- the staff's forms


def _service_names(text: str, field_label: str = "งานบริการ") -> list[str]:
    names = [_one_line(line) for line in (text or "").replace("\r", "\n").split("\n")]
    names = [n for n in names if n]
    for name in names:
        if len(name) > SERVICE_MAX:
            raise forms.ValidationError(f"ชื่องานบริการยาวได้ไม่เกิน {SERVICE_MAX} ตัวอักษร: “{name[:40]}…”")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise forms.ValidationError(f"ชื่องานบริการซ้ำกัน: “{name}” ระบุได้ครั้งเดียว")
        seen.add(name)
    return names


class _SurveyFields(forms.Form):
    title = forms.CharField(
        label="ชื่อแบบสำรวจ", max_length=TITLE_MAX,
        help_text="แสดงบนหน้าตอบแบบสำรวจ โปสเตอร์ และรายงาน เช่น แบบสำรวจความพึงพอใจการให้บริการ กองคลัง",
        error_messages={"required": "กรุณากรอกชื่อแบบสำรวจ", "max_length": _too_long("ชื่อแบบสำรวจ", TITLE_MAX)})
    intro = forms.CharField(
        label="คำชี้แจงถึงผู้ตอบ (ไม่บังคับ)", required=False, max_length=INTRO_MAX,
        help_text="แสดงเหนือข้อคำถาม เว้นว่างเพื่อใช้คำชี้แจงมาตรฐาน",
        error_messages={"max_length": _too_long("คำชี้แจง", INTRO_MAX)},
        widget=forms.Textarea(attrs={"rows": 3}))
    ask_profile = forms.BooleanField(
        label="ถามข้อมูลทั่วไปของผู้ตอบ (ไม่บังคับตอบ)", required=False, initial=True,
        help_text="เพศ ช่วงอายุ และประเภทผู้รับบริการ ผู้ตอบเลือก “ไม่ระบุ” ได้ทุกข้อ ใช้สรุปผลเป็นภาพรวมเท่านั้น")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_title(self) -> str:
        title = _one_line(self.cleaned_data.get("title", ""))
        if not title:
            raise forms.ValidationError("กรุณากรอกชื่อแบบสำรวจ", code="required")
        return title

    def clean_intro(self) -> str:
        return _paragraphs(self.cleaned_data.get("intro", ""))


class SurveyForm(_SurveyFields):
    """A new survey: its items come from the standard template."""

    services = forms.CharField(
        label="งานบริการที่สำรวจ", widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"บรรทัดละหนึ่งงาน ไม่เกิน {SERVICES_MAX} งาน เช่น งานจัดเก็บภาษี และงานทะเบียนพาณิชย์ "
                  "หากมีหลายงาน ผู้ตอบจะเลือกงานที่มาใช้บริการ",
        error_messages={"required": "กรุณาระบุงานบริการอย่างน้อยหนึ่งงาน"})

    field_order = ["title", "services", "intro", "ask_profile"]

    def clean_services(self) -> list[str]:
        names = _service_names(self.cleaned_data.get("services", ""))
        if not names:
            raise forms.ValidationError("กรุณาระบุงานบริการอย่างน้อยหนึ่งงาน", code="required")
        if len(names) > SERVICES_MAX:
            raise forms.ValidationError(f"ระบุงานบริการได้ไม่เกิน {SERVICES_MAX} งาน (ขณะนี้ {len(names)} งาน)")
        return names


class SurveyEditForm(_SurveyFields):
    """Title, note, profile questions, and the services: each renamed in its own box, removed
    (only when nobody chose it), or added."""

    new_services = forms.CharField(
        label="เพิ่มงานบริการ (ถ้ามี)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="บรรทัดละหนึ่งงาน")

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"title": survey.title, "intro": survey.intro, "ask_profile": survey.ask_profile})
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.existing = list(survey.services.all())
        answered = set(Service.objects.filter(survey=survey, responses__isnull=False).values_list("pk", flat=True))
        self.service_rows = []
        for n, service in enumerate(self.existing, start=1):
            name_field = forms.CharField(
                label=f"งานบริการที่ {n}", max_length=SERVICE_MAX, initial=service.name,
                error_messages={"required": f"กรุณากรอกชื่องานบริการที่ {n} (หากไม่ใช้แล้ว ให้เลือกลบ)",
                                "max_length": _too_long(f"ชื่องานบริการที่ {n}", SERVICE_MAX)})
            remove_field = forms.BooleanField(label=f"ลบงานบริการที่ {n}", required=False)
            if service.pk in answered:
                remove_field.disabled = True
                remove_field.help_text = "มีผู้ตอบแล้ว ลบไม่ได้ แต่เปลี่ยนชื่อได้"
            self.fields[f"service_{service.pk}"] = name_field
            self.fields[f"remove_{service.pk}"] = remove_field
            self.service_rows.append((self[f"service_{service.pk}"], self[f"remove_{service.pk}"]))
        self.answered = answered
        self.order_fields(["title", *[f for s in self.existing for f in (f"service_{s.pk}", f"remove_{s.pk}")],
                           "new_services", "intro", "ask_profile"])

    def clean_new_services(self) -> list[str]:
        return _service_names(self.cleaned_data.get("new_services", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        names: dict[int, str] = {}
        removed: list[int] = []
        for service in self.existing:
            key = f"service_{service.pk}"
            if data.get(f"remove_{service.pk}") and service.pk not in self.answered:
                removed.append(service.pk)
                continue
            if key in data:
                name = _one_line(data[key])
                if not name:
                    self.add_error(key, "กรุณากรอกชื่องานบริการ (หากไม่ใช้แล้ว ให้เลือกลบ)")
                    continue
                names[service.pk] = name
        new = data.get("new_services") or []
        every = [*names.values(), *new]
        doubled = sorted({n for n in every if every.count(n) > 1})
        if doubled:
            self.add_error("new_services" if any(n in new for n in doubled) else None,
                           f"ชื่องานบริการซ้ำกัน: “{doubled[0]}” ระบุได้ครั้งเดียว")
        if not self.errors and not every:
            self.add_error("new_services", "แบบสำรวจต้องมีงานบริการอย่างน้อยหนึ่งงาน")
        if len(every) > SERVICES_MAX:
            self.add_error("new_services", f"ระบุงานบริการได้ไม่เกิน {SERVICES_MAX} งาน (ขณะนี้ {len(every)} งาน)")
        data["services"], data["removed"] = names, removed
        return data


class ItemForm(forms.Form):
    section = forms.ChoiceField(label="ด้าน", error_messages={
        "required": "กรุณาเลือกด้านของข้อคำถาม", "invalid_choice": "ด้านที่เลือกไม่มีในแบบสำรวจ กรุณาเลือกใหม่"})
    text = forms.CharField(
        label="ข้อคำถาม", max_length=ITEM_MAX,
        help_text="ข้อความสั้น ๆ ที่ผู้ตอบให้คะแนนได้ 5 ระดับ ตั้งแต่ “มากที่สุด” ถึง “น้อยที่สุด” "
                  "เช่น เจ้าหน้าที่ให้บริการด้วยความสุภาพ",
        error_messages={"required": "กรุณากรอกข้อคำถาม", "max_length": _too_long("ข้อคำถาม", ITEM_MAX)})

    def __init__(self, *args: Any, survey: Survey, item: Item | None = None, tpl: Template | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.survey, self.item = survey, item
        tpl = tpl or template()
        self.fields["section"].choices = [("", "— เลือกด้าน —")] + [(s.key, s.title) for s in tpl.sections]

    def clean_text(self) -> str:
        text = _one_line(self.cleaned_data.get("text", ""))
        if not text:
            raise forms.ValidationError("กรุณากรอกข้อคำถาม", code="required")
        others = self.survey.active_items()
        if self.item is not None:
            others = others.exclude(pk=self.item.pk)
        if others.filter(text=text).exists():
            raise forms.ValidationError("มีข้อคำถามนี้ในแบบสำรวจแล้ว")
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.item is None and self.survey.active_items().count() >= ITEMS_MAX:
            raise forms.ValidationError(f"แบบสำรวจมีข้อคำถามได้ไม่เกิน {ITEMS_MAX} ข้อ "
                                        "ข้อคำถามที่มากเกินไปทำให้ผู้ตอบไม่ตอบจนจบ")
        return data
