"""`xinfang propose --write`: a record drafted for each incident the leading group has decided on.

The program does not decide: a draft names the incident, the units jointly responsible and, as
comments, the facts the records show; the office fills in the decision as the meeting made it
(the date, the meeting, the kind, the fault found and the facts), and a draft fails the check
until it does. An incident that any file under accountability/ already names, a draft that does
not pass the schema yet included, gets no second draft. Files are created with mode ``x`` and
the next id never used, drawn as `xinfang new --kind accountability` draws it (a deleted id is
not given out again): no record is ever overwritten.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..records.campaign import Campaign
from ..records.labels import LEVEL_ZH
from ..rules.candidates import Candidate
from .newcase import UsedIds, used_ids, write_next
from .newrecord import NEW_KINDS, id_pattern

KIND = NEW_KINDS["accountability"]
FOLDER = KIND.folder
OFFICE = "县信访问题专项治理活动领导小组"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def draft(candidate: Candidate, record_id: str, campaign: Campaign, title: str) -> str:
    """The YAML text of one drafted record: the incident filled in, the decision left blank."""
    i = candidate.incident
    where = "进京" if i.level == "beijing" else f"到{LEVEL_ZH.get(i.level, i.level)}"
    reason = (
        f"{campaign.unit_name(i.unit)}承办的{i.case_id}（{title}），{i.date.month}月{i.date.day}日"
        f"信访人 {i.head_count} 人{where}走访（{candidate.what}）。"
    )
    lines = [
        "# yaml-language-server: $schema=../schema/accountability.schema.json",
        f"# 由 xinfang propose 为 {i.date} 的{candidate.what}起草。领导小组研究决定后，按会议记录填写",
        "# 决定日期、会议、追究方式、认定的责任情形和事实，核对单位后提交；没有作出决定的，不要提交。",
        "# 记录中的有关事实（供参考；是否属于实施方案所列情形，由领导小组认定）：",
        *(f"#   - {fact}" for fact in candidate.facts),
        f"id: {record_id}",
        "# 追究方式：notice 通报批评、admonition 诫勉谈话（写 persons）、referral 移送（写 referred_to）",
        "kind: notice",
        "# 领导小组研究决定的日期",
        "date: ''",
        f"by: {OFFICE}",
        "# 研究决定的会议，例如 领导小组第六次会议",
        "meeting: ''",
        f"units: [{', '.join(candidate.units)}]",
        "# 责任情形：unfulfilled 责任不落实、mishandled 处理不到位、perfunctory 敷衍应付、"
        "buck_passing 推诿扯皮",
        "fault: []",
        "# 领导小组认定的事实，每条一项",
        "facts: []",
        f"reason: {_quoted(reason)}",
        "incidents:",
        f"  - case: {i.case_id}",
        f"    date: '{i.date.isoformat()}'",
    ]
    return "\n".join(lines) + "\n"


def _ids(root: Path) -> UsedIds:
    return used_ids(root, FOLDER, id_pattern(KIND))


def write_drafts(
    root: Path, candidates: list[Candidate], day: date, campaign: Campaign, titles: dict[str, str]
) -> list[Path]:
    """One file per candidate under accountability/, each with the next free id of the year.

    The caller passes only candidates no file names yet (``candidates.undrafted``)."""
    ids = _ids(root)
    prefix = f"{KIND.prefix}{campaign.year}-"
    written = []
    for candidate in candidates:
        title = titles.get(candidate.incident.case_id, "")

        def text(record_id: str, candidate: Candidate = candidate, title: str = title) -> str:
            return draft(candidate, record_id, campaign, title)

        written.append(write_next(root / FOLDER, lambda: ids.next_after(prefix), text))
    return written
