from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from xinfang.campaign.deadlines import DeadlineStatus, deadline_status
from xinfang.campaign.periods import add_period, today_in_shanghai
from xinfang.campaign.statutory import (
    REGULATION_2005,
    REGULATION_2022,
    STATUTORY_CLOCKS,
    binding,
    regulation_on,
    statutory_dues,
)
from xinfang.campaign.workdays import WorkCalendar
from xinfang.errors import ConfigError, UnknownYearError
from xinfang.records.case import Case, case_from_data
from xinfang.records.loader import Loaded
from xinfang.records.policy import DayKind, Policy
from xinfang.records.schema import load_schema
from xinfang.records.validate import validate

ROOT = Path(__file__).resolve().parents[1]
CAL = WorkCalendar()
# The campaign file's defaults: no text sets a default period, so the policy alone has none.
DEFAULT = Policy(default_deadline_days={"litigation": 90, "prominent": 60, "hotspot": 60})
NO_ROLL = replace(DEFAULT, roll_forward=False)
FIRST_COUNTS = replace(DEFAULT, first_day_counts=True)

# Periods of up to 200 days from these starts stay inside the years chinese_calendar knows.
STARTS = st.dates(min_value=date(2004, 1, 1), max_value=date(2024, 6, 30))
DAYS = st.integers(min_value=1, max_value=200)
KINDS = st.sampled_from(["calendar", "working"])
POLICIES = st.builds(Policy, first_day_counts=st.booleans(), roll_forward=st.booleans())


# --- add_period: literal dates -----------------------------------------------------------------


def test_one_working_day_after_may_day_2008_is_the_sunday() -> None:
    assert add_period(date(2008, 4, 30), 1, "working", DEFAULT, CAL) == date(2008, 5, 4)


def test_calendar_period_ending_on_may_day_rolls_forward() -> None:
    assert add_period(date(2008, 4, 30), 1, "calendar", DEFAULT, CAL) == date(2008, 5, 4)
    assert add_period(date(2008, 4, 29), 3, "calendar", DEFAULT, CAL) == date(2008, 5, 4)


def test_without_roll_forward_the_holiday_stays() -> None:
    assert add_period(date(2008, 4, 30), 1, "calendar", NO_ROLL, CAL) == date(2008, 5, 1)


def test_first_day_counts_both_ways() -> None:
    start = date(2008, 6, 2)  # Monday
    assert add_period(start, 3, "calendar", DEFAULT, CAL) == date(2008, 6, 5)
    assert add_period(start, 3, "calendar", FIRST_COUNTS, CAL) == date(2008, 6, 4)
    assert add_period(start, 1, "working", DEFAULT, CAL) == date(2008, 6, 3)
    assert add_period(start, 1, "working", FIRST_COUNTS, CAL) == start
    # A start on a day off is not a working day to count even when the first day counts.
    assert add_period(date(2008, 5, 1), 1, "working", FIRST_COUNTS, CAL) == date(2008, 5, 4)


def test_national_day_week_2008() -> None:
    # 30 days from 31 Aug end on 30 Sep, inside the 29 Sep – 5 Oct break.
    assert add_period(date(2008, 8, 31), 30, "calendar", DEFAULT, CAL) == date(2008, 10, 6)
    assert add_period(date(2008, 8, 31), 30, "calendar", NO_ROLL, CAL) == date(2008, 9, 30)
    # Friday 26 Sep: the weekend of 27–28 Sep was worked, then the break.
    assert add_period(date(2008, 9, 26), 2, "working", DEFAULT, CAL) == date(2008, 9, 28)
    assert add_period(date(2008, 9, 26), 5, "working", DEFAULT, CAL) == date(2008, 10, 8)


