"""An assignment's report-back date binds the linked case, and an extension counts only when
approved before the deadline passed (issue 23, point 9).

The base case (tests/rules/_base.yml) is XF2008-T01-001 with 办结时限 2008-06-30, reopened here
as in progress.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from xinfang.campaign.workdays import WorkCalendar
from xinfang.records.repository import open_repository
from xinfang.rules.duties_status import duties_overview
from xinfang.rules.leaders import leader_views
from xinfang.rules.status import overview
from xinfang.site.case_deadlines import deadline_text

from .test_status import view_of, write_case

OPEN = {"status": "in_progress", "next_steps": "7 月底前提出处理意见。"}


def _assignment(root: Path, report_due: str) -> None:
    record = {
        "id": "JB2008-001", "level": "city", "from": "市信访局", "number": "市信交〔2008〕8号",
        "kind": "assign", "issued": "2008-04-10", "received": "2008-04-11",
        "subject": "北街村 12 户反映拆迁补偿款未足额发放，6 人到市信访局集体上访。",
        "case": "XF2008-T01-001", "report_due": report_due,
    }  # fmt: skip
    (root / "assignments").mkdir(exist_ok=True)
    (root / "assignments" / "JB2008-001.yml").write_text(
        yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def test_the_earlier_report_back_date_binds(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001", remove=("closure", "settled"), **OPEN)
    _assignment(repo, "2008-06-20")
    (case,) = view_of(repo, date(2008, 6, 25)).cases
    d = case.deadline
    assert d is not None
    assert (d.effective, d.campaign_due, d.binding, d.overdue) == (
        date(2008, 6, 20), date(2008, 6, 30), "report_back", True,
    )  # fmt: skip
    assert deadline_text(case) == (
        "交办报结期限 2008-06-20（市信访局，交办件 JB2008-001，早于本案办结时限 2008-06-30，"
        "以此为准），已超期 5 天"
    )


def test_a_later_report_back_date_leaves_the_campaign_deadline(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001", remove=("closure", "settled"), **OPEN)
    _assignment(repo, "2008-07-31")
    (case,) = view_of(repo, date(2008, 6, 25)).cases
    assert case.deadline is not None
    assert (case.deadline.effective, case.deadline.binding) == (date(2008, 6, 30), "campaign")


def test_a_county_extension_does_not_move_the_report_back_date(repo: Path) -> None:
    extension = {"approved_by": "郑春生", "approved_on": "2008-06-27", "days": 30,
                 "reason": "补偿资金需报县政府常务会研究，已告知信访人。"}  # fmt: skip
    write_case(
        repo, "XF2008-T01-001", remove=("closure", "settled"), extensions=[extension], **OPEN
    )
    _assignment(repo, "2008-07-15")
    (case,) = view_of(repo, date(2008, 7, 20)).cases
    d = case.deadline
    assert d is not None
    assert (d.campaign_due, d.effective, d.overdue) == (date(2008, 7, 30), date(2008, 7, 15), True)


def test_an_extension_approved_after_the_deadline_moves_nothing(repo: Path) -> None:
    lapsed = {"approved_by": "郑春生", "approved_on": "2008-07-02", "days": 20,
              "reason": "补偿资金需报县政府常务会研究，已告知信访人。"}  # fmt: skip
    write_case(repo, "XF2008-T01-001", remove=("closure", "settled"), extensions=[lapsed], **OPEN)
    (case,) = view_of(repo, date(2008, 7, 10)).cases
    d = case.deadline
    assert d is not None
    assert (d.effective, d.extension_days, d.overdue, len(d.lapsed)) == (
        date(2008, 6, 30), 0, True, 1,
    )  # fmt: skip
    assert "2008-07-02 批准的延期在期限届满后，不计入" in deadline_text(case)


def test_no_paper_asks_a_leader_to_approve_a_lapsed_extension(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001", remove=("closure", "settled"), **OPEN)  # lead: 郑春生
    write_case(repo, "XF2008-T01-002", remove=("closure", "settled"), **OPEN,
               responsibility__deadline="2008-07-14")  # fmt: skip
    r = open_repository(repo)
    view = overview(r.campaign, r.cases, date(2008, 7, 10), WorkCalendar())
    (leader,) = leader_views(r, view, duties_overview(r, view))
    whys = {d.ref: d.why for d in leader.decisions if d.ref.startswith("XF")}
    assert "不能再批准延期" in whys["XF2008-T01-001"] and "批准延期（" not in whys["XF2008-T01-001"]
    assert "须在 2008-07-14 前批准" in whys["XF2008-T01-002"]
