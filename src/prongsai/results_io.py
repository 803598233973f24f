"""Reading results files (YAML, JSON, CSV, XLSX) into core types, with Thai errors that name
the file, the row or field, and what was expected (design §5.1).

YAML/JSON hold one agency. CSV/XLSX come in two layouts:
- the form layout of `prongsai template` — columns `รหัส | รายการ | คะแนน/ค่า | เหตุผล`,
  one field per row, one agency-year per file;
- the table layout — a header row of field names (agency, fiscal_year, 1…10 or indicator
  names, IIT/EIT/OIT, item codes, `O12 เหตุผล` …) and one row per agency and year, so one file
  can carry earlier years (rows of the same agency) or many agencies (`read_many`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from prongsai import yamlio
from prongsai.errors import InputError
from prongsai.ita.library import available_years, get_framework
from prongsai.ita.model import INSTRUMENTS, Framework
from prongsai.ita.names import UnknownReference, indicator_no, item_code
from prongsai.ita.results import AgencyResults, ItemResult, Meeting, ProgressEntry, YearResult
from prongsai.thai import ThaiDateError, normalise_text, parse_number, parse_thai_date, to_arabic_digits
from prongsai.yamlio import YamlError, loads_json, loads_yaml, read_text

GetFramework = Callable[[int], Framework]

YEAR_FIELDS = ("fiscal_year", "indicators", "instruments", "items", "total", "level")
TOP_FIELDS = ("agency", "agency_type", "province", "district", "prepared_by", "units", "meeting",
              "progress", "previous", *YEAR_FIELDS)
PROGRESS_STATUSES = ("ยังไม่เริ่ม", "กำลังดำเนินการ", "เสร็จสิ้น", "ล่าช้า")

# Column headings people use for the plain fields, in Thai or English.
FIELD_ALIASES = {
    "หน่วยงาน": "agency", "ชื่อหน่วยงาน": "agency", "ประเภทหน่วยงาน": "agency_type", "ประเภท": "agency_type",
    "จังหวัด": "province", "อำเภอ": "district", "ผู้จัดทำ": "prepared_by", "ปีงบประมาณ": "fiscal_year",
    "ปี": "fiscal_year", "คะแนนรวม": "total", "ระดับ": "level", "ระดับผลการประเมิน": "level",
}
FIELD_LABELS = {
    "agency": "ชื่อหน่วยงาน", "agency_type": "ประเภทหน่วยงาน (อบต., เทศบาลตำบล, …)", "province": "จังหวัด",
    "district": "อำเภอ", "prepared_by": "ผู้จัดทำ", "fiscal_year": "ปีงบประมาณ (พ.ศ.)",
    "total": "คะแนนรวมที่ประกาศ (ถ้ามี)", "level": "ระดับผลการประเมินที่ประกาศ (ถ้ามี)",
}
_REASON_SUFFIX = re.compile(r"^(.+?)[\s_\-]*(เหตุผล|สาเหตุ|reason)$", re.IGNORECASE)
_FORM_HEADERS = {"รหัส", "field", "key"}


# --- whole files ---------------------------------------------------------------------------

def read_results(path: str | Path, get_fw: GetFramework = get_framework) -> AgencyResults:
    """The one agency a file describes (several rows of one agency are its years)."""
    path = Path(path)
    found = read_many(path, get_fw)
    if len(found) != 1:
        names = ", ".join(a.agency for a in found[:3])
        raise InputError(f"ไฟล์มีข้อมูลหลายหน่วยงาน ({names} …)", file=str(path),
                         expected="ไฟล์ละหนึ่งหน่วยงาน หรือใช้การนำเข้าหลายหน่วยงาน")
    return found[0]


def read_many(path: str | Path, get_fw: GetFramework = get_framework) -> list[AgencyResults]:
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml", ".json"):
            text = read_text(path)
            data = loads_json(text) if suffix == ".json" else _loads_results_yaml(text)
            return [parse_results(data, get_fw, source=str(path))]
        if suffix == ".csv":
            return _from_rows(_csv_rows(path), get_fw, str(path))
        if suffix in (".xlsx", ".xlsm"):
            return _from_rows(_xlsx_rows(path), get_fw, str(path))
    except YamlError as exc:
        raise InputError(str(exc), file=str(path)) from None
    except InputError as exc:
        raise exc.located(file=str(path)) from None
    raise InputError(f"ไม่รองรับไฟล์ชนิด '{suffix or 'ไม่มีนามสกุล'}'", file=str(path),
                     expected=".yaml, .json, .csv หรือ .xlsx")


class _ResultsYamlLoader(yamlio._StrictLoader):  # type: ignore[name-defined,misc]
    """The strict loader, with dates kept as the text written: PyYAML would turn `2564-12-08`
    into date(2564, 12, 8) and fail outright on `2563-02-29` (a leap day in BE) or `2564-02-30`
    with an English ValueError; as text, `parse_date` reads them and names the field."""


_ResultsYamlLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                   lambda loader, node: loader.construct_scalar(node))


def _loads_results_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_ResultsYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.YAMLError:
        return loads_yaml(text)  # the same failure, worded by yamlio


def _csv_rows(path: Path) -> list[list[Any]]:
    text = read_text(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise YamlError("ไม่พบไฟล์") from None
    except (BadZipFile, KeyError, OSError, ValueError):
        raise YamlError("อ่านเป็นไฟล์ Excel (.xlsx) ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ .xlsx") from None
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(str(value))


def _from_rows(rows: list[list[Any]], get_fw: GetFramework, source: str) -> list[AgencyResults]:
    rows = [r for r in rows if any(not _blank(c) for c in r)]
    if not rows:
        raise InputError("ไฟล์ว่าง ไม่มีข้อมูล", expected="แถวหัวตารางและข้อมูลอย่างน้อยหนึ่งแถว")
    header = [_cell_text(c) if not _blank(c) else "" for c in rows[0]]
    if header and header[0].lower() in _FORM_HEADERS:
        return [parse_results(_form_to_mapping(rows), get_fw, source=source)]
    return _table_to_results(header, rows[1:], get_fw, source)


def _form_to_mapping(rows: list[list[Any]]) -> dict[str, Any]:
    """Form layout: rows of `key | label | value | reason` (the template)."""
    header = [_cell_text(c).lower() if not _blank(c) else "" for c in rows[0]]
    value_col = next((i for i, h in enumerate(header) if h in ("คะแนน/ค่า", "คะแนน", "ค่า", "value")), 2)
    reason_col = next((i for i, h in enumerate(header) if h in ("เหตุผล", "สาเหตุ", "reason")), None)
    data: dict[str, Any] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * 4
        key = cells[0]
        value = cells[value_col]
        reason = cells[reason_col] if reason_col is not None else None
        if _blank(key) or (_blank(value) and _blank(reason)):
            continue
        _place(data, _cell_text(key), value, reason, f"แถว {number}")
    return data


def _table_to_results(header: list[str], rows: list[list[Any]], get_fw: GetFramework,
                      source: str) -> list[AgencyResults]:
    if "agency" not in [FIELD_ALIASES.get(h, h) for h in header]:
        raise InputError("ไม่พบคอลัมน์ชื่อหน่วยงาน", where="แถว 1",
                         expected="คอลัมน์ agency หรือ หน่วยงาน (หรือใช้แบบฟอร์มจาก prongsai template)")
    per_agency: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, row in enumerate(rows, start=2):
        data: dict[str, Any] = {}
        reasons: dict[str, Any] = {}
        for col, heading in enumerate(header):
            value = row[col] if col < len(row) else None
            if not heading or _blank(value):
                continue
            reason_of = _REASON_SUFFIX.match(heading)
            if reason_of:
                reasons[reason_of.group(1)] = (value, f"แถว {number} คอลัมน์ '{heading}'")
                continue
            _place(data, heading, value, None, f"แถว {number} คอลัมน์ '{heading}'")
        for code, (reason, where) in reasons.items():
            items = data.setdefault("items", {})
            if code not in items:
                raise InputError(f"มีเหตุผลของข้อ {code} แต่ไม่มีคะแนนของข้อนั้น", where=where)
            items[code] = {"score": items[code], "reason": reason}
        agency = normalise_text(str(data.get("agency", "")))
        if not agency:
            raise InputError("ไม่มีชื่อหน่วยงาน", where=f"แถว {number}", expected="ชื่อหน่วยงานในคอลัมน์ agency")
        per_agency.setdefault(agency, []).append((number, data))
    results = []
    for entries in per_agency.values():
        years = [_year_of(d, f"แถว {n}") for n, d in entries]
        latest = max(range(len(entries)), key=lambda i: years[i])
        number, current = entries[latest]
        current = dict(current)
        current["previous"] = [
            {k: v for k, v in d.items() if k in YEAR_FIELDS} for i, (_, d) in enumerate(entries) if i != latest
        ]
        try:
            results.append(parse_results(current, get_fw, source=source))
        except InputError as exc:
            raise exc.located(where=f"แถว {number}") from None
    return results


def _year_of(data: dict[str, Any], where: str) -> int:
    try:
        return _parse_int(data.get("fiscal_year"))
    except ValueError:
        raise InputError("ปีงบประมาณไม่ถูกต้อง", where=where, expected="ปี พ.ศ. เช่น 2567") from None


def _place(data: dict[str, Any], key: str, value: Any, reason: Any, where: str) -> None:
    """Put one spreadsheet cell into the results mapping: plain field, instrument, item or
    indicator (anything else is taken as an indicator reference and checked later)."""
    field = FIELD_ALIASES.get(key, key)
    upper = to_arabic_digits(key).upper().replace(" ", "")
    if field in TOP_FIELDS and field not in ("indicators", "instruments", "items", "previous"):
        target, name = data, field
    elif upper in INSTRUMENTS:
        target, name = data.setdefault("instruments", {}), upper
    elif re.fullmatch(r"[IEO0]\d{1,3}", upper):  # "0๑๒" is how reports print O12
        target, name = data.setdefault("items", {}), key
        if not _blank(reason):
            value = {"score": value, "reason": reason}
    else:
        target, name = data.setdefault("indicators", {}), key
    if name in target:
        raise InputError(f"'{key}' ระบุซ้ำ", where=where, expected="ระบุแต่ละช่องครั้งเดียว")
    target[name] = value


# --- the mapping (YAML/JSON, or assembled from rows) -------------------------------------------

def parse_results(data: Any, get_fw: GetFramework = get_framework, source: str | None = None) -> AgencyResults:
    if not isinstance(data, dict):
        raise InputError("ไฟล์ผลการประเมินต้องเป็นชุดข้อมูลแบบ ช่อง: ค่า", expected="เช่น agency: …, fiscal_year: 2567")
    _no_unknown_fields(data, TOP_FIELDS, None)
    agency = _text(data, "agency", required=True)
    current = _parse_year(data, get_fw, None)
    previous = data.get("previous") or []
    if not isinstance(previous, list):
        raise InputError("ต้องเป็นรายการของปีก่อนหน้า", where="previous", expected="- fiscal_year: 2566 …")
    earlier = []
    for index, entry in enumerate(previous, start=1):
        where = f"previous[{index}]"
        if not isinstance(entry, dict):
            raise InputError("ต้องเป็นชุดข้อมูลของหนึ่งปี", where=where, expected="fiscal_year: …, indicators: …")
        _no_unknown_fields(entry, YEAR_FIELDS, where)
        earlier.append(_parse_year(entry, get_fw, where))
    years = [current.fiscal_year, *(y.fiscal_year for y in earlier)]
    if len(set(years)) != len(years):
        raise InputError("ปีงบประมาณซ้ำกันระหว่างปีปัจจุบันกับปีก่อนหน้า", where="previous",
                         expected="แต่ละปีระบุครั้งเดียว")
    if any(y > current.fiscal_year for y in years):
        raise InputError("ปีใน previous ต้องก่อนปีปัจจุบัน", where="previous",
                         expected=f"ปีก่อน {current.fiscal_year}")
    return AgencyResults(
        agency=agency,
        current=current,
        previous=tuple(sorted(earlier, key=lambda y: y.fiscal_year)),
        agency_type=_agency_type(_text(data, "agency_type"), agency),
        province=_text(data, "province"),
        district=_text(data, "district"),
        prepared_by=_text(data, "prepared_by"),
        units=_parse_units(data.get("units")),
        meeting=_parse_meeting(data.get("meeting")),
        progress=_parse_progress(data.get("progress")),
        source=source,
    )


def _agency_type(given: str | None, agency: str) -> str | None:
    """The agency type as the units book names it; from the agency's name when not given."""
    from prongsai.planning.catalogue import canonical_agency_type, load_units

    try:
        return canonical_agency_type(given or agency)
    except ValueError:
        if given is None:
            return None
        known = ", ".join(load_units().agency_types)
        raise InputError(f"ไม่รู้จักประเภทหน่วยงาน '{given}'", where="agency_type", expected=known) from None


