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
from .parts import (
    Closure,
    ClosureReport,
    Correction,
    Event,
    Extension,
    FollowUp,
    LawfulAction,
    LegalEnding,
    Petitioner,
    ProgressNote,
    Rehearing,
    Reopening,
    ReportDue,
    Responsibility,
    Signatures,
    StabilityOfficer,
    Statutory,
)
from .yaml_nodes import LineDict

Path_ = tuple[str | int, ...]

__all__ = [
    "Case",
    "Closure",
    "ClosureReport",
    "Correction",
    "Event",
    "Extension",
    "FollowUp",
    "LawfulAction",
    "LegalEnding",
    "Petitioner",
    "ProgressNote",
    "Rehearing",
    "Reopening",
    "ReportDue",
    "Responsibility",
    "Signatures",
    "StabilityOfficer",
    "Statutory",
    "case_from_data",
    "value_at",
]


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
    reported_later: bool = False  # a new problem reported after the registration phase
    about: str | None = None
    grade: str | None = None
    priority: bool = False
    approach: str | None = None
    by_law: tuple[LawfulAction, ...] = ()
    rehearing: Rehearing | None = None
    investigation: str | None = None  # every problem raised, and its facts
    basis: str | None = None  # the legal and policy basis of the earlier handling
    root_cause: str | None = None
    cause_in: tuple[str, ...] = ()  # where the analysis finds the causes (handling, policy…)
    progress: tuple[ProgressNote, ...] = ()
    events: tuple[Event, ...] = ()
    extensions: tuple[Extension, ...] = ()
    closure: Closure | None = None
    statutory: Statutory | None = None
    settled: bool = False
    next_steps: str | None = None
    notes: str | None = None  # 备注
    confidential: bool = False
    evidence: tuple[str, ...] = ()
    reopenings: tuple[Reopening, ...] = ()
    corrections: tuple[Correction, ...] = ()
    # Not from the case file: the earliest report-back date of the assignments linking the case
    # (records.repository links them once both are loaded).
    report_due: ReportDue | None = None
    record: LineDict = field(default_factory=LineDict, repr=False, compare=False)

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def unreachable(self) -> bool:
        """无法回访: handled, but no petitioner could sign the follow-up, so the case stays open."""
        return self.status == "unreachable"

    @property
    def closed_on(self) -> date | None:
        """The day a closed case's closure was complete (None when open or undated)."""
        return self.closure.completed_on if self.closed and self.closure else None

    @property
    def finished_on(self) -> date | None:
        """The day the unit's handling ended: the closure, or the follow-up that found no one."""
        if self.unreachable:
            follow_up = self.closure.follow_up if self.closure else None
            return follow_up.date if follow_up else None
        return self.closed_on

    @property
    def anonymous(self) -> bool:
        return "anonymous" in self.flags

    @property
    def unit(self) -> str:
        return self.responsibility.unit

    @property
    def localities(self) -> tuple[str, ...]:
        """The petitioners' own townships or departments (属地), in the order first named."""
        return tuple(dict.fromkeys(p.locality for p in self.petitioners))


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
        _text(d.get("deadline_reason")),
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


def _lawful(d: dict[str, Any]) -> LawfulAction:
    return LawfulAction(
        d["conduct"], date.fromisoformat(d["conduct_date"]), _text(d.get("measure")),
        _text(d.get("article")), _text(d.get("organ")), _text(d.get("document")),
        _date(d.get("decided")),
    )  # fmt: skip


def _statutory(d: dict[str, Any]) -> Statutory:
    texts = {"reason", "notice"}
    dates = {k: _date(v) for k, v in d.items() if k not in texts}
    return Statutory(**dates, reason=_text(d.get("reason")), notice=_text(d.get("notice")))


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
        reported_later=get("reported_later") is True,
        about=_text(get("about")),
        grade=get("grade"),
        priority=get("priority") is True,
        approach=get("approach"),
        by_law=tuple(_lawful(a) for a in get("by_law") or ()),
        rehearing=_dated(Rehearing, [get("rehearing")])[0] if get("rehearing") else None,
        investigation=_text(get("investigation")),
        basis=_text(get("basis")),
        root_cause=_text(get("root_cause")),
        cause_in=tuple(get("cause_in") or ()),
        progress=_dated(ProgressNote, get("progress")),
        events=_dated(Event, get("events")),
        extensions=tuple(_extension(e) for e in get("extensions") or ()),
        closure=_closure(closure) if isinstance(closure, dict) else None,
        statutory=_statutory(statutory) if isinstance(statutory, dict) else None,
        settled=get("settled") is True,
        next_steps=_text(get("next_steps")),
        notes=_text(get("notes")),
        confidential=get("confidential") is True,
        evidence=tuple(get("evidence") or ()),
        reopenings=_dated(Reopening, get("reopenings")),
        corrections=tuple(
            Correction(c.date, c.by, c.note, tuple(c.fields))
            for c in _dated(Correction, get("corrections"))
        ),
        record=source(data),
    )
