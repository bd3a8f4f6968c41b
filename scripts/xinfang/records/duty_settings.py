"""The campaign's settings for the work beside cases: sensitive periods and the contact interval.

Read from ``campaign.yml`` (``sensitive_periods`` and ``key_persons``) after the campaign
schema has passed; a missing key takes its default. How often a key person is visited follows
the help agreed with that person (``help.every_days`` in the person's record); the campaign's
``contact_interval_days`` is the default for a plan that names no interval. No period of the
calendar shortens it: a sensitive period is no reason to call on a person more often.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .campaign import Period, period_from_data


@dataclass(frozen=True)
class DutySettings:
    sensitive_periods: tuple[Period, ...] = ()
    contact_interval_days: int = 30  # when a person's help plan names no interval

    @classmethod
    def from_campaign(cls, data: Any) -> DutySettings:
        if not isinstance(data, dict):
            return cls()
        periods = tuple(period_from_data(p) for p in data.get("sensitive_periods") or ())
        persons = data.get("key_persons") or {}
        defaults = cls()
        return cls(periods, persons.get("contact_interval_days", defaults.contact_interval_days))
