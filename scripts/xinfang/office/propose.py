"""`xinfang propose`: accountability records drafted from the proposals of the notice.

The office confirms a proposal by committing the record: a draft names the incident, the units
jointly responsible and, for a talk, the stability officer; the office completes the number
(a notice cannot pass the schema without one), checks the facts and commits it. Files are
created with mode ``x`` and the next id never used, drawn as `xinfang new --kind accountability`
draws it (a deleted id is not given out again): no record is ever overwritten.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..records.campaign import Campaign
from ..records.duty_labels import ACTION_ZH
from ..records.labels import LEVEL_ZH
from ..rules.proposals import Proposal
from .newcase import UsedIds, used_ids, write_next
from .newrecord import NEW_KINDS

KIND = NEW_KINDS["accountability"]
FOLDER = KIND.record_kind.folder
OFFICE = "县信访问题专项治理活动领导小组"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def draft(proposal: Proposal, record_id: str, day: date, campaign: Campaign, title: str) -> str:
    """The YAML text of one drafted record."""
    i = proposal.incident
    where = "进京" if i.level == "beijing" else f"到{LEVEL_ZH.get(i.level, i.level)}"
    units = "、".join(campaign.unit_name(u) for u in proposal.units)
    reason = (
        f"{campaign.unit_name(i.unit)}承办的{i.case_id}（{title}），{i.date.month}月{i.date.day}日"
        f"信访人 {i.head_count} 人{where}上访（{proposal.what}）。"
        + (f"{units}共同承担责任。" if len(proposal.units) > 1 else "")
    )
    lines = [
        "# yaml-language-server: $schema=../schema/accountability.schema.json",
        f"# 由 xinfang propose 根据 {i.date} 的{proposal.what}起草的{ACTION_ZH[proposal.kind]}记录：",
        "# 领导小组研究确定后，核对日期、单位、人员和事由，补全文号，再提交。",
        f"id: {record_id}",
        f"kind: {proposal.kind}",
        f"date: '{day.isoformat()}'",
    ]
    if proposal.kind == "notice":
        lines.append(
            f"# number: 县信访专项治理办〔{day.year}〕号  ← 填写通报的文号后删去行首的“# ”"
        )
    lines += [
        f"by: {OFFICE}",
        f"units: [{', '.join(proposal.units)}]",
    ]
    if proposal.official:
        name, unit = proposal.official
        lines += [
            "persons:",
            f"  - name: {_quoted(name)}",
            f"    post: {_quoted('稳控责任人')}  # 写明职务",
            f"    unit: {unit}",
            "# conducted_by: 谈话领导姓名",
        ]
    lines += [
        f"reason: {_quoted(reason)}",
        "incidents:",
        f"  - case: {i.case_id}",
        f"    date: '{i.date.isoformat()}'",
    ]
    return "\n".join(lines) + "\n"


def _ids(root: Path) -> UsedIds:
    return used_ids(root, FOLDER, KIND.id_pattern())


def preview(
    root: Path, proposals: list[Proposal], day: date, campaign: Campaign, titles: dict[str, str]
) -> str:
    """The drafts as they would be written, one after another."""
    ids = _ids(root)
    texts = []
    for proposal in proposals:
        record_id = ids.next_after(f"{KIND.prefix}{campaign.year}-")
        title = titles.get(proposal.incident.case_id, "")
        texts.append(
            f"# ---- {FOLDER}/{record_id}.yml\n" + draft(proposal, record_id, day, campaign, title)
        )
    return "\n".join(texts)


def write_drafts(
    root: Path, proposals: list[Proposal], day: date, campaign: Campaign, titles: dict[str, str]
) -> list[Path]:
    """One file per proposal under accountability/, each with the next free id of the year."""
    ids = _ids(root)
    prefix = f"{KIND.prefix}{campaign.year}-"
    written = []
    for proposal in proposals:
        title = titles.get(proposal.incident.case_id, "")

        def text(record_id: str, proposal: Proposal = proposal, title: str = title) -> str:
            return draft(proposal, record_id, day, campaign, title)

        written.append(write_next(root / FOLDER, lambda: ids.next_after(prefix), text))
    return written
