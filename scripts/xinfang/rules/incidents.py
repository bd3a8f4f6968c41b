"""Rules on the petition events themselves: collective and cross-level visits flagged."""

from __future__ import annotations

from .context import CaseContext, Check

ABOVE_COUNTY = ("city", "province", "beijing")


def collective_flag(ctx: CaseContext) -> Check:
    threshold = ctx.campaign.policy.collective_threshold
    for i, event in enumerate(ctx.case.events):
        if event.head_count >= threshold and "collective" not in ctx.case.flags:
            yield (
                ("events", i, "head_count"),
                f"{event.date} 的信访有 {event.head_count} 人，达到集体访人数（{threshold} 人）："
                f"请在 flags 中加上 collective。",
            )
            return


def cross_level_flag(ctx: CaseContext) -> Check:
    for i, event in enumerate(ctx.case.events):
        if event.level in ABOVE_COUNTY and "cross_level" not in ctx.case.flags:
            yield (
                ("events", i, "level"),
                f"{event.date} 的信访到了县以上，属越级访：请在 flags 中加上 cross_level。",
            )
            return
