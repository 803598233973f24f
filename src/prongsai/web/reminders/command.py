"""`prongsai remind [--today YYYY-MM-DD] [--dry-run] [--json]` (design §5.6): sends the reminders
due — measure deadlines, the 6-month and year-end reports, OIT items to refresh, loans due back —
by e-mail and LINE. `--dry-run` lists them without sending; with `--json` a list of
{to, channel, subject, due}. Run again the same day, it sends nothing more. Exit 0; 2 for a bad
--today."""

from __future__ import annotations

import argparse
import json
import sys

from prongsai.thai import DATE_FORMS, ThaiDateError, format_date, parse_thai_date
from prongsai.web.workspace_database import check_migrated, open_database


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="prongsai remind", description="ส่งการแจ้งเตือนที่ถึงกำหนดทางอีเมลและ LINE")
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", help="ให้ถือว่าวันนี้เป็นวันที่ที่ระบุ (เช่น 2027-03-17 หรือ 17/3/2570)")
    p.add_argument("--dry-run", action="store_true", help="แสดงรายการที่จะส่งโดยไม่ส่งจริง")
    p.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON: [{to, channel, subject, due}]")


def run(today: str | None = None, dry_run: bool = False, as_json: bool = False) -> int:
    try:
        day = parse_thai_date(today) if today else None
    except ThaiDateError as exc:
        print(f"ค่า --today ไม่ถูกต้อง: {exc.problem} (รูปแบบที่รับได้: {DATE_FORMS})", file=sys.stderr)
        return 2
    from django.apps import apps

    if not apps.ready:  # the command line; inside a running Django (tests) its database is in use
        check_migrated(open_database(), then="แล้วส่งการแจ้งเตือนใหม่")
    from prongsai.web.reminders import service
    from prongsai.web.reminders.models import CHANNEL_TH

    if day is None:
        from django.utils import timezone

        day = timezone.localdate()
    sends, outcome, unreachable = service.run(day, dry_run=dry_run)
    if as_json:
        shown = sends if dry_run or outcome is None else [s for s in sends if s not in outcome.held]
        print(json.dumps([s.as_dict() for s in shown], ensure_ascii=False, indent=2))
        return 0
    head = format_date(day, thai=False, long=True)
    if dry_run:
        print(f"การแจ้งเตือนที่ถึงกำหนดวันที่ {head}: {len(sends)} รายการ (ยังไม่ได้ส่ง)")
        for s in sends:
            print(f"- {CHANNEL_TH[s.channel]} ถึง {s.as_dict()['to']}: {s.subject} "
                  f"(ครบกำหนด {format_date(s.reminder.due, thai=False, long=True)})")
        if unreachable:
            print(f"มีผู้ใช้ {unreachable} คนที่ถึงกำหนดได้รับการแจ้งเตือน แต่ยังไม่ได้ระบุอีเมลหรือยังไม่ได้เชื่อม LINE")
        return 0
    assert outcome is not None
    print(f"ส่งการแจ้งเตือนวันที่ {head}: ส่งแล้ว {outcome.sent} รายการ, ไม่สำเร็จ {len(outcome.failed)} รายการ, "
          f"ส่งไว้ก่อนหน้านี้แล้ว {outcome.already} รายการ")
    for send, reason in outcome.failed:
        print(f"- ส่ง{CHANNEL_TH[send.channel]}ถึง {send.as_dict()['to']} ไม่สำเร็จ: {reason} (จะลองใหม่ในรอบถัดไป)")
    if outcome.held:
        for line in outcome.not_configured:
            print(line)
        print(f"ยังไม่ได้ส่ง {len(outcome.held)} รายการ ระบบจะส่งเมื่อตั้งค่าช่องทางแล้ว (เมนู “การตั้งค่าการแจ้งเตือน”)")
    if unreachable:
        print(f"มีผู้ใช้ {unreachable} คนที่ถึงกำหนดได้รับการแจ้งเตือน แต่ยังไม่ได้ระบุอีเมลหรือยังไม่ได้เชื่อม LINE")
    return 0


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    return run(args.today, args.dry_run, args.json)
