"""Checks on a risk read from a ledger row, before any file is written: as for cases.

It gets the unit's next free 隐患编号 (YH2008-T05-001: never one used in git history), is refused
when it fails the risk schema or names an unknown unit, and the risk rules it does not yet meet
are said as the ledger's words, as for cases. Schema errors are named by the ledger column the
risk's key came from (情况描述 from the problem, 下次复查日期 from the deadline…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import fastjsonschema

from ...records.campaign import Campaign
from ...records.duties import Duties
from ...records.loader import Loaded
from ...records.risk import risk_from_data
from ...records.schema import Schema, load_schema
from ...records.validate import error_message, schema_errors
from ...rules.duty_context import RecordContext
from ...rules.duty_table import RECORD_RULES
from ..newcase import UsedIds, used_ids
from ..newrecord import NEW_KINDS, id_pattern
from .records import Fault
from .rows import Problem

RISKS_DIR = "risks"
#: The ledger column each key of a risk comes from.
FROM_COLUMN = {
    "title": "demand", "description": "demand", "found": "registered",
    "locality": "petitioners.locality", "locality.place": "petitioners.address",
    "involved": "head_count", "level": "grade", "responsibility": "responsibility.unit",
    "responsibility.official": "responsibility.handler", "measures": "progress",
    "review": "responsibility.deadline",
}  # fmt: skip


@dataclass
class RiskChecker:
    """Compiles the risk schema and lists the used ids only when a ledger has a risk row."""

    root: Path
    campaign: Campaign
    as_of: date
    heading: Callable[[str], str]  # the ledger's heading of a case key
    prefix: str = NEW_KINDS["risk"].prefix

    @cached_property
    def schema(self) -> Schema:
        return load_schema(self.root, "risk")

    @cached_property
    def used(self) -> UsedIds:
        return used_ids(self.root, RISKS_DIR, id_pattern(NEW_KINDS["risk"]))

    def take(
        self, row: int, record: dict[str, Any], problems: list[Problem]
    ) -> tuple[list[Fault], list[str], Path | None]:
        faults = [Fault(row, column, reason) for column, reason, _ in problems]
        failed = {key for _, _, key in problems}
        unit = (record.get("responsibility") or {}).get("unit")
        for key, code in (("responsibility.unit", unit),
                          ("petitioners.locality", (record.get("locality") or {}).get("unit"))):  # fmt: skip
            if code is not None and code not in self.campaign.units and key not in failed:
                faults.append(
                    Fault(row, self.heading(key), f"单位代码 {code} 在 campaign.yml 中没有定义")
                )
        if not faults:
            faults = self._schema(row, record)
        if faults:
            return faults, [], None
        record["id"] = self.used.next_after(f"{self.prefix}{self.campaign.year}-{unit}-")
        record.update({k: record.pop(k) for k in [k for k in record if k != "id"]})
        path = self.root / RISKS_DIR / f"{record['id']}.yml"
        return [], self._rules(record, path), path

    def _schema(self, row: int, record: dict[str, Any]) -> list[Fault]:
        probe = {"id": f"{self.prefix}{self.campaign.year}-T01-001", **record}
        try:
            self.schema.fast(probe)
            return []
        except fastjsonschema.JsonSchemaValueException:
            pass
        loaded = Loaded(Path("import.yml"), "import.yml", probe)
        faults = []
        for err in schema_errors(self.schema, probe):
            keys = [p for p in err.absolute_path if isinstance(p, str)]
            dotted = ".".join(keys)
            column = FROM_COLUMN.get(dotted) or FROM_COLUMN.get(keys[0] if keys else "", "demand")
            message = error_message(err, self.schema, loaded, 0).rstrip("。")
            faults.append(Fault(row, self.heading(column), f"按苗头隐患导入时，{message}"))
        return faults

    def _rules(self, record: dict[str, Any], path: Path) -> list[str]:
        risk = risk_from_data(record, path.relative_to(self.root).as_posix())
        ctx: RecordContext[Any] = RecordContext(risk, self.campaign, self.as_of, {}, [], Duties())
        said: dict[str, None] = {}
        for rule in RECORD_RULES:
            if rule.kind != "risk" or rule.severity_on(self.campaign, self.as_of) != "error":
                continue
            for keys, _ in rule.check(ctx):
                dotted = ".".join(k for k in keys if isinstance(k, str))
                column = FROM_COLUMN.get(dotted) or FROM_COLUMN.get(dotted.split(".")[0], "")
                said[f"{rule.name}（台账“{self.heading(column)}”列）" if column else rule.name] = (
                    None
                )
        return ["；".join(said)] if said else []
