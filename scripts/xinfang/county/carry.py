"""The next campaign from the last one (`xinfang init --from`): what it keeps, what it carries.

Kept: the member units (codes, kinds, reviewers, leaders), the county leaders and the leading
group, the policies (without the last campaign's audit start) and the key-person settings.
Carried, as new records with new ids that name the ones they came from (``carried_from``):
the cases not closed, the key persons still in 包保, the risks still open. A carried record keeps
its facts (who, what, the petitions so far, who is responsible) and starts its handling afresh in
the new campaign: it is registered on the first day of 排查建档, its old progress, contacts,
reviews and evidence stay in the last repository. A case's 办结时限 becomes the end of the new
化解整治阶段 (the plan has cases settled within it) and a risk's next review the end of 排查建档,
both for the unit to set as it sees fit. A key person is carried with the cases of theirs that
are carried; one whose cases were all closed is named in the report, for the office to decide.
The last repository is only read (no git command that writes, not even ``git status``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, XinfangError
from ..records.loader import load_file
from ..records.repository import CAMPAIGN_FILE, Repository, open_repository
from . import gitwork
from .campaign_file import CampaignSpec
from .init import office_code
from .plan import Schedule
from .units import Leader, UnitSpec

#: Keys a carried record keeps; the rest stays with the last campaign.
CASE_KEEPS = (
    "title", "category", "flags", "source", "received", "petitioners", "head_count", "demand",
    "about", "responsibility", "grade", "priority", "approach", "by_law", "investigation", "basis",
    "root_cause", "cause_in", "events", "statutory", "next_steps", "notes", "confidential",
)  # fmt: skip
PERSON_KEEPS = ("name", "id_number", "phone", "locality", "reasons", "background", "team", "help")
RISK_KEEPS = (
    "title", "kind", "found", "source", "locality", "involved", "description", "level",
    "responsibility", "measures",
)  # fmt: skip


def _plain(value: Any) -> Any:
    """Loaded data (line-marked mappings and lists) as plain Python data."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass
class LastCampaign:
    root: Path
    repo: Repository
    data: dict[str, Any]
    source: str  # how the new records name the last repository
    commit: str | None

    @property
    def county(self) -> str:
        return str(self.data["county"])

    @property
    def year(self) -> int:
        return int(self.data["year"])

    @property
    def units(self) -> list[UnitSpec]:
        return [
            UnitSpec(
                name=u["name"],
                kind=u["kind"],
                code=u["code"],
                reviewers=tuple(u.get("reviewers", ())),
                leaders=tuple(Leader(lr["name"], lr["post"]) for lr in u.get("leaders", ())),
            )
            for u in self.data["units"]
        ]

    def next_spec(
        self, county: str, plan: Schedule, units: Sequence[UnitSpec], office: str | None
    ) -> CampaignSpec:
        policies = {k: v for k, v in self.data.get("policies", {}).items() if k != "audit_from"}
        return CampaignSpec(
            county=county,
            schedule=plan,
            units=units,
            office=office_code(units, office) if office else str(self.data["office"]),
            leaders=[Leader(lr["name"], lr["post"]) for lr in self.data.get("leaders", ())],
            leading_group=self.data.get("leading_group", []),
            policies=policies,
            key_persons=self.data.get("key_persons", {}),
            carried_from=f"{self.source}，{self.year} 年",
            county_code=str(self.data.get("county_code", "")),
        )


def _source(root: Path) -> tuple[str, str | None]:
    """The last repository's address on its Git host (else its folder's name), and its commit."""
    try:
        commit = gitwork.git(root, "rev-parse", "--verify", "-q", "HEAD").strip() or None
    except XinfangError:
        return root.name, None
    try:
        url = gitwork.git(root, "config", "--get", "remote.origin.url").strip()
    except XinfangError:
        url = ""
    return url or root.name, commit


def last_campaign(path: Path) -> LastCampaign:
    """The last campaign's repository, read (never written); refused when it is not one, or when
    some of its records cannot be read (they would be left behind without a word)."""
    root = path.resolve()
    if not (root / CAMPAIGN_FILE).is_file():
        raise XinfangError(
            f"{path} 不是活动仓库（其中没有 {CAMPAIGN_FILE}）：--from 要写上一次活动的仓库目录，"
            f"例如 --from ../2008台账。"
        )
    try:
        repo = open_repository(root)
    except ConfigError as err:
        raise XinfangError(f"上一次活动的仓库 {path} 读不了：{err}") from err
    broken = repo.unreadable() + [
        f for r in repo.duties.records if r.data is None for f in r.findings[:1]
    ]
    if repo.campaign_record.data is None or broken:
        where = "；".join(f"{f.file} 第 {f.line} 行" for f in broken[:5]) or CAMPAIGN_FILE
        raise XinfangError(
            f"上一次活动的仓库 {path} 中有 {len(broken) or 1} 个文件读不了（{where}）："
            f"请先在那里运行 xinfang check 改正，再带到新的活动，以免漏掉记录。"
        )
    source, commit = _source(root)
    # Read again as written: validation fills in the schema's defaults, which the new campaign
    # must not carry as if the last one had chosen them.
    written = load_file(root / CAMPAIGN_FILE, root).data
    return LastCampaign(root, repo, _plain(written), source, commit)


