"""The standard survey template (data/survey_template.yaml): it loads, says what the issue asks
(five sections of 3–5 items, the 5-point scale, optional coarse profile questions), and a broken
file is refused with a Thai message naming the place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from prongsai.errors import InputError
from prongsai.services.surveys import TEMPLATE_FILE, load_template, template


def test_the_standard_template():
    tpl = template()
    assert [s.title for s in tpl.sections] == [
        "ด้านกระบวนการ/ขั้นตอนการให้บริการ", "ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ", "ด้านสิ่งอำนวยความสะดวก",
        "ด้านข้อมูลข่าวสาร", "ความพึงพอใจโดยรวม"]
    assert all(3 <= len(s.items) <= 5 for s in tpl.sections)
    assert [p.label for p in tpl.scale] == ["มากที่สุด", "มาก", "ปานกลาง", "น้อย", "น้อยที่สุด"]
    assert tpl.not_applicable == "ไม่เกี่ยวข้อง/ไม่ได้ใช้บริการส่วนนี้"
    assert (tpl.satisfied_from, tpl.small_sample) == (4, 30)
    assert [q.label for q in tpl.profile] == ["เพศ", "ช่วงอายุ", "ประเภทผู้รับบริการ"]
    assert tpl.profile_question("age_band").label_of("60plus") == "60 ปีขึ้นไป"
    assert tpl.profile_question("nope") is None
    assert tpl.scale_label(3) == "ปานกลาง"
    for s in tpl.sections:
        for text in s.items:
            assert not any("a" <= c.lower() <= "z" for c in text), text  # Thai only


def write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "survey.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda d: d["scale"].reverse(), "มาตราส่วนต้องมี 5 ระดับ เรียงจาก 5 ถึง 1"),
    (lambda d: d["scale"].pop(), "มาตราส่วนต้องมี 5 ระดับ"),
    (lambda d: d["levels"].reverse(), "เรียงจากค่าเฉลี่ยมากไปน้อย"),
    (lambda d: d["levels"][-1].update(min=1.5), "ต้องเริ่มที่ 1.00"),
    (lambda d: d["sections"][1].update(key="process"), "รหัสด้าน (key) ซ้ำกัน"),
    (lambda d: d["sections"][0]["items"].append(d["sections"][0]["items"][0]), "ข้อคำถามซ้ำกัน"),
    (lambda d: d["sections"][0].update(items=[]), "sections.0.items"),
    (lambda d: d["profile"][0].update(key="name"), "profile.0.key"),
    (lambda d: d.update(colour="blue"), "ช่องข้อมูลที่ไม่รู้จัก"),
    (lambda d: d.pop("not_applicable"), "ขาดช่องข้อมูลที่จำเป็น"),
    (lambda d: d["profile"][1]["choices"].append(d["profile"][1]["choices"][0]), "ซ้ำกัน"),
])
def test_a_broken_template_is_refused(tmp_path, change, message):
    with pytest.raises(InputError) as caught:
        load_template(write(tmp_path, change))
    text = str(caught.value)
    assert message in text
    assert "survey.yaml" in text


def test_a_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "survey.yaml"
    path.write_text("sections: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="survey.yaml"):
        load_template(path)
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError, match="key: value"):
        load_template(path)
