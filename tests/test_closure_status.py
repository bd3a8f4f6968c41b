"""无法回访 stays open and apart; 息诉罢访 is observed, 待观察 until then (issue 23, points 4, 5).

The base case (tests/rules/_base.yml) was closed on 2008-06-25 after a follow-up on 06-23 at
which both representatives signed 同意; its 办结时限 is 2008-06-30.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from xinfang.cli import main
from xinfang.office.notice.build import build_notice

from .test_status import view_of, write_case

UNREACHABLE = {
    "status": "unreachable",
    "closure__follow_up": {
        "date": "2008-07-02", "visitor": "孟庆丰", "method": "in_person", "opinion": "unreachable",
        "reason": "信访人 6 月底举家外出务工，电话停机，多方联系不上。", "decided_by": "陈明亮",
    },
    "next_steps": "信访人返乡后上门回访，请其签署回访意见。",
}  # fmt: skip


def _unreachable(repo: Path, case_id: str = "XF2008-T01-001") -> None:
    write_case(repo, case_id, **UNREACHABLE)
    data = (repo / "cases" / f"{case_id}.yml").read_text(encoding="utf-8")
    # 无法回访 is no closure: no closure date, nothing settled.
    data = data.replace("  date: '2008-06-25'\n", "").replace("settled: true\n", "")
    (repo / "cases" / f"{case_id}.yml").write_text(data, encoding="utf-8")


def test_a_case_no_one_could_follow_up_is_open_and_counted_apart(repo: Path) -> None:
    _unreachable(repo)
    write_case(repo, "XF2008-T01-002")  # closed on 06-25 with a signed 同意
    o = view_of(repo, date(2008, 7, 20))
    assert (o.total, o.closed, o.unreachable, o.closure_rate) == (2, 1, 1, 0.5)
    case = next(c for c in o.cases if c.id == "XF2008-T01-001")
    # The handling ended at the follow-up on 07-02: the case is not overdue after 06-30,
    # and it is not late either, since it never closed.
    assert case.deadline is not None
    assert (case.unreachable, case.closed, case.overdue, case.deadline.closed_late) == (
        True, False, False, False,
    )  # fmt: skip
    units = {u.code: u for u in o.units}
    assert (units["T01"].closed, units["T01"].unreachable) == (1, 1)


def test_before_the_follow_up_the_case_was_in_progress(repo: Path) -> None:
    _unreachable(repo)
    before = view_of(repo, date(2008, 7, 1))
    assert (before.count("in_progress"), before.unreachable) == (1, 0)
    assert len(before.overdue) == 1  # the 办结时限 of 06-30 had passed by 07-01
    assert view_of(repo, date(2008, 7, 2)).unreachable == 1


def test_unreachable_is_shown_apart_in_status_and_the_notice(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _unreachable(repo)
    write_case(repo, "XF2008-T01-002")
    assert main(["status", "--root", str(repo), "--as-of", "2008-07-20"]) == 0
    out = capsys.readouterr().out
    assert "已结案 1；无法回访 1（未结案，不计入结案率）" in out
    assert "待观察 1 件（观察期未满，不计入）" in out
    notice = build_notice(repo, date(2008, 7, 20))
    text = "\n".join(b for s in notice.sections for b in s.blocks if isinstance(b, str))
    assert "无法回访 1 件（未结案，不计入结案率）" in text
    assert "待观察 1 件" in text


def test_settled_only_after_the_observation_period(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001")  # closed 06-25: watched through 07-25
    assert [(d, view_of(repo, date(2008, 7, d)).settled) for d in (20, 25, 26)] == [
        (20, 0), (25, 0), (26, 1),
    ]  # fmt: skip
    assert view_of(repo, date(2008, 7, 25)).observing == 1


def test_a_petition_during_the_observation_period_ends_it(repo: Path) -> None:
    events = [
        {"date": "2008-03-10", "form": "visit", "level": "city", "head_count": 6},
        {"date": "2008-07-22", "form": "letter", "level": "county", "head_count": 1},
    ]
    write_case(repo, "XF2008-T01-001", events=events)
    assert view_of(repo, date(2008, 7, 21)).observing == 1
    later = view_of(repo, date(2008, 7, 26))
    assert (later.settled, later.observing) == (0, 0)


def test_the_observation_period_is_a_campaign_setting(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001")
    campaign = repo / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    assert "settlement_observation_days: 30" in text
    campaign.write_text(
        text.replace("settlement_observation_days: 30", "settlement_observation_days: 60"),
        encoding="utf-8",
    )
    assert view_of(repo, date(2008, 7, 26)).observing == 1  # watched through 08-24
    assert view_of(repo, date(2008, 8, 25)).settled == 1
    campaign.write_text(
        text.replace("settlement_observation_days: 30", "settlement_observation_days: 0"),
        encoding="utf-8",
    )
    assert view_of(repo, date(2008, 6, 26)).settled == 1


def test_the_case_page_says_observing_and_unreachable(repo: Path) -> None:
    from xinfang.site import case_deadlines, casepage

    write_case(repo, "XF2008-T01-001")
    _unreachable(repo, "XF2008-T01-002")
    o = view_of(repo, date(2008, 7, 20))
    policy = o.campaign.policy
    observed, unreachable = o.cases
    assert case_deadlines.settlement_text(observed, policy) == (
        "待观察（观察期至 2008-07-25，期间没有再信访才计为息诉罢访）"
    )
    assert case_deadlines.settlement_text(unreachable, policy) == "否"
    checks = {c.label: c for c in casepage.closure_checklist(unreachable.case) if c.applies}
    assert checks["三、无法回访：不能结案（原因和认定的领导已写明）"].ok is False
    assert checks["三、信访人签字的回访意见"].ok is False
    signed = {c.label: c.ok for c in casepage.closure_checklist(observed.case) if c.applies}
    assert signed["三、签字的信访人（不是电话回访）"] is True
