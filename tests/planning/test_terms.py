"""The terms book: each agency type's own law, budget act, titles with the place name, council,
short name and staff; anything else gets generic wording."""

from __future__ import annotations

import copy
from dataclasses import fields
from importlib import resources

import pytest
import yaml

from prongsai.planning.terms import Terms, load_terms, parse_terms, terms_for


def raw() -> dict:
    text = resources.files("prongsai.planning").joinpath("data", "terms.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def test_the_dataclass_has_exactly_the_agreed_fields():
    assert [f.name for f in fields(Terms)] == ["local_law", "budget_law", "executive", "chief_officer",
                                                "council", "short_name", "staff"]


@pytest.mark.parametrize(("agency", "agency_type", "expected"), [
    ("เทศบาลตำบลบางพระ", "เทศบาลตำบล", Terms(
        "เทศบัญญัติ", "เทศบัญญัติงบประมาณรายจ่ายประจำปี", "นายกเทศมนตรีตำบลบางพระ", "ปลัดเทศบาลตำบลบางพระ",
        "สภาเทศบาลตำบลบางพระ", "ทต.บางพระ", "พนักงานเทศบาล")),
    ("องค์การบริหารส่วนตำบลลาดหญ้า", "อบต.", Terms(
        "ข้อบัญญัติ", "ข้อบัญญัติงบประมาณรายจ่ายประจำปี", "นายกองค์การบริหารส่วนตำบลลาดหญ้า",
        "ปลัดองค์การบริหารส่วนตำบลลาดหญ้า", "สภาองค์การบริหารส่วนตำบลลาดหญ้า", "อบต.ลาดหญ้า", "พนักงานส่วนตำบล")),
])
def test_terms_of_a_municipality_and_a_tambon(agency, agency_type, expected):
    assert terms_for(agency, agency_type) == expected


@pytest.mark.parametrize(("agency", "agency_type", "executive", "short", "law", "staff"), [
    ("ทต.บางพระ", "ทต.", "นายกเทศมนตรีตำบลบางพระ", "ทต.บางพระ", "เทศบัญญัติ", "พนักงานเทศบาล"),
    ("บางพระ", "เทศบาลตำบล", "นายกเทศมนตรีตำบลบางพระ", "ทต.บางพระ", "เทศบัญญัติ", "พนักงานเทศบาล"),
    ("เทศบาลเมืองสุพรรณบุรี", None, "นายกเทศมนตรีเมืองสุพรรณบุรี", "ทม.สุพรรณบุรี", "เทศบัญญัติ", "พนักงานเทศบาล"),
    ("เทศบาลนครขอนแก่น จังหวัดขอนแก่น", "ทน.", "นายกเทศมนตรีนครขอนแก่น", "ทน.ขอนแก่น", "เทศบัญญัติ",
     "พนักงานเทศบาล"),
    ("องค์การบริหารส่วนจังหวัดชลบุรี", "อบจ", "นายกองค์การบริหารส่วนจังหวัดชลบุรี", "อบจ.ชลบุรี", "ข้อบัญญัติ",
     "พนักงานส่วนจังหวัด"),
    ("อบต.ลาดหญ้า อำเภอเมืองกาญจนบุรี", "องค์การบริหารส่วนตำบล", "นายกองค์การบริหารส่วนตำบลลาดหญ้า", "อบต.ลาดหญ้า",
     "ข้อบัญญัติ", "พนักงานส่วนตำบล"),
    ("กรุงเทพมหานคร", "กทม.", "ผู้ว่าราชการกรุงเทพมหานคร", "กทม.", "ข้อบัญญัติกรุงเทพมหานคร",
     "ข้าราชการกรุงเทพมหานคร"),
    ("เมืองพัทยา", None, "นายกเมืองพัทยา", "เมืองพัทยา", "ข้อบัญญัติเมืองพัทยา", "พนักงานเมืองพัทยา"),
])
def test_types_aliases_and_place_names(agency, agency_type, executive, short, law, staff):
    terms = terms_for(agency, agency_type)
    assert (terms.executive, terms.short_name, terms.local_law, terms.staff) == (executive, short, law, staff)


def test_a_municipality_never_gets_khobanyat():
    for kind in ("เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร"):
        terms = terms_for("เทศบาล" + kind.removeprefix("เทศบาล") + "ทดสอบ", kind)
        assert all("ข้อบัญญัติ" not in getattr(terms, f.name) for f in fields(Terms))
        assert terms.executive.endswith("ทดสอบ") and terms.chief_officer.endswith("ทดสอบ")


def test_other_agencies_get_generic_terms():
    terms = terms_for("กรมบัญชีกลาง", None)
    assert terms.executive == "หัวหน้าส่วนราชการ"
    assert terms.local_law == "ระเบียบ" and terms.budget_law == "แผนการใช้จ่ายงบประมาณประจำปี"
    assert terms.staff == "บุคลากร" and terms.short_name == "กรมบัญชีกลาง"
    assert terms_for("สำนักงานเขตพื้นที่", "ส่วนราชการ").executive == "หัวหน้าส่วนราชการ"


def test_the_book_loads_once_and_covers_the_units_types():
    from prongsai.planning.catalogue import load_units

    book = load_terms()
    assert load_terms() is book
    assert set(load_units().agency_types) <= set(book.types)


def test_a_title_without_the_place_is_refused():
    data = copy.deepcopy(raw())
    data["types"]["เทศบาลตำบล"]["executive"] = "นายกเทศมนตรีตำบล"
    with pytest.raises(ValueError, match=r"terms\.yaml.*executive"):
        parse_terms(data)


def test_unknown_field_or_slot_is_refused():
    data = copy.deepcopy(raw())
    data["types"]["อบต."]["mayor"] = "นายก"
    with pytest.raises(ValueError, match="terms.yaml"):
        parse_terms(data)
    data = copy.deepcopy(raw())
    data["generic"]["council"] = "สภา{province}"
    with pytest.raises(ValueError, match="province"):
        parse_terms(data)


def test_deputies_of_other_agencies_are_the_ones_assigned():
    # an agency other than local government has several deputies; a local government one ปลัด
    assert terms_for("จังหวัดกาญจนบุรี", "จังหวัด").chief_officer == "รองผู้ว่าราชการจังหวัดกาญจนบุรีที่ได้รับมอบหมาย"
    assert terms_for("มหาวิทยาลัยราชภัฏกาญจนบุรี", None).chief_officer == \
        "รองอธิการบดีมหาวิทยาลัยราชภัฏกาญจนบุรีที่ได้รับมอบหมาย"
    assert terms_for("กรมบัญชีกลาง", None).chief_officer == "รองหัวหน้าส่วนราชการที่ได้รับมอบหมาย"
    assert terms_for("เทศบาลตำบลบางพระ", None).chief_officer == "ปลัดเทศบาลตำบลบางพระ"


def test_a_school_is_not_a_college():
    school = terms_for("โรงเรียนบ้านหนองบัว", None)
    assert school.executive == "ผู้อำนวยการโรงเรียนบ้านหนองบัว"
    assert school.council == "คณะกรรมการสถานศึกษาขั้นพื้นฐานโรงเรียนบ้านหนองบัว"
    college = terms_for("วิทยาลัยเทคนิคกาญจนบุรี", None)
    assert college.council == "คณะกรรมการบริหารวิทยาลัยเทคนิคกาญจนบุรี"
    assert college.word("development_plan") == "แผนพัฒนาสถานศึกษา"
    assert school.word("development_plan") == "แผนพัฒนาคุณภาพการศึกษาของสถานศึกษา"


def test_a_phrase_names_other_phrases_in_the_agencys_own_wording():
    assert terms_for("การประปาส่วนภูมิภาค", "รัฐวิสาหกิจ").word("each_unit") == "แต่ละฝ่าย"
    assert terms_for("การประปาส่วนภูมิภาค", "รัฐวิสาหกิจ").word("all_unit_heads") == "ผู้อำนวยการฝ่าย"
    assert terms_for("องค์การบริหารส่วนตำบลลาดหญ้า", "อบต.").word("each_unit") == "แต่ละกอง/สำนัก"


def test_a_phrase_naming_an_unknown_phrase_or_role_is_refused():
    data = copy.deepcopy(raw())
    data["phrases"]["each_unit"]["other"] = "แต่ละ{term:division}"
    with pytest.raises(ValueError, match="each_unit"):
        parse_terms(data)
    data = copy.deepcopy(raw())
    data["phrases"]["every_unit"]["other"] = "{unit:everyone}"
    with pytest.raises(ValueError, match="everyone"):
        parse_terms(data)
