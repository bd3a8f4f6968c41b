"""Rules on who is responsible: the 四明确, territorial stability, priority and major cases and
their lead, anonymous cases kept confidential."""

from __future__ import annotations

from ..records.case import Case
from ..records.labels import APPROACH_ZH, GRADE_ZH
from .context import CaseContext, Check, KeyPath
from .visits import is_abnormal_beijing

_CLARITIES = [
    ("unit", "承办单位"),
    ("lead_official", "包案领导"),
    ("handler", "具体责任人"),
    ("stability_officer", "稳控责任人"),
    ("deadline", "办结时限"),
    ("requirements", "具体工作要求"),
]


def four_clarities(ctx: CaseContext) -> Check:
    responsibility = ctx.case.responsibility
    for key, label in _CLARITIES:
        if not getattr(responsibility, key):
            yield (
                ("responsibility",),
                f"四明确未落实：缺少“{label}”：请在 responsibility 下填写 {key}。",
            )


def territorial(ctx: CaseContext) -> Check:
    officer = ctx.case.responsibility.stability_officer
    if not officer:
        return
    localities = {p.locality for p in ctx.case.petitioners}
    if officer.unit not in localities:
        names = "、".join(ctx.campaign.unit_name(code) for code in sorted(localities))
        yield (
            ("responsibility", "stability_officer", "unit"),
            f"稳控责任人来自{ctx.campaign.unit_name(officer.unit)}，不是信访人所属的{names}："
            f"按属地管理原则，请由信访人所属乡镇或部门的人员担任稳控责任人。",
        )


def priority_reasons(case: Case) -> list[str]:
    """Why the plan would put a case first: group interests, repeated petitions, Beijing."""
    reasons = []
    if "group_interest" in case.flags:
        reasons.append("涉及群体性利益")
    if "repeat" in case.flags:
        reasons.append("重信重访")
    if any(is_abnormal_beijing(e) for e in case.events):
        reasons.append("有非正常进京访")
    return reasons


def priority_flag(ctx: CaseContext) -> Check:
    reasons = priority_reasons(ctx.case)
    if reasons and not ctx.case.priority:
        path: KeyPath = ("priority",) if ctx.case.has("priority") else ("title",)
        yield (path, f"案件{'、'.join(reasons)}，应列为重点案件：请填写 priority: true。")


def priority_lead(ctx: CaseContext) -> Check:
    if ctx.case.priority and not ctx.case.responsibility.lead_official:
        yield (
            ("priority",),
            "重点案件必须有包案领导全程负责：请在 responsibility 下填写 lead_official。",
        )


def county_lead(ctx: CaseContext) -> Check:
    case, campaign = ctx.case, ctx.campaign
    why = [APPROACH_ZH["task_force"]] if case.approach == "task_force" else []
    why += [f"案件级别为{GRADE_ZH['major']}"] if case.grade == "major" else []
    lead = case.responsibility.lead_official
    if not why or lead in campaign.county_leaders():
        return
    who = f"包案领导 {lead} 不是县级领导" if lead else "没有包案领导"
    yield (
        ("responsibility", "lead_official") if lead else ("responsibility",),
        f"{'、'.join(why)}，须由县级领导包案，{who}：请从 campaign.yml 的 leaders 中确定包案县级领导。",
    )


def anonymous(ctx: CaseContext) -> Check:
    case = ctx.case
    if not case.anonymous:
        return
    if not case.confidential:
        path: KeyPath = ("confidential",) if case.has("confidential") else ("flags",)
        yield (path, "匿名信访须保密，网站上不显示信访人：请填写 confidential: true。")
    if case.rehearing:
        yield (
            ("rehearing",),
            "匿名信访没有可以再次听取申诉的信访人：请删去 rehearing，调查情况写在 investigation；"
            "如已查明信访人，请去掉 anonymous 标识。",
        )
    if case.closed and case.category != "litigation":
        yield (
            ("status",),
            "匿名信访没有可以签署回访意见的信访人，不能结案：办理完毕后请把 status 改为 unreachable"
            "（无法回访，案件仍未结），在 closure.follow_up 下写明原因 reason 和认定的领导 decided_by。",
        )
