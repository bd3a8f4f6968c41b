"""`xinfang import --write-mapping FILE`: the names a ledger uses that the campaign does not know.

Instead of one error per row, the office gets two files to complete: the mapping file (FILE),
with every unknown unit, category and state name left empty to fill with a code (the units it
resembles named beside it), and the headings it could not read or that two fields fit equally,
with the likely fields; and a snippet for ``campaign.yml`` (FILE's name with ``.campaign.yml``)
listing the leaders to add with the post the ledger wrote, and the units it lacks with the kind
their ending suggests. Only a full name is proposed as a leader, never 孙县长. Neither file is
ever written over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...errors import XinfangError, cannot_write
from ...records.campaign import Campaign
from .import_result import printable
from .rows import RowReader
from .sheet import IGNORE, Header, Mapping
from .units import guess_kind

PARTS = ("units", "categories", "statuses")


@dataclass
class Unknowns:
    names: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {part: {} for part in PARTS}
    )
    leaders: dict[str, list[int]] = field(default_factory=dict)

    def collect(
        self, row: int, unknown: list[tuple[str, str]], record: dict[str, Any], campaign: Campaign
    ) -> None:
        for part, name in unknown:
            self.names[part].setdefault(name, []).append(row)
        lead = (record.get("responsibility") or {}).get("lead_official")
        if isinstance(lead, str) and lead not in campaign.lead_officials():
            self.leaders.setdefault(lead, []).append(row)


def _rows(rows: list[int]) -> str:
    shown = "、".join(str(r) for r in rows[:8])
    return f"第 {shown}{' 等' if len(rows) > 8 else ''} 行"


def _quote(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def mapping_text(
    unknowns: Unknowns, old: Mapping, campaign: Campaign, headers: list[Header], reader: RowReader
) -> str:
    codes = "；".join(f"{code} {unit.name}" for code, unit in campaign.units.items())
    out = [
        "# xinfang import 的对应文件：在冒号后填写代码，然后加 --mapping 本文件 重新导入。",
        "# 留空的名称不会对应；campaign.yml 中没有的单位，先按同目录的 .campaign.yml 片段添加。",
        "columns:",
    ]
    for heading, key in old.columns.items():
        out.append(f"  {_quote(heading)}: {key}")
    asked = {h: hint for header in headers for h, hint in header.asked.items()}
    for heading, hint in asked.items():
        out.append(f"  {_quote(heading)}: {IGNORE}  # 可能是 {hint}；不导入就保留 ignore")
    out.append(f"units:  # 可用的单位代码：{codes}")
    for name, code in old.units.items():
        out.append(f"  {_quote(name)}: {code}")
    for name, rows in unknowns.names["units"].items():
        near = reader.unit_names.match(name).candidates
        like = (
            f"；相近的有 {'、'.join(f'{c} {campaign.unit_name(c)}' for c in near)}" if near else ""
        )
        out.append(f"  {_quote(name)}: ''  # {_rows(rows)}{like}")
    out.append("categories:  # litigation 涉法涉诉；prominent 突出信访问题；hotspot 热点难点")
    for name, code in old.categories.items():
        out.append(f"  {_quote(name)}: {code}")
    for name, rows in unknowns.names["categories"].items():
        out.append(f"  {_quote(name)}: ''  # {_rows(rows)}；不属于实施方案问题类别的请在台账中改正")
    out.append("statuses:  # registered 已登记；in_progress 化解中；closed 已结案")
    for name, code in old.statuses.items():
        out.append(f"  {_quote(name)}: {code}")
    for name, rows in unknowns.names["statuses"].items():
        out.append(f"  {_quote(name)}: ''  # {_rows(rows)}")
    return "\n".join(out) + "\n"


def campaign_text(unknowns: Unknowns, posts: dict[str, str]) -> str:
    out = [
        "# 补进 campaign.yml 的片段：把下面的领导加到 leaders 中（核对职务）；",
        "# 对应文件中找不到代码的单位，照 units 的写法加到 campaign.yml 的 units 中（填写代码，核对类别）。",
        "leaders:",
    ]
    for name, rows in unknowns.leaders.items():
        out += [
            f"  - name: {_quote(name)}  # {_rows(rows)}",
            f"    post: {_quote(posts.get(name, ''))}",
        ]
    if not unknowns.leaders:
        out[-1] = "leaders: []  # 台账中的包案领导都已在 campaign.yml 中"
    out.append("units:")
    for name, rows in unknowns.names["units"].items():
        kind = guess_kind(name)
        out += [
            f"  - code: ''  # {_rows(rows)}；已有单位的别称请填在对应文件中，不要在此添加",
            f"    name: {_quote(name)}",
            f"    kind: {kind}  # 按名称的结尾猜测：乡镇写 township，部门写 department"
            if kind
            else "    kind: ''  # 乡镇写 township，部门写 department",
        ]
    if not unknowns.names["units"]:
        out[-1] = "units: []  # 台账中的单位都能对应"
    return "\n".join(out) + "\n"


def write_mapping(
    path: Path,
    unknowns: Unknowns,
    old: Mapping,
    campaign: Campaign,
    headers: list[Header],
    reader: RowReader,
) -> list[Path]:
    """Write the mapping file and the campaign snippet beside it; never over an existing file."""
    snippet = path.with_name(f"{path.stem}.campaign.yml")
    texts = [
        (path, mapping_text(unknowns, old, campaign, headers, reader)),
        (snippet, campaign_text(unknowns, reader.posts)),
    ]
    for target, text in texts:
        text = printable(text)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError as err:
            raise XinfangError(
                f"文件 {target} 已存在，不会覆盖：请给 --write-mapping 换一个文件名。"
            ) from err
        except OSError as err:
            raise cannot_write(target, err) from err
    return [path, snippet]
