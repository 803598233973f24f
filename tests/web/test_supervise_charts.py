"""The overview's SVG pictures and the comparison's marks (plain Python, no database)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from prongsai.web.supervision import charts
from prongsai.web.supervision.compare import (
    CompareProblem,
    mark_extremes,
    parse_ids,
    parse_year,
    with_changes,
)

scores = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


def test_a_bar_chart_draws_one_link_per_bar_and_the_pass_mark():
    svg = charts.bar_chart([charts.Bar("1. การปฏิบัติหน้าที่", 90.0, "?indicator=1"),
                            charts.Bar("2. การใช้งบประมาณ", 70.0, "?indicator=2", "bad")],
                           "คะแนนเฉลี่ย", scale=100, mark=85, mark_label="เกณฑ์ 85")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('rx="3"') == 2 and svg.count('<a href="?indicator=') == 2
    assert svg.count('class="hit"') == 2  # the whole row is the link's target
    assert "เกณฑ์ 85" in svg and 'class="p"' in svg
    assert 'aria-label="คะแนนเฉลี่ย"' in svg


def test_nothing_to_draw_draws_nothing():
    assert charts.bar_chart([], "x") == ""
    assert charts.stacked_bar([charts.Segment("ก", 0, "#000")], "x") == ""


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


@given(printable, printable)
def test_every_text_is_escaped(label, href):
    """Whatever an agency or item is called, the picture stays well-formed markup with the text as
    text (nothing in a name can open a tag or an attribute)."""
    from xml.etree import ElementTree

    for svg in (charts.bar_chart([charts.Bar(label, 1.0, href, title=label)], label),
                charts.stacked_bar([charts.Segment(label, 3, "#123456", href)], label)):
        root = ElementTree.fromstring(svg)
        assert root.get("aria-label") == label
        titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")] + [
            t.text or "" for t in root.iter("title")]
        assert any(label in t for t in titles)


@given(st.text(max_size=60), st.integers(min_value=2, max_value=40))
def test_shorten_never_cuts_a_mark_from_its_consonant(text, limit):
    out = charts.shorten(text, limit)
    assert len(out) <= max(limit, len(text) if len(text) <= limit else limit)
    if out != text:
        assert out.endswith("…")
        body = out[:-1]
        if body and len(body) < len(text):
            assert unicodedata.category(text[len(body)]) != "Mn" or not body.strip()


def test_shorten_thai():
    assert charts.shorten("การใช้ทรัพย์สินของราชการ", 8) == "การใช้ท…"
    assert charts.shorten("ที่นี่ที่นั่น", 5) == "ที่…"  # not "ที่น" nor a consonant without its marks
    assert charts.shorten("ที่นี่", 3) == "…"


@given(st.lists(scores, max_size=6))
def test_the_best_and_the_worst_are_the_highest_and_the_lowest(values):
    cells = mark_extremes(values)
    known = [v for v in values if v is not None]
    assert [c.value for c in cells] == values
    for c in cells:
        if c.mark == "best":
            assert c.value == max(known)
        if c.mark == "worst":
            assert c.value == min(known)
    if len(set(known)) < 2:
        assert all(c.mark == "" for c in cells)
    else:
        assert any(c.mark == "best" for c in cells) and any(c.mark == "worst" for c in cells)


@given(st.lists(scores, max_size=6))
def test_changes_add_up(values):
    cells = with_changes(values)
    known = [v for v in values if v is not None]
    changes = [c.change for c in cells if c.change is not None]
    assert len(changes) == max(0, len(known) - 1)
    if known:
        assert abs(sum(changes) - (known[-1] - known[0])) < 0.01 * (len(changes) + 1)


def test_bad_ids_and_years():
    assert parse_ids(["3", "1", "3", " "]) == [3, 1]
    for bad in (["x"], ["-1"], ["๑"], ["1.5"]):
        try:
            parse_ids(bad)
        except CompareProblem as problem:
            assert "ตัวเลข" in str(problem)
        else:
            raise AssertionError(bad)
    try:
        parse_ids([str(n) for n in range(7)])
    except CompareProblem as problem:
        assert "ไม่เกิน 6" in str(problem)
    assert parse_year("", [2564]) is None
    assert parse_year("2564", [2564]) == 2564
    try:
        parse_year("2570", [2564, 2565])
    except CompareProblem as problem:
        assert "2564, 2565" in str(problem)


def test_numbers_are_written_as_the_tables_write_them():
    from prongsai.web.ui.template_filters import score

    for value in (82.195, 76, 76.0, 0.005, 99.999, 84.625):
        assert charts.number(value) == score(value)
    assert charts.number(76) == "76.00" and charts.number(82.195) == "82.20"
    assert charts.number(1040, 0) == "1,040"
    svg = charts.bar_chart([charts.Bar("1. ก", 82.195), charts.Bar("2. ข", 76)], "x", scale=100, mark=85, digits=2)
    assert ">82.20</text>" in svg and ">76.00</text>" in svg and ">82.19<" not in svg


def test_the_numbers_stand_right_of_the_pass_mark():
    """The value labels are in a column of their own: the dashed line at 85 never crosses one,
    however close to it a bar ends."""
    import re

    for narrow in (False, True):
        svg = charts.bar_chart([charts.Bar("ตัวชี้วัด", v) for v in (84.9, 85.0, 86.2, 100)], "x", scale=100, mark=85,
                               digits=2, narrow=narrow)
        line_x = float(re.search(r'<line x1="([\d.]+)"[^>]*class="p"', svg).group(1))
        value_x = [float(x) for x in re.findall(r'<text x="([\d.]+)"[^>]*class="v"', svg)]
        widest = max(charts.text_width(t) for t in re.findall(r'class="v"[^>]*>([^<]+)<', svg))
        assert value_x and all(x - widest > line_x + 4 for x in value_x)


def test_labels_are_whole_when_they_fit():
    svg = charts.bar_chart([charts.Bar("ต้องปรับปรุงโดยด่วน", 1)], "x", label_width=170)
    assert ">ต้องปรับปรุงโดยด่วน</text>" in svg
    narrow = charts.bar_chart([charts.Bar("4. การใช้ทรัพย์สินของราชการ", 90)], "x", narrow=True)
    assert ">4. การใช้ทรัพย์สินของราชการ</text>" in narrow and 'viewBox="0 0 360' in narrow
    assert charts.fit("ก" * 200, 100).endswith("…") and charts.text_width(charts.fit("ก" * 200, 100)) <= 100


def test_a_pair_holds_both_layouts():
    wide = charts.stacked_bar([charts.Segment("ก", 3, "#000")], "x")
    narrow = charts.stacked_bar([charts.Segment("ก", 3, "#000")], "x", narrow=True)
    out = charts.pair(wide, narrow)
    assert out.count("<svg") == 2 and 'class="chart-w"' in out and 'class="chart-n"' in out
    assert charts.pair("", "") == ""
