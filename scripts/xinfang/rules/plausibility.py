"""Plausibility of a record's dates and head counts: what a schema cannot see.

The rules here read the record as written (``ctx.record``), whatever the as-of date: a date
written later than ``ctx.last_day`` is a mistake now, not a closure that does not count yet. A
date that is out of range is reported once, by ``date_range``, and not again as out of order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..records.case import Case
from .context import CaseContext, Check, KeyPath

#: No record of the People's Republic's petition work can be older.
EARLIEST = date(1949, 10, 1)
#: Registered more than this many days after the registration phase: a new problem, or a late one.
LATE_REGISTRATION_DAYS = 7
#: More people than this in one case (or one visit) is a mistyped number, not a petition.
MAX_HEAD_COUNT = 10_000

Kind = Literal["fact", "handling", "deadline"]


@dataclass(frozen=True)
class Dated:
    """A date the record holds: a fact, a step of handling (after registration), or a deadline."""

    path: KeyPath
    label: str
    day: date
    kind: Kind


def dated(case: Case) -> list[Dated]:
    """Every date of the record, in the order of the file's usual layout."""
    out: list[Dated] = []

    def add(path: KeyPath, label: str, day: date | None, kind: Kind) -> None:
        if day is not None:
            out.append(Dated(path, label, day, kind))

    add(("received",), "首次信访日期", case.received, "fact")
    add(("registered",), "登记日期", case.registered, "fact")
    add(("responsibility", "deadline"), "办结时限", case.responsibility.deadline, "deadline")
    if case.rehearing:
        add(("rehearing", "date"), "谈话日期", case.rehearing.date, "handling")
    for i, note in enumerate(case.progress):
        add(("progress", i, "date"), "办理进展日期", note.date, "handling")
    for i, event in enumerate(case.events):
        add(("events", i, "date"), "信访事件日期", event.date, "fact")
    for i, ext in enumerate(case.extensions):
        add(("extensions", i, "approved_on"), "延期批准日期", ext.approved_on, "handling")
        add(("extensions", i, "new_deadline"), "新办结时限", ext.new_deadline, "deadline")
    for i, action in enumerate(case.by_law):
        add(("by_law", i, "conduct_date"), "违法行为日期", action.conduct_date, "fact")
        add(("by_law", i, "decided"), "依法处理决定日期", action.decided, "fact")
    closure = case.closure
    if closure:
        add(("closure", "date"), "结案日期", closure.date, "fact")
        if closure.follow_up:
            add(("closure", "follow_up", "date"), "回访日期", closure.follow_up.date, "handling")
    statutory = case.statutory
    if statutory:
        for key, label in [
            ("received", "收到信访事项日期"),
            ("accepted", "受理日期"),
            ("declined", "不予受理日期"),
            ("notified", "书面告知日期"),
            ("review_requested", "复查请求日期"),
            ("second_review_requested", "复核请求日期"),
        ]:
            add(("statutory", key), label, getattr(statutory, key), "fact")
    for i, reopening in enumerate(case.reopenings):
        add(("reopenings", i, "date"), "重新办理日期", reopening.date, "fact")
    for i, correction in enumerate(case.corrections):
        add(("corrections", i, "date"), "更正日期", correction.date, "fact")
    return out


def _out_of_range(item: Dated, ctx: CaseContext) -> str | None:
    """Why ``item`` cannot be right whatever the other dates say; None when it can."""
    if item.path == ("closure", "date"):
        return None  # the closure-date rule compares it with the registration and as-of dates
    if item.day < EARLIEST:
        return (
            f"{item.label} {item.day} 早于 1949 年 10 月 1 日，年份明显写错："
            f"请对照原始材料改正年份。"
        )
    if item.kind == "deadline":
        last_year = ctx.campaign.end.year + 1
        if item.day.year > last_year:
            return (
                f"{item.label} {item.day} 的年份明显写错（活动在 {ctx.campaign.end.year} 年结束，"
                f"时限最晚到 {last_year} 年底）：请改正年份。"
            )
        return None
    if item.day > ctx.last_day:
        return (
            f"{item.label} {item.day} 晚于统计日期 {ctx.last_day}：记录只写已经发生的事，"
            f"请核对日期（年份、月份是否写错）；计划中的工作请写在 requirements 或 next_steps 中。"
        )
    return None


def date_range(ctx: CaseContext) -> Check:
    for item in dated(ctx.record):
        message = _out_of_range(item, ctx)
        if message:
            yield item.path, message


def _in_range(ctx: CaseContext) -> list[Dated]:
    return [item for item in dated(ctx.record) if _out_of_range(item, ctx) is None]


def _registered_in_range(ctx: CaseContext) -> bool:
    registered = Dated(("registered",), "登记日期", ctx.record.registered, "fact")
    return _out_of_range(registered, ctx) is None


