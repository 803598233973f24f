"""Demo cases for `prongsai serve --demo`: the channel open, the demo administrator made the
complaint officer, and reports in each state — so a newcomer sees the whole channel at once.
Every text says it is an example."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.thai import fiscal_year_bounds, fiscal_year_of
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.complaints import cases
from prongsai.web.complaints.models import ChannelSettings, Complaint, Message, Note

NOTE = "(ข้อมูลตัวอย่าง)"
# (days ago, category, concerned, what, status, outcome, forwarded to, officer's message, reporter's reply)
CASES = [
    (2, "bribery", "เจ้าหน้าที่งานทะเบียนพาณิชย์",
     "มีการเรียกเงินเพิ่ม 500 บาทเพื่อให้ออกใบทะเบียนพาณิชย์ได้เร็วขึ้น โดยไม่มีใบเสร็จรับเงิน",
     Complaint.RECEIVED, "", "", "", ""),
    (12, "procurement", "กองช่าง",
     "งานซ่อมถนนหมู่ 4 ถูกแบ่งเป็นหลายสัญญา สัญญาละไม่เกิน 5 แสนบาท ผู้รับจ้างเป็นรายเดิมทุกสัญญา",
     Complaint.INVESTIGATING, "", "",
     "รับเรื่องไว้แล้ว อยู่ระหว่างตรวจสอบสัญญาและเอกสารการจัดซื้อจัดจ้างที่เกี่ยวข้อง",
     "มีภาพถ่ายป้ายโครงการเพิ่มเติม จะส่งให้ภายหลังครับ"),
    (25, "assets", "พนักงานขับรถส่วนกลาง",
     "นำรถยนต์ส่วนกลางไปใช้ในงานส่วนตัวช่วงวันหยุดสุดสัปดาห์หลายครั้ง",
     Complaint.FORWARDED, "", "สำนักงาน ป.ป.ช. ประจำจังหวัด",
     "เรื่องนี้ได้ส่งต่อสำนักงาน ป.ป.ช. ประจำจังหวัดซึ่งมีอำนาจพิจารณาแล้ว", ""),
    (48, "service", "งานจัดเก็บรายได้",
     "เจ้าหน้าที่ให้บริการรับชำระภาษีแก่ผู้ที่รู้จักก่อนผู้ที่มารอคิว",
     Complaint.CLOSED, Complaint.SUBSTANTIATED, "",
     "ตรวจสอบแล้วมีมูล หน่วยงานได้ตักเตือนเจ้าหน้าที่และนำระบบบัตรคิวมาใช้แล้ว ขอบคุณที่แจ้งเรื่อง", ""),
]


@transaction.atomic
def add_demo_complaints(agency: Agency, admin: Any, count: int = len(CASES)) -> None:
    channel = ChannelSettings.of(agency)
    if not channel.pk:
        channel.is_open = True
        channel.handling_unit = agency.units.first()
        channel.phone = "0 3400 0000 " + NOTE
        channel.walk_in = f"{channel.handling_unit.name if channel.handling_unit else 'สำนักงาน'} ในวันและเวลาราชการ"
        # announced at the start of the fiscal year, as agencies usually do
        channel.guideline_date = fiscal_year_bounds(fiscal_year_of(timezone.localdate()))[0]
        channel.save()
    Membership.objects.filter(user=admin, agency=agency).update(complaint_officer=True)
    if Complaint.objects.filter(agency=agency).exists():
        return
    today = timezone.localdate()
    for days, category, concerned, what, status, outcome, forwarded, told, reply in CASES[:count]:
        complaint, _receipt = cases.file_report(agency, {
            "category": category, "concerned": concerned, "what": f"{what} {NOTE}", "when": "", "where": ""},
            channel="walk_in" if days == 48 else Complaint.WEB)
        received = today - timedelta(days=days)
        complaint.received_on = received
        complaint.set_deadlines(channel)
        complaint.status, complaint.outcome, complaint.forwarded_to = status, outcome, forwarded
        if status != Complaint.RECEIVED:
            complaint.acknowledged_on = received + timedelta(days=1)
        if status == Complaint.CLOSED:
            complaint.closed_on = received + timedelta(days=20)
        complaint.save()
        if told:
            message = Message(complaint=complaint, author=admin, sent_on=received + timedelta(days=1))
            message.seal_text(told)
            message.save()
        if reply:
            message = Message(complaint=complaint, from_reporter=True, sent_on=received + timedelta(days=3))
            message.seal_text(reply)
            message.save()
            complaint.reporter_waiting = True
            complaint.save(update_fields=["reporter_waiting"])
        if status == Complaint.INVESTIGATING:
            note = Note(complaint=complaint, author=admin)
            note.seal_text(f"ขอสำเนาสัญญาจากกองคลังแล้ว รอเอกสาร {NOTE}")
            note.save()
