"""The many-agency results table (prongsai.results_table): good files, refused rows with their
row numbers, and the problems that refuse the whole file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.errors import InputError
from prongsai.results_table import (
    LIMITS_TABLE,
    TEMPLATE_EXAMPLE_NAME,
    TEMPLATE_HEADER,
    parse_table,
    read_table,
    template_example,
    write_rows,
    write_template,
)

HEADER = ["ชื่อหน่วยงาน", "ประเภทหน่วยงาน", "จังหวัด", "อำเภอ", "ปีงบประมาณ", *(f"ตัวชี้วัดที่ {n}" for n in range(1, 11))]
SCORES = [93.57, 84.05, 89.76, 84.87, 87.64, 80.93, 84.6, 81.0, 84.06, 37.5]


def good_row(name: str = "องค์การบริหารส่วนตำบลลาดหญ้า", year: object = 2564, province: str = "กาญจนบุรี",
             agency_type: str = "อบต.", scores: list[object] | None = None) -> list[object]:
    return [name, agency_type, province, "เมืองกาญจนบุรี", year, *(scores or SCORES)]


def rows_of(header: list[object], *rows: list[object]) -> list[tuple[int, list[object]]]:
    return [(n, list(r)) for n, r in enumerate([header, *rows], start=1)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_good_table_reads_every_row(tmp_path, suffix):
    path = write_rows(tmp_path / f"t{suffix}", HEADER, [
        good_row(),
        good_row(year=2565),
        good_row("เทศบาลตำบลบางพระ", 2565, "จังหวัดชลบุรี", "ทต."),
        good_row("อบต.หนองบัว", "๒๕๖๖", "ชลบุรี", "", ["๙๓.๕๗", *SCORES[1:]]),
    ])
    table = read_table(path)
    assert table.refused == []
    assert [r.row for r in table.rows] == [2, 3, 4, 5]
    first = table.rows[0]
    assert (first.agency, first.province, first.district, first.agency_type) == (
        "องค์การบริหารส่วนตำบลลาดหญ้า", "กาญจนบุรี", "เมืองกาญจนบุรี", "อบต.")
    assert first.year.fiscal_year == 2564 and first.year.indicators == dict(enumerate(SCORES, start=1))
    assert table.rows[2].agency_type == "เทศบาลตำบล" and table.rows[2].province == "ชลบุรี"  # alias, "จังหวัด" dropped
    assert table.rows[3].agency_type == "อบต." and table.rows[3].year.fiscal_year == 2566  # type read from the name
    assert table.rows[3].year.indicators[1] == 93.57


def test_english_keys_instruments_items_reasons_total_and_level():
    header = ["agency", "province", "fiscal_year", "IIT", "EIT", "oit", "O12", "O12 เหตุผล", "total", "level"]
    table = parse_table(rows_of(header, ["อบต.ก", "ตาก", 2564, 88, 82.2, 60.8, 0, "ขาดองค์ประกอบ", 75.36, "B"]))
    assert table.refused == []
    year = table.rows[0].year
    assert year.instruments == {"IIT": 88.0, "EIT": 82.2, "OIT": 60.8}
    assert year.items["O12"].score == 0 and year.items["O12"].reason == "ขาดองค์ประกอบ"
    assert (year.total, year.level) == (75.36, "B")


def test_bad_rows_are_refused_with_their_row_number_and_column():
    header = [*HEADER, "O40"]
    table = parse_table(rows_of(
        header,
        good_row() + [None],                                   # 2 good
        good_row(year=2566, scores=[150, *SCORES[1:]]) + [None],  # 3 score outside 0–100
        good_row(year=2569) + [100],                            # 4 O40 is not an item of 2569
        good_row(year=2500) + [None],                           # 5 no framework for 2500
        good_row(name="") + [None],                             # 6 no agency name
        good_row("อบต.ข", agency_type="สหกรณ์") + [None],        # 7 not an agency type
        good_row("อบต.ค", 2565) + [None],                       # 8 the same agency and year …
        good_row("อบต.ค", 2565) + [None],                       # 9 … twice
        good_row("อบต.ง", 2565, scores=["สูง", *SCORES[1:]]) + [None],  # 10 not a number
        good_row("อบต.จ", 2564) + [50],                         # 11 an OIT item is 0 or 100
        good_row("อบต.ฉ", 2020) + [None],                       # 12 a CE year
    ))
    assert [r.row for r in table.rows] == [2]
    messages = {r.row: r.message for r in table.refused}
    assert sorted(messages) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert "คอลัมน์ 'ตัวชี้วัดที่ 1'" in messages[3] and "0–100" in messages[3]
    assert "คอลัมน์ 'O40'" in messages[4] and "ไม่มีข้อ O40 ในกรอบปี 2569" in messages[4]
    assert "คอลัมน์ 'ปีงบประมาณ'" in messages[5] and "2500" in messages[5]
    assert "ไม่มีชื่อหน่วยงาน" in messages[6] and "ชื่อหน่วยงาน" in messages[6]
    assert "คอลัมน์ 'ประเภทหน่วยงาน'" in messages[7] and "สหกรณ์" in messages[7] and "อบต." in messages[7]
    assert "ซ้ำกับแถว 9" in messages[8] and "ซ้ำกับแถว 8" in messages[9]
    assert "ไม่ใช่ตัวเลข" in messages[10]
    assert "0 (ไม่ผ่าน) หรือ 100 (ผ่าน)" in messages[11]
    assert "ปี พ.ศ. เช่น 2563" in messages[12]
    for message in messages.values():
        assert "Traceback" not in message and "Error" not in message


@pytest.mark.parametrize(("header", "problem"), [
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "ตัวชี้วัดที่ 1", "หมายเหตุ"], "ไม่รู้จักคอลัมน์ 'หมายเหตุ'"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "ตัวชี้วัดที่ 11"], "ไม่รู้จักคอลัมน์ 'ตัวชี้วัดที่ 11'"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "O99"], "ไม่รู้จักคอลัมน์ 'O99'"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "1", "O99 เหตุผล"], "คอลัมน์เหตุผล 'O99 เหตุผล'"),
    (["ชื่อหน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัดที่ 1"], "ไม่พบคอลัมน์จังหวัด"),
    (["จังหวัด", "ปีงบประมาณ", "ตัวชี้วัดที่ 1"], "ไม่พบคอลัมน์ชื่อหน่วยงาน"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ตัวชี้วัดที่ 1"], "ไม่พบคอลัมน์ปีงบประมาณ"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "อำเภอ"], "ไม่พบคอลัมน์คะแนน"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "1", "ตัวชี้วัดที่ ๑"], "ซ้ำกับคอลัมน์ '1'"),
    (["agency", "หน่วยงาน", "จังหวัด", "ปีงบประมาณ", "1"], "ซ้ำกับคอลัมน์ 'agency'"),
    (["ชื่อหน่วยงาน", "จังหวัด", "ปีงบประมาณ", "1", "units"], "ไม่รู้จักคอลัมน์ 'units'"),
    (["รหัส", "รายการ", "คะแนน/ค่า", "เหตุผล"], "แบบฟอร์มผลการประเมินของหน่วยงานเดียว"),
])
def test_a_bad_header_refuses_the_whole_file(tmp_path, header, problem):
    path = write_rows(tmp_path / "bad.csv", header, [["อบต.ก", "ตาก", 2564, 90, 90]])
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert problem in str(caught.value)
    assert str(path) in str(caught.value) and "ที่ถูกต้อง" in str(caught.value)


def test_file_level_problems(tmp_path):
    cases = {
        "empty.csv": b"",
        "header-only.csv": "ชื่อหน่วยงาน,จังหวัด,ปีงบประมาณ,1\n".encode(),
        "notes.txt": b"hello",
        "broken.xlsx": b"PK\x03\x04 not really a workbook",
        "old.xlsx": b"\xd0\xcf\x11\xe0" + b"\x00" * 600,
    }
    expected = {"empty.csv": "ไฟล์ว่าง", "header-only.csv": "ไม่มีแถวข้อมูล", "notes.txt": "ไม่รองรับไฟล์ชนิด '.txt'",
                "broken.xlsx": "อ่านเป็นไฟล์ Excel", "old.xlsx": "Excel รุ่นเก่า"}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(InputError, match=expected[name]):
            read_table(path)
    with pytest.raises(InputError, match="ไม่พบไฟล์"):
        read_table(tmp_path / "missing.csv")


def test_the_caps_hold(tmp_path):
    path = write_rows(tmp_path / "many.csv", HEADER, [good_row(f"อบต.{n}") for n in range(30)])
    with pytest.raises(InputError, match="เกิน 20 แถว"):
        read_table(path, limits=replace(LIMITS_TABLE, rows=20))
    with pytest.raises(InputError, match="ไฟล์ใหญ่เกิน"):
        read_table(path, limits=replace(LIMITS_TABLE, file_bytes=1000))


def test_a_web_upload_is_named_by_its_file_name(tmp_path):
    path = write_rows(tmp_path / "prongsai-import-x.csv", ["ชื่อหน่วยงาน", "ปีงบประมาณ", "1"], [["อบต.ก", 2564, 1]])
    with pytest.raises(InputError) as caught:
        read_table(path, file_name="ผลทั้งจังหวัด.csv")
    assert str(caught.value).startswith("ผลทั้งจังหวัด.csv:") and "prongsai-import-x" not in str(caught.value)


def test_the_template_example_is_safe_to_overwrite(tmp_path):
    from openpyxl import load_workbook

    from prongsai.ita.library import announced_year

    path = write_template(tmp_path / "template.xlsx")
    header, example = load_workbook(path).active.iter_rows(values_only=True)
    assert header == TEMPLATE_HEADER and TEMPLATE_HEADER[0] == "ชื่อหน่วยงาน"
    cells = dict(zip(header, example, strict=True))
    # a made-up agency marked as an example, this year, and no total or level to go stale
    assert cells["ชื่อหน่วยงาน"] == TEMPLATE_EXAMPLE_NAME and "ตัวอย่าง" in TEMPLATE_EXAMPLE_NAME
    assert cells["ปีงบประมาณ"] == announced_year()
    assert cells["คะแนนรวม"] is None and cells["ระดับ"] is None
    # uploaded as it is, the example row is refused (no agency named "ตัวอย่าง" is created) …
    table = read_table(path)
    assert table.rows == [] and [r.row for r in table.refused] == [2]
    assert "แถวตัวอย่างของแบบฟอร์ม" in table.refused[0].message and "ลบแถวตัวอย่างออก" in table.refused[0].message
    # … and with a real name it is a good row of the current year
    real = ["อบต.หนองบัว", *template_example(2569)[1:]]
    table = read_table(write_rows(tmp_path / "filled.xlsx", TEMPLATE_HEADER, [real]))
    assert table.refused == [] and len(table.rows) == 1
    row = table.rows[0]
    assert row.year.fiscal_year == 2569 and len(row.year.indicators) == 10
    assert row.year.total is None and row.year.level is None
    # a user who overwrites only some cells of the example for another year is not tripped by it
    partial = ["อบต.หนองบัว", "อบต.", "ตาก", "", 2568, 70, *template_example()[6:]]
    table = read_table(write_rows(tmp_path / "partial.xlsx", TEMPLATE_HEADER, [partial]))
    assert table.refused == [] and table.rows[0].year.indicators[1] == 70


names = st.text(alphabet="กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮะาิีึืุูเแโใไ่้๊๋ ", min_size=1, max_size=30).filter(
    lambda s: s.strip() != "")
scores = st.decimals(min_value=0, max_value=100, places=2).map(float)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names, province=names, year=st.sampled_from([2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570]),
       values=st.lists(scores, min_size=10, max_size=10), suffix=st.sampled_from([".csv", ".xlsx"]),
       thai_digits=st.booleans())
def test_any_valid_row_round_trips(tmp_path, name, province, year, values, suffix, thai_digits):
    from prongsai.thai import normalise_text, to_thai_digits

    name = "อบต." + name
    written = [to_thai_digits(f"{v:.2f}") if thai_digits else v for v in values]
    path = write_rows(tmp_path / f"round{suffix}", HEADER, [good_row(name, year, province, "", written)])
    table = read_table(path)
    assert table.refused == []
    [row] = table.rows
    assert row.agency == normalise_text(name) and row.year.fiscal_year == year
    assert row.year.indicators == {no: round(v, 2) for no, v in enumerate(values, start=1)}
