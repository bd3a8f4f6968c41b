"""Petitioners' identity-card and phone numbers: the forms a real number can take.

Identity numbers follow GB 11643-1999: six digits of region, the birth date YYYYMMDD, a
three-digit sequence and a check digit (0-9 or X). Region codes are not checked against a list:
codes change with every redistricting, and sample data uses a code that belongs to no county. The
15-digit numbers issued before 1999 (birth date YYMMDD of the 1900s, no check digit) are accepted
with a note. Messages never repeat a number or a birth date: findings are published.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from ..records.case import Case
from .context import CaseContext, Check

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_DIGITS = "10X98765432"  # indexed by the weighted sum modulo 11
OLDEST_YEARS = 120  # nobody petitions at a greater age

_AREA = re.compile(r"^0[0-9]{2,3}$")
_LOCAL = re.compile(r"^[0-9]{7,8}$")
_EXTENSION = re.compile(r"^[0-9]{1,6}$")

Form = Literal["18", "15"]


def check_digit(first17: str) -> str:
    """The GB 11643 check digit of the first 17 digits."""
    return _CHECK_DIGITS[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def birth_date(number: str) -> date | None:
    """The birth date an identity number holds (18 or 15 digits); None if it is no real date."""
    text = number[6:14] if len(number) == 18 else "19" + number[6:12]
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def id_number_problem(number: str, registered: date) -> str | None:
    """What is wrong with an identity number (as the schema lets it through), or None."""
    if len(number) == 18 and check_digit(number[:17]) != number[17]:
        return (
            "校验码（第 18 位）与前 17 位不符，号码中有数字抄错或顺序颠倒："
            "请对照身份证逐位核对；一时核对不了的，先删去 id_number，不要改末位凑数。"
        )
    born = birth_date(number)
    if born is None:
        return "第 7 至 14 位（15 位旧号码为第 7 至 12 位）的出生日期不是真实的日期：请对照身份证核对。"
    if born > registered:
        return "中的出生日期晚于案件登记日期：请对照身份证核对。"
    if registered.year - born.year > OLDEST_YEARS:
        return f"中的出生日期在 {OLDEST_YEARS} 年以前：请对照身份证核对出生年份。"
    return None


def phone_problem(phone: str) -> str | None:
    """What is wrong with a phone number (digits and hyphens, as the schema allows), or None.

    The text continues "联系电话…".
    """
    digits = phone.replace("-", "")
    example = "请写成“区号-号码”，例如 '0556-2345678'。"
    if digits.startswith("1"):
        if len(digits) != 11:
            return f"是手机号码，应为 11 位数字，这里是 {len(digits)} 位：请核对。"
        return None
    if not digits.startswith("0"):
        if _LOCAL.match(digits):
            return f"缺少区号：{example}"
        return "位数不对：请核对；手机号码 11 位，固定电话写成“区号-号码”，例如 '0556-2345678'。"
    if "-" not in phone:
        if len(digits) not in (11, 12):
            return f"是带区号的固定电话，应为 11 或 12 位数字：请核对，并{example}"
        return None
    area, _, rest = phone.partition("-")
    local, _, extension = rest.partition("-")
    if not _AREA.match(area):
        return f"的区号应是以 0 开头的 3 或 4 位数字：{example}"
    if not _LOCAL.match(local):
        return "中区号后的号码应为 7 或 8 位数字：请核对。"
    if extension and not _EXTENSION.match(extension):
        return "的分机号应为 1 至 6 位数字：请写成“区号-号码-分机号”。"
    return None


def _who(case: Case, i: int) -> str:
    return f"第 {i + 1} 名信访人" if len(case.petitioners) > 1 else "信访人"


def id_numbers(ctx: CaseContext) -> Check:
    case = ctx.record
    seen: dict[str, int] = {}
    for i, person in enumerate(case.petitioners):
        number = person.id_number
        if number is None:
            continue
        problem = id_number_problem(number, case.registered)
        if problem:
            yield ("petitioners", i, "id_number"), f"{_who(case, i)}的身份证号{problem}"
        elif number in seen:
            yield (
                ("petitioners", i, "id_number"),
                f"第 {i + 1} 名信访人的身份证号与第 {seen[number] + 1} 名相同：请核对，"
                f"同一人不要重复列出。",
            )
        seen.setdefault(number, i)


def old_id_numbers(ctx: CaseContext) -> Check:
    case = ctx.record
    for i, person in enumerate(case.petitioners):
        number = person.id_number
        if number and len(number) == 15 and not id_number_problem(number, case.registered):
            yield (
                ("petitioners", i, "id_number"),
                f"{_who(case, i)}的身份证号是 15 位旧号码，可以使用："
                f"有条件时请换成现行的 18 位号码（对照信访人的第二代身份证）。",
            )


def phones(ctx: CaseContext) -> Check:
    case = ctx.record
    for i, person in enumerate(case.petitioners):
        if person.phone is None:
            continue
        problem = phone_problem(person.phone)
        if problem:
            yield ("petitioners", i, "phone"), f"{_who(case, i)}的联系电话{problem}"
