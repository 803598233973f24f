"""The figures of the supervisor overview, read from the database for one fiscal year of results
and one scope (the agencies the user supervises, narrowed by province, district and type).

Speed at national scale (8,000 agencies): the figures are aggregated in SQL, and the result is
kept in Django's cache under a key made of the scope, the filter and a cheap *data version* read
from the database on every request (a counter bumped by signals on every save and delete of what
the figures are made of, and the newest id of each of those tables, for rows added in bulk). Any worker process that reads the same data
version may reuse the figures, and a change anywhere makes a new key, so no worker shows stale
figures; nothing is kept in process memory between requests except through the cache. Only the
page's 50 rows get per-row detail (measures done, OIT readiness), read live."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, FloatField, Func, Max, OuterRef, QuerySet, Subquery
from django.db.models.lookups import LessThan

from prongsai.web.agencies.access import supervisor_scopes, visible_agencies
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.assessments.models import Result
from prongsai.web.oit.models import OitCheck, OitRun
from prongsai.web.plans.models import Measure, Plan, ProgressEntry
from prongsai.web.supervision.models import DataVersion

CACHE_SECONDS = 600  # a bound on staleness should a bump be lost (a process killed right after a commit)
LEVEL_NONE = "ยังระบุไม่ได้"
NO_LEVEL = "none"  # the level filter's value for agencies whose level is undetermined
PLAN_TH = {"approved": "อนุมัติแล้ว", "draft": "ร่าง", "none": "ยังไม่มีแผน"}
MEASURE_TH = {"done": "เสร็จสิ้น", "in_progress": "กำลังดำเนินการ", "late": "ล่าช้า", "not_started": "ยังไม่เริ่ม"}
CHECK_TH = dict(OitCheck.STATUSES)
RUN_TH = {"ok": "ผ่าน", "stale": "ไม่เป็นปัจจุบัน", "incomplete": "ไม่ครบองค์ประกอบ", "unreachable": "เปิดไม่ได้",
          "unreadable": "อ่านไม่ได้", "missing": "ไม่มีลิงก์"}


# --------------------------------------------------------------------------- cache keys


WATCHED = (Agency, Result, Plan, Measure, ProgressEntry, OitCheck, OitRun)


def data_changed(sender: Any = None, **kwargs: Any) -> None:
    """Signal receiver (apps.py) for a save or delete of anything the overview shows: bump the
    shared version once the transaction commits (once per transaction, however many rows it
    writes; outside it, so a long import does not hold the version row locked)."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        bump()
        return
    # Once per transaction: the callback waiting is remembered on the connection (a rollback
    # drops it from the waiting list, and then the next write registers a new one).
    pending = getattr(conn, "_supervision_bump", None)
    if pending is not None and any(entry[1] is pending for entry in conn.run_on_commit):
        return

    def run() -> None:
        if getattr(conn, "_supervision_bump", None) is run:
            conn._supervision_bump = None
        bump()

    conn._supervision_bump = run
    transaction.on_commit(run)


def bump() -> None:
    if not DataVersion.objects.filter(name="data").update(counter=F("counter") + 1):
        DataVersion.objects.get_or_create(name="data", defaults={"counter": 1})


def data_version() -> str:
    """One cheap query: the version bumped on every save and delete, and the newest id of each
    table (rows added in bulk, which sends no signal). Any write the figures would show changes it."""
    tables = [m._meta.db_table for m in WATCHED]
    sql = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {t})" for t in tables) + (
        f", (SELECT counter FROM {DataVersion._meta.db_table} WHERE name = 'data')")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return "|".join(str(v) for v in row)


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:32]


def cached(name: str, key_parts: tuple, compute: Any) -> Any:
    key = f"prongsai:supervise:{name}:{_digest(*key_parts)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


class JsonNumber(Func):
    """A number under a key of a JSON object column, as a float (NULL when absent). Django's own
    key lookups read a key such as "1" as an array index on SQLite; the indicators use such keys."""

    output_field = FloatField()

    def __init__(self, column: str, *keys: str) -> None:
        self.keys = keys
        super().__init__(F(column))

    def as_sql(self, compiler: Any, conn: Any, **extra: Any) -> tuple[str, list]:
        column, params = compiler.compile(self.source_expressions[0])
        if conn.vendor == "postgresql":
            return f"CAST(({column} #>> %s) AS DOUBLE PRECISION)", [*params, list(self.keys)]
        path = "$" + "".join('."' + k.replace('"', "") + '"' for k in self.keys)
        return f"CAST(json_extract({column}, %s) AS REAL)", [*params, path]


