"""The workbook's sheets of the plan's own machinery, as plain rows: each unit's special meeting
(one row per unit, a unit without one says so), the publicity sessions, the inspections' problems
with their rectification, the commendations beside the accountability decisions, and the
六个到位 by unit (the records that evidence each, and what they lack)."""

from __future__ import annotations

from ...records import duty_labels as zh
from ...records.campaign import Campaign
from ...rules.office_views import OfficeWork
from ...rules.six_in_place import UnitSix
from .duty_sheet import LINE, DutySheet, columns


def meeting_sheet(work: OfficeWork, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [("单位", 12), ("会议类别", 8), ("会议日期", 11), ("主持人", 8), ("参会人员", 30),
         ("部署内容", 44), ("会议纪要或文件", 24), ("编号", 16)]
    )  # fmt: skip
    sheet = DutySheet(
        "专门会议", f"各单位专门会议和总结大会（统计日期 {work.as_of}）", headers, widths
    )
    phase = campaign.phase("mobilize")
    for code, held in work.meetings.items():
        name = campaign.unit_name(code)
        if not held:
            sheet.rows.append(
                [name, "专门会议", None, None, None, "没有专门会议的记录", None, None]
            )
            sheet.marked.append(True)
        for m in held:
            row = [name, zh.MEETING_ZH[m.type], m.date, m.chaired_by, m.attendance, m.arranged]
            sheet.rows.append([*row, m.document, m.id])
            sheet.marked.append(bool(phase and m.date > phase.end))
    for m in work.summary_meetings:
        row = [campaign.unit_name(m.unit), zh.MEETING_ZH[m.type], m.date, m.chaired_by]
        sheet.rows.append([*row, m.attendance, m.arranged, m.document, m.id])
        sheet.marked.append(False)
    return sheet


def publicity_sheet(work: OfficeWork, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [("编号", 16), ("日期", 11), ("单位", 12), ("形式", 12), ("地点", 18), ("内容类别", 24),
         ("受众人数", 8), ("宣讲人", 14), ("宣传情况", 50)]
    )  # fmt: skip
    sheet = DutySheet("宣传活动", f"宣传活动（统计日期 {work.as_of}）", headers, widths)
    for p in work.publicity:
        topics = "、".join(zh.PUBLICITY_TOPIC_ZH[t] for t in p.topics)
        row = [p.id, p.date, campaign.unit_name(p.unit), zh.PUBLICITY_FORM_ZH[p.form], p.place]
        sheet.rows.append([*row, topics, p.audience, p.by, p.content])
        sheet.marked.append(False)
    return sheet


def inspection_sheet(work: OfficeWork, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [("督查编号", 12), ("督查日期", 11), ("督查组", 18), ("带队领导", 8), ("单位", 12),
         ("问题序号", 6), ("发现的问题", 44), ("整改期限", 11), ("整改情况", 44), ("状态", 10)]
    )  # fmt: skip
    sheet = DutySheet(
        "督查督导", f"督查督导发现的问题和整改（统计日期 {work.as_of}）", headers, widths
    )
    for p in work.problems:
        i = p.inspection
        done = LINE.join(
            f"{r.date} {r.note}" + (f"（核实：{r.checked_by}）" if r.checked_by else "")
            for r in i.rectifications
            if r.finding == p.number and r.date <= work.as_of
        )
        state = "已整改" if p.rectified else "逾期未整改" if p.overdue else "整改中"
        row = [i.id, i.date, i.team, i.leader, campaign.unit_name(p.unit), p.number]
        sheet.rows.append([*row, p.problem.problem, p.problem.rectify_by, done, state])
        sheet.marked.append(p.overdue)
    return sheet


def commendation_sheet(work: OfficeWork, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [("表彰编号", 12), ("称号", 24), ("决定日期", 11), ("决定机关", 20), ("研究决定的会议", 18),
         ("文号", 22), ("受表彰单位", 24), ("受表彰个人", 30), ("事迹", 50)]
    )  # fmt: skip
    sheet = DutySheet("表彰", f"表彰决定（统计日期 {work.as_of}）", headers, widths)
    for c in work.commendations:
        units = "、".join(campaign.unit_name(u) for u in c.units)
        persons = "；".join(f"{campaign.unit_name(p.unit)}{p.post} {p.name}" for p in c.persons)
        row = [c.id, c.honour, c.date, c.by, c.meeting, c.number, units, persons]
        sheet.rows.append([*row, LINE.join(c.facts)])
        sheet.marked.append(False)
    return sheet


def six_sheet(units: list[UnitSix], as_of: object) -> DutySheet:
    """One row per unit and item: the records that evidence it and what the records lack."""
    headers, widths = columns([("单位", 12), ("项目", 10), ("记录", 60), ("记录中缺少的", 40)])
    sheet = DutySheet("六个到位", f"各单位六个到位的记录（统计日期 {as_of}）", headers, widths)
    for unit in units:
        for item in unit.items:
            shown = LINE.join(
                f"{e.what} {e.count}" + (f"（{e.detail}）" if e.detail else "")
                for e in item.evidence
            )
            sheet.rows.append([unit.name, item.name, shown or "无记录", "；".join(item.lacking)])
            sheet.marked.append(False)
    return sheet
