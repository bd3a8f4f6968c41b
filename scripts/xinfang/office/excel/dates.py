"""Dates as clerks type them into a ledger, read exactly or named, never guessed.

Read: Excel dates and serial numbers; 2008-04-15, 2008/4/15, 2008.4.15, 2008年4月15日, 20080415;
two-digit years (08.4.15, 07-11-5: 20xx up to the year after the campaign's, else 19xx);
full-width digits and marks (２００８．４．１５); Chinese numerals with 年月日 (二〇〇八年四月十五日);
a time of day after the date; a month and day without a year (4月15日, 4.15, 4/15), in the year
of the ledger's own 填报时间 or 制表日期 line, else the campaign's year; a number such as 4.16,
which is what Excel keeps when 4.16 is typed, read as a month and day.

A month alone (2007年9月, 6月) is a day only where the field says which: a first petition is the
month's first day, a deadline its last; elsewhere it is named. Vague dates (上旬, 月底, 春节前,
左右…), ranges, and a number such as 4.1 (Excel keeps 4.10 as 4.1) are named on their row with
what to write instead. Every assumption (a year added, a month made a day) is said in ``note``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Month = Literal["first", "last"] | None

EXCEL_EPOCH = date(1899, 12, 30)
FIRST_SERIAL = 18264  # 1950-01-01: a smaller number in a date column is not a date
LAST_SERIAL = 73051  # 2100-01-01: a larger number in a date column is not a date either
YEARS = range(1900, 2100)  # the years a ledger's date may be in
EXAMPLE = "请写成 2008-04-15、2008.4.15 或 2008年4月15日"
VAGUE = re.compile(
    r"上旬|中旬|下旬|月初|月中|月底|月末|年初|年中|年底|年末|春节|元旦|国庆|中秋|端午|清明|节前|节后"
    r"|左右|前后|以前|之前|以后|之后|以来|期间|大约|大概|约|近期|最近|不详|不清|不明|记不清|多年|去年|今年|前年"
)
_NUMERALS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_DATE = re.compile(r"^[〇零一二三四五六七八九十]+年|[〇零一二三四五六七八九十]+[月日号]")
_TIME = re.compile(r"(?:\s*(?:上午|下午|晚上|凌晨)?\s*\d{1,2}[:：时]\d{0,2}(?:[:：]\d{1,2})?分?)$")
_FULL = re.compile(
    r"^(?P<y>\d{4}|\d{2})(?:年|[-./])(?P<m>\d{1,2})(?:月|[-./])(?P<d>\d{1,2})[日号]?$"
)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_MONTH_DAY = re.compile(r"^(?P<m>\d{1,2})(?:月|[-./])(?P<d>\d{1,2})[日号]?$")
_YEAR_MONTH = re.compile(
    r"^(?P<y>\d{4})(?:年|[-./])(?P<m>\d{1,2})月?份?$|^(?P<yy>\d{2})年(?P<mm>\d{1,2})月份?$"
)
_MONTH = re.compile(r"^(?P<m>\d{1,2})月份?$")
_TWO_DATES = re.compile(r"\d\s*(?:[-~—–至到]|－)\s*\d.*\d\s*(?:[-~—–至到])\s*\d|[~—–至到]")


class Vague(ValueError):
    """A date that names no one day: 4月上旬, 6月底, 春节前, a month alone, a range."""


@dataclass(frozen=True)
class Calendar:
    """What a ledger's dates are read against: the year of dates written without one (the
    ledger's own 填报时间, else the campaign's), and the campaign's year, for two-digit years."""

    year: int
    campaign_year: int
    year_from: str = ""  # where ``year`` came from, for the note: 填报时间 2008-04-17

    def full_year(self, two: int) -> int:
        return 2000 + two if 2000 + two <= self.campaign_year + 1 else 1900 + two


@dataclass(frozen=True)
class Reading:
    day: date
    note: str = ""  # what was assumed, for the report and the record's comment


