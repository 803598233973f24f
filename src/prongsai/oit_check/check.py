"""Checking an agency's OIT items as the assessors will (design §5.4): for each item of the
year, fetch the pages given, follow the documents a page links to (one level), and judge
reachability, freshness against the fiscal year the item requires, and each required
component by the item's rules; then predict indicators 9 and 10 and OIT.

Statuses, worst first: missing (no address given), unreachable, unreadable (fetched, but no
text a machine can read), stale (no sign of the period required), incomplete (a required
component not found), ok. Findings are Thai sentences saying what is wrong and what to do."""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from prongsai.ita.model import Framework, Item
from prongsai.ita.results import ItemResult, YearResult
from prongsai.ita.scoring import score
from prongsai.oit_check import dates
from prongsai.oit_check.extract import Extracted, extract, normalise
from prongsai.oit_check.fetch import Fetcher
from prongsai.oit_check.links import Links
from prongsai.oit_check.rules import ComponentRule, ItemRule, rule_for

STATUSES = ("ok", "stale", "incomplete", "unreachable", "unreadable", "missing")
MAX_DOCUMENTS = 12  # documents followed from one page
WORKERS = 8  # pages fetched at once: the agency's server, not ours, is the limit


@dataclass(frozen=True)
class ItemCheck:
    code: str
    name: str
    urls: tuple[str, ...]
    status: str
    findings: tuple[str, ...]
    documents: tuple[str, ...] = ()  # documents followed and read
    to_check_by_hand: tuple[str, ...] = ()  # components only a person can judge

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "urls": list(self.urls), "status": self.status,
                "findings": list(self.findings), "documents": list(self.documents),
                "to_check_by_hand": list(self.to_check_by_hand)}


@dataclass(frozen=True)
class Prediction:
    indicators: dict[int, float]
    oit: float | None
    confidence: str
    note: str

    def as_json(self) -> dict[str, Any]:
        return {"indicators": {str(k): round(v, 2) for k, v in self.indicators.items()},
                "OIT": None if self.oit is None else round(self.oit, 2), "confidence": self.confidence,
                "note": self.note}


@dataclass(frozen=True)
class Report:
    framework: Framework
    checked_at: datetime
    items: tuple[ItemCheck, ...]
    predicted: Prediction
    agency: str | None = None

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for item in self.items:
            counts[item.status] += 1
        return counts

    def as_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "fiscal_year": self.framework.fiscal_year, "framework": self.framework.id,
                "checked_at": self.checked_at.isoformat(timespec="seconds"),
                "items": [i.as_json() for i in self.items], "summary": self.summary,
                "predicted": self.predicted.as_json(), "notice": self.framework.notice}


# --- matching ------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return normalise(text).replace("\n", " ").lower()


def satisfied(rule: ComponentRule, text: str) -> bool:
    """Whether `text` (normalised, lower-cased) shows the component the rule checks."""
    if any(_norm(p) in text for p in rule.none_ok):
        return True
    phrases = bool(rule.any or rule.all) and (not rule.any or any(_norm(p) in text for p in rule.any)) \
        and all(_norm(p) in text for p in rule.all)
    return phrases or bool(rule.pattern and re.search(rule.pattern, text, re.IGNORECASE))


# --- one item ------------------------------------------------------------------------------

@dataclass
class _Evidence:
    texts: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    fetched_any: bool = False


def _gather(urls: Iterable[str], fetcher: Fetcher) -> _Evidence:
    evidence = _Evidence()
    for url in urls:
        fetched = fetcher.fetch(url)
        if not fetched.ok:
            evidence.unreachable.append(f"{url}: {fetched.problem}")
            continue
        evidence.fetched_any = True
        page = extract(fetched)
        _keep(evidence, url, page)
        for link in page.documents[:MAX_DOCUMENTS]:
            document = fetcher.fetch(link.url)
            if not document.ok:
                evidence.unreachable.append(f"เอกสาร {link.url}: {document.problem}")
                continue
            _keep(evidence, link.url, extract(document), link.text)
    return evidence


def _keep(evidence: _Evidence, url: str, extracted: Extracted, label: str = "") -> None:
    if extracted.readable:
        evidence.texts.append(" ".join(filter(None, (label, extracted.text))))
        if extracted.kind != "html":
            evidence.documents.append(url)
    else:
        evidence.unreadable.append(f"{url}: {extracted.problem}")


