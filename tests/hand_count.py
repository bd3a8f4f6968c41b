"""Recount the figures of `xinfang status` from the YAML files alone, by the plan's definitions.

This script shares no code with the package: it reads ``campaign.yml``, ``cases/*.yml`` and
``assignments/*.yml`` with PyYAML and counts as a clerk would with the plan and the 2005
regulation at hand. It is the independent check of the status figures (``tests/test_status.py``
compares the two)::

    python tests/hand_count.py --as-of 2008-07-20 [--root .]

The definitions, written out once more here on purpose:

- a case counts from its registration day; on the as-of day it is closed once its closure report
  is complete (the closure date, or the follow-up if that came later); 无法回访 (open, apart)
  from the follow-up that found no one; else in progress once it was re-heard or had progress,
  else registered;
- its deadline is the registered 办结时限 (every bundled case has one), moved by the extensions
  approved by the as-of day and before the deadline then in force had passed: a new date if
  later, or days added and rolled to a working day; when an assignment (``assignments/``) names
  the case, its report-back date binds too, and the earlier of the two is the deadline;
- 息诉罢访 counts when declared, closed, agreed at the follow-up (a 涉法涉诉 case may have none),
  no petition came after the closure date up to the as-of day, and the observation period
  (``settlement_observation_days`` after the closure was complete) is over; before that the case
  is 待观察;
- a case 无法回访 is neither overdue nor closed late: its handling ended at the follow-up;
- an incident is a visit (走访) inside the target window (``kpi_window``) up to the as-of day:
  越级 above the level the campaign allows (by default the city: 《信访条例》 Art. 16), 集体 at
  the campaign's head count, 非正常进京访 when flagged in Beijing; the same visit written twice
  (same date, form, level, place, head count and petitioners) is one incident;
- an incident is background, charged to no unit, when it came before the case was registered
  (or dispatched to its unit by an assignment record) or after its closure was complete;
- the closure rate is closed / cases, rounded half up to four places.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import chinese_calendar
import yaml

LEVELS = ["county", "city", "province", "beijing"]


def day(text: str) -> date:
    return date.fromisoformat(text)


def working_day(d: date) -> date:
    while not chinese_calendar.is_workday(d):
        d += timedelta(days=1)
    return d


def count(root: Path, as_of: date) -> dict[str, object]:
    campaign = yaml.safe_load((root / "campaign.yml").read_text(encoding="utf-8"))
    policies = campaign.get("policies", {})
    soon_days = policies.get("due_soon_days", 7)
    threshold = policies.get("collective_threshold", 5)
    observation = policies.get("settlement_observation_days", 30)
    allowed = LEVELS.index(policies.get("cross_level_above", "city"))
    phases = campaign["phases"]
    window = campaign.get("kpi_window") or {
        "start": min(p["start"] for p in phases),
        "end": max(p["end"] for p in phases),
    }
    start, end = day(window["start"]), day(window["end"])

    figures = dict.fromkeys(
        ["cases", "registered", "in_progress", "unreachable", "closed", "settled", "observing",
         "overdue", "due_soon", "closed_late", "cross_level_collective", "abnormal_beijing",
         "cross_level", "collective", "background"],
        0,
    )  # fmt: skip
    dispatched: dict[str, date] = {}
    for path in sorted((root / "assignments").glob("*.yml")):
        item = yaml.safe_load(path.read_text(encoding="utf-8"))
        if item.get("case") and item.get("dispatch"):
            day_ = day(item["dispatch"]["date"])
            dispatched[item["case"]] = min(dispatched.get(item["case"], day_), day_)
    seen: set[tuple[object, ...]] = set()
    overdue = []
    report_due: dict[str, date] = {}
    for path in sorted((root / "assignments").glob("*.yml")):
        item = yaml.safe_load(path.read_text(encoding="utf-8"))
        if item.get("case") and item.get("report_due"):
            due = day(item["report_due"])
            report_due[item["case"]] = min(due, report_due.get(item["case"], due))
    for path in sorted((root / "cases").glob("*.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if day(case["registered"]) > as_of:
            continue
        figures["cases"] += 1
        closure = case.get("closure") or {}
        follow_up = closure.get("follow_up") or {}
        complete = None
        if case["status"] == "closed" and closure.get("date"):
            complete = max(day(closure["date"]), day(follow_up.get("date", closure["date"])))
        tried = follow_up.get("date")
        if complete and complete <= as_of:
            state = "closed"
        elif case["status"] == "unreachable" and tried and day(tried) <= as_of:
            state = "unreachable"
        elif case["status"] == "registered":
            state = "registered"
        else:
            began = [case.get("rehearing", {}).get("date")] + [
                p["date"] for p in case.get("progress", [])
            ]
            state = "in_progress" if any(d and day(d) <= as_of for d in began) else "registered"
        figures[state] += 1

        deadline = day(case["responsibility"]["deadline"])
        for ext in case.get("extensions", []):
            if day(ext["approved_on"]) > as_of or day(ext["approved_on"]) > deadline:
                continue  # not yet approved, or approved after the deadline had passed
            if "new_deadline" in ext:
                deadline = max(deadline, day(ext["new_deadline"]))
            else:
                deadline = working_day(deadline + timedelta(days=ext["days"]))
        deadline = min(deadline, report_due.get(case["id"], deadline))
        left = (deadline - as_of).days
        if state == "closed":
            figures["closed_late"] += complete > deadline
        elif state == "unreachable":
            pass
        elif left < 0:
            figures["overdue"] += 1
            overdue.append((left, not case.get("priority", False), case["id"]))
        elif left <= soon_days:
            figures["due_soon"] += 1

        events = case.get("events", [])
        if case.get("settled") and state == "closed":
            opinion = follow_up.get("opinion")
            agreed = opinion == "agree" or (opinion is None and case["category"] == "litigation")
            quiet = not any(day(closure["date"]) < day(e["date"]) <= as_of for e in events)
            if agreed and quiet:
                watched = as_of > complete + timedelta(days=observation)
                figures["settled" if watched else "observing"] += 1

        people = frozenset(p.get("id_number") or p["name"] for p in case["petitioners"])
        began = min(day(case["registered"]), dispatched.get(case["id"], day(case["registered"])))
        for e in events:
            when = day(e["date"])
            if e["form"] != "visit" or not (start <= when <= end) or when > as_of:
                continue
            cross = LEVELS.index(e["level"]) > allowed
            group = e["head_count"] >= threshold
            abnormal = bool(e.get("abnormal")) and e["level"] == "beijing"
            key = (when, e["level"], e.get("place"), e["head_count"], people)
            if not (cross or group or abnormal) or key in seen:
                continue
            seen.add(key)
            figures["cross_level"] += cross
            figures["collective"] += group
            figures["cross_level_collective"] += cross and group
            figures["abnormal_beijing"] += abnormal
            figures["background"] += when < began or (state == "closed" and when > complete)
    figures["overdue_ids"] = [case_id for *_, case_id in sorted(overdue)]
    rate = (
        Decimal(figures["closed"]) / Decimal(figures["cases"]) if figures["cases"] else Decimal(0)
    )
    figures["closure_rate"] = float(rate.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="从 YAML 直接重算 xinfang status 的数字。")
    parser.add_argument("--as-of", required=True, type=date.fromisoformat, help="统计日期")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    print(json.dumps(count(args.root, args.as_of), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
