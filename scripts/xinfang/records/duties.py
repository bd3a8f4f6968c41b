"""The records beside the cases: hidden risks, key persons, assigned cases, unit submissions and
accountability, each kind in its own folder with its own schema.

Loaded like cases (strict YAML, the kind's JSON Schema, the file named after the record), then
typed once. A kind whose folder is absent is simply empty: a repository that keeps cases only
needs none of these folders or schemas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..findings import Finding
from .accountability import Action, action_from_data
from .archive import Archive, accepted, always, status_in
from .assignment import Assignment, assignment_from_data
from .campaign import Campaign
from .case import Case
from .discovery import scan
from .duty_refs import cross_checks
from .duty_settings import DutySettings
from .loader import Loaded, load_file
from .person import KeyPerson, person_from_data
from .risk import Risk, risk_from_data
from .schema import Schema, load_schema
from .submission import UnitReport, report_from_data, with_submissions
from .validate import validate
from .yaml_nodes import line_of

SUFFIXES = (".yml", ".yaml")
# Below this many files of a kind, jsonschema validates them sooner than fastjsonschema compiles
# the schema (measured: 14 key persons with their contact logs, 26 ms against 34 ms).
COMPILE_FROM = 20


@dataclass(frozen=True)
class Kind:
    name: str  # the schema's kind: schema/<name>.schema.json
    folder: str
    id_key: str  # the key the file is named after
    id_title: str
    title: str  # what one record is called in messages
    build: Callable[[dict[str, Any], str], Any]
    # Its work logs (key: what an entry is called): entries are only added, never removed.
    logs: Mapping[str, str] = field(default_factory=dict, compare=False)
    # When a record is settled, and which keys are then facts that need a correction to change.
    archive: Archive | None = field(default=None, compare=False)


KINDS = (
    Kind(
        "risk", "risks", "id", "隐患编号", "苗头隐患", risk_from_data,
        logs={"reviews": "复查记录"},
        archive=Archive(
            status_in("resolved", "case"),
            "已化解或形成案件的苗头隐患",
            "状态改为已化解（resolved）或已形成案件（case）",
            free={"review": "下次复查日期是工作安排，不是事实"},
        ),
    ),
    Kind(
        "person", "persons", "id", "登记编号", "重点人员", person_from_data,
        logs={"contacts": "走访帮扶记录"},
        archive=Archive(
            status_in("removed"),
            "已退出的重点人员",
            "状态改为已退出（removed）",
            note="再次列入的，或删去不再需要的身份证号和电话的，也写更正记录",
        ),
    ),
    Kind(
        "assignment", "assignments", "id", "交办编号", "交办件", assignment_from_data,
        logs={"report_backs": "报告办理情况", "supervisions": "督办"},
    ),
    Kind(
        "submission", "submissions", "unit", "单位代码", "单位上报材料", report_from_data,
        logs={"progress": "阶段进展报告", "acceptance": "验收意见"},
        archive=Archive(
            accepted, "验收通过的单位上报材料", "领导小组办公室验收通过（acceptance 中日期最晚的一条为 accepted）"
        ),
    ),
    Kind(
        "accountability", "accountability", "id", "编号", "责任追究记录", action_from_data,
        archive=Archive(
            always,
            "已作出的责任追究决定",
            "合并（领导小组已作出决定）",
            later={"outcome": "整改情况、纪检监察机关的处理在决定之后才有"},
        ),
    ),
)  # fmt: skip
FOLDERS = {kind.folder: kind for kind in KINDS}
PRIVATE_FOLDERS = ("persons",)  # key persons: never listed on public pages, not even by id


def is_private(rel: str) -> bool:
    """Whether a file (relative path) holds key-person data."""
    return rel.split("/", 1)[0] in PRIVATE_FOLDERS


@dataclass
class Duties:
    records: list[Loaded] = field(default_factory=list)  # every file read
    risks: list[Risk] = field(default_factory=list)
    persons: list[KeyPerson] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    reports: list[UnitReport] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # cross-record
    settings: DutySettings = field(default_factory=DutySettings)
    _referring: dict[str, list[Risk | Assignment | Action]] | None = field(default=None, repr=False)

    def all_findings(self) -> list[Finding]:
        found = [f for record in self.records for f in record.findings]
        return found + self.findings

    def typed(self, kind: str) -> list[Any]:
        """The typed records of one kind (its schema's name)."""
        lists: dict[str, list[Any]] = {
            "risk": self.risks,
            "person": self.persons,
            "assignment": self.assignments,
            "submission": self.reports,
            "accountability": self.actions,
        }
        return lists[kind]

    def referring(self, case_id: str) -> list[Risk | Assignment | Action]:
        """The risks, assigned cases and accountability records that name a case (the way back
        from a case to them), from an index built on first use."""
        if self._referring is None:
            index: dict[str, list[Risk | Assignment | Action]] = {}
            linked: list[Risk | Assignment] = [*self.risks, *self.assignments]
            for record in linked:
                if record.case:
                    index.setdefault(record.case, []).append(record)
            for action in self.actions:
                for named in action.case_ids():
                    index.setdefault(named, []).append(action)
            self._referring = index
        return self._referring.get(case_id, [])

    def dispatched(self) -> dict[str, date]:
        """Each case's earliest dispatch to its handling unit, from the assignment records: the
        day its handling began when that is before its registration."""
        out: dict[str, date] = {}
        for item in self.assignments:
            if item.case and item.dispatch:
                day = item.dispatch.date
                out[item.case] = min(out.get(item.case, day), day)
        return out

    @property
    def broken(self) -> int:
        """Files read that could not be used (their findings say why)."""
        return sum(record.data is None for record in self.records)


def kind_of(root: Path, path: Path) -> Kind | None:
    """The kind whose folder holds ``path``, if any."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return None
    return FOLDERS.get(parts[0]) if len(parts) > 1 else None


def split_only(root: Path, only: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The given files split into case files and files of the other kinds."""
    cases: list[Path] = []
    others: list[Path] = []
    for path in only:
        (others if kind_of(root, path) else cases).append(path)
    return cases, others


def record_files(root: Path, kind: Kind) -> list[Path]:
    """Every file in the kind's folder that is, or claims to be, a record (links and misnamed
    files included: their names are taken)."""
    return [entry.path for entry in scan(root, kind.folder, kind.title)]


def _load(path: Path, root: Path, kind: Kind, schema: Schema) -> Loaded:
    record = load_file(path, root)
    if record.data is None:
        return record
    if not validate(record, schema):
        record.data = None
        return record
    value = record.data[kind.id_key]
    if value != path.stem:
        record.findings.append(
            Finding(
                record.rel,
                line_of(record.data, [kind.id_key]),
                "id-file-name",
                "error",
                f"{kind.id_title} {value} 与文件名 {path.name} 不一致："
                f"文件名必须是“{kind.id_title}.yml”，请改正{kind.id_title}或文件名。",
            )
        )
    return record


def load_duties(
    root: Path,
    campaign: Campaign,
    campaign_data: Any,
    cases: list[Case],
    only: Iterable[Path] | None = None,
) -> tuple[Duties, Campaign]:
    """The records of every kind (all, or only the given files), and the campaign with the
    submission dates the records hold."""
    duties = Duties(settings=DutySettings.from_campaign(campaign_data))
    wanted = None if only is None else [p.resolve() for p in only]
    for kind in KINDS:
        if wanted is None:
            entries = scan(root, kind.folder, kind.title)
            paths = [e.path for e in entries if e.refused is None]
            duties.records += [
                Loaded(e.path, e.rel, findings=[e.refused]) for e in entries if e.refused
            ]
        else:
            paths = [p for p in wanted if kind_of(root, p) is kind]
        if not paths:
            continue
        schema = load_schema(root, kind.name, compiled=len(paths) > COMPILE_FROM)
        typed = duties.typed(kind.name)
        for path in paths:
            record = _load(path, root, kind, schema)
            duties.records.append(record)
            if record.data is not None:
                typed.append(kind.build(record.data, record.rel))
    duties.findings.extend(
        cross_checks(
            root,
            campaign,
            cases,
            duties.risks,
            duties.persons,
            duties.assignments,
            duties.reports,
            duties.actions,
        )
    )
    return duties, with_submissions(campaign, duties.reports)
