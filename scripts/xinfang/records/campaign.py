"""The campaign of ``campaign.yml``: phases, milestones, leaders, member units and policies, typed.

Which phase a day falls in is computed in ``campaign/phases.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .policy import Policy


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Period:
    """A named span of days, both ends included (a sensitive period such as the Olympic Games)."""

    name: str
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Milestone:
    id: str
    name: str
    due: date
    plan: str = ""
    short: str = ""  # a column heading

    @property
    def label(self) -> str:
        return self.short or self.name[:6]


@dataclass(frozen=True)
class Submission:
    milestone: str
    date: date
    document: str = ""


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # township | department
    leaders: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    submissions: tuple[Submission, ...] = ()


@dataclass(frozen=True)
class BasisDocument:
    """A document the screening was based on (排查依据)."""

    number: str
    title: str = ""
    issued_by: str = ""


@dataclass
class Campaign:
    name: str
    county: str
    year: int
    office: str
    phases: list[Phase]
    milestones: list[Milestone]
    leaders: list[str]  # county-level leaders who may take cases (包案)
    units: dict[str, Unit]
    policy: Policy
    leading_group: list[dict[str, str]] = field(default_factory=list)
    as_of: date | None = None
    edit_url: str = ""
    file_url: str = ""  # the Git host's file view, for links to evidence files
    document: str = ""
    kpi_window: Period | None = None  # as written; ``targets`` falls back to the campaign
    sensitive_periods: list[Period] = field(default_factory=list)
    county_code: str = ""  # the administrative division code the city knows the county by
    screening_basis: list[BasisDocument] = field(default_factory=list)

    @property
    def start(self) -> date:
        return min(p.start for p in self.phases)

    @property
    def end(self) -> date:
        return max(p.end for p in self.phases)

    @property
    def targets(self) -> Period:
        """The window the zero targets count in: the file's ``kpi_window``, else the campaign."""
        return self.kpi_window or Period("活动期间", self.start, self.end)

    def county_leaders(self) -> set[str]:
        """The county-level leaders who may take a case (包案县级领导)."""
        return set(self.leaders)

    def lead_officials(self) -> set[str]:
        """Everyone who may be a case's 包案领导: county leaders and the units' leaders."""
        names = set(self.leaders)
        for unit in self.units.values():
            names.update(unit.leaders)
        return names

    def phase(self, phase_id: str) -> Phase | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def unit_name(self, code: str) -> str:
        unit = self.units.get(code)
        return unit.name if unit else code


def _day(value: str) -> date:
    return date.fromisoformat(value)


def period_from_data(d: dict[str, Any], name: str = "") -> Period:
    return Period(d.get("name", name), _day(d["start"]), _day(d["end"]))


def campaign_from_data(data: dict[str, Any]) -> Campaign:
    """Build the campaign from data that has passed the campaign schema."""
    site = data.get("site", {})
    window = data.get("kpi_window")
    return Campaign(
        name=data["name"],
        county=data["county"],
        county_code=data.get("county_code", ""),
        year=data["year"],
        office=data["office"],
        document=data.get("document", ""),
        phases=[
            Phase(p["id"], p["name"], _day(p["start"]), _day(p["end"])) for p in data["phases"]
        ],
        milestones=[
            Milestone(m["id"], m["name"], _day(m["due"]), m.get("plan", ""), m.get("short", ""))
            for m in data["milestones"]
        ],
        leaders=[leader["name"] for leader in data.get("leaders", [])],
        leading_group=[dict(m) for m in data.get("leading_group", [])],
        units={
            u["code"]: Unit(
                code=u["code"],
                name=u["name"],
                kind=u["kind"],
                leaders=tuple(leader["name"] for leader in u.get("leaders", [])),
                reviewers=tuple(u.get("reviewers", [])),
                submissions=tuple(
                    Submission(s["milestone"], _day(s["date"]), s.get("document", ""))
                    for s in u.get("submissions", [])
                ),
            )
            for u in data["units"]
        },
        policy=Policy.from_campaign(data),
        as_of=_day(site["as_of"]) if "as_of" in site else None,
        kpi_window=period_from_data(window, "控制目标统计区间") if window else None,
        sensitive_periods=[period_from_data(p) for p in data.get("sensitive_periods", [])],
        screening_basis=[
            BasisDocument(b["number"], b.get("title", ""), b.get("issued_by", ""))
            for b in data.get("screening_basis", [])
        ],
        edit_url=site.get("edit_url", ""),
        file_url=site.get("file_url", ""),
    )
