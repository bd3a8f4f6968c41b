"""What the demo's history knows of each kind of record, and the little the records cannot tell.

Each record begins on its own day (a case on its registration, a risk when found, an assignment
when received, a unit's reports with its first report) and is written by its unit's staff: a
case by its handling unit, a risk by the responsible unit, a key person by their own township or
department, a unit's reports by the unit; what the leading-group office does (receiving and
dispatching assignments, supervision, acceptance, accountability) by the office. A status follows
the parts that change it: a case is in hand from its first work (re-hearing, progress,
extension), closed on its closure, in hand again on a reopening; a risk is resolved on its
resolution or becomes a case when that case is registered; a key person leaves on their removal.

The records cannot tell what a correction corrected: ``EARLIER_TEXT`` gives the words the file
held before it, and ``LATE_CLOSURES`` the one closure the demo commits later than its date, for
the audit to show how a backdated closure looks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..records.kinds import FOLDERS, KINDS

#: The key of a record's first day, by folder (a unit's reports begin with the first of them).
CREATED = {"cases": "registered"} | {k.folder: k.created for k in KINDS if k.created}
KIND_WORDS = {"cases": "案件"} | {k.folder: k.title for k in KINDS}
PART_WORDS = {
    "rehearing": "听取申诉", "progress": "办理进展", "events": "信访事件", "extensions": "延期",
    "closure": "结案", "corrections": "更正", "reopenings": "重新办理", "reviews": "复查",
    "resolved": "化解", "contacts": "走访帮扶", "removed": "退出包保", "dispatch": "转交承办单位",
    "report_backs": "报告办理情况", "supervisions": "督办", "working_group": "工作小组名单",
    "registration": "排查情况", "summary": "书面总结", "acceptance": "验收", "units": "上报材料",
    "case": "形成案件",
}  # fmt: skip
SUBMISSION_PART_WORDS = {"progress": "工作进展"}

#: Evidence files that come with a part of the case, by the file's name; others come with the
#: part whose text names them, else with the case's registration.
EVIDENCE_WITH = {"回访记录": "closure", "法律文书": "closure", "延期审批表": "extensions"}

#: Before the day of a correction the file held other words: (file, day) → (now, before).
EARLIER_TEXT: dict[tuple[str, date], tuple[str, str]] = {
    ("cases/XF2008-T03-002.yml", date(2008, 6, 3)): ("补偿 2400 元", "补偿 2000 元"),
}
#: A closure committed this many days after its date (the audit's backdating signal).
LATE_CLOSURES = {"cases/XF2008-D07-004.yml": 12}


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def owner(folder: str, data: Mapping[str, Any], part: tuple[str | int, ...], office: str) -> str:
    """The unit whose staff write ``part`` of a record (``()`` for its first version)."""
    key = part[0] if part else ""
    if folder == "cases":
        return str(data["responsibility"]["unit"])
    if folder == "risks":
        return str(data["responsibility"]["unit"])
    if folder == "persons":
        return str(data["locality"])
    if folder == "submissions":
        return office if key == "acceptance" else str(data["unit"])
    if folder == "assignments" and key == "report_backs":
        return str(data.get("dispatch", {}).get("unit", office))
    kind = FOLDERS.get(folder)
    if kind is not None and kind.by_unit and isinstance(data.get("unit"), str):
        return data["unit"]  # a unit's meetings and publicity sessions
    if folder == "campaign" and key == "units" and len(part) > 1:
        return str(data["units"][int(part[1])]["code"])
    return office


def status_on(
    folder: str,
    data: Mapping[str, Any],
    day: date,
    parts: Mapping[str, list[date]],
    cases: Mapping[str, date],
) -> str | None:
    """The record's status on ``day``, from the days of its parts (by key, sorted); None when
    it has no status."""
    final = data.get("status")
    if final is None:
        return None
    if folder == "cases":
        if final == "registered":
            return str(final)
        work = [d for k in ("rehearing", "progress", "extensions") for d in parts.get(k, [])[:1]]
        state = "in_progress" if work and min(work) <= day else "registered"
        closed = parts.get("closure", [])
        if closed and closed[0] <= day:
            state = "closed"
            if any(closed[0] <= d <= day for d in parts.get("reopenings", [])):
                state = "in_progress"
        return state
    if folder == "risks":
        resolved = parts.get("resolved", [None])[0] or cases.get(str(data.get("case")))
        return str(final) if final == "open" or (resolved and resolved <= day) else "open"
    if folder == "persons":
        removed = parts.get("removed", [None])[0]
        return str(final) if final == "active" or (removed and removed <= day) else "active"
    return str(final)


def dependent_days(
    folder: str,
    data: Mapping[str, Any],
    parts: Mapping[str, list[date]],
    created: date,
    cases: Mapping[str, date],
) -> dict[str, date]:
    """Keys without a date of their own, and the day each is written."""
    found: dict[str, date] = {}
    if folder == "cases":
        work = [d for k in ("rehearing", "progress") for d in parts.get(k, [])[:1]]
        if work:
            found = dict.fromkeys(("approach", "investigation", "root_cause"), min(work))
        if parts.get("progress"):
            found["next_steps"] = parts["progress"][-1]
        if parts.get("closure"):
            found["settled"] = parts["closure"][0]
    elif folder == "risks" and str(data.get("case")) in cases:
        found["case"] = cases[str(data["case"])]
    return {k: max(d, created) for k, d in found.items() if k in data}


def created_on(folder: str, data: Mapping[str, Any], first_part: date | None) -> date | None:
    key = CREATED.get(folder)
    return _day(data.get(key)) if key else first_part
