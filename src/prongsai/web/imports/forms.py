"""The upload form of the bulk import: a table (.xlsx/.csv) within the web's upload limit,
copied to a private temporary file and read by the core (prongsai.results_table)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from prongsai.errors import InputError
from prongsai.results_table import LIMITS_TABLE, Table, read_table
from prongsai.untrusted_files import mb
from prongsai.web.ui.upload_copy import private_copy

log = logging.getLogger(__name__)
TABLE_TYPES = (".xlsx", ".csv")
# A worker reads a table of 40,000 rows in some 10–15 s; gunicorn's timeout is 120 s.
WEB_SECONDS = 45.0


def web_limits() -> Any:
    return replace(LIMITS_TABLE, file_bytes=settings.UPLOAD_MAX_BYTES, seconds=WEB_SECONDS)


def read_upload(path: Path, file_name: str) -> Table:
    """The table, or InputError worded for the officer (the file by the name it was uploaded under)."""
    try:
        return read_table(path, limits=web_limits(), file_name=file_name)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - an upload must never be a server error
        log.warning("results table %r: %s not worded by the core", file_name, type(exc).__name__)
        raise InputError("อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ตารางผลการประเมิน", file=file_name,
                         expected="ตารางผลการประเมิน .xlsx หรือ .csv (ดาวน์โหลดแบบฟอร์มได้ที่หน้านี้)") from None


class ImportForm(forms.Form):
    file = forms.FileField(
        label="ตารางผลการประเมิน",
        help_text="ไฟล์ Excel (.xlsx) หรือ CSV (.csv) หนึ่งแถวต่อหน่วยงานต่อปีงบประมาณ ขนาดไม่เกิน "
                  f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB",
        allow_empty_file=True,  # refused in clean, with the file's name
        error_messages={"required": "โปรดเลือกไฟล์ตารางผลการประเมิน (ที่ถูกต้อง: ไฟล์ .xlsx หรือ .csv)",
                        "invalid": "ไม่ได้รับไฟล์ โปรดเลือกไฟล์อีกครั้ง", "missing": "ไม่ได้รับไฟล์ โปรดเลือกไฟล์อีกครั้ง"},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(TABLE_TYPES)}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.copy: Path | None = None
        self.table: Table | None = None
        self.file_name = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        name = Path(upload.name).name
        suffix = Path(name).suffix.lower()
        if suffix not in TABLE_TYPES:
            self.add_error("file", f"{name}: ไม่รองรับไฟล์ชนิด '{suffix or 'ไม่มีนามสกุล'}' (ที่ถูกต้อง: .xlsx หรือ .csv)")
            return cleaned
        if upload.size == 0:
            self.add_error("file", f"{name}: ไฟล์ว่าง ไม่มีข้อมูล (ที่ถูกต้อง: ตารางที่มีแถวหัวตารางและแถวข้อมูล)")
            return cleaned
        if upload.size > settings.UPLOAD_MAX_BYTES:
            self.add_error("file", f"{name}: ไฟล์ใหญ่เกิน {mb(settings.UPLOAD_MAX_BYTES)} "
                                   "(ที่ถูกต้อง: แบ่งตารางเป็นหลายไฟล์ เช่น ไฟล์ละจังหวัด)")
            return cleaned
        copy = private_copy(upload, suffix, "prongsai-import-")
        try:
            self.table = read_upload(copy, name)
        except InputError as exc:
            copy.unlink(missing_ok=True)
            self.add_error("file", str(exc))
            return cleaned
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        self.copy = copy  # the view keeps it while the user confirms, then removes it
        self.file_name = name
        return cleaned

    def remove_copy(self) -> None:
        if self.copy is not None:
            self.copy.unlink(missing_ok=True)
            self.copy = None
