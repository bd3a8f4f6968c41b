"""The leading group's weekly brief: the week's new cases, closures and incidents, and what is
overdue on the last day of the week. One page; key persons appear as counts only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..records.case import Case
from ..records.repository import Repository
from ..records.risk import Risk
from .duties_status import DutiesOverview
from .duty_views import one_per_person
from .status import CaseStatus, Overview
from .targets import Incident

WEEK = 7


@dataclass(frozen=True)
class WeekEvent:
    case: Case
    event: Incident  # its date, level and head count
    what: str  # 越级访, 集体访, 越级集体访, 非正常进京访


@dataclass
class WeeklyBrief:
    start: date
    end: date
    new_cases: list[Case]
    closures: list[Case]
    events: list[WeekEvent]
    new_risks: list[Risk]
    contacts: int  # contacts with key persons in the week
    view: Overview
    duties: DutiesOverview

    @property
    def overdue(self) -> list[CaseStatus]:
        return self.view.overdue


def weekly_brief(repo: Repository, view: Overview, duties: DutiesOverview) -> WeeklyBrief:
    """The week of seven days that ends on the overview's as-of date."""
    end = view.as_of
    start = end - timedelta(days=WEEK - 1)

    def inside(day: date | None) -> bool:
        return day is not None and start <= day <= end

    cases = sorted(repo.cases, key=lambda c: c.id)
    by_id = {c.id: c for c in cases}
    # The incidents of the overview: visits only, 越级 as the campaign counts it, each once.
    events = [
        WeekEvent(by_id[i.case_id], i, "、".join(i.kinds))
        for i in view.incidents
        if inside(i.date) and i.case_id in by_id
    ]
    closures = [
        c.case for c in view.cases if c.closed and c.case.closure and inside(c.case.closure.date)
    ]
    persons = one_per_person(repo.duties.persons)  # a person registered twice counts once
    contacts = sum(inside(c.date) for p in persons for c in p.contacts)
    return WeeklyBrief(
        start=start,
        end=end,
        new_cases=[c for c in cases if inside(c.registered)],
        closures=closures,
        events=events,
        new_risks=[r for r, _ in duties.risks if inside(r.found)],
        contacts=contacts,
        view=view,
        duties=duties,
    )
