"""The statutory clocks of the petition regulations, chosen by date, and their due dates in a case.

Two regulations are named policies: 《信访条例》 (2005), in force from 2005-05-01 until
2022-04-30, and 《信访工作条例》 (2022), in force from 2022-05-01. A clock follows the regulation
in force on the day it starts, and cites that regulation's article; periods are counted as the
law of the same time counts them (《民法通则》 Art. 154 in 2008, the Civil Code's Art. 201 and 203
later: the same effect, which ``campaign.periods`` implements). A campaign enables the clocks it
wants shown (``policies.statutory_clocks``). A clock honours approved extensions (the handling
clock only, at most the regulation's 30 days) and stops at the day the step was done: acceptance
at the written notice (``statutory.notified``), the others at the closure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from ..records.campaign import Campaign
from ..records.case import Case
from ..records.policy import CLOCK_KEYS, DayKind, Policy
from .deadlines import extension_steps
from .periods import add_period, next_working_day
from .workdays import WorkCalendar

ClockState = Literal["running", "met", "late", "overdue"]


@dataclass(frozen=True)
class Regulation:
    """A petition regulation as a named policy: its title, when it was in force, how it counts."""

    key: str
    title: str
    in_force_from: date
    in_force_until: date | None
    counting: str  # the law that counts its periods

    @property
    def name(self) -> str:
        return f"{self.title}（{self.key}）"

    def holds(self, day: date) -> bool:
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )


REGULATION_2005 = Regulation(
    "2005", "《信访条例》", date(2005, 5, 1), date(2022, 4, 30), "《民法通则》第一百五十四条"
)
REGULATION_2022 = Regulation(
    "2022", "《信访工作条例》", date(2022, 5, 1), None, "《民法典》第二百零一条、第二百零三条"
)
REGULATIONS = (REGULATION_2005, REGULATION_2022)


def regulation_on(day: date) -> Regulation | None:
    """The regulation in force on ``day`` (None before 2005-05-01: the 1995 text is not kept)."""
    return next((r for r in REGULATIONS if r.holds(day)), None)


def regulations_during(start: date, end: date) -> tuple[Regulation, ...]:
    """The regulations in force on some day from ``start`` to ``end``: the only law a campaign's
    papers cite (a 2008 campaign cites neither the 2022 regulation nor the Civil Code)."""
    return tuple(
        r
        for r in REGULATIONS
        if r.in_force_from <= end and (r.in_force_until is None or start <= r.in_force_until)
    )


def campaign_regulations(campaign: Campaign) -> tuple[Regulation, ...]:
    """The regulations of the campaign's own dates, its target window included."""
    return regulations_during(campaign.start, max(campaign.end, campaign.targets.end))


@dataclass(frozen=True)
class StatutoryClock:
    """A time limit of the petition regulations, with its article in each of them."""

    key: str
    name: str
    days: int
    kind: DayKind
    starts: str  # the event the period is counted from
    articles: dict[str, str] = field(default_factory=dict)  # regulation key → article
    extension_max_days: int = 0

    def citation(self, regulation: Regulation) -> str:
        return f"{regulation.title}{self.articles[regulation.key]}"


STATUTORY_CLOCKS: dict[str, StatutoryClock] = {
    "acceptance": StatutoryClock(
        "acceptance", "受理告知", 15, "calendar", "收到信访事项之日",
        {"2005": "第二十一条、第二十二条", "2022": "第二十二条、第二十三条"},
    ),
    "handling": StatutoryClock(
        "handling", "办理", 60, "calendar", "受理之日",
        {"2005": "第三十三条", "2022": "第三十四条"}, extension_max_days=30,
    ),
    "review": StatutoryClock(
        "review", "复查", 30, "calendar", "收到复查请求之日",
        {"2005": "第三十四条", "2022": "第三十五条"},
    ),
    "second_review": StatutoryClock(
        "second_review", "复核", 30, "calendar", "收到复核请求之日（听证时间不计入）",
        {"2005": "第三十五条", "2022": "第三十六条"},
    ),
}  # fmt: skip
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
    """One clock of one case: when it started, when it is due, and where it stands on ``as_of``."""

    clock: StatutoryClock
    regulation: Regulation
    start: date
    due: date  # the period's last day, as the regulation counts it
    extended_due: date  # after approved extensions (the same day when none)
    extension_days: int
    stopped_on: date | None  # the day the step was done (acceptance, closure)
    as_of: date

    @property
    def citation(self) -> str:
        return self.clock.citation(self.regulation)

    @property
    def state(self) -> ClockState:
        if self.stopped_on is not None and self.stopped_on <= self.as_of:
            return "met" if self.stopped_on <= self.extended_due else "late"
        return "overdue" if self.as_of > self.extended_due else "running"

    @property
    def days_left(self) -> int:
        return (self.extended_due - self.as_of).days


def _stopped_on(key: str, case: Case) -> date | None:
    """Acceptance is done when the petitioner was told in writing (or, when no one can be told,
    as an anonymous petitioner cannot, when it was decided); the others at the case's end."""
    if key == "acceptance":
        st = case.statutory
        if st is None:
            return None
        return st.decided if case.anonymous else st.notified
    return case.finished_on


def _extended(
    clock: StatutoryClock, due: date, case: Case, policy: Policy, cal: WorkCalendar
) -> tuple[date, int]:
    """The due date after the extensions approved while the clock still ran, capped by law."""
    if not clock.extension_max_days:
        return due, 0
    in_time = tuple(e for e in case.extensions if e.approved_on <= due)
    asked = sum(days for _, days, _ in extension_steps(due, in_time, policy, cal))
    days = min(asked, clock.extension_max_days)
    if not days:
        return due, 0
    end = due + timedelta(days=days)
    return (next_working_day(end, cal) if policy.roll_forward else end), days


def statutory_dues(
    case: Case, policy: Policy, cal: WorkCalendar, as_of: date
) -> list[StatutoryDue]:
    """The enabled statutory clocks that have a start date in the case, with their due dates."""
    out = []
    for key in policy.statutory_clocks:
        start = getattr(case.statutory, CLOCK_STARTS[key], None) if case.statutory else None
        regulation = regulation_on(start) if start else None
        if start is None or regulation is None:
            continue
        clock = STATUTORY_CLOCKS[key]
        due = add_period(start, clock.days, clock.kind, policy, cal)
        extended, days = _extended(clock, due, case, policy, cal)
        out.append(
            StatutoryDue(
                clock, regulation, start, due, extended, days, _stopped_on(key, case), as_of
            )
        )
    return out


def binding(campaign_deadline: date | None, dues: list[StatutoryDue]) -> str | None:
    """Which deadline binds the handling: "statutory" when the law's handling period ends first,
    "campaign" when the campaign's 办结时限 does (or on the same day), None when neither exists."""
    handling = next((d for d in dues if d.clock.key == "handling"), None)
    if handling is None:
        return "campaign" if campaign_deadline else None
    if campaign_deadline is None or handling.extended_due < campaign_deadline:
        return "statutory"
    return "campaign"
