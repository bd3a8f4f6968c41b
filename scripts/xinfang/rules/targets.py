"""The plan's zero targets: the visits that count against them, charged to both units.

An incident is a visit that was 越级, 集体 or a 非正常进京访 (``visits.py``), inside the
campaign's target window (``kpi_window``, which may run past the campaign: the plan's purpose is
the Olympic period) and not after the as-of date. The plan charges problems during handling
jointly to the petitioner's own township or department and to the handling unit, so each
incident names both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records.campaign import Campaign, Period
from ..records.case import Case
from .visits import is_abnormal_beijing, is_collective, is_cross_level


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


def incidents(
    campaign: Campaign, cases: list[Case], as_of: date, window: Period | None = None
) -> list[Incident]:
    """Every counted visit of ``cases`` in ``window`` (the target window) up to ``as_of``."""
    policy, window = campaign.policy, window or campaign.targets
    out = []
    for case in cases:
        for event in case.events:
            if not (window.holds(event.date) and event.date <= as_of):
                continue
            cross, group = is_cross_level(event, policy), is_collective(event, policy)
            abnormal = is_abnormal_beijing(event)
            if cross or group or abnormal:
                out.append(Incident(
                    case.id, case.unit, event.date, event.level, event.head_count, abnormal,
                    cross, group, case.localities,
                ))  # fmt: skip
    return sorted(out, key=lambda i: (i.date, i.case_id))


def sensitive_periods(campaign: Campaign, cases: list[Case], as_of: date) -> list[Sensitive]:
    """Each sensitive period with the counted visits inside it (wherever the target window ends)."""
    return [
        Sensitive(period, incidents(campaign, cases, as_of, period), as_of)
        for period in campaign.sensitive_periods
    ]
