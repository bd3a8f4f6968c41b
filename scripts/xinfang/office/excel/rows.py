"""One row of a county ledger turned into a case record, or the reasons it cannot be.

Labels become codes (the schema's ``enumDescriptions`` and common words), unit names become codes
(campaign.yml and the mapping file), dates are read from Excel dates or text, and the
petitioners' cells (names joined with 、, numbers one a line) become one entry per person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...records.campaign import Campaign
from ...records.schema import Schema
from .columns import (
    BOOL_WORDS,
    CATEGORY_WORDS,
    COLUMNS,
    STATUS_WORDS,
    Column,
    parse_cell_date,
)

BY_KEY = {c.key: c for c in COLUMNS}
PERSON_FIELDS = ("name", "id_number", "phone", "address", "locality")
_NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
_LIST_SPLIT = re.compile(r"[、，,；;\s]+")
TITLE_FROM_DEMAND = 40

Problem = tuple[str, str, str]  # (column heading, reason, record key)


def _short(label: str) -> list[str]:
    """Shorter spellings of an enum label: 涉法涉诉问题 → 涉法涉诉; 省、市交办的信访事项 → 省市交办."""
    out = [label]
    for suffix in ("的信访事项", "问题", "信访问题", "访"):
        if label.endswith(suffix) and len(label) > len(suffix) + 1:
            out.append(label.removesuffix(suffix))
    out += [v.replace("、", "") for v in out if "、" in v]
    head = re.split(r"[，,]", label)[0]
    if head != label:
        out.append(head)
    return out


def unit_aliases(campaign: Campaign, extra: dict[str, str]) -> dict[str, str]:
    """Unit names, codes and common spellings (县法院, 公安局, 城关镇人民政府) → codes."""
    aliases: dict[str, str | None] = {}
    for code, unit in campaign.units.items():
        name = unit.name
        forms = {name, name.replace("人民", ""), name + "人民政府", name + "政府"}
        if name.startswith("县"):
            forms |= {name[1:], name[1:].replace("人民", "")}
        for form in forms:
            aliases[form] = None if form in aliases and aliases[form] != code else code
        aliases[code] = code
    found = {k: v for k, v in aliases.items() if v is not None}
    found.update(extra)
    return found


@dataclass
class RowReader:
    campaign: Campaign
    schema: Schema
    units: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.units = unit_aliases(self.campaign, self.units)
        self.words: dict[tuple[str, ...], dict[str, str]] = {}
        for path, labels in self.schema.labels.items():
            words = {code: code for code in labels}
            for code, label in labels.items():
                words.update(dict.fromkeys(_short(label), code))
            self.words[path] = words
        self.words[("status",)].update(STATUS_WORDS)
        self.words[("category",)].update(CATEGORY_WORDS)
        self.words[("category",)].update(self.categories)
        self.words[("status",)].update(self.statuses)

    # --- single cells --------------------------------------------------------------------------

    def convert(self, column: Column, value: Any) -> Any:
        """The record value of one cell; ValueError with a Chinese reason when it cannot be."""
        if column.kind == "date":
            return parse_cell_date(value).isoformat()
        text = _text(value)
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
                    dict.fromkeys(self._word(column, t) for t in _NAME_SPLIT.split(text) if t)
                )
            case "unit":
                return self.unit(text)
        return text

    def unit(self, text: str) -> str:
        code = self.units.get(text) or self.units.get(re.sub(r"\s", "", text))
        if code is None:
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
            labels = self.schema.labels.get(path, {})
            options = "、".join(labels.values())
            raise ValueError(f"“{text}”不是可选的{column.header}：请从 {options} 中选择")
        return code

    # --- a whole row ---------------------------------------------------------------------------

    def read(self, cells: dict[str, tuple[str, Any]]) -> tuple[dict[str, Any], list[Problem]]:
        """The record of a row (``cells``: key → (heading, raw value)) and its problems."""
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        for key, (header, raw) in cells.items():
            if _blank(raw) or key.startswith("petitioners."):
                continue
            try:
                values[key] = self.convert(BY_KEY[key], raw)
            except ValueError as err:
                problems.append((header, str(err), key))
        record: dict[str, Any] = {}
        for key, value in values.items():
            _put(record, key, value)
        people, person_problems = self._people(cells, record)
        problems += person_problems
        record["petitioners"] = people
        self._defaults(record)
        return record, problems

    def _people(
        self, cells: dict[str, tuple[str, Any]], record: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Problem]]:
        problems: list[Problem] = []
        lists: dict[str, list[str]] = {}
        for name in PERSON_FIELDS:
            header, raw = cells.get(f"petitioners.{name}", ("", None))
            if _blank(raw):
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
            text = raw if isinstance(raw, str) else _text(raw)
            lists[name] = _items(name, text.replace("\r\n", "\n").strip(" \t"))
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
            first = re.split(r"[。；;]", record["demand"])[0]
            record["title"] = first[:TITLE_FROM_DEMAND]
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


def _items(field: str, text: str) -> list[str]:
    """A petitioners' cell as one item per person.

    Names and units are joined with 、 (or commas, spaces); numbers and addresses stand one a
    line, an empty line for a person without one, so that the lines keep the petitioners' order.
    """
    if field in ("name", "locality"):
        return [t for t in _NAME_SPLIT.split(text) if t]
    lines = [t.strip() for t in text.split("\n")]
    if "\n" in text or field == "address":
        return lines
    return [t.strip() for t in _LIST_SPLIT.split(text) if t.strip()]


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def get_dotted(data: Any, key: str) -> Any:
    """The value at a dotted key of a record being built (responsibility.unit), or None."""
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _put(record: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
