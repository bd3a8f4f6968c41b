"""`xinfang status`: the plan's figures, on the bundled campaign and on cases made for the point.

The bundled figures are recomputed from the YAML by ``tests/hand_count.py``, which shares no code
with the package (``test_hand_count_agrees``). At 2008-07-20: 48 cases, 27 closed (18 declared
settled and verified: 11 past the 30-day observation, 7 still 待观察), 8 overdue (D01-002 by the
city's report-back date of 06-30, D02-004, D04-004, D07-005, T01-003, T02-003, T03-003, T05-003);
one 越级集体访 (a visit past the city, 《信访条例》 Art. 16, of 5 or more people): T03-003
(06-16, the province); one 非正常进京访 D02-005 (06-24, Tiananmen).
At 2008-05-10: 44 cases registered by then, one closed (D04-002, 05-09, 待观察), nothing overdue.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from xinfang.campaign.workdays import WorkCalendar
from xinfang.cli import main
from xinfang.records.repository import open_repository
from xinfang.rules.status import Overview, obligation, overview

from .conftest import ROOT

BASE = yaml.safe_load((ROOT / "tests" / "rules" / "_base.yml").read_text(encoding="utf-8"))


def _status(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "status", "--format", "json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def test_summary_phase_figures() -> None:
    s = _status("--as-of", "2008-07-20")
    assert s["phase"] == {"id": "summary", "name": "总结验收阶段", "days_left": 11}
    t = s["totals"]
    assert (t["cases"], t["registered"], t["in_progress"], t["closed"], t["settled"]) == (
        48,
        4,
        17,
        27,
        11,
    )
    # Seven more declared settled were closed after 06-20: 待观察 until 30 days have passed.
    assert (t["observing"], t["unreachable"]) == (7, 0)
    # D01-002 is bound by the city's report-back date (06-30), earlier than its own 07-23.
    assert (t["overdue"], t["due_soon"], t["closed_late"]) == (8, 4, 4)
    assert t["closure_rate"] == 0.5625  # 27/48, in decimal
    assert s["kpis"] == {
        "cross_level_collective_visits": 1,
        "abnormal_beijing_visits": 1,
        "cross_level_visits": 2,
        "collective_visits": 12,
        "target": 0,
        "window": {"start": "2008-04-12", "end": "2008-09-17"},
        "cross_level_setting": None,
    }
    assert [(i["date"], i["case"]) for i in s["incidents"] if "越级集体访" in i["kinds"]] == [
        ("2008-06-16", "XF2008-T03-003"),
    ]
    # Before its registration (T02-003, 04-21; T01-005, 07-08): counted, charged to no unit.
    assert [(i["date"], i["case"]) for i in s["incidents"] if not i["charged"]] == [
        ("2008-04-15", "XF2008-T02-003"),
        ("2008-07-03", "XF2008-T01-005"),
    ]
    olympics, paralympics = s["sensitive_periods"]
    assert (olympics["name"], olympics["days_to_start"], olympics["days_left"]) == (
        "北京奥运会",
        19,
        17,
    )
    assert (paralympics["days_to_start"], paralympics["incidents"]) == (48, [])
    assert [c["id"] for c in s["overdue"]] == [
        "XF2008-D07-005",
        "XF2008-D01-002",
        "XF2008-T05-003",
        "XF2008-D04-004",
        "XF2008-T03-003",
        "XF2008-D02-004",
        "XF2008-T01-003",
        "XF2008-T02-003",
    ]


def test_resolution_phase_figures() -> None:
    s = _status("--as-of", "2008-05-10")
    assert s["phase"] == {"id": "resolution", "name": "化解整治阶段", "days_left": 66}
    t = s["totals"]
    assert (t["cases"], t["closed"], t["settled"], t["overdue"]) == (44, 1, 0, 0)
    assert t["observing"] == 1  # D04-002, closed on 05-09, watched until 06-08
    assert s["kpis"]["cross_level_collective_visits"] == 0
    units = {u["code"]: u for u in s["units"]}
    assert units["D05"]["obligations"]["registration"]["state"] == "missing"
    assert units["T02"]["obligations"]["registration"]["state"] == "late"
    assert units["T04"]["obligations"]["working_group"]["state"] == "late"
    assert units["T01"]["obligations"]["progress_1"]["state"] == "not_due"


def test_text_summary_and_unit_filter(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["status", "--root", str(ROOT), "--as-of", "2008-07-20", "--unit", "T01"]) == 0
    out = capsys.readouterr().out
    assert "当前阶段：总结验收阶段（2008-07-15 至 2008-07-31），剩余 11 天" in out
    assert "案件 5 件" in out and "城关镇" in out and "县公安局" not in out


def test_unknown_unit_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["status", "--root", str(ROOT), "--unit", "X9"]) == 2
    assert "单位代码 X9" in capsys.readouterr().err


def test_obligation_states() -> None:
    from xinfang.records.campaign import Milestone

    m = Milestone("registration", "上报排查情况", date(2008, 4, 20))
    assert obligation(m, date(2008, 4, 20), date(2008, 5, 1)) == "met"
    assert obligation(m, date(2008, 4, 21), date(2008, 5, 1)) == "late"
    assert obligation(m, None, date(2008, 4, 21)) == "missing"
    assert obligation(m, None, date(2008, 4, 20)) == "not_due"
    assert obligation(m, date(2008, 4, 25), date(2008, 4, 22)) == "missing"  # not yet made then


# --- the points of the plan, on cases made for them ---------------------------------------------


def _edit(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[last] = value


def write_case(root: Path, case_id: str, remove: tuple[str, ...] = (), **changes: Any) -> None:
    """The rules' base case under ``case_id``, with dotted keys (``closure__date``) changed."""
    data = copy.deepcopy(BASE)
    data["id"] = case_id
    for key in remove:
        data.pop(key)
    for key, value in changes.items():
        _edit(data, key.replace("__", "."), value)
    (root / "cases" / f"{case_id}.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def view_of(root: Path, as_of: date, unit: str | None = None) -> Overview:
    repo = open_repository(root)
    assert len(repo.cases) == len(repo.records), repo.findings
    return overview(repo.campaign, repo.cases, as_of, WorkCalendar(), unit)


VISIT = {"form": "visit", "head_count": 1}


def test_a_case_is_closed_only_once_its_closure_report_is_complete(repo: Path) -> None:
    # A record kept the old way: the follow-up three days after the closure date.
    write_case(repo, "XF2008-T01-001", closure__follow_up__date="2008-06-28")
    assert view_of(repo, date(2008, 6, 26)).closed == 0  # closed on paper, follow-up missing
    assert view_of(repo, date(2008, 6, 27)).count("in_progress") == 1
    closed = view_of(repo, date(2008, 6, 28))
    # Closed and declared settled, but 待观察 for the 30 days after the closure was complete.
    assert (closed.closed, closed.settled, closed.observing) == (1, 0, 1)
    observed = view_of(repo, date(2008, 7, 29))
    assert (observed.closed, observed.settled, observed.observing) == (1, 1, 0)


def test_only_verified_settlements_count(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001")  # agreed at the follow-up, nothing after the closure
    write_case(
        repo, "XF2008-T01-002", closure__follow_up__opinion="refused",
        closure__follow_up__reason="信访人拒绝签字，表示仍要上访。",
    )  # fmt: skip
    events = [
        *BASE["events"],
        {"date": "2008-07-01", "level": "beijing", "place": "reception", **VISIT},
    ]
    write_case(repo, "XF2008-T01-003", events=events)  # went to Beijing after the closure
    write_case(repo, "XF2008-T01-004", status="registered", remove=("closure",))
    early = view_of(repo, date(2008, 6, 30))
    # The Beijing visit had not happened yet; both are watched for 30 days after 25 June.
    assert (early.total, early.settled, early.observing) == (4, 0, 2)
    late = view_of(repo, date(2008, 7, 26))
    assert (late.settled, late.settled_rate, late.observing) == (1, 0.25, 0)
    assert [c.id for c in late.cases if c.settled] == ["XF2008-T01-001"]


def test_only_visits_count_as_cross_level_or_collective(repo: Path) -> None:
    events = [
        {"date": "2008-05-02", "form": "joint_letter", "level": "province", "head_count": 1, "signers": 35},
        {"date": "2008-05-03", "form": "letter", "level": "beijing", "head_count": 6},
        {"date": "2008-05-04", "form": "phone", "level": "city", "head_count": 8},
        {"date": "2008-05-05", "form": "visit", "level": "city", "head_count": 6},
        {"date": "2008-05-06", "form": "visit", "level": "county", "head_count": 5},
        {"date": "2008-05-07", "form": "visit", "level": "province", "head_count": 4},
    ]  # fmt: skip
    write_case(repo, "XF2008-T01-001", events=events)
    o = view_of(repo, date(2008, 7, 20))
    # The regulation's own line (Art. 16: the same level or the one above): only the province.
    assert [i.date.day for i in o.cross_level] == [7] and o.cross_level_collective == []
    assert [i.date.day for i in o.collective] == [5, 6]
    # A county that counts a visit to the city as 越级 says so in campaign.yml.
    text = (repo / "campaign.yml").read_text(encoding="utf-8")
    (repo / "campaign.yml").write_text(
        text.replace("  due_soon_days: 7\n", "  due_soon_days: 7\n  cross_level_above: county\n"),
        encoding="utf-8",
    )
    o = view_of(repo, date(2008, 7, 20))
    assert [i.date.day for i in o.cross_level] == [5, 7]
    assert [i.date.day for i in o.cross_level_collective] == [5]


def test_incidents_are_charged_to_the_handling_unit_and_the_petitioners_own(repo: Path) -> None:
    # A 国土资源局 case of 石桥乡 villagers; five of them go to the province on 3 June.
    petitioners = [{"name": "凌德宝", "locality": "T04"}]
    write_case(
        repo, "XF2008-D07-001", petitioners=petitioners, responsibility__unit="D07",
        responsibility__stability_officer={"name": "龚长青", "unit": "T04"},
        events=[{"date": "2008-06-03", "form": "visit", "level": "province", "head_count": 5}],
    )  # fmt: skip
    o = view_of(repo, date(2008, 7, 20))
    (incident,) = o.cross_level_collective
    assert (incident.unit, incident.home_units, incident.units) == ("D07", ("T04",), ("D07", "T04"))
    units = {u.code: u for u in o.units}
    assert units["D07"].charged("cross_level_collective") == units["T04"].charged("any") == 1
    assert units["T01"].charged("any") == 0
    # The unit's own view carries the incident although it handles no case.
    township = view_of(repo, date(2008, 7, 20), unit="T04")
    assert (township.total, len(township.cross_level_collective)) == (0, 1)


def test_the_sensitive_period_and_a_target_window_past_the_campaign(repo: Path) -> None:
    events = [
        {"date": "2008-08-10", "level": "beijing", "place": "tiananmen", "abnormal": True, **VISIT}
    ]
    write_case(repo, "XF2008-T01-001", status="in_progress", remove=("closure", "settled"),
               events=events, next_steps="奥运期间落实稳控。")  # fmt: skip
    before = view_of(repo, date(2008, 7, 20))
    olympics = before.sensitive[0]
    assert (olympics.period.name, olympics.days_to_start, olympics.days_left) == (
        "北京奥运会",
        19,
        17,
    )
    during = view_of(repo, date(2008, 8, 12))
    olympics = during.sensitive[0]
    assert (olympics.started, olympics.days_left, len(olympics.incidents)) == (True, 13, 1)
    # The campaign ended on 31 July; the zero targets count to the end of the Paralympics.
    assert len(during.abnormal_beijing) == 1
    text = (repo / "campaign.yml").read_text(encoding="utf-8")
    start = text.index("kpi_window:")
    (repo / "campaign.yml").write_text(
        text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8"
    )
    campaign_only = view_of(repo, date(2008, 8, 12))
    assert campaign_only.abnormal_beijing == [] and len(campaign_only.sensitive[0].incidents) == 1


def test_priority_cases_come_first(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001", priority=False, flags=["cross_level", "collective"])
    write_case(repo, "XF2008-T01-002")
    write_case(repo, "XF2008-T01-003", priority=False, flags=["cross_level", "collective"])
    assert [c.id for c in view_of(repo, date(2008, 7, 20)).cases] == [
        "XF2008-T01-002", "XF2008-T01-001", "XF2008-T01-003",
    ]  # fmt: skip


@pytest.mark.parametrize("as_of", ["2008-05-10", "2008-06-26", "2008-07-20", "2008-08-12"])
def test_hand_count_agrees(as_of: str) -> None:
    """The figures recounted from the YAML alone by tests/hand_count.py (no package code)."""
    hand = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hand_count.py"), "--as-of", as_of],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(hand.stdout)
    s = _status("--as-of", as_of)
    t, k = s["totals"], s["kpis"]
    assert figures == {
        "cases": t["cases"], "registered": t["registered"], "in_progress": t["in_progress"],
        "unreachable": t["unreachable"], "closed": t["closed"], "settled": t["settled"],
        "observing": t["observing"], "overdue": t["overdue"],
        "due_soon": t["due_soon"], "closed_late": t["closed_late"],
        "cross_level_collective": k["cross_level_collective_visits"],
        "abnormal_beijing": k["abnormal_beijing_visits"],
        "cross_level": k["cross_level_visits"], "collective": k["collective_visits"],
        "background": sum(not i["charged"] for i in s["incidents"]),
        "overdue_ids": [c["id"] for c in s["overdue"]], "closure_rate": t["closure_rate"],
    }  # fmt: skip


def test_an_extension_counts_from_the_day_it_was_approved(repo: Path) -> None:
    extension = {"approved_by": "郑春生", "approved_on": "2008-06-27", "days": 22,
                 "reason": "救助资金需报县政府常务会研究。"}  # fmt: skip
    write_case(repo, "XF2008-T01-001", status="in_progress", remove=("closure", "settled"),
               extensions=[extension], next_steps="继续办理。")  # fmt: skip
    before = view_of(repo, date(2008, 6, 26)).cases[0].deadline
    assert before is not None and (before.effective, before.due_soon) == (date(2008, 6, 30), True)
    after = view_of(repo, date(2008, 6, 27)).cases[0].deadline
    assert after is not None and (after.effective, after.due_soon) == (date(2008, 7, 22), False)


def test_priority_cases_come_first_in_the_excel_register(repo: Path, tmp_path: Path) -> None:
    import openpyxl

    from xinfang.office.excel.export import export_workbook

    write_case(repo, "XF2008-T01-001", priority=False, flags=["cross_level", "collective"])
    write_case(repo, "XF2008-T01-002")
    book = openpyxl.load_workbook(export_workbook(repo, tmp_path / "台账.xlsx", date(2008, 7, 20)))
    for sheet in ("全部案件", "打印台账", "城关镇"):
        column = [row[0] for row in book[sheet].iter_rows(min_col=1, max_col=1, values_only=True)]
        header = column.index("编号")  # sheets differ in how many title lines stand above it
        assert column[header + 1 : header + 3] == ["XF2008-T01-002", "XF2008-T01-001"], sheet


def test_the_staff_guide_quotes_the_recounted_closure_rate() -> None:
    """The guide's example rate is the bundled campaign's at 2008-07-20, as hand_count.py has it."""
    hand = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hand_count.py"), "--as-of", "2008-07-20"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(hand.stdout)
    closed, cases = figures["closed"], figures["cases"]
    exact = Decimal(closed) * 100 / Decimal(cases)  # half up, as the papers round: 56.25 is 56.3
    rate = f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    assert f"“结案率 {rate}（{closed}/{cases}）”" in guide
