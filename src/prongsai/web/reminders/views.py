"""The reminder pages: each person's choice of channel (with LINE linking), the installation's
sending settings (system administrator), and the LINE webhook that links accounts."""

from __future__ import annotations

import json
import re
import secrets
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from prongsai.thai import to_arabic_digits
from prongsai.web.audit import log
from prongsai.web.reminders import senders, service
from prongsai.web.reminders.forms import PreferenceForm, SettingsForm
from prongsai.web.reminders.models import (
    CHANNEL_TH,
    LineLinkCode,
    LineLinkMiss,
    ReminderPreference,
    ReminderSettings,
)
from prongsai.web.ui.exports import export_response
from prongsai.web.ui.template_filters import thdate

LINKED = "เชื่อมบัญชีแล้ว กรุณากลับไปเลือกรับการแจ้งเตือนทาง LINE ที่หน้า “การแจ้งเตือนของฉัน” ในระบบโปร่งใส"
NOT_LINKED = ("รหัสไม่ถูกต้องหรือหมดอายุแล้ว กรุณาขอรหัสใหม่ที่หน้า “การแจ้งเตือนของฉัน” ในระบบโปร่งใส "
              "แล้วส่งรหัส 6 หลักมาในแชตนี้ภายใน 30 นาที")
TOO_MANY = "ส่งรหัสไม่ถูกต้องหลายครั้งเกินไป กรุณารอ 1 ชั่วโมง แล้วขอรหัสใหม่ที่หน้า “การแจ้งเตือนของฉัน” ในระบบโปร่งใส"
HOW_TO = "กรุณาส่งรหัส 6 หลักจากหน้า “การแจ้งเตือนของฉัน” ในระบบโปร่งใส มาในแชตนี้ เพื่อเชื่อมบัญชีสำหรับรับการแจ้งเตือน"
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
TEST_RESULTS = "reminder_test_results"  # the session key: the test's results, shown once after the redirect


def _preference(user) -> ReminderPreference:  # type: ignore[no-untyped-def]
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