def _freshness(rule: ItemRule | None, text: str, fy: int, today: date) -> str | None:
    """A finding when the text does not show the period the item requires, else None."""
    required = rule.freshness if rule else "none"
    if required == "none":
        return None
    found = dates.mentions(text)  # once: every question below reads the same mentions
    if required == "current_fy" and not (seen := dates.shows_fiscal_year(found, fy)):
        return (f"ไม่พบข้อมูลของปีงบประมาณ {fy} ในหน้าและเอกสารที่ระบุ ({seen.seen_phrase()}) "
                f"ข้อนี้ต้องเป็นข้อมูลของปีงบประมาณปัจจุบัน ให้เผยแพร่ฉบับปีงบประมาณ {fy}")
    if required == "previous_fy" and not (seen := dates.shows_fiscal_year(found, fy - 1)):
        return (f"ไม่พบข้อมูลของปีงบประมาณ {fy - 1} ในหน้าและเอกสารที่ระบุ ({seen.seen_phrase()}) "
                f"ข้อนี้ต้องเป็นผลของปีงบประมาณที่ผ่านมา ให้เผยแพร่รายงานของปีงบประมาณ {fy - 1}")
    if required == "current_or_previous_fy" and not (dates.shows_fiscal_year(found, fy)
                                                      or dates.shows_fiscal_year(found, fy - 1)):
        seen = dates.shows_fiscal_year(found, fy)
        return (f"ไม่พบข้อมูลของปีงบประมาณ {fy} หรือ {fy - 1} ในหน้าและเอกสารที่ระบุ ({seen.seen_phrase()}) "
                "ให้เผยแพร่ฉบับที่เป็นปัจจุบัน")
    if required == "first_half" and not dates.shows_first_half(found, fy):
        return (f"ไม่พบข้อมูลรอบ 6 เดือนแรกของปีงบประมาณ {fy} (ตุลาคม {fy - 1} ถึงมีนาคม {fy}) "
                "ให้เผยแพร่รายงานรอบ 6 เดือน")
    if required == "monthly":
        end = min(today, date(fy - 543, 9, 30))
        # only months written out: a plan's whole-year period shows no month's summary
        missing = dates.missing_months(found, fy, end, inferred=False)
        if missing:
            return (f"ยังไม่พบข้อมูลประจำเดือน {dates.thai_month_list(missing)} "
                    f"ให้เผยแพร่ข้อมูลของทุกเดือนที่ผ่านมาในปีงบประมาณ {fy}")
    return None


def check_item(item: Item, rule: ItemRule | None, urls: tuple[str, ...], fetcher: Fetcher, fy: int,
               today: date, reading: str | None = None) -> ItemCheck:
    name = item.label
    if not urls:
        return ItemCheck(item.code, name, urls, "missing",
                         (f"ยังไม่ได้ระบุลิงก์ของข้อ {item.code} ให้ระบุหน้าเว็บที่เผยแพร่ข้อมูลข้อนี้",))
    evidence = _gather(urls, fetcher)
    findings: list[str] = [*evidence.unreachable]
    if not evidence.fetched_any:
        return ItemCheck(item.code, name, urls, "unreachable", tuple(findings))
    if not evidence.texts:
        return ItemCheck(item.code, name, urls, "unreadable", tuple(findings + evidence.unreadable))
    findings += evidence.unreadable
    raw = normalise("\n".join(evidence.texts))
    text = raw.replace("\n", " ").lower()  # the rules read one line (their patterns use ^ and .*)
    status = "ok"
    stale = _freshness(rule, raw, fy, today)
    if stale:
        findings.insert(0, stale)
        status = "stale"
    by_hand = []
    for component in (rule.for_reading(reading) if rule else ()):
        if component.manual:
            by_hand.append(component.missing)
            continue
        if not satisfied(component, text):
            findings.append(component.missing)
            status = "incomplete" if status == "ok" else status
    if rule is None and item.components:
        findings.append("ข้อนี้ยังไม่มีเกณฑ์ตรวจองค์ประกอบอัตโนมัติ ให้ตรวจองค์ประกอบตามคู่มือด้วยตนเอง")
    return ItemCheck(item.code, name, urls, status, tuple(findings), tuple(evidence.documents), tuple(by_hand))


# --- the whole list ------------------------------------------------------------------------

def check(links: Links, fetcher: Fetcher | None = None, today: date | None = None,
          now: datetime | None = None) -> Report:
    framework = links.framework
    fetcher = fetcher or Fetcher()
    today = today or date.today()
    items = framework.items_of("OIT")
    # Pages first, in parallel (each item's documents follow within its own task).
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(
            lambda item: check_item(item, rule_for(framework, item), links.items.get(item.code, ()), fetcher,
                                    framework.fiscal_year, today, links.reading), items))
    return Report(framework, now or datetime.now(UTC), tuple(results), predict(framework, results), links.agency)


def predict(framework: Framework, results: list[ItemCheck]) -> Prediction:
    """Indicators 9 and 10 and OIT if the assessors saw today what the checker saw: an item
    passes when it is ok; unreadable items, which only a person can judge, count as failing."""
    items = {r.code: ItemResult(r.code, 100.0 if r.status == "ok" else 0.0) for r in results}
    sc = score(framework, YearResult(framework.fiscal_year, items=items))
    indicators = {no: value for no, value in sc.indicators.items()
                  if framework.indicator_by_no[no].instrument == "OIT"}
    confidence = framework.oit_rollup_confidence
    if any(o == "estimate" for o in sc.indicator_origin.values()):
        confidence = "INF"
    unreadable = sum(1 for r in results if r.status == "unreadable")
    note = ("ข้อที่ระบบอ่านไม่ได้ " + f"{unreadable} ข้อนับเป็นไม่ผ่านจนกว่าจะตรวจด้วยตนเอง" if unreadable else "")
    if not indicators:
        note = "กรอบปีนี้ยังไม่ทราบการจัดกลุ่มข้อ OIT จึงคาดการณ์ตัวชี้วัดไม่ได้"
    return Prediction(indicators, sc.instruments.get("OIT"), confidence, note)


def total_with(framework: Framework, oit: float | None, instruments: dict[str, float]) -> float | None:
    """The total the agency would get with this OIT and its last IIT and EIT scores, by the
    framework's instrument weights; None when a score or a weight is missing."""
    if oit is None:
        return None
    scores = {**instruments, "OIT": oit}
    weights = {i.code: i.weight for i in framework.instruments}
    if any(weights.get(code) is None or code not in scores for code in ("IIT", "EIT", "OIT")):
        return None
    return sum(scores[code] * weights[code] for code in ("IIT", "EIT", "OIT")) / sum(
        weights[code] for code in ("IIT", "EIT", "OIT"))
