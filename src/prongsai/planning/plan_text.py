"""The draft plan as plain Thai text, for the terminal (`prongsai plan`)."""

from __future__ import annotations

from prongsai.ita.analysis import Analysis
from prongsai.planning.draft import MeasurePlan
from prongsai.thai import format_period


def plan_text(plan: MeasurePlan, analysis: Analysis) -> str:
    names = {r.no: r.name for r in analysis.indicators}
    total = "—" if analysis.total is None else f"{analysis.total:.2f}"
    level = analysis.level or "ยังระบุไม่ได้"
    lines = [
        f"ร่างมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year}",
        f"{plan.agency} — จากผลการประเมิน ITA ปีงบประมาณ พ.ศ. {plan.based_on_year} (คะแนนรวม {total} ระดับ {level})",
    ]
    if plan.weaknesses:
        lines.append("ตัวชี้วัดที่ต่ำกว่าเกณฑ์: " + ", ".join(f"{n} {names.get(n, '')}".strip() for n in plan.weaknesses))
    if plan.weak_items:
        lines.append("ข้อที่ต้องปรับปรุง: " + ", ".join(plan.weak_items))
    if not plan.weaknesses and not plan.weak_items:
        lines.append("ไม่มีตัวชี้วัดที่ต่ำกว่าเกณฑ์ — มาตรการมุ่งรักษามาตรฐานที่ทำได้ดีแล้ว")
    for number, m in enumerate(plan.measures, start=1):
        lines.append("")
        lines.append(f"มาตรการที่ {number} {m.title}")
        addressed = [f"ตัวชี้วัดที่ {n} {names.get(n, '')}".strip() for n in m.addresses_indicators]
        if m.addresses_items:
            addressed.append("ข้อ " + ", ".join(m.addresses_items))
        if addressed:
            lines.append("  แก้ไขจุดอ่อน: " + "; ".join(addressed))
        lines.append(f"  วัตถุประสงค์: {m.purpose}")
        lines.append("  วิธีการดำเนินการ:")
        lines.extend(f"    {i}. {step}" for i, step in enumerate(m.steps, start=1))
        helpers = f" (ร่วมกับ {', '.join(m.supporting)})" if m.supporting else ""
        lines.append(f"  ผู้รับผิดชอบ: {m.responsible}{helpers}")
        lines.append(f"  ระยะเวลาดำเนินการ: {format_period(m.start, m.end, thai=False)}")
        lines.append(f"  การติดตามผล: {m.follow_up}")
        if m.evidence:
            lines.append("  หลักฐาน: " + "; ".join(m.evidence))
        if m.oit_items:
            lines.append(f"  ใช้เป็นข้อมูลของข้อ OIT ปี {plan.fiscal_year}: " + ", ".join(m.oit_items))
    return "\n".join(lines)
