"""The borrowing reminders due on a day: loans out and overdue, due back today or tomorrow.
The register shows them; a later `prongsai remind` sends them by e-mail or LINE (design §5.6),
so each says whom it is for, how to reach them, what to say and for when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from prongsai.services import borrowing as rules
from prongsai.services.borrowing import DUE_TODAY, DUE_TOMORROW, OVERDUE, REMINDERS
from prongsai.web.agencies.models import Agency

ORDER = {OVERDUE: 0, DUE_TODAY: 1, DUE_TOMORROW: 2}


@dataclass(frozen=True)
class Reminder:
    kind: str  # OVERDUE, DUE_TODAY or DUE_TOMORROW
    loan: Any
    to: str  # the borrower's name
    contact: str  # the staff borrower's e-mail, or the telephone a borrower from outside gave
    channel: str  # "email" (a member) or "phone" (no account: the officer calls)
    subject: str
    due: date
    days_late: int

    @property
    def label(self) -> str:
        return REMINDERS[self.kind]

    def as_dict(self) -> dict[str, Any]:
        """What `prongsai remind --dry-run --json` lists: {to, channel, subject, due}."""
        return {"to": self.contact or self.to, "channel": self.channel, "subject": self.subject,
                "due": self.due.isoformat()}


def _subject(kind: str, loan: Any, items: str, late: int) -> str:
    what = f"การยืมพัสดุเลขที่ {loan.number} ({items})"
    if kind == OVERDUE:
        return f"{what} เกินกำหนดส่งคืนแล้ว {late} วัน กรุณาส่งคืนที่{loan.agency.name}โดยเร็ว"
    if kind == DUE_TODAY:
        return f"{what} ครบกำหนดส่งคืนวันนี้"
    return f"{what} ครบกำหนดส่งคืนพรุ่งนี้ ({rules.thai_day(loan.end_on)})"


def due(agency: Agency, today: date) -> list[Reminder]:
    """Every reminder due on `today` for the agency's loans, overdue ones first (the longest
    late first), then due today, then due tomorrow."""
    from prongsai.web.borrowing.models import Loan

    found: list[Reminder] = []
    loans = (Loan.objects.filter(agency=agency, status=rules.HANDED_OVER, end_on__lte=date.fromordinal(
        today.toordinal() + 1)).select_related("borrower_user", "agency").prefetch_related("lines__asset"))
    for loan in loans:
        kind = rules.reminder_kind(loan.status, loan.end_on, today)
        if kind is None:
            continue
        items = ", ".join(f"{line.asset.name} {line.quantity} {line.asset.count_unit}" for line in loan.lines.all())
        late = rules.days_late(loan.end_on, today)
        email = loan.borrower_user.email if loan.borrower_user is not None else ""
        found.append(Reminder(kind, loan, loan.borrower_name, email or loan.phone, "email" if email else "phone",
                              _subject(kind, loan, items, late), loan.end_on, late))
    found.sort(key=lambda r: (ORDER[r.kind], -r.days_late, r.loan.seq))
    return found
