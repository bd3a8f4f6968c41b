"""The Chinese words for the records' codes, shared by every output (terminal, site, Excel, notice)."""

from __future__ import annotations

import unicodedata

STATUS_ZH = {"registered": "已登记", "in_progress": "化解中", "closed": "已结案"}
LEVEL_ZH = {"county": "县", "city": "市", "province": "省", "beijing": "进京"}
CATEGORY_SHORT = {
    "litigation": "涉法涉诉",
    "prominent": "突出信访",
    "assigned": "省市交办",
    "hotspot": "热点难点",
}
OBLIGATION_ZH = {"met": "按时完成", "late": "逾期完成", "missing": "逾期未报", "not_due": "未到期"}


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def width(text: str) -> int:
    """Display width in a terminal or a spreadsheet column: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
