"""The FY2568–2570 framework files say what the reference says (tests/ita/fixtures/fy2568-2570.md, a
copy of shared/reference/ita/fy2568-2570.md): every row of its tables in sections 1–4 is in the
matching file with the same confidence, and FY2570 carries FY2569 until NACC publishes its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from prongsai.ita.library import BUILTIN_DIR, Library
from prongsai.ita.model import Framework, Item

FIXTURE = Path(__file__).with_name("fixtures") / "fy2568-2570.md"
# reference section → (fiscal year, variant) of the framework file it describes
SECTIONS = {1: (2568, None), 2: (2569, None), 3: (2569, "ovec"), 4: (2568, "ovec")}
ROWS_PER_SECTION = {1: 26, 2: 26, 3: 23, 4: 37}
TAG = re.compile(r"CONFLICT|C2|C1|INF|UNK")
# Deliberate departures from a row's tag, each with its reason.
KEPT_HIGHER = {
    (2568, None, "O9"): ("C2", "frameworks.md §8.1: PSU's 2568 ITA page [S43] gives the same name as RTRDA; the new "
                               "reference lists only RTRDA's two files for this row"),
    # The row's first reading is RTRDA's heading naming its ministry (C1); every agency is shown the
    # generic item of the same slot, the row's second reading (INF).
    (2568, None, "O25"): ("INF", "SC68's generic name instead of the Ministry of Transport's plan"),
    (2568, None, "O26"): ("INF", "SC68's generic name instead of the Ministry of Transport's report"),
}


@dataclass(frozen=True)
class Row:
    section: int
    line: int
    code: str
    name: str
    conf: str
    components: str | None

    @property
    def key(self) -> tuple[int, str | None]:
        return SECTIONS[self.section]


def reference_rows() -> list[Row]:
    rows: list[Row] = []
    section = None
    header: list[str] | None = None
    for number, line in enumerate(FIXTURE.read_text(encoding="utf-8").splitlines(), start=1):
        heading = re.match(r"## (\d+)\.", line)
        if heading:
            section, header = int(heading.group(1)), None
            continue
        if section not in SECTIONS or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        if set(line) <= set("|- "):
            continue
        assert len(cells) == len(header), f"line {number}: {len(cells)} cells, header has {len(header)}"
        cell = dict(zip(header, cells, strict=True))
        name_col = next(h for h in header if h.startswith("name"))
        comp_col = next((h for h in header if h.startswith(("components (", "description"))), None)
        rows.append(Row(section, number, cell["code"], cell[name_col], cell["conf"],
                        cell[comp_col] if comp_col else None))
    return rows


ROWS = reference_rows()


def expected_tags(conf: str) -> tuple[str, str | None]:
    """(the item's confidence, its grouping's or None) as a row's conf cell states them."""
    conf = conf.strip()
    if conf in ("–", "-", ""):
        return "UNK", None
    if conf.startswith("CONFLICT"):
        return "CONFLICT", None
    parts = re.split(r"\s+/\s+", conf)
    first = TAG.match(parts[0])
    assert first, f"no confidence tag in {conf!r}"
    second = TAG.match(parts[1]) if len(parts) > 1 else None
    return first.group(), second.group() if second else None


def normal(text: str) -> str:
    """Thai text compared without spaces and brackets (ํา written ำ)."""
    return re.sub(r"[\s()]", "", text.replace("\u0e4d\u0e32", "\u0e33"))


def name_candidates(row: Row) -> list[str]:
    """The names a row allows: its text without English remarks, each part of 'page / dashboard'
    (section 4), and every quoted text (a candidate or the agency's wording)."""
    text = row.name.replace("**", "")
    quoted = re.findall(r'"([^"]+)"', text)
    text = re.sub(r"\s*\([^()]*[a-z][^()]*\)", "", text)  # remarks such as "(previous FY)"
    text = text.split(". ")[0]  # what follows is commentary ("… is a typo")
    parts = re.split(r"\s+/\s+", text) if row.section == 4 else [text]
    return [*parts, *quoted]


def name_matches(name: str, candidate: str) -> bool:
    """Brackets the reference puts round optional words may be there or not; "…" stands for
    words the reference leaves out."""
    for form in (candidate, re.sub(r"\([^()]*\)", "", candidate)):
        pattern = ".*".join(re.escape(normal(p)) for p in form.split("…"))
        if re.fullmatch(pattern, normal(name)):
            return True
    return False


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library()


def framework(lib: Library, row: Row) -> Framework:
    return lib.get(*row.key)


def item_of(lib: Library, row: Row) -> Item:
    fw = framework(lib, row)
    assert row.code in fw.item_by_code, f"{fw.id} has no {row.code} (reference line {row.line})"
    return fw.item_by_code[row.code]


