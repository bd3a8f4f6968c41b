"""Every count on the dashboard equals a recount from the records, for any set of records.

Hypothesis draws a set of the bundled records (some cases, risks, key persons, assigned cases,
submissions, accountability records, meetings, publicity sessions, inspections and commendations), edits cases as clerks do (reopened, deadline moved,
a visit added, 息诉罢访 or the follow-up opinion changed, registered earlier) and an as-of date.
The recount shares no code with the package: each case is recounted by ``hand_count.py`` (PyYAML
and the plan's definitions), the rest is counted here from the YAML the same way. It is
compared with ``xinfang status --format json`` and with the numbers of the site's home page.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from xinfang.cli import main
from xinfang.site.generator import generate

from . import hand_count
from .conftest import ROOT, make_repo
from .test_fuzz import EXAMPLES

FOLDERS = (
    "risks",
    "persons",
    "assignments",
    "submissions",
    "accountability",
    "meetings",
    "publicity",
    "inspections",
    "commendations",
)
CASE_IDS = sorted(p.stem for p in (ROOT / "cases").glob("*.yml"))
FILES = {folder: sorted(p.name for p in (ROOT / folder).glob("*.yml")) for folder in FOLDERS}
DAYS = st.dates(date(2008, 3, 1), date(2008, 10, 31))


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --- the records: a drawn set, edited as clerks edit ------------------------------------------


def _reopen(case: dict, _: Any) -> None:
    if case["status"] == "closed":
        case.update(status="in_progress", next_steps="重新核查，继续办理。")
        case.pop("closure", None)
        case.pop("settled", None)


def _deadline(case: dict, when: date) -> None:
    case["responsibility"]["deadline"] = when.isoformat()


def _visit(case: dict, visit: tuple[date, str, str, int, bool]) -> None:
    when, form, level, people, abnormal = visit
    if any(e["date"] == when.isoformat() for e in case.get("events", [])):
        return  # one visit a day in a case: the same visit written twice is another question
    event: dict[str, Any] = {"date": when.isoformat(), "form": form, "level": level}
    event["head_count"] = people
    if level == "beijing" and form == "visit":
        event.update(place="tiananmen" if abnormal else "reception", abnormal=abnormal)
    case.setdefault("events", []).append(event)


def _settled(case: dict, _: Any) -> None:
    if case["status"] == "closed":
        case["settled"] = not case.get("settled", False)


def _opinion(case: dict, opinion: str) -> None:
    follow_up = (case.get("closure") or {}).get("follow_up")
    if follow_up:
        follow_up["opinion"] = opinion
        if opinion in ("disagree", "refused"):
            follow_up["reason"] = "信访人认为补偿标准过低，不同意处理意见。"


def _earlier(case: dict, days: int) -> None:
    case["registered"] = (day(case["registered"]) - timedelta(days=days)).isoformat()


EDITS = st.one_of(
    st.tuples(st.just(_reopen), st.none()),
    st.tuples(st.just(_deadline), DAYS),
    st.tuples(
        st.just(_visit),
        st.tuples(
            DAYS,
            st.sampled_from(["visit", "visit", "letter", "phone"]),
            st.sampled_from(["county", "city", "province", "beijing"]),
            st.integers(1, 40),
            st.booleans(),
        ),
    ),
    st.tuples(st.just(_settled), st.none()),
    st.tuples(st.just(_opinion), st.sampled_from(["agree", "disagree", "refused"])),
    st.tuples(st.just(_earlier), st.integers(1, 20)),
)


@st.composite
def record_sets(draw: st.DrawFn) -> dict[str, Any]:
    cases = draw(st.lists(st.sampled_from(CASE_IDS), min_size=1, max_size=14, unique=True))
    edits = draw(st.lists(st.tuples(st.sampled_from(cases), EDITS), max_size=8))
    others = {f: draw(st.lists(st.sampled_from(FILES[f]), unique=True)) for f in FOLDERS}
    return {"cases": cases, "edits": edits, "others": others, "as_of": draw(DAYS)}


def _write(root: Path, drawn: dict[str, Any]) -> None:
    cases = {
        cid: yaml.safe_load((ROOT / "cases" / f"{cid}.yml").read_text(encoding="utf-8"))
        for cid in drawn["cases"]
    }
    for cid, (edit, value) in drawn["edits"]:
        edit(cases[cid], value)
    for cid, case in cases.items():
        text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
        (root / "cases" / f"{cid}.yml").write_text(text, encoding="utf-8")
    for folder, names in drawn["others"].items():
        (root / folder).mkdir()
        for name in names:
            shutil.copy(ROOT / folder / name, root / folder / name)


# --- the recount ------------------------------------------------------------------------------


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(root: Path, folder: str) -> list[dict[str, Any]]:
    paths = sorted((root / folder).glob("*.yml"))
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=LOADER) for p in paths]


def recount(root: Path, as_of: date) -> dict[str, Any]:
    campaign = yaml.load((root / "campaign.yml").read_text(encoding="utf-8"), Loader=LOADER)
    cases = sorted(_load(root, "cases"), key=lambda c: c["id"])  # the first of a visit keeps it
    report_due, dispatched = hand_count.assignment_dates(root)

    def one_case(case: dict, window: tuple[date, date] | None = None) -> dict[str, Any] | None:
        cid = case["id"]
        return hand_count.one_case(
            case, campaign, as_of, window, report_due.get(cid), dispatched.get(cid)
        )

    counted = []
    codes = [u["code"] for u in campaign["units"]]
    registration = next(m["due"] for m in campaign["milestones"] if m["id"] == "registration")
    units = {code: Counter() for code in codes}
    incidents = []
    seen: set[tuple[object, ...]] = set()
    for case in cases:
        one = one_case(case)
        if one is None:
            continue
        counted.append((case, one))
        unit = units[case["responsibility"]["unit"]]
        unit["cases"] += 1
        for state in ("closed", "unreachable"):
            unit[state] += one["state"] == state
        for key in ("settled", "observing", "overdue", "due_soon"):
            unit[key] += bool(one[key])
        unit["registered_on_time" if case["registered"] <= registration else "reported_later"] += 1
        homes = [case["responsibility"]["unit"], *(p["locality"] for p in case["petitioners"])]
        for v in one["visits"]:
            if v["key"] not in seen:
                seen.add(v["key"])
                incidents.append({**v, "case": case, "units": list(dict.fromkeys(homes))})
    for incident in incidents:
        if incident["background"]:
            continue  # before the case's handling or after its closure: charged to no unit
        for code in incident["units"]:
            if code in units:
                u = units[code]
                u["cross_level"] += incident["cross"]
                u["collective"] += incident["group"]
                u["cross_level_collective"] += incident["cross"] and incident["group"]
                u["abnormal_beijing"] += incident["abnormal"]
    sensitive = []
    for period in campaign.get("sensitive_periods", []):
        start, end = day(period["start"]), day(period["end"])
        keys = {
            v["key"]
            for case in cases
            if (one := one_case(case, (start, end))) is not None
            for v in one["visits"]
        }
        first = max(as_of, start)
        sensitive.append(
            {
                "incidents": len(keys),
                "days_to_start": max((start - as_of).days, 0),
                "days_left": max((end - first).days + 1, 0),
            }
        )
    return {
        "figures": hand_count.summed(counted),
        "units": {code: dict(u) for code, u in units.items()},
        "sensitive": sensitive,
        "incidents": incidents,
        "duties": _duties(root, campaign, cases, codes, incidents, as_of),
    }


def _duties(
    root: Path,
    campaign: dict,
    cases: list[dict],
    codes: list[str],
    incidents: list[dict],
    as_of: date,
) -> dict[str, Any]:
    registered = {c["id"]: day(c["registered"]) for c in cases}
    per_unit = {code: Counter() for code in codes}

    risks = Counter()
    for risk in _load(root, "risks"):
        if day(risk["found"]) > as_of:
            continue
        state = "open"
        resolved = risk.get("resolved") or {}
        if risk["status"] == "resolved" and resolved and day(resolved["date"]) <= as_of:
            state = "resolved"
        elif risk["status"] == "case" and risk.get("case"):
            when = registered.get(risk["case"])
            state = "case" if when is None or when <= as_of else "open"
        level = risk["level"]
        for review in sorted(risk.get("reviews", []), key=lambda r: r["date"]):
            if day(review["date"]) <= as_of and review.get("level"):
                level = review["level"]
        late = state == "open" and day(risk["review"]) < as_of
        risks[state] += 1
        risks[f"open_{level}"] += state == "open"
        risks["reviews_overdue"] += late
        unit = per_unit.get(risk["responsibility"]["unit"])
        if unit is not None:
            unit["risks_open"] += state == "open"
            unit["risks_high"] += state == "open" and level == "high"
            unit["reviews_overdue"] += late

    default_interval = campaign.get("key_persons", {}).get("contact_interval_days", 30)
    persons = Counter()
    for person in _load(root, "persons"):
        if day(person["registered"]) > as_of:
            continue
        removed = (person.get("removed") or {}).get("date")
        if removed and day(removed) <= as_of:
            persons["removed"] += 1
            continue
        seen = [day(c["date"]) for c in person.get("contacts", []) if day(c["date"]) <= as_of]
        since = max(seen) if seen else day(person["registered"])
        # The help plan agreed with the person sets the interval; no period makes it shorter.
        allowed = (person.get("help") or {}).get("every_days") or default_interval
        late = (as_of - since).days > allowed
        persons["active"] += 1
        persons["contacts_overdue"] += late
        unit = per_unit.get(person["locality"])
        if unit is not None:
            unit["key_persons"] += 1
            unit["contacts_overdue"] += late

    assignments = Counter()
    for item in _load(root, "assignments"):
        if day(item["received"]) > as_of:
            continue
        assignments["total"] += 1
        assignments[item["level"]] += 1
        due = day(item.get("report_due"))
        finals = [
            day(r["date"])
            for r in item.get("report_backs", [])
            if r["kind"] == "final" and day(r["date"]) <= as_of
        ]
        if item["kind"] != "assign" or due is None:
            state = "not_required"
        elif finals:
            state = "reported" if min(finals) <= due else "late"
        else:
            state = "overdue" if as_of > due else "pending"
        assignments[state] += 1
        for s in item.get("supervisions", []):
            answered = day(s.get("answered"))
            if day(s["date"]) <= as_of and (answered is None or answered > as_of):
                assignments["supervisions_open"] += 1
                assignments["supervisions_overdue"] += day(s["due"]) < as_of
        unit = per_unit.get((item.get("dispatch") or {}).get("unit") or campaign["office"])
        if unit is not None:
            unit["assignments"] += 1
            unit["report_backs_overdue"] += state == "overdue"

    acceptance = dict.fromkeys(codes, "pending")
    for report in _load(root, "submissions"):
        made = [a for a in report.get("acceptance", []) if day(a["date"]) <= as_of]
        if made and report["unit"] in acceptance:
            acceptance[report["unit"]] = max(made, key=lambda a: a["date"])["result"]

    decided = [a for a in _load(root, "accountability") if day(a["date"]) <= as_of]
    # Candidates for the leading group: the incidents charged during handling that no decision
    # dated by then names, whatever its kind.
    answered = {(i["case"], i["date"]) for a in decided for i in a.get("incidents", [])}
    candidates = {
        (i["case"]["id"], i["date"].isoformat())
        for i in incidents
        if not i["background"] and (i["case"]["id"], i["date"].isoformat()) not in answered
    }
    return {
        "work": _office_work(root, codes, as_of),
        "risks": risks,
        "persons": persons,
        "assignments": assignments,
        "acceptance": Counter(acceptance.values()),
        "actions": Counter(a["kind"] for a in decided),
        "candidates": len(candidates),
        "units": {code: dict(u) for code, u in per_unit.items()},
    }


def _office_work(root: Path, codes: list[str], as_of: date) -> dict[str, int]:
    """The plan's own machinery by the as-of date: units with a special meeting held, publicity
    sessions, inspections and their problems past the date to rectify by with none recorded,
    commendations decided."""
    held = {
        m["unit"]
        for m in _load(root, "meetings")
        if m["type"] == "special" and day(m["date"]) <= as_of
    }
    inspections = [i for i in _load(root, "inspections") if day(i["date"]) <= as_of]
    overdue = 0
    for inspection in inspections:
        for number, problem in enumerate(inspection.get("findings", []), start=1):
            done = any(
                r["finding"] == number and day(r["date"]) <= as_of
                for r in inspection.get("rectifications", [])
            )
            overdue += not done and day(problem["rectify_by"]) < as_of
    return {
        "meetings": len(held & set(codes)),
        "publicity": sum(day(p["date"]) <= as_of for p in _load(root, "publicity")),
        "inspections": len(inspections),
        "overdue": overdue,
        "commendations": sum(day(c["date"]) <= as_of for c in _load(root, "commendations")),
    }


# --- the comparison ---------------------------------------------------------------------------


def _status(root: Path, as_of: date) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["status", "--format", "json", "--root", str(root), "--as-of", as_of.isoformat()]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(argv) == 0, err.getvalue()
    return json.loads(out.getvalue())


def _cards(root: Path, as_of: date) -> list[tuple[str, str]]:
    """The home page's cards: (the number, the words under it)."""
    home = next(p.body for p in generate(root, as_of).pages if p.path == "index.md")
    cards = re.findall(r'<div class="xf-num">([^<]*)</div><div>(.*?)</div></div>', home)
    return [(num, re.sub(r"<[^>]+>", "", words)) for num, words in cards]