def test_spring_festival_2008() -> None:
    # 6–12 Feb off; Saturday 2 and Sunday 3 Feb worked.
    assert add_period(date(2008, 1, 28), 10, "calendar", DEFAULT, CAL) == date(2008, 2, 13)
    assert add_period(date(2008, 1, 31), 5, "working", DEFAULT, CAL) == date(2008, 2, 5)
    assert add_period(date(2008, 1, 31), 6, "working", DEFAULT, CAL) == date(2008, 2, 13)


def test_period_must_have_a_day() -> None:
    with pytest.raises(ValueError):
        add_period(date(2008, 6, 2), 0, "calendar", DEFAULT, CAL)


def test_unknown_year_raises_only_when_the_calendar_is_needed() -> None:
    assert add_period(date(2199, 1, 1), 10, "calendar", NO_ROLL, CAL) == date(2199, 1, 11)
    with pytest.raises(UnknownYearError, match="2199"):
        add_period(date(2199, 1, 1), 10, "calendar", DEFAULT, CAL)
    with pytest.raises(UnknownYearError, match="2199"):
        add_period(date(2199, 1, 1), 10, "working", DEFAULT, CAL)


def test_repository_holidays_file_extends_periods_into_a_new_year(tmp_path: Path) -> None:
    (tmp_path / "holidays.yml").write_text(
        "2099:\n  holidays: ['2099-01-01', '2099-01-02', '2099-01-03']\n", encoding="utf-8"
    )
    cal = WorkCalendar.from_root(tmp_path)
    # 2098 is known to neither source, but a period without roll-forward never asks.
    assert add_period(date(2099, 1, 1), 1, "working", DEFAULT, cal) == date(2099, 1, 5)
    assert add_period(date(2098, 12, 31), 1, "calendar", NO_ROLL, cal) == date(2099, 1, 1)
    assert add_period(date(2099, 1, 1), 1, "calendar", DEFAULT, cal) == date(2099, 1, 5)


# --- add_period: properties --------------------------------------------------------------------


@given(STARTS, DAYS, POLICIES)
def test_working_day_period_ends_on_a_working_day(start: date, days: int, policy: Policy) -> None:
    end = add_period(start, days, "working", policy, CAL)
    assert CAL.is_working_day(end)
    first = start if policy.first_day_counts else start + timedelta(days=1)
    counted = sum(
        CAL.is_working_day(first + timedelta(days=i)) for i in range((end - first).days + 1)
    )
    assert counted == days


@given(STARTS, DAYS, st.integers(min_value=0, max_value=100), KINDS, POLICIES)
def test_longer_period_never_ends_earlier(
    start: date, days: int, more: int, kind: DayKind, policy: Policy
) -> None:
    assert add_period(start, days, kind, policy, CAL) <= add_period(
        start, days + more, kind, policy, CAL
    )


@given(STARTS, DAYS, st.booleans())
def test_rolled_calendar_period_lands_on_the_first_working_day(
    start: date, days: int, first_counts: bool
) -> None:
    policy = replace(DEFAULT, first_day_counts=first_counts)
    nominal = add_period(start, days, "calendar", replace(policy, roll_forward=False), CAL)
    assert nominal == start + timedelta(days=days - (1 if first_counts else 0))
    end = add_period(start, days, "calendar", policy, CAL)
    assert CAL.is_working_day(end)
    assert all(
        not CAL.is_working_day(nominal + timedelta(days=i)) for i in range((end - nominal).days)
    )


# --- statutory clocks and policy ---------------------------------------------------------------


