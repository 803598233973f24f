"""Deadlines in working days, as Thai official practice states them ("ภายใน ๑๕ วันทำการ").
Saturdays and Sundays are skipped; public holidays are not known here, so a deadline may fall a
day or two early — on the side of the reporter, never late."""

from __future__ import annotations

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (the day received does not count)."""
    if days < 0:
        raise ValueError(days)
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day
