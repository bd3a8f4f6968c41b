"""Every kind of record beside the cases, each declared once.

A kind is a folder of YAML files with its own schema (``schema/<name>.schema.json``), a typed
model (its ``build``), and what the later stages need to know of it: how its files are named and
numbered (``xinfang new``), which of its keys are append-only logs, when it is settled and which
keys are then facts (the pull-request guard), how a record ends instead of being deleted, and
whether it is the key-person register (never listed on public pages, every change reviewed by
the office). The stages own the mechanism and read this table: the loader and the cross-record
checks (``duties.py``, ``duty_refs.py``), the guard, ``xinfang new``, CODEOWNERS, ``xinfang init``
and the demo. What a kind shows on the site and in the workbook, and its rules, are declared in
those stages by the kind's ``name`` (``site/kind_pages.py``, ``office/excel/kind_sheets.py``,
``rules/duty_table.py``); a test checks that every kind has all of them.

To add a kind: write its schema, its model (a frozen dataclass inheriting ``located.Located``,
with ``owner``, ``unit_refs`` and ``case_refs``) and a declaration below; then its rules, page
section, sheet and ``office/templates/new-<name>.yml.j2``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .accountability import action_from_data
from .archive import Archive, accepted, always, status_in
from .assignment import assignment_from_data
from .located import Located
from .office_work import (
    commendation_from_data,
    inspection_from_data,
    meeting_from_data,
    publicity_from_data,
)
from .person import person_from_data
from .risk import risk_from_data
from .submission import report_from_data


@dataclass(frozen=True)
class Kind:
    name: str  # the schema's kind: schema/<name>.schema.json, office/templates/new-<name>.yml.j2
    folder: str
    id_key: str  # the key the file is named after
    id_title: str
    title: str  # what one record is called in messages
    build: Callable[[dict[str, Any], str], Located]
    # xinfang new: the ids' prefix (empty: one file per unit, named after it), whether ids carry
    # the unit's code, what the unit of --unit is to the record, the Chinese names of --kind.
    prefix: str = ""
    by_unit: bool = False
    unit_role: str = ""
    aliases: tuple[str, ...] = ()
    created: str = (
        ""  # the key of the record's first day (the demo's history); "" for the first part
    )
    ending: str = ""  # how a record ends instead of being deleted (the guard's message)
    # Its work logs (key: what an entry is called): entries are only added, never removed.
    logs: Mapping[str, str] = field(default_factory=dict, compare=False)
    # When a record is settled, and which keys are then facts that need a correction to change.
    archive: Archive | None = field(default=None, compare=False)
    private: bool = False  # the key-person register: counts only in public, the office reviews


DECIDED = "合并（领导小组已作出决定）"

KINDS = (
    Kind(
        "risk", "risks", "id", "隐患编号", "苗头隐患", risk_from_data,
        prefix="YH", by_unit=True, unit_role="责任单位", aliases=("隐患", "苗头隐患", "矛盾纠纷"),
        created="found", ending="化解后把 status 改为 resolved，形成案件的改为 case",
        logs={"reviews": "复查记录"},
        archive=Archive(
            status_in("resolved", "case"),
            "已化解或形成案件的苗头隐患",
            "状态改为已化解（resolved）或已形成案件（case）",
            free={"review": "下次复查日期是工作安排，不是事实"},
        ),
    ),
    Kind(
        "person", "persons", "id", "登记编号", "重点人员", person_from_data,
        prefix="ZD", by_unit=True, unit_role="属地单位", aliases=("重点人员", "重点人员包保"),
        created="registered",
        ending="不再列为重点人员的，把 status 改为 removed 并写明 removed（日期、决定人、原因）",
        logs={"contacts": "走访帮扶记录"},
        archive=Archive(
            status_in("removed"),
            "已退出的重点人员",
            "状态改为已退出（removed）",
            note="再次列入的，或删去不再需要的身份证号和电话的，也写更正记录",
        ),
        private=True,
    ),
    Kind(
        "assignment", "assignments", "id", "交办编号", "交办件", assignment_from_data,
        prefix="JB", aliases=("交办件", "交办", "交办督办"),
        created="received", ending="办结后在 report_backs 中报结",
        logs={"report_backs": "报告办理情况", "supervisions": "督办"},
    ),
    Kind(
        "submission", "submissions", "unit", "单位代码", "单位上报材料", report_from_data,
        by_unit=True, unit_role="上报单位", aliases=("上报材料", "单位上报材料"),
        ending="各单位的上报材料和验收意见一直保留",
        logs={"progress": "阶段进展报告", "acceptance": "验收意见"},
        archive=Archive(
            accepted, "验收通过的单位上报材料", "领导小组办公室验收通过（acceptance 中日期最晚的一条为 accepted）"
        ),
    ),
    Kind(
        "accountability", "accountability", "id", "编号", "责任追究记录", action_from_data,
        prefix="ZZ", aliases=("责任追究", "追究"),
        created="date", ending="已作出的追究决定是档案；撤销或变更的，另写一条记录说明",
        archive=Archive(
            always,
            "已作出的责任追究决定",
            DECIDED,
            later={"outcome": "整改情况、纪检监察机关的处理在决定之后才有"},
        ),
    ),
    Kind(
        "meeting", "meetings", "id", "会议编号", "会议记录", meeting_from_data,
        prefix="HY", by_unit=True, unit_role="召开会议的单位",
        aliases=("会议", "专门会议", "总结大会"),
        created="date", ending="会议开过就是档案；记错的写更正记录",
        archive=Archive(always, "已召开的会议", "合并（会议已经召开）"),
    ),
    Kind(
        "publicity", "publicity", "id", "宣传编号", "宣传活动", publicity_from_data,
        prefix="XC", by_unit=True, unit_role="组织宣传的单位", aliases=("宣传", "宣传活动"),
        created="date", ending="宣传活动开过就是档案；记错的写更正记录",
        archive=Archive(always, "已开展的宣传活动", "合并（宣传已经开展）"),
    ),
    Kind(
        "inspection", "inspections", "id", "督查编号", "督查督导记录", inspection_from_data,
        prefix="DC", aliases=("督查", "督导", "督查督导"),
        created="date", ending="发现的问题整改后在 rectifications 中追加整改情况",
        logs={"rectifications": "整改情况"},
        archive=Archive(
            always,
            "督查督导记录",
            "合并（督查时看到的情况和发现的问题是事实）",
        ),
    ),
    Kind(
        "commendation", "commendations", "id", "表彰编号", "表彰决定", commendation_from_data,
        prefix="BZ", aliases=("表彰", "表彰先进"),
        created="date", ending="已作出的表彰决定是档案；撤销或变更的，另写一条记录说明",
        archive=Archive(always, "已作出的表彰决定", DECIDED),
    ),
)  # fmt: skip
BY_NAME = {kind.name: kind for kind in KINDS}
FOLDERS = {kind.folder: kind for kind in KINDS}
PRIVATE_FOLDERS = tuple(kind.folder for kind in KINDS if kind.private)


def is_private(rel: str) -> bool:
    """Whether a file (relative path) holds key-person data."""
    return rel.split("/", 1)[0] in PRIVATE_FOLDERS
