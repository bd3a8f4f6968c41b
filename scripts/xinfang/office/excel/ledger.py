"""Cases as ledger cells: labels for codes, unit names, 是/否, masked numbers.

A masked ledger masks every identity-card and phone number in every text cell (records.privacy),
not only in the number columns: clerks type numbers into demands, notes and addresses too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from ...records.campaign import Campaign
from ...records.case import Case, Petitioner, value_at
from ...records.privacy import HIDDEN_NAME, mask_id_number, mask_phone, mask_text, masked
from ...records.schema import Schema
from .columns import COLUMNS, LINE_SEP, NAME_SEP, NO, YES, Column


def _label(labels: dict[str, str], code: object) -> str:
    return labels.get(str(code), str(code))  # as Schema.label


_MASKS: dict[str, Callable[[str], str]] = {"id_number": mask_id_number, "phone": mask_phone}


@dataclass
class Ledger:
    """Turns cases into ledger cells: labels for codes, unit names, masked numbers."""

    campaign: Campaign
    schema: Schema
    masked: bool = True

    def label(self, column: Column, code: object) -> str:
        return self.schema.label(column.enum_path, code)

    def unit(self, code: object) -> str:
        return self.campaign.unit_name(str(code))

    def cell(self, column: Column, case: Case) -> Any:
        return self._reader(column)(case)

    def row(self, case: Case) -> list[Any]:
        """The case's cells in the order of COLUMNS: ``cell`` of each column, for many cases."""
        return [read(case) for read in self._readers]

    @cached_property
    def _readers(self) -> list[Callable[[Case], Any]]:
        return [self._reader(column) for column in COLUMNS]

    def _reader(self, column: Column) -> Callable[[Case], Any]:
        """``cell`` for one column, with its key split and its conversion chosen once."""
        read = self._plain_reader(column)
        if not self.masked:
            return read

        def read_masked(case: Case) -> Any:
            value = read(case)
            return mask_text(value) if isinstance(value, str) else value

        return read_masked

    def _plain_reader(self, column: Column) -> Callable[[Case], Any]:
        if column.key.startswith("petitioners."):
            return partial(self._petitioners, column)
        parts = column.key.split(".")
        convert: Callable[[Any], Any] | None = None
        if column.kind == "enum":
            convert = partial(_label, self.schema.labels.get(column.enum_path, {}))
        elif column.kind not in ("text", "int", "date"):
            convert = partial(self._value, column)

        def read(case: Case) -> Any:
            value = value_at(case, parts)
            if value is None or convert is None:
                return value
            return convert(value)

        if column.kind == "bool":  # a yes/no the record does not write stays blank

            def read_written(case: Case) -> Any:
                return read(case) if case.has(*parts) else None

            return read_written
        return read

    def _value(self, column: Column, value: Any) -> Any:
        match column.kind:
            case "bool":
                return YES if value else NO
            case "enum":
                return self.label(column, value)
            case "flags":
                return NAME_SEP.join(self.label(column, v) for v in value) or None
            case "unit":
                return self.unit(value)
            case "progress":  # the latest note: 7月10日：…
                return (
                    f"{value[-1].date.month}月{value[-1].date.day}日：{value[-1].note}"
                    if value
                    else None
                )
        return value

    def _petitioners(self, column: Column, case: Case) -> str | None:
        field = column.key.split(".", 1)[1]
        values = [self._person_value(field, p, case) for p in case.petitioners]
        if not any(values):
            return None
        sep = NAME_SEP if field in ("name", "locality") else LINE_SEP
        return sep.join(values)

    def _person_value(self, field: str, person: Petitioner, case: Case) -> str:
        value = getattr(person, field)
        if value is None:
            return ""
        if field == "locality":
            return self.unit(value)
        if not self.masked:
            return str(value)
        if field in _MASKS:
            return _MASKS[field](str(value))
        if field == "name" and case.confidential:
            return HIDDEN_NAME
        return str(value)

    def masked_record(self, case: Case) -> dict[str, Any]:
        """The record as written, every number in it masked as in the ledger (the data sheet)."""
        record: dict[str, Any] = case.record
        if not self.masked:
            return record
        shown: dict[str, Any] = masked(record)
        if not case.confidential:
            return shown
        people = [
            {**p, "name": HIDDEN_NAME} if isinstance(p, dict) and "name" in p else p
            for p in shown.get("petitioners") or []
        ]
        return {**shown, "petitioners": people}
