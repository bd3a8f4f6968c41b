"""The rules on what a clerk can mistype: dates out of range or out of order, identity numbers,
phones and head counts. They judge the record as written (``on_record``), whatever the as-of day.
"""

from __future__ import annotations

from . import identity, plausibility
from .rule import (
    CLOSING,
    GB_11643,
    PLAN,
    PLAN_CLOSURE,
    PLAN_REGISTER,
    PLAN_REPORT,
    PLAN_TARGETS,
    REGISTER,
    Rule,
)

ENTRY_RULES: list[Rule] = [
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
        f"{PLAN}四、时间安排与方法步骤：宣传发动阶段 4 月 12 日起，总结验收阶段至 7 月底；"
        "方案开头：“从4月12日至7月底，在全县范围内深入开展‘查隐患、清积案、净环境’信访问题专项治理活动。”",
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
        PLAN_TARGETS,
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
        f"{REGISTER}：“对排查出的信访问题，要登记造册，建立台帐。”{GB_11643}",
        ((None, "error"),),
        identity.id_numbers,
        on_record=True,
    ),
    Rule(
        "id-number-old",
        "15 位旧身份证号",
        "15 位的旧身份证号（1999 年以前签发，出生年份两位、没有校验码）可以使用，提示有条件时换成 18 位。",
        f"{REGISTER}：“对排查出的信访问题，要登记造册，建立台帐。”{GB_11643}",
        ((None, "warning"),),
        identity.old_id_numbers,
        on_record=True,
    ),
    Rule(
        "phone-number",
        "联系电话",
        "手机号码为 11 位数字；固定电话带区号（以 0 开头的 3 或 4 位），区号后 7 或 8 位，"
        "可加分机号。号码不对就联系不上信访人、做不了回访，所以是错误。",
        f"{CLOSING}：“三是要有信访人签字的回访意见。”",
        ((None, "error"),),
        identity.phones,
        on_record=True,
    ),
]
