"""The typed case: a record that passed the schema, turned once into frozen dataclasses.

Field names are the record's keys, so ``value_at(case, ["responsibility", "unit"])`` reads a case as the
ledger's columns name it. Dates are ``datetime.date``, enums stay codes, absent optional values are
None (lists: empty tuples). ``Case.line(...)`` gives the source line of any key for findings; the
validated mapping stays at hand in ``Case.record`` for the round trip through Excel and for the
generic field table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .located import Located, source
from .located import day as _date
from .located import text as _text
from .yaml_nodes import LineDict

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Petitioner:
    name: str
    locality: str
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    representative: bool = False


@dataclass(frozen=True, slots=True)
class StabilityOfficer:
    name: str
    unit: str


@dataclass(frozen=True, slots=True)
class Responsibility:
    """The 四明确: unit, lead official, handler, stability officer, deadline, requirements."""

    unit: str
    lead_official: str | None = None
    handler: str | None = None
    stability_officer: StabilityOfficer | None = None
    deadline: date | None = None
    requirements: str | None = None


@dataclass(frozen=True, slots=True)
class Rehearing:
    date: date
    interviewer: str
    place: str | None = None
    record: str | None = None


@dataclass(frozen=True, slots=True)
class ProgressNote:
    date: date
    note: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A petition event: a visit, letter, call or online submission, at some level."""

    date: date
    form: str
    level: str
    head_count: int
    abnormal: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Extension:
    approved_by: str
    approved_on: date
    reason: str
    new_deadline: date | None = None
    days: int | None = None


@dataclass(frozen=True, slots=True)
class ClosureReport:
    problem: str | None = None
    investigation: str | None = None
    opinion: str | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Signatures:
    leader: str | None = None
    handler: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: date | None = None
    visitor: str | None = None
    method: str | None = None
    opinion: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class LegalEnding:
    procedure: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Closure:
    date: date | None = None
    report: ClosureReport | None = None
    seal: bool | None = None
    signatures: Signatures | None = None
    follow_up: FollowUp | None = None
    legal: LegalEnding | None = None


@dataclass(frozen=True, slots=True)
class Statutory:
    """The days the statutory clocks start from."""

    received: date | None = None
    accepted: date | None = None
    review_requested: date | None = None
    second_review_requested: date | None = None


@dataclass(frozen=True, slots=True)
class Reopening:
    date: date
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class Correction:
    date: date
    by: str
    note: str


@dataclass(frozen=True, slots=True)
class Case(Located):
    """``line(...)`` and ``has(...)`` come from ``Located``, shared with the other record kinds."""

    id: str
    title: str
    category: str
    status: str
    registered: date
    petitioners: tuple[Petitioner, ...]
    head_count: int
    demand: str
    responsibility: Responsibility
    rel: str = ""  # the file, relative to the repository root
    flags: tuple[str, ...] = ()
    source: str | None = None  # where the case came from (排查、来访、交办…)
    received: date | None = None
    about: str | None = None
    grade: str | None = None
    priority: bool = False
    approach: str | None = None
    rehearing: Rehearing | None = None
    investigation: str | None = None
    root_cause: str | None = None
    progress: tuple[ProgressNote, ...] = ()
    events: tuple[Event, ...] = ()
    extensions: tuple[Extension, ...] = ()
    closure: Closure | None = None
    statutory: Statutory | None = None
    settled: bool = False
    next_steps: str | None = None
    confidential: bool = False
    evidence: tuple[str, ...] = ()
    reopenings: tuple[Reopening, ...] = ()
    corrections: tuple[Correction, ...] = ()
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def unit(self) -> str:
        return self.responsibility.unit


def value_at(obj: Any, keys: Sequence[str]) -> Any:
    """The value at a key path of a case (``responsibility``, ``unit``), or None when absent."""
    for key in keys:
        obj = getattr(obj, key, None)
        if obj is None:
            return None
    return obj


# --- from a validated mapping ------------------------------------------------------------------


def _petitioner(d: dict[str, Any]) -> Petitioner:
    return Petitioner(
        d["name"], d["locality"], _text(d.get("id_number")), _text(d.get("phone")),
        _text(d.get("address")), d.get("representative") is True,
    )  # fmt: skip


def _responsibility(d: dict[str, Any]) -> Responsibility:
    officer = d.get("stability_officer")
    return Responsibility(
        d["unit"],
        _text(d.get("lead_official")),
        _text(d.get("handler")),
        StabilityOfficer(officer["name"], officer["unit"]) if isinstance(officer, dict) else None,
        _date(d.get("deadline")),
        _text(d.get("requirements")),
    )


def _closure(d: dict[str, Any]) -> Closure:
    report, signatures = d.get("report"), d.get("signatures")
    follow_up, legal = d.get("follow_up"), d.get("legal")
    seal = d.get("seal")
    return Closure(
        _date(d.get("date")),
        ClosureReport(**report) if isinstance(report, dict) else None,
        seal if isinstance(seal, bool) else None,
        Signatures(**signatures) if isinstance(signatures, dict) else None,
        FollowUp(**{**follow_up, "date": _date(follow_up.get("date"))})
        if isinstance(follow_up, dict)
        else None,
        LegalEnding(**legal) if isinstance(legal, dict) else None,
    )


def _dated(cls: type, items: Any) -> tuple[Any, ...]:
    """Entries whose ``date`` is a record date, the rest of their keys as they are."""
    return tuple(cls(**{**item, "date": date.fromisoformat(item["date"])}) for item in items or ())


def _extension(d: dict[str, Any]) -> Extension:
    return Extension(
        d["approved_by"], date.fromisoformat(d["approved_on"]), d["reason"],
        _date(d.get("new_deadline")), d.get("days"),
    )  # fmt: skip


def case_from_data(data: dict[str, Any], rel: str = "") -> Case:
    """The typed case of a record that passed the case schema."""
    get = data.get
    closure, statutory = get("closure"), get("statutory")
    return Case(
        id=data["id"],
        title=data["title"],
        category=data["category"],
        status=data["status"],
        registered=date.fromisoformat(data["registered"]),
        petitioners=tuple(_petitioner(p) for p in data["petitioners"]),
        head_count=data["head_count"],
        demand=data["demand"],
        responsibility=_responsibility(data["responsibility"]),
        rel=rel,
        flags=tuple(get("flags") or ()),
        source=get("source"),
        received=_date(get("received")),
        about=_text(get("about")),
        grade=get("grade"),
        priority=get("priority") is True,
        approach=get("approach"),
        rehearing=_dated(Rehearing, [get("rehearing")])[0] if get("rehearing") else None,
        investigation=_text(get("investigation")),
        root_cause=_text(get("root_cause")),
        progress=_dated(ProgressNote, get("progress")),
        events=_dated(Event, get("events")),
        extensions=tuple(_extension(e) for e in get("extensions") or ()),
        closure=_closure(closure) if isinstance(closure, dict) else None,
        statutory=Statutory(**{k: _date(v) for k, v in statutory.items()})
        if isinstance(statutory, dict)
        else None,
        settled=get("settled") is True,
        next_steps=_text(get("next_steps")),
        confidential=get("confidential") is True,
        evidence=tuple(get("evidence") or ()),
        reopenings=_dated(Reopening, get("reopenings")),
        corrections=_dated(Correction, get("corrections")),
        record=source(data),
    )
