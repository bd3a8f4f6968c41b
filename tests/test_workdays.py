from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xinfang.campaign.workdays import WorkCalendar, YearNotice, parse_notices
from xinfang.errors import ConfigError, UnknownYearError

CAL = WorkCalendar()
KNOWN_DATES = st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2008 May Day: 1–3 May off, Sunday 4 May a make-up working day.
        (date(2008, 4, 30), True),
        (date(2008, 5, 1), False),
        (date(2008, 5, 2), False),
        (date(2008, 5, 3), False),
        (date(2008, 5, 4), True),
        # 2008 National Day: 29 Sep – 5 Oct off, the weekend before worked.
        (date(2008, 9, 27), True),
        (date(2008, 9, 28), True),
        (date(2008, 9, 29), False),
        (date(2008, 10, 1), False),
        (date(2008, 10, 5), False),
        (date(2008, 10, 6), True),
        # 2008 Spring Festival: 6–12 Feb off, 2–3 Feb (weekend) worked.
        (date(2008, 2, 2), True),
        (date(2008, 2, 3), True),
        (date(2008, 2, 6), False),
        (date(2008, 2, 12), False),
        (date(2008, 2, 13), True),
        # Ordinary weekend and weekday.
        (date(2008, 6, 14), False),
        (date(2008, 6, 16), True),
    ],
)
def test_2008_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working
    assert CAL.is_rest_day(day) is not working


def test_holiday_means_notice_holiday_not_ordinary_weekend() -> None:
    assert CAL.is_holiday(date(2008, 5, 1))
    assert CAL.is_holiday(date(2008, 5, 3))  # a Saturday inside the May Day break
    assert not CAL.is_holiday(date(2008, 5, 4))  # make-up working Sunday
    assert not CAL.is_holiday(date(2008, 6, 14))  # ordinary Saturday: off, but no holiday
    assert not CAL.is_holiday(date(2008, 6, 16))


@pytest.mark.parametrize("year", [1990, 2199])
def test_unknown_year_raises_naming_the_year(year: int) -> None:
    assert not CAL.knows_year(year)
    with pytest.raises(UnknownYearError, match=str(year)) as info:
        CAL.is_working_day(date(year, 3, 3))
    assert info.value.year == year
    with pytest.raises(UnknownYearError, match=str(year)):
        CAL.is_holiday(date(year, 3, 3))


def test_from_root_without_file_uses_package(tmp_path: Path) -> None:
    cal = WorkCalendar.from_root(tmp_path)
    assert cal.knows_year(2008)
    assert cal.is_working_day(date(2008, 5, 4))


def test_repository_file_adds_a_year(tmp_path: Path) -> None:
    (tmp_path / "holidays.yml").write_text(
        "2099:\n"
        "  notice: 虚构的放假通知\n"
        "  holidays: ['2099-01-01', '2099-01-02', '2099-01-03']\n"
        "  workdays: ['2099-01-04']\n",
        encoding="utf-8",
    )
    cal = WorkCalendar.from_root(tmp_path)
    assert cal.knows_year(2099)
    assert not cal.is_working_day(date(2099, 1, 1))  # Thursday, listed holiday
    assert cal.is_holiday(date(2099, 1, 3))  # Saturday, listed
    assert cal.is_working_day(date(2099, 1, 4))  # Sunday, listed workday
    assert cal.is_working_day(date(2099, 1, 5))  # ordinary Monday
    assert not cal.is_working_day(date(2099, 1, 10))  # ordinary Saturday
    assert not cal.is_holiday(date(2099, 1, 10))
    with pytest.raises(UnknownYearError, match="2100"):
        cal.is_working_day(date(2100, 1, 1))


def test_repository_file_overrides_the_package_for_its_year(tmp_path: Path) -> None:
    # The file defines 2008 alone: 1 May is no longer off, 4 May (Sunday) no longer worked.
    (tmp_path / "holidays.yml").write_text(
        "'2008':\n  holidays: ['2008-05-05']\n", encoding="utf-8"
    )
    cal = WorkCalendar.from_root(tmp_path)
    assert cal.is_working_day(date(2008, 5, 1))
    assert not cal.is_working_day(date(2008, 5, 4))
    assert not cal.is_working_day(date(2008, 5, 5))
    assert cal.is_working_day(date(2007, 12, 28))  # other years still from the package


def test_empty_file_is_no_override(tmp_path: Path) -> None:
    (tmp_path / "holidays.yml").write_text("# 暂无\n", encoding="utf-8")
    assert WorkCalendar.from_root(tmp_path).is_working_day(date(2008, 5, 4))


@pytest.mark.parametrize(
    "text",
    [
        "2099: [unclosed\n",
        "- 2099-01-01\n",
        "abc: {holidays: []}\n",
        "2099: ['2099-01-01']\n",
        "2099: {holiday: ['2099-01-01']}\n",
        "2099: {holidays: '2099-01-01'}\n",
        "2099: {holidays: ['2099-13-01']}\n",
        "2099: {holidays: ['2100-01-01']}\n",
        "2099: {holidays: ['2099-01-04'], workdays: ['2099-01-04']}\n",
    ],
)
def test_malformed_file_raises_config_error_naming_file(tmp_path: Path, text: str) -> None:
    (tmp_path / "holidays.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"holidays\.yml") as info:
        WorkCalendar.from_root(tmp_path)
    assert not isinstance(info.value, UnknownYearError)


def test_parse_notices_accepts_unquoted_dates() -> None:
    notices = parse_notices({2099: {"holidays": [date(2099, 1, 1)]}})
    assert notices == {2099: YearNotice(frozenset({date(2099, 1, 1)}), frozenset())}


@given(KNOWN_DATES)
def test_working_day_rule_matches_notice(day: date) -> None:
    # A weekday is worked unless it is a holiday; a weekend day is off unless made a workday.
    if CAL.is_holiday(day):
        assert not CAL.is_working_day(day)
    elif day.weekday() < 5:
        assert CAL.is_working_day(day)


@given(KNOWN_DATES)
def test_never_a_long_run_of_days_off(day: date) -> None:
    # Even the extended 2020 Spring Festival break (24 Jan – 2 Feb) is shorter than 12 days.
    assert any(CAL.is_working_day(day + timedelta(days=i)) for i in range(12))
