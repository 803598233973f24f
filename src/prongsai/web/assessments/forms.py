"""The three ways to enter a result: the form, a pasted spreadsheet column, a results file.
All three end in the core's `parse_results`, so the web accepts exactly what the CLI accepts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from prongsai.errors import InputError
from prongsai.ita.library import available_years, get_framework
from prongsai.ita.model import INSTRUMENTS, Framework, Indicator, unknown_note
from prongsai.ita.results import YearResult
from prongsai.results_io import parse_results
from prongsai.thai import parse_number, to_arabic_digits
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.completeness import confirmation_key, missing_indicators
from prongsai.web.assessments.file_messages import readable, thai_where
from prongsai.web.assessments.models import Result
from prongsai.web.assessments.uploads import ReadUpload, UploadProblem, read_upload
from prongsai.web.ui.forms import ScoreField as _ScoreField
from prongsai.web.ui.upload_copy import private_copy

RESULT_FILE_TYPES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
OIT_CHOICES = [("", "— ไม่ระบุ —"), ("100", "ผ่าน (100)"), ("0", "ไม่ผ่าน (0)")]
# Django's own wording of this one is not translated into Thai.
NO_NUL = {"null_characters_not_allowed": "มีอักขระที่มองไม่เห็น (รหัส 0) ซึ่งใช้ไม่ได้ โปรดพิมพ์หรือวางใหม่"}
SCORE_MAX_CHARS = 20


class ScoreField(_ScoreField):
    """A score field that refuses an overlong entry before reading it as a number, so a
    5,000-digit paste is a short message rather than the paste echoed back."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", NO_NUL)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        if isinstance(value, str) and len(value.strip()) > SCORE_MAX_CHARS:
            raise forms.ValidationError(
                f"ยาวเกิน {SCORE_MAX_CHARS} ตัวอักษร (ที่ถูกต้อง: ตัวเลข 0–100 เช่น 84.05 พิมพ์เป็นเลขไทยก็ได้)", code="long")
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(NO_NUL["null_characters_not_allowed"], code="null_characters_not_allowed")
        return super().to_python(value)


def year_choices() -> list[tuple[int, str]]:
    return [(y, f"ปีงบประมาณ {y}") for y in sorted(available_years(), reverse=True)]


def _field_for(where: str | None) -> str | None:
    """The form field an error from the core belongs to ("indicators › 3" → "ind_3")."""
    if not where:
        return None
    parts = [p.strip() for p in where.split("›")]
    head = parts[0]
    if head == "indicators" and len(parts) > 1:
        return f"ind_{to_arabic_digits(parts[1])}"
    if head == "instruments" and len(parts) > 1:
        return f"inst_{parts[1].upper()}"
    if head == "items" and len(parts) > 1:
        return f"item_{parts[1]}"
    return {"total": "published_total", "level": "published_level"}.get(head)


def _replace_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="แทนที่ผลของปีที่มีอยู่แล้ว", required=False,
        help_text="ผลของปีอื่นจะคงอยู่เหมือนเดิม การแทนที่จะถูกบันทึกไว้ในบันทึกการเปลี่ยนแปลง")


