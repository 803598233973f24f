"""Which OIT items the agency's public pages can be the evidence of (data/oit_pages.yaml), and the
suggestions the OIT checklist shows for them ("ใช้หน้าในระบบ “โปร่งใส” ได้: <address>").

The file names items of a few fiscal years; the other years are reached through the framework
library (successors, the crosswalk, carried years, the same item name), so a new year's framework
brings its suggestions without a change here. The file is validated against the schema below when
it is read; `problems()` checks every link against the framework library (the tests call it, so a
wrong item code fails them).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from django.urls import NoReverseMatch, reverse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from prongsai.errors import InputError
from prongsai.ita.library import describe_validation_error, library, parse_stable_id
from prongsai.yamlio import YamlError, load_yaml_file

logger = logging.getLogger("prongsai.web")

DATA_FILE = Path(__file__).with_name("data") / "oit_pages.yaml"
FRAMEWORK_ID = re.compile(r"^ita-\d{4}(-[a-z][a-z0-9]*)?$")
# The public pages a link may name: url names of /p/<agency_id>/… (public_document takes a kind).
PAGES = ("public_home", "public_qa", "public_measures", "public_document", "complaint_new", "complaint_status",
         "complaint_statistics", "public_complaint_guideline", "borrow", "borrow_rules", "public_survey_results",
         "public_eservice", "public_eservice_statistics")
# Pages that are a file: the OIT item links the PDF.
PDF_PAGES = ("public_complaint_guideline", "borrow_rules")
COMPLAINT_PAGES = ("complaint_new", "complaint_status", "public_complaint_guideline")
DOCUMENT_KINDS = ("analysis", "plan", "implementation")
YEARLY = ("public_measures", "public_document")  # pages that show one plan year: ?year= in the address
Key = tuple[int, str | None]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemLink(_Strict):
    framework: str
    code: str = Field(pattern=r"^O\d{1,3}$")
    name: str = Field(min_length=1)
    plan_year: Literal[0, -1] = 0
    period: Literal["6-month", "year-end"] | None = None

    @field_validator("framework")
    @classmethod
    def _framework_id(cls, value: str) -> str:
        if not FRAMEWORK_ID.match(value):
            raise ValueError(f"framework must look like ita-2567 or ita-2569-ovec, not {value}")
        return value

    @property
    def key(self) -> Key:
        return parse_stable_id(f"{self.framework}:{self.code}")[0]


class PageLinks(_Strict):
    page: str
    kind: str | None = None
    label: str = Field(min_length=1)
    items: tuple[ItemLink, ...] = Field(min_length=1)
    not_in: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> PageLinks:
        if self.page not in PAGES:
            raise ValueError(f"unknown page {self.page}: one of {', '.join(PAGES)}")
        if (self.page == "public_document") != (self.kind is not None):
            raise ValueError("kind is given for public_document, and only for it")
        if self.kind is not None and self.kind not in DOCUMENT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(DOCUMENT_KINDS)}")
        seen = set()
        for link in self.items:
            if (link.framework, link.code) in seen:
                raise ValueError(f"{link.framework}:{link.code} is listed twice for {self.page}")
            seen.add((link.framework, link.code))
            if link.period is not None and self.kind != "implementation":
                raise ValueError("period is for the implementation report only")
            if link.plan_year and self.page not in YEARLY:
                raise ValueError(f"plan_year is for pages of one plan year ({', '.join(YEARLY)})")
        for framework in self.not_in:
            if not FRAMEWORK_ID.match(framework):
                raise ValueError(f"not_in: {framework} is not a framework id")
            if any(link.framework == framework for link in self.items):
                raise ValueError(f"{framework} is both listed and in not_in for {self.page}")
        return self

    @property
    def ref(self) -> str:
        return f"{self.page}:{self.kind}" if self.kind else self.page


class OitPages(_Strict):
    id: str
    version: str
    description: str | None = None
    pages: tuple[PageLinks, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> OitPages:
        refs = [p.ref for p in self.pages]
        doubled = sorted({r for r in refs if refs.count(r) > 1})
        if doubled:
            raise ValueError(f"pages listed twice: {', '.join(doubled)}")
        return self


def load(path: Path = DATA_FILE) -> OitPages:
    try:
        data = load_yaml_file(path)
    except YamlError as exc:
        raise InputError(str(exc), file=str(path), expected="ไฟล์ YAML ตามสคีมา OitPages") from None
    try:
        return OitPages.model_validate(data)
    except ValidationError as exc:
        where, what = describe_validation_error(exc)
        raise InputError(f"ไฟล์หน้าสาธารณะสำหรับรายการ OIT ไม่ถูกต้อง: {what}", file=str(path), where=where,
                         expected="ตามสคีมา OitPages ใน prongsai.web.public.oit_pages") from None


@cache
def pages() -> OitPages:
    return load()


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def problems(data: OitPages | None = None) -> list[str]:
    """Links that do not match the framework library: an unknown framework, a code the year does
    not have or that is not an OIT item, or a name other than the item's."""
    data = data or pages()
    lib = library()
    found = []
    for page in data.pages:
        for framework in page.not_in:
            (year, variant), _ = parse_stable_id(f"{framework}:O1")
            if not lib.has(year, variant):
                found.append(f"{page.ref}: not_in {framework}: no such framework in the library")
        for link in page.items:
            year, variant = link.key
            if not lib.has(year, variant):
                found.append(f"{page.ref}: {link.framework}: no such framework in the library")
                continue
            item = lib.get(year, variant).item_by_code.get(link.code)
            if item is None or item.instrument != "OIT":
                found.append(f"{page.ref}: {link.framework} has no OIT item {link.code}")
            elif not _same(item.name, link.name):
                found.append(f"{page.ref}: {link.framework}:{link.code} is named {item.name!r}, not {link.name!r}")
    return found


