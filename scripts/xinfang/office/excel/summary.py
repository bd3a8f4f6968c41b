"""The workbook's 汇总 sheet: the figures of ``xinfang status``, as tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ...records.labels import LEVEL_ZH, OBLIGATION_ZH
from ...rules.status import CaseStatus, Incident, Overview
from .columns import BORDER, DATE_FORMAT, OVERDUE_FILL, style_header
from .sheets import landscape

STATE_FILLS = {
    "missing": PatternFill("solid", fgColor="FFC7CE"),
    "late": PatternFill("solid", fgColor="FFEB9C"),
}
PERCENT = "0.0%"


def _table(
    ws: Worksheet, row: int, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """Write a titled table from ``row``; the next free row (after one blank row)."""
    ws.cell(row, 1, title).font = Font(bold=True, size=12)
    row += 1
    for col, header in enumerate(headers, start=1):
        ws.cell(row, col, header)
    style_header(ws, row, len(headers))
    for values in rows:
        row += 1
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.border = BORDER
            if hasattr(value, "isoformat"):
                cell.number_format = DATE_FORMAT
    if not rows:
        row += 1
        ws.cell(row, 1, "无")
    return row + 2


def _case_rows(view: Overview, cases: Sequence[CaseStatus], overdue: bool) -> list[list[Any]]:
    out = []
    for case in cases:
        d = case.deadline
        days = (-d.days_left if overdue else d.days_left) if d else None
        out.append(
            [
                case.id,
                case.case.title,
                view.campaign.unit_name(case.unit),
                d.effective if d else None,
                days,
            ]
        )
    return out


def _incident_rows(view: Overview, incidents: Sequence[Incident]) -> list[list[Any]]:
    return [
        [
            i.date,
            i.case_id,
            view.campaign.unit_name(i.unit),
            LEVEL_ZH.get(i.level, i.level),
            i.head_count,
        ]
        for i in incidents
    ]


def write_summary(ws: Worksheet, view: Overview, masked: bool) -> None:
    campaign = view.campaign
    ws.cell(1, 1, f"{campaign.county}{campaign.name}进展汇总").font = Font(bold=True, size=14)
    phase = (
        f"{view.phase.name}（{view.phase.start} 至 {view.phase.end}），剩余 {view.phase_days_left} 天"
        if view.phase
        else ("活动尚未开始" if view.as_of < campaign.start else "活动已结束")
    )
    figures: list[tuple[str, Any, str]] = [
        ("统计日期", view.as_of, ""),
        ("当前阶段", phase, ""),
        ("案件总数", view.total, ""),
        ("已登记", view.count("registered"), ""),
        ("化解中", view.count("in_progress"), ""),
        ("已结案", view.closed, ""),
        ("结案率", round(view.closure_rate, 4), PERCENT),
        ("息诉罢访", view.settled, ""),
        ("息诉罢访率", round(view.settled_rate, 4), PERCENT),
        ("超期未结", len(view.overdue), ""),
        (f"临期（{campaign.policy.due_soon_days} 日内到期）", len(view.due_soon), ""),
        ("逾期办结", len(view.closed_late), ""),
        ("越级集体访（目标为零）", len(view.cross_level_collective), ""),
        ("非正常进京访（目标为零）", len(view.abnormal_beijing), ""),
    ]
    row = _table(ws, 3, "总体情况", ["项目", "数值"], [[name, value] for name, value, _ in figures])
    for offset, (_, _, fmt) in enumerate(figures):
        ws.cell(5 + offset, 2).alignment = Alignment(horizontal="left")
        if fmt:
            ws.cell(5 + offset, 2).number_format = fmt
    milestones = campaign.milestones
    headers = ["单位", "案件", "已结案", "结案率", "息诉罢访", "超期", "临期"] + [
        m.label for m in milestones
    ]
    units = [
        [
            u.name,
            u.cases,
            u.closed,
            round(u.closed / u.cases, 4) if u.cases else None,
            u.settled,
            u.overdue,
            u.due_soon,
        ]
        + [OBLIGATION_ZH[o.state] for o in u.obligations]
        for u in view.units
    ]
    start = row + 2
    row = _table(ws, row, "各单位进展和上报情况", headers, units)
    for i, unit in enumerate(view.units):
        ws.cell(start + i, 4).number_format = PERCENT
        for j, ob in enumerate(unit.obligations):
            if ob.state in STATE_FILLS:
                ws.cell(start + i, 8 + j).fill = STATE_FILLS[ob.state]
    case_headers = ["编号", "案件名称", "承办单位", "实际时限", "超期天数"]
    row = _table(ws, row, "超期未结案件", case_headers, _case_rows(view, view.overdue, True))
    soon_headers = [*case_headers[:4], "剩余天数"]
    row = _table(ws, row, "临期案件", soon_headers, _case_rows(view, view.due_soon, False))
    incident_headers = ["日期", "编号", "承办单位", "到访层级", "人数"]
    row = _table(
        ws, row, "越级集体访", incident_headers, _incident_rows(view, view.cross_level_collective)
    )
    row = _table(
        ws, row, "非正常进京访", incident_headers, _incident_rows(view, view.abnormal_beijing)
    )
    ws.cell(row, 1, "图例").font = Font(bold=True)
    ws.cell(row + 1, 1, "超期未结").fill = OVERDUE_FILL
    ws.cell(row + 1, 2, "台账中超期未结案件整行红底")
    ws.cell(row + 2, 1, "逾期未报").fill = STATE_FILLS["missing"]
    ws.cell(row + 3, 1, "逾期完成").fill = STATE_FILLS["late"]
    privacy = (
        "身份证号和电话已打码；完整号码用 xinfang export xlsx --full 导出。"
        if masked
        else "本工作簿含完整的身份证号和电话：请妥善保管，不要外传。"
    )
    ws.cell(row + 5, 1, privacy)
    ws.cell(
        row + 6, 1, "统计口径与 xinfang status 相同：只计统计日期前已登记的案件，结案按结案日期计。"
    )
    widths = {"A": 24, "B": 40, "C": 14, "D": 12, "E": 10, "F": 8, "G": 8}
    for letter, size in widths.items():
        ws.column_dimensions[letter].width = size
    for col in range(8, 8 + len(milestones)):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 10
    ws.cell(1, 1).alignment = Alignment(vertical="center")
    landscape(ws)