# --------------------------------------------------------------------------- the scope


@dataclass(frozen=True)
class Scope:
    """The agencies the user reads, narrowed by the page's place filter."""

    user: Any
    province: str = ""
    district: str = ""
    agency_type: str = ""
    _key: list = field(default_factory=list, compare=False, repr=False)

    @property
    def everything(self) -> bool:
        return bool(self.user.is_superuser)

    def whole(self) -> Scope:
        return Scope(self.user, _key=self._key)

    def restrict(self, qs: QuerySet, prefix: str = "agency") -> QuerySet:
        """`qs` limited to the scope's agencies, through the relation `prefix` ("" for Agency)."""
        p = f"{prefix}__" if prefix else ""
        if not self.everything:
            qs = qs.filter(**{f"{p}pk__in" if not prefix else f"{prefix}__in": visible_agencies(self.user)})
        for name in ("province", "district", "agency_type"):
            value = getattr(self, name)
            if value:
                qs = qs.filter(**{f"{p}{name}": value})
        return qs

    def agencies(self) -> QuerySet[Agency]:
        return self.restrict(Agency.objects.all(), "")

    def key(self) -> tuple:
        """Who sees what: the same key means the same agencies (given the same data version)."""
        if not self._key:
            if self.everything:
                who: Any = "all"
            else:
                # every field SupervisorScope.as_q matches on: a district scope sees less than its province's
                who = (sorted((s.province, s.district, s.agency_type) for s in supervisor_scopes(self.user)),
                       sorted(Membership.objects.filter(user=self.user).values_list("agency_id", flat=True)))
            self._key.append(who)
        return (self._key[0], self.province, self.district, self.agency_type)


def years_of(scope: Scope) -> list[int]:
    qs = Result.objects.all() if scope.everything else scope.whole().restrict(Result.objects.all())
    return sorted(set(qs.order_by().values_list("fiscal_year", flat=True).distinct()), reverse=True)


def choices(scope: Scope, version: str) -> dict[str, Any]:
    """The filter's choices: provinces, districts per province and agency types in the scope."""
    whole = scope.whole()

    def compute() -> dict[str, Any]:
        places = set(whole.agencies().order_by().values_list("province", "district", "agency_type").distinct())
        districts: dict[str, set[str]] = defaultdict(set)
        for province, district, _ in places:
            if province and district:
                districts[province].add(district)
        return {"provinces": sorted({p for p, _, _ in places if p}),
                "districts": {p: sorted(d) for p, d in districts.items()},
                "types": sorted({t for _, _, t in places if t})}

    return cached("choices", (whole.key(), version), compute)


# --------------------------------------------------------------------------- the figures

# One row of the agency table: what the list is sorted and filtered by.
ID, NAME, TYPE, DISTRICT, PROVINCE, TOTAL, LEVEL, PLAN_ID, PLAN_STATUS = range(9)


