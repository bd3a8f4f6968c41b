"""`xinfang status` on the bundled campaign: figures checked by hand against the case files.

At 2008-07-20: 48 cases, 27 closed (18 settled), 7 overdue (D02-004, D04-004, D07-005, T01-003,
T02-003, T03-003, T05-003), cross-level collective visits in the window T04-004 (05-15),
D05-002 (06-03), T03-003 (06-16), one abnormal Beijing visit D02-005 (06-24).
At 2008-05-10: 44 cases registered by then, one closed (D04-001, 05-08), nothing overdue.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from xinfang.cli import main
from xinfang.rules.status import obligation

from .conftest import ROOT


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
        18,
    )
    assert (t["overdue"], t["due_soon"], t["closed_late"]) == (7, 5, 4)
    assert t["closure_rate"] == round(27 / 48, 4)
    assert s["kpis"] == {
        "cross_level_collective_visits": 3,
        "abnormal_beijing_visits": 1,
        "target": 0,
    }
    assert [c["id"] for c in s["overdue"]] == [
        "XF2008-D07-005",
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
    assert (t["cases"], t["closed"], t["settled"], t["overdue"]) == (44, 1, 1, 0)
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
