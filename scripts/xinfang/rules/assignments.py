"""Rules on assigned cases: reported back by the due date, supervision answered, a case
registered, the unit's due date before the report-back's, dates in order."""

from __future__ import annotations

from datetime import timedelta

from ..records.assignment import Assignment
from .context import Check
from .duty_context import RecordContext
from .duty_views import days_over, open_supervisions, report_state

REGISTER_WITHIN_DAYS = 15  # 《信访条例》第二十一条：15 日内登记、转送或交办


def report_back(ctx: RecordContext[Assignment]) -> Check:
    item = ctx.record
    if report_state(item, ctx.as_of) == "overdue" and item.report_due:
        yield (
            ("report_due",),
            f"报结期限 {item.report_due} 已过 {days_over(item.report_due, ctx.as_of)} 天，"
            f"尚未向{item.from_}报送办结报告：请督促承办单位办结，在 report_backs 中记录"
            f" kind: final 的办结报告；确需延期的，先向交办机关说明并报告阶段情况。",
        )


def supervision(ctx: RecordContext[Assignment]) -> Check:
    item = ctx.record
    waiting = open_supervisions(item, ctx.as_of)
    for i, notice in enumerate(item.supervisions):
        if notice in waiting and notice.due < ctx.as_of:
            yield (
                ("supervisions", i, "due"),
                f"{notice.by} {notice.date} 督办，要求 {notice.due} 前回复，已逾期 "
                f"{days_over(notice.due, ctx.as_of)} 天：请回复督办，并在 answered 写明回复日期。",
            )


def case_registered(ctx: RecordContext[Assignment]) -> Check:
    item = ctx.record
    limit = item.received + timedelta(days=REGISTER_WITHIN_DAYS)
    if item.kind == "assign" and item.case is None and ctx.as_of > limit:
        yield (
            ("received",),
            f"{item.received} 收到交办事项，已超过 {REGISTER_WITHIN_DAYS} 日仍未关联案件："
            f"请登记案件（xinfang new），并在 case 中写明案件编号。",
        )


def dispatch_due(ctx: RecordContext[Assignment]) -> Check:
    item = ctx.record
    if item.dispatch and item.report_due and item.dispatch.due > item.report_due:
        yield (
            ("dispatch", "due"),
            f"承办单位的报告期限 {item.dispatch.due} 晚于向{item.from_}报结的期限 {item.report_due}："
            f"请把承办单位的期限定在报结期限之前，留出审核和报送的时间。",
        )


def dates(ctx: RecordContext[Assignment]) -> Check:
    item = ctx.record
    if item.issued and item.issued > item.received:
        yield (("issued",), f"交办日期 {item.issued} 晚于收到日期 {item.received}：请改正日期。")
    if item.dispatch and item.dispatch.date < item.received:
        yield (
            ("dispatch", "date"),
            f"转交日期 {item.dispatch.date} 早于收到日期 {item.received}：请改正日期。",
        )
    for i, report in enumerate(item.report_backs):
        if report.date < item.received:
            yield (
                ("report_backs", i, "date"),
                f"报告日期 {report.date} 早于收到日期 {item.received}：请改正日期。",
            )
    for i, notice in enumerate(item.supervisions):
        if notice.due < notice.date:
            yield (
                ("supervisions", i, "due"),
                f"督办回复期限 {notice.due} 早于督办日期 {notice.date}：请改正日期。",
            )
        if notice.answered and notice.answered < notice.date:
            yield (
                ("supervisions", i, "answered"),
                f"回复日期 {notice.answered} 早于督办日期 {notice.date}：请改正日期。",
            )
