"""The county ledger's columns, shared by the Excel export and import.

Each column has the Chinese heading of a county ledger, the record field it shows (a dotted key;
``petitioners.*`` are the petitioners' fields joined in one cell) and how its value is written:
text, a date, a whole number, 是/否, an enum label, or unit names. The export writes these columns
in this order; the import recognises these headings and their common variants.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from ...records.labels import width

Kind = Literal["text", "date", "int", "bool", "enum", "flags", "unit"]

LEDGER_SHEET = "全部案件"
SUMMARY_SHEET = "汇总"
DATA_SHEET = "数据（勿改）"
DATA_HEADERS = ("编号", "完整记录（JSON，勿改）")
NAME_SEP = "、"
LINE_SEP = "\n"
YES, NO = "是", "否"

DATE_FORMAT = "yyyy-mm-dd"
OVERDUE_FILL = PatternFill("solid", fgColor="FFC7CE")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="999999")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # dotted record key; petitioners.<field> for the petitioners' fields
    kind: Kind = "text"
    width: int = 12  # the least width, in Excel character units
    variants: tuple[str, ...] = ()

    @property
    def enum_path(self) -> tuple[str, ...]:
        return tuple(k for k in self.key.split(".") if k != "petitioners")


COLUMNS: tuple[Column, ...] = (
    Column("编号", "id", width=16, variants=("案件编号", "信访件编号", "台账编号", "信访编号")),
    Column(
        "案件名称", "title", width=30, variants=("案件标题", "事项名称", "信访事项", "标题", "案由")
    ),
    Column(
        "问题类别", "category", "enum", 14, ("类别", "案件类别", "问题类型", "类型", "问题分类")
    ),
    Column("案件标识", "flags", "flags", 12, ("标识", "案件标签")),
    Column("案件来源", "source", "enum", 10, ("来源", "信访来源")),
    Column("保密", "confidential", "bool", 6, ("是否保密",)),
    Column("首次信访日期", "received", "date", 12, ("首次信访时间", "初信初访日期", "信访日期")),
    Column("登记日期", "registered", "date", 12, ("排查日期", "受理日期", "登记时间", "建档日期")),
    Column(
        "信访人",
        "petitioners.name",
        width=10,
        variants=("上访人", "姓名", "信访人姓名", "上访人姓名", "当事人"),
    ),
    Column(
        "身份证号",
        "petitioners.id_number",
        width=20,
        variants=("身份证号码", "公民身份号码", "身份证"),
    ),
    Column(
        "联系电话",
        "petitioners.phone",
        width=13,
        variants=("电话", "手机", "手机号", "联系方式", "电话号码"),
    ),
    Column("住址", "petitioners.address", width=20, variants=("家庭住址", "地址", "现住址")),
    Column("所属单位", "petitioners.locality", "unit", 10, ("所属乡镇", "信访人所属单位", "属地")),
    Column("涉及人数", "head_count", "int", 6, ("人数",)),
    Column(
        "信访诉求",
        "demand",
        width=40,
        variants=(
            "诉求",
            "主要诉求",
            "反映问题",
            "主要问题",
            "信访事由",
            "反映的问题",
            "问题及诉求",
        ),
    ),
    Column("反映对象", "about", width=16, variants=("被反映对象", "被反映单位")),
    Column("承办单位", "responsibility.unit", "unit", 12, ("责任单位", "办理单位", "承办部门")),
    Column(
        "包案领导",
        "responsibility.lead_official",
        width=8,
        variants=("包案县领导", "包案县级领导", "责任领导", "包联领导"),
    ),
    Column(
        "具体责任人",
        "responsibility.handler",
        width=8,
        variants=("责任人", "具体办理人", "经办人", "承办人"),
    ),
    Column(
        "稳控责任人",
        "responsibility.stability_officer.name",
        width=8,
        variants=("稳控人", "稳控责任人姓名"),
    ),
    Column("稳控单位", "responsibility.stability_officer.unit", "unit", 10, ("稳控责任单位",)),
    Column(
        "办结时限",
        "responsibility.deadline",
        "date",
        12,
        ("办结期限", "完成时限", "时限", "限办时间", "限办日期"),
    ),
    Column("具体工作要求", "responsibility.requirements", width=30, variants=("工作要求",)),
    Column("案件级别", "grade", "enum", 8, ("级别",)),
    Column("重点案件", "priority", "bool", 8, ("是否重点", "是否重点案件")),
    Column("化解方式", "approach", "enum", 16, ("处理方式",)),
    Column("办理状态", "status", "enum", 8, ("状态", "案件状态", "办理进度")),
    Column("结案日期", "closure.date", "date", 12, ("办结日期", "办结时间", "结案时间")),
    Column("息诉罢访", "settled", "bool", 8, ("是否息诉罢访",)),
    Column("下一步工作措施", "next_steps", width=24, variants=("下一步措施",)),
)

#: Computed columns the export adds after the ledger; the import ignores them.
COMPUTED = ("实际时限（含延期）", "超期天数")
IGNORED = frozenset({*COMPUTED, "序号", "是否超期", "超期情况", "实际时限", "剩余天数"})

#: Common words for states and yes/no in county ledgers, beyond the schema's own labels.
STATUS_WORDS = {
    "登记": "registered", "未办": "registered", "待办": "registered",
    "在办": "in_progress", "办理中": "in_progress", "正在化解": "in_progress", "化解": "in_progress",
    "结案": "closed", "办结": "closed", "已办结": "closed", "已结": "closed",
}  # fmt: skip
CATEGORY_WORDS = {
    "涉法涉诉": "litigation", "突出信访问题": "prominent", "突出问题": "prominent",
    "省市交办": "assigned", "上级交办": "assigned", "交办": "assigned",
    "热点难点": "hotspot", "热点难点问题": "hotspot",
}  # fmt: skip
BOOL_WORDS = {"是": True, "否": False, "√": True, "✓": True, "×": False, "有": True, "无": False,
              "y": True, "n": False, "yes": True, "no": False, "true": True, "false": False}  # fmt: skip


def text_width(value: object) -> int:
    """Display width (a CJK character counts two) of the widest line of a cell's value."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max(width(line) for line in str(value).splitlines() or [""])


HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)


def style_header(ws: Worksheet, row: int, count: int) -> None:
    first = ws.cell(row, 1)
    first.font = HEADER_FONT
    first.fill = HEADER_FILL
    first.border = BORDER
    first.alignment = HEADER_ALIGNMENT
    for col in range(2, count + 1):
        ws.cell(row, col)._style = copy(first._style)  # as openpyxl copies styles between cells


def normalize_header(text: object) -> str:
    """A heading without spaces, line breaks, required-marks or a trailing note in brackets."""
    value = re.sub(r"[\s*＊]", "", str(text or ""))
    return re.sub(r"[（(][^（）()]*[)）]$", "", value) or value


_DATE_TEXT = re.compile(
    r"^(?P<y>[0-9]{4})\s*(?:年|[-./])\s*(?P<m>[0-9]{1,2})\s*(?:月|[-./])\s*(?P<d>[0-9]{1,2})\s*日?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_cell_date(value: object) -> date:
    """A date from an Excel date, an Excel serial number, or text such as 2008年4月15日.

    Raises ValueError with a Chinese reason when the cell holds something else.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's own range (1900-01-01 to 9999-12-31)
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"数字 {value} 不是日期：请填写日期，例如 2008-04-15")
    text = str(value).strip().replace("．", ".").replace("／", "/").replace("－", "-")
    match = _DATE_TEXT.match(text) or re.match(
        r"^(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})$", text
    )
    if not match:
        raise ValueError(
            f"日期“{text}”无法识别：请写成 2008-04-15、2008/4/15、2008.4.15 或 2008年4月15日"
        )
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise ValueError(f"日期“{text}”不存在：请核对年月日") from None
