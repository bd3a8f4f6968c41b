"""The rules on how a case is handled step by step, beside the closure standard: the written
material of the re-hearing and its analysis of the cause, handling by law, the deadlines an
assignment binds and extensions approved in time, the acceptance decision and its notice.

Each rule's ``plan`` names its source first, as in ``table.py``; where the plan is silent, the
``checks`` text says which reading the system takes.
"""

from __future__ import annotations

from . import acceptance, binding, by_law, handling
from .rule import LAW, PLAN, REGISTER, RESOLVE, Rule

PLAN_WRITTEN = (
    f"{RESOLVE}：“对信访人反映的问题进行全面调查核实，彻底搞清信访人反映的所有问题及事实、原处理意见的"
    f"法律政策依据、信访人坚持的理由、当前思想状况和生活状况，形成文字材料，分析症结，查找原因，"
    f"决不能笼统、简单地把责任归咎于信访人及其他客观原因。”"
)

PLAN_BY_LAW = (
    f"{RESOLVE}：“对不听劝阻，一意缠访、闹访的违法上访人员，要充分固定证据，依法严肃处理，"
    f"端正信访导向。”"
)

PROCEDURE_RULES: list[Rule] = [
    Rule(
        "investigation-items",
        "调查材料分项",
        "办理结束（已结案或无法回访）的案件，文字材料分项写明方案列出的各项：反映的问题及事实"
        "（investigation）、原处理意见的法律政策依据（basis）、信访人坚持的理由、当前思想状况和生活状况"
        "（rehearing 下的 reasons、mind、living）、症结分析（root_cause）和原因所在（cause_in）。"
        "匿名信访没有可以听取的信访人，只要求事实、依据和症结。这是再次听取申诉和调查核实的要求，"
        "不是结案标准的三项要件，所以与谈话记录一样：化解整治阶段为警告，总结验收阶段起为错误。",
        PLAN_WRITTEN,
        (("resolution", "warning"), ("summary", "error")),
        handling.investigation_items,
    ),
    Rule(
        "cause-blame",
        "症结不能归咎于信访人",
        "原因所在（cause_in）只选了信访人方面和客观条件时提示：请查一查有关单位的工作、政策执行和"
        "其他当事人方面的原因。是否归咎过简由人判断，本系统只按所选的方面提示，所以是警告。",
        PLAN_WRITTEN,
        ((None, "warning"),),
        handling.cause_blame,
    ),
    Rule(
        "by-law",
        "依法处理的记录",
        "化解方式为依法处理（approach: by_law）的案件，在 by_law 下写明已经发生的违法行为和行为日期；"
        "作出处理决定的，处理措施、依据的法律条款、决定机关、决定文书和决定日期都要写明，决定不早于"
        "行为；条款按决定当日有效的法律法规（例如《信访条例》只适用于它有效期间的决定）；"
        "行政拘留由县级公安机关决定，派出所不能决定。",
        PLAN_BY_LAW,
        ((None, "error"),),
        by_law.by_law,
    ),
    Rule(
        "by-law-intent",
        "扬言不是行为",
        "依法处理的违法行为写成扬言、声称、准备、打算等意图或威胁时提示：意图和威胁不是已经发生的"
        "行为，不能据以依法处理。本系统只按这些字眼提示，是否确有行为由审核人判断，所以是警告。",
        PLAN_BY_LAW,
        ((None, "warning"),),
        by_law.intent_not_conduct,
    ),
    Rule(
        "report-due",
        "交办件的报结期限",
        "上级交办的案件（交办件记录 assignments/ 中 case 写了本案编号）同时受交办机关要求的报结期限约束："
        "办结时限（含延期）与报结期限中较早的为准，超期、临期和逾期办结都按它计算，网站和台账显示的"
        "也是它；县里批准的延期不能推迟交办机关的报结期限。本案的办结时限晚于报结期限时提示。"
        "实施方案只说省、市交办的事项是重点，没有规定期限的关系，本系统采用此读法。",
        f"{PLAN}二、工作目标：重点解决“省、市交办的信访事项”；{REGISTER}：“明确办结时限”。",
        ((None, "warning"),),
        binding.report_due,
    ),
    Rule(
        "extension-lapsed",
        "延期在期限内批准",
        "延期须在当时的办结时限届满前（最晚在最后一天）批准；期限已过才批准的延期不计入，案件按原时限"
        "计为超期（统计、网站、台账和通报都这样算），领导视图和通报也不再请领导批准已过期的延期。"
        "记录如实保留，所以是警告。",
        f"{LAW}第三十三条：情况复杂的，经本行政机关负责人批准，可以适当延长办理期限，但延长期限不得"
        f"超过 30 日，并告知信访人延期理由。（延长的是尚未届满的期限。）",
        ((None, "warning"),),
        binding.extension_lapsed,
    ),
    Rule(
        "acceptance-notice",
        "受理告知",
        "活动期间收到的信访事项（来信、来访、电话、电子邮件、传真和交办，不含本单位排查发现的）记录"
        "收到日期、受理或不予受理的决定和书面告知信访人的日期；决定和书面告知都不晚于收到之日起 15 日"
        "（期间的计算与法定时限相同：本活动按自然日，首日不计入，最后一日是节假日的顺延）；不予受理的"
        "写明理由和告知的途径；匿名信访（姓名、住址不清）不要求书面告知。活动开始前收到的老问题当时"
        "已经受理，记录与否由单位决定；写了收到日期的也按此检查。逾期是已经发生的事，所以是警告。",
        f"{LAW}第二十二条：收到信访事项的机关应当自收到之日起 15 日内书面告知信访人是否受理"
        f"（第二十一条同为 15 日）；信访人的姓名（名称）、住址不清的除外。",
        ((None, "warning"),),
        acceptance.acceptance_notice,
    ),
    Rule(
        "petition-form",
        "信访形式",
        "信访形式按《信访条例》第二条：书信（来信、联名信）、电子邮件、传真、电话、走访。国家网上信访"
        "系统 2009 年才试行，2009 年以前的案件来源和信访事件不写网上信访（online）。写错的形式是笔误，"
        "所以按记录原文检查，是错误。",
        f"{LAW}第二条：信访是指公民、法人或者其他组织采用书信、电子邮件、传真、电话、走访等形式，"
        f"向各级人民政府、县级以上人民政府工作部门反映情况，提出建议、意见或者投诉请求。",
        ((None, "error"),),
        acceptance.petition_form,
        on_record=True,
    ),
]
