"""The Excel sheets of the work beside cases, as plain rows: the ledgers staff keep in Excel
for risks (隐患排查台账), key persons (重点人员包保台账, with the contact log), assigned cases
(交办督办台账), unit submissions and acceptance, accountability, and a sheet of figures.

Plain data (a title, headings, widths and rows of values), so that any workbook writer can lay
them out (``duty_sheets_writer.py`` does it). Which sheets a workbook has, kind by kind:
``kind_sheets.py``.
"""

from __future__ import annotations

from typing import Any

from ...records import duty_labels as zh
from ...records.campaign import Campaign
from ...rules.duties_status import DutiesOverview
from ...rules.duty_views import days_over
from .duty_sheet import LINE, DutySheet, columns


def risk_sheet(d: DutiesOverview, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [
            ("隐患编号", 16),
            ("隐患名称", 30),
            ("矛盾类型", 12),
            ("发现日期", 11),
            ("属地单位", 10),
            ("具体地点", 16),
            ("涉及人数", 8),
            ("涉及户数", 8),
            ("涉及群体", 14),
            ("情况描述", 40),
            ("风险等级", 8),
            ("责任单位", 10),
            ("责任人", 8),
            ("包案领导", 8),
            ("化解措施", 36),
            ("下次复查", 11),
            ("复查记录", 40),
            ("状态", 10),
            ("化解日期", 11),
            ("化解方式", 30),
            ("形成案件", 16),
        ]
    )
    sheet = DutySheet("隐患排查台账", f"苗头隐患排查台账（统计日期 {d.as_of}）", headers, widths)
    overdue = {r.id for r in d.reviews_overdue}
    for r, state in d.risks:
        reviews = LINE.join(f"{x.date} {x.by}：{x.note}" for x in r.reviews if x.date <= d.as_of)
        resolved = r.resolved if state == "resolved" else None
        sheet.rows.append(
            [
                r.id,
                r.title,
                zh.RISK_KIND_ZH[r.kind],
                r.found,
                campaign.unit_name(r.locality.unit),
                r.locality.place,
                r.involved.people,
                r.involved.households,
                r.involved.groups,
                r.description,
                zh.RISK_LEVEL_ZH[r.level_on(d.as_of)],
                campaign.unit_name(r.unit),
                r.responsibility.official,
                r.responsibility.lead_official,
                r.measures,
                r.review if state == "open" else None,
                reviews,
                zh.RISK_STATE_ZH[state],
                resolved.date if resolved else None,
                resolved.how if resolved else None,
                r.case if state == "case" else None,
            ]
        )
        sheet.marked.append(r.id in overdue)
    return sheet


def assignment_sheet(d: DutiesOverview, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [
            ("交办编号", 12),
            ("层级", 8),
            ("交办机关", 12),
            ("交办文号", 18),
            ("方式", 6),
            ("交办日期", 11),
            ("收到日期", 11),
            ("交办事项", 36),
            ("案件编号", 16),
            ("承办单位", 10),
            ("转交日期", 11),
            ("转交文号", 16),
            ("承办单位报告期限", 11),
            ("报结期限", 11),
            ("报结情况", 10),
            ("办结报告日期", 11),
            ("报告情况", 40),
            ("督办", 40),
            ("逾期天数", 8),
        ]
    )
    sheet = DutySheet("交办督办台账", f"交办督办台账（统计日期 {d.as_of}）", headers, widths)
    for a, state in d.assignments:
        final = a.final_report(d.as_of)
        reports = LINE.join(
            f"{r.date} {zh.REPORT_KIND_ZH[r.kind]}：{r.content}"
            for r in a.report_backs
            if r.date <= d.as_of
        )
        supervisions = LINE.join(
            f"{s.date} {s.by}督办，{s.due} 前回复；"
            + (f"{s.answered} 已回复" if s.answered and s.answered <= d.as_of else "未回复")
            for s in a.supervisions
            if s.date <= d.as_of
        )
        dispatch = a.dispatch
        sheet.rows.append(
            [
                a.id,
                zh.ASSIGN_LEVEL_ZH[a.level],
                a.from_,
                a.number,
                zh.ASSIGN_KIND_ZH[a.kind],
                a.issued,
                a.received,
                a.subject,
                a.case,
                campaign.unit_name(dispatch.unit) if dispatch else None,
                dispatch.date if dispatch else None,
                dispatch.number if dispatch else None,
                dispatch.due if dispatch else None,
                a.report_due,
                zh.REPORT_STATE_ZH[state],
                final.date if final else None,
                reports,
                supervisions,
                days_over(a.report_due, d.as_of) if state == "overdue" and a.report_due else None,
            ]
        )
        sheet.marked.append(state == "overdue")
    return sheet


def figures_sheet(d: DutiesOverview) -> DutySheet:
    """The figures of ``xinfang status``'s second part (key persons as counts)."""
    levels, acc, actions = d.open_by_level(), d.acceptance_counts(), d.action_counts()
    rows: list[list[Any]] = [
        ["苗头隐患", "排查登记", len(d.risks)],
        ["苗头隐患", "在控", len(d.risks_in("open"))],
        *[["苗头隐患", f"在控（{zh.RISK_LEVEL_ZH[k]}）", v] for k, v in levels.items()],
        ["苗头隐患", "已化解", len(d.risks_in("resolved"))],
        ["苗头隐患", "已形成信访案件", len(d.risks_in("case"))],
        ["苗头隐患", "逾期未复查", len(d.reviews_overdue)],
        ["重点人员", "包保中", d.persons_active],
        ["重点人员", "已退出", d.persons_removed],
        ["重点人员", "超过走访间隔", d.contacts_overdue],
        *[["交办件", zh.ASSIGN_LEVEL_ZH[k], v] for k, v in d.by_level().items()],
        ["交办件", "超期未报结", len(d.report_backs_overdue)],
        ["交办件", "督办逾期未回复", len(d.supervisions_overdue)],
        *[["单位验收", zh.ACCEPTANCE_ZH[k], v] for k, v in acc.items()],
        *[["责任追究", zh.ACTION_ZH[k], v] for k, v in actions.items()],
        ["责任追究", "化解期间发生、尚未研究的越级访、集体访（起）", len(d.candidates)],
    ]
    return DutySheet(
        "重点工作",
        f"重点工作汇总（统计日期 {d.as_of}）",
        ["项目", "指标", "数量"],
        [10, 28, 8],
        rows,
        [False] * len(rows),
    )
