"""One row of a county ledger turned into a case record, or the reasons it cannot be.

Labels become codes (the schema's ``enumDescriptions`` and common words), unit names become codes
(campaign.yml and the mapping file), dates are read from Excel dates or text, and the
petitioners' cells (names joined with 、, numbers one a line) become one entry per person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...records.campaign import Campaign
from ...records.schema import Schema
from .columns import (
    ASSIGNED_FIX,
    ASSIGNED_WORDS,
    BOOL_WORDS,
    CATEGORY_WORDS,
    COLUMNS,
    FLAG_WORDS,
    FORM_WORDS,
    IMPORT_ONLY,
    STATUS_WORDS,
    Column,
    parse_cell_date,
    parse_month,
)
from .progress import progress_notes
from .row_values import (
    NAME_SPLIT,
    cell_text,
    derive_title,
    get_dotted,
    is_blank,
    person_items,
    put_key,
    short_labels,
    unit_aliases,
)

BY_KEY = {c.key: c for c in (*COLUMNS, *IMPORT_ONLY)}
PROMINENT = "prominent"  # the category of 重复访、越级访、集体访、上访老户
DERIVED = "案件名称由信访人和诉求的第一句生成，请核对"
PERSON_FIELDS = ("name", "id_number", "phone", "address", "locality")

Problem = tuple[str, str, str]  # (column heading, reason, record key)


@dataclass
class RowReader:
    campaign: Campaign
    schema: Schema
    units: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    registered: date | None = None  # --registered: the registration date of rows without one

    def __post_init__(self) -> None:
        self.units = unit_aliases(self.campaign, self.units)
        self.words: dict[tuple[str, ...], dict[str, str]] = {}
        for path, labels in self.schema.labels.items():
            words = {code: code for code in labels}
            for code, label in labels.items():
                words.update(dict.fromkeys(short_labels(label), code))
            self.words[path] = words
        self.words[("status",)].update(STATUS_WORDS)
        self.words[("category",)].update(CATEGORY_WORDS)
        self.words[("category",)].update(self.categories)
        self.words[("status",)].update(self.statuses)
        self.words[("flags",)].update(FLAG_WORDS)
        self.words.setdefault(("events", "form"), {}).update(FORM_WORDS)
        self.notes: list[str] = []  # the row being read: what was assumed, for the report
        self.comments: dict[str, str] = {}  # the row being read: record key → YAML comment
        self.unknown: list[tuple[str, str]] = []  # the row being read: (mapping part, name)

    # --- single cells --------------------------------------------------------------------------

    def convert(self, column: Column, value: Any) -> Any:
        """The record value of one cell; ValueError with a Chinese reason when it cannot be."""
        if column.kind == "date":
            try:
                return parse_cell_date(value).isoformat()
            except ValueError:
                month = parse_month(value)
                if month is None:
                    raise
                written = " ".join(cell_text(value).split())
                self.notes.append(f"{column.header}“{written}”只写到月，按 {month} 记录")
                self.comments[column.key] = f"台账写作“{written}”，按当月 1 日记录，请核对"
                return month.isoformat()
        text = cell_text(value)
        match column.kind:
            case "int":
                digits = re.sub(r"[人名个\s]", "", text)
                if not digits.isdigit():
                    raise ValueError(f"“{text}”不是整数：请填写人数，例如 12")
                return int(digits)
            case "bool":
                if text.lower() not in BOOL_WORDS:
                    raise ValueError(f"“{text}”应为“是”或“否”：请改正")
                return BOOL_WORDS[text.lower()]
            case "enum":
                return self._word(column, text)
            case "flags":
                return list(
                    dict.fromkeys(self._word(column, t) for t in NAME_SPLIT.split(text) if t)
                )
            case "unit":
                return self.unit(text)
            case "progress":
                return text
        return text

    def unit(self, text: str) -> str:
        code = self.units.get(text) or self.units.get(re.sub(r"\s", "", text))
        if code is None:
            self.unknown.append(("units", text))
            known = "、".join(u.name for u in self.campaign.units.values())
            raise ValueError(
                f"单位“{text}”在 campaign.yml 中没有定义：请改成 {known} 之一，"
                f"或在 --mapping 文件的 units 中写明它对应的单位代码"
            )
        return code

    def _word(self, column: Column, text: str) -> str:
        path = column.enum_path
        code = self.words.get(path, {}).get(text) or self.words.get(path, {}).get(
            text.replace(" ", "")
        )
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

    def category(self, text: str) -> tuple[str, list[str]]:
        """A category cell: a category, or 重复访/集体访/越级访/上访老户 (prominent, with flags)."""
        if text.replace(" ", "") in ASSIGNED_WORDS:
            raise ValueError(f"“{text}”是案件来源，不是问题类别：{ASSIGNED_FIX}")
        try:
            return self._word(BY_KEY["category"], text), []
        except ValueError:
            parts = [t for t in NAME_SPLIT.split(text.replace("等", "")) if t]
            flags = [self.words[("flags",)].get(p) for p in parts]
            if not parts or None in flags:
                self.unknown.append(("categories", text))
                raise
            return PROMINENT, [f for f in dict.fromkeys(flags) if f]

    # --- a whole row ---------------------------------------------------------------------------

    def read(self, cells: dict[str, tuple[str, Any]]) -> tuple[dict[str, Any], list[Problem]]:
        """The record of a row (``cells``: key → (heading, raw value)) and its problems."""
        self.notes, self.comments, self.unknown = [], {}, []
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        flags: list[str] = []
        for key, (header, raw) in cells.items():
            if is_blank(raw) or key.startswith("petitioners."):
                continue
            if key == "id" and cell_text(raw).isdigit():  # a row number (序号), not a case id
                self.notes.append(
                    f"“{header}”列的 {cell_text(raw)} 是序号，不是案件编号：由系统取号"
                )
                continue
            try:
                if key == "category":
                    values[key], flags = self.category(cell_text(raw))
                else:
                    values[key] = self.convert(BY_KEY[key], raw)
            except ValueError as err:
                problems.append((header, str(err), key))
        if flags:
            values["flags"] = list(dict.fromkeys([*values.get("flags", []), *flags]))
        form = values.pop("events.form", None)
        progress = values.pop("progress", None)
        record: dict[str, Any] = {}
        for key, value in values.items():
            put_key(record, key, value)
        people, person_problems = self._people(cells, record)
        problems += person_problems
        record["petitioners"] = people
        self._registered(record, problems)
        if form is not None and "registered" in record:
            self._event(record, form)
        if progress is not None and "registered" in record:
            self._progress(record, progress)
        self._defaults(record)
        return record, problems

    def _registered(self, record: dict[str, Any], problems: list[Problem]) -> None:
        """A row without a registration date: --registered, else the first petition's date."""
        if "registered" in record:
            return
        if self.registered is not None:
            record["registered"] = self.registered.isoformat()
            self.notes.append(f"登记日期按 --registered 记为 {self.registered}")
            self.comments["registered"] = "台账没有登记日期，按导入时的 --registered 记录"
        elif "received" in record:
            record["registered"] = record["received"]
            self.notes.append(f"没有登记日期，按首次信访日期 {record['received']} 记录")
            self.comments["registered"] = "台账没有登记日期，按首次信访日期记录，请核对"
        else:
            problems.append(
                (
                    BY_KEY["registered"].header,
                    "没有登记日期，也没有首次信访日期：请在台账中填写，或导入时加 --registered 日期（例如 --registered 2008-04-20）",
                    "registered",
                )
            )

    def _event(self, record: dict[str, Any], form: str) -> None:
        """信访形式: one petition event, on the first petition's date, at county level."""
        day = record.get("received") or record["registered"]
        count = record.get("head_count") or max(len(record["petitioners"]), 1)
        record["events"] = [{"date": day, "form": form, "level": "county", "head_count": count}]
        self.notes.append("信访形式记为一次信访事件（县级、首次信访日期），请核对到访层级和日期")
        self.comments["events"] = "由台账的信访形式生成：到访层级按县级、日期按首次信访日期，请核对"

    def _progress(self, record: dict[str, Any], text: str) -> None:
        notes, undated = progress_notes(text, self.campaign.year, record["registered"])
        if notes:
            record["progress"] = notes
        if undated:
            self.notes.append(f"{undated} 条进展没有写日期，按登记日期记录，请核对")
            self.comments["progress"] = "没有写日期的进展按登记日期记录，请核对"

    def _people(
        self, cells: dict[str, tuple[str, Any]], record: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Problem]]:
        problems: list[Problem] = []
        lists: dict[str, list[str]] = {}
        for name in PERSON_FIELDS:
            header, raw = cells.get(f"petitioners.{name}", ("", None))
            if is_blank(raw):
                continue
            if name == "id_number" and isinstance(raw, int | float) and not isinstance(raw, bool):
                problems.append(
                    (
                        header,
                        "身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后重新录入",
                        "petitioners.id_number",
                    )
                )
                continue
            text = raw if isinstance(raw, str) else cell_text(raw)
            lists[name] = person_items(name, text.replace("\r\n", "\n").strip(" \t"))
        names = [n for n in lists.pop("name", []) if n]
        if not names:
            problems.append(
                (
                    cells.get("petitioners.name", (BY_KEY["petitioners.name"].header,))[0],
                    "缺少信访人姓名：每件案件至少要有一名信访人",
                    "petitioners.name",
                )
            )
            return [], problems
        people: list[dict[str, Any]] = [{"name": n} for n in names]
        for name, items in lists.items():
            header = cells[f"petitioners.{name}"][0]
            filled = len([i for i in items if i])
            if filled > len(names):
                problems.append(
                    (
                        header,
                        f"有 {filled} 项，但信访人只有 {len(names)} 人：请每人一项，按信访人的顺序用换行或顿号分隔",
                        f"petitioners.{name}",
                    )
                )
                continue
            if name == "locality" and len(items) == 1:
                items = items * len(names)
            if len(items) > len(names) or (len(items) < len(names) and "" in items):
                items = [i for i in items if i]
            for person, item in zip(people, items, strict=False):
                if not item:
                    continue
                try:
                    person[name] = self.unit(item) if name == "locality" else item
                except ValueError as err:
                    problems.append((header, str(err), f"petitioners.{name}"))
        default = get_dotted(record, "responsibility.stability_officer.unit") or get_dotted(
            record, "responsibility.unit"
        )
        for person in people:
            if "locality" not in person and default:
                person["locality"] = default
        ordered = [{k: p[k] for k in PERSON_FIELDS if k in p} for p in people]
        return ordered, problems

    def _defaults(self, record: dict[str, Any]) -> None:
        """What a county ledger leaves out but a record needs, from what it has."""
        if "title" not in record and "demand" in record:
            record["title"] = derive_title(record["petitioners"], record["demand"])
            self.notes.append("案件名称由信访人和诉求的第一句生成，请核对")
            self.comments["title"] = DERIVED
        elif "demand" not in record and "title" in record:
            record["demand"] = record["title"]
        if "head_count" not in record and record["petitioners"]:
            record["head_count"] = len(record["petitioners"])
        if "status" not in record:
            record["status"] = "closed" if get_dotted(record, "closure.date") else "registered"
        officer = get_dotted(record, "responsibility.stability_officer")
        if isinstance(officer, dict) and "name" in officer and "unit" not in officer:
            localities = [p["locality"] for p in record["petitioners"] if "locality" in p]
            if localities:
                officer["unit"] = localities[0]
        order = list(self.schema.document["properties"])
        ordered = {k: record[k] for k in order if k in record}
        if "responsibility" in ordered:
            inner = list(self.schema.document["properties"]["responsibility"]["properties"])
            resp = ordered["responsibility"]
            ordered["responsibility"] = {k: resp[k] for k in inner if k in resp}
        record.clear()
        record.update(ordered)