def raw_rows(qs: QuerySet) -> list[tuple]:
    """The rows of a values_list query of plain columns, without the ORM's per-value converters
    (a third of the time on 8,000 rows)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _indicator_figures(results: QuerySet, numbers: list[int], pass_mark: float) -> dict[str, Any]:
    """Mean, count and count below the pass mark of every indicator, and the mean total, in one
    query that reads each indicator out of the JSON once per row."""
    inner = results.order_by().annotate(**{f"i{no}": JsonNumber("indicators", str(no)) for no in numbers}).values(
        "total", *[f"i{no}" for no in numbers])
    sql, params = inner.query.sql_with_params()
    mark = repr(float(pass_mark))
    columns = ["AVG(total)"]
    for no in numbers:
        columns += [f"AVG(i{no})", f"COUNT(i{no})", f"SUM(CASE WHEN i{no} < {mark} THEN 1 ELSE 0 END)"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM ({sql}) figures", params)
        row = cursor.fetchone()
    out: dict[str, Any] = {"mean_total": row[0]}
    for index, no in enumerate(numbers):
        mean, count, weak = row[1 + 3 * index: 4 + 3 * index]
        out.update({f"mean{no}": mean, f"count{no}": count, f"weak{no}": weak})
    return out


def _tracked_plans(scope: Scope, year: int) -> dict[int, tuple[int, str]]:
    """agency → (plan id, status) of the plan built on the year's result that progress follows:
    the latest approved version, not a draft revision of it (as on the agency's tracking page)."""
    tracked: dict[int, tuple[int, str]] = {}
    rows = scope.restrict(Plan.objects.filter(based_on_year=year)).order_by("agency_id", "version")
    for agency_id, plan_id, status in raw_rows(rows.values_list("agency_id", "pk", "status")):
        current = tracked.get(agency_id)
        if current is None or status == Plan.APPROVED or current[1] != Plan.APPROVED:
            tracked[agency_id] = (plan_id, status)
    return tracked


def _latest_status() -> Subquery:
    return Subquery(ProgressEntry.objects.filter(agency_id=OuterRef("plan__agency_id"), lineage=OuterRef("lineage"))
                    .order_by("-as_of", "-id").values("status")[:1])


def measure_counts(plans: Iterable[int] | QuerySet) -> dict[int, Counter]:
    """plan id → Counter of its measures' latest reported status (not_started when none)."""
    out: dict[int, Counter] = defaultdict(Counter)
    qs = Measure.objects.filter(plan__in=plans).annotate(st=_latest_status()).order_by()
    for plan_id, status, n in qs.values_list("plan_id", "st").annotate(n=Count("pk")).values_list("plan_id", "st", "n"):
        out[plan_id][status or "not_started"] += n
    return out


def _sub_sql(qs: QuerySet) -> tuple[str, list]:
    sql, params = qs.values("pk").query.sql_with_params()
    return sql, list(params)


def weak_items(scope: Scope, year: int, pass_mark: float) -> Counter:
    """item code → how many agencies scored it below the pass mark (IIT/EIT items) or failed it
    (OIT items, score below 100), counted in SQL from the results' item JSON."""
    table = Result._meta.db_table
    where, params = ["r.fiscal_year = %s"], [year]
    if not scope.everything or scope.province or scope.district or scope.agency_type:
        sub, sub_params = _sub_sql(scope.agencies())
        where.append(f"r.agency_id IN ({sub})")
        params += sub_params
    if connection.vendor == "sqlite":
        each, score = "json_each(r.items) j", "CAST(json_extract(j.value, '$.score') AS REAL)"
    elif connection.vendor == "postgresql":
        each, score = "jsonb_each(r.items) j", "CAST(j.value->>'score' AS DOUBLE PRECISION)"
    else:  # another database: count in Python
        counts: Counter = Counter()
        for items in scope.restrict(Result.objects.filter(fiscal_year=year)).values_list("items", flat=True):
            for code, item in (items or {}).items():
                value = float(item["score"])
                if value < (100 if code.startswith("O") else pass_mark) and code[:1] in "IEO":
                    counts[code] += 1
        return counts
    sql = (f"SELECT j.key, COUNT(*) FROM {table} r, {each} WHERE {' AND '.join(where)} AND ("
           f"(substr(j.key, 1, 1) = 'O' AND {score} < 100) OR "
           f"(substr(j.key, 1, 1) IN ('I', 'E') AND {score} < %s)) GROUP BY j.key")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pass_mark])
        return Counter(dict(cursor.fetchall()))


def oit_codes(oit_year: int) -> tuple[str, ...]:
    """The OIT items of the year's framework (what each agency's checklist lists); none when the
    library has no framework of that year."""
    from prongsai.ita.library import get_framework

    try:
        return tuple(item.code for item in get_framework(oit_year).items_of("OIT"))
    except KeyError:
        return ()


def _oit_totals(results: QuerySet, oit_year: int, codes: tuple[str, ...]) -> dict[str, Any]:
    """The OIT readiness of the agencies of `results` (those with a result of the overview's year:
    the table's rows), counted as each agency's checklist counts it: an item without a saved check
    is "ยังไม่ตรวจ" too (items of the year's framework minus the ones saved with another status)."""
    population = results.order_by().values("agency_id")
    agencies = results.count()
    checks: Counter = Counter()
    per_agency: dict[int, Counter] = defaultdict(Counter)
    qs = OitCheck.objects.filter(fiscal_year=oit_year, code__in=codes, agency_id__in=population).order_by()
    for agency_id, status, n in qs.values_list("agency_id", "status").annotate(n=Count("pk")).values_list(
            "agency_id", "status", "n"):
        if status != OitCheck.TODO:
            checks[status] += n
        per_agency[agency_id][status] += n
    checks[OitCheck.TODO] = agencies * len(codes) - sum(checks.values())
    runs: Counter = Counter()
    ran = 0
    for _, summary in latest_runs(OitRun.objects.filter(agency_id__in=population), oit_year):
        ran += 1
        for key in RUN_TH:
            runs[key] += int((summary or {}).get(key) or 0)
    complete = sum(1 for c in per_agency.values() if codes and c.get(OitCheck.DONE, 0) >= len(codes))
    return {"agencies": agencies, "items": len(codes), "checklist_agencies": len(per_agency),
            "checks": dict(checks), "complete": complete, "run_agencies": ran, "runs": dict(runs)}


