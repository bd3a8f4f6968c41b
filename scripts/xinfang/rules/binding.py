"""What binds a case's handling in time: an assignment's report-back date, and extensions only
when approved before the deadline passed."""

from __future__ import annotations

from .context import CaseContext, Check


def report_due(ctx: CaseContext) -> Check:
    """An open linked case's own 办结时限 later than the report-back date the assigning organ set
    (a closed case's deadline is history: closed late or not, by the earlier date)."""
    case = ctx.case
    status, due = ctx.deadline, case.report_due
    if status is None or due is None or status.campaign_due is None or status.closed_on:
        return
    if status.campaign_due <= due.due:
        return
    what = "延期后的办结时限" if status.extension_days else "办结时限"
    yield (
        ("responsibility", "deadline") if case.has("responsibility", "deadline") else ("status",),
        f"{what} {status.campaign_due} 晚于{due.organ}要求的报结期限 {due.due}（交办件 "
        f"{due.assignment}）：以较早的报结期限为准，本案按 {due.due} 计算是否超期；县里批准的延期"
        f"不能推迟交办机关的报结期限。请把办结时限定在 {due.due} 之前，确需延后的先向{due.organ}报告。",
    )


def extension_lapsed(ctx: CaseContext) -> Check:
    status = ctx.deadline
    if status is None:
        return
    for ext in status.lapsed:
        i = ctx.case.extensions.index(ext)
        yield (
            ("extensions", i, "approved_on"),
            f"延期在 {ext.approved_on} 才批准，当时办结时限已过：延期只能在期限届满前批准，这次延期"
            f"不计入，本案按原时限计算超期；请如实保留这条记录，在 progress 中写明逾期原因，"
            f"督促承办单位限期办结。",
        )
