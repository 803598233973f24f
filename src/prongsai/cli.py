"""The `prongsai` command. Thin: parse arguments, call the core, print, map errors to exit
codes (2 for bad input, with one Thai line on stderr; never a traceback)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from prongsai.errors import EnvironmentProblem, InputError

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Thai with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"คำสั่งไม่ถูกต้อง: {message}", expected=f"ดูวิธีใช้ด้วย {self.prog} --help")


def _write_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _load_agency(paths: Sequence[str]):
    """One agency from one file, or from several files (one or more years each)."""
    from prongsai.results_io import read_results

    found = [read_results(p) for p in paths]
    if len(found) == 1:
        return found[0]
    names = {a.agency for a in found}
    if len(names) > 1:
        raise InputError("ไฟล์เป็นของหลายหน่วยงาน: " + ", ".join(sorted(names)),
                         expected="ทุกไฟล์ต้องเป็นของหน่วยงานเดียวกัน")
    years = {}
    for agency in found:
        for year in (agency.current, *agency.previous):
            if year.fiscal_year in years:
                raise InputError(f"ปีงบประมาณ {year.fiscal_year} มีมากกว่าหนึ่งไฟล์", file=agency.source,
                                 expected="แต่ละปีอยู่ในไฟล์เดียว")
            years[year.fiscal_year] = year
    latest = max(found, key=lambda a: a.fiscal_year)
    ordered = sorted(years.values(), key=lambda y: y.fiscal_year)
    return replace(latest, current=ordered[-1], previous=tuple(ordered[:-1]))


def _analysis(args: argparse.Namespace):
    from prongsai import settings
    from prongsai.ita.analysis import analyse
    from prongsai.ita.library import get_framework

    results = _load_agency(args.files)
    return results, analyse(results, get_framework, settings.thresholds(args.pass_mark, args.strength_mark))


def cmd_analyze(args: argparse.Namespace) -> int:
    from prongsai.analysis_text import analysis_text

    _, analysis = _analysis(args)
    if args.json:
        _write_json(analysis.to_json())
    else:
        print(analysis_text(analysis))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from prongsai.planning.draft import draft_plan
    from prongsai.planning.plan_text import plan_text

    results, analysis = _analysis(args)
    plan = draft_plan(results, analysis, args.year, detail=args.detail)
    if args.json:
        _write_json(plan.to_json())
    else:
        print(plan_text(plan, analysis))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    out = Path(args.out)
    if out.suffix.lower() != f".{args.format}":
        raise InputError(f"นามสกุลไฟล์ผลลัพธ์ไม่ตรงกับรูปแบบ {args.format}", file=str(out),
                         expected=f"ชื่อไฟล์ลงท้ายด้วย .{args.format}")
    if args.format == "pdf":
        # LibreOffice starts (about a second) while Python reads, analyses and builds the DOCX.
        from prongsai.documents import pdf

        office = pdf.start_office(context_numerals=True)
    else:
        office = nullcontext()
    with office as started:
        from prongsai import settings
        from prongsai.documents.reports import write_report
        from prongsai.planning.draft import draft_plan

        results, analysis = _analysis(args)
        plan = draft_plan(results, analysis, args.year, detail=args.detail)
        path = write_report(args.kind, args.format, out, results=results, analysis=analysis, plan=plan,
                            period=args.period, thai_digits=settings.thai_digits(),
                            allow_empty=args.allow_empty, office=started)
    print(f"เขียนเอกสารที่ {path}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from prongsai.web.serve import serve

    return serve(port=args.port, host=args.host, demo=args.demo, workers=args.workers)


def cmd_backup(args: argparse.Namespace) -> int:
    from prongsai.web.backup_commands import backup_command

    return backup_command(args.file)


def cmd_restore(args: argparse.Namespace) -> int:
    from prongsai.web.backup_commands import restore_command

    return restore_command(args.file)


def cmd_audit(args: argparse.Namespace) -> int:
    from prongsai.web.audit.command import verify_command

    return verify_command(as_json=args.json)


def cmd_import(args: argparse.Namespace) -> int:
    from prongsai.web.imports.command import import_command

    return import_command(args.file, as_json=args.json)


def cmd_remind(args: argparse.Namespace) -> int:
    from prongsai.web.reminders.command import run

    return run(args.today, args.dry_run, args.json)


def cmd_oit(args: argparse.Namespace) -> int:
    from prongsai.oit_check.check import check
    from prongsai.oit_check.links import read_links
    from prongsai.oit_check.report_text import report_text

    links = read_links(args.links, args.year)
    report = check(links)
    if args.json:
        _write_json(report.as_json())
    else:
        print(report_text(report))
    return 0  # whatever the items' status (design §5.4): the report says what to fix


def cmd_frameworks(args: argparse.Namespace) -> int:
    from prongsai.ita.coverage import coverage, coverage_text
    from prongsai.ita.library import library, load_framework_file

    if args.action == "check":
        if len(args.targets) != 1:
            raise InputError("ต้องระบุไฟล์ที่จะตรวจหนึ่งไฟล์", expected="prongsai frameworks check FILE")
        fw = load_framework_file(args.targets[0])
        print(f"{args.targets[0]}: ถูกต้อง — กรอบ{fw.label}, {len(fw.indicators)} ตัวชี้วัด, {len(fw.items)} ข้อ")
        return 0
    lib = library()
    if args.action == "diff":
        return _frameworks_diff(lib, args)
    if args.targets:
        raise InputError(f"ไม่รู้จักคำสั่ง '{args.targets[0]}'", expected="prongsai frameworks [check FILE | diff ปี ปี]")
    rows = [coverage(fw, overridden=(fw.fiscal_year, fw.variant) in lib.overridden) for fw in lib.everything()]
    if args.json:
        _write_json(rows)
    else:
        print(coverage_text(rows))
    return 0


def _frameworks_diff(lib: Any, args: argparse.Namespace) -> int:
    from prongsai.ita.changes import changes_text, compare, parse_key

    if len(args.targets) != 2:
        raise InputError("ต้องระบุกรอบสองปีที่จะเทียบ", expected="prongsai frameworks diff 2568 2569 (หรือ 2569-ovec)")
    try:
        old, new = (parse_key(t, lib) for t in args.targets)
    except ValueError as exc:
        raise InputError(str(exc), where="frameworks diff", expected="ปีที่มีในคลัง ดูได้จาก prongsai frameworks") from None
    found = compare(lib, old, new)
    if args.json:
        _write_json({"from": lib.get(*old).id, "to": lib.get(*new).id, "changes": [c.as_json() for c in found]})
    else:
        print(changes_text(lib, old, new, found))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from prongsai.ita.library import announced_year, available_years, get_framework
    from prongsai.results_template import write_template

    year = args.year or announced_year()
    try:
        fw = get_framework(year, args.variant)
    except KeyError:
        years = available_years()
        raise InputError(f"ไม่มีกรอบการประเมินของปี {year}" + (f" แบบ {args.variant}" if args.variant else ""),
                         where="--variant" if args.variant else "--year",
                         expected=f"ปี {years[0]}–{years[-1]} และกรอบเฉพาะกลุ่มที่ prongsai frameworks แสดง") from None
    if Path(args.out).suffix.lower() != ".xlsx":
        raise InputError("ไฟล์แบบฟอร์มต้องเป็น .xlsx", file=args.out, expected="เช่น results.xlsx")
    path = write_template(fw, args.out)
    print(f"เขียนแบบฟอร์มผลการประเมินปี {fw.fiscal_year} ที่ {path} — กรอกคะแนนแล้วใช้ prongsai analyze {path}")
    return 0


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป (ได้ '{text}')")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="prongsai", description="โปร่งใส — ระบบงานการประเมิน ITA ของหน่วยงาน")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    analyze = sub.add_parser("analyze", help="วิเคราะห์ผลการประเมิน ITA จากไฟล์ผลการประเมิน")
    analyze.add_argument("files", nargs="+", metavar="FILE",
                         help="ไฟล์ผลการประเมิน (.yaml .json .csv .xlsx); หลายไฟล์ = หลายปีของหน่วยงานเดียวกัน")
    analyze.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")
    analyze.add_argument("--pass-mark", type=float, default=None, help="เกณฑ์ผ่าน (ค่าเริ่มต้น 85)")
    analyze.add_argument("--strength-mark", type=float, default=None, help="เกณฑ์จุดแข็ง (ค่าเริ่มต้น 95)")
    analyze.set_defaults(func=cmd_analyze)

    plan = sub.add_parser("plan", help="ร่างมาตรการส่งเสริมคุณธรรมและความโปร่งใสสำหรับปีถัดไป")
    plan.add_argument("files", nargs="+", metavar="FILE", help="ไฟล์ผลการประเมิน")
    plan.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")
    plan.add_argument("--year", type=int, default=None, help="ปีงบประมาณของแผน (ค่าเริ่มต้น: ปีถัดจากผลการประเมิน)")
    plan.add_argument("--pass-mark", type=float, default=None, help="เกณฑ์ผ่าน (ค่าเริ่มต้น 85)")
    plan.add_argument("--strength-mark", type=float, default=None, help="เกณฑ์จุดแข็ง (ค่าเริ่มต้น 95)")
    plan.add_argument("--detail", choices=["concise", "full"], default="concise",
                      help="concise = ร่างกระชับ มาตรการละ 2–6 ขั้นตอน (ค่าเริ่มต้น), full = ขั้นตอนละเอียดครบทุกข้อ")
    plan.set_defaults(func=cmd_plan)

    report = sub.add_parser("report", help="เขียนเอกสารทางการ (รายงานการวิเคราะห์ มาตรการ รายงานผล) เป็น DOCX หรือ PDF")
    report.add_argument("files", nargs="+", metavar="FILE", help="ไฟล์ผลการประเมิน")
    report.add_argument("--kind", required=True, choices=["analysis", "plan", "implementation"],
                        help="analysis = รายงานการวิเคราะห์, plan = มาตรการ, implementation = รายงานผลการดำเนินการ")
    report.add_argument("--format", required=True, choices=["docx", "pdf"])
    report.add_argument("-o", "--out", required=True, metavar="OUT", help="ไฟล์ที่จะเขียน")
    report.add_argument("--period", choices=["6-month", "year-end"], default="year-end",
                        help="รอบของรายงานผลการดำเนินการ (รอบ 6 เดือน หรือสิ้นปีงบประมาณ)")
    report.add_argument("--year", type=int, default=None, help="ปีงบประมาณของแผน")
    report.add_argument("--detail", choices=["concise", "full"], default="concise",
                        help="รายละเอียดของมาตรการในเอกสาร: concise (ค่าเริ่มต้น) หรือ full")
    report.add_argument("--allow-empty", action="store_true",
                        help="รายงานผลการดำเนินการที่ยังไม่มีผล: พิมพ์แบบฟอร์มเปล่าไว้กรอก")
    report.add_argument("--pass-mark", type=float, default=None)
    report.add_argument("--strength-mark", type=float, default=None)
    report.set_defaults(func=cmd_report)

    serve = sub.add_parser("serve", help="เปิดระบบงานบนเว็บ (ฐานข้อมูล SQLite ในเครื่อง)")
    serve.add_argument("--demo", action="store_true", help="ใส่ข้อมูลตัวอย่างของหน่วยงานจากเอกสารจริง")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--workers", type=_positive, default=None,
                       help="จำนวนโปรเซสที่ให้บริการ (ค่าเริ่มต้น: จำนวนแกนของเครื่อง; Linux ใช้ gunicorn)")
    serve.set_defaults(func=cmd_serve)

    backup = sub.add_parser("backup", help="สำรองฐานข้อมูล ไฟล์แนบ และกุญแจของระบบเป็นไฟล์เดียว (.tar.gz)")
    backup.add_argument("file", metavar="FILE", help="ไฟล์สำรองที่จะเขียน เช่น prongsai-backup.tar.gz")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="กู้คืนไฟล์สำรองลงโฟลเดอร์ข้อมูลว่าง (PRONGSAI_HOME)")
    restore.add_argument("file", metavar="FILE", help="ไฟล์สำรองจาก prongsai backup")
    restore.set_defaults(func=cmd_restore)

    audit = sub.add_parser("audit", help="ตรวจบันทึกการเปลี่ยนแปลงว่าไม่ถูกแก้ไขหรือลบนอกระบบ")
    audit.add_argument("action", choices=["verify"],
                       help="verify = ตรวจห่วงโซ่รหัสตรวจสอบ: 0 ครบถ้วน, 1 พบรายการที่ถูกแก้ไข/ลบ/แทรก, 2 เปิดฐานข้อมูลไม่ได้")
    audit.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")
    audit.set_defaults(func=cmd_audit)

    imports = sub.add_parser("import", help="นำเข้าตารางผลการประเมินของหลายหน่วยงาน (.xlsx หรือ .csv หนึ่งแถวต่อหน่วยงานต่อปีงบประมาณ)")
    imports.add_argument("file", metavar="FILE",
                         help="ตารางผลการประเมิน: คอลัมน์ชื่อหน่วยงาน จังหวัด ปีงบประมาณ และคะแนน (ตัวอย่างใน README); "
                              "ระบบจะเพิ่มหน่วยงานที่ยังไม่มีในระบบให้โดยอัตโนมัติ")
    imports.add_argument("--json", action="store_true",
                         help="พิมพ์ผลเป็น JSON; รหัสสถานะเมื่อจบคำสั่ง: 0 นำเข้าครบ, 1 มีแถวที่ไม่ได้นำเข้า, 2 ใช้ไฟล์นี้ไม่ได้ (ไม่ได้บันทึกข้อมูลใด)")
    imports.set_defaults(func=cmd_import)

    remind = sub.add_parser("remind", help="ส่งการแจ้งเตือนที่ถึงกำหนด (มาตรการ รายงานผลการดำเนินการ รายการ OIT การคืนพัสดุที่ยืม) ทางอีเมลและ LINE")
    from prongsai.web.reminders.command import add_arguments as remind_arguments

    remind_arguments(remind)
    remind.set_defaults(func=cmd_remind)

    oit = sub.add_parser("oit", help="ตรวจความพร้อมของข้อมูล OIT บนเว็บไซต์ของหน่วยงาน")
    oit.add_argument("action", choices=["check"], help="check = ตรวจทุกข้อตามไฟล์ลิงก์")
    oit.add_argument("links", metavar="LINKS.yaml", help="ไฟล์ลิงก์ของแต่ละข้อ (ตัวอย่างใน README)")
    oit.add_argument("--year", type=int, default=None, help="ปีงบประมาณของรายการ OIT (ค่าเริ่มต้น: ตามไฟล์)")
    oit.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")
    oit.set_defaults(func=cmd_oit)

    frameworks = sub.add_parser("frameworks", help="กรอบการประเมินที่มีในคลัง หรือตรวจไฟล์กรอบการประเมิน")
    frameworks.add_argument("action", nargs="?", choices=["check", "diff"],
                            help="check FILE = ตรวจไฟล์กรอบการประเมิน; diff ปี ปี = ข้อ OIT ที่เปลี่ยนระหว่างสองกรอบ")
    frameworks.add_argument("targets", nargs="*", help="ไฟล์ (.yaml) หรือปีสองปี เช่น 2568 2569 หรือ 2569-ovec")
    frameworks.add_argument("--json", action="store_true")
    frameworks.set_defaults(func=cmd_frameworks)

    template = sub.add_parser("template", help="สร้างแบบฟอร์ม Excel สำหรับกรอกผลการประเมิน")
    template.add_argument("out", metavar="OUT.xlsx")
    template.add_argument("--year", type=int, default=None,
                          help="ปีงบประมาณ (พ.ศ.) ค่าเริ่มต้น: ปีที่ประกาศผลล่าสุด")
    template.add_argument("--variant", default=None, help="กรอบเฉพาะกลุ่ม เช่น ovec (ดูได้จาก prongsai frameworks)")
    template.set_defaults(func=cmd_template)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except InputError as exc:
        print(f"ข้อผิดพลาด: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except EnvironmentProblem as exc:
        print(f"ข้อผิดพลาด: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        print("ยกเลิกแล้ว", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the promise: never a traceback for a user
        if os.environ.get("PRONGSAI_DEBUG"):
            raise
        print(f"เกิดข้อผิดพลาดภายในโปรแกรม ({type(exc).__name__}: {exc}) — "
              "โปรดแจ้งผู้ดูแลระบบพร้อมไฟล์ที่ใช้ หรือรันซ้ำโดยตั้ง PRONGSAI_DEBUG=1 เพื่อดูรายละเอียด",
              file=sys.stderr)
        return EXIT_INTERNAL


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