def test_statutory_clocks() -> None:
    assert {k: (c.days, c.kind) for k, c in STATUTORY_CLOCKS.items()} == {
        "acceptance": (15, "calendar"),
        "handling": (60, "calendar"),
        "review": (30, "calendar"),
        "second_review": (30, "calendar"),
    }
    assert STATUTORY_CLOCKS["handling"].extension_max_days == 30
    assert STATUTORY_CLOCKS["second_review"].name == "复核"
    assert [STATUTORY_CLOCKS[k].citation(REGULATION_2005) for k in STATUTORY_CLOCKS] == [
        "《信访条例》第二十一条、第二十二条",
        "《信访条例》第三十三条",
        "《信访条例》第三十四条",
        "《信访条例》第三十五条",
    ]
    assert [STATUTORY_CLOCKS[k].citation(REGULATION_2022) for k in STATUTORY_CLOCKS] == [
        "《信访工作条例》第二十二条、第二十三条",
        "《信访工作条例》第三十四条",
        "《信访工作条例》第三十五条",
        "《信访工作条例》第三十六条",
    ]


def test_the_regulation_in_force_on_the_day() -> None:
    assert regulation_on(date(2008, 4, 16)) is REGULATION_2005
    assert regulation_on(date(2005, 5, 1)) is REGULATION_2005
    assert regulation_on(date(2022, 4, 30)) is REGULATION_2005
    assert regulation_on(date(2022, 5, 1)) is REGULATION_2022
    assert regulation_on(date(2005, 4, 30)) is None  # the 1995 text is not kept
    assert REGULATION_2005.counting == "《民法通则》第一百五十四条"
    assert REGULATION_2022.counting == "《民法典》第二百零一条、第二百零三条"


def test_policy_from_repository_campaign_equals_defaults() -> None:
    campaign = yaml.safe_load((ROOT / "campaign.yml").read_text(encoding="utf-8"))
    policy = Policy.from_campaign(campaign)
    assert policy.audit_from == date(2099, 1, 1)  # this repository's commits are not a county's
    assert policy.statutory_clocks == ("acceptance", "handling")
    # No default for 涉法涉诉 (no text sets one); 越级 as 《信访条例》 Art. 16 draws it.
    assert policy.default_deadline_days == {"prominent": 60, "hotspot": 60}
    assert policy.cross_level_above == "city" and policy.cross_level_note is None
    assert policy.priority_deadline_days is None and policy.rectification_days is None
    others = dataclasses.replace(
        policy, audit_from=None, statutory_clocks=(), default_deadline_days={}
    )
    assert others == Policy()


def test_policy_missing_keys_take_defaults() -> None:
    assert Policy.from_campaign({}) == Policy()
    assert Policy().default_deadline_days == {}  # no invented default period
    assert (
        Policy().cross_level_above == "city"
    )  # 《信访条例》第十六条: the same level or the one above
    policy = Policy.from_campaign(
        {"policies": {"day_kind": "working", "default_deadline_days": {"hotspot": 30}}}
    )
    assert policy.day_kind == "working"
    assert policy.default_deadline_days == {"hotspot": 30}
    assert policy.extension_cap_days == 30


@pytest.mark.parametrize(
    "policies",
    [
        [],
        {"day_kind": "lunar"},
        {"first_day_counts": "yes"},
        {"extension_cap_days": -1},
        {"due_soon_days": True},
        {"default_deadline_days": {"other": 10}},
        {"default_deadline_days": {"hotspot": 0}},
        {"statutory_clocks": ["appeal"]},
        {"cross_level_above": "beijing"},
        {"priority_deadline_days": 0},
        {"rectification_days": "three"},
    ],
)
def test_policy_bad_values_raise_config_error(policies: object) -> None:
    with pytest.raises(ConfigError, match="policies"):
        Policy.from_campaign({"policies": policies})


# --- deadline_status ---------------------------------------------------------------------------


SCHEMA = load_schema(ROOT, "case")


def case(**extra: Any) -> dict[str, Any]:
    """A minimal valid record, with the keys given replaced."""
    record: dict[str, Any] = {
        "id": "XF2008-T01-001",
        "title": "测试案件标题",
        "category": "hotspot",
        "status": "in_progress",
        "registered": "2008-04-20",
        "petitioners": [{"name": "张三", "locality": "T01"}],
        "head_count": 1,
        "demand": "测试诉求内容",
        "responsibility": {"unit": "T01", "deadline": "2008-06-30"},
    }
    record.update(extra)
    return record