def _active_code(user) -> LineLinkCode | None:  # type: ignore[no-untyped-def]
    return (LineLinkCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at").first())


def _new_code(user) -> LineLinkCode:  # type: ignore[no-untyped-def]
    now = timezone.now()
    LineLinkCode.objects.filter(user=user, used_at__isnull=True).delete()
    while True:  # a code open for someone else would link the wrong account
        code = f"{secrets.randbelow(10 ** 6):06d}"
        if not LineLinkCode.objects.filter(code=code, used_at__isnull=True, expires_at__gt=now).exists():
            break
    return LineLinkCode.objects.create(user=user, code=code,
                                       expires_at=now + timedelta(minutes=LineLinkCode.LIFETIME_MINUTES))


def reminder_preferences(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    user = request.user
    pref = _preference(user)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    form = PreferenceForm(initial={"channel": pref.channel, "email": user.email}, line_linked=bool(pref.line_user_id))
    if action == "code":
        with transaction.atomic():
            _new_code(user)
            log.record(user, None, "update", "การแจ้งเตือน", user, "ขอรหัสเชื่อมบัญชี LINE")
        return redirect("reminder_preferences")
    if action == "unlink":
        if pref.pk and pref.line_user_id:
            with transaction.atomic():
                before = pref.channel
                pref.line_user_id, pref.line_linked_at = "", None
                if pref.channel in ("line", "both"):
                    pref.channel = "email" if before == "both" else "none"
                pref.save()
                log.record(user, None, "update", "การแจ้งเตือน", user, "ยกเลิกการเชื่อมบัญชี LINE",
                           {"รับการแจ้งเตือนทาง": [dict(ReminderPreference._meta.get_field("channel").choices)[before],
                                                   pref.get_channel_display()]} if before != pref.channel else None)
            messages.success(request, "ยกเลิกการเชื่อม LINE แล้ว")
        return redirect("reminder_preferences")
    if action == "save":
        form = PreferenceForm(request.POST, line_linked=bool(pref.line_user_id))
        if form.is_valid():
            data = form.cleaned_data
            before = {"รับการแจ้งเตือนทาง": pref.get_channel_display() if pref.pk else "", "อีเมล": user.email}
            with transaction.atomic():
                pref.channel = data["channel"]
                pref.save()
                if data["email"] != user.email:
                    user.email = data["email"]
                    user.save(update_fields=["email"])
                log.updated(user, None, "การแจ้งเตือน", user, "เปลี่ยนการรับการแจ้งเตือน", before,
                            {"รับการแจ้งเตือนทาง": pref.get_channel_display(), "อีเมล": user.email})
            messages.success(request, "บันทึกการรับการแจ้งเตือนแล้ว")
            return redirect("reminder_preferences")
    cfg = senders.config()
    today = timezone.localdate()
    upcoming = service.upcoming(user, today)
    several = user.pk in service.several_agencies([user.pk])
    headers = ["วันที่ส่ง", *(["หน่วยงาน"] if several else []), "เรื่อง", "ช่องทาง", "ครบกำหนด", "แจ้งเตือนอีกครั้ง"]
    rows = [(u.day, *([u.agency] if several else []), u.reminder.subject, _channels(u.channels), u.reminder.due,
             ", ".join(thdate(d) for d in u.later)) for u in upcoming]
    if (file := export_response(
            request, title="การแจ้งเตือนที่จะได้รับใน 30 วันข้างหน้า", filename="การแจ้งเตือนของฉัน",
            headers=headers, subtitle=[user.get_full_name() or user.username], rows=rows)) is not None:
        return file
    return render(request, "reminders/preferences.html", {
        "title": "การแจ้งเตือนของฉัน", "form": form, "pref": pref, "code": _active_code(user), "cfg": cfg,
        "upcoming": upcoming, "several": several, "channels": _channels, "today": today,
        "lifetime": LineLinkCode.LIFETIME_MINUTES, "exports": True,
    })


def _channels(channels: tuple[str, ...]) -> str:
    """อีเมล, LINE, or อีเมลและ LINE."""
    return " และ ".join(CHANNEL_TH[c] for c in channels).replace("อีเมล และ", "อีเมลและ")


def _test_results(request: HttpRequest, cfg: senders.Config) -> list[tuple[str, bool, str]]:
    """Sends a test through each configured channel to the administrator: (channel, ok, Thai line)."""
    user = request.user
    subject = "ทดสอบการแจ้งเตือนจากระบบโปร่งใส"
    body = "ข้อความนี้ส่งจากหน้าการตั้งค่าการแจ้งเตือน หากท่านได้รับข้อความนี้ แสดงว่าตั้งค่าถูกต้องแล้ว"
    results = []
    if cfg.email_ready:
        if not user.email:
            results.append(("อีเมล", False, "บัญชีของท่านยังไม่มีอีเมล ระบุได้ที่หน้า “การแจ้งเตือนของฉัน”"))
        else:
            reason = senders.send_email(cfg, user.email, subject, body)
            results.append(("อีเมล", reason is None, f"ส่งถึง {user.email} แล้ว" if reason is None else reason))
    else:
        results.append(("อีเมล", False, "ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมลและอีเมลผู้ส่ง"))
    if cfg.line_ready:
        pref = _preference(user)
        if not pref.line_user_id:
            results.append(("LINE", False, "บัญชีของท่านยังไม่ได้เชื่อม LINE เชื่อมได้ที่หน้า “การแจ้งเตือนของฉัน”"))
        else:
            reason = senders.send_line(cfg, pref.line_user_id, f"{subject}\n{body}")
            results.append(("LINE", reason is None, "ส่งถึง LINE ของท่านแล้ว" if reason is None else reason))
    else:
        results.append(("LINE", False, "ยังไม่ได้ตั้งค่า Channel access token"))
    return results


def _save_settings(request: HttpRequest, form: SettingsForm, row: ReminderSettings) -> None:
    before = log.snapshot(row, ReminderSettings.AUDIT_FIELDS) if row.pk else {}
    secrets_before = {n: row.has_secret(n) for n in ReminderSettings.SECRETS}
    with transaction.atomic():
        form.apply(row)
        row.updated_by = request.user
        row.save()
        after = log.snapshot(row, ReminderSettings.AUDIT_FIELDS)
        labels = {"smtp_password": "รหัสผ่าน SMTP", "line_token": "LINE Channel access token",
                  "line_secret": "LINE Channel secret"}
        changes = log.diff(before, after)
        for name, label in labels.items():  # that a secret changed, never the secret
            was, now = secrets_before[name], row.has_secret(name)
            if was != now or form.cleaned_data.get(name):
                changes[label] = ["ตั้งไว้" if was else "", "ตั้งใหม่" if now else "ลบแล้ว"]
        if changes:
            log.record(request.user, None, "update", "การตั้งค่าการแจ้งเตือน", row,
                       "แก้ไขการตั้งค่าการแจ้งเตือน (อีเมลและ LINE)", changes)


def reminder_settings(request: HttpRequest) -> HttpResponse:
    """One form: บันทึก saves; บันทึกและส่งข้อความทดสอบ saves what is on the screen (after the
    same checks) and then sends the test with it, so typed values are never lost."""
    if not request.user.is_superuser:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    row = ReminderSettings.load()
    initial = {f: getattr(row, f) for f in ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "sender",
                                             "line_account")}
    form = SettingsForm(initial=initial, current=row)
    results = request.session.pop(TEST_RESULTS, None) if request.method != "POST" else None
    if request.method == "POST":
        testing = request.POST.get("action") == "test"
        form = SettingsForm(request.POST, current=row)
        if not form.is_valid():
            if testing:
                messages.error(request, "ยังไม่ได้บันทึกและยังไม่ได้ส่งข้อความทดสอบ เนื่องจากข้อมูลบางช่องไม่ถูกต้อง "
                                        "กรุณาแก้ไขตามที่แจ้งไว้ใต้ช่องนั้น แล้วกดปุ่มอีกครั้ง")
        else:
            _save_settings(request, form, row)
            if testing:  # the values just saved, as the daily sending will use them
                request.session[TEST_RESULTS] = _test_results(request, senders.config())
                messages.success(request, "บันทึกการตั้งค่าการแจ้งเตือนแล้ว และส่งข้อความทดสอบตามค่าที่บันทึก "
                                          "ดูผลด้านล่าง")
            else:
                messages.success(request, "บันทึกการตั้งค่าการแจ้งเตือนแล้ว")
            return redirect("reminder_settings")
    cfg = senders.config()
    webhook = request.build_absolute_uri("/line/webhook/")
    return render(request, "reminders/settings.html", {
        "title": "การตั้งค่าการแจ้งเตือน", "form": form, "row": row, "cfg": cfg, "results": results,
        "webhook": webhook, "env": senders.ENV, "labels": {n: f.label for n, f in SettingsForm.base_fields.items()},
    })


@login_not_required
@csrf_exempt
def line_webhook(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    cfg = senders.config()
    body = request.body
    if not senders.signature_ok(cfg.line_secret, body, request.headers.get("X-Line-Signature", "")):
        return HttpResponseBadRequest(b"", content_type="text/plain")
    try:
        events = json.loads(body.decode("utf-8")).get("events") or []
    except (ValueError, AttributeError, UnicodeDecodeError):
        return HttpResponseBadRequest(b"", content_type="text/plain")
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict):
            continue
        source = event.get("source") or {}
        line_user = source.get("userId") if isinstance(source, dict) else None
        reply_token = event.get("replyToken")
        message = event.get("message") or {}
        if event.get("type") != "message" or not isinstance(message, dict) or message.get("type") != "text":
            if event.get("type") == "follow" and reply_token:
                senders.reply_line(cfg, str(reply_token), HOW_TO)
            continue
        found = CODE.search(to_arabic_digits(str(message.get("text") or "")))
        text = HOW_TO
        if found and line_user:
            text = _link_or_refuse(found.group(1), str(line_user)[:64])
        if reply_token:
            senders.reply_line(cfg, str(reply_token), text)
    return HttpResponse(b"", content_type="text/plain")


def _link_or_refuse(code: str, line_user: str) -> str:
    hour_ago = timezone.now() - timedelta(hours=1)
    if LineLinkMiss.objects.filter(line_user_id=line_user, at__gt=hour_ago).count() >= LineLinkMiss.LIMIT:
        return TOO_MANY
    if _link(code, line_user):
        return LINKED
    LineLinkMiss.objects.filter(at__lt=hour_ago).delete()
    LineLinkMiss.objects.create(line_user_id=line_user)
    return NOT_LINKED


def _link(code: str, line_user: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        link = (LineLinkCode.objects.filter(code=code, used_at__isnull=True, expires_at__gt=now)
                .select_related("user").first())
        # single use: only the request that marks it used links the account
        if link is None or not LineLinkCode.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now):
            return False
        pref, _ = ReminderPreference.objects.get_or_create(user=link.user)
        pref.line_user_id, pref.line_linked_at = line_user, now
        pref.save()
        log.record(link.user, None, "update", "การแจ้งเตือน", link.user, "เชื่อมบัญชี LINE สำหรับการแจ้งเตือน")
    return True
