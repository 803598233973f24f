"""What the framework library knows for each year, for `prongsai frameworks`."""

from __future__ import annotations

from typing import Any

from prongsai.ita.model import INSTRUMENTS, Framework


def coverage(fw: Framework, overridden: bool = False) -> dict[str, Any]:
    items: dict[str, dict[str, int]] = {}
    for code in INSTRUMENTS:
        members = fw.items_of(code)
        items[code] = {
            "items": len(members),
            "with_text": sum(1 for i in members if i.name or i.text),
            "grouped": sum(1 for i in members if i.indicator is not None),
            "grouping_inferred": sum(1 for i in members if i.indicator is not None
                                     and i.grouping_confidence not in ("C1", "C2")),
        }
    return {
        "fiscal_year": fw.fiscal_year,
        "id": fw.id,
        "variant": fw.variant,
        "variant_name": fw.variant_name,
        "carried_from": fw.carried_from,
        "readings": [r.id for r in fw.readings],
        "conflicts": sum(1 for i in fw.items if i.confidence == "CONFLICT"),
        "status": fw.status,
        "indicators": len(fw.indicators),
        "weights": fw.has_weights,
        "weight_confidence": fw.weight_confidence,
        "level_scheme": fw.levels.scheme if fw.levels else None,
        "levels": [r.level for r in fw.levels.rules] if fw.levels else [],
        "oit_rollup": fw.oit_rollup,
        # OIT indicators from items stand on an unconfirmed grouping: the analysis calls them estimates
        "oit_rollup_estimated": fw.oit_rollup == "mean_of_sub_indicators" and (
            fw.oit_rollup_confidence not in ("C1", "C2")
            or any(i.grouping_confidence not in ("C1", "C2") for i in fw.items_of("OIT") if i.indicator is not None)),
        "items": items,
        "sources": len(fw.sources),
        "overridden": overridden,
    }


def coverage_text(rows: list[dict[str, Any]]) -> str:
    lines = ["กรอบการประเมิน ITA ในคลัง (C2 = ยืนยัน ≥๒ แหล่ง, C1 = แหล่งเดียว, INF = อนุมาน, UNK = ไม่มีข้อมูล, "
             "CONFLICT = แหล่งข้อมูลระบุไม่ตรงกัน)"]
    for r in rows:
        weights = f"น้ำหนัก {r['weight_confidence']}" if r["weights"] else "ไม่มีน้ำหนัก"
        levels = " / ".join(r["levels"]) or "ไม่มีเกณฑ์ระดับ"
        parts = []
        for code in INSTRUMENTS:
            info = r["items"][code]
            parts.append(f"{code} {info['items']} ข้อ (มีชื่อหรือข้อความ {info['with_text']})" if info["items"]
                         else f"{code} ไม่มีรายข้อ")
        extra = " [ใช้ไฟล์เพิ่มเติม]" if r["overridden"] else ""
        name = f"ปี {r['fiscal_year']}" + (f" กรอบเฉพาะกลุ่ม {r['variant']} ({r['variant_name']})" if r["variant"] else "")
        lines.append(f"{name}{extra}: {r['indicators']} ตัวชี้วัด, {weights}; ระดับ {levels}")
        oit = r["items"]["OIT"]
        if r["oit_rollup"] != "mean_of_sub_indicators":
            rollup = "คำนวณไม่ได้ (ยังไม่ทราบการจัดกลุ่มข้อเป็นตัวชี้วัดย่อย)"
        elif r["oit_rollup_estimated"]:
            rollup = "คำนวณได้ (ค่าประมาณการ: " + (f"การจัดกลุ่ม {oit['grouping_inferred']} ข้อเป็นการอนุมาน)"
                                                   if oit["grouping_inferred"] else "การจัดกลุ่มเป็นการอนุมาน)")
        else:
            rollup = "คำนวณได้"
        lines.append("    " + "; ".join(parts) + f"; คะแนน OIT จากรายข้อ: {rollup}")
        if r["conflicts"]:
            lines.append(f"    มี {r['conflicts']} ข้อที่แหล่งข้อมูลระบุไม่ตรงกัน เลือกได้ {len(r['readings'])} แบบในการตั้งค่าหน่วยงาน "
                         f"({', '.join(r['readings'])})")
        if r["carried_from"]:
            lines.append(f"    ใช้รายการและข้อความของปี {r['carried_from']} ไปพลางก่อน (อนุมาน) จนกว่าจะมีประกาศของปีนี้")
    return "\n".join(lines)
