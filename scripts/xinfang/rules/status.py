"""Derived status: each case's deadline, each unit's obligations, and the campaign's figures.

Everything here is computed from the records and an explicit as-of date; the terminal summary,
the site, the Excel summary sheet and the notice all read the same `Overview`. A case counts as
closed from the day its closure was complete, as 息诉罢访 only when verified and observed
(``settlement.py``; 待观察 until then), 无法回访 apart from both, and priority cases come first in
every list of cases.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..campaign.deadlines import DeadlineStatus, deadline_status
from ..campaign.phases import phase_on
from ..campaign.workdays import WorkCalendar
from ..records.campaign import Campaign, Milestone, Phase
from ..records.case import Case
from .settlement import Settlement, settlement_state
from .targets import Incident, Sensitive, incidents, sensitive_periods

Obligation = Literal["met", "late", "missing", "not_due"]


@dataclass
class CaseStatus:
    """A case as it stood on the as-of date, with its deadline then."""

    case: Case
    deadline: DeadlineStatus | None
    settlement: Settlement | None = None  # 息诉罢访 or 待观察 on the as-of date (settlement.py)

    @property
    def settled(self) -> bool:
        """息诉罢访: declared, verified, and the observation period passed with no new petition."""
        return self.settlement == "settled"

    @property
    def observing(self) -> bool:
        """待观察: declared and verified so far, the observation period still running."""
        return self.settlement == "observing"

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def rel(self) -> str:
        return self.case.rel

    @property
    def unit(self) -> str:
        return self.case.responsibility.unit

    @property
    def closed(self) -> bool:
        return self.case.closed

    @property
    def unreachable(self) -> bool:
        return self.case.unreachable

    @property
    def overdue(self) -> bool:
        return bool(self.deadline and self.deadline.overdue)

    @property
    def due_soon(self) -> bool:
        return bool(self.deadline and self.deadline.due_soon)


@dataclass
class UnitObligation:
    milestone: Milestone
    state: Obligation
    submitted: date | None


@dataclass
class UnitStatus:
    code: str
    name: str
    kind: str
    cases: int = 0
    closed: int = 0
    unreachable: int = 0  # 无法回访: handled, open, never counted closed
    settled: int = 0
    observing: int = 0  # 待观察: closed and declared settled, the observation period running
    overdue: int = 0
    due_soon: int = 0
    due: int = 0  # cases whose 办结时限 has come by the as-of date (closed or not)
    registered_on_time: int = 0  # cases registered by the registration milestone
    reported_later: int = 0  # new cases reported after it
    obligations: list[UnitObligation] = field(default_factory=list)
    # Incidents charged to the unit, as the handling unit or as the petitioners' own (共同承担),
    # during the handling of the case only.
    incidents: list[Incident] = field(default_factory=list)

    def charged(self, kind: str) -> int:
        """How many incidents of ``kind`` (an Incident flag, or "any") are charged to the unit."""
        if kind == "cross_level_collective":
            return sum(i.cross_level and i.collective for i in self.incidents)
        return sum(kind == "any" or bool(getattr(i, kind)) for i in self.incidents)


@dataclass
class Overview:
    campaign: Campaign
    as_of: date
    phase: Phase | None
    phase_days_left: int | None
    cases: list[CaseStatus]
    units: list[UnitStatus]
    incidents: list[Incident]  # every counted visit in the target window, by date
    sensitive: list[Sensitive] = field(default_factory=list)
    calendar: WorkCalendar | None = None  # the one the deadlines were computed with

    @property
    def cross_level_collective(self) -> list[Incident]:
        """越级集体访: the plan's first zero target."""
        return [i for i in self.incidents if i.cross_level and i.collective]

    @property
    def abnormal_beijing(self) -> list[Incident]:
        """非正常进京访: the plan's second zero target."""
        return [i for i in self.incidents if i.abnormal]

    @property
    def cross_level(self) -> list[Incident]:
        return [i for i in self.incidents if i.cross_level]

    @property
    def charged(self) -> list[Incident]:
        """The incidents during handling, charged to the units jointly."""
        return [i for i in self.incidents if i.charged]

    @property
    def background(self) -> list[Incident]:
        """The incidents before a case's handling began or after its closure: charged to none."""
        return [i for i in self.incidents if not i.charged]

    @property
    def collective(self) -> list[Incident]:
        return [i for i in self.incidents if i.collective]

    @property
    def total(self) -> int:
        return len(self.cases)

    def count(self, status: str) -> int:
        return sum(c.case.status == status for c in self.cases)

    @property
    def closed(self) -> int:
        return sum(c.closed for c in self.cases)

    @property
    def unreachable(self) -> int:
        """无法回访: shown apart, never in the closed count or the closure rate."""
        return sum(c.unreachable for c in self.cases)

    @property
    def settled(self) -> int:
        return sum(c.settled for c in self.cases)

    @property
    def observing(self) -> int:
        """待观察: never in the 息诉罢访 count or rate until the observation period passes."""
        return sum(c.observing for c in self.cases)

    @property
    def closure_rate(self) -> float:
        return self.closed / self.total if self.total else 0.0

    @property
    def settled_rate(self) -> float:
        return self.settled / self.total if self.total else 0.0

    @property
    def overdue(self) -> list[CaseStatus]:
        return sorted((c for c in self.cases if c.overdue), key=_days_left)

    @property
    def due_soon(self) -> list[CaseStatus]:
        return sorted((c for c in self.cases if c.due_soon), key=_days_left)

    @property
    def closed_late(self) -> list[CaseStatus]:
        return [c for c in self.cases if c.deadline and c.deadline.closed_late]


