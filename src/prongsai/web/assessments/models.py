"""An agency's published ITA result for one fiscal year, as entered (the core computes the rest)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from prongsai.ita.results import ItemResult, YearResult


class Result(models.Model):
    FORM, PASTE, FILE, DEMO = "form", "paste", "file", "demo"
    SOURCES = [(FORM, "กรอกในแบบฟอร์ม"), (PASTE, "วางจากตาราง"), (FILE, "นำเข้าจากไฟล์"), (DEMO, "ข้อมูลตัวอย่าง")]

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="results",
                               verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    indicators = models.JSONField("คะแนนรายตัวชี้วัด", default=dict, blank=True)  # {"1": 93.57}
    instruments = models.JSONField("คะแนนรายแบบวัด", default=dict, blank=True)  # {"IIT": 88.0}
    items = models.JSONField("คะแนนรายข้อ", default=dict, blank=True)  # {"O12": {"score": 0, "reason": …}}
    published_total = models.FloatField("คะแนนรวมที่ประกาศ", null=True, blank=True)
    published_level = models.CharField("ระดับที่ประกาศ", max_length=40, blank=True)
    total = models.FloatField("คะแนนรวม", null=True, blank=True)  # computed by the core, 2 decimals
    level = models.CharField("ระดับผลการประเมิน", max_length=40, blank=True)  # computed; "" = undetermined
    source = models.CharField("ที่มา", max_length=10, choices=SOURCES, default=FORM)
    source_name = models.CharField("ชื่อไฟล์", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["agency", "-fiscal_year"]
        verbose_name = "ผลการประเมิน"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="one_result_per_year")]
        indexes = [models.Index(fields=["fiscal_year", "total"])]

    def __str__(self) -> str:
        return f"ผลการประเมิน ปี {self.fiscal_year}"

    # --- to and from the core --------------------------------------------------------------

    def year_result(self) -> YearResult:
        return YearResult(
            fiscal_year=self.fiscal_year,
            indicators={int(k): float(v) for k, v in (self.indicators or {}).items()},
            instruments={k: float(v) for k, v in (self.instruments or {}).items()},
            items={code: ItemResult(code, float(v["score"]), v.get("reason") or None)
                   for code, v in (self.items or {}).items()},
            total=self.published_total,
            level=self.published_level or None,
        )

    def set_year_result(self, year: YearResult) -> None:
        from prongsai.ita.library import get_framework
        from prongsai.ita.scoring import score

        self.fiscal_year = year.fiscal_year
        self.indicators = {str(k): v for k, v in sorted(year.indicators.items())}
        self.instruments = dict(year.instruments)
        self.items = {code: _item_json(it) for code, it in year.items.items()}
        self.published_total = year.total
        self.published_level = year.level or ""
        computed = score(get_framework(year.fiscal_year), year)
        self.total = computed.total_rounded
        self.level = computed.level.level or ""

    def audit_snapshot(self) -> dict[str, str]:
        def fmt(value: Any) -> str:
            return "" if value is None else f"{float(value):.2f}"

        snap = {f"ตัวชี้วัดที่ {k}": fmt(v) for k, v in sorted((self.indicators or {}).items(), key=lambda kv: int(kv[0]))}
        snap.update({f"แบบวัด {k}": fmt(v) for k, v in (self.instruments or {}).items()})
        for code, v in (self.items or {}).items():
            snap[f"ข้อ {code}"] = fmt(v.get("score")) + (f" ({v['reason']})" if v.get("reason") else "")
        snap["คะแนนรวมที่ประกาศ"] = fmt(self.published_total)
        snap["ระดับที่ประกาศ"] = self.published_level
        snap["คะแนนรวม"] = fmt(self.total)
        snap["ระดับ"] = self.level
        return snap


def _item_json(item: ItemResult) -> dict[str, Any]:
    data: dict[str, Any] = {"score": item.score}
    if item.reason:
        data["reason"] = item.reason
    return data