def normalize(text: str) -> str:
    """Full-width digits and marks as ASCII, Chinese numerals of a date as digits, no spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text).replace("。", ".").replace("、", ".")
    if _CN_DATE.search(text):
        text = re.sub(r"[〇零一二三四五六七八九十]+", _cn_number, text)
    return text


def _cn_number(match: re.Match[str]) -> str:
    """一九九八 → 1998, 十 → 10, 十五 → 15, 二十 → 20, 三十一 → 31."""
    text = match.group()
    if "十" not in text:
        return text.translate(_NUMERALS)
    tens, _, ones = text.partition("十")
    return str(int(tens.translate(_NUMERALS) or 1) * 10 + int(ones.translate(_NUMERALS) or 0))


def read_date(value: object, cal: Calendar, month: Month = None) -> Reading:
    """The day a cell means; ValueError with a Chinese reason and fix when it means none."""
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        if day.year not in YEARS:
            raise ValueError(f"日期 {day} 超出了台账日期的范围（1900 年至 2099 年）：请核对")
        return Reading(day)
    if isinstance(value, bool):
        raise ValueError(f"“{'是' if value else '否'}”不是日期：{EXAMPLE}")
    if isinstance(value, int):
        if FIRST_SERIAL <= value < LAST_SERIAL:
            return Reading(EXCEL_EPOCH + timedelta(days=value))
        if 19000101 <= value <= 20991231:
            return read_date(str(value), cal, month)
        raise ValueError(f"数字 {_short(value)} 不是日期：{EXAMPLE}")
    if isinstance(value, float):
        return _number(value, cal, month)
    return _text(str(value), cal, month)


def _short(value: int) -> str:
    """A whole number as the message shows it, even one too long to print."""
    return (
        str(value)
        if value.bit_length() < 100
        else f"（{value.bit_length() * 3 // 10} 位以上的数字）"
    )


def _number(value: float, cal: Calendar, month: Month) -> Reading:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"“{value}”不是日期：{EXAMPLE}")
    if value.is_integer():
        return read_date(int(value), cal, month)
    if FIRST_SERIAL <= value < LAST_SERIAL:  # a date with a time of day
        return Reading(EXCEL_EPOCH + timedelta(days=int(value)))
    text = repr(value)
    whole, _, part = text.partition(".")
    if 1 <= int(value) <= 12 and len(part) == 1 and part in "123":
        raise Vague(
            f"数字 {text} 可能是 {whole}月{part}日，也可能是 {whole}月{part}0日（Excel 把 {text}0 存成"
            f" {text}）：请写成 {whole}月{part}日 或 {whole}月{part}0日"
        )
    if 1900 < value < 2100 and len(part) == 1 and part == "1":
        raise Vague(
            f"数字 {text} 可能是 {whole}年1月，也可能是 {whole}年10月：请写成 {whole}年1月 或 {whole}年10月"
        )
    return _text(text, cal, month)


def _text(raw: str, cal: Calendar, month: Month) -> Reading:
    written = " ".join(raw.split())[:40]
    text = _TIME.sub("", normalize(raw)) or normalize(raw)
    if VAGUE.search(text):
        said = re.search(r"(\d{1,2})月", text)
        example = (
            f"{cal.year}-{int(said[1]):02d}-15"
            if said and 1 <= int(said[1]) <= 12
            else f"{cal.year}-04-15"
        )
        raise Vague(f"“{written}”不是确切的日期：请写明哪一天，例如 {example}")
    found = _FULL.match(text) or _COMPACT.match(text)
    if found:
        year = int(found["y"])
        year = cal.full_year(year) if len(found["y"]) == 2 else year
        note = f"年份只写了两位，按 {year} 年记录" if len(found["y"]) == 2 else ""
        return Reading(_day(year, int(found["m"]), int(found["d"]), written), note)
    found = _MONTH_DAY.match(text)
    if found:
        day = _day(cal.year, int(found["m"]), int(found["d"]), written)
        return Reading(day, f"没有写年份，按{cal.year_from or '活动年份'} {cal.year} 年记录")
    found = _YEAR_MONTH.match(text) or _MONTH.match(text)
    if found:
        groups = found.groupdict()
        if groups.get("y"):
            year, number = int(groups["y"]), int(groups["m"])
        elif groups.get("yy"):
            year, number = cal.full_year(int(groups["yy"])), int(groups["mm"])
        else:
            year, number = cal.year, int(groups["m"])
        return _month(year, number, month, written)
    if _TWO_DATES.search(text):
        raise Vague(f"“{written}”写了一段时间或几个日期：请只写一个日期，{EXAMPLE}")
    raise ValueError(f"日期“{written}”无法识别：{EXAMPLE}")


def _day(year: int, month: int, day: int, written: str) -> date:
    if year not in YEARS:
        raise ValueError(
            f"日期“{written}”的年份 {year} 超出了台账日期的范围（1900 年至 2099 年）：请核对"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"日期“{written}”不存在：请核对年月日") from None


def _month(year: int, number: int, month: Month, written: str) -> Reading:
    if not 1 <= number <= 12 or not 1 <= year <= 9999:
        raise ValueError(f"日期“{written}”不存在：请核对年月")
    if month is None:
        raise Vague(f"“{written}”只写到月：请写明哪一天，例如 {year}-{number:02d}-15")
    last = calendar.monthrange(year, number)[1]
    day = date(year, number, 1 if month == "first" else last)
    which = " 1 日" if month == "first" else "最后一天"
    return Reading(day, f"只写到月，按当月{which}（{day}）记录")


def parse_cell_date(value: object, cal: Calendar | None = None) -> date:
    """The day of a cell that holds a whole date; ValueError with a Chinese reason otherwise."""
    return read_date(value, cal or Calendar(2008, 2008)).day
