"""Cross-record checks of the kinds beside cases: ids, and the units, leaders, cases, incidents
and milestones they refer to.

The same rule ids as the cases' checks (duplicate-id, unknown-unit, unknown-leader) where the
problem is the same; unknown-case, unknown-incident and unknown-milestone for the new links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity
from .campaign import Campaign
from .case import Case
from .ids import same_id
from .kinds import KINDS
from .located import Located
from .suggest import hint, then, unit_hint

CAMPAIGN_FILE = "campaign.yml"


class _Cases:
    """Which case ids exist: the loaded cases, and (read once, when needed) the case files."""

    def __init__(self, root: Path, cases: Sequence[Case]) -> None:
        self.root = root
        self.loaded = {c.id: c for c in cases}
        self.files: set[str] | None = None

    def exists(self, case_id: str) -> bool:
        if case_id in self.loaded:
            return True
        if self.files is None:
            folder = self.root / "cases"
            found = folder.rglob("*") if folder.is_dir() else ()
            self.files = {p.stem for p in found if p.suffix in (".yml", ".yaml")}
        return case_id in self.files


def _finding(
    record: Located,
    path: tuple[str | int, ...],
    rule: str,
    message: str,
    severity: Severity = "error",
) -> Finding:
    return Finding(record.rel, record.line(*path), rule, severity, message)


def cross_checks(
    root: Path,
    campaign: Campaign,
    cases: Sequence[Case],
    by_kind: Mapping[str, Sequence[Located]],
) -> list[Finding]:
    """Every kind's ids (by the key its files are named after), units and cases; then the links
    that only some kinds make (leaders, incidents, milestones)."""
    found: list[Finding] = []
    known = _Cases(root, cases)
    unit_list = "、".join(campaign.units)
    names = {code: unit.name for code, unit in campaign.units.items()}
    for kind in KINDS:
        seen: dict[str, Located] = {}
        for record in by_kind.get(kind.name, ()):
            value = str(record.record.get(kind.id_key))
            key = same_id(value)  # ids that differ only in zero padding or width are one
            if key in seen:
                found.append(
                    _finding(
                        record,
                        (kind.id_key,),
                        "duplicate-id",
                        f"编号 {value} 重复：{seen[key].rel} 已经使用了它（编号只差补零、"
                        f"全角半角或大小写的，也是同一个编号）。请换一个未用过的编号。",
                    )
                )
            else:
                seen[key] = record
    for records in by_kind.values():
        for record in records:
            for path, code in record.unit_refs():
                if code not in campaign.units:
                    found.append(
                        _finding(
                            record,
                            path,
                            "unknown-unit",
                            f"单位代码 {code} 在 {CAMPAIGN_FILE} 中没有定义：{then(unit_hint(code, names))}"
                            f"请改用已定义的代码（{unit_list}），"
                            f"或先在 {CAMPAIGN_FILE} 的 units 中添加该单位。",
                        )
                    )
            for path, case_id in record.case_refs():
                if not known.exists(case_id):
                    found.append(
                        _finding(
                            record,
                            path,
                            "unknown-case",
                            f"案件 {case_id} 在 cases/ 中不存在：请核对案件编号（例如 XF2008-T01-001），"
                            f"或先登记该案件。",
                        )
                    )
    found += _leaders(campaign, by_kind.get("risk", ()), by_kind.get("person", ()))
    found += _incidents(known, by_kind.get("accountability", ()))
    found += _milestones(campaign, by_kind.get("submission", ()))
    return found


def _leaders(campaign: Campaign, risks: Sequence[Any], persons: Sequence[Any]) -> list[Finding]:
    found = []
    officials = campaign.lead_officials()
    for risk in risks:
        lead = risk.responsibility.lead_official
        if lead and lead not in officials:
            found.append(
                _finding(
                    risk,
                    ("responsibility", "lead_official"),
                    "unknown-leader",
                    f"包案领导 {lead} 不在 {CAMPAIGN_FILE} 的领导名单中：{then(hint(lead, sorted(officials)))}"
                    f"请核对姓名，"
                    f"或先在 leaders 或该单位的 leaders 中添加。",
                )
            )
    for person in persons:
        if person.team.leader not in campaign.leaders:
            found.append(
                _finding(
                    person,
                    ("team", "leader"),
                    "unknown-leader",
                    f"县级包保领导 {person.team.leader} 不在 {CAMPAIGN_FILE} 的县级领导（leaders）中："
                    f"{then(hint(person.team.leader, campaign.leaders))}"
                    f"请从 {'、'.join(campaign.leaders)} 中选择，或先在 leaders 中添加。",
                )
            )
    return found


def _incidents(known: _Cases, actions: Sequence[Any]) -> list[Finding]:
    found = []
    for action in actions:
        for i, incident in enumerate(action.incidents):
            case = known.loaded.get(incident.case)
            if case is None or any(e.date == incident.date for e in case.events):
                continue
            dates = "、".join(str(e.date) for e in case.events) or "没有记录信访事件"
            found.append(
                _finding(
                    action,
                    ("incidents", i, "date"),
                    "unknown-incident",
                    f"案件 {incident.case} 在 {incident.date} 没有信访事件（events 中的日期：{dates}）："
                    f"请改为该案件 events 中那次信访的日期，或先在案件中记录这次信访。",
                )
            )
    return found


def _milestones(campaign: Campaign, reports: Sequence[Any]) -> list[Finding]:
    found = []
    ids = {m.id: m for m in campaign.milestones}
    for report in reports:
        listed = (
            {s.milestone: s.date for s in campaign.units[report.unit].submissions}
            if report.unit in campaign.units
            else {}
        )
        for milestone, day, path in report.dated():
            if milestone not in ids:
                found.append(
                    _finding(
                        report,
                        (*path[:-1], "milestone"),
                        "unknown-milestone",
                        f"上报节点 {milestone} 在 {CAMPAIGN_FILE} 的 milestones 中没有定义："
                        f"请改用 {'、'.join(ids)} 之一。",
                    )
                )
            elif milestone in listed and listed[milestone] != day:
                found.append(
                    _finding(
                        report,
                        path,
                        "submission-date-mismatch",
                        f"{ids[milestone].name}的上报日期 {day} 与 {CAMPAIGN_FILE} 中 units 所列的 "
                        f"{listed[milestone]} 不同：以本文件为准，请删去 {CAMPAIGN_FILE} 中该单位的这条旧记录，"
                        f"或改成一致。",
                        "warning",
                    )
                )
    return found
