"""`xinfang new --kind ...`: a new record beside the cases, with Chinese comments to fill in.

Each kind of ``records/kinds.py`` declares its prefix: hidden risks, key persons, meetings and
publicity sessions are numbered per unit (``YH<year>-<unit>-NNN``, ``ZD…``, ``HY…``, ``XC…``),
assigned cases, accountability, inspections and commendations per year (``JB<year>-NNN``,
``ZZ…``, ``DC…``, ``BZ…``); the next number is drawn as for cases (``newcase.used_ids``: the files present
and every name the kind's folder ever held in git), and the file is created with mode ``x``.
A unit's submissions live in one file named after the unit, made once and never replaced.

The templates (``templates/new-<kind>.yml.j2``) write every key the schema requires. Their
comments quote the schema's Chinese titles and descriptions (``note``), and their placeholders
(``''``, an empty number, an empty list) fail the schema with located findings until filled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import XinfangError, cannot_write
from ..records.campaign import Campaign
from ..records.kinds import KINDS as RECORD_KINDS
from ..records.kinds import Kind
from ..records.schema import Schema
from ..records.schema_refs import resolved
from .newcase import UsedIds, environment, unit_choice, used_ids, write_next

CASE = "case"
WRAP = 100  # columns of a comment line
COMMENT = re.compile(r"^((?: *# +)+)(.*)$")
BREAK = re.compile(r".+?(?:[，；。：、）]+|$)")  # the pieces a long comment is folded between


def id_pattern(kind: Kind) -> re.Pattern[str]:
    """The ids ``xinfang new`` gives a numbered kind."""
    unit = "[A-Z][A-Z0-9]{1,9}-" if kind.by_unit else ""
    return re.compile(rf"^{kind.prefix}[0-9]{{4}}-{unit}[0-9]{{3,5}}$")


#: Every kind of ``records/kinds.py`` (a template ``templates/new-<name>.yml.j2`` each).
NEW_KINDS = {kind.name: kind for kind in RECORD_KINDS}
KIND_CHOICES = "；".join(
    ["case 案件（默认）", *(f"{k.name} {k.title}" for k in NEW_KINDS.values())]
)


def kind_choice(text: str | None) -> str:
    """The kind given by its code (any case) or Chinese name; ``case`` when none is given."""
    if text is None:
        return CASE
    given = text.strip()
    if given.lower() == CASE or given == "案件":
        return CASE
    for kind in NEW_KINDS.values():
        if given.lower() == kind.name or given in kind.aliases:
            return kind.name
    raise XinfangError(
        f"没有“{given}”这种记录：请用 --kind 从以下种类中选择：{KIND_CHOICES}。"
        f"例如 xinfang new --kind risk --unit T01。"
    )


def record_unit(campaign: Campaign, kind_name: str, unit: str | None) -> str | None:
    """The unit of a new record of a kind: required for a unit's kinds, refused for the rest."""
    kind = NEW_KINDS[kind_name]
    if kind.by_unit:
        command = f"xinfang new --kind {kind.name}"
        return unit_choice(campaign, unit, kind.unit_role, command)
    if unit is not None:
        raise XinfangError(
            f"{kind.title}按年份统一编号，不分单位：请去掉 --unit，"
            f"运行 xinfang new --kind {kind.name}，再在文件中填写涉及的单位。"
        )
    return None


# --- the schema's words, for the templates' comments ----------------------------------------------


def schema_note(document: dict[str, Any], dotted: str) -> str:
    """“标题（必填）：说明” of the key at ``dotted`` (list items share their list's path)."""
    node, required = document, True
    for key in dotted.split("."):
        node = resolved(document, node)
        if "properties" not in node and isinstance(node.get("items"), dict):
            node = resolved(document, node["items"])
        required = key in node.get("required", ())
        node = node["properties"][key]
    node = resolved(document, node)
    need = "必填" if required else "可选"
    return f"{node.get('title', dotted)}（{need}）：{node.get('description', '')}"


def _columns(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrapped(text: str) -> str:
    """The text with every comment line wider than ``WRAP`` columns (the schema's words) folded
    after a Chinese punctuation mark, each part behind the line's own comment marks (``#   # ``
    in a commented-out block)."""
    out = []
    for line in text.split("\n"):
        match = COMMENT.match(line)
        if not match or _columns(line) <= WRAP or "$schema=" in line:
            out.append(line)
            continue
        prefix, room, current = match[1], WRAP - _columns(match[1]), ""
        for piece in BREAK.findall(match[2]):
            if current and _columns(current + piece) > room:
                out.append(prefix + current.rstrip())
                current = piece.lstrip()
            else:
                current += piece
        out.append(prefix + current.rstrip())
    return "\n".join(out)


def _renderer(
    kind: Kind, unit: str | None, day: date, campaign: Campaign, schema: Schema
) -> Callable[[str], str]:
    """The text of a new record of ``kind`` given its id."""
    template = environment().get_template(f"new-{kind.name}.yml.j2")
    unit_leaders = campaign.units[unit].leaders if unit else ()

    def choices(dotted: str) -> list[tuple[str, str]]:
        return list(schema.labels[tuple(dotted.split("."))].items())

    def render(record_id: str) -> str:
        return _wrapped(
            template.render(
                id=record_id,
                kind=kind.name,
                kind_title=kind.title,
                numbered=bool(kind.prefix),
                kind_note=f"{schema.document['title']}：{schema.document['description']}",
                unit=unit or "",
                unit_name=campaign.unit_name(unit) if unit else "",
                unit_role=kind.unit_role,
                units={u.code: u.name for u in campaign.units.values()},
                county_leaders="、".join(campaign.leaders),
                leaders="、".join(dict.fromkeys([*campaign.leaders, *unit_leaders])),
                today=day.isoformat(),
                note=lambda dotted: schema_note(schema.document, dotted),
                choices=choices,
                choice_line=lambda dotted: "；".join(
                    f"{c} {label}" for c, label in choices(dotted)
                ),
            )
        )

    return render


def _write_once(path: Path, text: str, kind: Kind, unit: str, campaign: Campaign) -> Path:
    """Create a unit's single file of ``kind`` with mode ``x``; refuse if it exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as err:
        raise XinfangError(
            f"{campaign.unit_name(unit)}（{unit}）的{kind.title}文件 "
            f"{kind.folder}/{path.name} 已经存在：每个单位只有一个文件，"
            f"请直接打开它补充或追加内容，不要新建。"
        ) from err
    except OSError as err:
        raise cannot_write(path, err, "请检查目录权限。") from err
    return path


def create_record(
    root: Path,
    campaign: Campaign,
    schema: Schema,
    kind_name: str,
    unit: str | None,
    day: date,
) -> tuple[Path, UsedIds | None]:
    """Write a new record of ``kind_name`` (``unit`` already resolved by ``record_unit``): its
    path, and the ids consulted (None for a file named after its unit)."""
    kind = NEW_KINDS[kind_name]
    folder = root / kind.folder
    render = _renderer(kind, unit, day, campaign, schema)
    if not kind.prefix:
        if unit is None:  # record_unit always gives a unit's kind one
            raise XinfangError(f"请用 --unit 指定{kind.unit_role}（代码或名称）。")
        return _write_once(folder / f"{unit}.yml", render(unit), kind, unit, campaign), None
    ids = used_ids(root, kind.folder, id_pattern(kind))
    middle = f"{unit}-" if kind.by_unit else ""
    prefix = f"{kind.prefix}{campaign.year}-{middle}"
    return write_next(folder, lambda: ids.next_after(prefix), render), ids
