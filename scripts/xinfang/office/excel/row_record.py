"""A ledger row's values put together as a case record, with what the ledger leaves out.

The petitioners' cells (names joined with 、, numbers one a line) become one entry per person,
from the unit the stability officer belongs to when campaign.yml says (else the sheet's unit,
else the handling unit). The registration date is ``--registered``, else the ledger's own
填报时间, else the first petition when it falls within the campaign; a first petition before the
campaign stays the first petition and is never the registration date. A 信访形式 column or a
level in the type cell (赴京) gives a petition event. A missing title is derived from the place
and the demand (``titles.py``), never from a name. Every assumption is a note and a comment.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..newcase import ID_RE
from .progress import progress_notes
from .row_values import get_dotted, person_items, put_key
from .rows import BY_KEY, Problem, RowReader
from .titles import derive_title, place_of

PERSON_FIELDS = ("name", "id_number", "phone", "address", "locality")
DERIVED = "案件名称由所在地和诉求的第一句生成，请核对"
LEVEL_NAMES = {"county": "县级", "city": "到市", "province": "到省", "beijing": "进京"}


def case_record(
    reader: RowReader,
    values: dict[str, Any],
    cells: dict[str, tuple[str, Any]],
    problems: list[Problem],
) -> dict[str, Any]:
    """The case of a row's values (``cells``: the raw cells, for their headings)."""
    record: dict[str, Any] = {}
    _case_id(reader, values.pop("id", None), record)
    form = values.pop("events.form", None)
    progress = values.pop("progress", None)
    for key, value in values.items():
        if not key.startswith("petitioners."):
            put_key(record, key, value)
    _officer_unit(reader, record)
    people, person_problems = _people(reader, values, cells, record)
    problems += person_problems
    record["petitioners"] = people
    _registered(reader, record, problems)
    level = reader.type_cell.level if reader.type_cell else None
    if (form is not None or level is not None) and "registered" in record:
        _event(reader, record, form or "visit", level or "county")
    if progress is not None and "registered" in record:
        _progress(reader, record, progress)
    _defaults(reader, record)
    return ordered(reader, record)


def _case_id(reader: RowReader, raw: Any, record: dict[str, Any]) -> None:
    if raw is None:
        return
    text = str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw).strip()
    if text.isdigit():  # a row number (序号), not a case id
        reader.notes.append(f"“编号”列的 {text} 是序号，不是案件编号：由系统取号")
    elif ID_RE.fullmatch(text) or text.upper().startswith("XF"):
        record["id"] = text
    else:
        reader.notes.append(f"“编号”列的 {text} 是台账自己的编号：由系统取号，原编号记在备注中")
        reader.own_number = text


def _officer_unit(reader: RowReader, record: dict[str, Any]) -> None:
    officer = get_dotted(record, "responsibility.stability_officer")
    if isinstance(officer, dict) and "name" in officer and "unit" not in officer:
        unit = reader.officials.unit_of.get(officer["name"])
        if unit is not None:
            officer["unit"] = unit


