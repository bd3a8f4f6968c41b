"""`xinfang status`: the overview as a terminal summary or as JSON."""

from __future__ import annotations

import json
from typing import Any

from ..records.labels import LEVEL_ZH, OBLIGATION_ZH, percent, ratio, width
from ..rules.status import CaseStatus, Overview
from ..rules.targets import BACKGROUND, Incident, Sensitive


def pad(text: str, size: int) -> str:
    return text + " " * max(size - width(text), 0)


def _case_line(case: CaseStatus, overview: Overview) -> str:
    d = case.deadline
    days = f"超期 {-d.days_left} 天" if d and d.overdue else f"剩 {d.days_left} 天" if d else ""
    unit = overview.campaign.unit_name(case.unit)
    due = d.effective.isoformat() if d else "未定"
    return f"  {case.id}  {pad(unit, 12)} 时限 {due}  {pad(days, 10)} {case.case.title}"


def _incident_line(incident: Incident, overview: Overview) -> str:
    name = overview.campaign.unit_name
    home = "、".join(name(code) for code in incident.home_units)
    return (
        f"  {incident.date}  {incident.case_id}  {pad(LEVEL_ZH[incident.level], 4)}"
        f"{incident.head_count:>3} 人  {'、'.join(incident.kinds)}；"
        f"承办：{name(incident.unit)}；属地：{home}"
        + ("" if incident.charged else f"；{BACKGROUND}")
    )


def _sensitive_line(s: Sensitive) -> str:
    p = s.period
    when = (
        "已结束"
        if s.over
        else f"进行中，还剩 {s.days_left} 天"
        if s.started
        else f"还有 {s.days_to_start} 天开始"
    )
    return f"敏感时期 {p.name}（{p.start} 至 {p.end}）：{when}，期间发生 {len(s.incidents)} 起"


def as_text(o: Overview) -> str:
    c = o.campaign
    out = [f"{c.county}{c.name}", f"统计日期：{o.as_of}"]
    if o.phase:
        out.append(
            f"当前阶段：{o.phase.name}（{o.phase.start} 至 {o.phase.end}），剩余 {o.phase_days_left} 天"
        )
    elif o.as_of < c.start:
        out.append(f"活动尚未开始（{c.start} 开始）")
    else:
        out.append(f"活动已于 {c.end} 结束")
    out += [
        "",
        f"案件 {o.total} 件：已登记 {o.count('registered')}，化解中 {o.count('in_progress')}，"
        f"已结案 {o.closed}"
        + (f"；无法回访 {o.unreachable}（未结案，不计入结案率）" if o.unreachable else ""),
        f"结案率 {percent(o.closed, o.total)}，息诉罢访 {o.settled} 件，"
        f"息诉罢访率 {percent(o.settled, o.total)}"
        + (f"；待观察 {o.observing} 件（观察期未满，不计入）" if o.observing else ""),
        f"超期 {len(o.overdue)} 件，临期（{c.policy.due_soon_days} 日内到期）{len(o.due_soon)} 件，"
        f"逾期办结 {len(o.closed_late)} 件",
        f"控制目标（应为零，{c.targets.start} 至 {c.targets.end}）：越级集体访 "
        f"{len(o.cross_level_collective)} 起，非正常进京访 {len(o.abnormal_beijing)} 起"
        f"（另计：越级访 {len(o.cross_level)} 起，集体访 {len(o.collective)} 起，均为走访）",
        *([c.policy.cross_level_note] if c.policy.cross_level_note else []),
        *map(_sensitive_line, o.sensitive),
    ]
    for title, cases in (("超期案件", o.overdue), ("临期案件", o.due_soon)):
        if cases:
            out += ["", f"{title}："] + [_case_line(case, o) for case in cases]
    if o.incidents:
        out += [
            "",
            "越级访、集体访和非正常进京访（化解期间发生的，承办单位和信访人所属单位共同承担责任）：",
        ]
        out += [_incident_line(i, o) for i in o.incidents]
    out += ["", "各单位："]
    milestones = c.milestones
    header = (
        pad("单位", 18)
        + "案件 已结 息诉 超期 事件  "
        + "  ".join(pad(m.label, 12) for m in milestones)
    )
    out.append("  " + header)
    for u in o.units:
        states = "  ".join(pad(OBLIGATION_ZH[ob.state], 12) for ob in u.obligations)
        out.append(
            f"  {pad(u.name, 18)}{u.cases:>4} {u.closed:>4} {u.settled:>4} {u.overdue:>4}"
            f" {len(u.incidents):>4}  {states}"
        )
    return "\n".join(out)


