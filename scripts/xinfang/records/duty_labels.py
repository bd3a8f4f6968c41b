"""The Chinese words for the codes of the records beside cases, shared by every output."""

from __future__ import annotations

RISK_LEVEL_ZH = {"high": "重大", "medium": "较大", "low": "一般"}
RISK_STATE_ZH = {"open": "在控", "resolved": "已化解", "case": "已形成案件"}
RISK_KIND_ZH = {
    "land": "土地征用和承包",
    "demolition": "城镇拆迁安置",
    "wages": "拖欠工资",
    "restructuring": "企业改制",
    "social_security": "社会保障和救助",
    "environment": "环境污染",
    "village_affairs": "村务和集体资产",
    "neighbour": "邻里和山林权属纠纷",
    "other": "其他",
}
ASSIGN_LEVEL_ZH = {"city": "市", "province": "省", "state": "国家信访局"}
ASSIGN_KIND_ZH = {"assign": "交办", "forward": "转送"}
REPORT_STATE_ZH = {
    "reported": "已报结",
    "late": "逾期报结",
    "overdue": "超期未报结",
    "pending": "待报结",
    "not_required": "转送（不需报结）",
}
REPORT_KIND_ZH = {"interim": "阶段性报告", "final": "办结报告"}
ACCEPTANCE_ZH = {"accepted": "验收通过", "returned": "退回整改", "pending": "待验收"}
ACTION_ZH = {"notice": "通报批评", "admonition": "诫勉谈话", "referral": "移送纪检监察机关"}
#: The plan's fault element (五、工作要求), which only the leading group finds.
FAULT_ZH = {
    "unfulfilled": "责任不落实",
    "mishandled": "处理不到位",
    "perfunctory": "敷衍应付",
    "buck_passing": "推诿扯皮",
}
CONTACT_METHOD_ZH = {
    "visit": "上门走访",
    "meeting": "约谈",
    "phone": "电话联系",
    "help": "落实帮扶",
}
PERSON_REASON_ZH = {
    "long_term": "上访老户",
    "repeat": "重复信访",
    "hardship": "生活困难",
    "litigation": "涉法涉诉",
}
MEMBER_ROLE_ZH = {"leader": "组长", "deputy": "副组长", "member": "成员", "liaison": "联络员"}
MEETING_ZH = {"special": "专门会议", "summary": "总结大会"}
PUBLICITY_FORM_ZH = {
    "meeting": "宣讲会、报告会",
    "street": "集中宣传",
    "broadcast": "广播、电视",
    "print": "标语、宣传栏、明白纸",
    "door": "入户宣传",
}
PUBLICITY_TOPIC_ZH = {
    "regulation": "《信访条例》",
    "rule_of_law": "社会主义法治理念",
    "channels": "依法逐级反映诉求的渠道",
    "cases": "典型案例",
}