def typed(record: dict[str, Any]) -> Case:
    loaded = Loaded(Path("case.yml"), "case.yml", record)
    assert validate(loaded, SCHEMA), loaded.findings
    return case_from_data(record)


def status(record: dict[str, Any], as_of: date, policy: Policy = DEFAULT) -> DeadlineStatus:
    result = deadline_status(typed(record), as_of, policy, CAL)
    assert result is not None
    return result


def test_registered_deadline_due_soon() -> None:
    s = status(case(), date(2008, 6, 25))
    assert (s.base, s.base_source, s.effective) == (
        date(2008, 6, 30),
        "registered",
        date(2008, 6, 30),
    )
    assert (s.days_left, s.overdue, s.due_soon, s.closed_late, s.closed_on) == (
        5,
        False,
        True,
        False,
        None,
    )
    assert (s.extension_days, s.extension_over_cap) == (0, False)


def test_deadline_day_itself_is_not_overdue() -> None:
    s = status(case(), date(2008, 6, 30))
    assert (s.days_left, s.overdue, s.due_soon) == (0, False, True)


def test_not_yet_due_soon() -> None:
    s = status(case(), date(2008, 6, 22))
    assert (s.days_left, s.due_soon) == (8, False)


def test_overdue() -> None:
    s = status(case(), date(2008, 7, 1))
    assert (s.days_left, s.overdue, s.due_soon) == (-1, True, False)


def test_closed_late_and_on_time() -> None:
    late = status(case(status="closed", closure={"date": "2008-07-02"}), date(2008, 7, 20))
    assert (late.closed_on, late.closed_late, late.overdue, late.due_soon) == (
        date(2008, 7, 2),
        True,
        False,
        False,
    )
    on_time = status(case(status="closed", closure={"date": "2008-06-30"}), date(2008, 7, 20))
    assert (on_time.closed_late, on_time.overdue) == (False, False)
    soon = status(case(status="closed", closure={"date": "2008-06-20"}), date(2008, 6, 25))
    assert soon.due_soon is False


def test_closure_date_counts_only_when_closed() -> None:
    s = status(case(closure={"date": "2008-07-02"}), date(2008, 7, 20))
    assert (s.closed_on, s.closed_late, s.overdue) == (None, False, True)
    no_date = status(case(status="closed"), date(2008, 7, 20))
    assert (no_date.closed_on, no_date.closed_late, no_date.overdue) == (None, False, False)


def test_default_deadline_from_registration() -> None:
    record = case(responsibility={"unit": "T01"})
    s = status(record, date(2008, 6, 1))
    assert (s.base, s.base_source) == (date(2008, 6, 19), "default")  # 60 days, a Thursday
    litigation = status({**record, "category": "litigation"}, date(2008, 6, 1))
    assert litigation.base == date(2008, 7, 21)  # 90 days end Saturday 19 Jul: rolled
    working = status(record, date(2008, 6, 1), replace(DEFAULT, day_kind="working"))
    assert working.base == add_period(date(2008, 4, 20), 60, "working", DEFAULT, CAL)


@pytest.mark.parametrize(
    "record",
    [
        case(responsibility={"unit": "T01", "deadline": "2008-02-30"}),
        case(responsibility={"unit": "T01"}, registered="2008-4-20"),
        case(responsibility={"unit": "T01"}, registered=None),
        case(responsibility={"unit": "T01"}, category="other"),
        case(responsibility="T01", registered="garbage"),
        case(
            extensions=[
                {
                    "approved_by": "赵振华",
                    "approved_on": "2008-06-25",
                    "reason": "情况复杂需延期",
                    "days": "ten",
                }
            ]
        ),
        case(extensions="none"),
    ],
)
def test_records_no_deadline_can_be_read_from_are_refused_first(record: dict[str, Any]) -> None:
    """Bad dates, categories and extensions are schema findings: no deadline is guessed."""
    loaded = Loaded(Path("case.yml"), "case.yml", record)
    assert not validate(loaded, SCHEMA)
    assert loaded.findings


