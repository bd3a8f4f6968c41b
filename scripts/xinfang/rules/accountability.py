"""Rules on accountability: each action rests on incidents or cases, names the units the plan
holds jointly responsible, and comes after what it rests on."""

from __future__ import annotations

from ..records.accountability import Action
from .context import Check
from .duty_context import RecordContext


def basis(ctx: RecordContext[Action]) -> Check:
    action = ctx.record
    if not action.incidents and not action.cases:
        yield (
            ("reason",),
            "没有关联引发追究的信访事件或案件：请在 incidents 中写明案件编号和事件日期，"
            "或在 cases 中写明案件编号。",
        )


def decision(ctx: RecordContext[Action]) -> Check:
    """A record the notices may quote: who decided, when, at which meeting, on which facts."""
    action = ctx.record
    missing = [
        words
        for key, words in (
            ("meeting", "研究决定的会议（meeting）"),
            ("fault", "认定的责任情形（fault）"),
            ("facts", "认定的事实（facts）"),
        )
        if not getattr(action, key)
    ]
    if missing:
        yield (
            ("kind",),
            f"没有写明{'、'.join(missing)}：通报只点名领导小组已经研究决定的单位，"
            f"这份记录补全之前，通报和简报都不会把它当作决定。请按会议记录补写。",
        )


def units(ctx: RecordContext[Action]) -> Check:
    action = ctx.record
    named = set(action.units)
    for i, incident in enumerate(action.incidents):
        case = ctx.cases.get(incident.case)
        if case is None:
            continue
        jointly = {case.unit} | {p.locality for p in case.petitioners}
        if not jointly & named:
            names = "、".join(ctx.campaign.unit_name(u) for u in sorted(jointly))
            yield (
                ("incidents", i, "case"),
                f"案件 {case.id} 的承办单位和信访人所属单位（{names}）都不在 units 中："
                f"请核对案件编号，或在 units 中写明应承担责任的单位。",
            )


def dates(ctx: RecordContext[Action]) -> Check:
    action = ctx.record
    for i, incident in enumerate(action.incidents):
        if incident.date > action.date:
            yield (
                ("incidents", i, "date"),
                f"事件日期 {incident.date} 晚于决定日期 {action.date}：追究只能针对已发生的事件，请改正日期。",
            )