# --- from the file to a year's items ------------------------------------------------------------

@dataclass(frozen=True)
class PageItem:
    """One page that fits one item of a framework: `plan_year` and `period` as in the file."""

    page: str
    kind: str | None
    label: str
    code: str
    plan_year: int
    period: str | None
    carried_from: str | None = None  # the framework the link was carried from (None: listed)


def _carry(page: PageLinks, target: Key) -> list[tuple[str, ItemLink]]:
    """The target framework's codes for the page: listed, or carried from the nearest listed
    framework of the same line (general or one variant), hop by hop through the library."""
    lib = library()
    year, variant = target
    listed: dict[Key, list[ItemLink]] = {}
    for link in page.items:
        listed.setdefault(link.key, []).append(link)
    if target in listed:
        return [(link.code, link) for link in listed[target]]
    closed = {parse_stable_id(f"{f}:O1")[0] for f in page.not_in}
    if target in closed:
        return []
    # level by level: the listed frameworks, then those reached from them, nearest year first
    reached: dict[Key, list[tuple[str, ItemLink]]] = {
        key: [(link.code, link) for link in links] for key, links in listed.items() if key[1] == variant}
    frontier = list(reached)
    years = [y for y, v in lib.keys if v == variant]
    while frontier:
        frontier.sort(key=lambda k: (abs(k[0] - year), -k[0]))
        found = []
        for key in frontier:
            found = [(code, link) for c, link in reached[key]
                     if (code := lib.counterpart(key[0], c, year, variant)) is not None]
            if found:
                return found
        following = []
        for key in frontier:
            for other in years:
                if (other, variant) in reached or (other, variant) in closed or other == year:
                    continue
                hops = [(code, link) for c, link in reached[key]
                        if (code := lib.counterpart(key[0], c, other, variant)) is not None]
                if hops:
                    reached[(other, variant)] = hops
                    following.append((other, variant))
        frontier = following
    return []