HEADER_NOTES = {
    "case": "# 办结时限暂定为本次活动化解整治阶段的结束日，请承办单位按实际核定。\n",
    "person": "# 重点人员登记一律保密：网站只显示人数，导出时打码。只记录为解决问题所做的工作，不记录行踪和动向。\n",
    "risk": "# 下次复查日期暂定为本次活动排查建档阶段的结束日。\n",
}


def _header(kind: str, old_id: str, source: str) -> str:
    return (
        f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
        f"# 从上一次活动带过来（原编号 {old_id}，{source}）：原来的办理、走访和复查记录及证据材料留在原仓库，\n"
        f"# 本次活动从登记日期起重新记录。\n{HEADER_NOTES[kind]}"
    )


def _dump(header: str, data: Mapping[str, Any]) -> bytes:
    body = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=1000)
    return (header + body).encode("utf-8")


@dataclass
class _Numbers:
    year: int
    used: dict[str, int]

    def take(self, prefix: str) -> str:
        self.used[prefix] = self.used.get(prefix, 0) + 1
        return f"{prefix}{self.used[prefix]:03d}"


def carry_over(last: LastCampaign, spec: CampaignSpec) -> tuple[dict[str, bytes], list[str]]:
    """The new records carried from ``last`` (path → content) and what to tell about them."""
    registration = next(p for p in spec.schedule.phases if p.id == "registration")
    year = spec.schedule.start.year
    numbers = _Numbers(year, {})
    resolution = next(p for p in spec.schedule.phases if p.id == "resolution")

    def origin(old_id: str) -> dict[str, Any]:
        named: dict[str, Any] = {"repository": last.source, "year": last.year, "id": old_id}
        return named | ({"commit": last.commit} if last.commit else {})

    files: dict[str, bytes] = {}
    moved: dict[str, str] = {}
    notes: list[str] = []
    by_id = sorted(last.repo.cases, key=lambda c: c.id)
    for case in by_id:
        if case.closed:
            continue
        new_id = numbers.take(f"XF{year}-{case.unit}-")
        old = _plain(case.record)
        data: dict[str, Any] = {"id": new_id, "carried_from": origin(case.id)}
        data.update({k: old[k] for k in CASE_KEEPS if k in old})
        data["registered"] = registration.start.isoformat()
        data["status"] = "registered"
        duty = dict(data["responsibility"])
        # 实施方案：案件在化解整治阶段办结。The old deadline has passed; the new one is the
        # resolution phase's end until the unit sets its own (the file's header says so).
        duty["deadline"] = resolution.end.isoformat()
        duty.pop("deadline_reason", None)
        data["responsibility"] = duty
        files[f"cases/{new_id}.yml"] = _dump(_header("case", case.id, last.source), data)
        moved[case.id] = new_id
    persons = 0
    for person in sorted(last.repo.duties.persons, key=lambda p: p.id):
        if person.status != "active":
            continue
        cases = [moved[c] for c in person.cases if c in moved]
        if not cases:
            notes.append(
                f"重点人员 {person.id} 的关联案件都已办结，没有带过来：如仍要包保，请在新仓库中为其登记案件后"
                f"用 xinfang new --kind person 登记。"
            )
            continue
        old = _plain(person.record)
        new_id = numbers.take(f"ZD{year}-{person.locality}-")
        data = {"id": new_id, "carried_from": origin(person.id)}
        data.update({k: old[k] for k in PERSON_KEEPS if k in old})
        data.update(registered=registration.start.isoformat(), cases=cases, status="active")
        files[f"persons/{new_id}.yml"] = _dump(_header("person", person.id, last.source), data)
        persons += 1
    risks = 0
    for risk in sorted(last.repo.duties.risks, key=lambda r: r.id):
        if risk.status != "open":
            continue
        old = _plain(risk.record)
        new_id = numbers.take(f"YH{year}-{risk.unit}-")
        data = {"id": new_id, "carried_from": origin(risk.id)}
        data.update({k: old[k] for k in RISK_KEEPS if k in old})
        data["level"] = risk.level_on(last.repo.campaign.end)
        data.update(review=registration.end.isoformat(), status="open")
        files[f"risks/{new_id}.yml"] = _dump(_header("risk", risk.id, last.source), data)
        risks += 1
    summary = [
        f"从上一次活动（{last.source}，{last.year} 年）带过来：未办结的案件 {len(moved)} 件、"
        f"仍在包保的重点人员 {persons} 名、未化解的隐患 {risks} 件，原编号记在各记录的 carried_from 中。",
        *notes,
    ]
    return files, summary
