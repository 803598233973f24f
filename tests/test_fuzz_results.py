"""Malformed results files through the command line (issue 9, item 5): a few hundred files
mutated from the examples and from generated XLSX/CSV/JSON, with a fixed seed. Each either
reads (exit 0) or is refused with exit 2 and one Thai line naming the file; never another exit
status, never an exception, never English from a parser or from Python."""

from __future__ import annotations

import copy
import csv
import io
import json
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai import cli
from prongsai.errors import InputError
from prongsai.ita.library import library
from prongsai.results_io import (
    _UNREADABLE,
    MEETING_FIELDS,
    PROGRESS_FIELDS,
    TOP_FIELDS,
    parse_results,
)
from prongsai.yamlio import YamlError, loads_json, loads_yaml
from tests.conftest import EXAMPLES, SEED_004, table_rows

SEED = 2567
CASES = 400

# Latin words a Thai message may carry: the field keys a user types in YAML/JSON, the ITA's
# codes and levels, and the names of formats and of the command.
ALLOWED_WORDS = {w.lower() for w in (*TOP_FIELDS, *MEETING_FIELDS, *PROGRESS_FIELDS)} | {
    "score", "reason", "value", "key", "field", "iit", "eit", "oit", "aa", "bb", "cc", "ita",
    "yaml", "yml", "json", "csv", "xlsx", "xlsm", "xls", "excel", "utf", "mb", "prongsai", "template",
} | set(library().all_variants())  # a variant's id is what the file must say (variant: ovec)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
_CODE = re.compile(r"^[IEO]\d+$")


def english_words(message: str, path: Path, source_text: str) -> set[str]:
    """Latin words in `message` that are neither allowed nor the user's own text: the file's path
    is left out, and so is any word the file itself contains (a key or value quoted back)."""
    own = {w.lower() for w in _LATIN_WORD.findall(source_text)}
    words = _LATIN_WORD.findall(message.replace(str(path), ""))
    return {w for w in words if w.lower() not in ALLOWED_WORDS | own and not _CODE.match(w)}


# --- seeds ---------------------------------------------------------------------------------------

def _seed_texts() -> list[tuple[str, str]]:
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    data = copy.deepcopy(SEED_004)
    data["items"] = {"O12": {"score": 0, "reason": "ขาดองค์ประกอบ"}, "I3": 90}
    seeds.append(("seed.json", json.dumps(data, ensure_ascii=False, indent=1)))
    header, row = table_rows(data)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(row)
    writer.writerow([*row[:1], 2563, *row[2:]])
    seeds.append(("seed.csv", buffer.getvalue()))
    return seeds


def _seed_workbooks(tmp: Path) -> list[tuple[str, bytes, str]]:
    """A filled-in form (`prongsai template`) and a table; with the text of their cells."""
    from openpyxl import Workbook, load_workbook

    from prongsai.ita.library import get_framework
    from prongsai.results_template import write_template

    form = write_template(get_framework(2564), tmp / "form.xlsx")
    book = load_workbook(form)
    cells = []
    for row in book.active.iter_rows(min_row=2):
        key = row[0].value
        if key == "agency":
            row[2].value = SEED_004["agency"]
        elif isinstance(key, int):
            row[2].value = SEED_004["indicators"][key]
        cells += [str(c.value) for c in row if c.value is not None]
    book.save(form)
    table = Workbook()
    header, row = table_rows({**SEED_004, "items": {"O12": {"score": 0, "reason": "ขาดองค์ประกอบ"}}})
    table.active.append(header)
    table.active.append(row)
    table_path = tmp / "table.xlsx"
    table.save(table_path)
    text = " ".join(cells + [str(c) for c in header + row])
    return [("form.xlsx", form.read_bytes(), text), ("table.xlsx", table_path.read_bytes(), text)]


# --- mutations -----------------------------------------------------------------------------------

HOSTILE_VALUES = ["1" + "0" * 400, "9" * 5000, "-1e999", ".nan", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{", "}",
                  "!!binary AAAA", "&a", "*a", "*undefined", "<<: *a", "'", '"\\q"', "@x", "`x", "%YAML 2.0",
                  "|", ">", "? [1]", ": :", "\t", "\x00", "\x07", "\ufeff", "null", "~", "true", "2564-02-30",
                  "[]", "{}", "- - -", "---", "...", "#", "๙๙๙", "0x1F", "1_000", "190:20:30", "1e3", "NaN"]
