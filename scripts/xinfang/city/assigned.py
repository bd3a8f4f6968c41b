"""The city's own assigned cases (市交办件, ``assigned.yml``), reconciled with the counties' records.

::

    assigned:
      - {number: 市信交〔2008〕8号, county: '349901', issued: '2008-04-10', report_due: '2008-07-10'}

Each county records what it received from the city as an assignment (``assignments/`` with
``level: city``) under the city's document number. The city's list and the counties' records
are matched on county and number: received or not, the report-back due, reported (报结) when,
and overdue on the as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import ConfigError
from ..records.loader import load_file
from ..records.yaml_nodes import line_of
from .config import CityConfig
from .load import insert

ASSIGNED_FILE = "assigned.yml"


@dataclass(frozen=True)
class CityAssignment:
    number: str
    county: str
    issued: date
    report_due: date


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def read_assigned(config: CityConfig) -> list[CityAssignment]:
    """The city's list (empty when the file is absent); every mistake at once, located."""
    path = config.root / ASSIGNED_FILE
    if not path.is_file():
        return []
    loaded = load_file(path, config.root)
    if loaded.data is None:
        details = "\n".join(f"  {f.file}:{f.line}: {f.message}" for f in loaded.findings)
        raise ConfigError(f"{ASSIGNED_FILE} 读不出来：\n{details}")
    data = loaded.data
    entries = data.get("assigned") or []
    problems, out = [], []
    codes = {c.code for c in config.counties}
    if not isinstance(entries, list):
        entries = []
        problems.append(f"  {ASSIGNED_FILE}:{line_of(data, ['assigned'])}: assigned 应为一个清单。")
    seen: set[tuple[str, str]] = set()
    for i, entry in enumerate(entries):
        at = f"  {ASSIGNED_FILE}:{line_of(data, ['assigned', i])}: "
        if not isinstance(entry, dict):
            problems.append(
                at
                + "每件写成 {number: 文号, county: '县代码', issued: '日期', report_due: '日期'}。"
            )
            continue
        number, county = entry.get("number"), entry.get("county")
        issued, due = _day(entry.get("issued")), _day(entry.get("report_due"))
        if not isinstance(number, str) or not number.strip():
            problems.append(at + "缺少交办文号 number。")
        if county not in codes:
            problems.append(
                at + f"county {county!r} 不是 counties.yml 中的县代码（带引号的 6 位数字）。"
            )
        if issued is None or due is None:
            problems.append(
                at + "issued（交办日期）和 report_due（报结期限）要写成带引号的 'YYYY-MM-DD'。"
            )
        elif due < issued:
            problems.append(at + "报结期限早于交办日期：请核对。")
        if isinstance(number, str) and isinstance(county, str):
            if (county, number.strip()) in seen:
                problems.append(at + f"{number} 交办给同一个县写了两次：请删去一条。")
            seen.add((county, number.strip()))
        if not problems and isinstance(number, str) and isinstance(county, str) and issued and due:
            out.append(CityAssignment(number.strip(), county, issued, due))
    if problems:
        raise ConfigError(f"{ASSIGNED_FILE} 有错误：\n" + "\n".join(problems))
    return out


def load_assigned(con: Any, items: list[CityAssignment]) -> None:
    con.execute(
        "CREATE TABLE city_assigned (number VARCHAR, county VARCHAR, issued DATE, report_due DATE)"
    )
    if items:
        insert(con, "city_assigned", [(a.number, a.county, a.issued, a.report_due) for a in items])
