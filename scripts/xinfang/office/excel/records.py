"""Checks on records read from a workbook, before any file is written.

Each record gets its id (kept, or the unit's next free one), is refused when its case exists (a
conflict: nothing is ever overwritten), when it holds masked numbers, or when it fails the schema
or names an unknown unit or leader; the campaign rules it does not yet meet are notes to complete
after the import. ``dump_case`` writes the YAML the loader reads back into the same record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import fastjsonschema

from ...campaign.workdays import WorkCalendar
from ...records.campaign import Campaign
from ...records.case import case_from_data
from ...records.loader import Loaded
from ...records.privacy import HIDDEN_NAME
from ...records.repository import CASES_DIR
from ...records.schema import Schema
from ...records.validate import error_message, schema_errors
from ...rules.context import CaseContext
from ...rules.table import RULES
from ..newcase import ID_RE, UsedIds
from .columns import COLUMNS, DATA_HEADERS, DATA_SHEET, LEDGER_SHEET
from .ledger import Ledger
from .rows import Problem
from .sheet import Grid, Header

BY_KEY = {c.key: c for c in COLUMNS}
LOCALITY, OFFICER_UNIT = "petitioners.locality", "responsibility.stability_officer.unit"
UNIT_KEYS = frozenset(
    {"responsibility.unit", LOCALITY, OFFICER_UNIT, "responsibility.stability_officer"}
)


@dataclass(frozen=True)
class Fault:
    row: int
    column: str
    reason: str
    sheet: str = ""  # named when the import read more than one sheet

    def text(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        return f"{where}第 {self.row} 行，列“{self.column}”：{self.reason}。"


def _known_key(key: str) -> str:
    """The nearest ledger column's key for a record key (closure.follow_up.date → closure.date…)."""
    parts = key.split(".")
    while parts and ".".join(parts) not in BY_KEY:
        parts.pop()
    return ".".join(parts)