def _people(
    reader: RowReader,
    values: dict[str, Any],
    cells: dict[str, tuple[str, Any]],
    record: dict[str, Any],
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    lists: dict[str, list[str]] = {}
    for name in PERSON_FIELDS:
        key = f"petitioners.{name}"
        raw = values.get(key)
        if raw is None:
            continue
        header = cells[key][0]
        if name == "id_number" and isinstance(raw, int | float) and not isinstance(raw, bool):
            problems.append(
                (
                    header,
                    "身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后重新录入",
                    key,
                )
            )
            continue
        text = raw if isinstance(raw, str) else str(raw)
        lists[name] = person_items(name, text.replace("\r\n", "\n").strip(" \t"))
    names = [n for n in lists.pop("name", []) if n]
    if not names:
        header = cells.get("petitioners.name", (BY_KEY["petitioners.name"].header,))[0]
        problems.append((header, "缺少信访人姓名：每件案件至少要有一名信访人", "petitioners.name"))
        return [], problems
    people: list[dict[str, Any]] = [{"name": n} for n in names]
    for name, items in lists.items():
        header = cells[f"petitioners.{name}"][0]
        filled = len([i for i in items if i])
        if filled > len(names) and not (name == "address" and filled and len(names) == 1):
            problems.append(
                (
                    header,
                    f"有 {filled} 项，但信访人只有 {len(names)} 人：请每人一项，按信访人的顺序用换行或顿号分隔",
                    f"petitioners.{name}",
                )
            )
            continue
        if name in ("locality", "address") and len(items) == 1:
            items = items * len(names)
        if len(items) > len(names) or (len(items) < len(names) and "" in items):
            items = [i for i in items if i]
        for person, item in zip(people, items, strict=False):
            if not item:
                continue
            try:
                person[name] = reader.unit(item, locality=True) if name == "locality" else item
            except ValueError as err:
                problems.append((header, str(err), f"petitioners.{name}"))
    default = (
        get_dotted(record, "responsibility.stability_officer.unit")
        or reader.sheet.unit
        or get_dotted(record, "responsibility.unit")
    )
    for person in people:
        if "locality" not in person and default:
            person["locality"] = default
    return [{k: p[k] for k in PERSON_FIELDS if k in p} for p in people], problems


def _registered(reader: RowReader, record: dict[str, Any], problems: list[Problem]) -> None:
    """--registered, else the ledger's 填报时间, else the first petition within the campaign."""
    if "registered" in record:
        return
    received = record.get("received")
    campaign = reader.campaign
    within = received is not None and campaign.start <= date.fromisoformat(received) <= campaign.end
    if reader.registered is not None:
        record["registered"] = reader.registered.isoformat()
        reader.notes.append(f"登记日期按 --registered 记为 {reader.registered}")
        reader.comments["registered"] = "台账没有登记日期，按导入时的 --registered 记录"
    elif reader.sheet.filed is not None and not (
        within and str(received) > reader.sheet.filed[0].isoformat()
    ):
        day, label = reader.sheet.filed
        record["registered"] = day.isoformat()
        reader.notes.append(f"登记日期按台账的{label} {day} 记录")
        reader.comments["registered"] = f"台账没有登记日期，按台账的{label}记录，请核对"
    elif within:
        record["registered"] = received
        reader.notes.append(f"没有登记日期，按首次信访日期 {received} 记录")
        reader.comments["registered"] = "台账没有登记日期，按首次信访日期记录，请核对"
    else:
        why = (
            f"首次信访日期 {received} 在活动开始（{campaign.start}）之前，不是本次活动的登记日期"
            if received
            else "也没有首次信访日期"
        )
        problems.append(
            (
                BY_KEY["registered"].header,
                f"没有登记日期，{why}：请在台账中填写登记（排查）日期，或导入时加 --registered 日期（例如 --registered {campaign.start}）",
                "registered",
            )
        )


def _event(reader: RowReader, record: dict[str, Any], form: str, level: str) -> None:
    """One petition event, on the first petition's date: at the level the type cell says."""
    day = record.get("received") or record["registered"]
    count = record.get("head_count") or max(len(record["petitioners"]), 1)
    record["events"] = [{"date": day, "form": form, "level": level, "head_count": count}]
    where = LEVEL_NAMES[level]
    reader.notes.append(f"记为一次信访事件（{where}、首次信访日期），请核对到访层级和日期")
    reader.comments["events"] = f"由台账生成：到访层级按{where}、日期按首次信访日期，请核对"


def _progress(reader: RowReader, record: dict[str, Any], text: str) -> None:
    notes, undated = progress_notes(text, reader.sheet.calendar.year, record["registered"])
    if notes:
        record["progress"] = notes
    if undated:
        reader.notes.append(f"{undated} 条进展没有写日期，按登记日期记录，请核对")
        reader.comments["progress"] = "没有写日期的进展按登记日期记录，请核对"


def _defaults(reader: RowReader, record: dict[str, Any]) -> None:
    """What a county ledger leaves out but a record needs, from what it has."""
    people = record["petitioners"]
    if "head_count" not in record and reader.type_cell and reader.type_cell.head_count:
        record["head_count"] = reader.type_cell.head_count
    if "head_count" not in record and people:
        record["head_count"] = len(people)
    if "title" not in record and "demand" in record:
        record["title"] = title_of(reader, record)
        reader.notes.append(DERIVED)
        reader.comments["title"] = DERIVED
    elif "demand" not in record and "title" in record:
        record["demand"] = record["title"]
    if "status" not in record:
        record["status"] = "closed" if get_dotted(record, "closure.date") else "registered"
    officer = get_dotted(record, "responsibility.stability_officer")
    if isinstance(officer, dict) and "name" in officer and "unit" not in officer:
        localities = [p["locality"] for p in people if "locality" in p]
        if localities:
            officer["unit"] = localities[0]
    kept = [f"台账编号：{reader.own_number}"] if reader.own_number else []
    kept += reader.kept
    if kept:
        record["notes"] = "；".join([record["notes"], *kept] if record.get("notes") else kept)


def title_of(reader: RowReader, record: dict[str, Any]) -> str:
    people = record.get("petitioners") or []
    first = people[0] if people else {}
    locality = first.get("locality") or get_dotted(record, "responsibility.unit")
    unit = reader.campaign.units.get(locality or "")
    township = unit.name if unit is not None and unit.kind == "township" else None
    place, who = place_of(first.get("address"), township, reader.campaign.county)
    responsibility = record.get("responsibility") or {}
    names = [p.get("name", "") for p in people]
    names += [responsibility.get(k) or "" for k in ("lead_official", "handler")]
    names += [(responsibility.get("stability_officer") or {}).get("name") or ""]
    names += list(reader.officials.names)
    return derive_title(record["demand"], place, who, names)


def ordered(reader: RowReader, record: dict[str, Any]) -> dict[str, Any]:
    """The record's keys in the schema's order (responsibility's too)."""
    order = list(reader.schema.document["properties"])
    out = {k: record[k] for k in order if k in record}
    if isinstance(out.get("responsibility"), dict):
        inner = list(reader.schema.document["properties"]["responsibility"]["properties"])
        resp = out["responsibility"]
        out["responsibility"] = {k: resp[k] for k in inner if k in resp}
    return out
