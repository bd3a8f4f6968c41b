"""Deadlines (办结时限): periods, statutory clocks, and the deadline status of a case.

Counting follows the Civil Code (Art. 201, 203) unless the campaign's ``policies`` say otherwise:
the first day is not counted, and a period whose last day is a day off ends on the next working
day. Plain 日 in the petition regulations means calendar days; 工作日 means working days.

Bad record data (a missing or malformed date) is never raised here: the rules module reports it.
Only configuration problems raise (ConfigError, and UnknownYearError for a year no holiday
notice covers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from xinfang.errors import ConfigError
from xinfang.workdays import WorkCalendar

DayKind = Literal["calendar", "working"]
BaseSource = Literal["registered", "default"]

DAY_KINDS: tuple[DayKind, ...] = ("calendar", "working")
CATEGORIES = ("litigation", "prominent", "assigned", "hotspot")

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ONE_DAY = timedelta(days=1)


def _default_deadline_days() -> dict[str, int]:
    return {"litigation": 90, "prominent": 60, "assigned": 60, "hotspot": 60}


@dataclass(frozen=True)
class StatutoryClock:
    """A time limit from 《信访工作条例》 (2022), with its counterpart in 《信访条例》 (2005)."""

    key: str
    name: str
    days: int
    kind: DayKind
    article: str
    article_2005: str
    starts: str  # the event the period is counted from
    extension_max_days: int = 0


STATUTORY_CLOCKS: dict[str, StatutoryClock] = {
    "acceptance": StatutoryClock(
        key="acceptance",
        name="受理告知",
        days=15,
        kind="calendar",
        article="《信访工作条例》第二十三条",
        article_2005="《信访条例》第二十一条、第二十二条",
        starts="收到信访事项之日",
    ),
    "handling": StatutoryClock(
        key="handling",
        name="办理",
        days=60,
        kind="calendar",
        article="《信访工作条例》第三十四条",
        article_2005="《信访条例》第三十三条",
        starts="受理之日",
        extension_max_days=30,
    ),
    "review": StatutoryClock(
        key="review",
        name="复查",
        days=30,
        kind="calendar",
        article="《信访工作条例》第三十五条",
        article_2005="《信访条例》第三十四条",
        starts="收到复查请求之日",
    ),
    "second_review": StatutoryClock(
        key="second_review",
        name="复核",
        days=30,
        kind="calendar",
        article="《信访工作条例》第三十六条",
        article_2005="《信访条例》第三十五条",
        starts="收到复核请求之日（听证时间不计入）",
    ),
}


@dataclass(frozen=True)
class Policy:
    """The campaign's ``policies``: how periods are counted and when cases are flagged."""

    first_day_counts: bool = False
    roll_forward: bool = True
    day_kind: DayKind = "calendar"
    default_deadline_days: dict[str, int] = field(default_factory=_default_deadline_days)
    extension_cap_days: int = 30  # 0 = no cap
    due_soon_days: int = 7
    collective_threshold: int = 5
    backdating_days: int = 7
    statutory_clocks: tuple[str, ...] = ()
    audit_from: date | None = None  # commits before this day are not audited (imported records)

    @classmethod
    def from_campaign(cls, campaign: Mapping[str, Any]) -> Policy:
        """Read ``campaign["policies"]``; a missing key takes its default, a bad value raises."""
        raw = campaign.get("policies") if isinstance(campaign, Mapping) else None
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise ConfigError(
                "campaign.yml 的 policies 应是映射（键: 值），或整项删去以使用默认值。"
            )
        defaults = cls()
        days = dict(defaults.default_deadline_days)
        raw_days = raw.get("default_deadline_days")
        if raw_days is not None:
            if not isinstance(raw_days, Mapping):
                raise ConfigError(
                    "campaign.yml 的 policies.default_deadline_days 应是“类别: 天数”的映射，"
                    "类别为 litigation、prominent、assigned、hotspot。"
                )
            for category, value in raw_days.items():
                if category not in CATEGORIES:
                    raise ConfigError(
                        f"campaign.yml 的 policies.default_deadline_days 有未知类别 {category!r}；"
                        f"只能是 {'、'.join(CATEGORIES)}。"
                    )
                days[category] = _int(value, f"default_deadline_days.{category}", 1)
        day_kind = raw.get("day_kind", defaults.day_kind)
        if day_kind not in DAY_KINDS:
            raise ConfigError(
                f"campaign.yml 的 policies.day_kind 是 {day_kind!r}；"
                f"请写 calendar（自然日）或 working（工作日）。"
            )
        return cls(
            first_day_counts=_bool(raw, "first_day_counts", defaults.first_day_counts),
            roll_forward=_bool(raw, "roll_forward", defaults.roll_forward),
            day_kind=cast(DayKind, day_kind),
            default_deadline_days=days,
            extension_cap_days=_int(
                raw.get("extension_cap_days", defaults.extension_cap_days), "extension_cap_days", 0
            ),
            due_soon_days=_int(
                raw.get("due_soon_days", defaults.due_soon_days), "due_soon_days", 0
            ),
            collective_threshold=_int(
                raw.get("collective_threshold", defaults.collective_threshold),
                "collective_threshold",
                2,
            ),
            backdating_days=_int(
                raw.get("backdating_days", defaults.backdating_days), "backdating_days", 0
            ),
            statutory_clocks=_clocks(raw.get("statutory_clocks")),
            audit_from=parse_date(raw.get("audit_from")),
        )


