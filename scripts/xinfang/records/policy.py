"""The campaign's ``policies``: how periods are counted and when cases are flagged.

Read from ``campaign.yml`` (after the campaign schema); a missing key takes its default. The
default deadlines are the campaign file's own: no text of the plan or the law sets one, so without
the file's word a case has only the deadline it registers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast

from ..errors import ConfigError
from .labels import LEVEL_ZH

DayKind = Literal["calendar", "working"]
DAY_KINDS: tuple[DayKind, ...] = ("calendar", "working")
CATEGORIES = ("litigation", "prominent", "hotspot")
#: The statutory clocks a campaign can enable (their periods are in campaign/statutory.py).
CLOCK_KEYS = ("acceptance", "handling", "review", "second_review")
#: The levels a petition reaches, from the county up.
LEVELS = ("county", "city", "province", "beijing")
#: 《信访条例》(2005) Art. 16: a visit to the organ one level up (the city) is lawful.
CROSS_LEVEL_DEFAULT = "city"

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Policy:
    """The campaign's ``policies``: how periods are counted and when cases are flagged."""

    first_day_counts: bool = False
    roll_forward: bool = True
    day_kind: DayKind = "calendar"
    default_deadline_days: dict[str, int] = field(default_factory=dict)
    priority_deadline_days: int | None = None  # a shorter default for priority cases
    extension_cap_days: int = 30  # 0 = no cap
    due_soon_days: int = 7
    collective_threshold: int = 5
    # A visit above this level is 越级访. 《信访条例》(2005) Art. 16 lets a petitioner visit the
    # organ at the same level or the one above, so by default only the province and Beijing count.
    cross_level_above: str = "city"  # CROSS_LEVEL_DEFAULT
    rectification_days: int | None = None  # working days to report rectification after criticism
    backdating_days: int = 7
    # 息诉罢访 is observed, not declared: a closed case is 待观察 for this many days. 30 by default:
    # 《信访条例》(2005) Art. 34 gives the petitioner 30 days from the written reply to ask for a
    # review; a county may watch longer (e.g. over a sensitive period), never shorter by default.
    settlement_observation_days: int = 30
    statutory_clocks: tuple[str, ...] = ()
    audit_from: date | None = None  # commits before this day are not audited (imported records)

    @property
    def cross_level_note(self) -> str | None:
        """What every figure of 越级访 says when the campaign counts otherwise than Art. 16.

        None under the default (the next level up is lawful); else a sentence naming the setting,
        stated beside each figure and in each paper that counts 越级访.
        """
        if self.cross_level_above == CROSS_LEVEL_DEFAULT:
            return None
        above = LEVELS[LEVELS.index(self.cross_level_above) + 1 :]
        counted = "、".join(
            "进京" if level == "beijing" else f"到{LEVEL_ZH[level]}" for level in above
        )
        return (
            f"越级访按本县设定统计（campaign.yml 的 policies.cross_level_above: "
            f"{self.cross_level_above}）：{counted}的走访计为越级访；按《信访条例》第十六条，"
            f"到本级和上一级机关走访不是越级，默认只计到省、进京的走访。"
        )

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
                    "类别为 litigation、prominent、hotspot。"
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
        cross_level_above = raw.get("cross_level_above", defaults.cross_level_above)
        if cross_level_above not in LEVELS[:-1]:
            raise ConfigError(
                f"campaign.yml 的 policies.cross_level_above 是 {cross_level_above!r}；"
                f"请写 county（到市即越级）、city（到省即越级）或 province（进京才越级）。"
            )
        return cls(
            first_day_counts=_bool(raw, "first_day_counts", defaults.first_day_counts),
            roll_forward=_bool(raw, "roll_forward", defaults.roll_forward),
            day_kind=cast(DayKind, day_kind),
            default_deadline_days=days,
            priority_deadline_days=_optional_int(raw, "priority_deadline_days"),
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
            cross_level_above=cross_level_above,
            rectification_days=_optional_int(raw, "rectification_days"),
            backdating_days=_int(
                raw.get("backdating_days", defaults.backdating_days), "backdating_days", 0
            ),
            settlement_observation_days=_int(
                raw.get("settlement_observation_days", defaults.settlement_observation_days),
                "settlement_observation_days",
                0,
            ),
            statutory_clocks=_clocks(raw.get("statutory_clocks")),
            audit_from=_parse_date(raw.get("audit_from")),
        )


def _bool(raw: Mapping[str, Any], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"campaign.yml 的 policies.{key} 是 {value!r}；请写 true 或 false。")
    return value


def _optional_int(raw: Mapping[str, Any], key: str) -> int | None:
    value = raw.get(key)
    return None if value is None else _int(value, key, 1)


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
    if not isinstance(value, list) or any(v not in CLOCK_KEYS for v in value):
        raise ConfigError(
            f"campaign.yml 的 policies.statutory_clocks 是 {value!r}；"
            f"请写由 {'、'.join(CLOCK_KEYS)} 组成的列表。"
        )
    return tuple(dict.fromkeys(value))


def _parse_date(value: object) -> date | None:
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
