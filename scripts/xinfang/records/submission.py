"""The typed unit submissions (上报材料) and the office's acceptance (验收) of one unit.

One file per unit (submissions/T01.yml). What it records replaces the bare dates of
``units[].submissions`` in campaign.yml: ``with_submissions`` gives the campaign the dates the
records hold, so the obligations figures read one source; a unit without a file keeps the dates
campaign.yml lists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .campaign import Campaign, Submission
from .located import Located, Ref, source, text
from .yaml_nodes import LineDict

WORKING_GROUP, REGISTRATION, SUMMARY = "working_group", "registration", "summary"


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    post: str
    role: str  # leader | deputy | member | liaison
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class WorkingGroup:
    submitted: date
    members: tuple[Member, ...]
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Reported:
    cases: int
    risks: int | None = None
    key_persons: int | None = None


@dataclass(frozen=True, slots=True)
class Registration:
    submitted: date
    reported: Reported
    document: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    cases: int
    closed: int
    settled: int | None = None
    risks_resolved: int | None = None


@dataclass(frozen=True, slots=True)
class ProgressReport:
    milestone: str
    submitted: date
    counts: Counts
    text: str
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    submitted: date
    text: str
    next_steps: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Acceptance:
    date: date
    by: str
    result: str  # accepted | returned
    reasons: tuple[str, ...] = ()
    opinion: str | None = None


@dataclass(frozen=True, slots=True)
class UnitReport(Located):
    unit: str
    rel: str = ""
    working_group: WorkingGroup | None = None
    registration: Registration | None = None
    progress: tuple[ProgressReport, ...] = ()
    summary: Summary | None = None
    acceptance: tuple[Acceptance, ...] = ()
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.unit

    @property
    def owner(self) -> str | None:
        return self.unit

    def unit_refs(self) -> Iterator[Ref]:
        yield ("unit",), self.unit

    def dated(self) -> Iterator[tuple[str, date, tuple[str | int, ...]]]:
        """(milestone, date submitted, key path) of every submission the record holds."""
        if self.working_group:
            yield WORKING_GROUP, self.working_group.submitted, (WORKING_GROUP, "submitted")
        if self.registration:
            yield REGISTRATION, self.registration.submitted, (REGISTRATION, "submitted")
        for i, report in enumerate(self.progress):
            yield report.milestone, report.submitted, ("progress", i, "submitted")
        if self.summary:
            yield SUMMARY, self.summary.submitted, (SUMMARY, "submitted")

    def acceptance_on(self, as_of: date) -> Acceptance | None:
        """The office's latest decision up to ``as_of``."""
        made = [a for a in self.acceptance if a.date <= as_of]
        return max(made, key=lambda a: a.date) if made else None


def report_from_data(data: dict[str, Any], rel: str = "") -> UnitReport:
    get = data.get
    group, reg, summary = get(WORKING_GROUP), get(REGISTRATION), get(SUMMARY)
    return UnitReport(
        unit=data["unit"],
        rel=rel,
        working_group=WorkingGroup(
            date.fromisoformat(group["submitted"]),
            tuple(
                Member(m["name"], m["post"], m["role"], text(m.get("phone")))
                for m in group["members"]
            ),
            text(group.get("document")),
        )
        if isinstance(group, dict)
        else None,
        registration=Registration(
            date.fromisoformat(reg["submitted"]),
            Reported(**reg["reported"]),
            text(reg.get("document")),
            text(reg.get("note")),
        )
        if isinstance(reg, dict)
        else None,
        progress=tuple(
            ProgressReport(
                p["milestone"],
                date.fromisoformat(p["submitted"]),
                Counts(**p["counts"]),
                p["text"],
                text(p.get("document")),
            )
            for p in get("progress") or ()
        ),
        summary=Summary(
            date.fromisoformat(summary["submitted"]),
            summary["text"],
            text(summary.get("next_steps")),
            text(summary.get("document")),
        )
        if isinstance(summary, dict)
        else None,
        acceptance=tuple(
            Acceptance(
                date.fromisoformat(a["date"]),
                a["by"],
                a["result"],
                tuple(a.get("reasons") or ()),
                text(a.get("opinion")),
            )
            for a in get("acceptance") or ()
        ),
        record=source(data),
    )


def with_submissions(campaign: Campaign, reports: Iterable[UnitReport]) -> Campaign:
    """The campaign whose units carry the submission dates of their records.

    A milestone the record holds replaces the date campaign.yml lists for it; the others stay.
    """
    by_unit = {r.unit: r for r in reports}
    units = dict(campaign.units)
    for code, report in by_unit.items():
        unit = units.get(code)
        if unit is None:
            continue
        held = {
            milestone: (day, _document(report, milestone)) for milestone, day, _ in report.dated()
        }
        kept = [s for s in unit.submissions if s.milestone not in held]
        new = [Submission(m, day, doc) for m, (day, doc) in held.items()]
        units[code] = dataclasses.replace(unit, submissions=tuple(new + kept))
    return dataclasses.replace(campaign, units=units)


def _document(report: UnitReport, milestone: str) -> str:
    part: Any = {
        WORKING_GROUP: report.working_group,
        REGISTRATION: report.registration,
        SUMMARY: report.summary,
    }.get(milestone)
    if part is None:
        part = next((p for p in report.progress if p.milestone == milestone), None)
    return (getattr(part, "document", None) or "") if part is not None else ""
