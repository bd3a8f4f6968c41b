"""The rules on the records beside cases, each with its id, severity by phase and the plan's words.

Shown with the case rules on the site's rule catalogue. Time-based reminders (a review, a
contact, a report-back or a supervision notice overdue) are warnings: they must not stop
unrelated changes from being merged. Content that cannot be right is an error.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..findings import Finding
from ..records.repository import Repository
from . import accountability, assignments, persons, risks, submissions
from .duty_context import RecordContext, RecordRule
from .office_work import OFFICE_WORK_RULES
from .rule import Levels

PLAN_SCREENING = "实施方案四（二）排查建档阶段：“将本单位的苗头隐患……所有影响信访稳定的各类问题全部纳入视野，牢牢掌握起来。”"
PLAN_KEY_PERSONS = (
    "实施方案一、指导思想：“以关注民生为根本，以解决问题为核心，以案结事了、息诉罢访为最终目的……"
    "扶持到位”；四（三）：“集中人力、精力、物力、财力，加大化解力度。”"
)
PLAN_ASSIGNED = "实施方案二、工作目标：“重点解决四类问题：……三是省、市交办的信访事项。”"
PLAN_REPORTS = "实施方案五、工作要求：“各乡镇、各部门要按各阶段的要求定期上报工作进展情况。”"
PLAN_ACCOUNTABILITY = (
    "实施方案五、工作要求：“对责任不落实、处理不到位、敷衍应付、推诿扯皮，使问题得不到解决导致"
    "越级上访、集体上访的，要进行通报批评；造成严重影响的，坚决追究有关领导和直接责任人的责任。”"
)
ALWAYS_ERROR: Levels = ((None, "error"),)
ALWAYS_WARNING: Levels = ((None, "warning"),)

RECORD_RULES: list[RecordRule[Any]] = [
    RecordRule(
        "risk-review",
        "隐患按期复查",
        "risk",
        "在控的苗头隐患在下次复查日期之前复查过（复查后改下一次复查日期）。",
        PLAN_SCREENING,
        ALWAYS_WARNING,
        risks.review,
    ),
    RecordRule(
        "risk-major-lead",
        "重大隐患县级包案",
        "risk",
        "风险等级为重大的在控隐患有县级包案领导（campaign.yml 的 leaders）。",
        "实施方案四（三）化解整治阶段：“对矛盾复杂、涉及面广的重大问题，要向包案县级领导汇报，组织相关单位成立工作组，合力攻坚。”",
        (("registration", "warning"), ("resolution", "error")),
        risks.major_lead,
    ),
    RecordRule(
        "risk-dates",
        "隐患日期",
        "risk",
        "复查和化解日期不早于发现日期；由隐患形成的案件在发现之后登记。",
        PLAN_SCREENING,
        ALWAYS_ERROR,
        risks.dates,
    ),
    RecordRule(
        "person-contact",
        "重点人员定期走访",
        "person",
        "包保中的重点人员，距上次走访帮扶不超过本人帮扶安排的间隔（help.every_days；没有写明的，"
        "用 campaign.yml 中 key_persons 的默认间隔 30 日）。走访频次按帮扶的需要，不按日历：不设"
        "敏感时期加密的间隔（方案没有规定走访频次，本系统采用此读法）。",
        PLAN_KEY_PERSONS,
        ALWAYS_WARNING,
        persons.contact,
    ),
    RecordRule(
        "person-no-movements",
        "不记录行踪",
        "person",
        "重点人员登记不写行踪、去向、动向、监控、截访、劝返等内容：只记录为解决其问题所做的工作和帮扶。",
        "《个人信息保护法》第二十八条：行踪轨迹属敏感个人信息；第六条：处理个人信息应当限于实现处理目的的"
        "最小范围。本登记为解决问题服务，不限制信访人依法信访的权利。",
        ALWAYS_ERROR,
        persons.no_movements,
    ),
    RecordRule(
        "person-local-team",
        "属地责任人",
        "person",
        "重点人员的属地责任人来自本人所在的乡镇或部门。",
        "实施方案四（三）化解整治阶段：“稳控责任坚持‘属地管理’原则，由信访人所属部门、乡镇负责。”",
        ALWAYS_WARNING,
        persons.local_team,
    ),
    RecordRule(
        "person-cases",
        "关联案件",
        "person",
        "重点人员是其关联案件的信访人之一：两边都写了身份证号的按身份证号核对（同名的人不少），"
        "否则按姓名。",
        PLAN_KEY_PERSONS,
        ALWAYS_WARNING,
        persons.cases_name_the_person,
    ),
    RecordRule(
        "person-duplicate",
        "同一人只登记一次",
        "person",
        "包保中的重点人员，身份证号与另一份包保中的登记相同的，提示合并；人数、超过走访间隔等数字"
        "只算一人（方案没有规定重复登记怎样计数，本系统采用此读法）。",
        PLAN_KEY_PERSONS,
        ALWAYS_WARNING,
        persons.duplicate,
    ),
    RecordRule(
        "person-dates",
        "包保日期",
        "person",
        "走访帮扶和退出日期不早于列入日期。",
        PLAN_KEY_PERSONS,
        ALWAYS_ERROR,
        persons.dates,
    ),
    RecordRule(
        "report-back-overdue",
        "逾期未报结",
        "assignment",
        "交办事项在交办机关指定的报结期限之前报送了办结报告。",
        PLAN_ASSIGNED + "（报结期限以交办单为准。）",
        ALWAYS_WARNING,
        assignments.report_back,
    ),
    RecordRule(
        "supervision-overdue",
        "督办逾期未回复",
        "assignment",
        "督办通知在其回复期限之前回复。",
        PLAN_ASSIGNED + "县活动领导小组……对重点问题处理情况……及时调度、通报。",
        ALWAYS_WARNING,
        assignments.supervision,
    ),
    RecordRule(
        "assignment-case",
        "交办事项登记",
        "assignment",
        "收到交办事项 15 日内登记为案件并关联案件编号。",
        "《信访条例》（2005）第二十一条：信访工作机构收到信访事项，应当予以登记，并在 15 日内转送、交办。",
        ALWAYS_WARNING,
        assignments.case_registered,
    ),
    RecordRule(
        "dispatch-due",
        "承办单位报告期限",
        "assignment",
        "县信访局给承办单位定的报告期限不晚于向交办机关报结的期限。",
        PLAN_ASSIGNED,
        ALWAYS_WARNING,
        assignments.dispatch_due,
    ),
    RecordRule(
        "assignment-dates",
        "交办日期",
        "assignment",
        "收到、转交、报告、督办和回复的日期先后正确。",
        PLAN_ASSIGNED,
        ALWAYS_ERROR,
        assignments.dates,
    ),
    RecordRule(
        "registration-ledger",
        "排查台账对照",
        "submission",
        "单位上报的排查数字与按上报日期从本单位案件和隐患记录生成的台账一致。",
        "实施方案四（二）排查建档阶段：“对排查出的信访问题，要登记造册，建立台帐……各单位将排查情况于4月20日前上报县领导小组办公室。”",
        ALWAYS_WARNING,
        submissions.ledger,
    ),
    RecordRule(
        "acceptance-after-summary",
        "验收在总结之后",
        "submission",
        "领导小组办公室在单位上报书面总结之后才验收通过。",
        "实施方案四（四）总结验收阶段：“各责任单位对专项活动开展情况进行总结，形成书面材料报县领导小组办公室（县信访局）。”",
        ALWAYS_ERROR,
        submissions.acceptance,
    ),
    RecordRule(
        "accountability-basis",
        "追究有依据",
        "accountability",
        "每项通报批评、诫勉谈话和移送都关联了引发它的信访事件或案件。",
        PLAN_ACCOUNTABILITY,
        ALWAYS_ERROR,
        accountability.basis,
    ),
    RecordRule(
        "accountability-decision",
        "决定要素齐全",
        "accountability",
        "每项决定写明决定机关、决定日期、研究决定的会议、认定的责任情形和事实；要素不全的记录不算决定，"
        "通报不据以点名（实施方案把通报批评和责任追究交由领导小组决定，程序只列出供研究的事实；"
        "哪些要素必须记录，方案没有规定，本系统采用此读法）。",
        PLAN_ACCOUNTABILITY,
        ALWAYS_WARNING,
        accountability.decision,
    ),
    RecordRule(
        "accountability-units",
        "共同承担责任",
        "accountability",
        "关联事件所在案件的承办单位或信访人所属单位在被追究的单位之中。",
        "实施方案四（三）化解整治阶段：“在调处化解期间出现问题，信访人所属部门、乡镇和调处化解责任单位要共同承担责任。”",
        ALWAYS_WARNING,
        accountability.units,
    ),
    RecordRule(
        "accountability-dates",
        "追究日期",
        "accountability",
        "关联的信访事件发生在追究决定之前。",
        PLAN_ACCOUNTABILITY,
        ALWAYS_ERROR,
        accountability.dates,
    ),
    *OFFICE_WORK_RULES,  # meetings, publicity, inspections, commendations
]

RECORD_RULES_BY_ID = {rule.id: rule for rule in RECORD_RULES}


def record_findings(repo: Repository, as_of: date) -> list[Finding]:
    """The rules over every record beside the cases."""
    duties, campaign = repo.duties, repo.campaign
    cases = {case.id: case for case in repo.cases}
    found: list[Finding] = []
    for rule in RECORD_RULES:
        severity = rule.severity_on(campaign, as_of)
        if severity is None:
            continue
        for record in duties.typed(rule.kind):
            ctx = RecordContext(record, campaign, as_of, cases, repo.cases, duties)
            for path, message in rule.check(ctx):
                found.append(Finding(record.rel, record.line(*path), rule.id, severity, message))
    return found
