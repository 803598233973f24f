"""When a login may be tried again, from the failures counted so far (no Django here).

Two counts, never one per address alone (behind an office NAT or the HTTPS proxy every user
shares an address):
- one account from one address: after ``pair_failures`` failures it pauses, first for
  ``first_pause``, doubling with each further failure up to ``longest_pause``;
- one account from anywhere: only at a much higher count, and only a short fixed pause, so a
  stranger trying someone's name from many addresses slows the guessing without locking the
  owner out for long; an address the owner has signed in from before is spared this pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Rules:
    pair_failures: int = 5
    first_pause: timedelta = timedelta(minutes=1)
    longest_pause: timedelta = timedelta(hours=1)
    account_failures: int = 30
    account_pause: timedelta = timedelta(minutes=1)


@dataclass(frozen=True)
class Failures:
    count: int = 0
    last: datetime | None = None


def pair_pause(failures: int, rules: Rules) -> timedelta:
    if failures < rules.pair_failures:
        return timedelta(0)
    doublings = min(failures - rules.pair_failures, 30)  # 2**30 minutes is far past any cap
    return min(rules.first_pause * (2 ** doublings), rules.longest_pause)


def retry_at(pair: Failures, account: Failures, known_address: bool, now: datetime,
             rules: Rules) -> datetime | None:
    """The moment the pause ends, or None when a login may be tried now."""
    ends = []
    if pair.last is not None:
        ends.append(pair.last + pair_pause(pair.count, rules))
    if account.last is not None and account.count >= rules.account_failures and not known_address:
        ends.append(account.last + rules.account_pause)
    later = [end for end in ends if end > now]
    return max(later) if later else None