def _registration_trusted(ctx: CaseContext) -> bool:
    """A registration date other dates can be measured against: in range, in the campaign."""
    campaign = ctx.campaign
    return _registered_in_range(ctx) and campaign.start <= ctx.record.registered <= campaign.end


def _handled_before(ctx: CaseContext) -> list[Dated]:
    """Steps of handling dated before the registration."""
    registered = ctx.record.registered
    return [i for i in _in_range(ctx) if i.kind == "handling" and i.day < registered]


def date_order(ctx: CaseContext) -> Check:
    case = ctx.record
    items = _in_range(ctx)
    if not _registration_trusted(ctx):
        return  # the registration date itself is wrong: reported once, there
    registered = case.registered
    for item in items:
        if item.path == ("received",) and item.day > registered:
            yield (
                item.path,
                f"首次信访日期 {item.day} 晚于登记日期 {registered}：首次信访在登记之前，"
                f"请核对这两个日期（年份、月份是否写错）。",
            )
        if item.path == ("responsibility", "deadline") and item.day < registered:
            yield (
                item.path,
                f"办结时限 {item.day} 早于登记日期 {registered}：办结时限从登记起算，"
                f"请核对这两个日期（年份、月份是否写错）。",
            )
    early = _handled_before(ctx)
    if len(early) == 1:
        item = early[0]
        yield (
            item.path,
            f"{item.label} {item.day} 早于登记日期 {registered}：谈话、办理进展、延期和回访都在"
            f"登记之后，请核对日期（年份、月份是否写错）；登记前的信访写在 events 中。",
        )
    elif early:
        # Several steps before the registration: more likely the registration date is wrong.
        listed = "、".join(f"{item.label} {item.day}" for item in early[:3])
        more = f"等 {len(early)} 项" if len(early) > 3 else ""
        yield (
            ("registered",),
            f"登记日期 {registered} 晚于{listed}{more}：办理都在登记之后，"
            f"请核对登记日期（年份、月份是否写错）或这些日期。",
        )


def registration_date(ctx: CaseContext) -> Check:
    case, campaign = ctx.record, ctx.campaign
    if not _registered_in_range(ctx):
        return
    if case.registered < campaign.start:
        yield (
            ("registered",),
            f"登记日期 {case.registered} 早于活动开始（{campaign.start}）：登记日期是本次活动"
            f"登记造册的日期，请改正（年份是否写错）；以前的信访日期写在 received 或 events 中。",
        )
    elif case.registered > campaign.end:
        yield (
            ("registered",),
            f"登记日期 {case.registered} 晚于活动结束（{campaign.end}）：请核对日期；"
            f"活动延长的，请先在 campaign.yml 中修改阶段日期。",
        )


def reported_later(ctx: CaseContext) -> Check:
    case = ctx.record
    phase = ctx.campaign.phase("registration")
    if phase is None or not _registration_trusted(ctx) or _handled_before(ctx):
        return  # a registration date that is itself in doubt: reported by the other rules
    late = case.registered - phase.end
    # A problem first raised after the registration phase is new by its own dates.
    new = case.reported_later or (case.received is not None and case.received > phase.end)
    if not new and late > timedelta(days=LATE_REGISTRATION_DAYS):
        yield (
            ("registered",),
            f"登记日期 {case.registered} 在排查建档阶段结束（{phase.end}）{late.days} 天之后："
            f"排查建档后新出现（或新交办）的问题请填写 reported_later: true；排查时遗漏的老问题"
            f"不填，此警告留在合规检查中，请在总结材料中说明遗漏原因。",
        )
    elif case.reported_later and case.registered <= phase.end:
        yield (
            ("reported_later",),
            f"案件标为新发问题随时上报，但登记日期 {case.registered} 在排查建档阶段之内"
            f"（截至 {phase.end}）：请删去 reported_later，或核对登记日期。",
        )


def head_count(ctx: CaseContext) -> Check:
    case = ctx.record
    listed = len(case.petitioners)
    if case.head_count < listed:
        yield (
            ("head_count",),
            f"涉及人数 {case.head_count} 少于列出的信访人（{listed} 人）：请核对人数，"
            f"涉及人数包括全部信访人。",
        )
    for path, count, what in _counts(case):
        if count > MAX_HEAD_COUNT:
            yield (
                path,
                f"{what} {count} 超过 {MAX_HEAD_COUNT} 人，数字明显写错：请核对"
                f"（是否多写了几位，或填成了日期、电话）。",
            )


def _counts(case: Case) -> Iterator[tuple[KeyPath, int, str]]:
    yield ("head_count",), case.head_count, "涉及人数"
    for i, event in enumerate(case.events):
        yield ("events", i, "head_count"), event.head_count, f"{event.date} 信访事件的人数"
