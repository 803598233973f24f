"""The built-in OIT check rules (src/prongsai/oit_check/rules/*.yaml) as data: every framework whose
OIT items have components has a rule book, every component has exactly one rule, the sentences an
officer reads are Thai, and the rules judge realistic page texts as expected.

The matching below follows the rules' documented semantics (the checker's own matcher is written
separately): the page text has its whitespace collapsed, Thai digits made Arabic and Latin letters
lower-cased; a rule is satisfied by a none_ok phrase, by its pattern (re.search), or by its phrases
(at least one of `any`, every one of `all`); a manual rule is left to a person."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

from prongsai.ita.library import library
from prongsai.ita.model import Framework
from prongsai.oit_check.rules import ComponentRule, RuleBook, rules_for

RULE_FILES = {"ita-2563", "ita-2564", "ita-2566", "ita-2567", "ita-2568", "ita-2568-ovec", "ita-2569",
              "ita-2569-ovec"}


def _frameworks() -> list[Framework]:
    return list(library().everything())


def _framework(framework_id: str) -> Framework:
    return next(fw for fw in _frameworks() if fw.id == framework_id)


def _with_components() -> list[Framework]:
    return [fw for fw in _frameworks() if any(i.components for i in fw.items_of("OIT"))]


def _book(framework_id: str) -> RuleBook:
    book = rules_for(_framework(framework_id))
    assert book is not None, framework_id
    return book


def _all_rules() -> list[tuple[str, str, ComponentRule]]:
    found = []
    for framework_id in sorted(RULE_FILES):
        for code, item in _book(framework_id).items.items():
            for rule in item.components:
                found.append((framework_id, code, rule))
            for reading, rules in item.readings.items():
                for rule in rules:
                    found.append((framework_id, f"{code}/{reading}", rule))
    return found


# --- the matching the rules are written for ---------------------------------------------------

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_THAI_DIGITS)).strip().lower()


def judge(rule: ComponentRule, text: str) -> bool | None:
    """True/False as the rule reads the page; None when only a person can judge."""
    if rule.manual:
        return None
    page = normalize(text)
    if any(normalize(p) in page for p in rule.none_ok):
        return True
    if rule.pattern and re.search(rule.pattern, page, re.IGNORECASE):
        return True
    if rule.any or rule.all:
        return (not rule.any or any(normalize(p) in page for p in rule.any)) and \
            all(normalize(p) in page for p in rule.all)
    return False


def judge_item(framework_id: str, code: str, text: str, reading: str | None = None) -> dict[int, bool | None]:
    item = _book(framework_id).items[code]
    return {r.component: judge(r, text) for r in item.for_reading(reading)}


# --- coverage --------------------------------------------------------------------------------


def test_the_rule_files_are_the_expected_ones():
    folder = resources.files("prongsai.oit_check").joinpath("rules")
    names = {p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")}
    assert names == RULE_FILES  # ita-2570 and ita-2570-ovec reuse 2569's rules: no file of their own


@pytest.mark.parametrize("framework", _with_components(), ids=lambda fw: fw.id)
def test_every_framework_with_components_has_a_rule_book(framework: Framework):
    book = rules_for(framework)
    assert book is not None
    expected = framework.id if framework.carried_from is None else \
        Framework.key_id(framework.carried_from, framework.variant)
    assert book.framework == expected


@pytest.mark.parametrize("framework", _with_components(), ids=lambda fw: fw.id)
def test_every_component_has_exactly_one_rule(framework: Framework):
    book = rules_for(framework)
    assert book is not None
    for item in framework.items_of("OIT"):
        rule = book.items.get(item.code)
        if item.components:
            assert rule is not None, item.code
            numbers = sorted(r.component for r in rule.components)
            assert numbers == list(range(1, len(item.components) + 1)), item.code
        elif rule is not None:
            assert rule.components == (), item.code
        for alternative in item.alternatives:
            if not alternative.components:
                continue
            assert rule is not None and alternative.reading in rule.readings, (item.code, alternative.reading)
            numbers = sorted(r.component for r in rule.readings[alternative.reading])
            assert numbers == list(range(1, len(alternative.components) + 1)), (item.code, alternative.reading)


def test_the_general_2569_list_has_freshness_rules():
    book = _book("ita-2569")
    expected = {"O11": "monthly", "O12": "previous_fy", "O14": "previous_fy", "O21": "current_fy",
                "O23": "current_fy", "O22": "previous_fy", "O24": "previous_fy", "O26": "previous_fy"}
    assert {code: book.items[code].freshness for code in expected} == expected
    assert all(not rule.components for rule in book.items.values())
    assert rules_for(_framework("ita-2570")) is book


def test_freshness_follows_the_component_texts():
    assert _book("ita-2569-ovec").items["O7"].freshness == "previous_fy"  # ย้อนหลัง 1 ปีงบประมาณ
    assert _book("ita-2569-ovec").items["O19"].freshness == "first_half"  # 6 เดือนแรก
    assert _book("ita-2569-ovec").items["O16"].freshness == "current_fy"  # ปีงบประมาณปัจจุบัน
    assert _book("ita-2566").items["O21"].freshness == "monthly"  # รายเดือน
    assert _book("ita-2567").items["O12"].freshness == "first_half"  # รอบ 6 เดือน
    assert _book("ita-2567").items["O1"].freshness == "none"  # structure


def test_rules_reused_by_2570_name_no_year():
    for framework_id in ("ita-2569", "ita-2569-ovec"):
        for code, item in _book(framework_id).items.items():
            for rule in item.components + tuple(r for rs in item.readings.values() for r in rs):
                for text in (*rule.any, *rule.all, *rule.none_ok, rule.pattern or ""):
                    assert not re.search(r"25[6-7]\d", text), (framework_id, code, rule.component, text)


def test_no_rule_mixes_a_pattern_with_phrases():
    # The schema reads "any/all … or this pattern"; a matcher may also read them as "and". A rule
    # uses one or the other (none_ok aside), so both readings judge it alike.
    mixed = [(f, c, r.component) for f, c, r in _all_rules() if r.pattern and (r.any or r.all)]
    assert mixed == []


# --- the sentences an officer reads ------------------------------------------------------------

_ALLOWED_LATIN = ("No Gift Policy", "E-Service", "Google Maps", "Do's & Don'ts", "Dos & Don'ts", "OIT", "ITA",
                  "SAR")


@pytest.mark.parametrize(("framework_id", "code", "rule"), _all_rules(),
                         ids=lambda v: v if isinstance(v, str) else str(getattr(v, "component", v)))
def test_missing_sentences_are_plain_thai(framework_id: str, code: str, rule: ComponentRule):
    sentence = rule.missing
    assert re.search(r"[\u0E01-\u0E2E]", sentence), sentence
    rest = sentence
    for allowed in _ALLOWED_LATIN:
        rest = rest.replace(allowed, "")
    rest = re.sub(r"\bO\d+\b", "", rest)
    assert not re.search(r"[A-Za-z]", rest), sentence
    assert not sentence.rstrip().endswith("."), sentence
    assert "\n" not in sentence and sentence == sentence.strip(), sentence
    assert "ให้" in sentence, sentence  # says what to publish (or what a person must check)


@pytest.mark.parametrize(("framework_id", "code", "rule"), _all_rules(),
                         ids=lambda v: v if isinstance(v, str) else str(getattr(v, "component", v)))
def test_patterns_are_quick_on_a_long_page(framework_id: str, code: str, rule: ComponentRule):
    if not rule.pattern:
        return
    # A long page with a few of every kind of keyword: counting and look-ahead patterns must not
    # backtrack out of control (the search is anchored or bounded).
    keywords = (" คู่มือ ระเบียบ โครงการ กิจกรรม สถิติ ประกาศ แผนพัฒนา นายสมชาย ผู้อำนวยการ ติดต่อ ตำบล"
                " ความเสี่ยง ต้านทุจริต ควบคุมภายใน no gift ")
    page = normalize(("ข้อมูลทั่วไปของหน่วยงาน หน้าแรก เมนู " * 400) + keywords + ("ปีงบประมาณ เว็บไซต์ ข่าว " * 400)
                     + keywords + ("ก" * 20000) + " " + ("a" * 20000) + " " + ("1" * 5000))
    started = time.perf_counter()
    re.search(rule.pattern, page, re.IGNORECASE)
    assert time.perf_counter() - started < 2.0, (framework_id, code, rule.component)  # runaway backtracking: minutes


# --- realistic pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str
    framework: str
    code: str
    text: str
    expected: dict[int, bool | None]
    reading: str | None = None


PAGES = [
    Page("2563 O1 chart with units", "ita-2563", "O1",
         "โครงสร้าง แผนผังโครงสร้างองค์กร สำนักงานสาธารณสุขจังหวัด นายแพทย์สาธารณสุขจังหวัด "
         "รองนายแพทย์สาธารณสุขจังหวัด กลุ่มงานบริหารทั่วไป กลุ่มงานพัฒนายุทธศาสตร์ ผู้อำนวยการโรงพยาบาล",
         {1: True, 2: True}),
    Page("2564 O13 work manuals", "ita-2564", "O13",
         "คู่มือหรือมาตรฐานการปฏิบัติงาน คู่มือการปฏิบัติงานด้านการเงินและบัญชี สำหรับเจ้าหน้าที่การเงิน", {1: True}),
    Page("2564 O13 an SOP", "ita-2564", "O13", "มาตรฐานการทำงาน SOP งานสารบรรณ", {1: True}),
    Page("2564 O34 Thai and English", "ita-2564", "O34",
         "เจตจำนงสุจริตของผู้บริหาร ข้าพเจ้าจะปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต โปร่งใส ตามหลักธรรมาภิบาล "
         "Declaration of Intent: I will perform my duties with honesty, transparency and good governance.",
         {1: True, 2: True}),
    Page("2564 O34 Thai only", "ita-2564", "O34",
         "ประกาศเจตจำนงสุจริตในการบริหารงาน ผู้บริหารจะบริหารงานด้วยความซื่อสัตย์สุจริต",
         {1: True, 2: False}),
    Page("2566 O21 monthly สขร.1 with Thai digits", "ita-2566", "O21",
         "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม ๒๕๖๕ (แบบ สขร.๑) ลำดับ งานที่จัดซื้อหรือจัดจ้าง "
         "วงเงินที่จะซื้อหรือจ้าง ราคากลาง วิธีซื้อหรือจ้าง รายชื่อผู้เสนอราคาและราคาที่เสนอ "
         "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง เหตุผลที่คัดเลือกโดยสังเขป "
         "เลขที่และวันที่ของสัญญา ๑ จัดซื้อวัสดุสำนักงาน ๑๒,๕๐๐ เฉพาะเจาะจง",
         {1: True, 2: True, 3: True}),
    Page("2566 O21 an announcement is not a summary", "ita-2566", "O21",
         "ประกาศผู้ชนะการเสนอราคา จ้างซ่อมแซมถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
         {1: False, 2: False, 3: False}),
    Page("2566 O31 No Gift declaration of 2565", "ita-2566", "O31",
         "ประกาศกรมตัวอย่าง เรื่อง เจตนารมณ์นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ "
         "(No Gift Policy) ข้าพเจ้าและเจ้าหน้าที่ของรัฐทุกคนจะไม่รับของขวัญ ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๔ "
         "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
         {1: None, 2: True, 3: False}),
    Page("2566 O24 six-month HR progress", "ita-2566", "O24",
         "รายงานผลความก้าวหน้าการดำเนินการตามแผนการบริหารและพัฒนาทรัพยากรบุคคล รอบ 6 เดือน "
         "(ตุลาคม 2565 - มีนาคม 2566) โครงการอบรมพัฒนาบุคลากร ดำเนินการแล้ว ร้อยละ 60 งบประมาณที่ใช้ 45,000 บาท",
         {1: True, 2: True, 3: True}),
    Page("2567 O2 executives with contacts", "ita-2567", "O2",
         "ข้อมูลผู้บริหาร นายสมชาย ใจดี อธิบดีกรมตัวอย่าง โทร. ๐ ๒๑๒๓ ๔๕๖๗ อีเมล somchai@example.go.th "
         "นางสาวสมหญิง รักงาน รองอธิบดี โทร. 02-123-4568",
         {1: True, 2: True}),
    Page("2567 O2 mayor only, no contact", "ita-2567", "O2",
         "ผู้บริหาร นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง (รูปภาพ)",
         {1: False, 2: False}),
    Page("2567 O1 chart of a department", "ita-2567", "O1",
         "โครงสร้างองค์กร แผนผังโครงสร้างการแบ่งส่วนราชการ อธิบดี รองอธิบดี สำนักงานเลขานุการกรม กองคลัง "
         "กองแผนงาน ศูนย์เทคโนโลยีสารสนเทศ",
         {1: True, 2: True, 3: None}),
    Page("2567 O1 a bare heading", "ita-2567", "O1", "หน้านี้แสดงโครงสร้าง", {1: False, 2: False, 3: None}),
    Page("2567 O11 annual plan", "ita-2567", "O11",
         "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2567 ลำดับ โครงการ/กิจกรรม งบประมาณ (บาท) ระยะเวลาดำเนินการ "
         "1 โครงการพัฒนาระบบสารสนเทศ 250,000 ม.ค. - มี.ค. 2567",
         {1: True, 2: True, 3: True, 4: True, 5: True, 6: True}),
    Page("2567 O11 plan of the wrong year without budget", "ita-2567", "O11",
         "แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2566 โครงการอบรมเจ้าหน้าที่",
         {1: True, 2: False, 3: True, 4: False, 5: False, 6: False}),
    Page("2567 O19 nothing over 500,000 baht", "ita-2567", "O19",
         "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ สำนักงานไม่มีการจัดซื้อจัดจ้างที่มีวงเงินเกิน 5 แสนบาท",
         {1: True, 2: True, 3: True}),
    Page("2568 O9 service manual", "ita-2568", "O9",
         "คู่มือสำหรับประชาชน ชื่อกระบวนงาน: การขอใช้สถานที่ ขั้นตอน ระยะเวลาการให้บริการ 3 วันทำการ "
         "สถานที่ให้บริการ สำนักงานเลขานุการ ค่าธรรมเนียม ไม่มีค่าธรรมเนียม รายการเอกสารหลักฐาน "
         "สำเนาบัตรประจำตัวประชาชน 1 ฉบับ",
         {1: True, 2: True, 3: True, 4: True, 5: True, 6: True}),
    Page("2568 O9 manual without fee or documents", "ita-2568", "O9",
         "คู่มือการให้บริการ ขั้นตอนการขอรับบริการ ยื่นคำร้อง ตรวจสอบ อนุมัติ ระยะเวลา 1 วัน",
         {1: True, 2: True, 3: True, 4: False, 5: False, 6: False}),
    Page("2568-ovec O5 contact", "ita-2568-ovec", "O5",
         "ข้อมูลการติดต่อ วิทยาลัยเทคนิคตัวอย่าง 123 หมู่ 4 ต.บ้านใหม่ อ.เมือง จ.ศรีสะเกษ 33000 โทร 045-123456",
         {1: True}),
    Page("2569-ovec O2 executives", "ita-2569-ovec", "O2",
         "ข้อมูลผู้บริหารสถานศึกษา นายวิชัย เก่งงาน ผู้อำนวยการวิทยาลัยเทคนิคตัวอย่าง โทร 081-234-5678 "
         "นางสาวมาลี ใจงาม รองผู้อำนวยการฝ่ายบริหารทรัพยากร Line ID: malee01",
         {1: True, 2: True, 3: True, 4: None, 5: True}),
    Page("2569-ovec O2 a director without deputies or contact", "ita-2569-ovec", "O2",
         "ผู้บริหาร ผู้อำนวยการวิทยาลัย (ภาพ)",
         {1: False, 2: False, 3: True, 4: None, 5: False}),
    Page("2569-ovec O4 contact page", "ita-2569-ovec", "O4",
         "ติดต่อเรา วิทยาลัยเทคนิคตัวอย่าง เลขที่ 99 หมู่ 1 ตำบลโนนสูง อำเภอเมือง จังหวัดขอนแก่น 40000 "
         "โทรศัพท์ ๐ ๔๓๒๓ ๔๕๖๗ อีเมล saraban@example.ac.th Facebook: วิทยาลัยเทคนิคตัวอย่าง",
         {1: True, 2: True, 3: True, 4: True, 5: None, 6: True}),
    Page("2569-ovec O4 address only", "ita-2569-ovec", "O4",
         "ข้อมูลการติดต่อ ตั้งอยู่ที่ ตำบลในเมือง อำเภอเมือง จังหวัดสุรินทร์",
         {1: True, 2: True, 3: False, 4: False, 5: None, 6: False}),
    Page("2569-ovec O5 five laws", "ita-2569-ovec", "O5",
         "กฎหมายที่เกี่ยวข้อง 1. พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542 2. พระราชบัญญัติการอาชีวศึกษา พ.ศ. 2551 "
         "3. ระเบียบสำนักงานคณะกรรมการการอาชีวศึกษา ว่าด้วยการบริหารสถานศึกษา 4. แผนการศึกษาแห่งชาติ "
         "5. ประกาศกระทรวงศึกษาธิการ เรื่อง มาตรฐานการอาชีวศึกษา",
         {1: True}),
    Page("2569-ovec O5 two laws", "ita-2569-ovec", "O5",
         "กฎหมายที่เกี่ยวข้อง พระราชบัญญัติการอาชีวศึกษา พ.ศ. 2551 และแผนการศึกษาแห่งชาติ",
         {1: False}),
    Page("2569-ovec O8 SAR", "ita-2569-ovec", "O8",
         "รายงานผลการประเมินตนเอง (SAR) ปีการศึกษา 2567 ผลสัมฤทธิ์ จุดเด่น จุดที่ควรพัฒนา ข้อเสนอแนะ",
         {1: True, 2: True, 3: True, 4: True, 5: True}),
    Page("2569-ovec O8 a registry e-mail is not a SAR", "ita-2569-ovec", "O8", "ติดต่อ saraban@tech.ac.th",
         {1: False, 2: False, 3: False, 4: False, 5: False}),
    Page("2569-ovec O12 four manuals", "ita-2569-ovec", "O12",
         "คู่มือหรือขั้นตอนการปฏิบัติงานภายในสถานศึกษา คู่มือการปฏิบัติงานฝ่ายบริหารทรัพยากร "
         "คู่มือการปฏิบัติงานฝ่ายแผนงานและความร่วมมือ คู่มือการปฏิบัติงานฝ่ายพัฒนากิจการนักเรียนนักศึกษา "
         "คู่มือการปฏิบัติงานฝ่ายวิชาการ",
         {1: True}),
    Page("2569-ovec O12 three manuals", "ita-2569-ovec", "O12",
         "คู่มือหรือขั้นตอนการปฏิบัติงานภายในสถานศึกษา คู่มืองานการเงิน คู่มืองานพัสดุ คู่มืองานทะเบียน",
         {1: False}),
    Page("2569-ovec O13 two service manuals", "ita-2569-ovec", "O13",
         "คู่มือหรือขั้นตอนการให้บริการ คู่มือนักเรียนนักศึกษา ปีการศึกษา 2568 คู่มือการลงทะเบียนเรียน", {1: True}),
    Page("2569-ovec O13 one service manual", "ita-2569-ovec", "O13",
         "คู่มือหรือขั้นตอนการให้บริการ คู่มือนักเรียนนักศึกษา", {1: False}),
    Page("2569-ovec O14 heading only", "ita-2569-ovec", "O14", "E-Service", {1: False}),
    Page("2569-ovec O14 the ministry's system", "ita-2569-ovec", "O14",
         "E-Service ระบบ ศธ.๐๒ ออนไลน์ สำหรับนักเรียนนักศึกษาและผู้ปกครอง", {1: True}),
    Page("2569-ovec O17 Do's and Don'ts with a curly apostrophe", "ita-2569-ovec", "O17",
         "การขับเคลื่อนจริยธรรม แนวปฏิบัติ Do’s & Don’ts สำหรับครู โครงการอบรมส่งเสริมคุณธรรมจริยธรรม ปีงบประมาณ",
         {1: True, 2: True, 3: True}),
    Page("2569-ovec O16 HR criteria by topic", "ita-2569-ovec", "O16",
         "การบริหารและพัฒนาทรัพยากรบุคคล หลักเกณฑ์การสรรหาและคัดเลือกพนักงานราชการ การพัฒนาบุคลากร "
         "การประเมินผลการปฏิบัติงาน การเชิดชูเกียรติครูดีเด่น",
         {1: True, 2: True, 3: True, 4: True, 5: True}),
    Page("2569-ovec O19 no complaints", "ita-2569-ovec", "O19",
         "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ไม่มีเรื่องร้องเรียนการทุจริต",
         {1: True, 2: True, 3: True, 4: True, 5: True}),
    Page("2569-ovec O19 a heading only", "ita-2569-ovec", "O19",
         "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
         {1: True, 2: False, 3: False, 4: False, 5: False}),
    Page("2569-ovec O19 quarterly table", "ita-2569-ovec", "O19",
         "สถิติเรื่องร้องเรียน ไตรมาสที่ 1 (ต.ค. - ธ.ค.) จำนวนเรื่องร้องเรียนทั้งหมด 2 ดำเนินการแล้วเสร็จ 1 "
         "อยู่ระหว่างดำเนินการ 1",
         {1: True, 2: True, 3: True, 4: True, 5: True}),
    Page("2569-ovec O20 rcsp declaration and activity", "ita-2569-ovec", "O20",
         "ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ (No Gift Policy) กิจกรรมประกาศเจตนารมณ์ร่วมกันของบุคลากร",
         {1: True}, reading="rcsp"),
    Page("2569-ovec O20 KT declaration without the gift report", "ita-2569-ovec", "O20",
         "ประกาศเจตนารมณ์ No Gift Policy วิทยาลัยเทคนิคตัวอย่าง ผู้บริหารและบุคลากรจะไม่รับของขวัญ",
         {1: True, 2: False}),
    Page("2569-ovec O21 rcsp internal control", "ita-2569-ovec", "O21",
         "รายงานผลการประเมินการควบคุมภายใน สภาพแวดล้อมการควบคุม การประเมินความเสี่ยง กิจกรรมการควบคุม "
         "สารสนเทศและการสื่อสาร การติดตามประเมินผล",
         {1: True}, reading="rcsp"),
    Page("2569-ovec O21 rcsp without monitoring", "ita-2569-ovec", "O21",
         "การประเมินผลควบคุมภายในของสถานศึกษา สภาพแวดล้อมการควบคุม การประเมินความเสี่ยง",
         {1: False}, reading="rcsp"),
    Page("2569-ovec O21 KT risk assessment", "ita-2569-ovec", "O21",
         "รายงานการประเมินความเสี่ยงการทุจริต ประเด็นความเสี่ยง การเรียกรับเงินในการรับสมัครนักเรียน "
         "มาตรการจัดการความเสี่ยง กำหนดขั้นตอนการรับสมัครที่โปร่งใส",
         {1: True, 2: True}),
    Page("2569-ovec O23 a committee instead of projects", "ita-2569-ovec", "O23",
         "คำสั่งวิทยาลัยเทคนิคตัวอย่าง ที่ 123/2569 เรื่อง แต่งตั้งคณะกรรมการดำเนินการประเมินคุณธรรมและ"
         "ความโปร่งใสในการดำเนินงานของสถานศึกษา (ITA)",
         {1: True, 2: True, 3: True, 4: True, 5: True}),
    Page("2569-ovec O23 projects without budget", "ita-2569-ovec", "O23",
         "มาตรการส่งเสริมคุณธรรมและความโปร่งใส โครงการส่งเสริมคุณธรรมจริยธรรมและความซื่อสัตย์สุจริต "
         "ไม่ใช้งบประมาณ ช่วงเวลาดำเนินการ ธันวาคม 2568",
         {1: True, 2: True, 3: True, 4: True, 5: True}),
    Page("2569-ovec O23 measures named only", "ita-2569-ovec", "O23",
         "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในสถานศึกษา",
         {1: False, 2: False, 3: False, 4: False, 5: False}),
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_rules_judge_realistic_pages(page: Page):
    assert judge_item(page.framework, page.code, page.text, page.reading) == page.expected


def test_the_samples_span_years_and_items():
    items = {(p.framework, p.code) for p in PAGES}
    assert len(items) >= 10
    assert len({p.framework for p in PAGES}) >= 6


def test_2570_ovec_judges_with_the_2569_rules():
    book = rules_for(_framework("ita-2570-ovec"))
    assert book is _book("ita-2569-ovec")
    page = next(p for p in PAGES if p.name == "2569-ovec O4 contact page")
    rules = book.items["O4"].components
    assert {r.component: judge(r, page.text) for r in rules} == page.expected


def test_a_rules_file_beside_the_frameworks_replaces_the_built_in_one(tmp_path, monkeypatch):
    """A supervisor corrects a rule without a code change: rules-<framework id>.yaml in a
    PRONGSAI_FRAMEWORKS folder wins, and the library does not take it for a framework."""
    import yaml

    from prongsai.ita import library as lib_module
    from prongsai.ita.library import get_framework
    from prongsai.oit_check import rules

    builtin = yaml.safe_load((Path(rules.__file__).parent / "rules" / "ita-2567.yaml").read_text(encoding="utf-8"))
    first = next(iter(builtin["items"]))
    builtin["items"][first]["note"] = "แก้ไขโดยผู้กำกับดูแล"
    (tmp_path / "rules-ita-2567.yaml").write_text(yaml.safe_dump(builtin, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(lib_module.FRAMEWORKS_ENV, str(tmp_path))
    fw = get_framework(2567)
    assert rules.rules_for(fw).items[first].note == "แก้ไขโดยผู้กำกับดูแล"
