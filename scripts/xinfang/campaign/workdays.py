"""Working days in China: the State Council holiday notices, from a package or from the repository.

Two sources, in this order:

1. ``holidays.yml`` at the repository root (optional). It carries a year's notice before a
   ``chinesecalendar`` release has it, or corrects one. A year listed there is defined by the
   file alone: listed holidays are off, listed workdays (调休上班) are on, other weekdays are on,
   other Saturdays and Sundays are off. Format::

       # 国务院办公厅关于 2027 年部分节假日安排的通知
       2027:
         notice: 国办发明电〔2026〕X号   # optional, for the reader
         holidays: ['2027-01-01', '2027-02-06', '2027-02-07']   # 放假的日期（含周末）
         workdays: ['2027-02-14']                               # 调休上班的周末日期

   Every date is a quoted 'YYYY-MM-DD' string and must fall in the year it is listed under.

2. The PyPI package ``chinesecalendar`` (``chinese_calendar``), which types in each notice.

A date in a year that neither source knows raises :class:`UnknownYearError`: deadlines are never
computed from a guess (weekends only, or lunar holidays without the make-up working days).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import chinese_calendar
from chinese_calendar.constants import holidays as _PACKAGE_HOLIDAYS

from ..errors import ConfigError, UnknownYearError
from ..findings import Finding
from ..records.loader import load_file
from ..records.yaml_nodes import line_of

HOLIDAYS_FILE = "holidays.yml"

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR_KEYS = frozenset({"notice", "holidays", "workdays"})


@dataclass(frozen=True)
class YearNotice:
    """One year's notice: the days off and the weekend days turned into working days."""

    holidays: frozenset[date]
    workdays: frozenset[date]


class WorkCalendar:
    """Answers "is this a working day?" for the years the repository or the package knows."""

    def __init__(self, notices: Mapping[int, YearNotice] | None = None) -> None:
        # Years given here (from holidays.yml) replace the package's data for that year.
        self._notices: dict[int, YearNotice] = dict(notices or {})

    @classmethod
    def from_root(cls, root: Path) -> WorkCalendar:
        """The calendar for a repository: its ``holidays.yml`` if present, then the package.

        The file is read as strictly as a record (UTF-8, no duplicate keys: a year written twice
        is refused, not silently the last). A broken file stops with every problem on its line.
        """
        path = root / HOLIDAYS_FILE
        if not path.is_file():
            return cls()
        loaded = load_file(path, root, rel=HOLIDAYS_FILE)
        problems = [f for f in loaded.findings if f.severity == "error" and f.rule != "empty"]
        if problems:
            raise ConfigError(_report(problems))
        return cls(parse_notices(loaded.data, HOLIDAYS_FILE))

    def knows_year(self, year: int) -> bool:
        if year in self._notices:
            return True
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    def is_working_day(self, day: date) -> bool:
        """True on a working day: a weekday that is not a holiday, or a make-up working day."""
        notice = self._notices.get(day.year)
        if notice is not None:
            if day in notice.holidays:
                return False
            return day in notice.workdays or day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise UnknownYearError(day.year) from None

    def is_rest_day(self, day: date) -> bool:
        """True on any day off: an ordinary weekend day or a holiday."""
        return not self.is_working_day(day)

    def is_holiday(self, day: date) -> bool:
        """True on a day the notice gives off (法定节假日 and the days joined to it).

        Unlike ``chinese_calendar.is_holiday``, an ordinary weekend day is not a holiday here;
        use :meth:`is_rest_day` for "not a working day".
        """
        notice = self._notices.get(day.year)
        if notice is not None:
            return day in notice.holidays
        self.is_working_day(day)  # raises UnknownYearError for a year the package lacks
        return day in _PACKAGE_HOLIDAYS


