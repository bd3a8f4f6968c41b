"""`xinfang status` shows the work beside cases: figures checked by hand against the records.

At 2008-07-20: 14 risks, 7 open (high: T04-001, D08-001; low: T01-002, lowered on review;
medium: T04-002, T05-001, T05-002, D02-001), 4 resolved (T02-001, T03-002, D05-001, D07-001),
3 turned into cases (T01-001 → T01-005, T03-001 → T03-005, D08-002 → D06-003); reviews overdue:
D08-001 (07-12), T04-001 (07-15), T05-001 (07-18), T05-002 (07-10). 14 key persons, one removed
(T02-001 on 07-10), one past the 21 days of its help plan (T01-002, last contact 06-12). 10 assigned
cases (city 5, province 3, state 2): reported on time 001, 004, 006, 007, 008; late 005
(07-17 for 07-15); overdue 002 (due 06-30); pending 003, 009; 010 is forwarded. The county
office's supervision of 003 (due 07-18) is unanswered. Three notices (one decided on 07-18, not
yet issued: 柳河镇) and one talk; of the twelve visits charged during handling, five are dealt
with by a decision (D05-002, T04-004, D02-005, T03-003) and seven are for the leading group to
study: D07-001 (04-25), T01-004 (04-28), D06-001 and D08-001 (05-06), T05-003 (05-08), T03-001
(05-12), D07-005 (05-19).
"""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from .conftest import ROOT


def _status(*args: str, fmt: str = "json") -> str:
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "status", "--format", fmt, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _duties(*args: str) -> dict:
    return json.loads(_status(*args))["duties"]


def test_risk_figures() -> None:
    risks = _duties("--as-of", "2008-07-20")["risks"]
    assert (risks["total"], risks["open"], risks["resolved"], risks["turned_into_cases"]) == (
        14,
        7,
        4,
        3,
    )
    assert risks["open_by_level"] == {"high": 2, "medium": 4, "low": 1}
    assert risks["reviews_overdue"] == [
        "YH2008-D08-001",
        "YH2008-T04-001",
        "YH2008-T05-001",
        "YH2008-T05-002",
    ]
    earlier = _duties("--as-of", "2008-06-01")["risks"]
    # On 06-01 T02-001 (06-05) was not resolved yet, nor T03-002 (06-02), nor D07-001 (06-18).
    assert (earlier["resolved"], earlier["turned_into_cases"]) == (1, 0)


def test_key_person_figures_are_counts() -> None:
    persons = _duties("--as-of", "2008-07-20")["key_persons"]
    assert (persons["active"], persons["removed"], persons["contacts_overdue"]) == (13, 1, 1)
    assert set(persons) == {"active", "removed", "contacts_overdue"}


def test_contact_frequency_follows_the_help_plan_not_the_calendar() -> None:
    """No shorter interval and no coverage count for the Olympic weeks."""
    during = _duties("--as-of", "2008-08-20")["key_persons"]
    assert "sensitive_periods" not in during
    campaign = yaml.safe_load((ROOT / "campaign.yml").read_text(encoding="utf-8"))
    assert set(campaign["key_persons"]) == {"contact_interval_days"}
    for path in (ROOT / "persons").glob("*.yml"):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))["help"]
        assert plan["every_days"] >= 14 and "敏感" not in plan["visits"], path.name


def test_assignment_figures() -> None:
    a = _duties("--as-of", "2008-07-20")["assignments"]
    assert a["by_level"] == {"city": 5, "province": 3, "state": 2}
    assert (a["reported"], a["reported_late"], a["pending"]) == (5, 1, 2)
    assert a["report_backs_overdue"] == ["JB2008-002"]
    assert (a["supervisions_open"], a["supervisions_overdue"]) == (1, 1)
    later = _duties("--as-of", "2008-08-20")["assignments"]
    assert later["report_backs_overdue"] == ["JB2008-002", "JB2008-003"]


def test_acceptance_and_accountability() -> None:
    assert _duties("--as-of", "2008-07-20")["acceptance"] == {
        "accepted": 0,
        "returned": 0,
        "pending": 16,
    }
    assert _duties("--as-of", "2008-08-10")["acceptance"] == {
        "accepted": 14,
        "returned": 2,
        "pending": 0,
    }
    acc = _duties("--as-of", "2008-07-20")["accountability"]
    assert (acc["notice"], acc["admonition"], acc["referral"]) == (3, 1, 0)
    assert acc["to_publish"] == ["ZZ2008-004"]
    assert [(c["case"], c["date"]) for c in acc["candidates"]] == [
        ("XF2008-D07-001", "2008-04-25"),
        ("XF2008-T01-004", "2008-04-28"),
        ("XF2008-D06-001", "2008-05-06"),
        ("XF2008-D08-001", "2008-05-06"),
        ("XF2008-T05-003", "2008-05-08"),
        ("XF2008-T03-001", "2008-05-12"),
        ("XF2008-D07-005", "2008-05-19"),
    ]
    assert acc["candidates"][0]["units"] == ["D07", "T04"]
    assert all(c["drafted"] is None for c in acc["candidates"])


def test_one_unit() -> None:
    d = _duties("--as-of", "2008-07-20", "--unit", "T04")
    assert [u["code"] for u in d["units"]] == ["T04"]
    assert d["risks"]["open"] == 2 and d["key_persons"]["active"] == 4
    assert d["accountability"]["notice"] == 1


def test_text_output() -> None:
    text = _status("--as-of", "2008-07-20", fmt="text")
    assert "苗头隐患 14 件：在控 7 件（重大 2、较大 4、一般 1）" in text
    assert "重点人员 13 人包保中（已退出 1 人），超过走访间隔 1 人" in text
    assert "JB2008-002  市信访局市信交〔2008〕12号" in text and "逾期 20 天" in text
    assert "化解期间发生、领导小组尚未研究的越级访、集体访 7 起（xinfang propose）" in text


def test_an_incident_dealt_with_for_another_unit_is_not_proposed_again() -> None:
    """Seen from 县司法局, whose case's visit of 05-15 a notice answered, and from 城关镇."""
    acc = _duties("--as-of", "2008-07-20", "--unit", "D05")["accountability"]
    assert acc["candidates"] == [] and acc["notice"] == 1 and acc["admonition"] == 0
    town = _duties("--as-of", "2008-07-20", "--unit", "T01")["accountability"]
    assert [c["case"] for c in town["candidates"]] == ["XF2008-T01-004", "XF2008-D06-001"]
