"""The key-person sheets: the 包保 ledger and the contact log, masked unless asked for in full."""

from __future__ import annotations

from datetime import date

from ...records import duty_labels as zh
from ...records.person_privacy import masked_text, shown_id, shown_name, shown_phone
from ...records.repository import Repository
from ...rules.duty_views import contact_due
from .duty_sheet import DutySheet, columns


def person_sheets(repo: Repository, as_of: date, unit: str | None, masked: bool) -> list[DutySheet]:
    campaign, settings = repo.campaign, repo.duties.settings
    persons = sorted(
        (p for p in repo.duties.persons if p.registered <= as_of and unit in (None, p.unit)),
        key=lambda p: p.id,
    )
    headers, widths = columns(
        [
            ("登记编号", 16),
            ("姓名", 8),
            ("身份证号", 20),
            ("联系电话", 13),
            ("属地单位", 10),
            ("列入日期", 11),
            ("列入原因", 14),
            ("问题和诉求", 40),
            ("关联案件", 16),
            ("县级包保领导", 10),
            ("承办责任人", 14),
            ("属地责任人", 14),
            ("解决问题的步骤", 36),
            ("困难救助", 24),
            ("定期走访", 20),
            ("走访帮扶次数", 8),
            ("最近走访", 11),
            ("距今天数", 8),
            ("超过走访间隔", 8),
            ("状态", 8),
            ("退出日期", 11),
            ("退出原因", 24),
        ]
    )
    note = "身份证号、电话和姓名已打码" if masked else "含完整个人信息，注意保密"
    ledger = DutySheet(
        "重点人员包保台账", f"重点人员包保台账（统计日期 {as_of}；{note}）", headers, widths
    )
    headers, widths = columns(
        [
            ("登记编号", 16),
            ("姓名", 8),
            ("日期", 11),
            ("走访人", 12),
            ("方式", 10),
            ("情况", 48),
            ("帮扶内容", 30),
        ]
    )
    log = DutySheet(
        "走访帮扶记录", f"重点人员走访帮扶记录（统计日期 {as_of}；{note}）", headers, widths
    )
    for p in persons:
        due = contact_due(p, as_of, settings)
        contacts = p.contacts_until(as_of)
        shown = masked_text if masked else (lambda text, _p: text)
        removed = p.removed if p.removed and p.removed.date <= as_of else None
        ledger.rows.append(
            [
                p.id,
                shown_name(p, masked),
                shown_id(p, masked),
                shown_phone(p, masked),
                campaign.unit_name(p.locality),
                p.registered,
                "、".join(zh.PERSON_REASON_ZH[r] for r in p.reasons),
                shown(p.background, p),
                "、".join(p.cases),
                p.team.leader,
                f"{p.team.handler.name}（{campaign.unit_name(p.team.handler.unit)}）",
                f"{p.team.local.name}（{campaign.unit_name(p.team.local.unit)}）",
                shown(p.help.resolve, p),
                shown(p.help.relief, p) if p.help.relief else None,
                shown(p.help.visits, p),
                len(contacts),
                due.since if due else None,
                due.days if due else None,
                ("是" if due.overdue else "否") if due else None,
                "包保中" if due else "已退出",
                removed.date if removed else None,
                shown(removed.reason, p) if removed else None,
            ]
        )
        ledger.marked.append(bool(due and due.overdue))
        for c in contacts:
            log.rows.append(
                [
                    p.id,
                    shown_name(p, masked),
                    c.date,
                    c.by,
                    zh.CONTACT_METHOD_ZH[c.method],
                    shown(c.note, p),
                    shown(c.help, p) if c.help else None,
                ]
            )
            log.marked.append(False)
    return [ledger, log]