class ResultForm(forms.Form):
    """One fiscal year's result, with that year's indicator names and items."""

    def __init__(self, *args: Any, agency: Agency, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.framework = framework
        self.indicator_fields: dict[str, list[str]] = {code: [] for code in INSTRUMENTS}
        for ind in framework.indicators:
            name = f"ind_{ind.no}"
            weight = f" · น้ำหนักร้อยละ {ind.weight:g}" if ind.weight is not None else ""
            self.fields[name] = ScoreField(label=f"{ind.no}. {ind.name}", help_text=f"{ind.instrument}{weight}")
            self.indicator_fields[ind.instrument].append(name)
        for code in INSTRUMENTS:
            self.fields[f"inst_{code}"] = ScoreField(label=f"{code} {framework.instrument(code).name}")
        self.fields["published_total"] = ScoreField(
            label="คะแนนรวมที่ประกาศ", help_text="ใส่ตามที่ประกาศเพื่อตรวจทาน ระบบคำนวณคะแนนรวมจากตัวชี้วัดเอง")
        levels = [r.level for r in framework.levels.rules] if framework.levels else []
        self.fields["published_level"] = forms.ChoiceField(
            label="ระดับที่ประกาศ", required=False, choices=[("", "— ไม่ระบุ —")] + [(lv, lv) for lv in levels])
        # Named after the missing indicators it confirms ("6,7,8,9,10"): confirming a different
        # set of gaps than the one now in the form is no confirmation.
        self.fields["confirm_missing"] = forms.CharField(required=False, max_length=100, error_messages=NO_NUL)
        self.missing: tuple[Indicator, ...] = ()
        self.item_fields: dict[str, list[tuple[str, str | None]]] = {code: [] for code in INSTRUMENTS}
        # Items without a known text are listed by code: the form says so once per instrument.
        self.unknown_notes = {code: unknown_note(framework.items_of(code)) for code in INSTRUMENTS}
        for item in framework.items:
            name = f"item_{item.code}"
            label = f"{item.code} {item.label}"
            if item.instrument == "OIT":
                self.fields[name] = forms.ChoiceField(label=label, required=False, choices=OIT_CHOICES)
                self.fields[f"reason_{item.code}"] = forms.CharField(
                    label=f"เหตุผลของข้อ {item.code}", required=False, max_length=1000, error_messages=NO_NUL,
                    widget=forms.TextInput(attrs={"placeholder": "เหตุผลที่ไม่ผ่าน (ตามผลการตรวจ)"}))
                self.item_fields["OIT"].append((name, f"reason_{item.code}"))
            else:
                self.fields[name] = ScoreField(label=label)
                self.item_fields[item.instrument].append((name, None))

    @classmethod
    def initial_from(cls, result: Result | None) -> dict[str, Any]:
        if result is None:
            return {}
        data: dict[str, Any] = {f"ind_{k}": _num(v) for k, v in result.indicators.items()}
        data.update({f"inst_{k}": _num(v) for k, v in result.instruments.items()})
        for code, v in result.items.items():
            if code.startswith("O"):
                data[f"item_{code}"] = "100" if float(v["score"]) >= 100 else "0"
                data[f"reason_{code}"] = v.get("reason", "")
            else:
                data[f"item_{code}"] = _num(v["score"])
        data["published_total"] = _num(result.published_total)
        data["published_level"] = result.published_level
        return data

    def indicator_groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [(code, self.framework.instrument(code).name, [self[n] for n in names])
                for code, names in self.indicator_fields.items()]

    def item_groups(self) -> list[tuple[str, str, list[tuple[forms.BoundField, forms.BoundField | None]]]]:
        return [(code, self.framework.instrument(code).name,
                 [(self[n], self[r] if r else None) for n, r in pairs])
                for code, pairs in self.item_fields.items() if pairs]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        data: dict[str, Any] = {"agency": self.agency.name, "fiscal_year": self.framework.fiscal_year}
        indicators = {ind.no: cleaned[f"ind_{ind.no}"] for ind in self.framework.indicators
                      if cleaned.get(f"ind_{ind.no}") is not None}
        instruments = {c: cleaned[f"inst_{c}"] for c in INSTRUMENTS if cleaned.get(f"inst_{c}") is not None}
        items: dict[str, Any] = {}
        for item in self.framework.items:
            value = cleaned.get(f"item_{item.code}")
            reason = (cleaned.get(f"reason_{item.code}") or "").strip()
            if value in (None, ""):
                if reason and f"item_{item.code}" not in self.errors:
                    self.add_error(f"item_{item.code}", "เลือกผลของข้อนี้ (ผ่าน/ไม่ผ่าน) ก่อนใส่เหตุผล")
                continue
            items[item.code] = {"score": float(value), "reason": reason} if reason else float(value)
        if indicators:
            data["indicators"] = indicators
        if instruments:
            data["instruments"] = instruments
        if items:
            data["items"] = items
        if cleaned.get("published_total") is not None:
            data["total"] = cleaned["published_total"]
        if cleaned.get("published_level"):
            data["level"] = cleaned["published_level"]
        if self.errors:
            return cleaned
        try:
            self.year_result: YearResult = parse_results(data).current
        except InputError as exc:
            field = _field_for(exc.where)
            message = exc.message + (f" (ที่ถูกต้อง: {exc.expected})" if exc.expected else "")
            if exc.message == "ไม่มีคะแนนเลย":
                message = "ยังไม่ได้กรอกคะแนน: กรอกคะแนนตัวชี้วัดทั้ง 10 ตัว หรือคะแนนรายแบบวัด หรือคะแนนรวมที่ประกาศ"
            elif field not in self.fields and exc.where:
                message = f"{thai_where(exc.where)}: {message}"
            self.add_error(field if field in self.fields else None, readable(message))
            return cleaned
        self.missing = missing_indicators(self.framework, self.year_result)
        if self.missing and cleaned.get("confirm_missing") != self.missing_key:
            self.add_error("confirm_missing", "ยังไม่ได้บันทึก: คะแนนตัวชี้วัดยังไม่ครบ")
        return cleaned

    @property
    def missing_key(self) -> str:
        return confirmation_key(self.missing)

    @property
    def needs_confirmation(self) -> bool:
        """Everything is valid but the missing indicators are not yet confirmed."""
        return bool(self.missing) and list(self.errors) == ["confirm_missing"]


def _num(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value):.2f}"


