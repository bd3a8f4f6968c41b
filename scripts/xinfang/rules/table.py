"""The campaign's compliance rules, each with its id, severity by phase, fix and the plan's words.

A rule looks at one case in its context (the campaign, the as-of date) and yields hits: the path of
the offending key and a Chinese message naming the fix (the checks live in ``responsibility.py``,
``handling.py``, ``closure.py``, ``incidents.py``, ``plausibility.py`` and ``identity.py``).
``check_case`` turns hits into findings with the severity the rule has on the as-of date.
Most rules judge the case as it stood on the as-of date; a rule ``on_record`` judges the record
as written (a mistyped date or number is a mistake whatever the day).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..campaign.phases import has_started
from ..findings import Finding, Severity
from ..records.campaign import Campaign
from . import closure, handling, identity, incidents, plausibility, responsibility
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
    on_record: bool = False  # judges the record as written, even before its registration date

    def severity_on(self, campaign: Campaign, as_of: date) -> Severity | None:
        severity: Severity | None = None
        for phase_id, level in self.levels:
            if phase_id is None or has_started(campaign, phase_id, as_of):
                severity = level
        return severity

    def levels_text(self) -> str:
        words = {"error": "错误", "warning": "警告"}
        return "；".join(
            f"{'始终' if p is None else PHASE_NAMES.get(p, p) + '起'}：{words[s]}"
            for p, s in self.levels
        )


PLAN_REGISTER = "对排查出的信访问题，要登记造册，建立台帐，逐案落实承办单位、包案领导和具体责任人、稳控责任人，明确办结时限，提出具体工作要求。"
PLAN_CLOSURE = "所有案件的办理要严格程序和结案标准，保证每个案件文字材料齐全，程序完备合法。"
PLAN_REPORT = (
    "各单位将排查情况于4月20日前上报县领导小组办公室（县信访局），上报后再出现新发问题随时上报。"
)
GB_11643 = (
    "GB 11643-1999《公民身份号码》：公民身份号码是特征组合码，由十七位数字本体码和一位校验码组成。"
    "排列顺序从左至右依次为：六位数字地址码，八位数字出生日期码，三位数字顺序码和一位数字校验码。"
)

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
    Rule(
        "date-range",
        "日期范围",
        "记录中的日期都不早于 1949 年 10 月 1 日；已经发生的事（首次信访、登记、信访事件、谈话、"
        "办理进展、延期批准、回访、法定时限的起算日、重新办理、更正）不晚于统计日期（统计日期早于今天时，"
        "以今天为准：往日的统计日期之后发生的事不算写错）；办结时限不晚于活动结束的次年年底。"
        "这些都是明显写错的年份或月份，所以是错误。结案日期由“结案日期”规则检查。",
        PLAN_CLOSURE,
        ((None, "error"),),
        plausibility.date_range,
        on_record=True,
    ),
    Rule(
        "date-order",
        "日期先后",
        "首次信访日期 ≤ 登记日期 ≤ 办结时限；谈话、办理进展、延期批准和回访不早于登记日期"
        "（信访事件可以早于登记）。有几项办理都早于登记时，只报一次，指向登记日期。",
        PLAN_REGISTER,
        ((None, "error"),),
        plausibility.date_order,
        on_record=True,
    ),
    Rule(
        "registration-date",
        "登记日期在活动期间",
        "登记日期（本次活动登记造册的日期）在活动开始和结束之间；活动结束后登记的，"
        "或是日期写错，或是活动延长而 campaign.yml 未改，都是错误。",
        "从4月12日至7月底，在全县范围内深入开展“查隐患、清积案、净环境”信访问题专项治理活动。",
        ((None, "error"),),
        plausibility.registration_date,
        on_record=True,
    ),
    Rule(
        "reported-later",
        "新发问题随时上报",
        f"排查建档阶段结束 {plausibility.LATE_REGISTRATION_DAYS} 日以后才登记的案件是新发问题："
        "首次信访日期在排查建档阶段之后，或写明 reported_later: true（例如新交办的老问题）；"
        "否则提示可能是排查遗漏。标为新发问题的案件，登记日期在排查建档阶段之后。"
        "方案允许随时上报新发问题，遗漏也只能如实记录，所以是警告。",
        PLAN_REPORT,
        ((None, "warning"),),
        plausibility.reported_later,
        on_record=True,
    ),
    Rule(
        "head-count",
        "涉及人数",
        f"涉及人数不少于列出的信访人数；涉及人数和每次信访事件的人数不超过 "
        f"{plausibility.MAX_HEAD_COUNT} 人（超过的是写错的数字）。",
        "坚决防止越级集体访和非正常进京访的发生。",
        ((None, "error"),),
        plausibility.head_count,
        on_record=True,
    ),
    Rule(
        "id-number",
        "身份证号",
        "18 位身份证号的校验码正确（GB 11643 的加权校验）、出生日期是真实的日期、不晚于登记日期、"
        f"不早于登记前 {identity.OLDEST_YEARS} 年；同一案件的信访人号码不重复。不按地区代码表核对前六位"
        "（行政区划常有调整）。号码抄错就找不到这个人，所以是错误；提示中不显示号码本身。",
        GB_11643,
        ((None, "error"),),
        identity.id_numbers,
        on_record=True,
    ),
    Rule(
        "id-number-old",
        "15 位旧身份证号",
        "15 位的旧身份证号（1999 年以前签发，出生年份两位、没有校验码）可以使用，提示有条件时换成 18 位。",
        GB_11643,
        ((None, "warning"),),
        identity.old_id_numbers,
        on_record=True,
    ),
    Rule(
        "phone-number",
        "联系电话",
        "手机号码为 11 位数字；固定电话带区号（以 0 开头的 3 或 4 位），区号后 7 或 8 位，"
        "可加分机号。号码不对就联系不上信访人、做不了回访，所以是错误。",
        "三是要有信访人签字的回访意见。",
        ((None, "error"),),
        identity.phones,
        on_record=True,
    ),
]

RULES_BY_ID = {rule.id: rule for rule in RULES}


def check_case(ctx: CaseContext, registered: bool = True) -> list[Finding]:
    """The findings of every rule; only the ``on_record`` rules for a case not yet registered."""
    found = []
    for rule in RULES:
        if not (registered or rule.on_record):
            continue
        severity = rule.severity_on(ctx.campaign, ctx.as_of)
        if severity is None:
            continue
        for path, message in rule.check(ctx):
            found.append(Finding(ctx.case.rel, ctx.case.line(*path), rule.id, severity, message))
    return found
