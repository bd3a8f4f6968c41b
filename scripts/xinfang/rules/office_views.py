"""The plan's own machinery as it stood on an as-of date: the units' special meetings, the
publicity sessions, the inspections with their problems, the summary meeting and commendations.

Records hold the latest state: what was held, found, rectified or decided after the as-of date
does not count on it. The site's pages, the workbook's sheet and the per-unit view of the 六个到位
(``six_in_place.py``) read this view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records.campaign import Campaign
from ..records.duties import Duties
from ..records.office_work import Commendation, Inspection, Meeting, Problem, Publicity


@dataclass(frozen=True)
class InspectionProblem:
    """A problem an inspection found, where its rectification stood on the as-of date."""

    inspection: Inspection
    number: int  # from 1, as ``rectifications`` name it
    problem: Problem
    rectified: date | None  # the first rectification recorded by the as-of date
    overdue: bool  # the date to rectify by has passed with none recorded

    @property
    def unit(self) -> str:
        return self.problem.unit


@dataclass(frozen=True)
class OfficeWork:
    as_of: date
    meetings: dict[str, list[Meeting]]  # each unit's special meetings held by then (every unit)
    summary_meetings: list[Meeting]
    publicity: list[Publicity]
    inspections: list[Inspection]
    problems: list[InspectionProblem]
    commendations: list[Commendation]  # decided by then

    @property
    def without_meeting(self) -> list[str]:
        """The units with no special meeting recorded by the as-of date."""
        return [code for code, held in self.meetings.items() if not held]

    @property
    def overdue(self) -> list[InspectionProblem]:
        return [p for p in self.problems if p.overdue]

    def unit_publicity(self, code: str) -> list[Publicity]:
        return [p for p in self.publicity if p.unit == code]

    def unit_inspections(self, code: str) -> list[Inspection]:
        return [i for i in self.inspections if code in i.units]

    def unit_problems(self, code: str) -> list[InspectionProblem]:
        return [p for p in self.problems if p.unit == code]

    def unit_commendations(self, code: str) -> list[Commendation]:
        return [
            c
            for c in self.commendations
            if code in c.units or any(p.unit == code for p in c.persons)
        ]


def _by_date(records: list[Meeting]) -> list[Meeting]:
    return sorted(records, key=lambda m: (m.date, m.id))


def office_work(
    duties: Duties, campaign: Campaign, as_of: date, unit: str | None = None
) -> OfficeWork:
    """The view on ``as_of``; ``unit``: only what concerns that unit (the county's summary
    meetings and the inspections that visited it stay)."""

    def mine(code: str) -> bool:
        return unit is None or code == unit

    held = [m for m in duties.meetings if m.date <= as_of]
    meetings = {
        code: _by_date([m for m in held if m.type == "special" and m.unit == code])
        for code in campaign.units
        if mine(code)
    }
    inspections = sorted(
        (i for i in duties.inspections if i.date <= as_of and any(mine(u) for u in i.units)),
        key=lambda i: (i.date, i.id),
    )
    problems = []
    for inspection in inspections:
        for number, problem in enumerate(inspection.findings, start=1):
            if not mine(problem.unit):
                continue
            done = inspection.rectified(number, as_of)
            problems.append(
                InspectionProblem(
                    inspection,
                    number,
                    problem,
                    done.date if done else None,
                    done is None and problem.rectify_by < as_of,
                )
            )
    commendations = [
        c
        for c in sorted(duties.commendations, key=lambda c: (c.date, c.id))
        if c.date <= as_of
        and (unit is None or unit in c.units or any(p.unit == unit for p in c.persons))
    ]
    return OfficeWork(
        as_of=as_of,
        meetings=meetings,
        summary_meetings=_by_date([m for m in held if m.type == "summary"]),
        publicity=sorted(
            (p for p in duties.publicity if p.date <= as_of and mine(p.unit)),
            key=lambda p: (p.date, p.id),
        ),
        inspections=inspections,
        problems=problems,
        commendations=commendations,
    )
