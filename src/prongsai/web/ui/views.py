"""Error pages in Thai."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "ui/error.html", {
        "title": "ส่งแบบฟอร์มไม่สำเร็จ",
        "message": "หน้านี้เปิดไว้นานเกินไปหรือถูกส่งซ้ำ กรุณาย้อนกลับ โหลดหน้าใหม่ แล้วลองอีกครั้ง",
    }, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/error.html", {"title": "คำขอไม่ถูกต้อง",
                                             "message": "ระบบไม่เข้าใจคำขอนี้"}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/error.html", {
        "title": "ไม่มีสิทธิ์ทำรายการนี้",
        "message": "บทบาทของท่านในหน่วยงานนี้ทำรายการนี้ไม่ได้ หากจำเป็น โปรดติดต่อผู้ดูแลของหน่วยงาน",
    }, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ui/error.html", {
        "title": "ไม่พบหน้าที่ต้องการ",
        "message": "ลิงก์อาจไม่ถูกต้อง หรือท่านไม่มีสิทธิ์เข้าถึงข้อมูลนี้",
    }, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/error.html", {
        "title": "ระบบขัดข้อง",
        "message": "เกิดข้อผิดพลาดภายในระบบ ข้อมูลที่บันทึกก่อนหน้านี้ยังอยู่ครบ กรุณาลองใหม่อีกครั้ง",
    }, status=500)
