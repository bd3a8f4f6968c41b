"""The campaign's compliance rules, each with its id, severity by phase, fix and the plan's words.

A rule looks at one case in its context (the campaign, the as-of date) and yields hits: the path of
the offending key and a Chinese message naming the fix (the checks live in ``responsibility.py``,
``handling.py``, ``closure.py``, ``settlement.py``, ``incidents.py``, ``plausibility.py`` and
``identity.py``; the rules on the steps of handling are in ``procedure_table.py``). Each rule's
``plan`` names its source first: the part of the 实施方案 it quotes,
or the article of the regulation. ``check_case`` turns hits into findings with the severity the
rule has on the as-of date. Most rules judge the case as it stood on the as-of date; a rule ``on_record`` judges the record
as written (a mistyped date or number is a mistake whatever the day).
"""

from __future__ import annotations

from ..findings import Finding
from . import closure, handling, private_text, responsibility, settlement
from .context import CaseContext
from .entry_table import ENTRY_RULES
from .incident_table import INCIDENT_RULES
from .procedure_table import PROCEDURE_RULES
from .rule import (
    CLOSING,
    LAW,
    PLAN,
    PLAN_CLOSURE,
    PLAN_FOLLOW_UP,
    PLAN_PRIORITY,
    PLAN_REGISTER,
    REGISTER,
    RESOLVE,
    START,
    Rule,
)

UNPUBLISHED = "unpublished-name"