def _check(root: Path, as_of: date) -> None:
    want = recount(root, as_of)
    got = _status(root, as_of)
    f, t, k = Counter(want["figures"]), got["totals"], got["kpis"]
    keys = ("cases", "registered", "in_progress", "unreachable", "closed", "settled", "observing",
            "overdue", "due_soon", "closed_late")  # fmt: skip
    assert {key: t[key] for key in keys} == {key: f[key] for key in keys}
    total = f["cases"]
    assert t["closure_rate"] == round(f["closed"] / total if total else 0.0, 4)
    assert t["settled_rate"] == round(f["settled"] / total if total else 0.0, 4)
    assert (k["cross_level_collective_visits"], k["abnormal_beijing_visits"]) == (
        f["cross_level_collective"],
        f["abnormal_beijing"],
    )
    assert (k["cross_level_visits"], k["collective_visits"]) == (f["cross_level"], f["collective"])
    assert len(got["incidents"]) == len(want["incidents"])
    assert sum(not i["charged"] for i in got["incidents"]) == f["background"]
    assert [c["id"] for c in got["overdue"]] == f["overdue_ids"]
    assert len(got["due_soon"]) == f["due_soon"]
    for unit in got["units"]:
        mine = want["units"][unit["code"]]
        keys = (
            "cases",
            "closed",
            "unreachable",
            "settled",
            "observing",
            "overdue",
            "due_soon",
            "registered_on_time",
            "reported_later",
        )
        assert {key: unit[key] for key in keys} == {key: mine.get(key, 0) for key in keys}, unit[
            "code"
        ]
        assert unit["incidents"] == {key: mine.get(key, 0) for key in unit["incidents"]}, unit[
            "code"
        ]
    assert [
        {"incidents": len(s["incidents"]), "days_to_start": s["days_to_start"], "days_left": s["days_left"]}
        for s in got["sensitive_periods"]
    ] == want["sensitive"]  # fmt: skip

    d, mine = got["duties"], want["duties"]
    r, p, a = mine["risks"], mine["persons"], mine["assignments"]
    assert d["risks"]["total"] == r["open"] + r["resolved"] + r["case"]
    assert (d["risks"]["open"], d["risks"]["resolved"], d["risks"]["turned_into_cases"]) == (r["open"], r["resolved"], r["case"])  # fmt: skip
    assert d["risks"]["open_by_level"] == {lv: r[f"open_{lv}"] for lv in ("high", "medium", "low")}
    assert len(d["risks"]["reviews_overdue"]) == r["reviews_overdue"]
    persons = d["key_persons"]
    assert (persons["active"], persons["removed"], persons["contacts_overdue"]) == (p["active"], p["removed"], p["contacts_overdue"])  # fmt: skip
    got_a = d["assignments"]
    assert got_a["total"] == a["total"]
    assert got_a["by_level"] == {lv: a[lv] for lv in ("city", "province", "state")}
    assert (got_a["reported"], got_a["reported_late"], got_a["pending"]) == (a["reported"], a["late"], a["pending"])  # fmt: skip
    assert len(got_a["report_backs_overdue"]) == a["overdue"]
    assert (got_a["supervisions_open"], got_a["supervisions_overdue"]) == (a["supervisions_open"], a["supervisions_overdue"])  # fmt: skip
    assert d["acceptance"] == {
        s: mine["acceptance"][s] for s in ("accepted", "returned", "pending")
    }
    acc = d["accountability"]
    assert (acc["notice"], acc["admonition"], acc["referral"]) == tuple(mine["actions"][kind] for kind in ("notice", "admonition", "referral"))  # fmt: skip
    assert len(acc["candidates"]) == mine["candidates"]
    for unit in d["units"]:
        counted = mine["units"][unit["code"]]
        for key in ("risks_open", "risks_high", "reviews_overdue", "key_persons", "contacts_overdue", "assignments", "report_backs_overdue"):  # fmt: skip
            assert unit[key] == counted.get(key, 0), (unit["code"], key)

    from xinfang.records.labels import percent_value  # the format only; the numbers are recounted

    cards = dict((words, num) for num, words in _cards(root, as_of))
    units = len(want["units"])
    w = mine["work"]
    waiting = f"；另有待观察 {f['observing']} 件，观察期满才计入" if f["observing"] else ""
    expected = {
        "案件总数": str(total),
        "已结案": str(f["closed"]),
        f"结案率（{f['closed']}/{total}）": percent_value(f["closed"], total),
        f"息诉罢访率（{f['settled']}/{total}{waiting}）": percent_value(f["settled"], total),
        "超期": str(f["overdue"]),
        f"临期（{yaml.safe_load((root / 'campaign.yml').read_text(encoding='utf-8'))['policies']['due_soon_days']} 日内）": str(f["due_soon"]),
        "越级集体访（起）": str(f["cross_level_collective"]),
        "非正常进京访（起）": str(f["abnormal_beijing"]),
        "越级访（起，走访）": str(f["cross_level"]),
        "集体访（起，走访）": str(f["collective"]),
        f"在控隐患（重大 {r['open_high']}）": str(r["open"]),
        "隐患逾期未复查": str(r["reviews_overdue"]),
        f"重点人员包保中（超过走访间隔 {p['contacts_overdue']}）": str(p["active"]),
        f"交办件超期未报结（共 {a['total']} 件）": str(a["overdue"]),
        "督办逾期未回复": str(a["supervisions_overdue"]),
        f"单位验收通过（退回 {mine['acceptance']['returned']}）": f"{mine['acceptance']['accepted']}/{units}",
        f"通报批评 / 诫勉谈话（尚未研究的事件 {mine['candidates']}）": f"{mine['actions']['notice']} / {mine['actions']['admonition']}",
        # the plan's own machinery
        "单位召开专门会议": f"{w['meetings']}/{units}",
        "宣传活动": str(w["publicity"]),
        f"督查问题逾期未整改（督查 {w['inspections']} 次）": str(w["overdue"]),
        "表彰决定": str(w["commendations"]),
    }  # fmt: skip
    assert cards == expected


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(record_sets())
def test_every_count_on_the_dashboard_equals_a_recount_from_the_records(
    drawn: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as work:
        root = make_repo(Path(work) / "repo")
        _write(root, drawn)
        _check(root, drawn["as_of"])


def test_the_bundled_records_recount_to_the_dashboard() -> None:
    assert recount(ROOT, date(2008, 7, 20))["figures"] == {
        key: value
        for key, value in hand_count.count(ROOT, date(2008, 7, 20)).items()
        if key != "closure_rate"
    }  # the per-case recount here (the drawn set's assignments) gives hand_count's figures
    _check(ROOT, date(2008, 7, 20))