def _bool(raw: Mapping[str, Any], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"campaign.yml 的 policies.{key} 是 {value!r}；请写 true 或 false。")
    return value


def _int(value: object, key: str, minimum: int) -> int:
    # bool is an int in Python; `true` is not a number of days.
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ConfigError(
            f"campaign.yml 的 policies.{key} 是 {value!r}；请写不小于 {minimum} 的整数。"
        )
    return value


def _clocks(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or any(v not in STATUTORY_CLOCKS for v in value):
        raise ConfigError(
            f"campaign.yml 的 policies.statutory_clocks 是 {value!r}；"
            f"请写由 {'、'.join(STATUTORY_CLOCKS)} 组成的列表。"
        )
    return tuple(dict.fromkeys(value))


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


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a case stands against its deadline on a given day."""

    base: date  # 办结时限 as registered, or the policy default from the registration date
    base_source: BaseSource
    effective: date  # after approved extensions
    extension_days: int  # calendar days the extensions asked for, summed
    extension_over_cap: bool
    days_left: int  # calendar days from as_of to effective; negative when overdue
    overdue: bool
    due_soon: bool
    closed_late: bool
    closed_on: date | None


def parse_date(value: object) -> date | None:
    """A record date ('YYYY-MM-DD', or a date YAML parsed unquoted); None when invalid."""
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def base_deadline(
    case: Mapping[str, Any], policy: Policy, cal: WorkCalendar
) -> tuple[date, BaseSource] | None:
    """The registered 办结时限, else the policy default counted from the registration date."""
    registered_deadline = parse_date(_mapping(case.get("responsibility")).get("deadline"))
    if registered_deadline is not None:
        return registered_deadline, "registered"
    registered = parse_date(case.get("registered"))
    category = case.get("category")
    if registered is None or not isinstance(category, str):
        return None
    days = policy.default_deadline_days.get(category)
    if days is None:
        return None
    return add_period(registered, days, policy.day_kind, policy, cal), "default"


def apply_extensions(
    base: date, extensions: object, policy: Policy, cal: WorkCalendar
) -> tuple[date, int]:
    """The deadline after extensions, in order, and the calendar days they asked for.

    ``new_deadline`` replaces the deadline if later; otherwise ``days`` extends the current
    deadline by that many calendar days (rolled forward per policy). An entry with both uses
    ``new_deadline`` (the schema asks for one or the other). Entries with neither valid are
    skipped. Days added by rolling forward off a holiday are the law's, not the extension's,
    so they do not count toward the cap.
    """
    effective, asked = base, 0
    if not isinstance(extensions, list):
        return effective, asked
    for entry in extensions:
        ext = _mapping(entry)
        new_deadline = parse_date(ext.get("new_deadline"))
        days = ext.get("days")
        if new_deadline is not None:
            if new_deadline > effective:
                asked += (new_deadline - effective).days
                effective = new_deadline
        elif isinstance(days, int) and not isinstance(days, bool) and days >= 1:
            asked += days
            # The old deadline is already inside the period, so it is never counted again.
            end = effective + timedelta(days=days)
            effective = next_working_day(end, cal) if policy.roll_forward else end
    return effective, asked


def deadline_status(
    case: Mapping[str, Any], as_of: date, policy: Policy, cal: WorkCalendar
) -> DeadlineStatus | None:
    """The case's deadline status on ``as_of``; None when no deadline can be determined."""
    if not isinstance(case, Mapping):
        return None
    found = base_deadline(case, policy, cal)
    if found is None:
        return None
    base, source = found
    effective, asked = apply_extensions(base, case.get("extensions"), policy, cal)
    closed = case.get("status") == "closed"
    closed_on = parse_date(_mapping(case.get("closure")).get("date")) if closed else None
    days_left = (effective - as_of).days
    overdue = not closed and as_of > effective
    return DeadlineStatus(
        base=base,
        base_source=source,
        effective=effective,
        extension_days=asked,
        extension_over_cap=policy.extension_cap_days > 0 and asked > policy.extension_cap_days,
        days_left=days_left,
        overdue=overdue,
        due_soon=not closed and not overdue and days_left <= policy.due_soon_days,
        closed_late=closed_on is not None and closed_on > effective,
        closed_on=closed_on,
    )


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


# Where each statutory clock starts in a case record.
CLOCK_STARTS = {
    "acceptance": ("statutory", "received"),
    "handling": ("statutory", "accepted"),
    "review": ("statutory", "review_requested"),
    "second_review": ("statutory", "second_review_requested"),
}


@dataclass(frozen=True)
class StatutoryDue:
    clock: StatutoryClock
    start: date
    due: date


def statutory_dues(case: Mapping[str, Any], policy: Policy, cal: WorkCalendar) -> list[StatutoryDue]:
    """The enabled statutory clocks that have a start date in the case, with their due dates."""
    out = []
    for key in policy.statutory_clocks:
        value: Any = case
        for part in CLOCK_STARTS[key]:
            value = value.get(part) if isinstance(value, Mapping) else None
        start = parse_date(value)
        if start is not None:
            clock = STATUTORY_CLOCKS[key]
            out.append(StatutoryDue(clock, start, add_period(start, clock.days, clock.kind, policy, cal)))
    return out