def _no_unknown_fields(data: dict[str, Any], allowed: Iterable[str], where: str | None) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            raise InputError(f"ไม่รู้จักช่อง '{key}'", where=where,
                             expected="ช่องที่ใช้ได้: " + ", ".join(allowed))


def _text(data: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if _blank(value):
        if required:
            raise InputError(f"ขาดช่อง '{key}'", where=key, expected="ข้อความ เช่น องค์การบริหารส่วนตำบล…")
        return None
    if isinstance(value, dict | list):
        raise InputError("ต้องเป็นข้อความ", where=key)
    return normalise_text(str(value))


def _parse_int(value: Any) -> int:
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    number = parse_number(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _score(value: Any, where: str) -> float:
    try:
        number = parse_number(value)
    except ValueError:
        raise InputError(f"คะแนน '{value}' ไม่ใช่ตัวเลข", where=where, expected="ตัวเลข 0–100 เช่น 84.05 หรือ ๘๔.๐๕") from None
    if not 0 <= number <= 100:
        raise InputError(f"คะแนน {value} อยู่นอกช่วง", where=where, expected="ตัวเลข 0–100")
    return number


def _parse_year(data: dict[str, Any], get_fw: GetFramework, where: str | None) -> YearResult:
    def at(name: str) -> str:
        return f"{where} › {name}" if where else name

    raw_year = data.get("fiscal_year")
    try:
        year = _parse_int(raw_year)
    except ValueError:
        raise InputError("ขาดปีงบประมาณหรือไม่ถูกต้อง" if raw_year is None else f"ปีงบประมาณ '{raw_year}' ไม่ถูกต้อง",
                         where=at("fiscal_year"), expected="ปี พ.ศ. เช่น 2567") from None
    if 1900 < year < 2100:
        raise InputError(f"ปีงบประมาณ {year} เป็นปี ค.ศ.", where=at("fiscal_year"),
                         expected=f"ปี พ.ศ. เช่น {year + 543}")
    try:
        fw = get_fw(year)
    except KeyError:
        years = available_years()
        raise InputError(f"ไม่มีกรอบการประเมินของปีงบประมาณ {year} ในคลัง", where=at("fiscal_year"),
                         expected=f"ปี {years[0]}–{years[-1]} หรือเพิ่มไฟล์กรอบของปีนั้น") from None

    indicators: dict[int, float] = {}
    raw = data.get("indicators")
    if isinstance(raw, list):
        if len(raw) != len(fw.indicators):
            raise InputError(f"รายการคะแนนตัวชี้วัดมี {len(raw)} ค่า", where=at("indicators"),
                             expected=f"ครบ {len(fw.indicators)} ค่าเรียงตามลำดับตัวชี้วัด หรือระบุเป็น ตัวชี้วัด: คะแนน")
        raw = {ind.no: value for ind, value in zip(sorted(fw.indicators, key=lambda i: i.no), raw, strict=True)}
    if raw is not None and not isinstance(raw, dict):
        raise InputError("ต้องเป็นรายการ ตัวชี้วัด: คะแนน", where=at("indicators"), expected="เช่น 1: 93.57")
    names_used: dict[int, str] = {}
    for key, value in (raw or {}).items():
        here = at(f"indicators › {key}")
        try:
            no = indicator_no(fw, key)
        except UnknownReference as exc:
            raise InputError(str(exc), where=here,
                             expected="เลขตัวชี้วัด 1–10 หรือชื่อตัวชี้วัดตามคู่มือ ITA") from None
        if no in indicators:
            raise InputError(f"ตัวชี้วัดที่ {no} ระบุซ้ำ (ทั้ง '{names_used[no]}' และ '{key}')", where=here,
                             expected="แต่ละตัวชี้วัดระบุครั้งเดียว")
        indicators[no] = _score(value, here)
        names_used[no] = str(key)

    instruments: dict[str, float] = {}
    raw = data.get("instruments")
    if raw is not None and not isinstance(raw, dict):
        raise InputError("ต้องเป็นรายการ แบบวัด: คะแนน", where=at("instruments"), expected="เช่น IIT: 88.0")
    for key, value in (raw or {}).items():
        code = str(key).strip().upper()
        if code not in INSTRUMENTS:
            raise InputError(f"ไม่รู้จักแบบวัด '{key}'", where=at("instruments"), expected="IIT, EIT หรือ OIT")
        if code in instruments:
            raise InputError(f"แบบวัด {code} ระบุซ้ำ", where=at("instruments"))
        instruments[code] = _score(value, at(f"instruments › {key}"))

    items: dict[str, ItemResult] = {}
    raw = data.get("items")
    if raw is not None and not isinstance(raw, dict):
        raise InputError("ต้องเป็นรายการ รหัสข้อ: คะแนน", where=at("items"), expected="เช่น O12: 0")
    for key, value in (raw or {}).items():
        here = at(f"items › {key}")
        try:
            code = item_code(fw, key)
        except UnknownReference as exc:
            raise InputError(str(exc), where=here,
                             expected=f"รหัสข้อที่มีในกรอบปี {year} เช่น I1, E1, O1") from None
        if code in items:
            raise InputError(f"ข้อ {code} ระบุซ้ำ", where=here, expected="แต่ละข้อระบุครั้งเดียว")
        reason = None
        if isinstance(value, dict):
            _no_unknown_fields(value, ("score", "reason"), here)
            reason = _text(value, "reason")
            value = value.get("score")
        item_score = _score(value, here)
        if code.startswith("O") and item_score not in (0.0, 100.0):
            raise InputError(f"ข้อ OIT ได้คะแนน {value}", where=here, expected="0 (ไม่ผ่าน) หรือ 100 (ผ่าน)")
        items[code] = ItemResult(code, item_score, reason)

    total = None if _blank(data.get("total")) else _score(data.get("total"), at("total"))
    level = _parse_level(fw, data.get("level"), at("level"))
    if not indicators and not instruments and not items and total is None:
        raise InputError("ไม่มีคะแนนเลย", where=where or "indicators",
                         expected="คะแนนตัวชี้วัด (indicators) คะแนนแบบวัด (instruments) หรือคะแนนรวม (total)")
    return YearResult(year, indicators, instruments, items, total, level)


def _parse_level(fw: Framework, value: Any, where: str) -> str | None:
    if _blank(value):
        return None
    text = normalise_text(str(value))
    text = re.sub(r"^(ระดับ(ผลการประเมิน)?)\s*", "", text).strip()
    if fw.levels is None:
        return text
    names = [r.level for r in fw.levels.rules]
    for name in names:
        if text.replace(" ", "").upper() == name.replace(" ", "").upper():
            return name
    raise InputError(f"ไม่รู้จักระดับ '{value}' ของปี {fw.fiscal_year}", where=where, expected=", ".join(names))


def _parse_units(value: Any) -> dict[str, str]:
    if _blank(value):
        return {}
    if not isinstance(value, dict):
        raise InputError("ต้องเป็นรายการ บทบาท: ชื่อกอง/สำนัก", where="units", expected="เช่น finance: กองคลัง")
    units = {}
    for role, name in value.items():
        if _blank(name) or isinstance(name, dict | list):
            raise InputError("ต้องเป็นชื่อหน่วยงานย่อย", where=f"units › {role}", expected="เช่น กองคลัง")
        units[str(role).strip()] = normalise_text(str(name))
    return units


def parse_date(value: Any, where: str) -> date:
    """A date in any form of `prongsai.thai.parse_thai_date` (8 ธันวาคม 2564, ๘ ธ.ค. ๖๔,
    8/12/2564, ISO with a BE or CE year, a YAML date); InputError naming the field otherwise."""
    try:
        return parse_thai_date(value)
    except ThaiDateError as exc:
        raise InputError(f"วันที่ '{exc.written}' ไม่ถูกต้อง: {exc.problem}", where=where,
                         expected=exc.expected) from None


def _text_list(value: Any, where: str, example: str) -> tuple[str, ...]:
    """A list of texts; a single text is a one-item list; blanks are dropped."""
    if _blank(value):
        return ()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise InputError("ต้องเป็นรายการข้อความ", where=where, expected=example)
    texts = []
    for index, entry in enumerate(value, start=1):
        if _blank(entry):
            continue
        if isinstance(entry, dict | list | bool):
            raise InputError("ต้องเป็นข้อความ", where=f"{where}[{index}]", expected=example)
        texts.append(normalise_text(str(entry)))
    return tuple(texts)


MEETING_FIELDS = ("date", "title", "place", "attendees", "approver")
PROGRESS_FIELDS = ("measure", "status", "done", "result", "outcome", "as_of", "evidence")


def _parse_meeting(value: Any) -> Meeting | None:
    if _blank(value):
        return None
    if not isinstance(value, dict):
        raise InputError("ต้องเป็นชุดข้อมูลการประชุม", where="meeting", expected=", ".join(MEETING_FIELDS))
    _no_unknown_fields(value, MEETING_FIELDS, "meeting")
    for key in ("title", "place", "approver"):
        if isinstance(value.get(key), dict | list):
            raise InputError("ต้องเป็นข้อความ", where=f"meeting › {key}")
    return Meeting(
        date=None if _blank(value.get("date")) else parse_date(value["date"], "meeting › date"),
        title=_text(value, "title"),
        place=_text(value, "place"),
        attendees=_text_list(value.get("attendees"), "meeting › attendees", "- นายกองค์การบริหารส่วนตำบล …"),
        approver=_text(value, "approver"),
    )


def _parse_progress(value: Any) -> tuple[ProgressEntry, ...]:
    if _blank(value):
        return ()
    if not isinstance(value, list):
        raise InputError("ต้องเป็นรายการผลการดำเนินการ", where="progress",
                         expected="- measure: …, status: …, done: …")
    entries = []
    for index, entry in enumerate(value, start=1):
        where = f"progress[{index}]"
        if not isinstance(entry, dict):
            raise InputError("ต้องเป็นชุดข้อมูลของหนึ่งมาตรการ", where=where)
        _no_unknown_fields(entry, PROGRESS_FIELDS, where)
        for key in ("measure", "status", "done", "result", "outcome"):
            if isinstance(entry.get(key), dict | list):
                raise InputError("ต้องเป็นข้อความ", where=f"{where} › {key}")
        measure = _text(entry, "measure")
        if measure is None:
            raise InputError("ขาดชื่อหรือลำดับมาตรการ", where=f"{where} › measure",
                             expected="ชื่อมาตรการตามแผน หรือเลขลำดับ")
        status = _text(entry, "status") or "กำลังดำเนินการ"
        if status not in PROGRESS_STATUSES:
            raise InputError(f"สถานะ '{status}' ไม่ถูกต้อง", where=f"{where} › status",
                             expected=", ".join(PROGRESS_STATUSES))
        entries.append(ProgressEntry(
            measure=measure, status=status, done=_text(entry, "done"), result=_text(entry, "result"),
            outcome=_text(entry, "outcome"),
            as_of=None if _blank(entry.get("as_of")) else parse_date(entry["as_of"], f"{where} › as_of"),
            evidence=_text_list(entry.get("evidence"), f"{where} › evidence",
                                "- รายงานผลการดำเนินงาน.pdf หรือ - https://…"),
        ))
    return tuple(entries)