def test_without_the_campaign_files_word_there_is_no_default_deadline() -> None:
    record = typed(case(responsibility={"unit": "T01"}, category="litigation"))
    assert deadline_status(record, date(2008, 6, 1), Policy(), CAL) is None


def test_priority_cases_take_the_shorter_priority_default() -> None:
    policy = replace(DEFAULT, priority_deadline_days=30)
    plain = status(case(responsibility={"unit": "T01"}), date(2008, 5, 1), policy)
    assert plain.base == date(2008, 6, 19)  # 60 days for a hotspot case
    priority = status(case(responsibility={"unit": "T01"}, priority=True), date(2008, 5, 1), policy)
    assert (priority.base, priority.base_source) == (date(2008, 5, 20), "default")  # 30 days
    # A registered deadline stands; a longer priority default never lengthens the category's.
    registered = status(case(priority=True), date(2008, 5, 1), policy)
    assert registered.base == date(2008, 6, 30)
    longer = replace(DEFAULT, priority_deadline_days=90)
    assert status(
        case(responsibility={"unit": "T01"}, priority=True), date(2008, 5, 1), longer
    ).base == date(2008, 6, 19)
    only = Policy(priority_deadline_days=30)
    assert status(
        case(responsibility={"unit": "T01"}, priority=True), date(2008, 5, 1), only
    ).base == date(2008, 5, 20)


def test_the_clock_stops_when_the_closure_report_is_complete() -> None:
    # A follow-up after the closure date (itself a finding) completes the closure only then.
    record = case(
        status="closed",
        closure={"date": "2008-06-30", "follow_up": {"date": "2008-07-03", "opinion": "agree"}},
    )
    s = status(record, date(2008, 7, 20))
    assert (s.closed_on, s.closed_late) == (date(2008, 7, 3), True)
    in_order = case(
        status="closed",
        closure={"date": "2008-06-30", "follow_up": {"date": "2008-06-28", "opinion": "agree"}},
    )
    assert status(in_order, date(2008, 7, 20)).closed_late is False


def test_no_default_for_the_category_is_none() -> None:
    record = typed(case(responsibility={"unit": "T01"}))
    days = {"litigation": 90, "prominent": 60}  # no hotspot default
    policy = replace(DEFAULT, default_deadline_days=days)
    assert deadline_status(record, date(2008, 6, 1), policy, CAL) is None


def test_unknown_year_in_record_raises() -> None:
    record = case(responsibility={"unit": "T01"}, registered="2199-01-01")
    with pytest.raises(UnknownYearError, match="2199"):
        deadline_status(typed(record), date(2199, 1, 1), DEFAULT, CAL)


def ext(**fields: Any) -> dict[str, Any]:
    return {
        "approved_by": "赵振华",
        "approved_on": "2008-06-25",
        "reason": "情况复杂需延期",
        **fields,
    }


def test_extension_new_deadline_replaces_only_if_later() -> None:
    s = status(case(extensions=[ext(new_deadline="2008-07-15")]), date(2008, 7, 1))
    assert (s.effective, s.extension_days, s.overdue) == (date(2008, 7, 15), 15, False)
    earlier = status(case(extensions=[ext(new_deadline="2008-06-20")]), date(2008, 7, 1))
    assert (earlier.effective, earlier.extension_days, earlier.overdue) == (
        date(2008, 6, 30),
        0,
        True,
    )


