"""Recount the figures of `xinfang status` from the YAML files alone, by the plan's definitions.

This script shares no code with the package: it reads ``campaign.yml`` and ``cases/*.yml`` with
PyYAML and counts as a clerk would with the plan and the 2005 regulation at hand. It is the
independent check of the status figures (``tests/test_status.py`` compares the two)::

    python tests/hand_count.py --as-of 2008-07-20 [--root .]

The definitions, written out once more here on purpose:

- a case counts from its registration day; on the as-of day it is closed once its closure report
  is complete (the closure date, or the follow-up if that came later), else in progress once it
  was re-heard or had progress, else registered;
- its deadline is the registered 办结时限 (every bundled case has one), moved by the extensions
  approved by the as-of day: a new date if later, or days added and rolled to a working day;
- 息诉罢访 counts when declared, closed, agreed at the follow-up (a 涉法涉诉 case may have none)
  and no petition came after the closure date up to the as-of day;
- an incident is a visit (走访) inside the target window (``kpi_window``) up to the as-of day:
  越级 above the level the campaign allows, 集体 at the campaign's head count, 非正常进京访 when
  flagged in Beijing.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import yaml

LEVELS = ["county", "city", "province", "beijing"]


def day(text: str) -> date:
    return date.fromisoformat(text)


def working_day(d: date) -> date:
    while not chinese_calendar.is_workday(d):
        d += timedelta(days=1)
    return d


def one_case(
    case: dict, campaign: dict, as_of: date, window: tuple[date, date] | None = None
) -> dict[str, Any] | None:
    """One case on the as-of day: its state, deadline figures, 息诉罢访 and its visits counted in
    ``window`` (the target window when not given); None before it was registered."""
    policies = campaign.get("policies", {})
    soon_days = policies.get("due_soon_days", 7)
    threshold = policies.get("collective_threshold", 5)
    allowed = LEVELS.index(policies.get("cross_level_above", "city"))
    start, end = window or target_window(campaign)
    if day(case["registered"]) > as_of:
        return None
    closure = case.get("closure") or {}
    follow_up = closure.get("follow_up") or {}
    complete = None
    if case["status"] == "closed" and closure.get("date"):
        complete = max(day(closure["date"]), day(follow_up.get("date", closure["date"])))
    if complete and complete <= as_of:
        state = "closed"
    elif case["status"] == "registered":
        state = "registered"
    else:
        began = [case.get("rehearing", {}).get("date")] + [
            p["date"] for p in case.get("progress", [])
        ]
        state = "in_progress" if any(d and day(d) <= as_of for d in began) else "registered"

    deadline = day(case["responsibility"]["deadline"])
    for ext in case.get("extensions", []):
        if day(ext["approved_on"]) > as_of:
            continue
        if "new_deadline" in ext:
            deadline = max(deadline, day(ext["new_deadline"]))
        else:
            deadline = working_day(deadline + timedelta(days=ext["days"]))
    left = (deadline - as_of).days
    events = case.get("events", [])
    settled = False
    if case.get("settled") and state == "closed":
        opinion = follow_up.get("opinion")
        agreed = opinion == "agree" or (opinion is None and case["category"] == "litigation")
        quiet = not any(day(closure["date"]) < day(e["date"]) <= as_of for e in events)
        settled = agreed and quiet
    visits = []
    for e in events:
        when = day(e["date"])
        if e["form"] != "visit" or not (start <= when <= end) or when > as_of:
            continue
        cross = LEVELS.index(e["level"]) > allowed
        group = e["head_count"] >= threshold
        abnormal = bool(e.get("abnormal")) and e["level"] == "beijing"
        if cross or group or abnormal:
            visits.append({"date": when, "cross": cross, "group": group, "abnormal": abnormal})
    return {
        "state": state,
        "left": left,
        "closed_late": state == "closed" and complete is not None and complete > deadline,
        "overdue": state != "closed" and left < 0,
        "due_soon": state != "closed" and 0 <= left <= soon_days,
        "settled": settled,
        "visits": visits,
    }


def target_window(campaign: dict) -> tuple[date, date]:
    phases = campaign["phases"]
    window = campaign.get("kpi_window") or {
        "start": min(p["start"] for p in phases),
        "end": max(p["end"] for p in phases),
    }
    return day(window["start"]), day(window["end"])


def count(root: Path, as_of: date) -> dict[str, object]:
    campaign = yaml.safe_load((root / "campaign.yml").read_text(encoding="utf-8"))
    figures = dict.fromkeys(
        ["cases", "registered", "in_progress", "closed", "settled", "overdue", "due_soon",
         "closed_late", "cross_level_collective", "abnormal_beijing", "cross_level", "collective"],
        0,
    )  # fmt: skip
    overdue = []
    for path in sorted((root / "cases").glob("*.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        one = one_case(case, campaign, as_of)
        if one is None:
            continue
        figures["cases"] += 1
        figures[str(one["state"])] += 1
        for key in ("closed_late", "overdue", "due_soon", "settled"):
            figures[key] += bool(one[key])
        if one["overdue"]:
            overdue.append((one["left"], not case.get("priority", False), case["id"]))
        for v in one["visits"]:
            figures["cross_level"] += v["cross"]
            figures["collective"] += v["group"]
            figures["cross_level_collective"] += v["cross"] and v["group"]
            figures["abnormal_beijing"] += v["abnormal"]
    figures["overdue_ids"] = [case_id for *_, case_id in sorted(overdue)]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="从 YAML 直接重算 xinfang status 的数字。")
    parser.add_argument("--as-of", required=True, type=date.fromisoformat, help="统计日期")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    print(json.dumps(count(args.root, args.as_of), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
