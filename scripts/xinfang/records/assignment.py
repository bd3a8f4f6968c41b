"""The typed assigned case (转送 / 交办 / 督办 / 报结) from the city, the province or the state.

The county bureau receives it with a report-back due date, dispatches it to a unit with the
unit's own due date, reports back (interim reports, then the final one: 报结) and answers
supervision notices (督办), each with its own due date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .located import Located, Ref, day, source, text
from .yaml_nodes import LineDict

Day = date  # for fields after one named `date`


@dataclass(frozen=True, slots=True)
class Dispatch:
    unit: str
    date: date
    due: Day
    number: str | None = None


@dataclass(frozen=True, slots=True)
class ReportBack:
    date: date
    kind: str  # interim | final
    content: str
    number: str | None = None


@dataclass(frozen=True, slots=True)
class Supervision:
    date: date
    by: str
    due: Day
    content: str
    number: str | None = None
    answered: Day | None = None


@dataclass(frozen=True, slots=True)
class Assignment(Located):
    id: str
    level: str  # city | province | state
    from_: str  # the record's key is `from`
    number: str
    kind: str  # assign | forward
    received: date
    subject: str
    rel: str = ""
    issued: date | None = None
    case: str | None = None
    report_due: date | None = None
    dispatch: Dispatch | None = None
    report_backs: tuple[ReportBack, ...] = ()
    supervisions: tuple[Supervision, ...] = ()
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def unit(self) -> str | None:
        return self.dispatch.unit if self.dispatch else None

    @property
    def owner(self) -> str | None:
        return self.unit

    def unit_refs(self) -> Iterator[Ref]:
        if self.dispatch:
            yield ("dispatch", "unit"), self.dispatch.unit

    def case_refs(self) -> Iterator[Ref]:
        if self.case:
            yield ("case",), self.case

    def final_report(self, as_of: date) -> ReportBack | None:
        """The first final report (报结) made by ``as_of``."""
        finals = [r for r in self.report_backs if r.kind == "final" and r.date <= as_of]
        return min(finals, key=lambda r: r.date) if finals else None


def assignment_from_data(data: dict[str, Any], rel: str = "") -> Assignment:
    get = data.get
    dispatch = get("dispatch")
    return Assignment(
        id=data["id"],
        level=data["level"],
        from_=data["from"],
        number=data["number"],
        kind=data["kind"],
        received=date.fromisoformat(data["received"]),
        subject=data["subject"],
        rel=rel,
        issued=day(get("issued")),
        case=text(get("case")),
        report_due=day(get("report_due")),
        dispatch=Dispatch(
            dispatch["unit"],
            date.fromisoformat(dispatch["date"]),
            date.fromisoformat(dispatch["due"]),
            text(dispatch.get("number")),
        )
        if isinstance(dispatch, dict)
        else None,
        report_backs=tuple(
            ReportBack(
                date.fromisoformat(r["date"]), r["kind"], r["content"], text(r.get("number"))
            )
            for r in get("report_backs") or ()
        ),
        supervisions=tuple(
            Supervision(
                date.fromisoformat(s["date"]),
                s["by"],
                date.fromisoformat(s["due"]),
                s["content"],
                text(s.get("number")),
                day(s.get("answered")),
            )
            for s in get("supervisions") or ()
        ),
        record=source(data),
    )
