"""受理告知: a petition received is decided on and the petitioner told in writing within 15 days;
and the forms a petition takes.

《信访条例》(2005) Art. 21–22 (2022: Art. 22–23): the organ that receives a petition decides whether
to accept it and tells the petitioner in writing within 15 days, unless the petitioner's name and
address are unclear (an anonymous petition). The period and its counting are the statutory
clock's (``campaign.statutory``), whether or not the campaign shows the clocks on its pages.
A case the campaign registers from a petition received during the campaign (a letter, a visit,
an assignment…, not the unit's own screening) records the decision; older petitions were
accepted long before the campaign, and recording that is left to the unit.
"""

from __future__ import annotations

from datetime import date

from ..campaign.periods import add_period
from ..campaign.statutory import STATUTORY_CLOCKS, regulation_on
from .context import CaseContext, Check, where

#: Sources that are petitions received (Art. 2 forms, or an assignment), not found by screening.
PETITION_SOURCES = frozenset({
    "visit", "letter", "phone", "email", "fax", "online",
    "county_assigned", "city_assigned", "province_assigned", "state_assigned",
})  # fmt: skip


def acceptance_notice(ctx: CaseContext) -> Check:
    case, policy = ctx.case, ctx.campaign.policy
    st = case.statutory
    if st is None or st.received is None:
        if (
            case.source in PETITION_SOURCES
            and case.received
            and case.received >= ctx.campaign.start
        ):
            yield (
                where(case, ("statutory",), ("source",)),
                f"本案是活动期间收到的信访事项（{case.received}）：请在 statutory 下写明收到日期 "
                f"received、受理日期 accepted（或不予受理日期 declined 和理由 reason）、书面告知信访人"
                f"的日期 notified 和告知书 notice（收到之日起 15 日内决定并书面告知）。",
            )
        return
    clock = STATUTORY_CLOCKS["acceptance"]
    regulation = regulation_on(st.received)
    law = clock.citation(regulation) if regulation else "《信访条例》"
    due = add_period(st.received, clock.days, clock.kind, policy, ctx.calendar)
    period = f"{law}：收到之日（{st.received}）起 {clock.days} 日内，最后一日为 {due}"
    if st.accepted and st.declined:
        yield (
            ("statutory", "declined"),
            "同时写了受理日期和不予受理日期：受理决定只有一个，请删去不对的一项。",
        )
    if st.declined and not st.reason:
        yield (
            ("statutory", "declined"),
            "不予受理须写明理由，并告知信访人向哪个机关、通过什么途径提出：请填写 statutory.reason。",
        )
    decided = st.decided
    if decided is None:
        if ctx.as_of > due:
            yield (
                ("statutory", "received"),
                f"收到信访事项已超过 {clock.days} 日，没有记录受理决定（{period}）：请写明受理日期 "
                f"accepted，或不予受理日期 declined 和理由。",
            )
    elif decided > due:
        yield (("statutory", "accepted" if st.accepted else "declined"),
               f"受理决定 {decided} 晚于法定期限（{period}）：请在 progress 中写明逾期原因。")  # fmt: skip
    if case.anonymous:
        return  # no name or address to write to (Art. 22's exception)
    if st.notified is None:
        if ctx.as_of > due:
            yield (
                ("statutory", "accepted"),
                f"没有记录书面告知信访人（{period}）：请填写告知日期 statutory.notified 和告知书 notice。",
            )
    elif st.notified > due:
        yield (
            ("statutory", "notified"),
            f"书面告知 {st.notified} 晚于法定期限（{period}）：请在 progress 中写明逾期原因。",
        )
    elif decided and st.notified < decided:
        yield (
            ("statutory", "notified"),
            f"书面告知日期 {st.notified} 早于受理决定 {decided}：告知的是决定，请核对日期。",
        )


#: The national online petition intake opened as a trial in 2009: before it, a petition by
#: computer came as 电子邮件, one of the forms of Art. 2.
ONLINE_FROM = date(2009, 1, 1)


def petition_form(ctx: CaseContext) -> Check:
    record = ctx.record
    if record.source == "online" and record.received and record.received < ONLINE_FROM:
        yield (
            ("source",),
            f"{record.received} 还没有网上信访（国家网上信访系统 2009 年起试行）：请按《信访条例》第二条"
            f"的信访形式写 email（电子邮件）、letter（书信）等。",
        )
    for i, event in enumerate(record.events):
        if event.form == "online" and event.date < ONLINE_FROM:
            yield (
                ("events", i, "form"),
                f"{event.date} 还没有网上信访（国家网上信访系统 2009 年起试行）：请按《信访条例》第二条"
                f"的信访形式写 email（电子邮件）、letter（书信）、fax（传真）、phone（电话）或 visit（走访）。",
            )
