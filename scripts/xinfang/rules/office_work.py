"""Rules on the plan's own machinery: the units' special meetings, publicity sessions, the
leading group's inspections and its commendations, with their catalogue entries.

Where the plan is silent, the reading chosen is written in the rule's ``checks`` (shown on the
site's rule catalogue with the plan's words).
"""

from __future__ import annotations

from typing import Any

from ..records.office_work import Commendation, Inspection, Meeting, Publicity
from .context import Check
from .duty_context import RecordContext, RecordRule
from .rule import Levels

PLAN_MOBILISE = (
    "实施方案四（一）宣传发动阶段（4月12日至4月13日）：“各乡镇、各部门要组织召开本单位的专门会议，"
    "主要领导要高度重视，亲自发动、认真部署。”"
)
PLAN_PUBLICITY = (
    "实施方案五、2：“要强化宣传，规范信访秩序。各乡镇、各部门要结合信访条例的贯彻实施，深入宣传社会主义"
    "法治理念，增强信访群众自觉依法信访的思想意识……引导其通过正常法定渠道，以理性合法的形式反映诉求。”"
)
PLAN_INSPECTION = (
    "实施方案五、3：“县活动领导小组不定期到各单位督查督导，根据每个阶段的要求，对重点问题处理情况、"
    "集体访越级访情况、包案和处理情况及时调度、通报。”"
)
PLAN_SUMMARY = (
    "实施方案四（四）总结验收阶段：“县里将适时召开总结大会，对先进典型予以表彰，对出现问题、"
    "影响全县稳定大局的，落实责任追究。”"
)
WARNING: Levels = ((None, "warning"),)
ERROR: Levels = ((None, "error"),)


def meeting_in_mobilisation(ctx: RecordContext[Meeting]) -> Check:
    meeting, phase = ctx.record, ctx.campaign.phase("mobilize")
    if meeting.type == "special" and phase is not None and meeting.date > phase.end:
        yield (
            ("date",),
            f"专门会议 {meeting.date} 才召开，晚于宣传发动阶段（{phase.start} 至 {phase.end}）："
            f"实施方案要求在这一阶段召开。日期记错的请改正；确实晚开的，请在 arranged 中写明原因。",
        )


def meeting_chair(ctx: RecordContext[Meeting]) -> Check:
    meeting = ctx.record
    unit = ctx.campaign.units.get(meeting.unit)
    if meeting.type != "special" or unit is None:
        return
    members = [m.get("name", "") for m in ctx.campaign.leading_group if m.get("unit") == unit.code]
    leaders = list(dict.fromkeys([*unit.leaders, *members]))
    if leaders and meeting.chaired_by not in leaders:
        yield (
            ("chaired_by",),
            f"主持人 {meeting.chaired_by} 不在 campaign.yml 中{unit.name}的领导（{'、'.join(leaders)}）"
            f"之中：实施方案要求主要领导亲自发动、认真部署。请核对主持人，或在 campaign.yml 中补上该领导。",
        )


def summary_meeting_phase(ctx: RecordContext[Meeting]) -> Check:
    meeting, phase = ctx.record, ctx.campaign.phase("summary")
    if meeting.type == "summary" and phase is not None and meeting.date < phase.start:
        yield (
            ("date",),
            f"总结大会 {meeting.date} 早于总结验收阶段（自 {phase.start}）：请核对日期或会议类别"
            f"（本单位部署工作的会议写 special）。",
        )


def publicity_in_campaign(ctx: RecordContext[Publicity]) -> Check:
    session, campaign = ctx.record, ctx.campaign
    if not campaign.start <= session.date <= campaign.end:
        yield (
            ("date",),
            f"宣传日期 {session.date} 不在活动期间（{campaign.start} 至 {campaign.end}）："
            f"请核对日期；活动之外的宣传不记在本活动中。",
        )


def rectification_overdue(ctx: RecordContext[Inspection]) -> Check:
    inspection, as_of = ctx.record, ctx.as_of
    for number, problem in inspection.open_problems(as_of):
        if problem.rectify_by < as_of:
            unit = ctx.campaign.unit_name(problem.unit)
            yield (
                ("findings", number - 1, "rectify_by"),
                f"{unit}的第 {number} 个问题整改期限 {problem.rectify_by} 已过 "
                f"{(as_of - problem.rectify_by).days} 天，没有整改记录：请核实整改情况，"
                f"在 rectifications 中追加一条（finding: {number}、日期、整改情况）。",
            )


def inspection_dates(ctx: RecordContext[Inspection]) -> Check:
    inspection = ctx.record
    for i, problem in enumerate(inspection.findings):
        if problem.rectify_by < inspection.date:
            yield (
                ("findings", i, "rectify_by"),
                f"整改期限 {problem.rectify_by} 早于督查日期 {inspection.date}：请改正日期。",
            )
    for i, done in enumerate(inspection.rectifications):
        if done.finding > len(inspection.findings):
            yield (
                ("rectifications", i, "finding"),
                f"整改的是第 {done.finding} 个问题，但 findings 只有 {len(inspection.findings)} 个："
                f"请改正问题序号（从 1 数起）。",
            )
        if done.date < inspection.date:
            yield (
                ("rectifications", i, "date"),
                f"整改日期 {done.date} 早于督查日期 {inspection.date}：请改正日期。",
            )


