"""The campaign's compliance rules, each with its id, severity by phase, fix and the plan's words.

A rule looks at one case in its context (the campaign, the as-of date) and yields hits: the path of
the offending key and a Chinese message naming the fix (the checks live in ``responsibility.py``,
``handling.py``, ``closure.py`` and ``incidents.py``). ``check_case`` turns hits into findings
with the severity the rule has on the as-of date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..campaign.phases import has_started
from ..findings import Finding, Severity
from ..records.campaign import Campaign
from . import closure, handling, incidents, responsibility
from .context import CaseContext, Check

PHASE_NAMES = {
    "mobilize": "宣传发动阶段",
    "registration": "排查建档阶段",
    "resolution": "化解整治阶段",
    "summary": "总结验收阶段",
}


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    checks: str  # what the rule checks, for the catalogue
    plan: str  # the plan's (or the law's) own words: the reason for the rule
    levels: tuple[
        tuple[str | None, Severity], ...
    ]  # (phase from whose start, severity); None: always
    check: Callable[[CaseContext], Check]

    def severity_on(self, campaign: Campaign, as_of: date) -> Severity | None:
        return severity_by_phase(self.levels, campaign, as_of)

    def levels_text(self) -> str:
        return levels_in_words(self.levels)


Levels = tuple[tuple[str | None, Severity], ...]


def severity_by_phase(levels: Levels, campaign: Campaign, as_of: date) -> Severity | None:
    """The severity a rule has on ``as_of``: that of the last phase in ``levels`` begun by then."""
    severity: Severity | None = None
    for phase_id, level in levels:
        if phase_id is None or has_started(campaign, phase_id, as_of):
            severity = level
    return severity


def levels_in_words(levels: Levels) -> str:
    words = {"error": "错误", "warning": "警告"}
    return "；".join(
        f"{'始终' if p is None else PHASE_NAMES.get(p, p) + '起'}：{words[s]}" for p, s in levels
    )


PLAN_REGISTER = "对排查出的信访问题，要登记造册，建立台帐，逐案落实承办单位、包案领导和具体责任人、稳控责任人，明确办结时限，提出具体工作要求。"
PLAN_CLOSURE = "所有案件的办理要严格程序和结案标准，保证每个案件文字材料齐全，程序完备合法。"

RULES: list[Rule] = [
    Rule(
        "four-clarities",
        "四明确",
        "每件案件都落实了承办单位、包案领导、具体责任人、稳控责任人、办结时限和具体工作要求。",
        PLAN_REGISTER,
        (("registration", "warning"), ("resolution", "error")),
        responsibility.four_clarities,
    ),
    Rule(
        "rehearing-record",
        "谈话记录",
        "化解中和已结案的案件有再次听取申诉的谈话记录（日期、谈话人、记录文件）。",
        "责任单位对分包的案件，不管是新问题还是老问题，都要再认真听取一次信访人的申诉（要形成谈话记录）。",
        (("resolution", "warning"), ("summary", "error")),
        handling.rehearing,
    ),
    Rule(
        "investigation-before-closure",
        "调查与症结",
        "已结案的案件写明了调查核实情况和症结分析。",
        "对信访人反映的问题进行全面调查核实……形成文字材料，分析症结，查找原因，决不能笼统、简单地把责任归咎于信访人及其他客观原因。",
        ((None, "error"),),
        handling.investigation,
    ),
    Rule(
        "closure-report",
        "结案要件一：报告内容",
        "已结案的非涉法涉诉案件，结案报告写明信访人反映的问题、调查情况和处理意见或复查意见。",
        "其他案件结案报告必须具备以下内容：一是信访人反映的问题、调查情况、责任单位处理意见或复查意见。",
        ((None, "error"),),
        closure.closure_report,
    ),
    Rule(
        "closure-seal-signatures",
        "结案要件二：公章和签字",
        "已结案的非涉法涉诉案件，结案报告加盖公章，并有责任单位领导和具体办理责任人签字。",
        "二是除加盖公章外，要有责任单位领导和具体办理责任人的签字。",
        ((None, "error"),),
        closure.closure_seal_signatures,
    ),
    Rule(
        "closure-follow-up",
        "结案要件三：回访意见",
        "已结案的非涉法涉诉案件有信访人签字的回访意见；签“不同意”或拒签的，回访人注明原因。",
        "三是要有信访人签字的回访意见，信访人签署“不同意”和拒签的，回访人要注明原因。凡不具备上述要件的，不能结案。",
        ((None, "error"),),
        closure.closure_follow_up,
    ),
    Rule(
        "closure-legal",
        "涉法涉诉结案",
        "已结案的涉法涉诉案件写明所依据的法律程序和法律文书（免于上述三项要件）。",
        "除涉法涉诉案件严格按法律规定办理外，其他案件结案报告必须具备以下内容。",
        ((None, "error"),),
        closure.closure_legal,
    ),
    Rule(
        "closure-date",
        "结案日期",
        "已结案的案件有结案日期，且不早于登记日期、不晚于统计日期。",
        PLAN_CLOSURE,
        ((None, "error"),),
        closure.closure_date,
    ),
    Rule(
        "evidence-files",
        "材料文件",
        "记录中写到的谈话记录、结案报告和证据材料都是仓库内存在的文件（不用绝对路径、不含 ..、不链接到仓库外）。",
        PLAN_CLOSURE,
        ((None, "error"),),
        handling.evidence,
    ),
    Rule(
        "next-steps",
        "下一步工作措施",
        "总结验收阶段，未结案或未息诉罢访的案件有下一步工作措施。",
        "对所包案件没能结案或没能息诉罢访的，有针对性地制定下一步工作措施。",
        (("summary", "error"),),
        handling.next_steps,
    ),
    Rule(
        "territorial-stability",
        "属地稳控",
        "稳控责任人来自信访人所属的乡镇或部门。",
        "稳控责任坚持“属地管理”原则，由信访人所属部门、乡镇负责。",
        ((None, "warning"),),
        responsibility.territorial,
    ),
    Rule(
        "priority-flag",
        "重点案件标识",
        "涉及群体性利益、重信重访或有非正常进京访的案件标为重点案件。",
        "要把那些涉及群体性利益、屡次重信重访、非正常进京访的案件做为工作重点，首先抓紧办好。",
        ((None, "warning"),),
        responsibility.priority_flag,
    ),
    Rule(
        "priority-lead",
        "重点案件包案领导",
        "重点案件有包案领导。",
        "包案的各级领导对所分包的信访案件要全程负责，直到“案结事了，息诉罢访”。",
        ((None, "error"),),
        responsibility.priority_lead,
    ),
    Rule(
        "collective-flag",
        "集体访标识",
        "一次信访人数达到活动政策的集体访人数（默认 5 人）的案件标有集体访。",
        "坚决防止越级集体访和非正常进京访的发生。",
        ((None, "warning"),),
        incidents.collective_flag,
    ),
    Rule(
        "cross-level-flag",
        "越级访标识",
        "到市、省或进京信访的案件标有越级访。",
        "坚决防止越级集体访和非正常进京访的发生。",
        ((None, "warning"),),
        incidents.cross_level_flag,
    ),
    Rule(
        "extension",
        "延期",
        "延期记录写明延到哪天（新时限或天数），累计延期不超过活动政策的上限（默认 30 日）。",
        "《信访条例》第三十三条：情况复杂的，经本行政机关负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。",
        ((None, "error"),),
        handling.extensions,
    ),
]

RULES_BY_ID = {rule.id: rule for rule in RULES}


def check_case(ctx: CaseContext) -> list[Finding]:
    found = []
    for rule in RULES:
        severity = rule.severity_on(ctx.campaign, ctx.as_of)
        if severity is None:
            continue
        for path, message in rule.check(ctx):
            found.append(Finding(ctx.case.rel, ctx.case.line(*path), rule.id, severity, message))
    return found
