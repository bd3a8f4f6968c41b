"""The records beside the cases, each kind in its own folder with its own schema (the kinds are
declared once, in ``kinds.py``).

Loaded like cases (strict YAML, the kind's JSON Schema, the file named after the record), then
typed once. A kind whose folder is absent is simply empty: a repository that keeps cases only
needs none of these folders or schemas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..findings import Finding
from .accountability import Action
from .assignment import Assignment
from .campaign import Campaign
from .case import Case
from .discovery import scan
from .duty_refs import cross_checks
from .duty_settings import DutySettings
from .kinds import FOLDERS, KINDS, Kind
from .loader import Loaded, load_file
from .office_work import Commendation, Inspection, Meeting, Publicity
from .person import KeyPerson
from .risk import Risk
from .schema import Schema, load_schema
from .submission import UnitReport, with_submissions
from .validate import validate
from .yaml_nodes import line_of

SUFFIXES = (".yml", ".yaml")
# Below this many files of a kind, jsonschema validates them sooner than fastjsonschema compiles
# the schema (measured: 14 key persons with their contact logs, 26 ms against 34 ms).
COMPILE_FROM = 20


@dataclass
class Duties:
    records: list[Loaded] = field(default_factory=list)  # every file read
    # The typed records of each kind, by the kind's name (every declared kind, loaded or not).
    by_kind: dict[str, list[Any]] = field(default_factory=lambda: {k.name: [] for k in KINDS})
    findings: list[Finding] = field(default_factory=list)  # cross-record
    settings: DutySettings = field(default_factory=DutySettings)
    _referring: dict[str, list[Risk | Assignment | Action]] | None = field(default=None, repr=False)

    def all_findings(self) -> list[Finding]:
        found = [f for record in self.records for f in record.findings]
        return found + self.findings

    def typed(self, kind: str) -> list[Any]:
        """The typed records of one kind (its schema's name)."""
        return self.by_kind[kind]

    # Typed views for the stages that read one kind's fields.
    @property
    def risks(self) -> list[Risk]:
        return self.by_kind["risk"]

    @property
    def persons(self) -> list[KeyPerson]:
        return self.by_kind["person"]

    @property
    def assignments(self) -> list[Assignment]:
        return self.by_kind["assignment"]

    @property
    def reports(self) -> list[UnitReport]:
        return self.by_kind["submission"]

    @property
    def actions(self) -> list[Action]:
        return self.by_kind["accountability"]

    @property
    def meetings(self) -> list[Meeting]:
        return self.by_kind["meeting"]

    @property
    def publicity(self) -> list[Publicity]:
        return self.by_kind["publicity"]

    @property
    def inspections(self) -> list[Inspection]:
        return self.by_kind["inspection"]

    @property
    def commendations(self) -> list[Commendation]:
        return self.by_kind["commendation"]

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
    duties.findings.extend(cross_checks(root, campaign, cases, duties.by_kind))
    return duties, with_submissions(campaign, duties.reports)
