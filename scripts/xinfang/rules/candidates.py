"""Candidates for the leading group: the incidents no decision has dealt with, and the facts.

The plan: 对责任不落实、处理不到位、敷衍应付、推诿扯皮，使问题得不到解决导致越级上访、集体上访的，
要进行通报批评. Two conditions, the fault and its consequence; only the leading group finds the
fault. The program lists every 越级访, 集体访 and 非正常进京访 charged during a case's handling
(``targets.py``) that no accountability record dated by then names, with the units jointly
responsible and the facts of the records that bear on the fault element as they stood on the day
of the visit: the re-hearing, the 办结时限, the handling unit's last progress note, its reports
due by then and an assigned case's report-back. It never says which fault it is, or what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..campaign.deadlines import deadline_status
from ..campaign.workdays import WorkCalendar
from ..records.accountability import Action
from ..records.case import Case
from ..records.loader import load_file
from ..records.repository import Repository
from .status import Overview, as_of_view, obligation
from .targets import Incident

Key = tuple[str, date]  # case id, the date of the visit


@dataclass(frozen=True)
class Candidate:
    incident: Incident
    units: tuple[str, ...]  # the handling unit and the petitioners' own, jointly
    facts: tuple[str, ...]  # what the records show on the day of the visit
    drafted: str | None = None  # a record file under accountability/ that names the incident

    @property
    def key(self) -> Key:
        return self.incident.case_id, self.incident.date

    @property
    def what(self) -> str:
        return "、".join(self.incident.kinds)


def dealt_with(actions: list[Action], as_of: date) -> set[Key]:
    """The incidents a decision dated by ``as_of`` names (any kind, any unit)."""
    return {(i.case, i.date) for a in actions if a.date <= as_of for i in a.incidents}


def named_in_files(repo: Repository) -> dict[Key, str]:
    """Every incident named by a file under accountability/, valid or not, of any date: a draft
    that does not pass the schema yet still holds its incident (no second draft for it)."""
    out: dict[Key, str] = {}
    for action in repo.duties.actions:
        for i in action.incidents:
            out.setdefault((i.case, i.date), action.rel)
    for record in repo.duties.records:
        if record.data is not None or not record.rel.startswith("accountability/"):
            continue
        data = load_file(record.path, repo.root).data
        items = data.get("incidents") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                try:
                    key = (str(item.get("case")), date.fromisoformat(str(item.get("date"))))
                except ValueError:
                    continue
                out.setdefault(key, record.rel)
    return out


def _day(d: date) -> str:
    return f"{d.month}月{d.day}日"


def case_facts(case: Case, day: date, view: Overview, repo: Repository) -> list[str]:
    """What the records of ``case`` show on ``day`` that bears on the plan's fault element."""
    campaign, facts = view.campaign, []
    then = as_of_view(case, day) or case
    facts.append(f"案件 {_day(case.registered)}登记，承办单位{campaign.unit_name(case.unit)}。")
    r = case.responsibility
    missing = [
        words
        for words, value in (
            ("包案领导", r.lead_official),
            ("具体责任人", r.handler),
            ("稳控责任人", r.stability_officer),
            ("办结时限", r.deadline),
        )
        if not value
    ]
    if missing:
        facts.append(f"登记时没有明确{'、'.join(missing)}。")
    heard = case.rehearing
    if heard and heard.date <= day:
        facts.append(
            f"{_day(heard.date)}再次听取了信访人的申诉"
            + ("，有谈话记录。" if heard.record else "，没有谈话记录文件。")
        )
    else:
        later = f"（{_day(heard.date)}才听取）" if heard else ""
        facts.append(f"至事件发生时没有再次听取信访人的申诉{later}。")
    deadline = deadline_status(then, day, campaign.policy, view.calendar or WorkCalendar())
    if deadline is not None:
        due = deadline.effective
        facts.append(
            f"办结时限{_day(due)}，事件发生时已超过 {(day - due).days} 天。"
            if day > due
            else f"办结时限{_day(due)}，事件发生时尚未到期。"
        )
    notes = [p for p in case.progress if p.date < day]
    if notes:
        last = notes[-1]
        facts.append(
            f"事件发生前最近一次办理进展在{_day(last.date)}（{(day - last.date).days} 天前）：{last.note}"
        )
    else:
        facts.append("登记后至事件发生时没有办理进展记录。")
    unit = campaign.units.get(case.unit)
    if unit is not None:
        submitted = {s.milestone: s.date for s in reversed(unit.submissions)}
        gaps = [
            f"“{m.label}”{'逾期报送' if state == 'late' else '逾期未报'}"
            for m in campaign.milestones
            if m.due < day
            and (state := obligation(m, submitted.get(m.id), day)) in ("late", "missing")
        ]
        if gaps:
            facts.append(f"事件发生时，承办单位{'、'.join(gaps)}。")
    for item in repo.duties.assignments:
        if item.case == case.id and item.report_due and item.report_due < day:
            final = item.final_report(day)
            if final is None:
                facts.append(
                    f"交办件 {item.id} 的报结期限{_day(item.report_due)}，事件发生时已逾期未报结。"
                )
    return facts


def candidates(view: Overview, repo: Repository) -> list[Candidate]:
    """The incidents charged during handling that no decision by the as-of date names."""
    done = dealt_with(repo.duties.actions, view.as_of)
    files = named_in_files(repo)
    cases = {c.id: c for c in repo.cases}
    out = []
    for incident in view.charged:
        key = (incident.case_id, incident.date)
        case = cases.get(incident.case_id)
        if key in done or case is None:
            continue
        facts = case_facts(case, incident.date, view, repo)
        joint = tuple(u for u in incident.units if u in repo.campaign.units)
        out.append(Candidate(incident, joint, tuple(facts), files.get(key)))
    return out


def undrafted(found: list[Candidate]) -> list[Candidate]:
    """The candidates no file under accountability/ names yet: ``propose --write`` drafts these."""
    return [c for c in found if c.drafted is None]
