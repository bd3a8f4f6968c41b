"""The records of one repository: the campaign file and every case, loaded and validated.

Only a broken configuration raises (ConfigError). Every problem in a case becomes a finding, and
a broken file never stops the others from being read.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..findings import Finding, has_errors
from .campaign import Campaign, campaign_from_data
from .campaign_checks import campaign_problems
from .case import Case, ReportDue, case_from_data
from .discovery import CASE_SUFFIXES, CASES_DIR, CaseFile, classify, scan
from .duties import Duties, load_duties, split_only
from .ids import same_id
from .loader import Loaded, load_file
from .schema import Schema, load_schema
from .suggest import hint, then, unit_hint
from .validate import validate
from .yaml_nodes import line_of

CAMPAIGN_FILE = "campaign.yml"
__all__ = ["CAMPAIGN_FILE", "CASES_DIR", "CASE_SUFFIXES", "Repository", "open_repository"]


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

    def unreadable(self) -> list[Finding]:
        """The first error of each case file that could not be read: it is in no count."""
        out = []
        for record in self.records:
            if record.data is None:
                errors = [f for f in record.findings if f.severity == "error"]
                out.append(
                    errors[0]
                    if errors
                    else Finding(record.rel, 0, "unreadable", "error", "无法读取")
                )
        return out

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
    """Every file under cases/ that is, or claims to be, a case file, in path order (links and
    special files included: their names are taken)."""
    return [entry.path for entry in scan(root)]


def _only(paths: Iterable[Path], root: Path) -> list[CaseFile]:
    """Files named on the command line; a link among them is refused, not followed."""
    out = []
    top = Path(os.path.realpath(root))
    for given in paths:
        path = Path(os.path.realpath(given.parent)) / given.name  # the folders, not the file
        rel = path.relative_to(top).as_posix() if path.is_relative_to(top) else path.as_posix()
        out.append(classify(path, root, rel))
    return out


def load_campaign(root: Path) -> tuple[Campaign, Loaded]:
    path = root / CAMPAIGN_FILE
    if not path.is_file():
        raise ConfigError(
            f"找不到活动配置文件 {path}：请从示例复制 campaign.yml 并按本县情况修改。"
        )
    record = load_file(path, root)
    if record.data is not None and validate(record, load_schema(root, "campaign")):
        record.findings += campaign_problems(record.data)
    if record.data is None or has_errors(record.findings):
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
        entries = scan(root) if only is None else _only(only, root)
        records = [
            _load_case(e.path, root, schema, e.rel)
            if e.refused is None
            else Loaded(e.path, e.rel, findings=[e.refused])
            for e in entries
        ]
        cases = [case_from_data(r.data, r.rel) for r in records if r.data is not None]
    duties, campaign = load_duties(root, campaign, campaign_record.data, cases, duty_only)
    cases = with_report_dues(cases, duties)
    repo = Repository(root, campaign, campaign_record, records, cases, duties=duties)
    elsewhere = None if only is None else _ids_elsewhere(root, records)
    repo.findings.extend(_cross_checks(repo, elsewhere))
    return repo


def with_report_dues(cases: list[Case], duties: Duties) -> list[Case]:
    """The cases, each linked to the earliest report-back date an assignment set for it."""
    dues: dict[str, ReportDue] = {}
    for item in duties.assignments:
        if item.case and item.report_due:
            known = dues.get(item.case)
            if known is None or item.report_due < known.due:
                dues[item.case] = ReportDue(item.report_due, item.id, item.from_)
    if not dues:
        return cases
    return [dataclasses.replace(c, report_due=dues[c.id]) if c.id in dues else c for c in cases]


def _ids_elsewhere(root: Path, loaded: list[Loaded]) -> dict[str, str]:
    """The ids of the case files not loaded, read from their names alone (``id-file-name``
    makes a valid record's id its file name): each id (``same_id``) with the first file of it.

    Checking a few changed files must still find an id taken by another file, without reading
    10,000 files: a directory listing costs a few milliseconds.
    """
    skip = {record.rel for record in loaded}
    ids: dict[str, str] = {}
    for entry in scan(root):
        if entry.refused is None and entry.rel not in skip:
            ids.setdefault(same_id(entry.path.stem), entry.rel)
    return ids


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


def _cross_checks(repo: Repository, elsewhere: dict[str, str] | None = None) -> list[Finding]:
    """Duplicate ids (also against ``elsewhere``: ids of files not loaded), and units or leaders
    the campaign does not define."""
    found: list[Finding] = []
    campaign = repo.campaign
    units = campaign.units
    unit_list = "、".join(units)
    names = {code: unit.name for code, unit in units.items()}
    officials = sorted(campaign.lead_officials())
    first_seen: dict[str, Case] = {}
    for case in repo.cases:
        key = same_id(case.id)
        other = first_seen[key].rel if key in first_seen else None
        if other is None and elsewhere:
            other = elsewhere.get(key)
        if other is not None:
            found.append(
                _reference(
                    case,
                    ("id",),
                    f"案件编号 {case.id} 重复：{other} 已经使用了它"
                    f"（编号只差补零、全角半角或大小写的，也是同一个编号）。"
                    f"请用 xinfang new 取一个新编号。",
                    "duplicate-id",
                )
            )
        else:
            first_seen[key] = case
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
                        f"单位代码 {code} 在 {CAMPAIGN_FILE} 中没有定义：{then(unit_hint(code, names))}"
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
                    f"包案领导 {lead} 不在 {CAMPAIGN_FILE} 的领导名单中：{then(hint(lead, officials))}"
                    f"请核对姓名，或先在 leaders 或该单位的 leaders 中添加。",
                    "unknown-leader",
                )
            )
    return found