CASE_RULES: list[Rule] = [
    Rule(
        "four-clarities",
        "四明确",
        "每件案件都落实了承办单位、包案领导、具体责任人、稳控责任人、办结时限和具体工作要求。",
        PLAN_REGISTER,
        (("registration", "warning"), ("resolution", "error")),
        responsibility.four_clarities,
    ),
    Rule(
        "deadline-in-phase",
        "办结时限在化解整治阶段内",
        "登记的办结时限不晚于化解整治阶段的结束日（本方案为 7 月 15 日）；更晚的须有批准的延期或写明理由"
        "（deadline_reason）。未登记时限的，只按活动配置的默认天数计算，本系统不另设默认期限。",
        f"{RESOLVE}（4月20日至7月15日）；{REGISTER}：“明确办结时限”。",
        (("registration", "warning"), ("resolution", "error")),
        handling.deadline_in_phase,
    ),
    Rule(
        "rehearing-record",
        "谈话记录",
        "化解整治阶段开始后，每件案件（含刚登记的）都有再次听取申诉的谈话记录（日期、谈话人、记录文件）；"
        "匿名信访没有可听取的信访人，不适用本条，按匿名规则处理。",
        f"{RESOLVE}：“责任单位对分包的案件，不管是新问题还是老问题，都要再认真听取一次信访人的申诉（要形成谈话记录）。”",
        START,
        handling.rehearing,
    ),
    Rule(
        "anonymous",
        "匿名信访",
        "标为匿名的案件保密（confidential: true，网站不显示信访人），且不写再次听取申诉的谈话记录。"
        "匿名信访没有可以签署回访意见的信访人，按实施方案“凡不具备上述要件的，不能结案”，办理完毕后"
        "写无法回访（status: unreachable），案件不计为结案（涉法涉诉案件按法律程序结案的除外）。"
        "实施方案未专门规定匿名信访，本系统采用此读法。",
        f"{LAW}第二十三条：检举、揭发、控告材料及有关情况不得透露、转送给被检举、揭发、控告的人员和单位。",
        ((None, "error"),),
        responsibility.anonymous,
    ),
    Rule(
        "investigation-before-closure",
        "调查与症结",
        "已结案的案件写明了调查核实情况和症结分析。",
        f"{RESOLVE}：“对信访人反映的问题进行全面调查核实……形成文字材料，分析症结，查找原因，决不能笼统、简单地把责任归咎于信访人及其他客观原因。”",
        ((None, "error"),),
        handling.investigation,
    ),
    Rule(
        "closure-report",
        "结案要件一：报告内容",
        "已结案的非涉法涉诉案件，结案报告写明信访人反映的问题、调查情况和处理意见或复查意见。",
        f"{CLOSING}：“其他案件结案报告必须具备以下内容：一是信访人反映的问题、调查情况、责任单位处理意见或复查意见。”",
        ((None, "error"),),
        closure.closure_report,
    ),
    Rule(
        "closure-seal-signatures",
        "结案要件二：公章和签字",
        "已结案的非涉法涉诉案件，结案报告加盖公章，并有责任单位领导和具体办理责任人签字。",
        f"{CLOSING}：“二是除加盖公章外，要有责任单位领导和具体办理责任人的签字。”",
        ((None, "error"),),
        closure.closure_seal_signatures,
    ),
    Rule(
        "signature-leader",
        "单位领导签字的人",
        "结案报告上签字的单位领导是承办单位在 campaign.yml 中列出的领导，或县级领导。",
        f"{CLOSING}：“要有责任单位领导和具体办理责任人的签字。”",
        ((None, "error"),),
        closure.signature_leader,
    ),
    Rule(
        "signature-handler",
        "办理人签字的人",
        "结案报告上签字的具体办理责任人就是登记的具体责任人；不一致时提示，并写出两人姓名。",
        f"{CLOSING}：“要有责任单位领导和具体办理责任人的签字。”",
        ((None, "warning"),),
        closure.signature_handler,
    ),
    Rule(
        "closure-follow-up",
        "结案要件三：回访意见",
        "已结案的非涉法涉诉案件有信访人签字的回访意见：签“同意”或“不同意”的写明签字的信访人"
        "（须是登记的信访人或推选的代表；电话回访取得的口头意见不算签字）；签“不同意”或拒签的，"
        "回访人注明原因。无法回访不是回访意见，不能结案（见“无法回访”规则）。",
        PLAN_FOLLOW_UP,
        ((None, "error"),),
        closure.closure_follow_up,
    ),
    Rule(
        "unreachable",
        "无法回访",
        "回访不到信访人（匿名、外出、去世）的案件写 status: unreachable，在回访记录中写明回访日期、"
        "回访人、原因和认定无法回访的领导，不写结案日期。这样的案件不计为结案，在统计、网站、Excel 和"
        "通报中单独列出；办结时限在回访之日停止计算（承办单位的办理已经结束）。方案没有规定无法回访，"
        "本系统按“凡不具备上述要件的，不能结案”采用此读法。",
        PLAN_FOLLOW_UP,
        ((None, "error"),),
        closure.unreachable,
    ),
    Rule(
        "follow-up-before-closure",
        "先回访后结案",
        "回访日期不晚于结案日期：回访意见是结案报告的一部分；按统计日期看，要件齐全之日才算结案。",
        PLAN_FOLLOW_UP,
        ((None, "error"),),
        closure.follow_up_order,
    ),
    Rule(
        "closure-legal",
        "涉法涉诉结案",
        "已结案的涉法涉诉案件写明所依据的法律程序和法律文书（免于上述三项要件）。",
        f"{CLOSING}：“除涉法涉诉案件严格按法律规定办理外，其他案件结案报告必须具备以下内容。”",
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
        "settled-verified",
        "息诉罢访经核实",
        "填写息诉罢访的案件已结案（涉法涉诉为法律程序终结），回访结果为同意，且结案后没有再信访；"
        "息诉罢访率只计经核实、且结案后的观察期已满的案件，观察期内为“待观察”，不计入。观察期是活动设置"
        "（policies.settlement_observation_days），本系统默认 30 日：《信访条例》第三十四条，信访人可在"
        "收到书面答复之日起 30 日内请求复查，这段时间既未请求复查也未再信访，才看得出处理意见已被接受；"
        "实施方案没有规定观察期，县里可以设得更长。",
        f"{PLAN}一、指导思想：“以案结事了、息诉罢访为最终目的”；{PLAN}四（四）总结验收阶段：“对所包案件没能结案或没能息诉罢访的，有针对性地制定下一步工作措施。”",
        ((None, "error"),),
        settlement.settled_verified,
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
        f"{PLAN}四（四）总结验收阶段：“对所包案件没能结案或没能息诉罢访的，有针对性地制定下一步工作措施。”",
        (("summary", "error"),),
        handling.next_steps,
    ),
    Rule(
        "territorial-stability",
        "属地稳控",
        "稳控责任人来自信访人所属的乡镇或部门；化解中出现的越级访、集体访和非正常进京访同时记在信访人所属单位和承办单位名下。",
        f"{RESOLVE}：“在调处化解期间出现问题，信访人所属部门、乡镇和调处化解责任单位要共同承担责任；稳控责任坚持‘属地管理’原则，由信访人所属部门、乡镇负责。”",
        ((None, "warning"), ("resolution", "error")),
        responsibility.territorial,
    ),
    Rule(
        "priority-flag",
        "重点案件标识",
        "涉及群体性利益、重信重访或有非正常进京访的案件标为重点案件。",
        PLAN_PRIORITY,
        ((None, "warning"),),
        responsibility.priority_flag,
    ),
    Rule(
        "priority-lead",
        "重点案件包案领导",
        "重点案件有包案领导。",
        f"{REGISTER}：“包案的各级领导对所分包的信访案件要全程负责，直到‘案结事了，息诉罢访’。”",
        ((None, "error"),),
        responsibility.priority_lead,
    ),
    Rule(
        "county-lead",
        "县级领导包案",
        "成立工作组合力攻坚（approach: task_force）或级别为重大的案件，包案领导是县级领导（campaign.yml 的 leaders）。",
        f"{RESOLVE}：“对矛盾复杂、涉及面广的重大问题，要向包案县级领导汇报，组织相关单位成立工作组，合力攻坚。”",
        ((None, "error"),),
        responsibility.county_lead,
    ),
    Rule(
        "extension",
        "延期",
        "延期记录写明延到哪天（新时限或天数），累计延期不超过活动政策的上限（默认 30 日）。",
        f"{LAW}第三十三条：情况复杂的，经本行政机关负责人批准，可以适当延长办理期限，但延长期限不得超过 30 日，并告知信访人延期理由。",
        ((None, "error"),),
        handling.extensions,
    ),
    Rule(
        "statutory-handling",
        "法定办理期限",
        "启用法定时限且写了受理日期的案件，未在法定办理期限（受理之日起 60 日，批准延期的加上延期，最多 30 日）内办结时提示；"
        "按受理当日有效的条例计算。期限届满后才批准的延期不计入，结案即停止计时（条例未明说，本系统采用此读法）。",
        f"{LAW}第三十三条：信访事项应当自受理之日起 60 日内办结；情况复杂的，经批准可以适当延长，延长期限不得超过 30 日。",
        ((None, "warning"),),
        handling.statutory_handling,
        by_regulation=(
            (
                "2005",
                "2022 年 5 月 1 日前受理的，按《信访条例》第三十三条，期间按《民法通则》第一百五十四条计算。",
            ),
            (
                "2022",
                "2022 年 5 月 1 日起受理的，按《信访工作条例》第三十四条，期间按《民法典》第二百零一条、第二百零三条计算。",
            ),
        ),
    ),
    Rule(
        UNPUBLISHED,
        "不公开的姓名和身份",
        "案件和隐患、交办件、单位上报材料、责任追究记录的文字（案件名称、诉求、进展、隐患描述、交办事项等）"
        "不写重点人员的姓名、登记编号和是否列为重点人员，不写保密案件信访人的姓名；网站、台账和通报中这些"
        "内容一律显示为“（保密）”。只写姓名的栏目（信访人姓名、承办人等）不在此列；说人数"
        "（“重点人员 3 人”）或泛指（“走访重点人员”）不算写明身份。条例和实施方案未专门规定，本系统采用此读法。",
        f"{LAW}第二十三条：检举、揭发、控告材料及有关情况不得透露、转送给被检举、揭发、控告的人员和单位；"
        "《个人信息保护法》第二十八条：特定身份等属于敏感个人信息，第三十四条：国家机关处理个人信息不得超出履行"
        "法定职责所必需的范围和限度。",
        ((None, "warning"),),
        private_text.in_case,
        on_record=True,
    ),
]

RULES: list[Rule] = [*CASE_RULES, *INCIDENT_RULES, *PROCEDURE_RULES, *ENTRY_RULES]
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
