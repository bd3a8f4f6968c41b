"""The Chinese words for the records' codes, shared by every output (terminal, site, Excel, notice)."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

STATUS_ZH = {
    "registered": "已登记",
    "in_progress": "化解中",
    "unreachable": "无法回访",
    "closed": "已结案",
}
LEVEL_ZH = {"county": "县", "city": "市", "province": "省", "beijing": "进京"}
FORM_ZH = {
    "letter": "来信",
    "visit": "走访",
    "joint_letter": "联名信",
    "phone": "电话",
    "email": "电子邮件",
    "fax": "传真",
    "online": "网上信访",
}
OPINION_ZH = {"agree": "同意", "disagree": "不同意", "refused": "拒签", "unreachable": "无法回访"}
PLACE_ZH = {
    "reception": "国家信访局等接待场所",
    "tiananmen": "天安门地区",
    "zhongnanhai": "中南海、新华门周边",
    "embassy": "使馆区",
    "intercept": "拦截车辆",
    "other": "其他非接待场所",
}
CATEGORY_SHORT = {"litigation": "涉法涉诉", "prominent": "突出信访", "hotspot": "热点难点"}
#: Where a case came from, in short (the plan's 省、市交办 is a source, not a category).
SOURCE_SHORT = {
    "screening": "排查发现",
    "visit": "来访",
    "letter": "来信",
    "phone": "电话",
    "email": "电子邮件",
    "fax": "传真",
    "online": "网上信访",
    "county_assigned": "县信访局交办",
    "city_assigned": "市交办",
    "province_assigned": "省交办",
    "state_assigned": "国家信访局交办",
}
#: The sources the plan counts as 省、市交办的信访事项 (the state's come down through the province).
ASSIGNED_FROM_ABOVE = ("city_assigned", "province_assigned", "state_assigned")
GRADE_ZH = {"major": "重大", "significant": "较大", "general": "一般"}
APPROACH_ZH = {
    "solve_now": "立即解决",
    "create_conditions": "创造条件加快解决",
    "task_force": "成立工作组合力攻坚",
    "counsel": "政策宣传和思想教育疏导",
    "by_law": "固定证据、依法处理",
}
OBLIGATION_ZH = {"met": "按时完成", "late": "逾期完成", "missing": "逾期未报", "not_due": "未到期"}


def ratio(part: int, whole: int, places: int = 4) -> float:
    """``part / whole`` rounded half up to ``places`` decimals (0.0 when there is no whole).

    Computed in decimal, not binary: 9/16 is 0.5625, and to three places 0.563 (Python's round()
    would give 0.562). Excel and JSON carry this value; the text is ``percent``.
    """
    if not whole:
        return 0.0
    exact = Decimal(part) / Decimal(whole)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent_value(part: int, whole: int) -> str:
    """“56.3%”: one decimal, rounded half up (56.25% is 56.3%); “—” when there is no whole.

    Only where the base stands right beside it (a table's columns); elsewhere ``percent``.
    """
    if not whole:
        return "—"
    exact = Decimal(part) * 100 / Decimal(whole)
    return f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def percent(part: int, whole: int) -> str:
    """A rate with its base, as every paper states it: “56.3%（9/16）”."""
    return f"{percent_value(part, whole)}（{part}/{whole}）"


def width(text: str) -> int:
    """Display width in a terminal or a spreadsheet column: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
