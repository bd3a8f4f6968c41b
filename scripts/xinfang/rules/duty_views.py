"""The records beside cases as they stood on an as-of date.

Records hold the latest state, as cases do (see ``status.as_of_view``): a risk resolved later,
a contact made later, a report sent later must not count on an earlier as-of date. Rules,
figures, pages and exports all read these views.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..records.assignment import Assignment, Supervision
from ..records.case import Case
from ..records.duty_settings import DutySettings
from ..records.person import Contact, KeyPerson
from ..records.risk import Risk
from ..records.submission import UnitReport

RiskState = Literal["open", "resolved", "case"]
ReportState = Literal["reported", "late", "overdue", "pending", "not_required"]


def risk_state(risk: Risk, as_of: date, cases: Mapping[str, Case]) -> RiskState | None:
    """open, resolved or turned into a case on ``as_of``; None before it was found."""
    if risk.found > as_of:
        return None
    if risk.status == "resolved" and risk.resolved and risk.resolved.date <= as_of:
        return "resolved"
    if risk.status == "case" and risk.case:
        case = cases.get(risk.case)
        if case is None or case.registered <= as_of:
            return "case"
    return "open"


def review_overdue(risk: Risk, as_of: date, cases: Mapping[str, Case]) -> bool:
    return risk_state(risk, as_of, cases) == "open" and risk.review < as_of


@dataclass(frozen=True)
class ContactDue:
    """A key person's contacts on an as-of date: the last one and whether the next is overdue."""

    last: Contact | None
    since: date  # the last contact, or the day of registration when none
    interval: int  # the days allowed on the as-of date
    days: int  # days since then

    @property
    def overdue(self) -> bool:
        return self.days > self.interval


def contact_due(person: KeyPerson, as_of: date, settings: DutySettings) -> ContactDue | None:
    """None when the person is not on the list on ``as_of``."""
    if not person.active_on(as_of):
        return None
    contacts = person.contacts_until(as_of)
    last = contacts[-1] if contacts else None
    since = last.date if last else person.registered
    interval = person.help.every_days or settings.contact_interval_days
    return ContactDue(last, since, interval, (as_of - since).days)


def one_per_person(persons: list[KeyPerson]) -> list[KeyPerson]:
    """The key persons, one each: records with the same ID number are one person, kept as the
    first record (by id) with every contact of all of them (rule person-duplicate names the
    others). Records without an ID number stand for themselves."""
    groups: dict[str, list[KeyPerson]] = {}
    for person in sorted(persons, key=lambda p: p.id):
        groups.setdefault(person.id_number or person.id, []).append(person)
    out = []
    for first, *others in groups.values():
        if others:
            every = {
                (c.date, c.by, c.method, c.note): c for p in (first, *others) for c in p.contacts
            }
            active = [p for p in (first, *others) if p.removed is None]
            first = dataclasses.replace(
                first,
                registered=min(p.registered for p in (first, *others)),
                contacts=tuple(sorted(every.values(), key=lambda c: c.date)),
                removed=None if active else first.removed,
            )
        out.append(first)
    return out


def report_state(assignment: Assignment, as_of: date) -> ReportState | None:
    """Where the report-back (报结) stands on ``as_of``; None before the assignment arrived."""
    if assignment.received > as_of:
        return None
    due = assignment.report_due
    if assignment.kind != "assign" or due is None:
        return "not_required"
    final = assignment.final_report(as_of)
    if final is not None:
        return "reported" if final.date <= due else "late"
    return "overdue" if as_of > due else "pending"


def open_supervisions(assignment: Assignment, as_of: date) -> list[Supervision]:
    """Supervision notices issued by ``as_of`` and not answered by then."""
    return [
        s
        for s in assignment.supervisions
        if s.date <= as_of and (s.answered is None or s.answered > as_of)
    ]


def days_over(due: date, as_of: date) -> int:
    return (as_of - due).days


@dataclass(frozen=True)
class Ledger:
    """The registration ledger of a unit as of a day, generated from the records."""

    day: date
    cases: tuple[Case, ...]
    risks: tuple[Risk, ...]
    key_persons: int


def registration_ledger(
    unit: str,
    day: date,
    cases: list[Case],
    risks: list[Risk],
    persons: list[KeyPerson],
) -> Ledger:
    """What the unit's own records held on ``day`` (its cases, the risks it is responsible for,
    the key persons of its locality): to compare with what it reported."""
    return Ledger(
        day,
        tuple(sorted((c for c in cases if c.unit == unit and c.registered <= day), key=_id)),
        tuple(sorted((r for r in risks if r.unit == unit and r.found <= day), key=_id)),
        sum(p.unit == unit and p.registered <= day for p in one_per_person(persons)),
    )


def _id(record: Case | Risk) -> str:
    return record.id


def acceptance_state(report: UnitReport | None, as_of: date) -> str:
    """accepted, returned or pending (no decision yet) on ``as_of``."""
    decision = report.acceptance_on(as_of) if report else None
    return decision.result if decision else "pending"
