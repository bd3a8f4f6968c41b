"""The bundled campaign's records as the steps of their history: each record file's versions, the
day and unit of each, and what happened in words.

A record begins on its own day (``demo_story.created_on``), with what it held then; each dated
part is added on its day by the unit that writes it (``replay``); the status follows
(``demo_story.status_on``). The last version of every file is the file itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import demo_story as story
from .replay import Layout, Path_, layout, version

EVIDENCE = re.compile(r"evidence/[^\s'\"\],]+")
AUDIT_FROM = re.compile(r"(?:^[ \t]*#[^\n]*\n)*^[ \t]*audit_from:[^\n]*\n", re.MULTILINE)


@dataclass(frozen=True)
class Step:
    """One record file's new version, written on ``day`` by the staff of ``unit``."""

    day: date
    unit: str
    rel: str
    text: str
    phrase: str  # what happened, in words
    registered: str  # the kind of record registered by this step (案件, 苗头隐患…), else ""
    name: str  # the record's id


@dataclass
class _Gate:
    path: Path_
    day: date
    unit: str


@dataclass
class Record:
    folder: str
    rel: str
    text: str
    office: str
    layout: Layout = field(init=False)

    def __post_init__(self) -> None:
        self.layout = layout(self.text)

    @property
    def data(self) -> dict[str, Any]:
        return self.layout.data

    @property
    def name(self) -> str:
        return str(self.data.get("id") or self.data.get("unit") or self.rel)


def without_audit_start(text: str) -> str:
    """The bundled campaign file for a history of its own: its records were not typed in later,
    so the audit starts with the first commit (the policy and its comment go)."""
    return AUDIT_FROM.sub("", text, count=1)


def _gates(record: Record, cases: Mapping[str, date], start: date) -> tuple[date, list[_Gate]]:
    folder, data, lay = record.folder, record.data, record.layout
    late = story.LATE_CLOSURES.get(record.rel, 0)
    parts = []
    for span, day in lay.parts:
        if span.path[0] == "closure":
            day += timedelta(days=late)
        parts.append((span.path, day))
    first = min((d for _, d in parts), default=start)
    # The repository begins with the campaign: what came before is entered on its first day.
    created = max(story.created_on(folder, data, first) or start, start)
    days: dict[str, list[date]] = {}
    for path, day in parts:
        days.setdefault(str(path[0]), []).append(max(day, created))
    for key in days:
        days[key].sort()
    unit = story.owner(folder, data, (), record.office)
    gates = [
        _Gate(path, max(day, created), story.owner(folder, data, path, record.office))
        for path, day in parts
    ]
    deps = story.dependent_days(folder, data, days, created, cases)
    gates += [_Gate((key,), day, unit) for key, day in deps.items()]
    for span in lay.items.get(("evidence",), []):
        named = str(data["evidence"][int(span.path[1])])
        gates.append(_Gate(span.path, _evidence_day(record, named, days, created), unit))
    return created, gates


def _evidence_day(record: Record, path: str, days: Mapping[str, list[date]], created: date) -> date:
    named = path.rsplit("/", 1)[-1].split(".")[0]
    key = story.EVIDENCE_WITH.get(named)
    if key and days.get(key):
        return days[key][0]
    lines = record.layout.lines
    mentioned = [
        max(day, created)
        for span, day in record.layout.parts
        if any(path in line for line in lines[span.first : span.end])
    ]
    return min(mentioned, default=created)


def _phrase(record: Record, new: list[_Gate], created: bool, campaign: Mapping[str, Any]) -> str:
    folder = record.folder
    if folder == "campaign":
        names = {m["id"]: m.get("short") or m["name"] for m in campaign.get("milestones", [])}
        items = [_item(record.data, g.path) for g in new if g.path[0] == "units"]
        shown = "、".join(names.get(str(i.get("milestone")), "材料") for i in items)
        return f"登记上报日期（{shown}）"
    words = story.SUBMISSION_PART_WORDS if folder == "submissions" else {}
    parts = list(dict.fromkeys(words.get(str(g.path[0]), story.PART_WORDS.get(str(g.path[0]), ""))
                               for g in new if len(g.path) <= 2 and g.path[0] != "evidence"))  # fmt: skip
    parts = [p for p in parts if p]
    if record.rel in story.LATE_CLOSURES and "结案" in parts:
        parts[parts.index("结案")] = "补录结案"
    if folder == "submissions":
        return (
            f"上报{'、'.join(parts)}"
            if created or "验收" not in parts
            else f"{record.name} 上报材料验收"
        )
    if created:
        return f"登记{story.KIND_WORDS[folder]} {record.name}"
    return f"{record.name} {'、'.join(parts) or '补充材料'}"


def _item(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def steps(
    record: Record,
    cases: Mapping[str, date],
    start: date,
    campaign: Mapping[str, Any],
    rank: Mapping[str, int],
) -> list[Step]:
    """The versions of one record file, from its first day to the file itself."""
    created, gates = _gates(record, cases, start)
    unit = story.owner(record.folder, record.data, (), record.office)
    moments = sorted({(created, rank[unit], unit)} | {(g.day, rank[g.unit], g.unit) for g in gates})
    days = _days(gates)
    out: list[Step] = []
    previous = ""
    for day, order, who in moments:
        later = [g for g in gates if (g.day, rank[g.unit]) > (day, order)]
        new = [g for g in gates if (g.day, rank[g.unit]) == (day, order)]
        cut = {g.path for g in later}
        status = story.status_on(record.folder, record.data, day, days, cases)
        replace = {"status": status} if status and status != record.data.get("status") else {}
        text = version(record.layout, cut, replace)
        for (rel, on), (now, before) in story.EARLIER_TEXT.items():
            if rel == record.rel and day < on and on in days.get("corrections", []):
                text = text.replace(now, before)
        if text == previous:
            continue
        first = not previous
        previous = text
        kind = story.KIND_WORDS.get(record.folder, "") if first else ""
        kind = "" if record.folder == "submissions" else kind
        phrase = _phrase(record, new, first, campaign)
        out.append(Step(day, who, record.rel, text, phrase, kind, record.name))
    return out


def _days(gates: list[_Gate]) -> dict[str, list[date]]:
    days: dict[str, list[date]] = {}
    for g in gates:
        if len(g.path) <= 2:
            days.setdefault(str(g.path[0]), []).append(g.day)
    return {k: sorted(v) for k, v in days.items()}


def evidence_named(text: str) -> list[str]:
    return EVIDENCE.findall(text)