def items_for(year: int, variant: str | None) -> dict[str, tuple[PageItem, ...]]:
    """{item code: the pages that fit it} for the framework of `year` (and variant)."""
    return _items_for(library(), year, variant or None)


@cache
def _items_for(lib: object, year: int, variant: str | None) -> dict[str, tuple[PageItem, ...]]:
    out: dict[str, list[PageItem]] = {}
    target = (year, variant or None)
    for page in pages().pages:
        for code, link in _carry(page, target):
            carried = None if link.key == target else link.framework
            out.setdefault(code, []).append(PageItem(page.page, page.kind, page.label, code, link.plan_year,
                                                     link.period, carried))
    return {code: tuple(found) for code, found in out.items()}


# --- suggestions for an agency --------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str  # absolute
    note: str | None = None  # what the agency still has to do for the page to show what the item asks


def page_path(agency_id: int, page: str, kind: str | None = None, plan_year: int | None = None,
              period: str | None = None) -> str | None:
    """The page's address (path and query), or None while the page does not exist in this install
    (a channel not installed yet)."""
    try:
        if page == "public_document":
            path = reverse(page, args=[agency_id, kind, "pdf"])
        elif page in PDF_PAGES:
            path = reverse(page, args=[agency_id, "pdf"])
        else:
            path = reverse(page, args=[agency_id])
    except NoReverseMatch:
        return None
    query = []
    if plan_year is not None and page in YEARLY:
        query.append(f"year={plan_year}")
    if period:
        query.append(f"period={period}")
    return path + ("?" + "&".join(query) if query else "")


def suggestions(agency, framework, absolute: Callable[[str], str]) -> dict[str, list[Suggestion]]:  # type: ignore[no-untyped-def]
    """{OIT code: the public pages to suggest for it} for the agency's checklist of `framework`,
    with a note where the page does not yet show what the item asks (no approved plan of the
    year, contact details not filled in, the complaint channel not open)."""
    from prongsai.web.public.models import PublicProfile
    from prongsai.web.public.published import approved_years

    try:
        found = items_for(framework.fiscal_year, framework.variant)
    except InputError:  # a broken data file must not take the checklist down
        logger.exception("OIT page suggestions unavailable")
        return {}
    if not found:
        return {}
    approved = set(approved_years(agency))
    profile = PublicProfile.objects.filter(agency=agency).first()
    missing_contact = profile.missing_contact if profile else [
        str(PublicProfile._meta.get_field(f).verbose_name) for f in PublicProfile.CONTACT_FIELDS]
    channel_open = _complaints_open(agency)
    out: dict[str, list[Suggestion]] = {}
    for code, items in found.items():
        for item in items:
            plan_year = framework.fiscal_year + item.plan_year if item.page in YEARLY else None
            path = page_path(agency.pk, item.page, item.kind, plan_year, item.period)
            if path is None:
                continue
            note = None
            if plan_year is not None and plan_year not in approved:
                note = f"ยังไม่มีแผนมาตรการปีงบประมาณ {plan_year} ที่ได้รับอนุมัติ"
            elif item.page == "public_home" and missing_contact:
                note = "ยังไม่ได้กรอก" + " ".join(missing_contact) + " (เมนูหน้าสาธารณะ)"
            elif item.page in COMPLAINT_PAGES and not channel_open:
                note = "ยังไม่เปิดรับเรื่องร้องเรียนทางเว็บไซต์ (เมนูช่องทางร้องเรียน)"
            out.setdefault(code, []).append(Suggestion(item.label, absolute(path), note))
    return out


def _complaints_open(agency) -> bool:  # type: ignore[no-untyped-def]
    """Whether the agency's complaint channel takes reports (prongsai.web.complaints)."""
    try:
        from prongsai.web.complaints.models import ChannelSettings
    except ImportError:  # pragma: no cover - the channel is part of every install
        return True
    return bool(ChannelSettings.objects.filter(agency=agency, is_open=True).exists())