def parse_notices(data: object, source: str = HOLIDAYS_FILE) -> dict[int, YearNotice]:
    """Validate the loaded ``holidays.yml`` content; raise ConfigError with every problem on its
    line (the data's line marks; line 1 for plain data)."""
    problems: list[Finding] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Finding(source, line_of(data, path), "holidays-config", "error", message))

    notices: dict[int, YearNotice] = {}
    if data is None:
        return notices
    if not isinstance(data, dict):
        problem((), "顶层应是以年份为键的映射，例如“2027: {holidays: [...], workdays: [...]}”。")
    else:
        for key, body in data.items():
            year = _parse_year(key)
            if year is None:
                problem((key,), f"键 {key!r} 不是年份：请写成四位数字，例如 2027。")
            elif year in notices:
                problem((key,), f"{year} 年写了两次：请合并为一项。")
            else:
                notices[year] = _parse_year_notice(year, key, body, problem)
    if problems:
        raise ConfigError(_report(problems))
    return notices


def _report(problems: list[Finding]) -> str:
    lines = "\n".join(f"  {f.file}:{f.line}: {f.message}" for f in problems)
    return (
        f"{HOLIDAYS_FILE}（节假日和调休安排）有错误，无法按工作日计算期限：\n{lines}\n"
        f"  每年写成“年份: {{holidays: ['YYYY-MM-DD', ...], workdays: ['YYYY-MM-DD', ...]}}”，"
        f"日期加引号，按 UTF-8 保存。"
    )


Problem = Callable[[tuple[str | int, ...], str], None]


def _parse_year(key: object) -> int | None:
    # The strict loader gives keys as text; ``2027`` and ``'2027'`` are the same year.
    if isinstance(key, int) and not isinstance(key, bool):
        year = key
    elif isinstance(key, str) and key.isascii() and key.isdigit():
        year = int(key)
    else:
        return None
    return year if 1900 <= year <= 9999 else None


def _parse_year_notice(year: int, key: str | int, body: object, problem: Problem) -> YearNotice:
    if not isinstance(body, dict):
        problem(
            (key,),
            f"{year} 年的内容应是映射，包含 holidays（放假日期）和 workdays（调休上班日期）两个列表。",
        )
        return YearNotice(frozenset(), frozenset())
    for name in body:
        if name not in _YEAR_KEYS:
            problem(
                (key, name),
                f"{year} 年有未知的键 {name}：只能使用 holidays、workdays 和 notice。",
            )
    off = _parse_dates(year, key, "holidays", body.get("holidays"), problem)
    on = _parse_dates(year, key, "workdays", body.get("workdays"), problem)
    for day in sorted(off & on):
        problem(
            (key, "workdays"),
            f"{year} 年的 {day.isoformat()} 同时列在 holidays 和 workdays 中：请按放假通知只保留一处。",
        )
    for day in sorted(on):
        if day.weekday() < 5:
            problem(
                (key, "workdays"),
                f"workdays 中的 {day.isoformat()} 是星期{'一二三四五'[day.weekday()]}，本来就是工作日："
                f"调休上班的日期都是周六或周日，请对照放假通知核对。",
            )
    return YearNotice(holidays=off, workdays=on)


def _parse_dates(
    year: int, key: str | int, field: str, value: object, problem: Problem
) -> frozenset[date]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        problem(
            (key, field),
            f"{year} 年的 {field} 应是日期列表，例如 ['{year}-01-01']。",
        )
        return frozenset()
    days: set[date] = set()
    for i, item in enumerate(value):
        where: tuple[str | int, ...] = (key, field, i)
        day = _parse_date(item)
        if day is None:
            problem(
                where,
                f"{year} 年 {field} 的 {item!r} 不是有效日期：请写成带引号的 'YYYY-MM-DD'，"
                f"并核对这一天是否存在。",
            )
        elif day.year != year:
            problem(
                where,
                f"{day.isoformat()} 列在 {year} 年之下：请把它移到 {day.year} 年"
                f"（每年的安排只能列本年的日期）。",
            )
        else:
            days.add(day)
    return frozenset(days)


def _parse_date(value: object) -> date | None:
    # An unquoted YAML date arrives as datetime.date; accept it as well as the quoted string.
    if isinstance(value, date):
        return value if type(value) is date else None
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
