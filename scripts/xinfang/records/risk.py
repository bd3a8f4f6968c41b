"""The typed hidden risk (苗头隐患、矛盾纠纷): a problem found before, or without, a petition.

Field names are the record's keys (schema/risk.schema.json). A risk is resolved, stays open, or
turns into a case (``case`` names it; the case's page lists the risk back).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .located import Located, Ref, source, text
from .yaml_nodes import LineDict


@dataclass(frozen=True, slots=True)
class Locality:
    unit: str
    place: str


@dataclass(frozen=True, slots=True)
class Involved:
    people: int
    households: int | None = None
    groups: str | None = None


@dataclass(frozen=True, slots=True)
class RiskResponsibility:
    unit: str
    official: str
    lead_official: str | None = None


@dataclass(frozen=True, slots=True)
class Review:
    date: date
    by: str
    note: str
    level: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    date: date
    how: str


@dataclass(frozen=True, slots=True)
class Risk(Located):
    id: str
    title: str
    kind: str
    found: date
    locality: Locality
    involved: Involved
    description: str
    level: str  # high | medium | low, as first assessed
    responsibility: RiskResponsibility
    measures: str
    review: date  # the next review due
    status: str  # open | resolved | case
    rel: str = ""
    source: str | None = None
    reviews: tuple[Review, ...] = ()
    resolved: Resolution | None = None
    case: str | None = None
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def unit(self) -> str:
        return self.responsibility.unit

    @property
    def owner(self) -> str | None:
        return self.unit

    def unit_refs(self) -> Iterator[Ref]:
        yield ("locality", "unit"), self.locality.unit
        yield ("responsibility", "unit"), self.responsibility.unit

    def case_refs(self) -> Iterator[Ref]:
        if self.case:
            yield ("case",), self.case

    def level_on(self, as_of: date) -> str:
        """The level of the latest review up to ``as_of`` that reassessed it, else the first."""
        level = self.level
        for review in sorted(self.reviews, key=lambda r: r.date):
            if review.date <= as_of and review.level:
                level = review.level
        return level


def risk_from_data(data: dict[str, Any], rel: str = "") -> Risk:
    get = data.get
    resolved = get("resolved")
    resp = data["responsibility"]
    return Risk(
        id=data["id"],
        title=data["title"],
        kind=data["kind"],
        found=date.fromisoformat(data["found"]),
        locality=Locality(data["locality"]["unit"], data["locality"]["place"]),
        involved=Involved(
            data["involved"]["people"],
            data["involved"].get("households"),
            text(data["involved"].get("groups")),
        ),
        description=data["description"],
        level=data["level"],
        responsibility=RiskResponsibility(
            resp["unit"], resp["official"], text(resp.get("lead_official"))
        ),
        measures=data["measures"],
        review=date.fromisoformat(data["review"]),
        status=data["status"],
        rel=rel,
        source=text(get("source")),
        reviews=tuple(
            Review(date.fromisoformat(r["date"]), r["by"], r["note"], text(r.get("level")))
            for r in get("reviews") or ()
        ),
        resolved=Resolution(date.fromisoformat(resolved["date"]), resolved["how"])
        if isinstance(resolved, dict)
        else None,
        case=text(get("case")),
        record=source(data),
    )
