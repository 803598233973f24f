"""What the agency tells the public about itself on its public pages (/p/<agency_id>/)."""

from __future__ import annotations

from django.db import models


class PublicProfile(models.Model):
    """The agency's contact details and introduction on its public home; edited by its admins at
    /a/<agency_id>/public/. An agency without one shows only its name and place."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="public_profile",
                                  verbose_name="หน่วยงาน")
    intro = models.TextField("ข้อความแนะนำหน่วยงาน", blank=True,
                             help_text="แสดงใต้ชื่อหน่วยงานในหน้าหลัก ไม่เกินสองสามประโยค")
    address = models.TextField("ที่อยู่", blank=True)
    phone = models.CharField("หมายเลขโทรศัพท์", max_length=100, blank=True,
                             help_text="หลายหมายเลขให้คั่นด้วยเครื่องหมายจุลภาค (,) เช่น 0 3451 2345, 0 3451 2346 ต่อ 12")
    email = models.EmailField("อีเมล", blank=True, help_text="เช่น อีเมลงานสารบรรณของหน่วยงาน")
    office_hours = models.CharField("เวลาทำการ", max_length=200, blank=True,
                                    help_text="เช่น วันจันทร์–วันศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)")
    map_url = models.URLField("ลิงก์แผนที่ตั้ง", max_length=500, blank=True,
                              help_text="ลิงก์ Google Maps หรือแผนที่อื่นของที่ตั้งหน่วยงาน")
    social_links = models.TextField("ช่องทางเครือข่ายสังคมออนไลน์", blank=True,
                                    help_text="บรรทัดละหนึ่งลิงก์ เช่น เพจ Facebook หรือ LINE Official ของหน่วยงาน")
    head_title = models.CharField("ตำแหน่งผู้บริหารสูงสุด", max_length=200, blank=True,
                                  help_text="ตำแหน่งที่ใช้ในเอกสาร เช่น นายกองค์การบริหารส่วนตำบลลาดหญ้า")
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    AUDIT_FIELDS = ("intro", "address", "phone", "email", "office_hours", "map_url", "social_links", "head_title")
    # What a contact page (the OIT item ข้อมูลการติดต่อ) shows at least.
    CONTACT_FIELDS = ("address", "phone", "email", "map_url")

    class Meta:
        verbose_name = "ข้อมูลหน้าสาธารณะของหน่วยงาน"

    def __str__(self) -> str:
        return f"ข้อมูลหน้าสาธารณะของ{self.agency}"

    @property
    def phones(self) -> list[tuple[str, str]]:
        """Each number as (text, tel: target): '0 3451 2345 ต่อ 12' dials 034512345."""
        out = []
        for part in self.phone.split(","):
            text = part.strip()
            if not text:
                continue
            main = text.split("ต่อ")[0]
            digits = "".join(ch for ch in main if ch.isdigit() or ch == "+")
            out.append((text, digits))
        return out

    @property
    def social_list(self) -> list[str]:
        return [line.strip() for line in self.social_links.splitlines() if line.strip()]

    @property
    def missing_contact(self) -> list[str]:
        """The labels of the contact details not filled in yet."""
        return [str(self._meta.get_field(name).verbose_name) for name in self.CONTACT_FIELDS
                if not getattr(self, name).strip()]