def test_the_reference_tables_are_read_whole():
    counts = {s: sum(1 for r in ROWS if r.section == s) for s in SECTIONS}
    assert counts == ROWS_PER_SECTION
    for section in SECTIONS:
        codes = [r.code for r in ROWS if r.section == section]
        assert codes == [f"O{n}" for n in range(1, ROWS_PER_SECTION[section] + 1)]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{Framework.key_id(*r.key)}:{r.code}")
def test_every_reference_row_is_in_its_file_with_its_confidence(lib, row):
    item = item_of(lib, row)
    confidence, grouping = expected_tags(row.conf)
    kept = KEPT_HIGHER.get((*row.key, row.code))
    assert item.confidence == (kept[0] if kept else confidence), f"reference line {row.line}: {row.conf}"
    if grouping:
        assert item.grouping_confidence == grouping, f"reference line {row.line}: membership {grouping}"
    if confidence == "UNK":
        assert item.name is None and not item.known
        return
    assert item.name, f"reference line {row.line} names {row.code}"
    candidates = name_candidates(row)
    assert any(name_matches(item.name, c) for c in candidates), (item.name, candidates)
    assert item.sources, f"{row.code} names no source"


@pytest.mark.parametrize("row", [r for r in ROWS if r.section == 3], ids=lambda r: r.code)
def test_ovec_2569_components_are_kts_verbatim(lib, row):
    item = item_of(lib, row)
    assert " / ".join(item.components) == row.components


@pytest.mark.parametrize("row", [r for r in ROWS if r.section == 4 and r.components], ids=lambda r: r.code)
def test_ovec_2568_descriptions_are_components(lib, row):
    joined = " / ".join(item_of(lib, row).components)
    pattern = ".*".join(re.escape(p.strip()) for p in row.components.split("…"))
    assert re.search(pattern, joined), (row.components, joined)


@pytest.mark.parametrize("row", [r for r in ROWS if r.conf.startswith("CONFLICT")], ids=lambda r: r.code)
def test_conflicting_items_carry_the_other_reading(lib, row):
    fw = framework(lib, row)
    item = item_of(lib, row)
    other = re.search(r'RC\+SP: "([^"]+)"', row.conf).group(1)
    assert [r.id for r in fw.readings] == ["kt", "rcsp"]
    (alt,) = item.alternatives
    assert alt.reading == "rcsp" and alt.name == other and alt.components
    assert set(alt.sources) == {"RC", "SP"} and alt.confidence == "C2"
    picked = fw.with_reading("rcsp").item_by_code[row.code]
    assert picked.name == other and picked.components == alt.components


