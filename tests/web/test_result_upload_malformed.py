"""Hostile and broken results files on the web (issue 9 item 5): each is a form error in Thai
that names the file, row or field, with HTTP 200 and nothing written."""

import html
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from tests.web.base import EXAMPLES, BaseTestCase

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
# Words that may stand in a Thai message: format names and the ITA's own codes.
ALLOWED_LATIN = {"yaml", "json", "csv", "excel", "xlsx", "utf", "zip", "iit", "eit", "oit", "mb", "tis", "cp"}
# In a YAML or JSON file the field names are what the user writes, so a message may quote them.
YAML_KEYS = {"agency", "fiscal_year", "indicators", "instruments", "items", "total", "level", "previous"}
BOMB_MIB = 200


def _zip_bomb() -> bytes:
    """A well-formed workbook whose one sheet inflates to BOMB_MIB MiB of blank space: about
    200 KB on the wire."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["agency", "fiscal_year", "1"])
    book.active.append([AGENCY, 2565, 90])
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with bomb.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                blank = b" " * (1024 * 1024)
                for _ in range(BOMB_MIB):
                    member.write(blank)
                member.write(tail)
    return out.getvalue()


def _template_bytes() -> bytes:
    import tempfile
    from pathlib import Path

    from prongsai.ita.library import get_framework
    from prongsai.results_template import write_template

    with tempfile.TemporaryDirectory() as tmp:
        return write_template(get_framework(2565), Path(tmp) / "t.xlsx").read_bytes()


def cases() -> list[tuple[str, bytes]]:
    template = _template_bytes()
    deep = b"[" * 5000
    big = "1" + "0" * 399
    return [
        ("truncated.xlsx", template[: len(template) // 2]),
        ("garbage.xlsx", b"PK\x03\x04" + b"\xff" * 300),
        ("bomb.xlsx", _zip_bomb()),
        ("parser.yaml", "agency: ก: ข\nfiscal_year: 2565\n".encode()),
        ("tabs.yaml", b"agency:\tx\n\tfiscal_year: 2565\n"),
        ("deep.yaml", deep),
        ("deep.json", deep),
        ("deepmap.json", b'{"a":' * 5000),
        ("huge-number.json", f'{{"agency": "{AGENCY}", "fiscal_year": 2565, "indicators": {{"1": {big}}}}}'.encode()),
        ("huge-number.yaml", f"agency: {AGENCY}\nfiscal_year: 2565\nindicators:\n  1: {big}\n".encode()),
        ("huge-number.csv", f"agency,fiscal_year,1\n{AGENCY},2565,{big}\n".encode()),
        ("nul.csv", f"agency,fiscal_year,1\n{AGENCY},2565,9\x000\n".encode()),
        ("quote.csv", f'agency,fiscal_year,1\n"{AGENCY},2565,90\n'.encode()),
        ("cp874.csv", f"agency,fiscal_year,1\n{AGENCY},2565,90\n".encode("cp874")),
        ("empty.csv", b""),
        ("empty.xlsx", b""),
        ("empty.yaml", b""),
        ("list.yaml", b"- 1\n- 2\n"),
        ("scores.pdf", b"%PDF-1.4\n"),
        ("noextension", b"agency: x\n"),
    ]


def error_text(response, field: str = "file") -> str:
    """The text of a field's errors as the user reads it."""
    body = response.content.decode()
    found = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</(?:ul|p|div)>', body, re.S)
    assert found, f"no error next to {field}"
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def latin_words(text: str, file_name: str) -> set[str]:
    allowed = set(ALLOWED_LATIN) | {file_name.rpartition(".")[2].lower()}
    if file_name.endswith((".yaml", ".json")):
        allowed |= YAML_KEYS
    words = set(re.findall(r"[A-Za-z_]{2,}", text.replace(file_name, "")))
    return {w for w in words if w.lower() not in allowed}


class MalformedUploadTestCase(BaseTestCase):
    def test_every_malformed_file_is_a_thai_form_error_and_writes_nothing(self):
        self.login(self.member)
        self.client.raise_request_exception = False  # count a 500 as a finding, not a crash of the test
        results = list(Result.objects.order_by("pk").values_list("pk", "indicators", "total"))
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        problems = []
        for name, content in cases():
            r = self.client.post(self.a_url("results/upload/"), {"file": SimpleUploadedFile(name, content)})
            if r.status_code != 200:
                problems.append(f"{name}: HTTP {r.status_code}")
                continue
            text = error_text(r)
            if name not in text:
                problems.append(f"{name}: the message does not name the file: {text}")
            if latin_words(text, name):
                problems.append(f"{name}: English in the message: {text}")
            if len(text) > 400:
                problems.append(f"{name}: {len(text)} characters")
        self.assertEqual(problems, [], "\n".join(problems))
        self.assertEqual(list(Result.objects.order_by("pk").values_list("pk", "indicators", "total")), results)
        self.assertEqual(AuditEntry.objects.filter(object_type="ผลการประเมิน").count(), audit)

    def test_a_missing_file_is_asked_for_in_thai(self):
        self.login(self.member)
        r = self.client.post(self.a_url("results/upload/"), {})
        self.assertEqual(r.status_code, 200)
        self.assertIn("เลือกไฟล์", error_text(r))

    def test_the_paste_form_refuses_hostile_values(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        column = "\n".join(["90"] * 9)
        for value in ["1" + "0" * 400, "nan", "inf", "1e3", "-0.5", "\x00"]:
            r = self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2565, "column": f"{column}\n{value}"})
            self.assertEqual(r.status_code, 200, value)
            text = error_text(r, "column")
            self.assertIn("อักขระ" if value == "\x00" else "บรรทัดที่ 10", text)
            self.assertLess(len(text), 300, value)
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
        self.assertEqual(AuditEntry.objects.filter(object_type="ผลการประเมิน").count(), audit)

    def test_the_indicator_form_refuses_hostile_values(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        for value in ["1" + "0" * 400, "nan", "inf", "1e3", "\x00", "9" * 5000]:
            data = {f"ind_{n}": "90" for n in range(1, 11)}
            data["ind_4"] = value
            r = self.client.post(self.a_url("results/form/?year=2565"), data)
            self.assertEqual(r.status_code, 200, value[:20])
            text = error_text(r, "ind_4")
            self.assertLess(len(text), 300, value[:20])
        r = self.client.post(self.a_url("results/form/?year=2565"), {"ind_1": "90", "item_O1": "50"})
        self.assertEqual(r.status_code, 200)
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
        self.assertEqual(AuditEntry.objects.filter(object_type="ผลการประเมิน").count(), audit)

    def test_a_failure_the_core_does_not_word_is_still_a_form_error(self):
        """The web's own net under the core's: should a reader raise something other than an
        InputError, the officer gets a Thai line naming the file, not a server error."""
        from unittest import mock

        self.login(self.member)
        content = (EXAMPLES / "khongyang-2565.yaml").read_bytes()
        for failure, words in ((RecursionError(), "ซ้อนกันลึกเกินไป"), (OverflowError(), "ตัวเลขที่ใหญ่เกิน"),
                               (NotImplementedError(), "อ่านไฟล์ไม่ได้")):
            with mock.patch("prongsai.web.assessments.uploads.read_results", side_effect=failure):
                r = self.client.post(self.a_url("results/upload/"), {"file": SimpleUploadedFile("k.yaml", content)})
            self.assertEqual(r.status_code, 200)
            text = error_text(r)
            self.assertIn("k.yaml", text)
            self.assertIn(words, text)
            self.assertEqual(latin_words(text, "k.yaml"), set())
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
