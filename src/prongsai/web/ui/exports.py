"""Every list or table page answers ``?format=csv`` and ``?format=xlsx`` (design §5.7) through
one call: the view builds its rows once, shows them, and hands the same rows here::

    rows = [(m.name, m.role_th, m.joined_on) for m in members]          # all of them, filtered
    if (file := export_response(request, title="สมาชิก", headers=HEADERS, rows=rows,
                                filename=f"สมาชิก-{agency.name}")) is not None:
        return file
    return render(request, "…", {…, "exports": True})   # base.html shows "ส่งออก: Excel · CSV"

The file (see prongsai.documents.table_sheets for the cells: Buddhist-era dates, numbers as
numbers, Thai yes/no, the formula guard) is logged in the audit log as a download of the
agency the page belongs to (request.access, set by agency_view) or of no agency (global pages).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai.documents import table_sheets as sheets

FORMATS = sheets.TYPES
FORMAT_LABELS = {"xlsx": "Excel", "csv": "CSV"}
PARAM = "format"


def requested_format(request: HttpRequest) -> str | None:
    """The format asked for: None when none is; Http404 for one we do not write."""
    fmt = request.GET.get(PARAM)
    if fmt is None or fmt == "":
        return None
    if fmt not in FORMATS:
        raise Http404("ไม่รองรับไฟล์รูปแบบนี้ (รองรับเฉพาะ CSV และ XLSX)")
    return fmt


def wants_export(request: HttpRequest) -> bool:
    """True when the request asks for a file (a view may then skip work only the page needs)."""
    return requested_format(request) is not None


def file_name(filename: str, fmt: str) -> str:
    """`filename` ending in .csv/.xlsx, with no characters a file system refuses."""
    name = filename
    for ext in FORMATS:
        if name.lower().endswith("." + ext):
            name = name[: -len(ext) - 1]
    name = "".join("-" if ch in '/\\:*?"<>|\r\n\t' else ch for ch in name).strip(" .") or "ตาราง"
    return f"{name}.{fmt}"


def exported_on_line() -> str:
    return f"ข้อมูล ณ วันที่ {sheets.be_datetime(timezone.localtime())}"


def export_response(request: HttpRequest, *, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                    filename: str, subtitle: Sequence[str] = (), agency: Any = None, audit: bool = True,
                    stream: bool = False) -> HttpResponse | None:
    """None when the request asks for no file (no ?format=); Http404 (raised) for an unknown
    format; else the file, with every row given (the caller passes all of them, not one page).

    `subtitle`: lines under the title in XLSX (the agency name is added when known, then the
    filter; the moment exported always comes last). `agency`: whose download it is in the
    audit log (default: the page's, request.access). `stream`: CSV sent as it is written (for
    long lists such as the audit log; XLSX is always built whole)."""
    fmt = requested_format(request)
    if fmt is None:
        return None
    access = getattr(request, "access", None)
    if agency is None and access is not None:
        agency = access.agency
    lines = [str(s) for s in subtitle if s]
    if agency is not None and agency.name not in lines:
        lines.insert(0, agency.name)
    lines.append(exported_on_line())
    name = file_name(filename, fmt)
    zone = timezone.get_current_timezone()
    if audit:
        from prongsai.web.audit import log

        log.downloaded(request, agency, title, None, name)
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv" and stream:
        response = StreamingHttpResponse(sheets.csv_chunks(headers, rows, zone), content_type=FORMATS[fmt])
    elif fmt == "csv":
        response = HttpResponse(sheets.csv_bytes(headers, rows, zone), content_type=FORMATS[fmt])
    else:
        body = sheets.xlsx_bytes(title, headers, rows, subtitle=lines, zone=zone,
                                 author=agency.name if agency is not None else "โปร่งใส")
        response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


def export_links(request: HttpRequest, formats: Any = True) -> list[tuple[str, str]]:
    """(label, href) for the page's "ส่งออก" control: the current query (filters) kept, the
    paginator's page dropped. `formats`: True for both, or a list such as ["xlsx"]."""
    chosen = list(FORMATS) if formats is True else [f for f in formats if f in FORMATS]
    query = [(k, v) for k, values in request.GET.lists() if k not in ("page", PARAM) for v in values]
    order = [f for f in ("xlsx", "csv") if f in chosen]
    return [(FORMAT_LABELS[f], "?" + urlencode([*query, (PARAM, f)])) for f in order]
