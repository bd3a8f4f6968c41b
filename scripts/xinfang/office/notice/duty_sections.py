"""The notice's sections on the work beside cases: assigned cases overdue, risks and key
persons (counts only), and accountability, with the proposals the office confirms by committing
a record (``xinfang propose --write``).

Plain paragraphs and tables (``sections.Table``), added by ``build.py`` where the repository
keeps such records.
"""

from __future__ import annotations

from datetime import date

from ...records.campaign import Campaign
from ...records.duty_labels import ACTION_ZH, ASSIGN_KIND_ZH, RISK_LEVEL_ZH
from ...rules.duties_status import DutiesOverview
from ...rules.duty_views import days_over
from .sections import Block, Table


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def assignments_section(d: DutiesOverview, campaign: Campaign) -> list[Block]:
    levels = d.by_level()
    blocks: list[Block] = [
        f"截至{_day(d.as_of)}，收到上级转送、交办信访事项 {len(d.assignments)} 件（市 {levels['city']} 件、"
        f"省 {levels['province']} 件、国家信访局 {levels['state']} 件），按期报结 "
        f"{len(d.assignments_in('reported'))} 件，逾期报结 {len(d.assignments_in('late'))} 件，"
        f"超期未报结 {len(d.report_backs_overdue)} 件，未到报结期限 {len(d.assignments_in('pending'))} 件。"
    ]
    if d.report_backs_overdue:
        rows = [
            [
                a.id,
                f"{a.from_}{ASSIGN_KIND_ZH[a.kind]}（{a.number}）",
                a.subject,
                campaign.unit_name(a.unit) if a.unit else "",
                str(a.report_due),
                str(days_over(a.report_due, d.as_of)) if a.report_due else "",
            ]
            for a in d.report_backs_overdue
        ]
        blocks.append(
            "超期未报结的交办件如下，承办单位要立即办结并报县信访局，由县信访局向交办机关报结："
        )
        blocks.append(
            Table(
                ["编号", "交办机关和文号", "交办事项", "承办单位", "报结期限", "逾期天数"],
                rows,
                [2.0, 3.6, 5.0, 2.2, 2.2, 1.4],
            )
        )
    for item, notice in d.supervisions_overdue:
        unit = campaign.unit_name(item.unit) if item.unit else "承办单位"
        blocks.append(
            f"{notice.by}{_day(notice.date)}督办的{item.id}（{item.number}），要求{_day(notice.due)}前回复，"
            f"至今未回复，{unit}要立即回复。"
        )
    return blocks


def risks_section(d: DutiesOverview, campaign: Campaign) -> list[Block]:
    levels = d.open_by_level()
    blocks: list[Block] = [
        f"全县排查登记苗头隐患 {len(d.risks)} 件，已化解 {len(d.risks_in('resolved'))} 件，"
        f"已形成信访案件 {len(d.risks_in('case'))} 件，在控 {len(d.risks_in('open'))} 件（"
        + "、".join(f"{RISK_LEVEL_ZH[k]} {v} 件" for k, v in levels.items())
        + "）。"
    ]
    if d.reviews_overdue:
        listing = "；".join(
            f"{campaign.unit_name(r.unit)}{r.id}（{r.title}，应于{_day(r.review)}复查）"
            for r in d.reviews_overdue
        )
        blocks.append(f"逾期未复查的隐患 {len(d.reviews_overdue)} 件：{listing}。")
    blocks.append(
        f"包保中的重点人员 {d.persons_active} 人，超过本人帮扶安排的走访间隔未走访的 "
        f"{d.contacts_overdue} 人。属地单位要按帮扶安排上门，帮助解决实际问题，"
        "不得限制其依法信访的权利。"
    )
    return blocks


def accountability_section(d: DutiesOverview, campaign: Campaign) -> list[Block]:
    """The decisions recorded so far, and the incidents left for the leading group to study."""
    name = campaign.unit_name
    blocks: list[Block] = []
    if d.actions:
        done = "；".join(
            f"{_day(a.date)}{ACTION_ZH[a.kind]}"
            + (
                "、".join(p.post for p in a.persons)
                if a.persons
                else "、".join(name(u) for u in a.units)
            )
            + (
                f"（{a.number}）"
                if a.number
                else "（待印发，见本通报“通报批评”部分）"
                if a in d.to_publish()
                else ""
            )
            for a in d.actions
        )
        blocks.append(f"活动以来，领导小组已作出责任追究 {len(d.actions)} 项：{done}。")
    if not d.candidates:
        blocks.append("化解期间发生的越级访、集体访和非正常进京访，领导小组均已研究。")
        return blocks
    listed = "、".join(
        f"{c.incident.case_id}（{_day(c.incident.date)}，{c.what}）" for c in d.candidates
    )
    blocks.append(
        f"化解期间发生、领导小组尚未研究的越级访、集体访和非正常进京访 {len(d.candidates)} 起：{listed}。"
        "有关事实已整理为《供领导小组研究的事项》（xinfang propose），是否存在责任不落实、处理不到位、"
        "敷衍应付、推诿扯皮，由领导小组研究认定；本通报不作评价。"
    )
    return blocks


def duty_sections(d: DutiesOverview, campaign: Campaign) -> list[tuple[str, list[Block]]]:
    """(heading, blocks) of each section, in the notice's order."""
    return [
        ("交办件报结和督办情况", assignments_section(d, campaign)),
        ("苗头隐患和重点人员包保情况", risks_section(d, campaign)),
        ("责任追究", accountability_section(d, campaign)),
    ]
