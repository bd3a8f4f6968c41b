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
    case: dict,
    campaign: dict,
    as_of: date,
    window: tuple[date, date] | None = None,
    report_due: date | None = None,
    dispatched: date | None = None,
) -> dict[str, Any] | None:
    """One case on the as-of day: its state, deadline figures, 息诉罢访 and its visits counted in
    ``window`` (the target window when not given); None before it was registered.

    ``report_due`` is the earliest report-back date an assignment set for the case, and
    ``dispatched`` the earliest day an assignment dispatched it to its unit."""
    policies = campaign.get("policies", {})
    soon_days = policies.get("due_soon_days", 7)
    threshold = policies.get("collective_threshold", 5)
    observation = policies.get("settlement_observation_days", 30)
    allowed = LEVELS.index(policies.get("cross_level_above", "city"))
    start, end = window or target_window(campaign)
    if day(case["registered"]) > as_of:
        return None
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

    deadline = day(case["responsibility"]["deadline"])
    for ext in case.get("extensions", []):
        if day(ext["approved_on"]) > as_of or day(ext["approved_on"]) > deadline:
            continue  # not yet approved, or approved after the deadline had passed
        if "new_deadline" in ext:
            deadline = max(deadline, day(ext["new_deadline"]))
        else:
            deadline = working_day(deadline + timedelta(days=ext["days"]))
    if report_due is not None:
        deadline = min(deadline, report_due)
    left = (deadline - as_of).days
    open_ = state not in ("closed", "unreachable")

    events = case.get("events", [])
    settled = observing = False
    if case.get("settled") and state == "closed" and complete is not None:
        opinion = follow_up.get("opinion")
        agreed = opinion == "agree" or (opinion is None and case["category"] == "litigation")
        quiet = not any(day(closure["date"]) < day(e["date"]) <= as_of for e in events)
        if agreed and quiet:
            watched = as_of > complete + timedelta(days=observation)
            settled, observing = watched, not watched

    people = frozenset(p.get("id_number") or p["name"] for p in case["petitioners"])
    registered = day(case["registered"])
    began = min(registered, dispatched or registered)
    visits = []
    for e in events:
        when = day(e["date"])
        if e["form"] != "visit" or not (start <= when <= end) or when > as_of:
            continue
        cross = LEVELS.index(e["level"]) > allowed
        group = e["head_count"] >= threshold
        abnormal = bool(e.get("abnormal")) and e["level"] == "beijing"
        if cross or group or abnormal:
            after = state == "closed" and complete is not None and when > complete
            visits.append(
                {
                    "date": when,
                    "cross": cross,
                    "group": group,
                    "abnormal": abnormal,
                    "key": (when, e["level"], e.get("place"), e["head_count"], people),
                    "background": when < began or after,
                }
            )
    return {
        "state": state,
        "left": left,
        "closed_late": state == "closed" and complete is not None and complete > deadline,
        "overdue": open_ and left < 0,
        "due_soon": open_ and 0 <= left <= soon_days,
        "settled": settled,
        "observing": observing,
        "visits": visits,
    }


def target_window(campaign: dict) -> tuple[date, date]:
    phases = campaign["phases"]
    window = campaign.get("kpi_window") or {
        "start": min(p["start"] for p in phases),
        "end": max(p["end"] for p in phases),
    }
    return day(window["start"]), day(window["end"])


def assignment_dates(root: Path) -> tuple[dict[str, date], dict[str, date]]:
    """Each case's earliest report-back date and earliest dispatch, from ``assignments/``."""
    report_due: dict[str, date] = {}
    dispatched: dict[str, date] = {}
    for path in sorted((root / "assignments").glob("*.yml")):
        item = yaml.safe_load(path.read_text(encoding="utf-8"))
        if item.get("case") and item.get("report_due"):
            due = day(item["report_due"])
            report_due[item["case"]] = min(due, report_due.get(item["case"], due))
        if item.get("case") and item.get("dispatch"):
            sent = day(item["dispatch"]["date"])
            dispatched[item["case"]] = min(dispatched.get(item["case"], sent), sent)
    return report_due, dispatched


def summed(counted: list[tuple[dict, dict]]) -> dict[str, Any]:
    """The campaign's figures from each case (in id order) and its ``one_case``: the same visit
    written in two cases counted once, by the first."""
    figures: dict[str, Any] = dict.fromkeys(
        ["cases", "registered", "in_progress", "unreachable", "closed", "settled", "observing",
         "overdue", "due_soon", "closed_late", "cross_level_collective", "abnormal_beijing",
         "cross_level", "collective", "background"],
        0,
    )  # fmt: skip
    seen: set[tuple[object, ...]] = set()
    overdue = []
    for case, one in counted:
        figures["cases"] += 1
        figures[str(one["state"])] += 1
        for key in ("closed_late", "overdue", "due_soon", "settled", "observing"):
            figures[key] += bool(one[key])
        if one["overdue"]:
            overdue.append((one["left"], not case.get("priority", False), case["id"]))
        for v in one["visits"]:
            if v["key"] in seen:
                continue
            seen.add(v["key"])
            figures["cross_level"] += v["cross"]
            figures["collective"] += v["group"]
            figures["cross_level_collective"] += v["cross"] and v["group"]
            figures["abnormal_beijing"] += v["abnormal"]
            figures["background"] += v["background"]
    figures["overdue_ids"] = [case_id for *_, case_id in sorted(overdue)]
    return figures


def count(root: Path, as_of: date) -> dict[str, object]:
    campaign = yaml.safe_load((root / "campaign.yml").read_text(encoding="utf-8"))
    report_due, dispatched = assignment_dates(root)
    counted = []
    for path in sorted((root / "cases").glob("*.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        one = one_case(
            case, campaign, as_of, None, report_due.get(case["id"]), dispatched.get(case["id"])
        )
        if one is not None:
            counted.append((case, one))
    figures = summed(counted)
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
