"""A case's dates in words: the campaign's deadline, an assignment's report-back date, the
statutory clocks and which one binds, the acceptance and its notice, the observation of 息诉罢访."""

from __future__ import annotations

from ..campaign.statutory import StatutoryDue
from ..records.case import Case
from ..records.policy import Policy
from ..rules.settlement import observed_until
from ..rules.status import CaseStatus


def deadline_text(case: CaseStatus | None) -> str:
    if case is None or case.deadline is None:
        return "未确定办结时限"
    d = case.deadline
    due = case.case.report_due
    if d.binding == "report_back" and due is not None:
        own = f"，早于本案办结时限 {d.campaign_due}" if d.campaign_due else ""
        base = f"交办报结期限 {d.effective}（{due.organ}，交办件 {due.assignment}{own}，以此为准）"
    else:
        base = f"活动办结时限 {d.effective}"
        if d.extension_days:
            base += f"（原时限 {d.base}，延期 {d.extension_days} 日）"
        if d.report_due:
            base += f"（交办报结期限 {d.report_due} 不早于它）"
    if d.lapsed:
        days = "、".join(str(e.approved_on) for e in d.lapsed)
        base += f"（{days} 批准的延期在期限届满后，不计入）"
    if case.closed:
        return base + ("，逾期办结" if d.closed_late else "，按期办结")
    if d.overdue:
        return base + f"，已超期 {-d.days_left} 天"
    return base + f"，剩余 {d.days_left} 天" + ("（临期）" if d.due_soon else "")


_CLOCK_STATE = {"met": "已按期完成", "late": "逾期完成", "overdue": "已超期", "running": "剩余"}


def statutory_text(due: StatutoryDue) -> str:
    """One statutory clock, citing the regulation in force on the day it started."""
    extended = f"，经批准延期 {due.extension_days} 日" if due.extension_days else ""
    state = _CLOCK_STATE[due.state]
    if due.state == "running":
        state += f" {due.days_left} 天"
    elif due.state == "overdue":
        state += f" {-due.days_left} 天"
    return (
        f"法定{due.clock.name}期限 {due.extended_due}（{due.citation}：自{due.clock.starts}"
        f" {due.start} 起 {due.clock.days} 日{extended}），{state}"
    )


def binding_text(case: CaseStatus | None, dues: list[StatutoryDue], which: str | None) -> str:
    """Which of the campaign's and the law's deadlines binds the handling, and why."""
    handling = next((d for d in dues if d.clock.key == "handling"), None)
    if which is None:
        return ""
    if handling is None:
        return "没有记录受理日期（statutory.accepted），法定办理期限无法计算：以活动办结时限为准。"
    if which == "statutory":
        return f"法定办理期限 {handling.extended_due} 早于活动办结时限：以法定期限为准。"
    return "活动办结时限不晚于法定办理期限：以活动办结时限为准，同时不得超过法定期限。"


def acceptance_text(case: Case) -> str | None:
    """The acceptance decision and its written notice, in one line (None when not recorded)."""
    st = case.statutory
    if st is None or st.received is None:
        return None
    parts = [f"{st.received} 收到"]
    if st.accepted:
        parts.append(f"{st.accepted} 受理")
    if st.declined:
        parts.append(f"{st.declined} 不予受理（{st.reason or '未写理由'}）")
    if st.notified:
        parts.append(f"{st.notified} 书面告知信访人" + (f"（{st.notice}）" if st.notice else ""))
    elif st.decided:
        parts.append("未记录书面告知")
    return "，".join(parts)


def settlement_text(status: CaseStatus | None, policy: Policy) -> str:
    """息诉罢访 as the case stood on the as-of date: verified and observed, 待观察, or not."""
    if status is None or status.settlement is None:
        return "否"
    if status.settled:
        return "是"
    until = observed_until(status.case, policy)
    return f"待观察（观察期至 {until}，期间没有再信访才计为息诉罢访）"
