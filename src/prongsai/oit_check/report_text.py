"""The OIT readiness report as the command line prints it, in Thai."""

from __future__ import annotations

from prongsai.oit_check.check import Report

STATUS_TH = {
    "ok": "พร้อม", "stale": "ข้อมูลไม่เป็นปัจจุบัน", "incomplete": "องค์ประกอบไม่ครบ",
    "unreachable": "เปิดหน้าเว็บไม่ได้", "unreadable": "อ่านข้อความไม่ได้ ต้องตรวจด้วยตนเอง",
    "missing": "ยังไม่ได้ระบุลิงก์",
}


def report_text(report: Report) -> str:
    fw = report.framework
    head = f"ผลตรวจความพร้อมข้อมูล OIT ตามกรอบ{fw.label}"
    lines = [head + (f" — {report.agency}" if report.agency else "")]
    if fw.notice:
        lines.append(f"หมายเหตุ: {fw.notice}")
    summary = report.summary
    lines.append("สรุป: " + " · ".join(f"{STATUS_TH[s]} {n} ข้อ" for s, n in summary.items() if n))
    for item in report.items:
        lines.append(f"{item.code} {item.name}: {STATUS_TH[item.status]}")
        lines.extend(f"    - {f}" for f in item.findings)
        lines.extend(f"    - ตรวจด้วยตนเอง: {f}" for f in item.to_check_by_hand)
    p = report.predicted
    if p.indicators:
        parts = [f"ตัวชี้วัดที่ {no} ประมาณ {value:.2f}" for no, value in sorted(p.indicators.items())]
        if p.oit is not None:
            parts.append(f"OIT ประมาณ {p.oit:.2f}")
        lines.append("คาดการณ์หากผู้ประเมินตรวจวันนี้: " + " · ".join(parts) + f" (ความเชื่อมั่น {p.confidence})")
    if p.note:
        lines.append(p.note)
    return "\n".join(lines)
