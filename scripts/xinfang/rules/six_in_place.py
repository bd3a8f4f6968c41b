"""The plan's 六个到位 unit by unit: which records evidence each, and what the records lack.

The plan names the six (一、指导思想：排查到位、解决到位、疏导到位、扶持到位、稳控到位、追责到位)
and says nothing of how to show them. The reading (``readings.py``, "六个到位的记录"): each is
evidenced by the records listed in ``ITEMS``; the view lists them with their counts and states
what the records lack, as facts. Whether a unit's work is 到位 is the leading group's judgement:
the view gives no mark, score or ranking.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records.repository import Repository
from .duties_status import DutiesOverview
from .duty_views import contact_due, one_per_person
from .office_views import OfficeWork
from .status import Overview

#: The six, in the plan's order, each with the records that evidence it (the reading).
ITEMS = (
    ("screening", "排查到位", "专门会议、工作小组名单、排查台账、登记的案件和苗头隐患"),
    ("resolving", "解决到位", "结案和息诉罢访的案件、化解的苗头隐患、报结的交办件"),
    ("counselling", "疏导到位", "按“政策宣传和思想教育疏导”办理的案件、本单位的宣传活动"),
    ("support", "扶持到位", "重点人员（属地）的落实帮扶记录（只列人数）"),
    ("stability", "稳控到位", "包保中的重点人员和按帮扶安排走访的情况（只列人数）、化解期间记在本单位名下的越级访和集体访"),
    ("accountability", "追责到位", "点名本单位的责任追究决定、督查督导发现的问题及其整改"),
)  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    what: str  # the kind of record: 专门会议, 排查台账…
    count: int
    detail: str  # dates, ids or figures, as short text
    page: str  # which page lists them: meetings, submission, register, risks, publicity…


@dataclass
class Item:
    key: str
    name: str
    evidence: list[Evidence] = field(default_factory=list)
    lacking: list[str] = field(default_factory=list)  # facts the records show missing


@dataclass
class UnitSix:
    code: str
    name: str
    items: list[Item]


def _ids(ids: list[str], shown: int = 4) -> str:
    return "、".join(ids[:shown]) + (f" 等 {len(ids)} 件" if len(ids) > shown else "")


def six_in_place(
    repo: Repository, view: Overview, d: DutiesOverview, work: OfficeWork
) -> list[UnitSix]:
    """Every unit of ``d`` (all, or the one it was made for), with its six items."""
    as_of, statuses = view.as_of, {u.code: u for u in view.units}
    persons = [p for p in one_per_person(repo.duties.persons) if p.registered <= as_of]
    out = []
    for unit in d.units:
        code = unit.code
        status = statuses.get(code)
        cases = [c for c in view.cases if c.unit == code]
        items = {key: Item(key, name) for key, name, _ in ITEMS}

        screening = items["screening"]
        held = work.meetings.get(code, [])
        if held:
            text = "；".join(f"{m.date} {m.chaired_by}主持" for m in held)
            screening.evidence.append(Evidence("专门会议", len(held), text, "meetings"))
        else:
            screening.lacking.append("没有专门会议的记录")
        report = d.reports.get(code)
        for part, what in (("working_group", "工作小组名单"), ("registration", "排查台账")):
            sent = getattr(report, part, None) if report else None
            if sent is not None and sent.submitted <= as_of:
                screening.evidence.append(Evidence(what, 1, f"{sent.submitted} 上报", "submission"))
            else:
                screening.lacking.append(f"没有{what}的上报记录")
        screening.evidence.append(
            Evidence("登记的案件", len(cases), _ids([c.id for c in cases]), "register")
        )
        risks = [r for r, _ in d.risks if r.unit == code]
        screening.evidence.append(
            Evidence("苗头隐患", len(risks), _ids([r.id for r in risks]), "risks")
        )

        resolving = items["resolving"]
        closed = [c for c in cases if c.closed]
        resolving.evidence.append(
            Evidence("已结案", len(closed), _ids([c.id for c in closed]), "register")
        )
        settled = [c for c in cases if c.settled]
        resolving.evidence.append(
            Evidence("息诉罢访", len(settled), _ids([c.id for c in settled]), "register")
        )
        resolving.evidence.append(Evidence("已化解的隐患", unit.risks_resolved, "", "risks"))
        reported = [a.id for a, s in d.assignments if a.unit == code and s in ("reported", "late")]
        if reported:
            resolving.evidence.append(
                Evidence("已报结的交办件", len(reported), _ids(reported), "assignments")
            )
        if len(closed) < len(cases):
            overdue = status.overdue if status else 0
            resolving.lacking.append(
                f"未结案 {len(cases) - len(closed)} 件（其中超期 {overdue} 件）"
            )

        counselling = items["counselling"]
        counselled = [c.id for c in cases if c.case.approach == "counsel"]
        if counselled:
            counselling.evidence.append(
                Evidence("疏导的案件", len(counselled), _ids(counselled), "register")
            )
        sessions = work.unit_publicity(code)
        if sessions:
            text = "；".join(f"{s.date} {s.place}" for s in sessions[:3])
            counselling.evidence.append(Evidence("宣传活动", len(sessions), text, "publicity"))
        if not counselled and not sessions:
            counselling.lacking.append("没有疏导或宣传的记录")

        mine = [p for p in persons if p.unit == code]
        helped = [
            p for p in mine if any(c.method == "help" and c.date <= as_of for c in p.contacts)
        ]
        if mine:
            items["support"].evidence.append(
                Evidence("落实帮扶的重点人员", len(helped), f"共 {len(mine)} 人", "persons")
            )
            if len(helped) < len(mine):
                items["support"].lacking.append(f"{len(mine) - len(helped)} 人没有落实帮扶的记录")

        stability = items["stability"]
        active = [p for p in mine if contact_due(p, as_of, repo.duties.settings) is not None]
        if active:
            text = f"超过走访间隔 {unit.contacts_overdue} 人"
            stability.evidence.append(Evidence("包保中的重点人员", len(active), text, "persons"))
        charged = status.incidents if status else []
        if charged:
            stability.lacking.append(f"化解期间记在本单位名下的越级访、集体访 {len(charged)} 起")

        accountability = items["accountability"]
        if unit.actions:
            ids = [a.number or a.id for a in unit.actions]
            accountability.evidence.append(
                Evidence("责任追究决定", len(ids), _ids(ids), "accountability")
            )
        problems = work.unit_problems(code)
        if problems:
            done = [p for p in problems if p.rectified]
            text = f"已整改 {len(done)} 个"
            accountability.evidence.append(
                Evidence("督查发现的问题", len(problems), text, "inspections")
            )
            late = [p for p in problems if p.overdue]
            if late:
                accountability.lacking.append(f"督查问题逾期未整改 {len(late)} 个")
        out.append(UnitSix(code, unit.name, list(items.values())))
    return out
