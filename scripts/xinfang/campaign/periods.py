"""Periods counted as the law counts them, and the as-of date every judgement is made on.

Counting follows the Civil Code (Art. 201, 203), which has the same effect as 《民法通则》 Art. 154
in force in 2008, unless the campaign's ``policies`` say otherwise: the first day is not counted,
and a period whose last day is a day off ends on the next working day. Plain 日 in the petition
regulations means calendar days; 工作日 means working days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..records.campaign import Campaign
from ..records.policy import DayKind, Policy
from .workdays import WorkCalendar

_ONE_DAY = timedelta(days=1)


def add_period(start: date, days: int, kind: DayKind, policy: Policy, cal: WorkCalendar) -> date:
    """The last day of a period of ``days`` days counted from ``start``.

    Day 1 is the day after ``start`` (Civil Code Art. 201), or ``start`` itself when
    ``policy.first_day_counts``. A working-day period counts only working days, so it always
    ends on one. A calendar period whose last day is off moves to the next working day when
    ``policy.roll_forward`` (Art. 203). The calendar is consulted only when needed, so a
    calendar period without roll-forward never raises UnknownYearError.
    """
    if days < 1:
        raise ValueError(f"a period must have at least one day, got {days}")
    first = start if policy.first_day_counts else start + _ONE_DAY
    if kind == "calendar":
        end = first + timedelta(days=days - 1)
        return next_working_day(end, cal) if policy.roll_forward else end
    if kind != "working":
        raise ValueError(f"unknown day kind {kind!r}")
    day, counted = first, 0
    while True:
        if cal.is_working_day(day):
            counted += 1
            if counted == days:
                return day
        day += _ONE_DAY


def next_working_day(day: date, cal: WorkCalendar) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    # Terminates: every known year has working days, and an unknown year raises.
    while not cal.is_working_day(day):
        day += _ONE_DAY
    return day


def today_in_shanghai(now: datetime | None = None) -> date:
    """Today's date in China, whatever the machine's time zone (``now`` for tests)."""
    try:
        tz: timezone | ZoneInfo = ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        tz = timezone(timedelta(hours=8))  # China has kept UTC+8 without DST since 1991
    moment = now if now is not None else datetime.now(tz)
    if moment.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return moment.astimezone(tz).date()


def resolve_as_of(campaign: Campaign, as_of: date | None) -> date:
    """The as-of date: given, else the campaign's own (an archived or example campaign), else today."""
    return as_of or campaign.as_of or today_in_shanghai()
