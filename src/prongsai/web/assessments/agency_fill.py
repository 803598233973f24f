"""A copy of a results file with the agency's name filled in where the file has none.

On an agency's page the agency is known: a form downloaded from the CLI, or one whose name cell
was left empty, is that agency's. Called after the core has refused the file for the missing
name; the file is read here within the core's limits (size, ZIP directory, nesting, rows), and
the copy goes back through the core (`read_results`), which checks everything again."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prongsai.results_io import FIELD_ALIASES
from prongsai.thai import normalise_text
from prongsai.untrusted_files import LIMITS, check_tree, check_zip, read_capped
from prongsai.yamlio import decode_text, loads_json, loads_yaml

_FORM_HEADERS = {"รหัส", "field", "key"}  # the first heading of the form layout (`prongsai template`)
_AGENCY_HEADINGS = {"agency"} | {alias for alias, key in FIELD_ALIASES.items() if key == "agency"}


def fill_agency(path: Path, agency: str) -> Path | None:
    """The path of a filled-in copy beside `path`, or None when the file names an agency already
    (or is not one the copy can be made of). The caller removes the copy."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return _fill_mapping(path, agency, suffix)
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        return None
    filled = _fill_rows(rows, agency)
    if filled is None:
        return None
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[_cell(c) for c in row] for row in filled])
    return _write_beside(path, ".csv", buffer.getvalue())


def _fill_mapping(path: Path, agency: str, suffix: str) -> Path | None:
    text = decode_text(read_capped(path, LIMITS))
    if suffix == ".json":
        data = loads_json(text)
        check_tree(data, LIMITS)
    else:
        data = loads_yaml(text, limits=LIMITS)
    if not isinstance(data, dict) or not _blank(data.get("agency")):
        return None
    # JSON, because it writes every value YAML can hold here; dates become their ISO text,
    # which the core reads as it reads a date written in the file.
    filled = {"agency": agency, **{k: v for k, v in data.items() if k != "agency"}}
    return _write_beside(path, ".json", json.dumps(filled, ensure_ascii=False, default=str))


def _fill_rows(rows: list[list[Any]], agency: str) -> list[list[Any]] | None:
    rows = [list(r) for r in rows if any(not _blank(c) for c in r)]
    if not rows:
        return None
    header = [_text(c) for c in rows[0]]
    if header[0].lower() in _FORM_HEADERS:  # one field per row: key | label | value | reason
        for row in rows[1:]:
            if _text(row[0]) in _AGENCY_HEADINGS:
                row.extend([None] * (3 - len(row)))
                if not _blank(row[2]):
                    return None
                row[2] = agency
                return rows
        rows.append(["agency", "ชื่อหน่วยงาน", agency, ""])
        return rows
    column = next((i for i, h in enumerate(header) if h in _AGENCY_HEADINGS), None)
    if column is None:
        rows[0].append("agency")
        for row in rows[1:]:
            row.extend([None] * (len(header) - len(row)))
            row.append(agency)
        return rows
    changed = False
    for row in rows[1:]:
        row.extend([None] * (column + 1 - len(row)))
        if _blank(row[column]):
            row[column] = agency
            changed = True
    return rows if changed else None


def _capped(rows: Iterator[Any]) -> list[list[Any]]:
    """No more rows than the core takes (a header row, the data rows and one to tell it so),
    each no wider than it takes: a longer file is the core's to refuse, not ours to read."""
    return [list(row)[: LIMITS.columns + 1] for row in itertools.islice(rows, LIMITS.rows + 2)]


def _csv_rows(path: Path) -> list[list[Any]]:
    text = decode_text(read_capped(path, LIMITS))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _capped(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    data = read_capped(path, LIMITS)
    check_zip(data, LIMITS)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return _capped(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _write_beside(path: Path, suffix: str, text: str) -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="agency-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return Path(name)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    return "" if _blank(value) else normalise_text(str(value))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
