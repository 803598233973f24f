"""The analysis as plain Thai text, for the terminal (`prongsai analyze`)."""

from __future__ import annotations

from prongsai.ita.analysis import Analysis, ItemRow
from prongsai.ita.model import INSTRUMENTS


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _item_line(item: ItemRow) -> str:
    line = f"  {item.code} {item.label} — {_f(item.score)}"
    if item.reason:
        line += f" (เหตุผล: {item.reason})"
    return line


def analysis_text(a: Analysis) -> str:
    sc = a.score
    lines = [f"ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {a.fiscal_year} — {a.agency}"]
    level = sc.level
    if level.level and level.from_published:
        level_text = f"{level.level} (ตามที่ประกาศ; จากคะแนนที่มีเป็นได้: {' / '.join(level.possible)})"
    elif level.level:
        level_text = level.level
    elif level.possible:
        level_text = "ยังระบุไม่ได้ — เป็นได้: " + " / ".join(level.possible)
    else:
        level_text = "ไม่ทราบเกณฑ์ระดับของปีนี้"
    lines.append(f"คะแนนรวม {_f(a.total)}   ระดับ {level_text}")
    lines.append("แบบวัด: " + " · ".join(f"{c} {_f(sc.instruments.get(c))}" for c in INSTRUMENTS))
    if a.ranking:
        lines.append("")
        lines.append("ตัวชี้วัด เรียงจากคะแนนมากไปน้อย:")
        for r in a.ranking:
            origin = {"items": " (คำนวณจากรายข้อ)", "estimate": " (ประมาณการจากรายข้อ)"}.get(r.origin, "")
            lines.append(f"  {r.rank:>2}. ตัวชี้วัดที่ {r.no} {r.name} [{r.instrument}] "
                         f"{_f(r.score)} — {r.status_th}{origin}")
    name = {r.no: f"ตัวชี้วัดที่ {r.no} {r.name} ({_f(r.score)})" for r in a.indicators}
    t = a.thresholds
    lines.append("")
    lines.append(f"จุดแข็ง (ตั้งแต่ {t.strength_mark:g} ขึ้นไป): "
                 + (", ".join(name[n] for n in a.strengths) or "ไม่มี"))
    lines.append(f"จุดอ่อน (ต่ำกว่า {t.pass_mark:g}): " + (", ".join(name[n] for n in a.weaknesses) or "ไม่มี"))
    lowest = [f"{c}: {name[n]}" for c, n in a.lowest_by_instrument.items() if n is not None]
    if lowest:
        lines.append("ตัวชี้วัดคะแนนต่ำสุดของแต่ละแบบวัด: " + "; ".join(lowest))
    below = [i for i in a.items_below_pass if i.instrument != "OIT"]
    if below:
        lines.append("")
        lines.append(f"ข้อคำถามที่ได้คะแนนต่ำกว่า {t.pass_mark:g}:")
        lines.extend(_item_line(i) for i in below)
    if a.failed_oit_items:
        lines.append("")
        lines.append("ข้อ OIT ที่ไม่ผ่าน (ได้ 0 คะแนน):")
        lines.extend(_item_line(i) for i in a.failed_oit_items)
    lines.append("")
    if a.points_to_pass is not None:
        lines.append(f"ขาดอีก {_f(a.points_to_pass)} คะแนน จึงถึง {t.pass_mark:g} คะแนน"
                     if a.points_to_pass > 0 else f"คะแนนรวมถึงเกณฑ์ {t.pass_mark:g} แล้ว")
    nxt = a.next_level
    if nxt is not None:
        needs = []
        if nxt.points_total > 0:
            needs.append(f"คะแนนรวมอีก {_f(nxt.points_total)}")
        needs.extend(f"{c} อีก {_f(v)}" for c, v in nxt.instruments.items())
        lines.append(f"ถึงระดับ {nxt.level}: ต้องเพิ่ม" + " และ ".join(needs))
    elif a.level is not None and a.framework.levels and a.level == a.framework.levels.rules[0].level:
        lines.append("อยู่ในระดับสูงสุดแล้ว")
    if a.history:
        lines.append("")
        lines.append("เทียบกับปีก่อน:")
        for h in a.history:
            lines.append(f"  ปี {h.fiscal_year}: คะแนนรวม {_f(h.total)} ระดับ {h.level or '—'}")
        change = a.change_since_previous()
        if change and change["total"] is not None:
            lines.append(f"  คะแนนรวมเปลี่ยนไป {change['total']:+.2f} จากปี {change['fiscal_year']}")
        if change:
            moved = [f"ตัวชี้วัดที่ {n} {d:+.2f}" for n, d in change["indicators"].items() if d]
            if moved:
                lines.append("  " + ", ".join(moved))
    if sc.checks or sc.notes:
        lines.append("")
        lines.append("ข้อสังเกต:")
        lines.extend(f"  ! {c.message}" for c in sc.checks)
        lines.extend(f"  - {n}" for n in sc.notes)
    return "\n".join(lines)