def parse_column(text: str, count: int) -> list[float]:
    """Numbers pasted from a spreadsheet column (one per line; a copied row or a two-column copy
    "name<TAB>score" also works). Raises forms.ValidationError naming the line."""
    lines = [line for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    cells_per_line = [[c.strip() for c in re.split(r"\t|;", line) if c.strip()] for line in lines]
    if len(lines) == 1 and len(cells_per_line[0]) > 1:  # a copied row
        cells_per_line = [[c] for c in cells_per_line[0]]
    values = []
    for number, cells in enumerate(cells_per_line, start=1):
        value = None
        for cell in reversed(cells):
            try:
                value = parse_number(cell)
                break
            except ValueError:
                continue
        if value is None:
            raise forms.ValidationError(f"บรรทัดที่ {number}: '{readable(' '.join(cells))[:40]}' ไม่ใช่ตัวเลข "
                                        "(ที่ถูกต้อง: คะแนน 0–100 บรรทัดละหนึ่งค่า เช่น 93.57 พิมพ์เป็นเลขไทยก็ได้)")
        if not 0 <= value <= 100:
            raise forms.ValidationError(f"บรรทัดที่ {number}: {readable(cells[-1])[:40]} อยู่นอกช่วง "
                                        "(ที่ถูกต้อง: ตัวเลข 0–100)")
        values.append(value)
    if not values:
        raise forms.ValidationError(f"ยังไม่ได้วางคะแนน (ที่ถูกต้อง: คะแนน {count} ค่า เรียงตามตัวชี้วัดที่ 1–{count})")
    if len(values) != count:
        raise forms.ValidationError(f"วางมา {len(values)} ค่า (ที่ถูกต้อง: ครบ {count} ค่า เรียงตามตัวชี้วัดที่ 1–{count})")
    return values


class PasteForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณของผลการประเมิน", coerce=int, choices=year_choices)
    column = forms.CharField(
        label="คะแนนรายตัวชี้วัด", error_messages=NO_NUL, widget=forms.Textarea(attrs={"rows": 11, "spellcheck": "false"}),
        help_text="คัดลอกคอลัมน์คะแนนตัวชี้วัดที่ 1–10 จาก Excel แล้ววางที่นี่ (บรรทัดละหนึ่งค่า ใช้เลขไทยได้)")
    published_total = ScoreField(label="คะแนนรวมที่ประกาศ (ถ้ามี)")
    replace = _replace_field()

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        year = cleaned.get("fiscal_year")
        if year is None or "column" in self.errors:
            return cleaned
        framework = get_framework(year)
        try:
            values = parse_column(cleaned.get("column", ""), len(framework.indicators))
        except forms.ValidationError as exc:
            self.add_error("column", exc)
            return cleaned
        data: dict[str, Any] = {"agency": self.agency.name, "fiscal_year": year,
                                "indicators": {ind.no: v for ind, v in
                                               zip(sorted(framework.indicators, key=lambda i: i.no), values, strict=True)}}
        if cleaned.get("published_total") is not None:
            data["total"] = cleaned["published_total"]
        try:
            self.year_result: YearResult = parse_results(data).current
        except InputError as exc:
            self.add_error("column", str(exc))
            return cleaned
        if Result.objects.filter(agency=self.agency, fiscal_year=year).exists() and not cleaned.get("replace"):
            self.add_error("replace", f"มีผลของปี {year} อยู่แล้ว: เลือก 'แทนที่' เพื่อบันทึกทับ หรือเปลี่ยนปี")
        return cleaned


def replace_conflict(agency: Agency, years: list[int], replace: bool) -> str | None:
    """Why these years cannot be saved as they are: some exist and replacing was not chosen."""
    existing = sorted(Result.objects.filter(agency=agency, fiscal_year__in=years).values_list("fiscal_year", flat=True))
    if not existing or replace:
        return None
    return f"มีผลของปี {', '.join(str(y) for y in existing)} อยู่แล้ว: เลือก 'แทนที่' เพื่อบันทึกทับ"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์ผลการประเมิน",
        help_text="ไฟล์ Excel จากแบบฟอร์มของระบบ (.xlsx) หรือไฟล์ .csv .yaml .json ขนาดไม่เกิน 10 MB "
                  "ไฟล์หนึ่งมีได้หลายปีของหน่วยงานเดียวกัน",
        allow_empty_file=True,  # refused in clean, with the file's name
        error_messages={"required": "เลือกไฟล์ผลการประเมินก่อน (ที่ถูกต้อง: ไฟล์ .xlsx .csv .yaml หรือ .json)",
                        "invalid": "ไม่ได้รับไฟล์ โปรดเลือกไฟล์อีกครั้ง", "missing": "ไม่ได้รับไฟล์ โปรดเลือกไฟล์อีกครั้ง"},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(RESULT_FILE_TYPES)}))
    replace = _replace_field()

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.copy: Path | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        name = Path(upload.name).name
        suffix = Path(name).suffix.lower()
        if suffix not in RESULT_FILE_TYPES:
            self.add_error("file", f"{name}: ไม่รองรับไฟล์ชนิด '{suffix or 'ไม่มีนามสกุล'}' "
                                   "(ที่ถูกต้อง: .xlsx, .csv, .yaml หรือ .json)")
            return cleaned
        if upload.size == 0:
            self.add_error("file", f"{name}: ไฟล์ว่าง ไม่มีข้อมูล (ที่ถูกต้อง: แบบฟอร์มที่กรอกคะแนนแล้ว)")
            return cleaned
        if upload.size > settings.UPLOAD_MAX_BYTES:
            self.add_error("file", f"{name}: ไฟล์ใหญ่เกิน {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
            return cleaned
        copy = private_copy(upload, suffix, "prongsai-upload-")
        try:
            self.read: ReadUpload = read_upload(copy, name, self.agency.name)
        except UploadProblem as exc:
            copy.unlink(missing_ok=True)
            self.add_error("file", str(exc))
            return cleaned
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        self.copy = copy  # the view keeps it while the user confirms, then removes it
        self.file_name = name
        conflict = replace_conflict(self.agency, [y.fiscal_year for y in self.read.results.years],
                                    bool(cleaned.get("replace")))
        if conflict:
            self.add_error("replace", conflict)
        return cleaned

    def remove_copy(self) -> None:
        if self.copy is not None:
            self.copy.unlink(missing_ok=True)
            self.copy = None