def _case_json(case: CaseStatus) -> dict[str, Any]:
    d = case.deadline
    return {
        "id": case.id,
        "title": case.case.title,
        "unit": case.unit,
        "status": case.case.status,
        "deadline": d.effective.isoformat() if d else None,
        "days_left": d.days_left if d else None,
    }


def _incident_json(i: Incident) -> dict[str, Any]:
    return {
        "date": i.date.isoformat(),
        "case": i.case_id,
        "kinds": i.kinds,
        "level": i.level,
        "head_count": i.head_count,
        "unit": i.unit,
        "home_units": list(i.home_units),
        "charged": i.charged,
    }


def as_dict(o: Overview) -> dict[str, Any]:
    c = o.campaign
    return {
        "as_of": o.as_of.isoformat(),
        "phase": {"id": o.phase.id, "name": o.phase.name, "days_left": o.phase_days_left}
        if o.phase
        else None,
        "totals": {
            "cases": o.total,
            "registered": o.count("registered"),
            "in_progress": o.count("in_progress"),
            "closed": o.closed,
            "unreachable": o.unreachable,
            "settled": o.settled,
            "observing": o.observing,
            "closure_rate": ratio(o.closed, o.total),
            "settled_rate": ratio(o.settled, o.total),
            "overdue": len(o.overdue),
            "due_soon": len(o.due_soon),
            "closed_late": len(o.closed_late),
        },
        "kpis": {
            "cross_level_collective_visits": len(o.cross_level_collective),
            "abnormal_beijing_visits": len(o.abnormal_beijing),
            "cross_level_visits": len(o.cross_level),
            "collective_visits": len(o.collective),
            "target": 0,
            "window": {"start": c.targets.start.isoformat(), "end": c.targets.end.isoformat()},
            "cross_level_setting": c.policy.cross_level_note,
        },
        "incidents": [_incident_json(i) for i in o.incidents],
        "sensitive_periods": [
            {
                "name": s.period.name,
                "start": s.period.start.isoformat(),
                "end": s.period.end.isoformat(),
                "days_to_start": s.days_to_start,
                "days_left": s.days_left,
                "incidents": [i.case_id for i in s.incidents],
            }
            for s in o.sensitive
        ],
        "overdue": [_case_json(c) for c in o.overdue],
        "due_soon": [_case_json(c) for c in o.due_soon],
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "cases": u.cases,
                "closed": u.closed,
                "unreachable": u.unreachable,
                "settled": u.settled,
                "observing": u.observing,
                "overdue": u.overdue,
                "due_soon": u.due_soon,
                "registered_on_time": u.registered_on_time,
                "reported_later": u.reported_later,
                "incidents": {
                    "cross_level_collective": u.charged("cross_level_collective"),
                    "abnormal_beijing": u.charged("abnormal"),
                    "cross_level": u.charged("cross_level"),
                    "collective": u.charged("collective"),
                },
                "obligations": {
                    ob.milestone.id: {
                        "state": ob.state,
                        "due": ob.milestone.due.isoformat(),
                        "submitted": ob.submitted.isoformat() if ob.submitted else None,
                    }
                    for ob in u.obligations
                },
            }
            for u in o.units
        ],
    }


def as_json(o: Overview) -> str:
    return json.dumps(as_dict(o), ensure_ascii=False, indent=2)