def latest_runs(qs: QuerySet, oit_year: int) -> list[tuple[int, dict]]:
    """(agency id, report summary) of each agency's latest finished automatic check."""
    latest = (OitRun.objects.filter(agency=OuterRef("agency"), fiscal_year=oit_year, state=OitRun.DONE)
              .order_by("-finished_at", "-pk").values("pk")[:1])
    rows = (qs.filter(fiscal_year=oit_year, state=OitRun.DONE, pk=Subquery(latest)).order_by()
            .values_list("agency_id", "report__summary"))
    return [(agency_id, summary if isinstance(summary, dict) else {}) for agency_id, summary in rows]


def figures(scope: Scope, year: int, framework: Any, pass_mark: float, oit_year: int, oit_codes: tuple[str, ...],
            version: str) -> dict[str, Any]:
    """Everything the overview draws for the scope and year, plus the table's rows (sorted by total
    ascending), computed once per data version."""

    def compute() -> dict[str, Any]:
        results = scope.restrict(Result.objects.filter(fiscal_year=year))
        tracked = _tracked_plans(scope, year)
        rows = []
        for r in raw_rows(results.order_by().values_list("agency_id", "agency__name", "agency__agency_type",
                                                          "agency__district", "agency__province", "total", "level")):
            plan = tracked.get(r[0])
            rows.append((*r, plan[0] if plan else None, plan[1] if plan else "none"))
        rows.sort(key=lambda r: (r[TOTAL] is None, r[TOTAL] if r[TOTAL] is not None else 0, r[NAME], r[ID]))
        agg = _indicator_figures(results, [ind.no for ind in framework.indicators], pass_mark)
        indicators = [{"no": ind.no, "name": ind.name, "instrument": ind.instrument,
                       "mean": agg.get(f"mean{ind.no}"), "count": agg.get(f"count{ind.no}") or 0,
                       "weak": agg.get(f"weak{ind.no}") or 0} for ind in framework.indicators]
        items = weak_items(scope, year, pass_mark)
        label = {code: item.label for code, item in framework.item_by_code.items()}
        ranked = sorted(items.items(), key=lambda kv: (-kv[1], _code_order(kv[0])))
        weak = [(code, label.get(code, ""), n) for code, n in ranked if code[:1] in "IE"][:10]
        failed = [(code, label.get(code, ""), n) for code, n in ranked if code[:1] == "O"][:10]
        levels = Counter(r[LEVEL] or LEVEL_NONE for r in rows)
        plan_counts = Counter(r[PLAN_STATUS] for r in rows)
        approved_plans = {p for p, status in tracked.values() if status == Plan.APPROVED}
        measures: Counter = Counter()
        if approved_plans:
            approved = scope.restrict(Plan.objects.filter(based_on_year=year, status=Plan.APPROVED))
            for plan_id, counts in measure_counts(approved.values("pk")).items():
                if plan_id in approved_plans:  # not an earlier approved version
                    measures.update(counts)
        return {
            "rows": rows, "with_result": len(rows), "levels": dict(levels), "indicators": indicators,
            "mean_total": agg.get("mean_total"), "weak_items": weak, "failed_items": failed,
            "below": sum(1 for r in rows if r[TOTAL] is not None and r[TOTAL] < pass_mark),
            "plans": {k: plan_counts.get(k, 0) for k in PLAN_TH}, "measures": {k: measures.get(k, 0) for k in MEASURE_TH},
            "oit": _oit_totals(results, oit_year, oit_codes),
            "missing": len(missing(scope, year, version)),
        }

    return cached("figures", (scope.key(), year, pass_mark, oit_year, oit_codes, version), compute)


def missing(scope: Scope, year: int, version: str) -> list[tuple]:
    """The agencies of the scope (as filtered) with no result of the year: (id, name, type,
    district, province, latest year with a result or None), by province, district and name."""

    def compute() -> list[tuple]:
        qs = (scope.agencies().exclude(pk__in=Result.objects.filter(fiscal_year=year).values("agency_id"))
              .annotate(latest=Max("results__fiscal_year"))
              .order_by("province", "district", "name", "pk"))
        return [tuple(r) for r in qs.values_list("pk", "name", "agency_type", "district", "province", "latest")]

    return cached("missing", (scope.key(), year, version), compute)


