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


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/error.html", {
        "title": "เปิดหน้านี้โดยตรงไม่ได้",
        "message": "ลิงก์นี้ใช้ได้เฉพาะเมื่อกดปุ่มบนหน้าของระบบ (เช่น บันทึก อนุมัติ หรือยกมาจากปีที่แล้ว) "
                   "กรุณากลับไปที่หน้าก่อนหน้าแล้วกดปุ่มนั้นอีกครั้ง",
    }, status=405)


SERVER_ERROR_TITLE = "ระบบขัดข้อง"
# Nothing here knows whether the data is intact (a damaged database also ends here), so the page
# promises nothing: what the user was doing may not have been saved.
SERVER_ERROR_MESSAGE = ("เกิดข้อผิดพลาดภายในระบบ รายการที่กำลังทำอาจยังไม่ได้บันทึก กรุณาตรวจดูข้อมูลก่อนทำซ้ำ "
                        "หากยังเกิดขึ้นอีก โปรดแจ้งผู้ดูแลระบบ")


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return render(request, "ui/error.html", {"title": SERVER_ERROR_TITLE, "message": SERVER_ERROR_MESSAGE},
                      status=500)
    except Exception:  # the page itself needs the database (menu, user): say it without them
        return HttpResponse(
            f'<!doctype html><html lang="th"><meta charset="utf-8"><title>{SERVER_ERROR_TITLE}</title>'
            f"<h1>{SERVER_ERROR_TITLE}</h1><p>{SERVER_ERROR_MESSAGE}</p></html>",
            status=500, content_type="text/html; charset=utf-8")
