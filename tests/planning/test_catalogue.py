"""The measure catalogue and the units book: they load, every reference exists in its year,
every indicator and OIT item has a measure, every role resolves, and bad input is refused with
a message that names the file, the measure and the bad value."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from prongsai.ita.library import available_years, get_framework
from prongsai.planning.catalogue import (
    KEEP_STANDARD_THEME,
    CatalogueError,
    canonical_agency_type,
    load_catalogue,
    load_units,
    parse_catalogue,
    parse_units,
    placeholders,
    render_text,
    resolve_unit,
    validate_against_frameworks,
)

OIT_2564 = [f"O{n}" for n in range(1, 44)]
OIT_2566 = [f"O{n}" for n in range(1, 44)]
IIT_2564 = [f"I{n}" for n in range(1, 31)]
EIT_2564 = [f"E{n}" for n in range(1, 16)]
AGENCY_TYPES = ["อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "อบจ."]

# Words that stay in Latin script in Thai government documents.
LATIN_ALLOWED = ["E-Service", "No Gift Policy", "Dos & Don'ts", "LINE Official Account", "Facebook",
                 "Google Form", "QR Code", "Q&A", "OTP", "OIT", "ITA", "e-GP", "LINE"]


def raw(name: str) -> dict:
    text = resources.files("prongsai.planning").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def units():
    return load_units()


@pytest.fixture()
def data():
    return copy.deepcopy(raw("measures.yaml"))


def measure_data(data: dict, measure_id: str) -> dict:
    return next(m for m in data["measures"] if m["id"] == measure_id)


def addressed(catalogue, year: int, *, keep_standard: bool = False) -> tuple[set[int], set[str]]:
    inds: set[int] = set()
    items: set[str] = set()
    for m in catalogue.measures:
        if m.keeps_standard and not keep_standard:
            continue
        inds |= m.indicators_for(year)
        items |= m.items_for(year)
    return inds, items


def framework_or_skip(year: int):
    try:
        return get_framework(year)
    except KeyError:
        pytest.skip(f"the framework library has no FY{year} yet")


# --- the files load ---------------------------------------------------------------------------


def test_files_validate(catalogue, units):
    assert catalogue.id == "prongsai-measures" and catalogue.locale == "th"
    assert 25 <= len(catalogue.measures) <= 40
    assert 8 <= len(catalogue.themes) <= 13
    assert set(AGENCY_TYPES) <= set(units.agency_types)  # local government, and every other NACC group


def test_loaders_are_cached(catalogue, units):
    assert load_catalogue() is catalogue
    assert load_units() is units


def test_models_are_frozen(catalogue):
    with pytest.raises(ValidationError):
        catalogue.measures[0].title = "อื่น"


def test_ids_are_unique_and_kebab_case(catalogue):
    ids = [m.id for m in catalogue.measures]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_theme_is_declared_used_and_titled(catalogue):
    used = {m.theme for m in catalogue.measures}
    assert used == set(catalogue.themes)
    for theme in catalogue.themes.values():
        assert theme.title


def test_every_role_used_is_defined(catalogue, units):
    assert catalogue.roles <= set(units.roles)
    for m in catalogue.measures:
        assert m.responsible in units.roles
        assert set(m.supporting) <= set(units.roles)


def test_timings_are_fiscal_months(catalogue):
    for m in catalogue.measures:
        assert 1 <= m.timing.from_month <= m.timing.to_month <= 12, m.id
        assert m.timing.frequency in ("once", "monthly", "quarterly", "semiannual", "all_year")


def test_steps_are_ordered_lists_of_three_to_seven(catalogue):
    for m in catalogue.measures:
        assert 3 <= len(m.steps) <= 7, m.id
        assert len(set(m.steps)) == len(m.steps), m.id


def test_each_year_is_in_one_group_only(catalogue):
    for m in catalogue.measures:
        for groups in (m.addresses, m.oit_items):
            years = [y for g in groups for y in g.years]
            assert len(years) == len(set(years)), m.id


# --- references exist in their year -----------------------------------------------------------


@pytest.mark.parametrize("year", range(2563, 2570))
def test_every_reference_exists_in_its_year(catalogue, year):
    if year not in catalogue.years:
        pytest.skip(f"the catalogue does not refer to FY{year}")
    framework_or_skip(year)

    def only_this_year(y: int):
        if y != year:
            raise KeyError(y)
        return get_framework(y)

    checked = validate_against_frameworks(catalogue, only_this_year, skip_missing_years=True)
    assert checked == (year,)


def test_whole_catalogue_against_the_library(catalogue):
    years = set(available_years())
    if not years:
        pytest.skip("the framework library is empty")
    checked = validate_against_frameworks(catalogue, get_framework, skip_missing_years=True)
    assert set(checked) == years & set(catalogue.years)


# --- coverage ----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2563, 2564, 2565, 2566, 2567, 2568, 2569])
def test_every_indicator_has_a_measure(catalogue, year):
    inds, _ = addressed(catalogue, year)
    assert set(range(1, 11)) <= inds, f"FY{year}: no measure for indicators {set(range(1, 11)) - inds}"


@pytest.mark.parametrize("year", [2564, 2566, 2567])
def test_every_oit_item_has_a_publishing_measure(catalogue, year):
    _, items = addressed(catalogue, year)
    expected = OIT_2564 if year == 2564 else OIT_2566
    assert not set(expected) - items, f"FY{year}: no measure for {sorted(set(expected) - items)}"
    served = set().union(*(m.oit_items_for(year) for m in catalogue.measures))
    assert set(expected) <= served


def test_every_iit_and_eit_item_of_2564_has_a_measure(catalogue):
    _, items = addressed(catalogue, 2564)
    assert set(IIT_2564) <= items
    assert set(EIT_2564) <= items


@pytest.mark.parametrize("year", [2563, 2565, 2566, 2567, 2568, 2569])
def test_every_named_item_of_the_library_has_a_measure(catalogue, year):
    fw = framework_or_skip(year)
    _, items = addressed(catalogue, year)
    named = {i.code for i in fw.items if i.name or i.text or i.instrument != "OIT"}
    assert not named - items, f"FY{year}: no measure for {sorted(named - items)}"


def test_iit_items_only_call_for_measures_of_their_own_indicator(catalogue):
    fw = framework_or_skip(2566)  # IIT texts are unknown after 2564: the indicator is all we know
    for m in catalogue.measures:
        for code in m.items_for(2566):
            item = fw.item_by_code[code]
            if item.instrument == "IIT":
                assert item.indicator in m.indicators_for(2566), (m.id, code)


def test_oit_items_in_addresses_are_served_by_the_evidence(catalogue):
    for m in catalogue.measures:
        for year in m.years:
            oit = {c for c in m.items_for(year) if c.startswith("O")}
            assert oit <= m.oit_items_for(year), (m.id, year)


def test_keep_standard_measures_address_every_indicator(catalogue):
    keep = catalogue.keep_standard()
    assert 1 <= len(keep) <= 3
    assert all(m.theme == KEEP_STANDARD_THEME for m in keep)
    for m in keep:
        for year in range(2563, 2570):
            assert m.indicators_for(year) == frozenset(range(1, 11)), (m.id, year)
    assert not any(m.keeps_standard for m in catalogue.matching(2564, range(1, 11)))


def test_matching_finds_the_measures_for_a_weakness(catalogue):
    ids = {m.id for m in catalogue.matching(2564, items=["I7"])}
    assert "budget-plan-awareness" in ids
    ids = {m.id for m in catalogue.matching(2565, items=["O12"])}
    assert ids == {"annual-performance-report"}
    ids = {m.id for m in catalogue.matching(2566, items=["O31"])}
    assert ids == {"no-gift-policy"}
    assert catalogue.matching(2564, indicators=[], items=[]) == ()


# --- the content is a plan an officer can sign ---------------------------------------------------


def texts(m):
    return [text for _, text in m.texts()] + [m.purpose]


def test_texts_are_thai_with_arabic_digits(catalogue):
    for m in catalogue.measures:
        for text in texts(m):
            latin = _strip_allowed(placeholder_free(text))
            assert not re.search(r"[A-Za-z]", latin), (m.id, text)
            assert not re.search(r"[๐-๙]", text), (m.id, text)
            assert re.search(r"[ก-๛]", text), (m.id, text)


def placeholder_free(text: str) -> str:
    return re.sub(r"\{(?:unit|term):[a-z_]+\}", "", text)


def _strip_allowed(text: str) -> str:
    for word in LATIN_ALLOWED:
        text = text.replace(word, "")
    return text


def test_follow_up_reports_at_six_months_and_year_end(catalogue):
    for m in catalogue.measures:
        assert "มีนาคม" in m.follow_up, m.id
        assert "กันยายน" in m.follow_up, m.id
        assert "{unit:" in m.follow_up, m.id


def test_publishing_measures_say_where_and_who_puts_it_on_the_website(catalogue):
    for m in catalogue.measures:
        if not m.oit_items:
            continue
        assert any("เว็บไซต์" in s for s in m.steps), m.id
        assert any("เว็บไซต์" in e for e in m.evidence), m.id
        assert "it" in m.roles or any("เว็บไซต์" in s and "{unit:" in s for s in m.steps), m.id


def test_annual_reports_keep_the_problems_component(catalogue):
    # Seed 003 lost O12 and O20 because the annual reports had no "ปัญหา อุปสรรค และข้อเสนอแนะ".
    for year, codes in ((2564, {"O12", "O20", "O24", "O28", "O41"}), (2566, {"O13", "O22", "O26", "O38"})):
        for code in codes:
            serving = [m for m in catalogue.measures if code in m.oit_items_for(year)]
            assert serving, (year, code)
            assert any("ปัญหา อุปสรรค" in s for m in serving for s in m.steps), (year, code)


def test_monthly_procurement_summary_says_when_there_is_none(catalogue):
    m = catalogue.measure("procurement-disclosure")
    assert any("ไม่มีการจัดซื้อจัดจ้าง" in s for s in m.steps)


def test_every_step_is_concrete(catalogue):
    for m in catalogue.measures:
        for step in m.steps:
            assert len(step) >= 25, (m.id, step)


# --- units --------------------------------------------------------------------------------------


@pytest.mark.parametrize("agency_type", AGENCY_TYPES)
def test_every_role_resolves_for_every_agency_type(units, agency_type):
    for role in units.roles:
        name = resolve_unit(role, agency_type)
        assert name and "{" not in name


def test_units_named_by_roles_are_units_of_the_type(units):
    for key, kind in units.agency_types.items():
        for role, name in kind.roles.items():
            if role in ("executive", "chief_officer", "all"):
                continue
            assert any(name.startswith(u) for u in kind.units), (key, role, name)


def test_real_unit_names(units):
    assert resolve_unit("finance", "อบต.") == "กองคลัง"
    assert resolve_unit("admin", "เทศบาลตำบล") == "สำนักปลัดเทศบาล"
    assert resolve_unit("personnel", "เทศบาลเมือง") == "กองการเจ้าหน้าที่"
    assert resolve_unit("personnel", "อบต.") == "สำนักปลัด (งานการเจ้าหน้าที่)"
    assert resolve_unit("planning", "เทศบาลนคร") == "กองยุทธศาสตร์และงบประมาณ"
    assert resolve_unit("audit", "อบจ.") == "หน่วยตรวจสอบภายใน"
    assert resolve_unit("executive", "อบต.") == "นายกองค์การบริหารส่วนตำบล"


@pytest.mark.parametrize(("name", "expected"), [
    ("อบต.", "อบต."), ("องค์การบริหารส่วนตำบล", "อบต."), ("อบต", "อบต."), ("ทต.", "เทศบาลตำบล"),
    (" ทม. ", "เทศบาลเมือง"), ("ทน.", "เทศบาลนคร"), ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("องค์การบริหารส่วนตำบลลาดหญ้า", "อบต."), ("เทศบาลเมืองสุพรรณบุรี", "เทศบาลเมือง"),
])
def test_agency_type_aliases(name, expected):
    assert canonical_agency_type(name) == expected


def test_guess_agency_type_from_a_name(units):
    assert units.guess_agency_type("อบต.สว่าง") == "อบต."
    assert units.guess_agency_type("เทศบาลนครขอนแก่น") == "เทศบาลนคร"
    assert units.guess_agency_type("กรมบัญชีกลาง") is None


def test_unknown_agency_type_is_refused():
    with pytest.raises(ValueError, match="ไม่รู้จักประเภทหน่วยงาน 'กรมบัญชีกลาง'"):
        resolve_unit("finance", "กรมบัญชีกลาง")


def test_overrides_win_over_the_book():
    assert resolve_unit("finance", "อบต.", {"finance": "กองคลังและพัสดุ"}) == "กองคลังและพัสดุ"
    assert resolve_unit("works", "อบต.", {"finance": "กองคลังและพัสดุ"}) == "กองช่าง"


def test_unknown_role_in_overrides_is_refused():
    with pytest.raises(ValueError, match="treasury"):
        resolve_unit("finance", "อบต.", {"treasury": "กองคลัง"})


def test_without_agency_type_the_generic_name_is_used(units):
    assert resolve_unit("finance") == units.roles["finance"].name


def test_render_text():
    text = "{unit:finance}รายงานต่อ{unit:executive}ภายในเดือนมีนาคม"
    assert render_text(text, "ทต.") == "กองคลังรายงานต่อนายกเทศมนตรีตำบลภายในเดือนมีนาคม"
    assert render_text(text, "อบต.", {"executive": "นายก อบต.ลาดหญ้า"}) == \
        "กองคลังรายงานต่อนายก อบต.ลาดหญ้าภายในเดือนมีนาคม"
    assert render_text("ไม่มีตัวแทน", "อบต.") == "ไม่มีตัวแทน"


def test_render_text_keeps_a_space_after_a_bracketed_unit():
    assert render_text("{unit:it}เผยแพร่บนเว็บไซต์", "อบต.") == "สำนักปลัด (ผู้ดูแลเว็บไซต์) เผยแพร่บนเว็บไซต์"
    assert render_text("ส่งให้{unit:it} ภายใน 3 วัน", "อบต.") == "ส่งให้สำนักปลัด (ผู้ดูแลเว็บไซต์) ภายใน 3 วัน"
    assert render_text("ส่งให้{unit:it}", "อบต.") == "ส่งให้สำนักปลัด (ผู้ดูแลเว็บไซต์)"


def test_render_text_refuses_unknown_or_malformed_placeholders():
    with pytest.raises(ValueError, match="treasury"):
        render_text("{unit:treasury}ดำเนินการ", "อบต.")
    with pytest.raises(ValueError, match="วงเล็บปีกกา"):
        placeholders("{unit:finance ดำเนินการ")


def test_every_measure_renders_for_every_agency_type(catalogue):
    for agency_type in AGENCY_TYPES:
        for m in catalogue.measures:
            for text in texts(m):
                assert "{" not in render_text(text, agency_type)


def test_units_book_must_give_every_role_for_every_type():
    data = raw("units.yaml")
    del data["agency_types"]["เทศบาลนคร"]["roles"]["audit"]
    with pytest.raises(ValueError, match=r"units\.yaml.*เทศบาลนคร.*audit"):
        parse_units(data)


def test_units_book_refuses_an_alias_to_nowhere():
    data = raw("units.yaml")
    data["aliases"]["สข."] = "สุขาภิบาล"
    with pytest.raises(ValueError, match="สุขาภิบาล"):
        parse_units(data)


# --- bad input ----------------------------------------------------------------------------------


def test_unknown_role_is_refused(data):
    measure_data(data, "e-service")["responsible"] = "treasury"
    with pytest.raises(ValueError) as err:
        parse_catalogue(data)
    message = str(err.value)
    assert "measures.yaml" in message and "e-service" in message and "treasury" in message


def test_unknown_role_in_a_placeholder_is_refused(data):
    measure_data(data, "work-manuals")["steps"][0] = "{unit:treasury}จัดทำรายการกระบวนงานของหน่วยงาน"
    with pytest.raises(ValueError, match=r"measures\.yaml: มาตรการ work-manuals: steps\[1\].*treasury"):
        parse_catalogue(data)


def test_malformed_placeholder_is_refused(data):
    measure_data(data, "work-manuals")["follow_up"] = "{unit:Finance}รายงานภายในเดือนมีนาคมและกันยายน"
    with pytest.raises(ValueError, match=r"มาตรการ work-manuals.*\{unit:Finance\}"):
        parse_catalogue(data)


def test_item_that_does_not_exist_in_that_year_is_refused(catalogue, data):
    framework_or_skip(2566)
    m = measure_data(data, "privacy-policy")
    m["addresses"][0]["items"].append("O44")
    m["oit_items"][0]["items"].append("O44")
    bad = parse_catalogue(data)
    with pytest.raises(ValueError) as err:
        validate_against_frameworks(bad, get_framework)
    message = str(err.value)
    assert "measures.yaml" in message and "privacy-policy" in message and "O44" in message
    assert "2566" in message


def test_indicator_that_does_not_exist_is_refused(data):
    measure_data(data, "e-service")["addresses"][0]["indicators"].append(11)
    bad = parse_catalogue(data)
    with pytest.raises(ValueError, match="มาตรการ e-service.*ตัวชี้วัดที่ 11"):
        validate_against_frameworks(bad, FakeLibrary())


def test_year_missing_from_the_library_is_an_error_unless_skipped(catalogue):
    library = FakeLibrary(years={2564})
    with pytest.raises(ValueError, match="ไม่มีในคลังกรอบการประเมิน"):
        validate_against_frameworks(catalogue, library)
    assert validate_against_frameworks(catalogue, library, skip_missing_years=True) == (2564,)


def test_unknown_field_is_refused(data):
    measure_data(data, "asset-oversight")["owner"] = "กองคลัง"
    with pytest.raises(ValueError) as err:
        parse_catalogue(data)
    message = str(err.value)
    assert "measures.yaml" in message and "asset-oversight" in message and "owner" in message
    assert "ไม่รู้จัก" in message


def test_unknown_top_level_field_is_refused(data):
    data["author"] = "someone"
    with pytest.raises(ValueError, match="author"):
        parse_catalogue(data)


def test_duplicate_id_is_refused(data):
    data["measures"][1]["id"] = data["measures"][0]["id"]
    with pytest.raises(ValueError, match=data["measures"][0]["id"]):
        parse_catalogue(data)


@pytest.mark.parametrize(("timing", "message"), [
    ({"from_month": 0, "to_month": 3, "frequency": "once"}, "from_month"),
    ({"from_month": 1, "to_month": 13, "frequency": "once"}, "to_month"),
    ({"from_month": 9, "to_month": 3, "frequency": "once"}, "เดือนเริ่ม"),
    ({"from_month": 1, "to_month": 3, "frequency": "weekly"}, "weekly"),
])
def test_timing_outside_the_fiscal_year_is_refused(data, timing, message):
    measure_data(data, "e-service")["timing"] = timing
    with pytest.raises(ValueError, match=f"e-service.*{message}"):
        parse_catalogue(data)


def test_too_few_steps_is_refused(data):
    measure_data(data, "e-service")["steps"] = ["{unit:it}เปิดระบบรับคำขอออนไลน์สำหรับงานบริการ"]
    with pytest.raises(ValueError, match="e-service.*steps"):
        parse_catalogue(data)


def test_a_year_in_two_groups_is_refused(data):
    m = measure_data(data, "work-manuals")
    m["addresses"].append({"years": [2564], "items": ["I2"]})
    with pytest.raises(ValueError, match="work-manuals.*2564"):
        parse_catalogue(data)


def test_oit_item_without_evidence_is_refused(data):
    m = measure_data(data, "work-manuals")
    m["addresses"][0]["items"].append("O20")
    with pytest.raises(ValueError, match="work-manuals.*O20.*oit_items"):
        parse_catalogue(data)


def test_undeclared_theme_is_refused(data):
    measure_data(data, "e-service")["theme"] = "digital"
    with pytest.raises(ValueError, match="e-service.*digital"):
        parse_catalogue(data)


def test_yaml_text_errors_name_the_file():
    with pytest.raises(CatalogueError, match=r"measures\.yaml"):
        parse_catalogue("measures: [unclosed")
    with pytest.raises(CatalogueError, match=r"measures\.yaml"):
        parse_catalogue("- just\n- a list\n")


# --- a small stand-in for the library, for checks that must not depend on its contents ---------


@dataclass
class FakeFramework:
    indicator_numbers: set[int] = field(default_factory=lambda: set(range(1, 11)))
    item_codes: set[str] = field(default_factory=lambda: {*IIT_2564, *EIT_2564, *OIT_2564})


@dataclass
class FakeLibrary:
    years: set[int] = field(default_factory=lambda: set(range(2563, 2570)))

    def __call__(self, year: int) -> FakeFramework:
        if year not in self.years:
            raise KeyError(year)
        return FakeFramework()


# --- plan groups (the concise draft) ---------------------------------------------------------------


def test_groups_gather_every_theme_into_at_most_eight_measures(catalogue):
    grouped = [t for g in catalogue.groups.values() for t in g.themes]
    assert sorted(grouped) == sorted(catalogue.themes)
    working = [g for g in catalogue.groups.values() if KEEP_STANDARD_THEME not in g.themes]
    assert len(working) <= 8
    assert catalogue.group_of("communication") == catalogue.group_of("website-open-data")
    assert catalogue.group_of("anti-corruption") == catalogue.group_of("ethics-no-gift")
    assert catalogue.group_of("performance-reporting") == catalogue.group_of("ita-measures")


def test_every_template_has_a_short_step_in_its_group(catalogue):
    for key, group in catalogue.groups.items():
        members = {m.id for m in catalogue.measures if m.theme in group.themes}
        assert members == {i for s in group.steps for i in s.for_}, key
        assert 1 <= len(group.steps) <= 6


def test_short_steps_are_one_line_of_official_thai(catalogue):
    for key, group in catalogue.groups.items():
        for _, text in group.texts():
            latin = _strip_allowed(placeholder_free(text))
            assert not re.search(r"[A-Za-z]", latin), (key, text)
            assert not re.search(r"[๐-๙]", text), (key, text)
        for text in [s.text for s in group.steps] + [group.closing]:
            for agency_type in AGENCY_TYPES:
                rendered = render_text(text, agency_type, agency="ทดสอบ")
                assert len(rendered) <= 150 and "\n" not in rendered, (key, rendered)
        assert "เมษายน" in group.follow_up and "ตุลาคม" in group.follow_up, key


def test_a_step_for_a_template_outside_the_group_is_refused(data):
    data["groups"]["assets"]["steps"][0]["for"].append("e-service")
    with pytest.raises(ValueError, match=r"กลุ่ม assets.*e-service"):
        parse_catalogue(data)


def test_a_template_without_a_short_step_is_refused(data):
    data["groups"]["assets"]["steps"] = data["groups"]["assets"]["steps"][:1]
    with pytest.raises(ValueError, match=r"กลุ่ม assets.*asset-oversight"):
        parse_catalogue(data)


def test_a_long_short_step_is_refused(data):
    data["groups"]["assets"]["steps"][0]["text"] = "จัดทำ" * 30
    with pytest.raises(ValueError, match="ยาวเกิน 120"):
        parse_catalogue(data)


def test_a_theme_outside_every_group_is_refused(data):
    data["groups"]["assets"]["themes"] = []
    data["groups"]["authority-hr"]["themes"].append("assets")
    data["groups"]["authority-hr"]["steps"].extend(data["groups"]["assets"]["steps"])
    del data["groups"]["assets"]
    parse_catalogue(data)  # moving a theme to another group is fine
    data["groups"]["authority-hr"]["themes"].remove("assets")
    with pytest.raises(ValueError, match="assets"):
        parse_catalogue(data)


def test_terms_in_texts_follow_the_agency_type():
    text = "ชี้แจง{term:budget_law}ต่อ{unit:executive}"
    assert render_text(text, "ทต.", agency="เทศบาลตำบลบางพระ") == \
        "ชี้แจงเทศบัญญัติงบประมาณรายจ่ายประจำปีต่อนายกเทศมนตรีตำบลบางพระ"
    assert render_text(text, "อบต.", agency="องค์การบริหารส่วนตำบลลาดหญ้า") == \
        "ชี้แจงข้อบัญญัติงบประมาณรายจ่ายประจำปีต่อนายกองค์การบริหารส่วนตำบลลาดหญ้า"
    with pytest.raises(ValueError, match="คำเฉพาะ"):
        placeholders("ตาม{term:bylaw}")


def test_no_municipality_text_says_khobanyat(catalogue):
    for agency_type in ("เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร"):
        for m in catalogue.measures:
            for text in texts(m):
                assert "ข้อบัญญัติ" not in render_text(text, agency_type, agency="ทดสอบ"), (m.id, text)
        for group in catalogue.groups.values():
            for _, text in group.texts():
                assert "ข้อบัญญัติ" not in render_text(text, agency_type, agency="ทดสอบ")