def test_general_2568_has_26_items_grouped_in_seven_sub_indicators(lib):
    fw = lib.get(2568)
    assert [i.code for i in fw.items] == [f"O{n}" for n in range(1, 27)]
    assert [s.code for s in fw.sub_indicators] == ["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]
    assert all(i.sub_indicator for i in fw.items)
    assert {i.grouping_confidence for i in fw.items} == {"INF"}  # SC68's order, never stated
    assert fw.oit_rollup == "mean_of_sub_indicators" and fw.oit_rollup_confidence == "INF"


def test_general_2569_grouping_is_inferred_for_every_item(lib):
    fw = lib.get(2569)
    assert [i.code for i in fw.items] == [f"O{n}" for n in range(1, 27)]
    assert all(i.sub_indicator and i.grouping_confidence == "INF" for i in fw.items)
    assert {s.confidence for s in fw.sub_indicators} == {"INF"}
    assert fw.oit_rollup == "mean_of_sub_indicators" and fw.oit_rollup_confidence == "INF"


def test_ovec_2569_has_23_items_in_7_sub_indicators(lib):
    fw = lib.get(2569, "ovec")
    assert fw.variant == "ovec" and fw.variant_name
    assert [i.code for i in fw.items] == [f"O{n}" for n in range(1, 24)]
    members = {s: [int(c[1:]) for c in codes] for s, codes in fw.item_codes_by_sub_indicator.items()}
    assert members == {"9.1": [1, 2, 3, 4, 5], "9.2": [6, 7, 8, 9], "9.3": [10, 11], "9.4": [12, 13, 14, 15],
                       "9.5": [16, 17], "10.1": [18, 19], "10.2": [20, 21, 22, 23]}
    assert all(i.components for i in fw.items)
    assert [i.code for i in fw.items if i.confidence == "CONFLICT"] == ["O20", "O21", "O22"]
    assert all(i.grouping_confidence == "C2" for i in fw.items)
    assert fw.oit_rollup == "mean_of_sub_indicators" and fw.oit_rollup_confidence == "C2"


def test_ovec_2568_has_37_items_in_7_sub_indicators(lib):
    fw = lib.get(2568, "ovec")
    members = {s: len(codes) for s, codes in fw.item_codes_by_sub_indicator.items()}
    assert members == {"9.1": 6, "9.2": 10, "9.3": 6, "9.4": 3, "9.5": 4, "10.1": 6, "10.2": 2}
    assert {i.confidence for i in fw.items} == {"C1"}
    assert fw.oit_rollup_confidence == "C1"


def facts(fw: Framework):
    yield from fw.instruments
    yield from fw.indicators
    yield from fw.sub_indicators
    for item in fw.items:
        yield item
        yield from item.alternatives
    if fw.levels:
        yield fw.levels
        yield from fw.levels.rules


@pytest.mark.parametrize("variant", [None, "ovec"])
def test_2570_carries_2569_and_claims_nothing_above_inf(lib, variant):
    fw, base = lib.get(2570, variant), lib.get(2569, variant)
    assert fw.carried_from == 2569 and fw.notice and fw.status == "draft"
    assert "พ.ศ. 2570" in fw.title
    assert [i.code for i in fw.items] == [i.code for i in base.items]
    assert [i.name for i in fw.items] == [i.name for i in base.items]
    assert [i.components for i in fw.items] == [i.components for i in base.items]
    assert [(i.indicator, i.sub_indicator) for i in fw.items] == [(i.indicator, i.sub_indicator) for i in base.items]
    assert [r.id for r in fw.readings] == [r.id for r in base.readings]
    for fact in facts(fw):
        assert fact.confidence in ("INF", "UNK", "CONFLICT"), fact
    for item, was in zip(fw.items, base.items, strict=True):
        if was.confidence in ("UNK", "CONFLICT"):
            assert item.confidence == was.confidence
        assert item.grouping_confidence in ("INF", "UNK", "CONFLICT")
    assert fw.oit_rollup_confidence == "INF"
    assert lib.successors(2569, "O11", variant)[2570] == "O11"


@pytest.mark.parametrize("key", [(2568, None), (2569, None), (2570, None), (2568, "ovec"), (2569, "ovec"),
                                 (2570, "ovec")], ids=lambda k: Framework.key_id(*k))
def test_each_file_loads_through_the_library(key):
    lib = Library()
    fw = lib.get(*key)
    assert fw.id == Framework.key_id(*key) and lib.path(*key).name == f"{fw.id}.yaml"
    assert sorted(fw.indicator_numbers) == list(range(1, 11)) and fw.levels is not None
    assert fw.sources and all(s.title for s in fw.sources)


def test_the_crosswalk_links_2568_and_2569(lib):
    lib.crosswalk()  # every id exists in its file
    renames = {"O1": "O1", "O3": "O3", "O8": "O8", "O9": "O9", "O10": "O10", "O11": "O10", "O12": "O11",
               "O13": "O12", "O14": "O13", "O15": "O14", "O16": "O15", "O17": "O16", "O18": "O17", "O19": "O18",
               "O20": "O19", "O21": "O20", "O22": "O20", "O23": "O21", "O24": "O22", "O25": "O23", "O26": "O24"}
    for old, new in renames.items():
        assert lib.successors(2568, old).get(2569) == new, old
    assert lib.successors(2569, "O10")[2568] == "O10" and lib.successors(2569, "O20")[2568] == "O21"
    assert lib.successors(2568, "O30", "ovec") == {2569: "O20"}
    assert lib.successors(2569, "O1", "ovec")[2568] in ("O1", "O3")
    assert not any(i.startswith("ita-2570") for link in lib.crosswalk().links for i in link.ids)


def test_a_published_2570_replaces_the_carried_file_by_data_alone(tmp_path):
    data = yaml.safe_load((BUILTIN_DIR / "ita-2570.yaml").read_text(encoding="utf-8"))
    del data["carried_from"]
    first = data["items"][0]
    first.update(name="ชื่อข้อตามคู่มือปี 2570", confidence="C1", sources=["RT-H"], note="as published")
    first.pop("grouping", None)
    (tmp_path / "ita-2570.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
    lib = Library([tmp_path])
    fw = lib.get(2570)
    assert lib.overridden[(2570, None)] == tmp_path / "ita-2570.yaml"
    assert fw.carried_from is None and fw.notice is None
    assert fw.items[0].name == "ชื่อข้อตามคู่มือปี 2570" and fw.items[0].confidence == "C1"
    assert 2570 not in lib.successors(2569, "O5")  # no longer the same content code for code
    lib.crosswalk()
    builtin = Library().get(2570)
    assert builtin.carried_from == 2569 and builtin.items[0].name == lib.get(2569).items[0].name