def _code_order(code: str) -> tuple[str, int]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (code[:1], int(digits) if digits else 0)


def below_on_indicator(scope: Scope, year: int, no: int, pass_mark: float, version: str) -> set[int]:
    def compute() -> set[int]:
        qs = scope.restrict(Result.objects.filter(fiscal_year=year)).filter(
            LessThan(JsonNumber("indicators", str(no)), pass_mark))
        return set(qs.values_list("agency_id", flat=True))

    return cached("indicator", (scope.key(), year, no, pass_mark, version), compute)


def weak_on_item(scope: Scope, year: int, code: str, pass_mark: float, version: str) -> set[int]:
    limit = 100.0 if code.startswith("O") else pass_mark

    def compute() -> set[int]:
        qs = scope.restrict(Result.objects.filter(fiscal_year=year)).filter(
            LessThan(JsonNumber("items", code, "score"), limit))
        return set(qs.values_list("agency_id", flat=True))

    return cached("item", (scope.key(), year, code, pass_mark, version), compute)


# --------------------------------------------------------------------------- per-row detail


def row_details(rows: list[tuple], year: int, oit_year: int, oit_codes: tuple[str, ...],
                scope: Scope | None = None) -> list[dict]:
    """The rows as dicts with the plan's measures and the OIT readiness, read for these rows only
    (or, with `scope`, for the whole scope at once: the exports). The OIT figures are counted as on
    the agency's checklist (and the overview's card): items of the year's framework, an item
    without a saved check being "ยังไม่ตรวจ"."""
    ids = [r[ID] for r in rows]
    plan_ids = [r[PLAN_ID] for r in rows if r[PLAN_ID] is not None]
    if scope is not None:
        plans: Any = scope.restrict(Plan.objects.filter(based_on_year=year)).values("pk")
        checks_qs = scope.restrict(OitCheck.objects.filter(fiscal_year=oit_year))
        runs_qs = scope.restrict(OitRun.objects.all())
    else:
        plans = plan_ids
        checks_qs = OitCheck.objects.filter(fiscal_year=oit_year, agency_id__in=ids)
        runs_qs = OitRun.objects.filter(agency_id__in=ids)
    measures = measure_counts(plans) if plan_ids else {}
    checks: dict[int, Counter] = defaultdict(Counter)
    for agency_id, status, n in (checks_qs.filter(code__in=oit_codes).order_by().values_list("agency_id", "status")
                                 .annotate(n=Count("pk")).values_list("agency_id", "status", "n")):
        checks[agency_id][status] += n
    runs = dict(latest_runs(runs_qs, oit_year)) if ids else {}
    items = len(oit_codes)
    out = []
    for r in rows:
        counts = measures.get(r[PLAN_ID], Counter()) if r[PLAN_ID] else Counter()
        check = checks.get(r[ID], Counter())
        run = runs.get(r[ID])
        checked = sum(n for status, n in check.items() if status != OitCheck.TODO)
        out.append({
            "agency_id": r[ID], "name": r[NAME], "agency_type": r[TYPE], "district": r[DISTRICT],
            "province": r[PROVINCE], "total": r[TOTAL], "level": r[LEVEL], "plan_id": r[PLAN_ID],
            "plan_status": r[PLAN_STATUS],
            "plan_th": PLAN_TH[r[PLAN_STATUS]], "measures": sum(counts.values()), "done": counts.get("done", 0),
            "oit_done": check.get(OitCheck.DONE, 0) if items else None,
            "oit_todo": items - checked if items else None, "oit_items": items,
            "run_ok": int(run.get("ok") or 0) if run is not None else None,
            "run_total": sum(int(run.get(k) or 0) for k in RUN_TH) if run is not None else None,
        })
    return out


def readiness_text(row: dict) -> str:
    parts = []
    if row["oit_done"] is not None:
        part = f"รายการตรวจครบ {row['oit_done']}/{row['oit_items']} ข้อ"
        if row["oit_todo"]:
            part += f" (ยังไม่ตรวจ {row['oit_todo']} ข้อ)"
        parts.append(part)
    if row["run_ok"] is not None:
        parts.append(f"ตรวจอัตโนมัติผ่าน {row['run_ok']}/{row['run_total']} ข้อ")
    return " · ".join(parts) or "ไม่มีข้อมูล"
