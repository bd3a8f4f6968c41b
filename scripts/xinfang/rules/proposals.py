"""What the notice proposes: accountability for the incidents that no record answers yet.

The plan: 对责任不落实……导致越级上访、集体上访的，要进行通报批评；造成严重影响的，坚决追究有关
领导和直接责任人的责任. Every cross-level collective visit and every abnormal visit to Beijing in
the overview that no accountability record names is proposed for a 通报批评 of the units jointly
responsible (the handling unit and the petitioner's own township or department); an abnormal
visit to Beijing, a serious effect, also for a 诫勉谈话 of the stability officer. The office
confirms a proposal by committing the record (``xinfang propose --write`` drafts it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records.accountability import Action
from ..records.repository import Repository
from .status import Incident, Overview

KIND_ZH = {"notice": "通报批评", "admonition": "诫勉谈话", "referral": "移送纪检监察机关"}


@dataclass(frozen=True)
class Proposal:
    kind: str  # notice | admonition
    incident: Incident
    what: str  # 越级集体访 | 非正常进京访
    units: tuple[str, ...]
    official: tuple[str, str] | None = None  # (name, unit) for a talk

    @property
    def key(self) -> tuple[str, date]:
        return self.incident.case_id, self.incident.date


def proposals(view: Overview, repo: Repository, actions: list[Action]) -> list[Proposal]:
    answered = {(i.case, i.date, a.kind) for a in actions for i in a.incidents}
    cases = {c.id: c for c in repo.cases}
    out: list[Proposal] = []
    incidents = [("越级集体访", i) for i in view.cross_level_collective]
    incidents += [("非正常进京访", i) for i in view.abnormal_beijing]
    seen: set[tuple[str, date, str]] = set()
    for what, incident in sorted(incidents, key=lambda pair: pair[1].date):
        case = cases.get(incident.case_id)
        units = [incident.unit] + ([p.locality for p in case.petitioners] if case else [])
        joint = tuple(dict.fromkeys(u for u in units if u in repo.campaign.units))
        wanted = ["notice"] + (["admonition"] if incident.abnormal else [])
        for kind in wanted:
            key = (incident.case_id, incident.date, kind)
            if key in answered or key in seen:
                continue
            seen.add(key)
            officer = case.responsibility.stability_officer if case else None
            official = (officer.name, officer.unit) if kind == "admonition" and officer else None
            out.append(Proposal(kind, incident, what, joint, official))
    return out
