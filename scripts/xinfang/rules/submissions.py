"""Rules on unit submissions: the reported figures match the ledger generated from the records,
and the office accepts a unit only after its written summary."""

from __future__ import annotations

from ..records.submission import UnitReport
from .context import Check
from .duty_context import RecordContext
from .duty_views import registration_ledger

MAX_IDS = 6


def ledger(ctx: RecordContext[UnitReport]) -> Check:
    report, reg = ctx.record, ctx.record.registration
    if reg is None or reg.submitted > ctx.as_of:
        return
    held = registration_ledger(
        report.unit, reg.submitted, ctx.repo_cases, ctx.duties.risks, ctx.duties.persons
    )
    ids = [c.id for c in held.cases]
    shown = "、".join(ids[:MAX_IDS]) + ("等" if len(ids) > MAX_IDS else "")
    if reg.reported.cases != len(held.cases):
        yield (
            ("registration", "reported", "cases"),
            f"上报登记案件 {reg.reported.cases} 件，按上报日期 {reg.submitted} 从本单位案件生成的台账为 "
            f"{len(held.cases)} 件（{shown or '无'}）：请与单位核对，漏登的补登案件，多报的说明原因。",
        )
    if reg.reported.risks is not None and reg.reported.risks != len(held.risks):
        yield (
            ("registration", "reported", "risks"),
            f"上报苗头隐患 {reg.reported.risks} 件，按上报日期从本单位隐患记录生成的台账为 "
            f"{len(held.risks)} 件：请补登隐患记录（risks/），或核对上报的数字。",
        )


def acceptance(ctx: RecordContext[UnitReport]) -> Check:
    report = ctx.record
    summary = report.summary
    for i, decision in enumerate(report.acceptance):
        if decision.date > ctx.as_of or decision.result != "accepted":
            continue  # a unit may be returned for a summary it has not sent
        if summary is None:
            yield (
                ("acceptance", i, "result"),
                "验收通过，但本单位没有书面总结的记录：请先在 summary 中记录书面总结，再验收。",
            )
        elif summary is not None and decision.date < summary.submitted:
            yield (
                ("acceptance", i, "date"),
                f"验收日期 {decision.date} 早于书面总结的上报日期 {summary.submitted}："
                f"请在总结上报之后验收，或改正日期。",
            )
