"""The sheets of unit submissions with the office's acceptance, and of accountability."""

from __future__ import annotations

from ...records import duty_labels as zh
from ...records.campaign import Campaign
from ...records.privacy import mask_phone
from ...records.repository import Repository
from ...rules.duties_status import DutiesOverview
from ...rules.duty_views import registration_ledger
from .duty_sheet import LINE, DutySheet, columns


def submission_sheet(repo: Repository, d: DutiesOverview, masked: bool) -> DutySheet:
    headers, widths = columns(
        [
            ("单位", 12),
            ("小组名单上报", 11),
            ("成员", 36),
            ("排查情况上报", 11),
            ("上报案件", 8),
            ("台账案件", 8),
            ("上报隐患", 8),
            ("台账隐患", 8),
            ("上报重点人员", 8),
            ("进展报告", 48),
            ("书面总结上报", 11),
            ("总结要点", 40),
            ("下一步工作措施", 36),
            ("验收", 10),
            ("验收日期", 11),
            ("验收意见和退回理由", 40),
        ]
    )
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
            if reg
            else None
        )
        members = (
            LINE.join(
                f"{m.name} {m.post}（{zh.MEMBER_ROLE_ZH[m.role]}）"
                + (f" {mask_phone(m.phone) if masked else m.phone}" if m.phone else "")
                for m in group.members
            )
            if group
            else None
        )
        progress = LINE.join(
            f"{p.submitted} 案件 {p.counts.cases} 件，结案 {p.counts.closed} 件：{p.text}"
            for p in (r.progress if r else ())
            if p.submitted <= as_of
        )
        summary = r.summary if r and r.summary and r.summary.submitted <= as_of else None
        decision = r.acceptance_on(as_of) if r else None
        opinion = LINE.join(
            ([decision.opinion] if decision and decision.opinion else [])
            + (list(decision.reasons) if decision else [])
        )
        sheet.rows.append(
            [
                unit.name,
                group.submitted if group else None,
                members,
                reg.submitted if reg else None,
                reg.reported.cases if reg else None,
                len(held.cases) if held else None,
                reg.reported.risks if reg else None,
                len(held.risks) if held else None,
                reg.reported.key_persons if reg else None,
                progress or None,
                summary.submitted if summary else None,
                summary.text if summary else None,
                summary.next_steps if summary else None,
                zh.ACCEPTANCE_ZH[unit.acceptance],
                decision.date if decision else None,
                opinion or None,
            ]
        )
        sheet.marked.append(bool(reg and held and reg.reported.cases != len(held.cases)))
    return sheet


def accountability_sheet(d: DutiesOverview, campaign: Campaign) -> DutySheet:
    headers, widths = columns(
        [
            ("编号", 12),
            ("方式", 10),
            ("日期", 11),
            ("文号", 20),
            ("决定机关", 16),
            ("涉及单位", 20),
            ("被追究人员", 24),
            ("事由", 40),
            ("关联信访事件", 24),
            ("关联案件", 16),
            ("谈话人", 8),
            ("移送机关", 10),
            ("处理结果", 30),
        ]
    )
    sheet = DutySheet("责任追究", f"责任追究（统计日期 {d.as_of}）", headers, widths)
    for a in d.actions:
        sheet.rows.append(
            [
                a.id,
                zh.ACTION_ZH[a.kind],
                a.date,
                a.number,
                a.by,
                "、".join(campaign.unit_name(u) for u in a.units),
                LINE.join(f"{p.post} {p.name}" for p in a.persons) or None,
                a.reason,
                LINE.join(f"{i.case}（{i.date}）" for i in a.incidents) or None,
                "、".join(a.cases) or None,
                a.conducted_by,
                a.referred_to,
                a.outcome,
            ]
        )
        sheet.marked.append(False)
    return sheet