def inspection_units(ctx: RecordContext[Inspection]) -> Check:
    inspection = ctx.record
    for i, problem in enumerate(inspection.findings):
        if problem.unit not in inspection.units:
            yield (
                ("findings", i, "unit"),
                f"问题所在单位 {problem.unit} 不在这次督查的单位（{'、'.join(inspection.units)}）之中："
                f"请核对单位代码，或在 units 中补上该单位。",
            )


def commendation_decision(ctx: RecordContext[Commendation]) -> Check:
    record = ctx.record
    missing = [
        words
        for words, value in (
            ("研究决定的会议（meeting）", record.meeting),
            ("事迹（facts）", record.facts),
        )
        if not value
    ]
    if missing:
        yield (
            ("by",),
            f"没有写明{'、'.join(missing)}：表彰由领导小组研究决定，记录要写明谁、哪天、在哪次会议上、"
            f"根据哪些事迹决定的。请按会议记录补写。",
        )


def commendation_named(ctx: RecordContext[Commendation]) -> Check:
    if not ctx.record.units and not ctx.record.persons:
        yield (
            ("honour",),
            "没有写受表彰的单位或个人：请在 units 中写单位代码，或在 persons 中写人员（姓名、职务、单位）。",
        )


def commendation_at_summary(ctx: RecordContext[Commendation]) -> Check:
    record, phase = ctx.record, ctx.campaign.phase("summary")
    if phase is not None and record.date < phase.start:
        yield (
            ("date",),
            f"表彰决定日期 {record.date} 早于总结验收阶段（自 {phase.start}）：实施方案在总结大会上表彰先进。"
            f"请核对日期；确属阶段性表彰的，请在 meeting 中写明是哪次会议。",
        )


OFFICE_WORK_RULES: list[RecordRule[Any]] = [
    RecordRule(
        "meeting-mobilisation", "专门会议在宣传发动阶段", "meeting",
        "各单位的专门会议在宣传发动阶段结束之前召开（在活动开始之前收到方案就开会的也算）。"
        "还没有专门会议记录的单位，在“六个到位”页面的排查到位一栏显示为未记录，不作为检查问题"
        "（方案没有规定怎样记录，本系统采用此读法）。",
        PLAN_MOBILISE, WARNING, meeting_in_mobilisation,
    ),
    RecordRule(
        "meeting-chair", "主要领导主持", "meeting",
        "专门会议由本单位的主要领导主持：campaign.yml 中该单位 leaders 所列的领导，或领导小组中来自该单位"
        "的成员（方案只说主要领导，本系统以这两份名单为准）。",
        PLAN_MOBILISE, WARNING, meeting_chair,
    ),
    RecordRule(
        "summary-meeting-phase", "总结大会在总结验收阶段", "meeting",
        "县里的总结大会在总结验收阶段开始之后召开。",
        PLAN_SUMMARY, WARNING, summary_meeting_phase,
    ),
    RecordRule(
        "publicity-in-campaign", "宣传在活动期间", "publicity",
        "宣传活动的日期在活动期间（第一阶段开始至最后阶段结束）。",
        PLAN_PUBLICITY, WARNING, publicity_in_campaign,
    ),
    RecordRule(
        "rectification-overdue", "督查问题按期整改", "inspection",
        "督查发现的问题在整改期限之前有整改记录（rectifications 中写了该问题的序号）；期限已过、没有整改"
        "记录的是检查问题。整改记录写了即算，是否整改到位由领导小组办公室核实（checked_by）"
        "（方案没有规定怎样核实，本系统采用此读法）。",
        PLAN_INSPECTION, WARNING, rectification_overdue,
    ),
    RecordRule(
        "inspection-dates", "督查日期", "inspection",
        "整改期限和整改日期不早于督查日期；整改记录的问题序号在 findings 之内。",
        PLAN_INSPECTION, ERROR, inspection_dates,
    ),
    RecordRule(
        "inspection-units", "问题单位在督查单位之中", "inspection",
        "督查发现的问题所在的单位是这次督查的单位之一。",
        PLAN_INSPECTION, WARNING, inspection_units,
    ),
    RecordRule(
        "commendation-decision", "表彰决定要素齐全", "commendation",
        "每项表彰写明决定机关、决定日期、研究决定的会议和事迹；表彰和责任追究一样是领导小组的决定，"
        "程序只记录，不评选先进（哪些要素必须记录，方案没有规定，本系统采用与责任追究相同的读法）。",
        PLAN_SUMMARY, WARNING, commendation_decision,
    ),
    RecordRule(
        "commendation-named", "写明受表彰者", "commendation",
        "每项表彰至少写一个受表彰的单位或个人。",
        PLAN_SUMMARY, ERROR, commendation_named,
    ),
    RecordRule(
        "commendation-at-summary", "在总结大会上表彰", "commendation",
        "表彰决定在总结验收阶段开始之后作出（方案只在总结大会一处写了表彰，本系统据此提示更早的表彰）。",
        PLAN_SUMMARY, WARNING, commendation_at_summary,
    ),
]  # fmt: skip
