"""The plan's phases and milestones, moved to a new campaign's dates.

The plan (实施方案“四、时间安排与方法步骤”) runs from 4月12日 to 7月底: 宣传发动 two days, then
排查建档 to the registration report (4月20日), 化解整治 to 7月15日, 总结验收 to the end; the working
group's list is due two days after the start, progress reports monthly after the registration
report while the resolution phase lasts, the written summary at the end. A campaign of another
span keeps those first steps' lengths and the summary's, and stretches the resolution phase.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import XinfangError

PLAN_START = (4, 12)  # month, day
PLAN_END = (7, 31)
MOBILIZE_DAYS = 2  # 4月12日至4月13日
REGISTRATION_REPORT_AFTER = 8  # 4月20日
SUMMARY_DAYS = 16  # 7月15日至7月底
SHORTEST = 30  # days: the resolution phase needs room for at least one month's work

PHASE_NAMES = {
    "mobilize": "宣传发动阶段",
    "registration": "排查建档阶段",
    "resolution": "化解整治阶段",
    "summary": "总结验收阶段",
}


@dataclass(frozen=True)
class DatedPhase:
    id: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class DatedMilestone:
    id: str
    name: str
    short: str
    due: date
    plan: str


@dataclass(frozen=True)
class Schedule:
    start: date
    end: date
    phases: tuple[DatedPhase, ...]
    milestones: tuple[DatedMilestone, ...]


def _month_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def schedule(start: date, end: date) -> Schedule:
    """Phases and milestones of a campaign from ``start`` to ``end`` (both included)."""
    if (end - start).days + 1 < SHORTEST:
        raise XinfangError(
            f"活动期 {start} 至 {end} 太短：实施方案的四个阶段至少要 {SHORTEST} 天，请调整 --start 或 --end。"
        )
    report = start + timedelta(days=REGISTRATION_REPORT_AFTER)
    summary_start = end - timedelta(days=SUMMARY_DAYS)
    working_group = start + timedelta(days=MOBILIZE_DAYS)
    phases = (
        DatedPhase(
            "mobilize", PHASE_NAMES["mobilize"], start, start + timedelta(MOBILIZE_DAYS - 1)
        ),
        DatedPhase("registration", PHASE_NAMES["registration"], working_group, report),
        DatedPhase("resolution", PHASE_NAMES["resolution"], report, summary_start),
        DatedPhase("summary", PHASE_NAMES["summary"], summary_start, end),
    )
    to_office = "报县领导小组办公室（县信访局）"
    milestones = [
        DatedMilestone(
            "working_group", "上报专项治理工作小组成员名单", "小组名单", working_group,
            f"成立信访问题专项治理工作小组，小组成员名单于{_md(working_group)}前上报县领导小组办公室（县信访局）。",
        ),
        DatedMilestone(
            "registration", "上报排查情况（台账）", "排查台账", report,
            f"各单位将排查情况于{_md(report)}前上报县领导小组办公室（县信访局），上报后再出现新发问题随时上报。",
        ),
    ]  # fmt: skip
    ordinals = "一二三四五六七八九十"
    n = 1
    while n <= len(ordinals) and (due := _month_later(report, n)) <= summary_start:
        milestones.append(
            DatedMilestone(
                f"progress_{n}", f"上报第{ordinals[n - 1]}次工作进展", f"进展{ordinals[n - 1]}",
                due, "各乡镇、各部门要按各阶段的要求定期上报工作进展情况。",
            )
        )  # fmt: skip
        n += 1
    milestones.append(
        DatedMilestone(
            "summary", "上报书面总结材料", "书面总结", end,
            f"各责任单位对专项活动开展情况进行总结，形成书面材料{to_office}。",
        )
    )  # fmt: skip
    return Schedule(start, end, phases, tuple(milestones))


def plan_of_year(year: int) -> Schedule:
    """The plan's own dates (4月12日 to 7月31日) in ``year``."""
    return schedule(date(year, *PLAN_START), date(year, *PLAN_END))