def test_extension_days_roll_forward_without_counting_toward_cap() -> None:
    # 30 Jun + 20 days = Sunday 20 Jul, rolled to Monday 21 Jul; then + 10 days = 31 Jul.
    s = status(case(extensions=[ext(days=20), ext(days=10)]), date(2008, 7, 1))
    assert (s.effective, s.extension_days, s.extension_over_cap) == (date(2008, 7, 31), 30, False)
    no_roll = status(case(extensions=[ext(days=20)]), date(2008, 7, 1), NO_ROLL)
    assert no_roll.effective == date(2008, 7, 20)


def test_extension_over_cap() -> None:
    record = case(extensions=[ext(days=20), ext(new_deadline="2008-08-05")])
    s = status(record, date(2008, 7, 1))
    # 20 days (to 21 Jul after the roll) + 15 more to 5 Aug: 35 asked, over the cap of 30.
    assert (s.effective, s.extension_days, s.extension_over_cap) == (date(2008, 8, 5), 35, True)
    uncapped = status(record, date(2008, 7, 1), replace(DEFAULT, extension_cap_days=0))
    assert uncapped.extension_over_cap is False


def test_extensions_that_move_nothing_change_nothing() -> None:
    # A new deadline not after the current one asks for nothing; so does an entry with neither.
    record = case(extensions=[ext(new_deadline="2008-06-01"), ext()])
    s = status(record, date(2008, 7, 1))
    assert (s.effective, s.extension_days) == (date(2008, 6, 30), 0)


def test_extension_with_both_fields_uses_new_deadline() -> None:
    s = status(case(extensions=[ext(new_deadline="2008-07-10", days=30)]), date(2008, 7, 1))
    assert (s.effective, s.extension_days) == (date(2008, 7, 10), 10)


EXTENSIONS = st.lists(
    st.one_of(
        st.builds(lambda d: {"days": d}, st.integers(min_value=1, max_value=40)),
        st.builds(
            lambda d: {"new_deadline": d.isoformat()},
            st.dates(min_value=date(2008, 1, 1), max_value=date(2009, 12, 31)),
        ),
    ),
    max_size=4,
)


@given(EXTENSIONS, st.dates(min_value=date(2008, 1, 1), max_value=date(2009, 12, 31)))
def test_extensions_never_shorten_and_add_at_least_what_they_ask(
    extensions: list[dict[str, Any]], as_of: date
) -> None:
    s = status(case(extensions=[ext(**e) for e in extensions]), as_of)
    assert s.effective >= s.base
    assert (s.effective - s.base).days >= s.extension_days >= 0
    assert s.extension_over_cap == (s.extension_days > 30)
    assert s.days_left == (s.effective - as_of).days
    assert s.overdue == (as_of > s.effective)
    assert not (s.overdue and s.due_soon)


# --- today -------------------------------------------------------------------------------------


def test_today_in_shanghai_crosses_midnight_before_utc() -> None:
    assert today_in_shanghai(datetime(2008, 7, 31, 16, 30, tzinfo=UTC)) == date(2008, 8, 1)
    assert today_in_shanghai(datetime(2008, 7, 31, 15, 30, tzinfo=UTC)) == date(2008, 7, 31)
    assert isinstance(today_in_shanghai(), date)


CLOCKS = Policy(statutory_clocks=("acceptance", "handling", "review"))


def dues(record: dict[str, Any], as_of: date, policy: Policy = CLOCKS) -> dict[str, Any]:
    return {d.clock.key: d for d in statutory_dues(typed(record), policy, CAL, as_of)}


def test_statutory_clocks_from_the_case_dates() -> None:
    record = case(statutory={"received": "2007-09-03", "accepted": "2008-04-16"})
    found = dues(record, date(2008, 6, 1))
    # 15 days from 3 September 2007: a Tuesday. 60 days from 16 April 2008 end on Sunday
    # 15 June and roll to Monday 16 June. No review was requested: no review clock.
    assert {k: (d.start, d.due) for k, d in found.items()} == {
        "acceptance": (date(2007, 9, 3), date(2007, 9, 18)),
        "handling": (date(2008, 4, 16), date(2008, 6, 16)),
    }
    assert found["handling"].citation == "《信访条例》第三十三条"
    assert found["handling"].regulation.counting == "《民法通则》第一百五十四条"
    assert statutory_dues(typed(record), Policy(), CAL, date(2008, 6, 1)) == []


