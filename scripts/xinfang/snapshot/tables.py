"""The snapshot's tables of cases: cases, petitioners, petition events, responsibility, closures.

Read from the typed models as they stood on the as-of date (``rules.status``), never from the
record mappings: a field renamed in the schema is renamed here by the type checker. What leaves
the county is codes, dates and numbers only. No free text (titles, demands, notes, reports may
name people), no names of petitioners or officials, no phone or address; an identity number only
as its keyed hash. A confidential case is no row anywhere: it is counted in ``status`` and
``event_counts`` alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records.campaign import Campaign
from ..records.case import Case
from ..rules.status import CaseStatus, Overview
from ..rules.visits import is_abnormal_beijing, is_collective, is_cross_level
from .layout import columns

Row = tuple[Any, ...]


@dataclass
class Table:
    """One Parquet file: its columns (name, DuckDB type) and rows in that order."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: list[Row] = field(default_factory=list)

    @property
    def file(self) -> str:
        return f"{self.name}.parquet"


def table(name: str) -> Table:
    """An empty table of the layout's columns."""
    return Table(name, columns(name))


Hasher = Callable[[str | None], str | None]


def _lead_level(case: Case, campaign: Campaign) -> str | None:
    lead = case.responsibility.lead_official
    if not lead:
        return None
    return "county" if lead in campaign.county_leaders() else "unit"


def _counted(day: date, campaign: Campaign, as_of: date) -> bool:
    return campaign.targets.holds(day) and day <= as_of


def case_tables(code: str, view: Overview, hasher: Hasher) -> tuple[list[Table], dict[str, bool]]:
    """The five case tables and which case ids are confidential (for the other tables)."""
    campaign, policy = view.campaign, view.campaign.policy
    cases, petitioners, events = table("cases"), table("petitioners"), table("events")
    responsibility, closures = table("responsibility"), table("closures")
    counts: Counter[tuple[Any, ...]] = Counter()
    heads: Counter[tuple[Any, ...]] = Counter()
    confidential: dict[str, bool] = {}
    for status in view.cases:
        case = status.case
        confidential[case.id] = case.confidential
        for event in case.events:
            key = (
                event.level, event.form, is_cross_level(event, policy),
                is_collective(event, policy), is_abnormal_beijing(event),
                _counted(event.date, campaign, view.as_of),
            )  # fmt: skip
            counts[key] += 1
            heads[key] += event.head_count
        if case.confidential:
            continue
        cases.rows.append(_case_row(code, status, campaign))
        for i, p in enumerate(case.petitioners):
            hashed = hasher(p.id_number)
            number = int(hashed[:16], 16) if hashed else None
            petitioners.rows.append(
                (code, case.id, i, p.locality, hashed, number, p.representative)
            )
        events.rows += [
            (code, case.id, i, e.date, e.form, e.level, e.head_count, is_cross_level(e, policy),
             is_collective(e, policy), is_abnormal_beijing(e), _counted(e.date, campaign, view.as_of))
            for i, e in enumerate(case.events)
        ]  # fmt: skip
        responsibility.rows.append(_responsibility_row(code, status, campaign))
        if case.closure is not None:
            closures.rows.append(_closure_row(code, status))
    event_counts = table("event_counts")
    event_counts.rows = [(code, *key, n, heads[key]) for key, n in sorted(counts.items())]
    return [cases, petitioners, events, event_counts, responsibility, closures], confidential


def _case_row(code: str, status: CaseStatus, campaign: Campaign) -> Row:
    case, deadline = status.case, status.deadline
    unit = campaign.units.get(case.unit)
    return (
        code, case.id, case.category, case.source, case.status, case.registered, case.received,
        case.unit, unit.kind if unit else None, case.priority, case.grade, case.approach,
        case.head_count, len(case.petitioners), case.anonymous, list(case.flags), len(case.events),
        case.closed_on, status.settled, deadline.effective if deadline else None,
        status.overdue, status.due_soon, bool(deadline and deadline.closed_late),
    )  # fmt: skip


def _responsibility_row(code: str, status: CaseStatus, campaign: Campaign) -> Row:
    case, deadline = status.case, status.deadline
    r = case.responsibility
    officer = r.stability_officer
    return (
        code, case.id, r.unit, _lead_level(case, campaign), bool(r.handler), officer is not None,
        officer.unit if officer else None, r.deadline, deadline.base if deadline else None,
        deadline.base_source if deadline else None, deadline.effective if deadline else None,
        len(case.extensions), deadline.extension_days if deadline else 0,
        bool(deadline and deadline.extension_over_cap),
    )  # fmt: skip


def _closure_row(code: str, status: CaseStatus) -> Row:
    case = status.case
    closure = case.closure
    assert closure is not None
    report, signed, follow = closure.report, closure.signatures, closure.follow_up
    complete = bool(report and report.problem and report.investigation and report.opinion)
    return (
        code, case.id, closure.date, closure.completed_on, complete, bool(report and report.file),
        closure.seal, bool(signed and signed.leader), bool(signed and signed.handler),
        follow.date if follow else None, follow.method if follow else None,
        follow.opinion if follow else None, bool(closure.legal and closure.legal.procedure),
        case.settled, status.settled,
    )  # fmt: skip


def columns_of(tables: Sequence[Table]) -> dict[str, list[str]]:
    return {t.name: [name for name, _ in t.columns] for t in tables}
