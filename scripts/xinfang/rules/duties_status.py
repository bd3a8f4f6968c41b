"""The figures of the work beside cases, as of a date: risks, key persons (counts only),
assigned cases, unit submissions and accountability.

A structure of its own beside ``status.Overview``: ``xinfang status``, the dashboard, the Excel
summary and the notice show it next to the case figures. Key persons appear here as counts
only; the office's own pages read the records themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..records.accountability import Action
from ..records.assignment import Assignment, Supervision
from ..records.repository import Repository
from ..records.risk import Risk
from ..records.submission import UnitReport
from .candidates import Candidate, candidates
from .duty_views import (
    acceptance_state,
    contact_due,
    one_per_person,
    open_supervisions,
    report_state,
    review_overdue,
    risk_state,
)
from .status import Overview

LEVELS = ("high", "medium", "low")


@dataclass
class UnitDuties:
    """One unit's figures (its risks, the key persons of its locality, its submissions)."""

    code: str
    name: str
    risks_open: int = 0
    risks_high: int = 0
    risks_resolved: int = 0
    risks_to_case: int = 0
    reviews_overdue: int = 0
    persons: int = 0
    contacts_overdue: int = 0
    assignments: int = 0
    report_backs_overdue: int = 0
    acceptance: str = "pending"  # accepted | returned | pending
    actions: list[Action] = field(default_factory=list)


@dataclass
class DutiesOverview:
    as_of: date
    risks: list[tuple[Risk, str]]  # found by the as-of date, with their state then
    reviews_overdue: list[Risk]
    persons_active: int
    persons_removed: int
    contacts_overdue: int
    assignments: list[tuple[Assignment, str]]  # received by then, with the report-back state
    supervisions_open: list[tuple[Assignment, Supervision]]
    reports: dict[str, UnitReport]
    actions: list[Action]  # decided by then
    candidates: list[Candidate]  # incidents for the leading group to study (供研究)
    units: list[UnitDuties]

    def risks_in(self, state: str) -> list[Risk]:
        return [r for r, s in self.risks if s == state]

    def open_by_level(self) -> dict[str, int]:
        counts = Counter(r.level_on(self.as_of) for r in self.risks_in("open"))
        return {level: counts.get(level, 0) for level in LEVELS}

    def assignments_in(self, *states: str) -> list[Assignment]:
        return [a for a, s in self.assignments if s in states]

    @property
    def report_backs_overdue(self) -> list[Assignment]:
        return sorted(self.assignments_in("overdue"), key=lambda a: a.report_due or self.as_of)

    @property
    def supervisions_overdue(self) -> list[tuple[Assignment, Supervision]]:
        return [(a, s) for a, s in self.supervisions_open if s.due < self.as_of]

    def by_level(self) -> dict[str, int]:
        counts = Counter(a.level for a, _ in self.assignments)
        return {level: counts.get(level, 0) for level in ("city", "province", "state")}

    def acceptance_counts(self) -> dict[str, int]:
        counts = Counter(u.acceptance for u in self.units)
        return {state: counts.get(state, 0) for state in ("accepted", "returned", "pending")}

    def to_publish(self) -> list[Action]:
        """The 通报批评 the leading group decided (whole decision records) and no notice has
        issued yet (no 文号): the next notice names these units, and only these."""
        return [a for a in self.actions if a.kind == "notice" and a.decided and not a.number]

    def action_counts(self) -> dict[str, int]:
        counts = Counter(a.kind for a in self.actions)
        return {kind: counts.get(kind, 0) for kind in ("notice", "admonition", "referral")}


def duties_overview(repo: Repository, view: Overview, unit: str | None = None) -> DutiesOverview:
    """The figures on ``view.as_of``; ``unit``: only what concerns that unit."""
    as_of, duties, campaign = view.as_of, repo.duties, repo.campaign
    cases = {c.id: c for c in repo.cases}

    def mine(code: str) -> bool:
        return unit is None or code == unit

    units = {code: UnitDuties(code, u.name) for code, u in campaign.units.items() if mine(code)}
    risks: list[tuple[Risk, str]] = []
    for risk in sorted(duties.risks, key=lambda r: r.id):
        found = risk_state(risk, as_of, cases)
        if found is None or not mine(risk.unit):
            continue
        state: str = found
        risks.append((risk, state))
        figures = units.get(risk.unit)
        if figures:
            figures.risks_open += state == "open"
            figures.risks_high += state == "open" and risk.level_on(as_of) == "high"
            figures.risks_resolved += state == "resolved"
            figures.risks_to_case += state == "case"
            figures.reviews_overdue += review_overdue(risk, as_of, cases)
    # A person registered twice (the same ID number) is one person in every figure.
    persons = [p for p in one_per_person(duties.persons) if mine(p.unit) and p.registered <= as_of]
    active = removed = overdue = 0
    for person in persons:
        due = contact_due(person, as_of, duties.settings)
        figures = units.get(person.unit)
        if due is None:
            removed += 1
            continue
        active += 1
        overdue += due.overdue
        if figures:
            figures.persons += 1
            figures.contacts_overdue += due.overdue
    assignments: list[tuple[Assignment, str]] = []
    supervisions: list[tuple[Assignment, Supervision]] = []
    for item in sorted(duties.assignments, key=lambda a: a.id):
        reported = report_state(item, as_of)
        if reported is None or not mine(item.unit or campaign.office):
            continue
        assignments.append((item, reported))
        supervisions += [(item, s) for s in open_supervisions(item, as_of)]
        figures = units.get(item.unit or campaign.office)
        if figures:
            figures.assignments += 1
            figures.report_backs_overdue += reported == "overdue"
    reports = {r.unit: r for r in duties.reports if mine(r.unit)}
    for code, figures in units.items():
        figures.acceptance = acceptance_state(reports.get(code), as_of)
    decided = sorted((a for a in duties.actions if a.date <= as_of), key=lambda a: (a.date, a.id))
    actions = [a for a in decided if any(mine(u) for u in a.units)]
    for action in actions:
        for code in action.units:
            if code in units:
                units[code].actions.append(action)
    return DutiesOverview(
        as_of=as_of,
        risks=risks,
        reviews_overdue=[r for r, s in risks if s == "open" and review_overdue(r, as_of, cases)],
        persons_active=active,
        persons_removed=removed,
        contacts_overdue=overdue,
        assignments=assignments,
        supervisions_open=supervisions,
        reports=reports,
        actions=actions,
        # An incident dealt with for any unit is dealt with: candidates look at every decision.
        candidates=[c for c in candidates(view, repo) if any(mine(u) for u in c.units)],
        units=list(units.values()),
    )
