"""The records of one repository: the campaign file and every case, loaded and validated.

Only a broken configuration raises (ConfigError). Every problem in a case becomes a finding, and
a broken file never stops the others from being read.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..findings import Finding
from .campaign import Campaign, campaign_from_data
from .case import Case, case_from_data
from .duties import Duties, load_duties, split_only
from .loader import Loaded, load_file
from .schema import Schema, load_schema
from .validate import validate
from .yaml_nodes import line_of

CAMPAIGN_FILE = "campaign.yml"
CASES_DIR = "cases"
CASE_SUFFIXES = (".yml", ".yaml")


@dataclass
class Repository:
    root: Path
    campaign: Campaign
    campaign_record: Loaded
    records: list[Loaded]  # every case file read; data is None where it could not be used
    cases: list[Case]  # the records that loaded and passed the schema, typed
    findings: list[Finding] = field(default_factory=list)  # cross-record findings
    # The records beside cases (risks, key persons, assignments, submissions, accountability).
    duties: Duties = field(default_factory=Duties)

    def all_findings(self) -> list[Finding]:
        found = list(self.campaign_record.findings)
        for record in self.records:
            found.extend(record.findings)
        found.extend(self.findings)
        found.extend(self.duties.all_findings())
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
    """Every case file under cases/, in path order (what ``rglob`` and ``is_file`` find)."""
    return [path for path, _ in _case_files(root)]


def _case_files(root: Path) -> list[tuple[Path, str]]:
    """Case files with their paths relative to ``root``, sorted as Paths sort (by parts).

    One ``os.scandir`` per folder, like ``Path.rglob("*")``: hidden names included, symlinked
    folders not entered, symlinks to files kept.
    """
    folder = root / CASES_DIR
    if not folder.is_dir():
        return []
    found: list[tuple[tuple[str, ...], str]] = []
    _scan(os.fspath(folder), (), found)
    found.sort()
    return [(folder.joinpath(*parts), f"{CASES_DIR}/{'/'.join(parts)}") for parts, _ in found]


def _suffix(name: str) -> str:
    """``PurePath.suffix`` of a file name."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _scan(folder: str, parts: tuple[str, ...], found: list[tuple[tuple[str, ...], str]]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if _suffix(name) in CASE_SUFFIXES:
            try:
                is_file = entry.is_file()
            except OSError:
                is_file = False
            if is_file:
                found.append(((*parts, name), entry.path))
        try:
            is_dir = entry.is_dir() and not entry.is_symlink()
        except OSError:
            is_dir = False
        if is_dir:
            _scan(entry.path, (*parts, name), found)


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
    duty_only = None
    if only is not None:
        only, duty_only = split_only(root, only)
    with gc_paused():
        if only is None:
            records = [_load_case(path, root, schema, rel) for path, rel in _case_files(root)]
        else:
            records = [_load_case(p.resolve(), root, schema) for p in only]
        cases = [case_from_data(r.data, r.rel) for r in records if r.data is not None]
    duties, campaign = load_duties(root, campaign, campaign_record.data, cases, duty_only)
    repo = Repository(root, campaign, campaign_record, records, cases, duties=duties)
    repo.findings.extend(_cross_checks(repo))
    return repo


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while many small objects pile up (records, workbook rows).

    They make little cyclic garbage, but every object kept alive makes each full collection
    longer: with 10,000 cases, collections took a fifth of the loading time and a third of
    building and saving the workbook.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_case(path: Path, root: Path, schema: Schema, rel: str | None = None) -> Loaded:
    record = load_file(path, root, rel=rel)
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


def _reference(case: Case, path: tuple[str | int, ...], message: str, rule: str) -> Finding:
    return Finding(case.rel, case.line(*path), rule, "error", message)


def _cross_checks(repo: Repository) -> list[Finding]:
    """Duplicate ids, and units or leaders the campaign does not define."""
    found: list[Finding] = []
    campaign = repo.campaign
    units = campaign.units
    unit_list = "、".join(units)
    officials = campaign.lead_officials()
    first_seen: dict[str, Case] = {}
    for case in repo.cases:
        if case.id in first_seen:
            other = first_seen[case.id]
            found.append(
                _reference(
                    case,
                    ("id",),
                    f"案件编号 {case.id} 重复：{other.rel} 已经使用了它。"
                    f"请用 xinfang new 取一个新编号。",
                    "duplicate-id",
                )
            )
        else:
            first_seen[case.id] = case
        responsibility = case.responsibility
        refs: list[tuple[tuple[str | int, ...], str]] = [
            (("responsibility", "unit"), responsibility.unit)
        ]
        officer = responsibility.stability_officer
        if officer:
            refs.append((("responsibility", "stability_officer", "unit"), officer.unit))
        for i, person in enumerate(case.petitioners):
            refs.append((("petitioners", i, "locality"), person.locality))
        for path, code in refs:
            if code not in units:
                found.append(
                    _reference(
                        case,
                        path,
                        f"单位代码 {code} 在 {CAMPAIGN_FILE} 中没有定义："
                        f"请改用已定义的代码（{unit_list}），或先在 {CAMPAIGN_FILE} 的 units 中添加该单位。",
                        "unknown-unit",
                    )
                )
        lead = responsibility.lead_official
        if lead and lead not in officials:
            found.append(
                _reference(
                    case,
                    ("responsibility", "lead_official"),
                    f"包案领导 {lead} 不在 {CAMPAIGN_FILE} 的领导名单中："
                    f"请核对姓名，或先在 leaders 或该单位的 leaders 中添加。",
                    "unknown-leader",
                )
            )
    return found