def test_a_clock_cites_the_regulation_in_force_when_it_starts() -> None:
    record = case(
        registered="2022-05-10",
        responsibility={"unit": "T01", "deadline": "2022-06-30"},
        statutory={"received": "2022-04-28", "accepted": "2022-05-05"},
    )
    found = dues(record, date(2022, 6, 1))
    assert found["acceptance"].citation == "《信访条例》第二十一条、第二十二条"  # received 28 April
    assert found["handling"].citation == "《信访工作条例》第三十四条"  # accepted 5 May
    assert found["handling"].regulation.counting == "《民法典》第二百零一条、第二百零三条"
    assert found["handling"].due == date(2022, 7, 4)  # 60 days end Monday 4 July


def test_statutory_clocks_honour_extensions_and_stop_at_closure() -> None:
    accepted = {"statutory": {"accepted": "2008-04-16"}}  # handling due Monday 16 June
    running = dues(case(**accepted), date(2008, 6, 10))["handling"]
    assert (running.state, running.days_left) == ("running", 6)
    overdue = dues(case(**accepted), date(2008, 6, 20))["handling"]
    assert (overdue.state, overdue.days_left, overdue.extension_days) == ("overdue", -4, 0)
    # An extension approved while the clock ran: 20 days more, to Sunday 6 July, rolled to 7 July.
    extended = case(**accepted, extensions=[ext(approved_on="2008-06-10", days=20)])
    h = dues(extended, date(2008, 6, 20))["handling"]
    assert (h.extended_due, h.extension_days, h.state) == (date(2008, 7, 7), 20, "running")
    # At most the regulation's 30 days, however long the campaign extension.
    long = case(**accepted, extensions=[ext(approved_on="2008-06-10", new_deadline="2008-09-30")])
    assert dues(long, date(2008, 6, 20))["handling"].extended_due == date(2008, 7, 16)
    # An extension approved after the period ended does not revive it.
    late = case(**accepted, extensions=[ext(approved_on="2008-06-20", days=20)])
    assert dues(late, date(2008, 6, 25))["handling"].state == "overdue"
    # The closure stops the clock: met before the due date, late after it; never overdue later.
    closed = {**accepted, "status": "closed"}
    met = dues(case(**closed, closure={"date": "2008-06-12"}), date(2008, 7, 20))["handling"]
    assert met.state == "met"
    after = dues(case(**closed, closure={"date": "2008-06-25"}), date(2008, 7, 20))["handling"]
    assert (after.state, after.stopped_on) == ("late", date(2008, 6, 25))
    # Acceptance stops when the petitioner was told in writing, not at the decision alone.
    decided = {"received": "2008-04-15", "accepted": "2008-04-16"}
    acceptance = dues(case(statutory=decided), date(2008, 7, 20))
    assert acceptance["acceptance"].state == "overdue"  # never told: due 04-30
    told = dues(case(statutory={**decided, "notified": "2008-04-17"}), date(2008, 7, 20))
    assert (told["acceptance"].state, told["acceptance"].stopped_on) == ("met", date(2008, 4, 17))


def test_which_deadline_binds() -> None:
    found = list(dues(case(statutory={"accepted": "2008-04-16"}), date(2008, 6, 1)).values())
    assert binding(date(2008, 6, 30), found) == "statutory"  # the law's 16 June comes first
    assert binding(date(2008, 6, 10), found) == "campaign"
    assert binding(date(2008, 6, 16), found) == "campaign"  # the same day
    assert binding(None, found) == "statutory"
    assert binding(date(2008, 6, 30), []) == "campaign"
    assert binding(None, []) is None
