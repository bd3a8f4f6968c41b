"""The statutory clocks of the petition regulations, and their due dates in a case.

Each clock is a time limit of 《信访工作条例》 (2022) with its counterpart in 《信访条例》 (2005);
a campaign enables the clocks it wants shown (``policies.statutory_clocks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records.case import Case
from ..records.policy import CLOCK_KEYS, DayKind, Policy
from .periods import add_period
from .workdays import WorkCalendar


@dataclass(frozen=True)
class StatutoryClock:
    """A time limit from 《信访工作条例》 (2022), with its counterpart in 《信访条例》 (2005)."""

    key: str
    name: str
    days: int
    kind: DayKind
    article: str
    article_2005: str
    starts: str  # the event the period is counted from
    extension_max_days: int = 0


STATUTORY_CLOCKS: dict[str, StatutoryClock] = {
    "acceptance": StatutoryClock(
        key="acceptance",
        name="受理告知",
        days=15,
        kind="calendar",
        article="《信访工作条例》第二十三条",
        article_2005="《信访条例》第二十一条、第二十二条",
        starts="收到信访事项之日",
    ),
    "handling": StatutoryClock(
        key="handling",
        name="办理",
        days=60,
        kind="calendar",
        article="《信访工作条例》第三十四条",
        article_2005="《信访条例》第三十三条",
        starts="受理之日",
        extension_max_days=30,
    ),
    "review": StatutoryClock(
        key="review",
        name="复查",
        days=30,
        kind="calendar",
        article="《信访工作条例》第三十五条",
        article_2005="《信访条例》第三十四条",
        starts="收到复查请求之日",
    ),
    "second_review": StatutoryClock(
        key="second_review",
        name="复核",
        days=30,
        kind="calendar",
        article="《信访工作条例》第三十六条",
        article_2005="《信访条例》第三十五条",
        starts="收到复核请求之日（听证时间不计入）",
    ),
}
assert tuple(STATUTORY_CLOCKS) == CLOCK_KEYS, "the campaign schema and policy list these keys"

# Which date of the case's `statutory` block each clock starts from.
CLOCK_STARTS = {
    "acceptance": "received",
    "handling": "accepted",
    "review": "review_requested",
    "second_review": "second_review_requested",
}


@dataclass(frozen=True)
class StatutoryDue:
    clock: StatutoryClock
    start: date
    due: date


def statutory_dues(case: Case, policy: Policy, cal: WorkCalendar) -> list[StatutoryDue]:
    """The enabled statutory clocks that have a start date in the case, with their due dates."""
    out = []
    for key in policy.statutory_clocks:
        start = getattr(case.statutory, CLOCK_STARTS[key], None) if case.statutory else None
        if start is not None:
            clock = STATUTORY_CLOCKS[key]
            out.append(
                StatutoryDue(clock, start, add_period(start, clock.days, clock.kind, policy, cal))
            )
    return out
