"""What the campaign schema cannot say about ``campaign.yml``: its windows and periods hold
together, nothing is listed twice, and what it names exists.

- every phase, the target window (``kpi_window``) and every sensitive period start no later than
  they end (a one-day phase starts and ends on the same day);
- the phases follow one another in the order written, without overlap and without a gap. Two
  neighbours may share their boundary day, because the plan writes them so (排查建档 4月14日至
  4月20日, 化解整治 4月20日至7月15日): the shared day belongs to the earlier phase
  (``campaign/phases.py``), so a phase needs at least one day of its own;
- no phase, milestone or sensitive period, county leader, leading-group member, unit code or
  unit name is listed twice, nor a leader or a milestone's submission twice within a unit;
- the office, the leading group's units and the units' submissions name units and milestones
  the file defines.

Each problem is an error on its line (``load_campaign`` stops with them all): a configuration that
silently kept the last of two units, or a phase that ends before it starts, would give wrong
figures everywhere without a word.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from ..findings import Finding
from .yaml_nodes import line_of

FILE = "campaign.yml"
KeyPath = tuple[str | int, ...]


def campaign_problems(data: dict[str, Any]) -> list[Finding]:
    """Every problem of schema-valid campaign data, each on its line."""
    found = [
        Finding(FILE, line_of(data, path), "campaign-config", "error", message)
        for path, message in _problems(data)
    ]
    return sorted(found, key=lambda f: f.line)


def _problems(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    phases = data["phases"]
    for i, phase in enumerate(phases):
        yield from _backwards(phase, ("phases", i), f"阶段 {phase['name']}（{phase['id']}）")
    yield from _sequence(phases)
    window = data.get("kpi_window")
    if window:
        yield from _backwards(window, ("kpi_window",), "控制目标统计区间 kpi_window")
    periods = data.get("sensitive_periods", [])
    for i, period in enumerate(periods):
        yield from _backwards(period, ("sensitive_periods", i), f"敏感时期 {period['name']}")
    yield from _twice(periods, "sensitive_periods", "name", "敏感时期")
    yield from _twice(phases, "phases", "id", "阶段代码")
    yield from _twice(data["milestones"], "milestones", "id", "上报节点代码")
    yield from _twice(data.get("leaders", []), "leaders", "name", "县级领导")
    yield from _twice(data.get("leading_group", []), "leading_group", "name", "领导小组成员")
    units = data["units"]
    yield from _twice(units, "units", "code", "单位代码")
    yield from _twice(units, "units", "name", "单位名称")
    yield from _references(data)


def _backwards(period: dict[str, Any], path: KeyPath, what: str) -> Iterator[tuple[KeyPath, str]]:
    if period["start"] > period["end"]:
        yield (
            (*path, "end"),
            f"{what}的结束日期 {period['end']} 早于开始日期 {period['start']}：请核对日期，"
            f"开始日期不能晚于结束日期（只有一天的写同一个日期）。",
        )


def _sequence(phases: list[dict[str, Any]]) -> Iterator[tuple[KeyPath, str]]:
    """Each phase after the one written before it: overlapping at most on the boundary day,
    with no day between them, and with a day of its own."""
    for i in range(1, len(phases)):
        before, phase = phases[i - 1], phases[i]
        if before["start"] > before["end"] or phase["start"] > phase["end"]:
            continue  # said already: the phase ends before it starts
        where = ("phases", i, "start")
        names = (
            f"阶段 {before['name']}（至 {before['end']}）和 {phase['name']}（自 {phase['start']}）"
        )
        if phase["start"] < before["end"]:
            yield (
                where,
                f"{names}重叠或次序颠倒：阶段按时间先后书写，后一阶段最早从前一阶段的最后一天开始"
                f"（实施方案的阶段共用交界的一天）。请核对日期或调整次序。",
            )
        elif _day_after(before["end"]) < phase["start"]:
            yield (
                where,
                f"{names}之间空出了日子，这几天不属于任何阶段，统计会当作活动之外：请让后一阶段"
                f"从前一阶段结束的当天或次日开始。",
            )
        elif phase["start"] == before["end"] and phase["end"] == phase["start"]:
            yield (
                ("phases", i, "end"),
                f"阶段 {phase['name']} 只有与前一阶段共用的一天 {phase['start']}，这一天算前一阶段，"
                f"它就没有自己的日子：请核对结束日期。",
            )


def _day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _twice(
    items: Sequence[dict[str, Any]], key: str, field: str, what: str, path: KeyPath = ()
) -> Iterator[tuple[KeyPath, str]]:
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = item.get(field)
        if value is None:
            continue
        if value in seen:
            yield (
                (*path, key, i, field),
                f"{what} {value} 在 {key} 中写了两次（第 {seen[value] + 1} 项和第 {i + 1} 项）："
                f"后一项会被忽略或覆盖前一项，请合并成一项或改正。",
            )
        else:
            seen[value] = i


def _references(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    units = data["units"]
    codes = {unit["code"] for unit in units}
    listed = "、".join(sorted(codes))
    if data["office"] not in codes:
        yield (
            ("office",),
            f"领导小组办公室 office 写的单位代码 {data['office']} 不在 units 中：请改用已定义的代码"
            f"（{listed}），或先在 units 中添加该单位。",
        )
    for i, member in enumerate(data.get("leading_group", [])):
        if member.get("unit") and member["unit"] not in codes:
            yield (
                ("leading_group", i, "unit"),
                f"领导小组成员 {member['name']} 的单位代码 {member['unit']} 不在 units 中："
                f"请改用已定义的代码（{listed}）。",
            )
    milestones = {m["id"] for m in data["milestones"]}
    for u, unit in enumerate(units):
        here = ("units", u)
        yield from _twice(unit.get("leaders", []), "leaders", "name", f"{unit['name']}的领导", here)
        submissions = unit.get("submissions", [])
        yield from _twice(
            submissions, "submissions", "milestone", f"{unit['name']}上报的节点", here
        )
        for s, submission in enumerate(submissions):
            if submission["milestone"] not in milestones:
                yield (
                    (*here, "submissions", s, "milestone"),
                    f"{unit['name']}上报的节点 {submission['milestone']} 不在 milestones 中：请改用"
                    f"已定义的节点（{'、'.join(m['id'] for m in data['milestones'])}），否则这次上报"
                    f"不计入任何统计。",
                )
