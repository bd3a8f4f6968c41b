"""The campaign's phases on the calendar: which phase a day falls in, and when each begins.

The plan's phases share their boundary days (排查建档 ends and 化解整治 starts on 20 April): such a
day still belongs to the phase that ends on it, and the next begins the day after.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..records.campaign import Campaign, Phase


def effective_start(campaign: Campaign, phase: Phase) -> date:
    """A phase's first day of its own: the day after an overlapping predecessor ends."""
    ordered = sorted(campaign.phases, key=lambda p: p.start)
    index = ordered.index(phase)
    if index == 0:
        return phase.start
    return max(phase.start, ordered[index - 1].end + timedelta(days=1))


def phase_on(campaign: Campaign, day: date) -> Phase | None:
    """The phase a day falls in, or None outside the campaign."""
    current = None
    for phase in sorted(campaign.phases, key=lambda p: p.start):
        if day >= effective_start(campaign, phase):
            current = phase
    if current is None or day > current.end:
        return None
    return current


def has_started(campaign: Campaign, phase_id: str, day: date) -> bool:
    """Whether the phase ``phase_id`` has begun on ``day`` (False for a phase the campaign lacks)."""
    phase = campaign.phase(phase_id)
    return phase is not None and day >= effective_start(campaign, phase)
