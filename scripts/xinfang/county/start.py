"""A new campaign from plain data: the county, its dates, its units and leaders, and optionally
the last campaign's repository. What `xinfang init` calls, whatever the units were read from (a
units list, a ledger, the last campaign)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..errors import XinfangError
from .campaign_file import PLAN_POLICIES, CampaignSpec
from .carry import carry_over, last_campaign
from .init import Fill, Made, Then, init_repository, office_code
from .plan import Schedule, plan_of_year, schedule
from .units import Leader, UnitSpec, with_codes


def campaign_schedule(
    year: int | None, start: date | None, end: date | None, default_year: int | None = None
) -> Schedule:
    """The plan's dates in ``year``, or the plan stretched from ``start`` to ``end``."""
    if start or end:
        if not (start and end):
            raise XinfangError(
                "--start 和 --end 要一起写，例如 --start 2009-03-01 --end 2009-06-30。"
            )
        if year and year != start.year:
            raise XinfangError(f"--year {year} 与 --start {start} 不是同一年：只写一种即可。")
        return schedule(start, end)
    year = year or default_year
    if year is None:
        raise XinfangError(
            "请写活动年度 --year（例如 --year 2009），或用 --start、--end 写起止日期。"
        )
    if not 1990 <= year <= 2100:
        raise XinfangError(f"活动年度 {year} 不对：请写四位数的年份，例如 --year 2009。")
    return plan_of_year(year)


@dataclass
class Started:
    made: Made
    summary: list[str] = field(default_factory=list)  # what was carried, and what was not


def start_campaign(
    target: Path,
    *,
    county: str | None,
    county_code: str | None = None,
    year: int | None = None,
    start: date | None = None,
    end: date | None = None,
    units: Sequence[UnitSpec] | None = None,
    leaders: Sequence[Leader] = (),
    office: str | None = None,
    last_repo: Path | None = None,
    fill: Fill | None = None,
    then: Then | None = None,
    audit_from: date | None = None,
) -> Started:
    """Make the new campaign's repository in ``target``; with ``last_repo``, continue that one.
    ``fill`` adds to the written repository before its first commit, ``then`` in a second commit
    (a ledger's rows imported as the first cases); commits before ``audit_from`` are not audited
    (records entered from a ledger)."""
    last = last_campaign(last_repo) if last_repo is not None else None
    if last is not None and units is not None:
        raise XinfangError(
            "--from 沿用上次活动的成员单位和代码，不能同时给出单位名单：请去掉其中一个。"
        )
    if last is None and not units:
        raise XinfangError(
            "请用 --units 给出单位名单（文本文件或 Excel），或用 --from 沿用上次活动的单位。"
        )
    county = county or (last.county if last else None)
    if not county or not county.strip():
        raise XinfangError("请用 --county 写县（区）名称，例如 --county 东平县。")
    if county_code is not None and not re.fullmatch(r"[0-9]{6}", county_code):
        raise XinfangError(f"行政区划代码 {county_code} 不对：请写 6 位数字，例如 --code 341122。")
    plan = campaign_schedule(year, start, end, last.year + 1 if last else None)
    if last is not None:
        spec = last.next_spec(county.strip(), plan, last.units, office)
        if county_code:
            spec = replace(spec, county_code=county_code)
        records, summary = carry_over(last, spec)
    else:
        coded = with_codes(list(units or ()))
        spec = CampaignSpec(
            county=county.strip(),
            schedule=plan,
            units=coded,
            office=office_code(coded, office),
            leaders=leaders,
            county_code=county_code or "",
            policies={**PLAN_POLICIES, **({"audit_from": audit_from} if audit_from else {})},
        )
        records, summary = {}, []
    made = init_repository(target, spec, records, summary, fill, then)
    return Started(made, made.summary)