PUNCTUATION = list(":-[]{},&*!|>'\"%@`#?\t\n\\\x00 ") + ["\r\n", "\u00a0", "\u200b"]


def _mutate_text(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(9)
        i = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [""]
        if kind == 0:  # a hostile value in place of a line's value
            head = lines[i].split(":", 1)[0]
            lines[i] = f"{head}: {rng.choice(HOSTILE_VALUES)}"
        elif kind == 1:  # a character inserted
            pos = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:pos] + rng.choice(PUNCTUATION) + lines[i][pos:]
        elif kind == 2:  # indentation changed
            lines[i] = (" " * rng.randint(0, 5)) + lines[i].lstrip() if rng.random() < 0.7 else "\t" + lines[i]
        elif kind == 3:  # a line repeated (a duplicate key) or dropped
            if rng.random() < 0.5:
                lines.insert(i, lines[i])
            else:
                del lines[i]
        elif kind == 4:  # the file cut short
            return "\n".join(lines)[: rng.randint(0, len(text))]
        elif kind == 5:  # a part of a line deleted
            a = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:a] + lines[i][a + rng.randint(1, 6):]
        elif kind == 6:  # deep nesting
            depth = rng.choice([30, 1200, 5000])
            lines.insert(i, "x: " + "[" * depth + "]" * depth if rng.random() < 0.5 else "[" * depth)
        elif kind == 7:  # an unknown or odd key
            lines.insert(i, rng.choice(["? [a, b]\n: 1", "1.5: 2", "null: 3", "true: 4", "ไม่มีช่องนี้: 1",
                                        "indicators: 5", "items: [1, 2]", "previous: {a: 1}", "progress: x"]))
        else:  # aliases
            n = rng.randint(1, 8)
            lines.insert(i, "a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8]")
            lines[i + 1:i + 1] = [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 8)}]" for k in range(1, n)]
    return "\n".join(lines)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0 and data:  # bytes flipped
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 1:  # cut short
        del data[rng.randint(0, len(data)):]
    elif kind == 2:  # another encoding
        try:
            return data.decode("utf-8").encode(rng.choice(["cp874", "utf-16", "utf-32"]), errors="replace")
        except UnicodeDecodeError:
            pass
    elif kind == 3:  # a run of random bytes inserted
        pos = rng.randint(0, len(data))
        data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    else:  # a byte order mark or NULs in front
        data[0:0] = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00\x00", b"\x1f\x8b"])
    return bytes(data)


