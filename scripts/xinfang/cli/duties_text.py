"""`xinfang status`: the figures of the work beside cases, as text and as JSON (counts only for
key persons)."""

from __future__ import annotations

from typing import Any

from ..records.duty_labels import ACCEPTANCE_ZH, ACTION_ZH, ASSIGN_LEVEL_ZH, RISK_LEVEL_ZH
from ..records.labels import width
from ..rules.duties_status import DutiesOverview
from ..rules.duty_views import days_over
from ..rules.office_views import OfficeWork


def pad(text: str, size: int) -> str:
    return text + " " * max(size - width(text), 0)


def as_text(d: DutiesOverview, name: Any) -> str:
    """``name``: the unit name for a code."""
    levels = d.open_by_level()
    by_level = d.by_level()
    acceptance = d.acceptance_counts()
    actions = d.action_counts()
    out = [
        "重点工作：",
        f"苗头隐患 {len(d.risks)} 件：在控 {len(d.risks_in('open'))} 件"
        f"（{'、'.join(f'{RISK_LEVEL_ZH[k]} {v}' for k, v in levels.items())}），"
        f"已化解 {len(d.risks_in('resolved'))} 件，已形成案件 {len(d.risks_in('case'))} 件；"
        f"逾期未复查 {len(d.reviews_overdue)} 件",
        f"重点人员 {d.persons_active} 人包保中（已退出 {d.persons_removed} 人），"
        f"超过走访间隔 {d.contacts_overdue} 人",
    ]
    out += [
        f"交办件 {len(d.assignments)} 件（{'、'.join(f'{ASSIGN_LEVEL_ZH[k]} {v}' for k, v in by_level.items())}）："
        f"已报结 {len(d.assignments_in('reported'))}，逾期报结 {len(d.assignments_in('late'))}，"
        f"超期未报结 {len(d.report_backs_overdue)}，待报结 {len(d.assignments_in('pending'))}；"
        f"督办未回复 {len(d.supervisions_open)} 件（逾期 {len(d.supervisions_overdue)} 件）",
        f"单位验收：{'，'.join(f'{ACCEPTANCE_ZH[k]} {v}' for k, v in acceptance.items())}",
        f"责任追究：{'，'.join(f'{ACTION_ZH[k]} {v}' for k, v in actions.items())}；"
        f"化解期间发生、领导小组尚未研究的越级访、集体访 {len(d.candidates)} 起（xinfang propose）",
    ]
    if d.report_backs_overdue:
        out += ["", "超期未报结的交办件："]
        for a in d.report_backs_overdue:
            due = a.report_due or d.as_of
            out.append(
                f"  {a.id}  {pad(a.from_ + a.number, 28)} 报结期限 {due}  逾期 {days_over(due, d.as_of)} 天  "
                f"{name(a.unit) if a.unit else ''}"
            )
    if d.supervisions_overdue:
        out += ["", "逾期未回复的督办："]
        for a, s in d.supervisions_overdue:
            out.append(
                f"  {a.id}  {pad(s.by, 28)} 回复期限 {s.due}  逾期 {days_over(s.due, d.as_of)} 天"
            )
    if d.reviews_overdue:
        out += ["", "逾期未复查的隐患："]
        for r in d.reviews_overdue:
            out.append(
                f"  {r.id}  {pad(name(r.unit), 12)} 复查日期 {r.review}  逾期 {days_over(r.review, d.as_of)} 天  {r.title}"
            )
    out += ["", "各单位（重点工作）："]
    out.append(
        "  "
        + pad("单位", 14)
        + "在控隐患 重大 逾期复查 重点人员 走访逾期 交办 超期未报  验收      追究"
    )
    for u in d.units:
        out.append(
            f"  {pad(u.name, 14)}{u.risks_open:>8} {u.risks_high:>4} {u.reviews_overdue:>8} "
            f"{u.persons:>8} {u.contacts_overdue:>8} {u.assignments:>4} {u.report_backs_overdue:>8}  "
            f"{pad(ACCEPTANCE_ZH[u.acceptance], 10)}{len(u.actions):>4}"
        )
    return "\n".join(out)


def as_dict(d: DutiesOverview) -> dict[str, Any]:
    return {
        "risks": {
            "total": len(d.risks),
            "open": len(d.risks_in("open")),
            "open_by_level": d.open_by_level(),
            "resolved": len(d.risks_in("resolved")),
            "turned_into_cases": len(d.risks_in("case")),
            "reviews_overdue": [r.id for r in d.reviews_overdue],
        },
        "key_persons": {
            "active": d.persons_active,
            "removed": d.persons_removed,
            "contacts_overdue": d.contacts_overdue,
        },
        "assignments": {
            "total": len(d.assignments),
            "by_level": d.by_level(),
            "reported": len(d.assignments_in("reported")),
            "reported_late": len(d.assignments_in("late")),
            "pending": len(d.assignments_in("pending")),
            "report_backs_overdue": [a.id for a in d.report_backs_overdue],
            "supervisions_open": len(d.supervisions_open),
            "supervisions_overdue": len(d.supervisions_overdue),
        },
        "acceptance": d.acceptance_counts(),
        "accountability": {
            **d.action_counts(),
            "to_publish": [a.id for a in d.to_publish()],
            "candidates": [
                {
                    "case": c.incident.case_id,
                    "date": c.incident.date.isoformat(),
                    "kinds": c.incident.kinds,
                    "units": list(c.units),
                    "drafted": c.drafted,
                }
                for c in d.candidates
            ],
        },
        "units": [
            {
                "code": u.code,
                "risks_open": u.risks_open,
                "risks_high": u.risks_high,
                "reviews_overdue": u.reviews_overdue,
                "key_persons": u.persons,
                "contacts_overdue": u.contacts_overdue,
                "assignments": u.assignments,
                "report_backs_overdue": u.report_backs_overdue,
                "acceptance": u.acceptance,
                "accountability": [a.id for a in u.actions],
            }
            for u in d.units
        ],
    }


def work_text(w: OfficeWork, name: Any) -> str:
    """The plan's own machinery in one paragraph: meetings, publicity, inspections, commendations;
    ``name``: the unit name for a code."""
    units = len(w.meetings)
    lines = [
        f"实施方案的工作：{units - len(w.without_meeting)}/{units} 个单位记录了专门会议；"
        f"宣传活动 {len(w.publicity)} 次；督查督导 {len(w.inspections)} 次，发现问题 {len(w.problems)} 个，"
        f"逾期未整改 {len(w.overdue)} 个；表彰决定 {len(w.commendations)} 项",
    ]
    if w.overdue:
        lines += ["", "逾期未整改的督查问题："]
        for p in w.overdue:
            lines.append(
                f"  {p.inspection.id}  {pad(name(p.unit), 12)} 整改期限 {p.problem.rectify_by}  "
                f"{p.problem.problem}"
            )
    return "\n".join(lines)
