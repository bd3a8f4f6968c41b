"""`xinfang init --ledger`: a county's existing ledger becomes its first campaign in one command.

The units and leaders come from what the ledger names (``office.excel.ledger_names``: the spellings
of one unit counted once, by the importer's own unit-name rules; a leader only by full name, a
surname with a post matched to a full name or listed for the clerk). Codes and kinds are given as
for a units list; the leading group's office (县信访局) is added when the ledger does not name it.
With a units list too, the list wins for the units: the ledger then gives the leaders and the rows.

The rows are imported by the importer itself (``import_workbook``) into the new repository after
its first commit, and committed apart as 导入台账 with the importer's report kept in 导入报告.txt:
what was generated and what was imported are reviewed apart, and no row is lost without a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..campaign.periods import today_in_shanghai
from ..errors import XinfangError
from ..office.excel.importer import import_workbook
from ..office.excel.ledger_names import LedgerNames, UnitName, names_in_ledger
from .init import OFFICE_WORDS, Then
from .units import DEPARTMENT, Leader, UnitSpec, guess_kind

REPORT = "导入报告.txt"
#: The post written for a leader the ledger names without one: the schema wants a post.
NO_POST = "（台账未写职务）"
OFFICE_UNIT = "县信访局"


@dataclass
class LedgerPeople:
    """What a ledger names, ready for the campaign file; and what the clerk should confirm."""

    units: list[UnitSpec]
    leaders: list[Leader]
    confirm: list[str] = field(default_factory=list)  # guessed: to confirm
    fill_in: list[str] = field(default_factory=list)  # not told by the ledger: to fill in


def ledger_people(ledger: Path, listed: Sequence[UnitSpec] | None = None) -> LedgerPeople:
    """The units (unless ``listed`` from a units list) and leaders ``ledger`` names."""
    names = names_in_ledger(ledger)
    out = LedgerPeople(list(listed or ()), [])
    out.confirm += [f"台账：{finding}" for finding in names.findings if finding.startswith("跳过")]
    out.fill_in += [f for f in names.findings if not f.startswith("跳过")]
    if listed is None:
        out.units, out.confirm = _units(ledger, names.units), [*out.confirm, *_spellings(names)]
    for leader in names.leaders:
        post = leader.post or NO_POST
        out.leaders.append(Leader(leader.name, post))
        written = "、".join(leader.spellings)
        if not leader.post:
            out.fill_in.append(
                f"包案领导 {leader.name}：台账没有写职务，campaign.yml 中暂写“{NO_POST}”，请改为职务"
            )
        elif written != leader.name:
            out.confirm.append(f"包案领导 {leader.name}（{post}）：台账中写作 {written}")
    return out


def _units(ledger: Path, found: Sequence[UnitName]) -> list[UnitSpec]:
    units, unknown = [], []
    for unit in found:
        kind = guess_kind(unit.name) or unit.kind
        if kind is None:
            unknown.append(f"“{unit.name}”")
        else:
            units.append(UnitSpec(unit.name, kind, guessed=True))
    if unknown:
        raise XinfangError(
            f"台账 {ledger.name} 中的单位 {'、'.join(unknown)} 从名称看不出是乡镇还是部门，没有建立仓库："
            f"请用 --units 给出单位名单（每行一个单位，名称后空一格写“乡镇”或“部门”），台账照样导入。"
        )
    if not units:
        raise XinfangError(
            f"台账 {ledger.name} 中没有写任何单位（承办单位、包案单位、所属单位等列都是空的），"
            f"没有建立仓库：请用 --units 给出单位名单，台账照样导入。"
        )
    if not any(word in u.name for u in units for word in OFFICE_WORDS):
        units.append(UnitSpec(OFFICE_UNIT, DEPARTMENT, guessed=True))
    return units


def _spellings(names: LedgerNames) -> list[str]:
    lines = []
    for unit in names.units:
        others = [s for s in unit.spellings if s != unit.name]
        if others:
            lines.append(f"单位 {unit.name}：台账中还写作 {'、'.join(others)}，算作同一个单位")
    if not any(word in u.name for u in names.units for word in OFFICE_WORDS):
        lines.append(
            f"单位 {OFFICE_UNIT}：台账中没有写，按实施方案（领导小组办公室设在县信访局）加上"
        )
    return lines


@dataclass
class Imported:
    """What the import of the ledger's rows gave, once ``then`` has run."""

    report: str = ""
    taken: int = 0  # rows that became records
    rows: int = 0  # rows read as cases or risks: taken and not taken
    refused: int = 0


def audit_start() -> date:
    """The day after the import: the import's own commits (the ledger's old dates committed
    today) are not audited as backdated or late, what the offices commit from then on is."""
    return max(today_in_shanghai(), date.today()) + timedelta(days=1)


def import_rows(ledger: Path, before: Sequence[str], imported: Imported) -> Then:
    """The step after the first commit: import ``ledger`` into the new repository, keep the
    report beside the records, and give the second commit's message."""

    def then(root: Path) -> str:
        result = import_workbook(root, ledger, write=True, leaders_later=True)
        refused = sorted({(f.sheet, f.row) for f in result.faults})
        imported.taken, imported.refused = len(result.planned), len(refused)
        imported.rows = imported.taken + imported.refused
        cases = sum(p.kind == "case" for p in result.planned)
        risks = imported.taken - cases
        counts = f"{cases} 件案件" + (f"、{risks} 件隐患" if risks else "")
        head = [
            f"台账 {ledger.name}：{imported.rows} 行中导入 {imported.taken} 行（{counts}），"
            f"不能导入 {imported.refused} 行。",
        ]
        lines = [
            f"{ledger.name} 导入报告（xinfang init --ledger）",
            "",
            *head,
            *(
                ["", "活动配置（campaign.yml）按台账写的：", *(f"  {x}" for x in before)]
                if before
                else []
            ),
            "",
            result.report(),
        ]
        imported.report = "\n".join(lines) + "\n"
        (root / REPORT).write_text(imported.report, encoding="utf-8")
        return (
            "\n".join(
                [
                    f"导入台账 {ledger.name}",
                    "",
                    *head,
                    f"逐行情况、请核对和须补充的事项见 {REPORT}。",
                ]
            )
            + "\n"
        )

    return then


def confirmation_lines(people: LedgerPeople) -> list[str]:
    """What to print before the import's report."""
    out = []
    if people.leaders:
        out.append("包案领导（台账中写了全名的）：")
        out += [f"  {lr.name}  {lr.post}" for lr in people.leaders]
    if people.confirm:
        out.append("请核对：")
        out += [f"  {line}" for line in people.confirm]
    if people.fill_in:
        out.append("请补填：")
        out += [f"  {line}" for line in people.fill_in]
    return out