def _mutate_workbook(rng: random.Random, data: bytes) -> bytes:
    """A workbook whose ZIP or whose XML is broken, or whose cells hold hostile values."""
    kind = rng.randrange(4)
    if kind == 0:
        return _mutate_bytes(rng, data)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    victim = rng.choice(names + ["xl/worksheets/sheet1.xml"] * len(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            content = source.read(name)
            if name == victim:
                if kind == 1:  # a part left out
                    continue
                if kind == 2:  # the part's XML broken
                    content = _mutate_bytes(rng, content) if rng.random() < 0.5 else \
                        _mutate_text(rng, content.decode("utf-8", "replace")).encode()
                else:  # a cell value replaced by a hostile one
                    content = re.sub(rb"<v>[^<]*</v>", lambda m: (b"<v>" + rng.choice(
                        [b"1" + b"0" * 400, b"9" * 5000, b"NaN", b"1e999", b"x", b"", b"-0"]) + b"</v>")
                        if rng.random() < 0.2 else m.group(0), content)
            archive.writestr(name, content)
    return out.getvalue()


def cases(tmp: Path, count: int = CASES, seed: int = SEED) -> Iterator[tuple[Path, str]]:
    """`count` mutated files in `tmp`, with the text a message may quote back."""
    rng = random.Random(seed)
    texts = _seed_texts()
    workbooks = _seed_workbooks(tmp)
    for n in range(count):
        if n % 5 == 4:
            name, data, text = rng.choice(workbooks)
            content = _mutate_workbook(rng, data)
        else:
            name, text = rng.choice(texts)
            mutated = _mutate_text(rng, text)
            content = mutated.encode("utf-8", "surrogatepass")
            if rng.random() < 0.2:
                content = _mutate_bytes(rng, content)
            text = text + "\n" + mutated
        path = tmp / f"case{n:04d}-{name}"
        path.write_bytes(content)
        yield path, text


# --- the tests -----------------------------------------------------------------------------------

def _problems(path: Path, source_text: str, code: int, err: str) -> list[str]:
    if code == 0:
        return []
    if code != 2:
        return [f"{path.name}: exit {code}: {err.strip()[:300]}"]
    line = err.strip()
    found = []
    if "\n" in line:
        found.append("more than one line")
    if not line.startswith("ข้อผิดพลาด: ") or path.name not in line:
        found.append("the file is not named")
    if _UNREADABLE in line:
        found.append("a failure the readers do not word")
    if english := english_words(line, path, source_text):
        found.append(f"English {sorted(english)}")
    if len(line) > 600:
        found.append(f"{len(line)} characters")
    return [f"{path.name}: {', '.join(found)}: {line[:300]}"] if found else []


def test_every_mutated_file_exits_0_or_2_with_one_thai_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PRONGSAI_DEBUG", raising=False)
    problems, exits = [], {0: 0, 2: 0}
    for path, text in cases(tmp_path):
        code = cli.run(["analyze", str(path), "--json"])
        err = capsys.readouterr().err
        exits[code] = exits.get(code, 0) + 1
        problems += _problems(path, text, code, err)
    assert problems == [], "\n".join(problems)
    assert exits[2] > CASES // 2 and exits[0] > 0  # the mutations do break files, and not all of them


@pytest.mark.parametrize("text, where, fragment", [
    ("agency: x\nfiscal_year 2564\nindicators:\n  1: 90\n", "บรรทัด 2 ตัวอักษรที่ 1", "ขาดเครื่องหมาย : หลังชื่อช่อง"),
    ("agency: ก: ข\n", "บรรทัด 1 ตัวอักษรที่ 10", "มีเครื่องหมาย : ในตำแหน่งที่ใช้ไม่ได้"),
    ("agency:\tx\n\tfiscal_year: 2565\n", "บรรทัด 2", "ย่อหน้าด้วยแท็บ"),
    ("indicators: [1, 2\n", "บรรทัด 2", "ขาดเครื่องหมาย , หรือ ]"),
    ("agency: 'x\n", "บรรทัด 2", "ไฟล์จบก่อนปิดเครื่องหมายคำพูด"),
    ("agency: @x\n", "บรรทัด 1 ตัวอักษรที่ 9", "มีอักขระที่ขึ้นต้นค่าไม่ได้"),
    ("a: 1\nb: *nothing\n", "บรรทัด 2", "อ้างถึงชื่อด้วย *"),
    ("a: 1\n---\nb: 2\n", "บรรทัด 2", "หลายชุด"),
    ("? [1]\n: 2\n", "บรรทัด 1", "ชื่อช่องต้องเป็นข้อความหรือตัวเลข"),
    ("a: \x07\n", "บรรทัด 1 ตัวอักษรที่ 4", "อักขระควบคุม"),
    ("a: 1\n a: 2\n", "บรรทัด 2", "มีเครื่องหมาย :"),
    ("total: " + "9" * 5000 + "\n", "บรรทัด 1", "ตัวเลขยาวเกินไป"),
])
def test_yaml_problems_are_said_in_thai_with_line_and_character(text, where, fragment):
    with pytest.raises(YamlError) as err:
        loads_yaml(text)
    assert err.value.where.startswith(where) and fragment in err.value.message
    assert not _LATIN_WORD.search(err.value.message.replace("YAML", ""))


@pytest.mark.parametrize("text, fragment", [
    ('{"agency": "x",}', "ชื่อช่องต้องอยู่ในเครื่องหมายคำพูด"),
    ('{"agency" "x"}', "ขาดเครื่องหมาย :"),
    ('{"agency": "x" "y": 1}', "ขาดเครื่องหมาย ,"),
    ('{"agency": "x', "ไม่มีเครื่องหมายคำพูดปิด"),
    ('{"agency": x}', "ไม่มีค่าในตำแหน่งที่ต้องมีค่า"),
    ('{"a": 1} 2', "มีข้อมูลเกิน"),
    ('{"a": "\\q"}', "รหัสหลีก"),
    ("[" * 100_000, "ซ้อนกันลึกเกินไป"),
])
def test_json_problems_are_said_in_thai(text, fragment):
    with pytest.raises(YamlError) as err:
        loads_json(text)
    assert fragment in str(err.value)
    assert not _LATIN_WORD.search(str(err.value))


def test_numbers_of_hundreds_or_thousands_of_digits_are_scores_out_of_range(tmp_path):
    big = "1" + "0" * 399
    for name, content in [
        ("big.yaml", f"agency: ก\nfiscal_year: 2565\nindicators:\n  1: {big}\n"),
        ("big.json", f'{{"agency": "ก", "fiscal_year": 2565, "indicators": {{"1": {"9" * 5000}}}}}'),
        ("big.csv", f"agency,fiscal_year,1\nก,2565,{big}\n"),
        ("year.yaml", f"agency: ก\nfiscal_year: {big}\ntotal: 80\n"),
    ]:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        assert cli.run(["analyze", str(path)]) == 2
    # a score is quoted short in the message, not with its 400 digits
    with pytest.raises(InputError, match=r"คะแนน 1000000000000000000000000000000000000000… อยู่นอกช่วง"):
        parse_results({"agency": "ก", "fiscal_year": 2565, "indicators": {1: int(big)}})


def test_csv_problems_name_the_line(tmp_path):
    from prongsai.results_io import read_results

    nul = tmp_path / "nul.csv"
    nul.write_bytes("agency,fiscal_year,1\nก,2565,9\x000\n".encode())
    with pytest.raises(InputError, match=r"แถว 2 › indicators › 1: คะแนน '9\?0' ไม่ใช่ตัวเลข"):  # NUL not echoed
        read_results(nul)
    quote = tmp_path / "quote.csv"
    quote.write_text('agency,fiscal_year,1\nก,2565,"9\n0\n', encoding="utf-8")
    with pytest.raises(InputError, match="แถว 2 › indicators › 1: คะแนน '9 0' ไม่ใช่ตัวเลข"):
        read_results(quote)
    huge = tmp_path / "field.csv"
    huge.write_text('agency,fiscal_year,1\n"ก' + "ข" * 200_000 + '",2565,90\n', encoding="utf-8")
    with pytest.raises(InputError, match="ช่องข้อมูลยาวเกิน 131,072 ตัวอักษร"):
        read_results(huge)


# Any JSON-shaped value where a results mapping is expected: parse_results refuses it with an
# InputError (or reads it), whatever the types.
_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.sampled_from(["2564", "๙๐", "O12", "IIT", "agency", "1" + "0" * 400, "24 มกราคม 2565", "ผ่าน"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from([*TOP_FIELDS, *MEETING_FIELDS, *PROGRESS_FIELDS, "score", "reason", "1", "O12", "IIT"])
        | st.text(max_size=5) | st.integers(), inner, max_size=5),
    max_leaves=25)


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({"agency": _JSONISH, "fiscal_year": st.sampled_from([2564, "2565", 2567, None]) | _JSONISH},
                             optional={k: _JSONISH for k in TOP_FIELDS if k not in ("agency", "fiscal_year")}))
def test_any_shape_of_values_is_read_or_refused_in_thai(data):
    try:
        parse_results(data)
    except InputError as exc:
        assert "\n" not in str(exc)
        text = json.dumps(data, ensure_ascii=False, default=str)
        assert not english_words(str(exc), Path("-"), text), str(exc)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1: -[]{},&*!|>'\"%@`#?\t\n\\") + ["\x00", "\x07", "ก"]), max_size=40))
def test_any_yaml_text_is_read_or_refused_in_thai(text):
    try:
        loads_yaml(text)
    except YamlError as exc:
        assert not english_words(exc.message, Path("-"), text), (text, exc.message)
