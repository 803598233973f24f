"""Demo questions for an อบต.: a few answered and published in the current fiscal year, and one
still waiting. Like the rest of the demo (prongsai.web.demo) the texts are marked as examples,
and adding them twice adds nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.qa.models import Question

DEMO_NOTE = "(ข้อมูลตัวอย่าง)"

# (days ago asked, days to answer or None while waiting, name, question, answer)
QUESTIONS: list[tuple[int, int | None, str, str, str]] = [
    (46, 3, "",
     "ต้องการยื่นชำระภาษีที่ดินและสิ่งปลูกสร้างประจำปี ต้องใช้เอกสารอะไรบ้าง และชำระได้ภายในวันที่เท่าไร",
     "ผู้เสียภาษีนำหนังสือแจ้งการประเมินภาษีและสำเนาบัตรประจำตัวประชาชนมาติดต่อที่กองคลัง "
     "ในวันและเวลาราชการ ชำระได้ภายในเดือนเมษายนของทุกปี หรือชำระผ่านระบบโอนเงินตามที่ระบุ"
     "ในหนังสือแจ้งการประเมิน สอบถามเพิ่มเติมได้ที่กองคลังในวันและเวลาราชการ"),
    (30, 8, "สมศรี",
     "ไฟฟ้าส่องสว่างริมถนนสายหลักหน้าโรงเรียนบ้านหนองบัวดับหลายจุด ทำให้เด็กนักเรียนเดินทางกลับบ้านลำบาก "
     "ขอให้ช่วยตรวจสอบซ่อมแซม",
     "กองช่างได้ออกตรวจสอบและเปลี่ยนหลอดไฟฟ้าส่องสว่างที่ชำรุด จำนวน 6 จุด แล้วเสร็จ "
     "หากพบไฟฟ้าส่องสว่างชำรุดเพิ่มเติม แจ้งได้ทางช่องทางถาม–ตอบนี้หรือที่กองช่าง"),
    (21, 12, "",
     "ผู้สูงอายุที่เพิ่งย้ายทะเบียนบ้านมาอยู่ในตำบล ต้องลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุที่ไหน อย่างไร",
     "ผู้ที่จะมีอายุครบ 60 ปีบริบูรณ์ หรือผู้สูงอายุที่ย้ายภูมิลำเนาเข้ามา ลงทะเบียนได้ที่สำนักปลัด "
     "โดยนำบัตรประจำตัวประชาชน ทะเบียนบ้าน และสมุดบัญชีเงินฝากธนาคารมาด้วย "
     "สิทธิเริ่มในเดือนถัดจากเดือนที่ลงทะเบียนตามหลักเกณฑ์ของกรมส่งเสริมการปกครองท้องถิ่น"),
    (2, None, "",
     "อยากทราบกำหนดการเก็บขยะในหมู่ที่ 5 ว่าเก็บวันไหนบ้าง เพราะช่วงนี้รถเก็บขยะไม่ได้เข้ามาตามปกติ",
     ""),
]


def add_demo_questions(agency: Agency, user: Any) -> list[Question]:
    """The demo questions of `agency`, answered by `user`; none when the agency has questions already."""
    if Question.objects.filter(agency=agency).exists():
        return []
    today = timezone.localdate()
    made = []
    with transaction.atomic():
        for ago, took, name, text, answer in QUESTIONS:
            asked_on = today - timedelta(days=ago)
            question = Question(agency=agency, asked_on=asked_on, name=name, text=f"{text} {DEMO_NOTE}")
            if took is not None:
                answered = datetime.combine(asked_on + timedelta(days=took), time(10, 30))
                question.status = Question.PUBLISHED
                question.answer = f"{answer} {DEMO_NOTE}"
                question.answered_at = timezone.make_aware(answered)
                question.answered_by = user
            question.save()
            log.created(user, agency, "คำถาม (ถาม–ตอบ)", question, "เพิ่มคำถามตัวอย่าง",
                        log.snapshot(question, Question.AUDIT_FIELDS))
            made.append(question)
    return made
