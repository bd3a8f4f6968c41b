"""The records of one repository: the campaign file and every case, loaded and validated.

Only a broken configuration raises (ConfigError). Every problem in a case becomes a finding, and
a broken file never stops the others from being read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .campaign import Campaign, campaign_from_data
from .errors import ConfigError
from .findings import Finding
from .loader import Loaded, line_of, load_file
from .validate import Schema, load_schema, validate

CAMPAIGN_FILE = "campaign.yml"
CASES_DIR = "cases"
CASE_SUFFIXES = (".yml", ".yaml")


@dataclass
class Repository:
    root: Path
    campaign: Campaign
    campaign_record: Loaded
    records: list[Loaded]  # every case file read; data is None where it could not be used
    findings: list[Finding] = field(default_factory=list)  # cross-record findings

    @property
    def cases(self) -> list[Loaded]:
        """The case records that loaded and passed the schema."""
        return [r for r in self.records if r.data is not None]

    def all_findings(self) -> list[Finding]:
        found = list(self.campaign_record.findings)
        for record in self.records:
            found.extend(record.findings)
        found.extend(self.findings)
        return found


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder upwards holding campaign.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CAMPAIGN_FILE).is_file():
            return folder
    raise ConfigError(
        f"在 {start} 及其上级目录中找不到 {CAMPAIGN_FILE}：请在案件仓库里运行，或用 --root 指定仓库目录。"
    )


def case_files(root: Path) -> list[Path]:
    folder = root / CASES_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in CASE_SUFFIXES and p.is_file())


def load_campaign(root: Path) -> tuple[Campaign, Loaded]:
    path = root / CAMPAIGN_FILE
    if not path.is_file():
        raise ConfigError(
            f"找不到活动配置文件 {path}：请从示例复制 campaign.yml 并按本县情况修改。"
        )
    record = load_file(path, root)
    if record.data is None or not validate(record, load_schema(root, "campaign")):
        details = "\n".join(f"  {f.file}:{f.line}: {f.message}" for f in record.findings)
        raise ConfigError(f"活动配置文件 {CAMPAIGN_FILE} 有错误，无法继续：\n{details}")
    return campaign_from_data(record.data), record


def open_repository(root: Path, only: Iterable[Path] | None = None) -> Repository:
    """Load and validate the campaign and the cases (all, or only the given files)."""
    campaign, campaign_record = load_campaign(root)
    schema = load_schema(root, "case")
    paths = case_files(root) if only is None else [p.resolve() for p in only]
    records = [_load_case(path, root, schema) for path in paths]
    repo = Repository(root, campaign, campaign_record, records)
    repo.findings.extend(_cross_checks(repo))
    return repo


def _load_case(path: Path, root: Path, schema: Schema) -> Loaded:
    record = load_file(path, root)
    if record.data is None:
        return record
    if not validate(record, schema):
        record.data = None
        return record
    if record.data["id"] != path.stem:
        record.findings.append(
            Finding(
                record.rel,
                line_of(record.data, ["id"]),
                "id-file-name",
                "error",
                f"案件编号 {record.data['id']} 与文件名 {path.name} 不一致："
                f"文件名必须是“案件编号.yml”，请改正编号或文件名（编号一经使用不得更改）。",
            )
        )
    return record


def _reference(record: Loaded, path: list[str | int], message: str, rule: str) -> Finding:
    return Finding(record.rel, line_of(record.data, path), rule, "error", message)


def _cross_checks(repo: Repository) -> list[Finding]:
    """Duplicate ids, and units or leaders the campaign does not define."""
    found: list[Finding] = []
    campaign = repo.campaign
    units = campaign.units
    unit_list = "、".join(units)
    officials = campaign.lead_officials()
    first_seen: dict[str, Loaded] = {}
    for record in repo.cases:
        data: dict[str, Any] = record.data
        case_id = data["id"]
        if case_id in first_seen:
            other = first_seen[case_id]
            found.append(
                _reference(
                    record,
                    ["id"],
                    f"案件编号 {case_id} 重复：{other.rel} 已经使用了它。"
                    f"请用 xinfang new 取一个新编号。",
                    "duplicate-id",
                )
            )
        else:
            first_seen[case_id] = record
        responsibility = data["responsibility"]
        refs: list[tuple[list[str | int], str]] = [
            (["responsibility", "unit"], responsibility["unit"])
        ]
        officer = responsibility.get("stability_officer")
        if officer:
            refs.append((["responsibility", "stability_officer", "unit"], officer["unit"]))
        for i, person in enumerate(data["petitioners"]):
            refs.append((["petitioners", i, "locality"], person["locality"]))
        for path, code in refs:
            if code not in units:
                found.append(
                    _reference(
                        record,
                        path,
                        f"单位代码 {code} 在 {CAMPAIGN_FILE} 中没有定义："
                        f"请改用已定义的代码（{unit_list}），或先在 {CAMPAIGN_FILE} 的 units 中添加该单位。",
                        "unknown-unit",
                    )
                )
        lead = responsibility.get("lead_official")
        if lead and lead not in officials:
            found.append(
                _reference(
                    record,
                    ["responsibility", "lead_official"],
                    f"包案领导 {lead} 不在 {CAMPAIGN_FILE} 的领导名单中："
                    f"请核对姓名，或先在 leaders 或该单位的 leaders 中添加。",
                    "unknown-leader",
                )
            )
    return found
