"""One row of a county ledger read cell by cell: the values a record is built from, or why not.

Labels become codes (the schema's ``enumDescriptions`` and common words), unit names become
codes by their short forms (``units.py``), leaders by surname and post (``officials.py``), dates
as clerks type them (``dates.py``), a type cell gives the category, flags, head count and the
level a visit reached (``type_cells.py``). The record itself is put together in
``row_record.py`` (a case) or ``risk_rows.py`` (a 苗头隐患 without a petitioner). What the reader
assumed is kept per row (``notes`` for the report, ``comments`` for the YAML file) and the names
it could not place (``unknown``) go to the mapping file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...records.campaign import Campaign
from ...records.characters import RAW_BAD, describe
from ...records.schema import Schema
from .columns import (
    ASSIGNED_NOTE,
    ASSIGNED_WORDS,
    BOOL_WORDS,
    CATEGORY_WORDS,
    COLUMNS,
    FLAG_WORDS,
    FORM_WORDS,
    IMPORT_ONLY,
    STATUS_WORDS,
    Column,
)
from .dates import Calendar, Month, Vague, read_date
from .officials import Officials
from .row_values import NAME_SPLIT, cell_text, is_blank, short_labels
from .type_cells import TypeCell, chinese_number, read_type
from .units import UnitNames

BY_KEY = {c.key: c for c in (*COLUMNS, *IMPORT_ONLY)}
PROMINENT = "prominent"  # the category of 重复访、越级访、集体访、上访老户
MONTHS: dict[str, Month] = {"received": "first", "responsibility.deadline": "last"}
#: Dates a case can do without: a vague one is left out, its words kept in the notes (备注).
OPTIONAL_DATES = frozenset({"received"})
PEOPLE = ("responsibility.handler", "responsibility.stability_officer.name")
_COUNT = re.compile(
    r"^(?:约|大约|近)?(?P<n>[0-9]+|[一二两三四五六七八九十百]+)(?P<more>余|多|来)?(?:人|名|个|户)?(?:左右)?$"
)

Problem = tuple[str, str, str]  # (column heading, reason, record key)


@dataclass(frozen=True)
class SheetContext:
    """What a sheet says about all its rows: its dates' year, its 填报时间, the unit it is of."""

    name: str
    calendar: Calendar
    filed: tuple[date, str] | None = None  # the ledger's own 填报时间 (or 制表日期) and its label
    unit: str | None = None  # the unit the sheet is named after (one sheet a unit)


