"""Rules on the handling of a case: re-hearing, investigation, deadlines and extensions, the
statutory handling period, evidence, next steps."""

from __future__ import annotations

from collections.abc import Iterator

from ..campaign.statutory import statutory_dues
from ..records.case import Case
from ..records.discovery import STATE_WORDS, file_state
from .context import CaseContext, Check, KeyPath


def rehearing(ctx: CaseContext) -> Check:
    """Every case once the resolution phase has begun (the table's levels), registered ones too;
    an anonymous case has no petitioner to hear (the anonymous rule covers it)."""
    case = ctx.case
    if case.anonymous:
        return
    if not case.rehearing:
        yield (
            ("status",),
            "化解整治阶段已开始，本案还没有再次听取信访人申诉的谈话记录：不管新问题还是老问题都要"
            "再听取一次；请在 rehearing 下填写谈话日期 date、谈话人 interviewer、地点 place 和记录文件 record。",
        )
    elif not case.rehearing.record:
        yield (
            ("rehearing",),
            "谈话记录没有写明记录文件在哪里：请在 rehearing 下填写 record（仓库内路径）。",
        )


def investigation(ctx: CaseContext) -> Check:
    if not (ctx.case.closed or ctx.case.unreachable):
        return
    if not ctx.case.investigation:
        yield (("status",), "结案前必须写明调查核实情况：请填写 investigation。")
    if not ctx.case.root_cause:
        yield (("status",), "结案前必须分析症结、查找原因：请填写 root_cause。")


#: What the written material holds besides the facts and the analysis (实施方案四（三）).
_HEARD = [("reasons", "信访人坚持的理由"), ("mind", "当前思想状况"), ("living", "生活状况")]


def investigation_items(ctx: CaseContext) -> Check:
    """Once the handling has ended, the written material holds each of the plan's items; an
    anonymous case has no petitioner to hear, so only the facts and their basis."""
    case = ctx.case
    if not (case.closed or case.unreachable):
        return
    missing = [] if case.basis else ["原处理意见的法律政策依据（basis）"]
    if not case.cause_in:
        missing.append("原因所在（cause_in）")
    if not case.anonymous:
        heard = case.rehearing
        missing += [f"{label}（rehearing.{key}）" for key, label in _HEARD
                    if not (heard and getattr(heard, key))]  # fmt: skip
    if missing:
        path: KeyPath = ("investigation",) if case.has("investigation") else ("status",)
        yield (
            path,
            f"调查核实后形成的文字材料缺少{'、'.join(missing)}：实施方案要求彻底搞清信访人反映的所有"
            f"问题及事实、原处理意见的法律政策依据、信访人坚持的理由、当前思想状况和生活状况，分析症结，"
            f"查找原因；请补写。",
        )


#: Where a cause may lie without a unit, a policy or another party having a part in it.
_BLAMED = {"petitioner", "objective"}


def cause_blame(ctx: CaseContext) -> Check:
    case = ctx.case
    if case.cause_in and set(case.cause_in) <= _BLAMED:
        yield (
            ("cause_in",),
            "症结分析只把原因归于信访人或客观条件：实施方案要求“决不能笼统、简单地把责任归咎于信访人"
            "及其他客观原因”；请查一查有关单位的工作、政策执行和其他当事人方面的原因，写进 root_cause "
            "并在 cause_in 中选上。",
        )


def next_steps(ctx: CaseContext) -> Check:
    case = ctx.case
    if case.closed and case.settled:
        return
    if not case.next_steps:
        why = (
            "已结案但未息诉罢访"
            if case.closed
            else "无法回访、未结案"
            if case.unreachable
            else "未结案"
        )
        yield (
            ("status",),
            f"案件{why}，总结验收阶段须有针对性地制定下一步工作措施：请填写 next_steps。",
        )


def extensions(ctx: CaseContext) -> Check:
    extensions = ctx.case.extensions
    for i, extension in enumerate(extensions):
        if extension.new_deadline is None and extension.days is None:
            yield (("extensions", i), "延期记录没有写延到哪天：请填写 new_deadline 或 days。")
    cap = ctx.campaign.policy.extension_cap_days
    if not extensions or not cap:
        return
    status = ctx.deadline
    if status and status.extension_over_cap:
        yield (
            ("extensions",),
            f"累计延期 {status.extension_days} 日，超过上限 {cap} 日：请核对延期记录，"
            f"超出部分须重新报批并说明理由。",
        )


def deadline_in_phase(ctx: CaseContext) -> Check:
    case, campaign = ctx.case, ctx.campaign
    deadline = case.responsibility.deadline
    resolution = campaign.phase("resolution")
    if deadline is None or resolution is None or deadline <= resolution.end:
        return
    if case.extensions or case.responsibility.deadline_reason:
        return
    yield (
        ("responsibility", "deadline"),
        f"办结时限 {deadline} 晚于化解整治阶段结束日 {resolution.end}，又没有批准的延期：请把时限定在"
        f"化解整治阶段内；确需更晚的，请在 responsibility 下填写 deadline_reason 说明理由。",
    )


def statutory_handling(ctx: CaseContext) -> Check:
    policy = ctx.campaign.policy
    for due in statutory_dues(ctx.case, policy, ctx.calendar, ctx.as_of):
        if due.clock.key != "handling" or due.state not in ("overdue", "late"):
            continue
        period = f"{due.citation}：自受理之日（{due.start}）起 {due.clock.days} 日"
        if due.extension_days:
            text = (
                f"延期 {due.extension_days} 日后的法定办理期限 {due.extended_due} 已过（{period}）"
            )
            fix = "请尽快办结，延期已达法定上限"
        else:
            text = f"法定办理期限 {due.due} 已过且没有批准延期（{period}）"
            fix = "请尽快办结；期限已过，不能再批准延期"
        if due.state == "late":
            fix = f"已于 {due.stopped_on} 结案，晚于法定期限：请在 progress 中写明逾期原因"
        else:
            fix = "尚未办结：" + fix
        yield (("statutory", "accepted"), f"{text}，{fix}。")


def evidence_paths(case: Case) -> Iterator[tuple[KeyPath, str]]:
    """Every file the record names: evidence, the re-hearing record, the closure report."""
    for i, item in enumerate(case.evidence):
        yield ("evidence", i), item
    if case.rehearing and case.rehearing.record:
        yield ("rehearing", "record"), case.rehearing.record
    report = case.closure.report if case.closure else None
    if report and report.file:
        yield ("closure", "report", "file"), report.file


def evidence(ctx: CaseContext) -> Check:
    root = ctx.root.resolve()
    for path, value in evidence_paths(ctx.case):
        text = str(value).replace("\\", "/")
        if text.startswith("/") or (len(text) > 1 and text[1] == ":") or ".." in text.split("/"):
            yield (
                path,
                f"材料路径 {value} 必须是仓库内的相对路径（不能以 / 或盘符开头，不能含 ..）："
                f"请把文件放到 evidence/ 下并写相对路径。",
            )
            continue
        state = file_state(ctx.root / text, root)
        if state == "outside":
            yield (path, f"材料路径 {value} 通过链接指向仓库之外：请把文件本身放到 evidence/ 下。")
        elif state == "missing":
            yield (path, f"材料文件 {value} 在仓库中不存在：请上传该文件，或改正路径。")
        elif state != "ok":
            yield (path, f"材料文件 {value} {STATE_WORDS[state]}：请把文件本身放到 evidence/ 下。")
