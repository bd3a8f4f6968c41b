"""The typed accountability record: the leading group's decision of a 通报批评, a 诫勉谈话 or a
referral to discipline.

Each names the units (and, for a talk or a referral, the officials) and links the incidents (a
case and the date of one of its petition events) and the cases behind it. A record is a decision
(``decided``) once it says who decided (``by``), when (``date``), at which meeting and on which
facts, with the plan's fault found; only such a record lets a notice name a unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .located import Located, Ref, source, text
from .yaml_nodes import LineDict


@dataclass(frozen=True, slots=True)
class NamedOfficial:
    name: str
    post: str
    unit: str


@dataclass(frozen=True, slots=True)
class IncidentRef:
    case: str
    date: date


@dataclass(frozen=True, slots=True)
class Action(Located):
    id: str
    kind: str  # notice | admonition | referral
    date: date
    by: str
    units: tuple[str, ...]
    reason: str
    rel: str = ""
    number: str | None = None
    persons: tuple[NamedOfficial, ...] = ()
    incidents: tuple[IncidentRef, ...] = ()
    cases: tuple[str, ...] = ()
    conducted_by: str | None = None
    referred_to: str | None = None
    outcome: str | None = None
    meeting: str | None = None
    fault: tuple[str, ...] = ()  # unfulfilled | mishandled | perfunctory | buck_passing
    facts: tuple[str, ...] = ()
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def decided(self) -> bool:
        """Whether the record holds a whole decision: who, when, at which meeting, on which facts."""
        return bool(self.by and self.meeting and self.fault and self.facts)

    def unit_refs(self) -> Iterator[Ref]:
        for i, code in enumerate(self.units):
            yield ("units", i), code
        for i, person in enumerate(self.persons):
            yield ("persons", i, "unit"), person.unit

    def case_refs(self) -> Iterator[Ref]:
        for i, incident in enumerate(self.incidents):
            yield ("incidents", i, "case"), incident.case
        for i, case_id in enumerate(self.cases):
            yield ("cases", i), case_id

    def case_ids(self) -> list[str]:
        """Every case the action rests on: its incidents' cases, then the others."""
        return list(dict.fromkeys([i.case for i in self.incidents] + list(self.cases)))


def action_from_data(data: dict[str, Any], rel: str = "") -> Action:
    get = data.get
    return Action(
        id=data["id"],
        kind=data["kind"],
        date=date.fromisoformat(data["date"]),
        by=data["by"],
        units=tuple(data["units"]),
        reason=data["reason"],
        rel=rel,
        number=text(get("number")),
        persons=tuple(NamedOfficial(p["name"], p["post"], p["unit"]) for p in get("persons") or ()),
        incidents=tuple(
            IncidentRef(i["case"], date.fromisoformat(i["date"])) for i in get("incidents") or ()
        ),
        cases=tuple(get("cases") or ()),
        conducted_by=text(get("conducted_by")),
        referred_to=text(get("referred_to")),
        outcome=text(get("outcome")),
        meeting=text(get("meeting")),
        fault=tuple(get("fault") or ()),
        facts=tuple(get("facts") or ()),
        record=source(data),
    )
