"""The state of a measure on a given day: one rule for the tracking page and the documents.

A measure is finished when its latest report says so; late when its latest report says late, or
when its end date has passed without being finished; in progress when reported as such; and not
started otherwise (no report yet, or reported as not started while still within its time).
"""

from __future__ import annotations

from datetime import date

DONE = "เสร็จสิ้น"
IN_PROGRESS = "กำลังดำเนินการ"
LATE = "ล่าช้า"
NOT_STARTED = "ยังไม่เริ่ม"
STATES: tuple[str, ...] = (DONE, IN_PROGRESS, LATE, NOT_STARTED)


def measure_state(latest_status: str | None, end: date | None, on: date) -> str:
    """One of STATES for a measure whose latest reported status is `latest_status` (None when
    nothing was reported) and whose timeframe ends on `end`, as it stands on day `on`."""
    if latest_status == DONE:
        return DONE
    if latest_status == LATE or (end is not None and end < on):
        return LATE
    if latest_status == IN_PROGRESS:
        return IN_PROGRESS
    return NOT_STARTED
