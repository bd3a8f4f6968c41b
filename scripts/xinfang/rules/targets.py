"""The plan's zero targets: the visits that count against them, charged to both units.

An incident is a visit that was 越级, 集体 or a 非正常进京访 (``visits.py``), inside the
campaign's target window (``kpi_window``, which may run past the campaign: the plan's purpose is
the Olympic period) and not after the as-of date. The same visit written twice (in one case or
in two cases of the same people) is one incident (``visits.same_visit``).

The plan charges problems "在调处化解期间" jointly to the petitioner's own township or department
and to the handling unit: an incident is charged to both only from the day the case was
registered (or dispatched to its unit, when an assignment record says so earlier:
``Duties.dispatched``) to the day its
closure was complete. A visit outside that period counts in the county's figures and is shown as
background, charged to no unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..records.campaign import Campaign, Period
from ..records.case import Case
from .visits import is_abnormal_beijing, is_collective, is_cross_level, same_visit

#: How every paper marks an incident outside the case's handling.
BACKGROUND = "发生在案件登记之前或结案之后，作为背景列出，不计入单位责任"


@dataclass(frozen=True)
class Incident:
    """A visit that counts against the campaign's zero targets."""

    case_id: str
    unit: str  # the handling unit
    date: date
    level: str
    head_count: int
    abnormal: bool
    cross_level: bool = False
    collective: bool = False
    home_units: tuple[str, ...] = ()  # the petitioners' own townships or departments (属地)
    charged: bool = True  # during handling (registration or dispatch to closure): 共同承担责任

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit the incident is charged to: the handling unit, then the petitioners' own."""
        return tuple(dict.fromkeys((self.unit, *self.home_units)))

    @property
    def kinds(self) -> list[str]:
        out = ["越级集体访" if self.cross_level and self.collective else ""]
        if not out[0]:
            out = ["越级访" if self.cross_level else "", "集体访" if self.collective else ""]
        return [k for k in [*out, "非正常进京访" if self.abnormal else ""] if k]


@dataclass(frozen=True)
class Sensitive:
    """A sensitive period on the as-of date: the incidents in it so far and the days to go."""

    period: Period
    incidents: list[Incident]
    as_of: date

    @property
    def started(self) -> bool:
        return self.as_of >= self.period.start

    @property
    def over(self) -> bool:
        return self.as_of > self.period.end

    @property
    def days_to_start(self) -> int:
        return max((self.period.start - self.as_of).days, 0)

    @property
    def days_left(self) -> int:
        """Days of the period still to come, the as-of day included once it has begun."""
        first = max(self.as_of, self.period.start)
        return max((self.period.end - first).days + 1, 0)


def handling_start(case: Case, assigned: Mapping[str, date] | None = None) -> date:
    """The first day of handling: registration, or the dispatch to the unit when earlier."""
    dispatched = assigned.get(case.id) if assigned else None
    return min(case.registered, dispatched) if dispatched else case.registered


def during_handling(case: Case, day: date, assigned: Mapping[str, date] | None = None) -> bool:
    """Whether ``day`` falls in the case's 调处化解期间: its handling start to its closure."""
    closed_on = case.closed_on
    return handling_start(case, assigned) <= day and (closed_on is None or day <= closed_on)


def incidents(
    campaign: Campaign,
    cases: list[Case],
    as_of: date,
    window: Period | None = None,
    assigned: Mapping[str, date] | None = None,
) -> list[Incident]:
    """Every counted visit of ``cases`` in ``window`` (the target window) up to ``as_of``, each
    once, marked charged when it happened during the case's handling."""
    policy, window = campaign.policy, window or campaign.targets
    out = []
    seen: set[tuple[object, ...]] = set()
    for case in sorted(cases, key=lambda c: c.id):
        for event in case.events:
            if not (window.holds(event.date) and event.date <= as_of):
                continue
            cross, group = is_cross_level(event, policy), is_collective(event, policy)
            abnormal = is_abnormal_beijing(event)
            key = same_visit(case, event)
            if not (cross or group or abnormal) or key in seen:
                continue
            seen.add(key)
            out.append(Incident(
                case.id, case.unit, event.date, event.level, event.head_count, abnormal,
                cross, group, case.localities, during_handling(case, event.date, assigned),
            ))  # fmt: skip
    return sorted(out, key=lambda i: (i.date, i.case_id))


def sensitive_periods(
    campaign: Campaign,
    cases: list[Case],
    as_of: date,
    assigned: Mapping[str, date] | None = None,
) -> list[Sensitive]:
    """Each sensitive period with the counted visits inside it (wherever the target window ends)."""
    return [
        Sensitive(period, incidents(campaign, cases, as_of, period, assigned), as_of)
        for period in campaign.sensitive_periods
    ]
