"""Every kind of public agency the NACC assesses (issue 10, part 4): each type and its aliases are
known, each has a units book and its own terms, drafting and documents speak its language (a กรม
has a กองคลัง and an อธิบดี, never a กองช่าง, a นายก or a ประชาคม), an unknown type is still
refused with the list of accepted ones, and local government reads exactly as before."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import fields
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import yaml

from prongsai.cli import run
from prongsai.errors import InputError
from prongsai.ita.analysis import analyse
from prongsai.ita.library import get_framework
from prongsai.ita.results import AgencyResults, ItemResult, YearResult
from prongsai.planning.catalogue import (
    CatalogueError,
    canonical_agency_type,
    load_catalogue,
    load_units,
    placeholders,
    render_text,
    resolve_unit,
)
from prongsai.planning.draft import draft_plan
from prongsai.planning.terms import TERM_NAMES, Terms, load_terms, parse_terms, term_names, terms_for
from prongsai.results_io import read_results
from tests.conftest import EXAMPLES

AGENCY_EXAMPLES = EXAMPLES / "agency-types"
LOCAL_TYPES = ["อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "อบจ.", "กรุงเทพมหานคร", "เมืองพัทยา"]
# One real-looking agency of each other type.
OTHER_AGENCIES = {
    "ส่วนราชการระดับกรม": "กรมบัญชีกลาง",
    "สำนักงานปลัดกระทรวง": "สำนักงานปลัดกระทรวงการคลัง",
    "จังหวัด": "จังหวัดกาญจนบุรี",
    "รัฐวิสาหกิจ": "การประปาส่วนภูมิภาค",
    "องค์การมหาชน": "สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)",
    "องค์กรอิสระ": "สำนักงานคณะกรรมการการเลือกตั้ง",
    "หน่วยงานอื่นของรัฐ": "กองทุนเงินให้กู้ยืมเพื่อการศึกษา",
    "สถาบันอุดมศึกษา": "มหาวิทยาลัยราชภัฏกาญจนบุรี",
    "สถานศึกษา": "วิทยาลัยเทคนิคกาญจนบุรี",
    "โรงเรียน": "โรงเรียนกาญจนานุเคราะห์",
}
OTHER_TYPES = list(OTHER_AGENCIES)
# Words of local government that no other agency's plan may use.
LOCAL_WORDS = ["ข้อบัญญัติ", "เทศบัญญัติ", "สภาองค์การบริหารส่วน", "สภาเทศบาล", "นายก", "ปลัดเทศบาล",
               "ปลัดองค์การบริหารส่วน", "ประชาคม", "หมู่บ้าน", "หอกระจายข่าว", "เบี้ยยังชีพ", "พนักงานจ้าง",
               "พนักงานส่วนตำบล", "พนักงานเทศบาล", "แผนพัฒนาท้องถิ่น", "ข้าราชการส่วนท้องถิ่น",
               "ส่งเสริมการปกครองท้องถิ่นจังหวัด", "กองช่าง", "สำนักปลัด", "ฝ่ายการเมือง", "ผู้บริหารท้องถิ่น",
               "ภาษี", "องค์กรปกครองส่วนท้องถิ่น"]
# Units of local government that must not stand for a unit of another kind of agency.
LOCAL_UNITS = ["สำนักปลัด", "กองช่าง", "กองการศึกษา", "กองสาธารณสุข", "กองสวัสดิการสังคม", "กองส่งเสริมการเกษตร",
               "งานวิเคราะห์นโยบายและแผน", "ผู้บริหารท้องถิ่น", "ปลัด"]
# The example results files: file → (agency type, the executive's title).
EXAMPLE_FILES = {
    "dla-2566.yaml": ("ส่วนราชการระดับกรม", "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น"),
    "kanchanaburi-province-2567.yaml": ("จังหวัด", "ผู้ว่าราชการจังหวัดกาญจนบุรี"),
    "kru-2567.yaml": ("สถาบันอุดมศึกษา", "อธิการบดีมหาวิทยาลัยราชภัฏกาญจนบุรี"),
    "etda-2566.yaml": ("องค์การมหาชน", "ผู้อำนวยการสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)"),
    "nonthaburi-2567.yaml": ("เทศบาลนคร", "นายกเทศมนตรีนครนนทบุรี"),
}
TODAY = date(2026, 12, 1)


def local_words_in(text: str, agency: str = "") -> list[str]:
    """The local government words of `text`, not counting those of the agency's own name
    (กรมส่งเสริมการปกครองท้องถิ่น is not local government)."""
    return [w for w in LOCAL_WORDS if w in text.replace(agency, "")]


def raw_terms() -> dict:
    text = resources.files("prongsai.planning").joinpath("data", "terms.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def catalogue_texts() -> list[tuple[str, str]]:
    catalogue = load_catalogue()
    found = [(f"{m.id}.{field}", text) for m in catalogue.measures for field, text in m.texts()]
    found += [(f"{m.id}.purpose", m.purpose) for m in catalogue.measures]
    found += [(f"groups.{key}.{field}", text) for key, g in catalogue.groups.items() for field, text in g.texts()]
    return found


def weak_result(agency: str, agency_type: str, year: int = 2567) -> AgencyResults:
    """Every indicator low and every named OIT item failed: the plan uses every kind of measure."""
    fw = get_framework(year)
    failed = [i.code for i in fw.items if i.code.startswith("O") and (i.name or i.text)]
    scores = dict(zip(range(1, 11), (62.0, 58.5, 61.0, 55.0, 50.0, 58.0, 50.0, 47.0, 30.0, 20.0), strict=True))
    items = {c: ItemResult(c, 0.0, "ไม่พบข้อมูล") for c in failed}
    return AgencyResults(agency, YearResult(year, indicators=scores, items=items), agency_type=agency_type)


def plan_json(results: AgencyResults, detail: str = "concise") -> dict:
    analysis = analyse(results, get_framework)
    return draft_plan(results, analysis, detail=detail, today=TODAY).to_json()


def plan_units(plan: dict) -> set[str]:
    return {name for m in plan["measures"] for name in (m["responsible"], *m["supporting"])}


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- the types and their names ---------------------------------------------------------------------


def test_every_nacc_group_is_a_type_and_local_ones_stay():
    types = set(load_units().agency_types)
    assert set(OTHER_TYPES) <= types
    assert set(LOCAL_TYPES) <= types


@pytest.mark.parametrize(("name", "expected"), [
    ("ส่วนราชการระดับกรม", "ส่วนราชการระดับกรม"), ("กรม", "ส่วนราชการระดับกรม"), ("ส่วนราชการ", "ส่วนราชการระดับกรม"),
    ("ส่วนราชการระดับกรมหรือเทียบเท่า", "ส่วนราชการระดับกรม"),
    ("ส่วนราชการระดับกระทรวง", "สำนักงานปลัดกระทรวง"), ("สป.", "สำนักงานปลัดกระทรวง"),
    ("จังหวัด", "จังหวัด"), ("สำนักงานจังหวัด", "จังหวัด"), (" ศาลากลางจังหวัด ", "จังหวัด"),
    ("รัฐวิสาหกิจ", "รัฐวิสาหกิจ"), ("องค์การมหาชน", "องค์การมหาชน"),
    ("องค์กรอิสระ", "องค์กรอิสระ"), ("หน่วยงานตามรัฐธรรมนูญ", "องค์กรอิสระ"),
    ("องค์กรอิสระตามรัฐธรรมนูญ", "องค์กรอิสระ"),
    ("หน่วยงานในกำกับ", "หน่วยงานอื่นของรัฐ"), ("หน่วยงานอื่นของรัฐ", "หน่วยงานอื่นของรัฐ"),
    ("มหาวิทยาลัย", "สถาบันอุดมศึกษา"), ("มหาวิทยาลัยราชภัฏ", "สถาบันอุดมศึกษา"),
    ("มหาวิทยาลัยเทคโนโลยีราชมงคล", "สถาบันอุดมศึกษา"),
    ("สถานศึกษา", "สถานศึกษา"), ("วิทยาลัย", "สถานศึกษา"), ("วิทยาลัยเทคนิค", "สถานศึกษา"),
    ("วิทยาลัยอาชีวศึกษา", "สถานศึกษา"), ("สถานศึกษา (อาชีวศึกษา)", "สถานศึกษา"),
    # a school of basic education is not a vocational college
    ("โรงเรียน", "โรงเรียน"), ("สถานศึกษาขั้นพื้นฐาน", "โรงเรียน"), ("โรงเรียน (สถานศึกษาขั้นพื้นฐาน)", "โรงเรียน"),
    ("หน่วยงานตามรัฐธรรมนูญ (องค์กรอิสระ ศาล และหน่วยงานของรัฐสภา)", "องค์กรอิสระ"),
    ("องค์กรอิสระและหน่วยงานตามรัฐธรรมนูญ", "องค์กรอิสระ"),
    ("กทม.", "กรุงเทพมหานคร"), ("กรุงเทพฯ", "กรุงเทพมหานคร"), ("พัทยา", "เมืองพัทยา"),
    # local government as before
    ("ทต.", "เทศบาลตำบล"), ("องค์การบริหารส่วนตำบล", "อบต."), ("อบจ", "อบจ."),
])
def test_types_and_aliases_resolve(name, expected):
    assert canonical_agency_type(name) == expected


@pytest.mark.parametrize(("agency", "expected"), [
    ("สำนักงานจังหวัดกาญจนบุรี", "จังหวัด"), ("จังหวัดกาญจนบุรี", "จังหวัด"),
    ("มหาวิทยาลัยราชภัฏกาญจนบุรี", "สถาบันอุดมศึกษา"), ("มหาวิทยาลัยเทคโนโลยีราชมงคลธัญบุรี", "สถาบันอุดมศึกษา"),
    ("วิทยาลัยเทคนิคกาญจนบุรี", "สถานศึกษา"), ("สำนักงานปลัดกระทรวงมหาดไทย", "สำนักงานปลัดกระทรวง"),
    ("โรงเรียนกาญจนานุเคราะห์", "โรงเรียน"),
    ("กรุงเทพมหานคร", "กรุงเทพมหานคร"), ("เมืองพัทยา", "เมืองพัทยา"), ("เทศบาลนครนนทบุรี", "เทศบาลนคร"),
])
def test_the_type_is_read_from_the_agency_name(agency, expected):
    assert load_units().guess_agency_type(agency) == expected


def test_a_department_states_its_type():
    # กรม… and การ… start the names of many kinds of agency: the name alone decides nothing
    assert load_units().guess_agency_type("กรมบัญชีกลาง") is None
    assert terms_for("กรมบัญชีกลาง", None).executive == "หัวหน้าส่วนราชการ"
    assert terms_for("กรมบัญชีกลาง", "กรม").executive == "อธิบดีกรมบัญชีกลาง"


def test_an_unknown_type_is_refused_with_the_accepted_ones(tmp_path, capsys):
    with pytest.raises(CatalogueError) as caught:
        canonical_agency_type("สหกรณ์")
    message = str(caught.value)
    assert "ไม่รู้จักประเภทหน่วยงาน 'สหกรณ์'" in message
    assert all(t in message for t in OTHER_TYPES + LOCAL_TYPES)

    path = tmp_path / "coop.yaml"
    path.write_text("agency: สหกรณ์ออมทรัพย์ครูกาญจนบุรี\nagency_type: สหกรณ์\nfiscal_year: 2567\ntotal: 80\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_results(path)
    assert "ไม่รู้จักประเภทหน่วยงาน 'สหกรณ์'" in str(refused.value)
    assert all(t in str(refused.value) for t in ("จังหวัด", "ส่วนราชการระดับกรม", "สถาบันอุดมศึกษา", "อบต."))
    code, _, err = cli(capsys, "analyze", str(path))
    assert code == 2 and "ไม่รู้จักประเภทหน่วยงาน 'สหกรณ์'" in err


def test_a_province_result_is_read():
    # the refusal that opened the issue: a province's published result
    results = read_results(AGENCY_EXAMPLES / "kanchanaburi-province-2567.yaml")
    assert results.agency_type == "จังหวัด"


# --- the units books -------------------------------------------------------------------------------


@pytest.mark.parametrize("agency_type", OTHER_TYPES + LOCAL_TYPES)
def test_every_role_resolves_to_a_unit_of_the_type(agency_type):
    units = load_units()
    kind = units.agency_types[agency_type]
    assert set(kind.roles) == set(units.roles)
    for role in units.roles:
        name = resolve_unit(role, agency_type)
        assert name and "{" not in name, (agency_type, role)
        if role not in ("executive", "chief_officer", "all"):
            assert any(name.startswith(u) for u in kind.units), (agency_type, role, name)


@pytest.mark.parametrize("agency_type", OTHER_TYPES)
def test_other_agencies_have_no_local_government_units(agency_type):
    kind = load_units().agency_types[agency_type]
    for role, name in kind.roles.items():
        assert not any(name == u or name.startswith((u + " ", u + "(")) for u in LOCAL_UNITS), (role, name)
    for unit in kind.units:
        assert not any(unit.startswith(u) for u in LOCAL_UNITS if u != "ปลัด"), unit


@pytest.mark.parametrize(("role", "agency_type", "expected"), [
    ("admin", "ส่วนราชการระดับกรม", "สำนักงานเลขานุการกรม"),
    ("finance", "ส่วนราชการระดับกรม", "กองคลัง"),
    ("it", "ส่วนราชการระดับกรม", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"),
    ("audit", "ส่วนราชการระดับกรม", "กลุ่มตรวจสอบภายใน"),
    ("agriculture", "ส่วนราชการระดับกรม", "สำนักหรือกองเจ้าของภารกิจ (โปรดระบุชื่อ)"),
    ("complaints", "ส่วนราชการระดับกรม", "กลุ่มงานคุ้มครองจริยธรรม"),
    ("admin", "สำนักงานปลัดกระทรวง", "กองกลาง"),
    ("complaints", "สำนักงานปลัดกระทรวง", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"),
    ("admin", "จังหวัด", "สำนักงานจังหวัด"),
    ("complaints", "จังหวัด", "ศูนย์ดำรงธรรมจังหวัด"),
    ("finance", "จังหวัด", "สำนักงานจังหวัด (ฝ่ายบริหารงานทั่วไป งานการเงินและบัญชี)"),
    ("procurement", "จังหวัด", "สำนักงานจังหวัด (ฝ่ายบริหารงานทั่วไป งานพัสดุ)"),
    ("planning", "จังหวัด", "สำนักงานจังหวัด (กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด)"),
    ("agriculture", "จังหวัด", "สำนักงานเกษตรจังหวัด"),
    ("admin", "สถาบันอุดมศึกษา", "สำนักงานอธิการบดี"),
    ("planning", "สถาบันอุดมศึกษา", "กองนโยบายและแผน"),
    ("it", "สถาบันอุดมศึกษา", "สำนักวิทยบริการและเทคโนโลยีสารสนเทศ"),
    ("works", "สถาบันอุดมศึกษา", "กองกลาง (งานอาคารสถานที่)"),
    ("legal", "สถาบันอุดมศึกษา", "กองกลาง (งานนิติการ)"),
    ("public_relations", "สถาบันอุดมศึกษา", "กองกลาง (งานประชาสัมพันธ์)"),
    ("agriculture", "สถาบันอุดมศึกษา", "คณะหรือส่วนงานเจ้าของภารกิจ (โปรดระบุชื่อ)"),
    ("education", "รัฐวิสาหกิจ", "ฝ่ายเจ้าของภารกิจ (โปรดระบุชื่อ)"),
    ("audit", "องค์การมหาชน", "ฝ่ายตรวจสอบภายใน"),
    ("public_relations", "รัฐวิสาหกิจ", "ฝ่ายสื่อสารองค์กร"),
    ("finance", "สถานศึกษา", "ฝ่ายบริหารทรัพยากร (งานการเงิน)"),
    ("it", "สถานศึกษา", "ฝ่ายแผนงานและความร่วมมือ (งานศูนย์ข้อมูลสารสนเทศ)"),
    ("audit", "สถานศึกษา", "คณะกรรมการควบคุมภายในของสถานศึกษา"),
    ("admin", "โรงเรียน", "กลุ่มบริหารงานทั่วไป"),
    ("education", "โรงเรียน", "กลุ่มบริหารงานวิชาการ"),
    ("finance", "โรงเรียน", "กลุ่มบริหารงานงบประมาณ (งานการเงินและบัญชี)"),
    ("personnel", "โรงเรียน", "กลุ่มบริหารงานบุคคล"),
    ("executive", "โรงเรียน", "ผู้อำนวยการโรงเรียน"),
    ("executive", "ส่วนราชการระดับกรม", "อธิบดี"),
    ("chief_officer", "จังหวัด", "รองผู้ว่าราชการจังหวัด"),
    ("executive", "สถาบันอุดมศึกษา", "อธิการบดี"),
    ("executive", "สถานศึกษา", "ผู้อำนวยการสถานศึกษา"),
    ("legal", "กรุงเทพมหานคร", "สำนักงานกฎหมายและคดี"),
    ("works", "เมืองพัทยา", "สำนักการช่าง"),
])
def test_real_unit_names(role, agency_type, expected):
    assert resolve_unit(role, agency_type) == expected


# --- the terms book --------------------------------------------------------------------------------


@pytest.mark.parametrize(("agency", "agency_type", "executive", "chief", "council", "law", "staff"), [
    ("กรมส่งเสริมการปกครองท้องถิ่น", "ส่วนราชการระดับกรม", "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น",
     "รองอธิบดีกรมส่งเสริมการปกครองท้องถิ่นที่ได้รับมอบหมาย", "คณะผู้บริหารกรมส่งเสริมการปกครองท้องถิ่น",
     "ประกาศกรมส่งเสริมการปกครองท้องถิ่น", "ข้าราชการและเจ้าหน้าที่"),
    ("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "ส่วนราชการระดับกรม", "หัวหน้าส่วนราชการ", "รองหัวหน้าส่วนราชการที่ได้รับมอบหมาย",
     "คณะผู้บริหารสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "ประกาศสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
     "ข้าราชการและเจ้าหน้าที่"),
    ("สำนักงานปลัดกระทรวงมหาดไทย", None, "ปลัดกระทรวงมหาดไทย", "รองปลัดกระทรวงมหาดไทยที่ได้รับมอบหมาย",
     "คณะผู้บริหารสำนักงานปลัดกระทรวงมหาดไทย", "ประกาศสำนักงานปลัดกระทรวงมหาดไทย", "ข้าราชการและเจ้าหน้าที่"),
    ("สำนักงานจังหวัดกาญจนบุรี", "จังหวัด", "ผู้ว่าราชการจังหวัดกาญจนบุรี", "รองผู้ว่าราชการจังหวัดกาญจนบุรีที่ได้รับมอบหมาย",
     "คณะกรมการจังหวัดกาญจนบุรี", "ประกาศจังหวัดกาญจนบุรี", "ข้าราชการและเจ้าหน้าที่"),
    ("กาญจนบุรี", "ศาลากลางจังหวัด", "ผู้ว่าราชการจังหวัดกาญจนบุรี", "รองผู้ว่าราชการจังหวัดกาญจนบุรีที่ได้รับมอบหมาย",
     "คณะกรมการจังหวัดกาญจนบุรี", "ประกาศจังหวัดกาญจนบุรี", "ข้าราชการและเจ้าหน้าที่"),
    ("มหาวิทยาลัยราชภัฏกาญจนบุรี", None, "อธิการบดีมหาวิทยาลัยราชภัฏกาญจนบุรี",
     "รองอธิการบดีมหาวิทยาลัยราชภัฏกาญจนบุรีที่ได้รับมอบหมาย", "สภามหาวิทยาลัยราชภัฏกาญจนบุรี",
     "ข้อบังคับมหาวิทยาลัยราชภัฏกาญจนบุรี", "บุคลากร"),
    ("วิทยาลัยเทคนิคกาญจนบุรี", "วิทยาลัยเทคนิค", "ผู้อำนวยการวิทยาลัยเทคนิคกาญจนบุรี",
     "รองผู้อำนวยการวิทยาลัยเทคนิคกาญจนบุรีที่ได้รับมอบหมาย", "คณะกรรมการบริหารวิทยาลัยเทคนิคกาญจนบุรี",
     "ประกาศวิทยาลัยเทคนิคกาญจนบุรี", "ครูและบุคลากรทางการศึกษา"),
    ("สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)", "องค์การมหาชน",
     "ผู้อำนวยการสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)",
     "รองผู้อำนวยการสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)ที่ได้รับมอบหมาย",
     "คณะกรรมการบริหารสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)",
     "ข้อบังคับสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)", "เจ้าหน้าที่"),
    ("การประปาส่วนภูมิภาค", "รัฐวิสาหกิจ", "ผู้ว่าการการประปาส่วนภูมิภาค", "รองผู้ว่าการการประปาส่วนภูมิภาคที่ได้รับมอบหมาย",
     "คณะกรรมการการประปาส่วนภูมิภาค", "ข้อบังคับการประปาส่วนภูมิภาค", "พนักงาน"),
    ("บริษัท ขนส่ง จำกัด", "รัฐวิสาหกิจ", "ผู้บริหารสูงสุดของบริษัท ขนส่ง จำกัด",
     "รองผู้บริหารสูงสุดของบริษัท ขนส่ง จำกัดที่ได้รับมอบหมาย", "คณะกรรมการบริษัท ขนส่ง จำกัด", "ข้อบังคับบริษัท ขนส่ง จำกัด",
     "พนักงาน"),
    ("สำนักงานคณะกรรมการการเลือกตั้ง", "องค์กรอิสระ", "เลขาธิการคณะกรรมการการเลือกตั้ง",
     "รองเลขาธิการคณะกรรมการการเลือกตั้งที่ได้รับมอบหมาย", "คณะกรรมการการเลือกตั้ง", "ประกาศสำนักงานคณะกรรมการการเลือกตั้ง",
     "ข้าราชการและเจ้าหน้าที่"),
    ("โรงเรียนกาญจนานุเคราะห์", None, "ผู้อำนวยการโรงเรียนกาญจนานุเคราะห์",
     "รองผู้อำนวยการโรงเรียนกาญจนานุเคราะห์ที่ได้รับมอบหมาย", "คณะกรรมการสถานศึกษาขั้นพื้นฐานโรงเรียนกาญจนานุเคราะห์",
     "ประกาศโรงเรียนกาญจนานุเคราะห์", "ครูและบุคลากรทางการศึกษา"),
    # local government has one ปลัด: no "ที่ได้รับมอบหมาย"
    ("กรุงเทพมหานคร", "กทม.", "ผู้ว่าราชการกรุงเทพมหานคร", "ปลัดกรุงเทพมหานคร", "สภากรุงเทพมหานคร",
     "ข้อบัญญัติกรุงเทพมหานคร", "ข้าราชการกรุงเทพมหานคร"),
])
def test_titles_law_council_and_staff_of_each_type(agency, agency_type, executive, chief, council, law, staff):
    terms = terms_for(agency, agency_type)
    assert (terms.executive, terms.chief_officer, terms.council, terms.local_law, terms.staff) == \
        (executive, chief, council, law, staff)


def test_the_terms_book_covers_every_type_and_its_budget_document():
    book = load_terms()
    assert set(load_units().agency_types) <= set(book.types)
    budgets = {terms_for(name, kind).budget_law for kind, name in OTHER_AGENCIES.items()}
    assert "พระราชบัญญัติงบประมาณรายจ่ายประจำปี" in budgets and "งบประมาณรายจ่ายประจำปี" in budgets
    for kind, name in OTHER_AGENCIES.items():
        terms = terms_for(name, kind)
        words = [getattr(terms, f.name) for f in fields(Terms)]
        assert not any(local_words_in(w, name) for w in words), (kind, words)
        assert not book.types[kind].local
    assert all(book.types[kind].local for kind in LOCAL_TYPES)


def test_phrases_are_terms_but_not_fields():
    assert [f.name for f in fields(Terms)] == list(TERM_NAMES)
    assert set(term_names()) > set(TERM_NAMES)
    assert "contract_staff" in term_names()
    local = terms_for("องค์การบริหารส่วนตำบลลาดหญ้า", "อบต.")
    assert local.word("contract_staff") == "พนักงานจ้าง"
    assert local.word("all_staff") == "พนักงานส่วนตำบลและพนักงานจ้าง"
    department = terms_for("กรมบัญชีกลาง", "ส่วนราชการระดับกรม")
    assert department.word("contract_staff") == "ลูกจ้าง"
    assert department.word("development_plan") == "แผนปฏิบัติราชการ"
    assert terms_for("จังหวัดกาญจนบุรี", "จังหวัด").word("development_plan") == "แผนพัฒนาจังหวัด"
    # the phrases do not take part in equality: the agreed fields decide
    assert local == Terms(*(getattr(local, n) for n in TERM_NAMES))
    # an agency of no known type gets the wording of agencies other than local government
    assert terms_for("สหกรณ์ออมทรัพย์", None).word("forum_record") == "การประชุมรับฟังความคิดเห็น"


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["phrases"]["contract_staff"].pop("other"), "contract_staff.*other"),
    (lambda d: d["phrases"]["contract_staff"].update({"สหกรณ์": "สมาชิก"}), "สหกรณ์"),
    (lambda d: d["phrases"]["contract_staff"].update({"other": "ลูกจ้างของ{unit:treasury}"}), "treasury"),
    (lambda d: d["phrases"]["contract_staff"].update({"other": "ลูกจ้างของ{unit:Admin}"}), "contract_staff"),
    (lambda d: d["phrases"]["contract_staff"].update({"other": "ลูกจ้างของ{agency}"}), "contract_staff"),
    (lambda d: d["phrases"]["each_unit"].update({"other": "แต่ละ{term:each_unit}"}), "วง"),
    (lambda d: d["phrases"].update({"ping": {"local": "{term:pong}", "other": "ก"},
                                    "pong": {"local": "{term:ping}", "other": "ข"}}), "วง"),
    (lambda d: d["phrases"]["contract_staff"].update({"other": "{term:mayor}"}), "contract_staff"),
    (lambda d: d["phrases"].update({"staff": {"local": "ก", "other": "ข"}}), "staff"),
    (lambda d: d["types"]["จังหวัด"].update({"otherwise": {"executive": "ผู้ว่าราชการ"}, "prefixes": []}),
     "otherwise"),
    (lambda d: d["types"]["องค์การมหาชน"].update({"executive": "ผู้อำนวยการ"}), "executive"),
])
def test_a_bad_terms_book_is_refused(change, message):
    data = copy.deepcopy(raw_terms())
    change(data)
    with pytest.raises(ValueError, match=message):
        parse_terms(data)


def test_an_unknown_term_in_a_text_is_still_refused():
    with pytest.raises(ValueError, match="คำเฉพาะ"):
        placeholders("ตาม{term:tambon_forum}")
    assert placeholders("จัด{term:forum_on_plan}โดย{unit:planning}") == ("planning",)


# --- the catalogue reads right for every type ---------------------------------------------------------


@pytest.mark.parametrize("agency_type", OTHER_TYPES)
def test_every_catalogue_text_reads_right_for_other_agencies(agency_type):
    agency = OTHER_AGENCIES[agency_type]
    for where, text in catalogue_texts():
        rendered = render_text(text, agency_type, agency=agency)
        assert "{" not in rendered and "}" not in rendered, (where, rendered)
        assert not local_words_in(rendered, agency), (where, local_words_in(rendered, agency), rendered)
        assert not re.search(r"[๐-๙]", rendered), (where, rendered)


@pytest.mark.parametrize("agency_type", OTHER_TYPES + LOCAL_TYPES)
def test_short_steps_stay_one_line_for_every_type(agency_type):
    agency = OTHER_AGENCIES.get(agency_type, "ทดสอบ")
    for group in load_catalogue().groups.values():
        for text in [s.text for s in group.steps] + [group.closing]:
            rendered = render_text(text, agency_type, agency=agency)
            assert len(rendered.replace(agency, "")) <= 150 and "\n" not in rendered, rendered


# What local government read before the phrases: the texts must stay word for word.
LOCAL_GOLDEN = [
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "work-manuals", 0,
     "ปลัดองค์การบริหารส่วนตำบลทดสอบสั่งการให้ทุกกอง/สำนักระบุกระบวนงานหลักในความรับผิดชอบ เช่น การรับชำระภาษี "
     "การอนุญาตก่อสร้าง การรับลงทะเบียนเบี้ยยังชีพ การเบิกจ่ายเงิน และกำหนดผู้จัดทำคู่มือของแต่ละกระบวนงาน"),
    ("เทศบาลตำบล", "เทศบาลตำบลทดสอบ", "public-participation", 0,
     "สำนักปลัดเทศบาล (งานวิเคราะห์นโยบายและแผน) จัดประชาคมระดับหมู่บ้านหรือชุมชนและระดับท้องถิ่น "
     "เพื่อรับฟังปัญหาและความต้องการในการจัดทำหรือทบทวนแผนพัฒนาท้องถิ่น โดยประกาศเชิญล่วงหน้าอย่างน้อย 7 วัน"),
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "budget-plan-awareness", 1,
     "ประชุมชี้แจงพนักงานส่วนตำบลและพนักงานจ้างทุกคนภายในเดือนพฤศจิกายน โดยใช้ภาษาที่เข้าใจง่ายสำหรับผู้ที่ไม่ได้ทำงานเอกสาร"),
    ("เทศบาลนคร", "เทศบาลนครทดสอบ", "oit-basic-information", 0,
     "กองการเจ้าหน้าที่จัดทำแผนผังโครงสร้างที่แสดงทั้งฝ่ายการเมือง (ผู้บริหารและสมาชิกสภาเทศบาลนครทดสอบ) "
     "และฝ่ายประจำ (ทุกกอง/สำนัก ตำแหน่งสำคัญ และงานภายใน) ให้ตรงกับแผนอัตรากำลังปัจจุบัน"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัดทดสอบ", "ethics-code", 0,
     "กองการเจ้าหน้าที่เผยแพร่ประมวลจริยธรรมของข้าราชการส่วนท้องถิ่นและข้อกำหนดจริยธรรมของหน่วยงาน "
     "ให้บุคลากรทุกคนลงนามรับทราบ"),
    ("เทศบาลเมือง", "เทศบาลเมืองทดสอบ", "audit-follow-up", 0,
     "หน่วยตรวจสอบภายในจัดทำทะเบียนข้อตรวจพบจากการตรวจสอบภายในและจากหน่วยงานภายนอก เช่น "
     "สำนักงานการตรวจเงินแผ่นดิน และสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด พร้อมกองที่ต้องแก้ไขและกำหนดเสร็จ"),
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "annual-operation-plan", 0,
     "เมื่อข้อบัญญัติงบประมาณรายจ่ายประจำปีประกาศใช้ สำนักปลัด (งานวิเคราะห์นโยบายและแผน) "
     "จัดทำแผนดำเนินงานของปีงบประมาณปัจจุบัน ระบุโครงการหรือกิจกรรม งบประมาณ ระยะเวลาดำเนินการ และกองที่รับผิดชอบ"),
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "multi-channel-publicity", 0,
     "สำนักปลัด (งานประชาสัมพันธ์) สำรวจช่องทางที่ประชาชนในพื้นที่ใช้เป็นประจำ เช่น เว็บไซต์ Facebook "
     "LINE Official Account หอกระจายข่าว เสียงตามสาย ป้ายประชาสัมพันธ์ประจำหมู่บ้าน และการประชุมผู้นำชุมชน"),
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "e-service", 1,
     "แต่ละกองเสนองานบริการที่รับคำขอทางออนไลน์ได้ เช่น แจ้งซ่อมไฟฟ้าสาธารณะ ขอรับน้ำอุปโภคบริโภค ขอตัดกิ่งไม้ "
     "ยื่นลงทะเบียนเบี้ยยังชีพ และเลือกอย่างน้อย 1 งานที่เปิดได้ทันที"),
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "corruption-risk-management", 1,
     "คณะทำงานระบุกระบวนงานที่เสี่ยง เช่น การออกใบอนุญาต การจัดเก็บภาษี การจัดซื้อจัดจ้าง การใช้รถส่วนกลาง "
     "และการเรียกรับสินบนในการให้บริการ แล้วให้คะแนนโอกาสและผลกระทบของแต่ละเหตุการณ์"),
    # the units, their heads and the executives, now from the books: local words as they were
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "ita-analysis-and-measures", 1,
     "ประชุมผู้บริหารและหัวหน้าส่วนราชการทุกกอง/สำนัก เพื่อวิเคราะห์จุดแข็ง จุดอ่อน และข้อที่ต่ำกว่าเกณฑ์ "
     "และกำหนดมาตรการของแต่ละประเด็น"),
    ("เทศบาลนคร", "เทศบาลนครทดสอบ", "oit-publishing-team", 1,
     "สำนักปลัดเทศบาลจัดทำตารางข้อมูลที่ต้องเปิดเผยตามแบบตรวจ OIT ของปีที่จะประเมิน ระบุข้อ ชื่อข้อมูล "
     "องค์ประกอบที่ต้องมี กองเจ้าของข้อมูล และวันที่ต้องส่ง"),
    ("กรุงเทพมหานคร", "กรุงเทพมหานคร", "qa-two-way", 1,
     "ปลัดกรุงเทพมหานครมอบหมายผู้ตอบคำถามประจำแต่ละช่องทาง และกำหนดให้ตอบหรือแจ้งว่ารับเรื่องแล้วภายใน 2 วันทำการ"),
    ("กรุงเทพมหานคร", "กรุงเทพมหานคร", "qa-two-way", 2,
     "คำถามเกี่ยวกับงานของกองใดให้ส่งต่อกองนั้น และให้กองเจ้าของเรื่องให้ข้อมูลตามข้อเท็จจริง ไม่ปิดบังหรือบิดเบือน"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัดทดสอบ", "ita-awareness", 2,
     "ติดป้ายและแจกเอกสารสั้น ณ จุดบริการ แจ้งผู้รับบริการว่าหน่วยงานอาจขอหมายเลขโทรศัพท์เพื่อให้ระบบการประเมิน"
     "ส่งแบบวัดผู้มีส่วนได้ส่วนเสียภายนอกพร้อมรหัสยืนยัน (OTP) ซึ่งไม่ใช่มิจฉาชีพ"),
    ("เมืองพัทยา", "เมืองพัทยา", "oit-basic-information", 1,
     "สำนักปลัดเมืองพัทยาจัดทำข้อมูลผู้บริหารทั้งผู้บริหารสูงสุดและรองผู้บริหาร แต่ละคนมีชื่อ-นามสกุล ตำแหน่ง "
     "รูปถ่าย และช่องทางติดต่อ และแก้ไขทันทีเมื่อมีการเปลี่ยนตัว"),
    ("เทศบาลตำบล", "เทศบาลตำบลทดสอบ", "disbursement-control", 4,
     "นำข้อตรวจพบเข้าที่ประชุมหัวหน้าส่วนราชการเพื่อกำหนดแนวทางแก้ไข และแจ้งบุคลากรในที่ประชุมประจำเดือน"),
    ("อบต.", "องค์การบริหารส่วนตำบลทดสอบ", "fair-service-queue", 3,
     "หัวหน้าแต่ละกอง/สำนักสุ่มตรวจทะเบียนรับเรื่องเดือนละครั้ง เทียบระยะเวลาที่ใช้ในการให้บริการกับระยะเวลาที่ประกาศในคู่มือ"),
]


@pytest.mark.parametrize(("agency_type", "agency", "measure", "step", "expected"), LOCAL_GOLDEN)
def test_local_government_reads_as_before(agency_type, agency, measure, step, expected):
    text = load_catalogue().measure(measure).steps[step]
    assert render_text(text, agency_type, agency=agency) == expected


def test_local_group_steps_and_evidence_read_as_before():
    catalogue = load_catalogue()
    agency = "องค์การบริหารส่วนตำบลทดสอบ"
    participation = catalogue.groups["participation"].steps[0].text
    assert render_text(participation, "อบต.", agency=agency) == \
        "จัดประชุมประชาคมรับฟังความคิดเห็นในการจัดทำแผนพัฒนา และเปิดโอกาสให้ประชาชนร่วมดำเนินงานและร่วมติดตามผล"
    awareness = catalogue.groups["planning-ita"].steps[4].text
    assert render_text(awareness, "อบต.", agency=agency) == \
        "ชี้แจงบุคลากรทุกระดับ รวมถึงพนักงานจ้าง ให้เข้าใจการประเมิน ITA และแนวปฏิบัติของหน่วยงาน"
    basic = catalogue.measure("oit-basic-information")
    assert render_text(basic.evidence[0], "อบต.", agency=agency) == "แผนผังโครงสร้างฝ่ายการเมืองและฝ่ายประจำ"
    assert render_text(basic.evidence[3], "อบต.", agency=agency) == "แผนพัฒนาท้องถิ่นที่เผยแพร่"
    forum = catalogue.measure("public-participation").evidence[0]
    assert render_text(forum, "อบต.", agency=agency) == "ประกาศเชิญและรายงานการประชุมประชาคม"
    budget = catalogue.groups["budget-procurement"].steps[0].text
    assert render_text(budget, "อบต.", agency=agency) == \
        "ชี้แจงข้อบัญญัติงบประมาณรายจ่ายประจำปีและแผนการใช้จ่ายงบประมาณให้บุคลากรทุกส่วนราชการรับทราบ"
    keep = catalogue.groups["keep-standard"].steps[1].text
    assert render_text(keep, "อบต.", agency=agency) == "ติดตามเกณฑ์การประเมินของปีใหม่ และแจ้งเวียนทุกกองเมื่อมีการเปลี่ยนแปลง"


# --- other agencies' units, heads and codes (the reviewer's findings) -------------------------------------

# Types whose units are not กอง: no "กอง" of local government may name them.
NON_KONG_TYPES = ["จังหวัด", "สถาบันอุดมศึกษา", "รัฐวิสาหกิจ", "องค์การมหาชน", "หน่วยงานอื่นของรัฐ", "สถานศึกษา", "โรงเรียน"]
# Words of local government's units and of the old wording that no plan of these types may use.
KONG_WORDS = ["ทุกกอง", "แต่ละกอง", "กองเจ้าของ", "กองใด", "กองที่", "หลายกอง", "หัวหน้ากอง", "คำสั่งแบ่งงานของกอง\"",
              "หัวหน้าส่วนราชการทุก"]
OLD_WORDING = ["ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ", "เจ้าของภารกิจ\"", "มิจฉาชีพ", "ทุกกอง/สำนัก", "แต่ละกอง/สำนัก",
               "ผู้บริหารสูงสุดและรองผู้บริหาร แต่ละคน", "ที่ได้รับมอบหมายมอบหมาย"]


def catalogue_text_of(agency_type: str) -> str:
    agency = OTHER_AGENCIES[agency_type]
    return json.dumps([render_text(text, agency_type, agency=agency) for _, text in catalogue_texts()],
                      ensure_ascii=False)


@pytest.mark.parametrize("agency_type", NON_KONG_TYPES)
@pytest.mark.parametrize("detail", ["concise", "full"])
def test_a_plan_names_the_types_own_units_never_a_kong(agency_type, detail):
    plan = plan_json(weak_result(OTHER_AGENCIES[agency_type], agency_type), detail)
    text = json.dumps(plan, ensure_ascii=False)
    assert not [w for w in KONG_WORDS + OLD_WORDING if w in text], [w for w in KONG_WORDS + OLD_WORDING if w in text]
    assert load_units().agency_types[agency_type].roles["all"] in text


@pytest.mark.parametrize("agency_type", OTHER_TYPES)
def test_no_catalogue_text_keeps_the_old_wording(agency_type):
    text = catalogue_text_of(agency_type)
    assert not [w for w in OLD_WORDING if w in text], [w for w in OLD_WORDING if w in text]
    if agency_type in NON_KONG_TYPES:
        assert not [w for w in KONG_WORDS if w in text], [w for w in KONG_WORDS if w in text]


@pytest.mark.parametrize("agency_type", OTHER_TYPES + LOCAL_TYPES)
def test_a_mission_unit_asks_for_its_name(agency_type):
    kind = load_units().agency_types[agency_type]
    for name in (*kind.units, *kind.roles.values()):
        assert "เจ้าของภารกิจ" not in name or name.endswith("เจ้าของภารกิจ (โปรดระบุชื่อ)"), name


@pytest.mark.parametrize(("agency_type", "every", "each", "owner", "heads"), [
    ("จังหวัด", "ทุกส่วนราชการ", "แต่ละส่วนราชการ", "ส่วนราชการเจ้าของข้อมูล", "หัวหน้าส่วนราชการประจำจังหวัด"),
    ("สถาบันอุดมศึกษา", "ทุกส่วนงาน", "แต่ละส่วนงาน", "ส่วนงานเจ้าของข้อมูล", "หัวหน้าส่วนงาน"),
    ("รัฐวิสาหกิจ", "ทุกฝ่าย", "แต่ละฝ่าย", "ฝ่ายเจ้าของข้อมูล", "ผู้อำนวยการฝ่าย"),
    ("องค์การมหาชน", "ทุกฝ่าย", "แต่ละฝ่าย", "ฝ่ายเจ้าของข้อมูล", "ผู้อำนวยการฝ่าย"),
    ("ส่วนราชการระดับกรม", "ทุกสำนัก/กอง", "แต่ละสำนัก/กอง", "สำนัก/กองเจ้าของข้อมูล", "ผู้อำนวยการสำนัก/กอง"),
    ("โรงเรียน", "ทุกกลุ่มบริหาร", "แต่ละกลุ่มบริหาร", "กลุ่มบริหารเจ้าของข้อมูล", "หัวหน้ากลุ่มบริหาร"),
    # local government: the words its documents have always had
    ("อบต.", "ทุกกอง/สำนัก", "แต่ละกอง/สำนัก", "กองเจ้าของข้อมูล", "หัวหน้าส่วนราชการทุกกอง/สำนัก"),
    ("เทศบาลนคร", "ทุกกอง/สำนัก", "แต่ละกอง/สำนัก", "กองเจ้าของข้อมูล", "หัวหน้าส่วนราชการทุกกอง/สำนัก"),
    ("กรุงเทพมหานคร", "ทุกกอง/สำนัก", "แต่ละกอง/สำนัก", "กองเจ้าของข้อมูล", "หัวหน้าส่วนราชการทุกกอง/สำนัก"),
])
def test_the_units_come_from_the_books(agency_type, every, each, owner, heads):
    agency = OTHER_AGENCIES.get(agency_type, "ทดสอบ")
    assert render_text("{term:every_unit}", agency_type, agency=agency) == every
    assert render_text("{term:each_unit}", agency_type, agency=agency) == each
    assert render_text("{term:unit_word}เจ้าของข้อมูล", agency_type, agency=agency) == owner
    assert render_text("{term:all_unit_heads}", agency_type, agency=agency) == heads
    if agency_type not in LOCAL_TYPES:
        # every unit is the units book's name for all the type's units
        assert every == resolve_unit("all", agency_type)


def test_every_unit_is_the_agencys_own_name_for_all_its_units():
    assert render_text("แจ้ง{term:every_unit}", "จังหวัด", {"all": "ทุกหน่วยงานในสังกัด"},
                       agency="จังหวัดกาญจนบุรี") == "แจ้งทุกหน่วยงานในสังกัด"
    # local government keeps its words whatever its units are called
    assert render_text("แจ้ง{term:every_unit}", "เทศบาลนคร", {"all": "ทุกสำนัก/กอง"},
                       agency="เทศบาลนครทดสอบ") == "แจ้งทุกกอง/สำนัก"


def test_phrases_name_phrases_and_units():
    book = parse_terms(raw_terms())
    assert book.phrases["each_unit"]["other"] == "แต่ละ{term:unit_word}"
    assert book.phrases["every_unit"]["other"] == "{unit:all}"
    assert terms_for("มหาวิทยาลัยราชภัฏกาญจนบุรี", None).word("each_unit") == "แต่ละส่วนงาน"
    # a unit is left for the catalogue, which knows the agency's own units
    assert terms_for("มหาวิทยาลัยราชภัฏกาญจนบุรี", None).word("every_unit") == "{unit:all}"


@pytest.mark.parametrize(("agency", "agency_type", "code"), [
    ("มหาวิทยาลัยราชภัฏกาญจนบุรี", "สถาบันอุดมศึกษา", "ประมวลจริยธรรมของมหาวิทยาลัยราชภัฏกาญจนบุรี"),
    ("การประปาส่วนภูมิภาค", "รัฐวิสาหกิจ", "ประมวลจริยธรรมของการประปาส่วนภูมิภาค"),
    ("สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)", "องค์การมหาชน",
     "ประมวลจริยธรรมของสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)"),
    ("สำนักงานคณะกรรมการการเลือกตั้ง", "องค์กรอิสระ", "ประมวลจริยธรรมของสำนักงานคณะกรรมการการเลือกตั้ง"),
    ("จังหวัดกาญจนบุรี", "จังหวัด", "ประมวลจริยธรรมข้าราชการพลเรือน"),
    ("โรงเรียนกาญจนานุเคราะห์", "โรงเรียน", "ประมวลจริยธรรมข้าราชการครูและบุคลากรทางการศึกษา"),
    ("องค์การบริหารส่วนตำบลทดสอบ", "อบต.", "ประมวลจริยธรรมของข้าราชการส่วนท้องถิ่น"),
])
def test_each_agency_follows_its_own_code_of_ethics(agency, agency_type, code):
    assert terms_for(agency, agency_type).word("ethics_code") == code


@pytest.mark.parametrize(("agency", "agency_type", "phrase", "expected"), [
    ("การประปาส่วนภูมิภาค", "รัฐวิสาหกิจ", "budget_in_force", "งบประมาณทำการประจำปีได้รับอนุมัติ"),
    ("มหาวิทยาลัยราชภัฏกาญจนบุรี", "สถาบันอุดมศึกษา", "budget_in_force", "สภามหาวิทยาลัยอนุมัติงบประมาณรายจ่ายประจำปี"),
    ("จังหวัดกาญจนบุรี", "จังหวัด", "budget_in_force", "พระราชบัญญัติงบประมาณรายจ่ายประจำปีมีผลใช้บังคับ"),
    ("มหาวิทยาลัยราชภัฏกาญจนบุรี", "สถาบันอุดมศึกษา", "executive_team", "อธิการบดีและรองอธิการบดี"),
    ("จังหวัดกาญจนบุรี", "จังหวัด", "executive_team", "ผู้ว่าราชการจังหวัดและรองผู้ว่าราชการจังหวัด"),
    ("กรมบัญชีกลาง", "ส่วนราชการระดับกรม", "executive_team", "อธิบดีกรมบัญชีกลางและรองอธิบดีกรมบัญชีกลาง"),
    ("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "ส่วนราชการระดับกรม", "executive_team",
     "หัวหน้าส่วนราชการและรองหัวหน้าส่วนราชการ"),
    ("วิทยาลัยเทคนิคกาญจนบุรี", "สถานศึกษา", "development_plan", "แผนพัฒนาสถานศึกษา"),
    ("โรงเรียนกาญจนานุเคราะห์", "โรงเรียน", "development_plan", "แผนพัฒนาคุณภาพการศึกษาของสถานศึกษา"),
])
def test_the_words_of_each_type(agency, agency_type, phrase, expected):
    assert terms_for(agency, agency_type).word(phrase) == expected


def test_the_external_survey_comes_from_the_nacc_system():
    step = load_catalogue().measure("ita-awareness").steps[2]
    text = render_text(step, "จังหวัด", agency="จังหวัดกาญจนบุรี")
    assert text.endswith("ส่งแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก พร้อมรหัสยืนยัน (OTP) "
                         "ซึ่งส่งจากระบบของสำนักงาน ป.ป.ช. มิใช่ข้อความหลอกลวง")


def test_a_meeting_of_the_executives_and_the_heads_of_units():
    step = load_catalogue().measure("ita-analysis-and-measures").steps[1]
    heads = {"จังหวัด": "หัวหน้าส่วนราชการประจำจังหวัด", "สถาบันอุดมศึกษา": "หัวหน้าส่วนงาน",
             "รัฐวิสาหกิจ": "ผู้อำนวยการฝ่าย", "องค์การมหาชน": "ผู้อำนวยการฝ่าย",
             "ส่วนราชการระดับกรม": "ผู้อำนวยการสำนัก/กอง"}
    for agency_type, who in heads.items():
        text = render_text(step, agency_type, agency=OTHER_AGENCIES[agency_type])
        assert text.startswith(f"ประชุมผู้บริหารและ{who} เพื่อวิเคราะห์"), text


def test_a_school_of_basic_education_is_run_by_its_four_groups():
    units = load_units()
    assert canonical_agency_type("โรงเรียน") == "โรงเรียน" and units.guess_agency_type("โรงเรียนบ้านหนองบัว") == "โรงเรียน"
    groups = ["กลุ่มบริหารงานวิชาการ", "กลุ่มบริหารงานงบประมาณ", "กลุ่มบริหารงานบุคคล", "กลุ่มบริหารงานทั่วไป"]
    school = units.agency_types["โรงเรียน"]
    assert school.name == "โรงเรียน (สถานศึกษาขั้นพื้นฐาน)"
    assert list(school.units) == groups
    for role, name in school.roles.items():
        if role not in ("executive", "chief_officer", "all"):
            assert any(name == g or name.startswith(g + " (") for g in groups), (role, name)
    assert (school.roles["executive"], school.roles["chief_officer"]) == ("ผู้อำนวยการโรงเรียน", "รองผู้อำนวยการโรงเรียน")
    plan = plan_json(weak_result("โรงเรียนกาญจนานุเคราะห์", "โรงเรียน"))
    assert plan["agency_type"] == "โรงเรียน"
    assert plan_units(plan) <= set(school.roles.values()) | {terms_for("โรงเรียนกาญจนานุเคราะห์", None).executive,
                                                             terms_for("โรงเรียนกาญจนานุเคราะห์", None).chief_officer}
    assert not any(u.startswith("ฝ่าย") for u in plan_units(plan))
    # a vocational college keeps its ฝ่าย
    assert canonical_agency_type("วิทยาลัยเทคนิค") == "สถานศึกษา"
    assert units.guess_agency_type("วิทยาลัยเทคนิคกาญจนบุรี") == "สถานศึกษา"


# --- drafting -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("agency_type", OTHER_TYPES)
@pytest.mark.parametrize("detail", ["concise", "full"])
def test_drafts_use_the_types_own_units_and_words(agency_type, detail):
    agency = OTHER_AGENCIES[agency_type]
    plan = plan_json(weak_result(agency, agency_type), detail)
    assert plan["measures"]
    kind = load_units().agency_types[agency_type]
    terms = terms_for(agency, agency_type)
    own = set(kind.roles.values()) | {terms.executive, terms.chief_officer}
    assert plan_units(plan) <= own, plan_units(plan) - own
    text = json.dumps(plan, ensure_ascii=False)
    assert not local_words_in(text, agency), local_words_in(text, agency)
    assert terms.executive in text


@pytest.mark.parametrize("name", sorted(EXAMPLE_FILES))
def test_cli_analyze_and_plan_each_example(capsys, name):
    agency_type, executive = EXAMPLE_FILES[name]
    path = str(AGENCY_EXAMPLES / name)
    code, out, err = cli(capsys, "analyze", path, "--json")
    assert code == 0, err
    analysis = json.loads(out)
    assert analysis["agency_type"] == agency_type
    for detail in ("concise", "full"):
        code, out, err = cli(capsys, "plan", path, "--json", "--detail", detail)
        assert code == 0, err
        plan = json.loads(out)
        assert plan["agency_type"] == agency_type and plan["measures"]
        results = read_results(Path(path))
        own = set(load_units().agency_types[agency_type].roles.values())
        own |= {terms_for(results.agency, agency_type).executive, terms_for(results.agency, agency_type).chief_officer}
        assert plan_units(plan) <= own, plan_units(plan) - own
        text = json.dumps(plan, ensure_ascii=False)
        assert executive in text
        if agency_type in LOCAL_TYPES:
            assert "ข้อบัญญัติ" not in text  # a เทศบาล enacts เทศบัญญัติ
            if detail == "full":
                assert "เทศบัญญัติ" in text
        else:
            assert not local_words_in(text, results.agency), local_words_in(text, results.agency)
            assert not {"กองช่าง", "สำนักปลัด"} & plan_units(plan)


def test_every_weakness_of_the_examples_is_answered():
    for name in EXAMPLE_FILES:
        results = read_results(AGENCY_EXAMPLES / name)
        analysis = analyse(results, get_framework)
        plan = draft_plan(results, analysis, today=TODAY)
        indicators = {n for m in plan.measures for n in m.addresses_indicators}
        items = {c for m in plan.measures for c in m.addresses_items}
        assert set(analysis.weaknesses) <= indicators, name
        assert {i.code for i in analysis.failed_oit_items} <= items, name


def province_plan_document(tmp_path: Path, capsys) -> str:
    import docx

    out = tmp_path / "plan.docx"
    code, _, err = cli(capsys, "report", str(AGENCY_EXAMPLES / "kanchanaburi-province-2567.yaml"), "--kind", "plan",
                       "--format", "docx", "-o", str(out))
    assert code == 0, err
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n" + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return text.replace("\u200b", "")


# The documents' own wording (documents/data/recommendations.yaml) is written for every agency.
DOCUMENT_WORDING: set[str] = set()


def test_a_province_plan_document(tmp_path, capsys):
    text = province_plan_document(tmp_path, capsys)
    assert "ผู้ว่าราชการจังหวัดกาญจนบุรี" in text
    assert "ศูนย์ดำรงธรรมจังหวัด" in text and "สำนักงานจังหวัด (กลุ่มงาน" in text
    found = set(local_words_in(text, "สำนักงานจังหวัดกาญจนบุรี"))
    assert found <= DOCUMENT_WORDING, found


def test_a_province_plan_document_says_nothing_of_local_government(tmp_path, capsys):
    text = province_plan_document(tmp_path, capsys)
    assert not local_words_in(text, "สำนักงานจังหวัดกาญจนบุรี")
