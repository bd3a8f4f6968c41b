"""The typed records of the plan's own machinery: meetings, publicity sessions, the leading
group's inspections and its commendations.

- A meeting (``meetings/``) is a unit's 专门会议 of the mobilisation phase (宣传发动阶段：各乡镇、
  各部门要组织召开本单位的专门会议) or the county's 总结大会 (总结验收阶段：县里将适时召开总结大会).
- A publicity session (``publicity/``) is one of a unit's 宣传 (五、2：要强化宣传).
- An inspection (``inspections/``) is a visit of the leading group to units (五、3：县活动领导小组
  不定期到各单位督查督导), with the problems found, a date to rectify each by, and the
  rectifications recorded afterwards (an append-only log).
- A commendation (``commendations/``) is the leading group's decision to commend units or people
  (对先进典型予以表彰): like accountability, a decision recorded by people, never made here.

Field names are the records' keys (``schema/<kind>.schema.json``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .accountability import NamedOfficial
from .located import Located, Ref, source, text
from .yaml_nodes import LineDict


@dataclass(frozen=True, slots=True)
class Meeting(Located):
    id: str
    type: str  # special (专门会议) | summary (总结大会)
    unit: str  # the unit that held it (the office for the county's summary meeting)
    date: date
    chaired_by: str
    attendance: str
    arranged: str  # what was arranged or decided
    rel: str = ""
    document: str | None = None
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def owner(self) -> str | None:
        return self.unit

    def unit_refs(self) -> Iterator[Ref]:
        yield ("unit",), self.unit


def meeting_from_data(data: dict[str, Any], rel: str = "") -> Meeting:
    return Meeting(
        id=data["id"],
        type=data["type"],
        unit=data["unit"],
        date=date.fromisoformat(data["date"]),
        chaired_by=data["chaired_by"],
        attendance=data["attendance"],
        arranged=data["arranged"],
        rel=rel,
        document=text(data.get("document")),
        record=source(data),
    )


@dataclass(frozen=True, slots=True)
class Publicity(Located):
    id: str
    unit: str
    date: date
    form: str  # meeting | street | broadcast | print | door
    place: str
    topics: tuple[str, ...]
    content: str
    rel: str = ""
    audience: int | None = None
    by: str | None = None
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def owner(self) -> str | None:
        return self.unit

    def unit_refs(self) -> Iterator[Ref]:
        yield ("unit",), self.unit


def publicity_from_data(data: dict[str, Any], rel: str = "") -> Publicity:
    get = data.get
    return Publicity(
        id=data["id"],
        unit=data["unit"],
        date=date.fromisoformat(data["date"]),
        form=data["form"],
        place=data["place"],
        topics=tuple(data["topics"]),
        content=data["content"],
        rel=rel,
        audience=get("audience"),
        by=text(get("by")),
        record=source(data),
    )


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem an inspection found at a unit, and the date to rectify it by."""

    unit: str
    problem: str
    rectify_by: date


Day = date  # for fields after one named `date`


@dataclass(frozen=True, slots=True)
class Rectification:
    finding: int  # the problem's number in ``findings``, from 1
    date: date
    note: str
    checked_by: str | None = None


@dataclass(frozen=True, slots=True)
class Inspection(Located):
    id: str
    date: date
    team: str  # the inspecting group, as the office names it
    leader: str
    units: tuple[str, ...]  # the units visited
    focus: str  # what was inspected
    rel: str = ""
    findings: tuple[Problem, ...] = ()
    rectifications: tuple[Rectification, ...] = ()
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    def unit_refs(self) -> Iterator[Ref]:
        for i, code in enumerate(self.units):
            yield ("units", i), code
        for i, found in enumerate(self.findings):
            yield ("findings", i, "unit"), found.unit

    def rectified(self, number: int, as_of: Day) -> Rectification | None:
        """The first rectification of problem ``number`` (from 1) recorded by ``as_of``."""
        done = [r for r in self.rectifications if r.finding == number and r.date <= as_of]
        return min(done, key=lambda r: r.date) if done else None

    def open_problems(self, as_of: Day) -> list[tuple[int, Problem]]:
        """(number, problem) of the problems found by ``as_of`` and not rectified by then."""
        if self.date > as_of:
            return []
        return [
            (n, p) for n, p in enumerate(self.findings, start=1) if self.rectified(n, as_of) is None
        ]


def inspection_from_data(data: dict[str, Any], rel: str = "") -> Inspection:
    get = data.get
    return Inspection(
        id=data["id"],
        date=date.fromisoformat(data["date"]),
        team=data["team"],
        leader=data["leader"],
        units=tuple(data["units"]),
        focus=data["focus"],
        rel=rel,
        findings=tuple(
            Problem(f["unit"], f["problem"], date.fromisoformat(f["rectify_by"]))
            for f in get("findings") or ()
        ),
        rectifications=tuple(
            Rectification(r["finding"], date.fromisoformat(r["date"]), r["note"], text(r.get("checked_by")))
            for r in get("rectifications") or ()
        ),
        record=source(data),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Commendation(Located):
    id: str
    honour: str  # the title conferred: 专项治理活动先进集体
    date: date
    by: str
    rel: str = ""
    meeting: str | None = None
    number: str | None = None
    units: tuple[str, ...] = ()
    persons: tuple[NamedOfficial, ...] = ()
    facts: tuple[str, ...] = ()
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def decided(self) -> bool:
        """Whether the record holds a whole decision: who, when, at which meeting, on which facts."""
        return bool(self.by and self.meeting and self.facts)

    def unit_refs(self) -> Iterator[Ref]:
        for i, code in enumerate(self.units):
            yield ("units", i), code
        for i, person in enumerate(self.persons):
            yield ("persons", i, "unit"), person.unit


def commendation_from_data(data: dict[str, Any], rel: str = "") -> Commendation:
    get = data.get
    return Commendation(
        id=data["id"],
        honour=data["honour"],
        date=date.fromisoformat(data["date"]),
        by=data["by"],
        rel=rel,
        meeting=text(get("meeting")),
        number=text(get("number")),
        units=tuple(get("units") or ()),
        persons=tuple(NamedOfficial(p["name"], p["post"], p["unit"]) for p in get("persons") or ()),
        facts=tuple(get("facts") or ()),
        record=source(data),
    )
