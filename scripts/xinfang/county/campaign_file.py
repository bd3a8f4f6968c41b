"""A new campaign's ``campaign.yml``, written with a Chinese comment on every key.

The comments on keys are the campaign schema's own titles and descriptions (the words the editor
shows), so they never disagree with it; the keys of list items (units, phases, milestones) are
explained once, above their list. Policies and key-person settings are the plan's (the bundled
campaign's) unless carried from the last campaign.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .plan import Schedule
from .program_files import shared_files
from .units import KIND_ZH, Leader, UnitSpec

CAMPAIGN_NAME = "“查隐患、清积案、净环境”信访问题专项治理活动"
PLAN_DOCUMENT = "关于在全县开展信访问题专项治理活动的实施方案"

#: The plan's policies (the bundled campaign's, without its audit start).
PLAN_POLICIES: dict[str, Any] = {
    "first_day_counts": False,
    "roll_forward": True,
    "day_kind": "calendar",
    "default_deadline_days": {"prominent": 60, "hotspot": 60},
    "extension_cap_days": 30,
    "due_soon_days": 7,
    "collective_threshold": 5,
    "backdating_days": 7,
    "settlement_observation_days": 30,
    "statutory_clocks": ["acceptance", "handling"],
}
PLAN_KEY_PERSONS = {"contact_interval_days": 30}


@dataclass(frozen=True)
class CampaignSpec:
    """What a new campaign file says: plain data, from a units list, a ledger or the last campaign."""

    county: str
    schedule: Schedule
    units: Sequence[UnitSpec]
    office: str  # the code of the unit that hosts the leading group's office
    leaders: Sequence[Leader] = ()  # county-level leaders who take cases (包案)
    leading_group: Sequence[Mapping[str, str]] = ()
    policies: Mapping[str, Any] = field(default_factory=lambda: dict(PLAN_POLICIES))
    key_persons: Mapping[str, Any] = field(default_factory=lambda: dict(PLAN_KEY_PERSONS))
    sensitive_periods: Sequence[Mapping[str, str]] = ()
    carried_from: str = ""  # the last campaign's repository, when continued from it
    county_code: str = ""  # the administrative division code the city knows the county by


_PLAIN = re.compile(r"^[\w\u3000-\u303f\u4e00-\u9fff\uff00-\uffef·“”《》〔〕—-]+$")
_RESERVED = re.compile(
    r"^(y|n|yes|no|true|false|on|off|null|~|[-+.0-9][-+.0-9_:eE]*)$", re.IGNORECASE
)


def scalar(value: Any) -> str:
    """A value as a YAML scalar: plain where that reads the same, quoted where it would not."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return f"'{value.isoformat()}'"
    text = str(value)
    if _PLAIN.match(text) and not _RESERVED.match(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(item: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in item.items()) + "}"


def _schema() -> dict[str, Any]:
    return json.loads(shared_files()["schema/campaign.schema.json"])


def _note(prop: Mapping[str, Any], indent: str = "") -> str:
    """The schema's title and description of a key, as a comment line."""
    title, description = prop.get("title", ""), prop.get("description", "")
    return f"{indent}# {title}：{description}\n" if description else f"{indent}# {title}\n"


def _mapping(
    key: str, values: Mapping[str, Any], props: Mapping[str, Any], top: Mapping[str, Any]
) -> str:
    out = [_note(top), f"{key}:\n"]
    for name, value in values.items():
        prop = props.get(name, {})
        out.append(_note(prop, "  "))
        if isinstance(value, Mapping):
            inner = prop.get("properties", {})
            out.append(f"  {name}:\n")
            for sub, v in value.items():
                title = inner.get(sub, {}).get("title", "")
                out.append(f"    {sub}: {scalar(v)}" + (f"   # {title}\n" if title else "\n"))
        elif isinstance(value, list):
            out.append(f"  {name}: [{', '.join(scalar(v) for v in value)}]\n")
        else:
            out.append(f"  {name}: {scalar(value)}\n")
    return "".join(out)


def _units(spec: CampaignSpec, top: Mapping[str, Any]) -> str:
    out = [
        _note(top),
        "# 每个单位：code 单位代码（案件编号中用它，如 XF2009-T01-001，定了就不要再改）、name 单位名称、\n"
        "# kind 类型（township 乡镇、department 部门）、reviewers 在代码托管平台上审核本单位记录的账号\n"
        "# （改后运行 xinfang codeowners --write）、leaders 本单位主要领导和分管领导（可以以后再填）。\n",
        "units:\n",
    ]
    for unit in spec.units:
        how = "，按名称判断，请核对" if unit.guessed else ""
        out.append(f"  - code: {unit.code}\n")
        out.append(f"    name: {scalar(unit.name)}\n")
        out.append(f"    kind: {unit.kind}   # {KIND_ZH[unit.kind]}{how}\n")
        if unit.leaders:
            out.append("    leaders:\n")
            out += [f"      - {_flow({'name': lr.name, 'post': lr.post})}\n" for lr in unit.leaders]
        if unit.reviewers:
            out.append(f"    reviewers: [{', '.join(scalar(r) for r in unit.reviewers)}]\n")
    return "".join(out)


def _schedule(spec: CampaignSpec, props: Mapping[str, Any]) -> str:
    s = spec.schedule
    out = [
        _note(props["phases"]),
        "# 每个阶段：id 阶段代码、name 名称、start 开始日期、end 结束日期。\n",
    ]
    out.append("phases:\n")
    for p in s.phases:
        out.append(f"  - id: {p.id}\n    name: {p.name}\n")
        out.append(f"    start: {scalar(p.start)}\n    end: {scalar(p.end)}\n")
    out += [
        _note(props["milestones"]),
        "# 每个节点：id 节点代码、name 名称、short 表格中的简称、due 截止日期、plan 实施方案的原话。\n",
        "milestones:\n",
    ]
    for m in s.milestones:
        out.append(f"  - id: {m.id}\n    name: {m.name}\n    short: {m.short}\n")
        out.append(f"    due: {scalar(m.due)}\n    plan: {scalar(m.plan)}\n")
    out += [
        _note(props["kpi_window"]),
        f"kpi_window: {{start: {scalar(s.start)}, end: {scalar(s.end)}}}\n",
        _note(props["sensitive_periods"]),
        "# 例如：- {name: 全国两会, start: '2009-03-03', end: '2009-03-14'}\n",
    ]
    if spec.sensitive_periods:
        out.append("sensitive_periods:\n")
        out += [f"  - {_flow(p)}\n" for p in spec.sensitive_periods]
    else:
        out.append("sensitive_periods: []\n")
    return "".join(out)


def _people(spec: CampaignSpec, props: Mapping[str, Any]) -> str:
    out = [
        _note(props["leading_group"]),
        "# 实施方案“三、组织领导”：组长（role: leader）、常务副组长（deputy）、成员（member，写 unit 单位代码）。\n"
        "# 请填写，例如：- {name: 张某某, post: 县委常委、常务副县长, role: leader}\n",
    ]
    if spec.leading_group:
        out.append("leading_group:\n")
        out += [f"  - {_flow(m)}\n" for m in spec.leading_group]
    else:
        out.append("leading_group: []\n")
    out += [
        _note(props["leaders"]),
        "# 请填写包案的县级领导，例如：- {name: 李某某, post: 副县长}\n",
    ]
    if spec.leaders:
        out.append("leaders:\n")
        out += [f"  - {_flow({'name': lr.name, 'post': lr.post})}\n" for lr in spec.leaders]
    else:
        out.append("leaders: []\n")
    return "".join(out)


def campaign_text(spec: CampaignSpec) -> str:
    """The new campaign's ``campaign.yml``."""
    props = _schema()["properties"]
    office = next(u for u in spec.units if u.code == spec.office)
    year = spec.schedule.start.year
    head = [
        "# yaml-language-server: $schema=schema/campaign.schema.json\n",
        f"# {spec.county} {year} 年信访问题专项治理活动的配置：阶段、上报节点、领导小组、包案领导、成员单位、政策设置。\n",
        "# 由 xinfang init 按实施方案建立；每一项上面的注释说明它的意思，改后运行 xinfang check。\n",
    ]
    if spec.carried_from:
        head.append(f"# 成员单位、领导、审核人和政策设置沿用上一次活动（{spec.carried_from}）。\n")
    simple: list[tuple[str, object]] = [("name", CAMPAIGN_NAME), ("county", spec.county)]
    if spec.county_code:
        simple.append(("county_code", spec.county_code))
    simple.append(("year", year))
    simple += [("document", PLAN_DOCUMENT)]
    body = [_note(props[k]) + f"{k}: {scalar(v)}\n" for k, v in simple]
    # The screening's basis documents: the county names its own; an example, commented out.
    body.append(
        _note(props["screening_basis"]) + "# screening_basis:\n#   - {number: 博办字20238号}\n"
    )
    body.append(_note(props["office"]) + f"office: {spec.office}   # {office.name}\n")
    parts = [
        "".join(head),
        "".join(body),
        _schedule(spec, props),
        _people(spec, props),
        _units(spec, props["units"]),
        _mapping("policies", spec.policies, props["policies"]["properties"], props["policies"]),
        _mapping("key_persons", spec.key_persons, props["key_persons"]["properties"], props["key_persons"]),
    ]  # fmt: skip
    return "".join(parts)
