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
        }
    return {
        "fiscal_year": fw.fiscal_year,
        "id": fw.id,
        "status": fw.status,
        "indicators": len(fw.indicators),
        "weights": fw.has_weights,
        "weight_confidence": fw.weight_confidence,
        "level_scheme": fw.levels.scheme if fw.levels else None,
        "levels": [r.level for r in fw.levels.rules] if fw.levels else [],
        "oit_rollup": fw.oit_rollup,
        "items": items,
        "sources": len(fw.sources),
        "overridden": overridden,
    }


def coverage_text(rows: list[dict[str, Any]]) -> str:
    lines = ["กรอบการประเมิน ITA ในคลัง (C2 = ยืนยัน ≥๒ แหล่ง, C1 = แหล่งเดียว, INF = อนุมาน, UNK = ไม่มีข้อมูล)"]
    for r in rows:
        weights = f"น้ำหนัก {r['weight_confidence']}" if r["weights"] else "ไม่มีน้ำหนัก"
        levels = " / ".join(r["levels"]) or "ไม่มีเกณฑ์ระดับ"
        parts = []
        for code in INSTRUMENTS:
            info = r["items"][code]
            parts.append(f"{code} {info['items']} ข้อ (มีข้อความ {info['with_text']})" if info["items"]
                         else f"{code} ไม่มีรายข้อ")
        extra = " [ใช้ไฟล์เพิ่มเติม]" if r["overridden"] else ""
        lines.append(f"ปี {r['fiscal_year']}{extra}: {r['indicators']} ตัวชี้วัด, {weights}; ระดับ {levels}")
        lines.append("    " + "; ".join(parts) + "; ค่าคะแนน OIT จากรายข้อ: "
                     + ("ได้" if r["oit_rollup"] == "mean_of_sub_indicators" else "ไม่ได้ (ไม่ทราบการจัดกลุ่ม)"))
    return "\n".join(lines)