def _days_left(case: CaseStatus) -> int:
    return case.deadline.days_left if case.deadline else 0


def obligation(milestone: Milestone, submitted: date | None, as_of: date) -> Obligation:
    if submitted is not None and submitted <= as_of:
        return "met" if submitted <= milestone.due else "late"
    return "missing" if as_of > milestone.due else "not_due"


def _unit_statuses(
    campaign: Campaign, cases: list[CaseStatus], as_of: date, found: list[Incident]
) -> list[UnitStatus]:
    registration = next((m for m in campaign.milestones if m.id == "registration"), None)
    units = {code: UnitStatus(code, u.name, u.kind) for code, u in campaign.units.items()}
    for case in cases:
        unit = units.get(case.unit)
        if unit is None:
            continue
        unit.cases += 1
        unit.closed += case.closed
        unit.unreachable += case.unreachable
        unit.settled += case.settled
        unit.observing += case.observing
        unit.overdue += case.overdue
        unit.due_soon += case.due_soon
        unit.due += bool(case.deadline and case.deadline.effective <= as_of)
        if registration:
            if case.case.registered <= registration.due:
                unit.registered_on_time += 1
            else:
                unit.reported_later += 1
    for incident in (i for i in found if i.charged):
        for code in incident.units:
            if code in units:
                units[code].incidents.append(incident)
    for code, unit in units.items():
        submitted: dict[str, date] = {}
        for s in campaign.units[code].submissions:
            submitted.setdefault(s.milestone, s.date)
        for milestone in campaign.milestones:
            day = submitted.get(milestone.id)
            known = day if day is not None and day <= as_of else None  # later: not yet made
            unit.obligations.append(
                UnitObligation(milestone, obligation(milestone, day, as_of), known)
            )
    return list(units.values())


def as_of_view(case: Case, as_of: date) -> Case | None:
    """The case as it stood on ``as_of``, from the dates it records; None if not yet registered.

    Records hold the latest state; a past as-of date must not count a closure before its report
    was complete (the follow-up included), nor a 无法回访 before the follow-up that found no one,
    nor events, progress or extensions that came later.
    """
    if case.registered > as_of:
        return None
    known = dataclasses.replace(
        case,
        events=tuple(e for e in case.events if e.date <= as_of),
        progress=tuple(p for p in case.progress if p.date <= as_of),
        extensions=tuple(e for e in case.extensions if e.approved_on <= as_of),
    )
    finished_on = case.finished_on  # closed, or found unreachable at the follow-up
    if case.status == "registered" or (finished_on is not None and finished_on <= as_of):
        return known
    started = [case.rehearing.date if case.rehearing else None]
    started += [p.date for p in case.progress]
    began = any(day is not None and day <= as_of for day in started)
    status = "in_progress" if began else "registered"
    return dataclasses.replace(known, status=status, closure=None, settled=False)


def case_statuses(
    cases: list[Case], campaign: Campaign, as_of: date, calendar: WorkCalendar
) -> list[CaseStatus]:
    out = []
    for case in cases:
        view = as_of_view(case, as_of)
        if view is not None:
            deadline = deadline_status(view, as_of, campaign.policy, calendar)
            settlement = settlement_state(view, as_of, campaign.policy)
            out.append(CaseStatus(view, deadline, settlement))
    return out


def overview(
    campaign: Campaign,
    records: list[Case],
    as_of: date,
    calendar: WorkCalendar,
    unit: str | None = None,
    assigned: Mapping[str, date] | None = None,
) -> Overview:
    """The figures on ``as_of``; ``assigned``: each case's dispatch to its unit (``Duties.dispatched``),
    which may start its handling before its registration."""
    cases = case_statuses(records, campaign, as_of, calendar)
    views = [c.case for c in cases]
    found = incidents(campaign, views, as_of, assigned=assigned)
    sensitive = sensitive_periods(campaign, views, as_of, assigned)
    if unit is not None:  # the unit's own cases, and every incident charged to it
        cases = [c for c in cases if c.unit == unit]
        found = [i for i in found if unit in i.units]
        sensitive = [
            dataclasses.replace(s, incidents=[i for i in s.incidents if unit in i.units])
            for s in sensitive
        ]
    phase = phase_on(campaign, as_of)
    units = _unit_statuses(campaign, cases, as_of, found)
    if unit is not None:
        units = [u for u in units if u.code == unit]
    return Overview(
        campaign=campaign,
        as_of=as_of,
        phase=phase,
        phase_days_left=(phase.end - as_of).days if phase else None,
        cases=sorted(cases, key=lambda c: (not c.case.priority, c.id)),
        units=units,
        incidents=found,
        sensitive=sensitive,
        calendar=calendar,
    )
