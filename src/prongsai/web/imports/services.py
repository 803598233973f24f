"""Applying a results table (prongsai.results_table) to the workspace: match each row's agency by
normalised name and province, create the missing agencies (with their type's standard units),
add or update their results, in one transaction, with a few queries whatever the file's size.

A result is stored the way every other way of entering one stores it (`Result.set_year_result`,
scored by the core) and the previous values of a changed result are kept where the single-agency
upload keeps them: in the audit entry, before → after. The audit log gets an entry in the log
of each agency the file creates or whose results it adds to or changes, and one system entry for
the import (file, counts, the agencies it created); a file that changes nothing writes nothing.
They are chained in one batch (AuditEntry.append_many): one at a time, the hash chain's lock and
two writes per entry made 8,000 new agencies cost 10 s of a national import.

An import never deletes a stored score: a row for an agency and year already stored that leaves
blank an indicator, an instrument (IIT/EIT/OIT), an item or the published total the stored result
has is refused (`_blanked`), naming the blank columns; changing a value is an update as usual, and
a new result may be as incomplete as the file has it.

`run(…, apply=False)` is the preview: the same plan, nothing written. It lists, for the first
SHOWN results added and changed, the agency, the year, the total the system computes and, for a
changed one, the old → new total and each score that changes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import router, transaction
from django.utils import timezone

from prongsai.errors import InputError
from prongsai.ita.results import YearResult
from prongsai.results_table import Refusal, Table, TableRow, agency_key
from prongsai.web.agencies.access import supervisor_scopes
from prongsai.web.agencies.forms import default_units
from prongsai.web.agencies.models import Agency, SupervisorScope, Unit
from prongsai.web.assessments.models import Result
from prongsai.web.audit import log
from prongsai.web.audit.models import AuditEntry, AuditHead

BATCH = 500  # rows per INSERT/UPDATE and ids per IN (…): inside every backend's parameter cap
NAMED = 200  # new agencies the system entry names (then "และอีก N แห่ง")
SHOWN = 200  # rows of each list the preview and the summary show
RESULT_FIELDS = ("indicators", "instruments", "items", "published_total", "published_level", "total", "level",
                 "source", "source_name", "updated_by", "updated_at")


@dataclass(frozen=True)
class Change:
    """One result to add or change, as the preview and the summary list it."""

    row: int
    agency: str
    province: str
    fiscal_year: int
    before: float | None  # the stored total (None when the result is new)
    after: float | None  # the total the system computes from the row
    level: str = ""  # the level the system computes ("" when it cannot be determined)
    filled: str = ""  # what the row gives, e.g. "ตัวชี้วัด 10 ตัว"
    # each score that changes: (column, stored value, the row's value), "–" for a blank
    differences: tuple[tuple[str, str, str], ...] = ()
    record: Agency | None = field(default=None, compare=False, repr=False)  # its pk once written

    @property
    def agency_pk(self) -> int | None:
        return self.record.pk if self.record is not None else None


@dataclass
class Outcome:
    file_name: str
    rows: int = 0
    agencies_created: int = 0
    results_added: int = 0
    results_changed: int = 0
    results_unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    new_agencies: list[dict[str, Any]] = field(default_factory=list)  # the first SHOWN ("agency": its Agency)
    additions: list[Change] = field(default_factory=list)  # the first SHOWN results added
    changes: list[Change] = field(default_factory=list)  # the first SHOWN changed results
    applied: bool = False

    @property
    def writes(self) -> int:
        return self.agencies_created + self.results_added + self.results_changed

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file_name, "rows": self.rows, "agencies_created": self.agencies_created,
                "results_added": self.results_added, "results_changed": self.results_changed,
                "results_unchanged": self.results_unchanged, "refused": [r.as_json() for r in self.refused]}

    def summary(self) -> str:
        return (f"อ่าน {self.rows:,} แถว: เพิ่มหน่วยงาน {self.agencies_created:,} แห่ง, "
                f"เพิ่มผลการประเมิน {self.results_added:,} รายการ, แก้ไข {self.results_changed:,} รายการ, "
                f"ไม่เปลี่ยนแปลง {self.results_unchanged:,} รายการ, ไม่นำเข้า {len(self.refused):,} แถว")


@dataclass
class _NewAgency:
    agency: Agency
    rows: list[TableRow] = field(default_factory=list)


@dataclass
class _Plan:
    outcome: Outcome
    new: dict[tuple[str, str], _NewAgency] = field(default_factory=dict)
    add: list[tuple[Agency | _NewAgency, TableRow]] = field(default_factory=list)
    change: list[tuple[Result, TableRow]] = field(default_factory=list)
    agencies: dict[int, Agency] = field(default_factory=dict)


def run(table: Table, user: Any, file_name: str, *, apply: bool) -> Outcome:
    """What the table does to the workspace; with `apply`, done, all in one transaction."""
    if not apply:
        return _plan(table, user, file_name).outcome
    using = router.db_for_write(Result)
    with transaction.atomic(using=using):
        # Two imports at once would each create the agencies the other is creating: the audit
        # chain's head is locked by every audited write anyway, so it is the import's lock too.
        AuditHead.locked(using)
        plan = _plan(table, user, file_name)
        if plan.outcome.writes:
            _write(plan, user, file_name)
        plan.outcome.applied = True
    return plan.outcome


# --- the plan --------------------------------------------------------------------------------

def _plan(table: Table, user: Any, file_name: str) -> _Plan:
    outcome = Outcome(file_name=file_name, rows=table.read, refused=list(table.refused))
    plan = _Plan(outcome)
    existing: dict[tuple[str, str], list[Agency]] = {}
    for agency in Agency.objects.only("id", "name", "province", "agency_type", "district").iterator(chunk_size=5000):
        existing.setdefault(agency_key(agency.name, agency.province), []).append(agency)
    scopes = None if user is None or user.is_superuser else supervisor_scopes(user)
    matched: list[tuple[Agency, TableRow]] = []
    for row in table.rows:
        found = existing.get(row.key, [])
        if len(found) > 1:
            outcome.refused.append(Refusal(row.row, str(InputError(
                f"ในระบบมีหน่วยงานชื่อ {row.agency} จังหวัด{row.province or ' (ไม่ระบุ)'} มากกว่าหนึ่งแห่ง "
                "จึงไม่ทราบว่าเป็นผลของแห่งใด", where="คอลัมน์ชื่อหน่วยงาน",
                expected="ให้ผู้ดูแลระบบแก้ไขชื่อหน่วยงานในระบบไม่ให้ซ้ำกันก่อน หรือบันทึกผลการประเมินที่หน้าของหน่วยงานนั้น"))))
            continue
        agency = found[0] if found else None
        if scopes is not None:
            province = agency.province if agency else row.province
            district = agency.district if agency else row.district
            agency_type = agency.agency_type if agency else row.agency_type
            if not any(s.covers(province, district, agency_type) for s in scopes):
                outcome.refused.append(Refusal(row.row, _outside_scope(row, province, district, agency_type, scopes)))
                continue
        if agency is not None:
            plan.agencies[agency.pk] = agency
            matched.append((agency, row))
            continue
        new = plan.new.get(row.key)
        if new is None:
            new = plan.new[row.key] = _NewAgency(Agency(name=row.agency, province=row.province))
        _fill(new.agency, row)
        new.rows.append(row)
        plan.add.append((new, row))
    stored = _stored_results(plan.agencies, {row.year.fiscal_year for _, row in matched})
    for agency, row in matched:
        result = stored.get((agency.pk, row.year.fiscal_year))
        if result is None:
            plan.add.append((agency, row))
            continue
        stored_year = result.year_result()
        if stored_year == row.year:
            outcome.results_unchanged += 1
            continue
        blanked = _blanked(stored_year, row.year)
        if blanked:
            outcome.refused.append(Refusal(row.row, _keeps_scores(agency, row, blanked)))
        else:
            plan.change.append((result, row))
    outcome.refused.sort(key=lambda r: r.row)
    outcome.agencies_created = len(plan.new)
    outcome.results_added = len(plan.add)
    outcome.results_changed = len(plan.change)
    outcome.new_agencies = [{"name": n.agency.name, "province": n.agency.province, "district": n.agency.district,
                             "agency_type": n.agency.agency_type, "years": ", ".join(str(r.year.fiscal_year) for r in n.rows),
                             "agency": n.agency}
                            for n in list(plan.new.values())[:SHOWN]]
    for target, row in sorted(plan.add, key=lambda pair: pair[1].row)[:SHOWN]:
        agency = target.agency if isinstance(target, _NewAgency) else target
        total, level = _score(row)
        outcome.additions.append(Change(row.row, agency.name, agency.province, row.year.fiscal_year, None, total,
                                        level, _filled(row.year), record=agency))
    for result, row in plan.change[:SHOWN]:
        agency = plan.agencies[result.agency_id]
        total, level = _score(row)
        outcome.changes.append(Change(row.row, agency.name, agency.province, row.year.fiscal_year, result.total,
                                      total, level, _filled(row.year), _differences(result.year_result(), row.year),
                                      record=agency))
    return plan


def _fill(agency: Agency, row: TableRow) -> None:
    """A new agency takes the first district, type and framework variant its rows give."""
    agency.district = agency.district or row.district
    agency.agency_type = agency.agency_type or row.agency_type
    agency.framework_variant = agency.framework_variant or (row.variant or "")


def _outside_scope(row: TableRow, province: str, district: str, agency_type: str,
                   scopes: Sequence[SupervisorScope]) -> str:
    mine = "; ".join(str(s) for s in scopes)  # "กาญจนบุรี / ทุกประเภท"
    return str(InputError(
        f"{row.agency} (จังหวัด{province or ' ไม่ระบุ'} อำเภอ{district or ' ไม่ระบุ'} ประเภท {agency_type or 'ไม่ระบุ'}) "
        "อยู่นอกขอบเขตการกำกับดูแลของท่าน จึงนำเข้าไม่ได้", where="คอลัมน์จังหวัด อำเภอ และประเภทหน่วยงาน",
        expected=f"เฉพาะหน่วยงานในขอบเขตของท่าน ({mine}) หน่วยงานนอกขอบเขตให้ผู้ดูแลระบบเป็นผู้นำเข้า"))


def _stored_results(agencies: dict[int, Agency], years: set[int]) -> dict[tuple[int, int], Result]:
    stored: dict[tuple[int, int], Result] = {}
    ids = list(agencies)
    for start in range(0, len(ids), BATCH):
        for result in Result.objects.filter(agency_id__in=ids[start:start + BATCH], fiscal_year__in=sorted(years)):
            stored[(result.agency_id, result.fiscal_year)] = result
    return stored


def _score(row: TableRow) -> tuple[float | None, str]:
    """The total and level the system computes from the row (as it will store them)."""
    probe = Result()
    probe.set_year_result(row.year)
    return probe.total, probe.level


# --- what a row leaves blank, and what it changes ------------------------------------------------

INSTRUMENTS = ("IIT", "EIT", "OIT")
TOTAL_LABEL = "คะแนนรวม"


def _item_order(code: str) -> tuple[str, int, str]:
    match = re.match(r"^([A-Za-z]*)(\d+)(.*)$", code)
    return (match.group(1).upper(), int(match.group(2)), match.group(3)) if match else (code, 0, "")


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _indicator_list(numbers: list[int]) -> str:
    """[2, 3, …, 10] → "ตัวชี้วัดที่ 2–10"; [1, 3, 4] → "ตัวชี้วัดที่ 1, 3–4"."""
    return "ตัวชี้วัดที่ " + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in _runs(numbers))


def _item_list(codes: list[str]) -> str:
    """["O1", "O2", "O3", "O12"] → "ข้อ O1–O3, O12"."""
    by_prefix: dict[str, list[int]] = {}
    odd: list[str] = []
    for code in codes:
        match = re.match(r"^([A-Za-z]*)(\d+)$", code)
        if match:
            by_prefix.setdefault(match.group(1), []).append(int(match.group(2)))
        else:
            odd.append(code)
    parts = [f"{p}{a}" if a == b else f"{p}{a}–{p}{b}" for p, numbers in by_prefix.items() for a, b in _runs(numbers)]
    return "ข้อ " + ", ".join(parts + odd)


def _blanked(stored: YearResult, row: YearResult) -> list[str]:
    """The stored scores the row leaves blank, as column names ("ตัวชี้วัดที่ 2–10", "IIT", "ข้อ O12",
    "คะแนนรวม"); empty when the row keeps every one of them."""
    out: list[str] = []
    indicators = [no for no in stored.indicators if no not in row.indicators]
    if indicators:
        out.append(_indicator_list(indicators))
    instruments = sorted((k for k in stored.instruments if k not in row.instruments),
                         key=lambda k: (INSTRUMENTS.index(k) if k in INSTRUMENTS else 9, k))
    out.extend(instruments)
    items = sorted((code for code in stored.items if code not in row.items), key=_item_order)
    if items:
        out.append(_item_list(items))
    if stored.total is not None and row.total is None:
        out.append(TOTAL_LABEL)
    return out


def _keeps_scores(agency: Agency, row: TableRow, blanked: list[str]) -> str:
    place = f" จังหวัด{agency.province}" if agency.province else ""
    columns = ", ".join(blanked[:-1]) + f" และ{blanked[-1]}" if len(blanked) > 1 else blanked[0]
    return str(InputError(
        f"ผลการประเมินปี {row.year.fiscal_year} ของ{agency.name}{place} ที่บันทึกไว้มีคะแนน{columns} "
        "แต่แถวนี้เว้นว่าง ระบบจะไม่ลบคะแนนที่บันทึกไว้",
        expected="กรอกคะแนนให้ครบทุกคอลัมน์ที่มีอยู่เดิม หรือแก้ไขผลที่หน้าผลการประเมินของหน่วยงาน"))


def _filled(year: YearResult) -> str:
    """What a row gives, in a few words: "ตัวชี้วัด 10 ตัว, IIT EIT OIT, 3 ข้อ"."""
    parts = []
    if year.indicators:
        parts.append(f"ตัวชี้วัด {len(year.indicators)} ตัว")
    if year.instruments:
        parts.append(" ".join(sorted(year.instruments, key=lambda k: (INSTRUMENTS.index(k) if k in INSTRUMENTS
                                                                     else 9, k))))
    if year.items:
        parts.append(f"{len(year.items)} ข้อ")
    if year.total is not None:
        parts.append(f"{TOTAL_LABEL}ที่ประกาศ")
    return ", ".join(parts) or "–"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{float(value) + 1e-9:.2f}"


def _differences(stored: YearResult, row: YearResult) -> tuple[tuple[str, str, str], ...]:
    """Each score (and the published level) the row changes: (column, before, after)."""
    out: list[tuple[str, str, str]] = []
    for no in sorted(set(stored.indicators) | set(row.indicators)):
        before, after = stored.indicators.get(no), row.indicators.get(no)
        if before != after:
            out.append((f"ตัวชี้วัดที่ {no}", _fmt(before), _fmt(after)))
    for key in sorted(set(stored.instruments) | set(row.instruments),
                      key=lambda k: (INSTRUMENTS.index(k) if k in INSTRUMENTS else 9, k)):
        before, after = stored.instruments.get(key), row.instruments.get(key)
        if before != after:
            out.append((key, _fmt(before), _fmt(after)))
    for code in sorted(set(stored.items) | set(row.items), key=_item_order):
        old, new = stored.items.get(code), row.items.get(code)
        if old is None or new is None or old.score != new.score:
            out.append((code, _fmt(old.score if old else None), _fmt(new.score if new else None)))
        elif (old.reason or None) != (new.reason or None):
            out.append((f"{code} เหตุผล", old.reason or "–", new.reason or "–"))
    if stored.total != row.total:
        out.append((f"{TOTAL_LABEL}ที่ประกาศ", _fmt(stored.total), _fmt(row.total)))
    if (stored.level or None) != (row.level or None):
        out.append(("ระดับที่ประกาศ", stored.level or "–", row.level or "–"))
    return tuple(out)


# --- writing -------------------------------------------------------------------------------------

def _write(plan: _Plan, user: Any, file_name: str) -> None:
    now = timezone.now()
    source_name = file_name[:200]
    updater = user if user is not None and user.is_authenticated else None
    news = list(plan.new.values())
    created = Agency.objects.bulk_create([n.agency for n in news], batch_size=BATCH)
    if news and created[0].pk is None:  # a backend that does not return ids from bulk inserts
        _fetch_ids(news)
    units = [Unit(agency=n.agency, name=name, order=order) for n in news
             for order, name in enumerate(default_units(n.agency.agency_type))]
    Unit.objects.bulk_create(units, batch_size=BATCH)

    added: dict[int, list[Result]] = {}
    rows = []
    for target, row in plan.add:
        agency = target.agency if isinstance(target, _NewAgency) else target
        result = Result(agency=agency, source=Result.FILE, source_name=source_name, updated_by=updater)
        result.set_year_result(row.year)
        rows.append(result)
        added.setdefault(agency.pk, []).append(result)
    Result.objects.bulk_create(rows, batch_size=BATCH)

    changed: dict[int, list[tuple[dict[str, str], Result]]] = {}
    for result, row in plan.change:
        before = result.audit_snapshot()
        result.set_year_result(row.year)
        result.source, result.source_name, result.updated_by, result.updated_at = Result.FILE, source_name, updater, now
        changed.setdefault(result.agency_id, []).append((before, result))
    # One UPDATE per changed result: Django's bulk_update writes CASE WHEN … per column, which
    # SQLite evaluates row by row (5,000 results took 12 s that way, 1.2 s like this).
    for pairs in changed.values():
        for _, result in pairs:
            Result.objects.filter(pk=result.pk).update(**{name: getattr(result, name) for name in RESULT_FIELDS})
    if changed:  # an UPDATE sends no signal: the supervisor overview's figures must not stay cached
        from prongsai.web.supervision.overview import data_changed

        data_changed()
    _audit(plan, user, file_name, news, added, changed)


def _fetch_ids(news: list[_NewAgency]) -> None:
    wanted = {(n.agency.name, n.agency.province): n for n in news}
    for pk, name, province in Agency.objects.filter(name__in=[n.agency.name for n in news]).order_by("-pk") \
            .values_list("pk", "name", "province"):
        new = wanted.get((name, province))
        if new is not None and new.agency.pk is None:
            new.agency.pk = pk
            new.agency._state.adding = False


def _audit(plan: _Plan, user: Any, file_name: str, news: list[_NewAgency], added: dict[int, list[Result]],
           changed: dict[int, list[tuple[dict[str, str], Result]]]) -> None:
    source = f"จากการนำเข้าไฟล์ {file_name}"
    entries = []
    for new in news:
        agency = new.agency
        after = log.snapshot(agency, Agency.AUDIT_FIELDS)
        after["กอง/สำนัก"] = ", ".join(default_units(agency.agency_type))
        after.update(_years_added(added.get(agency.pk, [])))
        entries.append(log.entry(user, agency, AuditEntry.CREATE, "หน่วยงาน", agency,
                                 f"เพิ่มหน่วยงาน {agency.name} {source}", {k: ["", v] for k, v in after.items() if v}))
    for pk in sorted(set(added) | set(changed)):
        agency = plan.agencies.get(pk)
        if agency is None:  # a new agency: its own entry above holds its results
            continue
        changes: dict[str, list[str]] = {}
        years = []
        for result in added.get(pk, []):
            years.append(f"เพิ่มผลปี {result.fiscal_year}")
            changes.update({k: ["", v] for k, v in _years_added([result]).items()})
        for before, result in changed.get(pk, []):
            years.append(f"แก้ไขผลปี {result.fiscal_year}")
            for key, pair in log.diff(before, result.audit_snapshot()).items():
                changes[f"ปี {result.fiscal_year} › {key}"] = pair
        entries.append(log.entry(user, agency, AuditEntry.UPDATE, "ผลการประเมิน", agency,
                                 f"{' '.join(years)} {source}", changes))
    outcome = plan.outcome
    entries.append(log.entry(user, None, AuditEntry.CREATE, "นำเข้าผลการประเมิน", None,
                             f"นำเข้าไฟล์ {file_name} — {outcome.summary()}", {
        "ไฟล์": ["", file_name], "แถวที่อ่าน": ["", f"{outcome.rows:,}"],
        "หน่วยงานที่เพิ่ม": ["", f"{outcome.agencies_created:,}"], "ผลที่เพิ่ม": ["", f"{outcome.results_added:,}"],
        "ผลที่แก้ไข": ["", f"{outcome.results_changed:,}"], "ผลที่ไม่เปลี่ยน": ["", f"{outcome.results_unchanged:,}"],
        "แถวที่ไม่นำเข้า": ["", ", ".join(str(r.row) for r in outcome.refused[:50])
                           + (" …" if len(outcome.refused) > 50 else "")],
        "หน่วยงานที่เพิ่มจากไฟล์นี้": ["", _named(news)],
    }))
    log.append_many(entries)


def _named(news: list[_NewAgency]) -> str:
    names = [f"{n.agency.name} (จ.{n.agency.province})" if n.agency.province else n.agency.name for n in news[:NAMED]]
    more = len(news) - NAMED
    return ", ".join(names) + (f" และอีก {more:,} แห่ง" if more > 0 else "")


def _years_added(results: Iterable[Result]) -> dict[str, str]:
    out = {}
    for result in sorted(results, key=lambda r: r.fiscal_year):
        total = "ไม่มีคะแนนรวม" if result.total is None else f"คะแนนรวม {result.total:.2f}"
        out[f"ผลการประเมินปี {result.fiscal_year}"] = total + (f" ระดับ {result.level}" if result.level else "")
    return out
