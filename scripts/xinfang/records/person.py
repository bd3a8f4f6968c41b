"""The typed key person (重点人员) with the 包保 team, the help agreed and the contact log.

Sensitive personal data (个人信息保护法 Art. 28): every output reaches it through
``records/privacy.py`` and the office-only pages; public pages show counts only. The register is
for solving the person's problem: it holds the help agreed and what was done, no whereabouts or
movements by design (the schema has no field for them), and being a collective petition's chosen
representative (《信访条例》 Art. 18) is no reason to list anyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .located import Located, Ref, source, text
from .yaml_nodes import LineDict


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    unit: str


@dataclass(frozen=True, slots=True)
class Team:
    leader: str  # the county leader
    handler: Official  # of the handling unit
    local: Official  # of the person's own township or department (属地)


@dataclass(frozen=True, slots=True)
class Help:
    resolve: str
    visits: str
    relief: str | None = None
    every_days: int | None = None  # the longest gap between contacts the help plan agrees


@dataclass(frozen=True, slots=True)
class Contact:
    date: date
    by: str
    method: str  # visit | meeting | phone | help
    note: str
    help: str | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    date: date
    reason: str


@dataclass(frozen=True, slots=True)
class KeyPerson(Located):
    id: str
    name: str
    locality: str
    registered: date
    reasons: tuple[str, ...]
    background: str
    cases: tuple[str, ...]
    team: Team
    help: Help
    status: str  # active | removed
    rel: str = ""
    id_number: str | None = None
    phone: str | None = None
    contacts: tuple[Contact, ...] = ()
    removed: Removal | None = None
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def unit(self) -> str:
        """The unit whose list the person is on: the locality (属地管理)."""
        return self.locality

    @property
    def owner(self) -> str | None:
        return self.locality

    def unit_refs(self) -> Iterator[Ref]:
        yield ("locality",), self.locality
        yield ("team", "handler", "unit"), self.team.handler.unit
        yield ("team", "local", "unit"), self.team.local.unit

    def case_refs(self) -> Iterator[Ref]:
        for i, case_id in enumerate(self.cases):
            yield ("cases", i), case_id

    def active_on(self, as_of: date) -> bool:
        if self.registered > as_of:
            return False
        return self.removed is None or self.removed.date > as_of

    def contacts_until(self, as_of: date) -> list[Contact]:
        return sorted((c for c in self.contacts if c.date <= as_of), key=lambda c: c.date)


def _official(d: dict[str, Any]) -> Official:
    return Official(d["name"], d["unit"])


def person_from_data(data: dict[str, Any], rel: str = "") -> KeyPerson:
    get = data.get
    team, help_, removed = data["team"], data["help"], get("removed")
    return KeyPerson(
        id=data["id"],
        name=data["name"],
        locality=data["locality"],
        registered=date.fromisoformat(data["registered"]),
        reasons=tuple(data["reasons"]),
        background=data["background"],
        cases=tuple(data["cases"]),
        team=Team(team["leader"], _official(team["handler"]), _official(team["local"])),
        help=Help(
            help_["resolve"], help_["visits"], text(help_.get("relief")), help_.get("every_days")
        ),
        status=data["status"],
        rel=rel,
        id_number=text(get("id_number")),
        phone=text(get("phone")),
        contacts=tuple(
            Contact(
                date.fromisoformat(c["date"]), c["by"], c["method"], c["note"], text(c.get("help"))
            )
            for c in get("contacts") or ()
        ),
        removed=Removal(date.fromisoformat(removed["date"]), removed["reason"])
        if isinstance(removed, dict)
        else None,
        record=source(data),
    )
