"""Rules on hidden risks: reviewed by their date, a county leader for a major one, dates in order."""

from __future__ import annotations

from ..records.risk import Risk
from .context import Check
from .duty_context import RecordContext
from .duty_views import days_over, review_overdue, risk_state


def review(ctx: RecordContext[Risk]) -> Check:
    risk = ctx.record
    if review_overdue(risk, ctx.as_of, ctx.cases):
        yield (
            ("review",),
            f"下次复查日期 {risk.review} 已过 {days_over(risk.review, ctx.as_of)} 天：请复查该隐患，"
            f"在 reviews 中记录复查情况，并把 review 改为下一次复查日期；已化解的把 status 改为 resolved 并填写 resolved。",
        )


def major_lead(ctx: RecordContext[Risk]) -> Check:
    risk = ctx.record
    if risk_state(risk, ctx.as_of, ctx.cases) != "open" or risk.level_on(ctx.as_of) != "high":
        return
    lead = risk.responsibility.lead_official
    if lead in ctx.campaign.leaders:
        return
    now = f"（现为{lead}，不是县级领导）" if lead else ""
    yield (
        ("responsibility", "lead_official") if lead else ("responsibility",),
        f"重大隐患须有县级包案领导{now}：请在 responsibility.lead_official 写明 campaign.yml "
        f"leaders 中的县级领导（{'、'.join(ctx.campaign.leaders)}）。",
    )


def dates(ctx: RecordContext[Risk]) -> Check:
    risk = ctx.record
    for i, item in enumerate(risk.reviews):
        if item.date < risk.found:
            yield (
                ("reviews", i, "date"),
                f"复查日期 {item.date} 早于发现日期 {risk.found}：请改正日期。",
            )
    if risk.resolved and risk.resolved.date < risk.found:
        yield (
            ("resolved", "date"),
            f"化解日期 {risk.resolved.date} 早于发现日期 {risk.found}：请改正日期。",
        )
    case = ctx.cases.get(risk.case) if risk.case else None
    if case is not None and case.registered < risk.found:
        yield (
            ("case",),
            f"案件 {case.id} 登记于 {case.registered}，早于本隐患的发现日期 {risk.found}："
            f"由隐患形成的案件应在发现之后登记，请核对案件编号或发现日期。",
        )