@dataclass
class RowReader:
    campaign: Campaign
    schema: Schema
    officials: Officials
    units: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    registered: date | None = None  # --registered: the registration date of rows without one
    #: A leader written by surname and post that names no one in campaign.yml: refuse the row
    #: (a plain import: campaign.yml can be filled first), or leave the leader to fill in and keep
    #: the words in the notes (``init --ledger``: campaign.yml was made from this very ledger).
    leaders_later: bool = False

    def __post_init__(self) -> None:
        self.unit_names = UnitNames(self.campaign, self.units)
        self.words: dict[tuple[str, ...], dict[str, str]] = {}
        for path, labels in self.schema.labels.items():
            words = {code: code for code in labels}
            for code, label in labels.items():
                words.update(dict.fromkeys(short_labels(label), code))
            self.words[path] = words
        self.words[("status",)].update({**STATUS_WORDS, **self.statuses})
        self.words[("category",)].update({**CATEGORY_WORDS, **self.categories})
        self.words[("flags",)].update(FLAG_WORDS)
        self.words.setdefault(("events", "form"), {}).update(FORM_WORDS)
        year = self.campaign.year
        self.sheet = SheetContext("", Calendar(year, year))
        self.notes: list[str] = []  # the row being read: what was assumed, for the report
        self.comments: dict[str, str] = {}  # the row being read: record key → YAML comment
        self.unknown: list[tuple[str, str]] = []  # the row being read: (mapping part, name)
        self.type_cell: TypeCell | None = None
        self.own_number = ""  # the row's number in the ledger's own numbering (SQ-01)
        self.posts: dict[str, str] = {}  # leaders written with a post, for the campaign snippet
        self.kept: list[str] = []  # the row being read: words kept in the notes (备注)
        self.assigned: str | None = None  # the row being read: the source a 交办 type gave

    def start_row(self) -> None:
        self.notes, self.comments, self.unknown, self.type_cell = [], {}, [], None
        self.assigned = None
        self.own_number = ""
        self.kept = []

    # --- single cells --------------------------------------------------------------------------

    def bad_characters(self, value: Any) -> str | None:
        """Why a cell cannot be kept as it is: characters a record may not hold."""
        if not isinstance(value, str):
            return None
        found = RAW_BAD.search(value.replace("\r\n", "\n").replace("\r", "\n"))
        if found is None:
            return None
        char = found.group()
        shown = f"_x{ord(char):04X}_" if "\ud800" <= char <= "\udfff" else describe(char)
        return f"含有无法保存的字符（{shown}）：请删去或改正"

    def convert(self, column: Column, value: Any) -> Any:
        """The record value of one cell; ValueError with a Chinese reason when it cannot be."""
        if column.kind == "date":
            return self.date(column, value)
        text = cell_text(value)
        match column.kind:
            case "int":
                return self.count(column, value, text)
            case "bool":
                word = text.lower().replace(" ", "")
                if word not in BOOL_WORDS:
                    raise ValueError(f"“{text}”应为“是”或“否”：请改正")
                return BOOL_WORDS[word]
            case "enum":
                return self._word(column, text)
            case "flags":
                return list(
                    dict.fromkeys(self._word(column, t) for t in NAME_SPLIT.split(text) if t)
                )
            case "unit":
                return self.unit(text, column.key == "petitioners.locality")
        if column.key == "responsibility.lead_official":
            return self.leader(column, text)
        if column.key in PEOPLE:
            return self.person(column, text)
        return text

    def date(self, column: Column, value: Any) -> str:
        reading = read_date(value, self.sheet.calendar, MONTHS.get(column.key))
        if reading.note:
            written = " ".join(cell_text(value).split())
            self.notes.append(f"{column.header}“{written}”{reading.note}")
            self.comments[column.key] = f"台账写作“{written}”，{reading.note}，请核对"
        return reading.day.isoformat()

    def optional_date(self, key: str, header: str, raw: Any, values: dict[str, Any]) -> None:
        """A date the record may leave out: a vague one is named and kept in the notes."""
        try:
            values[key] = self.convert(BY_KEY[key], raw)
        except Vague as err:
            written = " ".join(cell_text(raw).split())
            self.notes.append(f"{header}：{err}；没有记为{BY_KEY[key].header}，原文记在备注中")
            self.kept.append(f"{header}：{written}")

    def count(self, column: Column, value: Any, text: str) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        found = _COUNT.match(text.replace(" ", ""))
        number = chinese_number(found["n"]) if found else None
        if number is None:
            raise ValueError(f"“{text[:40]}”不是整数：请填写人数，例如 12")
        if found and (found["more"] or text.startswith(("约", "大约", "近")) or "左右" in text):
            self.notes.append(f"{column.header}“{text}”按 {number} 人记录")
            self.comments[column.key] = f"台账写作“{text}”，按 {number} 人记录，请核对"
        return number

    def unit(self, text: str, locality: bool = False) -> str:
        found = self.unit_names.within(text) if locality else self.unit_names.match(text)
        if found.code is not None:
            if found.how:
                name = self.campaign.unit_name(found.code)
                self.notes.append(f"单位“{text}”按{found.how}认作“{name}”")
            return found.code
        self.unknown.append(("units", text))
        if len(found.candidates) > 1 and found.how == "":
            choices = self.unit_names.names(found.candidates)
            raise ValueError(
                f"单位“{text}”可能是 {choices}，无法确定：请写全称，"
                f"或在 --mapping 文件的 units 中写明它对应的单位代码"
            )
        near = f"（相近的有 {self.unit_names.names(found.candidates)}）" if found.candidates else ""
        raise ValueError(
            f"单位“{text}”在 campaign.yml 中没有定义{near}：请改成 campaign.yml 中的单位名称，"
            f"或在 --mapping 文件的 units 中写明它对应的单位代码"
        )

    def leader(self, column: Column, text: str) -> str | None:
        found = self.officials.resolve(text)
        if found.name is not None:
            if found.written and found.written.post and not found.known:
                self.posts.setdefault(found.name, found.written.post)
            if found.written and found.written.name != found.name:
                self.notes.append(f"{column.header}“{text}”认作 {found.name}")
            return found.name
        if found.written is None:
            raise ValueError(f"“{text[:40]}”不是一位领导的姓名：请只写一位包案领导的姓名")
        if self.leaders_later and not found.written.name:
            self.kept.append(f"{column.header}：{text}")
            self.notes.append(
                f"{column.header}“{text}”只写了姓和职务，对不上 campaign.yml 中的领导：没有填入，"
                f"原文记在备注中；在 campaign.yml 中写明这位领导的全名和职务后填入本案"
            )
            return None
        if found.candidates:
            names = "、".join(p.name for p in found.candidates)
            raise ValueError(f"“{text}”可能是 {names}，无法确定：请写全名")
        raise ValueError(
            f"campaign.yml 中没有姓{found.written.surname}、职务为{found.written.post}的领导："
            f"请写包案领导的全名"
        )

    def person(self, column: Column, text: str) -> str:
        found = self.officials.resolve(text)
        if found.name is not None and found.known and found.written and not found.written.name:
            self.notes.append(f"{column.header}“{text}”认作 {found.name}")
            return found.name
        return text

    def _word(self, column: Column, text: str) -> str:
        path = column.enum_path
        table = self.words.get(path, {})
        code = table.get(text) or table.get(text.replace(" ", ""))
        if code is None:
            if path == ("status",):
                self.unknown.append(("statuses", text))
            raise ValueError(f"“{text}”不是可选的{column.header}：{self._choices(path)}")
        return code

    def _choices(self, path: tuple[str, ...]) -> str:
        """The choices of an enum column, each quoted whole (a label may hold a 、)."""
        if path == ("category",):
            return (
                "请写“涉法涉诉”“突出信访问题”“热点难点”之一，"
                "或写 重复访、越级访、集体访、上访老户（记为突出信访问题，并加上相应的案件标识）"
            )
        labels = self.schema.labels.get(path, {})
        return f"请从{''.join(f'“{label}”' for label in labels.values())}中选择"

    def category(self, text: str) -> tuple[str | None, list[str]]:
        """A type cell: its category (None for a risk row) and flags; ValueError for words
        outside the plan's categories, which go to the mapping file."""
        if text.replace(" ", "") in ASSIGNED_WORDS:
            self.assigned = _assigned_source(text)
            source = self.schema.labels.get(("source",), {}).get(self.assigned, "上级交办")
            note = ASSIGNED_NOTE.format(text=text, source=source)
            self.notes.append(f"问题类别{note}")
            self.comments["category"] = f"台账问题类别{note}"
            return HOTSPOT, []
        cell = read_type(
            text,
            self.words[("category",)],
            self.words[("flags",)],
            self.campaign.policy.cross_level_above,
        )
        self.type_cell = cell
        self.notes += cell.notes(text)
        if cell.unknown:
            self.unknown.append(("categories", text))
            raise ValueError(f"“{text}”不是可选的问题类别：{self._choices(('category',))}")
        if cell.category is None and cell.flags:
            return PROMINENT, cell.flags
        if cell.category is None and not cell.risk:
            self.unknown.append(("categories", text))
            raise ValueError(f"“{text}”不是可选的问题类别：{self._choices(('category',))}")
        return cell.category, cell.flags

    def read(self, cells: dict[str, tuple[str, Any]]) -> tuple[dict[str, Any], list[Problem]]:
        """The values of a row by record key (``cells``: key → (heading, raw value))."""
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        for key, (header, raw) in cells.items():
            if is_blank(raw):
                continue
            bad = self.bad_characters(raw)
            if bad is not None:
                problems.append((header, bad, key))
                continue
            if key.startswith("petitioners.") or key == "id":
                values[key] = raw
                continue
            try:
                if key in OPTIONAL_DATES:
                    self.optional_date(key, header, raw, values)
                    continue
                if key == "category":
                    category, flags = self.category(cell_text(raw))
                    if category is not None:
                        values[key] = category
                    if flags:
                        values["flags"] = list(dict.fromkeys([*values.get("flags", []), *flags]))
                elif key == "flags":
                    flags = self.convert(BY_KEY[key], raw)
                    values[key] = list(dict.fromkeys([*flags, *values.get("flags", [])]))
                else:
                    value = self.convert(BY_KEY[key], raw)
                    if value is not None:  # None: a leader left to fill in
                        values[key] = value
            except ValueError as err:
                problems.append((header, str(err), key))
        if self.assigned and "source" not in values:
            values["source"] = self.assigned
        return values, problems


HOTSPOT = "hotspot"


def _assigned_source(text: str) -> str:
    """The source a 交办 category cell names: 省 alone the province, else the city (the county's
    usual assigning office above it; the note asks the clerk to confirm)."""
    return "province_assigned" if "省" in text and "市" not in text else "city_assigned"
