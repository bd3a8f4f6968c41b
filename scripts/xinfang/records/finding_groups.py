"""Whose findings they are: each finding's unit and record kind, so that a clerk reads their own.

A case belongs to its handling unit, a risk to its responsible unit, a key person to the unit of
the locality, an assigned case to the unit it was dispatched to, a submission, meeting or
publicity session to the unit that made it (each kind's ``owner``); accountability, inspections,
commendations, the campaign file and everything else are the leading-group office's. A file that
could not be read is placed by its name (``XF2008-T01-003.yml`` is T01's).
`xinfang check` and the site's compliance page group with this one function, so they count alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..findings import Finding
from .kinds import FOLDERS
from .repository import Repository

CASE_KIND = "案件"
OTHER_KIND = "活动配置和其他文件"
# The unit code inside a record's file name: XF2008-T01-003, YH2008-T01-001, submissions/T01.
NAMED_UNIT = re.compile(r"^[A-Z]{2}\d{4}-([A-Z][A-Z0-9]*)-\d+$|^([A-Z][A-Z0-9]*)$")


@dataclass
class UnitFindings:
    """One unit's findings (``code`` None: the office's and other files), by record kind."""

    code: str | None
    name: str
    kinds: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for found in self.kinds.values() for f in found]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def kind_title(rel: str) -> str:
    """What the file is, in the words of the office: 案件, 苗头隐患, 重点人员…"""
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    if folder == "cases":
        return CASE_KIND
    kind = FOLDERS.get(folder)
    return kind.title if kind is not None else OTHER_KIND


def _owners(repo: Repository) -> dict[str, str]:
    """Each typed record's file and the unit whose work it is (each kind's ``owner``)."""
    owners = {case.rel: case.unit for case in repo.cases}
    for records in repo.duties.by_kind.values():
        for record in records:
            if record.owner:
                owners[record.rel] = record.owner
    return owners


def unit_of(rel: str, owners: dict[str, str], units: set[str]) -> str | None:
    if rel in owners:  # a record's own unit, which may be a code campaign.yml lacks
        return owners[rel] if owners[rel] in units else None
    folder, _, name = rel.partition("/")
    kind = FOLDERS.get(folder)
    if not name or (kind is not None and not kind.by_unit):  # numbered by year: the office's
        return None
    match = NAMED_UNIT.match(name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    code = match and (match.group(1) or match.group(2))
    return code if code in units else None


def group(repo: Repository, findings: list[Finding], only: str | None = None) -> list[UnitFindings]:
    """The findings by unit (in campaign order, the office and other files last), then by
    record kind; ``only`` keeps one unit's."""
    campaign = repo.campaign
    owners = _owners(repo)
    units = set(campaign.units)
    groups: dict[str | None, UnitFindings] = {
        code: UnitFindings(code, unit.name) for code, unit in campaign.units.items()
    }
    groups[None] = UnitFindings(None, "领导小组办公室和其他文件")
    for f in findings:
        code = unit_of(f.file, owners, units)
        if only is not None and code != only:
            continue
        kind = kind_title(f.file)
        groups[code].kinds.setdefault(kind, []).append(f)
    order = [CASE_KIND, *(kind.title for kind in FOLDERS.values()), OTHER_KIND]
    for g in groups.values():
        g.kinds = {k: g.kinds[k] for k in sorted(g.kinds, key=order.index)}
    return [g for g in groups.values() if g.kinds]
