"""The campaign's settings for the work beside cases: sensitive periods and contact intervals.

Read from ``campaign.yml`` (``sensitive_periods`` and ``key_persons``) after the campaign
schema has passed; a missing key takes its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .campaign import Period, period_from_data


@dataclass(frozen=True)
class DutySettings:
    sensitive_periods: tuple[Period, ...] = ()
    contact_interval_days: int = 30
    sensitive_interval_days: int = 7

    @classmethod
    def from_campaign(cls, data: Any) -> DutySettings:
        if not isinstance(data, dict):
            return cls()
        periods = tuple(period_from_data(p) for p in data.get("sensitive_periods") or ())
        persons = data.get("key_persons") or {}
        defaults = cls()
        return cls(
            periods,
            persons.get("contact_interval_days", defaults.contact_interval_days),
            persons.get("sensitive_interval_days", defaults.sensitive_interval_days),
        )

    def period_on(self, day: date) -> Period | None:
        return next((p for p in self.sensitive_periods if p.holds(day)), None)

    def interval_on(self, day: date) -> int:
        """How many days may pass between two contacts with a key person on ``day``."""
        return self.sensitive_interval_days if self.period_on(day) else self.contact_interval_days
