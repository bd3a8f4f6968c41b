"""A ledger row that is a 苗头隐患 or 矛盾纠纷 with no petitioner: a record for ``risks/``.

The risk is built from the same cells as a case: the problem is its description and, by its
first clause, its title (no names); the responsible unit, handler and leader its responsibility;
the progress or requirements its measures; the registration (else the ledger's 填报时间) the day
it was found; the deadline the next review; the address (else a village named in the problem,
else the unit) its place. Two things a risk needs are read from the ledger's own words as the
risk schema defines them, with a comment to check: the kind from the words of the problem (征地
is 土地, 粉尘 is 环境污染, else 其他), and the level only where the problem says what it may lead
to (越级、进京: 重大; 集体: 较大). What the ledger does not say (the number of people, who is
responsible) is named on the row, in the ledger's words.
"""

from __future__ import annotations

import re
from typing import Any

from .row_values import get_dotted
from .rows import BY_KEY, Problem, RowReader
from .titles import masked

KINDS = (
    ("demolition", ("拆迁", "征收房屋", "安置房", "棚户区")),
    ("land", ("征地", "土地", "承包地", "耕地", "林地", "占地", "宅基地", "流转")),
    ("wages", ("工资", "欠薪", "工钱", "劳务费", "农民工")),
    ("restructuring", ("改制", "破产", "下岗", "买断", "职工安置")),
    ("social_security", ("低保", "社保", "养老", "医保", "救助", "补助", "优抚", "五保")),
    ("environment", ("污染", "粉尘", "噪音", "噪声", "排污", "异味", "环保")),
    ("village_affairs", ("村务", "账目", "集体资产", "财务公开", "村干部", "换届", "集体收益")),
    ("neighbour", ("邻里", "邻居", "山林", "权属", "用水", "地界", "械斗")),
)
LEVELS = (
    ("high", ("越级", "进京", "赴京", "非正常")),
    ("medium", ("集体", "群体", "聚集", "罢市")),
)
GRADE_LEVEL = {"major": "high", "significant": "medium", "general": "low"}
_VILLAGE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:村|社区|街道|集贸市场|市场))")
_CLAUSE = re.compile(r"[。；;，,！!？?\n]")


def risk_record(
    reader: RowReader, values: dict[str, Any], problems: list[Problem], order: list[str]
) -> dict[str, Any]:
    """The risk of a row's values; what it lacks is added to ``problems``."""
    responsibility = values.get("responsibility.unit")
    description = values.get("demand") or values.get("title") or ""
    record: dict[str, Any] = {}
    if description:
        record["title"] = values.get("title") or _title(reader, description, responsibility)
        record["kind"] = _kind(reader, description)
    found = values.get("registered") or (
        reader.sheet.filed[0].isoformat() if reader.sheet.filed else values.get("received")
    )
    if found is not None:
        record["found"] = found
        if "registered" not in values:
            reader.comments["found"] = (
                "台账没有排查日期，按台账的填报时间或首次信访日期记录，请核对"
            )
    unit = values.get("petitioners.locality") or reader.sheet.unit or responsibility
    if isinstance(unit, str) and unit in reader.campaign.units:
        record["locality"] = {"unit": unit, "place": _place(reader, values, description, unit)}
    count = values.get("head_count") or (reader.type_cell.head_count if reader.type_cell else None)
    if count:
        record["involved"] = {"people": count}
    if description:
        record["description"] = description
    level = _level(reader, values, description)
    if level:
        record["level"] = level
    record["responsibility"] = {
        k: v
        for k, v in (
            ("unit", responsibility),
            ("official", values.get("responsibility.handler")),
            ("lead_official", values.get("responsibility.lead_official")),
        )
        if v
    }
    measures = values.get("progress") or values.get("responsibility.requirements")
    if measures:
        record["measures"] = measures
    review = values.get("responsibility.deadline")
    if review:
        record["review"] = review
        reader.comments["review"] = "按台账的办结时限记为下次复查日期，请核对"
    record["status"] = "open"
    _lacking(record, problems, bool(responsibility))
    return {k: record[k] for k in order if k in record}


def _title(reader: RowReader, description: str, unit: Any) -> str:
    clause = next((c.strip() for c in _CLAUSE.split(description) if c.strip()), description)
    clause = masked(clause, reader.officials.names)
    town = reader.campaign.units.get(unit) if isinstance(unit, str) else None
    if town is not None and town.kind == "township" and town.name not in clause:
        clause = town.name + clause
    reader.comments["title"] = "隐患名称由情况描述的第一句生成，请核对"
    return clause[:80]


def _kind(reader: RowReader, description: str) -> str:
    for kind, words in KINDS:
        word = next((w for w in words if w in description), None)
        if word is not None:
            reader.comments["kind"] = f"矛盾类型按描述中的“{word}”记录，请核对"
            return kind
    reader.comments["kind"] = "描述中看不出矛盾类型，记为其他，请核对"
    return "other"


def _level(reader: RowReader, values: dict[str, Any], description: str) -> str | None:
    grade = values.get("grade")
    if grade in GRADE_LEVEL:
        return GRADE_LEVEL[grade]
    for level, words in LEVELS:
        word = next((w for w in words if w in description), None)
        if word is not None:
            reader.comments["level"] = f"风险等级按描述中的“{word}”（可能引发的信访）记录，请核对"
            return level
    return None


def _place(reader: RowReader, values: dict[str, Any], description: str, unit: str) -> str:
    address = values.get("petitioners.address")
    if isinstance(address, str) and len(address.strip()) >= 2:
        return address.strip()
    found = _VILLAGE.search(description)
    if found:
        return found[1]
    return reader.campaign.unit_name(unit)


WHAT = (
    ("title", "信访诉求", "问题（情况描述）"),
    ("found", "登记日期", "排查日期"),
    ("locality", "所属单位", "属地单位"),
    ("involved", "涉及人数", "涉及人数"),
    ("level", "案件级别", "风险等级（重大、较大、一般），描述中也没有写可能引发越级访或集体访"),
    ("measures", "办理进展", "化解措施"),
    ("review", "办结时限", "下次复查日期（或办结时限）"),
)


def _lacking(record: dict[str, Any], problems: list[Problem], has_unit: bool) -> None:
    said = {key for _, _, key in problems}
    for key, heading, what in WHAT:
        if key not in record and not said & {key, "demand", "registered", "petitioners.locality"}:
            problems.append(
                (
                    heading,
                    f"这一行是苗头隐患（没有信访人），按隐患导入还缺{what}：请在台账中补上",
                    key,
                )
            )
    if not has_unit and "responsibility.unit" not in said:
        problems.append(
            (
                BY_KEY["responsibility.unit"].header,
                "这一行是苗头隐患，缺少责任单位：请在台账中补上",
                "responsibility.unit",
            )
        )
    elif (
        "official" not in get_dotted(record, "responsibility")
        and "responsibility.handler" not in said
    ):
        problems.append(
            (
                BY_KEY["responsibility.handler"].header,
                "这一行是苗头隐患，缺少具体责任人：请在台账中补上",
                "responsibility.handler",
            )
        )
