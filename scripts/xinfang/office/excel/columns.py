"""The county ledger's columns, shared by the Excel export and import.

Each column has the Chinese heading of a county ledger, the record field it shows (a dotted key;
``petitioners.*`` are the petitioners' fields joined in one cell) and how its value is written:
text, a date, a whole number, 是/否, an enum label, or unit names. The export writes these columns
in this order; the import recognises these headings and their common variants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "date", "int", "bool", "enum", "flags", "unit", "progress"]

LEDGER_SHEET = "全部案件"
PRINT_SHEET = "打印台账"
SUMMARY_SHEET = "汇总"
DATA_SHEET = "数据（勿改）"
DATA_HEADERS = ("编号", "完整记录（JSON，勿改）")
NAME_SEP = "、"
LINE_SEP = "\n"
YES, NO = "是", "否"


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
    Column(
        "首次信访日期",
        "received",
        "date",
        12,
        ("首次信访时间", "初信初访日期", "信访日期", "信访时间", "初次信访时间", "首访时间"),
    ),
    Column(
        "登记日期",
        "registered",
        "date",
        12,
        ("排查日期", "受理日期", "登记时间", "建档日期", "排查时间", "交办日期"),
    ),
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
    Column(
        "承办单位",
        "responsibility.unit",
        "unit",
        12,
        ("责任单位", "办理单位", "承办部门", "主办单位", "责任部门", "包案单位"),
    ),
    Column(
        "包案领导",
        "responsibility.lead_official",
        width=8,
        variants=("包案县领导", "包案县级领导", "责任领导", "包联领导", "分包领导"),
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
        ("办结期限", "完成时限", "时限", "限办时间", "限办日期", "化解时限", "办理时限"),
    ),
    Column("具体工作要求", "responsibility.requirements", width=30, variants=("工作要求",)),
    Column("案件级别", "grade", "enum", 8, ("级别",)),
    Column("重点案件", "priority", "bool", 8, ("是否重点", "是否重点案件")),
    Column("化解方式", "approach", "enum", 16, ("处理方式",)),
    Column("办理状态", "status", "enum", 8, ("状态", "案件状态", "办理进度", "化解状态")),
    Column("结案日期", "closure.date", "date", 12, ("办结日期", "办结时间", "结案时间")),
    Column("息诉罢访", "settled", "bool", 8, ("是否息诉罢访",)),
    Column("下一步工作措施", "next_steps", width=24, variants=("下一步措施",)),
    Column("备注", "notes", width=20, variants=("附注", "其他说明")),
)

#: Columns only the import reads: 信访形式 becomes an event's form, the progress text dated
#: progress notes.
IMPORT_ONLY: tuple[Column, ...] = (
    Column("信访形式", "events.form", "enum", variants=("信访方式", "来访形式", "反映形式")),
    Column(
        "办理进展",
        "progress",
        "progress",
        variants=(
            "化解进展情况",
            "办理情况",
            "进展情况",
            "化解情况",
            "工作进展",
            "化解进展",
            "办理进展情况",
            "处理情况",
            "进展",
        ),
    ),
)

#: The latest progress note (the printed ledger's 进展).
PROGRESS = Column("最新进展", "progress", "progress", 30)

#: The printed ledger: the columns a leader reads, and their widths (Excel character units,
#: together one A4 landscape page wide). 时限 and 状态 are computed: the deadline with its
#: extensions, and the state with the days overdue.
PRINT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("编号", "id", 15),
    ("信访人", "petitioners.name", 9),
    ("问题", "title", 30),
    ("承办单位", "responsibility.unit", 11),
    ("包案领导", "responsibility.lead_official", 8),
    ("责任人", "responsibility.handler", 8),
    ("时限", "deadline", 11),
    ("状态", "state", 10),
    ("进展", "progress", 38),
)

#: Computed columns the export adds after the ledger; the import ignores them.
COMPUTED = ("息诉罢访核实情况", "实际时限（含延期）", "超期天数")
IGNORED = frozenset({*COMPUTED, "序号", "是否超期", "超期情况", "实际时限", "剩余天数"})

#: Common words for states and yes/no in county ledgers, beyond the schema's own labels.
STATUS_WORDS = {
    "登记": "registered", "未办": "registered", "待办": "registered",
    "在办": "in_progress", "办理中": "in_progress", "正在化解": "in_progress", "化解": "in_progress",
    "结案": "closed", "办结": "closed", "已办结": "closed", "已结": "closed",
}  # fmt: skip
CATEGORY_WORDS = {
    "涉法涉诉": "litigation", "突出信访问题": "prominent", "突出问题": "prominent",
    "热点难点": "hotspot", "热点难点问题": "hotspot",
}  # fmt: skip
#: Old ledgers write 交办 as a category (the plan lists 省、市交办的信访事项 among its four kinds);
#: it says where a case came from, not its nature: it becomes the source, and the nature is
#: recorded as 热点难点 for the clerk to confirm (``ASSIGNED_NOTE``).
ASSIGNED_WORDS = frozenset(
    {"省市交办", "上级交办", "交办", "省、市交办的信访事项", "市交办", "省交办"}
)
ASSIGNED_NOTE = (
    "写的是“{text}”：交办是案件来源，已记为{source}；台账没有写问题性质，暂按热点难点记录，"
    "请按实际性质改为涉法涉诉、突出信访问题或热点难点"
)
FLAG_WORDS = {
    "重复上访": "repeat", "越级上访": "cross_level", "集体上访": "collective", "老上访户": "long_term",
    "群体性": "group_interest", "群体性事件": "group_interest",
}  # fmt: skip
FORM_WORDS = {
    "信": "letter", "来信": "letter", "写信": "letter", "联名信": "joint_letter", "联名": "joint_letter",
    "走访": "visit", "来访": "visit", "上访": "visit",
    "面访": "visit", "个人来访": "visit", "集体来访": "visit", "集体访": "visit", "网上": "online",
    "网信": "online", "网络": "online", "网上投诉": "online", "来电": "phone", "电话反映": "phone",
}  # fmt: skip
BOOL_WORDS = {"是": True, "否": False, "√": True, "✓": True, "×": False, "有": True, "无": False,
              "y": True, "n": False, "yes": True, "no": False, "true": True, "false": False,
              "已": True, "未": False, "已息诉": True, "未息诉": False, "已息访": True,
              "未息访": False, "已息诉罢访": True, "未息诉罢访": False, "息诉": True, "息访": True}  # fmt: skip


def normalize_header(text: object) -> str:
    """A heading without spaces, line breaks, required-marks or a trailing note in brackets."""
    value = re.sub(r"[\s*＊]", "", str(text or ""))
    return re.sub(r"[（(][^（）()]*[)）]$", "", value) or value