def _cell_text(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


@dataclass
class Checker:
    root: Path
    campaign: Campaign
    schema: Schema
    as_of: date
    calendar: WorkCalendar
    existing: dict[str, Path]
    used: UsedIds
    headings: dict[str, str] = field(default_factory=dict)  # record key → the workbook's heading
    notes: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.deleted = self.used.ids - set(self.existing)  # ids in git history, files gone
        self.restored: list[str] = []
        self.highest: dict[str, int] = {}  # each id prefix's highest number: ids in linear time
        for used in self.used.ids:
            self._count(used)

    def _count(self, case_id: str) -> None:
        found = ID_RE.fullmatch(case_id)
        if found:
            prefix = case_id[: found.start("number")]
            self.highest[prefix] = max(self.highest.get(prefix, 0), int(found["number"]))

    def next_id(self, unit: str) -> str:
        """The unit's next free id (as ``UsedIds.next_id``), reserved, without a scan of all ids."""
        prefix = f"XF{self.campaign.year}-{unit}-"
        number = self.highest.get(prefix, 0) + 1
        self.highest[prefix] = number
        new_id = f"{prefix}{number:03d}"
        self.used.ids.add(new_id)
        return new_id

    @property
    def all_notes(self) -> list[str]:
        if not self.restored:
            return self.notes
        shown = "、".join(self.restored[:5]) + ("等" if len(self.restored) > 5 else "")
        return [
            *self.notes,
            f"{len(self.restored)} 行的编号（{shown}）属于 git 历史中已删除的案件，导入将恢复这些编号："
            f"请确认是同一案件。",
        ]

    def masked(self, record: dict[str, Any]) -> list[Problem]:
        """Masked numbers and hidden names: a masked export cannot give the record back."""
        problems = []
        for person in record.get("petitioners") or []:
            for key, header in (("id_number", "身份证号"), ("phone", "联系电话")):
                if "*" in str(person.get(key, "")):
                    problems.append(
                        (
                            header,
                            f"号码 {person[key]} 已打码，不能导入：请用 xinfang export xlsx --full 导出的工作簿",
                            f"petitioners.{key}",
                        )
                    )
            if person.get("name") == HIDDEN_NAME:
                problems.append(
                    (
                        "信访人",
                        "保密案件的姓名已隐去，不能导入：请用 xinfang export xlsx --full 导出的工作簿",
                        "petitioners.name",
                    )
                )
        return problems

    def compare_ledger(
        self,
        grid: Grid,
        header: Header | None,
        rows: Iterable[Any],
    ) -> None:
        """Edits made in 全部案件 would be lost: a record whose ledger row differs is refused."""
        if header is None:
            return
        ledger = Ledger(self.campaign, self.schema, masked=False)
        by_key = {key: col for col, (key, _) in header.keys.items()}
        id_col = by_key.get("id")
        if id_col is None:
            return
        lines = {_cell_text(grid.value(r, id_col)): r for r in grid.row_numbers(after=header.row)}
        for candidate in rows:
            record, problems = candidate.record, candidate.problems
            line = lines.get(str(record.get("id")))
            if line is None or problems or not self._valid(record):
                continue  # a record the schema refuses is refused for that, row by row
            case = case_from_data(record)
            for column in COLUMNS:
                col = by_key.get(column.key)
                if col is None:
                    continue
                want = _cell_text(ledger.cell(column, case))
                have = _cell_text(grid.value(line, col))
                if want != have:
                    reason = (
                        f"“{LEDGER_SHEET}”表第 {line} 行改成了“{have}”，与完整记录中的“{want}”不一致；"
                        f"导入以完整记录为准，改动会丢失：请在 YAML 文件中修改，"
                        f"或删除“{DATA_SHEET}”工作表后按台账导入"
                    )
                    problems.append((column.header, reason, column.key))

    def _valid(self, record: dict[str, Any]) -> bool:
        try:
            self.schema.fast(record)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    def reserve(self, records: Iterable[dict[str, Any]]) -> None:
        """Ids written in the workbook are taken before any row without one gets a new id."""
        for record in records:
            if isinstance(record.get("id"), str) and ID_RE.fullmatch(record["id"]):
                self.used.ids.add(record["id"])
                self._count(record["id"])

    def take(
        self, row: int, record: dict[str, Any], problems: list[Problem]
    ) -> tuple[list[Fault], list[str], Path | None]:
        faults = [Fault(row, column, reason) for column, reason, _ in problems]
        failed = {key for _, _, key in problems}
        faults += self._schema(row, record, failed)
        faults += self._references(row, record, failed)
        if faults:
            return faults, [], None
        case_id = record.get("id")
        if case_id is None:
            case_id = self.next_id(record["responsibility"]["unit"])
            record["id"] = case_id
            record.update({k: record.pop(k) for k in [k for k in record if k != "id"]})
        id_fault = self._id(row, case_id)
        if id_fault:
            return [id_fault], [], None
        path = self.root / CASES_DIR / f"{case_id}.yml"
        return [], self._rules(path, record), path

    def heading(self, key: str) -> str:
        """The column a record key came from: as the workbook spells it, else the ledger's own."""
        if key in self.headings:
            return self.headings[key]
        column = BY_KEY.get(key)
        return column.header if column else DATA_HEADERS[1]

    def _schema(self, row: int, record: dict[str, Any], failed: set[str]) -> list[Fault]:
        loaded = Loaded(Path("import.yml"), "import.yml", record)
        unit_failed = bool(failed & UNIT_KEYS)
        faults: list[Fault] = []
        try:
            self.schema.fast(record)
            return faults
        except fastjsonschema.JsonSchemaValueException:
            pass
        for err in schema_errors(self.schema, record):
            keys = [p for p in err.absolute_path if isinstance(p, str)]
            if err.validator == "required":
                keys.append(str(err.message).split("'")[1])
            key = ".".join(keys)
            if key == "id" or key in failed or (unit_failed and key in UNIT_KEYS):
                continue  # said already: the cell that failed left this key out
            message = error_message(err, self.schema, loaded, 0).rstrip("。")
            faults.append(Fault(row, self.heading(_known_key(key)), message))
        return faults

    def _references(self, row: int, record: dict[str, Any], failed: set[str]) -> list[Fault]:
        faults = []
        units = self.campaign.units
        responsibility = record.get("responsibility") or {}
        for key, code in [
            ("responsibility.unit", responsibility.get("unit")),
            (OFFICER_UNIT, (responsibility.get("stability_officer") or {}).get("unit")),
            *[(LOCALITY, p.get("locality")) for p in record.get("petitioners") or []],
        ]:
            if code is not None and code not in units and key not in failed:
                message = f"单位代码 {code} 在 campaign.yml 中没有定义"
                faults.append(Fault(row, self.heading(key), message))
                failed.add(key)
        lead = responsibility.get("lead_official")
        if lead and lead not in self.campaign.lead_officials():
            faults.append(
                Fault(
                    row,
                    self.heading("responsibility.lead_official"),
                    f"{lead} 不在 campaign.yml 的领导名单中：请核对姓名，或先在 campaign.yml 中添加",
                )
            )
        return faults

    def _id(self, row: int, case_id: str) -> Fault | None:
        if not isinstance(case_id, str) or not ID_RE.fullmatch(case_id):  # no line break after
            return Fault(
                row,
                "编号",
                f"编号“{case_id!s:.40}”不是 XF2008-T01-001 这样的案件编号：请清空该列由系统取号，或在 --mapping 文件的 columns 中把它设为 ignore",
            )
        if case_id in self.existing:
            rel = self.existing[case_id].relative_to(self.root).as_posix()
            return Fault(
                row,
                "编号",
                f"冲突：案件 {case_id} 已存在（{rel}），不会覆盖：修改已有案件请直接编辑该文件；确是新案件请清空编号由系统取号",
            )
        if case_id in self.seen:
            return Fault(
                row,
                "编号",
                f"编号 {case_id} 与第 {self.seen[case_id]} 行重复：请删除重复的行或清空编号",
            )
        self.seen[case_id] = row
        if case_id in self.deleted:
            self.restored.append(case_id)
        return None

    def _rules(self, path: Path, record: dict[str, Any]) -> list[str]:
        """The errors check will find, each in the rule's words (without the YAML keys of its
        fix) and the ledger column it concerns."""
        rel = path.relative_to(self.root).as_posix()
        ctx = CaseContext(
            case_from_data(record, rel), self.campaign, self.as_of, self.root, self.calendar
        )
        said: dict[str, None] = {}
        for rule in RULES:
            if rule.severity_on(self.campaign, self.as_of) != "error":
                continue
            for keys, message in rule.check(ctx):
                said[f"{plain(message)}{self.in_ledger(keys)}"] = None
        return ["；".join(said)] if said else []

    def in_ledger(self, keys: tuple[str | int, ...]) -> str:
        """Where a record key stands in the ledger: its column, or the column it lacks."""
        key = ".".join(k for k in keys if isinstance(k, str))
        if key not in BY_KEY or key in ANCHORS:
            return ""
        if key in self.headings:
            return f"（台账“{self.headings[key]}”列）"
        return f"（台账没有“{BY_KEY[key].header}”列）"


#: Keys rules name only to place a finding on a line: the finding is not about them.
ANCHORS = frozenset({"status", "id", "title"})


def plain(message: str) -> str:
    """A rule's message without its fix, which names YAML keys: 四明确未落实：缺少“具体工作要求”."""
    return re.split(r"[：:。；;]\s*请", message, maxsplit=1)[0].rstrip("：:。；;")
