"""The workbook's 汇总 sheet: the figures of ``xinfang status``, as tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ...records.labels import LEVEL_ZH, OBLIGATION_ZH, ratio
from ...rules.status import CaseStatus, Incident, Overview
from .book import A4, Book, page_setup, put, put_row


def _table(
    book: Book,
    ws: Worksheet,
    row: int,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[Format | None] = (),
) -> int:
    """Write a titled table from ``row`` (0-based); the next free row (after one blank row)."""
    put(ws, row, 0, title, book.section)
    row += 1
    put_row(ws, row, headers, book.header)
    for values in rows:
        row += 1
        for col, value in enumerate(values):
            fmt = formats[col] if col < len(formats) and formats[col] else None
            if fmt is None:
                fmt = book.date if hasattr(value, "isoformat") else book.plain
            put(ws, row, col, value, fmt)
    if not rows:
        row += 1
        put(ws, row, 0, "无")
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


def write_summary(book: Book, ws: Worksheet, view: Overview, masked: bool) -> None:
    campaign = view.campaign
    ws.set_row(0, 24)
    put(ws, 0, 0, f"{campaign.county}{campaign.name}进展汇总", book.title)
    phase = (
        f"{view.phase.name}（{view.phase.start} 至 {view.phase.end}），剩余 {view.phase_days_left} 天"
        if view.phase
        else ("活动尚未开始" if view.as_of < campaign.start else "活动已结束")
    )
    figures: list[tuple[Any, ...]] = [
        ("统计日期", view.as_of),
        ("当前阶段", phase),
        ("案件总数", view.total),
        ("已登记", view.count("registered")),
        ("化解中", view.count("in_progress")),
        ("无法回访（未结案）", view.unreachable),
        ("已结案", view.closed),
        ("结案率", ratio(view.closed, view.total, 3), f"{view.closed}/{view.total}"),
        ("息诉罢访", view.settled),
        ("待观察（观察期未满，不计入息诉罢访）", view.observing),
        ("息诉罢访率", ratio(view.settled, view.total, 3), f"{view.settled}/{view.total}"),
        ("超期未结", len(view.overdue)),
        (f"临期（{campaign.policy.due_soon_days} 日内到期）", len(view.due_soon)),
        ("逾期办结", len(view.closed_late)),
        ("越级集体访（目标为零）", len(view.cross_level_collective)),
        ("非正常进京访（目标为零）", len(view.abnormal_beijing)),
    ]
    if campaign.policy.cross_level_note:
        figures.append(("越级访的统计口径", campaign.policy.cross_level_note))
    row = 2
    put(ws, row, 0, "总体情况", book.section)
    put_row(ws, row + 1, ["项目", "数值", "基数"], book.header)
    for offset, (name, value, *base) in enumerate(figures, start=row + 2):
        put(ws, offset, 0, name, book.plain)
        fmt = (
            book.percent_left
            if name.endswith("率")
            else book.date
            if offset == row + 2
            else book.left
        )
        put(ws, offset, 1, value, fmt)
        if base:  # a rate states what it is a share of
            put(ws, offset, 2, base[0], book.left)
    row += 2 + len(figures) + 2
    milestones = campaign.milestones
    headers = [
        "单位",
        "案件",
        "已结案",
        "结案率",
        "息诉罢访",
        "待观察",
        "无法回访",
        "超期",
        "临期",
    ] + [m.label for m in milestones]
    units = [
        [
            u.name,
            u.cases,
            u.closed,
            ratio(u.closed, u.cases, 3) if u.cases else None,
            u.settled,
            u.observing,
            u.unreachable,
            u.overdue,
            u.due_soon,
        ]
        + [OBLIGATION_ZH[o.state] for o in u.obligations]
        for u in view.units
    ]
    start = row + 2
    row = _table(book, ws, row, "各单位进展和上报情况", headers, units, [None] * 3 + [book.percent])
    for i, unit in enumerate(view.units):
        for j, ob in enumerate(unit.obligations):
            if ob.state in book.fills:
                put(ws, start + i, 7 + j, OBLIGATION_ZH[ob.state], book.fills[ob.state])
    case_headers = ["编号", "案件名称", "承办单位", "实际时限", "超期天数"]
    row = _table(book, ws, row, "超期未结案件", case_headers, _case_rows(view, view.overdue, True))
    soon_headers = [*case_headers[:4], "剩余天数"]
    row = _table(book, ws, row, "临期案件", soon_headers, _case_rows(view, view.due_soon, False))
    incident_headers = ["日期", "编号", "承办单位", "到访层级", "人数"]
    row = _table(
        book, ws, row, "越级集体访", incident_headers,
        _incident_rows(view, view.cross_level_collective),
    )  # fmt: skip
    row = _table(
        book, ws, row, "非正常进京访", incident_headers, _incident_rows(view, view.abnormal_beijing)
    )
    put(ws, row, 0, "图例", book.bold)
    put(ws, row + 1, 0, "超期未结", book.fills["overdue"])
    put(ws, row + 1, 1, "台账中超期未结案件整行红底")
    put(ws, row + 2, 0, "逾期未报", book.fills["missing"])
    put(ws, row + 3, 0, "逾期完成", book.fills["late"])
    privacy = (
        "身份证号和电话已打码；完整号码用 xinfang export xlsx --full 导出。"
        if masked
        else "本工作簿含完整的身份证号和电话：请妥善保管，不要外传。"
    )
    put(ws, row + 5, 0, privacy)
    put(
        ws,
        row + 6,
        0,
        "统计口径与 xinfang status 相同：只计统计日期前已登记的案件，结案按结案日期计。",
    )
    for col, size in enumerate([24, 40, 14, 12, 10, 8, 8]):
        ws.set_column(col, col, size)
    ws.set_column(7, 7 + max(len(milestones) - 1, 0), 10)
    page_setup(ws, A4, None)
