"""Demo services for `prongsai serve --demo`: three services an อบต. typically gives on request,
with their fields, steps and documents, and requests in every state — some finished late, some
still open past their due day — so that the queue, the statistics and the manuals show at once.
Every text says it is an example; adding them twice adds nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.web.agencies.models import Agency, Unit
from prongsai.web.eservice import cases
from prongsai.web.eservice.models import Message, Note, RequestType, ServiceRequest

NOTE = "(ข้อมูลตัวอย่าง)"


def _field(label: str, kind: str = "text", required: bool = True, choices: tuple[str, ...] = (),
           help: str = "") -> dict[str, Any]:
    return {"label": label, "kind": kind, "required": required, "choices": list(choices), "help": help}


def _step(text: str, time: str, responsible: str = "") -> dict[str, str]:
    return {"text": text, "responsible": responsible, "time": time}


# name, unit (a word of its name), working days, fee, documents, description, fields, steps
TYPES: list[dict[str, Any]] = [
    {
        "name": "ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "unit": "ปลัด", "working_days": 3, "fee": "",
        "documents": ["สำเนาบัตรประจำตัวประชาชนของผู้ยื่นคำขอ", "สำเนาทะเบียนบ้านที่ขอรับน้ำ"],
        "description": (f"ครัวเรือนในเขตพื้นที่ที่ขาดแคลนน้ำอุปโภคบริโภค ยื่นคำขอได้ครัวเรือนละไม่เกินสองครั้งต่อเดือน {NOTE}\n"
                        "หน่วยงานจัดส่งน้ำตามลำดับคำขอ เว้นแต่กรณีเร่งด่วน เช่น ผู้สูงอายุ ผู้ป่วยติดเตียง และคนพิการ"),
        "fields": [_field("บ้านเลขที่และหมู่ที่", help="เช่น 12 หมู่ 3"),
                   _field("จำนวนสมาชิกในครัวเรือน", "number"),
                   _field("ปริมาณน้ำที่ต้องการ (ลิตร)", "number", help="รถบรรทุกน้ำหนึ่งเที่ยวประมาณ 6,000 ลิตร"),
                   _field("ใช้น้ำเพื่อ", "choice", choices=("อุปโภค", "บริโภค", "อุปโภคและบริโภค")),
                   _field("วันที่ต้องการรับน้ำ", "date", required=False),
                   _field("จุดสังเกตหรือเส้นทางเข้าบ้าน", "long", required=False)],
        "steps": [_step("รับคำขอและตรวจสอบคุณสมบัติของผู้ยื่นคำขอ", "1 วันทำการ"),
                  _step("ตรวจสอบพื้นที่และจัดลำดับการจัดส่งน้ำ", "1 วันทำการ"),
                  _step("จัดส่งน้ำและแจ้งผลให้ผู้ยื่นคำขอทราบ", "1 วันทำการ")],
        "examples": ["45 หมู่ 3", "4", "2000", "อุปโภคและบริโภค", "", f"บ้านหลังที่สองถัดจากศาลาประชาคม {NOTE}"],
    },
    {
        "name": "ขอความอนุเคราะห์ตัดกิ่งไม้และซ่อมไฟฟ้าส่องสว่างสาธารณะ", "unit": "ช่าง", "working_days": 7, "fee": "",
        "documents": [],
        "description": (f"ประชาชนแจ้งกิ่งไม้ที่กีดขวางทางหรือเสี่ยงหักโค่นในที่สาธารณะ หรือไฟฟ้าส่องสว่างสาธารณะที่ชำรุด {NOTE}\n"
                        "กิ่งไม้ในที่ดินของเอกชน เจ้าของที่ดินต้องยินยอมให้เข้าดำเนินการ"),
        "fields": [_field("เรื่องที่ขอ", "choice", choices=("ตัดกิ่งไม้ที่กีดขวางหรือเสี่ยงหักโค่น",
                                                            "ซ่อมไฟฟ้าส่องสว่างสาธารณะ")),
                   _field("สถานที่ (ถนน ซอย หมู่ที่ จุดสังเกต)", "long"),
                   _field("หมายเลขเสาไฟฟ้า (ถ้ามี)", required=False)],
        "steps": [_step("รับคำขอและลงทะเบียน", "1 วันทำการ"),
                  _step("ออกตรวจสอบสถานที่และวางแผนดำเนินการ", "2 วันทำการ"),
                  _step("ตัดกิ่งไม้หรือซ่อมไฟฟ้าส่องสว่าง", "3 วันทำการ"),
                  _step("แจ้งผลการดำเนินการให้ผู้ยื่นคำขอทราบ", "1 วันทำการ")],
        "examples": ["ซ่อมไฟฟ้าส่องสว่างสาธารณะ", f"ถนนสายหลักหน้าโรงเรียน หมู่ 5 {NOTE}", ""],
    },
    {
        "name": "ขอข้อมูลข่าวสารของราชการ", "unit": "ปลัด", "working_days": 15,
        "fee": f"ค่าถ่ายสำเนาเอกสารหน้าละ 1 บาท ตามประกาศของหน่วยงาน {NOTE}",
        "documents": ["สำเนาบัตรประจำตัวประชาชนของผู้ยื่นคำขอ"],
        "description": (f"ผู้ใดก็ตามขอข้อมูลข่าวสารของราชการตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 ได้ {NOTE}\n"
                        "ระบุข้อมูลที่ขอให้ชัดเจนพอที่จะค้นหาได้ ข้อมูลที่กฎหมายห้ามเปิดเผยหน่วยงานจะแจ้งเหตุผลให้ทราบ"),
        "fields": [_field("ข้อมูลข่าวสารที่ขอ", "long"),
                   _field("วัตถุประสงค์ในการนำไปใช้", required=False),
                   _field("รับข้อมูลทาง", "choice", choices=("รับด้วยตนเอง", "อีเมล", "ไปรษณีย์"))],
        "steps": [_step("รับคำขอและตรวจสอบความครบถ้วน", "1 วันทำการ"),
                  _step("ค้นหาข้อมูลและพิจารณาการเปิดเผย", "12 วันทำการ"),
                  _step("แจ้งผลและจัดส่งข้อมูลให้ผู้ยื่นคำขอ", "2 วันทำการ")],
        "examples": [f"สำเนาสัญญาจ้างก่อสร้างถนนหมู่ 2 ปีงบประมาณ 2569 {NOTE}", "ใช้ประกอบการติดตามโครงการ", "อีเมล"],
    },
]

# (days ago received, type, applicant, status, days to finish or None, result, officer's message, reply, note)
REQUESTS: list[tuple[int, int, str, str, int | None, str, str, str, str]] = [
    (1, 0, "นางสมใจ รักษ์น้ำ", ServiceRequest.RECEIVED, None, "", "", "", ""),
    (3, 1, "นายประเสริฐ ทางดี", ServiceRequest.IN_PROGRESS, None, "", "รับเรื่องแล้ว กองช่างจะออกตรวจสอบภายในสัปดาห์นี้", "", ""),
    (6, 0, "นางบุญมี ใจงาม", ServiceRequest.WAITING, None, "",
     "ขอสำเนาทะเบียนบ้านเพิ่มเติม แนบในหน้าติดตามคำขอนี้หรือนำมายื่นที่สำนักปลัดได้",
     "จะส่งสำเนาทะเบียนบ้านให้พรุ่งนี้ค่ะ", ""),
    (12, 1, "นายสมศักดิ์ ไฟสว่าง", ServiceRequest.IN_PROGRESS, None, "", "", "",
     "รออะไหล่หลอดไฟ LED จากผู้รับจ้าง คาดว่าได้รับภายในสัปดาห์หน้า"),
    (15, 2, "นายวิชัย ขอรู้", ServiceRequest.REFUSED, 3,
     "ข้อมูลที่ขอเป็นข้อมูลส่วนบุคคลของผู้อื่น ซึ่งมาตรา 24 แห่งพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 ห้ามเปิดเผย", "", "", ""),
    (20, 0, "นางสาวมาลี ชื่นใจ", ServiceRequest.DONE, 2, "จัดส่งน้ำ 6,000 ลิตร แล้วเมื่อวันที่ดำเนินการแล้วเสร็จ", "", "", ""),
    (25, 2, "นายก้องเกียรติ ใฝ่รู้", ServiceRequest.DONE, 10, "ส่งสำเนาสัญญาจ้างที่ขอทางอีเมลแล้ว", "", "", ""),
    (35, 1, "นางทองใบ ร่มเย็น", ServiceRequest.DONE, 14, "ตัดกิ่งไม้บริเวณทางเข้าหมู่ 5 แล้วเสร็จ", "", "", ""),
    (48, 0, "นายเสถียร มั่นคง", ServiceRequest.DONE, 6, "จัดส่งน้ำแล้ว ล่าช้าเพราะรถบรรทุกน้ำเข้าซ่อมบำรุง", "", "", ""),
]


def _unit(agency: Agency, word: str) -> Unit | None:
    return agency.units.filter(name__contains=word).first() or agency.units.first()


@transaction.atomic
def add_demo_eservice(agency: Agency, admin: Any) -> None:
    types = []
    for spec in TYPES:
        found = RequestType.objects.filter(agency=agency, name=spec["name"]).first()
        if found is None:
            found = RequestType.objects.create(
                agency=agency, name=spec["name"], description=spec["description"], unit=_unit(agency, spec["unit"]),
                working_days=spec["working_days"], fee=spec["fee"], documents=spec["documents"],
                fields=spec["fields"], steps=spec["steps"], order=len(types) + 1)
        types.append(found)
    if ServiceRequest.objects.filter(agency=agency).exists():
        return
    today = timezone.localdate()
    for days, index, name, status, finish, result, told, reply, note in REQUESTS:
        rtype = types[index]
        examples = TYPES[index]["examples"]
        values = [*examples, *[""] * len(rtype.fields)]  # a type the agency made itself may ask more
        answers = [{"label": f["label"], "kind": f["kind"], "value": v} for f, v in zip(rtype.fields, values, strict=False)]
        received = today - timedelta(days=days)
        service_request = cases.submit(agency, rtype, f"{name} {NOTE}", "081 234 5678", answers,
                                       channel=ServiceRequest.WEB if days % 2 else "walk_in", received_on=received)
        service_request.status = status
        service_request.result = result
        service_request.finished_on = received + timedelta(days=finish) if finish is not None else None
        service_request.save()
        if told:
            Message.objects.create(request=service_request, author=admin, text=told,
                                   sent_on=received + timedelta(days=1))
        if reply:
            Message.objects.create(request=service_request, from_applicant=True, text=reply,
                                   sent_on=received + timedelta(days=2))
            ServiceRequest.objects.filter(pk=service_request.pk).update(applicant_waiting=True)
        if note:
            Note.objects.create(request=service_request, author=admin, text=f"{note} {NOTE}")

