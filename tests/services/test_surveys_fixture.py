"""The hand-counted fixture of the survey tests (no tests here): six answers of FY2570 and one
of the year before, over four items in three sections, for two services. The figures worked out
by hand are in the comment below; tests/services/test_surveys.py checks the scoring against
them and tests/documents/test_survey_*.py the documents."""

from __future__ import annotations

from datetime import date

from prongsai.services.surveys import Answer, Question, fiscal_year_period

NA = None
QUESTIONS = [
    Question("q1", "process", "ขั้นตอนไม่ยุ่งยาก"),
    Question("q2", "process", "รวดเร็ว"),
    Question("q3", "staff", "เจ้าหน้าที่สุภาพ"),
    Question("q4", "overall", "พึงพอใจโดยรวม"),
]
TAX, REGISTRY = "งานจัดเก็บภาษี", "งานทะเบียนพาณิชย์"


def ans(day: date, service: str, q1, q2, q3, q4="missing", comment: str = "", **profile: str) -> Answer:
    ratings = {"q1": q1, "q2": q2, "q3": q3}
    if q4 != "missing":
        ratings["q4"] = q4
    return Answer(day, service, ratings, profile, comment)


# Six answers in FY2570 (1 Oct 2026 – 30 Sep 2027) and one of the year before. q4 was not asked
# of A6 (an item added after it answered); NA is "ไม่เกี่ยวข้อง".
ANSWERS = [
    ans(date(2026, 10, 5), TAX, 5, 4, 5, 5, "ดีมาก", gender="male", age_band="20-39"),       # A1
    ans(date(2026, 11, 10), TAX, 3, NA, 4, 4, gender="female"),                              # A2
    ans(date(2026, 12, 1), REGISTRY, 4, 2, 5, 4, "รอนาน", gender="female", age_band="60plus"),  # A3
    ans(date(2027, 1, 15), REGISTRY, 5, 5, 3, 5),                                            # A4
    ans(date(2027, 4, 2), REGISTRY, 1, 3, NA, 2, "   ", gender="male"),                      # A5
    ans(date(2027, 9, 30), TAX, 4, 4, 4),                                                    # A6
    ans(date(2026, 9, 30), TAX, 1, 1, 1, 1, "ปีก่อน"),                                        # A7: FY2569
]
FY = fiscal_year_period(2570)

# By hand, FY2570 (A1–A6):
#   q1 5 3 4 5 1 4       n 6  total 22  mean 3.666… → 3.67  satisfied 4/6 = 66.67  S.D. √(11.333/5) = 1.51
#   q2 4 – 2 5 3 4       n 5  (1 NA)  total 18  mean 3.60  satisfied 3/5 = 60.00   S.D. √(5.2/4) = 1.14
#   q3 5 4 5 3 – 4       n 5  (1 NA)  total 21  mean 4.20  satisfied 4/5 = 80.00   S.D. √(2.8/4) = 0.84
#   q4 5 4 4 5 2 ·       n 5  (A6 not asked)  total 20  mean 4.00  satisfied 4/5 = 80.00  S.D. √(6/4) = 1.22
#   process (q1+q2): counts 1..5 = 1 1 2 4 3, n 11, total 40, mean 3.636… → 3.64, satisfied 7/11 = 63.64,
#     S.D. √(16.545/10) = 1.29
#   all: counts 1 2 3 8 7, n 21, total 81, mean 3.857… → 3.86 มาก, satisfied 15/21 = 71.43,
#     S.D. √(26.571/20) = 1.15
#   งานจัดเก็บภาษี (A1 A2 A6): counts 0 0 1 6 3, n 10, mean 4.20, satisfied 90.00
#   งานทะเบียนพาณิชย์ (A3 A4 A5): counts 1 2 2 2 4, n 11, total 39, mean 3.545… → 3.55, satisfied 54.55


def summary():
    from prongsai.services.surveys import summarise

    return summarise(ANSWERS, QUESTIONS, [TAX, REGISTRY], period=FY)
