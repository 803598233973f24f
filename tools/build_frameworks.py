"""One-off generator of the ITA framework library (src/prongsai/ita/frameworks/*.yaml).

This script was used once to transcribe the reference notes in shared/reference/ita
(frameworks.md, the authority with provenance, and ita-25xx.yaml, the same facts as data)
into our own format (prongsai.ita.model.Framework / Crosswalk).  **The YAML files are the
source of truth**: edit them directly; do not re-run this script over hand edits.  It is
kept only to document how the files were produced.

Texts are taken verbatim from the reference: IIT 2564 from ita-2564.yaml (S1), OIT names
from the frameworks.md tables, requirement texts from frameworks.md §6.1/§7.1/§8.1, seed
quotes from frameworks.md §14.  Where the two reference files disagree the script prints
a warning and frameworks.md wins (except where noted in the code).

Usage:  .venv/bin/python tools/build_frameworks.py [REFERENCE_DIR] [OUTPUT_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REF = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/reference/ita")
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "src/prongsai/ita/frameworks"
VERSION = "2026.11"
YEARS = range(2563, 2570)
MD = (REF / "frameworks.md").read_text(encoding="utf-8")
WARNINGS: list[str] = []


def warn(msg: str) -> None:
    WARNINGS.append(msg)
    print("WARNING:", msg, file=sys.stderr)


def ref_yaml(year: int) -> dict:
    return yaml.safe_load((REF / f"ita-{year}.yaml").read_text(encoding="utf-8"))


def md_section(start: str, end: str) -> str:
    i = MD.index(start)
    j = MD.index(end, i + len(start))
    return MD[i:j]


def table_rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        line = line.strip()
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


# ---------------------------------------------------------------------------------------
# Source register (frameworks.md §12) and the seed documents
# ---------------------------------------------------------------------------------------

REGISTER: dict[str, tuple[str, str]] = {
    "S1": ("Suan Dusit University's copy of the NACC IIT form ITA 2564 (IIT 2564 replica)",
           "github:sontaya/sdu-iit application/views/internal/form.php @ commit 5c96952"),
    "S2": ("webabt CMS upgrade script for อปท. websites (อัพเกรดระบบ WMSi, modules/configita_2564/ita.php), case ita64: OIT 2564 O1–O43",
           "public source code, repository not identified"),
    "S3": ("two public school Next.js websites listing OIT 2566 O1–O43 and 12 topic groups",
           "public source code, repositories not identified"),
    "S4": ("a public university ITA-like system, year 2567: getRate (AA–F), getRateNew (5-level rule), IIT 30 / EIT 30 / OIT 40",
           "public source code, repository not identified (two files)"),
    "S5": ("RTRDA ITA page headings FY2568 and FY2569 (ita-headings-override.ts and its test)",
           "github:rtrdasmartrailway/web-app-rtrda"),
    "S6": ("AI-generated province website data (weak; used only as a tie-breaker)",
           "public source code, repository not identified"),
    "S8": ("NACC resolution of 8 Jun 2566 changing the ITA Rating Score (agency news page)",
           "https://bangplakod.go.th/select_news.php?news_id=574&id_type=1"),
    "S13": ("Phichit province ITA 2564 results table",
            "https://online.anyflip.com/qxtmp/cuda/files/basic-html/page138.html"),
    "S14": ("Group-6 LAO ITA 2564 report (AA counts 2563/2564)",
            "https://online.anyflip.com/qxtmp/cuda/files/basic-html/page17.html"),
    "S19": ("IPST news on its ITA results 2563–2567",
            "https://www.ipst.ac.th/news/76226/ita67.html"),
    "S20": ("MGR Online: SAO ITA results (2567 ผ่านดี, 2568 ผ่าน because EIT < 85)",
            "https://mgronline.com/uptodate/detail/9680000079675"),
    "S21": ("Khaosod: SAO ITA 2568 result",
            "https://www.khaosod.co.th/politics/news_9902598"),
    "S22": ("Kanpeo ITA 2563 page, item 027 หลักเกณฑ์การบริหารและการพัฒนาทรัพยากรบุคคล",
            "https://www.kanpeo.go.th/home/category/ita/ita2563/ทรัพยากรบุคคล63/027-หลักเกณฑ์การบริหาร63/"),
    "S24": ("Nation Thailand: ITA 2568 national results (ten indicators)",
            "https://www.nationthailand.com/blogs/news/general/40054201"),
    "S27": ("Mahidol Faculty of Tropical Medicine EIT page",
            "http://www.tm.mahidol.ac.th/ita/eit/"),
    "S30": ("Donyhai ITA page (O14 คู่มือหรือมาตรฐานการให้บริการ)",
            "https://www.donyhai.go.th/category/ita/การให้บริการ/articles/"),
    "S32": ("news report on ITA 2565 results",
            "https://www.xn--12ca0ezbc4ai2ee1bzl.com/01/08/2022/ita-ปี-2565/"),
    "S33": ("SSRU ITA page (2566 O15–O18)", "https://ita.ssru.ac.th/home"),
    "S34": ("Horwang / Dusitaram OIT 2566 pages (9.3 = O19–O22)",
            "https://www.horwang.ac.th/oit66/9-3.htm ; https://sites.google.com/dusitaram.ac.th/oit-dusitaram-2566/การจดซอจดจาง"),
    "S35": ("SKM OIT 2566 pages (O19–O21, O31–O33, O39–O41)", "https://75010020.skm.go.th/"),
    "S36": ("WU and Pracharath OIT 2566 pages (9.4 = O23–O25)",
            "https://ita.wu.ac.th/?page_id=3531 ; https://sites.google.com/pracharath.ac.th/1060220400-2566/ita2023/94"),
    "S37": ("HIA (Department of Health) OIT 2567 pages (O11, O12, O19, O20)",
            "https://hia.anamai.moph.go.th/th/oit-2 ; https://hia.anamai.moph.go.th/th/oit-3"),
    "S38": ("KSU ITA 2567 page (O1, O2)", "https://th.ksu.ac.th/ita66-2"),
    "S39": ("PSU ITA page (O13 คู่มือการปฏิบัติงาน)", "https://ita.psu.ac.th/index.php/work"),
    "S40": ("PTK school ITA page (O34 text; year not certain)", "https://www.ptk.ac.th/?p=400"),
    "S41": ("Agri VRU ITA 2567 page (O1–O3)", "http://agri.vru.ac.th/th/?page=ITA"),
    "S43": ("PSU ITA page 2568 (O9 components)",
            "https://ita.psu.ac.th/index.php/component/sppagebuilder/page/19"),
    "S44": ("a public school ITA page 2568 (O12 name)", "public source code, repository not identified"),
    "S48": ("Saraburi social development office OIT 2563/64 page (5 sub-indicators, 33 items under indicator 9)",
            "https://saraburi.m-society.go.th/?page_id=7484"),
    "S49": ("NSM (อพวช.) news: ITA 2566 result 97.29 ผ่านดี", "https://www.nsm.or.th/nsm/th/node/54364"),
    "S53": ("Thaksin University faculty ITA system listing IIT items with 2563 scores",
            "https://www2.huso.tsu.ac.th/personal2558/ita/ITA_Comment.asp"),
    "SEED003": ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินการของหน่วยงานภาครัฐ ในปี พ.ศ. ๒๕๖๕ "
                "— องค์การบริหารส่วนตำบลไค้งยาง อำเภอสูงเนิน จังหวัดนครราชสีมา (published agency report, FY2565 result)",
                "shared/seeds/003_c20aa9665060c767.txt"),
    "SEED004": ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ — องค์การบริหารส่วนตำบลลาดหญ้า "
                "อำเภอเมืองกาญจนบุรี จังหวัดกาญจนบุรี (published agency report analysing the FY2564 result)",
                "shared/seeds/004_d35f99992780bd0d.txt"),
}

SEED_NOTE = "the seed's item numbering may contain errors (frameworks.md §14)"

# ---------------------------------------------------------------------------------------
# Instruments and indicators
# ---------------------------------------------------------------------------------------

INSTRUMENT_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
}
INSTRUMENT_WEIGHTS = {"IIT": 30, "EIT": 30, "OIT": 40}

# no, name, instrument, weight, aliases, name sources, about (our own words, not official text)
INDICATORS = [
    (1, "การปฏิบัติหน้าที่", "IIT", 6, [], ["S1"],
     "บุคลากรภายในมองว่าเพื่อนร่วมงานทำงานตามขั้นตอนและกรอบเวลา ให้บริการทุกคนอย่างเท่าเทียม "
     "และไม่เรียกรับหรือให้เงิน ทรัพย์สิน หรือประโยชน์อื่นเพื่อแลกกับการทำงานเพียงใด"),
    (2, "การใช้งบประมาณ", "IIT", 6, [], ["S1"],
     "บุคลากรภายในรับรู้ว่าหน่วยงานใช้เงินและจัดซื้อจัดจ้างอย่างเปิดเผย คุ้มค่า ไม่เอื้อพวกพ้อง "
     "และเปิดโอกาสให้ตนสอบถาม ทักท้วง หรือร้องเรียนเรื่องการใช้จ่ายได้เพียงใด"),
    (3, "การใช้อำนาจ", "IIT", 6, [], ["S1"],
     "บุคลากรภายในรับรู้ว่าผู้บังคับบัญชามอบหมายงาน ประเมินผล และคัดเลือกคนไปพัฒนาอย่างเป็นธรรม "
     "ไม่สั่งให้ทำธุระส่วนตัวหรือสิ่งที่ผิด และการบริหารงานบุคคลไม่ถูกแทรกแซงหรือซื้อขายตำแหน่ง"),
    (4, "การใช้ทรัพย์สินของราชการ", "IIT", 6, ["การใช้ทรัพย์สินของทางราชการ"], ["S1", "SEED004"],
     "บุคลากรภายในรับรู้ว่าทรัพย์สินของราชการถูกใช้อย่างถูกต้อง การยืมมีขั้นตอนที่สะดวกและชัดเจน "
     "บุคลากรรู้แนวปฏิบัติ และหน่วยงานคอยกำกับไม่ให้ใครนำไปใช้ประโยชน์ส่วนตัวหรือพวกพ้อง"),
    (5, "การแก้ไขปัญหาการทุจริต", "IIT", 6, [], ["S1"],
     "บุคลากรภายในรับรู้ว่าผู้บริหารเอาจริงกับการต่อต้านการทุจริต หน่วยงานมีแผน เฝ้าระวัง ตรวจสอบ ลงโทษ "
     "และนำผลตรวจสอบไปปรับปรุง และตนกล้าร้องเรียนได้โดยมั่นใจว่าปลอดภัย"),
    (6, "คุณภาพการดำเนินงาน", "EIT", 10, [], ["S27"],
     "ผู้รับบริการและผู้มาติดต่อจากภายนอกรับรู้ว่าเจ้าหน้าที่ให้บริการตามขั้นตอนและเวลาอย่างเท่าเทียม "
     "ให้ข้อมูลตรงไปตรงมา และหน่วยงานยึดประโยชน์ของประชาชนเป็นหลักเพียงใด"),
    (7, "ประสิทธิภาพการสื่อสาร", "EIT", 10, [], ["S27"],
     "ผู้มีส่วนได้ส่วนเสียภายนอกเห็นว่าหน่วยงานเผยแพร่ผลงานและข้อมูลที่ควรรู้ได้ชัดเจน เข้าถึงง่ายผ่านหลายช่องทาง "
     "และชี้แจงหรือตอบข้อสงสัยได้ดีเพียงใด"),
    (8, "การปรับปรุงการทำงาน", "EIT", 10, ["การปรับปรุงระบบการทำงาน"], ["S24"],
     "ผู้มีส่วนได้ส่วนเสียภายนอกรับรู้ว่าหน่วยงานปรับปรุงคุณภาพ วิธีการ และขั้นตอนการให้บริการให้ดีขึ้นและโปร่งใสขึ้น "
     "และเปิดให้ผู้รับบริการมีส่วนร่วมในการปรับปรุงเพียงใด"),
    (9, "การเปิดเผยข้อมูล", "OIT", 20, [], ["S2", "S6", "S48"],
     "หน่วยงานเผยแพร่ข้อมูลพื้นฐาน แผนและผลการดำเนินงาน งบประมาณและการจัดซื้อจัดจ้าง การบริหารบุคคล "
     "และช่องทางร้องเรียนและมีส่วนร่วม บนเว็บไซต์ของตนให้ประชาชนตรวจสอบได้ครบถ้วนและเป็นปัจจุบัน"),
    (10, "การป้องกันการทุจริต", "OIT", 20, [], ["S2", "S6", "S48"],
     "หน่วยงานแสดงหลักฐานบนเว็บไซต์ว่าลงมือป้องกันการทุจริตจริง เช่น ประเมินและจัดการความเสี่ยง "
     "ทำแผนป้องกันการทุจริตและรายงานผล และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
]

NAME_NOTES = {
    4: "alias การใช้ทรัพย์สินของทางราชการ as printed in a published agency report (SEED004)",
    6: "name from [S27] (EIT page: คุณภาพการดำเนินงาน ตัวชี้วัดที่ 6)",
    7: "exact wording INF (frameworks.md §1)",
    8: "exact wording INF (frameworks.md §1); also called การปรับปรุงระบบการทำงาน (2568 English news: 'System improvement' [S24])",
}


WEIGHT_NOTE_SHORT = {2563: "weight as 2564 (INF)", 2564: "weight C2 (see instruments)", 2565: "weight C2 (see instruments)"}


def weight_info(year: int) -> tuple[str, list[str], str | None]:
    """(confidence, sources, note) of the weights of one year."""
    if year == 2564:
        return "C2", ["S4", "S13", "SEED004", "SEED003"], (
            "weights C2: exact arithmetic on two published results (SEED004 FY2564 75.3584→75.36, "
            "SEED003 FY2565 94.192→94.19) and the Phichit 2564 table [S13]; IIT30/EIT30/OIT40 in [S4]")
    if year == 2565:
        return "C2", ["S4", "SEED003"], "weights C2: exact arithmetic on a published FY2565 result (SEED003: 94.192→94.19)"
    if year == 2563:
        return "INF", [], "weights assumed the same as 2564 (INF)"
    return "INF", [], ("weights not found for this year (UNK in the reference); assumed unchanged from 2564 "
                       "until verified (INF) because scoring needs weights")


def build_instruments(year: int) -> list[dict]:
    conf, srcs, note = weight_info(year)
    out = []
    for code in ("IIT", "EIT", "OIT"):
        n = note
        if year == 2565 and code == "OIT":
            n = f"{note}; OIT item list for 2565 not found (UNK)"
        out.append({"code": code, "name": INSTRUMENT_NAMES[code], "weight": INSTRUMENT_WEIGHTS[code],
                    "confidence": conf, "sources": list(srcs),
                    "note": n})
    return out


def build_indicators(year: int) -> list[dict]:
    conf, wsrcs, _ = weight_info(year)
    wnote = WEIGHT_NOTE_SHORT.get(year, "weight assumed unchanged from 2564 until verified (INF)")
    out = []
    for no, name, inst, weight, aliases, name_srcs, about in INDICATORS:
        notes = [wnote] if wnote else []
        srcs = list(wsrcs)
        if year in (2568, 2569):
            if year == 2568:
                notes.append("the ten-indicator structure is still reported for 2568 (C1 [S24]; news names "
                             "indicators 3 'Use of authority' and 8 'System improvement'); names assumed as 2567 (INF)")
                srcs.append("S24")
            else:
                notes.append("indicators for 2569 not found (UNK); the ten 2567/2568 names are assumed (INF)")
        else:
            srcs += [s for s in name_srcs if s not in srcs]
            if no in NAME_NOTES:
                notes.append(NAME_NOTES[no])
        out.append({"no": no, "name": name, "aliases": aliases, "instrument": inst, "weight": weight,
                    "about": about, "confidence": conf, "sources": dedupe(srcs),
                    "note": "; ".join(notes) if notes else None})
    return out


def dedupe(xs: list[str]) -> list[str]:
    seen: list[str] = []
    for x in xs:
        if x not in seen:
            seen.append(x)
    return seen


# ---------------------------------------------------------------------------------------
# IIT
# ---------------------------------------------------------------------------------------

def iit_indicator(n: int) -> int:
    return (n - 1) // 6 + 1


def md_iit_2564_texts() -> dict[str, str]:
    sec = md_section("## 3. IIT 2564", "IIT texts for 2565")
    out = {}
    for m in re.finditer(r"^- (I\d+) (.+?) — ", sec, re.M):
        out[m.group(1)] = m.group(2)
    return out


def build_iit_2564() -> list[dict]:
    ref = ref_yaml(2564)["iit_items"]
    md_texts = md_iit_2564_texts()
    items = []
    for it in ref:
        code = it["code"]
        if md_texts.get(code) != it["text"]:
            warn(f"IIT 2564 {code}: md text differs from yaml: {md_texts.get(code)!r} vs {it['text']!r}")
        d = {"code": code, "instrument": "IIT", "indicator": it["indicator"], "text": it["text"]}
        if iit_indicator(int(code[1:])) != it["indicator"]:
            warn(f"IIT 2564 {code}: indicator grouping is not blocks of six")
        if it.get("sub_items"):
            d["sub_items"] = [{"text": s["text"], "scale": s["scale"], "reversed": bool(s["negative"])}
                              for s in it["sub_items"]]
        else:
            d["scale"] = it["scale"]
            d["reversed"] = bool(it["negative"])
        d["confidence"] = "C1"
        d["sources"] = ["S1"]
        notes = it.get("notes") or []
        d["note"] = " ".join(notes) if notes else None
        items.append(d)
    return items


def build_iit_2563() -> list[dict]:
    ref = {it["code"]: it for it in ref_yaml(2563)["iit_items"]}
    items = []
    for n in range(1, 31):
        code = f"I{n}"
        d = {"code": code, "instrument": "IIT", "indicator": iit_indicator(n)}
        if code in ref:
            it = ref[code]
            d["text"] = it["text"]
            if it.get("sub_items"):
                d["sub_items"] = [{"text": s["text"]} for s in it["sub_items"]]
            if it.get("scale"):
                d["scale"] = it["scale"]
            d["confidence"] = "C1"
            d["sources"] = ["S53"]
            d["note"] = ("text C1 [S53] (faculty ITA system listing IIT items with 2563 scores); wording differs slightly "
                         "from 2564 (ปฏิบัติงานหรือให้บริการ … vs ปฏิบัติงาน/ให้บริการ …); indicator grouping as 2564 (INF)")
            if code == "I1":
                d["note"] += "; sub-item scale not stated in the source"
            if code == "I2":
                d["note"] += "; four options น้อยที่สุดหรือไม่มีเลย / น้อย / มาก / มากที่สุด"
        else:
            d["text"] = None
            d["confidence"] = "INF"
            d["note"] = "text not found (UNK); code and indicator grouping inferred from 2564 (INF)"
        items.append(d)
    return items


def md_seed_2565_iit() -> dict[str, dict]:
    sec = md_section("### 14.2 Seed 003", "The recommendations for these three items")
    out = {}
    for row in table_rows(sec):
        if len(row) < 4 or not re.fullmatch(r"I\d+", row[1].split()[0]):
            continue
        code = row[1].split()[0]
        out[code] = {"printed": row[0], "text": row[2], "sub": row[3], "notes": row[5] if len(row) > 5 else ""}
    return out


def build_iit_later(year: int) -> list[dict]:
    seeds = md_seed_2565_iit() if year == 2565 else {}
    items = []
    for n in range(1, 31):
        code = f"I{n}"
        d = {"code": code, "instrument": "IIT", "indicator": iit_indicator(n)}
        if code in seeds:
            s = seeds[code]
            d["text"] = s["text"]
            sub = s["sub"]
            if code == "I11":
                parts = [p.strip() for p in sub.split(" · ")]
                # direction of the second sub-item as in the 2564 form (INF; the seed gives no scale)
                d["sub_items"] = [{"text": parts[0]}, {"text": parts[1], "reversed": True}]
            elif code == "I12":
                inline = sub.split("(")[0].strip()
                d["sub_items"] = [{"text": p.strip()} for p in inline.split(" / ")]
            d["confidence"] = "C1"
            d["sources"] = ["SEED003"]
            extra = {
                "I7": "code printed without a letter (๗); stray spaces from line wrapping kept as printed",
                "I11": "code printed without a letter (๑๑); stray spaces kept as printed; sub-item direction "
                       "(เอื้อประโยชน์… reversed) assumed as in the 2564 form (INF); scale not stated",
                "I12": "printed code 1๒๒ (reads as I22) but the text is I12 of the 2564 form, so filed here; "
                       "sub-items printed inline (สอบถาม / ทักท้วง / ร้องเรียน); scale not stated",
            }[code]
            d["note"] = f"quoted in SEED003 (FY2565 result), C1; seed numbering may contain errors; {extra}; grouping as 2564 (INF)"
        else:
            d["text"] = None
            d["confidence"] = "INF"
            d["note"] = ("text not found (UNK); 2564 texts are not assumed identical; code and indicator grouping "
                         "inferred from 2564 (INF)")
        items.append(d)
    return items


# ---------------------------------------------------------------------------------------
# EIT
# ---------------------------------------------------------------------------------------

def eit_indicator(n: int) -> int:
    return 6 if n <= 5 else 7 if n <= 10 else 8


EIT_GROUP_NOTE = "indicator grouping E1–E5→6, E6–E10→7, E11–E15→8 is INF"


def md_seed_eit(section_start: str, section_end: str) -> dict[str, dict]:
    sec = md_section(section_start, section_end)
    sec = sec[sec.index("**EIT items**"):]
    out = {}
    for row in table_rows(sec):
        if len(row) < 4 or not re.fullmatch(r"E\d+", row[1]):
            continue
        out[row[1]] = {"printed": row[0], "text": row[2], "sub": row[3], "notes": row[-1]}
    return out


def build_eit(year: int) -> list[dict]:
    if year in (2568, 2569):
        return []
    seeds: dict[str, dict] = {}
    seed_id = None
    if year == 2564:
        seeds = md_seed_eit("### 14.1 Seed 004", "**IIT items** (seed table")
        seed_id = "SEED004"
        ref = {it["code"]: it for it in ref_yaml(2564)["eit_items_from_seeds"]["items"]}
    elif year == 2565:
        seeds = md_seed_eit("### 14.2 Seed 003", "The paragraphs")
        seed_id = "SEED003"
        ref = {it["code"]: it for it in ref_yaml(2565)["eit_items_from_seeds"]["items"]}
    else:
        ref = {}
    for code, s in seeds.items():
        if code in ref and ref[code]["text"] != s["text"]:
            warn(f"EIT {year} {code}: md text {s['text']!r} differs from yaml {ref[code]['text']!r}")
    items = []
    for n in range(1, 16):
        code = f"E{n}"
        d = {"code": code, "instrument": "EIT", "indicator": eit_indicator(n)}
        if code in seeds:
            s = seeds[code]
            d["text"] = s["text"]
            if s["sub"] not in ("—", "-", ""):
                d["sub_items"] = [{"text": p.strip()} for p in s["sub"].split(" · ")]
            d["confidence"] = "C1"
            d["sources"] = [seed_id]
            fy = "FY2564" if year == 2564 else "FY2565"
            note = (f"quoted in {seed_id} ({fy} result, printed {s['printed']}), C1; seed numbering may contain errors; "
                    "copied exactly, including the seed's typos")
            if year == 2564:
                note += "; the seed omits the closing มากน้อยเพียงใด"
            seed_notes = s["notes"].strip()
            if seed_notes and seed_notes not in ("—",):
                note += f"; seed remark: {seed_notes}"
            d["note"] = f"{note}; grouping INF"
        else:
            d["text"] = None
            d["confidence"] = "INF"
            if year == 2564:
                d["sources"] = ["SEED004"]
                d["note"] = "text not found (UNK); SEED004 states 15 EIT items (จำนวน ๑๕ ข้อ); grouping INF"
            else:
                d["note"] = "text not found (UNK); codes E1–E15 as 2564 (INF); grouping INF"
                if year == 2565 and n <= 10:
                    d["note"] += "; the FY2564 seed texts are not assumed to apply"
        items.append(d)
    return items


# ---------------------------------------------------------------------------------------
# OIT
# ---------------------------------------------------------------------------------------

def clean_md(text: str) -> str:
    return text.replace("**", "").replace("\\*", "*").strip()


TRUNC_RE = re.compile(r"\s*\((?:rest )?truncated\)\s*$")


def split_requirement(text: str) -> list[str]:
    """Split a requirement text into its bullet entries, keeping the wording of each entry."""
    t = clean_md(text)
    if "•" in t:
        parts = t.split("•")
    elif t.startswith("–"):
        parts = t.split("–")
    elif t.startswith("- "):
        parts = re.split(r"(?:^|\s)-\s", t)
    else:
        parts = t.split(" / ")
    out = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        # a footnote "* กรณี…" after the last bullet becomes its own entry
        m = re.search(r"\s\*\s?(?=กรณี)", p)
        if m:
            out.append(TRUNC_RE.sub("", p[: m.start()]).strip())
            out.append(TRUNC_RE.sub("", "* " + p[m.end():].strip()))
        else:
            out.append(TRUNC_RE.sub("", p))
    return out


def src_ids(cell: str) -> list[str]:
    return re.findall(r"\[(S\d+b?)\]", cell)


def md_oit_2564() -> list[dict]:
    sec = md_section("## 6. OIT — 2563 / 2564", "Spelling as normalised here")
    rows = []
    sub = None
    for row in table_rows(sec):
        if len(row) != 4 or not re.fullmatch(r"O\d+", row[2]):
            continue
        if row[0]:
            code, name = row[0].split(" ", 1)
            sub = (code, name)
        rows.append({"code": row[2], "name": row[3], "sub": sub[0], "sub_name": sub[1]})
    return rows


def md_req_2564() -> dict[str, dict]:
    sec = md_section("### 6.1 Item requirements found for 2563/2564", "Time-window rule (INF")
    out = {}
    for row in table_rows(sec):
        if len(row) != 4 or not re.fullmatch(r"O\d+", row[0]):
            continue
        conf = row[2].split()[0]
        extra = re.sub(r"\[S\d+b?\],?\s*", "", row[3]).strip()
        out[row[0]] = {"components": split_requirement(row[1]), "conf": conf, "sources": src_ids(row[3]),
                       "conf_cell": row[2], "extra": extra}
    return out


def build_oit_2564(year: int) -> tuple[list[dict], list[dict]]:
    rows = md_oit_2564()
    ref_names = {}
    for s in ref_yaml(2564)["oit"]["sub_indicators"]:
        for it in s["items"]:
            ref_names[it["code"]] = (s["code"], it["name"])
    reqs = md_req_2564()
    subs, seen = [], set()
    items = []
    for r in rows:
        if ref_names.get(r["code"]) != (r["sub"], r["name"]):
            warn(f"OIT 2564 {r['code']}: md {(r['sub'], r['name'])} vs yaml {ref_names.get(r['code'])}")
        if r["sub"] not in seen:
            seen.add(r["sub"])
            if year == 2564:
                subs.append({"code": r["sub"], "name": r["sub_name"], "indicator": int(r["sub"].split(".")[0]),
                             "confidence": "C2", "sources": ["S2", "S6", "S48"],
                             "note": "[S2] spells 9.5 การส่งเสริมความโปรงใส" if r["sub"] == "9.5" else None})
            else:
                subs.append({"code": r["sub"], "name": r["sub_name"], "indicator": int(r["sub"].split(".")[0]),
                             "confidence": "INF", "sources": ["S48"],
                             "note": "assumed the same as 2564 (INF); [S48] describes indicator 9 of OIT 2563/64 "
                                     "as 5 sub-indicators with 33 items"})
        n = int(r["code"][1:])
        d = {"code": r["code"], "instrument": "OIT", "indicator": 9 if n <= 33 else 10, "sub_indicator": r["sub"],
             "name": r["name"]}
        notes = []
        if year == 2564:
            d["confidence"] = "C2"
            srcs = ["S2", "S6", "S48"]
        else:
            if r["code"] == "O27":
                d["confidence"] = "C1"
                srcs = ["S22"]
                notes.append("confirmed for 2563 by [S22] (item 027 หลักเกณฑ์การบริหารและการพัฒนาทรัพยากรบุคคล 2563)")
            else:
                d["confidence"] = "INF"
                srcs = ["S48"]
                notes.append("2563 list assumed the same as 2564 (INF)")
        if r["code"] in reqs:
            q = reqs[r["code"]]
            d["components"] = q["components"]
            srcs += q["sources"]
            cn = f"components {q['conf_cell']} {''.join('[' + s + ']' for s in q['sources'])}"
            if q["extra"]:
                cn += f" and {q['extra']}"
            cn += "; requirement text found for 2563/2564 (year of the page not always stated)"
            if r["code"] in ("O14", "O34"):
                cn += "; entries split at the source's ' / '"
            notes.append(cn)
        if r["code"] in ("O42", "O43"):
            notes.append("requirement text not found (UNK)")
        if r["code"] == "O6":
            notes.append("[S2] spells กฏหมายที่เกี่ยวข้อง")
        d["sources"] = dedupe(srcs)
        d["note"] = "; ".join(notes) if notes else None
        items.append(d)
    return subs, items


def md_oit_2566() -> list[dict]:
    sec = md_section("## 7. OIT — 2566 and 2567", "### 7.1")
    rows, sub = [], None
    for row in table_rows(sec):
        if len(row) != 3 or not re.fullmatch(r"O\d+", row[1]):
            continue
        if row[0]:
            sub = row[0].split(" ")[0]
        rows.append({"code": row[1], "name": row[2], "sub": sub})
    return rows


def md_req_2566() -> list[dict]:
    sec = md_section("### 7.1 Item requirements found", "### 7.2")
    out = []
    for row in table_rows(sec):
        if len(row) != 5 or not re.fullmatch(r"O\d+", row[1]):
            continue
        if row[3] in ("UNK", "—"):
            continue
        years = {"2566": [2566], "2567": [2567], "2566/67": [2566, 2567]}[row[0]]
        out.append({"years": years, "code": row[1], "components": split_requirement(row[2]),
                    "conf_cell": row[3], "sources": src_ids(row[4]), "raw": row[2]})
    return out


SUB_2566 = {
    "9.1": ("ข้อมูลพื้นฐาน", "C2", ["S3", "S38", "S41"], "name C2 (frameworks.md §7)"),
    "9.2": ("การบริหารงาน", "INF", ["S3"], "name INF (frameworks.md §7)"),
    "9.3": ("การจัดซื้อจัดจ้าง", "INF", ["S3", "S34"], "name INF (frameworks.md §7 gives it in brackets)"),
    "9.4": ("การบริหารและพัฒนาทรัพยากรบุคคล", "C2", ["S3", "S36"], "name C2 (frameworks.md §7)"),
    "9.5": ("การส่งเสริมความโปร่งใส", "INF", ["S3"], "name INF (frameworks.md §7)"),
    "10.1": (None, "INF", ["S3"], "name not found; membership O31–O38 INF (school topic group การป้องกันการทุจริต O31–O38 [S3])"),
    "10.2": (None, "INF", ["S3"], "name not found; membership O39–O43 INF (school topic group มาตรการส่งเสริมความโปร่งใส O39–O43 [S3])"),
}

# agency pages confirming codes/names per year (frameworks.md §7)
PAGES_2566 = {"S33": range(15, 19), "S34": range(19, 23), "S35": [19, 20, 21, 31, 32, 33, 39, 40, 41],
              "S36": range(23, 26)}
PAGES_2567 = {"S37": [11, 12, 19, 20], "S38": [1, 2], "S41": [1, 2, 3]}


def build_oit_2566(year: int) -> tuple[list[dict], list[dict]]:
    rows = md_oit_2566()
    ref = {}
    for s in ref_yaml(year)["oit"]["sub_indicators"]:
        for it in s["items"]:
            ref[it["code"]] = it["name"]
    subs = []
    for code, (name, conf, srcs, note) in SUB_2566.items():
        subs.append({"code": code, "name": name, "indicator": int(code.split(".")[0]), "confidence": conf,
                     "sources": srcs, "note": note})
    reqs = [r for r in md_req_2566() if year in r["years"]]
    pages = PAGES_2566 if year == 2566 else PAGES_2567
    items = []
    for r in rows:
        if ref.get(r["code"]) != r["name"]:
            warn(f"OIT {year} {r['code']}: md {r['name']!r} vs yaml {ref.get(r['code'])!r}")
        n = int(r["code"][1:])
        srcs = ["S3"] + [s for s, codes in pages.items() if n in codes]
        notes = []
        if year == 2567:
            notes.append("2567 numbering = 2566 (C2: 2567 pages [S37][S38][S41] use the same codes)")
        if r["sub"].startswith("10."):
            notes.append(f"sub-indicator {r['sub']} membership INF")
        d = {"code": r["code"], "instrument": "OIT", "indicator": 9 if n <= 30 else 10, "sub_indicator": r["sub"],
             "name": r["name"], "confidence": "C2"}
        for q in reqs:
            if q["code"] != r["code"]:
                continue
            d["components"] = q["components"]
            srcs += q["sources"]
            cn = f"components {q['conf_cell']} {''.join('[' + s + ']' for s in q['sources'])}"
            if q["years"] == [2566, 2567]:
                cn += ", text found for 2566 and 2567"
            if "truncated" in q["raw"] or "[" in q["raw"].replace("[S", ""):
                cn += "; text truncated in the source ([…] marks the cut)"
            if r["code"] == "O20" and year == 2567:
                y = next((x for x in ref_yaml(2567)["oit_requirements_found"] if x["code"] == "O20"), None)
                if y:
                    cn += f"; the 2567 page [S37] words the first bullet: {TRUNC_RE.sub('', y['text'])}"
            notes.append(cn)
        if r["code"] == "O13" and year == 2566:
            notes.append("requirement text not found (UNK)")
        if r["code"] in ("O42", "O43"):
            notes.append("requirement text not found (UNK)")
        d["sources"] = dedupe(srcs)
        d["note"] = "; ".join(notes) if notes else None
        items.append(d)
    return subs, items


def md_2568_names() -> dict[str, str]:
    sec = md_section("### 8.1 2568", "Corroboration:")
    line = next(ln for ln in sec.splitlines() if ln.startswith("O1 "))
    out = {}
    for part in line.split(" · "):
        code, name = part.split(" ", 1)
        out[code] = name.strip().rstrip(".")
    return out


def build_oit_2568() -> list[dict]:
    names = md_2568_names()
    ref = {it["code"]: it["name_as_published_by_agency"] for it in ref_yaml(2568)["oit"]["items"]}
    sec = md_section("### 8.1 2568", "### 8.2")
    m = re.search(r"components on PSU \[S43\] \(C2 for O9 name\): \"(.+?)\"; O12 name", sec)
    o9 = [p.strip() for p in re.split(r"\(\d\)\s", m.group(1)) if p.strip()]
    items = []
    for n in range(1, 27):
        code = f"O{n}"
        d = {"code": code, "instrument": "OIT", "indicator": None}
        if code not in names:
            d.update(name=None, confidence="UNK",
                     note="absent from the only source found ([S5] lists no heading for this code); name UNK")
            items.append(d)
            continue
        name = names[code]
        notes = ["heading as published by one agency (RTRDA) for ITA 2568 [S5]; sub-indicator and indicator grouping UNK"]
        conf, srcs = "C1", ["S5"]
        if name.endswith("…") or "…" in name:
            if code == "O14":
                name = ref[code]
                notes.append("frameworks.md abbreviates this heading; full wording from ita-2568.yaml")
            else:  # O25, O26: the agency used its ministry's plan title
                generic = ref[code].split(" (")[0]
                notes.append(f"the agency published its ministry's wording ({ref[code].split('(', 1)[1].rstrip(')')}); "
                             f"generic name {generic} inferred (INF)")
                name, conf = generic, "INF"
        elif ref.get(code) != name:
            warn(f"OIT 2568 {code}: md {name!r} vs yaml {ref.get(code)!r} (md kept)")
        if code == "O9":
            conf, srcs = "C2", ["S5", "S43"]
            d["components"] = o9
            notes.append("name C2 ([S5] + [S43]); components C1 [S43] (the last entry is cut in the source, […] marks the cut)")
        if code == "O12":
            conf, srcs = "C2", ["S5", "S44"]
            notes.append("name C2 ([S5] + a school ITA page 2568 [S44])")
        if re.search(r"พ\.ศ\. 25\d\d", name):
            notes.append("the year in the heading is the agency's")
        d.update(name=name, confidence=conf, sources=srcs, note="; ".join(notes))
        items.append(d)
    return items


def build_oit_2569() -> list[dict]:
    sec = md_section("### 8.3 2569", "O1–O9 for 2569")
    line = next(ln for ln in sec.splitlines() if ln.startswith("O10 "))
    names = {}
    for part in line.split(" · "):
        code, name = part.split(" ", 1)
        names[code] = name.strip().rstrip(".")
    ref = {it["code"]: it["name_as_published_by_agency"] for it in ref_yaml(2569)["oit"]["items"]}
    items = []
    for n in range(1, 27):
        code = f"O{n}"
        d = {"code": code, "instrument": "OIT", "indicator": None}
        if code not in names:
            d.update(name=None, confidence="UNK", note="O1–O9 for 2569 not found (UNK)")
        else:
            if ref.get(code) != names[code]:
                warn(f"OIT 2569 {code}: md {names[code]!r} vs yaml {ref.get(code)!r}")
            note = "heading as published by one agency (RTRDA) for ITA 2569 [S5]; grouping UNK"
            if code in ("O25", "O26"):
                note += f"; appears to succeed 2566/2567 {'O42' if code == 'O25' else 'O43'} (INF)"
            d.update(name=names[code], confidence="C1", sources=["S5"], note=note)
        items.append(d)
    return items


# ---------------------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------------------

def letter_levels(year: int) -> dict:
    srcs = {2563: ["S4", "S19", "S14"], 2564: ["S4", "S13", "S19"], 2565: ["S4", "S19", "S32"]}[year]
    bands = [("AA", 95), ("A", 85), ("B", 75), ("C", 65), ("D", 55), ("E", 50), ("F", 0)]
    return {"scheme": "letter", "confidence": "C2", "sources": srcs,
            "note": "7-level Rating Score AA–F; bands AA 95.00–100, A 85.00–94.99, B 75.00–84.99, C 65.00–74.99, "
                    "D 55.00–64.99, E 50.00–54.99, F 0–49.99",
            "rules": [{"level": lv, "min_total": mn, "confidence": "C2", "sources": srcs} for lv, mn in bands]}


def pass_levels(year: int) -> dict:
    if year == 2569:
        rules = [
            {"level": "ผ่านดีเยี่ยม", "min_total": 95, "min_each_instrument": 95},
            {"level": "ผ่านดี", "min_total": 85, "min_each_instrument": 85},
            {"level": "ผ่าน", "min_total": 85, "min_each_instrument": None},
            {"level": "ต้องปรับปรุง", "min_total": 70},
            {"level": "ต้องปรับปรุงโดยด่วน", "min_total": 0},
        ]
        for r in rules:
            r["confidence"] = "INF"
        return {"scheme": "pass", "confidence": "INF",
                "note": "levels for 2569 not found (UNK in the reference); the 2568 pass-style rules are assumed (INF)",
                "rules": rules}
    scheme_srcs = {2566: ["S8", "S19", "S49", "S4", "S20"], 2567: ["S8", "S19", "S4", "S20"],
                   2568: ["S20", "S21", "S4"]}[year]
    note = {
        2566: "pass-style Rating Score replacing AA–F, resolved by the NACC board on 8 Jun 2566 for ITA 2566 [S8]; "
              "whether 2566 already used all five labels is UNK (IPST 2566 86.78 = ผ่าน [S19]; NSM 2566 97.29 = ผ่านดี [S49]); "
              "each instrument is rescaled to 0–100 for min_each_instrument",
        2567: "pass-style Rating Score (from ITA 2566 [S8]); rule as encoded for FY2567 by [S4]; each instrument is "
              "rescaled to 0–100 for min_each_instrument",
        2568: "pass-style Rating Score; SAO 2568 94.64 = ผ่าน because its EIT was below 85 [S20][S21]; each instrument "
              "is rescaled to 0–100 for min_each_instrument",
    }[year]
    rules = [
        {"level": "ผ่านดีเยี่ยม", "min_total": 95, "min_each_instrument": 95, "confidence": "C1", "sources": ["S4"],
         "note": "label seen only in non-authoritative sources; the all-instruments ≥ 95 clause is C1"},
        {"level": "ผ่านดี", "min_total": 85, "min_each_instrument": 85, "confidence": "C2",
         "sources": ["S4", "S20", "S21"]},
        {"level": "ผ่าน", "min_total": 85, "min_each_instrument": None, "confidence": "C2",
         "sources": ["S4", "S19", "S20"]},
        {"level": "ต้องปรับปรุง", "min_total": 70, "confidence": "C1", "sources": ["S4"]},
        {"level": "ต้องปรับปรุงโดยด่วน", "min_total": 0, "confidence": "C1", "sources": ["S4"]},
    ]
    return {"scheme": "pass", "confidence": "C2", "sources": scheme_srcs, "note": note, "rules": rules}


# ---------------------------------------------------------------------------------------
# Framework files
# ---------------------------------------------------------------------------------------

DESCRIPTIONS = {
    2563: "IIT I1–I30 codes (texts only for I1–I2, C1); EIT E1–E15 codes without texts; OIT O1–O43 assumed to be the "
          "2564 list (INF; O27 confirmed C1); weights as 2564 (INF); AA–F levels (C2).",
    2564: "IIT I1–I30 with full texts from a copy of the official form (C1); EIT E1–E15 with 11 texts quoted by one "
          "agency report (C1), 4 unknown; OIT O1–O43 (C2) with requirement texts where found; weights C2; AA–F levels (C2). "
          "Scales: four_level scores 0/33/67/100 as stored by S1 (the manual probably uses 0/33.33/66.67/100, INF); "
          "reversed means the scale scores the other way (yes_no reversed: มี = 0, ไม่มี = 100).",
    2565: "Weights C2; AA–F levels (C2). IIT/EIT item texts UNK except five quoted by one agency report (C1); "
          "the 2565 OIT item list was not found (UNK), so there are no OIT items or sub-indicators.",
    2566: "New OIT list O1–O43 (C2; 10.1/10.2 membership INF) with requirement texts where found; IIT/EIT texts UNK "
          "(codes only); weights assumed as 2564 (INF); pass-style levels from ITA 2566.",
    2567: "OIT O1–O43 as 2566 (C2) with 2567 requirement texts where found; IIT/EIT texts UNK (codes only); weights "
          "assumed as 2564 (INF); pass-style levels.",
    2568: "OIT O1–O26 headings from one agency page (C1; O2, O5, O6, O7 UNK; grouping UNK); IIT/EIT items UNK; ten "
          "indicators still reported (C1) with names and weights assumed (INF); pass-style levels.",
    2569: "OIT O10–O26 headings from one agency page (C1; O1–O9 UNK; grouping UNK); IIT/EIT items UNK; indicators, "
          "weights and levels assumed from 2568 (INF).",
}
DESC_TAIL = (" An item's confidence is that of its code and name or text; the confidence of its components and "
             "sub-indicator membership is stated in its note.")
EIT_DESC = " EIT item grouping E1–E5→6, E6–E10→7, E11–E15→8 is INF."


def build_year(year: int) -> dict:
    fw: dict = {
        "id": f"ita-{year}",
        "fiscal_year": year,
        "version": VERSION,
        "title": "กรอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                 f"ประจำปีงบประมาณ พ.ศ. {year}",
        "provider": "Prongsai, compiled from public sources listed in sources",
        "locale": "th",
        "status": "draft",
        "description": DESCRIPTIONS[year] + DESC_TAIL + (EIT_DESC if year <= 2567 else ""),
        "oit_rollup": "mean_of_sub_indicators" if year <= 2567 else "unknown",
        "oit_rollup_confidence": {2564: "C2", 2568: "UNK", 2569: "UNK"}.get(year, "INF"),
        "sources": [],
        "instruments": build_instruments(year),
        "indicators": build_indicators(year),
    }
    subs: list[dict] = []
    items: list[dict] = []
    if year == 2564:
        items += build_iit_2564()
    elif year == 2563:
        items += build_iit_2563()
    elif year <= 2567:
        items += build_iit_later(year)
    items += build_eit(year)
    if year in (2563, 2564):
        s, o = build_oit_2564(year)
        subs, items = s, items + o
    elif year in (2566, 2567):
        s, o = build_oit_2566(year)
        subs, items = s, items + o
    elif year == 2568:
        items += build_oit_2568()
    elif year == 2569:
        items += build_oit_2569()
    fw["sub_indicators"] = subs
    fw["items"] = items
    fw["levels"] = letter_levels(year) if year <= 2565 else pass_levels(year)
    fw["sources"] = sources_for(fw)
    return fw


def cited(obj) -> list[str]:
    out: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "sources" and isinstance(v, list) and all(isinstance(x, str) for x in v):
                out += v
            else:
                out += cited(v)
    elif isinstance(obj, list):
        for v in obj:
            out += cited(v)
    return out


def source_key(sid: str) -> tuple:
    m = re.fullmatch(r"S(\d+)(b?)", sid)
    return (0, int(m.group(1)), m.group(2)) if m else (1, sid)


def sources_for(doc: dict) -> list[dict]:
    ids = sorted(set(cited(doc)), key=source_key)
    missing = [i for i in ids if i not in REGISTER]
    if missing:
        raise SystemExit(f"source ids not in REGISTER: {missing}")
    return [{"id": i, "title": REGISTER[i][0], "ref": REGISTER[i][1]} for i in ids]


# ---------------------------------------------------------------------------------------
# Crosswalk
# ---------------------------------------------------------------------------------------

# Each chain: concept, {era: code}, note.  Era "64" = 2563 and 2564 (same list), "66" = 2566 and 2567
# (same list), "68" = 2568, "69" = 2569.
OIT_CHAINS: list[tuple[str, dict[str, str], str | None]] = [
    ("โครงสร้าง", {"64": "O1", "66": "O1", "68": "O1"}, "2568 O1 โครงสร้างและอำนาจหน้าที่ combines โครงสร้าง and อำนาจหน้าที่"),
    ("ข้อมูลผู้บริหาร", {"64": "O2", "66": "O2"}, None),
    ("อำนาจหน้าที่", {"64": "O3", "66": "O3", "68": "O1"}, "2568 O1 โครงสร้างและอำนาจหน้าที่ combines โครงสร้าง and อำนาจหน้าที่"),
    ("แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", {"64": "O4", "66": "O4"}, None),
    ("ข้อมูลการติดต่อ", {"64": "O5", "66": "O5", "68": "O3"}, None),
    ("กฎหมายที่เกี่ยวข้อง", {"64": "O6", "66": "O6"}, None),
    ("ข่าวประชาสัมพันธ์", {"64": "O7", "66": "O7", "68": "O4"}, None),
    ("Q&A", {"64": "O8", "66": "O8"}, None),
    ("Social Network", {"64": "O9", "66": "O9"}, None),
    ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", {"66": "O10"}, "new in 2566"),
    ("แผนดำเนินงานประจำปี", {"64": "O10", "66": "O11"},
     "2566 O11 แผนดำเนินงานและการใช้งบประมาณประจำปี merges 2564 O10 and O18"),
    ("รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน", {"64": "O11", "66": "O12"},
     "2566 O12 merges 2564 O11 and O19 (operations and budget 6-month reports)"),
    ("รายงานผลการดำเนินงานประจำปี", {"64": "O12", "66": "O13"}, None),
    ("คู่มือหรือมาตรฐานการปฏิบัติงาน", {"64": "O13", "66": "O14", "68": "O8"},
     "2568 O8 คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"),
    ("คู่มือหรือมาตรฐานการให้บริการ", {"64": "O14", "66": "O15", "68": "O9"},
     "2568 O9 คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ"),
    ("ข้อมูลเชิงสถิติการให้บริการ", {"64": "O15", "66": "O16", "68": "O11"}, None),
    ("รายงานผลการสำรวจความพึงพอใจการให้บริการ", {"64": "O16", "66": "O17"}, None),
    ("E-Service", {"64": "O17", "66": "O18", "68": "O10", "69": "O10"}, None),
    ("แผนการใช้จ่ายงบประมาณประจำปี", {"64": "O18", "66": "O11"},
     "2566 O11 แผนดำเนินงานและการใช้งบประมาณประจำปี merges 2564 O10 and O18"),
    ("รายงานการกำกับติดตามการใช้จ่ายงบประมาณประจำปี รอบ 6 เดือน", {"64": "O19", "66": "O12"},
     "2566 O12 merges 2564 O11 and O19 (operations and budget 6-month reports)"),
    ("รายงานผลการใช้จ่ายงบประมาณประจำปี", {"64": "O20"}, "no named successor found after 2564"),
    ("แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ", {"64": "O21", "66": "O19"}, None),
    ("ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", {"64": "O22", "66": "O20"}, None),
    ("สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", {"64": "O23", "66": "O21", "69": "O11"}, None),
    ("รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", {"64": "O24", "66": "O22", "68": "O13", "69": "O12"}, None),
    ("นโยบายหรือแผนการบริหารทรัพยากรบุคคล", {"64": "O25", "66": "O23", "68": "O14", "69": "O13"},
     "2569 O13 หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล also covers หลักเกณฑ์"),
    ("การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล", {"64": "O26", "66": "O24"}, None),
    ("หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", {"64": "O27", "66": "O25", "69": "O13"},
     "2569 O13 หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล also covers the plan"),
    ("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", {"64": "O28", "66": "O26", "68": "O15", "69": "O14"}, None),
    ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", {"64": "O29", "66": "O27", "68": "O17", "69": "O16"}, None),
    ("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", {"64": "O30", "66": "O28", "68": "O18", "69": "O17"}, None),
    ("ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", {"64": "O31", "66": "O29", "68": "O19", "69": "O18"}, None),
    ("ช่องทางการรับฟังความคิดเห็น", {"64": "O32"}, "no named successor found after 2564"),
    ("การเปิดโอกาสให้เกิดการมีส่วนร่วม", {"64": "O33", "66": "O30", "68": "O20", "69": "O19"},
     "2569 O19 ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน"),
    ("เจตจำนงสุจริตของผู้บริหาร", {"64": "O34"}, "no named successor found after 2564"),
    ("การมีส่วนร่วมของผู้บริหาร", {"64": "O35"}, "no named successor found after 2564"),
    ("การประเมินความเสี่ยงการทุจริตประจำปี", {"64": "O36", "66": "O34", "68": "O23", "69": "O21"},
     "2568 O23 narrows the risk assessment to bribery (การให้หรือรับสินบน)"),
    ("การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต", {"64": "O37", "66": "O35", "68": "O24", "69": "O22"},
     "2568/2569 ask for a report of the risk-management results"),
    ("การเสริมสร้างวัฒนธรรมองค์กร", {"64": "O38"}, "no named successor found after 2564"),
    ("แผนปฏิบัติการป้องกันการทุจริต", {"64": "O39", "66": "O36", "68": "O25", "69": "O23"},
     "2568 O25 name is itself INF (the agency used its ministry's plan title)"),
    ("รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน", {"64": "O40", "66": "O37"}, None),
    ("รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", {"64": "O41", "66": "O38", "68": "O26", "69": "O24"},
     "2568 O26 name is itself INF (the agency used its ministry's report title)"),
    ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", {"64": "O42", "66": "O42", "69": "O25"},
     "2569 O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร appears to succeed O42 (INF, frameworks.md §8.3)"),
    ("การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", {"64": "O43", "66": "O43", "69": "O26"},
     "2569 O26 รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน appears to succeed O43 (INF, frameworks.md §8.3)"),
    ("ประกาศเจตนารมณ์นโยบาย No Gift Policy", {"66": "O31", "68": "O21", "69": "O20"},
     "2568 O21 combines the No Gift Policy declaration and culture-building; 2569 O20 drives the policy and adds "
     "knowledge of the gift-acceptance rules"),
    ("การสร้างวัฒนธรรม No Gift Policy", {"66": "O32", "68": "O21", "69": "O20"},
     "2568 O21 combines the No Gift Policy declaration and culture-building"),
    ("รายงานผลตามนโยบาย No Gift Policy", {"66": "O33"}, None),
    ("ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ", {"66": "O39", "68": "O16", "69": "O15"},
     "2568 O16 / 2569 O15 combine the code of ethics and its implementation"),
    ("การขับเคลื่อนจริยธรรม", {"66": "O40", "68": "O16", "69": "O15"},
     "2568 O16 / 2569 O15 combine the code of ethics and its implementation"),
    ("การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ", {"66": "O41"}, None),
]

ERA_YEARS = {"64": (2563, 2564), "66": (2566, 2567), "68": (2568,), "69": (2569,)}
ERA_SOURCES = {"64": ["S2"], "66": ["S3", "S37", "S38", "S41"], "68": ["S5"], "69": ["S5"]}


def build_crosswalk(frameworks: dict[int, dict]) -> dict:
    links = []
    for concept, eras, note in OIT_CHAINS:
        ids, srcs = [], []
        for era, code in eras.items():
            ids += [f"ita-{y}:{code}" for y in ERA_YEARS[era]]
            srcs += ERA_SOURCES[era]
        if set(eras) == {"66"}:
            conf = "C2"
            base = "same code and name in 2566 and 2567 (C2: 2567 pages use the 2566 numbering)"
        elif set(eras) == {"64"}:
            conf = "INF"
            base = "2563 list assumed the same as 2564 (INF)"
        else:
            conf = "INF"
            base = "matched by item name across the lists (INF)"
        links.append({"concept": concept, "ids": ids, "confidence": conf, "sources": dedupe(srcs),
                      "note": f"{base}; {note}" if note else base})
    for n in range(1, 31):
        note = "same code assumed to keep its meaning 2563–2567 (INF); only the 2564 texts are known in full [S1]"
        srcs = ["S1"]
        if n in (1, 2):
            note += "; the 2563 text [S53] has the same meaning with slightly different wording"
            srcs.append("S53")
        if n in (7, 11, 12):
            note += "; the FY2565 text quoted in SEED003 has the same meaning"
            srcs.append("SEED003")
        links.append({"concept": f"IIT ข้อ I{n} (ตัวชี้วัดที่ {iit_indicator(n)})",
                      "ids": [f"ita-{y}:I{n}" for y in range(2563, 2568)], "confidence": "INF", "sources": srcs,
                      "note": note})
    for code in ("E11", "E12", "E14"):
        links.append({"concept": f"EIT ข้อ {code} (ตัวชี้วัดที่ 8)", "ids": [f"ita-2564:{code}", f"ita-2565:{code}"],
                      "confidence": "INF", "sources": ["SEED004", "SEED003"],
                      "note": "same code with near-identical texts in the FY2564 and FY2565 reports of two different "
                              "agencies (frameworks.md §14.2, INF)"})
    cw = {"id": "ita-crosswalk", "version": VERSION,
          "description": "Links between ITA items of different fiscal years that keep their meaning. OIT items are "
                         "matched by name (2563/2564 ↔ 2566/2567 ↔ 2568 ↔ 2569); IIT items by code 2563–2567. "
                         "An id may appear in more than one link when a later item merges earlier ones. Confidence "
                         "is INF unless the reference states otherwise.",
          "sources": [], "links": links}
    cw["sources"] = sources_for(cw)
    # every id must exist in its year's file
    codes = {y: {it["code"] for it in fw["items"]} for y, fw in frameworks.items()}
    for link in links:
        for i in link["ids"]:
            y, c = i.split(":")
            if c not in codes[int(y[4:])]:
                raise SystemExit(f"crosswalk id {i} not in its year's file")
    return cw


# ---------------------------------------------------------------------------------------
# YAML output
# ---------------------------------------------------------------------------------------

class Dumper(yaml.SafeDumper):
    pass


def _repr_list(dumper: yaml.SafeDumper, data: list):
    flow = bool(data) and all(isinstance(x, str) and len(x) < 40 for x in data) and sum(map(len, data)) < 90
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


Dumper.add_representer(list, _repr_list)

EMPTY_OK = {"text", "name", "indicator"}  # keys kept when None, because None means "not known" there


ITEM_ORDER = ["code", "instrument", "indicator", "sub_indicator", "name", "text", "sub_items", "scale", "reversed",
              "components", "confidence", "sources", "note"]


def prune(obj):
    if isinstance(obj, dict):
        if "code" in obj and "instrument" in obj and "confidence" in obj:
            obj = {k: obj[k] for k in sorted(obj, key=lambda k: ITEM_ORDER.index(k))}
        out = {}
        for k, v in obj.items():
            if v is None and k not in EMPTY_OK:
                continue
            if isinstance(v, list) and not v and k not in ("sub_indicators", "items", "sources"):
                continue
            out[k] = prune(v)
        return out
    if isinstance(obj, list):
        return [prune(v) for v in obj]
    return obj


def dump(doc: dict, path: Path, header: str) -> None:
    text = yaml.dump(prune(doc), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(header + text, encoding="utf-8")


HEADER = ("# ITA framework {what} — Prongsai framework library (schema: prongsai.ita.model.{cls}).\n"
          "# Compiled from shared/reference/ita/frameworks.md; every fact carries its confidence (C2/C1/INF/UNK)\n"
          "# and source ids. Official Thai texts are copied verbatim; unknown texts stay null.\n"
          "# This file is the source of truth (tools/build_frameworks.py was a one-off generator).\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    frameworks = {}
    for year in YEARS:
        fw = build_year(year)
        frameworks[year] = fw
        dump(fw, OUT / f"ita-{year}.yaml", HEADER.format(what=f"FY{year}", cls="Framework"))
    cw = build_crosswalk(frameworks)
    dump(cw, OUT / "crosswalk.yaml", HEADER.format(what="crosswalk", cls="Crosswalk"))
    print(f"wrote {len(frameworks)} framework files and crosswalk ({len(cw['links'])} links); "
          f"{len(WARNINGS)} warning(s)")


if __name__ == "__main__":
    main()
