"""The leaders' view: for each county leader who carries cases (包案), their cases with the next
step and deadline, the incidents on them, and what needs their decision.

The plan: 包案的各级领导对所分包的信访案件要全程负责，直到“案结事了，息诉罢访”；对矛盾复杂、涉及面
广的重大问题，要向包案县级领导汇报，组织相关单位成立工作组，合力攻坚；包案县级领导要加大协调督导
力度，随时掌握案件进展情况。Key persons the leader looks after appear as counts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records.repository import Repository
from ..records.risk import Risk
from .duties_status import DutiesOverview
from .duty_views import contact_due, days_over, one_per_person, review_overdue
from .status import CaseStatus, Incident, Overview


@dataclass(frozen=True)
class Decision:
    """Something the leader has to decide or push, and on which record."""

    ref: str  # a case, assignment or risk id
    what: str
    why: str


@dataclass
class LeaderView:
    name: str
    post: str
    cases: list[CaseStatus]
    incidents: list[tuple[str, Incident]]
    decisions: list[Decision] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)  # open risks the leader leads
    persons: int = 0  # key persons the leader looks after
    contacts_overdue: int = 0

    @property
    def closed(self) -> int:
        return sum(c.closed for c in self.cases)

    @property
    def settled(self) -> int:
        return sum(c.settled for c in self.cases)


def next_step(case: CaseStatus) -> str:
    """What comes next on a case: its next steps, else the requirements set at registration."""
    c = case.case
    if c.closed:
        return "已结案" + (
            "，已息诉罢访" if case.settled else "，待观察" if case.observing else "，尚未息诉罢访"
        )
    return c.next_steps or c.responsibility.requirements or "未写明下一步工作措施"


def _decisions(
    cases: list[CaseStatus], view: Overview, duties: DutiesOverview, risks: list[Risk]
) -> list[Decision]:
    out: list[Decision] = []
    soon = view.campaign.policy.due_soon_days
    mine = {c.id for c in cases}
    for c in cases:
        d = c.deadline
        if c.closed or d is None:
            continue
        if d.overdue:
            # A lapsed deadline is not extended: no paper asks a leader to approve that.
            out.append(
                Decision(
                    c.id,
                    f"已超期 {-d.days_left} 天（时限 {d.effective}）",
                    "期限已过，不能再批准延期：督促承办单位限期办结，查明逾期原因",
                )
            )
        elif d.due_soon:
            why = f"确认能否按期办结（{soon} 日内到期）"
            if d.binding == "report_back":
                why += "；这是交办机关要求的报结期限，县里不能延期，确有困难的及早向交办机关报告"
            else:
                why += f"；确需延期的，须在 {d.effective} 前批准（累计不超过 30 日，并告知信访人）"
            out.append(Decision(c.id, f"{d.days_left} 天后到期（{d.effective}）", why))
        if c.case.approach == "task_force":
            out.append(Decision(c.id, "矛盾复杂、涉及面广", "召集相关单位成立工作组，合力攻坚"))
    for item in duties.report_backs_overdue:
        if item.case in mine and item.report_due:
            out.append(
                Decision(
                    item.id,
                    f"{item.from_}交办件报结已逾期 {days_over(item.report_due, view.as_of)} 天",
                    "督促办结并向交办机关报送办结报告",
                )
            )
    for item, notice in duties.supervisions_overdue:
        if item.case in mine:
            out.append(
                Decision(
                    item.id, f"{notice.by}督办要求 {notice.due} 前回复，已逾期", "督促回复督办"
                )
            )
    for risk in risks:
        if risk.level_on(view.as_of) == "high":
            out.append(
                Decision(
                    risk.id, f"重大隐患：{risk.title}", f"下次复查 {risk.review}；决定化解措施"
                )
            )
    return out


def leader_views(repo: Repository, view: Overview, duties: DutiesOverview) -> list[LeaderView]:
    """One view for each county leader (campaign.yml ``leaders``) who carries cases."""
    posts = {g["name"]: g["post"] for g in view.campaign.leading_group}
    settings, as_of = repo.duties.settings, view.as_of
    case_by_id = {c.id: c.case for c in view.cases}
    incidents = [("越级集体访", i) for i in view.cross_level_collective]
    incidents += [("非正常进京访", i) for i in view.abnormal_beijing]
    out = []
    for name in view.campaign.leaders:
        cases = [c for c in view.cases if c.case.responsibility.lead_official == name]
        if not cases:
            continue
        ids = {c.id for c in cases}
        risks = [
            r
            for r in duties.risks_in("open")
            if r.responsibility.lead_official == name
            and (r.level_on(as_of) == "high" or review_overdue(r, as_of, case_by_id))
        ]
        persons = [p for p in one_per_person(repo.duties.persons) if p.team.leader == name]
        due = [contact_due(p, as_of, settings) for p in persons]
        out.append(
            LeaderView(
                name=name,
                post=posts.get(name) or _post(repo, name),
                cases=sorted(cases, key=_urgency),
                incidents=sorted(
                    (pair for pair in incidents if pair[1].case_id in ids),
                    key=lambda pair: pair[1].date,
                ),
                decisions=_decisions(cases, view, duties, risks),
                risks=risks,
                persons=sum(d is not None for d in due),
                contacts_overdue=sum(bool(d and d.overdue) for d in due),
            )
        )
    return out


def _post(repo: Repository, name: str) -> str:
    data = repo.campaign_record.data or {}
    return next((p["post"] for p in data.get("leaders", []) if p.get("name") == name), "")


def _urgency(case: CaseStatus) -> tuple[int, int, str]:
    """Open cases first, the most overdue first; closed cases last."""
    days = case.deadline.days_left if case.deadline else 10**6
    return (1 if case.closed else 0, days, case.id)
