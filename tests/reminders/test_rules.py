"""The reminder rules file is validated on load: bad input is one Thai line naming the field."""

from __future__ import annotations

import copy

import pytest
import yaml

from prongsai.errors import InputError
from prongsai.reminders import default_rules, load_rules, parse_rules
from prongsai.reminders.rules import BUILTIN


def builtin() -> dict:
    return yaml.safe_load(open(default_rules.__wrapped__.__code__.co_filename.replace("rules.py", "data/rules.yaml"),
                               encoding="utf-8"))


def test_the_builtin_rules_load():
    rules = default_rules()
    assert rules.measure.before_days == (14, 3)
    assert rules.oit.default_window.start == "04-01"


@pytest.mark.parametrize("change, where, what", [
    (lambda d: d["measure"].update(before_days=[3, 3]), "measure.before_days", "ซ้ำ"),
    (lambda d: d["measure"].update(before_days=[0]), "measure.before_days", "1–366"),
    (lambda d: d["measure"].update(colour="แดง"), "measure.colour", "ช่องข้อมูลที่ไม่รู้จัก"),
    (lambda d: d.pop("report"), "report", "ขาดช่องข้อมูลที่จำเป็น"),
    (lambda d: d["oit"]["default_window"].update({"from": "13-01"}), "oit.default_window.from", ""),
    (lambda d: d["measure"]["subject"].update(before="{titel} ใกล้ครบกำหนด"), "measure.subject.before", "{titel}"),
    (lambda d: d["report"].update(body="ขาดวงเล็บ {year"), "report.body", "ชื่อที่ไม่รู้จัก"),
])
def test_bad_rules_are_refused_in_thai(change, where, what):
    data = copy.deepcopy(builtin())
    change(data)
    with pytest.raises(InputError) as exc:
        parse_rules(data, BUILTIN)
    assert exc.value.where == where
    assert what in str(exc.value)
    assert "Error" not in str(exc.value)


def test_a_file_that_is_not_a_mapping_or_not_yaml(tmp_path):
    with pytest.raises(InputError, match="key: value"):
        parse_rules(["a"], "x.yaml")
    bad = tmp_path / "rules.yaml"
    bad.write_text("measure: [\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_rules(bad)
    assert str(bad) in str(exc.value)
