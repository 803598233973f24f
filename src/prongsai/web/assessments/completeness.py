"""Whether a year's result has every indicator of its framework. The analysis ranks indicators
and the measures are drafted from the weak ones, so an indicator without a score is silently
left out of both; the web asks before saving such a result and says so on its page."""

from __future__ import annotations

from prongsai.ita.model import Framework, Indicator
from prongsai.ita.results import YearResult
from prongsai.ita.scoring import score


def missing_indicators(framework: Framework, year: YearResult) -> tuple[Indicator, ...]:
    """The framework's indicators that have no score, given or worked out from items."""
    covered = score(framework, year).indicators
    return tuple(ind for ind in sorted(framework.indicators, key=lambda i: i.no) if ind.no not in covered)


def confirmation_key(missing: tuple[Indicator, ...]) -> str:
    """What a confirmation must carry: the missing indicators it was given for ("6,7,8")."""
    return ",".join(str(ind.no) for ind in missing)


def summary(framework: Framework, missing: tuple[Indicator, ...]) -> str:
    """"มีคะแนน 5 จาก 10 ตัวชี้วัด" — how much of the assessment there is."""
    count = len(framework.indicators)
    return f"มีคะแนน {count - len(missing)} จาก {count} ตัวชี้วัด"
