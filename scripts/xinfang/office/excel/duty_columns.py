"""The Excel sheets of the work beside cases, as plain rows: the ledgers staff keep in Excel
for risks (隐患排查台账), key persons (重点人员包保台账, with the contact log), assigned cases
(交办督办台账), unit submissions and acceptance, accountability, and a sheet of figures.

Plain data (a title, headings, widths and rows of values), so that any workbook writer can lay
them out (``duty_sheets_writer.py`` does it with openpyxl). Key persons are masked unless
``masked`` is false, and left out altogether where ``persons`` is false (the site's download).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...records import duty_labels as zh
from ...records.campaign import Campaign
from ...records.person_privacy import masked_text, shown_id, shown_name, shown_phone
from ...records.privacy import mask_phone
from ...records.repository import Repository
from ...rules.duties_status import DutiesOverview
from ...rules.duty_views import contact_due, days_over, registration_ledger

LINE = "\n"


@dataclass
class DutySheet:
    title: str  # the sheet's name
    heading: str  # the title row above the table
    headers: list[str]
    widths: list[int]
    rows: list[list[Any]] = field(default_factory=list)
    marked: list[bool] = field(default_factory=list)  # rows to show in light red


def _columns(spec: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [h for h, _ in spec], [w for _, w in spec]


def risk_sheet(d: DutiesOverview, campaign: Campaign) -> DutySheet:
    headers, widths = _columns([
        ("隐患编号", 16), ("隐患名称", 30), ("矛盾类型", 12), ("发现日期", 11), ("属地单位", 10),
        ("具体地点", 16), ("涉及人数", 8), ("涉及户数", 8), ("涉及群体", 14), ("情况描述", 40),
        ("风险等级", 8), ("责任单位", 10), ("责任人", 8), ("包案领导", 8), ("化解措施", 36),
        ("下次复查", 11), ("复查记录", 40), ("状态", 10), ("化解日期", 11), ("化解方式", 30),
        ("形成案件", 16),
    ])  # fmt: skip
    sheet = DutySheet("隐患排查台账", f"苗头隐患排查台账（统计日期 {d.as_of}）", headers, widths)
    overdue = {r.id for r in d.reviews_overdue}
    for r, state in d.risks:
        reviews = LINE.join(f"{x.date} {x.by}：{x.note}" for x in r.reviews if x.date <= d.as_of)
        resolved = r.resolved if state == "resolved" else None
        sheet.rows.append([
            r.id, r.title, zh.RISK_KIND_ZH[r.kind], r.found, campaign.unit_name(r.locality.unit),
            r.locality.place, r.involved.people, r.involved.households, r.involved.groups,
            r.description, zh.RISK_LEVEL_ZH[r.level_on(d.as_of)], campaign.unit_name(r.unit),
            r.responsibility.official, r.responsibility.lead_official, r.measures,
            r.review if state == "open" else None, reviews, zh.RISK_STATE_ZH[state],
            resolved.date if resolved else None, resolved.how if resolved else None,
            r.case if state == "case" else None,
        ])  # fmt: skip
        sheet.marked.append(r.id in overdue)
    return sheet


def person_sheets(repo: Repository, as_of: date, unit: str | None, masked: bool) -> list[DutySheet]:
    campaign, settings = repo.campaign, repo.duties.settings
    persons = sorted(
        (p for p in repo.duties.persons if p.registered <= as_of and unit in (None, p.unit)),
        key=lambda p: p.id,
    )
    headers, widths = _columns([
        ("登记编号", 16), ("姓名", 8), ("身份证号", 20), ("联系电话", 13), ("属地单位", 10),
        ("列入日期", 11), ("列入原因", 14), ("问题和诉求", 40), ("关联案件", 16),
        ("县级包保领导", 10), ("承办责任人", 14), ("属地责任人", 14), ("解决问题的步骤", 36),
        ("困难救助", 24), ("定期走访", 20), ("走访帮扶次数", 8), ("最近走访", 11),
        ("距今天数", 8), ("超过走访间隔", 8), ("状态", 8), ("退出日期", 11), ("退出原因", 24),
    ])  # fmt: skip
    note = "身份证号、电话和姓名已打码" if masked else "含完整个人信息，注意保密"
    ledger = DutySheet(
        "重点人员包保台账", f"重点人员包保台账（统计日期 {as_of}；{note}）", headers, widths
    )
    headers, widths = _columns([
        ("登记编号", 16), ("姓名", 8), ("日期", 11), ("走访人", 12), ("方式", 10),
        ("情况", 48), ("帮扶内容", 30),
    ])  # fmt: skip
    log = DutySheet(
        "走访帮扶记录", f"重点人员走访帮扶记录（统计日期 {as_of}；{note}）", headers, widths
    )
    for p in persons:
        due = contact_due(p, as_of, settings)
        contacts = p.contacts_until(as_of)
        shown = masked_text if masked else (lambda text, _p: text)
        removed = p.removed if p.removed and p.removed.date <= as_of else None
        ledger.rows.append([
            p.id, shown_name(p, masked), shown_id(p, masked), shown_phone(p, masked),
            campaign.unit_name(p.locality), p.registered,
            "、".join(zh.PERSON_REASON_ZH[r] for r in p.reasons), shown(p.background, p),
            "、".join(p.cases), p.team.leader,
            f"{p.team.handler.name}（{campaign.unit_name(p.team.handler.unit)}）",
            f"{p.team.local.name}（{campaign.unit_name(p.team.local.unit)}）",
            shown(p.help.resolve, p), shown(p.help.relief, p) if p.help.relief else None,
            shown(p.help.visits, p), len(contacts), due.since if due else None,
            due.days if due else None, ("是" if due.overdue else "否") if due else None,
            "包保中" if due else "已退出", removed.date if removed else None,
            shown(removed.reason, p) if removed else None,
        ])  # fmt: skip
        ledger.marked.append(bool(due and due.overdue))
        for c in contacts:
            log.rows.append([
                p.id, shown_name(p, masked), c.date, c.by, zh.CONTACT_METHOD_ZH[c.method],
                shown(c.note, p), shown(c.help, p) if c.help else None,
            ])  # fmt: skip
            log.marked.append(False)
    return [ledger, log]


def assignment_sheet(d: DutiesOverview, campaign: Campaign) -> DutySheet:
    headers, widths = _columns([
        ("交办编号", 12), ("层级", 8), ("交办机关", 12), ("交办文号", 18), ("方式", 6),
        ("交办日期", 11), ("收到日期", 11), ("交办事项", 36), ("案件编号", 16), ("承办单位", 10),
        ("转交日期", 11), ("转交文号", 16), ("承办单位报告期限", 11), ("报结期限", 11),
        ("报结情况", 10), ("办结报告日期", 11), ("报告情况", 40), ("督办", 40), ("逾期天数", 8),
    ])  # fmt: skip
    sheet = DutySheet("交办督办台账", f"交办督办台账（统计日期 {d.as_of}）", headers, widths)
    for a, state in d.assignments:
        final = a.final_report(d.as_of)
        reports = LINE.join(
            f"{r.date} {zh.REPORT_KIND_ZH[r.kind]}：{r.content}" for r in a.report_backs
            if r.date <= d.as_of
        )  # fmt: skip
        supervisions = LINE.join(
            f"{s.date} {s.by}督办，{s.due} 前回复；"
            + (f"{s.answered} 已回复" if s.answered and s.answered <= d.as_of else "未回复")
            for s in a.supervisions if s.date <= d.as_of
        )  # fmt: skip
        dispatch = a.dispatch
        sheet.rows.append([
            a.id, zh.ASSIGN_LEVEL_ZH[a.level], a.from_, a.number, zh.ASSIGN_KIND_ZH[a.kind],
            a.issued, a.received, a.subject, a.case,
            campaign.unit_name(dispatch.unit) if dispatch else None,
            dispatch.date if dispatch else None, dispatch.number if dispatch else None,
            dispatch.due if dispatch else None, a.report_due, zh.REPORT_STATE_ZH[state],
            final.date if final else None, reports, supervisions,
            days_over(a.report_due, d.as_of) if state == "overdue" and a.report_due else None,
        ])  # fmt: skip
        sheet.marked.append(state == "overdue")
    return sheet


def submission_sheet(repo: Repository, d: DutiesOverview, masked: bool) -> DutySheet:
    headers, widths = _columns([
        ("单位", 12), ("小组名单上报", 11), ("成员", 36), ("排查情况上报", 11), ("上报案件", 8),
        ("台账案件", 8), ("上报隐患", 8), ("台账隐患", 8), ("上报重点人员", 8), ("进展报告", 48),
        ("书面总结上报", 11), ("总结要点", 40), ("下一步工作措施", 36), ("验收", 10),
        ("验收日期", 11), ("验收意见和退回理由", 40),
    ])  # fmt: skip
    sheet = DutySheet(
        "上报材料和验收", f"各单位上报材料和验收（统计日期 {d.as_of}）", headers, widths
    )
    as_of = d.as_of
    for unit in d.units:
        r = d.reports.get(unit.code)
        group = (
            r.working_group
            if r and r.working_group and r.working_group.submitted <= as_of
            else None
        )
        reg = r.registration if r and r.registration and r.registration.submitted <= as_of else None
        held = (
            registration_ledger(unit.code, reg.submitted, repo.cases, repo.duties.risks, [])
            if reg else None
        )  # fmt: skip
        members = LINE.join(
            f"{m.name} {m.post}（{zh.MEMBER_ROLE_ZH[m.role]}）"
            + (f" {mask_phone(m.phone) if masked else m.phone}" if m.phone else "")
            for m in group.members
        ) if group else None  # fmt: skip
        progress = LINE.join(
            f"{p.submitted} 案件 {p.counts.cases} 件，结案 {p.counts.closed} 件：{p.text}"
            for p in (r.progress if r else ()) if p.submitted <= as_of
        )  # fmt: skip
        summary = r.summary if r and r.summary and r.summary.submitted <= as_of else None
        decision = r.acceptance_on(as_of) if r else None
        opinion = LINE.join(([decision.opinion] if decision and decision.opinion else [])
                            + (list(decision.reasons) if decision else []))  # fmt: skip
        sheet.rows.append([
            unit.name, group.submitted if group else None, members, reg.submitted if reg else None,
            reg.reported.cases if reg else None, len(held.cases) if held else None,
            reg.reported.risks if reg else None, len(held.risks) if held else None,
            reg.reported.key_persons if reg else None, progress or None,
            summary.submitted if summary else None, summary.text if summary else None,
            summary.next_steps if summary else None, zh.ACCEPTANCE_ZH[unit.acceptance],
            decision.date if decision else None, opinion or None,
        ])  # fmt: skip
        sheet.marked.append(bool(reg and held and reg.reported.cases != len(held.cases)))
    return sheet


def accountability_sheet(d: DutiesOverview, campaign: Campaign) -> DutySheet:
    headers, widths = _columns([
        ("编号", 12), ("方式", 10), ("日期", 11), ("文号", 20), ("决定机关", 16), ("涉及单位", 20),
        ("被追究人员", 24), ("事由", 40), ("关联信访事件", 24), ("关联案件", 16), ("谈话人", 8),
        ("移送机关", 10), ("处理结果", 30),
    ])  # fmt: skip
    sheet = DutySheet("责任追究", f"责任追究（统计日期 {d.as_of}）", headers, widths)
    for a in d.actions:
        sheet.rows.append([
            a.id, zh.ACTION_ZH[a.kind], a.date, a.number, a.by,
            "、".join(campaign.unit_name(u) for u in a.units),
            LINE.join(f"{p.post} {p.name}" for p in a.persons) or None, a.reason,
            LINE.join(f"{i.case}（{i.date}）" for i in a.incidents) or None,
            "、".join(a.cases) or None, a.conducted_by, a.referred_to, a.outcome,
        ])  # fmt: skip
        sheet.marked.append(False)
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
        *[["重点人员", f"{p.name}期间有走访帮扶的（人）", p.persons] for p in d.periods],
        *[["交办件", zh.ASSIGN_LEVEL_ZH[k], v] for k, v in d.by_level().items()],
        ["交办件", "超期未报结", len(d.report_backs_overdue)],
        ["交办件", "督办逾期未回复", len(d.supervisions_overdue)],
        *[["单位验收", zh.ACCEPTANCE_ZH[k], v] for k, v in acc.items()],
        *[["责任追究", zh.ACTION_ZH[k], v] for k, v in actions.items()],
        ["责任追究", "待确认的建议", len(d.proposals)],
    ]
    return DutySheet("重点工作", f"重点工作汇总（统计日期 {d.as_of}）", ["项目", "指标", "数量"],
                     [10, 28, 8], rows, [False] * len(rows))  # fmt: skip


def duty_sheets(
    repo: Repository, d: DutiesOverview, unit: str | None, masked: bool, persons: bool
) -> list[DutySheet]:
    """Every sheet, in the workbook's order; ``persons``: with the key-person sheets."""
    sheets = [figures_sheet(d), risk_sheet(d, repo.campaign)]
    if persons:
        sheets += person_sheets(repo, d.as_of, unit, masked)
    sheets += [
        assignment_sheet(d, repo.campaign),
        submission_sheet(repo, d, masked),
        accountability_sheet(d, repo.campaign),
    ]
    return sheets
